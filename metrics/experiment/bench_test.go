package experiment

import (
	"testing"
)

// BenchmarkExperimentTests times one readout of each test; the z-test (closed form) is
// the baseline the t-based readouts compare with.
func BenchmarkExperimentTests(b *testing.B) {
	ctl, _ := MeanSample{N: 3407, Sum: 1396.87, SumSquares: 52377.9767}.Estimate()
	trt, _ := MeanSample{N: 3461, Sum: 2422.7, SumSquares: 134698.29}.Estimate()
	pa := ProportionSample{Conversions: 512, Users: 5021}
	pb := ProportionSample{Conversions: 579, Users: 4979}
	cases := []struct {
		name string
		run  func() error
	}{
		{"z-test/pooled", func() error { _, err := TwoProportionZTest(pa, pb, ZPooled, 0); return err }},
		{"compare/statsig-z", func() error { _, err := Compare(ctl, trt, Statsig); return err }},
		{"compare/growthbook-welch", func() error { _, err := Compare(ctl, trt, GrowthBook); return err }},
		{"srm/3-arms", func() error {
			_, err := SampleRatioMismatch([]int64{500, 500, 600}, []float64{0.34, 0.33, 0.33}, SRMOptions{})
			return err
		}},
		{"cuped", func() error {
			_, err := CUPED(CUPEDSample{Post: MeanSample{N: 6, Sum: 28, SumSquares: 154}, Pre: MeanSample{N: 6, Sum: 23, SumSquares: 111}, SumProducts: 130},
				CUPEDSample{Post: MeanSample{N: 7, Sum: 46, SumSquares: 320}, Pre: MeanSample{N: 7, Sum: 29, SumSquares: 143}, SumProducts: 210})
			return err
		}},
		{"sample-size", func() error {
			_, err := SampleSizeProportions(SampleSizeInput{Baseline: 0.1, MinimumEffect: 0.2})
			return err
		}},
		{"wilson", func() error { _, err := NewProportionInterval(512, 5021, IntervalWilson, 0); return err }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
