package stats

import "math"

// ChiSquareCDF returns P(X <= x) for a chi-square X with k > 0 degrees of freedom; x <= 0
// gives 0. It returns NaN for k <= 0 or a NaN x.
func ChiSquareCDF(x, k float64) float64 {
	s := ChiSquareSurvival(x, k)
	if s != s {
		return s
	}
	return 1 - s
}

// ChiSquareSurvival returns P(X > x) (the upper-tail p-value of a chi-square statistic x)
// for k > 0 degrees of freedom, accurate in the far tail where 1 - ChiSquareCDF would
// round to 0.
func ChiSquareSurvival(x, k float64) float64 {
	switch {
	case x != x || !(k > 0):
		return math.NaN()
	case x <= 0:
		return 1
	}
	return RegIncGammaQ(k/2, x/2)
}
