package tabular

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"github.com/productops/productops/interop/column"
)

// Handler receives the value of one key of a page object.
type Handler struct {
	// Each, when set, receives every element of an array value, one at a time; i counts
	// elements across pages.
	Each func(raw json.RawMessage, i int) error
	// Whole, when set, receives the value whole (bounded by MaxRecordBytes).
	Whole func(raw json.RawMessage) error
}

// Pages reads a sequence of JSON objects (one API response page, or several pages one
// after another) and hands the values of the keys in handlers to them; other keys are
// skipped. Every element and every handled value is bounded by lim.MaxRecordBytes, the
// elements of all pages by lim.MaxRecords. A handler's error is recorded as is when it is
// a *productops.ValidationError; any error stops the read. ctx is checked every 1024
// elements.
func Pages(ctx context.Context, r io.Reader, lim column.Limits, errs *Errors, handlers map[string]Handler) error {
	br := bufio.NewReaderSize(r, 4096)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	c := &counter{r: br, max: lim.MaxRecordBytes + slack}
	dec := json.NewDecoder(c)
	dec.UseNumber()
	counts := map[string]int{}
	total := 0
	fail := func(err error) error {
		if errors.Is(err, errTooLong) {
			errs.Add("offset "+strconv.FormatInt(dec.InputOffset(), 10), "max_record_bytes", "a value is longer than "+strconv.Itoa(lim.MaxRecordBytes)+" bytes (raise Limits.MaxRecordBytes)")
			return nil
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			errs.Add("offset "+strconv.FormatInt(se.Offset, 10), "json", "malformed JSON: "+se.Error())
			return nil
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			errs.Add("offset "+strconv.FormatInt(dec.InputOffset(), 10), "json", "the JSON ends in the middle of a value")
			return nil
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			errs.Add("offset "+strconv.FormatInt(te.Offset, 10), "json", "unexpected JSON "+te.Value)
			return nil
		}
		return err
	}
	pages := 0
	for {
		c.Reset()
		tok, err := dec.Token()
		if err == io.EOF {
			if pages == 0 {
				errs.Add("offset 0", "json", "no JSON object")
			}
			return nil
		}
		if err != nil {
			return fail(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			errs.Add("offset "+strconv.FormatInt(dec.InputOffset(), 10), "json", "want a JSON object (an API response page)")
			return nil
		}
		pages++
		for dec.More() {
			c.Reset()
			kt, err := dec.Token()
			if err != nil {
				return fail(err)
			}
			key, _ := kt.(string)
			h, ok := handlers[key]
			switch {
			case ok && h.Each != nil:
				c.Reset()
				tok, err := dec.Token()
				if err != nil {
					return fail(err)
				}
				if tok == nil {
					continue // null: no elements
				}
				if d, ok := tok.(json.Delim); !ok || d != '[' {
					errs.Add(key, "json", "want an array")
					return nil
				}
				for dec.More() {
					if total&1023 == 0 {
						if err := ctx.Err(); err != nil {
							return err
						}
					}
					total++
					if total > lim.MaxRecords {
						errs.Add(key+"["+strconv.Itoa(counts[key])+"]", "max_records", "more than "+strconv.Itoa(lim.MaxRecords)+" records (raise Limits.MaxRecords)")
						return nil
					}
					c.Reset()
					var raw json.RawMessage
					if err := dec.Decode(&raw); err != nil {
						return fail(err)
					}
					i := counts[key]
					counts[key]++
					if err := h.Each(raw, i); err != nil {
						return err
					}
					if errs.Full() {
						return nil
					}
				}
				if _, err := dec.Token(); err != nil {
					return fail(err)
				}
			default:
				c.Reset()
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return fail(err)
				}
				if ok && h.Whole != nil {
					if err := h.Whole(raw); err != nil {
						return err
					}
				}
			}
		}
		if _, err := dec.Token(); err != nil {
			return fail(err)
		}
	}
}

// Text reads a JSON value that may be a string, a number, a bool, null, or an object with
// a "value" or "name" (Jira's option and user fields); anything else is "" and false.
func Text(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return "", true
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	case '{':
		var o struct {
			Value       json.RawMessage `json:"value"`
			Name        json.RawMessage `json:"name"`
			DisplayName json.RawMessage `json:"displayName"`
		}
		if json.Unmarshal(raw, &o) != nil {
			return "", false
		}
		for _, v := range []json.RawMessage{o.Value, o.Name, o.DisplayName} {
			if len(v) > 0 && v[0] != '{' && v[0] != '[' {
				return Text(v)
			}
		}
		return "", false
	case '[':
		return "", false
	case 't', 'f':
		return string(raw), true
	}
	return string(raw), true
}

// Texts reads a JSON array of values Text reads, or one such value.
func Texts(raw json.RawMessage) ([]string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return nil, false
		}
		var out []string
		for _, it := range items {
			s, ok := Text(it)
			if !ok {
				return nil, false
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, true
	}
	s, ok := Text(raw)
	if !ok || s == "" {
		return nil, ok
	}
	return []string{s}, true
}
