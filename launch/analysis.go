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

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// ErrRolledBack is returned by Analysis.Step after the analysis has rolled back: a
// rollback is final.
var ErrRolledBack = errors.New("launch: analysis already rolled back")

// Outcome is the result of one check in one interval.
type Outcome uint8

// Check outcomes, decided in this order (domain study §2.3).
const (
	// OutcomeError: no observation, Missing, or a non-finite value (under the default
	// NoDataError policy). Counts toward the check's consecutive-error limit.
	OutcomeError Outcome = iota + 1
	// OutcomeInsufficient: the sample is below MinSample; never a pass, never a failure.
	OutcomeInsufficient
	// OutcomeFail: the value is outside the bounds (equality passes), the regression
	// test found the treatment worse beyond tolerance, or no data under NoDataFail.
	OutcomeFail
	// OutcomePass: otherwise.
	OutcomePass
	// OutcomeInconclusive: the observation was fed as already inconclusive
	// (Observation.Inconclusive, such as an Argo measurement neither condition matched);
	// it holds like insufficient data, and the deadline policy applies to it the same way.
	OutcomeInconclusive
)

var outcomeEnum = enum.Set[Outcome]{Subject: "launch: outcome", Kind: "outcome", Names: []string{"", "error", "insufficient_data", "fail", "pass", "inconclusive"}}

// String returns "error", "insufficient_data", "fail" or "pass".
func (o Outcome) String() string { return outcomeEnum.String(o) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (o Outcome) MarshalText() ([]byte, error) { return outcomeEnum.Marshal(o) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (o *Outcome) UnmarshalText(b []byte) error { return outcomeEnum.Unmarshal(o, b) }

// Phase is the three-outcome roll-up of a metric or an interval (Argo Rollouts): worst
// wins, ordered Pass < Inconclusive < Fail.
type Phase uint8

// Phases, best first.
const (
	// PhasePass: every check of the metric passed.
	PhasePass Phase = iota + 1
	// PhaseInconclusive: insufficient data, or errors within the limit; holds.
	PhaseInconclusive
	// PhaseFail: a failing check, or errors past the limit.
	PhaseFail
)

var phaseEnum = enum.Set[Phase]{Subject: "launch: phase", Kind: "phase", Names: []string{"", "pass", "inconclusive", "fail"}}

// String returns "pass", "inconclusive" or "fail".
func (p Phase) String() string { return phaseEnum.String(p) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (p Phase) MarshalText() ([]byte, error) { return phaseEnum.Marshal(p) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (p *Phase) UnmarshalText(b []byte) error { return phaseEnum.Unmarshal(p, b) }

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

var decisionEnum = enum.Set[Decision]{Subject: "launch: decision", Kind: "decision", Names: []string{"", "promote", "hold", "rollback"}}

// String returns "promote", "hold" or "rollback".
func (d Decision) String() string { return decisionEnum.String(d) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (d Decision) MarshalText() ([]byte, error) { return decisionEnum.Marshal(d) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (d *Decision) UnmarshalText(b []byte) error { return decisionEnum.Unmarshal(d, b) }

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
	// Inconclusive feeds a measurement that is already judged inconclusive upstream; its
	// outcome is OutcomeInconclusive, whatever Value says. Missing takes precedence.
	Inconclusive bool `json:"inconclusive,omitempty"`
	// Control and Treatment are the two arms of a regression check.
	Control   Proportion `json:"control"`
	Treatment Proportion `json:"treatment"`
}

// Tick is one analysis interval: its end instant and one observation per check. A check
// without an observation has an error outcome.
type Tick struct {
	At           time.Time     `json:"at"`           // end of the interval; strictly increasing
	Observations []Observation `json:"observations"` // at most one per check
}

// CheckResult is one check's outcome in one interval.
type CheckResult struct {
	ID       CheckID `json:"id"`                 // the check
	Metric   string  `json:"metric"`             // the check's metric
	Outcome  Outcome `json:"outcome"`            // error, insufficient_data, fail or pass
	Critical bool    `json:"critical,omitempty"` // copied from the check
	DryRun   bool    `json:"dry_run,omitempty"`  // copied from the check; never decisive
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

// MetricPhase is one metric's roll-up in one interval: the worst phase of its checks.
type MetricPhase struct {
	Metric string `json:"metric"` // metric name
	Phase  Phase  `json:"phase"`  // worst phase of its decisive checks
	// DryRun is true when every check of the metric is a dry run; such a metric never
	// affects the decision.
	DryRun bool `json:"dry_run,omitempty"`
	// Counts are the outcomes of the metric's checks in this interval (dry-run checks
	// included only for a dry-run metric).
	Counts OutcomeCounts `json:"counts"`
}

// OutcomeCounts counts check outcomes.
type OutcomeCounts struct {
	Pass             int `json:"pass"`
	Fail             int `json:"fail"`
	Error            int `json:"error"`
	InsufficientData int `json:"insufficient_data"`
	Inconclusive     int `json:"inconclusive"`
}

func (c *OutcomeCounts) add(o Outcome) {
	switch o {
	case OutcomePass:
		c.Pass++
	case OutcomeFail:
		c.Fail++
	case OutcomeError:
		c.Error++
	case OutcomeInsufficient:
		c.InsufficientData++
	case OutcomeInconclusive:
		c.Inconclusive++
	}
}

// GuardrailRule names the rule that decided an interval, in Step's order.
type GuardrailRule uint8

// Guardrail rules.
const (
	// RuleDeadlineInsufficient: the deadline passed with a decisive check still
	// insufficient or inconclusive, under RollbackOnInsufficient (rule 1).
	RuleDeadlineInsufficient GuardrailRule = iota + 1
	// RuleFailureThreshold: the failed-checks counter had reached the threshold (rule 2).
	RuleFailureThreshold
	// RuleCriticalFailure: a critical check failed (rule 3).
	RuleCriticalFailure
	// RuleCheckFailed: a check failed; the counter went up by one (rule 4).
	RuleCheckFailed
	// RuleErrorLimit: a check passed its consecutive-error limit (rule 5).
	RuleErrorLimit
	// RuleInconclusive: insufficient data, inconclusive measurements or errors within the
	// limit; hold (rule 5).
	RuleInconclusive
	// RuleAllPassed: every decisive check passed (rule 6).
	RuleAllPassed
)

var guardrailRuleEnum = enum.Set[GuardrailRule]{Subject: "launch: guardrail rule", Kind: "guardrail rule",
	Names: []string{"", "deadline_insufficient", "failure_threshold", "critical_failure", "check_failed", "error_limit", "inconclusive", "all_passed"}}

// String returns the snake_case name, such as "check_failed".
func (r GuardrailRule) String() string { return guardrailRuleEnum.String(r) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (r GuardrailRule) MarshalText() ([]byte, error) { return guardrailRuleEnum.Marshal(r) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (r *GuardrailRule) UnmarshalText(b []byte) error { return guardrailRuleEnum.Unmarshal(r, b) }

// TickResult is the decision after one interval and everything behind it.
type TickResult struct {
	At       time.Time `json:"at"`       // the interval's end
	Decision Decision  `json:"decision"` // promote, hold or rollback
	// Phase is the worst phase of the decisive (non-dry-run) metrics.
	Phase Phase `json:"phase"`
	// Rule is the rule that decided (Step's rules 1..6).
	Rule GuardrailRule `json:"rule"`
	// Deciding lists, by ID, the decisive checks behind Rule: the insufficient or
	// inconclusive checks for deadline_insufficient and inconclusive, the failing ones for
	// critical_failure and check_failed, those past the error limit for error_limit; empty
	// for failure_threshold and all_passed.
	Deciding []CheckID `json:"deciding"`
	// FailedChecks is the cumulative failed-interval counter after this interval.
	FailedChecks int `json:"failed_checks"`
	// Threshold is the counter's trip value (FailureThreshold as used, default 1).
	Threshold int `json:"threshold"`
	// Tripped is true when FailedChecks >= Threshold: unless this interval already rolled
	// back, the next interval rolls back (rule 2, Flagger's "failed checks threshold
	// reached").
	Tripped bool `json:"tripped"`
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
	Metric       string `json:"metric"`            // metric name
	DryRun       bool   `json:"dry_run,omitempty"` // every check of the metric is a dry run
	Pass         int    `json:"pass"`              // intervals the metric passed
	Inconclusive int    `json:"inconclusive"`      // intervals the metric was inconclusive
	Fail         int    `json:"fail"`              // intervals the metric failed
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
	// Rule is the last interval's deciding rule; zero (omitted) when none was analysed.
	Rule GuardrailRule `json:"rule,omitzero"`
	// FailedChecks is the cumulative failed-interval counter; Threshold its trip value.
	FailedChecks int `json:"failed_checks"`
	Threshold    int `json:"threshold"` // FailureThreshold as used (default 1)
	// Tripped is true when FailedChecks >= Threshold: the next interval rolls back.
	Tripped bool `json:"tripped"`
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
	metricOf  []int // check index -> metric index
	bounds    []bounds
	reg       []regressionParams
	errRun    []int
	failed    int
	ticks     int
	last      *TickResult
	lastAt    time.Time
	done      bool
	metrics   []string // metric names, sorted
	metricDry []bool
	summary   []MetricSummary
	// scratch, reused by every interval
	obs     []*Observation
	outcome []Outcome
	phases  []Phase
	nextRun []int
}

// NewAnalysis validates g and returns an analysis at its start (no interval, counter 0).
// The guardrail is copied; later changes to g do not affect the analysis.
func NewAnalysis(g Guardrail) (*Analysis, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	g.Checks = slices.Clone(g.Checks)
	n := len(g.Checks)
	a := &Analysis{g: g, index: make(map[CheckID]int, n), metricOf: make([]int, n), bounds: make([]bounds, n),
		reg: make([]regressionParams, n), errRun: make([]int, n),
		obs: make([]*Observation, n), outcome: make([]Outcome, n), nextRun: make([]int, n)}
	a.order = make([]int, n)
	metricIdx := map[string]int{}
	for i := range g.Checks {
		c := &g.Checks[i]
		a.order[i] = i
		a.index[c.ID] = i
		a.bounds[i] = newBounds(c)
		if c.Regression != nil {
			a.reg[i] = newRegressionParams(c.Regression)
		}
		if _, ok := metricIdx[c.Metric]; !ok {
			metricIdx[c.Metric] = 0
			a.metrics = append(a.metrics, c.Metric)
		}
	}
	slices.SortFunc(a.order, func(x, y int) int { return strings.Compare(string(g.Checks[x].ID), string(g.Checks[y].ID)) })
	slices.Sort(a.metrics)
	a.metricDry = make([]bool, len(a.metrics))
	a.summary = make([]MetricSummary, len(a.metrics))
	a.phases = make([]Phase, len(a.metrics))
	for i, m := range a.metrics {
		metricIdx[m] = i
		a.metricDry[i] = true
		a.summary[i] = MetricSummary{Metric: m}
	}
	for i := range g.Checks {
		a.metricOf[i] = metricIdx[g.Checks[i].Metric]
		if !g.Checks[i].DryRun {
			a.metricDry[a.metricOf[i]] = false
		}
	}
	for i := range a.summary {
		a.summary[i].DryRun = a.metricDry[i]
	}
	return a, nil
}

// FailedChecks returns the cumulative failed-interval counter (0 for a nil Analysis).
func (a *Analysis) FailedChecks() int {
	if a == nil {
		return 0
	}
	return a.failed
}

// ready returns a *productops.ValidationError for a nil Analysis or one not made by
// NewAnalysis (the zero Analysis has no checks and must not promote).
func (a *Analysis) ready() error {
	if a != nil && len(a.g.Checks) > 0 {
		return nil
	}
	e := validation.New("launch: analysis")
	e.Add("", "required", "", "is not initialised: make it with NewAnalysis")
	return e.Err()
}

// Step judges one interval and returns its decision (domain study §2.3). Every check's
// outcome is computed first (no short-circuit), then the first matching rule decides:
//
//  1. at or after the Deadline, a decisive check with insufficient data (or fed as
//     inconclusive) rolls back under RollbackOnInsufficient (under HoldOnInsufficient the
//     deadline forces nothing);
//  2. FailedChecks from earlier intervals >= the threshold rolls back (Flagger: the trip
//     acts at the start of the interval after the threshold-th failure);
//  3. a failing Critical check rolls back;
//  4. any failing check adds 1 to FailedChecks (once per interval) and holds;
//  5. a check past its consecutive-error limit rolls back; insufficient data, inconclusive
//     observations or errors within the limit hold (inconclusive pauses);
//  6. otherwise promote.
//
// The result names the rule as a typed GuardrailRule with the checks behind it, the
// counter, its threshold and whether it has tripped, and per-metric outcome counts.
// Dry-run checks are computed and reported, never decisive. Ticks must come in
// increasing At order. An observation for an unknown check, a duplicate observation,
// negative counts or events above trials are a *productops.ValidationError and leave the
// analysis unchanged. After a rollback Step returns ErrRolledBack.
func (a *Analysis) Step(t Tick) (TickResult, error) {
	if err := a.ready(); err != nil {
		return TickResult{}, err
	}
	if a.done {
		return TickResult{}, ErrRolledBack
	}
	if err := a.checkTick(&t); err != nil {
		return TickResult{}, err
	}
	res := a.detail(&t, a.errRun, a.failed)
	a.commit(&t, res.Decision, res.FailedChecks)
	a.last = &res
	return res, nil
}

// tickEval is the decision core's output for one interval.
type tickEval struct {
	decision Decision
	failed   int // counter after the interval
	phase    Phase
	kind     GuardrailRule
	rule     string // set only when explaining
}

// eval judges the interval whose observations are in a.obs, given the consecutive-error
// runs and counter before it. It fills a.outcome, a.nextRun and a.phases, and builds
// messages only when explain is set. It never changes the analysis state.
func (a *Analysis) eval(at time.Time, errRun []int, failed int, explain bool, results []CheckResult) tickEval {
	limit := a.g.errorLimit()
	for m := range a.phases {
		a.phases[m] = PhasePass
	}
	var insufficient, critFail, anyFail, errPast bool
	phase := PhasePass
	for k, i := range a.order {
		c := &a.g.Checks[i]
		var out Outcome
		if explain {
			results[k] = a.judge(i, a.obs[i])
			out = results[k].Outcome
		} else {
			out = a.outcomeOf(i, a.obs[i])
		}
		a.outcome[i] = out
		run := 0
		if out == OutcomeError {
			run = errRun[i] + 1
		}
		a.nextRun[i] = run
		exceeded := out == OutcomeError && run > limit
		if exceeded && !c.DryRun {
			errPast = true
		}
		p := PhaseInconclusive
		switch {
		case out == OutcomePass:
			p = PhasePass
		case out == OutcomeFail, exceeded:
			p = PhaseFail
		}
		if explain {
			cr := &results[k]
			cr.ConsecutiveErrors, cr.ErrorLimitExceeded = run, exceeded
			if exceeded {
				cr.Message += "; " + strconv.Itoa(run) + " consecutive errors > limit " + strconv.Itoa(limit)
			}
		}
		m := a.metricOf[i]
		if !c.DryRun {
			a.phases[m] = max(a.phases[m], p)
			phase = max(phase, p)
			switch out {
			case OutcomeInsufficient, OutcomeInconclusive:
				insufficient = true
			case OutcomeFail:
				anyFail = true
				critFail = critFail || c.Critical
			}
		} else if a.metricDry[m] {
			a.phases[m] = max(a.phases[m], p)
		}
	}

	ev := tickEval{phase: phase, failed: failed}
	threshold := a.g.threshold()
	deadline := !a.g.Deadline.IsZero() && !at.Before(a.g.Deadline)
	switch {
	case deadline && insufficient && a.g.OnInsufficient == RollbackOnInsufficient:
		ev.decision, ev.kind = Rollback, RuleDeadlineInsufficient
		if explain {
			ev.rule = "deadline " + a.g.Deadline.UTC().Format(time.RFC3339) + " passed with insufficient data"
		}
	case failed >= threshold:
		ev.decision, ev.kind = Rollback, RuleFailureThreshold
		if explain {
			ev.rule = "failed checks " + strconv.Itoa(failed) + " reached the threshold " + strconv.Itoa(threshold)
		}
	case critFail:
		ev.decision, ev.kind = Rollback, RuleCriticalFailure
		ev.rule = "a critical check failed"
	case anyFail:
		ev.failed++
		ev.decision, ev.kind = Hold, RuleCheckFailed
		if explain {
			ev.rule = "a check failed: failed checks " + strconv.Itoa(ev.failed) + " of threshold " + strconv.Itoa(threshold)
			if ev.failed >= threshold {
				ev.rule += "; the next interval rolls back"
			}
		}
	case errPast:
		ev.decision, ev.kind = Rollback, RuleErrorLimit
		ev.rule = "a check is past its consecutive-error limit"
	case insufficient || phase == PhaseInconclusive:
		ev.decision, ev.kind = Hold, RuleInconclusive
		ev.rule = "inconclusive: waiting for data"
		if deadline {
			ev.rule += " (deadline passed; policy hold)"
		}
	default:
		ev.decision, ev.kind = Promote, RuleAllPassed
		ev.rule = "every decisive check passed"
	}
	return ev
}

// detail judges the interval with full explanations (a.obs must be filled).
func (a *Analysis) detail(t *Tick, errRun []int, failed int) TickResult {
	res := TickResult{At: t.At, Checks: make([]CheckResult, len(a.order)), Metrics: make([]MetricPhase, len(a.metrics))}
	ev := a.eval(t.At, errRun, failed, true, res.Checks)
	res.Decision, res.FailedChecks, res.Phase, res.Rule = ev.decision, ev.failed, ev.phase, ev.kind
	res.Threshold = a.g.threshold()
	res.Tripped = res.FailedChecks >= res.Threshold
	res.Deciding = []CheckID{}
	for m, name := range a.metrics {
		res.Metrics[m] = MetricPhase{Metric: name, Phase: a.phases[m], DryRun: a.metricDry[m]}
	}
	for _, cr := range res.Checks {
		m := a.metricOf[a.index[cr.ID]]
		if !cr.DryRun || a.metricDry[m] {
			res.Metrics[m].Counts.add(cr.Outcome)
		}
		if cr.DryRun {
			continue
		}
		var deciding bool
		switch ev.kind {
		case RuleDeadlineInsufficient, RuleInconclusive:
			deciding = cr.Outcome == OutcomeInsufficient || cr.Outcome == OutcomeInconclusive ||
				(ev.kind == RuleInconclusive && cr.Outcome == OutcomeError)
		case RuleCriticalFailure:
			deciding = cr.Outcome == OutcomeFail && cr.Critical
		case RuleCheckFailed:
			deciding = cr.Outcome == OutcomeFail
		case RuleErrorLimit:
			deciding = cr.ErrorLimitExceeded
		}
		if deciding {
			res.Deciding = append(res.Deciding, cr.ID)
		}
	}
	res.Reasons = []string{ev.rule}
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
	return res
}

// commit applies the interval judged last by eval to the analysis state.
func (a *Analysis) commit(t *Tick, d Decision, failed int) {
	copy(a.errRun, a.nextRun)
	a.failed = failed
	a.ticks++
	a.lastAt = t.At
	a.done = d == Rollback
	for m, p := range a.phases {
		s := &a.summary[m]
		switch p {
		case PhasePass:
			s.Pass++
		case PhaseInconclusive:
			s.Inconclusive++
		case PhaseFail:
			s.Fail++
		}
		s.Worst = max(s.Worst, p)
		s.Last = p
	}
}

// checkTick validates a tick against the guardrail and the previous tick, and fills
// a.obs with each check's observation (nil when absent).
func (a *Analysis) checkTick(t *Tick) error {
	clear(a.obs)
	var e *validation.Errors
	add := func(field, rule, param, msg string) {
		if e == nil {
			e = validation.New("launch: tick")
		}
		e.Add(field, rule, param, msg)
	}
	if t.At.IsZero() {
		add("at", "required", "", "is required")
	} else if !instantOK(t.At) {
		add("at", "range", "1..9999", "must be within years 1..9999, in its zone and in UTC")
	} else if a.ticks > 0 && !t.At.After(a.lastAt) {
		add("at", "gtfield", "", "must be after the previous tick "+a.lastAt.UTC().Format(time.RFC3339Nano))
	}
	for j := range t.Observations {
		o := &t.Observations[j]
		i, ok := a.index[o.Check]
		if !ok {
			add(obsField(j, ".check"), "exists", "", "unknown check "+strconv.Quote(validation.Truncate(string(o.Check))))
			continue
		}
		if a.obs[i] != nil {
			add(obsField(j, ".check"), "unique", "", "duplicate observation for check "+strconv.Quote(validation.Truncate(string(o.Check))))
		}
		a.obs[i] = o
		if o.Sample < 0 {
			add(obsField(j, ".sample"), "gte", "0", "must be at least 0")
		}
		if o.Control.Events < 0 || o.Control.Trials < 0 {
			add(obsField(j, ".control"), "gte", "0", "counts must be at least 0")
		} else if o.Control.Events > o.Control.Trials {
			add(obsField(j, ".control.events"), "ltefield", "trials", "must be at most trials")
		}
		if o.Treatment.Events < 0 || o.Treatment.Trials < 0 {
			add(obsField(j, ".treatment"), "gte", "0", "counts must be at least 0")
		} else if o.Treatment.Events > o.Treatment.Trials {
			add(obsField(j, ".treatment.events"), "ltefield", "trials", "must be at most trials")
		}
	}
	if e == nil {
		return nil
	}
	clear(a.obs)
	return e.Err()
}

func obsField(j int, suffix string) string { return "observations[" + strconv.Itoa(j) + "]" + suffix }

// outcomeOf is judge without the explanation: the outcome alone, allocation-free.
func (a *Analysis) outcomeOf(i int, o *Observation) Outcome {
	c := &a.g.Checks[i]
	switch {
	case o == nil, o.Missing:
		return a.noData()
	case o.Inconclusive:
		return OutcomeInconclusive
	case c.Regression != nil:
		if min(o.Control.Trials, o.Treatment.Trials) < max(c.MinSample, 1) {
			return OutcomeInsufficient
		}
		if a.reg[i].regressed(o.Control, o.Treatment) {
			return OutcomeFail
		}
		return OutcomePass
	case math.IsNaN(o.Value) || math.IsInf(o.Value, 0):
		return a.noData()
	case o.Sample < c.MinSample:
		return OutcomeInsufficient
	}
	b := &a.bounds[i]
	if (b.hasMin && o.Value < b.min) || (b.hasMax && o.Value > b.max) {
		return OutcomeFail
	}
	return OutcomePass
}

// noData is the outcome of a missing value under the guardrail's policy.
func (a *Analysis) noData() Outcome {
	if a.g.NoData == NoDataFail {
		return OutcomeFail
	}
	return OutcomeError
}

// judge computes one check's outcome with its explanation (o is nil when absent).
func (a *Analysis) judge(i int, o *Observation) CheckResult {
	c := &a.g.Checks[i]
	cr := CheckResult{ID: c.ID, Metric: c.Metric, Critical: c.Critical, DryRun: c.DryRun}
	switch {
	case o == nil:
		cr.Outcome, cr.Message = a.noData(), "no observation"
		return cr
	case o.Missing:
		cr.Outcome, cr.Message = a.noData(), "value missing"
		return cr
	case o.Inconclusive:
		cr.Outcome, cr.Message = OutcomeInconclusive, "fed as inconclusive"
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
		cr.Outcome, cr.Message = a.noData(), "value is not finite"
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

// Result summarises the analysis so far; a nil or zero Analysis gives the zero
// summary (no interval analysed).
func (a *Analysis) Result() GuardrailResult {
	if a.ready() != nil {
		return GuardrailResult{Reasons: []string{}, Metrics: []MetricSummary{}}
	}
	r := GuardrailResult{Ticks: a.ticks, FailedChecks: a.failed, Threshold: a.g.threshold(),
		Metrics: slices.Clone(a.summary), Reasons: []string{}, Last: a.last}
	r.Tripped = r.FailedChecks >= r.Threshold
	if a.last != nil {
		r.Decision, r.Rule = a.last.Decision, a.last.Rule
		r.Reasons = slices.Clone(a.last.Reasons)
	}
	slices.SortFunc(r.Metrics, func(x, y MetricSummary) int { return cmp.Compare(x.Metric, y.Metric) })
	return r
}

// Analyze runs a fresh analysis of g over ticks, stopping at the first rollback (later
// ticks are not examined), and returns the summary. It gives the same result as calling
// Step for each tick, but explains only the last interval, so long runs stay fast. It
// fails on an invalid guardrail or tick, naming the tick.
func Analyze(g Guardrail, ticks []Tick) (GuardrailResult, error) {
	a, err := NewAnalysis(g)
	if err != nil {
		return GuardrailResult{}, err
	}
	for i := range ticks {
		t := &ticks[i]
		if err := a.checkTick(t); err != nil {
			e := validation.New("launch: analysis")
			e.Merge("ticks["+strconv.Itoa(i)+"]", err)
			return GuardrailResult{}, e.Err()
		}
		// eval reads the state and writes only scratch, so the last interval can be judged
		// again with explanations from the same state.
		ev := a.eval(t.At, a.errRun, a.failed, false, nil)
		if i == len(ticks)-1 || ev.decision == Rollback {
			res := a.detail(t, a.errRun, a.failed)
			a.commit(t, res.Decision, res.FailedChecks)
			a.last = &res
			break
		}
		a.commit(t, ev.decision, ev.failed)
	}
	return a.Result(), nil
}
