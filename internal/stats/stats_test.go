package stats

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestNormalCDF(t *testing.T) {
	// Reference values of the standard normal distribution (Abramowitz and Stegun, table 26.1).
	for _, tt := range []struct{ x, want float64 }{
		{0, 0.5}, {1, 0.8413447460685429}, {-1, 0.15865525393145707}, {1.959963984540054, 0.975},
		{-3, 0.0013498980316301}, {6, 0.9999999990134123},
	} {
		if got := NormalCDF(tt.x); !near(got, tt.want, 1e-12) {
			t.Errorf("NormalCDF(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

func TestNormalQuantile(t *testing.T) {
	for _, tt := range []struct{ p, want float64 }{
		{0.5, 0}, {0.975, Z95}, {0.025, -Z95}, {0.95, 1.6448536269514722}, {0.8, 0.8416212335729143},
	} {
		if got := NormalQuantile(tt.p); !near(got, tt.want, 1e-9) {
			t.Errorf("NormalQuantile(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
	for p := 0.001; p < 1; p += 0.01 {
		if got := NormalCDF(NormalQuantile(p)); !near(got, p, 1e-12) {
			t.Errorf("NormalCDF(NormalQuantile(%v)) = %v", p, got)
		}
	}
	if !math.IsInf(NormalQuantile(0), -1) || !math.IsInf(NormalQuantile(1), 1) {
		t.Error("quantile at 0 or 1 is not infinite")
	}
	for _, p := range []float64{-0.1, 1.1, math.NaN()} {
		if !math.IsNaN(NormalQuantile(p)) {
			t.Errorf("NormalQuantile(%v) is not NaN", p)
		}
	}
}

func TestWilson(t *testing.T) {
	// Worked by hand from the Wilson score formula:
	// center = (p + z²/2n)/(1 + z²/n), half = z/(1 + z²/n)·sqrt(p(1-p)/n + z²/4n²).
	for _, tt := range []struct {
		k, n   int64
		lo, hi float64
	}{
		{9, 20, 0.2581979, 0.6579147},
		{0, 10, 0, 0.2775328},
		{10, 10, 0.7224672, 1},
		{50, 100, 0.4038315, 0.5961685},
		{1, 1, 0.2065493, 1},
	} {
		lo, hi := Wilson(tt.k, tt.n, Z95)
		if !near(lo, tt.lo, 1e-6) || !near(hi, tt.hi, 1e-6) {
			t.Errorf("Wilson(%d, %d) = [%v, %v], want [%v, %v]", tt.k, tt.n, lo, hi, tt.lo, tt.hi)
		}
		if p := float64(tt.k) / float64(tt.n); lo > p || hi < p {
			t.Errorf("Wilson(%d, %d) = [%v, %v] does not contain %v", tt.k, tt.n, lo, hi, p)
		}
	}
	for _, c := range [][2]int64{{0, 0}, {-1, 5}, {6, 5}, {1, -1}} {
		if lo, hi := Wilson(c[0], c[1], Z95); !math.IsNaN(lo) || !math.IsNaN(hi) {
			t.Errorf("Wilson(%d, %d) = [%v, %v], want NaN", c[0], c[1], lo, hi)
		}
	}
}

func TestQuantileSorted(t *testing.T) {
	// Type 7 by hand on 1, 2, 3, 4: h = 3q; q = 0.25 → 1.75, q = 0.9 → 3.7.
	in := []int64{1, 2, 3, 4}
	for _, tt := range []struct{ q, want float64 }{{0, 1}, {0.25, 1.75}, {0.5, 2.5}, {0.9, 3.7}, {1, 4}} {
		if got := QuantileSorted(in, tt.q); !near(got, tt.want, 1e-12) {
			t.Errorf("QuantileSorted(1..4, %v) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if got := QuantileSorted([]float64{7}, 0.3); got != 7 {
		t.Errorf("one value: %v", got)
	}
	for _, q := range []float64{-0.1, 1.5, math.NaN()} {
		if got := QuantileSorted(in, q); !math.IsNaN(got) {
			t.Errorf("q = %v gave %v, want NaN", q, got)
		}
	}
	if got := QuantileSorted([]int{}, 0.5); !math.IsNaN(got) {
		t.Errorf("empty input gave %v, want NaN", got)
	}
}
