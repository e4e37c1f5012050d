package survey

import (
	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// CESScale names the agreement scale of a customer-effort question ("the company made it
// easy for me to handle my issue").
type CESScale int

const (
	// CESSevenPoint is Gartner's CES 2.0 scale, 1 (strongly disagree) … 7 (strongly
	// agree): agree is 5–7, disagree 1–3, 4 neutral. The zero value.
	CESSevenPoint CESScale = iota
	// CESFivePoint is 1–5: agree is 4–5, disagree 1–2, 3 neutral.
	CESFivePoint
)

var cesScaleText = enum.Set[CESScale]{
	Subject: "survey: CES scale", Kind: "CES scale",
	Names: []string{"seven_point", "five_point"},
}

// String returns "seven_point" or "five_point".
func (s CESScale) String() string { return cesScaleText.String(s) }

// MarshalText encodes the scale as its String form.
func (s CESScale) MarshalText() ([]byte, error) { return cesScaleText.Marshal(s) }

// UnmarshalText decodes "seven_point" or "five_point".
func (s *CESScale) UnmarshalText(b []byte) error { return cesScaleText.Unmarshal(s, b) }

// bounds returns the scale's top, the lowest agreeing score and the highest disagreeing one.
func (s CESScale) bounds() (hi, agree, disagree int) {
	if s == CESFivePoint {
		return 5, 4, 2
	}
	return 7, 5, 3
}

// CESMode names what CESResult.Score reports; every figure is always computed.
type CESMode int

const (
	// CESMeanScore reports the mean answered score (Nicereply's CES). The zero value.
	CESMeanScore CESMode = iota
	// CESPercentAgree reports the agreeing share in percent.
	CESPercentAgree
	// CESNetEasy reports % agree − % disagree, in percentage points (−100 … 100).
	CESNetEasy
)

var cesModeText = enum.Set[CESMode]{
	Subject: "survey: CES mode", Kind: "CES mode",
	Names: []string{"mean", "percent_agree", "net_easy"},
}

// String returns "mean", "percent_agree" or "net_easy".
func (m CESMode) String() string { return cesModeText.String(m) }

// MarshalText encodes the mode as its String form.
func (m CESMode) MarshalText() ([]byte, error) { return cesModeText.Marshal(m) }

// UnmarshalText decodes "mean", "percent_agree" or "net_easy".
func (m *CESMode) UnmarshalText(b []byte) error { return cesModeText.Unmarshal(m, b) }

// CESOptions configures CES; the zero value is the mean on the 1–7 CES 2.0 scale.
type CESOptions struct {
	// Scale is the answer scale; zero is CESSevenPoint.
	Scale CESScale `json:"scale"`
	// Mode picks what Score reports; zero is CESMeanScore.
	Mode CESMode `json:"mode"`
}

// Validate reports an unknown scale or mode.
func (o CESOptions) Validate() error {
	v := validation.New("survey: CES options")
	if o.Scale < CESSevenPoint || o.Scale > CESFivePoint {
		v.Addf("scale", "oneof", "must be seven_point or five_point")
	}
	if o.Mode < CESMeanScore || o.Mode > CESNetEasy {
		v.Addf("mode", "oneof", "must be mean, percent_agree or net_easy")
	}
	return v.Err()
}

// CESResult is a customer-effort score.
type CESResult struct {
	// Scale and Mode echo the options.
	Scale CESScale `json:"scale"`
	Mode  CESMode  `json:"mode"`
	// Responses counts answered responses; Unanswered those excluded.
	Responses  int64 `json:"responses"`
	Unanswered int64 `json:"unanswered"`
	// ResponseRate is Responses/Invited; undefined when Invited is unknown (0).
	ResponseRate metrics.Rate `json:"response_rate"`
	// Mean is the mean answered score with its 95% t interval.
	Mean ScoreMean `json:"mean"`
	// Agree and Disagree are the agreeing and disagreeing shares with 95% Wilson intervals.
	Agree    metrics.Rate `json:"agree"`
	Disagree metrics.Rate `json:"disagree"`
	// NetEasy is 100·(Agree − Disagree) in percentage points.
	NetEasy float64 `json:"net_easy"`
	// Defined is false with no answered responses; Score and NetEasy are then 0.
	Defined bool `json:"defined"`
	// Score is the figure Mode names.
	Score float64 `json:"score"`
}

// CES scores customer-effort responses. Scores off the chosen scale (other than NoAnswer)
// are a *productops.ValidationError.
func CES(responses Responses, opt CESOptions) (CESResult, error) {
	if err := opt.Validate(); err != nil {
		return CESResult{}, err
	}
	hi, agree, disagree := opt.Scale.bounds()
	counts, unanswered, err := responses.tally("survey: CES responses", 1, hi)
	if err != nil {
		return CESResult{}, err
	}
	n := sumCounts(counts, 0, hi-1)
	r := CESResult{
		Scale: opt.Scale, Mode: opt.Mode, Responses: n, Unanswered: unanswered,
		ResponseRate: responses.responseRate(n),
		Mean:         scoreMean(counts, 1),
		Agree:        metrics.NewRate(sumCounts(counts, agree-1, hi-1), n),
		Disagree:     metrics.NewRate(sumCounts(counts, 0, disagree-1), n),
		Defined:      n > 0,
	}
	if !r.Defined {
		return r, nil
	}
	r.NetEasy = 100 * (r.Agree.Value - r.Disagree.Value)
	switch opt.Mode {
	case CESPercentAgree:
		r.Score = 100 * r.Agree.Value
	case CESNetEasy:
		r.Score = r.NetEasy
	default:
		r.Score = r.Mean.Mean
	}
	return r, nil
}
