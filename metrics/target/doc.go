// Package target judges KPIs against their targets and combines engagement signals into one
// score. It is also the home of OKR grading and of initiative outcomes (ROI).
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
//
// Values are decimals, rounded to the named scales [KPILineScale], [ProgressScale],
// [ChangeScale] and [EngagementScale]. Progress toward a target that equals its baseline
// is an undefined [metrics.DecimalRatio], never 0 or 1. Nothing reads the clock: every
// evaluation takes an asOf time.
package target
