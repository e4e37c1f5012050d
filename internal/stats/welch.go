package stats

import "math"

// WelchResult is Welch's unequal-variance t-test of mean(b) − mean(a).
type WelchResult struct {
	Diff float64 // mean(b) − mean(a), from MeanDiff
	SE   float64 // √(var_a/n_a + var_b/n_b)
	T    float64 // Diff/SE
	DoF  float64 // Welch–Satterthwaite degrees of freedom
	P    float64 // two-sided p-value, from the upper tail
}

// Welch tests mean(b) − mean(a) with Welch's t-test. ok is false when an arm has fewer
// than 2 values or both variances are exactly 0 (SE = 0), and when the p-value could not be
// evaluated (NaN input); the result is then zero apart from Diff.
func Welch(a, b Moments) (r WelchResult, ok bool) {
	r.Diff = MeanDiff(a, b)
	if a.n < 2 || b.n < 2 {
		return WelchResult{Diff: r.Diff}, false
	}
	sa, sb := a.Variance()/float64(a.n), b.Variance()/float64(b.n)
	r.SE = math.Sqrt(sa + sb)
	if !(r.SE > 0) {
		return WelchResult{Diff: r.Diff}, false
	}
	r.T = r.Diff / r.SE
	r.DoF = WelchDoF(sa, float64(a.n), sb, float64(b.n))
	r.P = TwoSidedP(r.T, r.DoF)
	if r.P != r.P {
		return WelchResult{Diff: r.Diff}, false
	}
	return r, true
}

// WelchDoF returns the Welch–Satterthwaite degrees of freedom (sa + sb)²/(sa²/(na−1) +
// sb²/(nb−1)) for squared standard errors sa = var_a/na and sb = var_b/nb, each arm with
// at least 2 units. It is +Inf when both are 0 and lies between min(na, nb) − 1 and
// na + nb − 2 otherwise. It is scaled by the larger of sa and sb first, so that tiny or
// huge variances neither underflow nor overflow.
func WelchDoF(sa, na, sb, nb float64) float64 {
	m := math.Max(sa, sb)
	if m == 0 {
		return math.Inf(1)
	}
	sa, sb = sa/m, sb/m
	return (sa + sb) * (sa + sb) / (sa*sa/(na-1) + sb*sb/(nb-1))
}
