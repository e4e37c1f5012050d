package launch_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/launch"
)

// examplePlan is a small standard-tier launch used by several examples.
func examplePlan() launch.Plan {
	return launch.Plan{
		Name:          "Checkout v2",
		Ships:         []launch.RoadmapItemID{"RM-12"},
		TargetDate:    launch.Date{Year: 2026, Month: time.December, Day: 8},
		Zone:          "UTC",
		Tier:          launch.TierStandard,
		DecisionMaker: "dana",
		Items: []launch.Item{
			{ID: "eng-flags", Function: launch.Engineering, Status: launch.Done, Weight: new(decimal.NewFromInt(2))},
			{ID: "qa-regression", Function: launch.QA, Status: launch.InProgress, Owner: "quinn",
				Due: &launch.Deadline{Date: launch.Date{Year: 2026, Month: time.November, Day: 30}}},
			{ID: "docs-help", Function: launch.Docs, Status: launch.NotStarted, Kind: launch.Advisory},
			{ID: "mkt-press", Function: launch.Marketing, Status: launch.NotStarted, MinTier: launch.TierMajor},
		},
		Risks: []launch.Risk{
			{ID: "R1", Title: "payment provider timeouts", Inherent: launch.Assessment{Likelihood: 3, Impact: 4}, Response: launch.Mitigate},
		},
	}
}

func ExampleEvaluate() {
	ev, err := launch.Evaluate(examplePlan(), time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.Verdict, ev.Score.Value, ev.Score.Percent())
	for _, r := range ev.Reasons {
		fmt.Println(r)
	}
	// Output:
	// no_go 0.5 50.00%
	// blocker incomplete qa-regression (qa): gate is in_progress (owner quinn)
	// risk incomplete docs-help (docs): advisory is not_started
	// risk risk_high_open R1: risk scored 12 (high) is open, response mitigate
}

func ExampleEvaluation_Text() {
	ev, _ := launch.Evaluate(examplePlan(), time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	fmt.Print(ev.Text())
	// Output:
	// launch "Checkout v2" (tier standard) as of 2026-12-01T09:00:00Z
	// ships RM-12; target 2026-12-08 UTC
	// decision maker: dana
	// verdict: NO-GO
	// readiness: 50.00% (2/4)
	//   engineering  100.00% (2/2)
	//   qa           0.00% (0/1), 1 blocker(s)
	//   docs         0.00% (0/1)
	// reasons:
	//   1. blocker incomplete qa-regression (qa): gate is in_progress (owner quinn)
	//   2. risk incomplete docs-help (docs): advisory is not_started
	//   3. risk risk_high_open R1: risk scored 12 (high) is open, response mitigate
	// overdue:
	//   qa-regression (qa gate) due 2026-12-01T00:00:00Z, in_progress, owner quinn
	// risks:
	//   R1 inherent 12 (high), open, response mitigate -> risk_high_open
	// not required at tier standard: 1 item(s)
}

func ExampleEvaluation_WriteText() {
	p := launch.Plan{Name: "tiny", Items: []launch.Item{{ID: "a", Function: launch.Engineering, Status: launch.Done}}}
	ev, _ := launch.Evaluate(p, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	_ = ev.WriteText(os.Stdout)
	// Output:
	// launch "tiny" (tier major) as of 2026-12-01T00:00:00Z
	// verdict: GO
	// readiness: 100.00% (1/1)
	//   engineering  100.00% (1/1)
	// reasons: none
}

func ExampleDiff() {
	p := examplePlan()
	before, _ := launch.Evaluate(p, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	p.Items[1].Status = launch.Done // qa-regression
	p.Items[2].Status = launch.Done // docs-help
	after, _ := launch.Evaluate(p, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
	c := launch.Diff(before, after)
	fmt.Println(c.Changed())
	fmt.Print(c.Text())
	// Output:
	// true
	// changes from 2026-12-01T09:00:00Z to 2026-12-02T09:00:00Z:
	// verdict: NO-GO -> GO WITH RISKS
	// readiness: 50.00% (2/4) -> 100.00% (4/4) (+50.00 points)
	//   resolved: blocker incomplete qa-regression (qa): gate is in_progress (owner quinn)
	//   resolved: risk incomplete docs-help (docs): advisory is not_started
	//   item docs-help: not_started [incomplete] -> done
	//   item qa-regression: in_progress [incomplete] overdue -> done
	//   no longer overdue: qa-regression
}

func ExampleChange_WriteText() {
	ev, _ := launch.Evaluate(examplePlan(), time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	c := launch.Diff(ev, ev)
	_ = c.WriteText(os.Stdout)
	// Output:
	// changes from 2026-12-01T09:00:00Z to 2026-12-01T09:00:00Z:
	//   no changes
}

func ExampleParsePlan() {
	data := []byte(`{
	  "name": "Search relaunch",
	  "zone": "Europe/Berlin",
	  "tier": "minor",
	  "items": [
	    {"id": "eng-1", "function": "engineering", "status": "done"},
	    {"id": "sec-1", "function": "security", "status": "failed", "due": {"date": "2026-11-30"}},
	    {"id": "legal-1", "function": "legal", "status": "not_applicable", "na_reason": "no data change"}
	  ],
	  "waivers": [
	    {"item": "sec-1", "approver": "ciso", "reason": "fix ships in 1.1", "expires_at": "2026-12-15T00:00:00Z"}
	  ]
	}`)
	p, err := launch.ParsePlan(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, _ := launch.Evaluate(p, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(ev.Verdict, ev.Score.Percent())
	fmt.Println(ev.Reasons[0])

	_, err = launch.ParsePlan([]byte(`{"name": "x", "items": [{"id": "a", "function": "qa", "status": "finished"}]}`))
	fmt.Println(errors.Is(err, productops.ErrInvalid))
	fmt.Println(err)
	// Output:
	// go_with_risks 100.00%
	// risk waived sec-1 (security): gate is failed, waived by ciso until 2026-12-15T00:00:00Z: fix ships in 1.1
	// true
	// launch: plan: invalid: unknown status "finished"; want one of not_started, in_progress, blocked, done, failed, inconclusive, not_applicable
}

func ExamplePlan_Validate() {
	p := launch.Plan{
		Name: "bad",
		Items: []launch.Item{
			{ID: "a", Function: launch.QA, Due: &launch.Deadline{Date: launch.Date{Year: 2026, Month: time.December, Day: 1}}},
			{ID: "a", Function: launch.QA},
		},
		Waivers: []launch.Waiver{{Item: "zzz", Approver: "x", Reason: "y", ExpiresAt: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}},
		Risks:   []launch.Risk{{ID: "R1", Inherent: launch.Assessment{Likelihood: 6, Impact: 2}}},
	}
	err := p.Validate()
	var ve *productops.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f)
		}
	}
	// Output:
	// items[0].due.zone: is required: a due date needs a zone and the plan has none
	// items[1].id: duplicate item id "a"
	// waivers[0].item: unknown item "zzz"
	// risks[0].inherent.likelihood: must be 1..5, got 6
}

func ExampleScore_Percent() {
	ev, _ := launch.Evaluate(launch.Plan{Name: "n/a only", Items: []launch.Item{
		{ID: "a", Function: launch.Legal, Status: launch.NotApplicable, NAReason: "no contract change"},
	}}, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(ev.Score.Defined, ev.Score.Percent(), ev.Verdict)
	// Output:
	// false n/a go
}

func ExampleAssessment_Score() {
	a := launch.Assessment{Likelihood: 3, Impacts: []launch.Impact{
		{Dimension: "schedule", Level: 2}, {Dimension: "reputation", Level: 5},
	}}
	fmt.Println(a.Score(launch.Highest, launch.Bands{}))
	fmt.Println(a.Score(launch.MeanImpact, launch.NHSBands()))
	_, err := launch.Assessment{Likelihood: 6, Impact: 3}.Score(launch.Highest, launch.Bands{})
	fmt.Println(err)
	// Output:
	// {15 extreme} <nil>
	// {10.5 high} <nil>
	// launch: assessment: invalid: likelihood: must be 1..5, got 6
}

func ExampleAssessment_Validate() {
	fmt.Println(launch.Assessment{Likelihood: 2, Impact: 4}.Validate())
	fmt.Println(launch.Assessment{Likelihood: 0, Impact: 9}.Validate())
	// Output:
	// <nil>
	// launch: assessment: invalid: likelihood: must be 1..5, got 0; impact: must be 1..5, got 9
}

func ExampleBands_Band() {
	nhs := launch.NHSBands()
	var bands []launch.RiskBand
	for _, s := range []int64{3, 4, 6, 8, 12, 15} {
		b, _ := nhs.Band(decimal.NewFromInt(s))
		bands = append(bands, b)
	}
	fmt.Println(bands)
	_, err := nhs.Band(decimal.NewFromInt(30))
	fmt.Println(err)
	// Output:
	// [low moderate moderate high high extreme]
	// launch: bands: invalid: score: must be within 1..25, got 30
}

func ExampleBands_Validate() {
	fmt.Println(launch.NHSBands().Validate())
	bad := launch.Bands{LowMax: decimal.NewFromInt(5), ModerateMax: decimal.NewFromInt(4), HighMax: decimal.NewFromInt(12)}
	fmt.Println(bad.Validate())
	// Output:
	// <nil>
	// launch: bands: invalid: moderate_max: must be greater than low_max
}

func ExampleNHSBands() {
	b := launch.NHSBands()
	fmt.Println(b.LowMax, b.ModerateMax, b.HighMax)
	// Output:
	// 3 6 12
}

func ExampleDefaultTiers() {
	fmt.Println(launch.DefaultTiers())
	// Output:
	// [minor standard major]
}

func ExampleDate_End() {
	ny, _ := time.LoadLocation("America/New_York")
	// 8 March 2026 is the 23-hour day when New York moves to daylight time.
	d := launch.Date{Year: 2026, Month: time.March, Day: 8}
	end, err := d.End(ny)
	fmt.Println(d, end.UTC(), err)
	// February 30 is rejected, not normalised to March 2.
	_, err = launch.Date{Year: 2026, Month: time.February, Day: 30}.End(ny)
	fmt.Println(err)
	// Output:
	// 2026-03-08 2026-03-09 04:00:00 +0000 UTC <nil>
	// launch: date: invalid: want a real calendar date as YYYY-MM-DD in years 1..9999, got "2026-02-30"
}

func ExampleDate_Validate() {
	fmt.Println(launch.Date{Year: 2024, Month: time.February, Day: 29}.Validate())
	fmt.Println(launch.Date{Year: 2025, Month: time.February, Day: 29}.Validate())
	// Output:
	// <nil>
	// launch: date: invalid: want a real calendar date as YYYY-MM-DD in years 1..9999, got "2025-02-29"
}

func ExampleDefaultFunctions() {
	fmt.Println(launch.DefaultFunctions())
	p := launch.Plan{Name: "typo", Items: []launch.Item{{ID: "a", Function: "enginering", Status: launch.Done}}}
	fmt.Println(p.Validate())
	p.Functions = []launch.Function{"enginering"} // extend the set on purpose
	fmt.Println(p.Validate())
	// Output:
	// [engineering qa security legal docs support sales marketing pricing operations analytics]
	// launch: plan: invalid: items[0].function: unknown function "enginering"; want one of engineering, qa, security, legal, docs, support, sales, marketing, pricing, operations, analytics, or list it in functions
	// <nil>
}

func ExampleDate_UnmarshalText() {
	var d launch.Date
	fmt.Println(d.UnmarshalText([]byte("2026-02-28")), d)
	fmt.Println(d.UnmarshalText([]byte("2026-02-30")))
	// Output:
	// <nil> 2026-02-28
	// launch: date: invalid: want a real calendar date as YYYY-MM-DD in years 1..9999, got "2026-02-30"
}

func Example_textForms() {
	var s launch.Status
	_ = s.UnmarshalText([]byte("pending")) // accepted alias of not_started
	b, _ := s.MarshalText()
	fmt.Println(string(b))
	out, _ := json.Marshal(struct {
		V launch.Verdict
		K launch.ReasonKind
	}{launch.GoWithRisks, launch.ReasonWaiverExpired})
	fmt.Println(string(out))
	// Output:
	// not_started
	// {"V":"go_with_risks","K":"waiver_expired"}
}

// guardrail is an error-rate threshold and a latency check with a sample floor.
func guardrail() launch.Guardrail {
	return launch.Guardrail{
		Checks: []launch.Check{
			{ID: "errors", Metric: "http_error_rate", Max: new(decimal.RequireFromString("0.01"))},
			{ID: "p95", Metric: "latency_p95_ms", Max: new(decimal.NewFromInt(300)), MinSample: 500},
		},
		FailureThreshold: 2,
	}
}

func ExampleAnalyze() {
	at := func(m int) time.Time { return time.Date(2026, 12, 8, 10, m, 0, 0, time.UTC) }
	res, err := launch.Analyze(guardrail(), []launch.Tick{
		{At: at(0), Observations: []launch.Observation{{Check: "errors", Value: 0.004, Sample: 900}, {Check: "p95", Value: 250, Sample: 120}}},
		{At: at(5), Observations: []launch.Observation{{Check: "errors", Value: 0.004, Sample: 900}, {Check: "p95", Value: 250, Sample: 900}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Decision, res.Reasons)
	for _, m := range res.Metrics {
		fmt.Println(m.Metric, m.Pass, m.Inconclusive, m.Fail, m.Worst)
	}
	// Output:
	// promote [every decisive check passed]
	// http_error_rate 2 0 0 pass
	// latency_p95_ms 1 1 0 inconclusive
}

func ExampleAnalysis_Step() {
	a, err := launch.NewAnalysis(guardrail())
	if err != nil {
		fmt.Println(err)
		return
	}
	at := func(m int) time.Time { return time.Date(2026, 12, 8, 10, m, 0, 0, time.UTC) }
	for i, errRate := range []float64{0.02, 0.004, 0.03, 0.001} {
		r, err := a.Step(launch.Tick{At: at(5 * i), Observations: []launch.Observation{
			{Check: "errors", Value: errRate, Sample: 900}, {Check: "p95", Value: 250, Sample: 900},
		}})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.Decision, r.FailedChecks, r.Reasons)
	}
	// Output:
	// hold 1 [a check failed: failed checks 1 of threshold 2 check errors (http_error_rate) fail: value 0.02 > max 0.01]
	// promote 1 [every decisive check passed]
	// hold 2 [a check failed: failed checks 2 of threshold 2; the next interval rolls back check errors (http_error_rate) fail: value 0.03 > max 0.01]
	// rollback 2 [failed checks 2 reached the threshold 2]
}

func ExampleNewAnalysis() {
	_, err := launch.NewAnalysis(launch.Guardrail{Checks: []launch.Check{{ID: "c", Max: new(decimal.NewFromInt(1))}}})
	fmt.Println(errors.Is(err, productops.ErrInvalid))
	fmt.Println(err)
	// Output:
	// true
	// launch: guardrail: invalid: checks[0].metric: is required
}

func ExampleAnalysis_Result() {
	a, _ := launch.NewAnalysis(guardrail())
	_, _ = a.Step(launch.Tick{At: time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC), Observations: []launch.Observation{
		{Check: "errors", Missing: true}, {Check: "p95", Value: 250, Sample: 900},
	}})
	r := a.Result()
	fmt.Println(r.Decision, r.Ticks, a.FailedChecks(), r.Reasons)
	// Output:
	// hold 1 0 [inconclusive: waiting for data check errors (http_error_rate) error: value missing]
}

func ExampleGuardrail_Validate() {
	g := launch.Guardrail{Checks: []launch.Check{
		{ID: "conv", Metric: "checkout_conversion", Regression: &launch.RegressionTest{}},
	}}
	fmt.Println(g.Validate())
	// Output:
	// launch: guardrail: invalid: checks[0].regression.direction: is required: higher_is_better or lower_is_better
}

func ExampleRegressionTest() {
	g := launch.Guardrail{Checks: []launch.Check{{
		ID: "errors-vs-control", Metric: "http_error_rate", MinSample: 1000,
		Regression: &launch.RegressionTest{Direction: launch.LowerIsBetter},
	}}}
	res, _ := launch.Analyze(g, []launch.Tick{{At: time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC), Observations: []launch.Observation{
		{Check: "errors-vs-control", Control: launch.Proportion{Events: 100, Trials: 10000}, Treatment: launch.Proportion{Events: 150, Trials: 10000}},
	}}})
	rr := res.Last.Checks[0].Regression
	fmt.Printf("worsening %.4f, 95%% interval [%.5f, %.5f], p=%.5f, regressed %v\n", rr.Worsening, rr.Interval.Lo, rr.Interval.Hi, rr.PValue, rr.Regressed)
	fmt.Println(res.Decision)
	// Output:
	// worsening 0.0050, 95% interval [0.00192, 0.00808], p=0.00073, regressed true
	// hold
}

func ExampleChange_Text() {
	p := examplePlan()
	before, _ := launch.Evaluate(p, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	p.Risks[0].Status = launch.RiskMitigated
	after, _ := launch.Evaluate(p, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	fmt.Print(launch.Diff(before, after).Text())
	// Output:
	// changes from 2026-12-01T09:00:00Z to 2026-12-01T09:00:00Z:
	// verdict: NO-GO (unchanged)
	// readiness: 50.00% (2/4) -> 50.00% (2/4) (+0.00 points)
	//   resolved: risk risk_high_open R1: risk scored 12 (high) is open, response mitigate
}

func ExampleChange_Changed() {
	ev, _ := launch.Evaluate(examplePlan(), time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	fmt.Println(launch.Diff(ev, ev).Changed())
	// Output:
	// false
}

func ExampleReason_String() {
	r := launch.Reason{Severity: launch.SeverityBlocker, Kind: launch.ReasonFailed, Subject: "pen-test", Function: launch.Security, Message: "gate failed"}
	fmt.Println(r)
	// Output:
	// blocker failed pen-test (security): gate failed
}

func ExampleBands_IsZero() {
	fmt.Println(launch.Bands{}.IsZero(), launch.NHSBands().IsZero())
	// Output:
	// true false
}

func ExampleDate_String() {
	fmt.Printf("%q %q\n", launch.Date{Year: 2026, Month: time.July, Day: 4}.String(), launch.Date{}.String())
	// Output:
	// "2026-07-04" ""
}

func ExampleDate_MarshalText() {
	b, err := launch.Date{Year: 2026, Month: time.July, Day: 4}.MarshalText()
	fmt.Println(string(b), err)
	_, err = launch.Date{Year: 2026, Month: time.June, Day: 31}.MarshalText()
	fmt.Println(err != nil)
	// Output:
	// 2026-07-04 <nil>
	// true
}

func ExampleDate_IsZero() {
	fmt.Println(launch.Date{}.IsZero())
	// Output:
	// true
}

func ExampleAnalysis_FailedChecks() {
	a, _ := launch.NewAnalysis(guardrail())
	_, _ = a.Step(launch.Tick{At: time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC), Observations: []launch.Observation{
		{Check: "errors", Value: 0.05, Sample: 900}, {Check: "p95", Value: 250, Sample: 900},
	}})
	fmt.Println(a.FailedChecks())
	// Output:
	// 1
}
