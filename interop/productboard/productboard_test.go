package productboard

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/feedback"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
	"github.com/productops/productops/roadmap"
)

var cmpDec = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func dec(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

func ptr(i int) *int { return &i }

func open(t testing.TB, name string) []byte {
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var rice = Mapping{Scores: column.ScoreColumns{Reach: "Reach", Impact: "Impact", Confidence: "Confidence", ConfidenceUnit: column.UnitPercent, Effort: "Effort"}}

func TestReadFeatures(t *testing.T) {
	got, err := ReadFeatures(bytes.NewReader(open(t, "features.csv")), Options{Mapping: rice})
	if err != nil {
		t.Fatal(err)
	}
	want := []Feature{
		{ID: "3f1c9a2e-8b7d-4c6e-9f01-2a3b4c5d6e7f", Name: "Saved cards", Type: "feature", Status: "In progress", Parent: "Checkout", Owner: "ana@example.com",
			Scores: column.Scores{Reach: dec("1200"), Impact: dec("2"), Confidence: dec("0.8"), Effort: dec("3")}},
		{ID: "4a2d0b3f-9c8e-4d7f-a012-3b4c5d6e7f80", Name: "Apple Pay", Type: "subfeature", Status: "Candidate", Parent: "Saved cards", Owner: "ana@example.com",
			Scores: column.Scores{Reach: dec("400"), Impact: dec("1"), Confidence: dec("0.5"), Effort: dec("2")}},
		{ID: "5b3e1c40-ad9f-4e80-b123-4c5d6e7f8091", Name: "Guest checkout", Type: "feature", Status: "Released", Parent: "Checkout", Owner: "ben@example.com",
			Scores: column.Scores{Reach: dec("900"), Impact: dec("0.5"), Confidence: dec("1"), Effort: dec("1")}},
	}
	if d := cmp.Diff(want, got, cmpDec); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	in, err := RICE(got)
	if err != nil || len(in) != 3 || !in[1].Confidence.Equal(decimal.RequireFromString("0.5")) {
		t.Errorf("RICE %v %v", in, err)
	}
	items, err := Items(got, nil)
	if err != nil {
		t.Fatal(err)
	}
	if items[0].Status != roadmap.InProgress || items[1].Status != roadmap.Backlog || items[2].Status != roadmap.Done {
		t.Errorf("items %+v", items)
	}
	if err := roadmap.CheckItems(items); err != nil {
		t.Error(err)
	}
	if _, err := Items([]Feature{{ID: "x", Status: "Shaping"}}, nil); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("unknown status: %v", err)
	}
	items, err = Items([]Feature{{ID: "x", Status: "Shaping"}}, map[string]roadmap.Category{"SHAPING": roadmap.Planned})
	if err != nil || items[0].Status != roadmap.Planned {
		t.Errorf("custom status: %v %v", items, err)
	}
	if _, err := RICE([]Feature{{ID: "x"}}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("RICE without inputs: %v", err)
	}
	reqs := Requests(got)
	if len(reqs) != 3 || reqs[0].Title != "Saved cards" || reqs[0].Validate() != nil {
		t.Errorf("requests %+v", reqs)
	}
	byName, err := ReadFeatures(strings.NewReader("Name,Status\nA,Planned\n"), Options{})
	if err != nil || byName[0].ID != "A" {
		t.Errorf("ID from name: %v %v", byName, err)
	}
}

func TestReadFeaturesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		opts     Options
		paths    []string
	}{
		{"no name", "ID\n1\n", Options{}, []string{"mapping.name"}},
		{"mapped id missing", "Name\nA\n", Options{Mapping: Mapping{ID: "Feature ID"}}, []string{"mapping.id"}},
		{"empty id", "ID,Name\n,A\n", Options{}, []string{"line 2: ID"}},
		{"duplicate", "Name\nA\nA\n", Options{}, []string{"line 3: Name"}},
		{"ambiguous", "Name,Confidence\nA,0.8\n", Options{Mapping: Mapping{Scores: column.ScoreColumns{Confidence: "Confidence", ConfidenceUnit: column.UnitPercent}}}, []string{"line 2: Confidence"}},
		{"no unit", "Name\nA\n", Options{Mapping: Mapping{Scores: column.ScoreColumns{Confidence: "Confidence"}}}, []string{"mapping.scores.confidence_unit"}},
		{"limits", "Name\nA\n", Options{Limits: column.Limits{MaxRecordBytes: -5}}, []string{"limits.max_record_bytes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFeatures(strings.NewReader(tc.in), tc.opts)
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("%v", err)
			}
			if d := cmp.Diff(tc.paths, fieldtest.Paths(t, err)); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
	if _, err := ReadFeatures(nil, Options{}); !errors.Is(err, productops.ErrInvalid) {
		t.Error(err)
	}
}

func TestReadNotes(t *testing.T) {
	got, err := ReadNotes(bytes.NewReader(open(t, "notes.json")), NotesOptions{AnonymousAuthor: "anonymous"})
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	want := Notes{
		Items: []feedback.Item{
			{ID: "6f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f", Source: "zendesk", SourceRecord: "4812",
				Text:   "Checkout keeps asking for my card\n\n<p>We buy every week; please remember the card.</p>",
				Author: "u1b2c3d4-e5f6-4a70-8192-b3c4d5e6f7a8", Account: "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8",
				CreatedAt: at("2026-06-01T10:00:00Z"), Tags: []string{"checkout", "payments"}, State: feedback.ItemProcessed},
			{ID: "7a1d2e3f-4b5c-4d6e-9f70-8b9c0d1e2f30", Source: "productboard", SourceRecord: "7a1d2e3f-4b5c-4d6e-9f70-8b9c0d1e2f30",
				Text:   "Apple Pay please\n\nSales call: the buyer's team pays with Apple Pay.",
				Author: "u2c3d4e5-f6a7-4b80-9203-c4d5e6f7a8b9", Account: "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8",
				CreatedAt: at("2026-06-03T15:20:00Z"), Tags: []string{}, State: feedback.ItemUnprocessed},
			{ID: "8b2e3f40-5c6d-4e7f-a081-9c0d1e2f3041", Source: "intercom", SourceRecord: "conv_99", Text: "Guest checkout works great",
				Author: "anonymous", CreatedAt: at("2026-06-04T09:00:00Z"), Tags: []string{"praise"}, State: feedback.ItemArchived},
		},
		People: []feedback.Person{
			{ID: "u1b2c3d4-e5f6-4a70-8192-b3c4d5e6f7a8", Account: "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8"},
			{ID: "u2c3d4e5-f6a7-4b80-9203-c4d5e6f7a8b9", Account: "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8"},
			{ID: "anonymous"},
		},
		Accounts: []feedback.Account{{ID: "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8"}},
		Links: []feedback.Link{
			{Item: "6f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f", Request: "3f1c9a2e-8b7d-4c6e-9f01-2a3b4c5d6e7f", Importance: ptr(3), CreatedAt: at("2026-06-01T10:00:00Z")},
			{Item: "6f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f", Request: "4a2d0b3f-9c8e-4d7f-a012-3b4c5d6e7f80", CreatedAt: at("2026-06-01T10:00:00Z")},
			{Item: "7a1d2e3f-4b5c-4d6e-9f70-8b9c0d1e2f30", Request: "4a2d0b3f-9c8e-4d7f-a012-3b4c5d6e7f80", Importance: ptr(2), CreatedAt: at("2026-06-03T15:20:00Z")},
			{Item: "8b2e3f40-5c6d-4e7f-a081-9c0d1e2f3041", Request: "5b3e1c40-ad9f-4e80-b123-4c5d6e7f8091", Importance: ptr(1), CreatedAt: at("2026-06-04T09:00:00Z")},
		},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	// The records load into a feedback dataset with the features as requests, and demand
	// scores them.
	features, _ := ReadFeatures(bytes.NewReader(open(t, "features.csv")), Options{})
	ds := feedback.Dataset{Items: got.Items, People: got.People, Accounts: got.Accounts, Links: got.Links, Requests: Requests(features)}
	if err := ds.Validate(); err != nil {
		t.Fatalf("dataset: %v", err)
	}
}

func TestReadNotesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		paths    []string
	}{
		{"not object", `{"data":[1]}`, []string{"data[0]"}},
		{"no id", `{"data":[{"user":{"id":"u"},"createdAt":"2026-06-01T10:00:00Z"}]}`, []string{"data[0].id"}},
		{"dup", `{"data":[{"id":"a","user":{"id":"u"},"createdAt":"2026-06-01T10:00:00Z"},{"id":"a"}]}`, []string{"data[1].id"}},
		{"dup record", `{"data":[{"id":"a","source":{"origin":"z","record_id":"1"},"user":{"id":"u"},"createdAt":"2026-06-01T10:00:00Z"},{"id":"b","source":{"origin":"z","record_id":"1"}}]}`, []string{"data[1].source"}},
		{"time", `{"data":[{"id":"a","user":{"id":"u"},"createdAt":"June 1"}]}`, []string{"data[0].createdAt"}},
		{"state", `{"data":[{"id":"a","user":{"id":"u"},"state":"done","createdAt":"2026-06-01T10:00:00Z"}]}`, []string{"data[0].state"}},
		{"no user", `{"data":[{"id":"a","createdAt":"2026-06-01T10:00:00Z"}]}`, []string{"data[0].user"}},
		{"feature id", `{"data":[{"id":"a","user":{"id":"u"},"createdAt":"2026-06-01T10:00:00Z","features":[{"id":""}]}]}`, []string{"data[0].features[0].id"}},
		{"importance", `{"data":[{"id":"a","user":{"id":"u"},"createdAt":"2026-06-01T10:00:00Z","features":[{"id":"f","importance":"huge"}]}]}`, []string{"data[0].features[0].importance"}},
		{"tags type", `{"data":[{"id":"a","tags":"x"}]}`, []string{"data[0]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadNotes(strings.NewReader(tc.in), NotesOptions{})
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("%v", err)
			}
			if d := cmp.Diff(tc.paths, fieldtest.Paths(t, err)); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
	// One note linked twice to a feature counts once, with the highest importance.
	got, err := ReadNotes(strings.NewReader(`{"data":[{"id":"a","user":{"id":"u"},"createdAt":"2026-06-01T10:00:00Z","features":[{"id":"f","importance":"nice_to_have"},{"id":"f","importance":"critical"},{"id":"f"}]}]}`), NotesOptions{})
	if err != nil || len(got.Links) != 1 || *got.Links[0].Importance != 3 {
		t.Errorf("%+v %v", got.Links, err)
	}
	if _, err := ReadNotes(nil, NotesOptions{}); !errors.Is(err, productops.ErrInvalid) {
		t.Error(err)
	}
	if _, err := ReadNotes(strings.NewReader(`{}`), NotesOptions{Limits: column.Limits{MaxRecords: -1}}); !errors.Is(err, productops.ErrInvalid) {
		t.Error(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadNotesContext(ctx, bytes.NewReader(open(t, "notes.json")), NotesOptions{}); !errors.Is(err, context.Canceled) {
		t.Error(err)
	}
}

func TestPropertyChunks(t *testing.T) {
	csv, notes := open(t, "features.csv"), open(t, "notes.json")
	wf, err1 := ReadFeatures(bytes.NewReader(csv), Options{Mapping: rice})
	wn, err2 := ReadNotes(bytes.NewReader(notes), NotesOptions{AnonymousAuthor: "anon"})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("fixtures read the same in any chunks", prop.ForAll(func(sizes []int) bool {
		f, err1 := ReadFeatures(tabular.Chunks(csv, sizes), Options{Mapping: rice})
		n, err2 := ReadNotes(tabular.Chunks(notes, sizes), NotesOptions{AnonymousAuthor: "anon"})
		return err1 == nil && err2 == nil && cmp.Diff(wf, f, cmpDec) == "" && cmp.Diff(wn, n) == ""
	}, gen.SliceOf(gen.IntRange(1, 97))))
	props.TestingRun(t)
}

func FuzzReadFeatures(f *testing.F) {
	f.Add(open(f, "features.csv"), []byte(`{"mapping":{"scores":{"reach":"Reach","confidence":"Confidence","confidence_unit":"percent"}}}`))
	f.Fuzz(func(t *testing.T, in, opts []byte) {
		var o Options
		_ = json.Unmarshal(opts, &o)
		tabular.Guard(t, 2*time.Second, 256<<20, func() {
			fs, err := ReadFeatures(bytes.NewReader(in), o)
			if err == nil {
				_, _ = Items(fs, nil)
				_, _ = RICE(fs)
			}
		})
	})
}

func FuzzReadNotes(f *testing.F) {
	f.Add(open(f, "notes.json"), []byte(`{"anonymous_author":"anon"}`))
	f.Fuzz(func(t *testing.T, in, opts []byte) {
		var o NotesOptions
		_ = json.Unmarshal(opts, &o)
		tabular.Guard(t, 2*time.Second, 256<<20, func() {
			n, err := ReadNotes(bytes.NewReader(in), o)
			if err == nil && len(n.Items) > 0 && n.Items[0].ID == "" {
				t.Fatal("an item without an ID")
			}
		})
	})
}
