// Package stats holds the float64 statistics that several productops packages share:
// the standard normal distribution and binomial intervals.
package stats

import "math"

// NormalCDF returns P(Z <= x) for a standard normal Z.
func NormalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// NormalQuantile returns the x with NormalCDF(x) = p, for p in (0, 1); it returns -Inf at
// 0, +Inf at 1 and NaN outside [0, 1].
func NormalQuantile(p float64) float64 {
	switch {
	case p < 0 || p > 1 || p != p:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	}
	return -math.Sqrt2 * math.Erfcinv(2*p)
}
