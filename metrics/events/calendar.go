package events

import (
	"slices"
	"time"

	"github.com/productops/productops/internal/enum"
)

// Granularity is the length of a calendar bucket or a rolling period: a day, a week or a
// month. The zero value is Daily.
type Granularity int

// Granularities.
const (
	// Daily buckets are local calendar days (23 or 25 hours long on DST days); rolling
	// daily periods are 24 hours.
	Daily Granularity = iota
	// Weekly buckets are 7 local calendar days starting on a configurable weekday; rolling
	// weekly periods are 7×24 hours.
	Weekly
	// Monthly buckets are local calendar months; rolling monthly periods are 30×24 hours
	// (the Amplitude and Mixpanel convention).
	Monthly
)

var granularityText = enum.Set[Granularity]{
	Subject: "events: granularity", Kind: "granularity",
	Names: []string{"day", "week", "month"},
}

// String returns "day", "week" or "month".
func (g Granularity) String() string { return granularityText.String(g) }

// MarshalText implements encoding.TextMarshaler.
func (g Granularity) MarshalText() ([]byte, error) { return granularityText.Marshal(g) }

// UnmarshalText implements encoding.TextUnmarshaler for "day", "week" and "month".
func (g *Granularity) UnmarshalText(b []byte) error { return granularityText.Unmarshal(g, b) }

func (g Granularity) valid() bool { return g >= Daily && g <= Monthly }

// rollingLength is the length of one rolling period in nanoseconds.
func (g Granularity) rollingLength() int64 {
	switch g {
	case Weekly:
		return 7 * dayNs
	case Monthly:
		return 30 * dayNs
	}
	return dayNs
}

const (
	dayNs  = int64(24 * time.Hour)
	hourNs = int64(time.Hour)
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// calendar maps Unix-nanosecond times to local civil day numbers (days since 1970-01-01 in
// the location's wall clock) and to bucket indexes. It caches the location's zone segments;
// it is not safe for concurrent use (each goroutine uses its own copy via clone).
type calendar struct {
	loc       *time.Location
	utc       bool
	gran      Granularity
	weekShift int64 // day number + weekShift, floored by 7, is the week index
	segs      []zoneSeg
	cur       int
}

// zoneSeg is a span [start, end) of constant UTC offset.
type zoneSeg struct {
	start, end int64
	off        int64 // nanoseconds east of UTC
}

func newCalendar(loc *time.Location, gran Granularity, weekStart time.Weekday) *calendar {
	if loc == nil {
		loc = time.UTC
	}
	// 1970-01-01 (day 0) was a Thursday.
	return &calendar{loc: loc, utc: loc == time.UTC, gran: gran, weekShift: int64((int(time.Thursday) - int(weekStart) + 7) % 7)}
}

func (c *calendar) clone() *calendar {
	d := *c
	d.segs = slices.Clone(c.segs)
	return &d
}

// offset returns the UTC offset in effect at ts.
func (c *calendar) offset(ts int64) int64 {
	if c.utc {
		return 0
	}
	if c.cur < len(c.segs) {
		if s := c.segs[c.cur]; ts >= s.start && ts < s.end {
			return s.off
		}
	}
	i, found := slices.BinarySearchFunc(c.segs, ts, func(s zoneSeg, t int64) int {
		switch {
		case s.end <= t:
			return -1
		case s.start > t:
			return 1
		}
		return 0
	})
	if found {
		c.cur = i
		return c.segs[i].off
	}
	t := time.Unix(0, ts).In(c.loc)
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	s := zoneSeg{start: -1 << 63, end: 1<<63 - 1, off: int64(off) * int64(time.Second)}
	if !start.IsZero() {
		s.start = clampNs(start)
	}
	if !end.IsZero() {
		s.end = clampNs(end)
	}
	c.segs = slices.Insert(c.segs, i, s)
	c.cur = i
	return s.off
}

func clampNs(t time.Time) int64 {
	switch {
	case t.Before(minEventTime):
		return -1 << 63
	case t.After(maxEventTime):
		return 1<<63 - 1
	}
	return t.UnixNano()
}

// day returns the local civil day number of ts.
func (c *calendar) day(ts int64) int64 { return floorDiv(ts+c.offset(ts), dayNs) }

// localHour returns the local wall-clock hour number of ts (hours since 1970-01-01 00:00
// local), used to floor times to the hour.
func (c *calendar) localHour(ts int64) int64 { return floorDiv(ts+c.offset(ts), hourNs) }

// bucketOfDay returns the bucket index of a civil day number.
func (c *calendar) bucketOfDay(d int64) int64 {
	switch c.gran {
	case Weekly:
		return floorDiv(d+c.weekShift, 7)
	case Monthly:
		y, m, _ := civil(d)
		return y*12 + int64(m) - 1
	}
	return d
}

// bucket returns the bucket index of ts.
func (c *calendar) bucket(ts int64) int64 { return c.bucketOfDay(c.day(ts)) }

// firstDay returns the civil day number on which bucket b starts.
func (c *calendar) firstDay(b int64) int64 {
	switch c.gran {
	case Weekly:
		return 7*b - c.weekShift
	case Monthly:
		return daysFromCivil(floorDiv(b, 12), int(b-12*floorDiv(b, 12))+1, 1)
	}
	return b
}

// start returns the local midnight that starts bucket b.
func (c *calendar) start(b int64) time.Time { return c.midnight(c.firstDay(b)) }

// midnight returns local midnight of civil day d (or the first instant of that day when
// midnight is skipped by a DST change), built with time.Date so DST days are exact.
func (c *calendar) midnight(d int64) time.Time {
	y, m, dd := civil(d)
	return time.Date(int(y), time.Month(m), dd, 0, 0, 0, 0, c.loc)
}

// dayOf returns the civil day number of a time.Time in the calendar's location.
func (c *calendar) dayOf(t time.Time) int64 {
	return c.day(t.UnixNano())
}

// civil converts a day number (days since 1970-01-01) to a proleptic Gregorian date.
func civil(z int64) (y int64, m int, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// daysFromCivil converts a proleptic Gregorian date to a day number.
func daysFromCivil(y int64, m int, d int) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// bucketSpan caches the bucket of the last time looked up and the span [lo, hi) of times
// known to share it, so scans over sorted times divide only when they cross a boundary.
type bucketSpan struct {
	lo, hi int64
	b      int64
}

// bucketFast returns the bucket of ts, refreshing s when ts leaves its span.
func (c *calendar) bucketFast(ts int64, s *bucketSpan) int64 {
	if ts >= s.lo && ts < s.hi {
		return s.b
	}
	off := c.offset(ts)
	d := floorDiv(ts+off, dayNs)
	b := c.bucketOfDay(d)
	lo, hi := c.firstDay(b)*dayNs-off, c.firstDay(b+1)*dayNs-off
	if !c.utc && c.cur < len(c.segs) {
		seg := c.segs[c.cur]
		lo, hi = max(lo, seg.start), min(hi, seg.end)
	}
	*s = bucketSpan{lo: lo, hi: hi, b: b}
	return b
}

// dayFast is bucketFast for days whatever the calendar's granularity.
func (c *calendar) dayFast(ts int64, s *bucketSpan) int64 {
	if ts >= s.lo && ts < s.hi {
		return s.b
	}
	off := c.offset(ts)
	d := floorDiv(ts+off, dayNs)
	lo, hi := d*dayNs-off, (d+1)*dayNs-off
	if !c.utc && c.cur < len(c.segs) {
		seg := c.segs[c.cur]
		lo, hi = max(lo, seg.start), min(hi, seg.end)
	}
	*s = bucketSpan{lo: lo, hi: hi, b: d}
	return d
}
