package stats

import (
	"fmt"
	"math"
	"testing"
)

// The benchmarks below have twins with the same names run against the code before issue
// 18 (the naive sums and the 1 − α/2 quantiles) for benchstat; see the branch report.

var sink float64

func BenchmarkNormalQuantile(b *testing.B) {
	for _, p := range []float64{0.975, 0.025, 1e-10} {
		b.Run(fmt.Sprintf("p=%g", p), func(b *testing.B) {
			for b.Loop() {
				sink = NormalQuantile(p)
			}
		})
	}
}

// BenchmarkNormalCritical is the two-sided z of a confidence level.
func BenchmarkNormalCritical(b *testing.B) {
	for b.Loop() {
		sink = NormalCritical(0.95)
	}
}

// BenchmarkStudentTCritical is the two-sided t of a confidence level.
func BenchmarkStudentTCritical(b *testing.B) {
	for _, df := range []float64{4, 30, 6743.2, 1e6} {
		b.Run(fmt.Sprintf("df=%g", df), func(b *testing.B) {
			for b.Loop() {
				sink = StudentTCritical(0.95, df)
			}
		})
	}
}

// BenchmarkTwoSidedP is the two-sided p-value of t = 2.1.
func BenchmarkTwoSidedP(b *testing.B) {
	for _, df := range []float64{4, 30, 6743.2, 1e6, 1e9} {
		b.Run(fmt.Sprintf("df=%g", df), func(b *testing.B) {
			for b.Loop() {
				sink = TwoSidedP(2.1, df)
			}
		})
	}
}

func BenchmarkChiSquareSurvival(b *testing.B) {
	for _, k := range []float64{1, 2, 10, 1000, 1e5, 1e6} {
		x := k + math.Sqrt(2*k)
		b.Run(fmt.Sprintf("k=%g", k), func(b *testing.B) {
			for b.Loop() {
				sink = ChiSquareSurvival(x, k)
			}
		})
	}
}

func BenchmarkWilson(b *testing.B) {
	for b.Loop() {
		lo, hi := Wilson(512, 5021, Z95)
		sink = lo + hi
	}
}

func benchValues(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = 1e3 + float64((i*7919)%1000)/7
	}
	return xs
}

// BenchmarkSampleVariance is the variance of raw values: two passes here, one pass of
// sums and sums of squares before.
func BenchmarkSampleVariance(b *testing.B) {
	for _, n := range []int{10, 1000, 100000, 1000000} {
		xs := benchValues(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = MomentsOf(xs).Variance()
			}
		})
	}
}

// BenchmarkStreamingVariance adds values one at a time: Welford here, running sums before.
func BenchmarkStreamingVariance(b *testing.B) {
	xs := benchValues(1000)
	b.ReportAllocs()
	for b.Loop() {
		var m Moments
		for _, x := range xs {
			m = m.Add(x)
		}
		sink = m.Variance()
	}
}
