package launch

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
)

// This file is a canary judge after Kayenta's NetflixACAJudge (spinnaker/kayenta,
// kayenta-judge: MannWhitneyClassifier, WeightedSumScorer, ThresholdScoreClassifier): each
// metric's experiment (canary) series is compared with its control (baseline) series by a
// Mann-Whitney test, classified Pass, High, Low, Nodata or NodataFailMetric; metrics roll
// up into weighted groups and a summary score, which the thresholds classify as Pass,
// Marginal or Fail, with critical metrics and too much missing data failing the run.

// CanaryDirection says which change of a metric is a problem. The zero value is Either.
type CanaryDirection uint8

// Canary directions.
const (
	// DirectionEither: a significant increase (High) or decrease (Low) fails the metric.
	DirectionEither CanaryDirection = iota
	// DirectionIncrease: only an increase is a problem (latency, errors).
	DirectionIncrease
	// DirectionDecrease: only a decrease is a problem (throughput, successes).
	DirectionDecrease
)

var canaryDirectionEnum = enum.Set[CanaryDirection]{Subject: "launch: canary direction", Kind: "canary direction",
	Names: []string{"either", "increase", "decrease"}}

// String returns "either", "increase" or "decrease".
func (d CanaryDirection) String() string { return canaryDirectionEnum.String(d) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (d CanaryDirection) MarshalText() ([]byte, error) { return canaryDirectionEnum.Marshal(d) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (d *CanaryDirection) UnmarshalText(b []byte) error { return canaryDirectionEnum.Unmarshal(d, b) }

// NaNStrategy says what a NaN point of a series means. The zero value is NaNRemove.
type NaNStrategy uint8

// NaN strategies (Kayenta's nanStrategy).
const (
	// NaNRemove drops NaN points; a series left empty makes the metric Nodata (or
	// NodataFailMetric when it must have data).
	NaNRemove NaNStrategy = iota
	// NaNReplace replaces NaN points with 0, and a series with no data passes.
	NaNReplace
)

var nanStrategyEnum = enum.Set[NaNStrategy]{Subject: "launch: nan strategy", Kind: "nan strategy",
	Names: []string{"remove", "replace"}}

// String returns "remove" or "replace".
func (s NaNStrategy) String() string { return nanStrategyEnum.String(s) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (s NaNStrategy) MarshalText() ([]byte, error) { return nanStrategyEnum.Marshal(s) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (s *NaNStrategy) UnmarshalText(b []byte) error { return nanStrategyEnum.Unmarshal(s, b) }

// CanaryClass classifies one metric of a canary (Kayenta's MetricClassificationLabel).
type CanaryClass uint8

// Metric classifications.
const (
	// CanaryPass: no significant difference in the problem direction.
	CanaryPass CanaryClass = iota + 1
	// CanaryHigh: the experiment is significantly higher than the control.
	CanaryHigh
	// CanaryLow: the experiment is significantly lower than the control.
	CanaryLow
	// CanaryNodata: a series is empty; left out of its groups' scores, but 50% or more
	// Nodata metrics fail the canary, and a critical Nodata metric fails it.
	CanaryNodata
	// CanaryNodataFailMetric: a series is empty and the metric must have data; it counts
	// as a failing metric in its groups.
	CanaryNodataFailMetric
	// CanaryError: the test could not be computed (every point tied during the
	// interval search); left out of group scores, as in Kayenta.
	CanaryError
)

var canaryClassEnum = enum.Set[CanaryClass]{Subject: "launch: canary classification", Kind: "canary classification",
	Names: []string{"", "pass", "high", "low", "nodata", "nodata_fail_metric", "error"}}

// String returns the snake_case name, such as "nodata_fail_metric".
func (c CanaryClass) String() string { return canaryClassEnum.String(c) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (c CanaryClass) MarshalText() ([]byte, error) { return canaryClassEnum.Marshal(c) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (c *CanaryClass) UnmarshalText(b []byte) error { return canaryClassEnum.Unmarshal(c, b) }

// CanaryVerdict classifies a canary's summary score (Kayenta's ThresholdScoreClassifier).
type CanaryVerdict uint8

// Canary verdicts.
const (
	// CanaryVerdictPass: score >= PassThreshold.
	CanaryVerdictPass CanaryVerdict = iota + 1
	// CanaryVerdictMarginal: MarginalThreshold <= score < PassThreshold; Spinnaker's stage
	// may be set to continue on marginal.
	CanaryVerdictMarginal
	// CanaryVerdictFail: score < MarginalThreshold.
	CanaryVerdictFail
)

var canaryVerdictEnum = enum.Set[CanaryVerdict]{Subject: "launch: canary verdict", Kind: "canary verdict",
	Names: []string{"", "pass", "marginal", "fail"}}

// String returns "pass", "marginal" or "fail".
func (v CanaryVerdict) String() string { return canaryVerdictEnum.String(v) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (v CanaryVerdict) MarshalText() ([]byte, error) { return canaryVerdictEnum.Marshal(v) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (v *CanaryVerdict) UnmarshalText(b []byte) error { return canaryVerdictEnum.Unmarshal(v, b) }

// CanaryRule names what set a canary's summary score.
type CanaryRule uint8

// Canary rules, in the order Kayenta applies them.
const (
	// CanaryRuleCriticalFailure: a critical metric did not pass; the score is 0.
	CanaryRuleCriticalFailure CanaryRule = iota + 1
	// CanaryRuleTooMuchNodata: 50% or more of the (unmuted) metrics are Nodata; the score
	// is 0.
	CanaryRuleTooMuchNodata
	// CanaryRuleWeightedScore: the weighted sum of the group scores.
	CanaryRuleWeightedScore
)

var canaryRuleEnum = enum.Set[CanaryRule]{Subject: "launch: canary rule", Kind: "canary rule",
	Names: []string{"", "critical_failure", "too_much_nodata", "weighted_score"}}

// String returns "critical_failure", "too_much_nodata" or "weighted_score".
func (r CanaryRule) String() string { return canaryRuleEnum.String(r) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (r CanaryRule) MarshalText() ([]byte, error) { return canaryRuleEnum.Marshal(r) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (r *CanaryRule) UnmarshalText(b []byte) error { return canaryRuleEnum.Unmarshal(r, b) }

// CanaryMetric configures one metric of a canary judgement (Kayenta's canary config
// "analysisConfigurations.canary" fields).
type CanaryMetric struct {
	// Name identifies the metric; required, unique.
	Name string `json:"name" validate:"required,max=200"`
	// Groups are the groups the metric belongs to; at least one, at most 32, unique. A
	// metric may belong to several groups and then counts in each.
	Groups []string `json:"groups" validate:"required,min=1,max=32,unique,dive,required,max=200"`
	// Direction says which change fails the metric; the zero value is either.
	Direction CanaryDirection `json:"direction,omitempty"`
	// NaNStrategy says what NaN points mean; the zero value removes them.
	NaNStrategy NaNStrategy `json:"nan_strategy,omitempty"`
	// Critical: a critical metric that does not pass fails the whole canary (score 0);
	// so does a critical metric without data.
	Critical bool `json:"critical,omitempty"`
	// MustHaveData: a metric without data is NodataFailMetric (counted as failing in its
	// groups) instead of Nodata. Ignored for critical metrics, which fail the canary.
	MustHaveData bool `json:"must_have_data,omitempty"`
	// Muted metrics are classified and reported but take no part in the scores.
	Muted bool `json:"muted,omitempty"`
	// AllowedIncrease and AllowedDecrease are effect-size thresholds on the mean ratio
	// (experiment mean / control mean): a significant increase is High only if the ratio
	// is at least AllowedIncrease, a decrease Low only if it is at most AllowedDecrease.
	// nil means 1 (any significant change). Greater than 0.
	AllowedIncrease *decimal.Decimal `json:"allowed_increase,omitempty" validate:"omitnil,dbound,dgt=0"`
	AllowedDecrease *decimal.Decimal `json:"allowed_decrease,omitempty" validate:"omitnil,dbound,dgt=0"`
	// CriticalIncrease and CriticalDecrease are the ratios past which a High or Low
	// critical metric fails the canary; below them it is an ordinary High or Low. nil
	// means 1.
	CriticalIncrease *decimal.Decimal `json:"critical_increase,omitempty" validate:"omitnil,dbound,dgt=0"`
	CriticalDecrease *decimal.Decimal `json:"critical_decrease,omitempty" validate:"omitnil,dbound,dgt=0"`
}

// CanaryConfig configures a canary judgement. The zero values of its options are
// Kayenta's and Spinnaker's defaults.
type CanaryConfig struct {
	// Metrics are judged in this order; at least one, unique names.
	Metrics []CanaryMetric `json:"metrics" validate:"required,min=1,dive"`
	// GroupWeights are percentages (>= 0, bounded, summing to at most 100) for some or
	// all groups; groups without a weight share what is left of 100 equally. Every key
	// must be a group of some metric.
	GroupWeights map[string]decimal.Decimal `json:"group_weights,omitempty"`
	// PassThreshold is the smallest summary score that passes, 0..100; nil means 95.
	PassThreshold *decimal.Decimal `json:"pass_threshold,omitempty" validate:"omitnil,dbound,dgte=0,dlte=100"`
	// MarginalThreshold is the smallest marginal score, 0..100 and at most the pass
	// threshold (either as given or defaulted); nil means 75.
	MarginalThreshold *decimal.Decimal `json:"marginal_threshold,omitempty" validate:"omitnil,dbound,dgte=0,dlte=100"`
	// Tolerance is the fraction of the Hodges-Lehmann shift estimate that the confidence
	// interval must clear to be significant, in (0, 1]; zero means 0.25 (Kayenta).
	Tolerance decimal.Decimal `json:"tolerance" validate:"dbound,dgte=0,dlte=1"`
	// Confidence is the Mann-Whitney interval's level, in [0.5, 0.9999]; zero means 0.98
	// (Kayenta).
	Confidence decimal.Decimal `json:"confidence" validate:"dbound,dgte=0,dlt=1"`
	// MaxSamples is the most points one series may have, checked before any work; zero
	// means DefaultMaxCanarySamples, negative is invalid.
	MaxSamples int `json:"max_samples" validate:"gte=0"`
}

// MaxCanaryValue bounds the magnitude of a canary point, so that every difference, sum
// and mean of points stays finite.
const MaxCanaryValue = 1e150

// DefaultMaxCanarySamples is the default CanaryConfig.MaxSamples.
const DefaultMaxCanarySamples = 100_000

// CanaryScoreScale is the number of decimal places of canary scores (Kayenta rounds the
// summary to two places, half up).
const CanaryScoreScale = 2

// canaryInternalScale is the scale of exact intermediate quotients of the summary.
const canaryInternalScale = 20

func decOr(d *decimal.Decimal, def decimal.Decimal) decimal.Decimal {
	if d == nil {
		return def
	}
	return *d
}

func (c *CanaryConfig) passThreshold() decimal.Decimal {
	return decOr(c.PassThreshold, decimal.NewFromInt(95))
}

func (c *CanaryConfig) marginalThreshold() decimal.Decimal {
	return decOr(c.MarginalThreshold, decimal.NewFromInt(75))
}

func (c *CanaryConfig) maxSamples() int {
	if c.MaxSamples == 0 {
		return DefaultMaxCanarySamples
	}
	return c.MaxSamples
}

// Validate reports every problem at once as a *productops.ValidationError: missing or
// duplicate metric names, a metric without groups, unknown enum values, thresholds or
// weights out of range or unbounded, weights summing past 100, a weight for a group no
// metric has, MarginalThreshold above PassThreshold, Tolerance or Confidence out of range.
// A nil config is invalid.
func (c *CanaryConfig) Validate() error {
	e := validation.New("launch: canary config")
	if c == nil {
		e.Add("", "required", "", "is required")
		return e.Err()
	}
	e.Struct("", c)
	groups := map[string]bool{}
	names := make(map[string]bool, len(c.Metrics))
	for i := range c.Metrics {
		m := &c.Metrics[i]
		p := "metrics[" + strconv.Itoa(i) + "]"
		if m.Name != "" && names[m.Name] {
			e.Add(p+".name", "unique", "", "duplicate metric name "+strconv.Quote(validation.Truncate(m.Name)))
		}
		names[m.Name] = true
		for _, g := range m.Groups {
			groups[g] = true
		}
		if !canaryDirectionEnum.Valid(m.Direction) {
			e.Add(p+".direction", "oneof", "", "unknown value "+m.Direction.String())
		}
		if !nanStrategyEnum.Valid(m.NaNStrategy) {
			e.Add(p+".nan_strategy", "oneof", "", "unknown value "+m.NaNStrategy.String())
		}
	}
	keys := make([]string, 0, len(c.GroupWeights))
	for k := range c.GroupWeights {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	sum := decimal.Zero
	sumOK := true
	for _, k := range keys {
		w := c.GroupWeights[k]
		p := "group_weights[" + strconv.Quote(validation.Truncate(k)) + "]"
		switch {
		case !validation.DecimalBounded(w):
			e.Add(p, "dbound", "", "must have at most 40 digits and an exponent within ±40")
			sumOK = false
			continue
		case w.Sign() < 0:
			e.Add(p, "dgte", "0", "must be at least 0")
		}
		if !groups[k] {
			e.Add(p, "exists", "", "no metric belongs to group "+strconv.Quote(validation.Truncate(k)))
		}
		sum = sum.Add(w)
	}
	if sumOK && sum.Cmp(decimal.NewFromInt(100)) > 0 {
		e.Add("group_weights", "dlte", "100", "must sum to at most 100, got "+validation.Truncate(sum.String()))
	}
	if pass, marg := c.passThreshold(), c.marginalThreshold(); validation.DecimalBounded(pass) &&
		validation.DecimalBounded(marg) && marg.Cmp(pass) > 0 {
		e.Add("marginal_threshold", "ltefield", "pass_threshold", "must be at most pass_threshold")
	}
	if validation.DecimalBounded(c.Confidence) && !c.Confidence.IsZero() && c.Confidence.Cmp(decimal.New(5, -1)) < 0 {
		e.Add("confidence", "range", "0.5..0.9999", "must be 0 (meaning 0.98) or within 0.5..0.9999")
	}
	if validation.DecimalBounded(c.Confidence) && c.Confidence.Cmp(decimal.New(9999, -4)) > 0 {
		e.Add("confidence", "range", "0.5..0.9999", "must be 0 (meaning 0.98) or within 0.5..0.9999")
	}
	return e.Err()
}

// CanaryData is one metric's two series over the canary's interval.
type CanaryData struct {
	// Metric names a configured metric. A configured metric without data is judged on
	// empty series (Nodata), as Kayenta judges an empty query result.
	Metric string `json:"metric"`
	// Control (baseline) and Experiment (canary) are the metric's points. NaN points are
	// handled by the metric's NaNStrategy (JSON has no NaN: leave such points out);
	// other points must lie within ±MaxCanaryValue (±Inf is invalid). At most MaxSamples
	// each.
	Control    []float64 `json:"control"`
	Experiment []float64 `json:"experiment"`
}

// CanaryMetricResult is one metric's classification.
type CanaryMetricResult struct {
	Metric string   `json:"metric"` // the metric
	Groups []string `json:"groups"` // copied from the metric
	// Classification is pass, high, low, nodata, nodata_fail_metric or error.
	Classification CanaryClass `json:"classification"`
	// Critical is true when this metric fails the canary: a critical metric classified
	// High or Low past its critical ratio, or without data.
	Critical bool `json:"critical"`
	// Muted is copied from the metric: the classification takes no part in the scores.
	Muted bool `json:"muted,omitempty"`
	// Reason explains the classification; empty for a plain pass.
	Reason string `json:"reason,omitempty"`
	// ControlCount and ExperimentCount are the points after NaN handling.
	ControlCount    int `json:"control_count"`
	ExperimentCount int `json:"experiment_count"`
	// Ratio is the experiment mean over the control mean (Kayenta's deviation); nil when
	// a series is empty or a mean is 0.
	Ratio *float64 `json:"ratio"`
	// Estimate is the Hodges-Lehmann shift (experiment - control), Lower and Upper its
	// confidence interval; nil when the test was not run.
	Estimate *float64 `json:"estimate"`
	Lower    *float64 `json:"lower"`
	Upper    *float64 `json:"upper"`
}

// CanaryGroupScore is one group's score.
type CanaryGroupScore struct {
	Group string `json:"group"` // the group
	// Score is 100 × Pass / (Pass + High + Low + NodataFailMetric), at CanaryScoreScale
	// places; 0 with NoData when the denominator is 0.
	Score decimal.Decimal `json:"score"`
	// NoData is true when no metric of the group counted; the group then counts as 100
	// in the summary (Kayenta's effective score).
	NoData bool `json:"no_data"`
	// Weight is the group's share of the summary in percent: its configured weight, or
	// an equal share of what the configured weights leave of 100.
	Weight decimal.Decimal `json:"weight"`
	// Counts of the group's unmuted metrics by classification.
	Pass             int `json:"pass"`
	High             int `json:"high"`
	Low              int `json:"low"`
	Nodata           int `json:"nodata"`
	NodataFailMetric int `json:"nodata_fail_metric"`
	Error            int `json:"error"`
}

// CanaryResult is a canary judgement.
type CanaryResult struct {
	// Score is the summary score, 0..100 at CanaryScoreScale places (rounded half away
	// from zero, as Kayenta rounds half up).
	Score decimal.Decimal `json:"score"`
	// Verdict classifies Score against the thresholds.
	Verdict CanaryVerdict `json:"verdict"`
	// Rule says what set Score.
	Rule CanaryRule `json:"rule"`
	// Reason is Kayenta's text: "Canary Failed: ..." for the two failing rules, empty
	// for a weighted score.
	Reason string `json:"reason,omitempty"`
	// CriticalMetric names the first critical metric (in configuration order) that failed
	// the canary; empty otherwise.
	CriticalMetric string `json:"critical_metric,omitempty"`
	// PassThreshold and MarginalThreshold are the thresholds as used.
	PassThreshold     decimal.Decimal `json:"pass_threshold"`
	MarginalThreshold decimal.Decimal `json:"marginal_threshold"`
	// Scored counts the unmuted metrics; Nodata those of them classified nodata.
	Scored int `json:"scored"`
	Nodata int `json:"nodata"`
	// Groups are the group scores by group name.
	Groups []CanaryGroupScore `json:"groups"`
	// Metrics are the metric results in configuration order.
	Metrics []CanaryMetricResult `json:"metrics"`
}

// JudgeCanary is JudgeCanaryContext with context.Background().
func JudgeCanary(cfg CanaryConfig, data []CanaryData) (CanaryResult, error) {
	return JudgeCanaryContext(context.Background(), cfg, data)
}

// JudgeCanaryContext judges a canary as Kayenta's NetflixACAJudge does:
//
//  1. Each metric's series are cleaned by its NaNStrategy. If either is then empty the
//     metric is Nodata (critical if the metric is), NodataFailMetric when it must have
//     data and is not critical, or Pass under NaNReplace.
//  2. Identical series, or series with one distinct value between them, pass. Otherwise a
//     two-sided Mann-Whitney test (normal approximation with tie and continuity
//     corrections, as R's wilcox.test) gives the Hodges-Lehmann shift estimate of
//     experiment - control and its Confidence interval. With t = Tolerance × |estimate|,
//     the metric is High if the direction allows an increase, lower > t and the mean
//     ratio is at least AllowedIncrease (or undefined); Low if the direction allows a
//     decrease, upper < -t and the ratio is at most AllowedDecrease (or undefined); else
//     Pass. A critical metric High (Low) with a ratio at least CriticalIncrease (at most
//     CriticalDecrease) is critical.
//  3. A group's score is 100 × pass / (pass + high + low + nodata_fail_metric) over its
//     unmuted metrics; Nodata and error metrics are left out, and a group with nothing
//     left scores 0 but counts as 100 in the summary.
//  4. The summary is 0 when a critical metric fails (reason "Canary Failed: <the metric's
//     reason>") or when 50% or more of the unmuted metrics are Nodata; otherwise
//     Σ effective group score × weight / 100, rounded to two places.
//  5. Score >= PassThreshold passes, >= MarginalThreshold is marginal, else fails.
//
// Two deliberate differences from Kayenta, both deterministic where Kayenta is not: when
// every experiment point is equal and every control point is equal (but different from
// each other), Kayenta adds random noise before testing; the judge uses the limit of that
// noise going to zero, an estimate and interval equal to the difference. Where the rank
// equation holds on a whole interval of shifts, the midpoint of the interval is taken
// (Kayenta's root finder may return any point of it). Outlier removal is not offered.
//
// The work is about 600 rank passes over each metric's points; ctx is checked between
// passes, and ctx.Err() is returned when it is done. Invalid input is a
// *productops.ValidationError: see CanaryConfig.Validate, plus data for an unknown or
// repeated metric, points beyond ±MaxCanaryValue, and a series longer than MaxSamples
// (checked before any work).
func JudgeCanaryContext(ctx context.Context, cfg CanaryConfig, data []CanaryData) (CanaryResult, error) {
	if err := cfg.Validate(); err != nil {
		return CanaryResult{}, err
	}
	byName := make(map[string]int, len(cfg.Metrics))
	for i := range cfg.Metrics {
		byName[cfg.Metrics[i].Name] = i
	}
	series := make([]*CanaryData, len(cfg.Metrics))
	e := validation.New("launch: canary data")
	limit := cfg.maxSamples()
	for j := range data {
		d := &data[j]
		p := "data[" + strconv.Itoa(j) + "]"
		i, ok := byName[d.Metric]
		switch {
		case !ok:
			e.Add(p+".metric", "exists", "", "unknown metric "+strconv.Quote(validation.Truncate(d.Metric)))
			continue
		case series[i] != nil:
			e.Add(p+".metric", "unique", "", "duplicate data for metric "+strconv.Quote(validation.Truncate(d.Metric)))
		}
		series[i] = d
		for _, arm := range []struct {
			name string
			v    []float64
		}{{"control", d.Control}, {"experiment", d.Experiment}} {
			if len(arm.v) > limit {
				e.Add(p+"."+arm.name, "max", strconv.Itoa(limit), "must have at most "+strconv.Itoa(limit)+" points (max_samples)")
				continue
			}
			for k, x := range arm.v {
				if math.Abs(x) > MaxCanaryValue { // false for NaN
					e.Add(p+"."+arm.name+"["+strconv.Itoa(k)+"]", "range", "", "must be NaN or within ±1e150")
					break
				}
			}
		}
	}
	if err := e.Err(); err != nil {
		return CanaryResult{}, err
	}

	tol := 0.25
	if !cfg.Tolerance.IsZero() {
		tol = cfg.Tolerance.InexactFloat64()
	}
	conf := 0.98
	if !cfg.Confidence.IsZero() {
		conf = cfg.Confidence.InexactFloat64()
	}
	zq := stats.NormalQuantile((1 - conf) / 2)

	res := CanaryResult{PassThreshold: cfg.passThreshold(), MarginalThreshold: cfg.marginalThreshold(),
		Metrics: make([]CanaryMetricResult, len(cfg.Metrics)), Groups: []CanaryGroupScore{}}
	for i := range cfg.Metrics {
		var d CanaryData
		if series[i] != nil {
			d = *series[i]
		}
		mr, err := classifyCanary(ctx, &cfg.Metrics[i], d, tol, zq)
		if err != nil {
			return CanaryResult{}, err
		}
		res.Metrics[i] = mr
	}
	scoreCanary(&cfg, &res)
	return res, nil
}

// ratioOf is decimal d as a float for effect-size comparisons, 1 when nil.
func ratioOf(d *decimal.Decimal) float64 {
	if d == nil {
		return 1
	}
	return d.InexactFloat64()
}

// classifyCanary classifies one metric (Kayenta's MannWhitneyClassifier.classify).
func classifyCanary(ctx context.Context, m *CanaryMetric, d CanaryData, tol, zq float64) (CanaryMetricResult, error) {
	r := CanaryMetricResult{Metric: m.Name, Groups: slices.Clone(m.Groups), Muted: m.Muted}
	clean := func(v []float64) []float64 {
		out := make([]float64, 0, len(v))
		for _, x := range v {
			switch {
			case !math.IsNaN(x):
				out = append(out, x)
			case m.NaNStrategy == NaNReplace:
				out = append(out, 0)
			}
		}
		return out
	}
	y, x := clean(d.Control), clean(d.Experiment)
	r.ControlCount, r.ExperimentCount = len(y), len(x)
	if len(x) == 0 || len(y) == 0 {
		switch {
		case m.NaNStrategy == NaNReplace:
			r.Classification = CanaryPass
		case m.MustHaveData && !m.Critical:
			r.Classification, r.Reason = CanaryNodataFailMetric, "missing data for "+m.Name
		default:
			r.Classification, r.Reason, r.Critical = CanaryNodata, "missing data for "+m.Name, m.Critical
		}
		return r, nil
	}
	slices.Sort(x)
	slices.Sort(y)
	mx, my := mean(x), mean(y)
	var ratio float64 = math.NaN()
	if mx != 0 && my != 0 {
		ratio = mx / my
		r.Ratio = &ratio
	}
	if slices.Equal(x, y) {
		r.Classification, r.Reason = CanaryPass, "the experiment and control data are identical"
		return r, nil
	}
	if x[0] == x[len(x)-1] && y[0] == y[len(y)-1] && x[0] == y[0] {
		r.Classification = CanaryPass
		return r, nil
	}
	var est, lo, hi float64
	if x[0] == x[len(x)-1] && y[0] == y[len(y)-1] {
		est = x[0] - y[0]
		lo, hi = est, est
	} else {
		var ok bool
		var err error
		est, lo, hi, ok, err = hodgesLehmann(ctx, x, y, zq)
		if err != nil {
			return CanaryMetricResult{}, err
		}
		if !ok {
			r.Classification, r.Reason = CanaryError, "metric classification failed: every point tied"
			return r, nil
		}
	}
	r.Estimate, r.Lower, r.Upper = &est, &lo, &hi
	crit := tol * math.Abs(est)
	undefined := math.IsNaN(ratio)
	high := m.Direction != DirectionDecrease && lo > crit && (undefined || ratio >= ratioOf(m.AllowedIncrease))
	low := m.Direction != DirectionIncrease && hi < -crit && (undefined || ratio <= ratioOf(m.AllowedDecrease))
	switch {
	case high:
		r.Classification, r.Reason = CanaryHigh, m.Name+" was classified as high"
		if m.Critical && (undefined || ratio >= ratioOf(m.CriticalIncrease)) {
			r.Critical, r.Reason = true, "the metric "+m.Name+" was classified as high (critical)"
		}
	case low:
		r.Classification, r.Reason = CanaryLow, m.Name+" was classified as low"
		if m.Critical && (undefined || ratio <= ratioOf(m.CriticalDecrease)) {
			r.Critical, r.Reason = true, "the metric "+m.Name+" was classified as low (critical)"
		}
	default:
		r.Classification = CanaryPass
	}
	return r, nil
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// hodgesLehmann returns the shift estimate of x - y and its interval at the two-sided
// level whose lower normal quantile is zq (negative), by bisection on the rank equation;
// ok is false when every point ties (the normal approximation has no variance). x and y
// are sorted.
func hodgesLehmann(ctx context.Context, x, y []float64, zq float64) (est, lo, hi float64, ok bool, err error) {
	muMin, muMax := x[0]-y[len(y)-1], x[len(x)-1]-y[0]
	evals := 0
	f := func(mu, q float64) (float64, bool, error) {
		evals++
		if evals&15 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, false, err
			}
		}
		v, ok := wilcoxonDiff(x, y, mu, q)
		return v, ok, nil
	}
	// root returns the midpoint of the set where f(·, q) changes sign, clamped to the
	// ends as Kayenta's findRoot does.
	root := func(q float64, clamp bool) (float64, bool, error) {
		fl, ok1, err := f(muMin, q)
		if err != nil || !ok1 {
			return 0, false, err
		}
		fu, ok2, err := f(muMax, q)
		if err != nil || !ok2 {
			return 0, false, err
		}
		if clamp || !(fl > 0 && fu < 0) {
			switch {
			case fl <= 0:
				return muMin, true, nil
			case fu >= 0:
				return muMax, true, nil
			}
		}
		// a = sup{mu: f > 0}, b = inf{mu: f < 0}; f is non-increasing in mu.
		bisect := func(pos func(v float64) bool) (float64, bool, error) {
			l, h := muMin, muMax
			for range 200 {
				mid := l + (h-l)/2
				if mid <= l || mid >= h {
					break
				}
				v, ok, err := f(mid, q)
				if err != nil || !ok {
					return 0, false, err
				}
				if pos(v) {
					l = mid
				} else {
					h = mid
				}
			}
			return l + (h-l)/2, true, nil
		}
		a, ok, err := bisect(func(v float64) bool { return v > 0 })
		if err != nil || !ok {
			return 0, false, err
		}
		b, ok, err := bisect(func(v float64) bool { return v >= 0 })
		if err != nil || !ok {
			return 0, false, err
		}
		return a + (b-a)/2, true, nil
	}
	if lo, ok, err = root(-zq, true); err != nil || !ok {
		return 0, 0, 0, false, err
	}
	if hi, ok, err = root(zq, true); err != nil || !ok {
		return 0, 0, 0, false, err
	}
	if est, ok, err = root(0, false); err != nil || !ok {
		return 0, 0, 0, false, err
	}
	return est, lo, hi, true, nil
}

// wilcoxonDiff is the standardised rank-sum statistic of x - mu against y, with tie and
// continuity corrections, minus q (Kayenta's MannWhitney.wilcoxonDiff). x and y are
// sorted; ranks come from one merge pass. ok is false when the variance is 0.
func wilcoxonDiff(x, y []float64, mu, q float64) (float64, bool) {
	n, m := float64(len(x)), float64(len(y))
	i, j := 0, 0
	rank, sumX, ties := 1.0, 0.0, 0.0
	for i < len(x) || j < len(y) {
		var v float64
		switch {
		case j == len(y):
			v = x[i] - mu
		case i == len(x):
			v = y[j]
		default:
			v = min(x[i]-mu, y[j])
		}
		cx, cy := 0.0, 0.0
		for i < len(x) && x[i]-mu == v {
			i++
			cx++
		}
		for j < len(y) && y[j] == v {
			j++
			cy++
		}
		t := cx + cy
		sumX += cx * (rank + (t-1)/2)
		ties += t*t*t - t
		rank += t
	}
	dz := sumX - n*(n+1)/2 - n*m/2
	corr := 0.0
	switch {
	case dz > 0:
		corr = 0.5
	case dz < 0:
		corr = -0.5
	}
	sigma := math.Sqrt(n * m / 12 * ((n + m + 1) - ties/((n+m)*(n+m-1))))
	if !(sigma > 0) {
		return 0, false
	}
	return (dz-corr)/sigma - q, true
}

// scoreCanary fills the group scores, the summary and the verdict (Kayenta's
// WeightedSumScorer and ThresholdScoreClassifier).
func scoreCanary(cfg *CanaryConfig, res *CanaryResult) {
	groups := map[string]*CanaryGroupScore{}
	var critical *CanaryMetricResult
	for i := range res.Metrics {
		mr := &res.Metrics[i]
		if mr.Muted {
			continue
		}
		res.Scored++
		if mr.Classification == CanaryNodata {
			res.Nodata++
		}
		if mr.Critical && mr.Classification != CanaryPass && critical == nil {
			critical = mr
		}
		for _, g := range mr.Groups {
			gs := groups[g]
			if gs == nil {
				gs = &CanaryGroupScore{Group: g}
				groups[g] = gs
			}
			switch mr.Classification {
			case CanaryPass:
				gs.Pass++
			case CanaryHigh:
				gs.High++
			case CanaryLow:
				gs.Low++
			case CanaryNodata:
				gs.Nodata++
			case CanaryNodataFailMetric:
				gs.NodataFailMetric++
			case CanaryError:
				gs.Error++
			}
		}
	}
	hundred := decimal.NewFromInt(100)
	configured := decimal.Zero
	for _, w := range cfg.GroupWeights {
		configured = configured.Add(w)
	}
	unweighted := 0
	for g := range groups {
		if _, ok := cfg.GroupWeights[g]; !ok {
			unweighted++
		}
	}
	share := decimal.Zero
	if unweighted > 0 {
		share = hundred.Sub(configured).DivRound(decimal.NewFromInt(int64(unweighted)), canaryInternalScale)
	}
	summary := decimal.Zero
	for _, gs := range groups {
		w, ok := cfg.GroupWeights[gs.Group]
		if !ok {
			w = share
		}
		gs.Weight = w
		total := gs.Pass + gs.High + gs.Low + gs.NodataFailMetric
		if total == 0 {
			gs.NoData, gs.Score = true, decimal.Zero
			summary = summary.Add(w)
		} else {
			p, t := decimal.NewFromInt(int64(gs.Pass)), decimal.NewFromInt(int64(total))
			gs.Score = p.Mul(hundred).DivRound(t, CanaryScoreScale)
			summary = summary.Add(p.Mul(w).DivRound(t, canaryInternalScale))
		}
		res.Groups = append(res.Groups, *gs)
	}
	slices.SortFunc(res.Groups, func(a, b CanaryGroupScore) int { return strings.Compare(a.Group, b.Group) })
	switch {
	case critical != nil:
		res.Rule, res.Score = CanaryRuleCriticalFailure, decimal.Zero
		res.Reason, res.CriticalMetric = "Canary Failed: "+critical.Reason, critical.Metric
	case res.Scored > 0 && 2*res.Nodata >= res.Scored:
		res.Rule, res.Score = CanaryRuleTooMuchNodata, decimal.Zero
		res.Reason = "Canary Failed: 50% or more metrics returned NODATA"
	default:
		res.Rule, res.Score = CanaryRuleWeightedScore, summary.Round(CanaryScoreScale)
	}
	switch {
	case res.Score.Cmp(res.PassThreshold) >= 0:
		res.Verdict = CanaryVerdictPass
	case res.Score.Cmp(res.MarginalThreshold) >= 0:
		res.Verdict = CanaryVerdictMarginal
	default:
		res.Verdict = CanaryVerdictFail
	}
}
