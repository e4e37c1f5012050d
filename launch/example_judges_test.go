package launch_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/launch"
)

// Argo Rollouts: failureLimit 1 tolerates one failed measurement; the second fails the
// run, which aborts the rollout.
func ExampleAnalyzeArgo() {
	cfg := launch.ArgoAnalysis{Metrics: []launch.ArgoMetric{
		{Name: "success-rate", Count: 5, FailureLimit: 1},
	}}
	ms := []launch.ArgoMeasurement{
		{Metric: "success-rate", Phase: launch.AnalysisSuccessful},
		{Metric: "success-rate", Phase: launch.AnalysisFailed},
		{Metric: "success-rate", Phase: launch.AnalysisFailed},
	}
	res, err := launch.AnalyzeArgo(cfg, ms, false)
	fmt.Println(res.Phase, res.Action, res.Metrics[0].Rule, err)
	fmt.Println(res.Message)
	// Output:
	// failed abort failure_limit <nil>
	// Metric "success-rate" assessed Failed due to failed (2) > failureLimit (1)
}

// Waiting for an event: with failureLimit -1 the metric keeps failing until three
// successes in a row.
func ExampleArgoRun_Measure() {
	r, _ := launch.NewArgoRun(launch.ArgoAnalysis{Metrics: []launch.ArgoMetric{
		{Name: "ready", Indefinite: true, FailureLimit: -1, ConsecutiveSuccessLimit: 3},
	}})
	for _, p := range []launch.AnalysisPhase{launch.AnalysisFailed, launch.AnalysisSuccessful, launch.AnalysisSuccessful, launch.AnalysisSuccessful} {
		res, _ := r.Measure(launch.ArgoMeasurement{Metric: "ready", Phase: p})
		fmt.Println(p, "->", res.Phase, res.Action)
	}
	// Output:
	// failed -> running wait
	// successful -> running wait
	// successful -> running wait
	// successful -> successful promote
}

func ExampleNewArgoRun() {
	_, err := launch.NewArgoRun(launch.ArgoAnalysis{Metrics: []launch.ArgoMetric{{Name: "m", FailureLimit: -1}}})
	fmt.Println(err)
	// Output:
	// launch: argo analysis: invalid: metrics[0].failure_limit: failure_limit -1 and consecutive_success_limit 0 cannot both be disabled
}

// A background analysis with no count runs until the rollout ends it: terminated, it is
// successful unless a limit was violated.
func ExampleArgoRun_Terminate() {
	r, _ := launch.NewArgoRun(launch.ArgoAnalysis{Metrics: []launch.ArgoMetric{{Name: "errors", Indefinite: true, FailureLimit: 2}}})
	_, _ = r.Measure(launch.ArgoMeasurement{Metric: "errors", Phase: launch.AnalysisFailed})
	res := r.Terminate()
	fmt.Println(res.Phase, res.Metrics[0].Rule, res.Metrics[0].Failed)
	// Output:
	// successful terminated 1
}

func ExampleArgoRun_Result() {
	r, _ := launch.NewArgoRun(launch.ArgoAnalysis{Metrics: []launch.ArgoMetric{{Name: "m", Count: 2}}})
	res := r.Result()
	fmt.Println(res.Phase, res.Metrics[0].Phase, res.Summary.Count)
	// Output:
	// running pending 1
}

func ExampleArgoAnalysis_Validate() {
	cfg := launch.ArgoAnalysis{Metrics: []launch.ArgoMetric{{Name: "m", Count: 3, FailureLimit: 2, ConsecutiveSuccessLimit: 2}}}
	fmt.Println(cfg.Validate())
	// Output:
	// launch: argo analysis: invalid: metrics[0].count: must be at least failure_limit + consecutive_success_limit (2 + 2); zero means 1
}

// Argo's condition table: with both conditions, a value meeting neither is inconclusive.
func ExampleArgoMeasurementPhase() {
	fmt.Println(launch.ArgoMeasurementPhase(launch.ConditionFalse, launch.ConditionFalse))
	fmt.Println(launch.ArgoMeasurementPhase(launch.ConditionTrue, launch.ConditionTrue))
	fmt.Println(launch.ArgoMeasurementPhase(launch.ConditionFalse, launch.ConditionAbsent))
	fmt.Println(launch.ArgoMeasurementPhase(launch.ConditionUnevaluable, launch.ConditionAbsent))
	// Output:
	// inconclusive
	// failed
	// failed
	// error
}

func ExampleAnalysisPhase_Worse() {
	fmt.Println(launch.AnalysisFailed.Worse(launch.AnalysisError), launch.AnalysisRunning.Worse(launch.AnalysisPending))
	// Output:
	// true false
}

func ExampleAnalysisPhase_Completed() {
	fmt.Println(launch.AnalysisRunning.Completed(), launch.AnalysisError.Completed())
	// Output:
	// false true
}

// A canary with two groups: latency (weight 70) has one high metric of two, errors
// (weight 30) passes. Summary 50 × 0.7 + 100 × 0.3 = 65, below the marginal 75.
func ExampleJudgeCanary() {
	base := []float64{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}
	slow := []float64{30, 31, 32, 33, 34, 35, 36, 37, 38, 39}
	cfg := launch.CanaryConfig{
		Metrics: []launch.CanaryMetric{
			{Name: "p99", Groups: []string{"latency"}, Direction: launch.DirectionIncrease},
			{Name: "p50", Groups: []string{"latency"}, Direction: launch.DirectionIncrease},
			{Name: "5xx", Groups: []string{"errors"}, Direction: launch.DirectionIncrease},
		},
		GroupWeights: map[string]decimal.Decimal{"latency": decimal.NewFromInt(70), "errors": decimal.NewFromInt(30)},
	}
	res, err := launch.JudgeCanary(cfg, []launch.CanaryData{
		{Metric: "p99", Control: base, Experiment: slow},
		{Metric: "p50", Control: base, Experiment: base},
		{Metric: "5xx", Control: []float64{0, 1, 0, 2}, Experiment: []float64{1, 0, 0, 2}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range res.Metrics {
		fmt.Println(m.Metric, m.Classification)
	}
	for _, g := range res.Groups {
		fmt.Println(g.Group, g.Score, g.Weight)
	}
	fmt.Println(res.Score, res.Verdict, res.Rule)
	// Output:
	// p99 high
	// p50 pass
	// 5xx pass
	// errors 100 30
	// latency 50 70
	// 65 fail weighted_score
}

func ExampleJudgeCanaryContext() {
	cfg := launch.CanaryConfig{Metrics: []launch.CanaryMetric{{Name: "m", Groups: []string{"g"}, Critical: true}}}
	res, _ := launch.JudgeCanaryContext(context.Background(), cfg, nil)
	fmt.Println(res.Score, res.Verdict, res.Rule)
	fmt.Println(res.Reason)
	// Output:
	// 0 fail critical_failure
	// Canary Failed: missing data for m
}

func ExampleCanaryConfig_Validate() {
	cfg := launch.CanaryConfig{Metrics: []launch.CanaryMetric{{Name: "m", Groups: []string{"g"}}},
		GroupWeights: map[string]decimal.Decimal{"g": decimal.NewFromInt(120)}}
	fmt.Println(cfg.Validate())
	// Output:
	// launch: canary config: invalid: group_weights: must sum to at most 100, got 120
}

// OpenSSF Scorecard's aggregate: critical 10 × 10 + high 7.5 × 4 over 17.5; the
// inconclusive check leaves both sides.
func ExampleScorecardAggregate() {
	res, _ := launch.ScorecardAggregate([]launch.ScorecardCheck{
		{Name: "Dangerous-Workflow", Risk: launch.RiskCritical, Score: 10},
		{Name: "Code-Review", Risk: launch.RiskHigh, Score: 4},
		{Name: "Fuzzing", Risk: launch.RiskMedium, Score: launch.ScorecardInconclusive},
	})
	fmt.Println(res.Display, res.Value, res.Inconclusive)
	// Output:
	// 7.4 7.428571 [Fuzzing]
}

func ExampleProportionalScore() {
	s, _ := launch.ProportionalScore(2, 3)
	fmt.Println(s)
	// Output:
	// 6
}

func ExampleProportionalScoreWeighted() {
	s, _ := launch.ProportionalScoreWeighted([]launch.ProportionalGroup{
		{Success: 2, Total: 10, Weight: 8}, {Success: 8, Total: 10, Weight: 2},
	})
	fmt.Println(s)
	// Output:
	// 3
}

func ExampleScorecardRisk_Weight() {
	fmt.Println(launch.RiskCritical.Weight(), launch.RiskHigh.Weight(), launch.RiskMedium.Weight(), launch.RiskLow.Weight())
	// Output:
	// 10 7.5 5 2.5
}

// The scorecard readiness variant: the same plan scored the OpenSSF way.
func ExampleReadinessMethod() {
	six := 6
	p := launch.Plan{Name: "s", Policy: launch.Policy{Readiness: launch.ReadinessScorecard}, Items: []launch.Item{
		{ID: "pen-test", Function: launch.Security, Status: launch.Done, Risk: launch.RiskCritical},
		{ID: "load-test", Function: launch.QA, Status: launch.InProgress, Risk: launch.RiskHigh, Score: &six},
	}}
	ev, _ := launch.Evaluate(p, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(ev.Readiness, ev.Scorecard.Display, ev.Score.Value, ev.Verdict)
	// Output:
	// scorecard 8.3 0.828571 no_go
}

func ExampleEvaluation_WriteCSV() {
	ev, _ := launch.Evaluate(launch.Plan{Name: "csv", Items: []launch.Item{
		{ID: "a", Function: launch.Engineering, Status: launch.Done},
		{ID: "b", Function: launch.QA, Status: launch.InProgress},
		{ID: "c", Function: launch.Legal, Status: launch.NotApplicable, NAReason: "no contract change"},
	}}, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	_ = ev.WriteCSV(os.Stdout)
	// Output:
	// scope,function,items,blockers,num,den,score
	// overall,,3,1,1,2,0.500000
	// function,engineering,1,0,1,1,1.000000
	// function,qa,1,1,0,1,0.000000
	// function,legal,1,0,0,0,
}

func ExampleParseGuardrail() {
	_, err := launch.ParseGuardrail([]byte(`{"checks":[{"id":"e","metric":"errors","max":"0.01"}],"threshold":3}`))
	fmt.Println(err)
	// Output:
	// launch: guardrail: invalid: malformed JSON: json: unknown field "threshold"
}

func ExampleParseArgoAnalysis() {
	cfg, err := launch.ParseArgoAnalysis([]byte(`{"metrics":[{"name":"success-rate","count":3,"failure_limit":1}]}`))
	fmt.Println(cfg.Metrics[0].Name, cfg.Metrics[0].Count, err)
	// Output:
	// success-rate 3 <nil>
}

func ExampleParseCanaryConfig() {
	cfg, err := launch.ParseCanaryConfig([]byte(`{"metrics":[{"name":"p99","groups":["latency"],"direction":"increase"}],"pass_threshold":"90"}`))
	fmt.Println(cfg.Metrics[0].Direction, cfg.PassThreshold, err)
	// Output:
	// increase 90 <nil>
}
