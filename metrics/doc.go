// Package metrics is the home of the product KPIs. Each subject has its own package, found
// by name; this package holds only the value types they share.
//
// Map:
//
//   - [github.com/productops/productops/metrics/events]: KPIs from raw events. Load an
//     events.Log (events.ReadCSV, events.ReadJSONLines, events.NewLog), then
//     events.DailyActivity, events.Stickiness, events.Retention, events.Funnel,
//     events.Adoption, events.Activation, events.TimeToValue and events.Lifecycle; mergeable
//     aggregates for logs split across goroutines or machines; presets events.PostHog,
//     events.Amplitude and events.Mixpanel.
//   - [github.com/productops/productops/metrics/experiment]: A/B test readouts.
//     experiment.Compare on arm estimates from proportion, mean, ratio or CUPED samples; z
//     and Welch tests, intervals, sample-ratio mismatch, sample size and power; presets
//     experiment.GrowthBook and experiment.Statsig.
//   - [github.com/productops/productops/metrics/revenue]: subscription revenue. A
//     revenue.Ledger of each customer's MRR (revenue.NewLedger), its revenue.Bridge of
//     movements per period with churn, NRR and GRR, a cohort's revenue retention, LTV and CAC
//     payback.
//   - [github.com/productops/productops/metrics/survey]: survey.NPS, survey.CSAT and
//     survey.CES with their intervals.
//   - [github.com/productops/productops/metrics/target]: KPI targets (status, pace, trend)
//     and weighted engagement scores; the home of OKR grading and initiative outcomes.
//
// The subpackages never import each other; a program that uses several wires them (see
// examples/quickstart). They share this package's two value types:
//
//   - [Rate]: a proportion of counts, carried with its numerator, denominator and 95% Wilson
//     interval ([NewRate]);
//   - [DecimalRatio]: an exact ratio of decimals rounded to a scale its producer names
//     ([NewDecimalRatio]).
//
// # Undefined results
//
// A ratio over nothing is undefined, never 0% or 100%: a Rate or DecimalRatio with a zero
// denominator has Defined false and Value 0, and prints as "undefined". Results that cannot
// be estimated (an NPS with no answers, an effect with no variance) follow the same rule
// with a Defined field of their own. Check Defined before reading Value.
package metrics
