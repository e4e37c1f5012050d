package experiment

import (
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// ProportionSample is a binary metric's counts in one arm: how many of Users converted.
type ProportionSample struct {
	// Conversions counts units with the outcome; 0 ≤ Conversions ≤ Users.
	Conversions int64 `json:"conversions"`
	// Users counts units exposed to the arm; 0 or more.
	Users int64 `json:"users"`
}

// Validate reports negative counts and conversions above users.
func (p ProportionSample) Validate() error {
	v := validation.New("experiment: proportion sample")
	p.validateInto(v, "")
	return v.Err()
}

func (p ProportionSample) validateInto(v *validation.Errors, prefix string) {
	if p.Users < 0 {
		v.Addf(validation.Path(prefix, "users"), "gte", "must be at least 0")
	}
	if p.Conversions < 0 {
		v.Addf(validation.Path(prefix, "conversions"), "gte", "must be at least 0")
	} else if p.Conversions > p.Users && p.Users >= 0 {
		v.Addf(validation.Path(prefix, "conversions"), "ltefield", "must not exceed users")
	}
}

// Rate returns Conversions/Users with its 95% Wilson interval (undefined for 0 users).
func (p ProportionSample) Rate() metrics.Rate { return metrics.NewRate(p.Conversions, p.Users) }

// Estimate returns the arm as a per-unit mean p and variance p(1−p), the population form
// without n−1 that GrowthBook's ProportionStatistic uses. Users = 0 gives mean 0.
func (p ProportionSample) Estimate() (ArmEstimate, error) {
	if err := p.Validate(); err != nil {
		return ArmEstimate{}, err
	}
	if p.Users == 0 {
		return ArmEstimate{}, nil
	}
	m := float64(p.Conversions) / float64(p.Users)
	return ArmEstimate{N: p.Users, Mean: m, UnadjustedMean: m, Variance: m * (1 - m)}, nil
}

// MeanSample holds the sufficient statistics of a numeric metric in one arm: the count of
// units, the sum of their values and the sum of their squared values (what a warehouse
// query returns). Build it from raw values with MeanSampleOf.
type MeanSample struct {
	// N counts the units; 0 or more.
	N int64 `json:"n"`
	// Sum is Σx over the units; finite.
	Sum float64 `json:"sum"`
	// SumSquares is Σx² over the units; finite and at least 0.
	SumSquares float64 `json:"sum_squares"`
}

// MeanSampleOf sums values into a MeanSample.
func MeanSampleOf(values []float64) MeanSample {
	s := MeanSample{N: int64(len(values))}
	for _, x := range values {
		s.Sum += x
		s.SumSquares += x * x
	}
	return s
}

// Add returns the sample with one more value x.
func (s MeanSample) Add(x float64) MeanSample {
	return MeanSample{N: s.N + 1, Sum: s.Sum + x, SumSquares: s.SumSquares + x*x}
}

// Merge returns the union of two samples of disjoint units (sums add), so partial samples
// computed on separate shards or machines combine exactly as one pass would.
func (s MeanSample) Merge(o MeanSample) MeanSample {
	return MeanSample{N: s.N + o.N, Sum: s.Sum + o.Sum, SumSquares: s.SumSquares + o.SumSquares}
}

// Validate reports a negative N, non-finite sums and a negative sum of squares.
func (s MeanSample) Validate() error {
	v := validation.New("experiment: mean sample")
	s.validateInto(v, "")
	return v.Err()
}

func (s MeanSample) validateInto(v *validation.Errors, prefix string) {
	if s.N < 0 {
		v.Addf(validation.Path(prefix, "n"), "gte", "must be at least 0")
	}
	if !validation.Finite(s.Sum) {
		v.Addf(validation.Path(prefix, "sum"), "finite", "must be a finite number")
	}
	if !validation.Finite(s.SumSquares) || s.SumSquares < 0 {
		v.Addf(validation.Path(prefix, "sum_squares"), "gte", "must be a finite number at least 0")
	}
}

// mean returns Sum/N, 0 for N = 0.
func (s MeanSample) mean() float64 {
	if s.N == 0 {
		return 0
	}
	return s.Sum / float64(s.N)
}

// variance returns the unbiased sample variance (Σx² − (Σx)²/n)/(n − 1), 0 when N ≤ 1, as
// GrowthBook's SampleMeanStatistic does. Rounding below 0 is returned as is, so Compare
// reports the effect undefined rather than inventing a variance.
func (s MeanSample) variance() float64 {
	if s.N <= 1 {
		return 0
	}
	n := float64(s.N)
	return (s.SumSquares - s.Sum*s.Sum/n) / (n - 1)
}

// Estimate returns the arm's mean and unbiased per-unit sample variance (0 when N ≤ 1).
func (s MeanSample) Estimate() (ArmEstimate, error) {
	if err := s.Validate(); err != nil {
		return ArmEstimate{}, err
	}
	m := s.mean()
	return ArmEstimate{N: s.N, Mean: m, UnadjustedMean: m, Variance: max(s.variance(), 0)}, nil
}

// WelchTTest compares the means of two numeric samples with Welch's unequal-variance
// t-test at the given confidence (0 means 0.95). It is Compare with GrowthBook's
// test; read Absolute for the difference in means and Relative for the lift.
func WelchTTest(control, treatment MeanSample, confidence float64) (Comparison, error) {
	v := validation.New("experiment: welch t-test")
	control.validateInto(v, "control")
	treatment.validateInto(v, "treatment")
	validateConfidence(v, "confidence", confidence)
	if err := v.Err(); err != nil {
		return Comparison{}, err
	}
	a, _ := control.Estimate()
	b, _ := treatment.Estimate()
	return Compare(a, b, Options{Test: TestWelchT, Lift: LiftAbsolute, Confidence: confidence})
}
