package roadmap

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/validation"
)

// ParseItems decodes a JSON array of items strictly and checks them with CheckItems. Unlike
// json.Unmarshal, it rejects what would otherwise be dropped or misread: an unknown field
// anywhere in an item, a value of the wrong type, malformed JSON and data after the array.
// Every problem is a *productops.ValidationError (errors.Is(err, productops.ErrInvalid))
// with JSON paths ("items[2].target"); decoding stops at the first bad item, validation
// reports every problem at once. Dependency cycles are not checked (CheckDependencies).
func ParseItems(data []byte) ([]Item, error) {
	e := validation.New("roadmap: items")
	var raw []json.RawMessage
	if !decodeStrict(e, "items", data, &raw) {
		return nil, e.Err()
	}
	items, ok := decodeItems(e, raw)
	if !ok {
		return nil, e.Err()
	}
	if err := CheckItems(items); err != nil {
		return nil, err
	}
	return items, nil
}

// ParsePlan decodes a JSON plan strictly, as ParseItems does for its items and with the
// same rules for every other part (objectives, teams, lifecycle, calendar), then validates
// it with Plan.Validate, so the error may also be a *CycleError.
func ParsePlan(data []byte) (Plan, error) {
	e := validation.New("roadmap: plan")
	type plain Plan
	var aux struct {
		plain
		Items    []json.RawMessage `json:"items"`
		Calendar json.RawMessage   `json:"calendar"`
	}
	if !decodeStrict(e, "", data, &aux) {
		return Plan{}, e.Err()
	}
	p := Plan(aux.plain)
	if aux.Calendar != nil && !decodeStrict(e, "calendar", aux.Calendar, &p.Calendar) {
		return Plan{}, e.Err()
	}
	items, ok := decodeItems(e, aux.Items)
	if !ok {
		return Plan{}, e.Err()
	}
	p.Items = items
	if err := p.Validate(); err != nil {
		return Plan{}, err
	}
	return p, nil
}

// decodeItems decodes each raw item strictly, recording the first failure under
// "items[i]".
func decodeItems(e *validation.Errors, raw []json.RawMessage) ([]Item, bool) {
	if raw == nil {
		return nil, true
	}
	items := make([]Item, len(raw))
	for i, r := range raw {
		it, err := decodeItem(r, true)
		if err != nil {
			prefix := fmt.Sprintf("items[%d]", i)
			var fe *ItemFieldError
			var pe *periodError
			if errors.As(err, &fe) && errors.As(err, &pe) {
				e.Addf(prefix+"."+fe.Field, "period", "unparseable period %q: %s", pe.text, pe.why)
				return nil, false
			}
			decodeFailure(e, prefix, err)
			return nil, false
		}
		items[i] = it
	}
	return items, true
}

// decodeStrict decodes data into v, rejecting unknown fields and trailing data; a failure
// is recorded under prefix and reported as false.
func decodeStrict(e *validation.Errors, prefix string, data []byte, v any) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		decodeFailure(e, prefix, err)
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		e.Add(prefix, "json", "", "unexpected data after the JSON value")
		return false
	}
	return true
}

// decodeFailure records a decoding error as a field error: a type mismatch at its path, an
// error that is already a *productops.ValidationError (an unknown enum name) with its
// fields, and anything else (an unknown field, malformed JSON) at prefix.
func decodeFailure(e *validation.Errors, prefix string, err error) {
	var te *json.UnmarshalTypeError
	var ve *productops.ValidationError
	switch {
	case errors.As(err, &te):
		// The decoders embed the decoded type as "plain" to shadow fields; drop that name.
		path := strings.TrimPrefix(te.Field, "plain.")
		if prefix != "" && path != "" {
			path = prefix + "." + path
		} else if path == "" {
			path = prefix
		}
		e.Add(path, "type", "", "cannot use a JSON "+te.Value+" here")
	case errors.As(err, &ve):
		for _, f := range ve.Fields {
			msg := f.Message
			if ve.Subject != "" {
				msg = strings.TrimPrefix(ve.Subject, "roadmap: ") + ": " + msg
			}
			e.Add(joinPath(prefix, f.Field), f.Rule, f.Param, msg)
		}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		e.Add(prefix, "unknown", "", "unknown field "+validation.Truncate(strings.TrimPrefix(err.Error(), "json: unknown field ")))
	default:
		e.Add(prefix, "json", "", "malformed JSON: "+validation.Truncate(err.Error()))
	}
}

// joinPath appends a field path to a prefix with a dot.
func joinPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	}
	return prefix + "." + path
}
