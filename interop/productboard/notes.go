package productboard

import (
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/productops/productops/feedback"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
)

// Notes is what ReadNotes returns: feedback records ready for a feedback.Dataset (add the
// requests, for example from Requests).
type Notes struct {
	Items    []feedback.Item    `json:"items"`
	People   []feedback.Person  `json:"people"`
	Accounts []feedback.Account `json:"accounts"`
	Links    []feedback.Link    `json:"links"`
}

// NotesOptions configures ReadNotes.
type NotesOptions struct {
	// AnonymousAuthor is the person a note without a user is attributed to; empty means
	// such a note is an error. The person is added to People.
	AnonymousAuthor feedback.PersonID `json:"anonymous_author,omitempty"`
	// Limits bounds the read; zero fields mean the defaults.
	Limits column.Limits `json:"limits,omitzero"`
}

type apiNote struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Content string `json:"content"`
	Company *struct {
		ID string `json:"id"`
	} `json:"company"`
	User *struct {
		ID    string `json:"id"`
		Email string `json:"email"`
		Name  string `json:"name"`
	} `json:"user"`
	State  string `json:"state"`
	Source *struct {
		Origin   string `json:"origin"`
		RecordID string `json:"record_id"`
	} `json:"source"`
	Tags     []string `json:"tags"`
	Features []struct {
		ID         string `json:"id"`
		Importance string `json:"importance"`
	} `json:"features"`
	CreatedAt string `json:"createdAt"`
}

// Importance levels of a note's link to a feature, on feedback.ProductboardScale.
var importance = map[string]int{"not_important": 0, "nice_to_have": 1, "important": 2, "critical": 3}

// ReadNotes reads notes pages; see ReadNotesContext.
func ReadNotes(r io.Reader, opts NotesOptions) (Notes, error) {
	return ReadNotesContext(context.Background(), r, opts)
}

// ReadNotesContext reads the responses of Productboard's GET /notes: objects with a "data"
// array of notes (and "pageCursor", "totalResults", "links", which are skipped), one page
// or several one after another. Each note becomes a feedback.Item: ID the note id, Source
// and SourceRecord from source.origin and source.record_id (or "productboard" and the id),
// Text the title and the content joined by a blank line, Author the user id, Account the
// company id, CreatedAt from createdAt (RFC 3339), Tags, and State from state
// ("unprocessed", "processed", "archived"). Each linked feature becomes a feedback.Link
// with the importance on Productboard's scale ("not_important" 0 … "critical" 3;
// "unknown" or none is nil). Every bad value is reported (up to 50) by JSON path
// ("data[3].createdAt"). ctx is checked every 1024 notes.
func ReadNotesContext(ctx context.Context, r io.Reader, opts NotesOptions) (Notes, error) {
	e := validation.New("productboard: notes options")
	e.Merge("limits", opts.Limits.Validate())
	if err := e.Err(); err != nil {
		return Notes{}, err
	}
	if r == nil {
		return Notes{}, nilReader("productboard: notes")
	}
	errs := tabular.NewErrors("productboard: notes")
	var out Notes
	seenNote := map[string]int{}
	seenRecord := map[[2]string]int{}
	people := map[string]int{}
	accounts := map[string]bool{}
	err := tabular.Pages(ctx, r, opts.Limits.Or(), errs, map[string]tabular.Handler{
		"data": {Each: func(raw json.RawMessage, i int) error {
			p := "data[" + strconv.Itoa(i) + "]"
			var n apiNote
			if err := json.Unmarshal(raw, &n); err != nil {
				errs.Add(p, "json", "want a note object: "+jsonWhy(err))
				return nil
			}
			if n.ID == "" {
				errs.Add(p+".id", "required", "the note id is empty")
				return nil
			}
			if prev, dup := seenNote[n.ID]; dup {
				errs.Add(p+".id", "unique", "note "+tabular.Quote(n.ID)+" repeats data["+strconv.Itoa(prev)+"]")
				return nil
			}
			seenNote[n.ID] = i
			it := feedback.Item{ID: feedback.ItemID(n.ID), Source: "productboard", SourceRecord: n.ID, Tags: n.Tags}
			if n.Source != nil && n.Source.Origin != "" {
				it.Source, it.SourceRecord = n.Source.Origin, n.Source.RecordID
				if it.SourceRecord == "" {
					it.SourceRecord = n.ID
				}
			}
			rk := [2]string{it.Source, it.SourceRecord}
			if prev, dup := seenRecord[rk]; dup {
				errs.Add(p+".source", "unique", "source record "+tabular.Quote(it.Source+" "+it.SourceRecord)+" repeats data["+strconv.Itoa(prev)+"]")
				return nil
			}
			seenRecord[rk] = i
			it.Text = strings.TrimSpace(strings.TrimSpace(n.Title) + "\n\n" + strings.TrimSpace(n.Content))
			t, err := time.Parse(time.RFC3339Nano, n.CreatedAt)
			if err != nil {
				errs.Add(p+".createdAt", "time", tabular.Quote(n.CreatedAt)+" is not an RFC 3339 time such as 2026-06-01T10:00:00.000Z")
			}
			it.CreatedAt = t
			switch n.State {
			case "", "unprocessed":
				it.State = feedback.ItemUnprocessed
			case "processed":
				it.State = feedback.ItemProcessed
			case "archived":
				it.State = feedback.ItemArchived
			default:
				errs.Add(p+".state", "oneof", tabular.Quote(n.State)+" is not a note state: want unprocessed, processed or archived")
			}
			company := ""
			if n.Company != nil {
				company = n.Company.ID
			}
			it.Account = feedback.AccountID(company)
			if company != "" && !accounts[company] {
				accounts[company] = true
				out.Accounts = append(out.Accounts, feedback.Account{ID: feedback.AccountID(company)})
			}
			switch {
			case n.User != nil && n.User.ID != "":
				it.Author = feedback.PersonID(n.User.ID)
				if _, ok := people[n.User.ID]; !ok {
					people[n.User.ID] = len(out.People)
					out.People = append(out.People, feedback.Person{ID: it.Author, Name: n.User.Name, Email: n.User.Email, Account: feedback.AccountID(company)})
				}
			case opts.AnonymousAuthor != "":
				it.Author = opts.AnonymousAuthor
				if _, ok := people[string(opts.AnonymousAuthor)]; !ok {
					people[string(opts.AnonymousAuthor)] = len(out.People)
					out.People = append(out.People, feedback.Person{ID: opts.AnonymousAuthor})
				}
			default:
				errs.Add(p+".user", "required", "the note has no user; set NotesOptions.AnonymousAuthor to attribute such notes")
			}
			links := map[string]int{}
			for j, f := range n.Features {
				if f.ID == "" {
					errs.Add(p+".features["+strconv.Itoa(j)+"].id", "required", "is empty")
					continue
				}
				var imp *int
				if v, ok := importance[f.Importance]; ok {
					imp = &v
				} else if f.Importance != "" && f.Importance != "unknown" {
					errs.Add(p+".features["+strconv.Itoa(j)+"].importance", "oneof", tabular.Quote(f.Importance)+" is not an importance: want unknown, not_important, nice_to_have, important or critical")
				}
				if k, dup := links[f.ID]; dup {
					if l := &out.Links[k]; imp != nil && (l.Importance == nil || *imp > *l.Importance) {
						l.Importance = imp
					}
					continue
				}
				links[f.ID] = len(out.Links)
				out.Links = append(out.Links, feedback.Link{Item: it.ID, Request: feedback.RequestID(f.ID), Importance: imp, CreatedAt: it.CreatedAt})
			}
			out.Items = append(out.Items, it)
			return nil
		}},
	})
	if err != nil {
		return Notes{}, err
	}
	if err := errs.Err(); err != nil {
		return Notes{}, err
	}
	return out, nil
}

// jsonWhy describes a decoding error without echoing input.
func jsonWhy(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		return "field " + te.Field + " is a JSON " + te.Value + ", want " + te.Type.String()
	}
	return "malformed"
}
