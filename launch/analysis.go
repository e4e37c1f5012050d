package launch

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/productops/productops/internal/validation"
)

// ErrRolledBack is returned by Analysis.Step after the analysis has rolled back: a
// rollback is final.
var ErrRolledBack = errors.New("launch: analysis already rolled back")

// Outcome is the result of one check in one interval.
type Outcome uint8

// Check outcomes, decided in this order (domain study §2.3).
const (
	// OutcomeError: no observation, Missing, or a non-finite value. Counts toward the
	// check's consecutive-error limit.
	OutcomeError Outcome = iota + 1
	// OutcomeInsufficient: the sample is below MinSample; never a pass, never a failure.
	OutcomeInsufficient
	// OutcomeFail: the value is outside the bounds (equality passes), or the regression
	// test found the treatment worse beyond tolerance.
	OutcomeFail
	// OutcomePass: otherwise.
	OutcomePass
)

var outcomeEnum = enum{typ: "outcome", names: []string{"", "error", "insufficient_data", "fail", "pass"}}

// String returns "error", "insufficient_data", "fail" or "pass".
func (o Outcome) String() string { return outcomeEnum.name(uint8(o)) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (o Outcome) MarshalText() ([]byte, error) { return outcomeEnum.marshal(uint8(o)) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := outcomeEnum.parse(b)
	if err == nil {
		*o = Outcome(v)
	}
	return err
}

// Phase is the three-outcome roll-up of a metric or an interval (Argo Rollouts): worst
// wins, ordered Pass < Inconclusive < Fail.
type Phase uint8

// Phases, best first.
const (
	PhasePass Phase = iota + 1
	// PhaseInconclusive: insufficient data, or errors within the limit; holds.
	PhaseInconclusive
	// PhaseFail: a failing check, or errors past the limit.
	PhaseFail
)

var phaseEnum = enum{typ: "phase", names: []string{"", "pass", "inconclusive", "fail"}}

// String returns "pass", "inconclusive" or "fail".
func (p Phase) String() string { return phaseEnum.name(uint8(p)) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (p Phase) MarshalText() ([]byte, error) { return phaseEnum.marshal(uint8(p)) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (p *Phase) UnmarshalText(b []byte) error {
	v, err := phaseEnum.parse(b)
	if err == nil {
		*p = Phase(v)
	}
	return err
}

// Decision is what to do with the rollout after an interval.
type Decision uint8

// Decisions.
const (
	// Promote: every decisive check passed; proceed to the next step or to everyone.
	Promote Decision = iota + 1
	// Hold: keep the current exposure and look again next interval (a failure under the
	// threshold, insufficient data, or errors within the limit).
	Hold
	// Rollback: undo the rollout. Final.
	Rollback
)

var decisionEnum = enum{typ: "decision", names: []string{"", "promote", "hold", "rollback"}}

// String returns "promote", "hold" or "rollback".
func (d Decision) String() string { return decisionEnum.name(uint8(d)) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (d Decision) MarshalText() ([]byte, error) { return decisionEnum.marshal(uint8(d)) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (d *Decision) UnmarshalText(b []byte) error {
	v, err := decisionEnum.parse(b)
	if err == nil {
		*d = Decision(v)
	}
	return err
}

// Observation is one check's measurement over one interval.
type Observation struct {
	// Check names the check; it must be one of the guardrail's.
	Check CheckID `json:"check"`
	// Value is the metric over the interval (threshold checks). NaN or ±Inf is an error
	// outcome, like Missing.
	Value float64 `json:"value"`
	// Sample is how many units stand behind Value (requests, users); compared with
	// MinSample. Regression checks use the smaller arm's Trials instead.
	Sample int64 `json:"sample"`
	// Missing means the provider returned no value or failed (an error outcome).
	Missing bool `json:"missing,omitempty"`
	// Control and Treatment are the two arms of a regression check.
	Control   Proportion `json:"control"`
	Treatment Proportion `json:"treatment"`
}

// Tick is one analysis interval: its end instant and one observation per check. A check
// without an observation has an error outcome.
type Tick struct {
	At           time.Time     `json:"at"`
	Observations []Observation `json:"observations"`
}

// CheckResult is one check's outcome in one interval.
type CheckResult struct {
	ID       CheckID `json:"id"`
	Metric   string  `json:"metric"`
	Outcome  Outcome `json:"outcome"`
	Critical bool    `json:"critical,omitempty"`
	DryRun   bool    `json:"dry_run,omitempty"`
	// Value is the observed value; nil for errors and regression checks.
	Value *float64 `json:"value"`
	// Sample is the sample compared with MinSample.
	Sample int64 `json:"sample"`
	// ConsecutiveErrors is the check's run of errors including this interval.
	ConsecutiveErrors int `json:"consecutive_errors"`
	// ErrorLimitExceeded is true when ConsecutiveErrors is past the limit.
	ErrorLimitExceeded bool `json:"error_limit_exceeded,omitempty"`
	// Regression explains a regression check that had enough data; nil otherwise.
	Regression *RegressionResult `json:"regression,omitempty"`
	// Message explains the outcome in one lowercase sentence.
	Message string `json:"message"`
}

// phase maps the outcome to the three-outcome roll-up.
func (c *CheckResult) phase() Phase {
	switch c.Outcome {
	case OutcomePass:
		return PhasePass
	case OutcomeFail:
		return PhaseFail
	case OutcomeError:
		if c.ErrorLimitExceeded {
			return PhaseFail
		}
	}
	return PhaseInconclusive
}

// MetricPhase is one metric's roll-up in one interval: the worst phase of its checks.
type MetricPhase struct {
	Metric string `json:"metric"`
	Phase  Phase  `json:"phase"`
	// DryRun is true when every check of the metric is a dry run; such a metric never
	// affects the decision.
	DryRun bool `json:"dry_run,omitempty"`
}

// TickResult is the decision after one interval and everything behind it.
type TickResult struct {
	At       time.Time `json:"at"`
	Decision Decision  `json:"decision"`
	// Phase is the worst phase of the decisive (non-dry-run) metrics.
	Phase Phase `json:"phase"`
	// FailedChecks is the cumulative failed-interval counter after this interval.
	FailedChecks int `json:"failed_checks"`
	// Reasons explain the decision: the rule that decided first, then every check that
	// did not pass, by check ID. Dry-run findings are marked.
	Reasons []string `json:"reasons"`
	// Checks are every check's result, by check ID.
	Checks []CheckResult `json:"checks"`
	// Metrics are the per-metric roll-ups, by metric name.
	Metrics []MetricPhase `json:"metrics"`
}

// MetricSummary counts one metric's phases over the whole analysis.
type MetricSummary struct {
	Metric       string `json:"metric"`
	DryRun       bool   `json:"dry_run,omitempty"`
	Pass         int    `json:"pass"`
	Inconclusive int    `json:"inconclusive"`
	Fail         int    `json:"fail"`
	// Worst is the worst phase seen; Last the phase of the last interval. Both are zero
	// (omitted from JSON) before the first interval.
	Worst Phase `json:"worst,omitzero"`
	Last  Phase `json:"last,omitzero"`
}

// GuardrailResult is the state of an analysis after its last interval.
type GuardrailResult struct {
	// Decision is the last interval's decision; zero (omitted from JSON) when no interval
	// was analysed.
	Decision Decision `json:"decision,omitzero"`
	// Reasons are the last interval's reasons.
	Reasons []string `json:"reasons"`
	// Ticks counts the intervals analysed.
	Ticks int `json:"ticks"`
	// FailedChecks is the cumulative failed-interval counter; Threshold its trip value.
	FailedChecks int `json:"failed_checks"`
	Threshold    int `json:"threshold"`
	// Metrics summarise each metric over all intervals, by metric name.
	Metrics []MetricSummary `json:"metrics"`
	// Last is the last interval's full result; nil when none was analysed.
	Last *TickResult `json:"last"`
}

// Analysis judges a guardrail interval by interval. It keeps the failed-checks counter,
// each check's consecutive errors and per-metric summaries. Not safe for concurrent use.
type Analysis struct {
	g         Guardrail
	order     []int // check indices sorted by ID
	index     map[CheckID]int
	bounds    []bounds
	reg       []regressionParams
	errRun    []int
	failed    int
	ticks     int
	last      *TickResult
	lastAt    time.Time
	done      bool
	metrics   []string // metric names, sorted
	metricIdx map[string]int
	metricDry []bool
	summary   []MetricSummary
	seen      []bool // per check, reused per tick
}

// NewAnalysis validates g and returns an analysis at its start (no interval, counter 0).
// The guardrail is copied; later changes to g do not affect the analysis.
func NewAnalysis(g Guardrail) (*Analysis, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	g.Checks = slices.Clone(g.Checks)
	n := len(g.Checks)
	a := &Analysis{g: g, index: make(map[CheckID]int, n), bounds: make([]bounds, n), reg: make([]regressionParams, n),
		errRun: make([]int, n), metricIdx: map[string]int{}, seen: make([]bool, n)}
	a.order = make([]int, n)
	for i := range g.Checks {
		c := &g.Checks[i]
		a.order[i] = i
		a.index[c.ID] = i
		a.bounds[i] = newBounds(c)
		if c.Regression != nil {
			a.reg[i] = newRegressionParams(c.Regression)
		}
		if _, ok := a.metricIdx[c.Metric]; !ok {
			a.metricIdx[c.Metric] = 0
			a.metrics = append(a.metrics, c.Metric)
		}
	}
	slices.SortFunc(a.order, func(x, y int) int { return strings.Compare(string(g.Checks[x].ID), string(g.Checks[y].ID)) })
	slices.Sort(a.metrics)
	a.metricDry = make([]bool, len(a.metrics))
	a.summary = make([]MetricSummary, len(a.metrics))
	for i, m := range a.metrics {
		a.metricIdx[m] = i
		a.metricDry[i] = true
		a.summary[i].Metric = m
	}
	for i := range g.Checks {
		if !g.Checks[i].DryRun {
			a.metricDry[a.metricIdx[g.Checks[i].Metric]] = false
		}
	}
	for i := range a.summary {
		a.summary[i].DryRun = a.metricDry[i]
	}
	return a, nil
}

// FailedChecks returns the cumulative failed-interval counter.
func (a *Analysis) FailedChecks() int { return a.failed }

// Step judges one interval and returns its decision (domain study §2.3). Every check's
// outcome is computed first (no short-circuit), then the first matching rule decides:
//
//  1. at or after the Deadline, a decisive check with insufficient data rolls back under
//     RollbackOnInsufficient (under HoldOnInsufficient the deadline forces nothing);
//  2. FailedChecks from earlier intervals >= the threshold rolls back (Flagger: the trip
//     acts at the start of the interval after the threshold-th failure);
//  3. a failing Critical check rolls back;
//  4. any failing check adds 1 to FailedChecks (once per interval) and holds;
//  5. a check past its consecutive-error limit rolls back; insufficient data or errors
//     within the limit hold (inconclusive pauses);
//  6. otherwise promote.
//
// Dry-run checks are computed and reported, never decisive. Ticks must come in
// increasing At order. An observation for an unknown check, a duplicate observation,
// negative counts or events above trials are a *productops.ValidationError and leave the
// analysis unchanged. After a rollback Step returns ErrRolledBack.
func (a *Analysis) Step(t Tick) (TickResult, error) {
	if a.done {
		return TickResult{}, ErrRolledBack
	}
	if err := a.checkTick(&t); err != nil {
		return TickResult{}, err
	}
	n := len(a.g.Checks)
	obs := make([]*Observation, n)
	for i := range t.Observations {
		o := &t.Observations[i]
		obs[a.index[o.Check]] = o
	}
	res := TickResult{At: t.At, Checks: make([]CheckResult, 0, n), Metrics: make([]MetricPhase, len(a.metrics)), Reasons: []string{}}
	for i, m := range a.metrics {
		res.Metrics[i] = MetricPhase{Metric: m, Phase: PhasePass, DryRun: a.metricDry[i]}
	}
	limit := a.g.errorLimit()
	errRun := slices.Clone(a.errRun)
	var (
		insufficient, critFail, anyFail, errPast bool
		phase                                    = PhasePass
	)
	for _, i := range a.order {
		c := &a.g.Checks[i]
		cr := a.judge(i, obs[i])
		if cr.Outcome == OutcomeError {
			errRun[i]++
		} else {
			errRun[i] = 0
		}
		cr.ConsecutiveErrors = errRun[i]
		cr.ErrorLimitExceeded = cr.Outcome == OutcomeError && errRun[i] > limit
		if cr.ErrorLimitExceeded {
			cr.Message += fmt.Sprintf("; %d consecutive errors > limit %d", errRun[i], limit)
		}
		p := cr.phase()
		mi := a.metricIdx[c.Metric]
		if !c.DryRun {
			res.Metrics[mi].Phase = max(res.Metrics[mi].Phase, p)
			phase = max(phase, p)
			switch cr.Outcome {
			case OutcomeInsufficient:
				insufficient = true
			case OutcomeFail:
				anyFail = true
				critFail = critFail || c.Critical
			case OutcomeError:
				errPast = errPast || cr.ErrorLimitExceeded
			}
		} else if a.metricDry[mi] {
			res.Metrics[mi].Phase = max(res.Metrics[mi].Phase, p)
		}
		res.Checks = append(res.Checks, cr)
	}
	res.Phase = phase

	threshold := a.g.threshold()
	failed := a.failed
	var rule string
	deadline := !a.g.Deadline.IsZero() && !t.At.Before(a.g.Deadline)
	switch {
	case deadline && insufficient && a.g.OnInsufficient == RollbackOnInsufficient:
		res.Decision, rule = Rollback, "deadline "+a.g.Deadline.UTC().Format(time.RFC3339)+" passed with insufficient data"
	case failed >= threshold:
		res.Decision, rule = Rollback, "failed checks "+strconv.Itoa(failed)+" reached the threshold "+strconv.Itoa(threshold)
	case critFail:
		res.Decision, rule = Rollback, "a critical check failed"
	case anyFail:
		failed++
		res.Decision, rule = Hold, "a check failed: failed checks "+strconv.Itoa(failed)+" of threshold "+strconv.Itoa(threshold)
		if failed >= threshold {
			rule += "; the next interval rolls back"
		}
	case errPast:
		res.Decision, rule = Rollback, "a check is past its consecutive-error limit"
	case insufficient || phase == PhaseInconclusive:
		res.Decision, rule = Hold, "inconclusive: waiting for data"
		if deadline {
			rule += " (deadline passed; policy hold)"
		}
	default:
		res.Decision, rule = Promote, "every decisive check passed"
	}
	res.FailedChecks = failed
	res.Reasons = append(res.Reasons, rule)
	for _, cr := range res.Checks {
		if cr.Outcome == OutcomePass {
			continue
		}
		s := "check " + string(cr.ID) + " (" + cr.Metric + ") " + cr.Outcome.String() + ": " + cr.Message
		if cr.DryRun {
			s = "dry run: " + s
		}
		res.Reasons = append(res.Reasons, s)
	}

	// Commit the new state.
	a.errRun = errRun
	a.failed = failed
	a.ticks++
	a.lastAt = t.At
	a.done = res.Decision == Rollback
	for i, mp := range res.Metrics {
		s := &a.summary[i]
		switch mp.Phase {
		case PhasePass:
			s.Pass++
		case PhaseInconclusive:
			s.Inconclusive++
		case PhaseFail:
			s.Fail++
		}
		s.Worst = max(s.Worst, mp.Phase)
		s.Last = mp.Phase
	}
	a.last = &res
	return res, nil
}

// checkTick validates a tick against the guardrail and the previous tick.
func (a *Analysis) checkTick(t *Tick) error {
	e := validation.New("launch: tick")
	if t.At.IsZero() {
		e.Add("at", "required", "", "is required")
	} else if a.ticks > 0 && !t.At.After(a.lastAt) {
		e.Add("at", "gtfield", "", "must be after the previous tick "+a.lastAt.UTC().Format(time.RFC3339Nano))
	}
	clear(a.seen)
	for j := range t.Observations {
		o := &t.Observations[j]
		p := "observations[" + strconv.Itoa(j) + "]"
		i, ok := a.index[o.Check]
		if !ok {
			e.Add(p+".check", "exists", "", "unknown check "+strconv.Quote(validation.Truncate(string(o.Check))))
			continue
		}
		if a.seen[i] {
			e.Add(p+".check", "unique", "", "duplicate observation for check "+strconv.Quote(validation.Truncate(string(o.Check))))
		}
		a.seen[i] = true
		if o.Sample < 0 {
			e.Add(p+".sample", "gte", "0", "must be at least 0")
		}
		for _, arm := range []struct {
			name string
			pr   Proportion
		}{{"control", o.Control}, {"treatment", o.Treatment}} {
			if arm.pr.Events < 0 || arm.pr.Trials < 0 {
				e.Add(p+"."+arm.name, "gte", "0", "counts must be at least 0")
			} else if arm.pr.Events > arm.pr.Trials {
				e.Add(p+"."+arm.name+".events", "ltefield", "trials", "must be at most trials")
			}
		}
	}
	return e.Err()
}

// judge computes one check's outcome from its observation (nil when absent).
func (a *Analysis) judge(i int, o *Observation) CheckResult {
	c := &a.g.Checks[i]
	cr := CheckResult{ID: c.ID, Metric: c.Metric, Critical: c.Critical, DryRun: c.DryRun}
	switch {
	case o == nil:
		cr.Outcome, cr.Message = OutcomeError, "no observation"
		return cr
	case o.Missing:
		cr.Outcome, cr.Message = OutcomeError, "value missing"
		return cr
	}
	if c.Regression != nil {
		cr.Sample = min(o.Control.Trials, o.Treatment.Trials)
		floor := max(c.MinSample, 1)
		if cr.Sample < floor {
			cr.Outcome, cr.Message = OutcomeInsufficient, fmt.Sprintf("sample %d < minimum %d", cr.Sample, floor)
			return cr
		}
		rr := a.reg[i].test(o.Control, o.Treatment)
		cr.Regression = &rr
		cr.Outcome = OutcomePass
		cr.Message = fmt.Sprintf("worsening %.6g, %g%% interval [%.6g, %.6g], tolerance %g, p=%.4g",
			rr.Worsening, rr.Confidence*100, rr.Interval.Lo, rr.Interval.Hi, rr.Tolerance, rr.PValue)
		if rr.Regressed {
			cr.Outcome = OutcomeFail
			cr.Message = "regression: " + cr.Message
		}
		return cr
	}
	if math.IsNaN(o.Value) || math.IsInf(o.Value, 0) {
		cr.Outcome, cr.Message = OutcomeError, "value is not finite"
		return cr
	}
	v := o.Value
	cr.Value = &v
	cr.Sample = o.Sample
	if o.Sample < c.MinSample {
		cr.Outcome, cr.Message = OutcomeInsufficient, fmt.Sprintf("sample %d < minimum %d", o.Sample, c.MinSample)
		return cr
	}
	b := &a.bounds[i]
	switch {
	case b.hasMin && v < b.min:
		cr.Outcome, cr.Message = OutcomeFail, fmt.Sprintf("value %g < min %s", v, c.Min.String())
	case b.hasMax && v > b.max:
		cr.Outcome, cr.Message = OutcomeFail, fmt.Sprintf("value %g > max %s", v, c.Max.String())
	default:
		cr.Outcome, cr.Message = OutcomePass, fmt.Sprintf("value %g within bounds", v)
	}
	return cr
}

// Result summarises the analysis so far.
func (a *Analysis) Result() GuardrailResult {
	r := GuardrailResult{Ticks: a.ticks, FailedChecks: a.failed, Threshold: a.g.threshold(),
		Metrics: slices.Clone(a.summary), Reasons: []string{}, Last: a.last}
	if a.last != nil {
		r.Decision = a.last.Decision
		r.Reasons = slices.Clone(a.last.Reasons)
	}
	slices.SortFunc(r.Metrics, func(x, y MetricSummary) int { return cmp.Compare(x.Metric, y.Metric) })
	return r
}

// Analyze runs a fresh analysis of g over ticks, stopping at the first rollback (later
// ticks are not examined), and returns the summary. It fails on an invalid guardrail or
// tick, naming the tick.
func Analyze(g Guardrail, ticks []Tick) (GuardrailResult, error) {
	a, err := NewAnalysis(g)
	if err != nil {
		return GuardrailResult{}, err
	}
	for i := range ticks {
		if _, err := a.Step(ticks[i]); err != nil {
			e := validation.New("launch: analysis")
			e.Merge("ticks["+strconv.Itoa(i)+"]", err)
			return GuardrailResult{}, e.Err()
		}
		if a.done {
			break
		}
	}
	return a.Result(), nil
}
