// Package roadmap plans product work: items in a hierarchy (initiative, epic, feature)
// with statuses from a configurable lifecycle, owners, teams, estimates, exact or fuzzy
// dates and Now / Next / Later horizons; objectives and key results with scores, roll-ups
// and alignment coverage; progress roll-ups; dependencies with cycle reporting, a stable
// topological order and the critical path method; and a capacity-aware sprint scheduler
// with what-if comparison, plus views and a text timeline.
//
// # Model
//
// An Item carries a status Category (Backlog, Planned, InProgress, Paused, Done,
// Canceled: the groups Plane and Linear agree on) and optionally a status name from a
// Lifecycle; Lifecycle.Move validates a change and records it with time and actor. Dates
// are Periods: a day, or a fuzzy month, quarter, half-year or year (Linear's date
// resolutions) that a Calendar resolves to a concrete range in a zone and fiscal year;
// Dates (or Plan.Dates) gives parents their inherited dates, and Span.DateRange turns
// them into ranges. Health is reported by a person (Item.Health, with a reason);
// ScheduleHealth computes one from the calendar, counting calendar days in the plan's zone
// so DST changes do not move it, and returns the expected progress, the gap and the rule
// that decided as typed fields. Periods saturate at years 1 and 9999 (Period.Add,
// Calendar.PeriodOf), and a day where a DST change skips midnight starts at the change.
//
// Plan bundles items, objectives, teams, a lifecycle and a calendar; Plan.Validate reports
// every problem of a whole roadmap at once, naming each bad item. ParsePlan and ParseItems
// decode JSON strictly: json.Unmarshal ignores an unknown field (a typo such as
// "estimte" leaves the item unestimated), they reject it, as they reject wrong types and
// trailing data, with a *productops.ValidationError naming the path.
//
// # Dependencies
//
// An item lists its prerequisites in DependsOn. Blocks and FinishToStart (with a lag)
// order items; Relates does not. An edge A -> B below means B depends on A.
//
//   - CheckDependencies finds every cyclic group and returns a *CycleError (ErrCycle) with
//     an actual closed path per group, found deterministically (depth-first search in
//     ID order).
//   - Order gives a stable topological order: highest priority first among the available
//     items, then smallest ID.
//   - CriticalPath runs the critical path method ("time-0" convention, half-open
//     [start, finish) in estimate units) with early and late starts, total and free float.
//   - Conflicts finds off-track dependencies from item dates (Jira Plans, Plane);
//     ScheduleResult.Conflicts applies Jira's sprint rule.
//
// The graph code is the package's own (about 300 lines) rather than gonum's graph/topo or
// dominikbraun/graph: neither yields a cycle as a path with a typed error, neither orders
// by "smallest available ID", and each has quirks (nil holes in results, panics on self
// loops, generic error strings) that would leak through any adapter.
//
// # Scheduling
//
// Schedule is a deterministic list scheduler over team capacity buckets (sprints or
// weeks, built by hand or with Cadence, which prorates capacity for holidays and partial
// availability). It returns inferred dates, what does not fit before the horizon and why,
// and per-bucket load; Diff compares two runs for what-if questions.
//
// # Objectives
//
// ScoreKeyResult and ScoreObjectives grade on Google's 0.0-1.0 scale with weighted or
// unweighted roll-ups, bands and committed vs aspirational expectations, numeric or binary
// key results; ScoreObjectivesWith chooses the roll-up of key results and of child
// objectives independently. Every score carries its numerator and denominator; Alignment
// measures how much of the work serves an objective; Progress rolls up completion with
// LinearFormula, EstimateFormula or CountFormula.
//
// # Results as JSON and CSV
//
// Every result type marshals to stable JSON: snake_case names, decimals as strings,
// enums as their names, times in RFC 3339, empty lists as [] (testdata/*.golden.json
// shows each). The tabular results also write CSV through encoding/csv with a header row
// of the same names: ScheduleResult.WriteCSV (one row per item: placed, or unfit with the
// reason and its numbers, or skipped), ScheduleResult.WriteLoadCSV (one row per bucket)
// and CPM.WriteCSV (one row per activity, with its position on the critical path).
//
// # Limits and cancellation
//
//   - Decimals: at most 40 significant digits and an exponent within ±40, checked
//     before any comparison or arithmetic; beyond, a "dbound" validation error. Estimates and capacities: 0 to MaxEstimate
//     with at most EstimateScale fractional digits; lags at most MaxLag.
//   - Periods: years 1 to 9999.
//   - Schedule: at most ScheduleOptions.MaxWork steps (DefaultMaxWork when 0); more is
//     ErrWorkLimit. ScheduleContext stops when its context is done.
//   - Cadence: Weeks 1-52, Count 1-10,000; the work is linear in the days covered.
//   - RenderTimeline: at most MaxTimelineWeeks weeks.
//
// # Conventions
//
// Every function is pure: no clock (pass asOf), no randomness, no shared state; results
// are deterministic and safe to compute concurrently on distinct inputs. Quantities are
// decimal.Decimal (estimates with at most EstimateScale fractional digits, ratios at
// RatioScale). Bad input returns a *productops.ValidationError naming every bad field and
// item (errors.Is(err, productops.ErrInvalid)); cycles and forbidden transitions return
// *CycleError and *TransitionError, which match their sentinels and ErrInvalid too.
package roadmap
