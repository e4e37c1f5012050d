// Package stats holds the float64 statistics that several productops packages share:
// stable moments, the normal, Student t and chi-square distributions, the special
// functions behind them, Welch's test and binomial intervals.
//
// # Accuracy
//
// Every function is checked against testdata/reference.json, values computed with mpmath
// at 60–100 digits by testdata/gen_reference.py; testdata/README.md lists the tolerance and
// the worst error per regime. In short: quantiles and critical values to about 1e-15
// relative (1e-14 + 1e-16·|ln p| for t); t and chi-square tails to 1e-14 plus two ulps per
// unit of the tail's condition number and of |ln F|, for every df from 0.5 to 1e10 and
// every k to 1e7, down to tails of 1e-300.
//
// # Tails, not complements
//
// Upper tails are computed directly (StudentTSurvival, ChiSquareSurvival, TwoSidedP), and
// quantiles take the tail probability as given (NormalUpperQuantile(α/2),
// NormalCritical(confidence)), so nothing is formed as 1 − small and rounded away: a
// confidence of 1 − 1e-15 and a p-value of 1e-300 keep their precision. Every float64
// confidence in (0, 1) is accepted; quantile functions accept every probability in [0, 1].
//
// # Convergence
//
// Series and continued fractions stop on a relative change below 3e-16 within an iteration
// budget that grows with √(argument), since that is how their length grows; for large
// parameters the t distribution uses an asymptotic expansion (TOMS 708's BGRAT) and the
// gamma prefactors use Stirling's series, so no Lgamma difference cancels. An evaluation
// that does not converge returns NaN, never an unconverged number; NaN is also the answer
// outside a function's domain. Callers turn NaN into an error.
//
// # Moments
//
// Moments summarises a sample as count, mean and centred sum of squares. From raw values
// it is exact for constant data (zero variance is decided by comparing values, not by
// rounding) and shift-invariant: the mean is a pivot value plus a mean deviation, so
// samples near 1e12 compare as precisely as samples near 0. From GrowthBook-style sums it
// refuses sums that have cancelled (MaxSumsCondition).
package stats
