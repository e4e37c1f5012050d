// Package events computes product KPIs from raw events, exactly: every user is counted, no
// sketches, on all CPUs.
//
// Map, in the order a program meets it:
//
//   - Load: a [Log] holds events in memory as columns sorted by user and time, about 16
//     bytes an event. Read one with [ReadCSV] or [ReadJSONLines] ([ReadOptions]: column
//     mapping, Unix or RFC 3339 times, stop at the first bad row or collect them), or build
//     it from an iter.Seq of [Event] values with [NewLog], or event by event with a
//     [LogBuilder].
//   - Activity: [DailyActivity] (DAU with rolling 7- and 30-day WAU and MAU),
//     [ActiveUsers] (distinct users per day, week or month), [Stickiness] (DAU/MAU as
//     [AverageOfRatios] or [RatioOfAverages]) and [DaysActive].
//   - Cohorts and conversion: [Retention] (first-time or recurring cohorts, calendar or
//     rolling windows, "on" or "on or after"), [Funnel] (ordered, strict or any order, with
//     exclusions, times to convert and a breakdown by property), [Adoption], [Activation],
//     [TimeToValue] and [Lifecycle] (new, returning, resurrecting, dormant).
//   - Scale: [RetentionAggregate], [FunnelAggregate] and [ActivityAggregate] are mergeable
//     partial results (Add or AddLog, Merge, Result). Any split of the users gives the
//     result of the whole, across goroutines or across machines.
//   - Presets: [PostHog], [Amplitude] and [Mixpanel] are [Vendor] values whose methods
//     return options reproducing each tool's documented definitions; the table on Vendor
//     lists the differences. Where no vendor standard exists (adoption, activation, time to
//     value) the definition is stated on the function.
//
// Calendar buckets use an explicit *time.Location: days are local days (23 or 25 hours on
// DST changes), weeks start on a chosen weekday, months are calendar months. Nothing reads
// the clock: an AsOf option says when the evaluation happens (zero: just after the log's
// last event), and retention cells not yet elapsed at AsOf are marked incomplete.
//
// Every rate is a [metrics.Rate] with its counts and 95% Wilson interval; a rate over
// nothing is undefined (Defined false), never 0% or 100%.
//
// A Log and the option and result values are safe for concurrent reading. Builders and
// aggregates are not; use one per goroutine and Merge them. examples/eventkpis is the
// program the project's benchmark kit times against DuckDB, Polars and pandas.
package events
