package target

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// ScoreScale is the number of fractional digits of key-result progress and objective
// scores, rounded half away from zero.
const ScoreScale = 6

// Default pacing tolerances of [OKROptions].
var (
	// DefaultAtRiskShare: under proportional pacing a key result at 70% or more of its
	// expected progress is at risk, below that off track.
	DefaultAtRiskShare = decimal.RequireFromString("0.7")
	// DefaultGapPoints: under gap pacing a key result up to 10 percentage points behind
	// the expected line is at risk, further behind off track.
	DefaultGapPoints = decimal.NewFromInt(10)
)

// KeyResultKind says how a key result is measured.
type KeyResultKind int

const (
	// KeyResultMetric moves a number from Start towards Target. The zero value.
	KeyResultMetric KeyResultKind = iota
	// KeyResultBinary is done or not: progress is 1 when Done, else 0.
	KeyResultBinary
)

var keyResultKindText = enum.Set[KeyResultKind]{
	Subject: "target: key result kind", Kind: "key result kind",
	Names:   []string{"metric", "binary"},
	Aliases: map[string]KeyResultKind{"numeric": KeyResultMetric, "boolean": KeyResultBinary, "milestone": KeyResultBinary},
}

// String returns "metric" or "binary".
func (k KeyResultKind) String() string { return keyResultKindText.String(k) }

// MarshalText encodes the kind as its String form.
func (k KeyResultKind) MarshalText() ([]byte, error) { return keyResultKindText.Marshal(k) }

// UnmarshalText decodes "metric" or "binary" (aliases "numeric", "boolean", "milestone").
func (k *KeyResultKind) UnmarshalText(b []byte) error { return keyResultKindText.Unmarshal(k, b) }

// ProgressMode says how raw progress is bounded before it is scored.
type ProgressMode int

const (
	// ProgressRaw keeps progress as computed: below 0 when the metric moved the wrong way,
	// above 1 when it overshot. The zero value and default.
	ProgressRaw ProgressMode = iota
	// ProgressCapped caps progress at 1 (overshooting earns no extra credit).
	ProgressCapped
	// ProgressFloored floors progress at 0 (moving backwards scores 0, not less).
	ProgressFloored
	// ProgressClamped both caps at 1 and floors at 0, into [0, 1].
	ProgressClamped
)

var progressModeText = enum.Set[ProgressMode]{
	Subject: "target: progress mode", Kind: "progress mode",
	Names: []string{"raw", "capped", "floored", "clamped"},
}

// String returns "raw", "capped", "floored" or "clamped".
func (m ProgressMode) String() string { return progressModeText.String(m) }

// MarshalText encodes the mode as its String form.
func (m ProgressMode) MarshalText() ([]byte, error) { return progressModeText.Marshal(m) }

// UnmarshalText decodes "raw", "capped", "floored" or "clamped".
func (m *ProgressMode) UnmarshalText(b []byte) error { return progressModeText.Unmarshal(m, b) }

func (m ProgressMode) apply(p decimal.Decimal) decimal.Decimal {
	one := decimal.NewFromInt(1)
	if (m == ProgressCapped || m == ProgressClamped) && p.GreaterThan(one) {
		p = one
	}
	if (m == ProgressFloored || m == ProgressClamped) && p.IsNegative() {
		p = decimal.Zero
	}
	return p
}

// GradingBands names a scheme that turns a score into a [Grade].
type GradingBands int

const (
	// BandsGoogle are Google's aspirational-OKR bands: 0.0–0.3 red, 0.4–0.6 yellow,
	// 0.7–1.0 green. Google writes them in tenths; a score between two bands belongs to
	// the lower one, so the bands are red below 0.4, yellow from 0.4 up to but excluding
	// 0.7, green from 0.7 (0.35 is red, 0.65 yellow, 0.7 green). Below 0 is red, above 1
	// green. The zero value and default.
	BandsGoogle GradingBands = iota
	// BandsCommitted grades committed OKRs, which Google expects to be met in full: green
	// at 1.0 or more, red below; there is no yellow.
	BandsCommitted
	// BandsCustom uses OKROptions.YellowFrom and OKROptions.GreenFrom: red below
	// YellowFrom, yellow from YellowFrom, green from GreenFrom.
	BandsCustom
)

var gradingBandsText = enum.Set[GradingBands]{
	Subject: "target: grading bands", Kind: "grading bands",
	Names:   []string{"google", "committed", "custom"},
	Aliases: map[string]GradingBands{"aspirational": BandsGoogle},
}

// String returns "google", "committed" or "custom".
func (b GradingBands) String() string { return gradingBandsText.String(b) }

// MarshalText encodes the scheme as its String form.
func (b GradingBands) MarshalText() ([]byte, error) { return gradingBandsText.Marshal(b) }

// UnmarshalText decodes "google" (alias "aspirational"), "committed" or "custom".
func (b *GradingBands) UnmarshalText(t []byte) error { return gradingBandsText.Unmarshal(b, t) }

// Grade is the colour band of a score.
type Grade int

const (
	// GradeUnknown: the score is undefined. The zero value.
	GradeUnknown Grade = iota
	// GradeRed: the score is in the lowest band.
	GradeRed
	// GradeYellow: the score is in the middle band.
	GradeYellow
	// GradeGreen: the score is in the top band.
	GradeGreen
)

var gradeText = enum.Set[Grade]{
	Subject: "target: grade", Kind: "grade",
	Names: []string{"unknown", "red", "yellow", "green"},
}

// String returns "unknown", "red", "yellow" or "green".
func (g Grade) String() string { return gradeText.String(g) }

// MarshalText encodes the grade as its String form.
func (g Grade) MarshalText() ([]byte, error) { return gradeText.Marshal(g) }

// UnmarshalText decodes "unknown", "red", "yellow" or "green".
func (g *Grade) UnmarshalText(b []byte) error { return gradeText.Unmarshal(g, b) }

// PacingMode says how a key result's progress is compared with the expected line (the
// share of the period elapsed).
type PacingMode int

const (
	// PacingProportional: at risk when progress is at least AtRiskShare × expected,
	// off track below. The zero value and default.
	PacingProportional PacingMode = iota
	// PacingGap: at risk when progress is at most GapPoints percentage points behind the
	// expected line, off track further behind (a constant gap, whatever the date).
	PacingGap
)

var pacingModeText = enum.Set[PacingMode]{
	Subject: "target: pacing mode", Kind: "pacing mode",
	Names:   []string{"proportional", "gap"},
	Aliases: map[string]PacingMode{"constant_gap": PacingGap, "percentage_points": PacingGap},
}

// String returns "proportional" or "gap".
func (m PacingMode) String() string { return pacingModeText.String(m) }

// MarshalText encodes the mode as its String form.
func (m PacingMode) MarshalText() ([]byte, error) { return pacingModeText.Marshal(m) }

// UnmarshalText decodes "proportional" or "gap" (aliases "constant_gap", "percentage_points").
func (m *PacingMode) UnmarshalText(b []byte) error { return pacingModeText.Unmarshal(m, b) }

// OKRStatus is a key result's or objective's state against the expected line.
type OKRStatus int

const (
	// OKRStatusUnknown: progress is undefined. The zero value.
	OKRStatusUnknown OKRStatus = iota
	// OKRAchieved: raw progress is 1 or more (the target is met), whatever the date.
	OKRAchieved
	// OKROnTrack: progress is at or above the expected line.
	OKROnTrack
	// OKRAtRisk: behind the expected line, within the pacing tolerance.
	OKRAtRisk
	// OKROffTrack: further behind than the tolerance.
	OKROffTrack
)

var okrStatusText = enum.Set[OKRStatus]{
	Subject: "target: OKR status", Kind: "OKR status",
	Names: []string{"unknown", "achieved", "on_track", "at_risk", "off_track"},
}

// String returns "unknown", "achieved", "on_track", "at_risk" or "off_track".
func (s OKRStatus) String() string { return okrStatusText.String(s) }

// MarshalText encodes the status as its String form.
func (s OKRStatus) MarshalText() ([]byte, error) { return okrStatusText.Marshal(s) }

// UnmarshalText decodes "unknown", "achieved", "on_track", "at_risk" or "off_track".
func (s *OKRStatus) UnmarshalText(b []byte) error { return okrStatusText.Unmarshal(s, b) }

// KeyResult is one measurable result of an objective.
type KeyResult struct {
	// Name labels the key result; required.
	Name string `json:"name" validate:"required"`
	// Kind is metric (the zero value) or binary.
	Kind KeyResultKind `json:"kind"`
	// Start, Target and Current are a metric key result's baseline, goal and latest value,
	// in its unit. Target below Start means lower is better. Zero is a value. Ignored for
	// binary key results.
	Start   decimal.Decimal `json:"start" validate:"dbound"`
	Target  decimal.Decimal `json:"target" validate:"dbound"`
	Current decimal.Decimal `json:"current" validate:"dbound"`
	// Done is a binary key result's state; ignored for metric ones.
	Done bool `json:"done"`
	// Weight is the key result's weight in the objective's score, 0 or more; nil weighs 1.
	// A weight of 0 keeps the key result in the report but out of the score.
	Weight *decimal.Decimal `json:"weight,omitempty" validate:"omitnil,dbound,dgte=0"`
}

// Objective is an objective with its key results and period.
type Objective struct {
	// Name labels the objective; required.
	Name string `json:"name" validate:"required"`
	// Start and End bound the period; both zero means no pacing (every key result is
	// judged against an expected line of 1, as at the end of the period). When set, End
	// must be after Start.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// KeyResults are graded in order; at least one is required, at most MaxKeyResults.
	KeyResults []KeyResult `json:"key_results"`
}

// MaxKeyResults caps the key results of one objective.
const MaxKeyResults = 10000

// ParseObjective decodes an objective from JSON, rejecting unknown fields and trailing
// data, and validates it. Every failure is a *productops.ValidationError.
func ParseObjective(data []byte) (Objective, error) {
	var o Objective
	if err := decodeStrict("target: objective", data, &o); err != nil {
		return Objective{}, err
	}
	if err := o.Validate(); err != nil {
		return Objective{}, err
	}
	return o, nil
}

// Validate reports every bad field: a missing name, no key results or more than
// MaxKeyResults, an unbounded decimal, a negative weight, weights that sum to 0, an
// unknown kind, and a period whose end is not after its start.
func (o Objective) Validate() error {
	v := validation.New("target: objective")
	o.validateInto(v)
	return v.Err()
}

func (o Objective) validateInto(v *validation.Errors) {
	v.Struct("", o)
	switch n := len(o.KeyResults); {
	case n == 0:
		v.Addf("key_results", "min", "must have at least one key result")
	case n > MaxKeyResults:
		v.Addf("key_results", "max", "must have at most %d key results", MaxKeyResults)
		return
	}
	if o.Start.IsZero() != o.End.IsZero() {
		v.Addf("end", "required_with", "start and end must be given together")
	} else if !o.Start.IsZero() && !o.End.After(o.Start) {
		v.Addf("end", "gtfield", "must be after start")
	}
	total := decimal.Zero
	bounded := true
	for i, kr := range o.KeyResults {
		p := validation.Index("key_results", i)
		before := v.Len()
		v.Struct(p, kr)
		if !keyResultKindText.Valid(kr.Kind) {
			v.Addf(validation.Path(p, "kind"), "oneof", "must be metric or binary")
		}
		if v.Len() != before {
			bounded = false
			continue
		}
		total = total.Add(kr.weight())
	}
	if bounded && len(o.KeyResults) > 0 && total.IsZero() {
		v.Addf("key_results", "weights", "weights must not all be 0")
	}
}

func (kr KeyResult) weight() decimal.Decimal {
	if kr.Weight == nil {
		return decimal.NewFromInt(1)
	}
	return *kr.Weight
}

// OKROptions tune grading. The zero value grades with raw progress, Google's bands and
// proportional pacing at DefaultAtRiskShare.
type OKROptions struct {
	// Progress bounds each key result's progress before scoring; zero is ProgressRaw.
	Progress ProgressMode `json:"progress"`
	// Bands turns scores into grades; zero is BandsGoogle.
	Bands GradingBands `json:"bands"`
	// YellowFrom and GreenFrom are the lower edges of yellow and green for BandsCustom;
	// 0 ≤ YellowFrom ≤ GreenFrom is required then. Ignored by other schemes.
	YellowFrom decimal.Decimal `json:"yellow_from" validate:"dbound"`
	GreenFrom  decimal.Decimal `json:"green_from" validate:"dbound"`
	// Pacing compares progress with the expected line; zero is PacingProportional.
	Pacing PacingMode `json:"pacing"`
	// AtRiskShare is the proportional tolerance, in (0, 1]; 0 means DefaultAtRiskShare.
	AtRiskShare decimal.Decimal `json:"at_risk_share" validate:"dbound,dgte=0,dlte=1"`
	// GapPoints is the gap tolerance in percentage points, 0 or more; 0 means
	// DefaultGapPoints.
	GapPoints decimal.Decimal `json:"gap_points" validate:"dbound,dgte=0"`
}

func (op OKROptions) validateInto(v *validation.Errors) {
	before := v.Len()
	v.Struct("options", op)
	if !progressModeText.Valid(op.Progress) {
		v.Addf("options.progress", "oneof", "must be raw, capped, floored or clamped")
	}
	if !gradingBandsText.Valid(op.Bands) {
		v.Addf("options.bands", "oneof", "must be google, committed or custom")
	}
	if !pacingModeText.Valid(op.Pacing) {
		v.Addf("options.pacing", "oneof", "must be proportional or gap")
	}
	if v.Len() == before && op.Bands == BandsCustom {
		if op.YellowFrom.IsNegative() {
			v.Addf("options.yellow_from", "dgte", "must be at least 0")
		}
		if op.GreenFrom.LessThan(op.YellowFrom) {
			v.Addf("options.green_from", "gtefield", "must be at least yellow_from")
		}
	}
}

// Grade returns the band of score under the options' scheme; an undefined score is
// GradeUnknown. Options are assumed valid (as checked by [GradeObjective]).
func (op OKROptions) Grade(score metrics.DecimalRatio) Grade {
	if !score.Defined {
		return GradeUnknown
	}
	s := score.Value
	var yellow, green decimal.Decimal
	switch op.Bands {
	case BandsCommitted:
		yellow, green = decimal.NewFromInt(1), decimal.NewFromInt(1)
	case BandsCustom:
		yellow, green = op.YellowFrom, op.GreenFrom
	default:
		yellow, green = decimal.RequireFromString("0.4"), decimal.RequireFromString("0.7")
	}
	switch {
	case s.GreaterThanOrEqual(green):
		return GradeGreen
	case s.GreaterThanOrEqual(yellow):
		return GradeYellow
	}
	return GradeRed
}

// KeyResultGrade is the graded state of one key result.
type KeyResultGrade struct {
	// Name and Kind echo the key result; Weight is its weight (1 when nil).
	Name   string          `json:"name"`
	Kind   KeyResultKind   `json:"kind"`
	Weight decimal.Decimal `json:"weight"`
	// RawProgress is (Current − Start)/(Target − Start), or 1/0 for a binary key result,
	// rounded to ScoreScale; undefined when Target equals Start.
	RawProgress metrics.DecimalRatio `json:"raw_progress"`
	// Score is RawProgress bounded by the progress mode.
	Score metrics.DecimalRatio `json:"score"`
	// Grade is Score's band.
	Grade Grade `json:"grade"`
	// Status compares Score with the expected line.
	Status OKRStatus `json:"status"`
}

// ObjectiveGrade is an objective's score, grade and status with its key results'.
type ObjectiveGrade struct {
	// Name echoes the objective; AsOf is the evaluation instant.
	Name string    `json:"name"`
	AsOf time.Time `json:"as_of"`
	// Expected is the share of the period elapsed at AsOf in [0, 1], rounded to
	// ScoreScale; 1 without a period.
	Expected decimal.Decimal `json:"expected"`
	// Score is the weighted mean of the key results' scores (the plain mean when no weight
	// is set), rounded to ScoreScale; undefined when any key result with a non-zero weight
	// has undefined progress, never a made-up number.
	Score metrics.DecimalRatio `json:"score"`
	// Grade is Score's band; Status compares Score with Expected (achieved when every
	// weighted key result is achieved).
	Grade  Grade     `json:"grade"`
	Status OKRStatus `json:"status"`
	// KeyResults hold one grade per key result, in order.
	KeyResults []KeyResultGrade `json:"key_results"`
}

// GradeObjective scores, grades and paces an objective at asOf. A key result's progress
// is (Current − Start)/(Target − Start) for a metric and 1 or 0 for a binary one, bounded
// by opts.Progress; the objective's score is the weighted mean of the key-result scores.
// Grades follow opts.Bands; statuses compare scores with the expected line (the share of
// the objective's period elapsed at asOf) under opts.Pacing, and a raw progress of 1 or
// more is OKRAchieved. Bad input, including a zero asOf, is a
// *productops.ValidationError.
func GradeObjective(o Objective, asOf time.Time, opts OKROptions) (ObjectiveGrade, error) {
	v := validation.New("target: grade objective")
	o.validateInto(v)
	opts.validateInto(v)
	if asOf.IsZero() {
		v.Addf("as_of", "required", "is required")
	}
	if err := v.Err(); err != nil {
		return ObjectiveGrade{}, err
	}
	g := ObjectiveGrade{Name: o.Name, AsOf: asOf, Expected: expectedShare(o.Start, o.End, asOf)}
	g.KeyResults = make([]KeyResultGrade, len(o.KeyResults))
	num, den := decimal.Zero, decimal.Zero
	defined, achieved := true, true
	for i, kr := range o.KeyResults {
		k := KeyResultGrade{Name: kr.Name, Kind: kr.Kind, Weight: kr.weight()}
		if kr.Kind == KeyResultBinary {
			done := decimal.Zero
			if kr.Done {
				done = decimal.NewFromInt(1)
			}
			k.RawProgress = metrics.NewDecimalRatio(done, decimal.NewFromInt(1), ScoreScale)
		} else {
			k.RawProgress = metrics.NewDecimalRatio(kr.Current.Sub(kr.Start), kr.Target.Sub(kr.Start), ScoreScale)
		}
		k.Score = k.RawProgress
		if k.Score.Defined {
			k.Score = metrics.NewDecimalRatio(opts.Progress.apply(k.Score.Value), decimal.NewFromInt(1), ScoreScale)
		}
		k.Grade = opts.Grade(k.Score)
		k.Status = opts.status(k.RawProgress, k.Score, g.Expected)
		g.KeyResults[i] = k
		if k.Weight.IsZero() {
			continue
		}
		if !k.Score.Defined {
			defined = false
			continue
		}
		achieved = achieved && k.Status == OKRAchieved
		num = num.Add(k.Weight.Mul(k.Score.Value))
		den = den.Add(k.Weight)
	}
	if defined {
		g.Score = metrics.NewDecimalRatio(num, den, ScoreScale)
	}
	g.Grade = opts.Grade(g.Score)
	switch {
	case !g.Score.Defined:
		g.Status = OKRStatusUnknown
	case achieved:
		g.Status = OKRAchieved
	default:
		g.Status = opts.status(metrics.DecimalRatio{}, g.Score, g.Expected)
	}
	return g, nil
}

// status judges a score against the expected line; raw decides "achieved".
func (op OKROptions) status(raw, score metrics.DecimalRatio, expected decimal.Decimal) OKRStatus {
	if !score.Defined {
		return OKRStatusUnknown
	}
	if raw.Defined && raw.Value.GreaterThanOrEqual(decimal.NewFromInt(1)) {
		return OKRAchieved
	}
	s := score.Value
	if s.GreaterThanOrEqual(expected) {
		return OKROnTrack
	}
	var line decimal.Decimal
	if op.Pacing == PacingGap {
		gap := op.GapPoints
		if gap.IsZero() {
			gap = DefaultGapPoints
		}
		line = expected.Sub(gap.Shift(-2))
	} else {
		share := op.AtRiskShare
		if share.IsZero() {
			share = DefaultAtRiskShare
		}
		line = expected.Mul(share)
	}
	if s.GreaterThanOrEqual(line) {
		return OKRAtRisk
	}
	return OKROffTrack
}

// expectedShare is the share of [start, end] elapsed at t, in [0, 1]; 1 without a period.
func expectedShare(start, end, t time.Time) decimal.Decimal {
	switch {
	case start.IsZero() || !t.Before(end):
		return decimal.NewFromInt(1)
	case !t.After(start):
		return decimal.Zero
	}
	return instant(t).Sub(instant(start)).DivRound(instant(end).Sub(instant(start)), ScoreScale)
}

// instant is t in nanoseconds since the Unix epoch, exact for every time.Time (no
// saturation, unlike time.Time.Sub).
func instant(t time.Time) decimal.Decimal {
	return decimal.NewFromInt(t.Unix()).Shift(9).Add(decimal.NewFromInt(int64(t.Nanosecond())))
}

// String formats the grade as one line per objective and key result, such as
// "Grow revenue: score 0.65 yellow, on_track (expected 0.5)".
func (g ObjectiveGrade) String() string {
	s := fmt.Sprintf("%s: score %s %s, %s (expected %s)", g.Name, g.Score, g.Grade, g.Status, g.Expected)
	for _, k := range g.KeyResults {
		s += fmt.Sprintf("\n  %s: score %s %s, %s", k.Name, k.Score, k.Grade, k.Status)
	}
	return s
}
