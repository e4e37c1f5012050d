// Package launch decides whether a launch is ready, and whether it stays healthy after it
// ships.
//
// Before launch, a [Plan] names what ships (roadmap item IDs), when (a target date in a
// time zone), how big it is (a [Tier] on the caller's ladder; requirements are cumulative
// up the ladder) and who decides. Its checklist [Item]s belong to functions (engineering,
// QA, security, legal, docs, support, sales, marketing, pricing, operations, analytics, or
// others the plan lists on purpose in Plan.Functions), each with an owner, a [Deadline], a [Status], a [Kind] (gate or advisory), a
// weight and the smallest tier that requires it. [Waiver]s excuse items until they expire,
// and a [Risk] register grades likelihood × impact on a 5×5 matrix ([Bands], NHS by
// default; several impact dimensions combined by a named [ImpactMethod]).
//
// [Evaluate] turns a plan and an instant into an [Evaluation]: a weighted readiness
// [Score] overall and per function, the overdue items, and a [Verdict] (Go, Go with risks,
// No-go) with every [Reason] in a stable order; an empty checklist is a blocker, not a
// Go. No vendor publishes a readiness formula; the rules combine the few engines with
// exact semantics (see the launch domain study §6):
//
//   - the verdict is a conjunction, not a percentage: an unsatisfied gate is a blocker
//     whatever the score (Kayenta's critical override, production readiness reviews);
//   - inconclusive items leave both sides of the weighted score (OpenSSF Scorecard), and
//     not-applicable items need a reason (GitLab's readiness template);
//   - risk never enters the score; open risks in the gate band block, others are reasons;
//   - an optional score floor is compared exactly on numerator and denominator.
//
// [Diff] explains what changed between two evaluations, and both render as text and JSON.
//
// After launch, a [Guardrail] judges metric [Check]s interval by interval ([Analysis],
// [Analyze]): thresholds with equality passing, a minimum sample before a check counts,
// statistical regression tests of a rate against a control ([RegressionTest]), a
// cumulative failed-checks counter with a threshold (Flagger), a three-outcome roll-up per
// metric (pass, fail, inconclusive; worst wins; inconclusive holds, as in Argo Rollouts),
// and a [Decision] (promote, hold, roll back) with reasons. Where the engines disagree the
// choice is a named option with a documented default: missing data is an error (Argo) or
// a failure (Flagger) ([NoDataPolicy]); insufficient data at the step deadline rolls back
// (LaunchDarkly) or holds (GrowthBook, Statsig) ([InsufficientPolicy]). Flagger's
// threshold t is FailureThreshold t; Argo's failureLimit k is FailureThreshold k+1.
//
// Three engines users compare with are reproduced as named variants. [AnalyzeArgo] and
// [ArgoRun] follow Argo Rollouts' AnalysisRun (count, failureLimit with -1 disabling it,
// inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit, an Error phase
// distinct from Failed, dry runs, termination), with [ArgoMeasurementPhase] for its
// condition table. [JudgeCanary] is a Kayenta-style canary judge (Mann-Whitney
// classification Pass/High/Low/Nodata against a control, weighted groups, a summary score
// with marginal and pass thresholds, critical metrics and the 50% Nodata rule).
// [ScorecardAggregate], [ProportionalScore] and [ProportionalScoreWeighted] are OpenSSF
// Scorecard's scoring, and [ReadinessScorecard] applies it to a plan as a readiness
// variant of [Evaluate].
//
// # Results as JSON and CSV
//
// Every result type ([Evaluation], [Change], [GuardrailResult], [TickResult],
// [ArgoRunResult], [CanaryResult], [ScorecardResult]) marshals with encoding/json to a
// stable form: snake_case field names as tagged on each type; enumerations as their
// snake_case text ("go_with_risks", "insufficient_data"); decimals as JSON strings
// ("0.750000"); instants as RFC 3339 in the zone they came in; lists as [] rather than
// null; optional parts omitted or null as each field documents. The form only grows:
// fields are added, never renamed or removed. Results also unmarshal back to equal
// values. [Evaluation.WriteCSV] writes readiness per function through encoding/csv.
// Input types decode strictly with [ParsePlan], [ParseGuardrail], [ParseArgoAnalysis] and
// [ParseCanaryConfig].
//
// # Limits
//
// Input is bounded before it is used: decimals to 40 digits and exponents within ±40;
// instants to years 1..9999; [MaxExtraFunctions] extra functions, 64 tiers and
// [MaxImpacts] impact dimensions per plan or assessment; [MaxArgoMetrics] metrics per
// Argo analysis; canary series to CanaryConfig.MaxSamples points
// ([DefaultMaxCanarySamples]) within ±[MaxCanaryValue]. [JudgeCanaryContext] takes a
// context for long judgements.
//
// Every function is pure: no clock, no randomness; time comes in as an asOf argument.
// Invalid input is reported as a *productops.ValidationError naming every bad field, and
// errors.Is(err, productops.ErrInvalid) holds. Values are safe for concurrent reads; an
// [Analysis] is not safe for concurrent use.
package launch
