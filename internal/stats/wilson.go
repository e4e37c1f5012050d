package stats

import "math"

// Wilson returns the Wilson score interval for successes out of trials at the two-sided
// critical value z (1.959963984540054 for 95%). It returns NaN, NaN when trials is 0 or the
// counts are inconsistent (negative, or successes above trials).
func Wilson(successes, trials int64, z float64) (lo, hi float64) {
	if trials <= 0 || successes < 0 || successes > trials {
		return math.NaN(), math.NaN()
	}
	n := float64(trials)
	p := float64(successes) / n
	z2 := z * z
	den := 1 + z2/n
	center := (p + z2/(2*n)) / den
	half := z / den * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	lo, hi = center-half, center+half
	// Clamp rounding at the ends so 0 of n starts at 0 and n of n ends at 1 exactly.
	if successes == 0 || lo < 0 {
		lo = 0
	}
	if successes == trials || hi > 1 {
		hi = 1
	}
	return lo, hi
}

// Z95 is the two-sided critical value of the standard normal for 95% confidence.
const Z95 = 1.959963984540054
