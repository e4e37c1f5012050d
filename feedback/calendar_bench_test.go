package feedback

import (
	"testing"
	"time"
)

// benchHours is a realistic calendar: New York, Mon-Fri with a lunch break, holidays.
func benchHours() BusinessHours {
	return BusinessHours{
		Name:     "ny",
		Zone:     "America/New_York",
		Weekly:   weekdays(ClockRange{Clock(9, 0, 0), Clock(12, 0, 0)}, ClockRange{Clock(13, 0, 0), Clock(17, 30, 0)}),
		Holidays: []LocalDate{{2026, 1, 1}, {2026, 5, 25}, {2026, 7, 3}, {2026, 9, 7}, {2026, 11, 26}, {2026, 12, 25}},
		Breaks:   []DateHours{{Date: LocalDate{2026, 12, 24}, Ranges: []ClockRange{{Clock(12, 0, 0), Clock(17, 30, 0)}}}},
	}
}

// steppingDuration is the baseline the issue names: walk minute by minute and test each
// minute's local wall clock against the weekly ranges and holidays, the way a naive
// implementation does.
func steppingDuration(h BusinessHours, loc *time.Location, holidays map[LocalDate]bool, from, to time.Time) time.Duration {
	var d time.Duration
	for t := from; t.Before(to); t = t.Add(time.Minute) {
		l := t.In(loc)
		y, m, day := l.Date()
		if holidays[LocalDate{y, m, day}] {
			continue
		}
		clock := ClockTime(l.Hour()*3600 + l.Minute()*60 + l.Second())
		for _, r := range h.Weekly[l.Weekday()] {
			if clock >= r.Start && clock < r.End {
				d += time.Minute
				break
			}
		}
	}
	return d
}

// BenchmarkCalendarDuration30Days measures business time across 30-day spans (spanning
// the November DST change) with the engine and with the minute-stepping baseline. Run:
//
//	go test ./feedback/ -run '^$' -bench CalendarDuration30Days -benchmem
func BenchmarkCalendarDuration30Days(b *testing.B) {
	h := benchHours()
	c := MustCalendar(h)
	holidays := map[LocalDate]bool{}
	for _, d := range h.Holidays {
		holidays[d] = true
	}
	from := time.Date(2026, 10, 20, 10, 17, 0, 0, c.Location())
	to := from.AddDate(0, 0, 30)
	if got, want := c.Duration(from, to), steppingDuration(h, c.Location(), holidays, from, to); got != want {
		b.Fatalf("engine %v, stepping %v", got, want)
	}
	b.Run("engine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.Duration(from, to)
		}
	})
	b.Run("minute-stepping", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			steppingDuration(h, c.Location(), holidays, from, to)
		}
	})
}

// BenchmarkCalendarAdd measures adding 40 business hours (about a week).
func BenchmarkCalendarAdd(b *testing.B) {
	c := MustCalendar(benchHours())
	from := time.Date(2026, 10, 30, 16, 0, 0, 0, c.Location())
	b.ReportAllocs()
	for b.Loop() {
		c.Add(from, 40*time.Hour)
	}
}
