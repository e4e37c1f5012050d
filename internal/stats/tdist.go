package stats

import "math"

// StudentTCDF returns P(T <= t) for Student's t distribution with nu > 0 degrees of freedom
// (nu may be fractional, as Welch–Satterthwaite produces). nu = +Inf gives the normal CDF.
// It returns NaN for nu <= 0 or NaN arguments.
func StudentTCDF(t, nu float64) float64 {
	switch {
	case t != t || !(nu > 0):
		return math.NaN()
	case math.IsInf(nu, 1):
		return NormalCDF(t)
	case math.IsInf(t, 1):
		return 1
	case math.IsInf(t, -1):
		return 0
	}
	tail := 0.5 * RegIncBeta(nu/(nu+t*t), nu/2, 0.5) // P(T > |t|)
	if t > 0 {
		return 1 - tail
	}
	return tail
}

// StudentTSurvival returns P(T > t), computed without the cancellation of 1 - StudentTCDF
// for large t.
func StudentTSurvival(t, nu float64) float64 { return StudentTCDF(-t, nu) }

// StudentTQuantile returns the t with StudentTCDF(t, nu) = p, for p in (0, 1) and nu > 0.
// It returns -Inf at 0, +Inf at 1 and NaN outside [0, 1] or for nu <= 0.
func StudentTQuantile(p, nu float64) float64 {
	switch {
	case p != p || p < 0 || p > 1 || !(nu > 0):
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case p == 0.5:
		return 0
	case math.IsInf(nu, 1):
		return NormalQuantile(p)
	}
	if p > 0.5 {
		return -StudentTQuantile(1-p, nu)
	}
	// p < 0.5: the quantile is negative. From nu = 3 on, start Newton's method at the
	// Cornish–Fisher expansion around the normal quantile, which is already close.
	if nu >= 3 {
		z := NormalQuantile(p)
		z2 := z * z
		x := z + z*(z2+1)/(4*nu) + z*(5*z2*z2+16*z2+3)/(96*nu*nu) + z*(3*z2*z2*z2+19*z2*z2+17*z2-15)/(384*nu*nu*nu)
		for range 8 {
			step := (StudentTCDF(x, nu) - p) / studentTPDF(x, nu)
			next := x - step
			if !(next < 0) || next != next {
				break
			}
			if math.Abs(step) <= 1e-13*math.Max(1, math.Abs(next)) {
				return next
			}
			x = next
		}
	}
	return studentTBisect(p, nu)
}

// studentTBisect finds the negative quantile for p < 0.5 by bracketing, then bisection
// safeguarded Newton steps.
func studentTBisect(p, nu float64) float64 {
	lo, hi := -1.0, 0.0
	for StudentTCDF(lo, nu) > p {
		hi = lo
		lo *= 2
		if math.IsInf(lo, -1) {
			return lo
		}
	}
	x := NormalQuantile(p)
	if x <= lo || x >= hi {
		x = (lo + hi) / 2
	}
	for range 200 {
		f := StudentTCDF(x, nu) - p
		if f == 0 {
			return x
		}
		if f > 0 {
			hi = x
		} else {
			lo = x
		}
		next := x - f/studentTPDF(x, nu)
		if !(next > lo && next < hi) {
			next = (lo + hi) / 2
		}
		if math.Abs(next-x) <= 1e-14*math.Max(1, math.Abs(x)) {
			return next
		}
		x = next
	}
	return x
}

// studentTPDF is the density of Student's t with nu degrees of freedom.
func studentTPDF(t, nu float64) float64 {
	a, _ := math.Lgamma((nu + 1) / 2)
	b, _ := math.Lgamma(nu / 2)
	return math.Exp(a - b - 0.5*math.Log(nu*math.Pi) - (nu+1)/2*math.Log1p(t*t/nu))
}
