package stats

import "math"

// Convergence control of the series and continued fractions below. Each loop stops when a
// term changes the result by less than epsRel relatively. Its iteration budget grows with
// the arguments (the number of terms needed near the transition x ≈ a grows like √a), so
// a budget is only exhausted by a defect, and then the function returns NaN: an
// unconverged value is never returned.
const (
	epsRel = 3e-16
	tiny   = 1e-300
)

// iterBudget is the iteration limit for an expansion whose length grows like √size.
// budgetScale multiplies it; tests lower it to prove that exhaustion gives NaN.
func iterBudget(size float64) int {
	n := 64 + 16*math.Sqrt(math.Max(size, 0))
	return int(math.Min(n*budgetScale, 1<<30))
}

var budgetScale = 1.0

// RegIncGammaP returns the regularized lower incomplete gamma function
// P(a, x) = γ(a, x)/Γ(a) for a > 0 and x ≥ 0, with relative error near 1e-14 across the
// tested range (a up to 5e6, see testdata/README.md). It returns NaN outside that domain
// or when the expansion does not converge.
func RegIncGammaP(a, x float64) float64 {
	p, _ := regIncGamma(a, x)
	return p
}

// RegIncGammaQ returns the regularized upper incomplete gamma function
// Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x) for a > 0 and x ≥ 0, computed directly (not as
// 1 − P) where it is small, so tail values down to the smallest float64 keep their
// relative precision. It returns NaN outside the domain or when the expansion does not
// converge.
func RegIncGammaQ(a, x float64) float64 {
	_, q := regIncGamma(a, x)
	return q
}

// regIncGamma returns P(a, x) and Q(a, x). Below x = a + 1 it sums the series for P;
// above, it evaluates Legendre's continued fraction for Q by the modified Lentz method.
// The prefactor x^a·e^(−x)/Γ(a) comes from lnGammaPrefix, which does not cancel for large
// a; both expansions need O(√a) terms near x ≈ a and are budgeted accordingly.
func regIncGamma(a, x float64) (p, q float64) {
	switch {
	case !(a > 0) || !(x >= 0) || math.IsInf(a, 1):
		return math.NaN(), math.NaN()
	case x == 0:
		return 0, 1
	case math.IsInf(x, 1):
		return 1, 0
	}
	limit := iterBudget(a)
	pre := lnGammaPrefix(a, x)
	if x < a+1 {
		// P = x^a e^(−x)/Γ(a+1) · Σ_{n≥0} x^n/((a+1)…(a+n)).
		sum, del, ap := 1.0, 1.0, a
		converged := false
		for range limit {
			ap++
			del *= x / ap
			sum += del
			if del < sum*epsRel {
				converged = true
				break
			}
		}
		if !converged {
			return math.NaN(), math.NaN()
		}
		p = expTimes(pre, sum) / a
		return p, 1 - p
	}
	b := x + 1 - a
	c := 1 / tiny
	d := 1 / b
	h := d
	converged := false
	for i := 1; i <= limit; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < epsRel {
			converged = true
			break
		}
	}
	if !converged {
		return math.NaN(), math.NaN()
	}
	q = expTimes(pre, h)
	return 1 - q, q
}

// RegIncBeta returns the regularized incomplete beta function I_x(a, b) for a, b > 0 and
// x in [0, 1]. It returns NaN outside that domain or when the continued fraction does not
// converge. Where 1 − x is known more precisely than x (a t statistic's t²/(ν+t²)), use
// the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) at the call site rather than forming 1 − x.
func RegIncBeta(x, a, b float64) float64 {
	switch {
	case !(a > 0) || !(b > 0) || !(x >= 0 && x <= 1) || math.IsInf(a, 1) || math.IsInf(b, 1):
		return math.NaN()
	case x == 0:
		return 0
	case x == 1:
		return 1
	}
	lo, _ := regIncBeta(a, b, x, 1-x)
	return lo
}

// regIncBeta returns I_x(a, b) and its complement 1 − I_x(a, b) = I_y(b, a) for
// x + y = 1, both in (0, 1), taking y separately so that no precision is lost forming
// 1 − x. With one parameter at least bgratMinA and the other at most 1 (Student's t:
// b = ½), the smaller of the two comes from the asymptotic expansion bgrat; otherwise it
// evaluates the continued fraction on the side where it converges fast
// (x < (a+1)/(a+b+2)) and gets the other by symmetry. The fraction's relative error grows
// to about 3e-17·max(a, b) near that transition.
func regIncBeta(a, b, x, y float64) (lower, upper float64) {
	switch {
	case a >= bgratMinA && b <= 1:
		if w, ok := bgrat(a, b, x, y, lnGammaRatio(a, b)); ok && w <= 0.5 {
			return w, 1 - w
		}
	case b >= bgratMinA && a <= 1:
		if w, ok := bgrat(b, a, y, x, lnGammaRatio(b, a)); ok && w <= 0.5 {
			return 1 - w, w
		}
	}
	if x*(a+b+2) < a+1 {
		f, ok := betaCFTerm(a, b, x, y)
		if !ok {
			return math.NaN(), math.NaN()
		}
		return f, 1 - f
	}
	f, ok := betaCFTerm(b, a, y, x)
	if !ok {
		return math.NaN(), math.NaN()
	}
	return 1 - f, f
}

// betaCFTerm returns x^a·y^b/(a·B(a, b)) times the continued fraction of I_x(a, b), which is
// I_x(a, b) itself when x < (a+1)/(a+b+2). The second result is false when the fraction
// did not converge within its budget.
func betaCFTerm(a, b, x, y float64) (float64, bool) {
	h, ok := betaCF(a, b, x, y)
	if !ok {
		return 0, false
	}
	return expTimes(lnBetaPrefix(a, b, x, y), h/a), true
}

// lnBetaPrefix returns ln(x^a·y^b/B(a, b)) for x + y = 1, written so that large a or b do
// not cancel: B(a, b) goes through lnGammaRatio or Stirling's series instead of three
// Lgamma values, and each logarithm of x or y is taken from the smaller of the two.
func lnBetaPrefix(a, b, x, y float64) float64 {
	lnx, lny := lnPair(x, y)
	switch {
	case a >= stirlingMin && b >= stirlingMin:
		// x^a y^b/B(a,b) = √(ab/(2π(a+b))) · (x(a+b)/a)^a · (y(a+b)/b)^b · e^(δ(a+b)−δ(a)−δ(b)),
		// with x(a+b)/a = 1 + u/a and y(a+b)/b = 1 − u/b for u = xb − ya (formed with
		// one rounding). Near the mean the linear parts of the two logarithms cancel
		// exactly, so they are dropped (log1pmx); far from it each logarithm is taken from
		// ln x or ln y.
		s := a + b
		p := y * a
		u := math.FMA(x, b, -p) - math.FMA(y, a, -p)
		var e float64
		if math.Abs(u) <= 0.5*math.Min(a, b) {
			e = a*log1pmx(u/a) + b*log1pmx(-u/b)
		} else {
			e = a*(lnx+math.Log1p(b/a)) + b*(lny+math.Log1p(a/b))
		}
		return e + 0.5*math.Log(a*b/s) - lnSqrt2Pi + stirlingDelta(s) - stirlingDelta(a) - stirlingDelta(b)
	case a >= stirlingMin:
		lb, _ := math.Lgamma(b)
		return a*lnx + b*lny + lnGammaRatio(a, b) - lb
	case b >= stirlingMin:
		la, _ := math.Lgamma(a)
		return a*lnx + b*lny + lnGammaRatio(b, a) - la
	}
	lab, _ := math.Lgamma(a + b)
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	return a*lnx + b*lny + lab - la - lb
}

// lnPair returns ln x and ln y for x + y = 1, each from the more precise of the two.
func lnPair(x, y float64) (lnx, lny float64) {
	if x < 0.5 {
		return ln(x), math.Log1p(-x)
	}
	return math.Log1p(-y), ln(y)
}

// betaCF evaluates the continued fraction of the incomplete beta function by the modified
// Lentz method (Numerical Recipes §6.4), taking y = 1 − x to form its first denominator
// 1 − (a+b)x/(a+1) = (1 − b + (a+b)y)/(a+1) without cancellation when a is large.
func betaCF(a, b, x, y float64) (float64, bool) {
	qab, qap, qam := a+b, a+1, a-1
	c := 1.0
	var d float64
	if x < 0.5 {
		d = 1 - qab*x/qap
	} else {
		d = (1 - b + qab*y) / qap
	}
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	limit := iterBudget(math.Max(a, b))
	for m := 1; m <= limit; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < epsRel {
			return h, true
		}
	}
	return h, false
}

// bgratMinA is the smallest a for which bgrat's expansion is used (DiDonato and Morris
// assume a ≥ 15).
const bgratMinA = 15

// bgrat returns I_x(a, b) for a ≥ bgratMinA and 0 < b ≤ 1 by the asymptotic expansion of
// DiDonato and Morris (ACM TOMS 708, 1992, routine BGRAT; R's toms708.c), with y = 1 − x
// given separately. The expansion is in powers of 1/(a + (b−1)/2) around an incomplete
// gamma function of z = −(a + (b−1)/2)·ln x, so it keeps full relative precision for large
// a at every x, where the continued fraction loses digits in proportion to a near its
// transition. lnGR is lnGammaRatio(a, b). ok is false if the 30-term series does not
// converge.
func bgrat(a, b, x, y, lnGR float64) (w float64, ok bool) {
	const terms = 30
	bm1 := b - 1
	nu := a + bm1/2
	var lnx float64
	if y > 0.375 {
		lnx = ln(x)
	} else {
		lnx = math.Log1p(-y)
	}
	z := -nu * lnx
	if !(b*z > 0) {
		return 0, false
	}
	lgb := lnSqrtPi
	if b != 0.5 {
		lgb, _ = math.Lgamma(b)
	}
	// r = e^(−z)·z^b/Γ(b); u = r·Γ(a+b)/(Γ(a)·ν^b) is factored out of the expansion.
	logR := -lgb + b*ln(z) - z
	logU := logR + lnGR - b*math.Log(nu)
	qr := scaledGammaQ(b, z, logR) // Q(b, z)/r
	if qr != qr {
		return 0, false
	}
	v := 0.25 / (nu * nu)
	t2 := 0.25 * lnx * lnx
	j := qr
	sum := j
	t, cn, n2 := 1.0, 1.0, 0.0
	var c, d [terms]float64
	for n := 1; n <= terms; n++ {
		bp2n := b + n2
		j = (bp2n*(bp2n+1)*j + (z+bp2n+1)*t) * v
		n2 += 2
		t *= t2
		cn /= n2 * (n2 + 1)
		c[n-1] = cn
		s := 0.0
		coef := b - float64(n)
		for i := 1; i < n; i++ {
			s += coef * c[i-1] * d[n-1-i]
			coef += b
		}
		d[n-1] = bm1*cn + s/float64(n)
		dj := d[n-1] * j
		sum += dj
		if !(sum > 0) {
			return 0, false
		}
		if math.Abs(dj) <= epsRel*sum {
			return expTimes(logU, sum), true
		}
	}
	return 0, false
}

// scaledGammaQ returns Q(b, z)/r with r = e^(−z)·z^b/Γ(b) = exp(logR), for 0 < b ≤ 1.
// b = ½, the case of Student's t, is exact through erfc: Q(½, z) = erfc(√z). Other b use
// regIncGamma.
func scaledGammaQ(b, z, logR float64) float64 {
	if b == 0.5 {
		s := math.Sqrt(z)
		if s < 26 {
			return math.Erfc(s) * math.Exp(-logR)
		}
		// e^(s²)·erfc(s) by its asymptotic series (1/(s√π))·Σ (−1)^k (2k−1)!!/(2s²)^k,
		// accurate to far below 1e-20 for s ≥ 26; then divide by r's other factors.
		u := 1 / (2 * s * s)
		sum, term := 1.0, 1.0
		for k := 1; k < 12; k++ {
			term *= -float64(2*k-1) * u
			sum += term
		}
		// Q/r = erfcx(s)·e^(−z)/r = erfcx(s)·Γ(½)/√z = sum/z.
		return sum / z
	}
	_, q := regIncGamma(b, z)
	return q * math.Exp(-logR)
}

// expTimes returns e^l·f for f > 0, as one exponential where e^l alone would underflow
// (or overflow) although the product need not.
func expTimes(l, f float64) float64 {
	if l > -700 && l < 700 {
		return math.Exp(l) * f
	}
	return math.Exp(l + math.Log(f))
}
