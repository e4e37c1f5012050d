package stats

import "math"

// NormalCDF returns P(Z ≤ x) for a standard normal Z, with full relative precision in the
// lower tail (down to x ≈ −38, where it underflows to 0).
func NormalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// NormalSurvival returns P(Z > x), with full relative precision in the upper tail.
func NormalSurvival(x float64) float64 { return 0.5 * math.Erfc(x/math.Sqrt2) }

// NormalQuantile returns the x with NormalCDF(x) = p for p in [0, 1]: −Inf at 0, +Inf at 1,
// NaN outside. Lower-tail probabilities are used as given, so the result keeps its
// relative precision (below 5e-16 against mpmath, testdata/README.md) for every positive p
// down to the smallest float64; for p > 0.5 it returns −NormalQuantile(1 − p), and 1 − p
// is exact there. A caller that holds an upper-tail probability q should call
// NormalUpperQuantile(q), not NormalQuantile(1 − q), which rounds q away below about 1e-16.
func NormalQuantile(p float64) float64 {
	switch {
	case p != p || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case p > 0.5:
		return -lowerNormalQuantile(1 - p)
	}
	return lowerNormalQuantile(p)
}

// NormalUpperQuantile returns the z with P(Z > z) = q for q in [0, 1] (scipy's
// norm.isf): NormalUpperQuantile(1e-300) ≈ 37.05.
func NormalUpperQuantile(q float64) float64 {
	return -NormalQuantile(q)
}

// NormalCritical returns the two-sided critical value z with P(|Z| > z) = 1 − confidence
// (1.959963984540054 at 0.95) for confidence in (0, 1), computed from the tail
// probability (1 − confidence)/2 directly. Every float64 below 1 is accepted: 1 − c is
// exact for c ≥ ½, so the critical value stays accurate to about 1e-15 relative up to
// c = 1 − 2⁻⁵³ (z ≈ 8.37). It returns NaN outside (0, 1).
func NormalCritical(confidence float64) float64 {
	if !(confidence > 0 && confidence < 1) {
		return math.NaN()
	}
	return -lowerNormalQuantile((1 - confidence) / 2)
}

// Coefficients of Wichura's algorithm AS 241 (PPND16), Applied Statistics 37 (1988),
// as scaled for the inverse error function in Go's math/erfinv.go.
const (
	nqA0 = 1.1975323115670912564578e0
	nqA1 = 4.7072688112383978012285e1
	nqA2 = 6.9706266534389598238465e2
	nqA3 = 4.8548868893843886794648e3
	nqA4 = 1.6235862515167575384252e4
	nqA5 = 2.3782041382114385731252e4
	nqA6 = 1.1819493347062294404278e4
	nqA7 = 8.8709406962545514830200e2
	nqB1 = 4.2313330701600911252e1
	nqB2 = 6.8718700749205790830e2
	nqB3 = 5.3941960214247511077e3
	nqB4 = 2.1213794301586595867e4
	nqB5 = 3.9307895800092710610e4
	nqB6 = 2.8729085735721942674e4
	nqB7 = 5.2264952788528545610e3
	nqC0 = 1.42343711074968357734e0
	nqC1 = 4.63033784615654529590e0
	nqC2 = 5.76949722146069140550e0
	nqC3 = 3.64784832476320460504e0
	nqC4 = 1.27045825245236838258e0
	nqC5 = 2.41780725177450611770e-1
	nqC6 = 2.27238449892691845833e-2
	nqC7 = 7.74545014278341407640e-4
	nqD0 = 1.4142135623730950488016887e0
	nqD1 = 2.9036514445419946173133295e0
	nqD2 = 2.3707661626024532365971225e0
	nqD3 = 9.7547832001787427186894837e-1
	nqD4 = 2.0945065210512749128288442e-1
	nqD5 = 2.1494160384252876777097297e-2
	nqD6 = 7.7441459065157709165577218e-4
	nqD7 = 1.4859850019840355905497876e-9
	nqE0 = 6.65790464350110377720e0
	nqE1 = 5.46378491116411436990e0
	nqE2 = 1.78482653991729133580e0
	nqE3 = 2.96560571828504891230e-1
	nqE4 = 2.65321895265761230930e-2
	nqE5 = 1.24266094738807843860e-3
	nqE6 = 2.71155556874348757815e-5
	nqE7 = 2.01033439929228813265e-7
	nqF0 = 1.414213562373095048801689e0
	nqF1 = 8.482908416595164588112026e-1
	nqF2 = 1.936480946950659106176712e-1
	nqF3 = 2.103693768272068968719679e-2
	nqF4 = 1.112800997078859844711555e-3
	nqF5 = 2.611088405080593625138020e-5
	nqF6 = 2.010321207683943062279931e-7
	nqF7 = 2.891024605872965461538222e-15
)

// lowerNormalQuantile returns Φ⁻¹(p) for p in (0, 0.5]: AS 241 on p itself (never on
// 1 − p, which is where Go's Erfcinv loses small p). Against mpmath its relative error is
// below 5e-16 for p down to 1e-300; smaller p go to farNormalQuantile.
func lowerNormalQuantile(p float64) float64 {
	if p < 1e-300 {
		return farNormalQuantile(p)
	}
	var z float64
	if q := p - 0.5; q >= -0.425 {
		x := 2 * q
		r := 0.180625 - 0.25*x*x
		n := ((((((nqA7*r+nqA6)*r+nqA5)*r+nqA4)*r+nqA3)*r+nqA2)*r+nqA1)*r + nqA0
		d := ((((((nqB7*r+nqB6)*r+nqB5)*r+nqB4)*r+nqB3)*r+nqB2)*r+nqB1)*r + 1
		z = math.Sqrt2 * x * n / d
	} else {
		// r = √(−ln p), the variable of AS 241's tail pieces (Go's erfinv computes it as
		// √(ln 2 − ln(1 − x)) with 1 − x = 2p, which is where Erfcinv loses small p).
		r := math.Sqrt(-math.Log(p))
		var n, d float64
		if r <= 5 {
			r -= 1.6
			n = ((((((nqC7*r+nqC6)*r+nqC5)*r+nqC4)*r+nqC3)*r+nqC2)*r+nqC1)*r + nqC0
			d = ((((((nqD7*r+nqD6)*r+nqD5)*r+nqD4)*r+nqD3)*r+nqD2)*r+nqD1)*r + nqD0
		} else {
			r -= 5
			n = ((((((nqE7*r+nqE6)*r+nqE5)*r+nqE4)*r+nqE3)*r+nqE2)*r+nqE1)*r + nqE0
			d = ((((((nqF7*r+nqF6)*r+nqF5)*r+nqF4)*r+nqF3)*r+nqF2)*r+nqF1)*r + nqF0
		}
		z = -math.Sqrt2 * n / d
	}
	return z
}

// farNormalQuantile solves ln Φ(z) = ln p for p below 1e-300, where Φ(z) and φ(z) approach
// the subnormal range and lose precision, by Newton's method on the asymptotic series
// ln Φ(z) = −z²/2 − ln(−z) − ln √(2π) + ln S(z), S = Σ (−1)^k (2k−1)!!/z^(2k), which is
// exact to double precision for z < −37 (the tenth term is below 1e-19). ln p is exact
// even for subnormal p.
func farNormalQuantile(p float64) float64 {
	lnp := ln(p)
	z := -math.Sqrt(-2 * lnp)
	for range 50 {
		r := 1 / (z * z)
		s, term := 1.0, 1.0
		for k := 1; k <= 10; k++ {
			term *= -float64(2*k-1) * r
			s += term
		}
		f := -0.5*z*z - math.Log(-z) - lnSqrt2Pi + math.Log(s) - lnp
		// d/dz ln Φ(z) = φ(z)/Φ(z) = −z/S(z).
		step := f / (-z / s)
		z -= step
		if math.Abs(step) <= 1e-16*math.Abs(z) {
			return z
		}
	}
	return math.NaN()
}
