package target

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// KPIDirection says which way a KPI improves.
type KPIDirection int

const (
	// HigherIsBetter KPIs improve upwards (revenue, retention). The zero value.
	HigherIsBetter KPIDirection = iota
	// LowerIsBetter KPIs improve downwards (churn, response time, cost).
	LowerIsBetter
)

var kpiDirectionText = enum.Set[KPIDirection]{
	Subject: "target: KPI direction", Kind: "KPI direction",
	Names: []string{"higher_is_better", "lower_is_better"},
}

// String returns "higher_is_better" or "lower_is_better".
func (d KPIDirection) String() string { return kpiDirectionText.String(d) }

// MarshalText encodes the direction as its String form.
func (d KPIDirection) MarshalText() ([]byte, error) { return kpiDirectionText.Marshal(d) }

// UnmarshalText decodes "higher_is_better" or "lower_is_better".
func (d *KPIDirection) UnmarshalText(b []byte) error { return kpiDirectionText.Unmarshal(d, b) }

// atLeast reports whether a is at least as good as b in direction d.
func (d KPIDirection) atLeast(a, b decimal.Decimal) bool {
	if d == LowerIsBetter {
		return a.Cmp(b) <= 0
	}
	return a.Cmp(b) >= 0
}

// KPIStatus is the traffic-light state of a KPI.
type KPIStatus int

const (
	// KPIStatusUnknown means there is no value to judge (no data point at or before asOf).
	// The zero value.
	KPIStatusUnknown KPIStatus = iota
	// KPIOnTrack: the value is at least as good as the on-track threshold.
	KPIOnTrack
	// KPIAtRisk: worse than on track, at least as good as the at-risk threshold.
	KPIAtRisk
	// KPIOffTrack: worse than the at-risk threshold.
	KPIOffTrack
)

var kpiStatusText = enum.Set[KPIStatus]{
	Subject: "target: KPI status", Kind: "KPI status",
	Names: []string{"unknown", "on_track", "at_risk", "off_track"},
}

// String returns "unknown", "on_track", "at_risk" or "off_track".
func (s KPIStatus) String() string { return kpiStatusText.String(s) }

// MarshalText encodes the status as its String form.
func (s KPIStatus) MarshalText() ([]byte, error) { return kpiStatusText.Marshal(s) }

// UnmarshalText decodes "unknown", "on_track", "at_risk" or "off_track".
func (s *KPIStatus) UnmarshalText(b []byte) error { return kpiStatusText.Unmarshal(s, b) }

// KPIThresholds are the status boundaries of a KPI, in the KPI's unit. Boundaries are
// inclusive on the good side: a value exactly at OnTrack is on track, exactly at AtRisk is
// at risk. For HigherIsBetter, OnTrack ≥ AtRisk; for LowerIsBetter, OnTrack ≤ AtRisk.
type KPIThresholds struct {
	// OnTrack is the worst value still on track; required.
	OnTrack decimal.Decimal `json:"on_track" validate:"required"`
	// AtRisk is the worst value still at risk; anything worse is off track; required.
	AtRisk decimal.Decimal `json:"at_risk" validate:"required"`
}

// KPIPace makes a KPI's thresholds time-aware: they apply in full at Deadline and, before
// it, in proportion to the time elapsed since Start, starting from Baseline (linear
// progress, as MetaPulse and Engagedly compute expected progress). Before Start the
// thresholds equal Baseline; after Deadline they stay at their full values.
type KPIPace struct {
	// Baseline is the KPI's value at Start; required.
	Baseline decimal.Decimal `json:"baseline" validate:"required"`
	// Start and Deadline bound the period; Deadline must be after Start.
	Start    time.Time `json:"start" validate:"required"`
	Deadline time.Time `json:"deadline" validate:"required"`
}

// KPI defines a key performance indicator with its target and status thresholds.
type KPI struct {
	// Name labels the KPI in reasons and reports; required.
	Name string `json:"name" validate:"required"`
	// Unit is a free label for values ("%", "USD", "ms"); may be empty.
	Unit string `json:"unit"`
	// Direction says which way is better; zero is HigherIsBetter.
	Direction KPIDirection `json:"direction"`
	// Target is the goal value; progress is measured towards it; required.
	Target decimal.Decimal `json:"target" validate:"required"`
	// Thresholds decide the status.
	Thresholds KPIThresholds `json:"thresholds"`
	// Pace, when set, scales the thresholds with the time elapsed; nil keeps them fixed.
	Pace *KPIPace `json:"pace,omitempty"`
}

// Validate reports every bad field: a missing name, target or threshold, thresholds in the
// wrong order for the direction, an unknown direction, and a pace whose deadline is not
// after its start.
func (k KPI) Validate() error {
	v := validation.New("target: KPI")
	k.validateInto(v)
	return v.Err()
}

func (k KPI) validateInto(v *validation.Errors) {
	v.Struct("", k)
	if k.Direction != HigherIsBetter && k.Direction != LowerIsBetter {
		v.Addf("direction", "oneof", "must be higher_is_better or lower_is_better")
	} else if !k.Direction.atLeast(k.Thresholds.OnTrack, k.Thresholds.AtRisk) {
		if k.Direction == LowerIsBetter {
			v.Addf("thresholds.at_risk", "gtefield", "must be at least on_track when lower is better")
		} else {
			v.Addf("thresholds.at_risk", "ltefield", "must be at most on_track when higher is better")
		}
	}
	if p := k.Pace; p != nil && !p.Start.IsZero() && !p.Deadline.IsZero() && !p.Deadline.After(p.Start) {
		v.Addf("pace.deadline", "gtfield", "must be after pace.start")
	}
}

// KPIPoint is one observation of a KPI.
type KPIPoint struct {
	// At is when the value was observed (or the end of the period it measures); required.
	At time.Time `json:"at"`
	// Value is the KPI's value in its unit.
	Value decimal.Decimal `json:"value"`
}

// Validate reports a zero time.
func (p KPIPoint) Validate() error {
	v := validation.New("target: KPI point")
	if p.At.IsZero() {
		v.Addf("at", "required", "is required")
	}
	return v.Err()
}

// KPIEvaluation is a KPI's status at an instant, with the numbers behind it.
type KPIEvaluation struct {
	// Name and Unit echo the KPI.
	Name string `json:"name"`
	Unit string `json:"unit"`
	// AsOf is the evaluation instant.
	AsOf time.Time `json:"as_of"`
	// Status is the traffic light; KPIStatusUnknown when there is no value.
	Status KPIStatus `json:"status"`
	// HasValue is false when no value was available at AsOf; Value and At are then zero.
	HasValue bool            `json:"has_value"`
	Value    decimal.Decimal `json:"value"`
	// At is when Value was observed (equal to AsOf for a single value).
	At time.Time `json:"at"`
	// OnTrackLine and AtRiskLine are the thresholds in force at AsOf (scaled by the pace,
	// if any), rounded to KPILineScale digits.
	OnTrackLine decimal.Decimal `json:"on_track_line"`
	AtRiskLine  decimal.Decimal `json:"at_risk_line"`
	// Elapsed is the share of the pace period elapsed at AsOf, in [0, 1]; 1 without a
	// pace.
	Elapsed decimal.Decimal `json:"elapsed"`
	// Progress is (Value − baseline)/(Target − baseline), baseline being the pace's or 0;
	// it may be negative or above 1; rounded to ProgressScale; undefined when Target equals
	// the baseline or there is no value.
	Progress metrics.DecimalRatio `json:"progress"`
	// Reason explains the status in one sentence.
	Reason string `json:"reason"`
}

// Fractional digits of a KPI's derived decimals, each rounded half away from zero.
const (
	// KPILineScale rounds paced threshold lines and Elapsed.
	KPILineScale = 6
	// ProgressScale rounds KPIEvaluation.Progress: 0.953125 is 95.3125% of the way.
	ProgressScale = 6
	// ChangeScale rounds KPIChange.Relative.
	ChangeScale = 6
)

// Status judges a single value of the KPI observed at asOf.
func (k KPI) Status(value decimal.Decimal, asOf time.Time) (KPIEvaluation, error) {
	return k.statusOf([]KPIPoint{{At: asOf, Value: value}}, asOf, false)
}

// StatusOf judges a time series at asOf using its latest point at or before asOf (points
// after asOf are ignored; ties on At keep the later point in the slice). With no such point
// the status is KPIStatusUnknown and the reason says so. Bad definitions, a zero asOf or
// points with a zero time are a *productops.ValidationError.
func (k KPI) StatusOf(series []KPIPoint, asOf time.Time) (KPIEvaluation, error) {
	return k.statusOf(series, asOf, true)
}

func (k KPI) statusOf(series []KPIPoint, asOf time.Time, checkSeries bool) (KPIEvaluation, error) {
	v := validation.New("target: KPI status")
	k.validateInto(v)
	if asOf.IsZero() {
		v.Addf("as_of", "required", "is required")
	}
	if checkSeries {
		validateKPISeries(v, series)
	}
	if err := v.Err(); err != nil {
		return KPIEvaluation{}, err
	}
	e := KPIEvaluation{Name: k.Name, Unit: k.Unit, AsOf: asOf}
	e.Elapsed, e.OnTrackLine, e.AtRiskLine = k.lines(asOf)
	latest := -1
	for i, p := range series {
		if !p.At.After(asOf) && (latest < 0 || !p.At.Before(series[latest].At)) {
			latest = i
		}
	}
	if latest < 0 {
		e.Reason = fmt.Sprintf("%s has no value at or before %s", k.Name, asOf.Format(time.RFC3339))
		return e, nil
	}
	p := series[latest]
	e.HasValue, e.Value, e.At = true, p.Value, p.At
	base := decimal.Zero
	if k.Pace != nil {
		base = k.Pace.Baseline
	}
	e.Progress = metrics.NewDecimalRatio(p.Value.Sub(base), k.Target.Sub(base), ProgressScale)
	word := "above"
	if k.Direction == LowerIsBetter {
		word = "below"
	}
	val := k.format(p.Value)
	switch {
	case k.Direction.atLeast(p.Value, e.OnTrackLine):
		e.Status = KPIOnTrack
		e.Reason = fmt.Sprintf("%s is %s, at or %s the on-track line %s", k.Name, val, word, k.format(e.OnTrackLine))
	case k.Direction.atLeast(p.Value, e.AtRiskLine):
		e.Status = KPIAtRisk
		e.Reason = fmt.Sprintf("%s is %s, short of the on-track line %s but at or %s the at-risk line %s", k.Name, val, k.format(e.OnTrackLine), word, k.format(e.AtRiskLine))
	default:
		e.Status = KPIOffTrack
		e.Reason = fmt.Sprintf("%s is %s, short of the at-risk line %s", k.Name, val, k.format(e.AtRiskLine))
	}
	if k.Pace != nil && e.Elapsed.LessThan(decimal.NewFromInt(1)) {
		e.Reason += fmt.Sprintf(" (lines paced at %s%% of the period)", e.Elapsed.Shift(2).StringFixed(1))
	}
	return e, nil
}

// lines returns the elapsed share and the thresholds in force at t.
func (k KPI) lines(t time.Time) (elapsed, onTrack, atRisk decimal.Decimal) {
	one := decimal.NewFromInt(1)
	if k.Pace == nil {
		return one, k.Thresholds.OnTrack, k.Thresholds.AtRisk
	}
	p := k.Pace
	switch {
	case !t.After(p.Start):
		elapsed = decimal.Zero
	case !t.Before(p.Deadline):
		elapsed = one
	default:
		elapsed = decimal.NewFromInt(t.Sub(p.Start).Nanoseconds()).DivRound(decimal.NewFromInt(p.Deadline.Sub(p.Start).Nanoseconds()), KPILineScale)
	}
	at := func(th decimal.Decimal) decimal.Decimal {
		return p.Baseline.Add(th.Sub(p.Baseline).Mul(elapsed)).Round(KPILineScale)
	}
	return elapsed, at(k.Thresholds.OnTrack), at(k.Thresholds.AtRisk)
}

// format prints a value with the KPI's unit.
func (k KPI) format(d decimal.Decimal) string {
	if k.Unit == "" {
		return d.String()
	}
	if k.Unit == "%" {
		return d.String() + "%"
	}
	return d.String() + " " + k.Unit
}

func validateKPISeries(v *validation.Errors, series []KPIPoint) {
	for i, p := range series {
		if p.At.IsZero() {
			v.Addf(validation.Path(validation.Index("series", i), "at"), "required", "is required")
		}
	}
}

// KPITrendDirection classifies a change of a KPI.
type KPITrendDirection int

const (
	// TrendUnknown: fewer than two points. The zero value.
	TrendUnknown KPITrendDirection = iota
	// TrendImproving: the value moved the KPI's better way.
	TrendImproving
	// TrendFlat: the value did not change.
	TrendFlat
	// TrendWorsening: the value moved the KPI's worse way.
	TrendWorsening
)

var kpiTrendText = enum.Set[KPITrendDirection]{
	Subject: "target: KPI trend", Kind: "KPI trend",
	Names: []string{"unknown", "improving", "flat", "worsening"},
}

// String returns "unknown", "improving", "flat" or "worsening".
func (d KPITrendDirection) String() string { return kpiTrendText.String(d) }

// MarshalText encodes the trend as its String form.
func (d KPITrendDirection) MarshalText() ([]byte, error) { return kpiTrendText.Marshal(d) }

// UnmarshalText decodes "unknown", "improving", "flat" or "worsening".
func (d *KPITrendDirection) UnmarshalText(b []byte) error { return kpiTrendText.Unmarshal(d, b) }

// KPIChange is the change between two consecutive points.
type KPIChange struct {
	// From and To are the times of the two points.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Delta is the value at To minus the value at From.
	Delta decimal.Decimal `json:"delta"`
	// Relative is Delta / |value at From|, rounded to ChangeScale; undefined when that
	// value is 0.
	Relative metrics.DecimalRatio `json:"relative"`
	// Direction classifies Delta against the KPI's direction.
	Direction KPITrendDirection `json:"direction"`
}

// KPITrend is the movement of a KPI over the periods of a series.
type KPITrend struct {
	// Name echoes the KPI.
	Name string `json:"name"`
	// Changes holds one entry per consecutive pair of points at or before asOf, in time
	// order.
	Changes []KPIChange `json:"changes"`
	// Latest classifies the last change; Overall the change from the first point to the
	// last. Both TrendUnknown with fewer than two points.
	Latest  KPITrendDirection `json:"latest"`
	Overall KPITrendDirection `json:"overall"`
	// OverallDelta is the last value minus the first.
	OverallDelta decimal.Decimal `json:"overall_delta"`
	// Streak counts how many of the last changes in a row share Latest's direction.
	Streak int `json:"streak"`
}

// Trend describes how the series moved up to asOf: each period's change, the latest and
// overall direction judged by the KPI's direction, and the current streak. Points are
// taken in time order (ties keep slice order); points after asOf are ignored.
func (k KPI) Trend(series []KPIPoint, asOf time.Time) (KPITrend, error) {
	v := validation.New("target: KPI trend")
	k.validateInto(v)
	if asOf.IsZero() {
		v.Addf("as_of", "required", "is required")
	}
	validateKPISeries(v, series)
	if err := v.Err(); err != nil {
		return KPITrend{}, err
	}
	pts := make([]KPIPoint, 0, len(series))
	for _, p := range series {
		if !p.At.After(asOf) {
			pts = append(pts, p)
		}
	}
	slices.SortStableFunc(pts, func(a, b KPIPoint) int { return a.At.Compare(b.At) })
	tr := KPITrend{Name: k.Name, OverallDelta: decimal.Zero}
	if len(pts) < 2 {
		return tr, nil
	}
	for i := 1; i < len(pts); i++ {
		d := pts[i].Value.Sub(pts[i-1].Value)
		tr.Changes = append(tr.Changes, KPIChange{
			From: pts[i-1].At, To: pts[i].At, Delta: d,
			Relative:  metrics.NewDecimalRatio(d, pts[i-1].Value.Abs(), ChangeScale),
			Direction: k.classify(d),
		})
	}
	tr.Latest = tr.Changes[len(tr.Changes)-1].Direction
	for i := len(tr.Changes) - 1; i >= 0 && tr.Changes[i].Direction == tr.Latest; i-- {
		tr.Streak++
	}
	tr.OverallDelta = pts[len(pts)-1].Value.Sub(pts[0].Value)
	tr.Overall = k.classify(tr.OverallDelta)
	return tr, nil
}

// classify judges a change against the KPI's direction.
func (k KPI) classify(d decimal.Decimal) KPITrendDirection {
	s := d.Sign()
	if k.Direction == LowerIsBetter {
		s = -s
	}
	switch {
	case s > 0:
		return TrendImproving
	case s < 0:
		return TrendWorsening
	}
	return TrendFlat
}
