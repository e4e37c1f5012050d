package prioritize

import (
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
