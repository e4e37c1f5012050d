// Package survey scores customer surveys: NPS, CSAT and CES, each with its uncertainty.
//
// Map, in the order a program meets it:
//
//   - Input: [Responses] holds one integer score per response, or [NoAnswer] for a
//     response that skipped the question, and how many people were invited.
//   - [NPS] scores the 0-10 question with its standard error (from p + d − (p − d)²) and
//     interval ([NPSOptions]); [NPSFromCounts] starts from promoter, passive and detractor
//     counts; [CompareNPS] tests the difference between two surveys.
//   - [CSAT] reports top-2-box or the mean on 5- or 7-point or binary scales
//     ([CSATOptions]); [CES] reports the mean, % agree or net easy on CES 2.0's 1-7 scale or
//     a 1-5 scale ([CESOptions]).
//
// NoAnswer responses are counted apart and excluded from every score; the response rate is
// reported on its own. Shares are [metrics.Rate] values with Wilson intervals, and a score
// with no answers is undefined (Defined false), never 0.
package survey
