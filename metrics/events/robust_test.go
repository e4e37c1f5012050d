package events

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
)

// TestRetentionBracketsOverflow: {MaxInt, 2} used to wrap the sum, pass validation and
// panic in makeslice.
func TestRetentionBracketsOverflow(t *testing.T) {
	for _, b := range [][]int{{math.MaxInt, 2}, {2, math.MaxInt}, {math.MaxInt, math.MaxInt}, {MaxRetentionBracketSpan, 1}} {
		_, err := NewRetentionAggregate(RetentionOptions{Brackets: b})
		if !errors.Is(err, productops.ErrInvalid) {
			t.Fatalf("brackets %v: err %v, want a validation error", b, err)
		}
		if got := fieldtest.Paths(t, err); len(got) != 1 || got[0] != "brackets" {
			t.Errorf("brackets %v: paths %v, want [brackets]", b, got)
		}
	}
	if _, err := NewRetentionAggregate(RetentionOptions{Brackets: []int{MaxRetentionBracketSpan - 1, 1}}); err != nil {
		t.Errorf("brackets at the cap: %v", err)
	}
	if _, err := NewRetentionAggregate(RetentionOptions{Periods: MaxRetentionPeriods + 1}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("periods over the cap: %v", err)
	}
}

func extremeEvents(t *testing.T) []Event {
	var out []Event
	for _, x := range proptest.ExtremeTimes() {
		tm := x.(time.Time)
		if tm.Before(minEventTime) || tm.After(maxEventTime) || tm.IsZero() {
			continue
		}
		out = append(out, Event{User: "u", Name: "a", Time: tm}, Event{User: "v", Name: "b", Time: tm})
	}
	for _, s := range []int64{proptest.ExtremeUnix, -proptest.ExtremeUnix} {
		out = append(out, Event{User: "w", Name: "a", Time: time.Unix(s, 0)}, Event{User: "x", Name: "a", Time: time.Unix(s, 0)},
			Event{User: "x", Name: "b", Time: time.Unix(-s, 0)})
	}
	return out
}

// TestExtremeTimestamps runs every KPI over events at the edges of the time range
// (Unix ±9223372036 s) in zones with positive and negative offsets: rolling retention
// used to panic with an index out of range.
func TestExtremeTimestamps(t *testing.T) {
	l := mustLog(t, extremeEvents(t)...)
	for _, zone := range []string{"UTC", "Pacific/Kiritimati", "America/Sao_Paulo"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []RetentionWindow{Calendar, Rolling} {
			for _, g := range []Granularity{Daily, Weekly, Monthly} {
				for _, anchors := range []RetentionAnchors{AnchorFirstStart, AnchorEveryStart} {
					for _, hf := range []bool{false, true} {
						for _, c := range []CohortType{FirstTime, Recurring} {
							o := RetentionOptions{Window: w, Granularity: g, Location: loc, Anchors: anchors, HourFloor: hf, Cohort: c}
							r, err := Retention(l, o)
							if err != nil {
								t.Fatal(err)
							}
							if len(r.Cohorts) == 0 {
								t.Errorf("%s %+v: no cohorts", zone, o)
							}
							o.Brackets = []int{1, 2, 3}
							if _, err := Retention(l, o); err != nil {
								t.Fatal(err)
							}
						}
					}
				}
			}
		}
		for _, order := range []FunnelOrder{Ordered, Strict, AnyOrder} {
			for _, anchor := range []FunnelAnchor{AnchorFirst, AnchorFreshest} {
				r, err := Funnel(l, FunnelOptions{Steps: []string{"a", "b"}, Order: order, Anchor: anchor, Window: math.MaxInt64,
					Exclusions: []FunnelExclusion{{Event: "a", FromStep: 0, ToStep: 1}}})
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range r.Steps {
					if s.TimeToConvert.Min < 0 || s.TimeToConvert.Mean < 0 || s.TimeToConvert.Max < 0 {
						t.Errorf("%v %v: negative time to convert %+v", order, anchor, s.TimeToConvert)
					}
				}
			}
		}
		ao := ActivityOptions{Location: loc}
		if _, err := DailyActivity(l, ao); err != nil {
			t.Errorf("%s: daily activity: %v", zone, err)
		}
		for _, def := range []StickinessDefinition{AverageOfRatios, RatioOfAverages} {
			if _, err := Stickiness(l, def, ao); err != nil {
				t.Errorf("%s: stickiness: %v", zone, err)
			}
		}
		for _, g := range []Granularity{Daily, Weekly, Monthly} {
			if _, err := ActiveUsers(l, ActiveUsersOptions{ActivityOptions: ao, Granularity: g}); err != nil {
				t.Error(err)
			}
			if _, err := Lifecycle(l, LifecycleOptions{Location: loc, Granularity: g}); err != nil {
				t.Error(err)
			}
		}
		for _, s := range []DaysActiveScope{PerRange, PerWeek, PerMonth} {
			if _, err := DaysActive(l, DaysActiveOptions{ActivityOptions: ao, Scope: s}); err != nil {
				t.Error(err)
			}
		}
	}
	a, err := Activation(l, SignupOptions{Signup: "a", Target: "b", Window: math.MaxInt64})
	if err != nil {
		t.Fatal(err)
	}
	// user x signs up at -ExtremeUnix and does b at +ExtremeUnix: far apart but within a
	// "no limit" window, so activated; with the default 7 days not.
	if a.Activated < 1 {
		t.Errorf("activation with an unbounded window: %+v", a)
	}
	a, err = Activation(l, SignupOptions{Signup: "a", Target: "b"})
	if err != nil {
		t.Fatal(err)
	}
	ttv, err := TimeToValue(l, SignupOptions{Signup: "a", Target: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if ttv.Times.Min < 0 || ttv.Times.Max < 0 || ttv.Times.Mean < 0 {
		t.Errorf("time to value has negative durations: %+v", ttv.Times)
	}
	if _, err := Adoption(l, AdoptionOptions{Feature: "a", From: minEventTime, To: maxEventTime}); err != nil {
		t.Error(err)
	}
}

// TestFunnelUnboundedWindow: Window math.MaxInt64 ("no window") used to overflow
// start+window and lose conversions.
func TestFunnelUnboundedWindow(t *testing.T) {
	l := mustLog(t,
		Event{User: "u", Name: "a", Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		Event{User: "u", Name: "x", Time: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)},
		Event{User: "u", Name: "b", Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)},
		Event{User: "u", Name: "c", Time: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)},
		Event{User: "n", Name: "a", Time: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)},
		Event{User: "n", Name: "b", Time: time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)},
		Event{User: "n", Name: "c", Time: time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC)},
	)
	for _, order := range []FunnelOrder{Ordered, AnyOrder} {
		for _, anchor := range []FunnelAnchor{AnchorFirst, AnchorFreshest} {
			r, err := Funnel(l, FunnelOptions{Steps: []string{"a", "b", "c"}, Order: order, Anchor: anchor, Window: math.MaxInt64})
			if err != nil {
				t.Fatal(err)
			}
			if got := stepUsers(r); got[0] != 2 || got[1] != 2 || got[2] != 2 {
				t.Errorf("%v %v: steps %v, want [2 2 2]", order, anchor, got)
			}
		}
	}
}

// TestMidnightSkipped: America/Sao_Paulo skipped 2018-11-04 00:00 (clocks went to 01:00);
// the day starts at 01:00 -02, not at 23:00 the day before.
func TestMidnightSkipped(t *testing.T) {
	loc, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Skip(err)
	}
	want := time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC) // 01:00 -02
	cal := newCalendar(loc, Daily, time.Sunday)
	d := cal.dayOf(want)
	if got := cal.midnight(d); !got.Equal(want) {
		t.Errorf("day start %v, want %v", got, want)
	}
	if got := cal.midnight(d - 1); !got.Equal(time.Date(2018, 11, 3, 3, 0, 0, 0, time.UTC)) {
		t.Errorf("previous day start %v", got)
	}
	l := mustLog(t, Event{User: "u", Name: "a", Time: want.Add(time.Hour)})
	r, err := DailyActivity(l, ActivityOptions{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Days) != 1 || !r.Days[0].Date.Equal(want) {
		t.Errorf("days %+v, want one starting %v", r.Days, want)
	}
	rr, err := Retention(l, RetentionOptions{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	if !rr.Cohorts[0].Start.Equal(want) {
		t.Errorf("cohort start %v, want %v", rr.Cohorts[0].Start, want)
	}
}

func TestSaturatingArithmetic(t *testing.T) {
	const mx, mn = math.MaxInt64, math.MinInt64
	for _, c := range []struct{ got, want int64 }{
		{satAdd(mx, 1), mx}, {satAdd(mn, -1), mn}, {satAdd(1, 2), 3},
		{satSub(mn, 1), mn}, {satSub(mx, -1), mx}, {satSub(0, mn), mx}, {satSub(-1, mn), mx}, {satSub(-2, mn), mx - 1}, {satSub(5, 3), 2},
		{satMul(mx, 2), mx}, {satMul(mx, -2), mn}, {satMul(-1, mn), mx}, {satMul(mn, -1), mx}, {satMul(0, mn), 0}, {satMul(-3, 4), -12},
		{periods(mn+1, mx, dayNs), int64(uint64(mx-(mn+1)) / uint64(dayNs))}, {periods(10, 0, 3), -4}, {periods(9, 0, 3), -3}, {periods(0, 7, 3), 2},
		{localFloor(mx, hourNs, dayNs), floorDiv(mx, dayNs) + 1 - 1 + floorDiv(mx-floorDiv(mx, dayNs)*dayNs+hourNs, dayNs)},
		{localFloor(-1, 0, dayNs), -1}, {localFloor(mn, -hourNs, dayNs), floorDiv(mn, dayNs) - 1 + 1 + floorDiv(mn-floorDiv(mn, dayNs)*dayNs-hourNs, dayNs)},
		{int64(floatDuration(math.Inf(1))), mx}, {int64(floatDuration(math.Inf(-1))), mn}, {int64(floatDuration(1e19)), mx}, {int64(floatDuration(42)), 42},
	} {
		if c.got != c.want {
			t.Errorf("got %d, want %d", c.got, c.want)
		}
	}
}

func TestDiagnostics(t *testing.T) {
	l := stickyLog(t)
	f, err := Funnel(l, FunnelOptions{Steps: []string{"e", "signup", "e"}, Exclusions: []FunnelExclusion{{Event: "zz", ToStep: 1}},
		From: time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := Diagnostics{UnknownEvents: []string{"signup", "zz"}, Clamped: []string{"from"}}
	if d := f.Diagnostics; !slices.Equal(d.UnknownEvents, want.UnknownEvents) || !slices.Equal(d.Clamped, want.Clamped) || d.EmptyCohorts != 0 {
		t.Errorf("funnel diagnostics %+v, want %+v", d, want)
	}
	f, _ = Funnel(l, FunnelOptions{Steps: []string{"e", "x"}})
	if f.Diagnostics.UnknownEvents != nil || f.Diagnostics.Clamped != nil {
		t.Errorf("known steps flagged: %+v", f.Diagnostics)
	}
	r, err := Retention(l, RetentionOptions{ReturnEvent: "nope", AsOf: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if d := r.Diagnostics; !slices.Equal(d.UnknownEvents, []string{"nope"}) || !slices.Equal(d.Clamped, []string{"as_of"}) {
		t.Errorf("retention diagnostics %+v", d)
	}
	// cohorts on Jan 1 and Jan 10 leave 8 empty days between them
	l2 := mustLog(t, ev(t, "a", "e", "2024-01-01T10:00:00Z"), ev(t, "b", "e", "2024-01-10T10:00:00Z"))
	r, _ = Retention(l2, RetentionOptions{StartEvent: "e"})
	if r.Diagnostics.EmptyCohorts != 8 || r.Diagnostics.UnknownEvents != nil {
		t.Errorf("empty cohorts: %+v", r.Diagnostics)
	}
	// an aggregate sees names across merged parts
	a, _ := NewRetentionAggregate(RetentionOptions{StartEvent: "e", ReturnEvent: "x"})
	b, _ := NewRetentionAggregate(RetentionOptions{StartEvent: "e", ReturnEvent: "x"})
	_ = a.Add(ev(t, "a", "e", "2024-01-01T10:00:00Z"))
	_ = b.Add(ev(t, "b", "x", "2024-01-01T10:00:00Z"))
	if got := a.Result().Diagnostics.UnknownEvents; !slices.Equal(got, []string{"x"}) {
		t.Errorf("before merge %v", got)
	}
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	if got := a.Result().Diagnostics.UnknownEvents; got != nil {
		t.Errorf("after merge %v", got)
	}
}

func TestStickinessPartialWindows(t *testing.T) {
	// user a every day from Jan 1 to Feb 9; b on Jan 15 and Feb 9: the first 29 days
	// have a partial MAU window.
	var evs []Event
	start := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	for d := range 40 {
		evs = append(evs, Event{User: "a", Name: "e", Time: start.AddDate(0, 0, d)})
	}
	evs = append(evs, Event{User: "b", Name: "e", Time: start.AddDate(0, 0, 14)}, Event{User: "b", Name: "e", Time: start.AddDate(0, 0, 39)})
	s, err := Stickiness(mustLog(t, evs...), AverageOfRatios, ActivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.PartialMAUDays != 29 || !s.Days[28].PartialMAU || s.Days[29].PartialMAU {
		t.Errorf("partial days %d (day 29 %v, day 30 %v)", s.PartialMAUDays, s.Days[28].PartialMAU, s.Days[29].PartialMAU)
	}
	if !s.FullWindowDefined || math.Abs(s.FullWindowValue-(10*0.5+1)/11) > 1e-12 {
		t.Errorf("full-window value %v %v, want %v", s.FullWindowValue, s.FullWindowDefined, (10*0.5+1)/11)
	}
	if math.Abs(s.Value-28.0/40) > 1e-12 {
		t.Errorf("value %v", s.Value)
	}
	r, _ := Stickiness(mustLog(t, evs...), RatioOfAverages, ActivityOptions{})
	if r.FullWindowDefined || r.PartialMAUDays != 29 {
		t.Errorf("ratio of averages: %+v", r.FullWindowDefined)
	}
}

func TestNilLog(t *testing.T) {
	var l *Log
	errs := []error{}
	add := func(_ any, err error) { errs = append(errs, err) }
	add(Retention(l, RetentionOptions{}))
	add(Funnel(l, FunnelOptions{Steps: []string{"a", "b"}}))
	add(DailyActivity(l, ActivityOptions{}))
	add(Stickiness(l, AverageOfRatios, ActivityOptions{}))
	add(ActiveUsers(l, ActiveUsersOptions{}))
	add(DaysActive(l, DaysActiveOptions{}))
	add(Lifecycle(l, LifecycleOptions{}))
	add(Activation(l, SignupOptions{Signup: "a", Target: "b"}))
	add(TimeToValue(l, SignupOptions{Signup: "a", Target: "b"}))
	add(Adoption(l, AdoptionOptions{Feature: "a", From: time.Unix(0, 0), To: time.Unix(1, 0)}))
	for i, err := range errs {
		if !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("call %d: %v, want a validation error", i, err)
		} else if got := fieldtest.Paths(t, err); len(got) != 1 || got[0] != "log" {
			t.Errorf("call %d: paths %v", i, got)
		}
	}
	r, _ := NewRetentionAggregate(RetentionOptions{})
	r.AddLog(nil)
	f, _ := NewFunnelAggregate(FunnelOptions{Steps: []string{"a", "b"}})
	f.AddLog(nil)
	a, _ := NewActivityAggregate(ActivityOptions{From: time.Unix(0, 0), To: time.Unix(86400, 0)})
	a.AddLog(nil)
}
