package stats

import "math"

// Helpers for logarithms of gamma-function ratios that do not cancel when the arguments are
// large. math.Lgamma(a) is accurate to a few ulps of its own value, so differences such as
// Lgamma(a+b) − Lgamma(a) lose about log10(Lgamma(a)) digits: already 1e-6 relative at
// a = 1e9. The forms below write each difference through Stirling's series so that only
// quantities of the size of the result are added.

const (
	lnSqrt2Pi = 0.918938533204672741780329736406 // ln √(2π)
	// stirlingMin is the smallest argument for which stirlingDelta's series is used; the
	// truncation error there is below 2e-18.
	stirlingMin = 10
)

// stirlingDelta returns δ(x) = lnΓ(x) − ((x − ½)·ln x − x + ln √(2π)), the remainder of
// Stirling's series, for x ≥ stirlingMin (absolute error below 2e-18). For smaller x it
// falls back to the definition with math.Lgamma (absolute error about 1e-15).
func stirlingDelta(x float64) float64 {
	if x < stirlingMin {
		lg, _ := math.Lgamma(x)
		return lg - ((x-0.5)*math.Log(x) - x + lnSqrt2Pi)
	}
	// Bernoulli-number coefficients B_2k / (2k(2k−1)).
	const (
		c1 = 1.0 / 12
		c2 = -1.0 / 360
		c3 = 1.0 / 1260
		c4 = -1.0 / 1680
		c5 = 1.0 / 1188
		c6 = -691.0 / 360360
		c7 = 1.0 / 156
		c8 = -3617.0 / 122400
	)
	r := 1 / x
	r2 := r * r
	return r * (c1 + r2*(c2+r2*(c3+r2*(c4+r2*(c5+r2*(c6+r2*(c7+r2*c8)))))))
}

// log1pmx returns ln(1 + x) − x for x > −1 without cancellation near 0 (relative error a
// few ulps).
func log1pmx(x float64) float64 {
	if math.Abs(x) > 0.5 {
		return math.Log1p(x) - x
	}
	// ln(1+x) = 2·atanh(r) with r = x/(2+x), and 2r − x = −r·x, so
	// ln(1+x) − x = −r·x + 2(r³/3 + r⁵/5 + ...). |r| ≤ 1/3 here.
	r := x / (2 + x)
	r2 := r * r
	s := 0.0
	term := r * r2
	for k := 3.0; k < 80; k += 2 {
		s += term / k
		term *= r2
		if math.Abs(term) < 1e-18*math.Abs(s) {
			break
		}
	}
	return 2*s - r*x
}

// lnGammaRatio returns ln(Γ(a+b)/Γ(a)) for a > 0 and b > 0 without the cancellation of
// Lgamma(a+b) − Lgamma(a) when a is large.
func lnGammaRatio(a, b float64) float64 {
	if a < stirlingMin {
		la, _ := math.Lgamma(a + b)
		lb, _ := math.Lgamma(a)
		return la - lb
	}
	// With Stirling's form for both: (a+b−½)ln(a+b) − (a−½)ln a − b + δ(a+b) − δ(a)
	// = (a−½)·ln1p(b/a) + b·ln(a+b) − b + δ(a+b) − δ(a).
	return (a-0.5)*math.Log1p(b/a) + b*math.Log(a+b) - b + stirlingDelta(a+b) - stirlingDelta(a)
}

// lnGammaPrefix returns ln(x^a·e^(−x)/Γ(a)), the factor in front of both incomplete gamma
// expansions, for a > 0 and x > 0. For large a it is written as
// a·(ln1p(μ) − μ) + ½·ln(a/2π) − δ(a) with μ = (x − a)/a, which keeps full relative
// precision where a·ln x − x − lnΓ(a) would cancel.
func lnGammaPrefix(a, x float64) float64 {
	if a < stirlingMin {
		lg, _ := math.Lgamma(a)
		return a*ln(x) - x - lg
	}
	var l float64
	if mu := (x - a) / a; math.Abs(mu) <= 0.5 {
		l = a * log1pmx(mu)
	} else {
		l = a*ln(x/a) + (a - x)
	}
	return l + 0.5*math.Log(a/(2*math.Pi)) - stirlingDelta(a)
}

// ln is math.Log made exact for subnormal arguments: on amd64 math.Log does not
// normalize them (golang/go#56600; math.Log(5e-324) is −709.09, not −744.44), and tail
// probabilities below 2.2e-308 are exactly such arguments. Scaling by 2⁵⁴ is exact.
func ln(x float64) float64 {
	if x > 0 && x < 0x1p-1022 {
		return math.Log(x*0x1p54) - 54*math.Ln2
	}
	return math.Log(x)
}
