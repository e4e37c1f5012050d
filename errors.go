package productops

import (
	"errors"
	"strings"
)

// ErrInvalid is the sentinel every validation failure in productops matches:
// errors.Is(err, productops.ErrInvalid) is true for any *ValidationError returned by any
// package of the module.
var ErrInvalid = errors.New("productops: invalid input")

// FieldError describes one bad field of an input.
type FieldError struct {
	// Field is the JSON path of the bad value, such as "items[2].reach"; empty when the
	// error concerns the input as a whole.
	Field string `json:"field"`
	// Rule names the rule that failed, such as "required", "dgt" or "unique".
	Rule string `json:"rule"`
	// Param is the rule's parameter, such as "0" for "dgt=0"; empty when the rule has none.
	Param string `json:"param,omitempty"`
	// Message is a short lowercase sentence for people, such as "must be greater than 0".
	Message string `json:"message"`
}

// String formats the error as "field: message", or the message alone when Field is empty.
func (f FieldError) String() string {
	if f.Field == "" {
		return f.Message
	}
	return f.Field + ": " + f.Message
}

// ValidationError reports every bad field of an input at once. Packages return it as a
// *ValidationError; match it with errors.As or errors.Is(err, ErrInvalid).
type ValidationError struct {
	// Subject names what was validated, prefixed with the package, such as
	// "prioritize: RICE input".
	Subject string `json:"subject"`
	// Fields lists the failures in a stable order (the order the checks ran).
	Fields []FieldError `json:"fields"`
}

// Error formats the subject and every field error on one line:
// "prioritize: RICE input: invalid: reach: must be at least 0; effort: must be greater than 0".
func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.Subject != "" {
		b.WriteString(e.Subject)
		b.WriteString(": ")
	}
	b.WriteString("invalid")
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.String())
	}
	return b.String()
}

// Is reports whether target is ErrInvalid, so errors.Is(err, ErrInvalid) holds for every
// *ValidationError, wrapped or not.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }
