package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	pqformat "github.com/parquet-go/parquet-go/format"

	"github.com/productops/productops/metrics/events"
)

// readParquetEvents reads an event log from a Parquet file with a user, an event name
// and a time column (the same names as CSV; nested columns by dotted path). The time is
// a TIMESTAMP (any unit), an RFC 3339 string, or an integer read per the time format
// (unix_s or unix_ms). Rows with a null user, name or time are errors naming the row.
func (e *env) readParquetEvents(name string, ro events.ReadOptions) (*events.Log, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, trimPathError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, trimPathError(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: not a Parquet file: %w", name, err)
	}
	colName := func(c, def string) string {
		if c == "" {
			return def
		}
		return c
	}
	schema := pf.Schema()
	find := func(flag, col string) (parquet.LeafColumn, error) {
		leaf, ok := schema.Lookup(strings.Split(col, ".")...)
		if !ok {
			var have []string
			for _, p := range schema.Columns() {
				have = append(have, strings.Join(p, "."))
			}
			return leaf, &inputError{pos: name, field: "column " + col, msg: fmt.Sprintf("not in the file (it has %s; set %s)", strings.Join(have, ", "), flag)}
		}
		return leaf, nil
	}
	user, err := find("--user-column", colName(ro.UserColumn, "user_id"))
	if err != nil {
		return nil, err
	}
	event, err := find("--event-column", colName(ro.NameColumn, "event"))
	if err != nil {
		return nil, err
	}
	ts, err := find("--time-column", colName(ro.TimeColumn, "ts"))
	if err != nil {
		return nil, err
	}
	props := make([]parquet.LeafColumn, len(ro.PropColumns))
	for i, p := range ro.PropColumns {
		if props[i], err = find("--prop", p); err != nil {
			return nil, err
		}
	}
	unit := time.Duration(0)
	if lt := ts.Node.Type().LogicalType(); lt != nil {
		if t, ok := lt.Value.(*pqformat.TimestampType); ok && t.Unit.Value != nil {
			unit = t.Unit.Value.Duration()
		}
	}
	if unit == 0 {
		switch ro.TimeFormat {
		case events.TimeUnixSeconds:
			unit = time.Second
		case events.TimeUnixMillis:
			unit = time.Millisecond
		}
	}

	r := parquet.NewReader(f)
	defer r.Close()
	total := r.NumRows()
	b := events.NewLogBuilder()
	rows := make([]parquet.Row, 1024)
	var row int64
	for {
		n, err := r.ReadRows(rows)
		for _, rec := range rows[:n] {
			row++
			ev := events.Event{}
			var haveTime bool
			for _, v := range rec {
				switch c := v.Column(); {
				case c == user.ColumnIndex:
					ev.User = events.UserID(valueText(v))
				case c == event.ColumnIndex:
					ev.Name = valueText(v)
				case c == ts.ColumnIndex:
					t, ok, terr := valueTime(v, unit)
					if terr != nil {
						return nil, &inputError{pos: fmt.Sprintf("%s: row %d", name, row), field: "column " + colName(ro.TimeColumn, "ts"), msg: terr.Error()}
					}
					ev.Time, haveTime = t, ok
				default:
					for i, p := range props {
						if c == p.ColumnIndex && !v.IsNull() {
							if ev.Props == nil {
								ev.Props = map[string]string{}
							}
							ev.Props[ro.PropColumns[i]] = valueText(v)
						}
					}
				}
			}
			if !haveTime {
				return nil, &inputError{pos: fmt.Sprintf("%s: row %d", name, row), field: "column " + colName(ro.TimeColumn, "ts"), msg: "is null"}
			}
			if err := b.Add(ev); err != nil {
				return nil, fmt.Errorf("%s: row %d: %w", name, row, err)
			}
		}
		if errors.Is(err, io.EOF) || (err == nil && n == 0) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if row != total {
		return nil, fmt.Errorf("%s: read %d of %d rows", name, row, total)
	}
	return b.Build(), nil
}

// valueText is a Parquet value as text (strings as they are, numbers in decimal).
func valueText(v parquet.Value) string {
	switch v.Kind() {
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return string(v.ByteArray())
	case parquet.Int32:
		return strconv.FormatInt(int64(v.Int32()), 10)
	case parquet.Int64:
		return strconv.FormatInt(v.Int64(), 10)
	}
	if v.IsNull() {
		return ""
	}
	return v.String()
}

// valueTime is a Parquet value as an instant: an integer in unit since the epoch, or RFC
// 3339 text. ok is false for null.
func valueTime(v parquet.Value, unit time.Duration) (time.Time, bool, error) {
	if v.IsNull() {
		return time.Time{}, false, nil
	}
	switch v.Kind() {
	case parquet.Int64, parquet.Int32:
		n := v.Int64()
		if v.Kind() == parquet.Int32 {
			n = int64(v.Int32())
		}
		if unit == 0 {
			return time.Time{}, false, errors.New("integer times need a TIMESTAMP annotation or --time-format unix_s or unix_ms")
		}
		if n > (1<<63-1)/int64(unit) || n < -(1<<63-1)/int64(unit) {
			return time.Time{}, false, fmt.Errorf("time %d is out of range", n)
		}
		return time.Unix(0, n*int64(unit)).UTC(), true, nil
	case parquet.ByteArray:
		s := string(v.ByteArray())
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("time %q is not RFC 3339", truncate(s, 40))
		}
		return t, true, nil
	}
	return time.Time{}, false, fmt.Errorf("unsupported time type %s", v.Kind())
}
