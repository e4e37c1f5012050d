package column

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/prioritize"
)

// ScoreColumns names the columns (or custom fields) that hold prioritization inputs. An
// empty name means the input is not read. Names match headers case-insensitively.
type ScoreColumns struct {
	// RICE inputs. Confidence is a percent column read under ConfidenceUnit, which must be
	// set when Confidence is.
	Reach          string `json:"reach,omitempty"`
	Impact         string `json:"impact,omitempty"`
	Confidence     string `json:"confidence,omitempty"`
	ConfidenceUnit Unit   `json:"confidence_unit,omitempty"`
	Effort         string `json:"effort,omitempty"`
	// ICE inputs, each on the 1–10 scale.
	ICEImpact     string `json:"ice_impact,omitempty"`
	ICEConfidence string `json:"ice_confidence,omitempty"`
	ICEEase       string `json:"ice_ease,omitempty"`
	// WSJF inputs (SAFe's relative scale).
	BusinessValue   string `json:"business_value,omitempty"`
	TimeCriticality string `json:"time_criticality,omitempty"`
	RiskReduction   string `json:"risk_reduction,omitempty"`
	JobSize         string `json:"job_size,omitempty"`
}

// Scores holds the prioritization inputs read from one record; nil means the cell was
// empty or its column not mapped. Confidence is a fraction in [0, 1] (0.8 for 80%).
type Scores struct {
	Reach           *decimal.Decimal `json:"reach,omitempty"`
	Impact          *decimal.Decimal `json:"impact,omitempty"`
	Confidence      *decimal.Decimal `json:"confidence,omitempty"`
	Effort          *decimal.Decimal `json:"effort,omitempty"`
	ICEImpact       *decimal.Decimal `json:"ice_impact,omitempty"`
	ICEConfidence   *decimal.Decimal `json:"ice_confidence,omitempty"`
	ICEEase         *decimal.Decimal `json:"ice_ease,omitempty"`
	BusinessValue   *decimal.Decimal `json:"business_value,omitempty"`
	TimeCriticality *decimal.Decimal `json:"time_criticality,omitempty"`
	RiskReduction   *decimal.Decimal `json:"risk_reduction,omitempty"`
	JobSize         *decimal.Decimal `json:"job_size,omitempty"`
}

// Validate reports a percent column without a declared unit, and an undefined unit.
func (c ScoreColumns) Validate() error {
	e := validation.New("column: score columns")
	if c.Confidence != "" && c.ConfidenceUnit == UnitUnset {
		e.Add("confidence_unit", "required", "", "declare the unit of the confidence column: percent (80 = 80%) or fraction (0.8 = 80%)")
	}
	if c.ConfidenceUnit > UnitFraction {
		e.Add("confidence_unit", "oneof", "", "must be percent or fraction")
	}
	return e.Err()
}

// missing records every nil input among names.
func missing(e *validation.Errors, fields ...struct {
	name string
	v    *decimal.Decimal
}) {
	for _, f := range fields {
		if f.v == nil {
			e.Add(f.name, "required", "", "no value read for this input")
		}
	}
}

type named = struct {
	name string
	v    *decimal.Decimal
}

func val(d *decimal.Decimal) decimal.Decimal {
	if d == nil {
		return decimal.Decimal{}
	}
	return *d
}

// RICE returns the RICE input of item id, or a *productops.ValidationError listing the
// inputs that were not read. Ranges are checked by prioritize.
func (s Scores) RICE(id string) (prioritize.RICEInput, error) {
	e := validation.New("column: rice input of " + Quote(id))
	missing(e, named{"reach", s.Reach}, named{"impact", s.Impact}, named{"confidence", s.Confidence}, named{"effort", s.Effort})
	if err := e.Err(); err != nil {
		return prioritize.RICEInput{}, err
	}
	return prioritize.RICEInput{ID: prioritize.ItemID(id), Reach: val(s.Reach), Impact: val(s.Impact), Confidence: val(s.Confidence), Effort: val(s.Effort)}, nil
}

// ICE returns the ICE input of item id, or a *productops.ValidationError listing the inputs
// that were not read.
func (s Scores) ICE(id string) (prioritize.ICEInput, error) {
	e := validation.New("column: ice input of " + Quote(id))
	missing(e, named{"ice_impact", s.ICEImpact}, named{"ice_confidence", s.ICEConfidence}, named{"ice_ease", s.ICEEase})
	if err := e.Err(); err != nil {
		return prioritize.ICEInput{}, err
	}
	return prioritize.ICEInput{ID: prioritize.ItemID(id), Impact: val(s.ICEImpact), Confidence: val(s.ICEConfidence), Ease: val(s.ICEEase)}, nil
}

// WSJF returns the WSJF input of item id, or a *productops.ValidationError listing the
// inputs that were not read.
func (s Scores) WSJF(id string) (prioritize.WSJFInput, error) {
	e := validation.New("column: wsjf input of " + Quote(id))
	missing(e, named{"business_value", s.BusinessValue}, named{"time_criticality", s.TimeCriticality},
		named{"risk_reduction", s.RiskReduction}, named{"job_size", s.JobSize})
	if err := e.Err(); err != nil {
		return prioritize.WSJFInput{}, err
	}
	return prioritize.WSJFInput{ID: prioritize.ItemID(id), UserBusinessValue: val(s.BusinessValue),
		TimeCriticality: val(s.TimeCriticality), RiskReduction: val(s.RiskReduction), JobSize: val(s.JobSize)}, nil
}

// Quote bounds and quotes caller text for a message.
func Quote(s string) string { return strconv.Quote(validation.Truncate(s)) }
