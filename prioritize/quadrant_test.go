package prioritize

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
)

// TestClassify: points on a threshold go to the favourable side (§1.8, P22).
func TestClassify(t *testing.T) {
	th := Thresholds{Value: d("5"), Effort: d("5")}
	tests := []struct {
		v, e string
		want Quadrant
	}{
		{"5", "5", QuickWin}, {"9", "9", BigBet}, {"1", "1", FillIn}, {"4.9", "5.1", MoneyPit},
	}
	for _, tt := range tests {
		q, err := Classify(d(tt.v), d(tt.e), th)
		if err != nil || q != tt.want {
			t.Errorf("(%s, %s) = %v %v, want %v", tt.v, tt.e, q, err, tt.want)
		}
	}
	// Zero thresholds are thresholds at 0, as decimal.NewFromInt(0) would be.
	for _, th := range []Thresholds{{}, {Value: decimal.NewFromInt(0), Effort: decimal.NewFromInt(0)}} {
		if q, err := Classify(d("1"), d("1"), th); err != nil || q != BigBet {
			t.Errorf("%+v: %v %v", th, q, err)
		}
	}
	huge := decimal.New(1, -(1 << 30))
	_, err := Classify(huge, d("1"), Thresholds{Effort: huge})
	if diff := cmp.Diff([]string{"value dbound", "thresholds.effort dbound"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}
