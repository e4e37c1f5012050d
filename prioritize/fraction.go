package prioritize

import (
	"fmt"
	"math/big"
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

// NewFraction returns num/den reduced. It returns an error when den is zero.
func NewFraction(num, den decimal.Decimal) (Fraction, error) {
	if den.IsZero() {
		return Fraction{}, fmt.Errorf("prioritize: fraction with zero denominator")
	}
	return ratio(num, den), nil
}

// FractionOf returns the exact fraction equal to d.
func FractionOf(d decimal.Decimal) Fraction { return ratio(d, decimal.NewFromInt(1)) }

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
func (f Fraction) Cmp(g Fraction) int {
	a := new(big.Int).Mul(f.n(), g.d())
	b := new(big.Int).Mul(g.n(), f.d())
	return a.Cmp(b)
}

// Equal reports whether f and g are the same number.
func (f Fraction) Equal(g Fraction) bool { return f.Cmp(g) == 0 }

// Sign returns -1, 0 or +1.
func (f Fraction) Sign() int { return f.n().Sign() }

// Decimal returns f rounded half away from zero to places fractional digits.
func (f Fraction) Decimal(places int32) decimal.Decimal {
	return decimal.NewFromBigInt(f.n(), 0).DivRound(decimal.NewFromBigInt(f.d(), 0), places)
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

// UnmarshalText parses "num/den" or a decimal such as "1.25" (at most 4096 bytes). A zero
// denominator or malformed text is an error quoting at most 64 runes of the input.
func (f *Fraction) UnmarshalText(b []byte) error {
	s := string(b)
	if len(s) > maxFractionText {
		return fmt.Errorf("prioritize: fraction text longer than %d bytes", maxFractionText)
	}
	ns, ds, hasDen := strings.Cut(s, "/")
	if !hasDen {
		d, err := decimal.NewFromString(s)
		if err != nil || strings.ContainsAny(s, "eE") {
			return fmt.Errorf("prioritize: invalid fraction %q", validation.Truncate(s))
		}
		*f = FractionOf(d)
		return nil
	}
	n, ok1 := new(big.Int).SetString(ns, 10)
	d, ok2 := new(big.Int).SetString(ds, 10)
	if !ok1 || !ok2 || strings.HasPrefix(ds, "+") || strings.HasPrefix(ds, "-") {
		return fmt.Errorf("prioritize: invalid fraction %q", validation.Truncate(s))
	}
	if d.Sign() == 0 {
		return fmt.Errorf("prioritize: fraction %q has a zero denominator", validation.Truncate(s))
	}
	*f = reduce(n, d)
	return nil
}

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
