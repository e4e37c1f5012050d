package experiment

import (
	"math"

	"github.com/productops/productops/internal/stats"

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

	kept keptPairs
}

// CUPEDSampleOf returns the arm's CUPED sample from each unit's experiment value post[i]
// and pre-exposure value pre[i], keeping the stable co-moments (stats.CoMoments) alongside
// the sums, so the adjustment is accurate at any offset (see MeanSample for when the sums
// alone are safe). post and pre must have the same length.
func CUPEDSampleOf(post, pre []float64) (CUPEDSample, error) {
	if len(post) != len(pre) {
		v := validation.New("experiment: CUPED sample")
		v.Addf("pre", "len", "must have as many values as post (%d, not %d)", len(post), len(pre))
		return CUPEDSample{}, v.Err()
	}
	x, y, sxy, k := pairsOf(post, pre)
	return CUPEDSample{Post: x, Pre: y, SumProducts: sxy, kept: k}, nil
}

// comoments returns the co-moments of (post, pre); see pairMoments.
func (c CUPEDSample) comoments() stats.CoMoments {
	return pairMoments(c.Post, c.Pre, c.SumProducts, c.kept)
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
	r, _, _ := cuped(control, treatment)
	return r, nil
}

// cuped is CUPED on validated input; it also returns both arms' co-moments.
func cuped(control, treatment CUPEDSample) (r CUPEDResult, ca, cb stats.CoMoments) {
	ca, cb = control.comoments(), treatment.comoments()
	joint := ca.Merge(cb)
	if vp, vq := joint.Y.Variance(), joint.X.Variance(); vp > 0 && vq > 0 {
		r.Theta = joint.Covariance() / vp
	}
	r.Control = cupedArm(ca, r.Theta)
	r.Treatment = cupedArm(cb, r.Theta)
	if ca.N() > 0 && cb.N() > 0 {
		na, nb := float64(ca.N()), float64(cb.N())
		before := ca.X.Variance()/na + cb.X.Variance()/nb
		after := r.Control.Variance/na + r.Treatment.Variance/nb
		if before > 0 {
			r.VarianceReduction = 1 - after/before
			r.VarianceReductionDefined = true
		}
	}
	return r, ca, cb
}

// cupedArm adjusts one arm with theta.
func cupedArm(c stats.CoMoments, theta float64) ArmEstimate {
	post := c.X.Mean()
	a := ArmEstimate{N: c.N(), Mean: post - theta*c.Y.Mean(), UnadjustedMean: post}
	if c.N() > 1 {
		a.Variance = max(c.X.Variance()+theta*theta*c.Y.Variance()-2*theta*c.Covariance(), 0)
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
	r, ca, cb := cuped(control, treatment)
	// The adjusted difference is taken between the arms' pivots (stats.MeanDiff), so it
	// keeps its precision when the metric is far from zero.
	diff := stats.MeanDiff(ca.X, cb.X) - r.Theta*stats.MeanDiff(ca.Y, cb.Y)
	c, err := compare(r.Control, r.Treatment, diff, opt)
	if err != nil || !c.Relative.Defined {
		return c, r, err
	}
	nA, nB := float64(control.Post.N), float64(treatment.Post.N)
	a0, b0 := ca.X.Mean(), cb.X.Mean()
	ratio := b0 / a0
	th := r.Theta
	vT := r.Treatment.Variance / (nB * a0 * a0)
	vC := (ratio*ratio*ca.X.Variance() - 2*th*ratio*ca.Covariance() + th*th*ca.Y.Variance()) / (nA * a0 * a0)
	dof := c.Relative.DoF
	if c.Test == TestZ {
		dof = 0
	}
	rel, err := makeEffect(diff/math.Abs(a0), vT+vC, dof, c.Confidence)
	if err != nil {
		return Comparison{}, CUPEDResult{}, err
	}
	c.Relative = rel
	return c, r, nil
}
