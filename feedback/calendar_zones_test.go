package feedback

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/productops/productops"
	"github.com/productops/productops/internal/proptest"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// tzNames lists every zone of the tz database available offline: the names in Go's own
// zoneinfo.zip (GOROOT/lib/time), else the TZif files under /usr/share/zoneinfo.
func tzNames(t testing.TB) []string {
	t.Helper()
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(out)), "lib", "time", "zoneinfo.zip"))
		if err == nil {
			defer zr.Close()
			var names []string
			for _, f := range zr.File {
				if !strings.HasSuffix(f.Name, "/") {
					names = append(names, f.Name)
				}
			}
			slices.Sort(names)
			return names
		}
	}
	const root = "/usr/share/zoneinfo"
	var names []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && (d.Name() == "posix" || d.Name() == "right") {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		if err == nil && bytes.HasPrefix(b, []byte("TZif")) {
			names = append(names, strings.TrimPrefix(p, root+"/"))
		}
		return nil
	})
	if len(names) == 0 {
		t.Skip("no tz database found (neither GOROOT/lib/time/zoneinfo.zip nor /usr/share/zoneinfo)")
	}
	slices.Sort(names)
	return names
}

// zoneWeek is open 00:00-01:00, 09:00-17:00 and 23:00-24:00 every day, so every local
// midnight is inside an open stretch that the slow path of the calendar must convert.
var zoneWeek = everyDay(ClockRange{0, Clock(1, 0, 0)}, ClockRange{Clock(9, 0, 0), Clock(17, 0, 0)}, ClockRange{Clock(23, 0, 0), secondsPerDay})

// zoneOpen is the reference for zoneWeek: the local wall clock of t, read by time.Time.In.
func zoneOpen(t time.Time, loc *time.Location) bool {
	h, m, s := t.In(loc).Clock()
	x := h*3600 + m*60 + s
	return x < 3600 || x >= 9*3600 && x < 17*3600 || x >= 23*3600
}

// checkZoneYearEnds compares the calendar of zone with the wall-clock reference over the
// 48 hours around each year end of 2026-2100, stepping 15 minutes (every UTC offset and
// transition of those years is a multiple of 15 minutes, so the reference is exact), and
// checks Add, NextOpen and IsOpen against it. It returns the first disagreements.
func checkZoneYearEnds(zone string) []string {
	var bad []string
	fail := func(format string, args ...any) {
		if len(bad) < 5 {
			bad = append(bad, zone+": "+fmt.Sprintf(format, args...))
		}
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil // listed in the zip but not loadable here: nothing to test
	}
	c, err := NewCalendar(BusinessHours{Zone: zone, Weekly: zoneWeek})
	if err != nil {
		return []string{zone + ": " + err.Error()}
	}
	const step = 15 * time.Minute
	for y := 2026; y <= 2100; y++ {
		from := time.Date(y, 12, 30, 12, 0, 0, 0, time.UTC)
		to := from.Add(48 * time.Hour)
		var want time.Duration
		for x := from; x.Before(to); x = x.Add(step) {
			if zoneOpen(x, loc) {
				want += step
			}
		}
		got := c.Duration(from, to)
		if got != want {
			fail("%d: Duration = %v, stepping gives %v", y, got, want)
			continue
		}
		if end := c.Add(from, got); end.After(to) || c.Duration(from, end) != got {
			fail("%d: Add(from, %v) = %v does not measure back", y, got, end)
		}
		if start := c.Add(to, -got); start.Before(from) || c.Duration(start, to) != got {
			fail("%d: Add(to, -%v) = %v does not measure back", y, got, start)
		}
		// The last UTC day of the year, where ZoneBounds misbehaved, and either side.
		for x := from.Add(12*time.Hour + 7*time.Minute); x.Before(to); x = x.Add(5*time.Hour + 57*time.Minute) {
			if c.IsOpen(x) != zoneOpen(x, loc) {
				fail("%d: IsOpen(%v) = %v", y, x, c.IsOpen(x))
			}
			n := c.NextOpen(x)
			if n.Before(x) || !c.IsOpen(n) || c.Duration(x, n) != 0 || (zoneOpen(x, loc) && !n.Equal(x)) {
				fail("%d: NextOpen(%v) = %v", y, x, n)
			}
		}
	}
	return bad
}

// checkZoneSupport runs SLA evaluation and support KPIs over the end of each leap year
// 2028-2096 in zone, with business-hours targets, and checks their business time against
// Calendar.Duration.
func checkZoneSupport(zone string) []string {
	if _, err := time.LoadLocation(zone); err != nil {
		return nil
	}
	c := MustCalendar(BusinessHours{Name: "z", Zone: zone, Weekly: zoneWeek})
	ev, err := NewSLAEvaluator([]SLAPolicy{{Name: "p", Targets: []SLATarget{
		{Metric: SLAFirstReply, Priority: TicketPriorityNormal, Target: 2 * time.Hour, BusinessHours: true},
		{Metric: SLAAgentWork, Priority: TicketPriorityNormal, Target: 8 * time.Hour, BusinessHours: true},
	}}}, c)
	if err != nil {
		return []string{zone + ": " + err.Error()}
	}
	var bad []string
	var tickets []Ticket
	for y := 2028; y <= 2096; y += 4 {
		created := time.Date(y, 12, 30, 20, 0, 0, 0, time.UTC)
		reply := time.Date(y+1, 1, 1, 10, 0, 0, 0, time.UTC)
		solved := time.Date(y+1, 1, 2, 3, 0, 0, 0, time.UTC)
		tk := Ticket{ID: TicketID(fmt.Sprint(y)), CreatedAt: created, Priority: TicketPriorityNormal, Status: TicketOpen,
			Events: []TicketEvent{ev2(reply, TicketPublicComment, ActorAgent), {At: solved, Kind: TicketStatusChanged, Actor: ActorAgent, Status: TicketSolved}}}
		tickets = append(tickets, tk)
		rep, err := ev.Evaluate(&tk, solved.Add(time.Hour))
		if err != nil || len(rep.Results) != 2 {
			bad = append(bad, fmt.Sprintf("%s %d: %v %v", zone, y, rep.Results, err))
			continue
		}
		if got, want := rep.Results[0].Elapsed, c.Duration(created, reply); got != want {
			bad = append(bad, fmt.Sprintf("%s %d: first reply %v, calendar %v", zone, y, got, want))
		}
		if got, want := rep.Results[1].Elapsed, c.Duration(created, solved); got != want {
			bad = append(bad, fmt.Sprintf("%s %d: agent work %v, calendar %v", zone, y, got, want))
		}
	}
	k, err := SupportKPIs(tickets, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), SupportKPIOptions{Calendar: c, Percentiles: []float64{100}})
	if err != nil || k.FirstReply.Count != len(tickets) || k.FullResolution.Count != len(tickets) {
		bad = append(bad, fmt.Sprintf("%s: support KPIs %+v %v", zone, k, err))
	}
	return bad
}

func ev2(at time.Time, kind TicketEventKind, actor TicketActor) TicketEvent {
	return TicketEvent{At: at, Kind: kind, Actor: actor}
}

// Every zone of the tz database, every year end 2026-2100: no hang (golang/go#81583 made
// ZoneBounds report an end before the instant on the last UTC day of leap years from 2040
// on, and the calendar's cursor stepped back to it forever), and business time that
// agrees with the wall clock. Under -short one zone in seven is checked.
func TestCalendarEveryZoneYearEnds(t *testing.T) {
	zones := tzNames(t)
	if len(zones) < 300 {
		t.Fatalf("only %d zones found", len(zones))
	}
	every := 1
	if testing.Short() {
		every = 7
	}
	for i := 0; i < len(zones); i += every {
		zone := zones[i]
		var bad []string
		// 30 s per zone leaves room for the race detector; a hang fails here.
		guard(t, 30*time.Second, 1<<30, func() { bad = append(checkZoneYearEnds(zone), checkZoneSupport(zone)...) })
		for _, b := range bad {
			t.Error(b)
		}
	}
}

// The two zones of the report, on the exact instants that hung.
func TestCalendarZoneBoundsRegression(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York"} {
		c := MustCalendar(BusinessHours{Zone: zone, Weekly: weekdays(ClockRange{Clock(9, 0, 0), Clock(17, 0, 0)})})
		x := time.Date(2040, 12, 31, 15, 0, 0, 0, time.UTC)
		guard(t, 5*time.Second, 1<<26, func() {
			if d := c.Duration(x, x.Add(time.Hour)); d != time.Hour {
				t.Errorf("%s: Duration = %v", zone, d)
			}
			_ = c.Add(x, time.Hour)
			_ = c.NextOpen(x)
			_ = c.IsOpen(x)
		})
		var z zoneCursor
		c.load(&z, x.Unix())
		if z.start > x.Unix() || z.end <= x.Unix() {
			t.Errorf("%s: load gave [%d, %d) around %d", zone, z.start, z.end, x.Unix())
		}
	}
}

// Time arithmetic saturates like time.Time.Add: no -int64(d) overflow for math.MinInt64,
// no wrapped sums over the whole supported range, and exact answers on its last day.
func TestCalendarSaturates(t *testing.T) {
	all := MustCalendar(BusinessHours{Zone: "UTC", Weekly: everyDay(ClockRange{0, secondsPerDay})})
	nine := MustCalendar(BusinessHours{Zone: "Europe/Berlin", Weekly: weekdays(ClockRange{Clock(9, 0, 0), Clock(17, 0, 0)})})
	x := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	// An always-open calendar is time.Time.Add; 40 hours a week run out of range first.
	if got, want := all.Add(x, math.MinInt64), x.Add(math.MinInt64); !got.Equal(want) {
		t.Errorf("Add(x, MinInt64) = %v, want %v", got, want)
	}
	guard(t, 10*time.Second, 1<<26, func() {
		if got := nine.Add(x, math.MinInt64); got.Year() != 1677 {
			t.Errorf("Add(x, MinInt64) = %v, want the start of the supported range", got)
		}
	})
	for _, c := range []*Calendar{all, nine} {
		guard(t, 10*time.Second, 1<<26, func() {
			if got := c.Add(x, math.MaxInt64); got.Year() != 2262 {
				t.Errorf("%v: Add(x, MaxInt64) = %v, want the end of the supported range", c, got)
			}
			if got := c.Add(x, -math.MaxInt64); !got.Before(x) {
				t.Errorf("%v: Add(x, -MaxInt64) = %v", c, got)
			}
		})
	}
	// Exactly MinInt64 back from the end of the range on an always-open calendar.
	end := time.Unix(0, math.MaxInt64)
	if got, want := all.Add(end, math.MinInt64), end.Add(math.MinInt64); got.Sub(want).Abs() > time.Second {
		t.Errorf("Add(end, MinInt64) = %v, want %v", got, want)
	}
	lo, hi := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	if d := all.Duration(lo, hi); d != math.MaxInt64 {
		t.Errorf("Duration over the whole range = %v, want the saturated maximum", d)
	}
	if d := all.Duration(hi, lo); d != math.MinInt64 {
		t.Errorf("Duration backwards over the whole range = %v, want the saturated minimum", d)
	}
	// The last supported day: its spans reach past 2262-04-11 23:47:16, the end.
	day := time.Date(2262, 4, 11, 0, 0, 0, 0, time.UTC)
	if d := all.Duration(day, day.Add(23*time.Hour)); d != 23*time.Hour {
		t.Errorf("Duration on the last day = %v, want 23h", d)
	}
	if got := all.Add(day, time.Hour); !got.Equal(day.Add(time.Hour)) {
		t.Errorf("Add on the last day = %v", got)
	}
	first := time.Date(1677, 9, 22, 0, 0, 0, 0, time.UTC)
	if d := all.Duration(first, first.Add(48*time.Hour)); d <= 0 || d > 48*time.Hour {
		t.Errorf("Duration on the first days = %v", d)
	}
	if got := all.NextOpen(time.Date(2262, 4, 11, 23, 0, 0, 0, time.UTC)); got.Hour() != 23 {
		t.Errorf("NextOpen on the last day = %v", got)
	}
	for _, v := range [][3]int64{{math.MaxInt64, 1, math.MaxInt64}, {math.MinInt64, -1, math.MinInt64}, {3, 4, 7}} {
		if got := satAdd(v[0], v[1]); got != v[2] {
			t.Errorf("satAdd(%d, %d) = %d", v[0], v[1], got)
		}
	}
	for _, v := range [][3]int64{{0, math.MinInt64, math.MaxInt64}, {-1, math.MinInt64, math.MaxInt64}, {math.MinInt64, 1, math.MinInt64}, {7, 4, 3}} {
		if got := satSub(v[0], v[1]); got != v[2] {
			t.Errorf("satSub(%d, %d) = %d, want %d", v[0], v[1], got, v[2])
		}
	}
}

// Sao Paulo skipped midnight on 2018-11-04: the day starts at 01:00 local, the end of the
// gap, not at 23:00 the evening before (which is what time.Date gives for 00:00).
func TestCalendarDayStartWhenMidnightIsSkipped(t *testing.T) {
	c := MustCalendar(BusinessHours{Zone: "America/Sao_Paulo", Weekly: everyDay(ClockRange{0, Clock(2, 0, 0)})})
	loc := c.Location()
	want := time.Date(2018, 11, 4, 1, 0, 0, 0, loc)
	if got, err := c.DayStart(LocalDate{2018, 11, 4}); err != nil || !got.Equal(want) {
		t.Errorf("DayStart = %v, %v; want %v", got, err, want)
	}
	for _, d := range []LocalDate{{2018, 2, 30}, {1600, 1, 1}, {2262, 4, 11}} {
		if _, err := c.DayStart(d); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("DayStart(%v): %v", d, err)
		}
	}
	if got := c.NextOpen(time.Date(2018, 11, 3, 2, 30, 0, 0, loc)); !got.Equal(want) {
		t.Errorf("NextOpen = %v, want %v", got, want)
	}
	// 00:00-02:00 on that date is one hour: 01:00-02:00.
	if d := c.Duration(want.Add(-3*time.Hour), want.Add(3*time.Hour)); d != time.Hour {
		t.Errorf("Duration = %v, want 1h", d)
	}
	if got := c.DateOf(want); got != (LocalDate{2018, 11, 4}) {
		t.Errorf("DateOf = %v", got)
	}
	if got := c.DateOf(want.Add(-time.Nanosecond)); got != (LocalDate{2018, 11, 3}) {
		t.Errorf("DateOf before = %v", got)
	}
}

// Business-time arithmetic round-trips across DST, with the extremes of internal/proptest:
// years 1 and 9999, Unix ±9223372036 s, DST gaps and overlaps, durations of ±MaxInt64 and
// MinInt64. Outside what the supported range can hold, results saturate and never move
// against the sign of the duration.
func TestCalendarPropertiesExtremes(t *testing.T) {
	for _, zone := range []string{"America/Sao_Paulo", "Europe/Berlin", "America/New_York"} {
		c := MustCalendar(BusinessHours{
			Zone:     zone,
			Weekly:   [7][]ClockRange{0: {{0, Clock(1, 0, 0)}}, 1: {{Clock(9, 0, 0), Clock(17, 0, 0)}}, 3: {{Clock(1, 30, 0), Clock(3, 0, 0)}, {Clock(23, 0, 0), secondsPerDay}}, 6: {{0, secondsPerDay}}},
			Holidays: []LocalDate{{2026, 10, 25}, {2018, 11, 4}},
		})
		base := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
		ordinary := gen.Int64Range(0, 12*365*24*3600).Map(func(s int64) time.Time { return base.Add(time.Duration(s) * time.Second) })
		instants := proptest.Times(ordinary)
		durations := proptest.Int64s(gen.Int64Range(-int64(400*time.Hour), int64(400*time.Hour)))
		lo, hi := time.Unix(0, minSec*1e9), time.Unix(0, maxNs)
		inRange := func(x time.Time) bool { return x.After(lo) && x.Before(hi) }
		props := gopter.NewProperties(proptest.Parameters(t))
		props.Property(zone+": additive", prop.ForAll(func(a, b, m time.Time) bool {
			return c.Duration(a, m)+c.Duration(m, b) == c.Duration(a, b)
		}, instants, instants, instants))
		props.Property(zone+": add then measure", prop.ForAll(func(a time.Time, d int64) bool {
			end := c.Add(a, time.Duration(d))
			if d > 0 && end.Before(a) || d < 0 && end.After(a) {
				return false
			}
			got := c.Duration(a, end)
			if got == time.Duration(d) {
				return true
			}
			// Saturated: short of d, and at an end of the range (or a stayed beyond it).
			return got.Abs() < time.Duration(d).Abs() && (!inRange(end) || end.Equal(a)) ||
				d == math.MinInt64 && got == -math.MaxInt64
		}, instants, durations))
		props.Property(zone+": next open", prop.ForAll(func(a time.Time) bool {
			n := c.NextOpen(a)
			return !n.Before(a) && (!inRange(n) || c.IsOpen(n) && c.Duration(a, n) == 0)
		}, instants))
		props.Property(zone+": day start", prop.ForAll(func(a time.Time) bool {
			d := c.DateOf(a)
			s, err := c.DayStart(d)
			if err != nil {
				return !inRange(a) || d.dayNumber() <= minDate.dayNumber() || d.dayNumber() >= maxDate.dayNumber()
			}
			return !s.After(a) && c.DateOf(s) == d && c.DateOf(s.Add(-time.Nanosecond)) != d
		}, instants))
		props.TestingRun(t)
	}
}
