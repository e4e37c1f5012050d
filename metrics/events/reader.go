package events

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/productops/productops/internal/enum"
)

// TimeFormat says how the time column of a CSV or JSON-lines file is written.
type TimeFormat int

// Time formats.
const (
	// TimeAuto (the zero value) reads an integer (optionally negative) as Unix seconds
	// and anything else as RFC 3339 (with optional fractional seconds).
	TimeAuto TimeFormat = iota
	// TimeUnixSeconds reads an integer number of seconds since 1970-01-01 UTC.
	TimeUnixSeconds
	// TimeUnixMillis reads an integer number of milliseconds since 1970-01-01 UTC.
	TimeUnixMillis
	// TimeRFC3339 reads RFC 3339 text such as "2024-03-10T09:30:00Z" or with an offset.
	TimeRFC3339
)

var timeFormatText = enum.Set[TimeFormat]{
	Subject: "events: time format", Kind: "time format",
	Names: []string{"auto", "unix_s", "unix_ms", "rfc3339"},
}

// String returns "auto", "unix_s", "unix_ms" or "rfc3339".
func (f TimeFormat) String() string { return timeFormatText.String(f) }

// MarshalText implements encoding.TextMarshaler.
func (f TimeFormat) MarshalText() ([]byte, error) { return timeFormatText.Marshal(f) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *TimeFormat) UnmarshalText(b []byte) error { return timeFormatText.Unmarshal(f, b) }

// BadRowPolicy says what a reader does with a bad row.
type BadRowPolicy int

// Bad-row policies.
const (
	// StopAtFirst (the zero value) stops reading at the first bad row and returns its
	// *RowError and no log.
	StopAtFirst BadRowPolicy = iota
	// CollectBadRows skips bad rows, keeps reading, and returns the log of the good rows
	// together with a *BadRowsError listing the bad ones (up to MaxBadRows).
	CollectBadRows
)

// ReadOptions configures ReadCSV and ReadJSONLines. The zero value reads the columns
// (or JSON fields) "user_id", "event" and "ts", with TimeAuto, stopping at the first bad row.
type ReadOptions struct {
	// UserColumn names the user column or field; "" means "user_id".
	UserColumn string `json:"user_column,omitempty"`
	// NameColumn names the event-name column or field; "" means "event".
	NameColumn string `json:"name_column,omitempty"`
	// TimeColumn names the time column or field; "" means "ts".
	TimeColumn string `json:"time_column,omitempty"`
	// PropColumns names further columns or fields kept as event properties (empty values
	// are treated as absent). Nil keeps none.
	PropColumns []string `json:"prop_columns,omitempty"`
	// TimeFormat says how times are written; the zero value is TimeAuto.
	TimeFormat TimeFormat `json:"time_format"`
	// OnBadRow chooses between stopping at the first bad row and collecting them.
	OnBadRow BadRowPolicy `json:"on_bad_row"`
	// MaxBadRows caps how many bad rows CollectBadRows reports in detail (all are still
	// counted and skipped); 0 means 1000.
	MaxBadRows int `json:"max_bad_rows,omitempty"`
}

func (o ReadOptions) columns() (user, name, ts string) {
	user, name, ts = o.UserColumn, o.NameColumn, o.TimeColumn
	if user == "" {
		user = "user_id"
	}
	if name == "" {
		name = "event"
	}
	if ts == "" {
		ts = "ts"
	}
	return user, name, ts
}

// ErrBadRow is matched (errors.Is) by *RowError and *BadRowsError.
var ErrBadRow = errors.New("events: bad row")

// RowError describes one bad input row: Line is its 1-based line number in the input
// (the header is line 1 of a CSV file), Column the column or field at fault ("" for the
// whole row).
type RowError struct {
	Line    int    `json:"line"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

// Error returns "events: line N: column: message".
func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("events: line %d: %s", e.Line, e.Message)
	}
	return fmt.Sprintf("events: line %d: %s: %s", e.Line, e.Column, e.Message)
}

// Is reports whether target is ErrBadRow.
func (e *RowError) Is(target error) bool { return target == ErrBadRow }

// BadRowsError lists the rows a reader skipped under CollectBadRows. Rows holds the first
// MaxBadRows of them in input order; Count is how many there were in all.
type BadRowsError struct {
	Rows  []RowError `json:"rows"`
	Count int        `json:"count"`
}

// Error returns the count and the first bad row.
func (e *BadRowsError) Error() string {
	if len(e.Rows) == 0 {
		return fmt.Sprintf("events: %d bad rows", e.Count)
	}
	return fmt.Sprintf("events: %d bad rows, the first: %s", e.Count, e.Rows[0].Error())
}

// Is reports whether target is ErrBadRow.
func (e *BadRowsError) Is(target error) bool { return target == ErrBadRow }

// badRows implements the bad-row policy shared by the readers.
type badRows struct {
	policy BadRowPolicy
	max    int
	err    BadRowsError
}

func newBadRows(o ReadOptions) *badRows {
	m := o.MaxBadRows
	if m <= 0 {
		m = 1000
	}
	return &badRows{policy: o.OnBadRow, max: m}
}

// report records a bad row and returns a non-nil error when reading must stop.
func (b *badRows) report(line int, column, msg string) error {
	re := RowError{Line: line, Column: column, Message: msg}
	if b.policy != CollectBadRows {
		return &re
	}
	b.err.Count++
	if len(b.err.Rows) < b.max {
		b.err.Rows = append(b.err.Rows, re)
	}
	return nil
}

func (b *badRows) result() error {
	if b.err.Count == 0 {
		return nil
	}
	e := b.err
	return &e
}

// parseTime parses a time field; ok is false with a message on failure.
func parseTime(b []byte, f TimeFormat) (int64, string) {
	switch f {
	case TimeUnixSeconds, TimeUnixMillis, TimeAuto:
		v, ok := parseInt(b)
		if !ok {
			if f == TimeAuto {
				return parseRFC3339(b)
			}
			return 0, "is not an integer"
		}
		scale := int64(time.Second)
		if f == TimeUnixMillis {
			scale = int64(time.Millisecond)
		}
		if v > (1<<63-1)/scale || v < (-1<<63+1)/scale {
			return 0, "is out of range"
		}
		return v * scale, ""
	}
	return parseRFC3339(b)
}

func parseRFC3339(b []byte) (int64, string) {
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return 0, "is not a Unix time or an RFC 3339 time"
	}
	if t.Before(minEventTime) || t.After(maxEventTime) {
		return 0, "is out of range"
	}
	return t.UnixNano(), ""
}

// parseInt parses an optionally negative decimal integer of at most 18 digits.
func parseInt(b []byte) (int64, bool) {
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg, b = true, b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		if len(b) > 18 {
			v, err := strconv.ParseInt(string(b), 10, 64)
			if err == nil && neg {
				v = -v
			}
			return v, err == nil
		}
		return 0, false
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}
