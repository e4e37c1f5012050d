package survey

import (
	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// CSATScale names the answer scale of a satisfaction question.
type CSATScale int

const (
	// CSATFivePoint is 1–5 (very unsatisfied … very satisfied); top-2-box is 4–5. The
	// zero value.
	CSATFivePoint CSATScale = iota
	// CSATSevenPoint is 1–7; top-2-box is 6–7.
	CSATSevenPoint
	// CSATBinary is 0 (not satisfied) or 1 (satisfied), such as thumbs down/up; the
	// satisfied share counts the 1s.
	CSATBinary
)

var csatScaleText = enum.Set[CSATScale]{
	Subject: "survey: CSAT scale", Kind: "CSAT scale",
	Names: []string{"five_point", "seven_point", "binary"},
}

// String returns "five_point", "seven_point" or "binary".
func (s CSATScale) String() string { return csatScaleText.String(s) }

// MarshalText encodes the scale as its String form.
func (s CSATScale) MarshalText() ([]byte, error) { return csatScaleText.Marshal(s) }

// UnmarshalText decodes "five_point", "seven_point" or "binary".
func (s *CSATScale) UnmarshalText(b []byte) error { return csatScaleText.Unmarshal(s, b) }

// bounds returns the scale's lowest and highest score and the lowest satisfied score.
func (s CSATScale) bounds() (lo, hi, top int) {
	switch s {
	case CSATSevenPoint:
		return 1, 7, 6
	case CSATBinary:
		return 0, 1, 1
	default:
		return 1, 5, 4
	}
}

// CSATMode names what CSATResult.Score reports; both figures are always computed.
type CSATMode int

const (
	// CSATTopBox reports the satisfied share in percent: top-2-box on 5 or 7 points, the
	// share of 1s on the binary scale. The zero value.
	CSATTopBox CSATMode = iota
	// CSATMean reports the mean answered score on the scale.
	CSATMean
)

var csatModeText = enum.Set[CSATMode]{
	Subject: "survey: CSAT mode", Kind: "CSAT mode",
	Names: []string{"top_box", "mean"},
}

// String returns "top_box" or "mean".
func (m CSATMode) String() string { return csatModeText.String(m) }

// MarshalText encodes the mode as its String form.
func (m CSATMode) MarshalText() ([]byte, error) { return csatModeText.Marshal(m) }

// UnmarshalText decodes "top_box" or "mean".
func (m *CSATMode) UnmarshalText(b []byte) error { return csatModeText.Unmarshal(m, b) }

// CSATOptions configures CSAT; the zero value is top-2-box on a 1–5 scale.
type CSATOptions struct {
	// Scale is the answer scale; zero is CSATFivePoint.
	Scale CSATScale `json:"scale"`
	// Mode picks what Score reports; zero is CSATTopBox.
	Mode CSATMode `json:"mode"`
}

// Validate reports an unknown scale or mode.
func (o CSATOptions) Validate() error {
	v := validation.New("survey: CSAT options")
	if o.Scale < CSATFivePoint || o.Scale > CSATBinary {
		v.Addf("scale", "oneof", "must be five_point, seven_point or binary")
	}
	if o.Mode < CSATTopBox || o.Mode > CSATMean {
		v.Addf("mode", "oneof", "must be top_box or mean")
	}
	return v.Err()
}

// CSATResult is a customer-satisfaction score.
type CSATResult struct {
	// Scale and Mode echo the options.
	Scale CSATScale `json:"scale"`
	Mode  CSATMode  `json:"mode"`
	// Responses counts answered responses; Unanswered those excluded.
	Responses  int64 `json:"responses"`
	Unanswered int64 `json:"unanswered"`
	// ResponseRate is Responses/Invited; undefined when Invited is unknown (0).
	ResponseRate metrics.Rate `json:"response_rate"`
	// Satisfied is the top-2-box (or binary 1) share of answered responses, with its 95%
	// Wilson interval.
	Satisfied metrics.Rate `json:"satisfied"`
	// Mean is the mean answered score with its 95% t interval.
	Mean ScoreMean `json:"mean"`
	// Defined is false with no answered responses; Score is then 0.
	Defined bool `json:"defined"`
	// Score is 100·Satisfied.Value (percent) in CSATTopBox mode, Mean.Mean in CSATMean.
	Score float64 `json:"score"`
}

// CSAT scores satisfaction responses. Scores off the chosen scale (other than NoAnswer)
// are a *productops.ValidationError naming each bad entry (up to 20).
func CSAT(responses Responses, opt CSATOptions) (CSATResult, error) {
	if err := opt.Validate(); err != nil {
		return CSATResult{}, err
	}
	lo, hi, top := opt.Scale.bounds()
	counts, unanswered, err := responses.tally("survey: CSAT responses", lo, hi)
	if err != nil {
		return CSATResult{}, err
	}
	n := sumCounts(counts, 0, hi-lo)
	r := CSATResult{
		Scale: opt.Scale, Mode: opt.Mode, Responses: n, Unanswered: unanswered,
		ResponseRate: responses.responseRate(n),
		Satisfied:    metrics.NewRate(sumCounts(counts, top-lo, hi-lo), n),
		Mean:         scoreMean(counts, lo),
		Defined:      n > 0,
	}
	if r.Defined {
		if opt.Mode == CSATMean {
			r.Score = r.Mean.Mean
		} else {
			r.Score = 100 * r.Satisfied.Value
		}
	}
	return r, nil
}
