package launch_test

import (
	"fmt"

	"github.com/productops/productops/launch"
)

// The examples below show the text form of every enumeration: String for people,
// MarshalText and UnmarshalText for JSON and configuration files.

func ExampleStatus_String() {
	fmt.Println(launch.InProgress.String())
	// Output:
	// in_progress
}

func ExampleStatus_MarshalText() {
	b, err := launch.InProgress.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// in_progress <nil>
}

func ExampleStatus_UnmarshalText() {
	var x launch.Status
	err := x.UnmarshalText([]byte("blocked"))
	fmt.Println(x, err)
	// Output:
	// blocked <nil>
}

func ExampleKind_String() {
	fmt.Println(launch.Advisory.String())
	// Output:
	// advisory
}

func ExampleKind_MarshalText() {
	b, err := launch.Advisory.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// advisory <nil>
}

func ExampleKind_UnmarshalText() {
	var x launch.Kind
	err := x.UnmarshalText([]byte("gate"))
	fmt.Println(x, err)
	// Output:
	// gate <nil>
}

func ExampleRiskStatus_String() {
	fmt.Println(launch.RiskAccepted.String())
	// Output:
	// accepted
}

func ExampleRiskStatus_MarshalText() {
	b, err := launch.RiskAccepted.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// accepted <nil>
}

func ExampleRiskStatus_UnmarshalText() {
	var x launch.RiskStatus
	err := x.UnmarshalText([]byte("mitigated"))
	fmt.Println(x, err)
	// Output:
	// mitigated <nil>
}

func ExampleResponse_String() {
	fmt.Println(launch.Transfer.String())
	// Output:
	// transfer
}

func ExampleResponse_MarshalText() {
	b, err := launch.Transfer.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// transfer <nil>
}

func ExampleResponse_UnmarshalText() {
	var x launch.Response
	err := x.UnmarshalText([]byte("escalate"))
	fmt.Println(x, err)
	// Output:
	// escalate <nil>
}

func ExampleRiskBand_String() {
	fmt.Println(launch.High.String())
	// Output:
	// high
}

func ExampleRiskBand_MarshalText() {
	b, err := launch.High.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// high <nil>
}

func ExampleRiskBand_UnmarshalText() {
	var x launch.RiskBand
	err := x.UnmarshalText([]byte("extreme"))
	fmt.Println(x, err)
	// Output:
	// extreme <nil>
}

func ExampleImpactMethod_String() {
	fmt.Println(launch.MeanImpact.String())
	// Output:
	// mean_impact
}

func ExampleImpactMethod_MarshalText() {
	b, err := launch.MeanImpact.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// mean_impact <nil>
}

func ExampleImpactMethod_UnmarshalText() {
	var x launch.ImpactMethod
	err := x.UnmarshalText([]byte("highest"))
	fmt.Println(x, err)
	// Output:
	// highest <nil>
}

func ExampleVerdict_String() {
	fmt.Println(launch.GoWithRisks.String())
	// Output:
	// go_with_risks
}

func ExampleVerdict_MarshalText() {
	b, err := launch.GoWithRisks.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// go_with_risks <nil>
}

func ExampleVerdict_UnmarshalText() {
	var x launch.Verdict
	err := x.UnmarshalText([]byte("no_go"))
	fmt.Println(x, err)
	// Output:
	// no_go <nil>
}

func ExampleSeverity_String() {
	fmt.Println(launch.SeverityBlocker.String())
	// Output:
	// blocker
}

func ExampleSeverity_MarshalText() {
	b, err := launch.SeverityBlocker.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// blocker <nil>
}

func ExampleSeverity_UnmarshalText() {
	var x launch.Severity
	err := x.UnmarshalText([]byte("risk"))
	fmt.Println(x, err)
	// Output:
	// risk <nil>
}

func ExampleReasonKind_String() {
	fmt.Println(launch.ReasonWaiverExpired.String())
	// Output:
	// waiver_expired
}

func ExampleReasonKind_MarshalText() {
	b, err := launch.ReasonWaiverExpired.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// waiver_expired <nil>
}

func ExampleReasonKind_UnmarshalText() {
	var x launch.ReasonKind
	err := x.UnmarshalText([]byte("risk_accepted"))
	fmt.Println(x, err)
	// Output:
	// risk_accepted <nil>
}

func ExampleDirection_String() {
	fmt.Println(launch.LowerIsBetter.String())
	// Output:
	// lower_is_better
}

func ExampleDirection_MarshalText() {
	b, err := launch.LowerIsBetter.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// lower_is_better <nil>
}

func ExampleDirection_UnmarshalText() {
	var x launch.Direction
	err := x.UnmarshalText([]byte("higher_is_better"))
	fmt.Println(x, err)
	// Output:
	// higher_is_better <nil>
}

func ExampleInsufficientPolicy_String() {
	fmt.Println(launch.HoldOnInsufficient.String())
	// Output:
	// hold
}

func ExampleInsufficientPolicy_MarshalText() {
	b, err := launch.HoldOnInsufficient.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// hold <nil>
}

func ExampleInsufficientPolicy_UnmarshalText() {
	var x launch.InsufficientPolicy
	err := x.UnmarshalText([]byte("rollback"))
	fmt.Println(x, err)
	// Output:
	// rollback <nil>
}

func ExampleOutcome_String() {
	fmt.Println(launch.OutcomeInsufficient.String())
	// Output:
	// insufficient_data
}

func ExampleOutcome_MarshalText() {
	b, err := launch.OutcomeInsufficient.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// insufficient_data <nil>
}

func ExampleOutcome_UnmarshalText() {
	var x launch.Outcome
	err := x.UnmarshalText([]byte("pass"))
	fmt.Println(x, err)
	// Output:
	// pass <nil>
}

func ExamplePhase_String() {
	fmt.Println(launch.PhaseInconclusive.String())
	// Output:
	// inconclusive
}

func ExamplePhase_MarshalText() {
	b, err := launch.PhaseInconclusive.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// inconclusive <nil>
}

func ExamplePhase_UnmarshalText() {
	var x launch.Phase
	err := x.UnmarshalText([]byte("fail"))
	fmt.Println(x, err)
	// Output:
	// fail <nil>
}

func ExampleDecision_String() {
	fmt.Println(launch.Rollback.String())
	// Output:
	// rollback
}

func ExampleDecision_MarshalText() {
	b, err := launch.Rollback.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// rollback <nil>
}

func ExampleDecision_UnmarshalText() {
	var x launch.Decision
	err := x.UnmarshalText([]byte("promote"))
	fmt.Println(x, err)
	// Output:
	// promote <nil>
}

func ExampleNoDataPolicy_String() {
	fmt.Println(launch.NoDataFail.String())
	// Output:
	// fail
}

func ExampleNoDataPolicy_MarshalText() {
	b, err := launch.NoDataFail.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// fail <nil>
}

func ExampleNoDataPolicy_UnmarshalText() {
	var x launch.NoDataPolicy
	err := x.UnmarshalText([]byte("error"))
	fmt.Println(x, err)
	// Output:
	// error <nil>
}

func ExampleWaiverState_String() {
	fmt.Println(launch.WaiverExpired.String())
	// Output:
	// expired
}

func ExampleWaiverState_MarshalText() {
	b, err := launch.WaiverExpired.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// expired <nil>
}

func ExampleWaiverState_UnmarshalText() {
	var x launch.WaiverState
	err := x.UnmarshalText([]byte("invalid"))
	fmt.Println(x, err)
	// Output:
	// invalid <nil>
}

func ExampleGuardrailRule_String() {
	fmt.Println(launch.RuleCheckFailed.String())
	// Output:
	// check_failed
}

func ExampleGuardrailRule_MarshalText() {
	b, err := launch.RuleCheckFailed.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// check_failed <nil>
}

func ExampleGuardrailRule_UnmarshalText() {
	var x launch.GuardrailRule
	err := x.UnmarshalText([]byte("all_passed"))
	fmt.Println(x, err)
	// Output:
	// all_passed <nil>
}

func ExampleAnalysisPhase_String() {
	fmt.Println(launch.AnalysisInconclusive.String())
	// Output:
	// inconclusive
}

func ExampleAnalysisPhase_MarshalText() {
	b, err := launch.AnalysisInconclusive.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// inconclusive <nil>
}

func ExampleAnalysisPhase_UnmarshalText() {
	var x launch.AnalysisPhase
	err := x.UnmarshalText([]byte("error"))
	fmt.Println(x, err)
	// Output:
	// error <nil>
}

func ExampleCondition_String() {
	fmt.Println(launch.ConditionUnevaluable.String())
	// Output:
	// unevaluable
}

func ExampleCondition_MarshalText() {
	b, err := launch.ConditionUnevaluable.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// unevaluable <nil>
}

func ExampleCondition_UnmarshalText() {
	var x launch.Condition
	err := x.UnmarshalText([]byte("true"))
	fmt.Println(x, err)
	// Output:
	// true <nil>
}

func ExampleArgoRule_String() {
	fmt.Println(launch.ArgoRuleCountReached.String())
	// Output:
	// count_reached
}

func ExampleArgoRule_MarshalText() {
	b, err := launch.ArgoRuleCountReached.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// count_reached <nil>
}

func ExampleArgoRule_UnmarshalText() {
	var x launch.ArgoRule
	err := x.UnmarshalText([]byte("failure_limit"))
	fmt.Println(x, err)
	// Output:
	// failure_limit <nil>
}

func ExampleArgoAction_String() {
	fmt.Println(launch.ArgoPause.String())
	// Output:
	// pause
}

func ExampleArgoAction_MarshalText() {
	b, err := launch.ArgoPause.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// pause <nil>
}

func ExampleArgoAction_UnmarshalText() {
	var x launch.ArgoAction
	err := x.UnmarshalText([]byte("abort"))
	fmt.Println(x, err)
	// Output:
	// abort <nil>
}

func ExampleCanaryDirection_String() {
	fmt.Println(launch.DirectionIncrease.String())
	// Output:
	// increase
}

func ExampleCanaryDirection_MarshalText() {
	b, err := launch.DirectionIncrease.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// increase <nil>
}

func ExampleCanaryDirection_UnmarshalText() {
	var x launch.CanaryDirection
	err := x.UnmarshalText([]byte("decrease"))
	fmt.Println(x, err)
	// Output:
	// decrease <nil>
}

func ExampleNaNStrategy_String() {
	fmt.Println(launch.NaNReplace.String())
	// Output:
	// replace
}

func ExampleNaNStrategy_MarshalText() {
	b, err := launch.NaNReplace.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// replace <nil>
}

func ExampleNaNStrategy_UnmarshalText() {
	var x launch.NaNStrategy
	err := x.UnmarshalText([]byte("remove"))
	fmt.Println(x, err)
	// Output:
	// remove <nil>
}

func ExampleCanaryClass_String() {
	fmt.Println(launch.CanaryNodataFailMetric.String())
	// Output:
	// nodata_fail_metric
}

func ExampleCanaryClass_MarshalText() {
	b, err := launch.CanaryNodataFailMetric.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// nodata_fail_metric <nil>
}

func ExampleCanaryClass_UnmarshalText() {
	var x launch.CanaryClass
	err := x.UnmarshalText([]byte("high"))
	fmt.Println(x, err)
	// Output:
	// high <nil>
}

func ExampleCanaryVerdict_String() {
	fmt.Println(launch.CanaryVerdictMarginal.String())
	// Output:
	// marginal
}

func ExampleCanaryVerdict_MarshalText() {
	b, err := launch.CanaryVerdictMarginal.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// marginal <nil>
}

func ExampleCanaryVerdict_UnmarshalText() {
	var x launch.CanaryVerdict
	err := x.UnmarshalText([]byte("pass"))
	fmt.Println(x, err)
	// Output:
	// pass <nil>
}

func ExampleCanaryRule_String() {
	fmt.Println(launch.CanaryRuleTooMuchNodata.String())
	// Output:
	// too_much_nodata
}

func ExampleCanaryRule_MarshalText() {
	b, err := launch.CanaryRuleTooMuchNodata.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// too_much_nodata <nil>
}

func ExampleCanaryRule_UnmarshalText() {
	var x launch.CanaryRule
	err := x.UnmarshalText([]byte("critical_failure"))
	fmt.Println(x, err)
	// Output:
	// critical_failure <nil>
}

func ExampleScorecardRisk_String() {
	fmt.Println(launch.RiskHigh.String())
	// Output:
	// high
}

func ExampleScorecardRisk_MarshalText() {
	b, err := launch.RiskHigh.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// high <nil>
}

func ExampleScorecardRisk_UnmarshalText() {
	var x launch.ScorecardRisk
	err := x.UnmarshalText([]byte("critical"))
	fmt.Println(x, err)
	// Output:
	// critical <nil>
}

func ExampleReadinessMethod_String() {
	fmt.Println(launch.ReadinessScorecard.String())
	// Output:
	// scorecard
}

func ExampleReadinessMethod_MarshalText() {
	b, err := launch.ReadinessScorecard.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// scorecard <nil>
}

func ExampleReadinessMethod_UnmarshalText() {
	var x launch.ReadinessMethod
	err := x.UnmarshalText([]byte("weighted"))
	fmt.Println(x, err)
	// Output:
	// weighted <nil>
}
