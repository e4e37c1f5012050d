// Package productboard reads Productboard exports: the features CSV of a features board
// (Export › CSV, one row per feature or subfeature with the board's columns, custom fields
// under their names) into Features that convert to prioritize inputs, roadmap items and
// feedback requests; and the notes of the public API (GET /notes, one page or several
// pages one after another) into feedback items, people, accounts and links (insights).
//
// # Identity and dedupe
//
// A feature is identified by its ID column (Productboard's feature UUID); when the export
// has no ID column, by its name, which must then be unique. A note is identified by its id;
// its feedback item's idempotency key is (source.origin, source.record_id), or
// ("productboard", id) when the note came from no external source. A person is identified
// by the note's user id and an account by its company id, each listed once. A note linked
// twice to one feature counts once, with the highest importance. Repeated IDs are errors.
//
// Readers are bounded (column.Limits); bad input is a *productops.ValidationError naming
// each bad cell by line and column or JSON path; errors.Is(err, productops.ErrInvalid)
// holds.
package productboard

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/productops/productops/feedback"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
	"github.com/productops/productops/prioritize"
	"github.com/productops/productops/roadmap"
)

// Feature is one row of a features CSV.
type Feature struct {
	// ID is the feature's ID; the name when the export has no ID column.
	ID string `json:"id"`
	// Name is the feature's name.
	Name string `json:"name,omitempty"`
	// Type is "feature" or "subfeature" as exported; empty if not exported.
	Type string `json:"type,omitempty"`
	// Status is the feature status's name ("Candidate", "In progress").
	Status string `json:"status,omitempty"`
	// Parent names the parent (component, product or feature) as exported.
	Parent string `json:"parent,omitempty"`
	// Owner is the owner's email or name as exported.
	Owner string `json:"owner,omitempty"`
	// Scores holds the prioritization inputs read through Mapping.Scores.
	Scores column.Scores `json:"scores,omitzero"`
}

// Mapping names the CSV columns to read; an empty name means the default given on the
// field. Names match case-insensitively.
type Mapping struct {
	// ID: default "ID" (optional; without it the name is the ID).
	ID string `json:"id,omitempty"`
	// Name: default "Name" (required).
	Name string `json:"name,omitempty"`
	// Type: default "Type".
	Type string `json:"type,omitempty"`
	// Status: default "Status".
	Status string `json:"status,omitempty"`
	// Parent: default "Parent".
	Parent string `json:"parent,omitempty"`
	// Owner: default "Owner".
	Owner string `json:"owner,omitempty"`
	// Scores names the custom fields holding RICE, ICE and WSJF inputs.
	Scores column.ScoreColumns `json:"scores,omitzero"`
}

// Options configures a features read.
type Options struct {
	Mapping Mapping       `json:"mapping,omitzero"`
	Limits  column.Limits `json:"limits,omitzero"`
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// ReadFeatures reads a features CSV; see ReadFeaturesContext.
func ReadFeatures(r io.Reader, opts Options) ([]Feature, error) {
	return ReadFeaturesContext(context.Background(), r, opts)
}

// ReadFeaturesContext reads a features board's CSV export: a header row, then one feature
// per record. Every bad cell is reported (up to 50) with its line and column. ctx is checked
// every 1024 records.
func ReadFeaturesContext(ctx context.Context, r io.Reader, opts Options) ([]Feature, error) {
	e := validation.New("productboard: options")
	e.Merge("limits", opts.Limits.Validate())
	e.Merge("mapping.scores", opts.Mapping.Scores.Validate())
	if err := e.Err(); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, nilReader("productboard: csv")
	}
	t, err := tabular.NewCSV(r, "productboard: csv", opts.Limits.Or())
	if err != nil {
		return nil, err
	}
	m := opts.Mapping
	idx := t.Resolve([]tabular.Col{
		{Field: "id", Name: or(m.ID, "ID")}, {Field: "name", Name: or(m.Name, "Name"), Required: true},
		{Field: "type", Name: or(m.Type, "Type")}, {Field: "status", Name: or(m.Status, "Status")},
		{Field: "parent", Name: or(m.Parent, "Parent")}, {Field: "owner", Name: or(m.Owner, "Owner")},
	})
	if m.ID != "" && len(idx[0]) == 0 {
		t.Errs.Add("mapping.id", "column", "no column "+tabular.Quote(m.ID)+" in the header")
	}
	sc := tabular.NewScoreCSV(t, m.Scores)
	if t.Errs.Len() > 0 {
		return nil, t.Errs.Err()
	}
	header := t.Header()
	key := idx[1][0]
	if len(idx[0]) > 0 {
		key = idx[0][0]
	}
	seen := map[string]int{}
	var out []Feature
	for {
		rec, ok, err := t.Next(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		get := func(k int) string {
			if len(idx[k]) == 0 {
				return ""
			}
			return strings.TrimSpace(tabular.Cell(rec, idx[k][0]))
		}
		f := Feature{ID: get(0), Name: get(1), Type: get(2), Status: get(3), Parent: get(4), Owner: get(5)}
		if len(idx[0]) == 0 {
			f.ID = f.Name
		}
		where := tabular.Where(t.Line(), header[key])
		if f.ID == "" {
			t.Errs.Add(where, "required", "the feature's ID is empty")
			continue
		}
		if prev, dup := seen[f.ID]; dup {
			t.Errs.Add(where, "unique", "feature "+tabular.Quote(f.ID)+" repeats line "+strconv.Itoa(prev))
			continue
		}
		seen[f.ID] = t.Line()
		sc.Read(t, rec, &f.Scores)
		out = append(out, f)
	}
	if err := t.Errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// DefaultStatuses maps Productboard's default feature statuses to roadmap categories.
// Keys match case-insensitively.
var DefaultStatuses = map[string]roadmap.Category{
	"new idea": roadmap.Backlog, "candidate": roadmap.Backlog, "planned": roadmap.Planned,
	"in progress": roadmap.InProgress, "released": roadmap.Done, "launched": roadmap.Done,
	"done": roadmap.Done, "won't do": roadmap.Canceled, "declined": roadmap.Canceled,
}

// Items converts features to roadmap items: ID, Title (the name), Status through statuses
// (nil means DefaultStatuses; keys match case-insensitively), StatusName, Owner, and Kind
// Feature. A status with no category in statuses is an error naming the feature: extend
// the map with your workspace's statuses.
func Items(features []Feature, statuses map[string]roadmap.Category) ([]roadmap.Item, error) {
	if statuses == nil {
		statuses = DefaultStatuses
	}
	folded := make(map[string]roadmap.Category, len(statuses))
	for k, v := range statuses {
		folded[tabular.Key(k)] = v
	}
	e := validation.New("productboard: items")
	items := make([]roadmap.Item, 0, len(features))
	for i, f := range features {
		c, ok := folded[tabular.Key(f.Status)]
		if !ok {
			e.Add("features["+strconv.Itoa(i)+"].status", "oneof", "", "status "+tabular.Quote(f.Status)+" of feature "+tabular.Quote(f.ID)+" has no roadmap category: add it to the statuses map")
			continue
		}
		items = append(items, roadmap.Item{ID: roadmap.ItemID(f.ID), Title: f.Name, Status: c, StatusName: f.Status, Owner: f.Owner})
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	return items, nil
}

// Requests returns one feedback request per feature (ID and title, status new), the
// targets of the links ReadNotes returns.
func Requests(features []Feature) []feedback.Request {
	out := make([]feedback.Request, len(features))
	for i, f := range features {
		out[i] = feedback.Request{ID: feedback.RequestID(f.ID), Title: f.Name}
	}
	return out
}

// RICE returns the RICE inputs of the features, or a *productops.ValidationError listing
// every feature with an input that was not read.
func RICE(features []Feature) ([]prioritize.RICEInput, error) {
	e := validation.New("productboard: scores")
	var out []prioritize.RICEInput
	for i, f := range features {
		in, err := f.Scores.RICE(f.ID)
		e.Merge("features["+strconv.Itoa(i)+"]", err)
		out = append(out, in)
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func nilReader(subject string) error {
	e := validation.New(subject)
	e.Add("reader", "required", "", "is nil")
	return e.Err()
}
