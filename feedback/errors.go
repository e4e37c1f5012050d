package feedback

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/validation"
)

// joinPath joins JSON path parts: ("items[2]", "text") gives "items[2].text".
func joinPath(prefix, field string) string {
	if prefix == "" {
		return field
	}
	return prefix + "." + field
}

// quoteID quotes an ID for a message, bounded in length.
func quoteID(id string) string { return strconv.Quote(validation.Truncate(id)) }

// nilError is the *productops.ValidationError for a nil pointer argument named field.
func nilError(subject, field string) error {
	e := validation.New(subject)
	e.Add(field, "required", "", "is required (nil)")
	return e.Err()
}

// newErrors starts a collector of field errors for subject.
func newErrors(subject string) *validation.Errors { return validation.New(subject) }

// inputError is a *productops.ValidationError with one failure.
func inputError(subject, field, rule, format string, args ...any) error {
	e := validation.New(subject)
	e.Addf(field, rule, format, args...)
	return e.Err()
}

// sentinelError is a *productops.ValidationError that also matches a package sentinel, so
// callers can branch on either (errors.Is(err, ErrMergeCycle) and
// errors.Is(err, productops.ErrInvalid) both hold, and errors.As finds the
// ValidationError).
type sentinelError struct {
	sentinel error
	ve       error
}

func (e *sentinelError) Error() string   { return e.ve.Error() }
func (e *sentinelError) Unwrap() []error { return []error{e.sentinel, e.ve} }

// invalidAnd joins a sentinel and a validation error.
func invalidAnd(sentinel, ve error) error { return &sentinelError{sentinel: sentinel, ve: ve} }

// parseStrict decodes one JSON value into T, rejecting unknown fields and trailing data.
// A malformed document or a value of the wrong type is a *productops.ValidationError
// naming subject and the JSON path where that is known.
func parseStrict[T any](subject string, data []byte) (T, error) {
	var v T
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		var zero T
		return zero, decodeError(subject, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		var zero T
		return zero, decodeError(subject, errors.New("trailing data after the value"))
	}
	return v, nil
}

// decodeError turns a JSON decoding failure into a *productops.ValidationError.
func decodeError(subject string, err error) error {
	var ve *productops.ValidationError
	if errors.As(err, &ve) {
		return &productops.ValidationError{Subject: subject, Fields: ve.Fields}
	}
	e := validation.New(subject)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		e.Add(te.Field, "type", "", "cannot use a JSON "+te.Value+" here")
		return e.Err()
	}
	e.Add("", "json", "", "malformed JSON: "+validation.Truncate(err.Error()))
	return e.Err()
}
