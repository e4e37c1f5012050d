package prioritize

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
)

func cand(id ItemID, v, e string, req ...ItemID) Candidate {
	return Candidate{ID: id, Value: d(v), Effort: d(e), Requires: req}
}

// TestSelectGreedyGap: greedy by ratio takes A (11/6) and then only D fits (15); the
// optimum is B + C (17) at the same capacity (§3.4, P23-style).
func TestSelectGreedyGap(t *testing.T) {
	cs := []Candidate{cand("A", "11", "6"), cand("B", "8", "5"), cand("C", "9", "5"), cand("D", "4", "4")}
	s, err := Select(cs, SelectOptions{Capacity: map[string]decimal.Decimal{"": d("10")}})
	if err != nil {
		t.Fatal(err)
	}
	want := Selection{Exact: true, Method: "dp", Selected: []ItemID{"B", "C"}, Value: d("17"),
		Effort: map[string]decimal.Decimal{"": d("10")}, Unit: d("1"), Greedy: []ItemID{"A", "D"}, GreedyValue: d("15"), Gap: d("2"),
		Items: []SelectionItem{
			{ID: "A", Value: d("11"), Effort: map[string]decimal.Decimal{"": d("6")}, Greedy: true},
			{ID: "B", Value: d("8"), Effort: map[string]decimal.Decimal{"": d("5")}, Selected: true},
			{ID: "C", Value: d("9"), Effort: map[string]decimal.Decimal{"": d("5")}, Selected: true},
			{ID: "D", Value: d("4"), Effort: map[string]decimal.Decimal{"": d("4")}, Greedy: true},
		}}
	if diff := cmp.Diff(want, s, decimalEqual); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSelectTeamsAndPrerequisites(t *testing.T) {
	cs := []Candidate{
		{ID: "api", Value: d("1"), Effort: d("2"), Team: "backend"},
		{ID: "ui", Value: d("10"), Effort: d("1.5"), Team: "frontend", Requires: []ItemID{"api"}},
		{ID: "perf", Value: d("4"), Effort: d("2"), Team: "backend"},
		{ID: "theme", Value: d("3"), Effort: d("1"), Team: "frontend"},
		{ID: "free", Value: d("0.5"), Effort: d("0"), Team: "frontend"},
	}
	caps := map[string]decimal.Decimal{"backend": d("2"), "frontend": d("2.5")}
	s, err := Select(cs, SelectOptions{Capacity: caps})
	if err != nil {
		t.Fatal(err)
	}
	want := Selection{Exact: true, Method: "branch-and-bound", Selected: []ItemID{"api", "free", "theme", "ui"}, Value: d("14.5"),
		Effort: map[string]decimal.Decimal{"backend": d("2"), "frontend": d("2.5")}, Unit: d("0.1"),
		Greedy: []ItemID{"free", "perf", "theme"}, GreedyValue: d("7.5"), Gap: d("7")}
	if diff := cmp.Diff(want, s, decimalEqual, noItems); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Without prerequisites the teams are solved separately by DP.
	cs[1].Requires = nil
	s, err = Select(cs, SelectOptions{Capacity: caps})
	if err != nil || s.Method != "dp" || !s.Value.Equal(d("17.5")) {
		t.Errorf("%+v %v", s, err)
	}
	// A tiny work limit gives up on the exact search but never returns less than greedy.
	s, err = Select(cs, SelectOptions{Capacity: caps, MaxWork: 3})
	if err != nil || s.Exact || s.Method != "branch-and-bound" || s.Gap.Sign() < 0 {
		t.Errorf("%+v %v", s, err)
	}
	// A capacity beyond the team's total effort is counted only up to that total, so the
	// DP table stays small.
	three := []Candidate{cand("p", "3", "2"), cand("q", "4", "3"), cand("r", "5", "4")}
	s, err = Select(three, SelectOptions{Capacity: map[string]decimal.Decimal{"": d("1e12")}})
	if err != nil || !s.Exact || s.Method != "dp" || !s.Value.Equal(d("12")) {
		t.Errorf("%+v %v", s, err)
	}
	// A DP table beyond MaxMemory is never allocated: branch and bound solves it exactly.
	s, err = Select(three, SelectOptions{Capacity: map[string]decimal.Decimal{"": d("8")}, MaxMemory: 8})
	if err != nil || !s.Exact || s.Method != "branch-and-bound" || !s.Value.Equal(d("9")) {
		t.Errorf("%+v %v", s, err)
	}
	// Efforts beyond 18 fractional digits cannot become integer units: greedy only.
	s, err = Select([]Candidate{{ID: "x", Value: d("1"), Effort: d("0.0000000000000000001"), Team: "backend"}}, SelectOptions{Capacity: caps})
	if err != nil || s.Exact || s.Method != "greedy" || !s.Value.Equal(d("1")) {
		t.Errorf("%+v %v", s, err)
	}
	cs[1].Requires = []ItemID{"api"}
	s, err = Select(cs, SelectOptions{Capacity: caps, MaxWork: 3})
	if err != nil || s.Exact || s.Method != "branch-and-bound" || s.Value.LessThan(s.GreedyValue) {
		t.Errorf("%+v %v", s, err)
	}
}

func TestSelectErrors(t *testing.T) {
	_, err := Select([]Candidate{cand("a", "1", "1", "zz"), cand("b", "-1", "1"), {ID: "c", Value: d("1"), Effort: d("1"), Team: "x"}},
		SelectOptions{Capacity: map[string]decimal.Decimal{"": d("-1")}, MaxWork: -1})
	if diff := cmp.Diff([]string{"items[1].value dgte", "items[2].team exists", `capacity[""] dgte`, "max_work gte"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	caps := SelectOptions{Capacity: map[string]decimal.Decimal{"": d("5")}}
	_, err = Select([]Candidate{cand("a", "1", "1", "zz")}, caps)
	if !errors.Is(err, ErrUnknownPrerequisite) {
		t.Errorf("want ErrUnknownPrerequisite: %v", err)
	}
	_, err = Select([]Candidate{cand("a", "1", "1", "b"), cand("b", "1", "1", "a")}, caps)
	var ce *CycleError
	if !errors.As(err, &ce) || !errors.Is(err, ErrCycle) {
		t.Fatalf("want *CycleError, got %v", err)
	}
	if diff := cmp.Diff([]ItemID{"a", "b"}, ce.IDs); diff != "" {
		t.Error(diff)
	}
}

// TestSelectMultiTeam: items that need both teams; greedy by the aggregated ratio takes C
// (10 for 4 units) and then nothing fits, the optimum is A + B (§3.4, P24-style).
func TestSelectMultiTeam(t *testing.T) {
	cs := []Candidate{
		{ID: "A", Value: d("9"), Effort: d("4"), Team: "fe"},
		{ID: "B", Value: d("8"), Efforts: map[string]decimal.Decimal{"be": d("4")}},
		{ID: "C", Value: d("10"), Effort: d("1"), Team: "fe", Efforts: map[string]decimal.Decimal{"fe": d("1"), "be": d("2")}},
	}
	s, err := Select(cs, SelectOptions{Capacity: map[string]decimal.Decimal{"fe": d("4"), "be": d("4")}})
	if err != nil {
		t.Fatal(err)
	}
	want := Selection{Exact: true, Method: "branch-and-bound", Selected: []ItemID{"A", "B"}, Value: d("17"),
		Effort: map[string]decimal.Decimal{"fe": d("4"), "be": d("4")}, Unit: d("1"), Greedy: []ItemID{"C"}, GreedyValue: d("10"), Gap: d("7")}
	if diff := cmp.Diff(want, s, decimalEqual, noItems); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = Select([]Candidate{{ID: "x", Value: d("1")}, {ID: "y", Value: d("1"), Efforts: map[string]decimal.Decimal{"qa": d("-1")}}},
		SelectOptions{Capacity: map[string]decimal.Decimal{"": d("1")}})
	if diff := cmp.Diff([]string{`items[1].efforts["qa"] exists`, `items[1].efforts["qa"] dgte`}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestSelectRanking: a ranking's exact scores are the values. A 1000/3 (effort 3), B 300
// (effort 1), C 200 (effort 2), capacity 4: A + B, 1900/3, rounded for display.
func TestSelectRanking(t *testing.T) {
	items := []RICEInput{rice("A", "1000", "1", "1", "3"), rice("B", "300", "1", "1", "1"), rice("C", "400", "1", "1", "2")}
	rk, err := Rank(items, ByRICE(identity, RICEOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	need := func(in RICEInput) Candidate { return Candidate{ID: "ignored", Value: d("5"), Effort: in.Effort} }
	s, err := SelectRanking(rk, need, SelectOptions{Capacity: map[string]decimal.Decimal{"": d("4")}})
	if err != nil {
		t.Fatal(err)
	}
	want := Selection{Exact: true, Method: "dp", Selected: []ItemID{"A", "B"}, Value: d("633.333333"),
		Effort: map[string]decimal.Decimal{"": d("4")}, Unit: d("1"), Greedy: []ItemID{"A", "B"}, GreedyValue: d("633.333333"), Gap: d("0"), Rounded: true}
	if diff := cmp.Diff(want, s, decimalEqual, noItems); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Values that differ by less than the display rounding are still told apart: the
	// search compares exact scores.
	close := []RICEInput{rice("p", "1000000", "1", "1", "3"), rice("q", "333333333333", "1", "1", "1000000")}
	ck, _ := Rank(close, ByRICE(identity, RICEOptions{Variant: RICELenient}))
	s, err = SelectRanking(ck, func(in RICEInput) Candidate { return Candidate{Effort: d("1")} }, SelectOptions{Capacity: map[string]decimal.Decimal{"": d("1")}})
	if err != nil || !slices.Equal(s.Selected, []ItemID{"p"}) || !s.Rounded {
		t.Errorf("%+v %v", s, err)
	}
	_, err = SelectRanking[RICEInput](nil, nil, SelectOptions{})
	if diff := cmp.Diff([]string{"ranking required", "need required"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	// Negative scores cannot be values.
	card := Scorecard{Criteria: []Criterion{{Name: "v", Weight: d("1"), Direction: Cost}}}
	ws, _ := card.Score([]WeightedInput{{ID: "x", Values: []decimal.Decimal{d("3")}}})
	wr, _ := RankScores(ws)
	_, err = SelectRanking(wr, func(Score) Candidate { return Candidate{} }, SelectOptions{})
	if diff := cmp.Diff([]string{"items[0].score dgte"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

// noItems leaves Selection.Items out of a comparison (TestSelectGreedyGap checks them).
var noItems = cmpopts.IgnoreFields(Selection{}, "Items")
