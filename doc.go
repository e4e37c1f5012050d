// Package productops models product operations and scores it: prioritize a backlog, turn
// events, surveys and subscriptions into KPIs, weigh customer demand and support SLAs,
// decide whether a launch is ready, and plan a roadmap.
//
// The module is five independent packages, each useful alone; they never import each other
// (metrics is a family of subpackages that never import each other either) and link by
// plain string IDs (a feedback link names a roadmap item ID, a launch plan names
// the roadmap items it ships):
//
//   - [github.com/productops/productops/prioritize]: RICE, ICE, WSJF and CD3, Kano, MoSCoW,
//     weighted scorecards, opportunity scores; exact deterministic ranking with
//     explanations; selection under capacity; sensitivity and Monte Carlo rank odds.
//   - [github.com/productops/productops/metrics]: product KPIs, one subpackage per subject:
//     metrics/events (active users, stickiness, retention, funnels, adoption, activation,
//     time to value and lifecycle from raw events), metrics/experiment (A/B readouts: z and
//     Welch tests, CUPED, SRM, power), metrics/revenue (MRR movements, churn, NRR and GRR,
//     LTV), metrics/survey (NPS, CSAT, CES) and metrics/target (KPI targets, engagement
//     scores). The metrics package itself maps them and holds the Rate and DecimalRatio
//     values they share.
//   - [github.com/productops/productops/feedback]: feedback items, people, accounts, themes
//     and links to roadmap items; demand scoring that counts each person and each account's
//     revenue once; near-duplicate detection; support tickets with business-hours
//     calendars, SLA evaluation and support KPIs.
//   - [github.com/productops/productops/launch]: launch plans, checklists by function,
//     tiers, waivers, a risk register, readiness and a go / no-go verdict with reasons,
//     post-launch guardrails.
//   - [github.com/productops/productops/roadmap]: items and their lifecycle, horizons and
//     quarters, objectives and key results, dependencies (cycles, order, critical path) and
//     capacity-aware scheduling.
//
// # Conventions shared by every package
//
// Exact quantities (scores, estimates, weights, percentages, money) are
// [github.com/shopspring/decimal] values, carried in JSON as strings; counts are integers;
// statistics (p-values, intervals) are float64. A result that is undefined, such as a rate
// of 0 out of 0, says so instead of reporting 0 or 1.
//
// Nothing reads the clock or a global random source: evaluations take an asOf time and
// simulations take a seed, so the same input always gives the same output, byte for byte.
// Calendar buckets take an explicit *time.Location and are exact across daylight-saving
// changes.
//
// Every input type has a Validate method. Bad input is reported as a *[ValidationError]
// that lists every bad field by its JSON path, and errors.Is(err, [ErrInvalid]) holds for
// all of them. Conditions a caller may branch on have their own sentinel errors in each
// package. Bad input never panics and never yields a silently wrong number.
//
// Unless a type's documentation says otherwise, values are safe for concurrent reads and
// not for concurrent mutation.
package productops
