// Package tabular is the shared machinery of the interop readers: a bounded CSV reader that
// finds columns by header name, a bounded streaming JSON decoder, and the error collector
// that turns bad cells into one *productops.ValidationError naming lines and columns.
package tabular

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/interop/column"
)

// MaxErrors is how many bad cells a read reports before it stops.
const MaxErrors = 50

// slack is how far a buffered reader may read ahead of the record it is on.
const slack = 64 << 10

// errTooLong is returned by counter when a record exceeds its limit.
var errTooLong = errors.New("record too long")

// counter passes reads through, failing once more than max bytes passed since Reset.
type counter struct {
	r   io.Reader
	n   int
	max int
}

func (c *counter) Read(p []byte) (int, error) {
	if c.n > c.max {
		return 0, errTooLong
	}
	if room := c.max - c.n + 1; len(p) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func (c *counter) Reset() { c.n = 0 }

// Errors collects the failures of one read, capped at MaxErrors.
type Errors struct {
	e *validation.Errors
}

// NewErrors returns a collector whose error has the given subject ("jira: csv").
func NewErrors(subject string) *Errors { return &Errors{e: validation.New(subject)} }

// Add records one failure; field is where ("line 3: Story Points").
func (e *Errors) Add(field, rule, msg string) { e.e.Add(field, rule, "", msg) }

// Full reports whether MaxErrors failures were recorded.
func (e *Errors) Full() bool { return e.e.Len() >= MaxErrors }

// Len reports how many failures were recorded.
func (e *Errors) Len() int { return e.e.Len() }

// Err returns nil or the *productops.ValidationError listing every failure.
func (e *Errors) Err() error { return e.e.Err() }

// Quote bounds and quotes a value for a message.
func Quote(s string) string { return strconv.Quote(validation.Truncate(s)) }

// Where names a cell: "line 12: Story Points".
func Where(line int, col string) string {
	if col == "" {
		return "line " + strconv.Itoa(line)
	}
	return "line " + strconv.Itoa(line) + ": " + validation.Truncate(col)
}

// CSV reads a CSV export with a header row, within limits.
type CSV struct {
	r      *csv.Reader
	c      *counter
	lim    column.Limits
	Errs   *Errors
	header []string
	index  map[string][]int
	rows   int
	line   int
	done   bool
	ioErr  error
}

// NewCSV reads the header row of r. An error of r itself is returned as is; bad input is
// recorded in Errs. A UTF-8 byte order mark is skipped; CRLF and LF line
// ends are both read. lim must already be defaulted (column.Limits.Or).
func NewCSV(r io.Reader, subject string, lim column.Limits) (*CSV, error) {
	br := bufio.NewReaderSize(r, 4096)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	c := &counter{r: br, max: lim.MaxRecordBytes + slack}
	cr := csv.NewReader(c)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	t := &CSV{r: cr, c: c, lim: lim, Errs: NewErrors(subject), index: map[string][]int{}}
	h, ok := t.next()
	if !ok {
		if t.ioErr != nil {
			return nil, t.ioErr
		}
		if t.Errs.Len() == 0 {
			t.Errs.Add("line 1", "header", "no header row")
		}
		return nil, t.Errs.Err()
	}
	t.header = h
	for i, name := range h {
		if i == 0 {
			name = strings.TrimPrefix(name, "\uFEFF")
		}
		k := Key(name)
		t.index[k] = append(t.index[k], i)
	}
	return t, nil
}

// Key folds a header name for matching: trimmed of spaces and lower case.
func Key(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// Header returns the header row.
func (t *CSV) Header() []string { return t.header }

// Cols returns the indices of every column named name (case and surrounding spaces
// ignored), in file order.
func (t *CSV) Cols(name string) []int { return t.index[Key(name)] }

// Line returns the line on which the current record starts.
func (t *CSV) Line() int { return t.line }

// Next returns the next record, or false at the end of input, after a fatal error or once
// MaxErrors failures were recorded. ctx is checked every 1024 records.
func (t *CSV) Next(ctx context.Context) ([]string, bool, error) {
	if t.done || t.Errs.Full() {
		return nil, false, nil
	}
	if t.rows&1023 == 0 {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
	}
	rec, ok := t.next()
	if !ok {
		return nil, false, t.ioErr
	}
	t.rows++
	if t.rows > t.lim.MaxRecords {
		t.Errs.Add(Where(t.line, ""), "max_records", "more than "+strconv.Itoa(t.lim.MaxRecords)+" records (raise Limits.MaxRecords)")
		t.done = true
		return nil, false, nil
	}
	return rec, true, nil
}

// next reads one record and checks its size.
func (t *CSV) next() ([]string, bool) {
	t.c.Reset()
	rec, err := t.r.Read()
	if err == io.EOF {
		t.done = true
		return nil, false
	}
	if err != nil {
		t.done = true
		line := t.line + 1
		var pe *csv.ParseError
		switch {
		case errors.Is(err, errTooLong):
			t.Errs.Add(Where(line, ""), "max_record_bytes", "a record is longer than "+strconv.Itoa(t.lim.MaxRecordBytes)+" bytes (raise Limits.MaxRecordBytes)")
		case errors.As(err, &pe):
			t.Errs.Add(Where(pe.Line, ""), "csv", "malformed CSV at column "+strconv.Itoa(pe.Column)+": "+pe.Err.Error())
		default:
			t.ioErr = err
		}
		return nil, false
	}
	t.line, _ = t.r.FieldPos(0)
	if len(rec) > t.lim.MaxFields {
		t.done = true
		t.Errs.Add(Where(t.line, ""), "max_fields", strconv.Itoa(len(rec))+" columns, more than "+strconv.Itoa(t.lim.MaxFields)+" (raise Limits.MaxFields)")
		return nil, false
	}
	n := len(rec)
	for _, f := range rec {
		n += len(f)
	}
	if n > t.lim.MaxRecordBytes {
		t.done = true
		t.Errs.Add(Where(t.line, ""), "max_record_bytes", "a record is longer than "+strconv.Itoa(t.lim.MaxRecordBytes)+" bytes (raise Limits.MaxRecordBytes)")
		return nil, false
	}
	return rec, true
}

// Cell returns rec[i], or "" when the record is shorter.
func Cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return rec[i]
}

// Col asks Resolve for a column of the mapping: Field is the mapping field's JSON name,
// Name the header it names.
type Col struct {
	Field    string
	Name     string
	Required bool
	Multi    bool
}

// Resolve finds each column by header name: the indices of every column with that name.
// A required column that is missing, and a single-valued column that appears more than
// once, are recorded as failures of "mapping.<field>". An empty Name yields no indices.
func (t *CSV) Resolve(cols []Col) [][]int {
	out := make([][]int, len(cols))
	for i, c := range cols {
		if strings.TrimSpace(c.Name) == "" {
			if c.Required {
				t.Errs.Add("mapping."+c.Field, "required", "names no column")
			}
			continue
		}
		idx := t.Cols(c.Name)
		switch {
		case len(idx) == 0 && c.Required:
			t.Errs.Add("mapping."+c.Field, "column", "no column "+Quote(c.Name)+" in the header")
		case len(idx) > 1 && !c.Multi:
			t.Errs.Add("mapping."+c.Field, "unique", "column "+Quote(c.Name)+" appears "+strconv.Itoa(len(idx))+" times")
		}
		out[i] = idx
	}
	return out
}
