package prioritize

import (
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// Quadrant is a value/effort quadrant.
type Quadrant uint8

// Quadrants. The zero value is QuickWin.
const (
	QuickWin Quadrant = iota // high value, low effort
	BigBet                   // high value, high effort (major project)
	FillIn                   // low value, low effort
	MoneyPit                 // low value, high effort (time sink)
)

var quadrantSet = enum.Set[Quadrant]{Subject: "prioritize: quadrant", Kind: "quadrant", Names: []string{"quick_win", "big_bet", "fill_in", "money_pit"}}

// String returns "quick_win", "big_bet", "fill_in" or "money_pit".
func (q Quadrant) String() string { return quadrantSet.String(q) }

// MarshalText encodes the name given by String.
func (q Quadrant) MarshalText() ([]byte, error) { return quadrantSet.Marshal(q) }

// UnmarshalText decodes a name given by String.
func (q *Quadrant) UnmarshalText(b []byte) error {
	return quadrantSet.Unmarshal(q, b)
}

// Thresholds split the value and effort axes. The caller states them (a scale midpoint is
// the stable choice; a set's median changes with the set); a zero field is the threshold 0.
type Thresholds struct {
	// Value: a value at or above it is high.
	Value decimal.Decimal `json:"value" validate:"dbound"`
	// Effort: an effort at or below it is low.
	Effort decimal.Decimal `json:"effort" validate:"dbound"`
}

// Classify places one item in a quadrant. Points on a threshold resolve toward the more
// favourable side: value ≥ t.Value is high, effort ≤ t.Effort is low.
func Classify(value, effort decimal.Decimal, t Thresholds) (Quadrant, error) {
	e := validation.New("prioritize: quadrant thresholds")
	bounded(e, "", "value", value)
	bounded(e, "", "effort", effort)
	e.Struct("thresholds", t)
	if err := e.Err(); err != nil {
		return 0, err
	}
	high := value.Cmp(t.Value) >= 0
	low := effort.Cmp(t.Effort) <= 0
	switch {
	case high && low:
		return QuickWin, nil
	case high:
		return BigBet, nil
	case low:
		return FillIn, nil
	}
	return MoneyPit, nil
}
