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
// zero, DisplayScale places), the formula instance with its numbers, one Factor per input
// and notes. It marshals to JSON (decimals and fractions as strings) and Explain renders it
// as text.
//
// # Defaults and variants
//
// Option structs are usable at their zero value, which is the documented default:
// RICEStrict (impact on 3/2/1/0.5/0.25, confidence a fraction in [0, 1]), ICEProduct,
// WSJFRelative on WSJFFibonacci (1, 2, 3, 5, 8, 13, 20), NormalizeNone, OpportunityFloor,
// MoSCoW Musts at most 60% of the timeframe's effort, OrderGreedy, DistributionPERT.
// Where published definitions differ, each reading is a named variant.
//
// # Ordering
//
// Rank orders any caller type by an exact score (ByRICE, ByICE, ByCD3, ByScore): descending
// score, equal scores by ascending ID (byte-wise), with unique positions and competition
// ranks. It converts decimals once to 64-bit integers and compares scores as fractions by
// cross-multiplication with 128-bit products, falling back to big integers for values
// that do not fit, so equal scores are equal and the order never depends on float
// rounding or input order.
//
// Beyond one score: Pareto and ParetoLayers (value vs effort), Select (0/1 knapsack under
// per-team capacities, items needing several teams, prerequisites; with the greedy answer
// and the gap), Order (no item before its prerequisites), RICESwap and WeightSwap (how far
// an input must move to swap two items), RICEStability (rank stability under ±p), PERT,
// SimulateRanks (seeded Monte Carlo P(rank ≤ k)), and for discrete outcomes
// PERTScenarios, ExpectedScore and ScenarioRanks (exact P(rank ≤ k)).
//
// # Errors
//
// Bad input never panics and never yields a number: every failure is a
// *productops.ValidationError naming every bad field by JSON path (items[3].effort),
// matching errors.Is(err, productops.ErrInvalid). Conditions callers branch on have their
// own sentinels: ErrZeroEffort, ErrDuplicateID, ErrUnknownPrerequisite and ErrCycle (a
// *CycleError listing the items).
//
// All functions are safe for concurrent use; none keeps state between calls.
package prioritize
