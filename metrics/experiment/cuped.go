package experiment

import (
	"math"

	"github.com/productops/productops/internal/validation"
)

// CUPEDSample holds one arm's sufficient statistics for CUPED (regression adjustment on a
// pre-experiment covariate): the metric during the experiment (Post), the same metric for
// the same units before exposure (Pre, 0 for units without history), and Σ post·pre.
type CUPEDSample struct {
	// Post summarises the experiment metric over the arm's units.
	Post MeanSample `json:"post"`
	// Pre summarises the pre-exposure covariate over the same units; Pre.N = Post.N.
	Pre MeanSample `json:"pre"`
	// SumProducts is Σ post·pre over the units; finite.
	SumProducts float64 `json:"sum_products"`
}

// Validate reports bad sums and a Pre.N that differs from Post.N.
func (c CUPEDSample) Validate() error {
	v := validation.New("experiment: CUPED sample")
	c.validateInto(v, "")
	return v.Err()
}

func (c CUPEDSample) validateInto(v *validation.Errors, prefix string) {
	c.Post.validateInto(v, validation.Path(prefix, "post"))
	c.Pre.validateInto(v, validation.Path(prefix, "pre"))
	if c.Pre.N != c.Post.N {
		v.Addf(validation.Path(prefix, "pre.n"), "eqfield", "must equal post.n")
	}
	if !validation.Finite(c.SumProducts) {
		v.Addf(validation.Path(prefix, "sum_products"), "finite", "must be a finite number")
	}
}

// covariance returns the unbiased sample covariance of post and pre, 0 when N ≤ 1.
func (c CUPEDSample) covariance() float64 {
	if c.Post.N <= 1 {
		return 0
	}
	n := float64(c.Post.N)
	return (c.SumProducts - c.Post.Sum*c.Pre.Sum/n) / (n - 1)
}

// CUPEDResult holds both arms after regression adjustment.
type CUPEDResult struct {
	// Theta is the adjustment coefficient cov(post, pre)/var(pre) over both arms pooled;
	// 0 when the pooled pre or post variance is 0 (no adjustment).
	Theta float64 `json:"theta"`
	// Control and Treatment are the adjusted arms: Mean = post mean − θ·pre mean,
	// Variance = var_post + θ²·var_pre − 2θ·cov(post, pre), UnadjustedMean = post mean.
	Control   ArmEstimate `json:"control"`
	Treatment ArmEstimate `json:"treatment"`
	// VarianceReduction is 1 − (adjusted variance of the difference)/(unadjusted variance
	// of the difference), in [0, 1] up to rounding; meaningful only when
	// VarianceReductionDefined.
	VarianceReduction        float64 `json:"variance_reduction"`
	VarianceReductionDefined bool    `json:"variance_reduction_defined"`
}

// CUPED applies CUPED variance reduction to a two-arm experiment on a numeric metric, the
// way GrowthBook's RegressionAdjustedStatistic does: one θ estimated from both arms pooled
// (so it does not depend on the treatment effect), each arm's mean shifted by θ times its
// pre-period mean. Feed the arms to Compare; the relative lift still divides by the
// control's unadjusted mean.
func CUPED(control, treatment CUPEDSample) (CUPEDResult, error) {
	v := validation.New("experiment: CUPED")
	control.validateInto(v, "control")
	treatment.validateInto(v, "treatment")
	if err := v.Err(); err != nil {
		return CUPEDResult{}, err
	}
	joint := CUPEDSample{
		Post:        MeanSample{N: control.Post.N + treatment.Post.N, Sum: control.Post.Sum + treatment.Post.Sum, SumSquares: control.Post.SumSquares + treatment.Post.SumSquares},
		Pre:         MeanSample{N: control.Pre.N + treatment.Pre.N, Sum: control.Pre.Sum + treatment.Pre.Sum, SumSquares: control.Pre.SumSquares + treatment.Pre.SumSquares},
		SumProducts: control.SumProducts + treatment.SumProducts,
	}
	var r CUPEDResult
	if vp, vq := joint.Pre.variance(), joint.Post.variance(); vp > 0 && vq > 0 {
		r.Theta = joint.covariance() / vp
	}
	r.Control = cupedArm(control, r.Theta)
	r.Treatment = cupedArm(treatment, r.Theta)
	if control.Post.N > 0 && treatment.Post.N > 0 {
		na, nb := float64(control.Post.N), float64(treatment.Post.N)
		before := max(control.Post.variance(), 0)/na + max(treatment.Post.variance(), 0)/nb
		after := r.Control.Variance/na + r.Treatment.Variance/nb
		if before > 0 {
			r.VarianceReduction = 1 - after/before
			r.VarianceReductionDefined = true
		}
	}
	return r, nil
}

// cupedArm adjusts one arm with theta.
func cupedArm(c CUPEDSample, theta float64) ArmEstimate {
	post := c.Post.mean()
	a := ArmEstimate{N: c.Post.N, Mean: post - theta*c.Pre.mean(), UnadjustedMean: post}
	if c.Post.N > 1 {
		a.Variance = max(c.Post.variance()+theta*theta*c.Pre.variance()-2*theta*c.covariance(), 0)
	}
	return a
}

// CompareCUPED applies CUPED to both arms and compares them as Compare does, except that
// the relative lift's variance is GrowthBook's relative-CUPED formula (gbstats
// frequentist_variance_relative_cuped, after the under-coverage fix of GrowthBook PR 3610):
// with μ the post-period means, r = μ_T/μ_C and θ the pooled coefficient,
//
//	var_T,adjusted/(n_T·μ_C²) + (r²·var_C,post − 2θ·r·cov_C(post, pre) + θ²·var_C,pre)/(n_C·μ_C²)
//
// which accounts for the control mean appearing in both numerator and denominator.
func CompareCUPED(control, treatment CUPEDSample, opt Options) (Comparison, CUPEDResult, error) {
	v := validation.New("experiment: CUPED comparison")
	control.validateInto(v, "control")
	treatment.validateInto(v, "treatment")
	opt.validateInto(v, "options")
	if err := v.Err(); err != nil {
		return Comparison{}, CUPEDResult{}, err
	}
	r, _ := CUPED(control, treatment)
	c, _ := Compare(r.Control, r.Treatment, opt)
	if !c.Relative.Defined {
		return c, r, nil
	}
	nA, nB := float64(control.Post.N), float64(treatment.Post.N)
	a0, b0 := control.Post.mean(), treatment.Post.mean()
	ratio := b0 / a0
	th := r.Theta
	vT := r.Treatment.Variance / (nB * a0 * a0)
	vC := (ratio*ratio*control.Post.variance() - 2*th*ratio*control.covariance() + th*th*control.Pre.variance()) / (nA * a0 * a0)
	dof := c.Relative.DoF
	if c.Test == TestZ {
		dof = 0
	}
	c.Relative = makeEffect((r.Treatment.Mean-r.Control.Mean)/math.Abs(a0), vT+vC, dof, c.Confidence)
	return c, r, nil
}
