// Package outcome measures the return on a product investment, one initiative at a time.
// It lives beside package target (which judges KPIs and grades OKRs) rather than inside
// it, because an initiative joins three things target does not hold: a cost, measured
// changes of KPIs with their uncertainty, and revenue attributed to the initiative.
//
// Map, in the order a program meets it:
//
//   - Describe an [Initiative]: the roadmap item ID it belongs to, its [Cost] (money, or
//     effort × loaded rate, or both), the [KPITarget] values it aims to move, its
//     [Measurement] values (a before and an after [Window] of a KPI, optionally with a
//     control group's windows for a difference in differences), and the [RevenuePeriod]
//     amounts attributed to it. [ParseInitiative] reads one from JSON strictly.
//   - Evaluate it: [Evaluate] gives a [Report]: total cost, attributed value, ROI =
//     (value − cost)/cost, the payback period, each KPI's measured change with a confidence
//     interval and its progress towards the target, and a timeline of cumulative value and
//     ROI per period for charts. [Report.String] is the text for stakeholders; the Report
//     marshals to JSON.
//
// A missing part is never a silent 0: without a cost or without attributed revenue the
// ROI and payback are undefined and [Report.Missing] names what is missing. Money is
// decimal; measured KPI changes are statistics in float64.
package outcome
