package feedback

import (
	"errors"
	"github.com/productops/productops/internal/fieldtest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
	"github.com/shopspring/decimal"
)

func day(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }

func imp(v int) *int { return &v }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// fixture is the dataset of the hand-worked vectors below.
//
//	account A: enterprise, MRR 1000 USD now; snapshot from day 1: smb, MRR 500 USD
//	account B: smb, MRR 200 USD
//	p1, p2 at A; p3 at B; p4 without an account
//	R1: p1 links i1 (critical, day 3) then votes (no importance, day 5)
//	    p2 links i2 (no importance, day 4)
//	    p3 links i4 (not important, day 2) then i3 (important, day 6)
//	    p4 votes (critical, day 7)
//	R2: no signals
func fixture() *Dataset {
	return &Dataset{
		Accounts: []Account{
			{ID: "A", AccountState: AccountState{Segment: "enterprise", MRR: dec("1000"), Currency: "USD", Lifecycle: LifecycleActive},
				Snapshots: []AccountSnapshot{{At: day(1), AccountState: AccountState{Segment: "smb", MRR: dec("500"), Currency: "USD"}}}},
			{ID: "B", AccountState: AccountState{Segment: "smb", MRR: dec("200"), Currency: "USD"}},
		},
		People: []Person{{ID: "p1", Account: "A"}, {ID: "p2", Account: "A"}, {ID: "p3", Account: "B"}, {ID: "p4"}},
		Items: []Item{
			{ID: "i1", Source: SourceSupportTicket, SourceRecord: "1", Author: "p1", CreatedAt: day(3), Text: "need SSO"},
			{ID: "i2", Source: SourceSupportTicket, SourceRecord: "2", Author: "p2", CreatedAt: day(4), Text: "SSO please"},
			{ID: "i3", Source: SourceInterview, SourceRecord: "x", Author: "p3", CreatedAt: day(6)},
			{ID: "i4", Source: SourceSurvey, SourceRecord: "x", Author: "p3", CreatedAt: day(2)},
		},
		Links: []Link{
			{Item: "i1", Request: "R1", Importance: imp(3)},
			{Item: "i2", Request: "R1"},
			{Item: "i3", Request: "R1", Importance: imp(2)},
			{Item: "i4", Request: "R1", Importance: imp(0)},
		},
		Votes: []Vote{
			{Request: "R1", Person: "p1", CreatedAt: day(5)},
			{Request: "R1", Person: "p4", CreatedAt: day(7), Importance: imp(3)},
		},
		Requests: []Request{{ID: "R1", Title: "SSO"}, {ID: "R2", Title: "Dark mode"}},
	}
}

// summary is a request's demand in comparable form.
type summary struct {
	Request                   RequestID
	People, Accounts, Points  int
	Score, Revenue            string
	RevenueDefined            bool
	Contributors, AccountList []string
	Excluded                  DemandExclusions
	MergedFrom                []RequestID
}

func summarize(r *DemandReport) []summary {
	var out []summary
	for _, d := range r.Requests {
		s := summary{Request: d.Request, People: d.People, Accounts: d.Accounts, Points: d.Points,
			Score: d.Score.String(), Revenue: d.Revenue.Value.String(), RevenueDefined: d.Revenue.Defined,
			Excluded: d.Excluded, MergedFrom: d.MergedFrom}
		for _, c := range d.Contributors {
			s.Contributors = append(s.Contributors, string(c.Person)+":"+c.Score.String())
		}
		for _, a := range d.ByAccount {
			s.AccountList = append(s.AccountList, string(a.Account)+":"+a.Revenue.String())
		}
		out = append(out, s)
	}
	return out
}

// Hand-worked vectors for domain study §1.1 (Productboard: one count per person, latest
// importance wins, no importance = +1), §1.2/§1.3 (revenue once per account, sum/avg/min/max)
// and §7.10.
func TestDemandVectors(t *testing.T) {
	asOf := day(20)
	zero := DemandExclusions{}
	r2 := summary{Request: "R2", Score: "0", Revenue: "0", RevenueDefined: true, Excluded: zero}
	tests := []struct {
		name string
		opts DemandOptions
		want []summary
	}{{
		// p1: vote day 5 (default 1) beats link day 3 (3); p2: 1; p3: i3 day 6 (2) beats i4
		// (0); p4: 3. Points 1+1+2+3 = 7. Revenue: A 1000 once (two people) + B 200 = 1200.
		name: "productboard defaults, sum of current MRR",
		want: []summary{{Request: "R1", People: 4, Accounts: 2, Points: 7, Score: "7", Revenue: "1200", RevenueDefined: true,
			Contributors: []string{"p4:3", "p3:2", "p1:1", "p2:1"}, AccountList: []string{"A:1000", "B:200"},
			Excluded: DemandExclusions{Superseded: 2}}, r2},
	}, {
		// enterprise ×2: p1 1×2 + p2 1×2 + p3 2×1 + p4 3×1 (no account) = 9.
		name: "segment weights, average",
		opts: DemandOptions{SegmentWeights: map[string]decimal.Decimal{"enterprise": dec("2")}, Revenue: RevenueAverage},
		want: []summary{{Request: "R1", People: 4, Accounts: 2, Points: 7, Score: "9", Revenue: "600", RevenueDefined: true,
			Contributors: []string{"p4:3", "p1:2", "p2:2", "p3:2"}, AccountList: []string{"A:1000", "B:200"},
			Excluded: DemandExclusions{Superseded: 2}}, {Request: "R2", Score: "0", Revenue: "0", Excluded: zero}},
	}, {
		// As of feedback: A was smb with MRR 500 from day 1, so enterprise weight never
		// applies: score 7; min over {500, 200} = 200.
		name: "as of feedback, min",
		opts: DemandOptions{SegmentWeights: map[string]decimal.Decimal{"enterprise": dec("2")}, AccountsAsOf: AccountsAsOfFeedback, Revenue: RevenueMin},
		want: []summary{{Request: "R1", People: 4, Accounts: 2, Points: 7, Score: "7", Revenue: "200", RevenueDefined: true,
			Contributors: []string{"p4:3", "p3:2", "p1:1", "p2:1"}, AccountList: []string{"A:500", "B:200"},
			Excluded: DemandExclusions{Superseded: 2}}, {Request: "R2", Score: "0", Revenue: "0", Excluded: zero}},
	}, {
		// Window [day 3, day 6): i1 (day 3) and the vote (day 5) of p1 -> vote wins; p2 day 4;
		// i4 (day 2), i3 (day 6), p4 (day 7) outside. Points 1+1 = 2, one account A, max 1000.
		name: "window, max",
		opts: DemandOptions{From: day(3), To: day(6), Revenue: RevenueMax},
		want: []summary{{Request: "R1", People: 2, Accounts: 1, Points: 2, Score: "2", Revenue: "1000", RevenueDefined: true,
			Contributors: []string{"p1:1", "p2:1"}, AccountList: []string{"A:1000"},
			Excluded: DemandExclusions{Superseded: 1, OutsideWindow: 3}}, {Request: "R2", Score: "0", Revenue: "0", Excluded: zero}},
	}, {
		// A custom scale with the same levels gives the same numbers.
		name: "custom scale",
		opts: DemandOptions{Scale: ImportanceScale{Name: "flat", Min: 0, Max: 3, Default: 1}},
		want: []summary{{Request: "R1", People: 4, Accounts: 2, Points: 7, Score: "7", Revenue: "1200", RevenueDefined: true,
			Contributors: []string{"p4:3", "p3:2", "p1:1", "p2:1"}, AccountList: []string{"A:1000", "B:200"},
			Excluded: DemandExclusions{Superseded: 2}}, r2},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Demand(fixture(), asOf, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, summarize(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestDemandAsOfExcludesLaterSignals(t *testing.T) {
	// As of day 5 23:00: p3's i3 (day 6) and p4's vote (day 7) are in the future; p3 counts
	// with i4 (0), p1's vote (day 5 12:00) wins.
	got, err := Demand(fixture(), day(5).Add(11*time.Hour), DemandOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d, ok := got.Request("R1")
	if !ok {
		t.Fatal("R1 missing")
	}
	if d.People != 3 || d.Points != 2 || d.Excluded.AfterAsOf != 2 || d.Excluded.Superseded != 1 {
		t.Errorf("got people %d points %d excluded %+v, want 3, 2, after 2, superseded 1", d.People, d.Points, d.Excluded)
	}
	if _, ok := got.Request("nope"); ok {
		t.Error("unknown request found")
	}
}

// Merges (domain study §3.3, §7.11): voters are a union, chains flatten, unmerge restores.
func TestDemandMerges(t *testing.T) {
	ds := &Dataset{
		People: []Person{{ID: "p1"}, {ID: "p2"}, {ID: "p3"}, {ID: "p4"}},
		Votes: []Vote{
			{Request: "R1", Person: "p1", CreatedAt: day(1)}, {Request: "R1", Person: "p2", CreatedAt: day(1)},
			{Request: "R2", Person: "p2", CreatedAt: day(2)}, {Request: "R2", Person: "p3", CreatedAt: day(2)},
			{Request: "R3", Person: "p4", CreatedAt: day(3)},
		},
		Requests: []Request{{ID: "R1"}, {ID: "R2"}, {ID: "R3"}},
	}
	people := func() map[RequestID]int {
		t.Helper()
		r, err := Demand(ds, day(10), DemandOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m := map[RequestID]int{}
		for _, d := range r.Requests {
			m[d.Request] = d.People
		}
		return m
	}
	steps := []struct {
		name string
		do   func() error
		want map[RequestID]int
	}{
		{"separate", func() error { return nil }, map[RequestID]int{"R1": 2, "R2": 2, "R3": 1}},
		// R3 into R2: {p2,p3} ∪ {p4} = 3.
		{"R3 into R2", func() error { return ds.Merge("R3", "R2", day(4)) }, map[RequestID]int{"R1": 2, "R2": 3}},
		// R2 into R1: chain R3 -> R2 -> R1 flattens: {p1,p2} ∪ {p2,p3} ∪ {p4} = 4, not 2+2+1.
		{"R2 into R1", func() error { return ds.Merge("R2", "R1", day(5)) }, map[RequestID]int{"R1": 4}},
		// Unmerging R2 restores R2 with R3 still inside it.
		{"unmerge R2", func() error { return ds.Unmerge("R2") }, map[RequestID]int{"R1": 2, "R2": 3}},
		{"unmerge R3", func() error { return ds.Unmerge("R3") }, map[RequestID]int{"R1": 2, "R2": 2, "R3": 1}},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if diff := cmp.Diff(st.want, people()); diff != "" {
			t.Errorf("%s (-want +got)\n%s", st.name, diff)
		}
	}
}

func TestMergeErrors(t *testing.T) {
	ds := &Dataset{Requests: []Request{{ID: "R1"}, {ID: "R2"}, {ID: "R3"}}}
	if err := ds.Merge("R1", "R2", day(1)); err != nil {
		t.Fatal(err)
	}
	if err := ds.Merge("R2", "R1", day(2)); !errors.Is(err, ErrMergeCycle) {
		t.Errorf("cycle: got %v", err)
	}
	if err := ds.Merge("R9", "R1", day(2)); !errors.Is(err, ErrUnknownRequest) {
		t.Errorf("unknown dup: got %v", err)
	}
	if err := ds.Merge("R3", "R9", day(2)); !errors.Is(err, ErrUnknownRequest) {
		t.Errorf("unknown target: got %v", err)
	}
	if err := ds.Unmerge("R3"); !errors.Is(err, ErrNotMerged) {
		t.Errorf("not merged: got %v", err)
	}
	if err := ds.Unmerge("R9"); !errors.Is(err, ErrUnknownRequest) {
		t.Errorf("unmerge unknown: got %v", err)
	}
	if c, err := ds.Canonical("R1"); err != nil || c != "R2" {
		t.Errorf("Canonical(R1) = %q, %v", c, err)
	}
	if diff := cmp.Diff([]RequestID{"R1"}, ds.MergedInto("R2")); diff != "" {
		t.Errorf("MergedInto (-want +got)\n%s", diff)
	}
	ds.Requests[1].MergedInto = "R1" // a cycle written by hand
	err := ds.Validate()
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("cycle by hand: got %v", err)
	}
}

// Bad input names its record; nothing is dropped.
func TestDemandErrors(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Dataset)
		opts   DemandOptions
		want   []string
	}{
		{"importance off scale", func(d *Dataset) { d.Links[0].Importance = imp(5); d.Votes[1].Importance = imp(4) },
			DemandOptions{}, []string{"links[0].importance", "votes[1].importance"}},
		{"two currencies for one account", func(d *Dataset) { d.Accounts[0].Snapshots[0].Currency = "EUR" },
			DemandOptions{}, []string{"accounts[0].snapshots[0].currency"}},
		{"unknown references", func(d *Dataset) {
			d.Links[1].Request = "R9"
			d.Votes[0].Person = "ghost"
			d.Items[0].Account = "Z"
			d.People[0].Account = "Y"
			d.Items[1].Themes = []ThemeID{"t9"}
		}, DemandOptions{}, []string{"people[0].account", "items[0].account", "items[1].themes[0]", "links[1].request", "votes[0].person"}},
		{"duplicate ids and idempotency keys", func(d *Dataset) {
			d.Items[1].SourceRecord = "1"
			d.People[1].ID = "p1"
			d.Requests[1].ID = "R1"
		}, DemandOptions{}, []string{"people[1].id", "items[1].source_record", "items[1].author", "requests[1].id"}},
		{"bad record fields", func(d *Dataset) {
			d.Accounts[1].MRR = dec("-1")
			d.Accounts[1].Currency = "usd"
			d.Items[2].CreatedAt = time.Time{}
			d.Items[2].Rating = &Rating{Value: 9, Min: 1, Max: 5}
			d.Votes[0].CreatedAt = time.Time{}
			d.Links[0].Importance = imp(-1)
		}, DemandOptions{}, []string{"accounts[1].mrr", "accounts[1].currency", "items[2].created_at", "items[2].rating.value",
			"links[0].importance", "votes[0].created_at"}},
		{"bad options", func(*Dataset) {}, DemandOptions{Scale: ImportanceScale{Min: 2, Max: 1}, Revenue: 9, Measure: 9, AccountsAsOf: 9,
			SegmentWeights: map[string]decimal.Decimal{"x": dec("-1")}, From: day(5), To: day(5)},
			[]string{"scale", "revenue", "measure", "accounts_as_of", `segment_weights["x"]`, "to"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds := fixture()
			tc.mutate(ds)
			_, err := Demand(ds, day(20), tc.opts)
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
			if diff := cmp.Diff(tc.want, fieldtest.Paths(t, err)); diff != "" {
				t.Errorf("fields (-want +got)\n%s\n%v", diff, err)
			}
		})
	}
}

func TestDemandMixedCurrencies(t *testing.T) {
	ds := fixture()
	ds.Accounts[1].Currency = "EUR"
	_, err := Demand(ds, day(20), DemandOptions{})
	var ce *CurrencyError
	if !errors.As(err, &ce) || !errors.Is(err, ErrMixedCurrency) {
		t.Fatalf("got %v, want a *CurrencyError", err)
	}
	want := `feedback: revenue in more than one currency for request "R1": EUR (account "B"), USD (account "A")`
	if err.Error() != want {
		t.Errorf("got %q\nwant %q", err.Error(), want)
	}
}

func TestDemandUndefinedAverage(t *testing.T) {
	ds := fixture()
	got, err := Demand(ds, day(20), DemandOptions{Revenue: RevenueAverage})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := got.Request("R2")
	if d.Revenue.Defined || d.Revenue.Accounts != 0 {
		t.Errorf("average of no accounts: got %+v, want undefined", d.Revenue)
	}
	// An account with no revenue recorded is counted but left out of revenue.
	ds.Accounts[1].MRR, ds.Accounts[1].Currency = decimal.Zero, ""
	got, err = Demand(ds, day(20), DemandOptions{Revenue: RevenueAverage})
	if err != nil {
		t.Fatal(err)
	}
	d, _ = got.Request("R1")
	if d.Accounts != 2 || d.Revenue.Accounts != 1 || !d.Revenue.Value.Equal(dec("1000")) {
		t.Errorf("got accounts %d, revenue %+v; want 2 accounts, 1000 over 1", d.Accounts, d.Revenue)
	}
}

func TestDemandWriteText(t *testing.T) {
	ds := fixture()
	ds.Requests = append(ds.Requests, Request{ID: "R0", MergedInto: "R1"})
	ds.Votes = append(ds.Votes, Vote{Request: "R0", Person: "p2", CreatedAt: day(8), Importance: imp(2)})
	r, err := Demand(ds, day(20), DemandOptions{Measure: MeasureARR})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := r.WriteText(&b, 0); err != nil {
		t.Fatal(err)
	}
	// p2's vote on R0 (day 8, 2) supersedes their link on R1; ARR is not recorded, so each
	// account has revenue 0 in USD.
	want := `demand as of 2026-03-20 12:00 UTC (scale productboard, revenue sum of ARR, accounts as of now)
1. SSO [new] score 8: 4 people, 2 accounts, 8 points, sum 0.00 USD (merged: R0)
   - A (enterprise): 2 people, score 3, ARR 0.00 USD
   - B (smb): 1 person, score 2, ARR 0.00 USD
   - 1 person without an account
2. Dark mode [new] score 0: 0 people, 0 accounts, 0 points
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
