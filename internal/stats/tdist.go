package stats

import "math"

// StudentTCDF returns P(T ≤ t) for Student's t distribution with nu > 0 degrees of freedom
// (nu may be fractional, as Welch–Satterthwaite produces, and as large as +Inf, the normal
// distribution). The lower tail keeps its relative precision down to the smallest float64.
// It returns NaN for nu ≤ 0, NaN arguments, or an evaluation that did not converge.
func StudentTCDF(t, nu float64) float64 {
	switch {
	case t != t || !(nu > 0):
		return math.NaN()
	case t < 0:
		return studentTTail(-t, nu)
	}
	return 1 - studentTTail(t, nu)
}

// StudentTSurvival returns P(T > t), with full relative precision in the upper tail
// (never 1 − StudentTCDF). Same domain as StudentTCDF.
func StudentTSurvival(t, nu float64) float64 {
	if t != t || !(nu > 0) {
		return math.NaN()
	}
	return StudentTCDF(-t, nu)
}

// TwoSidedP returns the two-sided p-value P(|T| > |stat|) of a t statistic with dof
// degrees of freedom, or of a z statistic when dof is 0 (or +Inf). It is computed from the
// upper tail, so it stays accurate down to the smallest float64 and is non-increasing in
// |stat|. It returns NaN for a NaN statistic, a negative or NaN dof, or an evaluation that
// did not converge.
func TwoSidedP(stat, dof float64) float64 {
	switch {
	case stat != stat || !(dof >= 0):
		return math.NaN()
	case dof == 0 || math.IsInf(dof, 1):
		return math.Erfc(math.Abs(stat) / math.Sqrt2)
	}
	return min(2*studentTTail(math.Abs(stat), dof), 1)
}

// studentTTail returns P(T > t) for t ≥ 0.
func studentTTail(t, nu float64) float64 {
	if math.IsInf(nu, 1) {
		return NormalSurvival(t)
	}
	return newTDist(nu).tail(t)
}

// tDist is Student's t with nu degrees of freedom (finite), with the gamma ratio its
// evaluations share computed once.
type tDist struct {
	nu   float64
	lnGR float64 // ln(Γ((ν+1)/2)/Γ(ν/2)), through lnGammaRatio so that it does not cancel
}

func newTDist(nu float64) tDist { return tDist{nu: nu, lnGR: lnGammaRatio(nu/2, 0.5)} }

// tail returns P(T > t) for t ≥ 0.
func (d tDist) tail(t float64) float64 {
	nu := d.nu
	switch {
	case t == 0:
		return 0.5
	case math.IsInf(t, 1):
		return 0
	case t/nu*t > 1e17:
		// Far tail: P(T > t) = K·t^(−ν)·(1 − O(ν/t²)) with
		// K = Γ((ν+1)/2)·ν^((ν−2)/2)/(√π·Γ(ν/2)); the correction is below 1e-17 here, and
		// the logarithms never form t², which overflows beyond 1e154.
		return math.Exp(d.lnGR + nu/2*(ln(nu)-2*math.Log(t)) - ln(nu) - lnSqrtPi)
	}
	// P(T > t) = ½·I_x(ν/2, ½) with x = ν/(ν+t²); y = 1 − x = t²/(ν+t²) is formed
	// directly so that neither loses precision. From ν = 30 on, the asymptotic expansion
	// bgrat gives I_x(ν/2, ½) at every x with the relative precision the continued
	// fraction loses near its transition.
	t2 := t * t
	s := nu + t2
	x, y := nu/s, t2/s
	if nu >= 2*bgratMinA {
		if w, ok := bgrat(nu/2, 0.5, x, y, d.lnGR); ok {
			return 0.5 * w
		}
	}
	lower, _ := regIncBeta(nu/2, 0.5, x, y)
	return 0.5 * lower
}

// pdf is the density at t.
func (d tDist) pdf(t float64) float64 {
	return math.Exp(d.lnGR - 0.5*ln(d.nu) - lnSqrtPi - (d.nu+1)/2*math.Log1p(t/d.nu*t))
}

// studentTPDF is the density of Student's t with nu degrees of freedom.
func studentTPDF(t, nu float64) float64 { return newTDist(nu).pdf(t) }

const lnSqrtPi = 0.572364942924700087071713675677 // ln √π = ln Γ(½)

// StudentTQuantile returns the t with StudentTCDF(t, nu) = p, for p in [0, 1] and nu > 0:
// −Inf at 0, +Inf at 1 (and ±Inf where the quantile exceeds the float64 range). Lower-tail
// probabilities are solved as given, so the relative error stays near 1e-14 for p down to
// the smallest float64; for p > 0.5 it returns −StudentTQuantile(1 − p, nu), where 1 − p is
// exact. Use StudentTUpperQuantile for an upper-tail probability and StudentTCritical for a
// confidence level rather than forming 1 − q. It returns NaN outside the domain or if the
// root finder does not converge.
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
	case p > 0.5:
		return -lowerStudentTQuantile(1-p, nu)
	}
	return lowerStudentTQuantile(p, nu)
}

// StudentTUpperQuantile returns the t with StudentTSurvival(t, nu) = q (scipy's t.isf).
func StudentTUpperQuantile(q, nu float64) float64 { return -StudentTQuantile(q, nu) }

// StudentTCritical returns the two-sided critical value t with P(|T| > t) = 1 − confidence
// for confidence in (0, 1) and nu > 0, solved from the tail probability (1 − confidence)/2
// directly; every float64 confidence below 1 is accepted (see NormalCritical). nu = +Inf
// gives NormalCritical. It returns NaN outside the domain.
func StudentTCritical(confidence, nu float64) float64 {
	if !(confidence > 0 && confidence < 1) || !(nu > 0) {
		return math.NaN()
	}
	return -lowerStudentTQuantile((1-confidence)/2, nu)
}

// lowerStudentTQuantile returns the negative quantile for p in (0, 0.5).
func lowerStudentTQuantile(p, nu float64) float64 {
	switch {
	case math.IsInf(nu, 1):
		return lowerNormalQuantile(p)
	case nu == 1:
		// Cauchy: F(t) = ½ + atan(t)/π.
		return -1 / math.Tan(math.Pi*p)
	case nu == 2:
		// F(t) = ½ + t/(2√(2 + t²)).
		return -(1 - 2*p) / math.Sqrt(2*p*(1-p))
	}
	// Solve g(u) = ln P(T > e^u) − ln p = 0 for u = ln|t|: g is decreasing, nearly linear
	// in the tail, and |t| is bracketed by the normal quantile (|t_p| ≥ |z_p|: F_t − Φ grows from
	// 0 at −∞ while the t density is the larger and falls back to 0 at 0) and by the tail
	// bound P(T > t) ≤ K·t^(−ν), K = Γ((ν+1)/2)·ν^((ν−2)/2)/(√π·Γ(ν/2)).
	z := lowerNormalQuantile(p)
	lnp := ln(p)
	d := newTDist(nu)
	lnK := d.lnGR + (nu-2)/2*ln(nu) - lnSqrtPi
	lo, hi := -z, math.Exp((lnK-lnp)/nu)
	if !(hi > lo) || math.IsInf(hi, 1) {
		// The bound overflows: either the quantile is beyond the float64 range, or it
		// lies below the largest float64.
		if d.tail(math.MaxFloat64) > p {
			return math.Inf(-1)
		}
		hi = math.MaxFloat64
	}
	t := lo
	if nu >= 3 {
		// Cornish–Fisher expansion around the normal quantile: close unless p is tiny.
		z2 := z * z
		cf := -(z + z*(z2+1)/(4*nu) + z*(5*z2*z2+16*z2+3)/(96*nu*nu) + z*(3*z2*z2*z2+19*z2*z2+17*z2-15)/(384*nu*nu*nu))
		if cf > lo && cf < hi {
			t = cf
		}
	}
	// Newton's method on u = ln t, carried on t itself (t·e^step) so that a huge t keeps
	// its relative precision, with geometric bisection whenever a step leaves the bracket.
	for range 400 {
		f := d.tail(t)
		if f != f {
			return math.NaN()
		}
		g := ln(f) - lnp
		switch {
		case g == 0:
			return -t
		case g > 0:
			lo = t
		default:
			hi = t
		}
		step := math.NaN()
		if dens := d.pdf(t) * t; f > 0 && dens > 0 {
			step = g * f / dens
		}
		next := t * math.Exp(step)
		if !(next > lo && next < hi) {
			next = math.Sqrt(lo) * math.Sqrt(hi) // geometric bisection
		} else if math.Abs(step) <= 1e-8 {
			// Newton converges quadratically and g is nearly linear in u: after a step
			// this small the error is about step², below the result's rounding.
			return -next
		}
		if hi/lo-1 <= 4e-16 {
			return -next
		}
		t = next
	}
	return math.NaN()
}
