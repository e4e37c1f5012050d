package stats

import (
	"math"
	"testing"
)

func TestConfidence(t *testing.T) {
	if Confidence(0) != 0.95 || Confidence(0.9) != 0.9 {
		t.Errorf("Confidence(0) = %v, Confidence(0.9) = %v", Confidence(0), Confidence(0.9))
	}
	for c, want := range map[float64]bool{0: true, 0.5: true, 0.999: true, 1: false, -0.1: false, math.NaN(): false, math.Inf(1): false} {
		if got := ValidConfidence(c); got != want {
			t.Errorf("ValidConfidence(%v) = %v, want %v", c, got, want)
		}
	}
}
