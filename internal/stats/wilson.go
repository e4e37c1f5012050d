package stats

import "math"

// Wilson returns the Wilson score interval for successes out of trials at the two-sided
// critical value z ≥ 0 (NormalCritical(0.95) = 1.959963984540054). With p = k/n,
// q = (n−k)/n, c = z²/(2n) and s = √(pq/n + z²/(4n²)) the bounds are written as
//
//	low = p²/(p + c + z·s)      (equal to (p + c − z·s)/(1 + 2c) without its cancellation)
//	high = (p + c + z·s)/(1 + 2c)
//
// so both keep their relative precision (1 of 1e12 trials at 99.9999999999% included).
// 0 of n starts at exactly 0 and n of n ends at exactly 1. It returns NaN, NaN when trials
// is 0, the counts are inconsistent (negative, or successes above trials), or z is
// negative, NaN or infinite.
func Wilson(successes, trials int64, z float64) (lo, hi float64) {
	if trials <= 0 || successes < 0 || successes > trials || !(z >= 0) || math.IsInf(z, 1) {
		return math.NaN(), math.NaN()
	}
	n := float64(trials)
	p := float64(successes) / n
	q := float64(trials-successes) / n
	c := z * z / (2 * n)
	s := math.Sqrt(p*q/n + c/(2*n))
	u := p + c + z*s
	if successes > 0 {
		lo = p * p / u
	}
	hi = 1.0
	if successes < trials {
		hi = math.Min(u/(1+2*c), 1)
	}
	return lo, hi
}

// WaldInterval returns the normal-approximation (Wald) interval p ± z·√(p(1−p)/n) for
// successes out of trials, clamped to [0, 1]; it collapses to a point at 0 and n
// successes. Same domain as Wilson.
func WaldInterval(successes, trials int64, z float64) (lo, hi float64) {
	if trials <= 0 || successes < 0 || successes > trials || !(z >= 0) || math.IsInf(z, 1) {
		return math.NaN(), math.NaN()
	}
	n := float64(trials)
	p := float64(successes) / n
	q := float64(trials-successes) / n
	h := z * math.Sqrt(p*q/n)
	return math.Max(p-h, 0), math.Min(p+h, 1)
}

// Z95 is the two-sided critical value of the standard normal for 95% confidence,
// NormalCritical(0.95).
const Z95 = 1.959963984540054
