package events_test

import (
	"fmt"
	"time"

	"github.com/productops/productops/metrics/events"
)

var binDay = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func binEvents(user string, names ...string) []events.Event {
	var out []events.Event
	for i, n := range names {
		out = append(out, events.Event{User: events.UserID(user), Name: n, Time: binDay.Add(time.Duration(i) * 26 * time.Hour)})
	}
	return out
}

// Worker A holds user a, worker B user b; B's partial travels as bytes and merges into A's.
func ExampleRetentionAggregate_MarshalBinary() {
	opts := events.RetentionOptions{Periods: 2}
	a, _ := events.NewRetentionAggregate(opts)
	b, _ := events.NewRetentionAggregate(opts)
	_ = a.Add(binEvents("a", "signup", "login")...)
	_ = b.Add(binEvents("b", "signup", "login", "login")...)
	data, _ := b.MarshalBinary()

	fromB, _ := events.NewRetentionAggregate(opts)
	if err := fromB.UnmarshalBinary(data); err != nil {
		panic(err)
	}
	_ = a.Merge(fromB)
	for _, c := range a.Result().Cohorts {
		fmt.Println(c.Start.Format("2006-01-02"), c.Size, c.Cells[1].Retained, c.Cells[2].Retained)
	}
	// Output: 2026-03-02 2 2 1
}

// A partial decodes only into an aggregate made with the same options.
func ExampleRetentionAggregate_UnmarshalBinary() {
	a, _ := events.NewRetentionAggregate(events.RetentionOptions{Periods: 2})
	data, _ := a.MarshalBinary()
	other, _ := events.NewRetentionAggregate(events.RetentionOptions{Periods: 3})
	fmt.Println(other.UnmarshalBinary(data))
	// Output: events: aggregates have different options
}

func ExampleFunnelAggregate_MarshalBinary() {
	opts := events.FunnelOptions{Steps: []string{"signup", "purchase"}}
	a, _ := events.NewFunnelAggregate(opts)
	_ = a.Add(binEvents("a", "signup", "purchase")...)
	data, _ := a.MarshalBinary()
	b, _ := events.NewFunnelAggregate(opts)
	_ = b.Add(binEvents("b", "signup")...)
	fromA, _ := events.NewFunnelAggregate(opts)
	_ = fromA.UnmarshalBinary(data)
	_ = b.Merge(fromA)
	for _, s := range b.Result().Steps {
		fmt.Println(s.Name, s.Users)
	}
	// Output:
	// signup 2
	// purchase 1
}

func ExampleFunnelAggregate_UnmarshalBinary() {
	f, _ := events.NewFunnelAggregate(events.FunnelOptions{Steps: []string{"signup", "purchase"}})
	fmt.Println(f.UnmarshalBinary([]byte("FA\x03")))
	// Output: events: funnel aggregate: invalid: data: malformed encoding: version 3, want 2 (at byte 3)
}

func ExampleActivityAggregate_MarshalBinary() {
	opts := events.ActivityOptions{From: binDay.Truncate(24 * time.Hour), To: binDay.AddDate(0, 0, 3).Truncate(24 * time.Hour)}
	a, _ := events.NewActivityAggregate(opts)
	_ = a.Add(binEvents("a", "login", "login")...)
	data, _ := a.MarshalBinary()
	b, _ := events.NewActivityAggregate(opts)
	_ = b.Add(binEvents("b", "login")...)
	fromA, _ := events.NewActivityAggregate(opts)
	_ = fromA.UnmarshalBinary(data)
	_ = b.Merge(fromA)
	for _, d := range b.Result().Days {
		fmt.Println(d.Date.Format("2006-01-02"), d.DAU, d.MAU)
	}
	// Output:
	// 2026-03-02 2 2
	// 2026-03-03 1 2
	// 2026-03-04 0 2
}

func ExampleActivityAggregate_UnmarshalBinary() {
	a, _ := events.NewActivityAggregate(events.ActivityOptions{From: binDay, To: binDay.AddDate(0, 0, 1)})
	fmt.Println(a.UnmarshalBinary([]byte("RA\x01")))
	// Output: events: activity aggregate: invalid: data: malformed encoding: type "RA", want "AA" (at byte 3)
}
