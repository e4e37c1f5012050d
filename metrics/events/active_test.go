package events

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
)

// stickyLog: day 1 {a, b}, day 2 {a}, day 3 {a, c}.
func stickyLog(t *testing.T) *Log {
	return mustLog(t,
		ev(t, "a", "e", "2024-01-01T10:00:00Z"), ev(t, "a", "e", "2024-01-01T11:00:00Z"), ev(t, "b", "e", "2024-01-01T12:00:00Z"),
		ev(t, "a", "e", "2024-01-02T10:00:00Z"),
		ev(t, "a", "e", "2024-01-03T10:00:00Z"), ev(t, "c", "x", "2024-01-03T23:00:00Z"),
	)
}

func TestDailyActivity(t *testing.T) {
	r, err := DailyActivity(stickyLog(t), ActivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][3]int
	for _, d := range r.Days {
		got = append(got, [3]int{d.DAU, d.WAU, d.MAU})
	}
	if diff := cmp.Diff([][3]int{{2, 2, 2}, {1, 2, 2}, {2, 3, 3}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if r.RangeUsers != 3 || !r.Days[0].Date.Equal(at(t, "2024-01-01T00:00:00Z")) {
		t.Errorf("range users %d date %v", r.RangeUsers, r.Days[0].Date)
	}
	// a later range still sees earlier activity in its trailing windows; events filter
	r, _ = DailyActivity(stickyLog(t), ActivityOptions{Events: []string{"e"}, From: at(t, "2024-01-08T00:00:00Z"), To: at(t, "2024-01-09T00:00:00Z")})
	if diff := cmp.Diff([]DayActivity{{Date: at(t, "2024-01-08T00:00:00Z"), DAU: 0, WAU: 1, MAU: 2}}, r.Days); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := DailyActivity(stickyLog(t), ActivityOptions{From: at(t, "2024-01-02T00:00:00Z"), To: at(t, "2024-01-01T00:00:00Z")}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad range: %v", err)
	}
	if r, err := DailyActivity(mustLog(t), ActivityOptions{}); err != nil || len(r.Days) != 0 {
		t.Errorf("empty: %v %v", r, err)
	}
}

// TestDailyActivityDST: in America/New_York, 2024-03-10 is 23 hours long; days start at
// local midnight built with time.Date.
func TestDailyActivityDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	l := mustLog(t,
		Event{User: "a", Name: "e", Time: time.Date(2024, 3, 10, 23, 30, 0, 0, ny)},
		Event{User: "a", Name: "e", Time: time.Date(2024, 3, 11, 0, 30, 0, 0, ny)},
	)
	r, err := DailyActivity(l, ActivityOptions{Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Days) != 2 || r.Days[1].Date.Sub(r.Days[0].Date) != 23*time.Hour || r.Days[0].DAU != 1 || r.Days[1].DAU != 1 {
		t.Fatalf("%+v", r.Days)
	}
	// in UTC both events are on 03-11
	r, _ = DailyActivity(l, ActivityOptions{})
	if len(r.Days) != 1 || r.Days[0].DAU != 1 {
		t.Errorf("utc %+v", r.Days)
	}
}

// TestStickinessDefinitions: the two published DAU/MAU definitions differ on the same
// data (§1.3; the study's V08 makes the same point). Day 1 {a,b}, day 2 {a}, day 3 {a,c}:
// ratio of averages = mean DAU 5/3 over 3 users = 5/9; average of ratios = (2/2 + 1/2 +
// 2/3)/3 = 13/18.
func TestStickinessDefinitions(t *testing.T) {
	l := stickyLog(t)
	roa, err := Stickiness(l, RatioOfAverages, ActivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	aor, err := Stickiness(l, AverageOfRatios, ActivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !roa.Defined || !near(roa.Value, 5.0/9) || !aor.Defined || !near(aor.Value, 13.0/18) {
		t.Errorf("ratio of averages %v, average of ratios %v", roa.Value, aor.Value)
	}
	if roa.RangeUsers != 3 || !near(roa.MeanDAU, 5.0/3) || aor.Days[1].Ratio.Numerator != 1 || aor.Days[1].Ratio.Denominator != 2 {
		t.Errorf("breakdown %+v", roa)
	}
	// days without any monthly user are undefined and skipped
	s := ActivityResult{Days: []DayActivity{{DAU: 0, MAU: 0}}}.Stickiness(AverageOfRatios)
	if s.Defined || s.UndefinedDays != 1 {
		t.Errorf("undefined %+v", s)
	}
	if s := (ActivityResult{}).Stickiness(RatioOfAverages); s.Defined {
		t.Error("empty ratio of averages defined")
	}
	if _, err := Stickiness(l, 5, ActivityOptions{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad definition: %v", err)
	}
}

func near(a, b float64) bool { return a-b < 1e-12 && b-a < 1e-12 }

func TestActiveUsers(t *testing.T) {
	l := stickyLog(t)
	for _, tc := range []struct {
		opts ActiveUsersOptions
		want []int
	}{
		{ActiveUsersOptions{}, []int{2, 1, 2}},
		{ActiveUsersOptions{ActivityOptions: ActivityOptions{Events: []string{"x"}}}, []int{0, 0, 1}},
		{ActiveUsersOptions{Granularity: Weekly, WeekStart: time.Wednesday}, []int{2, 2}}, // Mon-Tue | Wed
		{ActiveUsersOptions{Granularity: Monthly}, []int{3}},
		{ActiveUsersOptions{ActivityOptions: ActivityOptions{From: at(t, "2023-12-31T00:00:00Z"), To: at(t, "2024-01-02T00:00:00Z")}}, []int{0, 2}},
	} {
		got, err := ActiveUsers(l, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		var users []int
		for _, b := range got {
			users = append(users, b.Users)
		}
		if diff := cmp.Diff(tc.want, users); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", tc.opts, diff)
		}
	}
	got, _ := ActiveUsers(l, ActiveUsersOptions{Granularity: Weekly, WeekStart: time.Wednesday})
	if !got[1].Start.Equal(at(t, "2024-01-03T00:00:00Z")) {
		t.Errorf("week start %v", got[1].Start)
	}
	if _, err := ActiveUsers(l, ActiveUsersOptions{Granularity: 5, WeekStart: 8}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad options: %v", err)
	}
	if got, err := ActiveUsers(mustLog(t), ActiveUsersOptions{}); err != nil || got != nil {
		t.Errorf("empty: %v %v", got, err)
	}
}

func TestDaysActive(t *testing.T) {
	// a: Mon 01-01, Tue 01-02, Mon 01-08; b: Wed 01-03
	l := mustLog(t,
		ev(t, "a", "e", "2024-01-01T10:00:00Z"), ev(t, "a", "e", "2024-01-01T11:00:00Z"), ev(t, "a", "e", "2024-01-02T10:00:00Z"),
		ev(t, "a", "e", "2024-01-08T10:00:00Z"), ev(t, "b", "e", "2024-01-03T10:00:00Z"),
	)
	r, err := DaysActive(l, DaysActiveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{1, 0, 1, 0, 0, 0, 0, 0}, r.Exactly); diff != "" {
		t.Errorf("per range (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2, 1, 1, 0, 0, 0, 0, 0}, r.AtLeast); diff != "" {
		t.Errorf("cumulative (-want +got):\n%s", diff)
	}
	r, _ = DaysActive(l, DaysActiveOptions{Scope: PerWeek, WeekStart: time.Monday})
	if diff := cmp.Diff([]int{2, 1, 0, 0, 0, 0, 0}, r.Exactly); diff != "" || r.Observations != 3 {
		t.Errorf("per week (-want +got):\n%s", diff)
	}
	r, _ = DaysActive(l, DaysActiveOptions{Scope: PerMonth})
	if r.Exactly[0] != 1 || r.Exactly[2] != 1 || len(r.Exactly) != 31 {
		t.Errorf("per month %v", r.Exactly)
	}
	if _, err := DaysActive(l, DaysActiveOptions{Scope: 4}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad scope: %v", err)
	}
}

func TestActivityAggregate(t *testing.T) {
	opts := ActivityOptions{From: at(t, "2024-01-01T00:00:00Z"), To: at(t, "2024-01-04T00:00:00Z")}
	a, err := NewActivityAggregate(opts)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewActivityAggregate(opts)
	l := stickyLog(t)
	var ab, c []Event
	for e := range l.All() {
		if e.User == "c" {
			c = append(c, e)
		} else {
			ab = append(ab, e)
		}
	}
	if err := a.Add(ab...); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(c...); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	whole, _ := DailyActivity(l, ActivityOptions{})
	if diff := cmp.Diff(whole, a.Result()); diff != "" {
		t.Errorf("(-whole +merged):\n%s", diff)
	}
	other, _ := NewActivityAggregate(ActivityOptions{From: opts.From, To: opts.To, Events: []string{"x"}})
	if err := a.Merge(other); !errors.Is(err, ErrMismatch) {
		t.Errorf("mismatch: %v", err)
	}
	if _, err := NewActivityAggregate(ActivityOptions{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("missing range: %v", err)
	}
	if err := a.Add(Event{}); err == nil {
		t.Error("invalid event added")
	}
}

func TestActivityRangeLimits(t *testing.T) {
	for _, o := range []ActivityOptions{
		{From: time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC)},
		{To: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)},
		{From: time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		if err := o.Validate(); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%v-%v: %v", o.From, o.To, err)
		}
	}
	if _, err := Lifecycle(stickyLog(t), LifecycleOptions{From: time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC)}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("lifecycle: %v", err)
	}
}
