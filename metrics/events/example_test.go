package events_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/productops/productops/metrics/events"
)

// sample is a small event log used by the examples: four users over two weeks.
const sample = `user_id,event,ts,plan
ann,signup,2024-01-01T09:00:00Z,pro
ann,view_item,2024-01-01T09:05:00Z,
ann,purchase,2024-01-01T09:30:00Z,
ann,view_item,2024-01-02T10:00:00Z,
ann,view_item,2024-01-09T10:00:00Z,
bob,signup,2024-01-01T20:00:00Z,free
bob,view_item,2024-01-03T08:00:00Z,
cat,signup,2024-01-02T12:00:00Z,free
cat,view_item,2024-01-02T12:10:00Z,
cat,purchase,2024-01-10T12:00:00Z,
dan,view_item,2024-01-08T15:00:00Z,
dan,view_item,2024-01-09T15:00:00Z,
`

func sampleLog() *events.Log {
	l, err := events.ReadCSV(strings.NewReader(sample), events.ReadOptions{PropColumns: []string{"plan"}})
	if err != nil {
		panic(err)
	}
	return l
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Example reads a small CSV export and computes the three KPIs a product review starts
// with: active users, retention of the week's signups, and a conversion funnel.
func Example() {
	const export = `user_id,event,ts
ann,signup,2024-01-01T09:00:00Z
ann,purchase,2024-01-01T09:30:00Z
ann,login,2024-01-09T10:00:00Z
bob,signup,2024-01-02T20:00:00Z
bob,login,2024-01-10T08:00:00Z
cat,signup,2024-01-03T12:00:00Z
`
	l, err := events.ReadCSV(strings.NewReader(export), events.ReadOptions{})
	if err != nil {
		panic(err)
	}
	act, err := events.DailyActivity(l, events.ActivityOptions{})
	if err != nil {
		panic(err)
	}
	last := act.Days[len(act.Days)-1]
	fmt.Println(last.Date.Format(time.DateOnly), "DAU", last.DAU, "MAU", last.MAU)

	opts := events.Amplitude.RetentionOptions(events.Weekly) // or PostHog, Mixpanel
	opts.StartEvent, opts.Periods = "signup", 1
	opts.AsOf = time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC) // when the report runs
	ret, err := events.Retention(l, opts)
	if err != nil {
		panic(err)
	}
	fmt.Println("week-1 retention:", ret.Means[1].Weighted)

	fun, err := events.Funnel(l, events.FunnelOptions{Steps: []string{"signup", "purchase"}})
	if err != nil {
		panic(err)
	}
	fmt.Println("signup to purchase:", fun.Overall)
	// Output:
	// 2024-01-10 DAU 1 MAU 3
	// week-1 retention: 66.67% (2/3, 95% CI 20.77%–93.85%)
	// signup to purchase: 33.33% (1/3, 95% CI 6.15%–79.23%)
}

func ExampleReadCSV() {
	in := "user_id,event,ts\nu1,signup,1704067200\nu1,login,oops\nu2,signup,1704070800\n"
	_, err := events.ReadCSV(strings.NewReader(in), events.ReadOptions{})
	fmt.Println(err)

	l, err := events.ReadCSV(strings.NewReader(in), events.ReadOptions{OnBadRow: events.CollectBadRows})
	var bad *events.BadRowsError
	if errors.As(err, &bad) {
		fmt.Println(bad.Count, "bad row; kept", l.Len(), "events of", l.NumUsers(), "users")
	}
	// Output:
	// events: line 3: ts: is not a Unix time or an RFC 3339 time
	// 1 bad row; kept 2 events of 2 users
}

func ExampleReadJSONLines() {
	in := `{"user":"u1","name":"signup","at":1704067200000}
{"user":42,"name":"signup","at":1704070800000}`
	l, err := events.ReadJSONLines(strings.NewReader(in), events.ReadOptions{
		UserColumn: "user", NameColumn: "name", TimeColumn: "at", TimeFormat: events.TimeUnixMillis})
	if err != nil {
		panic(err)
	}
	for e := range l.All() {
		fmt.Println(e.User, e.Name, e.Time.Format(time.RFC3339))
	}
	// Output:
	// u1 signup 2024-01-01T00:00:00Z
	// 42 signup 2024-01-01T01:00:00Z
}

func ExampleNewLog() {
	evs := []events.Event{
		{User: "u1", Name: "login", Time: day("2024-01-02")},
		{User: "u1", Name: "signup", Time: day("2024-01-01")},
	}
	l, err := events.NewLog(slices.Values(evs))
	if err != nil {
		panic(err)
	}
	first, last, _ := l.Span()
	fmt.Println(l.Len(), l.NumUsers(), l.EventNames(), first.Format(time.DateOnly), last.Format(time.DateOnly))
	_, err = events.NewLog(slices.Values([]events.Event{{User: "u1"}}))
	fmt.Println(err)
	// Output:
	// 2 1 [login signup] 2024-01-01 2024-01-02
	// events: event 0: events: event: invalid: name: is required; time: is required
}

func ExampleLogBuilder() {
	b := events.NewLogBuilder()
	for i := range 3 {
		if err := b.Add(events.Event{User: "u1", Name: "ping", Time: day("2024-01-01").Add(time.Duration(2-i) * time.Hour)}); err != nil {
			panic(err)
		}
	}
	l := b.Build()
	for e := range l.All() {
		fmt.Println(e.Time.Format("15:04"))
	}
	// Output:
	// 00:00
	// 01:00
	// 02:00
}

func ExampleDailyActivity() {
	r, err := events.DailyActivity(sampleLog(), events.ActivityOptions{From: day("2024-01-08"), To: day("2024-01-11")})
	if err != nil {
		panic(err)
	}
	for _, d := range r.Days {
		fmt.Println(d.Date.Format(time.DateOnly), d.DAU, d.WAU, d.MAU)
	}
	// Output:
	// 2024-01-08 1 4 4
	// 2024-01-09 2 3 4
	// 2024-01-10 1 3 4
}

func ExampleStickiness() {
	opts := events.ActivityOptions{From: day("2024-01-08"), To: day("2024-01-11")}
	for _, def := range []events.StickinessDefinition{events.AverageOfRatios, events.RatioOfAverages} {
		s, err := events.Stickiness(sampleLog(), def, opts)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %.4f\n", s.Definition, s.Value)
	}
	// Output:
	// average_of_ratios: 0.3333
	// ratio_of_averages: 0.4444
}

func ExampleActivityResult_Stickiness() {
	r, _ := events.DailyActivity(sampleLog(), events.ActivityOptions{})
	last7 := events.ActivityResult{Days: r.Days[len(r.Days)-7:]}
	s := last7.Stickiness(events.AverageOfRatios)
	fmt.Printf("%.4f over %d days\n", s.Value, len(s.Days))
	// Output:
	// 0.1429 over 7 days
}

func ExampleActiveUsers() {
	weeks, err := events.ActiveUsers(sampleLog(), events.ActiveUsersOptions{Granularity: events.Weekly, WeekStart: time.Monday})
	if err != nil {
		panic(err)
	}
	for _, w := range weeks {
		fmt.Println(w.Start.Format(time.DateOnly), w.Users)
	}
	// Output:
	// 2024-01-01 3
	// 2024-01-08 3
}

func ExampleDaysActive() {
	r, err := events.DaysActive(sampleLog(), events.DaysActiveOptions{Scope: events.PerWeek, WeekStart: time.Monday})
	if err != nil {
		panic(err)
	}
	fmt.Println("exactly:", r.Exactly, "at least:", r.AtLeast)
	// Output:
	// exactly: [3 3 0 0 0 0 0] at least: [6 3 0 0 0 0 0]
}

func ExampleRetention() {
	r, err := events.Retention(sampleLog(), events.RetentionOptions{
		Granularity: events.Weekly, WeekStart: time.Monday, Periods: 1, AsOf: day("2024-01-15"),
	})
	if err != nil {
		panic(err)
	}
	for _, c := range r.Cohorts {
		fmt.Print(c.Start.Format(time.DateOnly), " size ", c.Size)
		for _, cell := range c.Cells {
			fmt.Printf(" | %s: %d (%.0f%%)", cell.Label, cell.Retained, 100*cell.Rate.Value)
		}
		fmt.Println()
	}
	fmt.Println("week 1, weighted:", r.Means[1].Weighted)
	// Output:
	// 2024-01-01 size 3 | week 0: 3 (100%) | week 1: 2 (67%)
	// 2024-01-08 size 1 | week 0: 1 (100%) | week 1: 0 (0%)
	// week 1, weighted: 66.67% (2/3, 95% CI 20.77%–93.85%)
}

func ExampleRetentionAggregate() {
	opts := events.RetentionOptions{StartEvent: "signup", Periods: 1, AsOf: day("2024-02-01")}
	whole, _ := events.Retention(sampleLog(), opts)

	// Two workers each get complete users (all of a user's events in one Add or AddLog);
	// their partial results merge into the whole.
	var first, second []events.Event
	for e := range sampleLog().All() {
		if e.User == "ann" || e.User == "cat" {
			first = append(first, e)
		} else {
			second = append(second, e)
		}
	}
	a, _ := events.NewRetentionAggregate(opts)
	b, _ := events.NewRetentionAggregate(opts)
	if err := a.Add(first...); err != nil {
		panic(err)
	}
	if err := b.Add(second...); err != nil {
		panic(err)
	}
	if err := a.Merge(b); err != nil {
		panic(err)
	}
	merged := a.Result()
	fmt.Println(merged.Means[1].Weighted, merged.Means[1].Weighted == whole.Means[1].Weighted)
	// Output:
	// 33.33% (1/3, 95% CI 6.15%–79.23%) true
}

func ExampleFunnel() {
	r, err := events.Funnel(sampleLog(), events.FunnelOptions{
		Steps: []string{"signup", "view_item", "purchase"}, Window: 7 * 24 * time.Hour, Breakdown: "plan",
	})
	if err != nil {
		panic(err)
	}
	for _, s := range r.Steps {
		fmt.Printf("%-9s %d  from previous %s  median %v\n", s.Name, s.Users, s.FromPrevious, s.TimeToConvert.Median)
	}
	for _, b := range r.Breakdown {
		fmt.Printf("plan=%s: %s\n", b.Value, b.Funnel.Overall)
	}
	// Output:
	// signup    3  from previous 100.00% (3/3, 95% CI 43.85%–100.00%)  median 0s
	// view_item 3  from previous 100.00% (3/3, 95% CI 43.85%–100.00%)  median 10m0s
	// purchase  1  from previous 33.33% (1/3, 95% CI 6.15%–79.23%)  median 25m0s
	// plan=free: 0.00% (0/2, 95% CI 0.00%–65.76%)
	// plan=pro: 100.00% (1/1, 95% CI 20.65%–100.00%)
}

func ExampleFunnelAggregate() {
	opts := events.Mixpanel.FunnelOptions("signup", "purchase")
	a, _ := events.NewFunnelAggregate(opts)
	b, _ := events.NewFunnelAggregate(opts)
	l := sampleLog()
	_ = a.Add(events.Event{User: "zoe", Name: "signup", Time: day("2024-01-01")})
	b.AddLog(l)
	if err := a.Merge(b); err != nil {
		panic(err)
	}
	fmt.Println(a.Result().Overall)
	// Output:
	// 25.00% (1/4, 95% CI 4.56%–69.94%)
}

func ExampleActivityAggregate() {
	opts := events.ActivityOptions{From: day("2024-01-09"), To: day("2024-01-10")}
	a, err := events.NewActivityAggregate(opts)
	if err != nil {
		panic(err)
	}
	a.AddLog(sampleLog())
	d := a.Result().Days[0]
	fmt.Println(d.Date.Format(time.DateOnly), d.DAU, d.WAU, d.MAU)
	// Output:
	// 2024-01-09 2 3 4
}

func ExampleLifecycle() {
	weeks, err := events.Lifecycle(sampleLog(), events.LifecycleOptions{Granularity: events.Weekly, WeekStart: time.Monday})
	if err != nil {
		panic(err)
	}
	for _, w := range weeks {
		fmt.Printf("%s new %d returning %d resurrecting %d dormant %d\n", w.Start.Format(time.DateOnly), w.New, w.Returning, w.Resurrecting, w.Dormant)
	}
	// Output:
	// 2024-01-01 new 3 returning 0 resurrecting 0 dormant 0
	// 2024-01-08 new 1 returning 2 resurrecting 0 dormant 1
}

func ExampleAdoption() {
	r, err := events.Adoption(sampleLog(), events.AdoptionOptions{Feature: "purchase", From: day("2024-01-01"), To: day("2024-01-15")})
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Adopters, "of", r.Active, "active users:", r.Rate)
	// Output:
	// 2 of 4 active users: 50.00% (2/4, 95% CI 15.00%–85.00%)
}

func ExampleActivation() {
	r, err := events.Activation(sampleLog(), events.SignupOptions{Signup: "signup", Target: "purchase", Window: 7 * 24 * time.Hour})
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Rate, "pending:", r.Pending)
	// Output:
	// 33.33% (1/3, 95% CI 6.15%–79.23%) pending: 0
}

func ExampleTimeToValue() {
	r, err := events.TimeToValue(sampleLog(), events.SignupOptions{Signup: "signup", Target: "view_item"})
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Reached, "of", r.Cohort, "median", r.Times.Median, "p90", r.Times.P90)
	// Output:
	// 3 of 3 median 10m0s p90 28h50m0s
}

func ExampleVendor() {
	for _, v := range []events.Vendor{events.PostHog, events.Amplitude, events.Mixpanel} {
		r := v.RetentionOptions(events.Daily)
		f := v.FunnelOptions("signup", "purchase")
		fmt.Printf("%-9s %s, day 0 %s, %s; funnel %v from the %s step; days active %s\n",
			v, r.Window, r.DayZero, r.Criterion, f.Window, f.Anchor, v.DaysActiveScope())
	}
	// Output:
	// posthog   calendar, day 0 cohort, return_on; funnel 336h0m0s from the freshest step; days active per_range
	// amplitude rolling, day 0 cohort, return_on; funnel 24h0m0s from the first step; days active per_week
	// mixpanel  rolling, day 0 returns, return_on_or_after; funnel 168h0m0s from the first step; days active per_range
}

func ExampleEvent_Validate() {
	err := events.Event{Name: "signup"}.Validate()
	fmt.Println(err)
	// Output:
	// events: event: invalid: user: is required; time: is required
}

func ExampleLog_Span() {
	l := sampleLog()
	first, last, ok := l.Span()
	fmt.Println(l.Len(), "events,", l.NumUsers(), "users,", l.EventNames())
	fmt.Println(first.Format(time.DateTime), "to", last.Format(time.DateTime), ok)
	// Output:
	// 12 events, 4 users, [signup view_item purchase]
	// 2024-01-01 09:00:00 to 2024-01-10 12:00:00 true
}

func ExampleRetentionOptions_Validate() {
	err := events.RetentionOptions{Periods: -1, Brackets: []int{3, 0}, WeekStart: 9}.Validate()
	fmt.Println(err)
	// Output:
	// events: retention options: invalid: periods: must be between 0 and 1000; brackets[1]: must be at least 1, got 0; week_start: must be a weekday
}
