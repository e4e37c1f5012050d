package launch

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/proptest"
)

const (
	aS = AnalysisSuccessful
	aF = AnalysisFailed
	aI = AnalysisInconclusive
	aE = AnalysisError
)

// phases builds measurements of metric m.
func phases(m string, ps ...AnalysisPhase) []ArgoMeasurement {
	out := make([]ArgoMeasurement, len(ps))
	for i, p := range ps {
		out[i] = ArgoMeasurement{Metric: m, Phase: p}
	}
	return out
}

// TestArgoMeasurementPhase reproduces Argo's condition table and the NaN/Inf examples of
// docs/features/analysis.md ("Handling Metric Results").
func TestArgoMeasurementPhase(t *testing.T) {
	for _, c := range []struct {
		name             string
		success, failure Condition
		want             AnalysisPhase
	}{
		{"no conditions", ConditionAbsent, ConditionAbsent, aS},
		{"success only, holds (isNaN(result) || result >= 0.95 on NaN)", ConditionTrue, ConditionAbsent, aS},
		{"success only, fails (result >= 0.95 on NaN)", ConditionFalse, ConditionAbsent, aF},
		{"success only on +Inf (result >= 0.95)", ConditionTrue, ConditionAbsent, aS},
		{"failure only, holds (isInf(result) on +Inf)", ConditionAbsent, ConditionTrue, aF},
		{"failure only, does not hold", ConditionAbsent, ConditionFalse, aS},
		{"complements on NaN: neither holds", ConditionFalse, ConditionFalse, aI},
		{"both hold: failure wins", ConditionTrue, ConditionTrue, aF},
		{"success holds, failure does not", ConditionTrue, ConditionFalse, aS},
		{"empty result: result[0] cannot be evaluated", ConditionUnevaluable, ConditionAbsent, aE},
		{"failure unevaluable", ConditionTrue, ConditionUnevaluable, aE},
		{"unknown condition value", Condition(9), ConditionTrue, aE},
	} {
		if got := ArgoMeasurementPhase(c.success, c.failure); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// argoWant is the part of a run result the vectors pin.
type argoWant struct {
	Phase   AnalysisPhase
	Action  ArgoAction
	Rule    ArgoRule // of the first metric
	Count   int      // of the first metric
	Message string
}

func argoSummary(r ArgoRunResult) argoWant {
	return argoWant{Phase: r.Phase, Action: r.Action, Rule: r.Metrics[0].Rule, Count: r.Metrics[0].Count, Message: r.Message}
}

// TestArgoVectors: Argo's documented outcomes, one metric "m" unless stated.
func TestArgoVectors(t *testing.T) {
	one := func(m ArgoMetric) ArgoAnalysis { m.Name = "m"; return ArgoAnalysis{Metrics: []ArgoMetric{m}} }
	zero := 0
	for _, c := range []struct {
		name      string
		cfg       ArgoAnalysis
		ms        []ArgoMeasurement
		terminate bool
		want      argoWant
	}{
		// Defaults: count 1, failureLimit 0: one failure fails the run.
		{"defaults, one success", one(ArgoMetric{}), phases("m", aS), false, argoWant{aS, ArgoPromote, ArgoRuleCountReached, 1, ""}},
		{"defaults, one failure", one(ArgoMetric{}), phases("m", aF), false,
			argoWant{aF, ArgoAbort, ArgoRuleFailureLimit, 1, `Metric "m" assessed Failed due to failed (1) > failureLimit (0)`}},
		// "Failure Conditions and Failure Limit": failureLimit 3 tolerates three failures;
		// the code's rule failed > failureLimit fails the metric on the fourth.
		{"failureLimit 3: three failures tolerated", one(ArgoMetric{Indefinite: true, FailureLimit: 3}), phases("m", aF, aF, aF, aS), false,
			argoWant{AnalysisRunning, ArgoWait, 0, 4, ""}},
		{"failureLimit 3: the fourth failure fails", one(ArgoMetric{Indefinite: true, FailureLimit: 3}), phases("m", aF, aF, aS, aF, aF), false,
			argoWant{aF, ArgoAbort, ArgoRuleFailureLimit, 5, `Metric "m" assessed Failed due to failed (4) > failureLimit (3)`}},
		{"failureLimit 3, count 5 reached: successful", one(ArgoMetric{Count: 5, FailureLimit: 3}), phases("m", aF, aS, aF, aF, aS), false,
			argoWant{aS, ArgoPromote, ArgoRuleCountReached, 5, ""}},
		// "Inconclusive Runs": neither condition met, inconclusiveLimit 0.
		{"inconclusive pauses", one(ArgoMetric{Count: 3}), phases("m", aS, aI), false,
			argoWant{aI, ArgoPause, ArgoRuleInconclusiveLimit, 2, `Metric "m" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)`}},
		{"inconclusiveLimit 1 tolerates one", one(ArgoMetric{Count: 3, InconclusiveLimit: 1}), phases("m", aS, aI, aS), false,
			argoWant{aS, ArgoPromote, ArgoRuleCountReached, 3, ""}},
		// Errors: the 5th consecutive error (default limit 4) completes the metric as
		// Error; errors do not advance count; a success resets the run.
		{"four errors are tolerated", one(ArgoMetric{Count: 2}), phases("m", aE, aE, aE, aE, aS), false,
			argoWant{AnalysisRunning, ArgoWait, 0, 1, ""}},
		{"the fifth consecutive error", one(ArgoMetric{Count: 2}), phases("m", aE, aE, aS, aE, aE, aE, aE, aE), false,
			argoWant{aE, ArgoAbort, ArgoRuleConsecutiveErrorLimit, 1, `Metric "m" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4)`}},
		{"consecutiveErrorLimit 0", one(ArgoMetric{Count: 2, ConsecutiveErrorLimit: &zero}), phases("m", aE), false,
			argoWant{aE, ArgoAbort, ArgoRuleConsecutiveErrorLimit, 0, `Metric "m" assessed Error due to consecutiveErrors (1) > consecutiveErrorLimit (0)`}},
		{"errors extend the run", one(ArgoMetric{Count: 2}), phases("m", aS, aE, aE, aS), false,
			argoWant{aS, ArgoPromote, ArgoRuleCountReached, 2, ""}},
		// "Only ConsecutiveSuccessLimit applicable": keep failing until N successes in a row.
		{"only consecutiveSuccessLimit: waits through failures", one(ArgoMetric{Indefinite: true, FailureLimit: -1, ConsecutiveSuccessLimit: 4}),
			phases("m", aF, aF, aS, aS, aF, aS, aS, aS, aS), false, argoWant{aS, ArgoPromote, ArgoRuleConsecutiveSuccessLimit, 9, ""}},
		// "Both applicable": at most 3 failures before 4 consecutive successes.
		{"both: four successes in time", one(ArgoMetric{Indefinite: true, FailureLimit: 3, ConsecutiveSuccessLimit: 4}),
			phases("m", aF, aS, aF, aF, aS, aS, aS, aS), false, argoWant{aS, ArgoPromote, ArgoRuleConsecutiveSuccessLimit, 8, ""}},
		{"both: the fourth failure first", one(ArgoMetric{Indefinite: true, FailureLimit: 3, ConsecutiveSuccessLimit: 4}),
			phases("m", aF, aS, aF, aF, aS, aF), false,
			argoWant{aF, ArgoAbort, ArgoRuleFailureLimit, 6, `Metric "m" assessed Failed due to failed (4) > failureLimit (3)`}},
		// The count table of "ConsecutiveSuccessLimit and FailureLimit" (count reached):
		{"a limit decides as soon as it is crossed, before count: success first", one(ArgoMetric{Count: 4, FailureLimit: 0, ConsecutiveSuccessLimit: 2}),
			phases("m", aS, aS, aF), false, argoWant{aS, ArgoPromote, ArgoRuleConsecutiveSuccessLimit, 2, ""}},
		{"count: failureLimit violated, consecutive not satisfied -> failure", one(ArgoMetric{Count: 4, FailureLimit: 1, ConsecutiveSuccessLimit: 3}),
			phases("m", aF, aS, aF), false,
			argoWant{aF, ArgoAbort, ArgoRuleFailureLimit, 3, `Metric "m" assessed Failed due to failed (2) > failureLimit (1)`}},
		{"count: not violated, satisfied -> success", one(ArgoMetric{Count: 4, FailureLimit: 1, ConsecutiveSuccessLimit: 3}),
			phases("m", aF, aS, aS, aS), false, argoWant{aS, ArgoPromote, ArgoRuleConsecutiveSuccessLimit, 4, ""}},
		{"count: not violated, not satisfied -> inconclusive", one(ArgoMetric{Count: 4, FailureLimit: 1, ConsecutiveSuccessLimit: 3}),
			phases("m", aS, aS, aF, aS), false, argoWant{aI, ArgoPause, ArgoRuleCountReached, 4, ""}},
		{"count, only consecutive applicable, not satisfied -> failed", one(ArgoMetric{Count: 3, FailureLimit: -1, ConsecutiveSuccessLimit: 2}),
			phases("m", aS, aF, aS), false, argoWant{aF, ArgoAbort, ArgoRuleCountReached, 3, ""}},
		// Termination: always successful unless a limit was violated.
		{"terminated indefinite metric", one(ArgoMetric{Indefinite: true, FailureLimit: 2}), phases("m", aF, aS, aF), true,
			argoWant{aS, ArgoPromote, ArgoRuleTerminated, 3, ""}},
		{"terminated before any measurement", one(ArgoMetric{Count: 3}), nil, true, argoWant{aS, ArgoPromote, ArgoRuleTerminated, 0, ""}},
		{"terminated with consecutive success unmet", one(ArgoMetric{Count: 5, FailureLimit: -1, ConsecutiveSuccessLimit: 3}), phases("m", aF, aS), true,
			argoWant{aS, ArgoPromote, ArgoRuleTerminated, 2, ""}},
		{"no measurement, not terminated", one(ArgoMetric{}), nil, false, argoWant{AnalysisRunning, ArgoWait, 0, 0, ""}},
		// Measurements after completion are not taken.
		{"after completion", one(ArgoMetric{}), phases("m", aS, aF, aF), false, argoWant{aS, ArgoPromote, ArgoRuleCountReached, 1, ""}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := AnalyzeArgo(c.cfg, c.ms, c.terminate)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, argoSummary(res)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestArgoRunRollUp: the run is the worst completed decisive metric; a bad metric
// terminates the run, completing the others; dry-run metrics are summarised apart.
func TestArgoRunRollUp(t *testing.T) {
	cfg := ArgoAnalysis{Metrics: []ArgoMetric{
		{Name: "latency", Indefinite: true},
		{Name: "errors", Count: 3, InconclusiveLimit: 1},
		{Name: "dry", Count: 2, DryRun: true},
	}}
	r, err := NewArgoRun(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []ArgoMeasurement{{"latency", aS}, {"dry", aF}, {"errors", aI}, {"dry", aF}, {"latency", aS}} {
		res, err := r.Measure(m)
		if err != nil {
			t.Fatal(err)
		}
		if res.Phase != AnalysisRunning || res.Terminating {
			t.Fatalf("after %v: %v terminating=%v", m, res.Phase, res.Terminating)
		}
	}
	res, _ := r.Measure(ArgoMeasurement{"errors", aI})
	want := ArgoRunResult{
		Phase: aI, Action: ArgoPause, Terminating: true, Metric: "errors",
		Message: `Metric "errors" assessed Inconclusive due to inconclusive (2) > inconclusiveLimit (1)`,
		Metrics: []ArgoMetricResult{
			{Name: "latency", Phase: aS, Rule: ArgoRuleTerminated, Count: 2, Measurements: 2, Successful: 2, ConsecutiveSuccess: 2},
			{Name: "errors", Phase: aI, Rule: ArgoRuleInconclusiveLimit, Value: 2, Limit: 1, Count: 2, Measurements: 2, Inconclusive: 2,
				Message: "inconclusive (2) > inconclusiveLimit (1)"},
			{Name: "dry", DryRun: true, Phase: aF, Rule: ArgoRuleFailureLimit, Value: 1, Limit: 0, Count: 1, Measurements: 1, Failed: 1, Ignored: 1,
				Message: "failed (1) > failureLimit (0)"},
		},
		Summary:       ArgoSummary{Count: 2, Successful: 1, Inconclusive: 1},
		DryRunSummary: ArgoSummary{Count: 1, Failed: 1},
	}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	// A later failure is not taken: the run has completed.
	res, _ = r.Measure(ArgoMeasurement{"latency", aF})
	if res.Phase != aI || res.Metrics[0].Ignored != 1 {
		t.Errorf("after completion: %v ignored %d", res.Phase, res.Metrics[0].Ignored)
	}
	// Failed is worse than Error, Error worse than Inconclusive.
	two := ArgoAnalysis{Metrics: []ArgoMetric{{Name: "a", Count: 2}, {Name: "b", Count: 2}}}
	got, err := AnalyzeArgo(two, []ArgoMeasurement{{"a", aI}, {"b", aF}}, false)
	if err != nil || got.Phase != aI || got.Metric != "a" {
		t.Errorf("first bad metric terminates: %v %q %v", got.Phase, got.Metric, err)
	}
	zero := 0
	two.Metrics[0].ConsecutiveErrorLimit = &zero
	got, _ = AnalyzeArgo(two, []ArgoMeasurement{{"b", aS}, {"a", aE}}, true)
	if got.Phase != aE || got.Metric != "a" || got.Action != ArgoAbort {
		t.Errorf("error run: %v %q %v", got.Phase, got.Metric, got.Action)
	}
	// Only dry-run metrics: the run succeeds when they complete, whatever they say.
	dry := ArgoAnalysis{Metrics: []ArgoMetric{{Name: "d", DryRun: true}}}
	if got, _ := AnalyzeArgo(dry, phases("d", aF), false); got.Phase != aS || got.DryRunSummary.Failed != 1 {
		t.Errorf("dry-only run: %v", got.Phase)
	}
}

func TestArgoInvalid(t *testing.T) {
	neg := -1
	cfg := ArgoAnalysis{Metrics: []ArgoMetric{
		{Name: "a", FailureLimit: -1},
		{Name: "a", Count: 3, FailureLimit: 2, ConsecutiveSuccessLimit: 2},
		{Name: "b", Count: 2, FailureLimit: -1, ConsecutiveSuccessLimit: 3, InconclusiveLimit: 4, Indefinite: true},
		{Name: "", FailureLimit: -2, InconclusiveLimit: -1, ConsecutiveSuccessLimit: -1, ConsecutiveErrorLimit: &neg, Count: -1},
		{Name: "big", Count: math.MaxInt, FailureLimit: math.MaxInt, ConsecutiveSuccessLimit: math.MaxInt},
		{Name: "ok", Count: math.MaxInt, FailureLimit: math.MaxInt - 1, ConsecutiveSuccessLimit: 1},
	}}
	_, err := NewArgoRun(cfg)
	invalid(t, err,
		"metrics[3].name required", "metrics[3].count gte", "metrics[3].failure_limit gte", "metrics[3].inconclusive_limit gte",
		"metrics[3].consecutive_error_limit gte", "metrics[3].consecutive_success_limit gte",
		"metrics[0].failure_limit excluded_with", "metrics[1].name unique", "metrics[1].count gtefield",
		"metrics[2].indefinite excluded_with", "metrics[2].count gtefield", "metrics[2].count gtefield", "metrics[4].count gtefield")
	_, err = AnalyzeArgo(ArgoAnalysis{}, nil, false)
	invalid(t, err, "metrics required")
	_, err = AnalyzeArgo(ArgoAnalysis{Metrics: []ArgoMetric{{Name: "m"}}}, []ArgoMeasurement{{"x", aS}, {"m", AnalysisRunning}}, false)
	invalid(t, err, "measurements[0].metric exists")
	r, _ := NewArgoRun(ArgoAnalysis{Metrics: []ArgoMetric{{Name: "m"}}})
	_, err = r.Measure(ArgoMeasurement{"m", 0})
	invalid(t, err, "phase oneof")
	var nilRun *ArgoRun
	_, err = nilRun.Measure(ArgoMeasurement{"m", aS})
	invalid(t, err, " required")
	if res := nilRun.Terminate(); res.Phase != 0 || res.Metrics == nil {
		t.Errorf("nil terminate: %+v", res)
	}
	if res := (&ArgoRun{}).Result(); res.Phase != 0 {
		t.Errorf("zero result: %+v", res)
	}
	invalid(t, (*ArgoAnalysis)(nil).Validate(), " required")
	many := ArgoAnalysis{Metrics: make([]ArgoMetric, MaxArgoMetrics+1)}
	for i := range many.Metrics {
		many.Metrics[i].Name = string(rune(0x4e00 + i))
	}
	invalid(t, many.Validate(), "metrics max")
	if !errors.Is(err, productops.ErrInvalid) {
		t.Error("not ErrInvalid")
	}
	if !AnalysisFailed.Worse(AnalysisError) || !AnalysisPending.Worse(AnalysisRunning) || AnalysisSuccessful.Worse(AnalysisRunning) {
		t.Error("Argo order")
	}
}

// A passing measurement never worsens an Argo run: from any state, a Successful
// measurement gives a run and metric phase no worse than a Failed one would, and no worse
// than an Inconclusive one except in one case that is Argo's own semantics: when only
// consecutiveSuccessLimit applies and the measurement reaches count, a success fails the
// metric by count while an inconclusive measurement trips the inconclusive limit first
// (TestArgoSuccessCanFailAtCount pins it). A success never trips a limit. (Against an
// Error there is no such order: an error does not advance count.)
func TestPropertyArgoPassNeverWorsens(t *testing.T) {
	type spec struct {
		Count, FailureLimit, InconclusiveLimit, ErrorLimit, SuccessLimit int
		Indefinite, DryRun                                               bool
		History                                                          []int
		Metric, Other                                                    int
	}
	g := gen.Struct(reflect.TypeFor[spec](), map[string]gopter.Gen{
		"Count":             gen.IntRange(0, 6),
		"FailureLimit":      gen.IntRange(-1, 3),
		"InconclusiveLimit": gen.IntRange(0, 2),
		"ErrorLimit":        gen.IntRange(0, 3),
		"SuccessLimit":      gen.IntRange(0, 3),
		"Indefinite":        gen.Bool(),
		"DryRun":            gen.Bool(),
		"History":           gen.SliceOf(gen.IntRange(0, 7)),
		"Metric":            gen.IntRange(0, 1),
		"Other":             gen.IntRange(0, 1),
	})
	ph := []AnalysisPhase{aS, aF, aI, aE}
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("S never worse than F or I", prop.ForAll(func(s spec) bool {
		m0 := ArgoMetric{Name: "a", Count: s.Count, FailureLimit: s.FailureLimit, InconclusiveLimit: s.InconclusiveLimit,
			ConsecutiveErrorLimit: &s.ErrorLimit, ConsecutiveSuccessLimit: s.SuccessLimit, Indefinite: s.Indefinite && s.Count == 0}
		cfg := ArgoAnalysis{Metrics: []ArgoMetric{m0, {Name: "b", Count: 3, FailureLimit: 1, DryRun: s.DryRun}}}
		if cfg.Validate() != nil {
			return true // Argo rejects the configuration
		}
		var hist []ArgoMeasurement
		for _, h := range s.History {
			hist = append(hist, ArgoMeasurement{Metric: []string{"a", "b"}[h/4], Phase: ph[h%4]})
		}
		name := []string{"a", "b"}[s.Metric]
		run := func(p AnalysisPhase) ArgoRunResult {
			res, err := AnalyzeArgo(cfg, append(hist[:len(hist):len(hist)], ArgoMeasurement{Metric: name, Phase: p}), false)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		pass := run(aS)
		for _, x := range []AnalysisPhase{aF, aI} {
			other := run(x)
			if x == aI && s.Metric == 0 && m0.FailureLimit < 0 && pass.Metrics[0].Rule == ArgoRuleCountReached {
				continue // Argo's exception, documented above
			}
			// A dry-run metric's measurement changes only when the run completes, never its
			// phase, so only the metric is compared then.
			runWorse := pass.Phase.Worse(other.Phase) && !(s.Metric == 1 && s.DryRun)
			if runWorse || pass.Metrics[s.Metric].Phase.Worse(other.Metrics[s.Metric].Phase) {
				t.Logf("%v: run %v vs %v, metric %v vs %v", x, pass.Phase, other.Phase, pass.Metrics[s.Metric].Phase, other.Metrics[s.Metric].Phase)
				return false
			}
		}
		r := pass.Metrics[s.Metric].Rule
		return r != ArgoRuleFailureLimit && r != ArgoRuleInconclusiveLimit && r != ArgoRuleConsecutiveErrorLimit ||
			!samePrefix(cfg, hist, s.Metric) // the limit tripped before this measurement
	}, g))
	props.TestingRun(t)
}

// samePrefix reports whether metric i was still open after hist (so the next measurement
// was taken).
func samePrefix(cfg ArgoAnalysis, hist []ArgoMeasurement, i int) bool {
	res, err := AnalyzeArgo(cfg, hist, false)
	return err == nil && !res.Metrics[i].Phase.Completed() && !res.Phase.Completed()
}

// TestArgoSuccessCanFailAtCount pins the exception of the property above: count 3, only
// consecutiveSuccessLimit 2; after S, F the third measurement reaches count. A success
// leaves one success in a row, so the metric fails by count; an inconclusive measurement
// trips inconclusiveLimit 0 first and pauses.
func TestArgoSuccessCanFailAtCount(t *testing.T) {
	cfg := ArgoAnalysis{Metrics: []ArgoMetric{{Name: "m", Count: 3, FailureLimit: -1, ConsecutiveSuccessLimit: 2}}}
	s, _ := AnalyzeArgo(cfg, phases("m", aS, aF, aS), false)
	i, _ := AnalyzeArgo(cfg, phases("m", aS, aF, aI), false)
	if s.Phase != aF || s.Metrics[0].Rule != ArgoRuleCountReached || i.Phase != aI || i.Metrics[0].Rule != ArgoRuleInconclusiveLimit {
		t.Errorf("success %v (%v), inconclusive %v (%v)", s.Phase, s.Metrics[0].Rule, i.Phase, i.Metrics[0].Rule)
	}
	// A consecutive-success limit above the effective count 1 could never be reached.
	_, err := NewArgoRun(ArgoAnalysis{Metrics: []ArgoMetric{{Name: "m", FailureLimit: -1, ConsecutiveSuccessLimit: 2}}})
	invalid(t, err, "metrics[0].count gtefield")
}
