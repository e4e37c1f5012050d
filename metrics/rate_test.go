package metrics

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNewRate(t *testing.T) {
	approx := cmpopts.EquateApprox(0, 1e-6)
	tests := []struct {
		num, den int64
		want     Rate
		text     string
	}{
		{9, 20, Rate{Numerator: 9, Denominator: 20, Defined: true, Value: 0.45, Low: 0.2581979, High: 0.6579147}, "45.00% (9/20, 95% CI 25.82%–65.79%)"},
		{0, 0, Rate{}, "undefined (0/0)"},
		{3, 2, Rate{Numerator: 3, Denominator: 2}, "undefined (3/2)"},
		{-1, 2, Rate{Numerator: -1, Denominator: 2}, "undefined (-1/2)"},
		{0, 4, Rate{Denominator: 4, Defined: true, High: 0.4898908}, "0.00% (0/4, 95% CI 0.00%–48.99%)"},
	}
	for _, tt := range tests {
		got := NewRate(tt.num, tt.den)
		if diff := cmp.Diff(tt.want, got, approx); diff != "" {
			t.Errorf("NewRate(%d, %d) mismatch (-want +got):\n%s", tt.num, tt.den, diff)
		}
		if s := got.String(); s != tt.text {
			t.Errorf("NewRate(%d, %d).String() = %q, want %q", tt.num, tt.den, s, tt.text)
		}
	}
}
