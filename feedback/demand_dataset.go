package feedback

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/productops/productops/internal/validation"
)

// Dataset holds everything demand scoring and theme roll-ups read: the records are plain
// slices so a dataset loads from JSON as is. Order does not matter to any result.
// A Dataset is not safe for concurrent mutation (Merge, Unmerge); reads may run concurrently.
type Dataset struct {
	// Accounts are the customer companies, unique by ID.
	Accounts []Account `json:"accounts,omitempty"`
	// People are the people behind feedback and votes, unique by ID.
	People []Person `json:"people,omitempty"`
	// Items are the pieces of feedback, unique by ID and by (source, source record).
	Items []Item `json:"items,omitempty"`
	// Links connect items to requests.
	Links []Link `json:"links,omitempty"`
	// Votes are votes on requests.
	Votes []Vote `json:"votes,omitempty"`
	// Requests are the requests (and roadmap items) demand is scored for, unique by ID.
	Requests []Request `json:"requests,omitempty"`
	// Themes are the nodes of the theme hierarchy, unique by ID.
	Themes []Theme `json:"themes,omitempty"`
	// Opportunities are sales deals that depend on requests, unique by ID.
	Opportunities []Opportunity `json:"opportunities,omitempty"`
}

// index is the dataset's lookup tables, built once per computation.
type index struct {
	accounts map[AccountID]int
	people   map[PersonID]int
	items    map[ItemID]int
	requests map[RequestID]int
	themes   map[ThemeID]int
}

func newIndex(d *Dataset) index {
	return index{
		accounts: firstIndex(d.Accounts, func(a Account) AccountID { return a.ID }),
		people:   firstIndex(d.People, func(p Person) PersonID { return p.ID }),
		items:    firstIndex(d.Items, func(it Item) ItemID { return it.ID }),
		requests: firstIndex(d.Requests, func(r Request) RequestID { return r.ID }),
		themes:   firstIndex(d.Themes, func(t Theme) ThemeID { return t.ID }),
	}
}

// firstIndex maps each ID to the position of its first record; later duplicates are left
// to validation to report.
func firstIndex[T any, K comparable](records []T, id func(T) K) map[K]int {
	m := make(map[K]int, len(records))
	for i := range records {
		k := id(records[i])
		if _, dup := m[k]; !dup {
			m[k] = i
		}
	}
	return m
}

// Validate checks every record (see each type's Validate) and the dataset as a whole:
// unique IDs, unique item idempotency keys (source, source record), every reference known
// (a person's account, an item's author, account and themes, a link's item and request, a
// vote's request, person and caster, a request's merge target and themes, a theme's parent,
// an opportunity's account and requests),
// and no cycle among merges or theme parents. Every failure names its record by JSON path
// ("links[3].request").
func (d *Dataset) Validate() error {
	if d == nil {
		return nilError("feedback: dataset", "dataset")
	}
	e := validation.New("feedback: dataset")
	ix := newIndex(d)
	for i, a := range d.Accounts {
		p := fmt.Sprintf("accounts[%d]", i)
		a.validateInto(e, p)
		if j := ix.accounts[a.ID]; j != i && a.ID != "" {
			e.Addf(p+".id", "unique", "%s repeats accounts[%d]", quoteID(string(a.ID)), j)
		}
	}
	for i, pe := range d.People {
		p := fmt.Sprintf("people[%d]", i)
		pe.validateInto(e, p)
		if j := ix.people[pe.ID]; j != i && pe.ID != "" {
			e.Addf(p+".id", "unique", "%s repeats people[%d]", quoteID(string(pe.ID)), j)
		}
		ix.checkAccount(e, p+".account", pe.Account)
	}
	keys := make(map[[2]string]int, len(d.Items))
	for i, it := range d.Items {
		p := fmt.Sprintf("items[%d]", i)
		it.validateInto(e, p)
		if j := ix.items[it.ID]; j != i && it.ID != "" {
			e.Addf(p+".id", "unique", "%s repeats items[%d]", quoteID(string(it.ID)), j)
		}
		k := [2]string{it.Source, it.SourceRecord}
		if j, dup := keys[k]; dup && it.SourceRecord != "" {
			e.Addf(p+".source_record", "unique", "source %s record %s was already imported as items[%d]",
				quoteID(it.Source), quoteID(it.SourceRecord), j)
		} else {
			keys[k] = i
		}
		ix.checkPerson(e, p+".author", it.Author)
		ix.checkAccount(e, p+".account", it.Account)
		for k, t := range it.Themes {
			ix.checkTheme(e, fmt.Sprintf("%s.themes[%d]", p, k), t)
		}
	}
	for i, l := range d.Links {
		p := fmt.Sprintf("links[%d]", i)
		l.validateInto(e, p)
		if _, ok := ix.items[l.Item]; !ok && l.Item != "" {
			e.Addf(p+".item", "exists", "unknown item %s", quoteID(string(l.Item)))
		}
		ix.checkRequest(e, p+".request", l.Request)
	}
	for i, v := range d.Votes {
		p := fmt.Sprintf("votes[%d]", i)
		v.validateInto(e, p)
		ix.checkRequest(e, p+".request", v.Request)
		ix.checkPerson(e, p+".person", v.Person)
		ix.checkPerson(e, p+".cast_by", v.CastBy)
	}
	for i, r := range d.Requests {
		p := fmt.Sprintf("requests[%d]", i)
		r.validateInto(e, p)
		if j := ix.requests[r.ID]; j != i && r.ID != "" {
			e.Addf(p+".id", "unique", "%s repeats requests[%d]", quoteID(string(r.ID)), j)
		}
		if r.MergedInto != r.ID {
			ix.checkRequest(e, p+".merged_into", r.MergedInto)
		}
		for k, t := range r.Themes {
			ix.checkTheme(e, fmt.Sprintf("%s.themes[%d]", p, k), t)
		}
	}
	for i, r := range d.Requests {
		if _, err := d.canonical(ix, r.ID); errors.Is(err, ErrMergeCycle) && ix.requests[r.ID] == i {
			e.Addf(fmt.Sprintf("requests[%d].merged_into", i), "acyclic", "%v", err)
		}
	}
	opps := make(map[OpportunityID]int, len(d.Opportunities))
	for i, o := range d.Opportunities {
		p := fmt.Sprintf("opportunities[%d]", i)
		o.validateInto(e, p)
		if j, dup := opps[o.ID]; dup && o.ID != "" {
			e.Addf(p+".id", "unique", "%s repeats opportunities[%d]", quoteID(string(o.ID)), j)
		} else {
			opps[o.ID] = i
		}
		ix.checkAccount(e, p+".account", o.Account)
		for k, r := range o.Requests {
			ix.checkRequest(e, fmt.Sprintf("%s.requests[%d]", p, k), r)
		}
	}
	for i, t := range d.Themes {
		p := fmt.Sprintf("themes[%d]", i)
		t.validateInto(e, p)
		if j := ix.themes[t.ID]; j != i && t.ID != "" {
			e.Addf(p+".id", "unique", "%s repeats themes[%d]", quoteID(string(t.ID)), j)
		}
		if t.Parent != t.ID {
			ix.checkTheme(e, p+".parent", t.Parent)
		}
		if t.ID != "" && ix.themes[t.ID] == i && themeInCycle(d, ix, i) {
			e.Addf(p+".parent", "acyclic", "theme %s is its own ancestor", quoteID(string(t.ID)))
		}
	}
	return e.Err()
}

func (ix index) checkAccount(e *validation.Errors, path string, id AccountID) {
	if _, ok := ix.accounts[id]; !ok && id != "" {
		e.Addf(path, "exists", "unknown account %s", quoteID(string(id)))
	}
}

func (ix index) checkPerson(e *validation.Errors, path string, id PersonID) {
	if _, ok := ix.people[id]; !ok && id != "" {
		e.Addf(path, "exists", "unknown person %s", quoteID(string(id)))
	}
}

func (ix index) checkRequest(e *validation.Errors, path string, id RequestID) {
	if _, ok := ix.requests[id]; !ok && id != "" {
		e.Addf(path, "exists", "unknown request %s", quoteID(string(id)))
	}
}

func (ix index) checkTheme(e *validation.Errors, path string, id ThemeID) {
	if _, ok := ix.themes[id]; !ok && id != "" {
		e.Addf(path, "exists", "unknown theme %s", quoteID(string(id)))
	}
}

// ErrMergeCycle is returned (wrapped) when merges would form a cycle, by [Dataset.Merge] and
// [Dataset.Validate].
var ErrMergeCycle = errors.New("feedback: merge cycle")

// ErrUnknownRequest is returned (wrapped) when a request ID names no request of the dataset.
var ErrUnknownRequest = errors.New("feedback: unknown request")

// ErrNotMerged is returned (wrapped) by [Dataset.Unmerge] for a request that is not merged.
var ErrNotMerged = errors.New("feedback: request not merged")

// canonical follows MergedInto links from id to the request that is not merged.
func (d *Dataset) canonical(ix index, id RequestID) (RequestID, error) {
	cur := id
	for range len(d.Requests) + 1 {
		i, ok := ix.requests[cur]
		if !ok {
			return "", fmt.Errorf("%w %s", ErrUnknownRequest, quoteID(string(cur)))
		}
		next := d.Requests[i].MergedInto
		if next == "" {
			return cur, nil
		}
		cur = next
	}
	return "", fmt.Errorf("%w through request %s", ErrMergeCycle, quoteID(string(id)))
}

// Canonical returns the request that id resolves to by following merges to the end of the
// chain (id itself when it is not merged): A merged into B merged into C resolves to C. Its
// errors match [ErrUnknownRequest] or [ErrMergeCycle] and productops.ErrInvalid.
func (d *Dataset) Canonical(id RequestID) (RequestID, error) {
	if d == nil {
		return "", nilError("feedback: dataset", "dataset")
	}
	c, err := d.canonical(newIndex(d), id)
	if err != nil {
		return "", requestError("id", err)
	}
	return c, nil
}

// requestError turns an error of canonical, wrapping a sentinel, into one that also is a
// *productops.ValidationError naming field.
func requestError(field string, err error) error {
	rule := "exists"
	var sentinel error = ErrUnknownRequest
	switch {
	case errors.Is(err, ErrMergeCycle):
		rule, sentinel = "acyclic", ErrMergeCycle
	case errors.Is(err, ErrNotMerged):
		rule, sentinel = "merged", ErrNotMerged
	}
	return invalidAnd(sentinel, inputError("feedback: dataset", field, rule, "%s", strings.TrimPrefix(err.Error(), "feedback: ")))
}

// Merge records that the request dup duplicates the request into, at the instant at. Merging
// is a link, not a copy: nothing is moved, and [Demand] scores the whole merged class, so a
// person who voted on both counts once, a chain (A into B, B into C) counts under its end,
// and [Dataset.Unmerge] restores the previous state exactly. Merging a request that is
// already merged re-points it. It returns an error matching [ErrUnknownRequest] or
// [ErrMergeCycle] (into resolves to dup) and productops.ErrInvalid, leaving the dataset
// unchanged.
func (d *Dataset) Merge(dup, into RequestID, at time.Time) error {
	if d == nil {
		return nilError("feedback: dataset", "dataset")
	}
	ix := newIndex(d)
	i, ok := ix.requests[dup]
	if !ok {
		return requestError("dup", fmt.Errorf("%w %s", ErrUnknownRequest, quoteID(string(dup))))
	}
	root, err := d.canonical(ix, into)
	if err != nil {
		return requestError("into", err)
	}
	if root == dup {
		return requestError("into", fmt.Errorf("%w: %s resolves to %s", ErrMergeCycle, quoteID(string(into)), quoteID(string(dup))))
	}
	d.Requests[i].MergedInto = into
	d.Requests[i].MergedAt = at
	return nil
}

// Unmerge undoes the merge of dup: it becomes a request of its own again, together with any
// requests that were merged into it. It returns an error matching [ErrUnknownRequest] or
// [ErrNotMerged] and productops.ErrInvalid.
func (d *Dataset) Unmerge(dup RequestID) error {
	if d == nil {
		return nilError("feedback: dataset", "dataset")
	}
	i, ok := newIndex(d).requests[dup]
	if !ok {
		return requestError("dup", fmt.Errorf("%w %s", ErrUnknownRequest, quoteID(string(dup))))
	}
	if d.Requests[i].MergedInto == "" {
		return requestError("dup", fmt.Errorf("%w: %s", ErrNotMerged, quoteID(string(dup))))
	}
	d.Requests[i].MergedInto = ""
	d.Requests[i].MergedAt = time.Time{}
	return nil
}

// MergedInto returns the requests merged into id, directly or through a chain (A into B
// into id), sorted by ID; empty when none.
func (d *Dataset) MergedInto(id RequestID) []RequestID {
	if d == nil {
		return nil
	}
	ix := newIndex(d)
	var out []RequestID
	for _, r := range d.Requests {
		cur := r.MergedInto
		for range len(d.Requests) {
			if cur == "" || cur == id {
				break
			}
			j, ok := ix.requests[cur]
			if !ok {
				cur = ""
				break
			}
			cur = d.Requests[j].MergedInto
		}
		if cur == id && r.ID != id {
			out = append(out, r.ID)
		}
	}
	slices.Sort(out)
	return out
}
