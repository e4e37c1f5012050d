package launch

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

func tickAt(i int) time.Time { return time.Date(2026, 12, 1, 10, i, 0, 0, time.UTC) }

// run steps an analysis over observation sets and reports decision, counter and phase
// per tick.
type stepWant struct {
	Decision Decision
	Failed   int
	Phase    Phase
}

func runSteps(t *testing.T, g Guardrail, ticks [][]Observation) []stepWant {
	t.Helper()
	a, err := NewAnalysis(g)
	if err != nil {
		t.Fatal(err)
	}
	var got []stepWant
	for i, obs := range ticks {
		r, err := a.Step(Tick{At: tickAt(i), Observations: obs})
		if err != nil {
			t.Fatalf("tick %d: %v", i, err)
		}
		got = append(got, stepWant{r.Decision, r.FailedChecks, r.Phase})
		if r.Decision == Rollback {
			break
		}
	}
	return got
}

func v(check CheckID, value float64, sample int64) Observation {
	return Observation{Check: check, Value: value, Sample: sample}
}

// TestGuardrailVectors works the rules of domain study §2.3 by hand.
func TestGuardrailVectors(t *testing.T) {
	errRate := Check{ID: "err", Metric: "error_rate", Max: dec("0.01")}
	success := Check{ID: "ok", Metric: "success_rate", Min: dec("0.99"), MinSample: 100}
	one := 1
	tests := []struct {
		name  string
		g     Guardrail
		ticks [][]Observation
		want  []stepWant
	}{
		{
			// Flagger's counter: cumulative, +1 per failing interval, never reset by a
			// pass; the trip acts at the start of the interval after the threshold-th
			// failure, even if that interval passes.
			name: "failed-checks counter, threshold 2",
			g:    Guardrail{Checks: []Check{errRate}, FailureThreshold: 2},
			ticks: [][]Observation{
				{v("err", 0.02, 0)}, {v("err", 0.001, 0)}, {v("err", 0.03, 0)}, {v("err", 0.0, 0)},
			},
			want: []stepWant{{Hold, 1, PhaseFail}, {Promote, 1, PhasePass}, {Hold, 2, PhaseFail}, {Rollback, 2, PhasePass}},
		},
		{
			// Default threshold 1: one failure holds, the next interval rolls back.
			name:  "default threshold is 1",
			g:     Guardrail{Checks: []Check{errRate}},
			ticks: [][]Observation{{v("err", 0.02, 0)}, {v("err", 0.001, 0)}},
			want:  []stepWant{{Hold, 1, PhaseFail}, {Rollback, 1, PhasePass}},
		},
		{
			// G1: equality passes (0.01 is not > 0.01; 0.99 is not < 0.99); the next
			// float above the bound fails.
			name: "bounds are inclusive",
			g:    Guardrail{Checks: []Check{errRate, success}, FailureThreshold: 5},
			ticks: [][]Observation{
				{v("err", 0.01, 0), v("ok", 0.99, 100)},
				{v("err", math.Nextafter(0.01, 1), 0), v("ok", 0.99, 100)},
				{v("err", 0.01, 0), v("ok", math.Nextafter(0.99, 0), 100)},
			},
			want: []stepWant{{Promote, 0, PhasePass}, {Hold, 1, PhaseFail}, {Hold, 2, PhaseFail}},
		},
		{
			// Minimum sample: 99 < 100 is insufficient data (never a pass, never a
			// failure), even with a breaching value; at 100 the breach counts.
			name: "minimum-sample guard",
			g:    Guardrail{Checks: []Check{success}, FailureThreshold: 3},
			ticks: [][]Observation{
				{v("ok", 0.5, 99)}, {v("ok", 1, 99)}, {v("ok", 0.5, 100)}, {v("ok", 1, 100)},
			},
			want: []stepWant{{Hold, 0, PhaseInconclusive}, {Hold, 0, PhaseInconclusive}, {Hold, 1, PhaseFail}, {Promote, 1, PhasePass}},
		},
		{
			// Three-outcome roll-up, worst wins: a failure outranks inconclusive, which
			// outranks pass, within a metric and across metrics.
			name: "three-outcome roll-up",
			g: Guardrail{Checks: []Check{
				{ID: "p95", Metric: "latency", Max: dec("300")},
				{ID: "p99", Metric: "latency", Max: dec("800"), MinSample: 50},
				{ID: "err", Metric: "error_rate", Max: dec("0.01")},
			}, FailureThreshold: 10},
			ticks: [][]Observation{
				{v("p95", 250, 60), v("p99", 700, 60), v("err", 0, 60)},    // all pass
				{v("p95", 250, 60), v("p99", 700, 10), v("err", 0, 60)},    // latency inconclusive
				{v("p95", 250, 60), v("p99", 700, 10), v("err", 0.5, 60)},  // fail wins over inconclusive
				{v("p95", 301, 60), v("p99", 700, 10), v("err", 0.0, 60)},  // fail within the same metric
				{v("p95", 250, 60), v("p99", 700, 60), v("err", 0.01, 60)}, // all pass again
			},
			want: []stepWant{{Promote, 0, PhasePass}, {Hold, 0, PhaseInconclusive}, {Hold, 1, PhaseFail}, {Hold, 2, PhaseFail}, {Promote, 2, PhasePass}},
		},
		{
			// A critical failure rolls back at once (Kayenta's critical override).
			name:  "critical check",
			g:     Guardrail{Checks: []Check{{ID: "c", Metric: "crash_rate", Max: dec("0.001"), Critical: true}}, FailureThreshold: 5},
			ticks: [][]Observation{{v("c", 0.0005, 0)}, {v("c", 0.002, 0)}},
			want:  []stepWant{{Promote, 0, PhasePass}, {Rollback, 0, PhaseFail}},
		},
		{
			// Argo's consecutive-error limit: 4 errors hold, the 5th rolls back; a pass
			// resets the run.
			name: "consecutive errors",
			g:    Guardrail{Checks: []Check{errRate}},
			ticks: [][]Observation{
				{{Check: "err", Missing: true}}, {}, {v("err", math.NaN(), 0)}, {v("err", 0, 0)},
				{{Check: "err", Missing: true}}, {{Check: "err", Missing: true}}, {{Check: "err", Missing: true}},
				{{Check: "err", Missing: true}}, {{Check: "err", Missing: true}},
			},
			want: []stepWant{
				{Hold, 0, PhaseInconclusive}, {Hold, 0, PhaseInconclusive}, {Hold, 0, PhaseInconclusive}, {Promote, 0, PhasePass},
				{Hold, 0, PhaseInconclusive}, {Hold, 0, PhaseInconclusive}, {Hold, 0, PhaseInconclusive}, {Hold, 0, PhaseInconclusive},
				{Rollback, 0, PhaseFail},
			},
		},
		{
			// Flagger's no-data rule: a missing value fails the check and counts.
			name:  "no data fails under NoDataFail",
			g:     Guardrail{Checks: []Check{errRate}, NoData: NoDataFail, FailureThreshold: 2},
			ticks: [][]Observation{{{Check: "err", Missing: true}}, {}, {v("err", 0, 0)}},
			want:  []stepWant{{Hold, 1, PhaseFail}, {Hold, 2, PhaseFail}, {Rollback, 2, PhasePass}},
		},
		{
			name:  "consecutive error limit 1",
			g:     Guardrail{Checks: []Check{errRate}, ConsecutiveErrorLimit: &one},
			ticks: [][]Observation{{{Check: "err", Missing: true}}, {{Check: "err", Missing: true}}},
			want:  []stepWant{{Hold, 0, PhaseInconclusive}, {Rollback, 0, PhaseFail}},
		},
		{
			// Dry-run checks are computed, reported, never decisive.
			name: "dry run",
			g: Guardrail{Checks: []Check{errRate,
				{ID: "exp", Metric: "experimental", Max: dec("1"), DryRun: true}}},
			ticks: [][]Observation{{v("err", 0, 0), v("exp", 5, 0)}, {v("err", 0, 0)}},
			want:  []stepWant{{Promote, 0, PhasePass}, {Promote, 0, PhasePass}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := runSteps(t, tc.g, tc.ticks)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestDeadline pins the deadline rule: at or after the deadline, insufficient data rolls
// back by default (LaunchDarkly) and holds under HoldOnInsufficient.
func TestDeadline(t *testing.T) {
	c := Check{ID: "ok", Metric: "success_rate", Min: dec("0.99"), MinSample: 100}
	for _, tc := range []struct {
		policy InsufficientPolicy
		want   []stepWant
	}{
		{RollbackOnInsufficient, []stepWant{{Hold, 0, PhaseInconclusive}, {Rollback, 0, PhaseInconclusive}}},
		{HoldOnInsufficient, []stepWant{{Hold, 0, PhaseInconclusive}, {Hold, 0, PhaseInconclusive}, {Hold, 1, PhaseFail}, {Rollback, 1, PhaseInconclusive}}},
	} {
		t.Run(tc.policy.String(), func(t *testing.T) {
			g := Guardrail{Checks: []Check{c}, Deadline: tickAt(1), OnInsufficient: tc.policy}
			got := runSteps(t, g, [][]Observation{{v("ok", 1, 5)}, {v("ok", 1, 5)}, {v("ok", 0.5, 500)}, {v("ok", 1, 5)}})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestRegression checks the rate regression test against values computed by hand (Python
// statistics.NormalDist, same formulas): control 100/10,000, treatment 150/10,000,
// lower is better, tolerance 0, 95%.
func TestRegression(t *testing.T) {
	g := Guardrail{Checks: []Check{{ID: "r", Metric: "error_rate", Regression: &RegressionTest{Direction: LowerIsBetter}, MinSample: 1000}}, FailureThreshold: 3}
	a, err := NewAnalysis(g)
	if err != nil {
		t.Fatal(err)
	}
	obs := func(ce, ct, te, tt int64) []Observation {
		return []Observation{{Check: "r", Control: Proportion{ce, ct}, Treatment: Proportion{te, tt}}}
	}
	r1, err := a.Step(Tick{At: tickAt(0), Observations: obs(100, 10000, 150, 10000)})
	if err != nil {
		t.Fatal(err)
	}
	rr := r1.Checks[0].Regression
	approx := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("%s = %.17g, want %.17g", name, got, want)
		}
	}
	approx("worsening", rr.Worsening, 0.005)
	approx("stderr", rr.StdErr, 0.001570827807240501)
	approx("lo", rr.Interval.Lo, 0.0019212340718945918)
	approx("hi", rr.Interval.Hi, 0.008078765928105407)
	approx("z", *rr.Z, 3.183035070396151)
	approx("p", rr.PValue, 0.0007286998036563075)
	if !rr.Regressed || r1.Checks[0].Outcome != OutcomeFail || r1.Decision != Hold {
		t.Errorf("regressed=%v outcome=%v decision=%v, want true fail hold", rr.Regressed, r1.Checks[0].Outcome, r1.Decision)
	}
	if rr.TreatmentWilson.Lo >= 0.015 || rr.TreatmentWilson.Hi <= 0.015 {
		t.Errorf("treatment Wilson %v does not contain 0.015", rr.TreatmentWilson)
	}

	// 115/10,000: interval [-0.00136, 0.00436] straddles 0, no regression.
	r2, err := a.Step(Tick{At: tickAt(1), Observations: obs(100, 10000, 115, 10000)})
	if err != nil {
		t.Fatal(err)
	}
	rr = r2.Checks[0].Regression
	approx("lo2", rr.Interval.Lo, -0.0013583069435212421)
	approx("p2", rr.PValue, 0.15184276535690244)
	if rr.Regressed || r2.Decision != Promote {
		t.Errorf("regressed=%v decision=%v, want false promote", rr.Regressed, r2.Decision)
	}

	// With a tolerance of 0.5 points the first data no longer regress (lo 0.0019 < 0.005).
	g.Checks[0].Regression.Tolerance = *dec("0.005")
	a2, _ := NewAnalysis(g)
	r3, _ := a2.Step(Tick{At: tickAt(0), Observations: obs(100, 10000, 150, 10000)})
	if r3.Checks[0].Outcome != OutcomePass {
		t.Errorf("with tolerance: outcome %v, want pass", r3.Checks[0].Outcome)
	}
	// Higher is better: a drop in conversion from 10% to 8% on 5,000 each regresses.
	hb := Guardrail{Checks: []Check{{ID: "conv", Metric: "conversion", Regression: &RegressionTest{Direction: HigherIsBetter, Confidence: *dec("0.9")}}}}
	a3, _ := NewAnalysis(hb)
	r4, _ := a3.Step(Tick{At: tickAt(0), Observations: []Observation{{Check: "conv", Control: Proportion{500, 5000}, Treatment: Proportion{400, 5000}}}})
	if r4.Checks[0].Outcome != OutcomeFail {
		t.Errorf("higher is better: outcome %v, want fail", r4.Checks[0].Outcome)
	}
	// Degenerate arms (both 0%): standard error 0, no z, no regression, p = 1.
	r5, _ := a3.Step(Tick{At: tickAt(1), Observations: []Observation{{Check: "conv", Control: Proportion{0, 10}, Treatment: Proportion{0, 10}}}})
	if rr := r5.Checks[0].Regression; rr.Z != nil || rr.Regressed || rr.PValue != 1 {
		t.Errorf("degenerate: z=%v regressed=%v p=%v", rr.Z, rr.Regressed, rr.PValue)
	}
	// Below the sample floor (and with no trials at all): insufficient data.
	r6, _ := a.Step(Tick{At: tickAt(2), Observations: obs(0, 0, 0, 0)})
	if r6.Checks[0].Outcome != OutcomeInsufficient || r6.Checks[0].Regression != nil {
		t.Errorf("empty arms: outcome %v", r6.Checks[0].Outcome)
	}
}

func TestAnalyzeSummary(t *testing.T) {
	g := Guardrail{Checks: []Check{
		{ID: "err", Metric: "error_rate", Max: dec("0.01")},
		{ID: "lat", Metric: "latency", Max: dec("300"), MinSample: 10},
	}, FailureThreshold: 2}
	ticks := []Tick{
		{At: tickAt(0), Observations: []Observation{v("err", 0, 0), v("lat", 100, 5)}},
		{At: tickAt(1), Observations: []Observation{v("err", 0.5, 0), v("lat", 100, 50)}},
		{At: tickAt(2), Observations: []Observation{v("err", 0.5, 0), v("lat", 100, 50)}},
		{At: tickAt(3), Observations: []Observation{v("err", 0, 0), v("lat", 100, 50)}},
		{At: tickAt(4), Observations: []Observation{v("err", 0, 0), v("lat", 100, 50)}}, // never examined
	}
	res, err := Analyze(g, ticks)
	if err != nil {
		t.Fatal(err)
	}
	want := GuardrailResult{
		Decision: Rollback, Rule: RuleFailureThreshold, Ticks: 4, FailedChecks: 2, Threshold: 2, Tripped: true,
		Reasons: []string{"failed checks 2 reached the threshold 2"},
		Metrics: []MetricSummary{
			{Metric: "error_rate", Pass: 2, Fail: 2, Worst: PhaseFail, Last: PhasePass},
			{Metric: "latency", Pass: 3, Inconclusive: 1, Worst: PhaseInconclusive, Last: PhasePass},
		},
	}
	res.Last = nil
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestGuardrailInvalid(t *testing.T) {
	neg := -1
	g := Guardrail{Checks: []Check{
		{ID: "a", Min: dec("2"), Max: dec("1")},
		{ID: "a", Metric: "m"},
		{ID: "b", Metric: "m", Max: dec("1"), Regression: &RegressionTest{Direction: LowerIsBetter}},
		{ID: "c", Metric: "m", Regression: &RegressionTest{Tolerance: *dec("1"), Confidence: *dec("-0.1")}, MinSample: -1},
	}, FailureThreshold: -1, ConsecutiveErrorLimit: &neg, OnInsufficient: InsufficientPolicy(3), NoData: NoDataPolicy(4)}
	_, err := NewAnalysis(g)
	got := fieldtest.Rules(t, err)
	want := []string{
		"checks[0].metric required",
		"checks[3].min_sample gte",
		"failure_threshold gte",
		"consecutive_error_limit gte",
		"checks[0].max gtefield",
		"checks[1].id unique",
		"checks[1].min required",
		"checks[2].regression excluded_with",
		"checks[3].regression.tolerance dlt",
		"checks[3].regression.direction required",
		"checks[3].regression.confidence range",
		"no_data oneof",
		"on_insufficient oneof",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if _, err := NewAnalysis(Guardrail{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("no checks: err = %v", err)
	}

	a, err := NewAnalysis(Guardrail{Checks: []Check{{ID: "x", Metric: "m", Max: dec("1")}}})
	if err != nil {
		t.Fatal(err)
	}
	bad := Tick{At: tickAt(0), Observations: []Observation{
		{Check: "ghost"}, {Check: "x", Sample: -1}, {Check: "x", Control: Proportion{5, 3}, Treatment: Proportion{-1, 2}},
	}}
	_, err = a.Step(bad)
	got = fieldtest.Rules(t, err)
	want = []string{
		"observations[0].check exists",
		"observations[1].sample gte",
		"observations[2].check unique",
		"observations[2].control.events ltefield",
		"observations[2].treatment gte",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bad tick (-want +got)\n%s", diff)
	}
	if _, err := a.Step(Tick{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("zero At: err = %v", err)
	}
	if _, err := a.Step(Tick{At: tickAt(1), Observations: []Observation{v("x", 2, 0)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Step(Tick{At: tickAt(1)}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("same At: err = %v", err)
	}
	if r, err := a.Step(Tick{At: tickAt(2), Observations: []Observation{v("x", 0, 0)}}); err != nil || r.Decision != Rollback {
		t.Fatalf("rollback step: %v %v", r.Decision, err)
	}
	if _, err := a.Step(Tick{At: tickAt(3)}); !errors.Is(err, ErrRolledBack) {
		t.Errorf("after rollback: err = %v, want ErrRolledBack", err)
	}
	if _, err := Analyze(Guardrail{Checks: []Check{{ID: "x", Metric: "m", Max: dec("1")}}}, []Tick{{}}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("Analyze bad tick: err = %v", err)
	}
}

// TestGuardrailTypedRule: every rule is a typed value with the checks behind it, the
// threshold, whether the counter tripped, and per-metric counts (issue 17).
func TestGuardrailTypedRule(t *testing.T) {
	lim := 0
	g := Guardrail{Checks: []Check{
		{ID: "a", Metric: "m", Max: dec("1")},
		{ID: "b", Metric: "m", Max: dec("1"), Critical: true},
		{ID: "c", Metric: "n", Min: dec("0"), MinSample: 10},
		{ID: "d", Metric: "dry", Max: dec("1"), DryRun: true},
	}, FailureThreshold: 2, ConsecutiveErrorLimit: &lim, Deadline: tickAt(5), OnInsufficient: RollbackOnInsufficient}
	inc := Observation{Check: "c", Value: 5, Sample: 50, Inconclusive: true}
	type step struct {
		Obs      []Observation
		Rule     GuardrailRule
		Decision Decision
		Deciding []CheckID
		Failed   int
		Tripped  bool
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"fail, trip, roll back", []step{
			{[]Observation{v("a", 2, 1), v("b", 0, 1), v("c", 1, 50), v("d", 9, 1)}, RuleCheckFailed, Hold, []CheckID{"a"}, 1, false},
			{[]Observation{v("a", 2, 1), v("b", 0, 1), v("c", 1, 50)}, RuleCheckFailed, Hold, []CheckID{"a"}, 2, true},
			{[]Observation{v("a", 0, 1), v("b", 0, 1), v("c", 1, 50)}, RuleFailureThreshold, Rollback, []CheckID{}, 2, true},
		}},
		{"critical", []step{{[]Observation{v("a", 0, 1), v("b", 2, 1), v("c", 1, 50)}, RuleCriticalFailure, Rollback, []CheckID{"b"}, 0, false}}},
		{"fed inconclusive holds, then the deadline rolls back", []step{
			{[]Observation{v("a", 0, 1), v("b", 0, 1), inc}, RuleInconclusive, Hold, []CheckID{"c"}, 0, false},
			{[]Observation{v("a", 0, 1), v("b", 0, 1), v("c", 1, 50)}, RuleAllPassed, Promote, []CheckID{}, 0, false},
			{[]Observation{v("a", 0, 1), v("b", 0, 1), inc}, RuleInconclusive, Hold, []CheckID{"c"}, 0, false},
			{[]Observation{v("a", 0, 1), v("b", 0, 1), inc}, RuleInconclusive, Hold, []CheckID{"c"}, 0, false},
			{[]Observation{v("a", 0, 1), v("b", 0, 1), inc}, RuleInconclusive, Hold, []CheckID{"c"}, 0, false},
			{[]Observation{v("a", 0, 1), v("b", 0, 1), inc}, RuleDeadlineInsufficient, Rollback, []CheckID{"c"}, 0, false},
		}},
		{"error past the limit", []step{{[]Observation{v("b", 0, 1), v("c", 1, 50)}, RuleErrorLimit, Rollback, []CheckID{"a"}, 0, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := NewAnalysis(g)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range tc.steps {
				r, err := a.Step(Tick{At: tickAt(i), Observations: s.Obs})
				if err != nil {
					t.Fatal(err)
				}
				got := step{s.Obs, r.Rule, r.Decision, r.Deciding, r.FailedChecks, r.Tripped}
				if diff := cmp.Diff(s, got); diff != "" || r.Threshold != 2 {
					t.Errorf("step %d (-want +got)\n%s", i, diff)
				}
			}
			res := a.Result()
			last := tc.steps[len(tc.steps)-1]
			if res.Rule != last.Rule || res.Tripped != last.Tripped || res.Threshold != 2 {
				t.Errorf("result rule %v tripped %v threshold %d", res.Rule, res.Tripped, res.Threshold)
			}
		})
	}
	a, _ := NewAnalysis(g)
	r, _ := a.Step(Tick{At: tickAt(0), Observations: []Observation{v("a", 2, 1), v("b", 0, 1), inc, v("d", 9, 1)}})
	want := []MetricPhase{
		{Metric: "dry", Phase: PhaseFail, DryRun: true, Counts: OutcomeCounts{Fail: 1}},
		{Metric: "m", Phase: PhaseFail, Counts: OutcomeCounts{Pass: 1, Fail: 1}},
		{Metric: "n", Phase: PhaseInconclusive, Counts: OutcomeCounts{Inconclusive: 1}},
	}
	if diff := cmp.Diff(want, r.Metrics); diff != "" {
		t.Errorf("metric counts (-want +got)\n%s", diff)
	}
}
