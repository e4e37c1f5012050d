package prioritize

import (
	"cmp"
	"fmt"
	"math/big"
	"math/bits"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// DisplayScale is the number of fractional digits of every displayed score (Score.Value and
// Fraction.Decimal's default), rounded half away from zero. Ranking never uses the rounded
// value: it compares exact fractions.
const DisplayScale = 6

// maxFractionText bounds the length of a fraction's text form accepted by UnmarshalText.
const maxFractionText = 4096

// Fraction is an exact rational number num/den, always reduced, with den > 0. The zero value
// is 0. Fractions are immutable values, safe for concurrent use. Every score in this package
// is carried as a Fraction so that equal scores compare equal and the ID tie-break decides.
type Fraction struct {
	num, den *big.Int // nil means 0 and 1
}

// NewFraction returns num/den reduced. A zero denominator, or a decimal beyond 40 digits or
// an exponent beyond ±40, is a *productops.ValidationError.
func NewFraction(num, den decimal.Decimal) (Fraction, error) {
	e := validation.New("prioritize: fraction")
	okN := bounded(e, "", "num", num)
	if bounded(e, "", "den", den) && den.IsZero() {
		e.Add("den", ruleNonZero, "", ruleZeroMessage)
	}
	if err := e.Err(); err != nil || !okN {
		return Fraction{}, err
	}
	return ratio(num, den), nil
}

// FractionOf returns the exact fraction equal to d. A decimal beyond 40 digits or an
// exponent beyond ±40 is a *productops.ValidationError: its fraction could need a
// denominator of a billion digits.
func FractionOf(d decimal.Decimal) (Fraction, error) {
	e := validation.New("prioritize: fraction")
	if !bounded(e, "", "value", d) {
		return Fraction{}, e.Err()
	}
	return fracOf(d), nil
}

// fracOf is FractionOf for a value already known to be bounded.
func fracOf(d decimal.Decimal) Fraction { return ratio(d, one) }

// ratio returns num/den reduced; den must not be zero.
func ratio(num, den decimal.Decimal) Fraction {
	n, ne := num.Coefficient(), num.Exponent()
	d, de := den.Coefficient(), den.Exponent()
	if e := int64(ne) - int64(de); e > 0 {
		n.Mul(n, pow10(e))
	} else if e < 0 {
		d.Mul(d, pow10(-e))
	}
	return reduce(n, d)
}

// pow10 returns 10^e (e ≥ 0). Small powers come from a table computed once; callers use
// the result only as an operand and never modify it.
func pow10(e int64) *big.Int {
	if e < int64(len(pow10Table)) {
		return pow10Table[e]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(e), nil)
}

// pow10Table holds 10^0 … 10^80, read-only.
var pow10Table = func() []*big.Int {
	t := make([]*big.Int, 81)
	t[0] = big.NewInt(1)
	for i := 1; i < len(t); i++ {
		t[i] = new(big.Int).Mul(t[i-1], big.NewInt(10))
	}
	return t
}()

// terminates reports whether f is exactly a decimal with at most DisplayScale fractional
// digits, i.e. its reduced denominator divides 10^DisplayScale.
func (f Fraction) terminates() bool {
	d := f.d()
	if d.IsUint64() {
		return pow10u[DisplayScale]%d.Uint64() == 0
	}
	return false
}

// reduce normalizes n/d (d != 0) in place: sign on the numerator, divided by the gcd.
func reduce(n, d *big.Int) Fraction {
	if d.Sign() < 0 {
		n.Neg(n)
		d.Neg(d)
	}
	if n.Sign() == 0 {
		return Fraction{num: n, den: d.SetInt64(1)}
	}
	g := new(big.Int).GCD(nil, nil, new(big.Int).Abs(n), d)
	if g.Cmp(bigOne) != 0 {
		n.Quo(n, g)
		d.Quo(d, g)
	}
	return Fraction{num: n, den: d}
}

var bigOne = big.NewInt(1)

func (f Fraction) n() *big.Int {
	if f.num == nil {
		return new(big.Int)
	}
	return f.num
}

func (f Fraction) d() *big.Int {
	if f.den == nil {
		return bigOne
	}
	return f.den
}

// Num returns the numerator (carrying the sign) as a decimal integer.
func (f Fraction) Num() decimal.Decimal { return decimal.NewFromBigInt(f.n(), 0) }

// Den returns the denominator, a positive decimal integer.
func (f Fraction) Den() decimal.Decimal { return decimal.NewFromBigInt(f.d(), 0) }

// Cmp compares f and g exactly by cross-multiplication: -1 if f < g, 0 if equal, +1 if f > g.
// Fractions whose parts fit 64 bits compare without allocating.
func (f Fraction) Cmp(g Fraction) int {
	fn, fd, gn, gd := f.n(), f.d(), g.n(), g.d()
	if fn.IsInt64() && gn.IsInt64() && fd.IsUint64() && gd.IsUint64() {
		a, b := fn.Int64(), gn.Int64()
		sa, sb := sign64(a), sign64(b)
		if sa != sb || sa == 0 {
			return cmp.Compare(sa, sb)
		}
		// Same sign: compare |a|·gd with |b|·fd in 128 bits, flipping for negatives.
		h1, l1 := bits.Mul64(abs64(a), gd.Uint64())
		h2, l2 := bits.Mul64(abs64(b), fd.Uint64())
		c := cmp.Compare(h1, h2)
		if c == 0 {
			c = cmp.Compare(l1, l2)
		}
		return c * sa
	}
	a := new(big.Int).Mul(f.n(), g.d())
	b := new(big.Int).Mul(g.n(), f.d())
	return a.Cmp(b)
}

func sign64(x int64) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// abs64 is |x| as an unsigned value (exact for math.MinInt64 too).
func abs64(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

// Equal reports whether f and g are the same number.
func (f Fraction) Equal(g Fraction) bool { return f.Cmp(g) == 0 }

// Sign returns -1, 0 or +1.
func (f Fraction) Sign() int { return f.n().Sign() }

// Decimal returns f rounded half away from zero to places fractional digits; places is
// clamped to ±40 (validation.MaxDecimalExponent), the bound of every decimal this package
// accepts.
func (f Fraction) Decimal(places int32) decimal.Decimal {
	places = min(max(places, -validation.MaxDecimalExponent), validation.MaxDecimalExponent)
	return decimal.NewFromBigInt(f.n(), 0).DivRound(decimal.NewFromBigInt(f.d(), 0), places)
}

// decimal returns f as a decimal: exactly when its denominator has no prime factor but 2
// and 5 and the decimal needs at most 40 fractional digits (exact is then true), else
// rounded half away from zero to DisplayScale places.
func (f Fraction) decimal() (d decimal.Decimal, exact bool) {
	den := f.d()
	twos := den.TrailingZeroBits()
	rest := new(big.Int).Rsh(den, twos)
	fives := uint(0)
	five, r := big.NewInt(5), new(big.Int)
	for rest.Cmp(bigOne) > 0 && fives <= validation.MaxDecimalExponent {
		q, m := new(big.Int).QuoRem(rest, five, r)
		if m.Sign() != 0 {
			break
		}
		rest = q
		fives++
	}
	s := max(twos, fives)
	if rest.Cmp(bigOne) != 0 || s > validation.MaxDecimalExponent {
		return f.Decimal(DisplayScale), false
	}
	num := new(big.Int).Mul(f.n(), new(big.Int).Quo(pow10(int64(s)), den))
	return decimal.NewFromBigInt(num, -int32(s)), true
}

// String formats f as "num/den", or "num" when den is 1: "200/3", "750", "-1/2".
func (f Fraction) String() string {
	if f.d().Cmp(bigOne) == 0 {
		return f.n().String()
	}
	return f.n().String() + "/" + f.d().String()
}

// MarshalText encodes f as its String form, so JSON carries it as a string.
func (f Fraction) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText parses "num/den" or a decimal such as "1.25" (at most 4096 bytes, no
// exponent). A zero denominator or malformed text is a *productops.ValidationError quoting
// at most 64 bytes of the input.
func (f *Fraction) UnmarshalText(b []byte) error {
	s := string(b)
	fail := func(rule, msg string) error {
		e := validation.New("prioritize: fraction")
		e.Add("", rule, "", msg)
		return e.Err()
	}
	if len(s) > maxFractionText {
		return fail("max", fmt.Sprintf("text longer than %d bytes", maxFractionText))
	}
	ns, ds, hasDen := strings.Cut(s, "/")
	if !hasDen {
		d, err := decimal.NewFromString(s)
		if err != nil || strings.ContainsAny(s, "eE") {
			return fail("fraction", fmt.Sprintf("invalid fraction %q", validation.Truncate(s)))
		}
		*f = fracOf(d) // without an exponent, the text's length bounds it
		return nil
	}
	n, ok1 := new(big.Int).SetString(ns, 10)
	d, ok2 := new(big.Int).SetString(ds, 10)
	if !ok1 || !ok2 || strings.HasPrefix(ds, "+") || strings.HasPrefix(ds, "-") {
		return fail("fraction", fmt.Sprintf("invalid fraction %q", validation.Truncate(s)))
	}
	if d.Sign() == 0 {
		return fail(ruleNonZero, fmt.Sprintf("fraction %q has a zero denominator", validation.Truncate(s)))
	}
	*f = reduce(n, d)
	return nil
}

// Add returns f + g, exactly.
func (f Fraction) Add(g Fraction) Fraction { return addF(f, g) }

// Sub returns f − g, exactly.
func (f Fraction) Sub(g Fraction) Fraction { return subF(f, g) }

// Mul returns f × g, exactly.
func (f Fraction) Mul(g Fraction) Fraction { return mulF(f, g) }

// Div returns f ÷ g, exactly; dividing by zero is a *productops.ValidationError (rule
// "nonzero"), never a panic.
func (f Fraction) Div(g Fraction) (Fraction, error) {
	if g.Sign() == 0 {
		e := validation.New("prioritize: fraction")
		e.Add("divisor", ruleNonZero, "", ruleZeroMessage)
		return Fraction{}, e.Err()
	}
	return quoF(f, g), nil
}

// Scale returns f × d, exactly, for a decimal d such as a weight or a count. A decimal
// beyond 40 digits or an exponent beyond ±40 is a *productops.ValidationError.
func (f Fraction) Scale(d decimal.Decimal) (Fraction, error) {
	g, err := FractionOf(d)
	if err != nil {
		return Fraction{}, err
	}
	return mulF(f, g), nil
}

// Neg returns −f.
func (f Fraction) Neg() Fraction { return negF(f) }

// mulF, addF, subF and quoF are exact fraction arithmetic (quoF needs g != 0).
func mulF(f, g Fraction) Fraction {
	return reduce(new(big.Int).Mul(f.n(), g.n()), new(big.Int).Mul(f.d(), g.d()))
}

func quoF(f, g Fraction) Fraction {
	return reduce(new(big.Int).Mul(f.n(), g.d()), new(big.Int).Mul(f.d(), g.n()))
}

func addF(f, g Fraction) Fraction {
	a := new(big.Int).Mul(f.n(), g.d())
	a.Add(a, new(big.Int).Mul(g.n(), f.d()))
	return reduce(a, new(big.Int).Mul(f.d(), g.d()))
}

func subF(f, g Fraction) Fraction { return addF(f, negF(g)) }

func negF(f Fraction) Fraction { return Fraction{num: new(big.Int).Neg(f.n()), den: f.d()} }

func intF(i int64) Fraction { return Fraction{num: big.NewInt(i), den: big.NewInt(1)} }

// sumF adds fractions with one reduction at the end: each step multiplies the running
// denominator by a small one, so a long sum costs about its length times the size of the
// result, without a gcd per step.
func sumF(fs []Fraction) Fraction {
	num, den := new(big.Int), big.NewInt(1)
	t := new(big.Int)
	for _, f := range fs {
		fd := f.d()
		if fd.Cmp(den) == 0 {
			num.Add(num, f.n())
			continue
		}
		if fd.Cmp(bigOne) == 0 {
			num.Add(num, t.Mul(f.n(), den))
			continue
		}
		// num/den + fn/fd = (num·fd + fn·den) / (den·fd)
		num.Mul(num, fd)
		num.Add(num, t.Mul(f.n(), den))
		den.Mul(den, fd)
	}
	return reduce(num, den)
}
