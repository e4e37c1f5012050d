package prioritize

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
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

// fields lists "field rule" pairs of a validation error, failing the test if err is not one.
func fields(t testing.TB, err error) []string {
	t.Helper()
	var ve *productops.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T) is not a *productops.ValidationError", err, err)
	}
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("errors.Is(%v, ErrInvalid) = false", err)
	}
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field+" "+f.Rule)
	}
	return out
}

// decimalEqual lets cmp compare decimals by value.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
