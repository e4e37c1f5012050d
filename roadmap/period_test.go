package roadmap

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want Period
	}{
		{"2026-03-15", Period{Resolution: Day, Year: 2026, Index: 3, Day: 15}},
		{"2026-03", MonthOf(2026, time.March)},
		{"2026-Q3", QuarterOf(2026, 3)},
		{"2026q3", QuarterOf(2026, 3)},
		{"2026 Q3", QuarterOf(2026, 3)},
		{"Q3 2026", QuarterOf(2026, 3)},
		{"q3-2026", QuarterOf(2026, 3)},
		{"FY2026-Q3", QuarterOf(2026, 3)},
		{"Q3 FY2026", QuarterOf(2026, 3)},
		{"fy2026q1", QuarterOf(2026, 1)},
		{"2026-H2", HalfOf(2026, 2)},
		{"H1 2027", HalfOf(2027, 1)},
		{" 2026 ", YearOf(2026)},
		{"FY2026", YearOf(2026)},
	}
	for _, tt := range tests {
		got, err := ParsePeriod(tt.in)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParsePeriod(%q) (-want +got):\n%s", tt.in, diff)
		}
		// Round trip through the canonical text.
		back, err := ParsePeriod(got.String())
		if err != nil || back != got {
			t.Errorf("round trip of %q via %q: %v, %v", tt.in, got.String(), back, err)
		}
	}
	for _, bad := range []string{"", "2026-13", "2026-02-30", "Q5 2026", "H3 2026", "26-Q1", "2026-Q1-Q2", "Q1", "2026 2027", "Q1 H1 2026", "20260", "2026-1", "next quarter", "2026-Q", "0000"} {
		if _, err := ParsePeriod(bad); !errors.Is(err, ErrPeriodSyntax) || !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("ParsePeriod(%q) err = %v, want ErrPeriodSyntax", bad, err)
		}
	}
}

func date(y int, m time.Month, d int, loc *time.Location) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// Fuzzy period ends (§8.2): fiscal years are named by the calendar year they end in, so
// with an October start FY2026 runs 2025-10-01 to 2026-09-30.
func TestCalendarRange(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	utc := time.UTC
	oct := Calendar{FiscalStartMonth: time.October}
	tests := []struct {
		name     string
		cal      Calendar
		p        Period
		start    time.Time
		end      time.Time
		lastDay  time.Time
		duration time.Duration
	}{
		{"calendar Q3", Calendar{}, QuarterOf(2026, 3), date(2026, 7, 1, utc), date(2026, 10, 1, utc), date(2026, 9, 30, utc), 92 * 24 * time.Hour},
		{"fiscal Q1 starts the year before", oct, QuarterOf(2026, 1), date(2025, 10, 1, utc), date(2026, 1, 1, utc), date(2025, 12, 31, utc), 92 * 24 * time.Hour},
		{"fiscal Q4 ends in September", oct, QuarterOf(2026, 4), date(2026, 7, 1, utc), date(2026, 10, 1, utc), date(2026, 9, 30, utc), 92 * 24 * time.Hour},
		{"fiscal H2", oct, HalfOf(2026, 2), date(2026, 4, 1, utc), date(2026, 10, 1, utc), date(2026, 9, 30, utc), 183 * 24 * time.Hour},
		{"fiscal year", oct, YearOf(2026), date(2025, 10, 1, utc), date(2026, 10, 1, utc), date(2026, 9, 30, utc), 365 * 24 * time.Hour},
		{"February start, Q4 ends in January", Calendar{FiscalStartMonth: time.February}, QuarterOf(2026, 4), date(2025, 11, 1, utc), date(2026, 2, 1, utc), date(2026, 1, 31, utc), 92 * 24 * time.Hour},
		{"leap February", Calendar{}, MonthOf(2028, time.February), date(2028, 2, 1, utc), date(2028, 3, 1, utc), date(2028, 2, 29, utc), 29 * 24 * time.Hour},
		// March in New York loses an hour to DST; the range is still midnight to midnight.
		{"DST month", Calendar{Location: ny}, MonthOf(2026, time.March), date(2026, 3, 1, ny), date(2026, 4, 1, ny), date(2026, 3, 31, ny), 31*24*time.Hour - time.Hour},
		{"DST day", Calendar{Location: ny}, Period{Resolution: Day, Year: 2026, Index: 11, Day: 1}, date(2026, 11, 1, ny), date(2026, 11, 2, ny), date(2026, 11, 1, ny), 25 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.cal.Range(tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Start.Equal(tt.start) || !r.End.Equal(tt.end) || !r.LastDay().Equal(tt.lastDay) {
				t.Errorf("Range(%v) = [%v, %v) last %v, want [%v, %v) last %v", tt.p, r.Start, r.End, r.LastDay(), tt.start, tt.end, tt.lastDay)
			}
			if got := r.End.Sub(r.Start); got != tt.duration {
				t.Errorf("duration = %v, want %v", got, tt.duration)
			}
			// PeriodOf inverts Range at both ends.
			if got := tt.cal.PeriodOf(tt.p.Resolution, r.Start); got != tt.p {
				t.Errorf("PeriodOf(start) = %v, want %v", got, tt.p)
			}
			if got := tt.cal.PeriodOf(tt.p.Resolution, r.LastDay()); got != tt.p {
				t.Errorf("PeriodOf(last day) = %v, want %v", got, tt.p)
			}
			if !r.Contains(tt.start) || r.Contains(tt.end) {
				t.Errorf("Contains is not half-open")
			}
		})
	}
	if _, err := (Calendar{}).Range(Period{}); err == nil {
		t.Error("Range of the zero period: want an error")
	}
	if _, err := (Calendar{FiscalStartMonth: 13}).Range(YearOf(2026)); err == nil {
		t.Error("fiscal month 13: want an error")
	}
	if _, err := (Calendar{}).Range(QuarterOf(2026, 5)); err == nil {
		t.Error("Q5: want an error")
	}
}

func TestPeriodAdd(t *testing.T) {
	tests := []struct {
		p    Period
		n    int
		want Period
	}{
		{QuarterOf(2026, 4), 1, QuarterOf(2027, 1)},
		{QuarterOf(2026, 1), -1, QuarterOf(2025, 4)},
		{MonthOf(2026, 12), 2, MonthOf(2027, 2)},
		{MonthOf(2026, 1), -13, MonthOf(2024, 12)},
		{HalfOf(2026, 2), 3, HalfOf(2028, 1)},
		{YearOf(2026), -1, YearOf(2025)},
		{Period{Resolution: Day, Year: 2026, Index: 12, Day: 31}, 1, Period{Resolution: Day, Year: 2027, Index: 1, Day: 1}},
		{Period{}, 5, Period{}},
	}
	for _, tt := range tests {
		if got := tt.p.Add(tt.n); got != tt.want {
			t.Errorf("%v.Add(%d) = %v, want %v", tt.p, tt.n, got, tt.want)
		}
	}
}

func TestHorizonOf(t *testing.T) {
	cal := Calendar{}
	asOf := date(2026, 5, 10, time.UTC) // in 2026-Q2
	tests := []struct {
		p    Period
		want Horizon
	}{
		{QuarterOf(2026, 2), Now},
		{MonthOf(2026, 1), Now}, // overdue
		{YearOf(2026), Now},     // overlaps Q2
		{MonthOf(2026, 7), Next},
		{QuarterOf(2026, 3), Next},
		{QuarterOf(2026, 4), Later},
		{Period{}, NoHorizon},
	}
	for _, tt := range tests {
		got, err := HorizonOf(tt.p, cal, asOf)
		if err != nil || got != tt.want {
			t.Errorf("HorizonOf(%v) = %v, %v; want %v", tt.p, got, err, tt.want)
		}
	}
	if _, err := HorizonOf(QuarterOf(2026, 9), cal, asOf); err == nil {
		t.Error("invalid period: want an error")
	}
}
