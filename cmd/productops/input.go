package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/productops/productops"
)

// maxInputBytes bounds one JSON or CSV input file (event files are streamed, not read
// whole). Raise it with the PRODUCTOPS_MAX_INPUT_BYTES environment variable.
const maxInputBytes = 256 << 20

// source is one input: its name for messages and its bytes.
type source struct {
	name string
	data []byte
}

// readSource reads the file name, or standard input for "-".
func (e *env) readSource(name string) (source, error) {
	limit := int64(maxInputBytes)
	if v := os.Getenv("PRODUCTOPS_MAX_INPUT_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return source{}, fmt.Errorf("PRODUCTOPS_MAX_INPUT_BYTES: %q is not a positive byte count", v)
		}
		limit = n
	}
	var r io.Reader
	display := name
	size := int64(-1)
	if name == "-" || name == "" {
		r, display = e.stdin, "<stdin>"
		if f, ok := e.stdin.(*os.File); ok && isTerminal(f) {
			fmt.Fprintln(e.stderr, "productops: reading standard input (end it with Ctrl-D; --help shows the inputs)")
		}
	} else {
		f, err := os.Open(name)
		if err != nil {
			return source{}, trimPathError(err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		r = f
	}
	r, done := e.withProgress(r, size, "reading "+display)
	defer done()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return source{}, fmt.Errorf("%s: %w", display, trimPathError(err))
	}
	if int64(len(data)) > limit {
		return source{}, fmt.Errorf("%s: larger than %d bytes (set PRODUCTOPS_MAX_INPUT_BYTES to raise the limit)", display, limit)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	return source{name: display, data: data}, nil
}

// trimPathError turns "open x: no such file or directory" into "x: no such file or directory".
func trimPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// isCSV says whether src looks like CSV rather than JSON: by extension, else by its first
// non-space byte.
func (s source) isCSV() bool {
	lower := strings.ToLower(s.name)
	switch {
	case strings.HasSuffix(lower, ".csv"):
		return true
	case strings.HasSuffix(lower, ".json"):
		return false
	}
	t := bytes.TrimLeft(s.data, " \t\r\n")
	return len(t) > 0 && t[0] != '{' && t[0] != '['
}

// inputError is a problem at a place in an input file.
type inputError struct {
	pos   string // "file:line:col" or "file:line" or "file"
	field string // the JSON path or CSV column, if known
	msg   string
}

func (e *inputError) Error() string {
	if e.field == "" {
		return e.pos + ": " + e.msg
	}
	return e.pos + ": " + e.field + ": " + e.msg
}

// decodeJSON decodes src strictly into v: unknown fields and trailing data are errors,
// and every error names the file, line and column.
func decodeJSON(src source, v any) error {
	dec := json.NewDecoder(bytes.NewReader(src.data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(src, dec, err)
	}
	off := skipSpace(src.data, int(dec.InputOffset()))
	if _, err := dec.Token(); err != io.EOF {
		return &inputError{pos: src.pos(off), msg: "unexpected data after the JSON value"}
	}
	return nil
}

// jsonError places a decoding error in src.
func jsonError(src source, dec *json.Decoder, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var ve *productops.ValidationError
	switch {
	case errors.Is(err, io.EOF):
		return &inputError{pos: src.name, msg: "empty input: expected JSON"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &inputError{pos: src.pos(len(src.data)), msg: "unexpected end of JSON"}
	case errors.As(err, &syn):
		return &inputError{pos: src.pos(int(syn.Offset) - 1), msg: strings.TrimPrefix(syn.Error(), "json: ")}
	case errors.As(err, &typ):
		// Offset is just after the bad value; Field has no array indices.
		msg := fmt.Sprintf("cannot use a JSON %s here (want %s)", typ.Value, goTypeName(typ.Type))
		return &inputError{pos: src.pos(int(typ.Offset) - 1), field: typ.Field, msg: msg}
	case errors.As(err, &ve):
		return &inputError{pos: src.pos(int(dec.InputOffset())), msg: ve.Error()}
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	off := int(dec.InputOffset())
	if q := quoted(msg); q != "" && bytes.Count(src.data, []byte(q)) == 1 {
		off = bytes.Index(src.data, []byte(q))
	}
	return &inputError{pos: src.pos(off), msg: msg}
}

func goTypeName(t reflect.Type) string {
	switch {
	case t.String() == "decimal.Decimal":
		return "a decimal number, such as \"0.8\" or 0.8"
	case t.String() == "time.Time":
		return "an RFC 3339 time string"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

// pos formats the byte offset off of src as "file:line:col" (1-based, columns in runes).
func (s source) pos(off int) string {
	if off < 0 {
		off = 0
	}
	if off > len(s.data) {
		off = len(s.data)
	}
	line := 1 + bytes.Count(s.data[:off], []byte("\n"))
	start := bytes.LastIndexByte(s.data[:off], '\n') + 1
	col := 1 + utf8.RuneCount(s.data[start:off])
	return fmt.Sprintf("%s:%d:%d", s.name, line, col)
}

// pathSeg is one step of a JSON path: an object key or an array index.
type pathSeg struct {
	key   string
	index int // -1 for a key
}

// parsePath splits "items[2].reach" (or encoding/json's "items.2.reach") into segments.
func parsePath(p string) []pathSeg {
	var segs []pathSeg
	for part := range strings.SplitSeq(p, ".") {
		for part != "" {
			i := strings.IndexByte(part, '[')
			if i < 0 {
				if n, err := strconv.Atoi(part); err == nil && n >= 0 {
					segs = append(segs, pathSeg{index: n})
				} else {
					segs = append(segs, pathSeg{key: part, index: -1})
				}
				break
			}
			if i > 0 {
				segs = append(segs, pathSeg{key: part[:i], index: -1})
			}
			j := strings.IndexByte(part[i:], ']')
			if j < 0 {
				break
			}
			n, err := strconv.Atoi(part[i+1 : i+j])
			if err != nil {
				segs = append(segs, pathSeg{key: part[i+1 : i+j], index: -1})
			} else {
				segs = append(segs, pathSeg{index: n})
			}
			part = part[i+j+1:]
		}
	}
	return segs
}

// locate returns the offset of the value at segs in data, or of the deepest value on the
// way that exists (so a missing field points at its object). ok is false when data is not
// JSON at all.
func locate(data []byte, segs []pathSeg) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	valueStart := func() int { return skipSpace(data, int(dec.InputOffset())) }
	best := valueStart()
	for _, seg := range segs {
		tok, err := dec.Token()
		if err != nil {
			return best, false
		}
		d, _ := tok.(json.Delim)
		switch {
		case d == '{' && seg.index < 0:
			found := false
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return best, true
				}
				if k, _ := kt.(string); k == seg.key {
					best = valueStart()
					found = true
					break
				}
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return best, true
				}
			}
			if !found {
				return best, true
			}
		case d == '[' && seg.index >= 0:
			found := false
			for i := 0; dec.More(); i++ {
				if i == seg.index {
					best = valueStart()
					found = true
					break
				}
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return best, true
				}
			}
			if !found {
				return best, true
			}
		default:
			return best, true
		}
	}
	return best, true
}

// skipSpace skips whitespace, ':' and ',' from off.
func skipSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
			continue
		}
		break
	}
	return off
}

// origin maps a library error's field path to a place in the input.
type origin interface {
	where(path, msg string) (pos, field string)
}

// jsonOrigin places paths in a JSON source; rewrite maps a library path to the file's
// path (nil keeps it).
type jsonOrigin struct {
	src     source
	rewrite func(string) string
}

func (o jsonOrigin) where(path, msg string) (string, string) {
	if path == "" {
		// A decoding error without a path ("unknown status \"bogus\"", "unknown field
		// \"x\""): point at the quoted text when it occurs once in the file.
		if q := quoted(msg); q != "" && bytes.Count(o.src.data, []byte(q)) == 1 {
			return o.src.pos(bytes.Index(o.src.data, []byte(q))), ""
		}
		return o.src.name, ""
	}
	p := path
	if o.rewrite != nil {
		p = o.rewrite(path)
	}
	off, _ := locate(o.src.data, parsePath(p))
	return o.src.pos(off), path
}

// csvOrigin places "items[i].field" paths on the CSV line of row i, in column field.
type csvOrigin struct {
	name  string
	lines []int // line of each data row
	list  string
}

func (o csvOrigin) where(path, _ string) (string, string) {
	segs := parsePath(path)
	if len(segs) > 0 && segs[0].index < 0 && segs[0].key == o.list {
		segs = segs[1:]
	}
	if len(segs) > 0 && segs[0].index >= 0 && segs[0].index < len(o.lines) {
		var cols []string
		for _, s := range segs[1:] {
			if s.index < 0 {
				cols = append(cols, s.key)
			}
		}
		field := "column " + strings.Join(cols, ".")
		if len(cols) == 0 {
			field = path
		}
		return fmt.Sprintf("%s:%d", o.name, o.lines[segs[0].index]), field
	}
	return o.name, path
}

// placeErr rewrites a *productops.ValidationError so that each field names its place in the
// input; other errors pass through.
func placeErr(err error, o origin) error {
	var ve *productops.ValidationError
	if err == nil || !errors.As(err, &ve) || len(ve.Fields) == 0 {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d invalid field", ve.Subject, len(ve.Fields))
	if len(ve.Fields) > 1 {
		b.WriteString("s")
	}
	for _, f := range ve.Fields {
		pos, field := o.where(f.Field, f.Message)
		b.WriteString("\n")
		b.WriteString(pos)
		if field != "" {
			b.WriteString(": " + field)
		}
		b.WriteString(": " + f.Message)
	}
	return &placedError{msg: b.String(), err: err}
}

type placedError struct {
	msg string
	err error
}

func (e *placedError) Error() string { return e.msg }
func (e *placedError) Unwrap() error { return e.err }

// readCSVObjects reads a CSV file with a header row into one JSON object per row
// (values as strings; columns named in lists split on ';' or '|' into arrays; empty cells
// left out), so the rows decode into the same types as JSON input. It returns the line of
// each row for messages.
func readCSVObjects(src source, lists map[string]bool) ([]json.RawMessage, []int, error) {
	r := csv.NewReader(bytes.NewReader(src.data))
	r.FieldsPerRecord = 0
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil, &inputError{pos: src.name, msg: "empty CSV: expected a header row"}
	}
	if err != nil {
		return nil, nil, csvErr(src, err)
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
	}
	var rows []json.RawMessage
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, csvErr(src, err)
		}
		line, _ := r.FieldPos(0)
		obj := make(map[string]any, len(rec))
		for i, v := range rec {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			if lists[header[i]] {
				var parts []string
				for p := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == ';' || r == '|' }) {
					if p = strings.TrimSpace(p); p != "" {
						parts = append(parts, p)
					}
				}
				obj[header[i]] = parts
				continue
			}
			obj[header[i]] = v
		}
		b, _ := json.Marshal(obj)
		rows = append(rows, b)
		lines = append(lines, line)
	}
	return rows, lines, nil
}

func csvErr(src source, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &inputError{pos: fmt.Sprintf("%s:%d:%d", src.name, pe.Line, pe.Column), msg: pe.Err.Error()}
	}
	return &inputError{pos: src.name, msg: err.Error()}
}

// decodeCSVRow decodes one CSV row object into v strictly; errors name the line and column.
func decodeCSVRow(src source, line int, row json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(row))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return nil
	}
	pos := fmt.Sprintf("%s:%d", src.name, line)
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		msg := fmt.Sprintf("cannot use %s here", typ.Value)
		return &inputError{pos: pos, field: "column " + typ.Field, msg: msg}
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if f, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return &inputError{pos: pos, field: "column " + strings.Trim(f, `"`), msg: "unknown column"}
	}
	return &inputError{pos: pos, msg: msg}
}

// quoted returns the first double-quoted string of msg with its quotes, or "".
func quoted(msg string) string {
	i := strings.IndexByte(msg, '"')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(msg[i+1:], '"')
	if j <= 0 {
		return ""
	}
	return msg[i : i+j+2]
}

// fieldErr is a one-field error placed at path in the input.
func fieldErr(o origin, path, msg string) error {
	pos, field := o.where(path, msg)
	return &inputError{pos: pos, field: field, msg: msg}
}

// prefixErr prefixes the paths of a validation error's fields with prefix (fields named
// in keep, or all when keep is empty or holds ""), so they match the input file.
func prefixErr(err error, prefix string, keep ...string) error {
	var ve *productops.ValidationError
	if err == nil || !errors.As(err, &ve) {
		return err
	}
	out := &productops.ValidationError{Subject: ve.Subject}
	for _, f := range ve.Fields {
		if f.Field != "" && strings.HasPrefix(f.Field, "[") {
			f.Field = prefix + f.Field
		} else if f.Field != "" {
			f.Field = prefix + "." + f.Field
		} else {
			f.Field = prefix
		}
		out.Fields = append(out.Fields, f)
	}
	return out
}
