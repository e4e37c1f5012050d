package roadmap

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func viewItems() []Item {
	return []Item{
		{ID: "A", Team: "core", Horizon: Now, Priority: 2, Target: QuarterOf(2026, 1), Objectives: []ObjectiveID{"O1"}},
		{ID: "B", Team: "web", Horizon: Next, Priority: 1, Start: MonthOf(2026, 2), Target: MonthOf(2026, 4)},
		{ID: "C", Team: "core", Horizon: Now, Priority: 1, Start: MonthOf(2025, 11)},
		{ID: "D", Horizon: Later},
		{ID: "E", Team: "web", Target: YearOf(2026), KeyResults: []KeyResultID{"K2"}, Objectives: []ObjectiveID{"O1"}},
	}
}

func TestViews(t *testing.T) {
	// October fiscal start: Feb-Apr 2026 targets fall in FY2026 Q2/Q3.
	q, err := ByQuarter(viewItems(), Calendar{FiscalStartMonth: time.October})
	if err != nil {
		t.Fatal(err)
	}
	// A: target FY2026-Q1 (Oct-Dec 2025); B: April 2026 = FY2026-Q3; C: starts Nov 2025 =
	// Q1; E: FY2026 ends in Q4; D: none.
	wantQ := []Group{
		{Key: "2026-Q1", Period: QuarterOf(2026, 1), Items: ids("C", "A")},
		{Key: "2026-Q3", Period: QuarterOf(2026, 3), Items: ids("B")},
		{Key: "2026-Q4", Period: QuarterOf(2026, 4), Items: ids("E")},
		{Key: "", Items: ids("D")},
	}
	if diff := cmp.Diff(wantQ, q); diff != "" {
		t.Errorf("ByQuarter (-want +got):\n%s", diff)
	}
	h, _ := ByHorizon(viewItems())
	wantH := []Group{{Key: "now", Items: ids("C", "A")}, {Key: "next", Items: ids("B")}, {Key: "later", Items: ids("D")}, {Key: "", Items: ids("E")}}
	if diff := cmp.Diff(wantH, h); diff != "" {
		t.Errorf("ByHorizon (-want +got):\n%s", diff)
	}
	tm, _ := ByTeam(viewItems())
	wantT := []Group{{Key: "core", Items: ids("C", "A")}, {Key: "web", Items: ids("B", "E")}, {Key: "", Items: ids("D")}}
	if diff := cmp.Diff(wantT, tm); diff != "" {
		t.Errorf("ByTeam (-want +got):\n%s", diff)
	}
	objs := []Objective{{ID: "O1"}, {ID: "O2", KeyResults: []KeyResult{{ID: "K2", Start: d("0"), Target: d("1")}}}}
	o, err := ByObjective(viewItems(), objs)
	if err != nil {
		t.Fatal(err)
	}
	wantO := []Group{{Key: "O1", Items: ids("A", "E")}, {Key: "O2", Items: ids("E")}, {Key: "", Items: ids("B", "C", "D")}}
	if diff := cmp.Diff(wantO, o); diff != "" {
		t.Errorf("ByObjective (-want +got):\n%s", diff)
	}
	if _, err := ByObjective(viewItems(), nil); err == nil {
		t.Error("unknown objective: want an error")
	}
	for _, f := range []func([]Item) ([]Group, error){ByHorizon, ByTeam} {
		if _, err := f([]Item{{ID: "A"}, {ID: "A"}}); err == nil {
			t.Error("duplicate ids: want an error")
		}
	}
	if _, err := ByQuarter(nil, Calendar{FiscalStartMonth: -1}); err == nil {
		t.Error("bad calendar: want an error")
	}
}

func TestRenderTimeline(t *testing.T) {
	bars := []Bar{
		{Label: "A", Start: jan5, End: jan5.AddDate(0, 0, 14), Note: "S1"},
		{Label: "a-rather-long-label-for-b-that-is-cut", Start: jan5.AddDate(0, 0, 14), End: jan5.AddDate(0, 0, 42), Note: "S2-S3"},
		{Label: "C", Start: jan5.AddDate(0, 0, 31), End: jan5.AddDate(0, 0, 32)},
	}
	var b strings.Builder
	if err := RenderTimeline(&b, bars, nil); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"                          2026\n" +
		"                          Jan Feb\n" +
		"A                         ##....  S1\n" +
		"a-rather-long-label-for…  ..####  S2-S3\n" +
		"C                         ....#.\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("timeline (-want +got):\n%s", diff)
	}
	b.Reset()
	if err := RenderTimeline(&b, nil, nil); err != nil || b.String() != "(empty timeline)\n" {
		t.Errorf("empty = %q, %v", b.String(), err)
	}
	if err := RenderTimeline(&b, []Bar{{Label: "x", Start: jan5, End: jan5.AddDate(-1, 0, 0)}}, nil); err == nil {
		t.Error("reversed bar: want an error")
	}
	if err := RenderTimeline(&b, []Bar{{Label: "x", Start: jan5, End: jan5.AddDate(20, 0, 0)}}, nil); err == nil {
		t.Error("too wide: want an error")
	}
	items := []Item{{ID: "A", Start: MonthOf(2026, 1), Target: MonthOf(2026, 2)}, {ID: "B"}}
	ib, err := ItemBars(items, Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	wantBars := []Bar{{Label: "A", Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Note: "2026-01 → 2026-02"}}
	if diff := cmp.Diff(wantBars, ib); diff != "" {
		t.Errorf("ItemBars (-want +got):\n%s", diff)
	}
}

func TestConflictsFromDates(t *testing.T) {
	items := []Item{
		{ID: "A", Target: QuarterOf(2026, 3)},
		{ID: "B", Start: MonthOf(2026, 9), DependsOn: []Dependency{{On: "A"}}},                               // Sep < Oct 1: conflict
		{ID: "C", Start: MonthOf(2026, 10), DependsOn: []Dependency{{On: "A"}}},                              // starts when A ends: fine
		{ID: "D", Start: MonthOf(2026, 10), DependsOn: []Dependency{{On: "A", Type: FinishToStart, Lag: 5}}}, // needs Oct 6
		{ID: "E", Start: MonthOf(2026, 1), DependsOn: []Dependency{{On: "A", Type: Relates}}},
		{ID: "F", Target: MonthOf(2026, 1), Status: Done},
		{ID: "G", Start: MonthOf(2025, 12), DependsOn: []Dependency{{On: "F"}}}, // F done: not checked
	}
	got, err := Conflicts(items, Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	utc := time.UTC
	want := []Conflict{
		{Prerequisite: "A", Dependent: "B", PrerequisiteEnd: date(2026, 10, 1, utc), DependentStart: date(2026, 9, 1, utc), Detail: `"B" starts 2026-09-01, before "A" ends 2026-10-01`},
		{Prerequisite: "A", Dependent: "D", PrerequisiteEnd: date(2026, 10, 6, utc), DependentStart: date(2026, 10, 1, utc), Lag: 5, Detail: `"D" starts 2026-10-01, before "A" ends 2026-10-06`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
	if _, err := Conflicts(items, Calendar{FiscalStartMonth: 14}); err == nil {
		t.Error("bad calendar: want an error")
	}
}

// Inherited dates (§8.3): each of a parent's dates is its own when set, else the
// earliest child start / latest child end, recursively; children without the date are
// skipped.
func TestDates(t *testing.T) {
	items := []Item{
		{ID: "I", Kind: Initiative, Target: MonthOf(2026, 12)},
		{ID: "E1", Kind: Epic, Parent: "I"},
		{ID: "E2", Kind: Epic, Parent: "I", Start: MonthOf(2026, 2)},
		{ID: "F1", Parent: "E1", Start: MonthOf(2026, 3), Target: QuarterOf(2026, 2)},
		{ID: "F2", Parent: "E1", Start: Period{Resolution: Day, Year: 2026, Index: 1, Day: 15}},
		{ID: "F3", Parent: "E2"},
	}
	got, err := Dates(items, Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	utc := time.UTC
	want := []Span{
		{ID: "E1", Start: date(2026, 1, 15, utc), End: date(2026, 7, 1, utc), LastDay: date(2026, 6, 30, utc), HasStart: true, HasEnd: true, StartInherited: true, EndInherited: true},
		{ID: "E2", Start: date(2026, 2, 1, utc), HasStart: true},
		{ID: "F1", Start: date(2026, 3, 1, utc), End: date(2026, 7, 1, utc), LastDay: date(2026, 6, 30, utc), HasStart: true, HasEnd: true},
		{ID: "F2", Start: date(2026, 1, 15, utc), HasStart: true},
		{ID: "F3"},
		{ID: "I", Start: date(2026, 1, 15, utc), End: date(2027, 1, 1, utc), LastDay: date(2026, 12, 31, utc), HasStart: true, HasEnd: true, StartInherited: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Dates (-want +got):\n%s", diff)
	}
	if _, err := Dates(items, Calendar{FiscalStartMonth: 20}); err == nil {
		t.Error("bad calendar: want an error")
	}
	if _, err := Dates([]Item{{ID: "x", Parent: "y"}}, Calendar{}); err == nil {
		t.Error("unknown parent: want an error")
	}
}
