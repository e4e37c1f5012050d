package prioritize

import (
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// d parses a decimal literal (tests only).
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// fr parses a fraction literal such as "1000/3" (tests only).
func fr(t testing.TB, s string) Fraction {
	t.Helper()
	var f Fraction
	if err := f.UnmarshalText([]byte(s)); err != nil {
		t.Fatal(err)
	}
	return f
}

// decimalEqual lets cmp compare decimals by value.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// bigRat compares fractions the slow way, with math/big's rationals (the reference).
type bigRat struct{}

func (bigRat) cmp(x, y Fraction) int {
	a := new(big.Rat).SetFrac(x.n(), x.d())
	b := new(big.Rat).SetFrac(y.n(), y.d())
	return a.Cmp(b)
}
