// Package validation holds the module's one validator and turns its failures, and failures
// found by hand, into *productops.ValidationError.
//
// The validator is built once (sync.OnceValue) with WithRequiredStructEnabled, JSON field
// names, and the decimal tags dgt, dgte, dlt, dlte (exact comparisons with a decimal
// parameter) and dscale (at most N fractional digits). Nothing is registered after the
// first use, so it is safe for concurrent use.
package validation

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
)

// instance is the module's only validator, built on first use and never mutated afterwards.
var instance = sync.OnceValue(func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(jsonName)
	for tag, fn := range map[string]validator.Func{
		"dgt":    decimalCmp(func(c int) bool { return c > 0 }),
		"dgte":   decimalCmp(func(c int) bool { return c >= 0 }),
		"dlt":    decimalCmp(func(c int) bool { return c < 0 }),
		"dlte":   decimalCmp(func(c int) bool { return c <= 0 }),
		"dscale": decimalScale,
		"dbound": func(fl validator.FieldLevel) bool {
			d, isDec := decimalOf(fl)
			return !isDec || DecimalBounded(d)
		},
	} {
		if err := v.RegisterValidation(tag, fn); err != nil {
			panic("validation: registering " + tag + ": " + err.Error())
		}
	}
	return v
})

// jsonName reports a field's JSON name, so error paths read as the caller's JSON does.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

// decimalOf extracts a decimal from a field holding decimal.Decimal or *decimal.Decimal.
func decimalOf(fl validator.FieldLevel) (decimal.Decimal, bool) {
	switch d := fl.Field().Interface().(type) {
	case decimal.Decimal:
		return d, true
	case *decimal.Decimal:
		if d == nil {
			return decimal.Decimal{}, false
		}
		return *d, true
	}
	return decimal.Decimal{}, false
}

// decimalCmp builds a tag that compares the field with the tag's decimal parameter.
func decimalCmp(ok func(cmp int) bool) validator.Func {
	return func(fl validator.FieldLevel) bool {
		d, isDec := decimalOf(fl)
		if !isDec || !DecimalBounded(d) {
			return false
		}
		p, err := decimal.NewFromString(fl.Param())
		if err != nil {
			panic("validation: bad decimal tag parameter " + strconv.Quote(fl.Param()))
		}
		return ok(d.Cmp(p))
	}
}

// decimalScale checks that the field has at most Param fractional digits.
func decimalScale(fl validator.FieldLevel) bool {
	d, isDec := decimalOf(fl)
	if !isDec || !DecimalBounded(d) {
		return false
	}
	n, err := strconv.Atoi(fl.Param())
	if err != nil {
		panic("validation: bad dscale parameter " + strconv.Quote(fl.Param()))
	}
	// Trailing zeros do not count: 1.50 has one significant fractional digit.
	return -int(d.Normalize().Exponent()) <= n
}

// Struct validates v, a struct or a pointer to one, with the shared validator. It returns
// nil or a *productops.ValidationError whose Subject is subject.
func Struct(subject string, v any) error {
	e := New(subject)
	e.Struct("", v)
	return e.Err()
}

// Errors collects field errors, from the validator and from checks written by hand, and
// turns them into one *productops.ValidationError. The zero value is not usable; call New.
type Errors struct {
	subject string
	fields  []productops.FieldError
}

// New returns an empty collector for subject, such as "prioritize: RICE input".
func New(subject string) *Errors { return &Errors{subject: subject} }

// Add records one failure. field is a JSON path ("items[2].reach").
func (e *Errors) Add(field, rule, param, message string) {
	e.fields = append(e.fields, productops.FieldError{Field: field, Rule: rule, Param: param, Message: message})
}

// Addf records one failure with a formatted message and no parameter.
func (e *Errors) Addf(field, rule, format string, args ...any) {
	e.Add(field, rule, "", fmt.Sprintf(format, args...))
}

// Struct runs the validator on v and records its failures with paths under prefix
// ("items[3]" gives "items[3].reach"). A nil pointer is recorded as a required field.
func (e *Errors) Struct(prefix string, v any) {
	if v == nil {
		e.Add(prefix, "required", "", "is required")
		return
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		e.Add(prefix, "required", "", "is required")
		return
	}
	err := instance().Struct(v)
	if err == nil {
		return
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		// Not a struct: a programmer error in the calling package, reported as such.
		e.Add(prefix, "struct", "", "is not a struct")
		return
	}
	for _, fe := range ves {
		e.Add(join(prefix, trimRoot(fe.Namespace())), fe.Tag(), fe.Param(), message(fe.Tag(), fe.Param(), fe.Kind()))
	}
}

// Merge absorbs err. A *productops.ValidationError contributes its fields with paths
// under prefix; any other non-nil error is recorded as one failure at prefix.
func (e *Errors) Merge(prefix string, err error) {
	if err == nil {
		return
	}
	var ve *productops.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			f.Field = join(prefix, f.Field)
			e.fields = append(e.fields, f)
		}
		return
	}
	e.Add(prefix, "invalid", "", err.Error())
}

// Len reports how many failures have been recorded.
func (e *Errors) Len() int { return len(e.fields) }

// Err returns nil when nothing failed, else a *productops.ValidationError listing every
// failure in the order recorded.
func (e *Errors) Err() error {
	if len(e.fields) == 0 {
		return nil
	}
	return &productops.ValidationError{Subject: e.subject, Fields: append([]productops.FieldError(nil), e.fields...)}
}

// The bounds of every decimal the module accepts: at most MaxDecimalDigits significant
// digits in the coefficient and an exponent within ±MaxDecimalExponent, so 10^-40 ≤ |d| <
// 10^80 for any non-zero bounded d. Checking them is O(1) for coefficients that fit in 64
// bits; they keep every later comparison and product cheap, whatever the caller built.
const (
	MaxDecimalDigits   = 40
	MaxDecimalExponent = 40
)

// DecimalBounded reports whether d is within MaxDecimalDigits and MaxDecimalExponent. Run it
// before any comparison or arithmetic on caller input: comparing decimals whose exponents
// differ by 2^30 rescales a coefficient to a billion digits. The tag "dbound" applies it;
// the dgt, dgte, dlt, dlte and dscale tags fail an unbounded value before comparing, so put
// "dbound" first ("dbound,dgte=0") to get its message.
func DecimalBounded(d decimal.Decimal) bool {
	e := d.Exponent()
	return e >= -MaxDecimalExponent && e <= MaxDecimalExponent && d.NumDigits() <= MaxDecimalDigits
}

// Finite reports whether f is neither NaN nor ±Inf.
func Finite(f float64) bool { return f == f && f-f == 0 }

// maxEcho is the most bytes of caller input that an error message repeats.
const maxEcho = 64

// Truncate makes caller input safe to repeat in an error message: invalid UTF-8 and
// unprintable runes become U+FFFD, and the result is cut at a rune boundary to at most 64
// bytes, a cut marked with "…". Quoted with %q it stays under 140 bytes, whatever the input.
func Truncate(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			r = utf8.RuneError
		}
		if b.Len()+utf8.RuneLen(r) > maxEcho {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// trimRoot drops the top-level struct name from a validator namespace:
// "RICEInput.items[3].reach" becomes "items[3].reach".
func trimRoot(ns string) string {
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return ns
}

// join appends path to prefix with a dot, treating an index ("[3]") as its own separator.
func join(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case strings.HasPrefix(path, "["):
		return prefix + path
	}
	return prefix + "." + path
}

// message renders a validator tag as a short lowercase sentence.
func message(tag, param string, kind reflect.Kind) string {
	sized := kind == reflect.String || kind == reflect.Slice || kind == reflect.Map || kind == reflect.Array
	switch tag {
	case "required", "required_if", "required_unless", "required_with", "required_without":
		return "is required"
	case "dgt", "gt":
		if sized && tag == "gt" {
			return "must have more than " + param + " elements"
		}
		return "must be greater than " + param
	case "dgte", "gte", "min":
		if sized {
			return "must have at least " + param + " elements"
		}
		return "must be at least " + param
	case "dlt", "lt":
		if sized && tag == "lt" {
			return "must have fewer than " + param + " elements"
		}
		return "must be less than " + param
	case "dlte", "lte", "max":
		if sized {
			return "must have at most " + param + " elements"
		}
		return "must be at most " + param
	case "len":
		return "must have length " + param
	case "eq":
		return "must equal " + param
	case "ne":
		return "must not equal " + param
	case "oneof":
		return "must be one of " + strings.Join(strings.Fields(param), ", ")
	case "dscale":
		return "must have at most " + param + " decimal places"
	case "dbound":
		return "must have at most 40 digits and an exponent within ±40"
	case "unique":
		return "must not contain duplicates"
	case "excluded_with", "excluded_if", "excluded_unless":
		return "must be empty here"
	case "timezone":
		return "must be an IANA time zone name"
	case "email":
		return "must be an email address"
	}
	if param != "" {
		return "fails rule " + tag + "=" + param
	}
	return "fails rule " + tag
}
