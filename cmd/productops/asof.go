package main

import (
	"time"
)

// parseAsOf reads an --as-of value: RFC 3339 ("2026-12-02T08:00:00Z"), a date and time
// without zone ("2026-12-02T08:00", "2026-12-02 08:00") or a date ("2026-12-02", its
// midnight), the last two in loc. Empty means the zero time (the caller picks a default).
func parseAsOf(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if loc == nil {
		loc = time.UTC
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("--as-of %q: want a date (2026-12-02) or an RFC 3339 time (2026-12-02T08:00:00Z)", s)
}
