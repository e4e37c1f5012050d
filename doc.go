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
//     LTV), metrics/survey (NPS, CSAT, CES), metrics/target (KPI targets, OKR grading,
//     engagement scores) and metrics/outcome (ROI per initiative). The metrics
//     package itself maps them and holds the Rate and DecimalRatio values they share.
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
// The packages under interop/ read the exports teams already have into those packages'
// types, one package per vendor: interop/jira (CSV export and REST search, Jira Product
// Discovery), interop/productboard, interop/linear, interop/zendesk (incremental exports,
// ticket metric events, SLA policies) and interop/canny; interop/column holds the shared
// cell rules (a percent column declares its unit). They may import the five packages; the
// five never import them. Two nested modules keep heavy dependencies away from importers:
// cmd/productops (the command line tool and its HTML report) and beam (Apache Beam
// pipelines).
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
// A confidence typed by a person is a fraction in [0, 1] everywhere (RICE's 80% is 0.8;
// prioritize.Percent(80) builds it); a value above 1 is an error, never a score 100 times
// too small. Confidence levels of intervals are fractions too (0.95).
//
// Unless a type's documentation says otherwise, values are safe for concurrent reads and
// not for concurrent mutation.
//
// # Cancellation
//
// A function whose work can grow faster than its input, or that reads a stream, has a
// variant with the same name and a Context suffix that takes a [context.Context] first
// (prioritize.SelectContext, roadmap.ScheduleContext, feedback.FindDuplicatesContext,
// feedback.SupportKPIsContext, the readers' ...Context forms, ...). The plain form calls
// it with context.Background(). The context is checked before the work starts and about
// every thousand steps; a cancelled call returns an error for which errors.Is(err,
// context.Canceled) or errors.Is(err, context.DeadlineExceeded) holds, and no partial
// result.
//
// # Limits
//
// Every input is bounded before it is used, so no input hangs a goroutine, exhausts memory
// or overflows into a wrong number. A limit that is an options field means its default at
// zero, and a negative value is invalid. Exceeding a limit is a *[ValidationError] (or a
// package sentinel that also matches [ErrInvalid]), never a crash.
//
//   - Decimals: at most 40 significant digits and an exponent within ±40 (10^-40 to
//     10^80), checked before any comparison or arithmetic. Fixed.
//   - Times: instants within years 1 to 9999; business-hours arithmetic within
//     time.Time's UnixNano range (1677 to 2262), where it saturates like time.Time.Add.
//     Periods saturate at years 1 and 9999. Fixed.
//   - prioritize.SelectOptions.MaxWork: DefaultMaxWork, 20,000,000 dynamic-programming
//     cells or branch-and-bound nodes; MaxMemory: DefaultMaxMemory, 64 MiB of tables.
//     Beyond either, the exact search switches to branch and bound or stops with an error.
//   - prioritize.SimulateOptions.MaxDraws: DefaultMaxDraws, 10,000,000 items × runs; Runs
//     at most MaxRuns (10,000,000). prioritize.ScenarioOptions.MaxWork:
//     DefaultMaxScenarioWork, 10^9 word operations; at most MaxScenarios (1,000) outcomes
//     per item.
//   - roadmap.ScheduleOptions.MaxWork: DefaultMaxWork, 20,000,000 scheduling steps
//     (roadmap.ErrWorkLimit beyond it).
//   - feedback.DedupeOptions: MaxBandKeys (DefaultMaxBandKeys, 16,777,216 items × bands),
//     MaxCandidates (DefaultMaxCandidates, 50,000,000), MaxPairs (DefaultMaxPairs,
//     2,000,000); bands × rows at most MaxSignature (4,096). feedback.ErrLimit beyond them.
//   - launch: at most MaxExtraFunctions (64) functions added to the default set, 64 tiers,
//     MaxImpacts (64) risk dimensions, MaxArgoMetrics (1,000) analysis metrics;
//     CanaryConfig.MaxSamples (DefaultMaxCanarySamples, 100,000 points per series);
//     canary values within ±MaxCanaryValue (1e150).
//   - interop readers, Options.Limits: MaxRecordBytes (1 MiB per CSV record or JSON
//     element), MaxRecords (10,000,000), MaxFields (10,000 columns), MaxDocumentBytes
//     (256 MiB of search pages held at once); the first 50 bad records are reported.
//   - Error messages repeat at most 64 bytes of any input, made printable.
package productops
