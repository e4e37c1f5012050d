package launch

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// RiskID identifies a risk within a plan.
type RiskID string

// RiskStatus is where a risk stands in the register. The zero value is Open.
type RiskStatus uint8

// Risk statuses.
const (
	// RiskOpen: the risk is live and no accepted response covers it.
	RiskOpen RiskStatus = iota
	// RiskMitigated: the response has been carried out; the risk raises no reason.
	RiskMitigated
	// RiskAccepted: the owner accepts the exposure. It counts as accepted only with an
	// Approver; without one it is treated as open.
	RiskAccepted
	// RiskClosed: the risk can no longer occur; it raises no reason.
	RiskClosed
)

var riskStatusEnum = enum.Set[RiskStatus]{Subject: "launch: risk status", Kind: "risk status", Names: []string{"open", "mitigated", "accepted", "closed"}}

// String returns "open", "mitigated", "accepted" or "closed".
func (s RiskStatus) String() string { return riskStatusEnum.String(s) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (s RiskStatus) MarshalText() ([]byte, error) { return riskStatusEnum.Marshal(s) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (s *RiskStatus) UnmarshalText(b []byte) error { return riskStatusEnum.Unmarshal(s, b) }

// Response is the PMBOK threat response chosen for a risk. The zero value is NoResponse.
type Response uint8

// Risk responses (PMBOK: escalate, avoid, transfer, mitigate, accept).
const (
	NoResponse Response = iota // none chosen yet
	Avoid                      // change the plan so the threat cannot occur
	Mitigate                   // reduce likelihood or impact
	Transfer                   // shift the impact to a third party (insurance, vendor)
	Accept                     // acknowledge and proceed; see RiskAccepted
	Escalate                   // hand to a higher authority outside the launch
)

var responseEnum = enum.Set[Response]{Subject: "launch: response", Kind: "response", Names: []string{"none", "avoid", "mitigate", "transfer", "accept", "escalate"}}

// String returns the text form, such as "mitigate".
func (r Response) String() string { return responseEnum.String(r) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (r Response) MarshalText() ([]byte, error) { return responseEnum.Marshal(r) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (r *Response) UnmarshalText(b []byte) error { return responseEnum.Unmarshal(r, b) }

// RiskBand is the grade of a risk score. The zero value means "unset" (and selects the
// documented default where a band is configured).
type RiskBand uint8

// Risk bands, in increasing severity.
const (
	// Low: NHS score 1-3.
	Low RiskBand = iota + 1
	// Moderate: NHS score 4-6.
	Moderate
	// High: NHS score 8-12; by default an open High risk is a Risk reason.
	High
	// Extreme: NHS score 15-25; by default an open Extreme risk is a Blocker.
	Extreme
)

var bandEnum = enum.Set[RiskBand]{Subject: "launch: risk band", Kind: "risk band", Names: []string{"", "low", "moderate", "high", "extreme"}}

// String returns "low", "moderate", "high" or "extreme".
func (b RiskBand) String() string { return bandEnum.String(b) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (b RiskBand) MarshalText() ([]byte, error) { return bandEnum.Marshal(b) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (b *RiskBand) UnmarshalText(t []byte) error { return bandEnum.Unmarshal(b, t) }

// Bands grades a risk score (1..25) by inclusive upper cut-offs: score <= LowMax is Low,
// <= ModerateMax is Moderate, <= HighMax is High, anything above is Extreme. Cut-offs are
// organisational policy; the zero value means NHSBands. Set HighMax to 25 for a three-band
// scheme with no Extreme grade.
type Bands struct {
	// LowMax is the largest Low score.
	LowMax decimal.Decimal `json:"low_max"`
	// ModerateMax is the largest Moderate score; above LowMax.
	ModerateMax decimal.Decimal `json:"moderate_max"`
	// HighMax is the largest High score; above ModerateMax, at most 25.
	HighMax decimal.Decimal `json:"high_max"`
}

// NHSBands returns the NHS/NPSA "risk matrix for risk managers" grading: 1-3 Low,
// 4-6 Moderate, 8-12 High, 15-25 Extreme. Products of two 1..5 scales never give 7, 11,
// 13 or 14, so the cut-offs 3, 6 and 12 are total; a mean of impacts can give such values,
// and then the upper cut-off decides (7 is High).
func NHSBands() Bands {
	return Bands{LowMax: decimal.NewFromInt(3), ModerateMax: decimal.NewFromInt(6), HighMax: decimal.NewFromInt(12)}
}

// IsZero reports whether every cut-off is zero (the "use NHSBands" value).
func (b Bands) IsZero() bool {
	return b.LowMax.IsZero() && b.ModerateMax.IsZero() && b.HighMax.IsZero()
}

// orDefault returns b, or NHSBands when b is zero.
func (b Bands) orDefault() Bands {
	if b.IsZero() {
		return NHSBands()
	}
	return b
}

// Validate returns nil for the zero Bands (meaning NHSBands) and for cut-offs with
// 0 < LowMax < ModerateMax < HighMax <= 25, else a *productops.ValidationError naming every
// bad cut-off. Each cut-off is bounded (validation.MaxDecimalDigits digits, exponent within
// ±40) before it is compared.
func (b Bands) Validate() error {
	e := validation.New("launch: bands")
	b.check(e, "")
	return e.Err()
}

// Band grades score, a risk score in [1, 25] (fractional for MeanImpact), exactly: score
// <= cut-off is compared without rounding. The zero Bands grades as NHSBands. Invalid
// bands, or a score outside [1, 25] or unbounded, are a *productops.ValidationError.
func (b Bands) Band(score decimal.Decimal) (RiskBand, error) {
	e := validation.New("launch: bands")
	b.check(e, "")
	switch {
	case !validation.DecimalBounded(score):
		e.Add("score", "dbound", "", "must have at most 40 digits and an exponent within ±40")
	case score.Cmp(decimal.NewFromInt(1)) < 0 || score.Cmp(decimal.NewFromInt(25)) > 0:
		e.Add("score", "range", "1..25", "must be within 1..25, got "+validation.Truncate(score.String()))
	}
	if err := e.Err(); err != nil {
		return 0, err
	}
	return b.bandOf(score, decimal.NewFromInt(1)), nil
}

// bandOf grades the exact score num/den (den > 0) on valid bands.
func (b Bands) bandOf(num, den decimal.Decimal) RiskBand {
	b = b.orDefault()
	switch {
	case num.Cmp(b.LowMax.Mul(den)) <= 0:
		return Low
	case num.Cmp(b.ModerateMax.Mul(den)) <= 0:
		return Moderate
	case num.Cmp(b.HighMax.Mul(den)) <= 0:
		return High
	}
	return Extreme
}

// check records problems of non-zero bands: each cut-off bounded, then
// 0 < LowMax < ModerateMax < HighMax <= 25.
func (b Bands) check(e *validation.Errors, prefix string) {
	field := func(name string) string {
		if prefix == "" {
			return name
		}
		return prefix + "." + name
	}
	bounded := true
	for _, c := range []struct {
		name string
		d    decimal.Decimal
	}{{"low_max", b.LowMax}, {"moderate_max", b.ModerateMax}, {"high_max", b.HighMax}} {
		if !validation.DecimalBounded(c.d) {
			e.Add(field(c.name), "dbound", "", "must have at most 40 digits and an exponent within ±40")
			bounded = false
		}
	}
	if !bounded || b.IsZero() {
		return
	}
	if b.LowMax.Sign() <= 0 {
		e.Add(field("low_max"), "dgt", "0", "must be greater than 0")
	}
	if b.ModerateMax.Cmp(b.LowMax) <= 0 {
		e.Add(field("moderate_max"), "gtfield", "low_max", "must be greater than low_max")
	}
	if b.HighMax.Cmp(b.ModerateMax) <= 0 {
		e.Add(field("high_max"), "gtfield", "moderate_max", "must be greater than moderate_max")
	}
	if b.HighMax.Cmp(decimal.NewFromInt(25)) > 0 {
		e.Add(field("high_max"), "dlte", "25", "must be at most 25")
	}
}

// ImpactMethod names how several impact dimensions of one risk combine into one score.
// The zero value is Highest.
type ImpactMethod uint8

// Impact combination methods (after Oracle Primavera's risk scoring methods).
const (
	// Highest scores likelihood × the largest impact level (Primavera "Highest"); the
	// conservative default.
	Highest ImpactMethod = iota
	// MeanImpact scores likelihood × the arithmetic mean of the impact levels (Primavera
	// "Average of Impacts"). With a product matrix this equals the mean of the
	// per-dimension scores (Primavera "Average of Individual Scores"), so one method
	// covers both. The score may be fractional (3 × (4+5)/2 = 13.5).
	MeanImpact
)

var methodEnum = enum.Set[ImpactMethod]{Subject: "launch: impact method", Kind: "impact method", Names: []string{"highest", "mean_impact"}}

// String returns "highest" or "mean_impact".
func (m ImpactMethod) String() string { return methodEnum.String(m) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (m ImpactMethod) MarshalText() ([]byte, error) { return methodEnum.Marshal(m) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (m *ImpactMethod) UnmarshalText(b []byte) error { return methodEnum.Unmarshal(m, b) }

// Impact is the consequence level of a risk on one dimension.
type Impact struct {
	// Dimension names what is hit, such as "schedule", "cost" or "reputation".
	Dimension string `json:"dimension" validate:"required,max=64"`
	// Level is 1 (negligible) .. 5 (catastrophic).
	Level int `json:"level"`
}

// Assessment scores a risk on the 5×5 matrix: likelihood 1 (rare) .. 5 (almost certain)
// times impact 1 (negligible) .. 5 (catastrophic). Give either one Impact or several
// Impacts (combined by the plan's ImpactMethod), not both.
type Assessment struct {
	// Likelihood is 1 (rare) .. 5 (almost certain).
	Likelihood int `json:"likelihood"`
	// Impact is the single consequence level 1..5; zero when Impacts is used.
	Impact int `json:"impact,omitempty"`
	// Impacts are per-dimension levels with unique dimensions; empty when Impact is used.
	Impacts []Impact `json:"impacts,omitempty"`
}

// RiskScore is a graded assessment.
type RiskScore struct {
	// Value is the score 1..25, exact for Highest, rounded half away from zero to
	// RiskScoreScale places for MeanImpact.
	Value decimal.Decimal `json:"value"`
	// Band is the grade of the exact score.
	Band RiskBand `json:"band"`
}

// RiskScoreScale is the number of decimal places of a fractional (MeanImpact) risk score.
const RiskScoreScale = 2

// Validate returns nil when a is a valid assessment: likelihood 1..5, and either one
// impact 1..5 or up to MaxImpacts impacts with unique, non-empty dimensions and levels
// 1..5, not both. Otherwise it is a *productops.ValidationError naming every bad field.
func (a Assessment) Validate() error {
	e := validation.New("launch: assessment")
	a.check(e, "")
	return e.Err()
}

// Score grades a under method and bands (zero Bands = NHSBands). The band is decided on
// the exact score, never on the rounded Value. An invalid assessment, method or bands is a
// *productops.ValidationError (fields "likelihood", "impact", "method", "bands.low_max",
// ...), never a score outside 1..25.
func (a Assessment) Score(method ImpactMethod, bands Bands) (RiskScore, error) {
	e := validation.New("launch: assessment")
	a.check(e, "")
	if !methodEnum.Valid(method) {
		e.Add("method", "oneof", "", "unknown value "+method.String())
	}
	bands.check(e, "bands")
	if err := e.Err(); err != nil {
		return RiskScore{}, err
	}
	return a.score(method, bands), nil
}

// MaxImpacts is the most impact dimensions one assessment may have.
const MaxImpacts = 64

// score is Score for a valid assessment, method and bands.
func (a Assessment) score(method ImpactMethod, bands Bands) RiskScore {
	l := decimal.NewFromInt(int64(a.Likelihood))
	if len(a.Impacts) == 0 {
		v := l.Mul(decimal.NewFromInt(int64(a.Impact)))
		return RiskScore{Value: v, Band: bands.bandOf(v, decimal.NewFromInt(1))}
	}
	switch method {
	case MeanImpact:
		sum := 0
		for _, im := range a.Impacts {
			sum += im.Level
		}
		num := l.Mul(decimal.NewFromInt(int64(sum)))
		den := decimal.NewFromInt(int64(len(a.Impacts)))
		return RiskScore{Value: num.DivRound(den, RiskScoreScale), Band: bands.bandOf(num, den)}
	default:
		maxLevel := 0
		for _, im := range a.Impacts {
			maxLevel = max(maxLevel, im.Level)
		}
		v := l.Mul(decimal.NewFromInt(int64(maxLevel)))
		return RiskScore{Value: v, Band: bands.bandOf(v, decimal.NewFromInt(1))}
	}
}

// check records problems of a under prefix ("" for the top level).
func (a *Assessment) check(e *validation.Errors, prefix string) {
	if prefix != "" {
		prefix += "."
	}
	if a.Likelihood < 1 || a.Likelihood > 5 {
		e.Add(prefix+"likelihood", "range", "1..5", "must be 1..5, got "+strconv.Itoa(a.Likelihood))
	}
	switch {
	case a.Impact != 0 && len(a.Impacts) > 0:
		e.Add(prefix+"impacts", "excluded_with", "impact", "give impact or impacts, not both")
	case a.Impact == 0 && len(a.Impacts) == 0:
		e.Add(prefix+"impact", "required", "", "is required (or give impacts)")
	case a.Impact != 0 && (a.Impact < 1 || a.Impact > 5):
		e.Add(prefix+"impact", "range", "1..5", "must be 1..5, got "+strconv.Itoa(a.Impact))
	}
	if len(a.Impacts) > MaxImpacts {
		e.Add(prefix+"impacts", "max", strconv.Itoa(MaxImpacts), "must have at most "+strconv.Itoa(MaxImpacts)+" elements")
		return
	}
	seen := map[string]bool{}
	for i, im := range a.Impacts {
		p := prefix + "impacts[" + strconv.Itoa(i) + "]"
		e.Struct(p, &im)
		if im.Level < 1 || im.Level > 5 {
			e.Add(p+".level", "range", "1..5", "must be 1..5, got "+strconv.Itoa(im.Level))
		}
		if seen[im.Dimension] {
			e.Add(p+".dimension", "unique", "", "duplicate dimension "+strconv.Quote(validation.Truncate(im.Dimension)))
		}
		seen[im.Dimension] = true
	}
}

// Risk is one entry of the launch's risk register. Risk never enters the readiness
// score; it acts only through reasons (see Evaluate).
type Risk struct {
	// ID is unique among the plan's risks; required.
	ID RiskID `json:"id" validate:"required,max=128"`
	// Title describes the threat.
	Title string `json:"title,omitempty" validate:"max=500"`
	// Owner is answerable for the response.
	Owner string `json:"owner,omitempty" validate:"max=200"`
	// Inherent is the assessment before controls; required.
	Inherent Assessment `json:"inherent"`
	// Residual is the assessment with the chosen response's controls in place; nil means
	// not yet assessed, and the inherent score then decides.
	Residual *Assessment `json:"residual,omitempty"`
	// Response is the chosen PMBOK response.
	Response Response `json:"response"`
	// Status is where the risk stands; the zero value is RiskOpen.
	Status RiskStatus `json:"status"`
	// Approver accepted the risk; required for RiskAccepted to count as accepted.
	Approver string `json:"approver,omitempty" validate:"max=200"`
}
