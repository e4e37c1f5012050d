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
// Dates gives parents their inherited dates. Health is reported by a person
// (Item.Health, with a reason); ScheduleHealth computes one from the calendar.
//
// Plan bundles items, objectives, teams, a lifecycle and a calendar; Plan.Validate reports
// every problem of a whole roadmap at once, naming each bad item.
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
// unweighted roll-ups, bands and committed vs aspirational expectations; Alignment
// measures how much of the work serves an objective; Progress rolls up completion with
// LinearFormula, EstimateFormula or CountFormula.
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
