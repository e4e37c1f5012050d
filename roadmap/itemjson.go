package roadmap

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/productops/productops/internal/validation"
)

// ItemFieldError reports a field of an item that does not decode, such as a fuzzy date
// that does not parse; it names the item. It unwraps to the cause, so
// errors.Is(err, ErrPeriodSyntax) holds for a bad date.
type ItemFieldError struct {
	ID    ItemID `json:"id"`    // the item.
	Field string `json:"field"` // the JSON field, such as "target".
	Err   error  `json:"-"`     // the cause.
}

// MarshalJSON encodes the item, the field and the error's message:
// {"id":"search","field":"target","message":"roadmap: item ..."}.
func (e *ItemFieldError) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID      ItemID `json:"id"`
		Field   string `json:"field"`
		Message string `json:"message"`
	}{e.ID, e.Field, e.Error()})
}

// Error formats `roadmap: item "search": target: unparseable period "soon": ...`.
func (e *ItemFieldError) Error() string {
	msg := e.Err.Error()
	var pe *periodError
	if errors.As(e.Err, &pe) {
		msg = fmt.Sprintf("unparseable period %q: %s", pe.text, pe.why)
	}
	return fmt.Sprintf("roadmap: item %q: %s: %s", validation.Truncate(string(e.ID)), e.Field, msg)
}

// Unwrap returns the cause.
func (e *ItemFieldError) Unwrap() error { return e.Err }

// UnmarshalJSON decodes an item, reporting an unparseable start or target date as an
// *ItemFieldError that names the item. Like json.Unmarshal it ignores unknown fields; use
// ParseItems or ParsePlan to reject them.
func (it *Item) UnmarshalJSON(b []byte) error {
	v, err := decodeItem(b, false)
	if err != nil {
		return err
	}
	*it = v
	return nil
}

// decodeItem decodes one item; strict rejects unknown fields and trailing data.
func decodeItem(b []byte, strict bool) (Item, error) {
	type plain Item
	var aux struct {
		plain
		Start  *string `json:"start"`
		Target *string `json:"target"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(&aux); err != nil {
		return Item{}, err
	}
	out := Item(aux.plain)
	for _, f := range []struct {
		name string
		text *string
		dst  *Period
	}{{"start", aux.Start, &out.Start}, {"target", aux.Target, &out.Target}} {
		*f.dst = Period{}
		if f.text == nil || *f.text == "" {
			continue
		}
		p, err := ParsePeriod(*f.text)
		if err != nil {
			return Item{}, &ItemFieldError{ID: out.ID, Field: f.name, Err: err}
		}
		*f.dst = p
	}
	return out, nil
}
