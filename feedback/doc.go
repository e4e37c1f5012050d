// Package feedback turns customer feedback into demand you can trust and finds near-duplicate
// feedback; it also measures support operations (tickets, business hours, SLAs).
//
// # Feedback and demand
//
// The model follows the feedback tools it is measured against (Productboard, Canny,
// UserVoice, Pendo, Fider, Savio):
//
//   - [Account]: a customer company with a segment, a plan, MRR/ARR in one currency and a
//     lifecycle, plus point-in-time [AccountSnapshot]s.
//   - [Person]: someone who gives feedback, optionally belonging to an account.
//   - [Item]: one piece of feedback (a ticket, survey answer, call note, review) keyed for
//     idempotency by its source and source record.
//   - [Link]: an item linked to a request (or any roadmap item ID) with an importance on an
//     [ImportanceScale] (Productboard's 0-3 by default).
//   - [Vote]: a person's vote on a request, possibly cast on their behalf.
//   - [Request]: a feature request with a [RequestStatus] lifecycle, its history, and merges.
//   - [Theme]: a node of a theme hierarchy that items and requests are tagged with.
//   - [Opportunity]: a sales deal that depends on requests; open deals are pipeline.
//
// A [Dataset] holds them all; [Dataset.Validate] checks every record and every reference.
// [Demand] scores requests: one count per person (the latest importance wins), revenue once
// per account ([RevenueSum], [RevenueAverage], [RevenueMin], [RevenueMax]), segment weights,
// a time window, and account state as of now or as of the feedback ([AccountsAsOfNow],
// [AccountsAsOfFeedback]); every score carries the people and accounts behind it. Merging a
// duplicate request is a link ([Dataset.Merge]), not a copy: demand is computed over the
// merged class, so voters are a union, chains flatten and [Dataset.Unmerge] restores;
// Fider's vote-copying merge is the named alternative [MergeFider]. Signals carry their
// [SignalChannel] (insight, portal, import) with Productboard's rules for which importance
// counts; anonymous feedback counts in volume, not in people or accounts; demand is also
// weighted by account revenue × importance, by open [Opportunity] value (pipeline), by
// segment per account and per person, and per account ([RequestDemand].AccountScore).
// [ThemeRollup] sums items, people, accounts and requests up the theme hierarchy.
//
// # Near-duplicate detection
//
// [Normalize] folds text (Unicode NFKC, case folding, diacritic folding, punctuation).
// [Jaccard] is the exact similarity on word unigrams, 2- or 3-grams or character 3-grams
// ([Shingling]); [Similarity] also computes term-frequency and tf-idf cosine
// ([SimilarityMeasure]), the measures the index verifies candidates with.
// [FindDuplicates] and [DedupeIndex] find pairs with MinHash signatures and LSH banding
// (seeded and deterministic), verify each candidate by exact Jaccard, and classify it as an
// exact duplicate, a duplicate, or similar but not a duplicate. [DedupeIndex.Suggest] ranks
// an existing corpus against a new item.
//
// Defaults, and where vendors differ:
//
//   - Importance: [ProductboardScale] (0-3, none = 1) is the zero [ImportanceScale];
//     [VoteCountScale] reproduces a Fider/Canny vote count and [UserVoiceScale] UserVoice's
//     legacy 1-3 votes. A value off the scale is an error, never clamped.
//   - People: one count per person per request (and per merged class); the latest signal
//     wins, ties broken by higher importance, then links before votes, then IDs, so input
//     order never matters. Fider keeps a merged duplicate's votes on both posts; here they
//     are one class, so summing across requests cannot double-count.
//   - Revenue: once per account, [MeasureMRR] by default ([MeasureARR] on request); an
//     account with neither revenue nor currency is counted as an account but left out of
//     the revenue aggregate (UserVoice shows revenue only for accounts that have it); an
//     average, minimum or maximum of no accounts is reported as undefined. Revenue in two
//     currencies is an error.
//   - Account state: [AccountsAsOfNow] (Canny, UserVoice) reads the account's own fields;
//     [AccountsAsOfFeedback] (Savio) reads the snapshot in force when the feedback was given.
//   - Near duplicates: word unigrams, duplicate at Jaccard ≥ 0.8, similar at ≥ 0.5, MinHash
//     64 bands × 4 rows, seed 0 ([DedupeOptions]).
//
// # Support operations
//
// [Ticket] is a support ticket with a timeline of [TicketEvent]s (status changes, public
// comments and internal notes, priority changes). [BusinessHours] defines a business-hours
// calendar in any IANA zone: several ranges a day, date-specific shifts and breaks, and
// holidays as local dates. [NewCalendar] compiles it into a [Calendar], whose
// [Calendar.Duration], [Calendar.Add] and [Calendar.NextOpen] convert wall-clock ranges to
// instants date by date, so they are exact on 23- and 25-hour days.
//
// [SLAEvaluator] reproduces Zendesk's SLA metrics over a timeline at an as-of instant: first
// reply, next reply from the oldest unanswered comment, periodic and pausable updates,
// requester wait, agent work and total resolution, each with Zendesk's pause statuses. The
// first matching [SLAPolicy] applies, targets follow the priority in force, solving fulfils
// reply targets, and breach is strict (a reply exactly at the due instant is achieved).
// Every target has an explicit [SLAState] (active, paused, achieved, breached), and
// [SLACompliance] tallies results mergeably.
//
// [SLAEvaluator.EvaluateAll] evaluates a whole queue and tallies it.
//
// [CountTicket] gives the per-ticket counts (agent replies, customer follow-ups, solves,
// reopens, participating agents); [MeasureSLA] measures SLA elapsed time without a policy;
// [Calendar.OpenIntervals] lists a date's open intervals.
//
// [SupportKPIs] reports first reply time, first and full resolution time, one-touch or
// first-contact resolution under a named [OneTouchDefinition], the reopen rate under a named
// [ReopenDefinition], backlog age percentiles, and ticket volume per active account and
// per 1,000 users. [CSAT], [CES] and [Deflection] compute
// the survey and self-service measures with both of their published read-outs.
//
// # Output
//
// Every result marshals to JSON with snake_case field names: decimals as strings
// ("1250.5"), instants in RFC 3339, durations (time.Duration) as integer nanoseconds, enums
// in their text form ("breached", "cosine_tfidf"); the forms are pinned by golden files
// under testdata/. Tabular results also write CSV through encoding/csv, with the same
// column names: [DemandReport.WriteCSV] (per request), [DemandReport.WriteAccountsCSV] (per
// request and account), [DuplicateReport.WriteCSV] (pairs), [SLABatch.WriteCSV] (every SLA
// result, with a breached column) and [SLACompliance.WriteCSV] (compliance per metric);
// in CSV, durations are seconds.
//
// # Input, limits and cancellation
//
// Every input error matches productops.ErrInvalid and is a *productops.ValidationError
// naming the bad fields; errors callers branch on also match a sentinel ([ErrMergeCycle],
// [ErrDuplicateID], [ErrLimit], ...). [ParseDataset], [ParseDemandOptions],
// [ParseDedupeOptions], [ParseBusinessHours], [ParseTickets] and [ParseSLAPolicies] decode
// JSON strictly: an unknown field or trailing data is an error, where json.Unmarshal would
// drop it silently. Decimals are bounded (40 digits, exponent ±40) before they are used.
// Nil pointer arguments give errors or zero answers, never panics; a nil *[Calendar] is
// calendar time.
//
// Limits, each with its default and the option that raises it:
//
//   - Dedupe index size: items × bands at most [DefaultMaxBandKeys] (262,144 items at 64
//     bands), [DedupeOptions].MaxBandKeys.
//   - Dedupe candidates verified per search: [DefaultMaxCandidates],
//     [DedupeOptions].MaxCandidates.
//   - Dedupe pairs per report: [DefaultMaxPairs], [DedupeOptions].MaxPairs.
//   - MinHash signature: bands × rows at most [MaxSignature] (fixed).
//   - Instants: 1677-09-21 to 2262-04-11 (time.Time.UnixNano's range); business-time
//     arithmetic clamps and saturates there (fixed).
//
// Exceeding a cap is a *[LimitError] (errors.Is [ErrLimit]) returned before the work or
// the memory it bounds. Work that grows with the input has a Context variant that stops
// when the context is done and returns ctx.Err(): [FindDuplicatesContext],
// [DedupeIndex.PairsContext], [SLAEvaluator.EvaluateAllContext], [SupportKPIsContext].
//
// The business-hours calendar never trusts time.Time.ZoneBounds bounds that do not contain
// the instant (golang/go#81583: on the last UTC day of leap years from 2040 on, zones
// such as Europe/Berlin report an end a day early); it probes offsets instead, and every
// cursor step is checked to advance.
package feedback
