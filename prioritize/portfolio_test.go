package prioritize

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func pt(id ItemID, v, e string) Point { return Point{ID: id, Value: d(v), Effort: d(e)} }

// TestPareto: equal effort and lower value is dominated; identical points both stay (§3.3, P21).
func TestPareto(t *testing.T) {
	pts := []Point{pt("A", "10", "5"), pt("B", "8", "5"), pt("C", "10", "5"), pt("D", "12", "8"), pt("E", "3", "1"), pt("F", "9", "9")}
	f, err := Pareto(pts)
	if err != nil {
		t.Fatal(err)
	}
	var ids []ItemID
	for _, p := range f {
		ids = append(ids, p.ID)
	}
	if diff := cmp.Diff([]ItemID{"E", "A", "C", "D"}, ids); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	layers, err := ParetoLayers(pts)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]ItemID
	for _, l := range layers {
		var ids []ItemID
		for _, p := range l {
			ids = append(ids, p.ID)
		}
		got = append(got, ids)
	}
	if diff := cmp.Diff([][]ItemID{{"E", "A", "C", "D"}, {"B", "F"}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = Pareto([]Point{pt("A", "1", "-1"), pt("A", "1", "1")})
	if diff := cmp.Diff([]string{"points[0].effort dgte", "points[1].id unique"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
	if _, err := ParetoLayers([]Point{{ID: "x"}}); err == nil {
		t.Error("want error")
	}
}

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
		Effort: map[string]decimal.Decimal{"": d("10")}, Unit: d("1"), Greedy: []ItemID{"A", "D"}, GreedyValue: d("15"), Gap: d("2")}
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
	if diff := cmp.Diff(want, s, decimalEqual); diff != "" {
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
	// A capacity too large for a DP table is still solved exactly by branch and bound.
	s, err = Select([]Candidate{cand("p", "3", "2"), cand("q", "4", "3"), cand("r", "5", "4")}, SelectOptions{Capacity: map[string]decimal.Decimal{"": d("1e12")}})
	if err != nil || !s.Exact || s.Method != "branch-and-bound" || !s.Value.Equal(d("12")) {
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
	if diff := cmp.Diff([]string{"items[1].value dgte", "items[2].team known", `capacity[""] dgte`, "max_work gte"}, fields(t, err)); diff != "" {
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

// TestOrder: variant A keeps priority among available items; variant B lets the
// prerequisite inherit its dependent's priority (§3.7, P28).
func TestOrder(t *testing.T) {
	items := []Dependent{{ID: "C", Requires: []ItemID{"A"}}, {ID: "B"}, {ID: "A"}}
	g, err := Order(items, OrderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	in, err := Order(items, OrderOptions{Variant: OrderInherit})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]ItemID{{"B", "A", "C"}, {"A", "C", "B"}}, [][]ItemID{g, in}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = Order([]Dependent{{ID: "a", Requires: []ItemID{"b"}}, {ID: "b", Requires: []ItemID{"c"}}, {ID: "c", Requires: []ItemID{"a"}}, {ID: "d", Requires: []ItemID{"d"}}}, OrderOptions{})
	var ce *CycleError
	if !errors.As(err, &ce) || err.Error() != "prioritize: dependency cycle among a, b, c" {
		t.Errorf("got %v", err)
	}
	_, err = Order([]Dependent{{ID: "d", Requires: []ItemID{"d"}}}, OrderOptions{})
	if !errors.As(err, &ce) || len(ce.IDs) != 1 {
		t.Errorf("self-loop: %v", err)
	}
	_, err = Order([]Dependent{{ID: "a", Requires: []ItemID{"x"}}, {ID: ""}, {ID: "a"}}, OrderOptions{})
	if diff := cmp.Diff([]string{"items[1].id required", "items[2].id unique", "items[0].requires[0] known"}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := Order(items, OrderOptions{Variant: 3}); err == nil {
		t.Error("want variant error")
	}
	long := make([]ItemID, 12)
	for i := range long {
		long[i] = ItemID(rune('a' + i))
	}
	if got := (&CycleError{IDs: long}).Error(); got != "prioritize: dependency cycle among a, b, c, d, e, f, g, h, i, j and 2 more" {
		t.Error(got)
	}
}

// TestRICESwap works the closed-form thresholds of §3.5 (P26) by hand: A = 1000·1·0.8/2 =
// 400, B = 500·2·0.5/2 = 250.
func TestRICESwap(t *testing.T) {
	a := rice("A", "1000", "1", "0.8", "2")
	b := rice("B", "500", "2", "0.5", "2")
	th, err := RICESwap(a, b, RICEOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Item     ItemID
		Factor   string
		Critical string
		Feasible bool
	}
	var got []row
	for _, x := range th {
		got = append(got, row{x.Item, x.Factor, x.Critical.String(), x.Feasible})
	}
	want := []row{
		{"A", "reach", "625", true}, {"A", "impact", "5/8", true}, {"A", "confidence", "1/2", true}, {"A", "effort", "16/5", true},
		{"B", "reach", "800", true}, {"B", "impact", "16/5", false}, {"B", "confidence", "4/5", true}, {"B", "effort", "5/4", true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !th[2].Change.Equal(d("-0.3")) {
		t.Errorf("change %s", th[2].Change)
	}
	z := rice("Z", "0", "1", "1", "1")
	th, err = RICESwap(a, z, RICEOptions{})
	if err != nil || th[3].Defined || !th[4].Defined || th[5].Defined || th[7].Defined || !th[4].Critical.Equal(intF(400)) {
		t.Errorf("zero score thresholds: %+v %v", th, err)
	}
	if _, err := RICESwap(a, rice("", "1", "1", "1", "0"), RICEOptions{}); !errors.Is(err, ErrZeroEffort) {
		t.Errorf("want ErrZeroEffort: %v", err)
	}
}

// TestWeightSwap: A (10, 0) vs B (0, 8) with weights 1 and 1 tie when x's weight is 0.8 or
// y's weight is 1.25 (§3.5).
func TestWeightSwap(t *testing.T) {
	card := Scorecard{Criteria: []Criterion{{Name: "x", Weight: d("1")}, {Name: "y", Weight: d("1")}, {Name: "z", Weight: d("1")}}}
	items := []WeightedInput{{ID: "A", Values: []decimal.Decimal{d("10"), d("0"), d("1")}}, {ID: "B", Values: []decimal.Decimal{d("0"), d("8"), d("1")}}}
	th, err := WeightSwap(card, items, "A", "B")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{th[0].Critical.String(), th[1].Critical.String()}
	if diff := cmp.Diff([]string{"4/5", "5/4"}, got); diff != "" || th[2].Defined || !th[0].Feasible {
		t.Errorf("(-want +got):\n%s %+v", diff, th[2])
	}
	_, err = WeightSwap(card, items, "A", "Q")
	if diff := cmp.Diff([]string{"b known"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
	if _, err := WeightSwap(Scorecard{}, items, "A", "B"); err == nil {
		t.Error("want error for empty scorecard")
	}
}

// TestRICEStability: ±10% lets A (400) and B (250) swap, ±1% does not (§3.5, P26b).
func TestRICEStability(t *testing.T) {
	items := []RICEInput{rice("B", "500", "2", "0.5", "2"), rice("A", "1000", "1", "0.8", "2")}
	s, err := RICEStability(items, RICEOptions{}, d("0.1"))
	if err != nil {
		t.Fatal(err)
	}
	// A low: 900·0.9·0.72/2.2 = 265.090909…; B high: 550·2.2·0.55/1.8 = 369.72…
	if s.Stable != 0 || s.Pairs[0].Higher != "A" || !s.Intervals[0].Low.Equal(fr(t, "2916/11")) || !s.Intervals[1].High.Equal(fr(t, "13310/36")) {
		t.Errorf("%+v", s)
	}
	s, err = RICEStability(items, RICEOptions{}, d("0.01"))
	if err != nil || s.Stable != 1 || !s.Pairs[0].Stable {
		t.Errorf("%+v %v", s, err)
	}
	// Confidence is capped at 1 on the optimistic side.
	s, _ = RICEStability([]RICEInput{rice("X", "1", "1", "1", "1")}, RICEOptions{}, d("0.5"))
	if !s.Intervals[0].High.Equal(fr(t, "9/2")) {
		t.Errorf("high %s", s.Intervals[0].High)
	}
	if _, err := RICEStability(items, RICEOptions{}, d("1")); err == nil {
		t.Error("want perturbation error")
	}
	if _, err := RICEStability([]RICEInput{rice("x", "1", "1", "1", "0")}, RICEOptions{}, d("0.1")); !errors.Is(err, ErrZeroEffort) {
		t.Error("want ErrZeroEffort")
	}
}

func TestPERT(t *testing.T) {
	e, err := PERT(ThreePoint{Optimistic: d("1"), MostLikely: d("2"), Pessimistic: d("9")})
	if err != nil || e.Mean.String() != "3" || e.StdDev.String() != "4/3" || !e.StdDevValue.Equal(d("1.333333")) {
		t.Errorf("%+v %v", e, err)
	}
	_, err = PERT(ThreePoint{Optimistic: d("3"), MostLikely: d("2"), Pessimistic: d("1")})
	if diff := cmp.Diff([]string{"most_likely gtefield", "pessimistic gtefield"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
}

func TestSimulateRanks(t *testing.T) {
	tp := func(o, m, p string) ThreePoint {
		return ThreePoint{Optimistic: d(o), MostLikely: d(m), Pessimistic: d(p)}
	}
	items := []UncertainItem{
		{ID: "sure", Value: d("1000"), Effort: tp("1", "1", "1")},
		{ID: "a", Value: d("100"), Effort: tp("1", "2", "6")},
		{ID: "b", Value: d("100"), Effort: tp("1", "2", "6")},
		{ID: "never", Value: d("0"), Effort: tp("1", "2", "3")},
	}
	for _, dist := range []Distribution{DistributionPERT, DistributionTriangular} {
		opts := SimulateOptions{K: 2, Runs: 4000, Seed: 7, Distribution: dist}
		r1, err := SimulateRanks(items, opts)
		if err != nil {
			t.Fatal(err)
		}
		r2, _ := SimulateRanks(items, opts)
		if diff := cmp.Diff(r1, r2); diff != "" {
			t.Errorf("same seed must give the same result (-want +got):\n%s", diff)
		}
		hits := 0
		for _, r := range r1 {
			hits += r.Hits
		}
		if hits != 2*4000 || r1[0].P != 1 || r1[3].P != 0 || r1[0].StdErr != 0 {
			t.Errorf("%v: %+v", dist, r1)
		}
		// a and b are exchangeable: each should be in the top 2 about half the time.
		if r1[1].P < 0.45 || r1[1].P > 0.55 {
			t.Errorf("%v: P(a) = %v", dist, r1[1].P)
		}
	}
	_, err := SimulateRanks([]UncertainItem{{ID: "x", Value: d("1"), Effort: tp("0", "1", "2")}, {ID: "x", Value: d("1"), Effort: tp("1", "1", "1")}}, SimulateOptions{})
	if diff := cmp.Diff([]string{"k gte", "items[0].effort.optimistic nonzero", "items[1].id unique"}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
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
	if diff := cmp.Diff(want, s, decimalEqual); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = Select([]Candidate{{ID: "x", Value: d("1")}, {ID: "y", Value: d("1"), Efforts: map[string]decimal.Decimal{"qa": d("-1")}}},
		SelectOptions{Capacity: map[string]decimal.Decimal{"": d("1")}})
	if diff := cmp.Diff([]string{"items[0].effort required", `items[1].efforts["qa"] known`, `items[1].efforts["qa"] dgte`}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
