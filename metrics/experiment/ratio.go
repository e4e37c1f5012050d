package experiment

import (
	"github.com/productops/productops/internal/validation"
)

// RatioSample holds the sufficient statistics of a ratio metric in one arm, such as revenue
// per order or sessions per active day: per unit (user) a numerator m and a denominator d,
// summed over N units. The ratio is Σm/Σd; its variance comes from the delta method because
// numerator and denominator are correlated per unit.
type RatioSample struct {
	// N counts the units (users), not the denominator events; 0 or more.
	N int64 `json:"n"`
	// Numerator and Denominator are the per-unit sums and sums of squares of m and d.
	Numerator   MeanSample `json:"numerator"`
	Denominator MeanSample `json:"denominator"`
	// SumProducts is Σ m·d over the units; finite.
	SumProducts float64 `json:"sum_products"`
}

// Validate reports bad counts and sums, and numerator or denominator counts that differ
// from N.
func (r RatioSample) Validate() error {
	v := validation.New("experiment: ratio sample")
	r.validateInto(v, "")
	return v.Err()
}

func (r RatioSample) validateInto(v *validation.Errors, prefix string) {
	if r.N < 0 {
		v.Addf(validation.Path(prefix, "n"), "gte", "must be at least 0")
	}
	r.Numerator.validateInto(v, validation.Path(prefix, "numerator"))
	r.Denominator.validateInto(v, validation.Path(prefix, "denominator"))
	if r.Numerator.N != r.N {
		v.Addf(validation.Path(prefix, "numerator.n"), "eqfield", "must equal n")
	}
	if r.Denominator.N != r.N {
		v.Addf(validation.Path(prefix, "denominator.n"), "eqfield", "must equal n")
	}
	if !validation.Finite(r.SumProducts) {
		v.Addf(validation.Path(prefix, "sum_products"), "finite", "must be a finite number")
	}
}

// covariance returns the unbiased sample covariance of m and d, 0 when N ≤ 1.
func (r RatioSample) covariance() float64 {
	if r.N <= 1 {
		return 0
	}
	n := float64(r.N)
	return (r.SumProducts - r.Numerator.Sum*r.Denominator.Sum/n) / (n - 1)
}

// Estimate returns the ratio Σm/Σd and its per-unit delta-method variance
//
//	var_m/μd² + var_d·μm²/μd⁴ − 2·cov(m, d)·μm/μd³
//
// with μm, μd the per-unit means and sample (n−1) variances and covariance, as GrowthBook's
// RatioStatistic. A denominator mean of 0 leaves the ratio undefined: the estimate has mean
// and variance 0, which Compare reports as an undefined effect.
func (r RatioSample) Estimate() (ArmEstimate, error) {
	if err := r.Validate(); err != nil {
		return ArmEstimate{}, err
	}
	md := r.Denominator.mean()
	if r.N == 0 || md == 0 {
		return ArmEstimate{N: r.N}, nil
	}
	mm := r.Numerator.mean()
	ratio := mm / md
	variance := 0.0
	if r.N > 1 {
		variance = r.Numerator.variance()/(md*md) +
			r.Denominator.variance()*mm*mm/(md*md*md*md) -
			2*r.covariance()*mm/(md*md*md)
	}
	return ArmEstimate{N: r.N, Mean: ratio, UnadjustedMean: ratio, Variance: max(variance, 0)}, nil
}
