package roadmap

import (
	"time"
)

// midnight returns the first instant of the civil day y-m-d in loc (the date normalised as
// time.Date does: day 0 is the last day of the previous month). Where a DST change skips
// midnight (America/Sao_Paulo on 2018-11-04 went from 00:00 straight to 01:00), time.Date
// may return an instant of the previous day; the day then starts at the zone change.
func midnight(y int, m time.Month, d int, loc *time.Location) time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	ny, nm, nd := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Date()
	if before(t, ny, nm, nd) {
		// The zone changes within the hour or two after t: the change is the day's start.
		if _, end := t.ZoneBounds(); end.After(t) && end.Sub(t) <= 24*time.Hour && !before(end, ny, nm, nd) {
			return end
		}
		// ZoneBounds can return an end at or before t (golang/go#81583): step by minutes,
		// at most a day, so the loop always ends.
		for i := 0; i < 24*60 && before(t, ny, nm, nd); i++ {
			t = t.Add(time.Minute)
		}
	}
	return t
}

// before reports whether t's date (in its own location) is before y-m-d.
func before(t time.Time, y int, m time.Month, d int) bool {
	ty, tm, td := t.Date()
	switch {
	case ty != y:
		return ty < y
	case tm != m:
		return tm < m
	}
	return td < d
}

// dayNumber counts civil days from 0001-01-01 (day 0) to y-m-d; exact for every date a
// time.Time can hold.
func dayNumber(y int, m time.Month, d int) int64 {
	return floorDiv64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()-epochDay1, 86400)
}

// epochDay1 is the Unix second of 0001-01-01T00:00:00Z.
var epochDay1 = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// dayPosition places t on a count of calendar days in loc: the day number of t's date
// plus the elapsed share of that day, as ns nanoseconds out of a day of length ns + rest
// (23 or 25 hours on DST days, exact for any zone).
func dayPosition(t time.Time, loc *time.Location) (day int64, ns, length int64) {
	t = t.In(loc)
	y, m, d := t.Date()
	start := midnight(y, m, d, loc)
	end := midnight(y, m, d+1, loc)
	return dayNumber(y, m, d), int64(t.Sub(start)), int64(end.Sub(start))
}
