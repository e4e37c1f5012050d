package roadmap

import (
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// bounded records a "dbound" error for a decimal beyond validation.MaxDecimalDigits digits
// or an exponent beyond ±validation.MaxDecimalExponent, and reports whether d is bounded.
// Every caller decimal passes through it before any comparison or arithmetic: comparing
// decimal.New(1, -(1<<30)) with anything rescales to a billion digits.
func bounded(e *validation.Errors, field string, d decimal.Decimal) bool {
	if validation.DecimalBounded(d) {
		return true
	}
	e.Addf(field, "dbound", "must have at most %d digits and an exponent within ±%d", validation.MaxDecimalDigits, validation.MaxDecimalExponent)
	return false
}

// cmpSmall compares d with c, a constant of this package whose magnitude lies between
// 0.001 and 1000, like d.Cmp(c) but without the cost of rescaling an unbounded d: an
// exponent beyond +40 is at least 1e41 in magnitude, and a value below 1e-4 in magnitude
// compares with c as 0 does. Any other d costs at most linear time in its own digits.
func cmpSmall(d, c decimal.Decimal) int {
	if validation.DecimalBounded(d) {
		return d.Cmp(c)
	}
	e := int64(d.Exponent())
	switch {
	case d.Sign() == 0:
		return -c.Sign()
	case e > validation.MaxDecimalExponent:
		return d.Sign()
	case int64(d.NumDigits())+e <= -4:
		return -c.Sign()
	}
	return d.Cmp(c)
}
