package experiment

import "testing"

// BenchmarkRawValues times the paths that accumulate raw values (stable moments since
// issue 18): MeanSampleOf and Add over 1,000 values, and Welch's test from them.
func BenchmarkRawValues(b *testing.B) {
	xs := make([]float64, 1000)
	ys := make([]float64, 1000)
	for i := range xs {
		xs[i] = 1e6 + float64(i%37)/8
		ys[i] = 1e6 + float64(i%41)/8
	}
	b.Run("mean-sample-of", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = MeanSampleOf(xs)
		}
	})
	b.Run("add", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var s MeanSample
			for _, x := range xs {
				s = s.Add(x)
			}
		}
	})
	sx, sy := MeanSampleOf(xs), MeanSampleOf(ys)
	b.Run("welch", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := WelchTTest(sx, sy, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
}
