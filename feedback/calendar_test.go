package feedback

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/productops/productops"
	"github.com/productops/productops/internal/proptest"
)

// weekdays returns a weekly pattern with rs on Monday to Friday.
func weekdays(rs ...ClockRange) [7][]ClockRange {
	var w [7][]ClockRange
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = rs
	}
	return w
}

// everyDay returns a weekly pattern with rs on all seven days.
func everyDay(rs ...ClockRange) [7][]ClockRange {
	var w [7][]ClockRange
	for d := range w {
		w[d] = rs
	}
	return w
}

func mustRange(t testing.TB, s string) ClockRange {
	t.Helper()
	r, err := ParseClockRange(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustDate(t testing.TB, s string) LocalDate {
	t.Helper()
	d, err := ParseLocalDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// at parses a local "2006-01-02 15:04" in zone.
func at(t testing.TB, zone, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func utc(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Hand-worked vectors for the rules of feedback.md §2.5 (intervals are local wall-clock
// ranges converted per date; business time is absolute; holidays, breaks and shifts act on
// local dates) and the DST traps of §4 and §5. US DST 2026: starts Sun 03-08 02:00 EST,
// ends Sun 11-01 02:00 EDT.
func TestCalendarDurationVectors(t *testing.T) {
	const ny = "America/New_York"
	nine17 := mustRange(t, "09:00-17:00")
	allDay := mustRange(t, "00:00-24:00")
	tests := []struct {
		name     string
		hours    BusinessHours
		from, to time.Time
		want     time.Duration
	}{
		{
			// Fri 16:00-17:00 (1h) + Mon 09:00-10:00 (1h); the weekend and the DST change
			// in between count nothing.
			name:  "weekend across spring forward",
			hours: BusinessHours{Zone: ny, Weekly: weekdays(nine17)},
			from:  at(t, ny, "2026-03-06 16:00"), to: at(t, ny, "2026-03-09 10:00"),
			want: 2 * time.Hour,
		},
		{
			// §4: rickar/cal returns 1h here because its Sunday opens at midnight + 9h =
			// 10:00 EDT. Sat 16:00-17:00 EST (1h) + Sun 09:00-10:00 EDT (1h) = 2h.
			name:  "seven-day calendar on the spring-forward Sunday",
			hours: BusinessHours{Zone: ny, Weekly: everyDay(nine17)},
			from:  at(t, ny, "2026-03-07 16:00"), to: at(t, ny, "2026-03-08 10:00"),
			want: 2 * time.Hour,
		},
		{
			name:  "23-hour day",
			hours: BusinessHours{Zone: ny, Weekly: everyDay(allDay)},
			from:  at(t, ny, "2026-03-08 00:00"), to: at(t, ny, "2026-03-09 00:00"),
			want: 23 * time.Hour,
		},
		{
			name:  "25-hour day",
			hours: BusinessHours{Zone: ny, Weekly: everyDay(allDay)},
			from:  at(t, ny, "2026-11-01 00:00"), to: at(t, ny, "2026-11-02 00:00"),
			want: 25 * time.Hour,
		},
		{
			// 01:00-03:00 on fall-back: 01:00 EDT (05:00Z) to 03:00 EST (08:00Z) = 3h.
			name:  "range spanning the repeated hour",
			hours: BusinessHours{Zone: ny, Weekly: everyDay(mustRange(t, "01:00-03:00"))},
			from:  utc(t, "2026-11-01T00:00:00Z"), to: utc(t, "2026-11-01T12:00:00Z"),
			want: 3 * time.Hour,
		},
		{
			// 01:00-03:00 on spring-forward: 01:00 EST (06:00Z) to 03:00 EDT (07:00Z) = 1h.
			name:  "range spanning the skipped hour",
			hours: BusinessHours{Zone: ny, Weekly: everyDay(mustRange(t, "01:00-03:00"))},
			from:  utc(t, "2026-03-08T00:00:00Z"), to: utc(t, "2026-03-08T12:00:00Z"),
			want: time.Hour,
		},
		{
			// 02:30 does not exist on 03-08: the range starts at the end of the gap, 03:00
			// EDT (07:00Z), and ends 04:00 EDT (08:00Z).
			name:  "range starting inside the gap",
			hours: BusinessHours{Zone: ny, Weekly: everyDay(mustRange(t, "02:30-04:00"))},
			from:  utc(t, "2026-03-08T00:00:00Z"), to: utc(t, "2026-03-08T12:00:00Z"),
			want: time.Hour,
		},
		{
			// Christmas 2026 is a Friday: Thu 16:00-17:00 (1h) + Mon 09:00-10:00 (1h).
			name: "holiday",
			hours: BusinessHours{Zone: ny, Weekly: weekdays(nine17),
				Holidays: []LocalDate{mustDate(t, "2026-12-25")}},
			from: at(t, ny, "2026-12-24 16:00"), to: at(t, ny, "2026-12-28 10:00"),
			want: 2 * time.Hour,
		},
		{
			// dbt_zendesk #117: a holiday is a local date. 09:00-20:00 Eastern; the UTC date
			// 12-25 ends at 19:00 EST, but the whole local 12-25 is closed: Thu 19:00-20:00
			// (1h) + nothing on Fri = 1h up to Sat 00:00 local.
			name: "holiday is a local date, not a UTC date",
			hours: BusinessHours{Zone: ny, Weekly: weekdays(mustRange(t, "09:00-20:00")),
				Holidays: []LocalDate{mustDate(t, "2026-12-25")}},
			from: at(t, ny, "2026-12-24 19:00"), to: at(t, ny, "2026-12-26 00:00"),
			want: time.Hour,
		},
		{
			// Lunch break: 11:00-12:00 (1h) + 13:00-14:00 (1h).
			name: "two ranges a day",
			hours: BusinessHours{Zone: "Europe/Berlin",
				Weekly: weekdays(mustRange(t, "09:00-12:00"), mustRange(t, "13:00-17:00"))},
			from: at(t, "Europe/Berlin", "2026-06-03 11:00"), to: at(t, "Europe/Berlin", "2026-06-03 14:00"),
			want: 2 * time.Hour,
		},
		{
			// Break 12:00-17:00 on Christmas Eve: only 09:00-12:00 remains.
			name: "break",
			hours: BusinessHours{Zone: ny, Weekly: weekdays(nine17),
				Breaks: []DateHours{{Date: mustDate(t, "2026-12-24"), Ranges: []ClockRange{mustRange(t, "12:00-17:00")}}}},
			from: at(t, ny, "2026-12-24 00:00"), to: at(t, ny, "2026-12-25 00:00"),
			want: 3 * time.Hour,
		},
		{
			// A Saturday shift 10:00-14:00 and a break 11:00-12:00 on it: 3h.
			name: "shift with a break",
			hours: BusinessHours{Zone: ny, Weekly: weekdays(nine17),
				Shifts: []DateHours{{Date: mustDate(t, "2026-12-19"), Ranges: []ClockRange{mustRange(t, "10:00-14:00")}}},
				Breaks: []DateHours{{Date: mustDate(t, "2026-12-19"), Ranges: []ClockRange{mustRange(t, "11:00-12:00")}}}},
			from: at(t, ny, "2026-12-19 00:00"), to: at(t, ny, "2026-12-20 00:00"),
			want: 3 * time.Hour,
		},
		{
			// Israel switches on Friday 2026-03-27 02:00: a 23-hour Friday (§4).
			name:  "friday transition",
			hours: BusinessHours{Zone: "Asia/Jerusalem", Weekly: everyDay(allDay)},
			from:  at(t, "Asia/Jerusalem", "2026-03-27 00:00"), to: at(t, "Asia/Jerusalem", "2026-03-28 00:00"),
			want: 23 * time.Hour,
		},
		{
			// Lord Howe moves by 30 minutes: 2026-04-05 lasts 24h30m.
			name:  "half-hour transition",
			hours: BusinessHours{Zone: "Australia/Lord_Howe", Weekly: everyDay(allDay)},
			from:  at(t, "Australia/Lord_Howe", "2026-04-05 00:00"), to: at(t, "Australia/Lord_Howe", "2026-04-06 00:00"),
			want: 24*time.Hour + 30*time.Minute,
		},
		{
			// Chile falls back at midnight: Saturday 2026-04-04 repeats 23:00-24:00 (25h).
			name:  "fall back at midnight",
			hours: BusinessHours{Zone: "America/Santiago", Weekly: everyDay(allDay)},
			from:  at(t, "America/Santiago", "2026-04-04 00:00"), to: at(t, "America/Santiago", "2026-04-05 00:00"),
			want: 25 * time.Hour,
		},
		{
			// Chile springs forward at midnight: Sunday 2026-09-06 starts at 01:00 (23h).
			name:  "spring forward at midnight",
			hours: BusinessHours{Zone: "America/Santiago", Weekly: everyDay(allDay)},
			from:  utc(t, "2026-09-06T04:00:00Z"), to: utc(t, "2026-09-07T03:00:00Z"),
			want: 23 * time.Hour,
		},
		{
			name:  "reversed span is negative",
			hours: BusinessHours{Zone: ny, Weekly: weekdays(nine17)},
			from:  at(t, ny, "2026-03-09 10:00"), to: at(t, ny, "2026-03-06 16:00"),
			want: -2 * time.Hour,
		},
		{
			// 4 full weeks of 40h plus Mon 09:00-12:00 in UTC.
			name:  "thirty days",
			hours: BusinessHours{Zone: "UTC", Weekly: weekdays(nine17)},
			from:  utc(t, "2026-06-01T00:00:00Z"), to: utc(t, "2026-06-29T12:00:00Z"),
			want: 163 * time.Hour,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewCalendar(tc.hours)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Duration(tc.from, tc.to); got != tc.want {
				t.Errorf("Duration = %v, want %v", got, tc.want)
			}
			if got := stepDuration(c, tc.from, tc.to, time.Minute); tc.want > 0 && got != tc.want {
				t.Errorf("minute stepping = %v, want %v", got, tc.want)
			}
		})
	}
}

// stepDuration is the slow reference: it samples IsOpen every step.
func stepDuration(c *Calendar, from, to time.Time, step time.Duration) time.Duration {
	var d time.Duration
	for t := from; t.Before(to); t = t.Add(step) {
		if c.IsOpen(t) {
			d += step
		}
	}
	return d
}

func TestCalendarAddAndNextOpen(t *testing.T) {
	const ny = "America/New_York"
	c := MustCalendar(BusinessHours{Zone: ny, Weekly: weekdays(mustRange(t, "09:00-17:00")),
		Holidays: []LocalDate{mustDate(t, "2026-12-25")}})
	tests := []struct {
		name  string
		from  time.Time
		d     time.Duration
		want  time.Time
		rtrip bool
	}{
		// §2.5 rule 4: landing exactly on the end of a range gives that end.
		{"lands on friday close", at(t, ny, "2026-03-06 15:00"), 2 * time.Hour, at(t, ny, "2026-03-06 17:00"), true},
		{"next minute is monday across DST", at(t, ny, "2026-03-06 15:00"), 2*time.Hour + time.Minute, utc(t, "2026-03-09T13:01:00Z"), true},
		{"from closed time", at(t, ny, "2026-03-07 12:00"), time.Hour, at(t, ny, "2026-03-09 10:00"), true},
		{"skips holiday", at(t, ny, "2026-12-24 16:00"), 2 * time.Hour, at(t, ny, "2026-12-28 10:00"), true},
		{"zero", at(t, ny, "2026-03-07 12:00"), 0, at(t, ny, "2026-03-07 12:00"), false},
		{"backwards", at(t, ny, "2026-03-09 10:00"), -2 * time.Hour, at(t, ny, "2026-03-06 16:00"), true},
		{"backwards lands on open", at(t, ny, "2026-03-09 10:00"), -time.Hour, at(t, ny, "2026-03-09 09:00"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := c.Add(tc.from, tc.d)
			if !got.Equal(tc.want) {
				t.Errorf("Add = %v, want %v", got, tc.want)
			}
			if back := c.Duration(tc.from, got); tc.rtrip && back != tc.d {
				t.Errorf("Duration(from, Add) = %v, want %v", back, tc.d)
			}
		})
	}
	next := []struct{ in, want time.Time }{
		{at(t, ny, "2026-03-07 12:00"), at(t, ny, "2026-03-09 09:00")},
		{at(t, ny, "2026-03-09 12:00"), at(t, ny, "2026-03-09 12:00")},
		{at(t, ny, "2026-03-09 17:00"), at(t, ny, "2026-03-10 09:00")},
		{at(t, ny, "2026-12-24 17:30"), at(t, ny, "2026-12-28 09:00")},
	}
	for _, n := range next {
		if got := c.NextOpen(n.in); !got.Equal(n.want) {
			t.Errorf("NextOpen(%v) = %v, want %v", n.in, got, n.want)
		}
	}
	if c.IsOpen(at(t, ny, "2026-03-09 17:00")) || !c.IsOpen(at(t, ny, "2026-03-09 09:00")) {
		t.Error("IsOpen: end must be excluded and start included")
	}
	if c.Name() != "" || c.Location().String() != ny || c.String() != `"" (America/New_York)` {
		t.Errorf("Name/Location/String = %q %q %q", c.Name(), c.Location(), c.String())
	}
}

func TestBusinessHoursValidate(t *testing.T) {
	h := BusinessHours{
		Name: "bad",
		Zone: "Mars/Olympus_Mons",
		Weekly: [7][]ClockRange{1: {{Clock(9, 0, 0), Clock(12, 0, 0)}, {Clock(11, 0, 0), Clock(13, 0, 0)}},
			2: {{Clock(17, 0, 0), Clock(9, 0, 0)}}},
		Holidays: []LocalDate{{2026, 2, 30}, {2026, 12, 25}, {2026, 12, 25}},
		Shifts:   []DateHours{{Date: LocalDate{2026, 1, 3}}},
		Breaks: []DateHours{{Date: LocalDate{2026, 1, 5}, Ranges: []ClockRange{{0, 3600}}},
			{Date: LocalDate{2026, 1, 5}, Ranges: []ClockRange{{0, 3600}}}},
	}
	err := h.Validate()
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("want ErrInvalid, got %v", err)
	}
	var ve *productops.ValidationError
	errors.As(err, &ve)
	var fields []string
	for _, f := range ve.Fields {
		fields = append(fields, f.Field+" "+f.Rule)
	}
	want := []string{
		"zone timezone",
		"weekly[1][1] overlap",
		"weekly[2][0] range",
		"holidays[0] date",
		"holidays[2] unique",
		"shifts[0].ranges required",
		"breaks[1].date unique",
	}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if !strings.Contains(err.Error(), `"Mars/Olympus_Mons"`) {
		t.Errorf("error does not name the zone: %v", err)
	}
	if _, err := NewCalendar(BusinessHours{Zone: "UTC"}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("empty week: got %v", err)
	}
	if _, err := NewCalendar(BusinessHours{Weekly: everyDay(ClockRange{0, 60})}); err == nil {
		t.Error("missing zone accepted")
	}
	defer func() {
		if recover() == nil {
			t.Error("MustCalendar did not panic")
		}
	}()
	MustCalendar(BusinessHours{})
}

func TestTextForms(t *testing.T) {
	for _, s := range []string{"00:00", "09:30", "23:59:59", "24:00"} {
		c, err := ParseClockTime(s)
		if err != nil {
			t.Fatal(err)
		}
		b, err := c.MarshalText()
		if err != nil || string(b) != s {
			t.Errorf("%q round-trips to %q, %v", s, b, err)
		}
	}
	for _, s := range []string{"", "9:00", "24:01", "12:60", "12:00:60", "ab:cd", "12-00", "25:00"} {
		if _, err := ParseClockTime(s); err == nil {
			t.Errorf("ParseClockTime(%q) accepted", s)
		}
	}
	for _, s := range []string{"09:00", "17:00-09:00", "09:00-24:01", "x-10:00", "10:00-y"} {
		if _, err := ParseClockRange(s); err == nil {
			t.Errorf("ParseClockRange(%q) accepted", s)
		}
	}
	var r ClockRange
	if err := r.UnmarshalText([]byte("09:00-12:30")); err != nil || r.String() != "09:00-12:30" {
		t.Errorf("range = %v, %v", r, err)
	}
	if _, err := (ClockRange{10, 5}).MarshalText(); err == nil {
		t.Error("invalid range marshalled")
	}
	if _, err := ClockTime(-1).MarshalText(); err == nil || ClockTime(-1).String() != "ClockTime(-1)" {
		t.Error("invalid clock marshalled")
	}
	var d LocalDate
	if err := d.UnmarshalText([]byte("2028-02-29")); err != nil || d.String() != "2028-02-29" {
		t.Errorf("date = %v, %v", d, err)
	}
	if err := d.UnmarshalText([]byte("2027-02-29")); err == nil {
		t.Error("2027-02-29 accepted")
	}
	if _, err := (LocalDate{2027, 2, 29}).MarshalText(); err == nil {
		t.Error("invalid date marshalled")
	}
	var c ClockTime
	if err := c.UnmarshalText([]byte("x")); err == nil {
		t.Error("bad clock accepted")
	}
	if err := r.UnmarshalText([]byte("x")); err == nil {
		t.Error("bad range accepted")
	}
}

// Properties: additivity over a split, bounded by calendar time, Add then Duration round
// trips, and agreement with minute stepping, on a DST zone with holidays and breaks.
func TestCalendarProperties(t *testing.T) {
	c := MustCalendar(BusinessHours{
		Zone:     "America/New_York",
		Weekly:   [7][]ClockRange{1: {{Clock(1, 0, 0), Clock(2, 30, 0)}, {Clock(9, 0, 0), Clock(17, 0, 0)}}, 2: {{0, secondsPerDay}}, 3: {{Clock(8, 0, 0), Clock(12, 0, 0)}, {Clock(13, 0, 0), Clock(18, 0, 0)}}, 0: {{Clock(1, 30, 0), Clock(3, 0, 0)}}},
		Holidays: []LocalDate{{2026, 7, 1}, {2026, 11, 3}, {2026, 5, 14}},
		Breaks:   []DateHours{{Date: LocalDate{2026, 11, 2}, Ranges: []ClockRange{{Clock(10, 0, 0), Clock(11, 0, 0)}}}},
		Shifts:   []DateHours{{Date: LocalDate{2026, 4, 4}, Ranges: []ClockRange{{Clock(10, 0, 0), Clock(11, 0, 0)}}}},
	})
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	instant := gen.Int64Range(0, 365*24*3600).Map(func(s int64) time.Time { return base.Add(time.Duration(s) * time.Second) })
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("additive and bounded", prop.ForAll(func(a, b, m time.Time) bool {
		ab := c.Duration(a, b)
		if c.Duration(a, m)+c.Duration(m, b) != ab {
			return false
		}
		cal := b.Sub(a)
		return (cal >= 0 && ab >= 0 || cal <= 0 && ab <= 0) && ab.Abs() <= cal.Abs()
	}, instant, instant, instant))
	props.Property("add then measure", prop.ForAll(func(a time.Time, secs int64) bool {
		d := time.Duration(secs) * time.Second
		end := c.Add(a, d)
		return c.Duration(a, end) == d && (d <= 0 || c.Add(a, -d).Before(a))
	}, instant, gen.Int64Range(-200*3600, 200*3600)))
	props.Property("whole-week skipping equals the sum of daily pieces", prop.ForAll(func(a time.Time, days int) bool {
		b := a.AddDate(0, 0, days)
		var sum time.Duration
		for x := a; x.Before(b); x = x.Add(20 * time.Hour) {
			y := x.Add(20 * time.Hour)
			if y.After(b) {
				y = b
			}
			sum += c.Duration(x, y)
		}
		end := c.Add(a, sum)
		return c.Duration(a, b) == sum && c.Duration(a, end) == sum && !end.After(b)
	}, instant, gen.IntRange(1, 60)))
	props.Property("next open is open and nothing before it is", prop.ForAll(func(a time.Time) bool {
		n := c.NextOpen(a)
		return c.IsOpen(n) && c.Duration(a, n) == 0 && !n.Before(a)
	}, instant))
	props.Property("agrees with minute stepping over a day", prop.ForAll(func(a time.Time) bool {
		a = a.Truncate(time.Minute)
		b := a.Add(26 * time.Hour)
		return c.Duration(a, b) == stepDuration(c, a, b, time.Minute)
	}, instant))
	props.TestingRun(t)
}

func FuzzParseClockRange(f *testing.F) {
	for _, s := range []string{"09:00-17:00", "00:00-24:00", "09:00:30-09:00:31", "17:00-09:00", "", "-", "24:00-24:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseClockRange(s)
		if err != nil {
			return
		}
		b, err := r.MarshalText()
		if err != nil {
			t.Fatalf("parsed %q to invalid %v: %v", s, r, err)
		}
		var back ClockRange
		if err := back.UnmarshalText(b); err != nil || back != r {
			t.Fatalf("%q: round trip %q -> %v, %v", s, b, back, err)
		}
	})
}

func FuzzParseLocalDate(f *testing.F) {
	for _, s := range []string{"2026-12-25", "2026-02-30", "0000-01-01", "9999-12-31", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseLocalDate(s)
		if err != nil {
			return
		}
		b, err := d.MarshalText()
		if err != nil {
			t.Fatalf("parsed %q to invalid %v: %v", s, d, err)
		}
		var back LocalDate
		if err := back.UnmarshalText(b); err != nil || back != d {
			t.Fatalf("%q: round trip %q -> %v, %v", s, b, back, err)
		}
	})
}

// Every local day around the 2026 transitions of three zones (including Chile's midnight
// changes) agrees with minute stepping.
func TestCalendarAgreesWithSteppingAroundTransitions(t *testing.T) {
	for _, zone := range []string{"America/New_York", "America/Santiago", "Australia/Lord_Howe"} {
		c := MustCalendar(BusinessHours{Zone: zone, Weekly: everyDay(ClockRange{0, Clock(0, 45, 0)}, ClockRange{Clock(1, 15, 0), Clock(2, 45, 0)}, ClockRange{Clock(23, 0, 0), secondsPerDay})})
		for _, d := range []LocalDate{{2026, 3, 6}, {2026, 4, 2}, {2026, 9, 4}, {2026, 10, 2}, {2026, 10, 30}} {
			for i := range 4 {
				from := time.Date(d.Year, d.Month, d.Day+i, 0, 0, 0, 0, c.Location())
				to := time.Date(d.Year, d.Month, d.Day+i+1, 0, 0, 0, 0, c.Location())
				if got, want := c.Duration(from, to), stepDuration(c, from, to, time.Minute); got != want {
					t.Errorf("%s %v: Duration %v, stepping %v", zone, from, got, want)
				}
			}
		}
	}
}

// Instants outside 1678-2261 are clamped to the supported range, never wrapped.
func TestCalendarClamps(t *testing.T) {
	c := MustCalendar(BusinessHours{Zone: "UTC", Weekly: everyDay(ClockRange{0, secondsPerDay})})
	early := time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC)
	late := time.Date(2500, 1, 1, 0, 0, 0, 0, time.UTC)
	if d := c.Duration(early, time.Date(1500, 6, 1, 0, 0, 0, 0, time.UTC)); d != 0 {
		t.Errorf("before range: %v", d)
	}
	if d := c.Duration(late, late.Add(time.Hour)); d != 0 {
		t.Errorf("after range: %v", d)
	}
	// Saturation never moves against the sign of d: an instant beyond the range stays.
	if got := c.Add(late, time.Hour); !got.Equal(late) {
		t.Errorf("Add after range = %v", got)
	}
	if got := c.Add(early, -time.Hour); !got.Equal(early) {
		t.Errorf("Add before range, backwards = %v", got)
	}
	if got := c.Add(early, time.Hour); got.Year() != 1677 {
		t.Errorf("Add before range, forwards = %v", got)
	}
	if got := c.NextOpen(late); !got.Equal(late) {
		t.Errorf("NextOpen after range = %v", got)
	}
	var ct ClockTime
	if err := ct.UnmarshalText([]byte("07:15")); err != nil || ct != Clock(7, 15, 0) {
		t.Errorf("UnmarshalText = %v %v", ct, err)
	}
	for _, r := range []ClockRange{{-1, 10}, {10, secondsPerDay + 1}, {10, 10}} {
		if r.check() == "" {
			t.Errorf("%v accepted", r)
		}
	}
}

// FuzzCalendarJSON decodes a calendar definition; whatever NewCalendar accepts must give
// bounded, round-tripping business time and never panic.
func FuzzCalendarJSON(f *testing.F) {
	f.Add(`{"zone":"America/New_York","weekly":[[],["09:00-12:00","13:00-17:00"],[],[],[],[],[]],"holidays":["2026-03-09"]}`, int64(0), int64(3600*24*10))
	f.Add(`{"zone":"Australia/Lord_Howe","weekly":[["00:00-24:00"],[],[],[],[],[],["01:30-02:30"]],"breaks":[{"date":"2026-04-05","ranges":["01:00-02:00"]}]}`, int64(3600*24*90), int64(3600*24*3))
	f.Add(`{"zone":"UTC","weekly":[["09:00-10:00"]],"shifts":[{"date":"2026-01-04","ranges":["23:00-24:00"]}]}`, int64(5), int64(1))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, spec string, offset, length int64) {
		var h BusinessHours
		if json.Unmarshal([]byte(spec), &h) != nil {
			return
		}
		guard(t, guardTime, guardAlloc, func() {
			c, err := NewCalendar(h)
			if err != nil {
				mustInvalid(t, "NewCalendar", err)
				return
			}
			from := base.Add(time.Duration(offset%(3600*24*366)) * time.Second)
			to := from.Add(time.Duration(length%(3600*24*60)) * time.Second)
			d := c.Duration(from, to)
			if cal := to.Sub(from); (cal >= 0 && (d < 0 || d > cal)) || (cal < 0 && (d > 0 || d < cal)) {
				t.Fatalf("Duration %v outside calendar span %v", d, cal)
			}
			if end := c.Add(from, d.Abs()); c.Duration(from, end) != d.Abs() {
				t.Fatalf("Add(%v) does not round-trip", d.Abs())
			}
			// Unreduced values: far instants and durations of any size, even MinInt64.
			far := time.Unix(offset, length)
			_ = c.Add(far, time.Duration(length))
			_ = c.Add(far, time.Duration(-length))
			_ = c.Duration(far, time.Unix(length, offset))
			if n := c.NextOpen(far); n.Before(far) {
				t.Fatalf("NextOpen(%v) = %v", far, n)
			}
			_ = c.IsOpen(far)
			_, _ = c.DayStart(c.DateOf(far))
		})
	})
}
