package prioritize

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

func TestFractionArithmetic(t *testing.T) {
	third, sixth := fr(t, "1/3"), fr(t, "1/6")
	q, err := fr(t, "1/2").Div(fr(t, "1/4"))
	s, err2 := third.Scale(d("1.5"))
	got := []string{
		third.Add(sixth).String(), fr(t, "1/2").Sub(fr(t, "2/3")).String(), fr(t, "2/3").Mul(fr(t, "9/4")).String(),
		q.String(), s.String(), third.Neg().String(), Fraction{}.Add(Fraction{}).String(), fr(t, "-7/3").Neg().Neg().String(),
	}
	want := []string{"1/2", "-1/6", "3/2", "2", "1/2", "-1/3", "0", "-7/3"}
	if diff := cmp.Diff(want, got); diff != "" || err != nil || err2 != nil {
		t.Errorf("(-want +got):\n%s %v %v", diff, err, err2)
	}
	_, err = third.Div(Fraction{})
	if diff := cmp.Diff([]string{"divisor nonzero"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	_, err = third.Scale(decimal.New(1, -(1 << 30)))
	if diff := cmp.Diff([]string{"value dbound"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	// Exact: (1/3 + 1/3 + 1/3) = 1, where decimals at 16 places would give 0.9999999999999999.
	if !third.Add(third).Add(third).Equal(intF(1)) {
		t.Error("1/3 × 3 is not 1")
	}
}

// TestFractionCmpFastPath: the allocation-free comparison agrees with big-integer
// cross-multiplication, signs and 64-bit extremes included.
func TestFractionCmpFastPath(t *testing.T) {
	vals := []string{"0", "1", "-1", "1/3", "-1/3", "2/6", "9223372036854775807", "-9223372036854775808",
		"9223372036854775807/18446744073709551615", "-9223372036854775807/18446744073709551614", "18446744073709551616", "1/18446744073709551616"}
	for _, a := range vals {
		for _, b := range vals {
			x, y := fr(t, a), fr(t, b)
			want := new(bigRat).cmp(x, y)
			if got := x.Cmp(y); got != want {
				t.Errorf("%s vs %s: %d, want %d", a, b, got, want)
			}
		}
	}
	x, y := fr(t, "355/113"), fr(t, "-22/7")
	if n := testing.AllocsPerRun(100, func() { _ = x.Cmp(y) }); n != 0 {
		t.Errorf("Cmp allocates %v times", n)
	}
}

// TestFractionErrors: every failure is a validation error.
func TestFractionErrors(t *testing.T) {
	var f Fraction
	for _, s := range []string{"x", "1/0", "1e5", "3/-4", string(make([]byte, 5000))} {
		if err := f.UnmarshalText([]byte(s)); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%q: %v", s, err)
		}
	}
	if _, err := NewFraction(d("1"), d("0")); !errors.Is(err, productops.ErrInvalid) {
		t.Error(err)
	}
	// Decimal clamps its places to ±40.
	if got := fr(t, "1/3").Decimal(1 << 30); got.Exponent() != -40 {
		t.Errorf("exponent %d", got.Exponent())
	}
}

// TestFractionDecimal: exact decimals when the denominator has only the factors 2 and 5
// and at most 40 places, else rounded to DisplayScale places.
func TestFractionDecimal(t *testing.T) {
	for _, tt := range []struct {
		f     string
		want  string
		exact bool
	}{
		{"1/8", "0.125", true}, {"-7/20", "-0.35", true}, {"3", "3", true}, {"1/3", "0.333333", false},
		{"1/1125899906842624", "0.000000", false},                               // 1/2^50 needs 50 places
		{"1/1099511627776", "0.0000000000009094947017729282379150390625", true}, // 1/2^40
	} {
		got, exact := fr(t, tt.f).decimal()
		if !got.Equal(d(tt.want)) || exact != tt.exact {
			t.Errorf("%s: %s %v, want %s %v", tt.f, got, exact, tt.want, tt.exact)
		}
	}
}
