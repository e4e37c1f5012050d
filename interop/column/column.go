// Package column reads the cells of vendor exports the same way in every interop package:
// plain decimal numbers, percentages with a declared unit, and the size limits every reader
// applies.
//
// # Percentages
//
// A percent column is read only under a declared Unit, and a value whose meaning depends on
// a guess is an error, never a silent 100x:
//
//	cell      UnitPercent (whole percent)   UnitFraction (0 to 1)
//	"80%"     0.8                           0.8
//	"80"      0.8                           error: above 1, looks like percent
//	"0.8"     error: looks like a fraction  0.8
//	"1"       error: 1% or 100%?            1
//	"0"       0                             0
//
// A "%" sign always means percent. Results are fractions (0.8 for 80%), the unit
// prioritize.RICEInput.Confidence uses.
package column

import (
	"errors"
	"math/big"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// Unit declares how a percent column writes its values. The zero value, UnitUnset, is
// not a unit: reading a percent column under it is an error, so every mapping that names a
// percent column must say which unit it uses.
type Unit uint8

// Units.
const (
	// UnitUnset means no unit was declared.
	UnitUnset Unit = iota
	// UnitPercent: the column holds whole percent, 0 to 100 ("80" or "80%" is 0.8).
	// Non-integers are allowed ("12.5" is 0.125); a bare value above 0 and at most 1 is
	// ambiguous and an error.
	UnitPercent
	// UnitFraction: the column holds a fraction, 0 to 1 ("0.8" is 0.8; "80%" is 0.8 too).
	// A bare value above 1 is ambiguous and an error.
	UnitFraction
)

var unitSet = enum.Set[Unit]{
	Subject: "column: unit", Kind: "unit",
	Names:   []string{"", "percent", "fraction"},
	Aliases: map[string]Unit{"pct": UnitPercent, "%": UnitPercent, "ratio": UnitFraction},
}

// String returns "percent" or "fraction", or "unit(n)" for UnitUnset and undefined values.
func (u Unit) String() string { return unitSet.String(u) }

// MarshalText encodes the unit's name; UnitUnset is an error.
func (u Unit) MarshalText() ([]byte, error) { return unitSet.Marshal(u) }

// UnmarshalText decodes "percent" (also "pct", "%") or "fraction" (also "ratio").
func (u *Unit) UnmarshalText(b []byte) error { return unitSet.Unmarshal(u, b) }

// Errors returned by ParseNumber and ParseFraction (wrapped with the cell quoted). They are
// plain errors: the readers turn them into a *productops.ValidationError naming the line and
// column.
var (
	ErrNumber    = errors.New("column: not a plain decimal number")
	ErrAmbiguous = errors.New("column: ambiguous percentage")
	ErrUnit      = errors.New("column: no unit declared for a percent column")
)

// cellError wraps a sentinel with the offending cell, bounded and quoted.
type cellError struct {
	err  error
	cell string
	why  string
}

func (e *cellError) Error() string {
	s := strconv.Quote(validation.Truncate(e.cell)) + ": " + e.why
	return s
}

func (e *cellError) Unwrap() error { return e.err }

// maxDigits bounds the digits of a number cell, so every value is a bounded decimal.
const maxDigits = validation.MaxDecimalDigits

// ParseNumber reads a plain decimal number: an optional sign, digits with at most one
// decimal point, surrounded by optional spaces ("5", "-2.50", ".5", "3."). It rejects
// exponents, thousands separators, decimal commas, NaN and infinities, and more than 40
// digits. The error wraps ErrNumber and quotes the cell (bounded).
func ParseNumber(s string) (decimal.Decimal, error) {
	d, ok := parseDecimal(trimSpace(s))
	if !ok {
		return decimal.Decimal{}, &cellError{ErrNumber, s, "want a plain decimal number such as 5 or 2.5"}
	}
	return d, nil
}

// ParseFraction reads a percentage under the declared unit and returns it as a fraction
// (0.8 for 80%). A trailing "%" (spaces allowed before it) always means percent. See the
// package doc for which bare values are ambiguous. Errors wrap ErrNumber, ErrAmbiguous or
// ErrUnit.
func ParseFraction(s string, u Unit) (decimal.Decimal, error) {
	t := trimSpace(s)
	pct := false
	if n := len(t); n > 0 && t[n-1] == '%' {
		pct = true
		t = trimSpace(t[:n-1])
	}
	d, ok := parseDecimal(t)
	if !ok {
		return decimal.Decimal{}, &cellError{ErrNumber, s, "want a percentage such as 80% or a plain number"}
	}
	if pct {
		return d.Shift(-2), nil
	}
	switch u {
	case UnitPercent:
		if d.Sign() > 0 && d.Cmp(decimal.NewFromInt(1)) <= 0 {
			return decimal.Decimal{}, &cellError{ErrAmbiguous, s, "ambiguous: at most 1 in a column of whole percent: write it with a % sign (0.8% or 80%)"}
		}
		return d.Shift(-2), nil
	case UnitFraction:
		if d.Cmp(decimal.NewFromInt(1)) > 0 {
			return decimal.Decimal{}, &cellError{ErrAmbiguous, s, "ambiguous: above 1 in a column of fractions: write it with a % sign (80%) or declare the unit percent"}
		}
		return d, nil
	}
	return decimal.Decimal{}, &cellError{ErrUnit, s, "declare the column's unit (percent or fraction)"}
}

// trimSpace drops ASCII spaces and tabs at both ends (cells come from CSV or JSON text).
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return s[i:j]
}

// parseDecimal reads [+-]digits[.digits] with at least one digit and at most maxDigits.
func parseDecimal(s string) (decimal.Decimal, bool) {
	if s == "" || len(s) > maxDigits+2 {
		return decimal.Decimal{}, false
	}
	i := 0
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		i++
	}
	var coef uint64
	digits, scale := 0, 0
	dot := false
	wide := false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if dot {
				scale++
			}
			if coef > (1<<63-1-9)/10 {
				wide = true
			}
			coef = coef*10 + uint64(c-'0')
		case c == '.' && !dot:
			dot = true
		default:
			return decimal.Decimal{}, false
		}
	}
	if digits == 0 || digits > maxDigits {
		return decimal.Decimal{}, false
	}
	if wide {
		var b strings.Builder
		if neg {
			b.WriteByte('-')
		}
		for _, c := range []byte(s) {
			if c >= '0' && c <= '9' {
				b.WriteByte(c)
			}
		}
		n, ok := new(big.Int).SetString(b.String(), 10)
		if !ok {
			return decimal.Decimal{}, false
		}
		return decimal.NewFromBigInt(n, int32(-scale)), true
	}
	v := int64(coef)
	if neg {
		v = -v
	}
	return decimal.New(v, int32(-scale)), true
}
