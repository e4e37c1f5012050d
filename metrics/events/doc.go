// Package events computes product KPIs from raw events, exactly (every user counted, no
// sketches) and on all CPUs.
//
// Map, in the order a program meets it:
//
//   - Load a [Log] (events in memory as sorted columns, about 16 bytes each): [ReadCSV] or
//     [ReadJSONLines] with [ReadOptions], [NewLog] from an iter.Seq of [Event], or a
//     [LogBuilder].
//   - Activity: [DailyActivity] (DAU, rolling WAU and MAU), [ActiveUsers] per day, week or
//     month, [Stickiness] ([AverageOfRatios] or [RatioOfAverages]) and [DaysActive].
//   - Cohorts and conversion: [Retention], [Funnel], [Adoption], [Activation],
//     [TimeToValue] and [Lifecycle].
//   - Scale: [RetentionAggregate], [FunnelAggregate] and [ActivityAggregate] are mergeable
//     partial results (Add or AddLog, Merge, Result); any split of the users gives the
//     result of the whole, across goroutines or machines.
//   - Presets: [PostHog], [Amplitude] and [Mixpanel] ([Vendor]) return options that
//     reproduce each tool's documented definitions; the table on Vendor lists the
//     differences. Without a vendor standard (adoption, activation, time to value) the
//     function states its definition.
//
// Calendar buckets use an explicit *time.Location: local days (23 or 25 hours on DST
// changes), weeks from a chosen weekday, calendar months. Nothing reads the clock: AsOf says
// when the evaluation happens (zero: just after the last event). Rates are [metrics.Rate]
// values with Wilson intervals; a rate over nothing is undefined, never 0% or 100%.
//
// A Log and the option and result values are safe for concurrent reading; builders and
// aggregates are not (use one per goroutine and Merge them).
package events
