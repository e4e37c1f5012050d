package roadmap

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

// Regression tests for issue 12 (robustness), one per finding that concerns roadmap.

// unbounded lists decimals built in Go that no JSON decoder lets through: comparing any
// of them with an ordinary decimal rescales to a billion digits.
func unbounded() map[string]decimal.Decimal {
	return map[string]decimal.Decimal{
		"tiny":      decimal.New(1, -(1 << 30)),
		"huge":      decimal.New(1, 1<<30),
		"negative":  decimal.New(-7, -(1 << 30)),
		"41 digits": decimal.RequireFromString("12345678901234567890123456789012345678901"),
	}
}

// Every decimal input is bounded before any comparison or arithmetic: each case must end
// quickly with a "dbound" error at the field's path.
func TestUnboundedDecimalsAreErrors(t *testing.T) {
	for name, bad := range unbounded() {
		t.Run(name, func(t *testing.T) {
			p := &bad
			item := func(est *decimal.Decimal) []Item { return []Item{{ID: "A", Team: "T", Estimate: est}} }
			team := []Team{{ID: "T", Sprints: sprints("5")}}
			badTeam := []Team{{ID: "T", Sprints: []Sprint{{ID: "S", Start: jan5, End: jan5.AddDate(0, 0, 14), Capacity: bad}}}}
			kr := KeyResult{ID: "k", Start: d("0"), Target: d("10"), Current: d("5")}
			withKR := func(f func(*KeyResult)) KeyResult { k := kr; f(&k); return k }
			cases := []struct {
				name string
				run  func() error
				want []string
			}{
				{"CheckItems estimate", func() error { return CheckItems(item(p)) }, []string{"items[0].estimate dbound"}},
				{"CriticalPath estimate", func() error { _, err := CriticalPath(item(p), CPMOptions{}); return err }, []string{"items[0].estimate dbound"}},
				{"CriticalPath deadline", func() error { _, err := CriticalPath(item(dp("1")), CPMOptions{Deadline: p}); return err }, []string{"deadline dbound"}},
				{"CriticalPath unestimated", func() error { _, err := CriticalPath(item(nil), CPMOptions{Unestimated: p}); return err }, []string{"unestimated dbound"}},
				{"Schedule estimate", func() error { _, err := Schedule(item(p), team, ScheduleOptions{}); return err }, []string{"items[0].estimate dbound"}},
				{"Schedule capacity", func() error { _, err := Schedule(item(dp("1")), badTeam, ScheduleOptions{}); return err }, []string{"teams[0].sprints[0].capacity dbound"}},
				{"Team.Validate", func() error { return badTeam[0].Validate() }, []string{"sprints[0].capacity dbound"}},
				{"Cadence capacity", func() error { _, err := Cadence{Start: jan5, Weeks: 1, Count: 1, Capacity: bad}.Sprints(); return err }, []string{"capacity dbound"}},
				{"Cadence absence", func() error {
					_, err := Cadence{Start: jan5, Weeks: 1, Count: 1, Capacity: d("5"), Absences: []Absence{{From: jan5, To: jan5, Available: bad}}}.Sprints()
					return err
				}, []string{"absences[0].available dbound"}},
				{"Formula credit", func() error { return Formula{InProgressCredit: bad}.Validate() }, []string{"in_progress_credit dbound"}},
				{"Formula points", func() error { return Formula{UnestimatedPoints: p}.Validate() }, []string{"unestimated_points dbound"}},
				{"Progress estimate", func() error { _, err := Progress(item(p), "", EstimateFormula()); return err }, []string{"items[0].estimate dbound"}},
				{"KR start", func() error { _, err := ScoreKeyResult(withKR(func(k *KeyResult) { k.Start = bad })); return err }, []string{"keyResult.start dbound"}},
				{"KR target", func() error { _, err := ScoreKeyResult(withKR(func(k *KeyResult) { k.Target = bad })); return err }, []string{"keyResult.target dbound"}},
				{"KR current", func() error { _, err := ScoreKeyResult(withKR(func(k *KeyResult) { k.Current = bad })); return err }, []string{"keyResult.current dbound"}},
				{"KR weight", func() error { _, err := ScoreKeyResult(withKR(func(k *KeyResult) { k.Weight = bad })); return err }, []string{"keyResult.weight dbound"}},
				{"objective weight", func() error {
					_, err := ScoreObjectives([]Objective{{ID: "o", Weight: bad}}, Weighted)
					return err
				}, []string{"objectives[0].weight dbound"}},
				{"ScheduleHealth progress", func() error {
					r, _ := Calendar{}.Range(MonthOf(2026, time.April))
					_, err := ScheduleHealth(r, bad, InProgress, jan5)
					return err
				}, []string{"progress dbound"}},
				{"CapacityIn", func() error { _, err := badTeam[0].CapacityIn(DateRange{}); return err }, []string{"sprints[0].capacity dbound"}},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					var err error
					guard(t, func() { err = c.run() })
					if diff := cmp.Diff(c.want, fieldtest.Rules(t, err)); diff != "" {
						t.Errorf("(-want +got):\n%s", diff)
					}
				})
			}
			// Functions without an error grade any decimal quickly and sensibly.
			guard(t, func() {
				band, met := BandOf(bad), Aspirational.Met(bad)
				big := bad.Sign() > 0 && bad.Exponent() > 0 || name == "41 digits"
				if wantBand := map[bool]Band{true: Green, false: Red}[big]; band != wantBand || met != big {
					t.Errorf("BandOf = %v, Met = %v; want %v, %v", band, met, wantBand, big)
				}
			})
		})
	}
}

// cmpSmall agrees with Cmp wherever Cmp is cheap, and decides the expensive cases from the
// magnitude alone.
func TestCmpSmall(t *testing.T) {
	for _, v := range []string{"0", "0.39999", "0.4", "0.4000000000000000000000000000000000000000000001", "0.7", "1", "-1", "1e-39", "-1e-41", "123456789012345678901234567890123456789012e-42", "1e41"} {
		x := d(v)
		for _, c := range []decimal.Decimal{d("0.4"), d("0.7"), d("1")} {
			if got, want := cmpSmall(x, c), x.Cmp(c); got != want {
				t.Errorf("cmpSmall(%s, %s) = %d, want %d", v, c, got, want)
			}
		}
	}
	if cmpSmall(decimal.Decimal{}, d("0.4")) != -1 || cmpSmall(decimal.New(0, -(1<<30)), d("0.4")) != -1 {
		t.Error("zero must compare below 0.4")
	}
}

// Zero is a value: the zero decimal.Decimal{} and decimal.NewFromInt(0) give the same
// answers wherever a decimal is accepted.
func TestZeroDecimalIsAValue(t *testing.T) {
	for _, zero := range []decimal.Decimal{{}, decimal.NewFromInt(0), decimal.New(0, -3)} {
		z := zero
		cpm, err := CriticalPath([]Item{{ID: "A", Estimate: &z}, {ID: "B", Estimate: dp("2"), DependsOn: []Dependency{{On: "A"}}}}, CPMOptions{Deadline: dp("2"), Unestimated: &z})
		if err != nil || !cpm.Duration.Equal(d("2")) {
			t.Errorf("CPM with a zero estimate: %+v, %v", cpm, err)
		}
		sched, err := Schedule([]Item{{ID: "A", Team: "T", Estimate: &z}}, []Team{{ID: "T", Sprints: []Sprint{{ID: "S", Start: jan5, End: jan5.AddDate(0, 0, 7), Capacity: zero}}}}, ScheduleOptions{})
		if err != nil || len(sched.Placements) != 1 {
			t.Errorf("zero estimate in a zero-capacity sprint: %+v, %v", sched, err)
		}
		ks, err := ScoreKeyResult(KeyResult{ID: "k", Start: zero, Target: d("4"), Current: d("1"), Weight: zero})
		if err != nil || !ks.Score.Equal(d("0.25")) || !ks.Weight.Equal(d("1")) {
			t.Errorf("KR from zero: %+v, %v", ks, err)
		}
		if err := (Formula{InProgressCredit: zero, UnestimatedPoints: &z}).Validate(); err != nil {
			t.Errorf("zero credit: %v", err)
		}
		sp, err := Cadence{Start: jan5, Weeks: 1, Count: 1, Capacity: zero, Absences: []Absence{{From: jan5, To: jan5, Available: zero}}}.Sprints()
		if err != nil || !sp[0].Capacity.IsZero() {
			t.Errorf("zero cadence: %+v, %v", sp, err)
		}
		r, _ := Calendar{}.Range(MonthOf(2026, time.April))
		if h, err := ScheduleHealth(r, zero, InProgress, r.Start); err != nil || h.Status != OnTrack {
			t.Errorf("zero progress: %+v, %v", h, err)
		}
		if BandOf(zero) != Red || Committed.Met(zero) {
			t.Error("zero score")
		}
	}
}

// Nil and zero arguments are errors, never panics.
func TestNilArguments(t *testing.T) {
	err := DefaultLifecycle().Move(nil, "Done", jan5, "ann")
	if diff := cmp.Diff([]string{"item required"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("Move(nil): (-want +got):\n%s", diff)
	}
	err = RenderTimeline(nil, []Bar{{Label: "a", Start: jan5, End: jan5.AddDate(0, 0, 7)}}, nil)
	if diff := cmp.Diff([]string{"writer required"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("RenderTimeline(nil): (-want +got):\n%s", diff)
	}
	//lint:ignore SA1012 a nil context is what this test passes
	_, err = ScheduleContext(nil, nil, nil, ScheduleOptions{}) //nolint:staticcheck
	if diff := cmp.Diff([]string{"ctx required"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("ScheduleContext(nil): (-want +got):\n%s", diff)
	}
	_, err = Calendar{}.Range(Period{})
	if diff := cmp.Diff([]string{" required"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("Range(zero): (-want +got):\n%s", diff)
	}
	// Zero values of every input work: no items, no teams, no objectives.
	guard(t, func() {
		for _, f := range []func() error{
			func() error { _, err := Schedule(nil, nil, ScheduleOptions{}); return err },
			func() error { _, err := CriticalPath(nil, CPMOptions{}); return err },
			func() error { _, err := Progress(nil, "", Formula{}); return err },
			func() error { _, err := ScoreObjectives(nil, Weighted); return err },
			func() error { _, err := Alignment(nil, nil); return err },
			func() error { _, err := Dates(nil, Calendar{}); return err },
			func() error { _, err := Conflicts(nil, Calendar{}); return err },
			func() error { return Plan{}.Validate() },
			func() error { return RenderTimeline(&bytes.Buffer{}, nil, nil) },
		} {
			if err := f(); err != nil {
				t.Errorf("zero input: %v", err)
			}
		}
	})
}

// Periods saturate at years 1 and 9999 instead of leaving the range Validate accepts.
func TestPeriodsSaturate(t *testing.T) {
	for _, tc := range []struct {
		p    Period
		n    int
		want Period
	}{
		{DayOf(time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC)), 5, Period{Day, 9999, 12, 31}},
		{Period{Day, 1, 1, 2}, -5, Period{Day, 1, 1, 1}},
		{Period{Day, 2026, 3, 15}, math.MaxInt, Period{Day, 9999, 12, 31}},
		{Period{Day, 2026, 3, 15}, math.MinInt, Period{Day, 1, 1, 1}},
		{Period{Day, 2026, 3, 15}, 365, Period{Day, 2027, 3, 15}},
		{MonthOf(9999, time.November), 2, MonthOf(9999, time.December)},
		{MonthOf(2026, time.March), math.MinInt, MonthOf(1, time.January)},
		{MonthOf(2026, time.March), -14, MonthOf(2025, time.January)},
		{QuarterOf(9999, 3), math.MaxInt, QuarterOf(9999, 4)},
		{QuarterOf(1, 2), -2, QuarterOf(1, 1)},
		{HalfOf(9999, 1), 3, HalfOf(9999, 2)},
		{HalfOf(2026, 2), -3, HalfOf(2025, 1)},
		{YearOf(9999), 1, YearOf(9999)},
		{YearOf(1), math.MinInt, YearOf(1)},
		{Period{}, 3, Period{}},
		{QuarterOf(2026, 9), 1, QuarterOf(2026, 9)}, // invalid: unchanged
	} {
		if got := tc.p.Add(tc.n); got != tc.want {
			t.Errorf("%v.Add(%d) = %v, want %v", tc.p, tc.n, got, tc.want)
		}
	}
	oct := Calendar{FiscalStartMonth: time.October}
	for _, tc := range []struct {
		cal  Calendar
		r    Resolution
		t    time.Time
		want Period
	}{
		{oct, Quarter, time.Date(9999, 11, 1, 0, 0, 0, 0, time.UTC), QuarterOf(9999, 4)},
		{oct, HalfYear, time.Date(9999, 11, 1, 0, 0, 0, 0, time.UTC), HalfOf(9999, 2)},
		{oct, Year, time.Date(9999, 11, 1, 0, 0, 0, 0, time.UTC), YearOf(9999)},
		{oct, Quarter, time.Date(0, 10, 1, 0, 0, 0, 0, time.UTC), QuarterOf(1, 1)}, // FY1 starts in year 0
		{oct, Quarter, time.Date(0, 9, 1, 0, 0, 0, 0, time.UTC), QuarterOf(1, 1)},
		{oct, Year, time.Date(-5, 9, 1, 0, 0, 0, 0, time.UTC), YearOf(1)},
		{Calendar{}, Month, time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC), MonthOf(9999, time.December)},
		{Calendar{}, Month, time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), MonthOf(1, time.January)},
		{Calendar{}, Day, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), Period{Day, 9999, 12, 31}},
		{Calendar{}, Day, time.Time{}.Add(-time.Hour), Period{Day, 1, 1, 1}},
		{Calendar{}, Resolution(42), jan5, Period{}},
	} {
		got := tc.cal.PeriodOf(tc.r, tc.t)
		if got != tc.want || got.Validate() != nil {
			t.Errorf("PeriodOf(%v, %v) = %v, want %v", tc.r, tc.t, got, tc.want)
		}
	}
	// HorizonOf at the end of time: the next quarter saturates to the current one.
	if h, err := HorizonOf(QuarterOf(9999, 4), Calendar{}, time.Date(9999, 12, 1, 0, 0, 0, 0, time.UTC)); err != nil || h != Now {
		t.Errorf("HorizonOf at 9999: %v, %v", h, err)
	}
}

// The critical path ends at a zero-length final milestone instead of stopping at the item
// before it, whatever the IDs' order.
func TestCriticalPathEndsAtMilestone(t *testing.T) {
	for _, ids3 := range [][3]string{{"a", "b", "z"}, {"z", "y", "a"}, {"m", "a", "b"}} {
		work1, work2, ms := ItemID(ids3[0]), ItemID(ids3[1]), ItemID(ids3[2])
		items := []Item{
			{ID: work1, Estimate: dp("3")},
			{ID: work2, Estimate: dp("2"), DependsOn: []Dependency{{On: work1}}},
			{ID: ms, Estimate: dp("0"), DependsOn: []Dependency{{On: work2}}},
		}
		got, err := CriticalPath(items, CPMOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]ItemID{work1, work2, ms}, got.Path); diff != "" {
			t.Errorf("%v: path (-want +got):\n%s", ids3, diff)
		}
	}
	// Two zero-length milestones in a row: the path reaches the last one.
	items := []Item{{ID: "w", Estimate: dp("1")}, {ID: "b", Estimate: dp("0"), DependsOn: []Dependency{{On: "w"}}}, {ID: "a", Estimate: dp("0"), DependsOn: []Dependency{{On: "b"}}}}
	if got, _ := CriticalPath(items, CPMOptions{}); !cmp.Equal(got.Path, ids("w", "b", "a")) {
		t.Errorf("chained milestones: %v", got.Path)
	}
}

// A chain too long to add exactly is a validation error, not a bare error. Validated
// estimates need over 230,000 items in a chain to get there, so this drives the passes
// with larger durations directly.
func TestCriticalPathOverflowIsInvalid(t *testing.T) {
	ix, err := newIndex([]Item{node("a"), node("b", "a"), node("c", "b")})
	if err != nil {
		t.Fatal(err)
	}
	third := int64(math.MaxInt64 / 8)
	_, err = newGraph(ix).cpm([]int64{third, third, third}, nil)
	if diff := cmp.Diff([]string{"items overflow"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// Schedule takes a context and has a work cap; both stop the work with an error.
func TestScheduleContextAndWorkCap(t *testing.T) {
	items, teams := benchPlan(2000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ScheduleContext(ctx, items, teams, ScheduleOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled before: err = %v", err)
	}
	// Canceled while running: the context is checked inside the loop.
	ctx2, cancel2 := context.WithCancel(context.Background())
	n := 0
	s, err := newScheduler(items, teams, ScheduleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cancelAt := &cancelCtx{Context: ctx2, after: 3, n: &n, cancel: cancel2}
	if err := s.run(cancelAt); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled during the run: err = %v", err)
	}
	if n < 3 {
		t.Errorf("ctx checked %d times", n)
	}
	_, err = Schedule(items, teams, ScheduleOptions{MaxWork: 100})
	if !errors.Is(err, ErrWorkLimit) || !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("work cap: err = %v", err)
	}
	if want := "roadmap: work limit exceeded: schedule needs more than 100 steps (raise ScheduleOptions.MaxWork)"; err == nil || err.Error() != want {
		t.Errorf("error text %q, want %q", err, want)
	}
	// More buckets than the cap fails before the scheduler allocates anything.
	_, err = Schedule(nil, teams, ScheduleOptions{MaxWork: 10})
	if !errors.Is(err, ErrWorkLimit) {
		t.Errorf("bucket count over the cap: err = %v", err)
	}
	_, err = Schedule(items, teams, ScheduleOptions{MaxWork: -1})
	if diff := cmp.Diff([]string{"options.max_work gte"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("negative cap (-want +got):\n%s", diff)
	}
	// The pathological queue (every bucket considers every waiting item: 500 × 1000
	// steps) stops at the cap instead of running on.
	many := make([]Item, 2000)
	for i := range many {
		many[i] = Item{ID: ItemID("i" + itoa(i)), Team: "T", Estimate: dp("2"), Priority: 1}
		if i%2 == 1 {
			many[i].Estimate, many[i].Priority = dp("1"), 2
		}
	}
	sp := make([]Sprint, 500)
	for i := range sp {
		sp[i] = Sprint{ID: itoa(i), Start: jan5.AddDate(0, 0, i), End: jan5.AddDate(0, 0, i+1), Capacity: d("1")}
	}
	start := time.Now()
	_, err = Schedule(many, []Team{{ID: "T", Sprints: sp}}, ScheduleOptions{MaxWork: 200_000})
	if !errors.Is(err, ErrWorkLimit) {
		t.Errorf("pathological schedule: err = %v", err)
	}
	t.Logf("200,000 steps in %v", time.Since(start))
}

// cancelCtx cancels itself after its Err was consulted `after` times.
type cancelCtx struct {
	context.Context
	after  int
	n      *int
	cancel context.CancelFunc
}

func (c *cancelCtx) Err() error {
	*c.n++
	if *c.n >= c.after {
		c.cancel()
	}
	return c.Context.Err()
}

// Where a DST change skips midnight, a day starts at the change, not in the previous day.
func TestDayStartWhenMidnightIsSkipped(t *testing.T) {
	sp, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Skip(err)
	}
	r, err := Calendar{Location: sp}.Range(Period{Day, 2018, 11, 4})
	if err != nil {
		t.Fatal(err)
	}
	if y, m, dd := r.Start.Date(); y != 2018 || m != 11 || dd != 4 || r.Start.Hour() != 1 {
		t.Errorf("2018-11-04 starts at %v, want 01:00 on the 4th", r.Start)
	}
	if r.End.Sub(r.Start) != 23*time.Hour {
		t.Errorf("the day lasts %v, want 23h", r.End.Sub(r.Start))
	}
	last := DateRange{End: r.End}.LastDay()
	if !last.Equal(r.Start) {
		t.Errorf("LastDay = %v, want %v", last, r.Start)
	}
	// Midnight itself, and the fallback when ZoneBounds gives nothing useful, are exact.
	for _, loc := range []*time.Location{time.UTC, sp} {
		for day := 1; day <= 30; day++ {
			m := midnight(2018, 11, day, loc)
			if y, mo, dd := m.Date(); y != 2018 || mo != 11 || dd != day || m.Add(-time.Nanosecond).Day() == day {
				t.Errorf("midnight(2018-11-%02d, %v) = %v", day, loc, m)
			}
		}
	}
	// A bar in the weeks after the change stays aligned on Mondays.
	var buf bytes.Buffer
	bars := []Bar{{Label: "a", Start: time.Date(2018, 10, 29, 0, 0, 0, 0, sp), End: time.Date(2018, 11, 26, 0, 0, 0, 0, sp)}}
	if err := RenderTimeline(&buf, bars, sp); err != nil {
		t.Fatal(err)
	}
	if want := "a  ####"; !strings.Contains(buf.String(), want+"\n") {
		t.Errorf("timeline:\n%s\nwant a row %q", buf.String(), want)
	}
	// Cadence buckets start on the wall-clock Monday even across the change.
	s, err := Cadence{Start: time.Date(2018, 10, 29, 0, 0, 0, 0, sp), Weeks: 1, Count: 3, Capacity: d("5"), Location: sp}.Sprints()
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range s {
		if b.Start.Weekday() != time.Monday || !b.Capacity.Equal(d("5")) {
			t.Errorf("bucket %d starts %v (%v), capacity %s", i, b.Start, b.Start.Weekday(), b.Capacity)
		}
	}
}

// Cadence is linear in the days covered, however many absences overlap.
func TestCadenceManyAbsences(t *testing.T) {
	c := Cadence{Start: jan5, Weeks: 52, Count: 100, Capacity: d("100")}
	for i := range 20000 {
		c.Absences = append(c.Absences, Absence{From: jan5.AddDate(0, 0, i%50), To: jan5.AddDate(100, 0, 0), Available: decimal.New(int64(i%10), -1)})
	}
	guard(t, func() {
		s, err := c.Sprints()
		if err != nil || len(s) != 100 {
			t.Fatalf("%d sprints, %v", len(s), err)
		}
		// From day 49 on, some absence with Available 0 covers every day.
		if !s[1].Capacity.IsZero() {
			t.Errorf("second bucket: %s, want 0", s[1].Capacity)
		}
	})
}

// Every exported parser, validator and operation reports bad input with an error that
// matches productops.ErrInvalid (the README's promise).
func TestEveryInputErrorIsInvalid(t *testing.T) {
	bad := []Item{{ID: "A", Estimate: dp("-1")}}
	cyc := []Item{node("A", "B"), node("B", "A")}
	badCal := Calendar{FiscalStartMonth: 13}
	badTeam := Team{ID: "T", Sprints: []Sprint{{ID: "S", Start: jan5, End: jan5}}}
	r, _ := Calendar{}.Range(MonthOf(2026, time.April))
	cases := map[string]func() error{
		"ParsePeriod":          func() error { _, err := ParsePeriod("soon"); return err },
		"Period.UnmarshalText": func() error { var p Period; return p.UnmarshalText([]byte("2026-13")) },
		"Period.Validate":      func() error { return QuarterOf(2026, 5).Validate() },
		"Period.MarshalText":   func() error { _, err := QuarterOf(2026, 5).MarshalText(); return err },
		"Kind.MarshalText":     func() error { _, err := Kind(7).MarshalText(); return err },
		"Kind.UnmarshalText":   func() error { var k Kind; return k.UnmarshalText([]byte("story")) },
		"Item.Validate":        func() error { return bad[0].Validate() },
		"Item.UnmarshalJSON":   func() error { var it Item; return json.Unmarshal([]byte(`{"id":"A","start":"soon"}`), &it) },
		"CheckItems":           func() error { return CheckItems(bad) },
		"CheckDependencies":    func() error { return CheckDependencies(cyc) },
		"Order":                func() error { _, err := Order(cyc); return err },
		"CriticalPath":         func() error { _, err := CriticalPath(cyc, CPMOptions{}); return err },
		"Schedule":             func() error { _, err := Schedule(bad, nil, ScheduleOptions{}); return err },
		"ScheduleContext": func() error {
			_, err := ScheduleContext(context.Background(), bad, nil, ScheduleOptions{Mode: 9})
			return err
		},
		"Team.Validate":            func() error { return badTeam.Validate() },
		"Team.CapacityIn":          func() error { _, err := badTeam.CapacityIn(r); return err },
		"Cadence.Validate":         func() error { return Cadence{}.Validate() },
		"Cadence.Sprints":          func() error { _, err := Cadence{}.Sprints(); return err },
		"Calendar.Validate":        func() error { return badCal.Validate() },
		"Calendar.Range":           func() error { _, err := Calendar{}.Range(Period{}); return err },
		"Formula.Validate":         func() error { return Formula{InProgressCredit: d("2")}.Validate() },
		"Progress":                 func() error { _, err := Progress(nil, "nope", Formula{}); return err },
		"ScoreKeyResult":           func() error { _, err := ScoreKeyResult(KeyResult{ID: "k"}); return err },
		"ScoreObjectives":          func() error { _, err := ScoreObjectives(nil, RollUp(5)); return err },
		"ValidateObjectives":       func() error { return ValidateObjectives([]Objective{{}}) },
		"Alignment":                func() error { _, err := Alignment([]Item{{ID: "A", Objectives: []ObjectiveID{"x"}}}, nil); return err },
		"ByQuarter":                func() error { _, err := ByQuarter(nil, badCal); return err },
		"ByHorizon":                func() error { _, err := ByHorizon(bad); return err },
		"ByTeam":                   func() error { _, err := ByTeam(bad); return err },
		"ByObjective":              func() error { _, err := ByObjective(bad, nil); return err },
		"HorizonOf":                func() error { _, err := HorizonOf(QuarterOf(2026, 7), Calendar{}, jan5); return err },
		"ItemBars":                 func() error { _, err := ItemBars(nil, badCal); return err },
		"RenderTimeline":           func() error { return RenderTimeline(&bytes.Buffer{}, []Bar{{Start: jan5, End: jan5.Add(-1)}}, nil) },
		"Conflicts":                func() error { _, err := Conflicts(bad, Calendar{}); return err },
		"ScheduleResult.Conflicts": func() error { _, err := (ScheduleResult{}).Conflicts(bad, Sequential); return err },
		"Dates":                    func() error { _, err := Dates(bad, Calendar{}); return err },
		"Lifecycle.Validate":       func() error { return Lifecycle{}.Validate() },
		"Lifecycle.Check":          func() error { return DefaultLifecycle().Check([]Item{{ID: "A", StatusName: "Shipped"}}) },
		"Lifecycle.Move":           func() error { it := Item{ID: "A"}; return DefaultLifecycle().Move(&it, "Done", jan5, "") },
		"Plan.Validate":            func() error { return Plan{Items: cyc}.Validate() },
		"ParseItems":               func() error { _, err := ParseItems([]byte(`[{"id":"A","x":1}]`)); return err },
		"ParsePlan":                func() error { _, err := ParsePlan([]byte(`{"x":1}`)); return err },
		"ScheduleHealth":           func() error { _, err := ScheduleHealth(r, d("2"), InProgress, jan5); return err },
	}
	for name, f := range cases {
		if err := f(); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: err = %v (%T), want one matching productops.ErrInvalid", name, err, err)
		}
	}
}

// Validation is linear: a long chain of objectives and a large lifecycle used to make
// ValidateObjectives and Lifecycle.Check quadratic.
func TestValidationIsLinear(t *testing.T) {
	objs := make([]Objective, 30_000)
	for i := range objs {
		objs[i] = Objective{ID: ObjectiveID("o" + itoa(i))}
		if i > 0 {
			objs[i].Parent = objs[i-1].ID
		}
	}
	guard(t, func() {
		if err := ValidateObjectives(objs); err != nil {
			t.Error(err)
		}
	})
	objs[0].Parent = objs[len(objs)-1].ID // close the chain: every objective is in the cycle
	guard(t, func() {
		err := ValidateObjectives(objs)
		if got := len(fieldtest.Paths(t, err)); got != len(objs) {
			t.Errorf("%d cycle errors, want %d", got, len(objs))
		}
	})
	var lc Lifecycle
	for i := range 5000 {
		lc.Statuses = append(lc.Statuses, Status{Name: "s" + itoa(i), Category: Category(i % 6)})
		lc.Transitions = append(lc.Transitions, Transition{From: "s" + itoa(i), To: "s" + itoa((i+1)%5000)})
	}
	items := make([]Item, 5_000)
	for i := range items {
		items[i] = Item{ID: ItemID("i" + itoa(i)), Status: Category(4999 % 6), StatusName: "s4999"}
		for h := range 10 {
			items[i].History = append(items[i].History, StatusChange{From: "s" + itoa(4989+h), To: "s" + itoa(4990+h), At: jan5})
		}
	}
	guard(t, func() {
		if err := lc.Check(items); err != nil {
			t.Error(err)
		}
	})
}
