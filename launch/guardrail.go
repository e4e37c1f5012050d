package launch

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// CheckID identifies a guardrail check.
type CheckID string

// Direction says which way a metric is good.
type Direction uint8

// Directions. The zero value is unset (invalid where required).
const (
	// HigherIsBetter: a drop is a regression (conversion, success rate).
	HigherIsBetter Direction = iota + 1
	// LowerIsBetter: a rise is a regression (error rate, latency).
	LowerIsBetter
)

var directionEnum = enum.Set[Direction]{Subject: "launch: direction", Kind: "direction", Names: []string{"", "higher_is_better", "lower_is_better"}}

// String returns "higher_is_better" or "lower_is_better".
func (d Direction) String() string { return directionEnum.String(d) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (d Direction) MarshalText() ([]byte, error) { return directionEnum.Marshal(d) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (d *Direction) UnmarshalText(b []byte) error { return directionEnum.Unmarshal(d, b) }

// InsufficientPolicy says what happens when the step deadline passes while a check still
// lacks data. The zero value is RollbackOnInsufficient.
type InsufficientPolicy uint8

// Policies for insufficient data at the deadline; vendors disagree (domain study §2.2).
const (
	// RollbackOnInsufficient rolls back (LaunchDarkly guarded rollouts: a step that does
	// not reach its minimum sample is rolled back).
	RollbackOnInsufficient InsufficientPolicy = iota
	// HoldOnInsufficient keeps holding for a human (GrowthBook, Statsig: no signal is not
	// a verdict). The deadline then forces nothing, and cannot mask a rollback.
	HoldOnInsufficient
)

var insufficientEnum = enum.Set[InsufficientPolicy]{Subject: "launch: insufficient policy", Kind: "insufficient policy", Names: []string{"rollback", "hold"}}

// String returns "rollback" or "hold".
func (p InsufficientPolicy) String() string { return insufficientEnum.String(p) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (p InsufficientPolicy) MarshalText() ([]byte, error) { return insufficientEnum.Marshal(p) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (p *InsufficientPolicy) UnmarshalText(b []byte) error { return insufficientEnum.Unmarshal(p, b) }

// NoDataPolicy says what a missing value (no observation, Missing, or a non-finite value)
// means. The zero value is NoDataError. Engines disagree (domain study §2.1 G5).
type NoDataPolicy uint8

// No-data policies.
const (
	// NoDataError: an error outcome (Argo Rollouts); it holds, and only a run of errors
	// past ConsecutiveErrorLimit rolls back.
	NoDataError NoDataPolicy = iota
	// NoDataFail: a failing check (Flagger: "halt advancement, no values found"); it
	// counts toward FailedChecks like any failure.
	NoDataFail
)

var noDataEnum = enum.Set[NoDataPolicy]{Subject: "launch: no-data policy", Kind: "no-data policy", Names: []string{"error", "fail"}}

// String returns "error" or "fail".
func (p NoDataPolicy) String() string { return noDataEnum.String(p) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (p NoDataPolicy) MarshalText() ([]byte, error) { return noDataEnum.Marshal(p) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (p *NoDataPolicy) UnmarshalText(b []byte) error { return noDataEnum.Unmarshal(p, b) }

// RegressionTest compares a rate in the treatment (the new release) with the same rate
// in a control, once per interval.
//
// The worsening is w = treatment rate - control rate for LowerIsBetter, or control -
// treatment for HigherIsBetter. Its two-sided Confidence interval is the Wald interval
// w ± z·se with se = sqrt(pT(1-pT)/nT + pC(1-pC)/nC) and z = NormalQuantile(1 - α/2),
// α = 1 - Confidence. The check fails (a regression) iff the whole interval lies above
// Tolerance, that is lo > Tolerance (LaunchDarkly's rule: the interval lies entirely on
// the worse side of the threshold); equivalently, the one-sided p-value of
// H0: w <= Tolerance is below α/2. Each arm's rate is also reported with its Wilson
// interval.
type RegressionTest struct {
	// Direction says which way the rate is good; required.
	Direction Direction `json:"direction"`
	// Tolerance is the largest acceptable worsening, as an absolute rate in [0, 1)
	// (0.005 = half a percentage point); zero means any significant worsening fails.
	Tolerance decimal.Decimal `json:"tolerance"`
	// Confidence of the interval, zero (meaning 0.95) or in [0.5, 0.9999].
	Confidence decimal.Decimal `json:"confidence"`
}

// Check is one metric condition judged every interval: either a threshold on the
// metric's value (Min and/or Max) or a RegressionTest against a control, not both.
type Check struct {
	// ID is unique within the guardrail; required.
	ID CheckID `json:"id" validate:"required,max=128"`
	// Metric names what is measured ("http_error_rate"); required. Checks of the same
	// metric roll up together.
	Metric string `json:"metric" validate:"required,max=200"`
	// Min is the inclusive lower bound (higher is better); nil means none. A value equal
	// to a bound passes.
	Min *decimal.Decimal `json:"min,omitempty"`
	// Max is the inclusive upper bound (lower is better); nil means none.
	Max *decimal.Decimal `json:"max,omitempty"`
	// Regression makes this a statistical check against a control.
	Regression *RegressionTest `json:"regression,omitempty"`
	// MinSample is the smallest sample (Observation.Sample, or the smaller arm's trials for
	// a regression check) at which the check counts; below it the outcome is
	// InsufficientData, never a pass or a failure. Zero means 1 for regression checks
	// (a rate needs trials) and no floor for threshold checks.
	MinSample int64 `json:"min_sample" validate:"gte=0"`
	// Critical: a failure rolls back at once, whatever the failed-checks counter.
	Critical bool `json:"critical,omitempty"`
	// DryRun: the check is computed and reported but never affects the decision.
	DryRun bool `json:"dry_run,omitempty"`
}

// Guardrail configures post-launch analysis. The zero values of its options are the
// documented defaults.
type Guardrail struct {
	// Checks are judged every interval; at least one, with unique IDs.
	Checks []Check `json:"checks" validate:"required,min=1,dive"`
	// FailureThreshold is the number of failed intervals (cumulative, never reset by a
	// pass; Flagger's failedChecks) at which the next interval rolls back; zero means 1.
	FailureThreshold int `json:"failure_threshold" validate:"gte=0"`
	// ConsecutiveErrorLimit is how many errors in a row a check tolerates; the next one
	// rolls back. nil means 4 (Argo Rollouts' default: the 5th consecutive error trips).
	ConsecutiveErrorLimit *int `json:"consecutive_error_limit,omitempty" validate:"omitnil,gte=0"`
	// Deadline is the step deadline: an interval at or after it that still has a check
	// with insufficient data triggers OnInsufficient. Zero means no deadline.
	Deadline time.Time `json:"deadline,omitzero"`
	// OnInsufficient is the deadline policy; the zero value rolls back.
	OnInsufficient InsufficientPolicy `json:"on_insufficient,omitempty"`
	// NoData says what a missing value is; the zero value makes it an error (Argo).
	NoData NoDataPolicy `json:"no_data,omitempty"`
}

func (g *Guardrail) threshold() int {
	if g.FailureThreshold <= 0 {
		return 1
	}
	return g.FailureThreshold
}

func (g *Guardrail) errorLimit() int {
	if g.ConsecutiveErrorLimit == nil {
		return 4
	}
	return *g.ConsecutiveErrorLimit
}

// Validate reports every problem at once as a *productops.ValidationError: no checks, a
// check without ID or metric, duplicate IDs, a check with neither bounds nor a
// regression test (or both), Min above Max, a regression test without direction or with
// tolerance or confidence out of range, negative limits, an unknown policy.
func (g *Guardrail) Validate() error {
	e := validation.New("launch: guardrail")
	if g == nil {
		e.Add("", "required", "", "is required")
		return e.Err()
	}
	e.Struct("", g)
	checkInstant(e, "deadline", g.Deadline)
	seen := map[CheckID]bool{}
	for i := range g.Checks {
		c := &g.Checks[i]
		p := "checks[" + strconv.Itoa(i) + "]"
		if c.ID != "" {
			if seen[c.ID] {
				e.Add(p+".id", "unique", "", "duplicate check id "+strconv.Quote(validation.Truncate(string(c.ID))))
			}
			seen[c.ID] = true
		}
		bounded := c.Min != nil || c.Max != nil
		switch {
		case bounded && c.Regression != nil:
			e.Add(p+".regression", "excluded_with", "min max", "give bounds or a regression test, not both")
		case !bounded && c.Regression == nil:
			e.Add(p+".min", "required", "", "give min, max or a regression test")
		}
		// Decimals are bounded (40 digits, exponent ±40) before any comparison; checked by
		// hand rather than by validator tags, which would box each value.
		minOK, maxOK := c.Min == nil || validation.DecimalBounded(*c.Min), c.Max == nil || validation.DecimalBounded(*c.Max)
		if !minOK {
			e.Add(p+".min", "dbound", "", dboundMsg)
		}
		if !maxOK {
			e.Add(p+".max", "dbound", "", dboundMsg)
		}
		if c.Min != nil && c.Max != nil && minOK && maxOK && c.Min.Cmp(*c.Max) > 0 {
			e.Add(p+".max", "gtefield", "min", "must be at least min")
		}
		if r := c.Regression; r != nil {
			switch {
			case !validation.DecimalBounded(r.Tolerance):
				e.Add(p+".regression.tolerance", "dbound", "", dboundMsg)
			case r.Tolerance.Sign() < 0:
				e.Add(p+".regression.tolerance", "dgte", "0", "must be at least 0")
			case r.Tolerance.Cmp(decimal.NewFromInt(1)) >= 0:
				e.Add(p+".regression.tolerance", "dlt", "1", "must be less than 1")
			}
			if !validation.DecimalBounded(r.Confidence) {
				e.Add(p+".regression.confidence", "dbound", "", dboundMsg)
			}
			if !directionEnum.Valid(r.Direction) {
				e.Add(p+".regression.direction", "required", "", "is required: higher_is_better or lower_is_better")
			}
			if !r.Confidence.IsZero() && validation.DecimalBounded(r.Confidence) && (r.Confidence.Cmp(decimal.New(5, -1)) < 0 || r.Confidence.Cmp(decimal.New(9999, -4)) > 0) {
				e.Add(p+".regression.confidence", "range", "0.5..0.9999", "must be 0 (meaning 0.95) or within 0.5..0.9999")
			}
		}
	}
	if !noDataEnum.Valid(g.NoData) {
		e.Add("no_data", "oneof", "", "unknown value "+g.NoData.String())
	}
	if !insufficientEnum.Valid(g.OnInsufficient) {
		e.Add("on_insufficient", "oneof", "", "unknown value "+g.OnInsufficient.String())
	}
	return e.Err()
}

// bounds holds a check's thresholds as float64, converted once to the nearest float, so a
// value equal to the bound as typed ("0.99" parsed as a float64) compares equal and passes.
type bounds struct {
	hasMin, hasMax bool
	min, max       float64
}

func newBounds(c *Check) bounds {
	var b bounds
	if c.Min != nil {
		b.hasMin, b.min = true, c.Min.InexactFloat64()
	}
	if c.Max != nil {
		b.hasMax, b.max = true, c.Max.InexactFloat64()
	}
	return b
}

// dboundMsg is the message of a decimal beyond the validation bounds.
const dboundMsg = "must have at most 40 digits and an exponent within ±40"
