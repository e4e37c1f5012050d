package launch

import (
	"strconv"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// This file reproduces Argo Rollouts' AnalysisRun semantics (argoproj/argo-rollouts,
// analysis/analysis.go and docs/features/analysis.md): per-metric measurement counters,
// the failure, inconclusive and consecutive-error limits checked after every measurement,
// consecutiveSuccessLimit, count, dry-run metrics, and the run's worst-phase roll-up with
// early termination. Measurements come in already judged (Successful, Failed,
// Inconclusive or Error); ArgoMeasurementPhase turns success and failure conditions into a
// phase as Argo's expression evaluation does.

// AnalysisPhase is the phase of an Argo measurement, metric or run. The zero value is not
// a phase.
type AnalysisPhase uint8

// Analysis phases. Argo orders them best to worst as Successful, Running, Pending,
// Inconclusive, Error, Failed; a run takes the worst phase of its completed metrics.
const (
	// AnalysisPending: a metric with no measurement yet.
	AnalysisPending AnalysisPhase = iota + 1
	// AnalysisRunning: a metric or run that has measurements but is not complete.
	AnalysisRunning
	// AnalysisSuccessful: a successful measurement, or a metric or run completed as such.
	AnalysisSuccessful
	// AnalysisInconclusive: neither success nor failure; an inconclusive run pauses the
	// rollout for a human.
	AnalysisInconclusive
	// AnalysisError: the measurement could not be taken or evaluated (no data, provider
	// down). Unlike Failed it does not advance the count; consecutive errors past the
	// limit complete the metric as Error, which aborts the rollout like Failed.
	AnalysisError
	// AnalysisFailed: a failed measurement, or a metric or run completed as failed.
	AnalysisFailed
)

var analysisPhaseEnum = enum.Set[AnalysisPhase]{Subject: "launch: analysis phase", Kind: "analysis phase",
	Names: []string{"", "pending", "running", "successful", "inconclusive", "error", "failed"}}

// String returns "pending", "running", "successful", "inconclusive", "error" or "failed".
func (p AnalysisPhase) String() string { return analysisPhaseEnum.String(p) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (p AnalysisPhase) MarshalText() ([]byte, error) { return analysisPhaseEnum.Marshal(p) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (p *AnalysisPhase) UnmarshalText(b []byte) error { return analysisPhaseEnum.Unmarshal(p, b) }

// Completed reports whether p is final: successful, inconclusive, error or failed.
func (p AnalysisPhase) Completed() bool {
	return p == AnalysisSuccessful || p == AnalysisInconclusive || p == AnalysisError || p == AnalysisFailed
}

// analysisRank is Argo's order, best (0) to worst.
var analysisRank = [...]int{AnalysisSuccessful: 0, AnalysisRunning: 1, AnalysisPending: 2,
	AnalysisInconclusive: 3, AnalysisError: 4, AnalysisFailed: 5}

// Worse reports whether p is worse than q in Argo's order (Successful, Running, Pending,
// Inconclusive, Error, Failed).
func (p AnalysisPhase) Worse(q AnalysisPhase) bool { return rankOf(p) > rankOf(q) }

func rankOf(p AnalysisPhase) int {
	if int(p) < len(analysisRank) && p != 0 {
		return analysisRank[p]
	}
	return -1
}

// Condition is the result of one of a metric's conditions on one measurement. The zero
// value is ConditionAbsent.
type Condition uint8

// Conditions.
const (
	// ConditionAbsent: the metric has no such condition.
	ConditionAbsent Condition = iota
	// ConditionTrue: the condition holds.
	ConditionTrue
	// ConditionFalse: the condition does not hold.
	ConditionFalse
	// ConditionUnevaluable: the condition could not be evaluated (an empty result, a
	// provider error); the measurement is an Error.
	ConditionUnevaluable
)

var conditionEnum = enum.Set[Condition]{Subject: "launch: condition", Kind: "condition",
	Names: []string{"absent", "true", "false", "unevaluable"}}

// String returns "absent", "true", "false" or "unevaluable".
func (c Condition) String() string { return conditionEnum.String(c) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (c Condition) MarshalText() ([]byte, error) { return conditionEnum.Marshal(c) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (c *Condition) UnmarshalText(b []byte) error { return conditionEnum.Unmarshal(c, b) }

// ArgoMeasurementPhase is the phase Argo gives one measurement from its success and
// failure conditions (utils/evaluate EvaluateResult):
//
//   - either condition unevaluable: Error;
//   - neither condition: Successful;
//   - success only: Successful if it holds, else Failed (never Inconclusive);
//   - failure only: Failed if it holds, else Successful;
//   - both: Failed if failure holds (even when success holds too), Successful if only
//     success holds, Inconclusive if neither does.
//
// NaN is a value, not an error: with only "result >= 0.95" NaN fails; with the two
// complementary conditions it is inconclusive. An unknown Condition is treated as
// unevaluable.
func ArgoMeasurementPhase(success, failure Condition) AnalysisPhase {
	if !conditionEnum.Valid(success) || !conditionEnum.Valid(failure) || success == ConditionUnevaluable || failure == ConditionUnevaluable {
		return AnalysisError
	}
	ok, fail := success == ConditionTrue, failure == ConditionTrue
	switch {
	case success == ConditionAbsent && failure == ConditionAbsent:
		return AnalysisSuccessful
	case failure == ConditionAbsent:
		fail = !ok
	case success == ConditionAbsent:
		ok = !fail
	}
	switch {
	case fail:
		return AnalysisFailed
	case !ok:
		return AnalysisInconclusive
	}
	return AnalysisSuccessful
}

// ArgoMetric configures one metric of an Argo-style analysis run. The zero values of its
// limits are Argo's defaults.
type ArgoMetric struct {
	// Name identifies the metric; required, unique within the analysis.
	Name string `json:"name" validate:"required,max=200"`
	// Count is how many counted (non-error) measurements complete the metric. Zero means
	// 1, unless Indefinite (Argo: no count and no interval means one measurement).
	Count int `json:"count" validate:"gte=0"`
	// Indefinite runs the metric until the run terminates (Argo: an interval without a
	// count); it must not be set with Count.
	Indefinite bool `json:"indefinite,omitempty"`
	// FailureLimit is how many failed measurements are tolerated: the metric fails when
	// failed > FailureLimit. Zero (the default) tolerates none; -1 disables the limit.
	FailureLimit int `json:"failure_limit" validate:"gte=-1"`
	// InconclusiveLimit is how many inconclusive measurements are tolerated: the metric is
	// Inconclusive when inconclusive > InconclusiveLimit. Zero tolerates none.
	InconclusiveLimit int `json:"inconclusive_limit" validate:"gte=0"`
	// ConsecutiveErrorLimit is how many errors in a row are tolerated: the metric is Error
	// when consecutive errors > the limit. nil means 4 (Argo's default).
	ConsecutiveErrorLimit *int `json:"consecutive_error_limit,omitempty" validate:"omitnil,gte=0"`
	// ConsecutiveSuccessLimit completes the metric as Successful after that many
	// successful measurements in a row; zero (the default) disables it. FailureLimit -1
	// and ConsecutiveSuccessLimit 0 together are invalid (nothing could decide).
	ConsecutiveSuccessLimit int `json:"consecutive_success_limit" validate:"gte=0"`
	// DryRun metrics are measured and reported (DryRunSummary) but never affect the run.
	DryRun bool `json:"dry_run,omitempty"`
}

// DefaultConsecutiveErrorLimit is Argo's default ConsecutiveErrorLimit: the 5th error in a
// row completes the metric as Error.
const DefaultConsecutiveErrorLimit = 4

func (m *ArgoMetric) errorLimit() int {
	if m.ConsecutiveErrorLimit == nil {
		return DefaultConsecutiveErrorLimit
	}
	return *m.ConsecutiveErrorLimit
}

// effectiveCount returns the count that completes the metric, or 0 for an indefinite one.
func (m *ArgoMetric) effectiveCount() int {
	switch {
	case m.Count > 0:
		return m.Count
	case m.Indefinite:
		return 0
	}
	return 1
}

// ArgoAnalysis configures an Argo-style analysis run: its metrics, in order (the order
// decides which metric's message a run reports when several are equally bad).
type ArgoAnalysis struct {
	// Metrics are the run's metrics; at least one, at most MaxArgoMetrics, unique names.
	Metrics []ArgoMetric `json:"metrics" validate:"required,min=1,dive"`
}

// MaxArgoMetrics is the most metrics an ArgoAnalysis may have.
const MaxArgoMetrics = 1000

// Validate reports every problem at once as a *productops.ValidationError, with Argo's
// rules (utils/analysis ValidateMetric): negative limits (FailureLimit below -1), both
// FailureLimit -1 and ConsecutiveSuccessLimit 0, Count below FailureLimit +
// ConsecutiveSuccessLimit (or below either limit alone where the other is disabled) or
// below InconclusiveLimit, Count with Indefinite, duplicate names. Unlike Argo, the
// effective count 1 of a metric with neither Count nor Indefinite is checked too (a
// consecutive-success limit above it could never be reached). The sums are computed
// without overflow. A nil analysis is invalid.
func (c *ArgoAnalysis) Validate() error {
	e := validation.New("launch: argo analysis")
	if c == nil {
		e.Add("", "required", "", "is required")
		return e.Err()
	}
	e.Struct("", c)
	if len(c.Metrics) > MaxArgoMetrics {
		e.Add("metrics", "max", strconv.Itoa(MaxArgoMetrics), "must have at most "+strconv.Itoa(MaxArgoMetrics)+" elements")
		return e.Err()
	}
	seen := make(map[string]bool, len(c.Metrics))
	for i := range c.Metrics {
		m := &c.Metrics[i]
		p := "metrics[" + strconv.Itoa(i) + "]"
		if m.Name != "" {
			if seen[m.Name] {
				e.Add(p+".name", "unique", "", "duplicate metric name "+strconv.Quote(validation.Truncate(m.Name)))
			}
			seen[m.Name] = true
		}
		if m.Count < 0 || m.FailureLimit < -1 || m.InconclusiveLimit < 0 || m.ConsecutiveSuccessLimit < 0 {
			continue // reported by the tags; the relations below need sane values
		}
		if m.FailureLimit == -1 && m.ConsecutiveSuccessLimit == 0 {
			e.Add(p+".failure_limit", "excluded_with", "consecutive_success_limit",
				"failure_limit -1 and consecutive_success_limit 0 cannot both be disabled")
		}
		if m.Count > 0 && m.Indefinite {
			e.Add(p+".indefinite", "excluded_with", "count", "set count or indefinite, not both")
		}
		if count := m.effectiveCount(); count > 0 {
			// count >= failureLimit + consecutiveSuccessLimit, without computing the sum.
			// Argo checks an explicit count; the effective count 1 of a metric with
			// neither count nor indefinite is checked the same way, since a larger limit
			// could never be reached.
			fl := max(m.FailureLimit, 0)
			if m.ConsecutiveSuccessLimit > count || fl > count-m.ConsecutiveSuccessLimit {
				e.Add(p+".count", "gtefield", "failure_limit consecutive_success_limit",
					"must be at least failure_limit + consecutive_success_limit ("+strconv.Itoa(fl)+" + "+strconv.Itoa(m.ConsecutiveSuccessLimit)+"); zero means 1")
			}
			if count < m.InconclusiveLimit {
				e.Add(p+".count", "gtefield", "inconclusive_limit", "must be at least inconclusive_limit")
			}
		}
	}
	return e.Err()
}

// ArgoMeasurement is one judged measurement of one metric.
type ArgoMeasurement struct {
	// Metric names the measured metric.
	Metric string `json:"metric"`
	// Phase is successful, failed, inconclusive or error.
	Phase AnalysisPhase `json:"phase"`
}

// ArgoRule names what completed an Argo metric, or a run.
type ArgoRule uint8

// Argo rules.
const (
	// ArgoRuleFailureLimit: failed > FailureLimit.
	ArgoRuleFailureLimit ArgoRule = iota + 1
	// ArgoRuleInconclusiveLimit: inconclusive > InconclusiveLimit.
	ArgoRuleInconclusiveLimit
	// ArgoRuleConsecutiveErrorLimit: consecutive errors > ConsecutiveErrorLimit.
	ArgoRuleConsecutiveErrorLimit
	// ArgoRuleConsecutiveSuccessLimit: consecutive successes reached the limit.
	ArgoRuleConsecutiveSuccessLimit
	// ArgoRuleCountReached: Count measurements were counted without another rule
	// deciding: Successful when only FailureLimit applies, Failed when only
	// ConsecutiveSuccessLimit applies (it was not reached), Inconclusive when both apply.
	ArgoRuleCountReached
	// ArgoRuleTerminated: the run terminated (another metric completed badly, or
	// Terminate) before the metric completed; it completes as Successful.
	ArgoRuleTerminated
)

var argoRuleEnum = enum.Set[ArgoRule]{Subject: "launch: argo rule", Kind: "argo rule",
	Names: []string{"", "failure_limit", "inconclusive_limit", "consecutive_error_limit", "consecutive_success_limit", "count_reached", "terminated"}}

// String returns the snake_case name, such as "failure_limit".
func (r ArgoRule) String() string { return argoRuleEnum.String(r) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (r ArgoRule) MarshalText() ([]byte, error) { return argoRuleEnum.Marshal(r) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (r *ArgoRule) UnmarshalText(b []byte) error { return argoRuleEnum.Unmarshal(r, b) }

// ArgoMetricResult is one metric's counters and phase (Argo's MetricResult).
type ArgoMetricResult struct {
	Name   string        `json:"name"`              // the metric
	DryRun bool          `json:"dry_run,omitempty"` // copied from the metric
	Phase  AnalysisPhase `json:"phase"`             // pending, running or a completed phase
	// Rule is what completed the metric; zero (omitted) while it runs.
	Rule ArgoRule `json:"rule,omitzero"`
	// Value and Limit are the numbers Rule compared, such as failed 2 and failure limit 1
	// (value > limit), consecutive successes 3 and limit 3 (value >= limit), or the count
	// reached; both 0 for terminated.
	Value int `json:"value"`
	Limit int `json:"limit"`
	// Count counts the non-error measurements; Measurements every measurement taken.
	Count        int `json:"count"`
	Measurements int `json:"measurements"`
	// Successful, Failed, Inconclusive and Error count measurements by phase.
	Successful   int `json:"successful"`
	Failed       int `json:"failed"`
	Inconclusive int `json:"inconclusive"`
	Error        int `json:"error"`
	// ConsecutiveError and ConsecutiveSuccess are the current runs.
	ConsecutiveError   int `json:"consecutive_error"`
	ConsecutiveSuccess int `json:"consecutive_success"`
	// Ignored counts measurements that arrived after the metric or the run completed;
	// Argo takes none then, so they change nothing.
	Ignored int `json:"ignored"`
	// Message explains a completed phase the way Argo does: "failed (2) > failureLimit
	// (1)"; empty while running.
	Message string `json:"message,omitempty"`
}

// ArgoSummary counts a run's metrics by completed phase (Argo's RunSummary).
type ArgoSummary struct {
	Count        int `json:"count"` // metrics
	Successful   int `json:"successful"`
	Failed       int `json:"failed"`
	Inconclusive int `json:"inconclusive"`
	Error        int `json:"error"`
}

// ArgoAction is what a rollout does with a run's phase.
type ArgoAction uint8

// Argo actions (rollout/analysis.go).
const (
	// ArgoWait: the run is still running; keep measuring.
	ArgoWait ArgoAction = iota + 1
	// ArgoPromote: the run succeeded; the step may proceed.
	ArgoPromote
	// ArgoPause: the run is inconclusive; the rollout pauses for a human to resume or
	// abort.
	ArgoPause
	// ArgoAbort: the run failed or errored; the rollout aborts (rolls back).
	ArgoAbort
)

var argoActionEnum = enum.Set[ArgoAction]{Subject: "launch: argo action", Kind: "argo action",
	Names: []string{"", "wait", "promote", "pause", "abort"}}

// String returns "wait", "promote", "pause" or "abort".
func (a ArgoAction) String() string { return argoActionEnum.String(a) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (a ArgoAction) MarshalText() ([]byte, error) { return argoActionEnum.Marshal(a) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (a *ArgoAction) UnmarshalText(b []byte) error { return argoActionEnum.Unmarshal(a, b) }

// ArgoRunResult is the state of an Argo-style analysis run.
type ArgoRunResult struct {
	// Phase is the run's phase: Running while a decisive metric is incomplete and the run
	// is not terminating, else the worst phase of its completed decisive metrics
	// (Successful when there are none).
	Phase AnalysisPhase `json:"phase"`
	// Action is what the rollout does with Phase.
	Action ArgoAction `json:"action"`
	// Terminating is true once a decisive metric completed as Failed, Error or
	// Inconclusive, or Terminate was called: the other metrics then complete too.
	Terminating bool `json:"terminating"`
	// Metric names the first metric (in configuration order) with the worst phase; empty
	// while running.
	Metric string `json:"metric,omitempty"`
	// Message is Argo's run message: `Metric "m" assessed Failed due to failed (2) >
	// failureLimit (1)`; empty while running or when the deciding metric completed by
	// count or termination.
	Message string `json:"message,omitempty"`
	// Metrics are the metrics' results, in configuration order.
	Metrics []ArgoMetricResult `json:"metrics"`
	// Summary counts the decisive metrics by completed phase; DryRunSummary the dry-run
	// ones.
	Summary       ArgoSummary `json:"summary"`
	DryRunSummary ArgoSummary `json:"dry_run_summary"`
}

// ArgoRun is an Argo-style analysis run fed one measurement at a time. Not safe for
// concurrent use.
type ArgoRun struct {
	cfg         ArgoAnalysis
	index       map[string]int
	res         []ArgoMetricResult
	terminating bool
	phase       AnalysisPhase
}

// NewArgoRun validates cfg and starts a run with every metric Pending. The configuration is
// copied.
func NewArgoRun(cfg ArgoAnalysis) (*ArgoRun, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := &ArgoRun{cfg: ArgoAnalysis{Metrics: append([]ArgoMetric(nil), cfg.Metrics...)}, index: make(map[string]int, len(cfg.Metrics)),
		res: make([]ArgoMetricResult, len(cfg.Metrics))}
	for i := range r.cfg.Metrics {
		m := &r.cfg.Metrics[i]
		if m.ConsecutiveErrorLimit != nil {
			v := *m.ConsecutiveErrorLimit
			m.ConsecutiveErrorLimit = &v
		}
		r.index[m.Name] = i
		r.res[i] = ArgoMetricResult{Name: m.Name, DryRun: m.DryRun, Phase: AnalysisPending}
	}
	r.assessRun()
	return r, nil
}

// ready reports a nil or zero ArgoRun as a *productops.ValidationError.
func (r *ArgoRun) ready() error {
	if r != nil && len(r.res) > 0 {
		return nil
	}
	e := validation.New("launch: argo run")
	e.Add("", "required", "", "is not initialised: make it with NewArgoRun")
	return e.Err()
}

// Measure records one measurement and reassesses the metric and the run, as Argo does
// after every measurement: the counters move (Successful: count+1, consecutive successes
// +1, consecutive errors reset; Failed and Inconclusive: count+1, both runs reset; Error:
// consecutive errors +1, consecutive successes reset, count unchanged), then the failure,
// inconclusive and consecutive-error limits are checked in that order (a later one
// overrides an earlier one), then ConsecutiveSuccessLimit, then Count.
//
// A measurement of a metric that has completed, or of a run that has, is not taken
// (Argo measures no more) and is counted in Ignored. An unknown metric or a phase other
// than successful, failed, inconclusive or error is a *productops.ValidationError and
// changes nothing.
func (r *ArgoRun) Measure(m ArgoMeasurement) (ArgoRunResult, error) {
	if err := r.ready(); err != nil {
		return ArgoRunResult{}, err
	}
	if err := r.measure(m); err != nil {
		return ArgoRunResult{}, err
	}
	return r.Result(), nil
}

func (r *ArgoRun) measure(m ArgoMeasurement) error {
	i, ok := r.index[m.Metric]
	if !ok || !(m.Phase.Completed()) {
		e := validation.New("launch: argo measurement")
		if !ok {
			e.Add("metric", "exists", "", "unknown metric "+strconv.Quote(validation.Truncate(m.Metric)))
		}
		if !m.Phase.Completed() {
			e.Add("phase", "oneof", "", "must be successful, failed, inconclusive or error, got "+m.Phase.String())
		}
		return e.Err()
	}
	res := &r.res[i]
	if res.Phase.Completed() || r.phase.Completed() {
		res.Ignored++
		return nil
	}
	res.Measurements++
	switch m.Phase {
	case AnalysisSuccessful:
		res.Successful++
		res.Count++
		res.ConsecutiveError = 0
		res.ConsecutiveSuccess++
	case AnalysisFailed:
		res.Failed++
		res.Count++
		res.ConsecutiveError, res.ConsecutiveSuccess = 0, 0
	case AnalysisInconclusive:
		res.Inconclusive++
		res.Count++
		res.ConsecutiveError, res.ConsecutiveSuccess = 0, 0
	case AnalysisError:
		res.Error++
		res.ConsecutiveError++
		res.ConsecutiveSuccess = 0
	}
	r.assessMetric(i, false)
	r.assessRun()
	return nil
}

// Terminate ends the run early, as when a rollout finishes a background analysis or
// aborts: every incomplete metric completes as Successful (rule terminated), unless a
// limit had already completed it. A terminated run with no measurement is Successful.
// Terminating a nil or zero ArgoRun gives the zero result.
func (r *ArgoRun) Terminate() ArgoRunResult {
	if r.ready() != nil {
		return ArgoRunResult{Metrics: []ArgoMetricResult{}}
	}
	r.terminating = true
	r.assessRun()
	return r.Result()
}

// assessMetric completes metric i if a rule applies (Argo's assessMetricStatus).
func (r *ArgoRun) assessMetric(i int, terminating bool) {
	res := &r.res[i]
	if res.Phase.Completed() {
		return
	}
	m := &r.cfg.Metrics[i]
	if res.Measurements == 0 {
		if terminating {
			res.Phase, res.Rule = AnalysisSuccessful, ArgoRuleTerminated
		}
		return
	}
	if m.FailureLimit >= 0 && res.Failed > m.FailureLimit {
		res.Phase, res.Rule, res.Value, res.Limit = AnalysisFailed, ArgoRuleFailureLimit, res.Failed, m.FailureLimit
		res.Message = "failed (" + strconv.Itoa(res.Failed) + ") > failureLimit (" + strconv.Itoa(m.FailureLimit) + ")"
	}
	if res.Inconclusive > m.InconclusiveLimit {
		res.Phase, res.Rule, res.Value, res.Limit = AnalysisInconclusive, ArgoRuleInconclusiveLimit, res.Inconclusive, m.InconclusiveLimit
		res.Message = "inconclusive (" + strconv.Itoa(res.Inconclusive) + ") > inconclusiveLimit (" + strconv.Itoa(m.InconclusiveLimit) + ")"
	}
	if limit := m.errorLimit(); res.ConsecutiveError > limit {
		res.Phase, res.Rule, res.Value, res.Limit = AnalysisError, ArgoRuleConsecutiveErrorLimit, res.ConsecutiveError, limit
		res.Message = "consecutiveErrors (" + strconv.Itoa(res.ConsecutiveError) + ") > consecutiveErrorLimit (" + strconv.Itoa(limit) + ")"
	}
	if res.Phase.Completed() {
		return
	}
	if m.ConsecutiveSuccessLimit > 0 && res.ConsecutiveSuccess >= m.ConsecutiveSuccessLimit {
		res.Phase, res.Rule, res.Value, res.Limit = AnalysisSuccessful, ArgoRuleConsecutiveSuccessLimit, res.ConsecutiveSuccess, m.ConsecutiveSuccessLimit
		res.Message = "consecutiveSuccess (" + strconv.Itoa(res.ConsecutiveSuccess) + ") >= consecutiveSuccessLimit (" + strconv.Itoa(m.ConsecutiveSuccessLimit) + ")"
		return
	}
	if c := m.effectiveCount(); c > 0 && res.Count >= c {
		res.Rule, res.Value, res.Limit = ArgoRuleCountReached, res.Count, c
		failureApplies, successApplies := m.FailureLimit >= 0, m.ConsecutiveSuccessLimit > 0
		switch {
		case failureApplies && successApplies:
			res.Phase = AnalysisInconclusive
			res.Message = "count (" + strconv.Itoa(c) + ") reached: consecutiveSuccessLimit not reached and failureLimit not violated"
		case successApplies:
			res.Phase = AnalysisFailed
			res.Message = "count (" + strconv.Itoa(c) + ") reached: consecutiveSuccessLimit not reached"
		default:
			res.Phase = AnalysisSuccessful
			res.Message = "count (" + strconv.Itoa(c) + ") reached"
		}
		return
	}
	if terminating {
		res.Phase, res.Rule = AnalysisSuccessful, ArgoRuleTerminated
	} else {
		res.Phase = AnalysisRunning
	}
}

// assessRun rolls the metrics up into the run phase (Argo's assessRunStatus).
func (r *ArgoRun) assessRun() {
	if !r.terminating {
		for i := range r.res {
			p := r.res[i].Phase
			if !r.res[i].DryRun && (p == AnalysisFailed || p == AnalysisError || p == AnalysisInconclusive) {
				r.terminating = true
				break
			}
		}
	}
	var worst AnalysisPhase
	complete := true
	for i := range r.res {
		r.assessMetric(i, r.terminating)
		res := &r.res[i]
		if !res.Phase.Completed() {
			complete = false
			continue
		}
		if res.DryRun {
			if worst == 0 {
				worst = AnalysisSuccessful
			}
			continue
		}
		if worst == 0 || res.Phase.Worse(worst) {
			worst = res.Phase
		}
	}
	switch {
	case r.terminating && worst == 0:
		r.phase = AnalysisSuccessful
	case r.terminating:
		r.phase = worst
	case !complete || worst == 0:
		r.phase = AnalysisRunning
	default:
		r.phase = worst
	}
}

// Result returns the run's current state. A nil or zero ArgoRun gives the zero result.
func (r *ArgoRun) Result() ArgoRunResult {
	if r.ready() != nil {
		return ArgoRunResult{Metrics: []ArgoMetricResult{}}
	}
	out := ArgoRunResult{Phase: r.phase, Terminating: r.terminating, Metrics: append([]ArgoMetricResult(nil), r.res...)}
	switch r.phase {
	case AnalysisSuccessful:
		out.Action = ArgoPromote
	case AnalysisInconclusive:
		out.Action = ArgoPause
	case AnalysisError, AnalysisFailed:
		out.Action = ArgoAbort
	default:
		out.Action = ArgoWait
	}
	var worst AnalysisPhase
	for i := range r.res {
		res := &r.res[i]
		s := &out.Summary
		if res.DryRun {
			s = &out.DryRunSummary
		}
		s.Count++
		switch res.Phase {
		case AnalysisSuccessful:
			s.Successful++
		case AnalysisFailed:
			s.Failed++
		case AnalysisInconclusive:
			s.Inconclusive++
		case AnalysisError:
			s.Error++
		}
		if res.DryRun || !res.Phase.Completed() || !r.phase.Completed() {
			continue
		}
		if worst == 0 || res.Phase.Worse(worst) {
			worst = res.Phase
			out.Metric = res.Name
			out.Message = ""
			if res.Rule == ArgoRuleFailureLimit || res.Rule == ArgoRuleInconclusiveLimit || res.Rule == ArgoRuleConsecutiveErrorLimit {
				out.Message = "Metric \"" + res.Name + "\" assessed " + argoTitle(res.Phase) + " due to " + res.Message
			}
		}
	}
	return out
}

// argoTitle spells a phase as Argo's messages do ("Failed").
func argoTitle(p AnalysisPhase) string {
	s := p.String()
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// AnalyzeArgo runs a fresh ArgoRun over measurements in order and returns its result;
// when terminate is true the run is then terminated (a background analysis at the end
// of the rollout). Measurements after the run completes are ignored, as Argo takes none.
// An invalid configuration or measurement is a *productops.ValidationError naming it
// ("measurements[3].metric").
func AnalyzeArgo(cfg ArgoAnalysis, measurements []ArgoMeasurement, terminate bool) (ArgoRunResult, error) {
	r, err := NewArgoRun(cfg)
	if err != nil {
		return ArgoRunResult{}, err
	}
	for i := range measurements {
		if err := r.measure(measurements[i]); err != nil {
			e := validation.New("launch: argo analysis")
			e.Merge("measurements["+strconv.Itoa(i)+"]", err)
			return ArgoRunResult{}, e.Err()
		}
	}
	if terminate {
		return r.Terminate(), nil
	}
	return r.Result(), nil
}
