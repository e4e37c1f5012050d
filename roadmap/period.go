package roadmap

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// Resolution is the granularity of a Period: an exact day, or a fuzzy month, quarter,
// half-year or year (Linear's DateResolutionType plus Day). The zero value, NoResolution,
// marks an unset Period.
type Resolution int

// The resolutions, finest first.
const (
	NoResolution Resolution = iota
	Day
	Month
	Quarter
	HalfYear
	Year
)

var resolutionSet = enum.Set[Resolution]{Subject: "roadmap: resolution", Kind: "resolution", Names: []string{"", "day", "month", "quarter", "half_year", "year"}}

// String returns "day", "month", "quarter", "half_year", "year", or "" for NoResolution.
func (r Resolution) String() string { return unsetOr(r, resolutionSet.String) }

// MarshalText encodes r as its String form ("" for NoResolution).
func (r Resolution) MarshalText() ([]byte, error) { return marshalUnset(r, &resolutionSet) }

// UnmarshalText decodes a resolution name (case-insensitive; "half-year" works too), or ""
// as NoResolution.
func (r *Resolution) UnmarshalText(b []byte) error { return unmarshalUnset(r, b, &resolutionSet) }

// Period is a day or a fuzzy date: a month, a (fiscal) quarter, half-year or year. It
// stores the period itself, not a day inside it; Calendar.Range turns it into a concrete
// range of instants in a time zone. The zero value is unset (IsZero reports true).
//
// Fields by resolution:
//
//	Day       Year = calendar year, Index = month 1-12, Day = day of month
//	Month     Year = calendar year, Index = month 1-12
//	Quarter   Year = fiscal year,   Index = fiscal quarter 1-4
//	HalfYear  Year = fiscal year,   Index = fiscal half 1-2
//	Year      Year = fiscal year,   Index = 0
//
// A fiscal year is named by the calendar year in which it ends (US federal convention:
// with the fiscal year starting in October, FY2026 runs 1 Oct 2025 to 30 Sep 2026). With a
// January start, fiscal and calendar years coincide.
//
// The text form (MarshalText, ParsePeriod) is "2026-03-15", "2026-03", "2026-Q3",
// "2026-H2" or "2026".
type Period struct {
	Resolution Resolution `json:"resolution"`      // day, month, quarter, half-year or year; NoResolution = unset.
	Year       int        `json:"year"`            // calendar year (Day, Month) or fiscal year (Quarter, HalfYear, Year), 1-9999.
	Index      int        `json:"index,omitempty"` // month 1-12 (Day, Month), quarter 1-4, half 1-2, or 0 (Year).
	Day        int        `json:"day,omitempty"`   // day of the month for Day, else 0.
}

// DayOf returns the Day period of t's date, read in t's own location. A date before year
// 1 or after year 9999 saturates to 0001-01-01 or 9999-12-31, so the result is always
// valid.
func DayOf(t time.Time) Period {
	y, m, d := t.Date()
	switch {
	case y < minYear:
		return Period{Resolution: Day, Year: minYear, Index: 1, Day: 1}
	case y > maxYear:
		return Period{Resolution: Day, Year: maxYear, Index: 12, Day: 31}
	}
	return Period{Resolution: Day, Year: y, Index: int(m), Day: d}
}

// The years a Period may name.
const (
	minYear = 1
	maxYear = 9999
)

// MonthOf returns the Month period year-month.
func MonthOf(year int, month time.Month) Period {
	return Period{Resolution: Month, Year: year, Index: int(month)}
}

// QuarterOf returns fiscal quarter q (1-4) of fiscal year year.
func QuarterOf(year, q int) Period { return Period{Resolution: Quarter, Year: year, Index: q} }

// HalfOf returns fiscal half h (1-2) of fiscal year year.
func HalfOf(year, h int) Period { return Period{Resolution: HalfYear, Year: year, Index: h} }

// YearOf returns fiscal year year.
func YearOf(year int) Period { return Period{Resolution: Year, Year: year} }

// IsZero reports whether p is unset.
func (p Period) IsZero() bool { return p == Period{} }

// Validate reports an out-of-range field. The zero Period is valid (unset).
func (p Period) Validate() error {
	e := validation.New("roadmap: period")
	p.check(e, nil)
	return e.Err()
}

// valid reports what check reports, without allocating: the zero Period or a period
// whose fields are all in range.
func (p Period) valid() bool {
	if p.IsZero() {
		return true
	}
	if p.Year < minYear || p.Year > maxYear {
		return false
	}
	switch p.Resolution {
	case Day:
		return p.Index >= 1 && p.Index <= 12 && p.Day >= 1 && p.Day <= daysIn(p.Year, time.Month(p.Index))
	case Month:
		return p.Index >= 1 && p.Index <= 12 && p.Day == 0
	case Quarter:
		return p.Index >= 1 && p.Index <= 4 && p.Day == 0
	case HalfYear:
		return p.Index >= 1 && p.Index <= 2 && p.Day == 0
	case Year:
		return p.Index == 0 && p.Day == 0
	}
	return false
}

func (p Period) check(e *validation.Errors, prefix func() string) {
	if p.valid() {
		return
	}
	field := func(f string) string {
		if prefix == nil {
			return f
		}
		return prefix() + "." + f
	}
	yearOK := p.Year >= minYear && p.Year <= maxYear
	if !yearOK {
		e.Addf(field("year"), "range", "must be between 1 and 9999, got %d", p.Year)
	}
	switch p.Resolution {
	case Day:
		if p.Index < 1 || p.Index > 12 {
			e.Addf(field("index"), "range", "month must be between 1 and 12, got %d", p.Index)
		} else if n := daysIn(yearOr2000(p.Year, yearOK), time.Month(p.Index)); p.Day < 1 || p.Day > n {
			e.Addf(field("day"), "range", "must be between 1 and %d, got %d", n, p.Day)
		}
	case Month:
		if p.Index < 1 || p.Index > 12 {
			e.Addf(field("index"), "range", "month must be between 1 and 12, got %d", p.Index)
		}
	case Quarter:
		if p.Index < 1 || p.Index > 4 {
			e.Addf(field("index"), "range", "quarter must be between 1 and 4, got %d", p.Index)
		}
	case HalfYear:
		if p.Index < 1 || p.Index > 2 {
			e.Addf(field("index"), "range", "half must be 1 or 2, got %d", p.Index)
		}
	case Year:
		if p.Index != 0 {
			e.Addf(field("index"), "range", "must be 0 for a year, got %d", p.Index)
		}
	default:
		e.Addf(field("resolution"), "oneof", "must be day, month, quarter, half_year or year")
	}
	if p.Resolution != Day && p.Day != 0 {
		e.Addf(field("day"), "range", "must be 0 unless the resolution is day, got %d", p.Day)
	}
}

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// String returns the text form: "2026-03-15", "2026-03", "2026-Q3", "2026-H2", "2026",
// or "" for the zero Period. Invalid periods print with Go syntax.
func (p Period) String() string {
	b, err := p.MarshalText()
	if err != nil {
		return fmt.Sprintf("roadmap.Period{%d %d %d %d}", p.Resolution, p.Year, p.Index, p.Day)
	}
	return string(b)
}

// MarshalText encodes p in its text form; an invalid Period is an error.
func (p Period) MarshalText() ([]byte, error) {
	if p.IsZero() {
		return []byte{}, nil
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	switch p.Resolution {
	case Day:
		return fmt.Appendf(nil, "%04d-%02d-%02d", p.Year, p.Index, p.Day), nil
	case Month:
		return fmt.Appendf(nil, "%04d-%02d", p.Year, p.Index), nil
	case Quarter:
		return fmt.Appendf(nil, "%04d-Q%d", p.Year, p.Index), nil
	case HalfYear:
		return fmt.Appendf(nil, "%04d-H%d", p.Year, p.Index), nil
	}
	return fmt.Appendf(nil, "%04d", p.Year), nil
}

// UnmarshalText decodes what ParsePeriod accepts; empty text gives the zero Period.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = Period{}
		return nil
	}
	v, err := ParsePeriod(string(b))
	if err == nil {
		*p = v
	}
	return err
}

// ErrPeriodSyntax is matched (errors.Is) by every ParsePeriod failure, as is
// productops.ErrInvalid.
var ErrPeriodSyntax = errors.New("roadmap: unparseable period")

// periodError reports a fuzzy date that does not parse; it matches ErrPeriodSyntax.
type periodError struct{ text, why string }

// Error formats the text and the reason.
func (e *periodError) Error() string {
	return fmt.Sprintf("roadmap: unparseable period %q: %s", e.text, e.why)
}

// Is reports whether target is ErrPeriodSyntax or productops.ErrInvalid.
func (e *periodError) Is(target error) bool {
	return target == ErrPeriodSyntax || target == productops.ErrInvalid
}

// ParsePeriod parses a day or fuzzy date. Accepted forms (case-insensitive, surrounding
// space ignored; an optional "FY" before the year):
//
//	2026-03-15                    Day
//	2026-03                       Month
//	2026-Q3, 2026Q3, 2026 Q3, Q3 2026, Q3-2026, FY2026-Q3, Q3 FY2026   Quarter
//	2026-H2, H2 2026, FY2026 H2   HalfYear
//	2026, FY2026                  Year
//
// Years have four digits. Quarters, halves and years are fiscal: what dates they cover
// depends on the Calendar that resolves them. Errors match ErrPeriodSyntax.
func ParsePeriod(s string) (Period, error) {
	orig := s
	fail := func(why string) (Period, error) {
		return Period{}, &periodError{text: validation.Truncate(orig), why: why}
	}
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return fail("empty")
	}
	if len(s) > 20 {
		return fail("too long")
	}
	// Day and month: digits and dashes only.
	if s[0] >= '0' && s[0] <= '9' && !strings.ContainsAny(s, "QH ") {
		parts := strings.Split(s, "-")
		nums := make([]int, len(parts))
		for i, part := range parts {
			want := 2
			if i == 0 {
				want = 4
			}
			n, ok := digits(part, want)
			if !ok {
				return fail("want YYYY, YYYY-MM or YYYY-MM-DD")
			}
			nums[i] = n
		}
		var p Period
		switch len(nums) {
		case 1:
			p = YearOf(nums[0])
		case 2:
			p = MonthOf(nums[0], time.Month(nums[1]))
		case 3:
			p = Period{Resolution: Day, Year: nums[0], Index: nums[1], Day: nums[2]}
		default:
			return fail("want YYYY, YYYY-MM or YYYY-MM-DD")
		}
		if err := p.Validate(); err != nil {
			return fail("date out of range")
		}
		return p, nil
	}
	// Fiscal forms: a year token and an optional Q/H token, in either order.
	tokens := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' })
	if len(tokens) == 1 {
		t := tokens[0]
		t = strings.TrimPrefix(t, "FY")
		// "2026Q3" or "2026H2" glued together.
		if len(t) == 6 && (t[4] == 'Q' || t[4] == 'H') {
			tokens = []string{t[:4], t[4:]}
		} else {
			tokens = []string{t}
		}
	}
	var year, idx int
	var res Resolution = Year
	seenYear := false
	for _, t := range tokens {
		switch {
		case len(t) == 2 && (t[0] == 'Q' || t[0] == 'H'):
			if res != Year {
				return fail("more than one quarter or half")
			}
			n, ok := digits(t[1:], 1)
			if !ok {
				return fail("bad quarter or half")
			}
			idx = n
			res = Quarter
			if t[0] == 'H' {
				res = HalfYear
			}
		default:
			t = strings.TrimPrefix(t, "FY")
			n, ok := digits(t, 4)
			if !ok || seenYear {
				return fail("want a four-digit year")
			}
			year, seenYear = n, true
		}
	}
	if !seenYear {
		return fail("missing year")
	}
	p := Period{Resolution: res, Year: year, Index: idx}
	if err := p.Validate(); err != nil {
		return fail("out of range")
	}
	return p, nil
}

// digits parses exactly n ASCII digits.
func digits(s string, n int) (int, bool) {
	if len(s) != n {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

// Add returns the period n steps after p at p's resolution (n may be negative): the next
// day, month, quarter, half or year. It saturates like time.Time.Add: a result before
// year 1 or after year 9999 is the first or last period of that resolution (0001-01-01,
// 9999-Q4, ...), so the result of a valid p is always valid. Add on the zero Period or an
// invalid one returns it unchanged.
func (p Period) Add(n int) Period {
	if p.IsZero() || !p.valid() {
		return p
	}
	switch p.Resolution {
	case Day:
		first := dayNumber(minYear, time.January, 1)
		last := dayNumber(maxYear, time.December, 31)
		dn := clampAdd(dayNumber(p.Year, time.Month(p.Index), p.Day), int64(n), first, last)
		return DayOf(time.Date(minYear, time.January, 1+int(dn-first), 0, 0, 0, 0, time.UTC))
	case Month:
		m := clampAdd(int64(p.Year)*12+int64(p.Index-1), int64(n), minYear*12, maxYear*12+11)
		return MonthOf(int(m/12), time.Month(m%12+1))
	case Quarter:
		q := clampAdd(int64(p.Year)*4+int64(p.Index-1), int64(n), minYear*4, maxYear*4+3)
		return QuarterOf(int(q/4), int(q%4+1))
	case HalfYear:
		h := clampAdd(int64(p.Year)*2+int64(p.Index-1), int64(n), minYear*2, maxYear*2+1)
		return HalfOf(int(h/2), int(h%2+1))
	}
	return YearOf(int(clampAdd(int64(p.Year), int64(n), minYear, maxYear)))
}

// clampAdd returns v + n clamped to [lo, hi], for lo <= v <= hi, without overflow.
func clampAdd(v, n, lo, hi int64) int64 {
	switch {
	case n > 0 && n > hi-v:
		return hi
	case n < 0 && n < lo-v:
		return lo
	}
	return v + n
}

// yearOr2000 returns y when ok, else 2000: a leap year in range, so the day of a period
// whose year is already reported is checked without time arithmetic on a wild year.
func yearOr2000(y int, ok bool) int {
	if ok {
		return y
	}
	return 2000
}

// Calendar turns periods into instants: it fixes the time zone and the month the fiscal
// year starts in. The zero value is the UTC calendar year.
//
// In JSON the zone is its IANA name: {"location": "Europe/Berlin", "fiscal_start_month":
// 10}; a missing or empty location means UTC. Decoding loads the zone from the system's
// time zone database (or Go's embedded copy, if the program imports time/tzdata) and
// rejects an unknown zone and unknown fields with a *productops.ValidationError.
type Calendar struct {
	// Location is the zone whose midnights bound every period; nil means UTC.
	Location *time.Location `json:"-"`
	// FiscalStartMonth is the first month of the fiscal year, 1-12; 0 means January.
	FiscalStartMonth time.Month `json:"fiscal_start_month,omitempty"`
}

// calendarJSON is Calendar's JSON form.
type calendarJSON struct {
	Location         string     `json:"location,omitempty"`
	FiscalStartMonth time.Month `json:"fiscal_start_month,omitempty"`
}

// MarshalJSON encodes the zone by name (omitted for UTC and nil).
func (c Calendar) MarshalJSON() ([]byte, error) {
	w := calendarJSON{FiscalStartMonth: c.FiscalStartMonth}
	if c.Location != nil && c.Location != time.UTC {
		w.Location = c.Location.String()
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes a calendar strictly: unknown fields and an unknown zone name are
// a *productops.ValidationError.
func (c *Calendar) UnmarshalJSON(b []byte) error {
	e := validation.New("roadmap: calendar")
	var w calendarJSON
	if !decodeStrict(e, "", b, &w) {
		return e.Err()
	}
	out := Calendar{FiscalStartMonth: w.FiscalStartMonth}
	if w.Location != "" && w.Location != "UTC" {
		loc, err := loadZone(w.Location)
		if err != nil {
			e.Addf("location", "timezone", "unknown time zone %q", validation.Truncate(w.Location))
			return e.Err()
		}
		out.Location = loc
	}
	*c = out
	return nil
}

// loadZone loads an IANA zone, refusing names that cannot be one before touching the
// file system.
func loadZone(name string) (*time.Location, error) {
	if len(name) > 64 || strings.ContainsAny(name, "\\\x00") {
		return nil, errors.New("roadmap: bad zone name")
	}
	return time.LoadLocation(name)
}

// Validate reports a FiscalStartMonth outside 0-12.
func (c Calendar) Validate() error {
	e := validation.New("roadmap: calendar")
	if c.FiscalStartMonth < 0 || c.FiscalStartMonth > 12 {
		e.Addf("fiscal_start_month", "range", "must be between 1 and 12 (0 = January), got %d", int(c.FiscalStartMonth))
	}
	return e.Err()
}

func (c Calendar) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

func (c Calendar) startMonth() time.Month {
	if c.FiscalStartMonth < 1 || c.FiscalStartMonth > 12 {
		return time.January
	}
	return c.FiscalStartMonth
}

// DateRange is a half-open range of instants [Start, End): both are local midnights in
// the Calendar's zone, End being the first midnight after the range (so a deadline
// "target Q3" is met by anything finished before End).
type DateRange struct {
	Start time.Time `json:"start"` // first instant (local midnight).
	End   time.Time `json:"end"`   // first instant after the range (local midnight).
}

// LastDay returns the first instant of the range's last day (inclusive end), computed on
// the wall clock in End's zone so it is exact across DST changes (also where a change
// skips midnight).
func (r DateRange) LastDay() time.Time {
	y, m, d := r.End.Date()
	return midnight(y, m, d-1, r.End.Location())
}

// Contains reports whether Start <= t < End.
func (r DateRange) Contains(t time.Time) bool { return !t.Before(r.Start) && t.Before(r.End) }

// Overlaps reports whether r and o share an instant.
func (r DateRange) Overlaps(o DateRange) bool { return r.Start.Before(o.End) && o.Start.Before(r.End) }

// Range resolves p to its concrete range in c's zone and fiscal year. The zero Period and
// invalid periods are errors.
func (c Calendar) Range(p Period) (DateRange, error) {
	if p.IsZero() {
		e := validation.New("roadmap: period")
		e.Add("", "required", "", "cannot resolve an unset period")
		return DateRange{}, e.Err()
	}
	if err := p.Validate(); err != nil {
		return DateRange{}, err
	}
	if err := c.Validate(); err != nil {
		return DateRange{}, err
	}
	loc := c.loc()
	at := func(y int, m time.Month, d int) time.Time { return midnight(y, m, d, loc) }
	fyStart := func(fy int) (int, time.Month) {
		m := c.startMonth()
		if m == time.January {
			return fy, m
		}
		return fy - 1, m
	}
	switch p.Resolution {
	case Day:
		return DateRange{at(p.Year, time.Month(p.Index), p.Day), at(p.Year, time.Month(p.Index), p.Day+1)}, nil
	case Month:
		return DateRange{at(p.Year, time.Month(p.Index), 1), at(p.Year, time.Month(p.Index)+1, 1)}, nil
	}
	y, m := fyStart(p.Year)
	months, off := 12, 0
	switch p.Resolution {
	case Quarter:
		months, off = 3, 3*(p.Index-1)
	case HalfYear:
		months, off = 6, 6*(p.Index-1)
	}
	return DateRange{at(y, m+time.Month(off), 1), at(y, m+time.Month(off+months), 1)}, nil
}

// PeriodOf returns the period of resolution r that contains t (read in c's zone). It
// saturates: an instant before the first period of year 1 gives that period, one after
// the last period of year 9999 gives that one, so the result is always valid. For
// NoResolution, or a resolution that is not one of the constants, it returns the zero
// Period.
func (c Calendar) PeriodOf(r Resolution, t time.Time) Period {
	t = t.In(c.loc())
	y, m, _ := t.Date()
	switch r {
	case Day:
		return DayOf(t)
	case Month:
		p := MonthOf(y, m)
		if y < minYear {
			p = MonthOf(minYear, time.January)
		} else if y > maxYear {
			p = MonthOf(maxYear, time.December)
		}
		return p
	case Quarter, HalfYear, Year:
	default:
		return Period{}
	}
	start := c.startMonth()
	fy := y
	if start != time.January && m >= start {
		fy = y + 1
	}
	off := (int(m) - int(start) + 12) % 12
	switch r {
	case Quarter:
		return QuarterOf(fy, off/3+1).clamp()
	case HalfYear:
		return HalfOf(fy, off/6+1).clamp()
	}
	return YearOf(fy).clamp()
}

// clamp saturates a fiscal period (quarter, half or year) whose year is out of range to
// the first or last period of its resolution.
func (p Period) clamp() Period {
	switch {
	case p.Year < minYear:
		p.Year = minYear
		if p.Index > 0 {
			p.Index = 1
		}
	case p.Year > maxYear:
		p.Year = maxYear
		switch p.Resolution {
		case Quarter:
			p.Index = 4
		case HalfYear:
			p.Index = 2
		}
	}
	return p
}
