package events

import (
	"testing"
	"time"
)

func TestCivilRoundTrip(t *testing.T) {
	for d := int64(-800000); d <= 800000; d += 997 {
		y, m, dd := civil(d)
		if got := daysFromCivil(y, m, dd); got != d {
			t.Fatalf("day %d -> %d-%d-%d -> %d", d, y, m, dd, got)
		}
		want := time.Unix(d*86400, 0).UTC()
		if int(y) != want.Year() || time.Month(m) != want.Month() || dd != want.Day() {
			t.Fatalf("day %d: %d-%d-%d want %v", d, y, m, dd, want)
		}
	}
}

func TestCalendarBuckets(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skip(err)
		}
		for _, g := range []Granularity{Daily, Weekly, Monthly} {
			c := newCalendar(loc, g, time.Monday)
			var span bucketSpan
			for ts := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano(); ts < time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano(); ts += int64(37 * time.Minute) {
				b := c.bucket(ts)
				if fast := c.bucketFast(ts, &span); fast != b {
					t.Fatalf("%s %v: fast %d slow %d", name, g, fast, b)
				}
				start, next := c.start(b).UnixNano(), c.start(b+1).UnixNano()
				if ts < start || ts >= next {
					t.Fatalf("%s %v: %v not in [%v, %v)", name, g, time.Unix(0, ts).In(loc), c.start(b), c.start(b+1))
				}
				if g == Weekly && c.start(b).Weekday() != time.Monday {
					t.Fatalf("week starts on %v", c.start(b).Weekday())
				}
			}
		}
	}
}
