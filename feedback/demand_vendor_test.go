package feedback

import (
	"errors"
	"github.com/productops/productops/internal/fieldtest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// Productboard (support.productboard.com/hc/en-us/articles/360058215013): one count per
// user per feature; the most recent importance set in the app is used; "When a user sets
// an importance value via Portal or Slack, it is applied if no previous importance for a
// given user exists"; an insight without an importance adds +1.
func TestDemandChannelRules(t *testing.T) {
	base := Dataset{
		People:   []Person{{ID: "u"}},
		Requests: []Request{{ID: "F"}},
	}
	vote := func(d int, importance *int, ch SignalChannel) Vote {
		return Vote{Request: "F", Person: "u", CreatedAt: day(d), Importance: importance, Channel: ch}
	}
	tests := []struct {
		name    string
		votes   []Vote
		opts    DemandOptions
		points  int
		ignored int
	}{
		{"app, then portal: the portal cannot update", []Vote{vote(1, imp(2), ChannelInsight), vote(2, imp(3), ChannelPortal)}, DemandOptions{}, 2, 1},
		{"portal, then app: the app's latest wins", []Vote{vote(1, imp(3), ChannelPortal), vote(2, imp(1), ChannelInsight)}, DemandOptions{}, 1, 0},
		{"portal creates when none exists", []Vote{vote(1, nil, ChannelPortal), vote(2, imp(2), ChannelPortal)}, DemandOptions{}, 2, 0},
		{"a second portal value is refused", []Vote{vote(1, imp(1), ChannelPortal), vote(2, imp(3), ChannelPortal)}, DemandOptions{}, 1, 1},
		{"an import does not override", []Vote{vote(1, imp(3), ChannelInsight), vote(2, imp(0), ChannelImport)}, DemandOptions{}, 3, 1},
		{"app updates in order", []Vote{vote(2, imp(1), ChannelInsight), vote(1, imp(3), ChannelInsight)}, DemandOptions{}, 1, 0},
		{"portal told to update", []Vote{vote(1, imp(2), ChannelInsight), vote(2, imp(3), ChannelPortal)}, DemandOptions{Channels: ChannelRules{Portal: ImportanceLatest}}, 3, 0},
		{"app told to keep the first", []Vote{vote(1, imp(2), ChannelInsight), vote(2, imp(0), ChannelInsight)}, DemandOptions{Channels: ChannelRules{Insight: ImportanceFirst}}, 2, 1},
	}
	for _, tc := range tests {
		ds := base
		ds.Votes = tc.votes
		r, err := Demand(&ds, day(20), tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		d, _ := r.Request("F")
		if d.People != 1 || d.Points != tc.points || d.Excluded.ImportanceIgnored != tc.ignored || d.Excluded.Superseded != 1 {
			t.Errorf("%s: people %d, points %d (want %d), ignored %d (want %d)", tc.name, d.People, d.Points, tc.points, d.Excluded.ImportanceIgnored, tc.ignored)
		}
	}
}

// Anonymous feedback counts in volume, never in people or accounts; Productboard's
// customer score counts each anonymous note × 1 (developer.productboard.com, Get customer
// score), which CountAnonymous reproduces.
func TestDemandAnonymous(t *testing.T) {
	ds := Dataset{
		Accounts: []Account{{ID: "acme"}},
		People:   []Person{{ID: "u", Account: "acme"}},
		Items: []Item{
			{ID: "a1", Source: "s", SourceRecord: "1", CreatedAt: day(1), Account: "acme"},
			{ID: "a2", Source: "s", SourceRecord: "2", CreatedAt: day(1)},
			{ID: "n", Source: "s", SourceRecord: "3", Author: "u", CreatedAt: day(1)},
		},
		Links:    []Link{{Item: "a1", Request: "F"}, {Item: "a2", Request: "F", Importance: imp(3)}, {Item: "a2", Request: "F"}, {Item: "n", Request: "F", Importance: imp(2)}},
		Requests: []Request{{ID: "F"}},
	}
	r, err := Demand(&ds, day(20), DemandOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := r.Request("F")
	if d.Volume != 4 || d.Anonymous != 2 || d.People != 1 || d.Accounts != 1 || d.Points != 2 || d.AnonymousPoints != 0 {
		t.Errorf("volume %d anonymous %d people %d accounts %d points %d", d.Volume, d.Anonymous, d.People, d.Accounts, d.Points)
	}
	r, _ = Demand(&ds, day(20), DemandOptions{CountAnonymous: true})
	d, _ = r.Request("F")
	// a1 adds the default 1, a2 its highest link importance 3 (once per item).
	if d.AnonymousPoints != 4 || d.Points != 6 || d.Score.String() != "6" || d.People != 1 {
		t.Errorf("counted anonymous: points %d, anonymous points %d, score %s", d.Points, d.AnonymousPoints, d.Score)
	}
	rollup, err := ThemeRollup(&Dataset{Themes: []Theme{{ID: "t"}}, Items: []Item{{ID: "a", Source: "s", SourceRecord: "1", CreatedAt: day(1), Themes: []ThemeID{"t"}}}})
	if err != nil || rollup[0].Direct != (ThemeCounts{Items: 1}) {
		t.Errorf("theme roll-up of anonymous feedback: %+v %v", rollup, err)
	}
}

// Revenue × importance and pipeline, each account and each opportunity once; segment
// weights per account (company segments) and per person (user segments); AccountScore
// weighs accounts instead of people.
func TestDemandRevenueImportancePipelineAndWeights(t *testing.T) {
	ds := Dataset{
		Accounts: []Account{
			{ID: "A", AccountState: AccountState{Segment: "ent", MRR: dec("100"), Currency: "USD"}},
			{ID: "B", AccountState: AccountState{Segment: "smb", MRR: dec("50"), Currency: "USD"}},
			{ID: "C"},
		},
		People:   []Person{{ID: "a1", Account: "A", Segment: "admin"}, {ID: "a2", Account: "A"}, {ID: "b1", Account: "B"}, {ID: "c1", Account: "C"}, {ID: "x"}},
		Requests: []Request{{ID: "F"}, {ID: "G", MergedInto: "F"}},
		Votes: []Vote{
			{Request: "F", Person: "a1", CreatedAt: day(1), Importance: imp(1)},
			{Request: "F", Person: "a2", CreatedAt: day(1), Importance: imp(3)},
			{Request: "G", Person: "b1", CreatedAt: day(1), Importance: imp(2)},
			{Request: "F", Person: "c1", CreatedAt: day(1), Importance: imp(2)},
			{Request: "F", Person: "x", CreatedAt: day(1)},
		},
		Opportunities: []Opportunity{
			{ID: "o1", Account: "A", Requests: []RequestID{"F", "G"}, Value: dec("1000"), Currency: "USD"}, // once, though on two requests of the class
			{ID: "o2", Account: "B", Requests: []RequestID{"G"}, Value: dec("500"), Currency: "USD"},
			{ID: "o3", Account: "B", Requests: []RequestID{"F"}, Value: dec("700"), Currency: "USD", ClosedAt: day(10), Won: true}, // closed
			{ID: "o4", Account: "C", Requests: []RequestID{"F"}, Value: dec("900"), Currency: "USD", CreatedAt: day(30)},           // not yet open
		},
	}
	opts := DemandOptions{SegmentWeights: map[string]decimal.Decimal{"ent": dec("3")}, PersonSegmentWeights: map[string]decimal.Decimal{"admin": dec("2")}}
	r, err := Demand(&ds, day(20), opts)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := r.Request("F")
	// People: a1 1×3×2 = 6, a2 3×3 = 9, b1 2, c1 2, x 1: score 20, points 9.
	// Accounts: A importance 3 × 3 = 9, B 2 × 1, C 2 × 1: account score 13.
	// Revenue × importance: A 100 × 3 + B 50 × 2 = 400 (C has no revenue).
	// Pipeline: o1 1000 + o2 500.
	got := []string{d.Score.String(), d.AccountScore.String(), d.RevenueImportance.Value.String(), d.Pipeline.Value.String(), d.Pipeline.Currency}
	want := []string{"20", "13", "400", "1500", "USD"}
	if diff := cmp.Diff(want, got); diff != "" || d.Points != 9 || d.Pipeline.Opportunities != 2 || d.Pipeline.Accounts != 2 || d.RevenueImportance.Accounts != 2 {
		t.Errorf("(-want +got)\n%s\npoints %d, pipeline %+v, revenue importance %+v", diff, d.Points, d.Pipeline, d.RevenueImportance)
	}
	if a := d.ByAccount[0]; a.Account != "A" || a.Importance != 3 || a.AccountScore.String() != "9" || a.RevenueImportance.String() != "300" {
		t.Errorf("account A: %+v", a)
	}
	if c := d.Contributors[0]; c.Person != "a2" || c.Weight.String() != "3" {
		t.Errorf("first contributor %+v", c)
	}
	for _, c := range d.Contributors {
		if c.Person == "a1" && (c.AccountWeight.String() != "3" || c.PersonWeight.String() != "2" || c.Weight.String() != "6" || c.Score.String() != "6") {
			t.Errorf("a1: %+v", c)
		}
	}
	// Pipeline in two currencies is an error, like revenue.
	ds.Opportunities[1].Currency = "EUR"
	var ce *CurrencyError
	if _, err := Demand(&ds, day(20), opts); !errors.As(err, &ce) || ce.Request != "F" {
		t.Errorf("mixed pipeline currencies: %v", err)
	}
}

// Fider's "mark as duplicate" (getfider/fider: app/services/sqlstore/postgres/post.go and
// its test TestPostStorage_SetResponse_AsDuplicate): the duplicate's voters are copied to
// the original, which then has 2 votes while the duplicate keeps its 1; nothing is copied
// into an original that cannot be voted on (completed or declined); chains are not
// flattened. Merges as links count the class once instead.
func TestDemandFiderMerge(t *testing.T) {
	ds := Dataset{
		People:   []Person{{ID: "u1"}, {ID: "u2"}, {ID: "u3"}},
		Requests: []Request{{ID: "P1"}, {ID: "P2", MergedInto: "P1", MergedAt: day(5)}},
		Votes: []Vote{
			{Request: "P1", Person: "u1", CreatedAt: day(1)},
			{Request: "P2", Person: "u2", CreatedAt: day(2)},
			{Request: "P2", Person: "u1", CreatedAt: day(3)}, // already votes on the original
			{Request: "P2", Person: "u3", CreatedAt: day(6)}, // after the merge: stays on the duplicate
		},
	}
	people := func(r *DemandReport) map[RequestID]int {
		out := map[RequestID]int{}
		for _, d := range r.Requests {
			out[d.Request] = d.People
		}
		return out
	}
	r, err := Demand(&ds, day(20), DemandOptions{Merges: MergeFider})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[RequestID]int{"P1": 2, "P2": 3}, people(r)); diff != "" {
		t.Errorf("fider (-want +got)\n%s", diff)
	}
	p1, _ := r.Request("P1")
	p2, _ := r.Request("P2")
	if p2.DuplicateOf != "P1" || len(p1.MergedFrom) != 1 || p1.Contributors[1].CopiedFrom != "P2" || !p1.Contributors[1].At.Equal(day(5)) {
		t.Errorf("fider rows: %+v %+v", p1, p2)
	}
	links, _ := Demand(&ds, day(20), DemandOptions{})
	if diff := cmp.Diff(map[RequestID]int{"P1": 3}, people(links)); diff != "" {
		t.Errorf("as links (-want +got)\n%s", diff)
	}
	// A completed original receives nothing.
	done := ds
	done.Requests = []Request{{ID: "P1", Status: RequestCompleted, History: []StatusChange{{From: RequestNew, To: RequestCompleted, At: day(4)}}}, ds.Requests[1]}
	r, _ = Demand(&done, day(20), DemandOptions{Merges: MergeFider})
	if diff := cmp.Diff(map[RequestID]int{"P1": 1, "P2": 3}, people(r)); diff != "" {
		t.Errorf("completed original (-want +got)\n%s", diff)
	}
	// Chains: P3 into P1 on day 5, then P2 into P3 on day 7: P2's voter stops at P3.
	chain := Dataset{
		People:   []Person{{ID: "u1"}, {ID: "u2"}, {ID: "u3"}},
		Requests: []Request{{ID: "P1"}, {ID: "P2", MergedInto: "P3", MergedAt: day(7)}, {ID: "P3", MergedInto: "P1", MergedAt: day(5)}},
		Votes:    []Vote{{Request: "P1", Person: "u1", CreatedAt: day(1)}, {Request: "P2", Person: "u2", CreatedAt: day(1)}, {Request: "P3", Person: "u3", CreatedAt: day(1)}},
	}
	r, _ = Demand(&chain, day(20), DemandOptions{Merges: MergeFider})
	// P2 into P3 copies nothing: P3 is itself a duplicate by day 7 and cannot be voted on.
	if diff := cmp.Diff(map[RequestID]int{"P1": 2, "P2": 1, "P3": 1}, people(r)); diff != "" {
		t.Errorf("chain (-want +got)\n%s", diff)
	}
	// In the other order, the copies travel: P2 into P3 (day 3), then P3 into P1 (day 5).
	chain.Requests[1].MergedAt = day(3)
	r, _ = Demand(&chain, day(20), DemandOptions{Merges: MergeFider})
	if diff := cmp.Diff(map[RequestID]int{"P1": 3, "P2": 1, "P3": 2}, people(r)); diff != "" {
		t.Errorf("chain in order (-want +got)\n%s", diff)
	}
	links, _ = Demand(&chain, day(20), DemandOptions{})
	if diff := cmp.Diff(map[RequestID]int{"P1": 3}, people(links)); diff != "" {
		t.Errorf("chain as links (-want +got)\n%s", diff)
	}
}

func TestOpportunityValidate(t *testing.T) {
	o := Opportunity{Value: dec("-1"), Currency: "usd", CreatedAt: day(5), ClosedAt: day(1), Requests: []RequestID{"a", "a"}}
	if diff := cmp.Diff([]string{"id required", "account required", "value dgte", "currency iso4217", "closed_at gtefield", "requests[1] unique"}, ruleList(t, o.Validate())); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	ds := Dataset{Opportunities: []Opportunity{{ID: "o", Account: "nope", Requests: []RequestID{"r"}, Value: dec("5")}, {ID: "o", Account: "nope", Requests: []RequestID{"r"}}}}
	if diff := cmp.Diff([]string{"opportunities[0].currency required_with", "opportunities[0].account exists", "opportunities[0].requests[0] exists",
		"opportunities[1].id unique", "opportunities[1].account exists", "opportunities[1].requests[0] exists"}, ruleList(t, ds.Validate())); diff != "" {
		t.Errorf("dataset (-want +got)\n%s", diff)
	}
	if !(Opportunity{}).OpenAt(day(1)) || (Opportunity{ClosedAt: day(1)}).OpenAt(day(1)) || (Opportunity{CreatedAt: day(2)}).OpenAt(day(1)) {
		t.Error("OpenAt")
	}
}

func ruleList(t *testing.T, err error) []string { t.Helper(); return fieldtest.Rules(t, err) }
