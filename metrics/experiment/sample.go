package experiment

import (
	"math"

	"github.com/productops/productops/internal/stats"
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

// MeanSample holds the sufficient statistics of a numeric metric in one arm.
//
// Two forms are accepted, and which one is safe depends on the data:
//
//   - Raw values (MeanSampleOf, Add, Merge) and a summary (NewMeanSample from n, mean and
//     variance) keep the count, mean and centred sum of squares (stats.Moments) alongside
//     the sums, so the variance never cancels: it is accurate for any offset (values near
//     1e8 or 1e12 with a spread of 0.01 included), and it is exactly 0 when and only when
//     every value is equal. Use these whenever the mean may be large against the spread.
//   - GrowthBook-style sums (N, Sum, SumSquares filled directly, or decoded from JSON,
//     which carries only the sums) give the variance (Σx² − (Σx)²/n)/(n − 1), which is safe
//     only while |mean| is small against the standard deviation (below about 65,000σ,
//     stats.MaxSumsCondition). Sums that have cancelled beyond that are refused by Validate,
//     Estimate and every test with a validation error on sum_squares (rule "cancelled"),
//     never turned into a variance of rounding noise. Sums exactly consistent with equal
//     values (Σx² = (Σx)²/n, such as all zeros) mean zero variance.
//
// Changing N, Sum or SumSquares of a sample built by the constructors drops the kept
// moments: the sample is then read as sums.
type MeanSample struct {
	// N counts the units; 0 or more.
	N int64 `json:"n"`
	// Sum is Σx over the units; finite.
	Sum float64 `json:"sum"`
	// SumSquares is Σx² over the units; finite and at least 0.
	SumSquares float64 `json:"sum_squares"`

	// mom holds the stable moments when kept is true and N, Sum and SumSquares still equal
	// keptN, keptSum and keptSq (the values the constructors set).
	mom     stats.Moments
	kept    bool
	keptN   int64
	keptSum float64
	keptSq  float64
}

// withMoments returns the sample of the moments m with sums sum and sq, keeping m.
func withMoments(m stats.Moments, sum, sq float64) MeanSample {
	return MeanSample{N: m.N(), Sum: sum, SumSquares: sq, mom: m, kept: true, keptN: m.N(), keptSum: sum, keptSq: sq}
}

// MeanSampleOf returns the sample of values, with their moments taken in two passes
// (stats.MomentsOf): accurate at any offset and of exactly zero variance when all values
// are equal.
func MeanSampleOf(values []float64) MeanSample {
	var sum, sq float64
	for _, x := range values {
		sum += x
		sq += x * x
	}
	return withMoments(stats.MomentsOf(values), sum, sq)
}

// NewMeanSample returns the sample of n units with the given mean and unbiased sample
// variance (divisor n − 1), the summary form that carries no cancellation; a variance of 0
// means all values are equal. The variance is ignored when n ≤ 1. Sum and SumSquares are
// filled from them for display and JSON. Bad input (negative n, non-finite mean, negative
// or non-finite variance) is a validation error.
func NewMeanSample(n int64, mean, variance float64) (MeanSample, error) {
	v := validation.New("experiment: mean sample")
	if n < 0 {
		v.Addf("n", "gte", "must be at least 0")
	}
	if !validation.Finite(mean) {
		v.Addf("mean", "finite", "must be a finite number")
	}
	if !validation.Finite(variance) || variance < 0 {
		v.Addf("variance", "gte", "must be a finite number at least 0")
	}
	if err := v.Err(); err != nil {
		return MeanSample{}, err
	}
	if n == 0 {
		return withMoments(stats.Moments{}, 0, 0), nil
	}
	m := stats.MomentsFromMeanVariance(n, mean, variance)
	fn := float64(n)
	return withMoments(m, fn*mean, m.M2()+fn*mean*mean), nil
}

// Add returns the sample with one more value x (Welford's update when the sample keeps its
// moments; a sample given as sums stays sums).
func (s MeanSample) Add(x float64) MeanSample {
	_, ok := s.kepts()
	s.N++
	s.Sum += x
	s.SumSquares += x * x
	if !ok {
		s.kept = false
		return s
	}
	// Updated in place (s is a copy): building a new MeanSample per value costs more than
	// the update itself.
	s.mom = s.mom.Add(x)
	s.kept, s.keptN, s.keptSum, s.keptSq = true, s.N, s.Sum, s.SumSquares
	return s
}

// Merge returns the union of two samples of disjoint units, so partial samples computed on
// separate shards or machines combine as one pass would: the moments merge (Chan et al.)
// when both samples keep them, and the sums add otherwise.
func (s MeanSample) Merge(o MeanSample) MeanSample {
	sum, sq := s.Sum+o.Sum, s.SumSquares+o.SumSquares
	a, okA := s.kepts()
	b, okB := o.kepts()
	if okA && okB {
		return withMoments(a.Merge(b), sum, sq)
	}
	return MeanSample{N: s.N + o.N, Sum: sum, SumSquares: sq}
}

// kepts returns the kept moments if the sample still holds the values that built them.
func (s MeanSample) kepts() (stats.Moments, bool) {
	if s.kept {
		if s.N == s.keptN && s.Sum == s.keptSum && s.SumSquares == s.keptSq {
			return s.mom, true
		}
		return stats.Moments{}, false
	}
	// The zero value is the empty sample.
	return stats.Moments{}, s.N == 0 && s.Sum == 0 && s.SumSquares == 0
}

// moments returns the sample's moments: the kept ones, or those of the sums. ok is false
// when the sums have cancelled. Sums exactly consistent with equal values give zero
// variance.
func (s MeanSample) moments() (stats.Moments, bool) {
	if m, ok := s.kepts(); ok {
		return m, true
	}
	m, ok := stats.MomentsFromSums(s.N, s.Sum, s.SumSquares)
	if !ok && s.N > 1 && math.FMA(-s.Sum, s.Sum/float64(s.N), s.SumSquares) == 0 {
		return stats.MomentsFromMeanVariance(s.N, s.Sum/float64(s.N), 0), true
	}
	return m, ok
}

// Validate reports a negative N, non-finite sums, a negative sum of squares, and sums that
// have cancelled (see MeanSample).
func (s MeanSample) Validate() error {
	v := validation.New("experiment: mean sample")
	s.validateInto(v, "")
	return v.Err()
}

func (s MeanSample) validateInto(v *validation.Errors, prefix string) {
	bad := false
	if s.N < 0 {
		v.Addf(validation.Path(prefix, "n"), "gte", "must be at least 0")
		bad = true
	}
	if !validation.Finite(s.Sum) {
		v.Addf(validation.Path(prefix, "sum"), "finite", "must be a finite number")
		bad = true
	}
	if !validation.Finite(s.SumSquares) || s.SumSquares < 0 {
		v.Addf(validation.Path(prefix, "sum_squares"), "gte", "must be a finite number at least 0")
		bad = true
	}
	if !bad {
		if _, ok := s.moments(); !ok {
			v.Addf(validation.Path(prefix, "sum_squares"), "cancelled",
				"the variance from sum and sum_squares has cancelled (mean too large against the spread); use MeanSampleOf or NewMeanSample")
		}
	}
}

// Estimate returns the arm's mean and unbiased per-unit sample variance (0 when N ≤ 1 or
// all values are equal). Sums that have cancelled are a validation error (see MeanSample).
func (s MeanSample) Estimate() (ArmEstimate, error) {
	if err := s.Validate(); err != nil {
		return ArmEstimate{}, err
	}
	m, _ := s.moments()
	return ArmEstimate{N: s.N, Mean: m.Mean(), UnadjustedMean: m.Mean(), Variance: m.Variance()}, nil
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
	ma, _ := control.moments()
	mb, _ := treatment.moments()
	return compare(a, b, stats.MeanDiff(ma, mb), Options{Test: TestWelchT, Lift: LiftAbsolute, Confidence: confidence})
}
