// Package target judges KPIs against their targets and combines engagement signals into one
// score, and grades OKRs. Initiative outcomes (ROI per roadmap item) live in package
// metrics/outcome.
//
// Map, in the order a program meets it:
//
//   - Define a [KPI]: a [KPIDirection] ([HigherIsBetter] or [LowerIsBetter]), a target,
//     on-track and at-risk [KPIThresholds], and an optional linear [KPIPace] that scales the
//     thresholds with the time elapsed.
//   - Judge it: [KPI.Status] for one value or [KPI.StatusOf] for the latest [KPIPoint] of a
//     series gives a [KPIEvaluation]: a [KPIStatus] (on track, at risk, off track or
//     unknown), the lines in force, progress toward the target and a reason. [KPI.Trend]
//     classifies each change of a series as improving, flat or worsening.
//   - Combine: [ComposeEngagement] builds a weighted 0-100 score from
//     [EngagementComponent] values; [PESComponents] gives Pendo's Product Engagement Score.
//   - Grade OKRs: [GradeObjective] scores an [Objective]'s [KeyResult] values (metric or
//     binary) as a mean or weighted mean, with a [ProgressMode] (raw, capped, floored,
//     clamped), [GradingBands] (Google's, committed or custom) giving a [Grade], and a
//     [PacingMode] (proportional or a constant gap in percentage points) giving an
//     [OKRStatus], including achieved. [ParseObjective] reads one from JSON strictly.
//
// Values are decimals, rounded to the named scales [KPILineScale], [ProgressScale],
// [ChangeScale] and [EngagementScale]. Progress toward a target that equals its baseline
// is an undefined [metrics.DecimalRatio], never 0 or 1. Nothing reads the clock: every
// evaluation takes an asOf time.
package target
