package launch

import (
	"math"

	"github.com/productops/productops/internal/stats"
)

// Proportion is a count of events among trials in one arm over one interval, such as
// 37 errors in 12,000 requests. 0 <= Events <= Trials.
type Proportion struct {
	Events int64 `json:"events"` // events counted (errors, conversions)
	Trials int64 `json:"trials"` // units exposed (requests, users)
}

// Interval is a closed interval [Lo, Hi] of a statistic.
type Interval struct {
	Lo float64 `json:"lo"` // lower end
	Hi float64 `json:"hi"` // upper end
}

// RegressionResult explains one regression test (see RegressionTest).
type RegressionResult struct {
	// ControlRate and TreatmentRate are Events/Trials of each arm.
	ControlRate   float64 `json:"control_rate"`
	TreatmentRate float64 `json:"treatment_rate"`
	// ControlWilson and TreatmentWilson are each rate's Wilson interval at Confidence.
	ControlWilson   Interval `json:"control_wilson"`
	TreatmentWilson Interval `json:"treatment_wilson"`
	// Worsening is the difference in the bad direction (positive = treatment worse).
	Worsening float64 `json:"worsening"`
	// Interval is the two-sided Wald interval of Worsening at Confidence.
	Interval Interval `json:"interval"`
	// Tolerance and Confidence are the test's parameters as used.
	Tolerance  float64 `json:"tolerance"`
	Confidence float64 `json:"confidence"`
	// StdErr is the unpooled standard error of the difference.
	StdErr float64 `json:"std_err"`
	// Z is (Worsening - Tolerance) / StdErr; nil when StdErr is 0 (both rates 0 or 1),
	// where the interval is the single point Worsening.
	Z *float64 `json:"z"`
	// PValue is the one-sided p-value of H0: Worsening <= Tolerance.
	PValue float64 `json:"p_value"`
	// Regressed is true when Interval.Lo > Tolerance.
	Regressed bool `json:"regressed"`
}

// regressionParams are a RegressionTest's parameters as floats, computed once.
type regressionParams struct {
	dir        Direction
	tolerance  float64
	confidence float64
	z          float64 // two-sided critical value
}

func newRegressionParams(r *RegressionTest) regressionParams {
	conf := 0.95
	if !r.Confidence.IsZero() {
		conf = r.Confidence.InexactFloat64()
	}
	return regressionParams{
		dir:        r.Direction,
		tolerance:  r.Tolerance.InexactFloat64(),
		confidence: conf,
		z:          stats.NormalCritical(conf),
	}
}

// regressed is test's verdict alone, allocation-free.
func (rp *regressionParams) regressed(control, treatment Proportion) bool {
	pc := float64(control.Events) / float64(control.Trials)
	pt := float64(treatment.Events) / float64(treatment.Trials)
	w := pt - pc
	if rp.dir == HigherIsBetter {
		w = pc - pt
	}
	se := math.Sqrt(pt*(1-pt)/float64(treatment.Trials) + pc*(1-pc)/float64(control.Trials))
	return w-rp.z*se > rp.tolerance
}

// test runs the regression test on two arms with Trials > 0.
func (rp *regressionParams) test(control, treatment Proportion) RegressionResult {
	pc := float64(control.Events) / float64(control.Trials)
	pt := float64(treatment.Events) / float64(treatment.Trials)
	r := RegressionResult{ControlRate: pc, TreatmentRate: pt, Tolerance: rp.tolerance, Confidence: rp.confidence}
	r.ControlWilson.Lo, r.ControlWilson.Hi = stats.Wilson(control.Events, control.Trials, rp.z)
	r.TreatmentWilson.Lo, r.TreatmentWilson.Hi = stats.Wilson(treatment.Events, treatment.Trials, rp.z)
	r.Worsening = pt - pc
	if rp.dir == HigherIsBetter {
		r.Worsening = pc - pt
	}
	r.StdErr = math.Sqrt(pt*(1-pt)/float64(treatment.Trials) + pc*(1-pc)/float64(control.Trials))
	half := rp.z * r.StdErr
	r.Interval = Interval{Lo: r.Worsening - half, Hi: r.Worsening + half}
	if r.StdErr > 0 {
		z := (r.Worsening - rp.tolerance) / r.StdErr
		r.Z = &z
		r.PValue = stats.NormalCDF(-z)
	} else if r.Worsening > rp.tolerance {
		r.PValue = 0
	} else {
		r.PValue = 1
	}
	r.Regressed = r.Interval.Lo > rp.tolerance
	return r
}
