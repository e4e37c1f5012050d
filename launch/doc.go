// Package launch decides whether a launch is ready, and whether it stays healthy after it
// ships.
//
// Before launch, a [Plan] names what ships (roadmap item IDs), when (a target date in a
// time zone), how big it is (a [Tier] on the caller's ladder; requirements are cumulative
// up the ladder) and who decides. Its checklist [Item]s belong to functions (engineering,
// QA, security, legal, docs, support, sales, marketing, pricing, operations, analytics, or
// any other), each with an owner, a [Deadline], a [Status], a [Kind] (gate or advisory), a
// weight and the smallest tier that requires it. [Waiver]s excuse items until they expire,
// and a [Risk] register grades likelihood × impact on a 5×5 matrix ([Bands], NHS by
// default; several impact dimensions combined by a named [ImpactMethod]).
//
// [Evaluate] turns a plan and an instant into an [Evaluation]: a weighted readiness
// [Score] overall and per function, the overdue items, and a [Verdict] (Go, Go with risks,
// No-go) with every [Reason] in a stable order. No vendor publishes a readiness formula;
// the rules combine the few engines with exact semantics (see the launch domain study §6):
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
// Every function is pure: no clock, no randomness; time comes in as an asOf argument.
// Invalid input is reported as a *productops.ValidationError naming every bad field, and
// errors.Is(err, productops.ErrInvalid) holds. Values are safe for concurrent reads; an
// [Analysis] is not safe for concurrent use.
package launch
