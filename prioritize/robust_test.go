package prioritize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

// guardLimits are the bounds every guarded run must stay within.
const (
	guardTimeout = 2 * time.Second
	guardAlloc   = 256 << 20
)

// guard runs f in a goroutine and fails the test when it takes longer than timeout (a
// hang) or allocates more than maxAlloc bytes in total (a blow-up). TotalAlloc is
// process-wide, so guarded runs must not overlap with other allocating work.
func guard(t testing.TB, timeout time.Duration, maxAlloc uint64, f func()) {
	t.Helper()
	timeout *= slowFactor
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("panic: %v", p)
		}
	case <-time.After(timeout):
		t.Fatalf("hang: still running after %v", timeout)
	}
	runtime.ReadMemStats(&after)
	if d := after.TotalAlloc - before.TotalAlloc; d > maxAlloc {
		t.Fatalf("allocated %d MiB, more than %d MiB", d>>20, maxAlloc>>20)
	}
}

// guarded is guard with the default limits.
func guarded(t testing.TB, f func()) { t.Helper(); guard(t, guardTimeout, guardAlloc, f) }

// TestSelectMaxWorkHuge (issue 12): MaxWork math.MaxInt with a capacity of 10^16 units used
// to allocate a DP table of that many cells and die with a fatal out-of-memory. The table
// is now sized before allocation against MaxMemory, and branch and bound runs instead.
func TestSelectMaxWorkHuge(t *testing.T) {
	var cs []Candidate
	for i := range 12 {
		cs = append(cs, Candidate{ID: ItemID(fmt.Sprint("c", i)), Value: decimal.NewFromInt(int64(i%5 + 1)),
			Effort: decimal.New(int64(i+1), 15)})
	}
	caps := map[string]decimal.Decimal{"": decimal.New(2, 16)}
	var s Selection
	var err error
	guard(t, 10*time.Second, 64<<20, func() { s, err = Select(cs, SelectOptions{Capacity: caps, MaxWork: math.MaxInt}) })
	if err != nil || !s.Exact || s.Method != "branch-and-bound" {
		t.Fatalf("%+v %v", s, err)
	}
	_, err = Select(cs, SelectOptions{Capacity: caps, MaxMemory: -1})
	if diff := cmp.Diff([]string{"max_memory gte"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

// TestSelectManyTeams: efforts are sparse, so 4,000 items each in its own team out of
// 4,000 need memory linear in the input, not items × teams (16 million decimals).
func TestSelectManyTeams(t *testing.T) {
	const n = 4000
	caps := map[string]decimal.Decimal{}
	var cs []Candidate
	for i := range n {
		team := "t" + strconv.Itoa(i)
		caps[team] = decimal.NewFromInt(1)
		cs = append(cs, Candidate{ID: ItemID("i" + strconv.Itoa(i)), Value: decimal.NewFromInt(1), Effort: decimal.NewFromInt(1), Team: team})
	}
	var s Selection
	var err error
	guard(t, 10*time.Second, 128<<20, func() { s, err = Select(cs, SelectOptions{Capacity: caps}) })
	if err != nil || !s.Exact || len(s.Selected) != n {
		t.Fatalf("%d selected, %v", len(s.Selected), err)
	}
}

// TestDeepChains: a prerequisite chain of 50,000 items is ordered, checked for cycles and
// selected without recursion: the goroutine stack is limited to 2 MiB, which one frame per
// item would overflow.
func TestDeepChains(t *testing.T) {
	const n = 50_000
	defer debug.SetMaxStack(debug.SetMaxStack(2 << 20))
	deps := make([]Dependent, n)
	cs := make([]Candidate, n)
	for i := range n {
		id := ItemID("x" + strconv.Itoa(i))
		deps[i] = Dependent{ID: id}
		cs[i] = Candidate{ID: id, Value: decimal.NewFromInt(1), Effort: decimal.NewFromInt(1)}
		if i > 0 {
			deps[i].Requires = []ItemID{deps[i-1].ID}
			cs[i].Requires = deps[i].Requires
		}
	}
	for _, v := range []OrderVariant{OrderGreedy, OrderInherit} {
		var ids []ItemID
		var err error
		guard(t, 20*time.Second, 512<<20, func() { ids, err = Order(deps, OrderOptions{Variant: v}) })
		if err != nil || len(ids) != n || ids[0] != "x0" || ids[n-1] != deps[n-1].ID {
			t.Fatalf("%v: %d ids, %v", v, len(ids), err)
		}
	}
	var s Selection
	var err error
	guard(t, 20*time.Second, 512<<20, func() {
		s, err = Select(cs, SelectOptions{Capacity: map[string]decimal.Decimal{"": decimal.NewFromInt(n)}})
	})
	if err != nil || !s.Exact || len(s.Selected) != n {
		t.Fatalf("%d selected, exact %v, %v", len(s.Selected), s.Exact, err)
	}
	// A cycle closing the chain is found, also without recursion.
	deps[0].Requires = []ItemID{deps[n-1].ID}
	_, err = Order(deps, OrderOptions{})
	var ce *CycleError
	if !errors.As(err, &ce) || len(ce.IDs) != n {
		t.Fatalf("want a cycle of %d, got %v", n, err)
	}
}

// TestSimulateRanksCap (issue 12): items × runs is capped before sampling, overflow-safe.
func TestSimulateRanksCap(t *testing.T) {
	items := make([]UncertainItem, 10_000)
	for i := range items {
		items[i] = UncertainItem{ID: ItemID("u" + strconv.Itoa(i)), Value: decimal.NewFromInt(1),
			Effort: ThreePoint{Optimistic: decimal.NewFromInt(1), MostLikely: decimal.NewFromInt(2), Pessimistic: decimal.NewFromInt(3)}}
	}
	var err error
	guard(t, 10*time.Second, guardAlloc, func() { _, err = SimulateRanks(items, SimulateOptions{K: 1, Runs: MaxRuns}) })
	if diff := cmp.Diff([]string{"runs max_draws"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	// The cap is inclusive: 2 items × 5 runs pass at 10 draws and fail at 9.
	if _, err := SimulateRanks(items[:2], SimulateOptions{K: 1, Runs: 5, MaxDraws: 10}); err != nil {
		t.Error(err)
	}
	_, err = SimulateRanks(items[:2], SimulateOptions{K: 1, Runs: 5, MaxDraws: 9})
	if diff := cmp.Diff([]string{"runs max_draws"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	_, err = SimulateRanks(items[:2], SimulateOptions{K: 1, MaxDraws: -1, Runs: -1})
	if diff := cmp.Diff([]string{"runs gte", "max_draws gte"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

// TestCancellation: the Context variants stop when the context is done and return its
// error.
func TestCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	items := []UncertainItem{
		{ID: "a", Value: decimal.NewFromInt(1), Effort: ThreePoint{Optimistic: decimal.NewFromInt(1), MostLikely: decimal.NewFromInt(2), Pessimistic: decimal.NewFromInt(3)}},
		{ID: "b", Value: decimal.NewFromInt(2), Effort: ThreePoint{Optimistic: decimal.NewFromInt(1), MostLikely: decimal.NewFromInt(2), Pessimistic: decimal.NewFromInt(9)}},
	}
	if _, err := SimulateRanksContext(ctx, items, SimulateOptions{K: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("SimulateRanksContext: %v", err)
	}
	var sc []ScenarioItem
	for i := range 40 {
		sc = append(sc, ScenarioItem{ID: ItemID(fmt.Sprint("s", i)), Value: decimal.NewFromInt(int64(i)),
			Scenarios: []Scenario{{Effort: decimal.NewFromInt(1), Probability: reduceInts(1, 2)}, {Effort: decimal.NewFromInt(3), Probability: reduceInts(1, 2)}}})
	}
	if _, err := ScenarioRanksContext(ctx, sc, ScenarioOptions{K: 3}); !errors.Is(err, context.Canceled) {
		t.Errorf("ScenarioRanksContext: %v", err)
	}
	var cs []Candidate
	for i := range 40 {
		cs = append(cs, Candidate{ID: ItemID(fmt.Sprint("c", i)), Value: decimal.NewFromInt(int64(i)), Effort: decimal.NewFromInt(int64(i%7 + 1))})
	}
	if _, err := SelectContext(ctx, cs, SelectOptions{Capacity: map[string]decimal.Decimal{"": decimal.NewFromInt(30)}}); !errors.Is(err, context.Canceled) {
		t.Errorf("SelectContext: %v", err)
	}
	// A deadline stops a long branch and bound midway.
	cs[1].Requires = []ItemID{"c0"}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	start := time.Now()
	_, err := SelectContext(ctx2, append(cs, manyCandidates(60)...), SelectOptions{Capacity: map[string]decimal.Decimal{"": decimal.NewFromInt(97)}, MaxWork: math.MaxInt})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("SelectContext with a deadline: %v after %v", err, time.Since(start))
	}
}

// manyCandidates gives n candidates whose exact search is long (values close to their
// efforts, so bounds prune little).
func manyCandidates(n int) []Candidate {
	out := make([]Candidate, n)
	for i := range out {
		e := int64(1000 + (i*7919)%1000)
		out[i] = Candidate{ID: ItemID(fmt.Sprint("m", i)), Value: decimal.NewFromInt(e + int64(i%3)), Effort: decimal.NewFromInt(e)}
	}
	return out
}

// TestScenarioRanksCap (issue 12): the work is estimated before it starts, overflow-safe.
func TestScenarioRanksCap(t *testing.T) {
	var items []ScenarioItem
	for i := range 3000 {
		items = append(items, ScenarioItem{ID: ItemID(fmt.Sprint("s", i)), Value: decimal.NewFromInt(int64(i)),
			Scenarios: []Scenario{{Effort: decimal.NewFromInt(1), Probability: reduceInts(1, 3)}, {Effort: decimal.NewFromInt(2), Probability: reduceInts(2, 3)}}})
	}
	var err error
	guarded(t, func() { _, err = ScenarioRanks(items, ScenarioOptions{K: math.MaxInt}) })
	if diff := cmp.Diff([]string{"items max_work"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	guarded(t, func() { _, err = ScenarioRanks(items[:50], ScenarioOptions{K: math.MaxInt, MaxWork: math.MaxInt}) })
	if err != nil {
		t.Error(err)
	}
	_, err = ScenarioRanks(items[:2], ScenarioOptions{K: 1, MaxWork: -1})
	if diff := cmp.Diff([]string{"max_work gte"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	// Probabilities with 40-digit parts are accepted; longer ones are bounded.
	long := fr(t, "1/1"+strings.Repeat("0", 45))
	_, err = ScenarioRanks([]ScenarioItem{{ID: "a", Value: decimal.NewFromInt(1), Scenarios: []Scenario{{Effort: decimal.NewFromInt(1), Probability: long}}}}, ScenarioOptions{K: 1})
	if diff := cmp.Diff([]string{"items[0].scenarios[0].probability dbound"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	many := make([]Scenario, MaxScenarios+1)
	_, err = ExpectedScore(decimal.NewFromInt(1), many)
	if diff := cmp.Diff([]string{"scenarios max"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

// huge is a decimal built in Go beyond every bound: comparing it with an ordinary value
// used to rescale its coefficient to a billion digits (a hang).
var huge = decimal.New(1, -(1 << 30))

// TestUnboundedDecimals (issue 12): every entry point rejects a decimal beyond 40 digits or
// an exponent beyond ±40 before comparing it or computing with it, quickly.
func TestUnboundedDecimals(t *testing.T) {
	one := decimal.NewFromInt(1)
	tp := ThreePoint{Optimistic: one, MostLikely: huge, Pessimistic: one}
	card := Scorecard{Criteria: []Criterion{{Name: "v", Weight: huge}}}
	calls := map[string]func() error{
		"RICE": func() error {
			_, err := RICE(RICEInput{ID: "a", Reach: huge, Impact: huge, Confidence: huge, Effort: huge}, RICEOptions{})
			return err
		},
		"Rank": func() error {
			_, err := Rank([]RICEInput{{ID: "a", Reach: one, Impact: one, Confidence: huge, Effort: one}}, ByRICE(identity, RICEOptions{}))
			return err
		},
		"ICE": func() error {
			_, err := ICE(ICEInput{ID: "a", Impact: huge, Confidence: one, Ease: one}, ICEOptions{})
			return err
		},
		"WSJF": func() error {
			_, err := WSJF(WSJFInput{ID: "a", UserBusinessValue: huge, TimeCriticality: one, RiskReduction: one, JobSize: one}, WSJFOptions{})
			return err
		},
		"CD3": func() error { _, err := CD3(CD3Input{ID: "a", CostOfDelay: one, Duration: huge}); return err },
		"TotalDelayCost": func() error {
			_, err := TotalDelayCost([]CD3Input{{ID: "a", CostOfDelay: huge, Duration: one}})
			return err
		},
		"Opportunity": func() error {
			_, err := Opportunity(OpportunityInput{ID: "a", Importance: huge, Satisfaction: one}, OpportunityOptions{})
			return err
		},
		"Scorecard.Score": func() error {
			_, err := card.Score([]WeightedInput{{ID: "a", Values: []decimal.Decimal{one}}})
			return err
		},
		"Scorecard.Score values": func() error {
			_, err := Scorecard{Criteria: []Criterion{{Name: "v", Weight: one}}, Normalization: NormalizeMinMax}.Score([]WeightedInput{{ID: "a", Values: []decimal.Decimal{huge}}, {ID: "b", Values: []decimal.Decimal{one}}})
			return err
		},
		"PERT":          func() error { _, err := PERT(tp); return err },
		"PERTScenarios": func() error { _, err := PERTScenarios(tp); return err },
		"SimulateRanks": func() error {
			_, err := SimulateRanks([]UncertainItem{{ID: "a", Value: huge, Effort: tp}}, SimulateOptions{K: 1})
			return err
		},
		"ExpectedScore": func() error {
			_, err := ExpectedScore(huge, []Scenario{{Effort: huge, Probability: intF(1)}})
			return err
		},
		"ScenarioRanks": func() error {
			_, err := ScenarioRanks([]ScenarioItem{{ID: "a", Value: huge, Scenarios: []Scenario{{Effort: huge, Probability: intF(1)}}}}, ScenarioOptions{K: 1})
			return err
		},
		"Select": func() error {
			_, err := Select([]Candidate{{ID: "a", Value: huge, Effort: huge, Efforts: map[string]decimal.Decimal{"": huge}}},
				SelectOptions{Capacity: map[string]decimal.Decimal{"": huge}})
			return err
		},
		"CheckMoSCoW": func() error {
			_, err := CheckMoSCoW([]MoSCoWItem{{ID: "a", Effort: huge}}, MoSCoWOptions{MaxMustShare: huge, Capacity: huge})
			return err
		},
		"Classify": func() error { _, err := Classify(huge, huge, Thresholds{Value: huge}); return err },
		"Pareto":   func() error { _, err := Pareto([]Point{{ID: "a", Value: huge, Effort: huge}}); return err },
		"BuyAFeature": func() error {
			_, err := BuyAFeature(BuyAFeatureInput{Features: []Feature{{ID: "f", Price: huge}}, Budgets: map[string]decimal.Decimal{"p": huge},
				Allocations: []Allocation{{Player: "p", Feature: "f", Amount: huge}}})
			return err
		},
		"RICEStability": func() error {
			_, err := RICEStability([]RICEInput{{ID: "a", Reach: one, Impact: one, Confidence: one, Effort: one}}, RICEOptions{}, StabilityOptions{Perturbation: huge})
			return err
		},
		"RICESwap": func() error {
			in := RICEInput{ID: "a", Reach: huge, Impact: one, Confidence: one, Effort: one}
			_, err := RICESwap(in, in, RICEOptions{})
			return err
		},
		"NewFraction": func() error { _, err := NewFraction(huge, huge); return err },
		"FractionOf":  func() error { _, err := FractionOf(huge); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			var err error
			guarded(t, func() { err = call() })
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("want a validation error, got %v", err)
			}
			var ve *productops.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("not a *ValidationError: %v", err)
			}
			found := false
			for _, f := range ve.Fields {
				found = found || f.Rule == "dbound"
			}
			if !found {
				t.Errorf("no dbound rule in %v", err)
			}
		})
	}
}

// TestZeroIsAValue (issue 12): the zero decimal.Decimal and decimal.NewFromInt(0) behave
// the same everywhere; neither is "required".
func TestZeroIsAValue(t *testing.T) {
	zeros := []decimal.Decimal{{}, decimal.NewFromInt(0), decimal.New(0, -3)}
	var results []string
	for _, z := range zeros {
		one := decimal.NewFromInt(1)
		var out []string
		add := func(v any, err error) {
			if err != nil {
				out = append(out, fmt.Sprint(fieldtest.Rules(t, err)))
				return
			}
			if s, ok := v.(Score); ok {
				v = s.Exact.String()
			}
			out = append(out, fmt.Sprint(v))
		}
		add(RICE(RICEInput{ID: "a", Reach: z, Impact: one, Confidence: one, Effort: one}, RICEOptions{}))
		add(RICE(RICEInput{ID: "a", Reach: one, Impact: one, Confidence: z, Effort: one}, RICEOptions{}))
		add(RICE(RICEInput{ID: "a", Reach: one, Impact: z, Confidence: one, Effort: one}, RICEOptions{Variant: RICELenient}))
		add(RICE(RICEInput{ID: "a", Reach: one, Impact: one, Confidence: one, Effort: z}, RICEOptions{}))
		add(CD3(CD3Input{ID: "a", CostOfDelay: z, Duration: one}))
		add(Opportunity(OpportunityInput{ID: "a", Importance: z, Satisfaction: z}, OpportunityOptions{}))
		add(CheckMoSCoW([]MoSCoWItem{{ID: "a", Effort: z}, {ID: "b", Category: Could, Effort: one}}, MoSCoWOptions{}))
		add(Classify(z, z, Thresholds{Value: z, Effort: z}))
		add(Select([]Candidate{{ID: "a", Value: z, Effort: z}}, SelectOptions{}))
		add(Scorecard{Criteria: []Criterion{{Name: "v", Weight: one}, {Name: "w", Weight: z}}}.Score([]WeightedInput{{ID: "a", Values: []decimal.Decimal{z, z}}}))
		add(ExpectedScore(z, []Scenario{{Effort: one, Probability: intF(1)}}))
		add(PERT(ThreePoint{Optimistic: z, MostLikely: one, Pessimistic: one}))
		results = append(results, fmt.Sprint(out))
	}
	for i := 1; i < len(results); i++ {
		if diff := cmp.Diff(results[0], results[i]); diff != "" {
			t.Errorf("zero %d behaves differently (-Decimal{} +other):\n%s", i, diff)
		}
	}
	t.Log(results[0])
}

// TestSentinelsMeanWhatTheySay (issue 12): an unknown player, feature, item or team is
// ErrUnknownReference, never ErrUnknownPrerequisite.
func TestSentinelsMeanWhatTheySay(t *testing.T) {
	one := decimal.NewFromInt(1)
	_, err := BuyAFeature(BuyAFeatureInput{Features: []Feature{{ID: "f", Price: one}}, Budgets: map[string]decimal.Decimal{"p": one},
		Allocations: []Allocation{{Player: "nobody", Feature: "f", Amount: one}, {Player: "p", Feature: "nothing", Amount: one}}})
	card := Scorecard{Criteria: []Criterion{{Name: "v", Weight: one}}}
	_, err2 := WeightSwap(card, []WeightedInput{{ID: "a", Values: []decimal.Decimal{one}}}, "a", "zz")
	_, err3 := Select([]Candidate{{ID: "a", Value: one, Effort: one, Team: "nobody"}}, SelectOptions{})
	for _, e := range []error{err, err2, err3} {
		if !errors.Is(e, ErrUnknownReference) || errors.Is(e, ErrUnknownPrerequisite) || !errors.Is(e, productops.ErrInvalid) {
			t.Errorf("%v: want ErrUnknownReference only", e)
		}
	}
	_, err = Order([]Dependent{{ID: "a", Requires: []ItemID{"zz"}}}, OrderOptions{})
	if !errors.Is(err, ErrUnknownPrerequisite) || errors.Is(err, ErrUnknownReference) {
		t.Errorf("%v: want ErrUnknownPrerequisite only", err)
	}
	if _, err := Rank([]RICEInput{}, Scorer[RICEInput]{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("zero Scorer: %v", err)
	}
}

// recorder is a testing.TB that records the first failure instead of failing.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	if r.msg == "" {
		r.msg = fmt.Sprintf(format, args...)
	}
}

// TestGuardCatches: the fuzz guard reports a hang, a blow-up and a panic.
func TestGuardCatches(t *testing.T) {
	r := &recorder{TB: t}
	stop := make(chan struct{})
	defer close(stop)
	guard(r, 20*time.Millisecond, 1<<30, func() { <-stop })
	if !strings.HasPrefix(r.msg, "hang") {
		t.Errorf("hang not caught: %q", r.msg)
	}
	r = &recorder{TB: t}
	var keep [][]byte
	guard(r, time.Second, 1<<20, func() { keep = append(keep, make([]byte, 4<<20)) })
	if !strings.HasPrefix(r.msg, "allocated") || len(keep) != 1 {
		t.Errorf("allocation not caught: %q", r.msg)
	}
	r = &recorder{TB: t}
	guard(r, time.Second, 1<<30, func() { panic("boom") })
	if r.msg != "panic: boom" {
		t.Errorf("panic not caught: %q", r.msg)
	}
}
