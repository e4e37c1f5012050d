package feedback

import (
	"math"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/productops/productops/internal/validation"
)

// Calendar is a compiled business-hours calendar: it measures business time between two
// instants, adds business time to an instant and finds the next open instant. It works in
// absolute time from local wall-clock ranges converted per date, so it is exact on 23- and
// 25-hour days; precision is the nanosecond for instants and the second for range bounds.
//
// Instants are supported from 1678 to 2261 (the range of time.Time.UnixNano); the
// methods clamp instants outside it to its ends. A Calendar is immutable and safe for
// concurrent use. Build one with [NewCalendar].
//
// A nil *Calendar is open all the time in UTC: it measures calendar time, as a nil
// calendar argument does everywhere in this package.
type Calendar struct {
	name      string
	loc       *time.Location
	weekly    [7][]ClockRange
	days      []int64        // local day numbers with their own ranges (shifts, breaks, holidays), sorted
	dayRanges [][]ClockRange // dayRanges[i] are the effective ranges of days[i] (empty: closed)
	weekNs    int64          // open nanoseconds of a week without special days or offset changes

	// fallback caches the last zone period that load had to find by probing because
	// ZoneBounds could not be trusted (golang/go#81583), so the probing runs once per
	// misreported period, not once per lookup.
	fallback atomic.Pointer[zonePeriod]
}

// zonePeriod is a span [start, end) of Unix seconds over which the offset off holds.
type zonePeriod struct {
	start, end, off int64
}

// NewCalendar validates h and compiles it. The error is a *productops.ValidationError
// naming every bad field (errors.Is(err, productops.ErrInvalid) holds).
func NewCalendar(h BusinessHours) (*Calendar, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	loc, _ := time.LoadLocation(h.Zone) // checked by Validate
	c := &Calendar{name: h.Name, loc: loc}
	special := map[int64][]ClockRange{}
	for wd, rs := range h.Weekly {
		c.weekly[wd] = append([]ClockRange(nil), rs...)
	}
	for _, s := range h.Shifts {
		special[s.Date.dayNumber()] = append([]ClockRange(nil), s.Ranges...)
	}
	for _, b := range h.Breaks {
		n := b.Date.dayNumber()
		base, ok := special[n]
		if !ok {
			base = c.weekly[weekdayOf(n)]
		}
		special[n] = subtractRanges(base, b.Ranges)
	}
	for _, d := range h.Holidays {
		special[d.dayNumber()] = []ClockRange{}
	}
	for n := range special {
		c.days = append(c.days, n)
	}
	slices.Sort(c.days)
	for _, n := range c.days {
		c.dayRanges = append(c.dayRanges, special[n])
	}
	for _, rs := range c.weekly {
		for _, r := range rs {
			c.weekNs += int64(r.End-r.Start) * 1e9
		}
	}
	return c, nil
}

// MustCalendar is NewCalendar for calendars written in code (tests, examples, package
// variables); it panics if h is invalid.
func MustCalendar(h BusinessHours) *Calendar {
	c, err := NewCalendar(h)
	if err != nil {
		panic(err)
	}
	return c
}

// subtractRanges returns base minus cut; both ordered and non-overlapping.
func subtractRanges(base, cut []ClockRange) []ClockRange {
	out := []ClockRange{}
	for _, r := range base {
		start := r.Start
		for _, c := range cut {
			if c.End <= start || c.Start >= r.End {
				continue
			}
			if c.Start > start {
				out = append(out, ClockRange{start, c.Start})
			}
			start = max(start, c.End)
		}
		if start < r.End {
			out = append(out, ClockRange{start, r.End})
		}
	}
	return out
}

// Name returns the calendar's name from its BusinessHours.
func (c *Calendar) Name() string {
	if c == nil {
		return ""
	}
	return c.name
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location {
	if c == nil {
		return time.UTC
	}
	return c.loc
}

// weekdayOf returns the weekday of a day number (1970-01-01 was a Thursday).
func weekdayOf(n int64) time.Weekday {
	w := (n + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// rangesOn returns the open wall-clock ranges of local day n. z remembers where the
// previous lookup was in the sorted special days, so walking days in order costs O(1).
func (c *Calendar) rangesOn(n int64, z *zoneCursor) []ClockRange {
	d, i := c.days, min(z.si, len(c.days))
	switch {
	case i > 0 && d[i-1] >= n, i+1 < len(d) && d[i+1] < n:
		i, _ = slices.BinarySearch(d, n)
	case i < len(d) && d[i] < n:
		i++
	}
	z.si = i
	if i < len(d) && d[i] == n {
		return c.dayRanges[i]
	}
	return c.weekly[weekdayOf(n)]
}

// plainWeek reports whether the seven local days from day n hold no special day and no
// offset change (judged from z, which is not updated), so they are open exactly weekNs; it
// returns the instant day n starts (Unix seconds).
func (c *Calendar) plainWeek(n int64, z *zoneCursor) (int64, bool) {
	if !z.valid {
		return 0, false
	}
	lo := n*secondsPerDay - z.off
	if lo < z.start || (z.start != math.MinInt64 && lo-z.start < secondsPerDay) || lo+7*secondsPerDay >= z.end {
		return 0, false
	}
	i, _ := slices.BinarySearch(c.days, n)
	if i < len(c.days) && c.days[i] < n+7 {
		return 0, false
	}
	return lo, true
}

// span is an absolute open interval [a, b) in Unix seconds.
type span struct{ a, b int64 }

// zoneCursor caches the zone period (offset and bounds, Unix seconds) last looked up.
type zoneCursor struct {
	off, start, end int64
	valid           bool
	si              int // index hint into Calendar.days
}

// load sets z to the zone period of the instant sec (Unix seconds): the offset in force and
// the bounds [start, end) over which it holds. It guarantees start <= sec < end, so a
// cursor that steps to end always advances.
//
// time.Time.ZoneBounds can return bounds that do not contain the instant: in a zone served
// by its POSIX TZ rule, on the last UTC day of a leap year it reports an end a day early
// (golang/go#81583; from 2040 on in Europe/Berlin and America/New_York). Such bounds are
// replaced by a period found by probing offsets (see probeEnd), never used.
func (c *Calendar) load(z *zoneCursor, sec int64) {
	t := time.Unix(sec, 0).In(c.loc)
	_, off := t.Zone()
	s, e := t.ZoneBounds()
	z.off, z.start, z.end, z.valid = int64(off), math.MinInt64, math.MaxInt64, true
	if !s.IsZero() {
		z.start = s.Unix()
	}
	if !e.IsZero() {
		z.end = e.Unix()
	}
	if z.start > sec || z.end <= sec {
		p := c.fallback.Load()
		if p == nil || p.off != z.off || sec < p.start || sec >= p.end {
			p = &zonePeriod{start: sec, end: probeEnd(c.loc, sec, off), off: z.off}
			c.fallback.Store(p)
		}
		z.start, z.end = p.start, p.end
	}
}

// probeSteps and probeStep bound the search of probeEnd: an hour at a time, for two days.
const (
	probeStep  = 3600
	probeSteps = 48
)

// probeEnd returns an instant after sec (Unix seconds) up to which the offset off holds,
// for when ZoneBounds cannot be trusted at sec. It steps an hour at a time and stops at the
// first hour whose offset differs (then the exact second of the change, by bisection), or
// at the start of the first period whose ZoneBounds contain the probe, or after two days.
// It assumes the offset does not change and change back within one hour, which no zone of
// the tz database does. The result is always more than sec.
func probeEnd(loc *time.Location, sec int64, off int) int64 {
	prev := sec
	for range probeSteps {
		p := prev + probeStep
		t := time.Unix(p, 0).In(loc)
		if _, o := t.Zone(); o != off {
			// The change is in (prev, p]: find its first second.
			lo, hi := prev, p
			for hi-lo > 1 {
				mid := lo + (hi-lo)/2
				if _, o := time.Unix(mid, 0).In(loc).Zone(); o != off {
					hi = mid
				} else {
					lo = mid
				}
			}
			return hi
		}
		if s, e := t.ZoneBounds(); !s.IsZero() && s.Unix() <= p && (e.IsZero() || e.Unix() > p) && s.Unix() > sec {
			return s.Unix()
		}
		prev = p
	}
	return prev
}

// daySpans appends the open intervals of local day n to buf, in order, without empty ones.
func (c *Calendar) daySpans(n int64, z *zoneCursor, buf []span) []span {
	rs := c.rangesOn(n, z)
	if len(rs) == 0 {
		return buf
	}
	base := n * secondsPerDay
	lo := base - z.off
	if !z.valid || lo < z.start || lo >= z.end {
		c.load(z, lo)
		lo = base - z.off
	}
	hi := lo + secondsPerDay
	// Fast path: the whole local day, and the day before it, lie in one zone period, so
	// wall clock = instant + offset throughout and no earlier instant shows a later wall
	// clock (offsets differ by less than a day).
	if lo >= z.start && (z.start == math.MinInt64 || lo-z.start >= secondsPerDay) && hi < z.end {
		for _, r := range rs {
			buf = append(buf, span{lo + int64(r.Start), lo + int64(r.End)})
		}
		return buf
	}
	for _, r := range rs {
		a, b := c.instant(base+int64(r.Start)), c.instant(base+int64(r.End))
		if b > a {
			buf = append(buf, span{a, b})
		}
	}
	return buf
}

// instant returns the earliest instant (Unix seconds) whose local wall clock, counted in
// seconds from 1970-01-01 00:00 local, is at least wall. It is exact around any number of
// offset changes: a repeated wall time maps to its first occurrence, a skipped one to the
// end of the gap.
func (c *Calendar) instant(wall int64) int64 {
	const window = 3 * secondsPerDay // offsets are within ±26h
	var z zoneCursor
	for t := wall - window; t < wall+window; {
		c.load(&z, t)
		ps := max(z.start, t)
		if wall < ps+z.off {
			return ps
		}
		if z.end == math.MaxInt64 || wall < z.end+z.off {
			return wall - z.off
		}
		// load guarantees z.end > t; the max keeps the loop finite whatever it returns.
		t = max(z.end, t+1)
	}
	return wall // unreachable for real zones; keeps the function total
}

// Bounds of the supported range, in Unix seconds and nanoseconds.
const (
	minSec = math.MinInt64 / 1_000_000_000
	maxSec = math.MaxInt64 / 1_000_000_000
)

// toNs returns t in Unix nanoseconds, clamped to the supported range.
func toNs(t time.Time) int64 {
	s := t.Unix()
	if s <= minSec {
		return minSec * 1e9
	}
	if s >= maxSec {
		return maxSec * 1e9
	}
	return s*1e9 + int64(t.Nanosecond())
}

// satAdd returns a + b, saturated at math.MinInt64 and math.MaxInt64 instead of wrapping,
// as time.Time.Add and Sub do.
func satAdd(a, b int64) int64 {
	s := a + b
	switch {
	case a > 0 && b > 0 && s < 0:
		return math.MaxInt64
	case a < 0 && b < 0 && s >= 0:
		return math.MinInt64
	}
	return s
}

// satSub returns a - b, saturated like satAdd.
func satSub(a, b int64) int64 {
	if b == math.MinInt64 {
		if a >= 0 {
			return math.MaxInt64
		}
		return a - b
	}
	return satAdd(a, -b)
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// dayOf returns the local day number of the instant ns, using and updating z.
func (c *Calendar) dayOf(ns int64, z *zoneCursor) int64 {
	sec := floorDiv(ns, 1e9)
	if !z.valid || sec < z.start || sec >= z.end {
		c.load(z, sec)
	}
	return floorDiv(sec+z.off, secondsPerDay)
}

// Duration returns the business time between from and to: the total length of the open
// intervals inside [from, to). It is negative when to is before from, so it is additive:
// Duration(a, b) + Duration(b, c) == Duration(a, c) for any instants. It never exceeds
// to.Sub(from) in absolute value, and like to.Sub(from) it saturates at the largest or
// smallest Duration (about 292 years) instead of overflowing.
func (c *Calendar) Duration(from, to time.Time) time.Duration {
	f, t := toNs(from), toNs(to)
	switch {
	case c == nil:
		return time.Duration(satSub(t, f))
	case f == t:
		return 0
	case f > t:
		b := c.business(t, f, &zoneCursor{})
		if b == math.MaxInt64 {
			return math.MinInt64
		}
		return -time.Duration(b)
	}
	return time.Duration(c.business(f, t, &zoneCursor{}))
}

// spanNs converts a span bound in Unix seconds to nanoseconds, clamped to the supported
// range (the spans of the last supported day reach past it).
func spanNs(s int64) int64 { return min(max(s, minSec), maxSec) * 1e9 }

// business returns the open nanoseconds in [f, t), f < t, saturated at math.MaxInt64 (the
// supported range is longer than that). z caches zone lookups between calls.
func (c *Calendar) business(f, t int64, z *zoneCursor) int64 {
	total := c.businessU(f, t, z)
	if total > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(total)
}

// businessU is business without saturation: the sum is at most t - f < 2^64.
func (c *Calendar) businessU(f, t int64, z *zoneCursor) uint64 {
	var buf [8]span
	var total uint64
	stop := t/1e9 + 2*secondsPerDay
	for n := c.dayOf(f, z); n*secondsPerDay <= stop; n++ {
		for t/1e9-n*secondsPerDay > 9*secondsPerDay {
			lo, ok := c.plainWeek(n, z)
			if !ok || lo < minSec || lo*1e9 < f || (lo+7*secondsPerDay)*1e9 > t {
				break
			}
			total += uint64(c.weekNs)
			n += 7
		}
		for _, s := range c.daySpans(n, z, buf[:0]) {
			a, b := spanNs(s.a), spanNs(s.b)
			if b <= f {
				continue
			}
			if a >= t {
				return total
			}
			total += uint64(min(b, t) - max(a, f))
		}
	}
	return total
}

// Add returns the instant at which d of business time has passed since t: the first
// instant where the business time accumulated from t reaches d. A due time that lands on
// the end of an open range is that end (Friday 17:00, not Monday 09:00). Add(t, 0) is t;
// a negative d counts backwards (the latest instant before t with -d of business time up
// to t). The result is in t's location. Like time.Time.Add it saturates: a d that runs
// past the supported range (1678-2262) gives its end, whatever its magnitude, including
// math.MinInt64; it never moves against the sign of d (an instant already beyond that end
// is returned as is).
func (c *Calendar) Add(t time.Time, d time.Duration) time.Time {
	if d == 0 {
		return t
	}
	ns := toNs(t)
	var out int64
	switch {
	case c == nil:
		out = min(max(satAdd(ns, int64(d)), minSec*1e9), maxNs)
	case d > 0:
		out = c.addForward(ns, int64(d), &zoneCursor{})
	case d == math.MinInt64:
		// -d does not fit in an int64: go back MaxInt64, then the last nanosecond.
		z := &zoneCursor{}
		out = c.addBackward(c.addBackward(ns, math.MaxInt64, z), 1, z)
	default:
		out = c.addBackward(ns, -int64(d), &zoneCursor{})
	}
	res := time.Unix(0, out).In(t.Location())
	if d > 0 && res.Before(t) || d < 0 && res.After(t) {
		return t
	}
	return res
}

func (c *Calendar) addForward(t, rem int64, z *zoneCursor) int64 {
	var buf [8]span
	for n := c.dayOf(t, z); n*secondsPerDay < maxSec; n++ {
		for rem > c.weekNs && n*secondsPerDay < maxSec-8*secondsPerDay {
			lo, ok := c.plainWeek(n, z)
			if !ok || lo < minSec || lo*1e9 < t {
				break
			}
			rem -= c.weekNs
			n += 7
		}
		for _, s := range c.daySpans(n, z, buf[:0]) {
			a, b := spanNs(s.a), spanNs(s.b)
			if b <= t {
				continue
			}
			a = max(a, t)
			if rem <= b-a {
				return a + rem
			}
			rem -= b - a
		}
	}
	return maxSec * 1e9
}

func (c *Calendar) addBackward(t, rem int64, z *zoneCursor) int64 {
	var buf [8]span
	for n := c.dayOf(t, z); n*secondsPerDay > minSec; n-- {
		spans := c.daySpans(n, z, buf[:0])
		for i := len(spans) - 1; i >= 0; i-- {
			a, b := spanNs(spans[i].a), spanNs(spans[i].b)
			if a >= t {
				continue
			}
			b = min(b, t)
			if rem <= b-a {
				return b - rem
			}
			rem -= b - a
		}
	}
	return minSec * 1e9
}

// NextOpen returns t if the calendar is open at t, else the start of the next open range;
// when no range opens before the end of the supported range (2262), that end, or t if t
// is later. The result is in t's location and never before t.
func (c *Calendar) NextOpen(t time.Time) time.Time {
	if c == nil {
		return t
	}
	ns := toNs(t)
	res := time.Unix(0, c.nextOpen(ns, &zoneCursor{})).In(t.Location())
	if res.Before(t) {
		return t
	}
	return res
}

func (c *Calendar) nextOpen(t int64, z *zoneCursor) int64 {
	var buf [8]span
	for n := c.dayOf(t, z); n*secondsPerDay < maxSec; n++ {
		for _, s := range c.daySpans(n, z, buf[:0]) {
			if b := spanNs(s.b); b > t {
				return max(spanNs(s.a), t)
			}
		}
	}
	return maxSec * 1e9
}

// IsOpen reports whether t lies in an open range (start included, end excluded).
func (c *Calendar) IsOpen(t time.Time) bool {
	if c == nil {
		return true
	}
	ns := toNs(t)
	return c.nextOpen(ns, &zoneCursor{}) == ns
}

// Supported local dates of DayStart and OpenIntervals: the days whose start lies in the
// supported range of instants.
var (
	minDate = LocalDate{1677, 9, 23}
	maxDate = LocalDate{2262, 4, 10}
)

// checkDate returns a validation error unless d exists and is within the supported range.
func checkDate(subject string, d LocalDate) error {
	if d.valid() && d.dayNumber() >= minDate.dayNumber() && d.dayNumber() <= maxDate.dayNumber() {
		return nil
	}
	e := validation.New(subject)
	e.Addf("date", "range", "%s is not an existing date from %s to %s", d, minDate, maxDate)
	return e.Err()
}

// DayStart returns the first instant of the local date d in the calendar's zone. When the
// clocks skip midnight, the day starts at the end of the gap: in America/Sao_Paulo,
// 2018-11-04 starts at 01:00 local, not at 23:00 the evening before (which time.Date gives
// for a 00:00 that does not exist). The result is in the calendar's location. A date that
// does not exist or lies outside 1677-09-23 to 2262-04-10 is a *productops.ValidationError.
func (c *Calendar) DayStart(d LocalDate) (time.Time, error) {
	if err := checkDate("feedback: day start", d); err != nil {
		return time.Time{}, err
	}
	if c == nil {
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Unix(c.instant(d.dayNumber()*secondsPerDay), 0).In(c.loc), nil
}

// Interval is an absolute open interval [Start, End).
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// OpenIntervals returns the open intervals of the local date d, in order, as instants in
// the calendar's location: the weekly ranges of its weekday, or its shift, less its breaks,
// none on a holiday. A range whose wall-clock times the clocks skip shrinks or vanishes (a
// 02:00-03:00 range on a spring-forward day at 02:00 is empty). A nil calendar is one
// interval, the whole UTC day. A date that does not exist or is outside the supported range
// is a *productops.ValidationError.
func (c *Calendar) OpenIntervals(d LocalDate) ([]Interval, error) {
	if err := checkDate("feedback: open intervals", d); err != nil {
		return nil, err
	}
	if c == nil {
		s := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
		return []Interval{{Start: s, End: s.AddDate(0, 0, 1)}}, nil
	}
	var z zoneCursor
	var buf [8]span
	spans := c.daySpans(d.dayNumber(), &z, buf[:0])
	out := make([]Interval, len(spans))
	for i, s := range spans {
		out[i] = Interval{Start: time.Unix(s.a, 0).In(c.loc), End: time.Unix(s.b, 0).In(c.loc)}
	}
	return out, nil
}

// DateOf returns the local date of t in the calendar's zone.
func (c *Calendar) DateOf(t time.Time) LocalDate {
	y, m, d := t.In(c.Location()).Date()
	return LocalDate{Year: y, Month: m, Day: d}
}

// String returns the calendar's name and zone, such as `"support" (Europe/Berlin)`.
func (c *Calendar) String() string {
	if c == nil {
		return "calendar time (UTC)"
	}
	return strconv.Quote(validation.Truncate(c.name)) + " (" + c.loc.String() + ")"
}
