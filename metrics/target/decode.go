package target

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/validation"
)

// decodeStrict decodes one JSON value into v, rejecting unknown fields and trailing data;
// every failure is a *productops.ValidationError with subject.
func decodeStrict(subject string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
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
	if _, err := dec.Token(); err == nil {
		e := validation.New(subject)
		e.Add("", "json", "", "trailing data after the value")
		return e.Err()
	}
	return nil
}
