package feedback

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/productops/productops"
)

// The fuzz targets of this file decode options and inputs from fuzzed JSON and run the
// computations, each execution under guard: a panic, a hang (guardTime) or an allocation
// blow-up (guardAlloc) fails. CI runs each briefly; for a longer local run:
//
//	go test -run '^$' -fuzz '^FuzzDemand$' -fuzztime 1h ./feedback/

// mustInvalid fails t unless err is nil, matches productops.ErrInvalid, or is one of
// the other errors allowed.
func mustInvalid(t *testing.T, what string, err error, also ...error) {
	t.Helper()
	if err == nil || errors.Is(err, productops.ErrInvalid) {
		return
	}
	for _, a := range also {
		if errors.Is(err, a) {
			return
		}
	}
	t.Fatalf("%s: error %v does not match productops.ErrInvalid", what, err)
}

type demandInput struct {
	Dataset json.RawMessage `json:"dataset"`
	Options DemandOptions   `json:"options"`
	AsOf    time.Time       `json:"as_of"`
}

func FuzzDemand(f *testing.F) {
	f.Add([]byte(`{"dataset":{"accounts":[{"id":"a","segment":"smb","mrr":"10","currency":"USD"}],"people":[{"id":"p","account":"a"}],` +
		`"requests":[{"id":"r"}],"votes":[{"request":"r","person":"p","created_at":"2026-01-01T00:00:00Z","importance":3}]},` +
		`"options":{"revenue":"average","segment_weights":{"smb":"2.5"}},"as_of":"2026-06-01T00:00:00Z"}`))
	f.Add([]byte(`{"dataset":{"requests":[{"id":"a","merged_into":"b"},{"id":"b"}]},"options":{"scale":{"min":-1}},"as_of":"0001-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"options":{"from":"2030-01-01T00:00:00Z","to":"2020-01-01T00:00:00Z","segment_weights":{"x":"1e-99"}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var in demandInput
		if json.Unmarshal(b, &in) != nil {
			return
		}
		guard(t, guardTime, guardAlloc, func() {
			strict, perr := ParseDataset(in.Dataset)
			mustInvalid(t, "ParseDataset", perr)
			mustInvalid(t, "ParseDemandOptions", mustErr(ParseDemandOptions(b)))
			var ds Dataset
			if json.Unmarshal(in.Dataset, &ds) != nil {
				ds = strict
			}
			r, err := Demand(&ds, in.AsOf, in.Options)
			mustInvalid(t, "Demand", err, ErrMixedCurrency)
			if err == nil {
				for _, d := range r.Requests {
					if d.People < d.Accounts || d.People > len(ds.People) || d.Points < 0 {
						t.Fatalf("request %s: %d people, %d accounts, %d points", d.Request, d.People, d.Accounts, d.Points)
					}
				}
				if _, err := json.Marshal(r); err != nil {
					t.Fatalf("report does not marshal: %v", err)
				}
			}
			if _, err := ThemeRollup(&ds); err != nil {
				mustInvalid(t, "ThemeRollup", err)
			}
		})
	})
}

type dedupeInput struct {
	Options DedupeOptions `json:"options"`
	Texts   []string      `json:"texts"`
	Query   string        `json:"query"`
}

func FuzzDedupe(f *testing.F) {
	f.Add([]byte(`{"texts":["Dark mode please","dark-mode, please!","export to CSV"],"query":"dark mode"}`))
	f.Add([]byte(`{"options":{"shingling":"char_trigrams","bands":4096,"rows":1,"duplicate_threshold":0.9,"similar_threshold":0.1},"texts":["a","a","ab","abc"]}`))
	f.Add([]byte(`{"options":{"bands":9223372036854775807,"rows":2,"max_pairs":1},"texts":["x","x","x"]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var in dedupeInput
		if json.Unmarshal(b, &in) != nil {
			return
		}
		guard(t, guardTime, guardAlloc, func() {
			items := make([]Item, len(in.Texts))
			for i, s := range in.Texts {
				items[i] = Item{ID: ItemID(rune('a'+i%26)) + ItemID(string(rune('0'+i/26%10))), Text: s}
			}
			r, err := FindDuplicates(items, in.Options)
			mustInvalid(t, "FindDuplicates", err)
			if err != nil {
				return
			}
			for _, p := range r.Pairs {
				if !(p.A < p.B) || p.Similarity < 0 || p.Similarity > 1 {
					t.Fatalf("bad pair %+v", p)
				}
			}
			x, err := NewDedupeIndex(in.Options)
			if err != nil {
				t.Fatalf("FindDuplicates accepted options NewDedupeIndex refuses: %v", err)
			}
			for _, it := range items {
				mustInvalid(t, "Add", x.Add(it.ID, it.Text))
			}
			if xr, err := x.Pairs(); err == nil && len(xr.Pairs) != len(r.Pairs) {
				t.Fatalf("index found %d pairs, FindDuplicates %d", len(xr.Pairs), len(r.Pairs))
			}
			for _, s := range x.Suggest(in.Query, 3) {
				if s.Similarity < in.Options.similar() || s.Similarity > 1 {
					t.Fatalf("suggestion %+v below the similar threshold", s)
				}
			}
			if j, ok := Jaccard(in.Query, in.Query, in.Options); ok && j != 1 {
				t.Fatalf("Jaccard(q, q) = %v", j)
			}
			_ = Shingles(in.Query, in.Options)
			if p := in.Options.CandidateProbability(0.5); math.IsNaN(p) || p < 0 || p > 1 {
				t.Fatalf("CandidateProbability = %v", p)
			}
			_ = ContentHash(in.Query, in.Options.Normalize)
		})
	})
}

type supportInput struct {
	Hours    *BusinessHours    `json:"business_hours"`
	Policies []SLAPolicy       `json:"policies"`
	Tickets  []Ticket          `json:"tickets"`
	AsOf     time.Time         `json:"as_of"`
	KPI      supportKPIOptions `json:"kpi"`
	Shift    time.Duration     `json:"shift"`
}

type supportKPIOptions struct {
	OneTouch         OneTouchDefinition `json:"one_touch"`
	Reopen           ReopenDefinition   `json:"reopen"`
	Percentiles      []float64          `json:"percentiles"`
	PercentileMethod PercentileMethod   `json:"percentile_method"`
	Business         bool               `json:"business"`
}

func FuzzSupport(f *testing.F) {
	f.Add([]byte(`{"business_hours":{"zone":"Europe/Berlin","weekly":[[],["09:00-17:00"],["09:00-17:00"],[],[],[],[]]},` +
		`"policies":[{"name":"p","targets":[{"metric":"first_reply_time","priority":"normal","target":"1h","business_hours":true},` +
		`{"metric":"agent_work_time","priority":"normal","target":"2562047h"}]}],` +
		`"tickets":[{"id":"t","created_at":"2040-12-30T20:00:00Z","priority":"normal","status":"open","events":[` +
		`{"at":"2041-01-01T10:00:00Z","kind":"public_comment","actor":"agent"},{"at":"2041-01-02T10:00:00Z","kind":"status","actor":"agent","status":"solved"}]}],` +
		`"as_of":"2041-02-01T00:00:00Z","kpi":{"business":true,"percentiles":[50,100],"percentile_method":"linear"},"shift":-9223372036854775808}`))
	f.Add([]byte(`{"tickets":[{"id":"t","created_at":"1600-01-01T00:00:00Z","priority":"urgent","events":[{"at":"2500-01-01T00:00:00Z","kind":"public_comment","actor":"end_user"}]}],` +
		`"policies":[{"name":"p","targets":[{"metric":"next_reply_time","priority":"urgent","target":"1ns"}]}],"as_of":"9999-01-01T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var in supportInput
		if json.Unmarshal(b, &in) != nil {
			return
		}
		guard(t, guardTime, guardAlloc, func() {
			var cal *Calendar
			if in.Hours != nil {
				var err error
				if cal, err = NewCalendar(*in.Hours); err != nil {
					mustInvalid(t, "NewCalendar", err)
					cal = nil
				}
			}
			if ev, err := NewSLAEvaluator(in.Policies, cal); err != nil {
				mustInvalid(t, "NewSLAEvaluator", err)
			} else {
				batch, err := ev.EvaluateAll(in.Tickets, in.AsOf)
				mustInvalid(t, "EvaluateAll", err)
				if err == nil {
					for _, r := range batch.Reports {
						for _, res := range r.Results {
							if res.Elapsed < 0 || (res.State == SLABreached) != (res.Elapsed > res.Target) {
								t.Fatalf("result %+v", res)
							}
						}
					}
				}
			}
			opts := SupportKPIOptions{OneTouch: in.KPI.OneTouch, Reopen: in.KPI.Reopen, Percentiles: in.KPI.Percentiles, PercentileMethod: in.KPI.PercentileMethod}
			if in.KPI.Business {
				opts.Calendar = cal
			}
			rep, err := SupportKPIs(in.Tickets, in.AsOf, opts)
			mustInvalid(t, "SupportKPIs", err)
			if err == nil && (rep.Solved+rep.Unsolved != rep.Tickets || rep.FirstReply.Mean < 0) {
				t.Fatalf("report %+v", rep)
			}
			for i := range in.Tickets {
				tk := &in.Tickets[i]
				if d, ok := FirstReplyTime(tk, opts.Calendar); ok && d < 0 {
					t.Fatalf("negative first reply time %v", d)
				}
				_, _ = FullResolutionTime(tk, opts.Calendar)
				_ = Reopens(tk)
				_ = OneTouch(tk, opts.OneTouch)
				if cal != nil {
					end := cal.Add(tk.CreatedAt, in.Shift)
					if in.Shift > 0 && end.Before(tk.CreatedAt) || in.Shift < 0 && end.After(tk.CreatedAt) {
						t.Fatalf("Add(%v, %v) = %v went the wrong way", tk.CreatedAt, in.Shift, end)
					}
					_ = cal.NextOpen(tk.CreatedAt)
					_, _ = cal.DayStart(cal.DateOf(tk.CreatedAt))
				}
			}
		})
	})
}
