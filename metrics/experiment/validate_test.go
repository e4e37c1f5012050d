package experiment

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/productops/productops/internal/fieldtest"
)

// Every input type's Validate accepts a good value and rejects a bad one with
// productops.ErrInvalid and the expected number of field errors.
func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		good   interface{ Validate() error }
		bad    interface{ Validate() error }
		fields int
	}{
		{"ArmEstimate", ArmEstimate{N: 2, Variance: 1}, ArmEstimate{N: -1, Mean: math.NaN(), UnadjustedMean: math.Inf(1), Variance: -1}, 4},
		{"Options", Statsig, Options{Test: 3, Lift: 3, Confidence: 1, WelchBelowDoF: math.NaN()}, 4},
		{"ProportionSample", ProportionSample{Conversions: 1, Users: 2}, ProportionSample{Conversions: -1, Users: -1}, 2},
		{"MeanSample", MeanSample{N: 2, Sum: 1, SumSquares: 1}, MeanSample{N: -1, Sum: math.Inf(-1), SumSquares: -1}, 3},
		{"RatioSample", RatioSample{N: 1, Numerator: MeanSample{N: 1}, Denominator: MeanSample{N: 1}}, RatioSample{N: -1, Numerator: MeanSample{N: 2}, Denominator: MeanSample{N: 3}, SumProducts: math.NaN()}, 4},
		{"CUPEDSample", CUPEDSample{Post: MeanSample{N: 1}, Pre: MeanSample{N: 1}}, CUPEDSample{Post: MeanSample{N: 1}, Pre: MeanSample{N: 2}, SumProducts: math.NaN()}, 2},
		{"SRMOptions", SRMOptions{Threshold: 0.01}, SRMOptions{Variant: 5, Threshold: -1}, 2},
		{"SampleSizeInput", SampleSizeInput{Baseline: 0.1, MinimumEffect: 0.1}, SampleSizeInput{Baseline: math.NaN(), MinimumEffect: 0, Alpha: 1, Power: 1, Allocation: -1, Lift: 4}, 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.good.Validate(); err != nil {
				t.Errorf("good value: %v", err)
			}
			err := tc.bad.Validate()
			if got := fieldtest.Paths(t, err); len(got) != tc.fields {
				t.Errorf("got %d field errors, want %d: %v", len(got), tc.fields, err)
			}
		})
	}
}

// Merging partial samples equals one pass over all values.
func TestMeanSampleMerge(t *testing.T) {
	a := MeanSampleOf([]float64{1, 2, 3})
	b := MeanSample{}.Add(4).Add(5)
	if got, want := a.Merge(b), MeanSampleOf([]float64{1, 2, 3, 4, 5}); got != want {
		t.Errorf("merge = %+v, want %+v", got, want)
	}
}

// Results serialise to JSON without NaN or infinities, even when undefined.
func TestResultsJSON(t *testing.T) {
	c, _ := Compare(ArmEstimate{N: 1}, ArmEstimate{N: 1}, Options{})
	z, _ := TwoProportionZTest(ProportionSample{}, ProportionSample{}, ZPooled, 0)
	srm, _ := SampleRatioMismatch([]int64{0, 0}, []float64{1, 1}, SRMOptions{})
	for _, v := range []any{c, z, srm} {
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("%T: %v", v, err)
		}
	}
	if math.IsNaN(c.Relative.Estimate) {
		t.Error("NaN in undefined effect")
	}
}
