package launch

import (
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// This file reproduces OpenSSF Scorecard's scoring (ossf/scorecard: checker/check_result.go
// CreateProportionalScore and CreateProportionalScoreWeighted; pkg/scorecard
// GetAggregateScore): checks scored 0..10, or -1 when inconclusive, combined by a mean
// weighted by each check's risk, inconclusive checks left out of both sides.

// ScorecardRisk is a check's risk level, which sets its weight in the aggregate. The zero
// value means "unset" (medium where a default applies).
type ScorecardRisk uint8

// Risk levels and their weights: critical 10, high 7.5, medium 5, low 2.5.
const (
	RiskCritical ScorecardRisk = iota + 1
	RiskHigh
	RiskMedium
	RiskLow
)

var scorecardRiskEnum = enum.Set[ScorecardRisk]{Subject: "launch: scorecard risk", Kind: "scorecard risk",
	Names: []string{"", "critical", "high", "medium", "low"}}

// String returns "critical", "high", "medium" or "low".
func (r ScorecardRisk) String() string { return scorecardRiskEnum.String(r) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (r ScorecardRisk) MarshalText() ([]byte, error) { return scorecardRiskEnum.Marshal(r) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (r *ScorecardRisk) UnmarshalText(b []byte) error { return scorecardRiskEnum.Unmarshal(r, b) }

// Weight returns the risk's weight (10, 7.5, 5 or 2.5); the zero value weighs as medium.
func (r ScorecardRisk) Weight() decimal.Decimal {
	switch r {
	case RiskCritical:
		return decimal.NewFromInt(10)
	case RiskHigh:
		return decimal.New(75, -1)
	case RiskLow:
		return decimal.New(25, -1)
	}
	return decimal.NewFromInt(5)
}

// riskOrMedium returns r, or RiskMedium for the zero value.
func riskOrMedium(r ScorecardRisk) ScorecardRisk {
	if r == 0 {
		return RiskMedium
	}
	return r
}

// ReadinessMethod names the formula of a plan's readiness score. The zero value is
// ReadinessWeighted.
type ReadinessMethod uint8

// Readiness methods.
const (
	// ReadinessWeighted is the default (domain study §6.2): the weight of Done items over
	// the weight of counted items, each item weighing Item.Weight (default 1).
	ReadinessWeighted ReadinessMethod = iota
	// ReadinessScorecard is OpenSSF Scorecard's aggregate over the required items: each
	// scores 10 when Done, Item.Score (partial credit, default 0) when otherwise counted,
	// and is inconclusive (left out of both sides) when the weighted method would exclude
	// it (not applicable with a reason, waived, inconclusive); each weighs its Item.Risk
	// (critical 10, high 7.5, medium 5 (the default), low 2.5). Evaluation.Scorecard
	// carries the 0..10 aggregate, and Evaluation.Score the same divided by 10, so
	// MinScore applies to it unchanged. Item.Weight must not be set.
	ReadinessScorecard
)

var readinessEnum = enum.Set[ReadinessMethod]{Subject: "launch: readiness method", Kind: "readiness method",
	Names: []string{"weighted", "scorecard"}}

// String returns "weighted" or "scorecard".
func (m ReadinessMethod) String() string { return readinessEnum.String(m) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (m ReadinessMethod) MarshalText() ([]byte, error) { return readinessEnum.Marshal(m) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (m *ReadinessMethod) UnmarshalText(b []byte) error { return readinessEnum.Unmarshal(m, b) }

// Scorecard scores.
const (
	// ScorecardMaxScore is the best check score.
	ScorecardMaxScore = 10
	// ScorecardInconclusive is the score of a check that could not be evaluated.
	ScorecardInconclusive = -1
)

// ScorecardCheck is one scored check.
type ScorecardCheck struct {
	// Name identifies the check; required.
	Name string `json:"name" validate:"required,max=200"`
	// Risk sets the check's weight; required.
	Risk ScorecardRisk `json:"risk"`
	// Score is 0..10, or -1 (ScorecardInconclusive) when it could not be evaluated.
	Score int `json:"score"`
}

// ScorecardResult is an OpenSSF aggregate.
type ScorecardResult struct {
	// Defined is false when every check is inconclusive (OpenSSF reports -1); Value is
	// then nil.
	Defined bool `json:"defined"`
	// Num is Σ weight × score and Den Σ weight over the conclusive checks.
	Num decimal.Decimal `json:"num"`
	Den decimal.Decimal `json:"den"`
	// Value is Num/Den in 0..10 at ScoreScale places; nil when undefined.
	Value *decimal.Decimal `json:"value"`
	// Display is the score as OpenSSF prints it, one decimal ("7.3"), or "?" when
	// undefined.
	Display string `json:"display"`
	// Counted counts the conclusive checks; Inconclusive names the others in input order.
	Counted      int      `json:"counted"`
	Inconclusive []string `json:"inconclusive"`
}

// ScorecardAggregate is OpenSSF Scorecard's aggregate score: Σ weight × score / Σ weight
// over the checks whose score is not -1, with weights by risk (critical 10, high 7.5,
// medium 5, low 2.5). It is computed exactly; Display rounds it to one decimal, half away
// from zero. When every check is inconclusive (or there is none) the result is undefined,
// where OpenSSF returns -1. A check without a name or risk, or with a score outside
// -1..10, is a *productops.ValidationError.
func ScorecardAggregate(checks []ScorecardCheck) (ScorecardResult, error) {
	e := validation.New("launch: scorecard")
	for i := range checks {
		c := &checks[i]
		p := "checks[" + strconv.Itoa(i) + "]"
		e.Struct(p, c)
		if !scorecardRiskEnum.Valid(c.Risk) {
			e.Add(p+".risk", "oneof", "", "must be critical, high, medium or low")
		}
		if c.Score < ScorecardInconclusive || c.Score > ScorecardMaxScore {
			e.Add(p+".score", "range", "-1..10", "must be 0..10, or -1 for inconclusive; got "+strconv.Itoa(c.Score))
		}
	}
	if err := e.Err(); err != nil {
		return ScorecardResult{}, err
	}
	r := ScorecardResult{Inconclusive: []string{}}
	for i := range checks {
		c := &checks[i]
		if c.Score == ScorecardInconclusive {
			r.Inconclusive = append(r.Inconclusive, c.Name)
			continue
		}
		w := c.Risk.Weight()
		r.Counted++
		r.Den = r.Den.Add(w)
		r.Num = r.Num.Add(w.Mul(decimal.NewFromInt(int64(c.Score))))
	}
	r.finish()
	return r, nil
}

// finish sets Defined, Value and Display from Num and Den.
func (r *ScorecardResult) finish() {
	if r.Den.Sign() <= 0 {
		r.Defined, r.Value, r.Display = false, nil, "?"
		return
	}
	v := r.Num.DivRound(r.Den, ScoreScale)
	r.Defined, r.Value = true, &v
	r.Display = r.Num.DivRound(r.Den, 1).StringFixed(1)
}

// ProportionalScore is OpenSSF's CreateProportionalScore: 10 × success / total with
// integer division (2 of 3 gives 6), capped at 10, and 0 when total is 0. Negative counts
// or success above total are a *productops.ValidationError (OpenSSF reports the latter as
// an error in the weighted form). No intermediate product overflows.
func ProportionalScore(success, total int) (int, error) {
	e := validation.New("launch: proportional score")
	checkCounts(e, "", success, total)
	if err := e.Err(); err != nil {
		return 0, err
	}
	if total == 0 {
		return 0, nil
	}
	return tenths(uint64(success), uint64(total)), nil
}

// tenths is min(floor(10 × s / t), 10) for 0 <= s <= t, t > 0, in 128-bit arithmetic.
func tenths(s, t uint64) int {
	hi, lo := bits.Mul64(ScorecardMaxScore, s)
	q, _ := bits.Div64(hi, lo, t) // hi < 10 <= t whenever hi > 0, so Div64 cannot panic
	return int(min(q, ScorecardMaxScore))
}

func checkCounts(e *validation.Errors, prefix string, success, total int) {
	if prefix != "" {
		prefix += "."
	}
	switch {
	case success < 0:
		e.Add(prefix+"success", "gte", "0", "must be at least 0")
	case total < 0:
		e.Add(prefix+"total", "gte", "0", "must be at least 0")
	case success > total:
		e.Add(prefix+"success", "ltefield", "total", "must be at most total")
	}
}

// ProportionalGroup is one group of OpenSSF's weighted proportional score.
type ProportionalGroup struct {
	Success int `json:"success"` // 0..Total
	Total   int `json:"total"`   // >= 0; a group with 0 total is skipped
	Weight  int `json:"weight"`  // >= 0; a group with weight 0 adds nothing
}

// ProportionalScoreWeighted is OpenSSF's CreateProportionalScoreWeighted: 10 × Σ success ×
// weight / Σ total × weight with integer division, capped at 10. Groups with total 0 are
// skipped; when no group is left the score is -1 (inconclusive); when every remaining
// weight is 0 it is 10. Sums are exact whatever the counts. Negative counts or weights, or
// success above total, are a *productops.ValidationError naming the group.
func ProportionalScoreWeighted(groups []ProportionalGroup) (int, error) {
	e := validation.New("launch: proportional score")
	for i, g := range groups {
		p := "groups[" + strconv.Itoa(i) + "]"
		checkCounts(e, p, g.Success, g.Total)
		if g.Weight < 0 {
			e.Add(p+".weight", "gte", "0", "must be at least 0")
		}
	}
	if err := e.Err(); err != nil {
		return 0, err
	}
	ws, wt := decimal.Zero, decimal.Zero
	any, allZero := false, true
	for _, g := range groups {
		if g.Total == 0 {
			continue
		}
		any = true
		if g.Weight != 0 {
			allZero = false
		}
		w := decimal.NewFromInt(int64(g.Weight))
		ws = ws.Add(decimal.NewFromInt(int64(g.Success)).Mul(w))
		wt = wt.Add(decimal.NewFromInt(int64(g.Total)).Mul(w))
	}
	switch {
	case !any:
		return ScorecardInconclusive, nil
	case allZero:
		return ScorecardMaxScore, nil
	}
	q, _ := ws.Mul(decimal.NewFromInt(ScorecardMaxScore)).QuoRem(wt, 0)
	return int(min(q.IntPart(), ScorecardMaxScore)), nil
}
