package launch

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/productops/productops/internal/validation"
)

// Date is a calendar date with no time of day and no zone, such as a launch's target
// date or an item's due date. Its text form is "2006-01-02". The zero value means unset.
type Date struct {
	Year  int        // four-digit year, 1..9999
	Month time.Month // 1..12
	Day   int        // 1..31, valid for the month
}

// IsZero reports whether d is the zero (unset) date.
func (d Date) IsZero() bool { return d == Date{} }

// valid reports whether d names a real calendar day in years 1..9999.
func (d Date) valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == d.Day
}

// String returns "YYYY-MM-DD" (zero-padded), or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText returns "YYYY-MM-DD"; it fails for a date that does not exist.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	if !d.valid() {
		return nil, dateError(d.String())
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses exactly "YYYY-MM-DD" naming a real day; an empty text gives the zero
// date. Anything else is a *productops.ValidationError.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return dateError(string(b))
	}
	y, ey := digits(b[0:4])
	m, em := digits(b[5:7])
	dd, ed := digits(b[8:10])
	out := Date{Year: y, Month: time.Month(m), Day: dd}
	if !ey || !em || !ed || !out.valid() {
		return dateError(string(b))
	}
	*d = out
	return nil
}

// digits parses ASCII decimal digits only (no sign, no spaces).
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func dateError(s string) error {
	e := validation.New("launch: date")
	if s == "" {
		s = "0000-00-00"
	}
	e.Add("", "date", "", "want a real calendar date as YYYY-MM-DD in years 1..9999, got "+strconv.Quote(validation.Truncate(s)))
	return e.Err()
}

// Validate returns nil when d names a real calendar day in years 1..9999, else a
// *productops.ValidationError. The zero Date is not a day: it is invalid here (a field
// where it means "unset" says so).
func (d Date) Validate() error {
	if d.valid() {
		return nil
	}
	return dateError(d.String())
}

// End returns the first instant after the day in loc: midnight starting the next day,
// built with time.Date so a 23- or 25-hour DST day is handled. "Due on d" means "due before
// d.End(loc)".
//
// A date that does not exist (February 30, month 13, the zero Date, a year outside
// 1..9999) is a *productops.ValidationError, never normalised to another day; so is a nil
// loc (say time.UTC for UTC).
func (d Date) End(loc *time.Location) (time.Time, error) {
	if err := d.Validate(); err != nil {
		return time.Time{}, err
	}
	if loc == nil {
		e := validation.New("launch: date")
		e.Add("loc", "required", "", "is required: a date ends at a different instant in every zone")
		return time.Time{}, e.Err()
	}
	return d.end(loc), nil
}

// end is End for a valid date and a non-nil loc.
func (d Date) end(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, loc)
}

// Deadline is when a checklist item is due: either an instant (At, within years 1..9999 in
// its zone and in UTC) or a calendar date (Date, 0001-01-01..9999-12-30) in an IANA zone.
// Set exactly one of At and Date.
//
// A date means "by the end of that day in that zone": the deadline instant is
// Date.End(zone), midnight at the start of the following day. Zone may be empty, and then
// the plan's zone applies; a date with neither is invalid. An item is overdue at asOf iff
// asOf is at or after the deadline instant (half-open: the deadline instant itself is late).
type Deadline struct {
	// At is the deadline as an instant; zero when Date is used.
	At time.Time `json:"at,omitzero"`
	// Date is the due day; zero when At is used.
	Date Date `json:"date,omitzero"`
	// Zone is the IANA zone of Date ("Europe/Berlin"), at most 64 bytes; empty means the
	// plan's zone. It must be empty when At is used.
	Zone string `json:"zone,omitempty"`
}

// instantOK reports whether t is set and within years 1..9999, both in its own zone and
// in UTC: the range RFC 3339 and encoding/json can write (results carry instants in their
// zone, reports print them in UTC), so an instant outside it would give a result that
// cannot be marshalled.
func instantOK(t time.Time) bool {
	if t.IsZero() {
		return false
	}
	// Fast path: a day inside the range is inside it in every zone (offsets are under a
	// day), so the calendar is needed only near the ends.
	if s := t.Unix(); s > safeUnixMin && s < safeUnixMax {
		return true
	}
	y, u := t.Year(), t.UTC().Year()
	return y >= 1 && y <= 9999 && u >= 1 && u <= 9999
}

// safeUnixMin and safeUnixMax are 0001-01-02 and 9999-12-30 UTC in Unix seconds.
var (
	safeUnixMin = time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC).Unix()
	safeUnixMax = time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC).Unix()
)

// checkInstant records a set instant outside years 1..9999.
func checkInstant(e *validation.Errors, field string, t time.Time) {
	if !t.IsZero() && !instantOK(t) {
		e.Add(field, "range", "1..9999", "must be within years 1..9999, in its zone and in UTC")
	}
}

var errLocalZone = errors.New("launch: the Local zone depends on the machine")

// zones caches loaded locations for one validation or evaluation (not shared).
type zones map[string]*time.Location

// load returns the location named name, loading it once. "Local" is refused: it depends
// on the machine, and results must not.
func (z zones) load(name string) (*time.Location, error) {
	if loc, ok := z[name]; ok {
		return loc, nil
	}
	if name == "Local" {
		return nil, errLocalZone
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	z[name] = loc
	return loc, nil
}

// check records problems of d under prefix; planZone is the plan's Zone.
func (d *Deadline) check(e *validation.Errors, prefix, planZone string, z zones) {
	switch {
	case d.At.IsZero() && d.Date.IsZero():
		e.Add(prefix, "required", "", "set at or date")
		return
	case !d.At.IsZero() && !d.Date.IsZero():
		e.Add(prefix, "excluded_with", "", "set at or date, not both")
		return
	}
	if !d.At.IsZero() {
		checkInstant(e, prefix+".at", d.At)
		if d.Zone != "" {
			e.Add(prefix+".zone", "excluded_with", "at", "must be empty when at is set (an instant has no zone)")
		}
		return
	}
	if !d.Date.valid() {
		e.Add(prefix+".date", "date", "", "must be a real calendar date")
	} else if d.Date.Year == 9999 && d.Date.Month == 12 && d.Date.Day == 31 {
		e.Add(prefix+".date", "range", "", "must be before 9999-12-31: the day ends in year 10000")
	}
	switch {
	case len(d.Zone) > 64:
		e.Add(prefix+".zone", "max", "64", "must be at most 64 bytes")
	case d.Zone != "":
		if _, err := z.load(d.Zone); err != nil {
			e.Add(prefix+".zone", "timezone", "", "unknown IANA time zone "+strconv.Quote(validation.Truncate(d.Zone)))
		}
	case planZone == "":
		e.Add(prefix+".zone", "required", "", "is required: a due date needs a zone and the plan has none")
	}
}

// instant returns the deadline instant; the Deadline must have passed check.
func (d *Deadline) instant(planLoc *time.Location, z zones) time.Time {
	if !d.At.IsZero() {
		return d.At
	}
	loc := planLoc
	if d.Zone != "" {
		loc, _ = z.load(d.Zone)
	}
	return d.Date.end(loc)
}
