package feedback

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/productops/productops/internal/validation"
)

// ClockTime is a local wall-clock time of day in whole seconds after midnight, from 0
// (00:00) to 86400 (24:00, allowed only as the end of a range). Its text form is "HH:MM" or
// "HH:MM:SS".
type ClockTime int32

// secondsPerDay is the number of wall-clock seconds in a local day (24:00).
const secondsPerDay = 86400

// Clock returns the ClockTime h:m:s. It does not check ranges; Validate does.
func Clock(h, m, s int) ClockTime { return ClockTime(h*3600 + m*60 + s) }

// ParseClockTime parses "HH:MM" or "HH:MM:SS" (24-hour, two digits each, "24:00" allowed).
func ParseClockTime(s string) (ClockTime, error) {
	bad := func() (ClockTime, error) {
		return 0, inputError("feedback: clock time", "", "format", "%q is not HH:MM or HH:MM:SS between 00:00 and 24:00", validation.Truncate(s))
	}
	if len(s) != 5 && len(s) != 8 {
		return bad()
	}
	var parts [3]int
	for i := 0; i*3 < len(s); i++ {
		p := s[i*3 : i*3+2]
		if i > 0 && s[i*3-1] != ':' {
			return bad()
		}
		if p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' {
			return bad()
		}
		parts[i] = int(p[0]-'0')*10 + int(p[1]-'0')
	}
	h, m, sec := parts[0], parts[1], parts[2]
	if m > 59 || sec > 59 || h > 24 || (h == 24 && (m != 0 || sec != 0)) {
		return bad()
	}
	return Clock(h, m, sec), nil
}

// String formats c as "HH:MM", or "HH:MM:SS" when it has seconds.
func (c ClockTime) String() string {
	if c < 0 || c > secondsPerDay {
		return "ClockTime(" + strconv.Itoa(int(c)) + ")"
	}
	h, m, s := int(c)/3600, int(c)%3600/60, int(c)%60
	if s != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

// MarshalText encodes c as String does; out-of-range values are an error.
func (c ClockTime) MarshalText() ([]byte, error) {
	if c < 0 || c > secondsPerDay {
		return nil, inputError("feedback: clock time", "", "range", "%d seconds is outside 00:00-24:00", int(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText decodes the form ParseClockTime accepts.
func (c *ClockTime) UnmarshalText(b []byte) error {
	v, err := ParseClockTime(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ClockRange is a half-open local wall-clock range [Start, End) within one day, such as
// 09:00-12:00. Start must be before End; End may be 24:00. Its text form is "HH:MM-HH:MM".
//
// On a day when the clocks change, a wall-clock time that happens twice (fall back) means
// its first occurrence, and one that does not happen (spring forward) means the instant the
// gap ends; so 00:00-24:00 lasts 23 or 25 hours on those days and 09:00-17:00 is unaffected
// by a 02:00 change.
type ClockRange struct {
	// Start is the first open second; End the first closed one.
	Start ClockTime
	End   ClockTime
}

// ParseClockRange parses "HH:MM-HH:MM" (seconds allowed on either side).
func ParseClockRange(s string) (ClockRange, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return ClockRange{}, inputError("feedback: clock range", "", "format", "%q is not HH:MM-HH:MM", validation.Truncate(s))
	}
	start, err := ParseClockTime(strings.TrimSpace(a))
	if err != nil {
		return ClockRange{}, inputError("feedback: clock range", "start", "format", "%q is not HH:MM-HH:MM with times between 00:00 and 24:00", validation.Truncate(s))
	}
	end, err := ParseClockTime(strings.TrimSpace(b))
	if err != nil {
		return ClockRange{}, inputError("feedback: clock range", "end", "format", "%q is not HH:MM-HH:MM with times between 00:00 and 24:00", validation.Truncate(s))
	}
	r := ClockRange{Start: start, End: end}
	if msg := r.check(); msg != "" {
		return ClockRange{}, inputError("feedback: clock range", "", "range", "%q: %s", validation.Truncate(s), msg)
	}
	return r, nil
}

// check returns "" for a valid range, else why it is not.
func (r ClockRange) check() string {
	switch {
	case r.Start < 0 || r.Start >= secondsPerDay:
		return "start must be from 00:00 to before 24:00"
	case r.End <= 0 || r.End > secondsPerDay:
		return "end must be after 00:00 and at most 24:00"
	case r.Start >= r.End:
		return "start must be before end"
	}
	return ""
}

// String formats r as "HH:MM-HH:MM".
func (r ClockRange) String() string { return r.Start.String() + "-" + r.End.String() }

// MarshalText encodes r as String does; an invalid range is an error.
func (r ClockRange) MarshalText() ([]byte, error) {
	if msg := r.check(); msg != "" {
		return nil, inputError("feedback: clock range", "", "range", "%s: %s", r, msg)
	}
	return []byte(r.String()), nil
}

// UnmarshalText decodes the form ParseClockRange accepts.
func (r *ClockRange) UnmarshalText(b []byte) error {
	v, err := ParseClockRange(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// LocalDate is a calendar date in a calendar's own time zone (a holiday is a local date,
// not a UTC one). Its text form is "YYYY-MM-DD".
type LocalDate struct {
	// Year (1-9999), Month and Day of the date.
	Year  int
	Month time.Month
	Day   int
}

// ParseLocalDate parses "YYYY-MM-DD" and rejects dates that do not exist (2026-02-30).
func ParseLocalDate(s string) (LocalDate, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return LocalDate{}, inputError("feedback: date", "", "format", "%q is not an existing YYYY-MM-DD date", validation.Truncate(s))
	}
	d := LocalDate{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	if !d.valid() {
		return LocalDate{}, inputError("feedback: date", "", "range", "%q: the year must be 1 to 9999", validation.Truncate(s))
	}
	return d, nil
}

// valid reports whether d is an existing date in years 1..9999.
func (d LocalDate) valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == d.Day
}

// String formats d as "YYYY-MM-DD".
func (d LocalDate) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalText encodes d as String does; a date that does not exist is an error.
func (d LocalDate) MarshalText() ([]byte, error) {
	if !d.valid() {
		return nil, inputError("feedback: date", "", "date", "%s does not exist", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText decodes the form ParseLocalDate accepts.
func (d *LocalDate) UnmarshalText(b []byte) error {
	v, err := ParseLocalDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// dayNumber returns the number of days from 1970-01-01 to d in the proleptic Gregorian
// calendar (negative before 1970).
func (d LocalDate) dayNumber() int64 { return civilDays(int64(d.Year), int64(d.Month), int64(d.Day)) }

// civilDays converts a proleptic Gregorian date to days since 1970-01-01 (Hinnant's
// days_from_civil).
func civilDays(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// DateHours gives the open ranges of one local date: a shift that replaces the weekly
// pattern on that date, or a break removed from it, depending on the list it is in.
type DateHours struct {
	// Date is the local date.
	Date LocalDate `json:"date"`
	// Ranges are the wall-clock ranges, ordered and not overlapping.
	Ranges []ClockRange `json:"ranges"`
}

// BusinessHours defines a business-hours calendar, in the spirit of zendesk/biz: weekly
// hours with several ranges a day, date-specific shifts and breaks, whole-day holidays, all
// in one IANA time zone. Build a [Calendar] from it with [NewCalendar].
type BusinessHours struct {
	// Name labels the calendar in reports and errors; optional.
	Name string `json:"name,omitempty"`
	// Zone is the IANA time zone name, such as "America/New_York" or "UTC". Required.
	Zone string `json:"zone"`
	// Weekly gives each weekday's open ranges, indexed by time.Weekday (Sunday = 0). Ranges
	// of a day must be ordered and must not overlap (touching, 12:00 then 12:00, is fine).
	// At least one weekday must have a range.
	Weekly [7][]ClockRange `json:"weekly"`
	// Holidays are local dates with no business hours at all. They win over Shifts.
	Holidays []LocalDate `json:"holidays,omitempty"`
	// Shifts replace the weekly ranges on their date (one entry per date).
	Shifts []DateHours `json:"shifts,omitempty"`
	// Breaks remove ranges from a date's hours (weekly or shifted), such as a half-day
	// closure; one entry per date.
	Breaks []DateHours `json:"breaks,omitempty"`
}

// Validate reports every problem with h: an unknown zone, invalid or overlapping ranges,
// dates that do not exist, dates listed twice, and a week without any hours.
func (h BusinessHours) Validate() error {
	e := validation.New("feedback: business hours " + strconv.Quote(validation.Truncate(h.Name)))
	h.validateInto(e)
	return e.Err()
}

func (h BusinessHours) validateInto(e *validation.Errors) {
	if h.Zone == "" {
		e.Add("zone", "required", "", "is required")
	} else if _, err := time.LoadLocation(h.Zone); err != nil || strings.EqualFold(h.Zone, "local") {
		e.Addf("zone", "timezone", "unknown IANA time zone %q", validation.Truncate(h.Zone))
	}
	open := false
	for wd, rs := range h.Weekly {
		checkRanges(e, fmt.Sprintf("weekly[%d]", wd), rs)
		open = open || len(rs) > 0
	}
	if !open {
		e.Add("weekly", "required", "", "must have at least one open range in the week")
	}
	seen := map[LocalDate]int{}
	for i, d := range h.Holidays {
		p := fmt.Sprintf("holidays[%d]", i)
		if !d.valid() {
			e.Addf(p, "date", "date %s does not exist", d)
		} else if j, dup := seen[d]; dup {
			e.Addf(p, "unique", "date %s already listed at holidays[%d]", d, j)
		} else {
			seen[d] = i
		}
	}
	for _, list := range []struct {
		name string
		v    []DateHours
	}{{"shifts", h.Shifts}, {"breaks", h.Breaks}} {
		seen := map[LocalDate]int{}
		for i, dh := range list.v {
			p := fmt.Sprintf("%s[%d]", list.name, i)
			if !dh.Date.valid() {
				e.Addf(p+".date", "date", "date %s does not exist", dh.Date)
			} else if j, dup := seen[dh.Date]; dup {
				e.Addf(p+".date", "unique", "date %s already listed at %s[%d]", dh.Date, list.name, j)
			} else {
				seen[dh.Date] = i
			}
			if len(dh.Ranges) == 0 {
				e.Add(p+".ranges", "required", "", "must have at least one range")
			}
			checkRanges(e, p+".ranges", dh.Ranges)
		}
	}
}

// checkRanges records invalid, unordered and overlapping ranges of one list.
func checkRanges(e *validation.Errors, prefix string, rs []ClockRange) {
	for i, r := range rs {
		p := fmt.Sprintf("%s[%d]", prefix, i)
		if msg := r.check(); msg != "" {
			e.Addf(p, "range", "%s: %s", r, msg)
			continue
		}
		if i > 0 && rs[i-1].check() == "" && r.Start < rs[i-1].End {
			e.Addf(p, "overlap", "%s overlaps or precedes %s at %s[%d]", r, rs[i-1], prefix, i-1)
		}
	}
}
