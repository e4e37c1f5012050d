package launch

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestProportionalScores: the cases OpenSSF's checker tests pin for its two helpers,
// restated, plus overflow.
func TestProportionalScores(t *testing.T) {
	for _, c := range []struct{ s, t, want int }{
		{0, 0, 0}, {1, 1, 10}, {1, 2, 5}, {2, 5, 4}, {2, 3, 6},
		{math.MaxInt - 1, math.MaxInt, 9}, {math.MaxInt, math.MaxInt, 10},
	} {
		if got, err := ProportionalScore(c.s, c.t); err != nil || got != c.want {
			t.Errorf("ProportionalScore(%d, %d) = %d, %v; want %d", c.s, c.t, got, err, c.want)
		}
	}
	g := func(s, tot, w int) ProportionalGroup { return ProportionalGroup{Success: s, Total: tot, Weight: w} }
	for _, c := range []struct {
		name   string
		groups []ProportionalGroup
		want   int
	}{
		{"max, one group", []ProportionalGroup{g(1, 1, 10)}, 10},
		{"min, one group", []ProportionalGroup{g(0, 1, 10)}, 0},
		{"partial, one group", []ProportionalGroup{g(2, 10, 10)}, 2},
		{"two groups, equal weights", []ProportionalGroup{g(2, 10, 10), g(8, 10, 10)}, 5},
		{"two groups, odd weights", []ProportionalGroup{g(2, 10, 8), g(8, 10, 2)}, 3},
		{"all weights zero: max", []ProportionalGroup{g(1, 1, 0), g(1, 1, 0)}, 10},
		{"zero-weight group adds nothing", []ProportionalGroup{g(1, 1, 0), g(2, 10, 8), g(8, 10, 2)}, 3},
		{"no total: inconclusive", []ProportionalGroup{g(0, 0, 10)}, -1},
		{"zero total skipped", []ProportionalGroup{g(0, 0, 10), g(2, 10, 10)}, 2},
		{"only weighted groups with totals count", []ProportionalGroup{g(1, 1, 0), g(0, 0, 10), g(0, 10, 8), g(0, 10, 2)}, 0},
		{"zero weight is max, zero total skipped", []ProportionalGroup{g(2, 8, 0), g(0, 0, 10)}, 10},
		{"no groups", nil, -1},
		{"huge counts", []ProportionalGroup{g(math.MaxInt, math.MaxInt, math.MaxInt), g(0, math.MaxInt, math.MaxInt)}, 5},
	} {
		if got, err := ProportionalScoreWeighted(c.groups); err != nil || got != c.want {
			t.Errorf("%s: %d, %v; want %d", c.name, got, err, c.want)
		}
	}
	_, err := ProportionalScore(2, 1)
	invalid(t, err, "success ltefield")
	_, err = ProportionalScore(-1, 1)
	invalid(t, err, "success gte")
	_, err = ProportionalScoreWeighted([]ProportionalGroup{g(1, 0, 10), g(1, -1, 1), g(0, 1, -2)})
	invalid(t, err, "groups[0].success ltefield", "groups[1].total gte", "groups[2].weight gte")
}

// TestScorecardAggregate: Σ weight × score / Σ weight over conclusive checks (OpenSSF
// GetAggregateScore), worked by hand.
func TestScorecardAggregate(t *testing.T) {
	// critical 10 × 10 + high 7.5 × 5 + medium 5 × 0 = 137.5 over 22.5 = 6.111…; the low
	// check is inconclusive and leaves both sides.
	r, err := ScorecardAggregate([]ScorecardCheck{
		{Name: "Dangerous-Workflow", Risk: RiskCritical, Score: 10},
		{Name: "Code-Review", Risk: RiskHigh, Score: 5},
		{Name: "Fuzzing", Risk: RiskMedium, Score: 0},
		{Name: "CI-Tests", Risk: RiskLow, Score: -1},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := ScorecardResult{Defined: true, Num: decimal.RequireFromString("137.5"), Den: decimal.RequireFromString("22.5"),
		Value: new(decimal.RequireFromString("6.111111")), Display: "6.1", Counted: 3, Inconclusive: []string{"CI-Tests"}}
	if diff := cmp.Diff(want, r, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	r, _ = ScorecardAggregate([]ScorecardCheck{{Name: "x", Risk: RiskLow, Score: -1}})
	if r.Defined || r.Value != nil || r.Display != "?" {
		t.Errorf("all inconclusive: %+v", r)
	}
	_, err = ScorecardAggregate([]ScorecardCheck{{Name: "", Risk: 0, Score: 11}, {Name: "y", Risk: RiskHigh, Score: -2}})
	invalid(t, err, "checks[0].name required", "checks[0].risk oneof", "checks[0].score range", "checks[1].score range")
}

// TestScorecardReadiness: the OpenSSF aggregate as a readiness variant of Evaluate.
func TestScorecardReadiness(t *testing.T) {
	six := 6
	p := Plan{Name: "s", Policy: Policy{Readiness: ReadinessScorecard}, Items: []Item{
		{ID: "a", Function: Security, Status: Done, Risk: RiskCritical},                    // 10 × 10
		{ID: "b", Function: QA, Status: InProgress, Risk: RiskHigh, Score: &six},           // 7.5 × 6
		{ID: "c", Function: Docs, Status: NotStarted, Kind: Advisory},                      // medium 5 × 0
		{ID: "d", Function: Legal, Status: Inconclusive, Risk: RiskLow, Kind: Advisory},    // left out
		{ID: "e", Function: Legal, Status: NotApplicable, NAReason: "none", Risk: RiskLow}, // left out
	}}
	ev, err := Evaluate(p, utc("2026-11-30T12:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	// (100 + 45 + 0) / 22.5 = 6.444…; Score = 14.5 / 22.5 = 0.644444.
	if ev.Readiness != ReadinessScorecard || ev.Scorecard == nil || ev.Scorecard.Display != "6.4" ||
		ev.Score.Value.String() != "0.644444" || ev.Score.Num.String() != "14.5" || ev.Score.Den.String() != "22.5" {
		t.Errorf("scorecard readiness: %+v score %v/%v", ev.Scorecard, ev.Score.Num, ev.Score.Den)
	}
	var got []int
	for _, it := range ev.Items {
		got = append(got, *it.CheckScore)
	}
	if diff := cmp.Diff([]int{10, 6, 0, -1, -1}, got); diff != "" {
		t.Errorf("check scores (-want +got)\n%s", diff)
	}
	// The floor applies to the same fraction: 0.644… is below 0.65.
	p.Policy.MinScore = dec("0.65")
	ev, _ = Evaluate(p, utc("2026-11-30T12:00:00Z"))
	if got := summarize(ev).Reasons; !cmp.Equal(got, []string{"blocker incomplete b", "blocker score_below_min ", "risk inconclusive d", "risk incomplete c"}) {
		t.Errorf("floor: %q", got)
	}
	bad := Plan{Name: "b", Items: []Item{
		{ID: "a", Function: QA, Risk: RiskHigh, Score: &six},
	}}
	invalid(t, bad.Validate(), "items[0].risk excluded_unless", "items[0].score excluded_unless")
	eleven := 11
	bad = Plan{Name: "b", Policy: Policy{Readiness: ReadinessScorecard}, Items: []Item{
		{ID: "a", Function: QA, Weight: dec("2"), Risk: ScorecardRisk(9), Score: &eleven},
		{ID: "b", Function: QA, Status: Done, Score: &six},
	}}
	invalid(t, bad.Validate(), "items[0].risk oneof", "items[0].weight excluded_if", "items[0].score range", "items[1].score excluded_if")
	bad.Policy.Readiness = ReadinessMethod(5)
	bad.Items = []Item{{ID: "a", Function: QA}}
	invalid(t, bad.Validate(), "policy.readiness oneof")
}
