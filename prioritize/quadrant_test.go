package prioritize

import (
	"testing"

	"github.com/google/go-cmp/cmp"

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
	_, err := Classify(d("1"), d("1"), Thresholds{})
	if diff := cmp.Diff([]string{"value required", "effort required"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}
