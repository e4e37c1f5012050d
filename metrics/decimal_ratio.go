package metrics

import "github.com/shopspring/decimal"

// DecimalRatio is an exact ratio of two decimals (a revenue ratio, an amount per customer,
// a KPI's progress) that may be undefined: 0 of 0, or anything over a zero denominator, has
// Defined false and Value 0, never a made-up 0 or 1.
type DecimalRatio struct {
	// Defined is false when the denominator is 0.
	Defined bool `json:"defined"`
	// Value is the ratio rounded half away from zero to the scale its producer documents.
	Value decimal.Decimal `json:"value"`
}

// String formats the value, or "undefined".
func (r DecimalRatio) String() string {
	if !r.Defined {
		return "undefined"
	}
	return r.Value.String()
}

// Percent formats a ratio as a percentage with two decimals, such as "95.31%", or
// "undefined".
func (r DecimalRatio) Percent() string {
	if !r.Defined {
		return "undefined"
	}
	return r.Value.Shift(2).StringFixed(2) + "%"
}

// NewDecimalRatio returns num/den rounded half away from zero to scale fractional digits,
// or an undefined ratio when den is 0. It divides with DivRound only; callers bound their
// decimals before they get here.
func NewDecimalRatio(num, den decimal.Decimal, scale int32) DecimalRatio {
	if den.IsZero() {
		return DecimalRatio{Value: decimal.Zero}
	}
	return DecimalRatio{Defined: true, Value: num.DivRound(den, scale)}
}
