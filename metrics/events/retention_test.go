package events

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/fieldtest"
)

// retainedTable flattens a result to cohort start date -> retained counts per cell.
func retainedTable(r RetentionResult) map[string][]int {
	out := map[string][]int{}
	for _, c := range r.Cohorts {
		row := []int{c.Size}
		for _, cell := range c.Cells {
			row = append(row, cell.Retained)
		}
		out[c.Start.Format("2006-01-02")] = row
	}
	return out
}

// TestRetentionVectors works the definitions of the domain study §1.1 and §11 (items 1-4)
// by hand. Each row is: cohort size, then retained users in cells 0, 1, ...
func TestRetentionVectors(t *testing.T) {
	// A: 23:59 then 00:01 the next day (PostHog #2227: calendar Day 1, rolling Day 0).
	// B: 10:00 then 11:00 the next day (25 h: Day 1 either way).
	ab := []Event{
		ev(t, "A", "e", "2024-01-01T23:59:00Z"), ev(t, "A", "e", "2024-01-02T00:01:00Z"),
		ev(t, "B", "e", "2024-01-01T10:00:00Z"), ev(t, "B", "e", "2024-01-02T11:00:00Z"),
	}
	// C returns on day 3 only.
	c := []Event{ev(t, "C", "e", "2024-01-01T10:00:00Z"), ev(t, "C", "e", "2024-01-04T10:00:00Z")}
	// S: start events 24 h apart, one return 48.5 h after the first (Amplitude V04c shape).
	s := []Event{
		ev(t, "S", "s", "2024-01-01T10:00:00Z"), ev(t, "S", "s", "2024-01-02T10:00:00Z"),
		ev(t, "S", "r", "2024-01-03T10:30:00Z"),
	}
	// H: start 10:59, return 10:05 next day: 23h06m, but 24 h once floored to the hour.
	h := []Event{ev(t, "H", "s", "2024-01-01T10:59:00Z"), ev(t, "H", "r", "2024-01-02T10:05:00Z")}
	// F: starts on 01-01 and 01-03, returns the day after each.
	f := []Event{
		ev(t, "F", "s", "2024-01-01T10:00:00Z"), ev(t, "F", "r", "2024-01-02T10:00:00Z"),
		ev(t, "F", "s", "2024-01-03T10:00:00Z"), ev(t, "F", "r", "2024-01-04T10:00:00Z"),
	}
	asOf := at(t, "2024-02-01T00:00:00Z")
	for _, tc := range []struct {
		name   string
		events []Event
		opts   RetentionOptions
		want   map[string][]int
	}{
		{"calendar: 23:59 -> 00:01 is day 1", ab, RetentionOptions{Periods: 2}, map[string][]int{"2024-01-01": {2, 2, 2, 0}}},
		{"rolling: 23:59 -> 00:01 is day 0", ab, RetentionOptions{Periods: 2, Window: Rolling}, map[string][]int{"2024-01-01": {2, 2, 1, 0}}},
		{"rolling day 0 counts returns within 24 h", ab, RetentionOptions{Periods: 2, Window: Rolling, DayZero: DayZeroReturns}, map[string][]int{"2024-01-01": {2, 1, 1, 0}}},
		{"calendar day 0 counts returns the same day", ab, RetentionOptions{Periods: 2, DayZero: DayZeroReturns}, map[string][]int{"2024-01-01": {2, 0, 2, 0}}},
		{"return on", c, RetentionOptions{Periods: 3}, map[string][]int{"2024-01-01": {1, 1, 0, 0, 1}}},
		{"on or after", c, RetentionOptions{Periods: 3, Criterion: ReturnOnOrAfter}, map[string][]int{"2024-01-01": {1, 1, 1, 1, 1}}},
		{"on or after, day 0 by returns", c, RetentionOptions{Periods: 3, Criterion: ReturnOnOrAfter, DayZero: DayZeroReturns}, map[string][]int{"2024-01-01": {1, 1, 1, 1, 1}}},
		{"brackets [1,2]: day 3 is in days 2-3", c, RetentionOptions{Brackets: []int{1, 2}}, map[string][]int{"2024-01-01": {1, 1, 0, 1}}},
		{"rolling, first start anchors", s, RetentionOptions{StartEvent: "s", ReturnEvent: "r", Periods: 2, Window: Rolling}, map[string][]int{"2024-01-01": {1, 1, 0, 1}}},
		{"rolling, every start anchors", s, RetentionOptions{StartEvent: "s", ReturnEvent: "r", Periods: 2, Window: Rolling, Anchors: AnchorEveryStart}, map[string][]int{"2024-01-01": {1, 1, 1, 1}}},
		{"rolling without hour floor", h, RetentionOptions{StartEvent: "s", ReturnEvent: "r", Periods: 1, Window: Rolling}, map[string][]int{"2024-01-01": {1, 1, 0}}},
		{"rolling with hour floor", h, RetentionOptions{StartEvent: "s", ReturnEvent: "r", Periods: 1, Window: Rolling, HourFloor: true}, map[string][]int{"2024-01-01": {1, 1, 1}}},
		{"first time: one cohort", f, RetentionOptions{StartEvent: "s", ReturnEvent: "r", Periods: 1}, map[string][]int{"2024-01-01": {1, 1, 1}}},
		{"recurring: a cohort per start day", f, RetentionOptions{StartEvent: "s", ReturnEvent: "r", Periods: 1, Cohort: Recurring}, map[string][]int{"2024-01-01": {1, 1, 1}, "2024-01-03": {1, 1, 1}}},
		{"cohort range", f, RetentionOptions{StartEvent: "s", ReturnEvent: "r", Periods: 1, Cohort: Recurring, From: at(t, "2024-01-02T00:00:00Z")}, map[string][]int{"2024-01-03": {1, 1, 1}}},
		{"unknown start event", f, RetentionOptions{StartEvent: "nope"}, map[string][]int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.AsOf = asOf
			r, err := Retention(mustLog(t, tc.events...), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, retainedTable(r)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestRetentionIncompleteAndMeans: cells whose period has not elapsed at AsOf are marked
// and left out of the means (§1.1.2, §11 item 4); weighted and unweighted means differ.
func TestRetentionIncompleteAndMeans(t *testing.T) {
	l := mustLog(t,
		// cohort 01-01: two users, one back on day 1
		ev(t, "a", "e", "2024-01-01T09:00:00Z"), ev(t, "a", "e", "2024-01-02T09:00:00Z"),
		ev(t, "b", "e", "2024-01-01T09:00:00Z"),
		// cohort 01-02: one user, back on day 1
		ev(t, "c", "e", "2024-01-02T09:00:00Z"), ev(t, "c", "e", "2024-01-03T09:00:00Z"),
		// cohort 01-03: one user, back on day 1 (01-04 has not ended at AsOf)
		ev(t, "d", "e", "2024-01-03T09:00:00Z"), ev(t, "d", "e", "2024-01-04T09:00:00Z"),
	)
	r, err := Retention(l, RetentionOptions{Periods: 1, AsOf: at(t, "2024-01-04T12:00:00Z")})
	if err != nil {
		t.Fatal(err)
	}
	var complete [][]bool
	for _, c := range r.Cohorts {
		complete = append(complete, []bool{c.Cells[0].Complete, c.Cells[1].Complete})
	}
	if diff := cmp.Diff([][]bool{{true, true}, {true, true}, {true, false}}, complete); diff != "" {
		t.Errorf("complete (-want +got):\n%s", diff)
	}
	if got := r.Cohorts[2].Cells[1].Retained; got != 1 {
		t.Errorf("incomplete cell still counts what happened: %d", got)
	}
	m := r.Means[1]
	if m.Weighted.Numerator != 2 || m.Weighted.Denominator != 3 || m.Cohorts != 2 {
		t.Errorf("weighted %+v", m)
	}
	if !m.UnweightedDefined || m.Unweighted != 0.75 {
		t.Errorf("unweighted %v", m.Unweighted)
	}
	if m.Label != "day 1" || r.Cohorts[0].Cells[1].Label != "day 1" {
		t.Errorf("label %q", m.Label)
	}
	// the zero AsOf is just after the last event: 01-04 has not ended.
	r, _ = Retention(l, RetentionOptions{Periods: 1})
	if r.Cohorts[2].Cells[1].Complete || !r.AsOf.Equal(at(t, "2024-01-04T09:00:00.000000001Z")) {
		t.Errorf("zero AsOf: %v %v", r.Cohorts[2].Cells[1].Complete, r.AsOf)
	}
	// no complete cell: the means say so
	r, _ = Retention(l, RetentionOptions{Periods: 1, AsOf: at(t, "2024-01-01T12:00:00Z")})
	if r.Means[1].Weighted.Defined || r.Means[1].UnweightedDefined {
		t.Errorf("means defined without complete cells: %+v", r.Means[1])
	}
}

// TestRetentionDSTWeeks: weekly cohorts in America/New_York around the 2024-03-10 DST
// change start at local Monday midnight; a Sunday 23:30 EDT event (03:30 UTC Monday)
// belongs to the week of Monday 03-04 (§11 item 3).
func TestRetentionDSTWeeks(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	l := mustLog(t,
		Event{User: "e", Name: "x", Time: time.Date(2024, 3, 10, 23, 30, 0, 0, ny)},
		Event{User: "e", Name: "x", Time: time.Date(2024, 3, 11, 0, 30, 0, 0, ny)},
	)
	r, err := Retention(l, RetentionOptions{Granularity: Weekly, WeekStart: time.Monday, Location: ny, Periods: 1,
		AsOf: time.Date(2024, 3, 18, 0, 0, 0, 0, ny)})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Cohorts) != 1 {
		t.Fatalf("cohorts %d", len(r.Cohorts))
	}
	c := r.Cohorts[0]
	if want := time.Date(2024, 3, 4, 0, 0, 0, 0, ny); !c.Start.Equal(want) {
		t.Errorf("start %v want %v", c.Start, want)
	}
	if c.Cells[1].Retained != 1 || !c.Cells[1].Complete {
		t.Errorf("week 1 %+v", c.Cells[1])
	}
	// in UTC both events are in the week of 03-11: no week-1 return
	r, _ = Retention(l, RetentionOptions{Granularity: Weekly, WeekStart: time.Monday, Periods: 1})
	if got := retainedTable(r); !cmp.Equal(got, map[string][]int{"2024-03-11": {1, 1, 0}}) {
		t.Errorf("utc %v", got)
	}
	// monthly cohorts and labels
	r, _ = Retention(l, RetentionOptions{Granularity: Monthly, Location: ny, Periods: 1, Brackets: []int{1}})
	if c := r.Cohorts[0]; !c.Start.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, ny)) || c.Cells[1].Label != "month 1" {
		t.Errorf("monthly %+v", c)
	}
}

func TestRetentionOptionsValidate(t *testing.T) {
	err := RetentionOptions{Cohort: 9, Granularity: 9, Window: 9, Anchors: 9, Criterion: 9, DayZero: 9, Periods: -1,
		Brackets: []int{0}, WeekStart: 9, From: at(t, "2024-01-02T00:00:00Z"), To: at(t, "2024-01-01T00:00:00Z")}.Validate()
	fields := fieldtest.Paths(t, err)
	want := []string{"cohort", "granularity", "window", "anchors", "criterion", "day_zero", "periods", "brackets[0]", "week_start", "to"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := Retention(mustLog(t), RetentionOptions{Periods: -1}); err == nil {
		t.Error("Retention accepted bad options")
	}
}
