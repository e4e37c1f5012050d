package prioritize

import (
	"errors"
	"testing"

	"github.com/productops/productops"
)

// TestEnumSpellings: the hyphenated names of earlier releases, case and separator variants
// and the aliases all read as the canonical value; unknown text is a validation error.
func TestEnumSpellings(t *testing.T) {
	type textEnum interface {
		UnmarshalText([]byte) error
		String() string
	}
	for _, tt := range []struct {
		in   string
		v    textEnum
		want string
	}{
		{"must-be", new(KanoAnswer), "must_be"},
		{"live-with", new(KanoAnswer), "live_with"},
		{"one-dimensional", new(KanoCategory), "one_dimensional"},
		{"O", new(KanoCategory), "one_dimensional"},
		{"no-floor", new(OpportunityVariant), "no_floor"},
		{"Quick Win", new(Quadrant), "quick_win"},
		{"min-max", new(Normalization), "min_max"},
		{"normalize-columns", new(WSJFVariant), "normalize_columns"},
		{"fibonacci-21", new(WSJFScale), "fibonacci_21"},
		{"any-positive", new(WSJFScale), "any_positive"},
		{"Won't Have", new(MoSCoW), "wont"},
		{"Must have", new(MoSCoW), "must"},
		{"WSJF", new(Framework), "wsjf"},
	} {
		if err := tt.v.UnmarshalText([]byte(tt.in)); err != nil || tt.v.String() != tt.want {
			t.Errorf("%T %q: got %s, %v; want %s", tt.v, tt.in, tt.v, err, tt.want)
		}
	}
	var q Quadrant
	if err := q.UnmarshalText([]byte("nowhere")); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("unknown quadrant: %v", err)
	}
	if _, err := Quadrant(9).MarshalText(); !errors.Is(err, productops.ErrInvalid) || Quadrant(9).String() != "quadrant(9)" {
		t.Errorf("out-of-range quadrant: %v %s", err, Quadrant(9))
	}
}
