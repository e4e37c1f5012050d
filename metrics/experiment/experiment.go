package experiment

import (
	"math"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
)

// ArmEstimate is one experiment arm summarised as a per-unit mean and a per-unit variance:
// the standard error of Mean is sqrt(Variance/N). Build it with ProportionSample.Estimate,
// MeanSample.Estimate, RatioSample.Estimate or CUPED, or fill it from a warehouse query.
type ArmEstimate struct {
	// N counts the experiment units (users) in the arm; 0 or more.
	N int64 `json:"n"`
	// Mean is the arm's estimate (a conversion rate, a mean per user, a ratio, or a
	// CUPED-adjusted mean). Any finite value.
	Mean float64 `json:"mean"`
	// UnadjustedMean is the arm's mean before variance reduction; the relative lift divides
	// by the control's |UnadjustedMean| (GrowthBook). Equal to Mean when nothing was adjusted.
	UnadjustedMean float64 `json:"unadjusted_mean"`
	// Variance is the per-unit variance (not of the mean); 0 or more.
	Variance float64 `json:"variance"`
}

// Validate reports every bad field: a negative N, a non-finite mean, a negative or
// non-finite variance.
func (a ArmEstimate) Validate() error {
	v := validation.New("experiment: arm estimate")
	a.validateInto(v, "")
	return v.Err()
}

func (a ArmEstimate) validateInto(v *validation.Errors, prefix string) {
	if a.N < 0 {
		v.Addf(validation.Path(prefix, "n"), "gte", "must be at least 0")
	}
	if !validation.Finite(a.Mean) {
		v.Addf(validation.Path(prefix, "mean"), "finite", "must be a finite number")
	}
	if !validation.Finite(a.UnadjustedMean) {
		v.Addf(validation.Path(prefix, "unadjusted_mean"), "finite", "must be a finite number")
	}
	if !validation.Finite(a.Variance) || a.Variance < 0 {
		v.Addf(validation.Path(prefix, "variance"), "gte", "must be a finite number at least 0")
	}
}

// Test names the test statistic's reference distribution.
type Test int

const (
	// TestWelchT is Welch's unequal-variance t-test with Welch–Satterthwaite degrees of
	// freedom computed from the per-unit variances; GrowthBook uses it for every metric,
	// proportions included. The zero value.
	TestWelchT Test = iota
	// TestZ is the two-sample z-test with unpooled variances (Statsig's default).
	TestZ
)

var testText = enum.Set[Test]{
	Subject: "experiment: test", Kind: "test",
	Names: []string{"welch_t", "z"},
}

// String returns "welch_t" or "z".
func (t Test) String() string { return testText.String(t) }

// MarshalText encodes the test as its String form.
func (t Test) MarshalText() ([]byte, error) { return testText.Marshal(t) }

// UnmarshalText decodes "welch_t" or "z".
func (t *Test) UnmarshalText(b []byte) error { return testText.Unmarshal(t, b) }

// LiftType names the effect an experiment readout leads with.
type LiftType int

const (
	// LiftRelative is (treatment − control)/|control|, with its delta-method variance
	// (GrowthBook's default difference type). The zero value.
	LiftRelative LiftType = iota
	// LiftAbsolute is treatment − control.
	LiftAbsolute
)

var liftTypeText = enum.Set[LiftType]{
	Subject: "experiment: lift type", Kind: "lift type",
	Names: []string{"relative", "absolute"},
}

// String returns "relative" or "absolute".
func (l LiftType) String() string { return liftTypeText.String(l) }

// MarshalText encodes the lift type as its String form.
func (l LiftType) MarshalText() ([]byte, error) { return liftTypeText.Marshal(l) }

// UnmarshalText decodes "relative" or "absolute".
func (l *LiftType) UnmarshalText(b []byte) error { return liftTypeText.Unmarshal(l, b) }

// Options configures Compare. The zero value is GrowthBook's frequentist engine:
// Welch t-test, relative lift first, 95% two-sided intervals.
type Options struct {
	// Test picks the reference distribution; zero is TestWelchT.
	Test Test `json:"test"`
	// Lift picks the effect reported as Comparison.Primary; both effects are always
	// computed. Zero is LiftRelative.
	Lift LiftType `json:"lift"`
	// Confidence is the two-sided confidence level in (0, 1); 0 means 0.95.
	Confidence float64 `json:"confidence"`
	// WelchBelowDoF, with Test TestZ, switches to the Welch t-test when the
	// Welch–Satterthwaite degrees of freedom are below it (Statsig uses 100). 0 never
	// switches.
	WelchBelowDoF float64 `json:"welch_below_dof"`
	// AllowZeroArmVariance tests even when one arm has zero variance (such as 0
	// conversions), as long as the difference has some. False, the zero value, reports
	// such effects undefined, as GrowthBook does.
	AllowZeroArmVariance bool `json:"allow_zero_arm_variance"`
}

// GrowthBook reproduces GrowthBook's frequentist engine (gbstats TwoSidedTTest):
// Welch t for every metric with Welch–Satterthwaite degrees of freedom, proportion
// variance p(1−p) without n−1, relative lift over |control| with delta-method variance
// (zero covariance), 95% intervals. It is the zero value of Options.
var GrowthBook = Options{Test: TestWelchT, Lift: LiftRelative, Confidence: 0.95}

// Statsig reproduces Statsig's documented frequentist defaults: a two-sample
// z-test with unpooled variances, switching to Welch's t-test when the degrees of freedom
// are below 100, delta-method intervals for the relative lift, 95% intervals. Statsig's
// headline p-value is the one of the absolute difference (Comparison.Absolute.PValue).
var Statsig = Options{Test: TestZ, Lift: LiftRelative, Confidence: 0.95, WelchBelowDoF: 100, AllowZeroArmVariance: true}

// Validate reports a confidence outside (0, 1) (0 is allowed and means 0.95), an unknown
// test or lift type, and a negative or non-finite WelchBelowDoF.
func (o Options) Validate() error {
	v := validation.New("experiment: options")
	o.validateInto(v, "")
	return v.Err()
}

func (o Options) validateInto(v *validation.Errors, prefix string) {
	if o.Test < TestWelchT || o.Test > TestZ {
		v.Addf(validation.Path(prefix, "test"), "oneof", "must be welch_t or z")
	}
	if o.Lift < LiftRelative || o.Lift > LiftAbsolute {
		v.Addf(validation.Path(prefix, "lift"), "oneof", "must be relative or absolute")
	}
	validateConfidence(v, validation.Path(prefix, "confidence"), o.Confidence)
	if !validation.Finite(o.WelchBelowDoF) || o.WelchBelowDoF < 0 {
		v.Addf(validation.Path(prefix, "welch_below_dof"), "gte", "must be a finite number at least 0")
	}
}

// validateConfidence accepts 0 (the default, 0.95) or a level strictly inside (0, 1).
func validateConfidence(v *validation.Errors, field string, c float64) {
	if !stats.ValidConfidence(c) {
		v.Addf(field, "range", "must be 0 (meaning 0.95) or strictly between 0 and 1")
	}
}

// Effect is one estimated difference between treatment and control with its test.
type Effect struct {
	// Defined is false when the effect cannot be estimated: an arm with fewer than 2
	// units, an arm with zero variance (unless AllowZeroArmVariance), zero variance of the
	// difference, or (relative lift) a control mean of 0. Every
	// other field is then 0 (PValue is 1, as GrowthBook reports) and Reason says why.
	Defined bool `json:"defined"`
	// Reason explains an undefined effect; empty when Defined.
	Reason string `json:"reason,omitempty"`
	// Estimate is the point estimate: treatment − control, or that over |control|.
	Estimate float64 `json:"estimate"`
	// SE is the standard error of Estimate.
	SE float64 `json:"se"`
	// Low and High bound the two-sided confidence interval Estimate ± critical·SE.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Statistic is Estimate/SE (t or z).
	Statistic float64 `json:"statistic"`
	// DoF is the Welch–Satterthwaite degrees of freedom; 0 for a z-test.
	DoF float64 `json:"dof"`
	// PValue is the two-sided p-value in [0, 1].
	PValue float64 `json:"p_value"`
}

// Comparison is an experiment readout for one metric: treatment against control.
type Comparison struct {
	// Control and Treatment echo the inputs.
	Control   ArmEstimate `json:"control"`
	Treatment ArmEstimate `json:"treatment"`
	// Test is the distribution actually used (Statsig's rule may switch z to Welch t).
	Test Test `json:"test"`
	// Confidence is the level of the intervals, such as 0.95.
	Confidence float64 `json:"confidence"`
	// Lift names which effect Primary returns.
	Lift LiftType `json:"lift"`
	// Absolute is treatment − control; its variance is var_T/n_T + var_C/n_C.
	Absolute Effect `json:"absolute"`
	// Relative is (treatment − control)/|control unadjusted mean|; its variance by the delta
	// method with zero covariance is (var_T/n_T)/μC² + (var_C/n_C)·μT²/μC⁴ with μ the
	// unadjusted means (CompareCUPED uses GrowthBook's relative-CUPED variance instead).
	Relative Effect `json:"relative"`
}

// Primary returns the effect named by the options' Lift.
func (c Comparison) Primary() Effect {
	if c.Lift == LiftAbsolute {
		return c.Absolute
	}
	return c.Relative
}

// Compare tests treatment against control. Bad input (negative counts, NaN, negative
// variance, bad options) returns a *productops.ValidationError; estimates that cannot be
// made (fewer than 2 units, no variance, zero control mean for the relative lift) come back
// with Defined false and a Reason.
func Compare(control, treatment ArmEstimate, opt Options) (Comparison, error) {
	v := validation.New("experiment: comparison")
	control.validateInto(v, "control")
	treatment.validateInto(v, "treatment")
	opt.validateInto(v, "options")
	if err := v.Err(); err != nil {
		return Comparison{}, err
	}
	conf := stats.Confidence(opt.Confidence)
	c := Comparison{Control: control, Treatment: treatment, Test: opt.Test, Confidence: conf, Lift: opt.Lift}
	if control.N < 2 || treatment.N < 2 {
		c.Absolute = undefinedEffect("each arm needs at least 2 units")
		c.Relative = c.Absolute
		return c, nil
	}
	if !opt.AllowZeroArmVariance && (control.Variance == 0 || treatment.Variance == 0) {
		c.Absolute = undefinedEffect("an arm has zero variance")
		c.Relative = c.Absolute
		return c, nil
	}
	sA := control.Variance / float64(control.N)
	sB := treatment.Variance / float64(treatment.N)
	dof := welchDoF(control, treatment)
	if opt.Test == TestZ && opt.WelchBelowDoF > 0 && dof < opt.WelchBelowDoF {
		c.Test = TestWelchT
	}
	if c.Test == TestZ {
		dof = 0
	}
	c.Absolute = makeEffect(treatment.Mean-control.Mean, sA+sB, dof, conf)
	base := math.Abs(control.UnadjustedMean)
	if base == 0 {
		c.Relative = undefinedEffect("control mean is 0")
	} else {
		// Delta method for (μB − μA)/|μA0| with zero covariance between arms, evaluated at
		// the unadjusted means as GrowthBook does.
		a0, b0 := control.UnadjustedMean, treatment.UnadjustedMean
		varRel := sB/(a0*a0) + sA*b0*b0/(a0*a0*a0*a0)
		c.Relative = makeEffect((treatment.Mean-control.Mean)/base, varRel, dof, conf)
	}
	return c, nil
}

// undefinedEffect is GrowthBook's "default output": no estimate, p-value 1.
func undefinedEffect(reason string) Effect { return Effect{Reason: reason, PValue: 1} }

// welchDoF is the Welch–Satterthwaite approximation from per-unit variances.
func welchDoF(a, b ArmEstimate) float64 {
	na, nb := float64(a.N), float64(b.N)
	sa, sb := a.Variance/na, b.Variance/nb
	den := sa*sa/(na-1) + sb*sb/(nb-1)
	if den == 0 {
		return math.Inf(1)
	}
	return (sa + sb) * (sa + sb) / den
}

// makeEffect turns an estimate and its variance into an Effect with a two-sided test: a t
// test with dof degrees of freedom, or a z-test when dof is 0.
func makeEffect(est, variance, dof, conf float64) Effect {
	if !(variance > 0) || math.IsInf(variance, 1) || !validation.Finite(est) {
		return undefinedEffect("variance of the difference is 0 or not finite")
	}
	se := math.Sqrt(variance)
	stat := est / se
	var crit, p float64
	if dof == 0 {
		crit = stats.NormalQuantile(1 - (1-conf)/2)
		p = 2 * stats.NormalCDF(-math.Abs(stat))
	} else {
		crit = stats.StudentTQuantile(1-(1-conf)/2, dof)
		p = 2 * stats.StudentTCDF(-math.Abs(stat), dof)
	}
	p = min(max(p, 0), 1)
	return Effect{Defined: true, Estimate: est, SE: se, Low: est - crit*se, High: est + crit*se, Statistic: stat, DoF: dof, PValue: p}
}
