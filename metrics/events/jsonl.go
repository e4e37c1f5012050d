package events

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
)

// ReadJSONLines reads an event log from JSON lines: one JSON object per line, blank lines
// skipped. opts maps field names to the user (a string, or a number taken as its decimal
// text), the event name (a string) and the time (a number read per TimeFormat, TimeAuto
// meaning Unix seconds; or a string: digits per TimeFormat, else RFC 3339). PropColumns
// fields become properties (strings, numbers and booleans as text; null means absent).
// Bad rows are handled as in ReadCSV, with their 1-based line numbers.
func ReadJSONLines(r io.Reader, opts ReadOptions) (*Log, error) {
	uc, nc, tc := opts.columns()
	bad := newBadRows(opts)
	b := NewLogBuilder()
	br := bufio.NewReaderSize(r, 1<<20)
	line := 0
	var fields map[string]json.RawMessage
	for {
		raw, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			buf := append([]byte(nil), raw...)
			for errors.Is(err, bufio.ErrBufferFull) {
				raw, err = br.ReadSlice('\n')
				buf = append(buf, raw...)
			}
			raw = buf
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		if len(raw) > 0 {
			line++
			if msg, col := addJSONLine(b, bytes.TrimSpace(raw), uc, nc, tc, opts, &fields); msg != "" {
				if err := bad.report(line, col, msg); err != nil {
					return nil, err
				}
			}
		}
		if err != nil {
			break
		}
	}
	return b.Build(), bad.result()
}

// addJSONLine parses one line and adds its event; it returns a message and the field at
// fault for a bad line.
func addJSONLine(b *LogBuilder, raw []byte, uc, nc, tc string, opts ReadOptions, fields *map[string]json.RawMessage) (msg, col string) {
	if len(raw) == 0 {
		return "", ""
	}
	clear(*fields)
	if err := json.Unmarshal(raw, fields); err != nil {
		return "is not a JSON object", ""
	}
	f := *fields
	user, ok := jsonText(f[uc])
	if !ok || user == "" {
		return "must be a non-empty string or a number", uc
	}
	var name string
	if err := json.Unmarshal(f[nc], &name); err != nil || name == "" || f[nc] == nil {
		return "must be a non-empty string", nc
	}
	tr := f[tc]
	var ts int64
	switch {
	case len(tr) == 0 || string(tr) == "null":
		return "is required", tc
	case tr[0] == '"':
		var s string
		if err := json.Unmarshal(tr, &s); err != nil {
			return "is not a valid string", tc
		}
		ts, msg = parseTime([]byte(s), opts.TimeFormat)
	default:
		format := opts.TimeFormat
		if format == TimeRFC3339 {
			return "must be an RFC 3339 string", tc
		}
		ts, msg = parseTime(tr, format)
		if msg != "" {
			msg = "is not an integer Unix time"
		}
	}
	if msg != "" {
		return msg, tc
	}
	b.add(b.users.internString(user), b.internName(name), ts)
	for _, pc := range opts.PropColumns {
		if v, ok := jsonText(f[pc]); ok && v != "" {
			b.setProp(pc, v)
		}
	}
	return "", ""
}

// jsonText returns a JSON string's value, or a number's or boolean's text.
func jsonText(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", false
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false
		}
		return s, true
	case 't', 'f':
		return string(raw), string(raw) == "true" || string(raw) == "false"
	}
	if _, err := strconv.ParseFloat(string(raw), 64); err != nil {
		return "", false
	}
	return string(raw), true
}
