package tabular

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/interop/column"
)

// ScoreField is one mapped score input: the mapping field's JSON name, the column or
// custom field it names, whether it is a percentage, and where its value goes.
type ScoreField struct {
	Field   string
	Name    string
	Percent bool
	set     func(*column.Scores, *decimal.Decimal)
}

// ScoreFields lists the mapped inputs of c.
func ScoreFields(c column.ScoreColumns) []ScoreField {
	all := []ScoreField{
		{"reach", c.Reach, false, func(s *column.Scores, d *decimal.Decimal) { s.Reach = d }},
		{"impact", c.Impact, false, func(s *column.Scores, d *decimal.Decimal) { s.Impact = d }},
		{"confidence", c.Confidence, true, func(s *column.Scores, d *decimal.Decimal) { s.Confidence = d }},
		{"effort", c.Effort, false, func(s *column.Scores, d *decimal.Decimal) { s.Effort = d }},
		{"ice_impact", c.ICEImpact, false, func(s *column.Scores, d *decimal.Decimal) { s.ICEImpact = d }},
		{"ice_confidence", c.ICEConfidence, false, func(s *column.Scores, d *decimal.Decimal) { s.ICEConfidence = d }},
		{"ice_ease", c.ICEEase, false, func(s *column.Scores, d *decimal.Decimal) { s.ICEEase = d }},
		{"business_value", c.BusinessValue, false, func(s *column.Scores, d *decimal.Decimal) { s.BusinessValue = d }},
		{"time_criticality", c.TimeCriticality, false, func(s *column.Scores, d *decimal.Decimal) { s.TimeCriticality = d }},
		{"risk_reduction", c.RiskReduction, false, func(s *column.Scores, d *decimal.Decimal) { s.RiskReduction = d }},
		{"job_size", c.JobSize, false, func(s *column.Scores, d *decimal.Decimal) { s.JobSize = d }},
	}
	out := all[:0]
	for _, f := range all {
		if strings.TrimSpace(f.Name) != "" {
			out = append(out, f)
		}
	}
	return out
}

// Read parses value into dst under unit (for a percent input); an empty value sets nothing.
func (f ScoreField) Read(value string, unit column.Unit, dst *column.Scores) error {
	if strings.TrimSpace(value) == "" {
		return nil
	}
	var d decimal.Decimal
	var err error
	if f.Percent {
		d, err = column.ParseFraction(value, unit)
	} else {
		d, err = column.ParseNumber(value)
	}
	if err != nil {
		return err
	}
	f.set(dst, &d)
	return nil
}

// ScoreCSV reads the mapped score inputs of CSV records.
type ScoreCSV struct {
	fields []ScoreField
	idx    []int
	unit   column.Unit
}

// NewScoreCSV resolves the score columns of c in t; a mapped column missing from the
// header is a failure of "mapping.scores.<field>".
func NewScoreCSV(t *CSV, c column.ScoreColumns) *ScoreCSV {
	s := &ScoreCSV{fields: ScoreFields(c), unit: c.ConfidenceUnit}
	for _, f := range s.fields {
		idx := t.Resolve([]Col{{Field: "scores." + f.Field, Name: f.Name, Required: true}})[0]
		i := -1
		if len(idx) > 0 {
			i = idx[0]
		}
		s.idx = append(s.idx, i)
	}
	return s
}

// Read reads the score cells of rec into dst, recording bad cells in t.Errs.
func (s *ScoreCSV) Read(t *CSV, rec []string, dst *column.Scores) {
	for k, f := range s.fields {
		i := s.idx[k]
		if i < 0 {
			continue
		}
		if err := f.Read(Cell(rec, i), s.unit, dst); err != nil {
			t.Errs.Add(Where(t.Line(), t.header[i]), "number", err.Error())
		}
	}
}
