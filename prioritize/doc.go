// Package prioritize scores and orders a product backlog exactly and explainably.
//
// # Scores
//
// Each framework is a pure function from a validated input to a Score: RICE (Intercom's
// scales), ICE (ICEProduct or ICEMean), WSJF and WSJFBatch (SAFe; relative or
// column-normalized, modified Fibonacci check), CD3 (cost of delay ÷ duration, with
// TotalDelayCost), Scorecard.Score (weighted criteria with benefit/cost direction and
// none/scale/min-max/rank/jpd normalization) and Opportunity (Ulwick's outcome-driven
// score; OpportunityFromAnswers scores raw 1–5 answers exactly). Kano, KanoThreePoint,
// KanoAggregate and KanoSurvey classify features; CheckMoSCoW checks effort shares;
// Classify places an item in a value/effort quadrant; BuyAFeature tallies a Buy a Feature
// round.
//
// A Score carries the exact value as a reduced Fraction, a display Value (half away from
// zero, DisplayScale places), the formula instance with its numbers, one Factor per input,
// notes, and the same caveats as typed values (Caveats; Band for opportunity scores). It
// marshals to JSON (decimals and fractions as strings) and Explain renders it as text.
// Fractions have exact arithmetic: Add, Sub, Mul, Div, Scale, Neg.
//
// # Defaults and variants
//
// Option structs are usable at their zero value, which is the documented default:
// RICEStrict (impact on 3/2/1/0.5/0.25, confidence a fraction in [0, 1]), ICEProduct,
// WSJFRelative on WSJFFibonacci (1, 2, 3, 5, 8, 13, 20), NormalizeNone, OpportunityFloor,
// MoSCoW Musts at most 60% of the timeframe's effort, OrderGreedy, DistributionPERT.
// Where published definitions differ, each reading is a named variant.
//
// # Units
//
// Confidence is a fraction in [0, 1] everywhere in this module (RICEInput, RICEFromFloat,
// the perturbation of RICEStability, every probability and share): 0.8 means 80%, and a
// confidence above 1 is an error, never silently read as percent. Percent converts a
// percentage, integer or not: Percent(80) is 0.8, Percent(87.5) is 0.875, exactly. ICE's
// confidence is the exception that proves the rule: it is a 1–10 rating like impact and
// ease, not a probability.
//
// Zero is a value: a decimal field left at its zero value means 0, exactly like
// decimal.NewFromInt(0), never "missing". Every decimal input is bounded (at most 40
// digits, exponent within ±40) before it is compared or computed with; a value beyond
// that is an error with rule "dbound".
//
// # Ordering
//
// Rank orders any caller type by an exact score (ByRICE, ByICE, ByCD3, ByScore): descending
// score, equal scores by ascending ID (byte-wise), with unique positions and competition
// ranks; each Ranked item carries its explained Score. It converts decimals once to 64-bit
// integers and compares scores as fractions by cross-multiplication with 128-bit products,
// falling back to big integers for values that do not fit, so equal scores are equal and
// the order never depends on float rounding or input order. A Ranking marshals to JSON
// and writes CSV (WriteCSV) with every score's explanation; so does a Selection.
//
// Beyond one score: Pareto and ParetoLayers (value vs effort), Select and SelectRanking
// (0/1 knapsack under per-team capacities, items needing several teams, prerequisites;
// with the greedy answer and the gap; SelectRanking values items at their exact ranked
// scores), Order (no item before its prerequisites, by scores or input order, with the
// study's score inheritance or position inheritance), RICESwap and WeightSwap (how far an
// input or a weight, also as a share of all weights, must move to swap two items),
// RICEStability (rank stability under ±p on all inputs or a chosen few), PERT and
// Triangular (three-point means), SimulateRanks (seeded Monte Carlo P(rank ≤ k)), and for
// discrete outcomes PERTScenarios, ExpectedScore and ScenarioRanks (exact P(rank ≤ k)).
//
// # Errors
//
// Bad input never panics and never yields a number: every failure is a
// *productops.ValidationError naming every bad field by JSON path (items[3].effort),
// matching errors.Is(err, productops.ErrInvalid). Conditions callers branch on have their
// own sentinels: ErrZeroEffort, ErrDuplicateID, ErrUnknownPrerequisite (a prerequisite
// naming no item), ErrUnknownReference (any other name referring to nothing: a player,
// feature, item or team) and ErrCycle (a *CycleError listing the items).
//
// # Limits and cancellation
//
// Every search and simulation has a work cap, checked before anything is allocated;
// each is an options field whose zero value is a documented default:
//
//   - Select: MaxWork cells or nodes (DefaultMaxWork, 20,000,000) and MaxMemory bytes of
//     dynamic-programming tables (DefaultMaxMemory, 64 MiB). A table beyond either is not
//     built (branch and bound, linear in memory, runs instead); a search beyond MaxWork
//     stops with its best answer and Selection.Exact false. No error either way.
//   - SimulateRanks: MaxDraws items × runs (DefaultMaxDraws, 10,000,000); Runs at most
//     MaxRuns (10,000,000). Beyond them: a validation error.
//   - ScenarioRanks: MaxWork (DefaultMaxScenarioWork, 1,000,000,000 integer word
//     operations, about a second). Beyond it: a validation error.
//   - Fixed limits: MaxScenarios (1,000) outcomes per item; probabilities with at most 40
//     digits in numerator and denominator; at most 2^31−1 items in Rank; fraction text at
//     most 4,096 bytes; decimals within 40 digits and exponent ±40.
//
// The long-running functions have Context variants (SelectContext, SelectRankingContext,
// SimulateRanksContext, ScenarioRanksContext) that check the context every 1,024 steps
// (and before starting) and return ctx.Err()
// when it is done; the plain functions use context.Background(). Rank needs none: it is a
// single O(n log n) sort (a million items in about a second), as are Pareto, ParetoLayers
// and Order.
//
// All functions are safe for concurrent use; none keeps state between calls.
package prioritize
