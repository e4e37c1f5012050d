package roadmap_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/roadmap"
)

func est(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

var jan5 = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// twoWeekSprints returns n two-week sprints from 2026-01-05, each with capacity c.
func twoWeekSprints(n int, c string) []roadmap.Sprint {
	out := make([]roadmap.Sprint, n)
	for i := range out {
		out[i] = roadmap.Sprint{ID: fmt.Sprintf("S%d", i+1), Start: jan5.AddDate(0, 0, 14*i), End: jan5.AddDate(0, 0, 14*(i+1)), Capacity: decimal.RequireFromString(c)}
	}
	return out
}

func ExampleParsePeriod() {
	for _, s := range []string{"2026-03-15", "2026-03", "Q3 FY2026", "2026H2", "FY2027", "next quarter"} {
		p, err := roadmap.ParsePeriod(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-12s %-8s %s\n", s, p.Resolution, p)
	}
	// Output:
	// 2026-03-15   day      2026-03-15
	// 2026-03      month    2026-03
	// Q3 FY2026    quarter  2026-Q3
	// 2026H2       half_year 2026-H2
	// FY2027       year     2027
	// roadmap: unparseable period "next quarter": want a four-digit year
}

func ExamplePeriod_Add() {
	fmt.Println(roadmap.QuarterOf(2026, 4).Add(1), roadmap.MonthOf(2026, time.January).Add(-1), roadmap.HalfOf(2026, 1).Add(3))
	// Output:
	// 2027-Q1 2025-12 2027-H2
}

func ExamplePeriod_Validate() {
	fmt.Println(roadmap.QuarterOf(2026, 5).Validate())
	// Output:
	// roadmap: period: invalid: index: quarter must be between 1 and 4, got 5
}

func ExamplePeriod_UnmarshalText() {
	var it roadmap.Item
	err := json.Unmarshal([]byte(`{"id":"search","start":"2026-Q1","target":"2026-05"}`), &it)
	fmt.Println(it.Start, it.Target, err)
	err = json.Unmarshal([]byte(`{"id":"search","target":"soon"}`), &it)
	fmt.Println(errors.Is(err, roadmap.ErrPeriodSyntax))
	// Output:
	// 2026-Q1 2026-05 <nil>
	// true
}

func ExampleDayOf() {
	fmt.Println(roadmap.DayOf(time.Date(2026, 2, 28, 15, 0, 0, 0, time.UTC)), roadmap.YearOf(2026))
	// Output:
	// 2026-02-28 2026
}

// A fiscal year starting in October: FY2026 runs from 1 October 2025, and its fourth
// quarter ends on 30 September 2026.
func ExampleCalendar_Range() {
	cal := roadmap.Calendar{FiscalStartMonth: time.October}
	for _, p := range []roadmap.Period{roadmap.QuarterOf(2026, 1), roadmap.QuarterOf(2026, 4), roadmap.YearOf(2026)} {
		r, _ := cal.Range(p)
		fmt.Printf("FY%s: %s to %s (deadline before %s)\n", p, r.Start.Format(time.DateOnly), r.LastDay().Format(time.DateOnly), r.End.Format(time.DateOnly))
	}
	// Output:
	// FY2026-Q1: 2025-10-01 to 2025-12-31 (deadline before 2026-01-01)
	// FY2026-Q4: 2026-07-01 to 2026-09-30 (deadline before 2026-10-01)
	// FY2026: 2025-10-01 to 2026-09-30 (deadline before 2026-10-01)
}

func ExampleCalendar_PeriodOf() {
	cal := roadmap.Calendar{FiscalStartMonth: time.October}
	t := time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	fmt.Println(cal.PeriodOf(roadmap.Quarter, t), cal.PeriodOf(roadmap.HalfYear, t), cal.PeriodOf(roadmap.Year, t), cal.PeriodOf(roadmap.Month, t))
	// Output:
	// 2026-Q1 2026-H1 2026 2025-11
}

func ExampleCalendar_Validate() {
	fmt.Println(roadmap.Calendar{FiscalStartMonth: 13}.Validate())
	// Output:
	// roadmap: calendar: invalid: fiscal_start_month: must be between 1 and 12 (0 = January), got 13
}

func ExampleDateRange_Contains() {
	r, _ := roadmap.Calendar{}.Range(roadmap.MonthOf(2026, time.March))
	april, _ := roadmap.Calendar{}.Range(roadmap.MonthOf(2026, time.April))
	fmt.Println(r.Contains(time.Date(2026, 3, 31, 23, 0, 0, 0, time.UTC)), r.Contains(r.End), r.Overlaps(april))
	// Output:
	// true false false
}

func ExampleItem_Validate() {
	it := roadmap.Item{ID: "checkout", Priority: -1, Estimate: est("-3"), Health: roadmap.Health{Status: roadmap.OffTrack}}
	err := it.Validate()
	fmt.Println(err)
	fmt.Println(errors.Is(err, productops.ErrInvalid))
	// Output:
	// roadmap: item "checkout": invalid: priority: must be at least 0 (0 = no priority), got -1; estimate: must be at least 0, got -3; health.reason: is required when health is off_track
	// true
}

func ExampleCheckItems() {
	items := []roadmap.Item{
		{ID: "payments", Kind: roadmap.Initiative},
		{ID: "wallet", Kind: roadmap.Epic, Parent: "payments"},
		{ID: "apple-pay", Parent: "wallet", DependsOn: []roadmap.Dependency{{On: "tokens"}}},
		{ID: "refunds", Parent: "ledger"},
	}
	fmt.Println(roadmap.CheckItems(items))
	// Output:
	// roadmap: items: invalid: items[3].parent: item "refunds" has unknown parent "ledger"; items[2].depends_on[0].on: item "apple-pay" depends on unknown item "tokens"
}

func ExampleCheckDependencies() {
	items := []roadmap.Item{
		{ID: "api", DependsOn: []roadmap.Dependency{{On: "schema"}}},
		{ID: "schema", DependsOn: []roadmap.Dependency{{On: "ui"}}},
		{ID: "ui", DependsOn: []roadmap.Dependency{{On: "api"}}},
		{ID: "docs", DependsOn: []roadmap.Dependency{{On: "ui", Type: roadmap.Relates}}},
	}
	err := roadmap.CheckDependencies(items)
	var ce *roadmap.CycleError
	if errors.As(err, &ce) {
		fmt.Println(ce.Path)
	}
	fmt.Println(err)
	fmt.Println(errors.Is(err, roadmap.ErrCycle))
	// Output:
	// [api ui schema api]
	// roadmap: dependency cycle: api -> ui -> schema -> api
	// true
}

func ExampleOrder() {
	items := []roadmap.Item{
		{ID: "1", DependsOn: []roadmap.Dependency{{On: "4"}}},
		{ID: "2", DependsOn: []roadmap.Dependency{{On: "4"}}},
		{ID: "3", DependsOn: []roadmap.Dependency{{On: "1"}}},
		{ID: "4"},
		{ID: "5", Priority: 1},
	}
	order, _ := roadmap.Order(items)
	fmt.Println(order)
	// Output:
	// [5 4 1 2 3]
}

func ExampleCriticalPath() {
	items := []roadmap.Item{
		{ID: "A", Estimate: est("3")},
		{ID: "B", Estimate: est("2")},
		{ID: "C", Estimate: est("4"), DependsOn: []roadmap.Dependency{{On: "A"}}},
		{ID: "D", Estimate: est("2"), DependsOn: []roadmap.Dependency{{On: "A"}, {On: "B"}}},
		{ID: "E", Estimate: est("3"), DependsOn: []roadmap.Dependency{{On: "C"}, {On: "D"}}},
	}
	cpm, _ := roadmap.CriticalPath(items, roadmap.CPMOptions{})
	fmt.Println("duration", cpm.Duration, "path", cpm.Path)
	for _, a := range cpm.Activities {
		fmt.Printf("%s ES %s EF %s LS %s LF %s slack %s free %s critical %t\n", a.ID, a.EarlyStart, a.EarlyFinish, a.LateStart, a.LateFinish, a.TotalFloat, a.FreeFloat, a.Critical)
	}
	// Output:
	// duration 10 path [A C E]
	// A ES 0 EF 3 LS 0 LF 3 slack 0 free 0 critical true
	// B ES 0 EF 2 LS 3 LF 5 slack 3 free 1 critical false
	// C ES 3 EF 7 LS 3 LF 7 slack 0 free 0 critical true
	// D ES 3 EF 5 LS 5 LF 7 slack 2 free 2 critical false
	// E ES 7 EF 10 LS 7 LF 10 slack 0 free 0 critical true
}

func ExampleCategoryAllowed() {
	fmt.Println(roadmap.CategoryAllowed(roadmap.Backlog, roadmap.Done), roadmap.CategoryAllowed(roadmap.InProgress, roadmap.Done), roadmap.CategoryAllowed(roadmap.Done, roadmap.InProgress))
	// Output:
	// false true true
}

func ExampleDefaultLifecycle() {
	for _, s := range roadmap.DefaultLifecycle().Statuses {
		fmt.Printf("%s=%s ", s.Name, s.Category)
	}
	fmt.Println()
	// Output:
	// Backlog=backlog Planned=planned In Progress=in_progress Paused=paused Done=done Canceled=canceled
}

func ExampleLifecycle_Move() {
	lc := roadmap.DefaultLifecycle()
	it := roadmap.Item{ID: "search"}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	fmt.Println(lc.Move(&it, "Done", at, "ana"))
	_ = lc.Move(&it, "In Progress", at, "ana")
	_ = lc.Move(&it, "Done", at.Add(72*time.Hour), "bo")
	for _, h := range it.History {
		fmt.Println(h.From, "->", h.To, h.At.Format(time.DateOnly), h.Actor)
	}
	fmt.Println(it.Status)
	// Output:
	// roadmap: invalid transition: item "search": "Backlog" -> "Done": not allowed
	// Backlog -> In Progress 2026-03-02 ana
	// In Progress -> Done 2026-03-05 bo
	// done
}

func ExampleLifecycle_Allowed() {
	lc := roadmap.Lifecycle{
		Statuses:    []roadmap.Status{{Name: "Idea", Category: roadmap.Backlog}, {Name: "Build", Category: roadmap.InProgress}, {Name: "Review", Category: roadmap.InProgress}, {Name: "Shipped", Category: roadmap.Done}},
		Transitions: []roadmap.Transition{{From: "Idea", To: "Build"}, {From: "Build", To: "Review"}, {From: "Review", To: "Shipped"}},
	}
	fmt.Println(lc.Validate(), lc.Allowed("Build", "Review"), lc.Allowed("Build", "Shipped"))
	// Output:
	// <nil> true false
}

func ExampleLifecycle_Current() {
	lc := roadmap.DefaultLifecycle()
	fmt.Println(lc.Current(roadmap.Item{Status: roadmap.InProgress}))
	// Output:
	// In Progress
}

func ExampleLifecycle_Check() {
	lc := roadmap.DefaultLifecycle()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	items := []roadmap.Item{{ID: "x", Status: roadmap.Done, History: []roadmap.StatusChange{{From: "Backlog", To: "Done", At: at}}}}
	fmt.Println(lc.Check(items))
	// Output:
	// roadmap: items: invalid: items[0].history[0]: item "x": "Backlog" -> "Done" is not allowed
}

func ExampleLifecycle_Validate() {
	lc := roadmap.Lifecycle{Statuses: []roadmap.Status{{Name: "Open"}, {Name: "Open", Category: roadmap.Done}}}
	fmt.Println(lc.Validate())
	// Output:
	// roadmap: lifecycle: invalid: statuses[1].name: duplicate status "Open"
}

func ExampleCadence_Sprints() {
	c := roadmap.Cadence{
		Start: jan5, Weeks: 2, Count: 3, Capacity: decimal.NewFromInt(20), IDPrefix: "S",
		// A holiday in sprint 1; one of four people away for sprint 2's first week.
		Holidays: []time.Time{time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC)},
		Absences: []roadmap.Absence{{From: time.Date(2026, 1, 19, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 23, 0, 0, 0, 0, time.UTC), Available: decimal.RequireFromString("0.75")}},
	}
	sprints, err := c.Sprints()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range sprints {
		fmt.Println(s.ID, s.Start.Format(time.DateOnly), s.Capacity)
	}
	// Output:
	// S1 2026-01-05 18
	// S2 2026-01-19 17.5
	// S3 2026-02-02 20
}

func ExampleCadence_Validate() {
	fmt.Println(roadmap.Cadence{Start: jan5, Weeks: 0, Count: 1, Capacity: decimal.NewFromInt(-5)}.Validate())
	// Output:
	// roadmap: cadence: invalid: weeks: must be between 1 and 52, got 0; capacity: must be at least 0, got -5
}

func ExampleTeam_Validate() {
	t := roadmap.Team{ID: "web", Sprints: twoWeekSprints(1, "-8")}
	fmt.Println(t.Validate())
	// Output:
	// roadmap: team "web": invalid: sprints[0].capacity: team "web" sprint "S1": capacity must be at least 0, got -8
}

func scheduleItems() []roadmap.Item {
	w := func(id, e string, p roadmap.Priority, deps ...roadmap.ItemID) roadmap.Item {
		it := roadmap.Item{ID: roadmap.ItemID(id), Team: "web", Estimate: est(e), Priority: p}
		for _, d := range deps {
			it.DependsOn = append(it.DependsOn, roadmap.Dependency{On: d})
		}
		return it
	}
	return []roadmap.Item{w("A", "3", 1), w("B", "3", 2), w("C", "2", 3), w("D", "4", 1, "A"), w("E", "6", 1), w("F", "1", 4, "E")}
}

func ExampleSchedule() {
	teams := []roadmap.Team{{ID: "web", Sprints: twoWeekSprints(3, "5")}}
	r, err := roadmap.Schedule(scheduleItems(), teams, roadmap.ScheduleOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.Placements {
		fmt.Println(p.ID, p.Sprint, p.Start.Format(time.DateOnly))
	}
	for _, u := range r.Unfit {
		fmt.Println(u.ID, u.Reason, u.Detail)
	}
	for _, l := range r.Load {
		fmt.Println(l.Sprint, l.Used, "/", l.Capacity)
	}
	// Output:
	// A S1 2026-01-05
	// C S1 2026-01-05
	// D S2 2026-01-19
	// B S3 2026-02-02
	// E too_large estimate 6 exceeds the capacity of every remaining sprint of team "web" (at most 5)
	// F dependency prerequisite "E" is not scheduled
	// S1 5 / 5
	// S2 4 / 5
	// S3 3 / 5
}

func ExampleScheduleResult_Placement() {
	r, _ := roadmap.Schedule(scheduleItems(), []roadmap.Team{{ID: "web", Sprints: twoWeekSprints(3, "5")}}, roadmap.ScheduleOptions{})
	p, ok := r.Placement("D")
	fmt.Println(p.Sprint, ok)
	// Output:
	// S2 true
}

// What if the first sprint had 8 points instead of 5?
func ExampleDiff() {
	teams := []roadmap.Team{{ID: "web", Sprints: twoWeekSprints(3, "5")}}
	before, _ := roadmap.Schedule(scheduleItems(), teams, roadmap.ScheduleOptions{})
	teams[0].Sprints[0].Capacity = decimal.NewFromInt(8)
	after, _ := roadmap.Schedule(scheduleItems(), teams, roadmap.ScheduleOptions{})
	d := roadmap.Diff(before, after)
	for _, m := range d.Moved {
		fmt.Println(m.ID, m.FromSprint, "->", m.ToSprint)
	}
	fmt.Println("finish", d.FinishBefore.Format(time.DateOnly), "->", d.FinishAfter.Format(time.DateOnly))
	// Output:
	// B S3 -> S1
	// finish 2026-02-16 -> 2026-02-02
}

func ExampleScheduleResult_Conflicts() {
	items := scheduleItems()
	r, _ := roadmap.Schedule(items, []roadmap.Team{{ID: "web", Sprints: twoWeekSprints(3, "5")}}, roadmap.ScheduleOptions{})
	// Pull D into A's sprint by hand.
	for i, p := range r.Placements {
		if p.ID == "D" {
			r.Placements[i].Sprint, r.Placements[i].Start, r.Placements[i].End = "S1", jan5, jan5.AddDate(0, 0, 14)
		}
	}
	c, _ := r.Conflicts(items, roadmap.Sequential)
	fmt.Println(c[0].Detail)
	c, _ = r.Conflicts(items, roadmap.Concurrent)
	fmt.Println(len(c))
	// Output:
	// "D" in "S1" is not after "A" in "S1" (sequential)
	// 0
}

func ExampleScheduleResult_Bars() {
	r, _ := roadmap.Schedule(scheduleItems(), []roadmap.Team{{ID: "web", Sprints: twoWeekSprints(3, "5")}}, roadmap.ScheduleOptions{})
	_ = roadmap.RenderTimeline(os.Stdout, r.Bars(), time.UTC)
	// Output:
	// 2026
	//    Jan Feb
	// A  ##....  S1
	// C  ##....  S1
	// D  ..##..  S2
	// B  ....##  S3
}

func ExampleConflicts() {
	items := []roadmap.Item{
		{ID: "api", Target: roadmap.QuarterOf(2026, 3)},
		{ID: "mobile", Start: roadmap.MonthOf(2026, time.September), DependsOn: []roadmap.Dependency{{On: "api"}}},
	}
	c, _ := roadmap.Conflicts(items, roadmap.Calendar{})
	fmt.Println(c[0].Detail)
	// Output:
	// "mobile" starts 2026-09-01, before "api" ends 2026-10-01
}

func progressItems() []roadmap.Item {
	return []roadmap.Item{
		{ID: "E", Kind: roadmap.Epic},
		{ID: "F1", Parent: "E", Status: roadmap.Done, Estimate: est("3")},
		{ID: "F2", Parent: "E", Status: roadmap.InProgress, Estimate: est("5")},
		{ID: "F3", Parent: "E", Status: roadmap.Paused, Estimate: est("2")},
		{ID: "F4", Parent: "E"},
		{ID: "F5", Parent: "E", Status: roadmap.Canceled, Estimate: est("8")},
		{ID: "F6", Parent: "E", Status: roadmap.Planned, Estimate: est("4")},
	}
}

func ExampleProgress() {
	for _, f := range []roadmap.Formula{roadmap.LinearFormula(), roadmap.EstimateFormula(), roadmap.CountFormula()} {
		p, _ := roadmap.Progress(progressItems(), "E", f)
		fmt.Printf("%-8s %s\n", f.Name, p.Formula)
	}
	// Output:
	// linear   (done + 0.25 × in progress) / total = (3 + 0.25 × 7) / 15 = 0.316667
	// estimate done / total = 3 / 14 = 0.214286
	// count    done items / items = 1 / 5 = 0.2
}

func ExampleLinearFormula() {
	f := roadmap.LinearFormula()
	fmt.Println(f.InProgressCredit, *f.UnestimatedPoints, f.CountBased)
	// Output:
	// 0.25 1 false
}

func ExampleEstimateFormula() {
	p, _ := roadmap.Progress(progressItems(), "E", roadmap.EstimateFormula())
	fmt.Println(p.Value, p.Done, p.Total)
	// Output:
	// 0.214286 3 14
}

func ExampleCountFormula() {
	p, _ := roadmap.Progress(progressItems(), "E", roadmap.CountFormula())
	fmt.Println(p.Value, p.Items, p.Canceled)
	// Output:
	// 0.2 5 1
}

func ExampleFormula_Validate() {
	fmt.Println(roadmap.Formula{InProgressCredit: decimal.RequireFromString("1.5")}.Validate())
	// Output:
	// roadmap: progress formula: invalid: in_progress_credit: must be between 0 and 1, got 1.5
}

func ExampleScoreKeyResult() {
	// Lower is better: churn from 10 % to 2 %, now 4 %.
	s, _ := roadmap.ScoreKeyResult(roadmap.KeyResult{ID: "churn", Start: decimal.NewFromInt(10), Target: decimal.NewFromInt(2), Current: decimal.NewFromInt(4)})
	fmt.Println(s.Progress, s.Score, s.Band)
	_, err := roadmap.ScoreKeyResult(roadmap.KeyResult{ID: "flat", Start: decimal.NewFromInt(5), Target: decimal.NewFromInt(5)})
	fmt.Println(err)
	// Output:
	// 0.75 0.75 green
	// roadmap: key result: invalid: keyResult.target: key result "flat": target must differ from start (5)
}

func ExampleScoreObjectives() {
	objs := []roadmap.Objective{
		{ID: "grow", Expectation: roadmap.Aspirational},
		{ID: "activation", Parent: "grow", KeyResults: []roadmap.KeyResult{
			{ID: "k1", Start: decimal.Zero, Target: decimal.NewFromInt(100), Current: decimal.NewFromInt(50)},
			{ID: "k2", Start: decimal.Zero, Target: decimal.NewFromInt(10), Current: decimal.NewFromInt(12), Weight: decimal.NewFromInt(3)},
		}},
		{ID: "retention", Parent: "grow", Weight: decimal.NewFromInt(3), KeyResults: []roadmap.KeyResult{
			{ID: "k3", Start: decimal.Zero, Target: decimal.NewFromInt(4), Current: decimal.NewFromInt(1)},
		}},
	}
	for _, roll := range []roadmap.RollUp{roadmap.Weighted, roadmap.Unweighted} {
		scores, _ := roadmap.ScoreObjectives(objs, roll)
		for _, s := range scores {
			fmt.Printf("%-10s %-8s %-6s met=%t  %s\n", s.ID, s.Score, s.Band, s.Met, s.Formula)
		}
	}
	// Output:
	// grow       0.40625  yellow met=false  weighted: (1×0.875 + 3×0.25) / 4 = 0.40625
	// activation 0.875    green  met=false  weighted: (1×0.5 + 3×1) / 4 = 0.875
	// retention  0.25     red    met=false  weighted: (1×0.25) / 1 = 0.25
	// grow       0.5      yellow met=false  unweighted: (1×0.75 + 1×0.25) / 2 = 0.5
	// activation 0.75     green  met=false  unweighted: (1×0.5 + 1×1) / 2 = 0.75
	// retention  0.25     red    met=false  unweighted: (1×0.25) / 1 = 0.25
}

func ExampleValidateObjectives() {
	err := roadmap.ValidateObjectives([]roadmap.Objective{{ID: "a", Parent: "missing"}, {ID: "a"}})
	fmt.Println(err)
	// Output:
	// roadmap: objectives: invalid: objectives[1].id: duplicate objective "a"; objectives[0].parent: objective "a" has unknown parent "missing"
}

func ExampleBandOf() {
	for _, s := range []string{"0.3", "0.4", "0.69", "0.7"} {
		fmt.Print(roadmap.BandOf(decimal.RequireFromString(s)), " ")
	}
	fmt.Println()
	// Output:
	// red yellow yellow green
}

func ExampleExpectation_Met() {
	s := decimal.RequireFromString("0.8")
	fmt.Println(roadmap.Committed.Met(s), roadmap.Aspirational.Met(s))
	// Output:
	// false true
}

func ExampleAlignment() {
	objs := []roadmap.Objective{{ID: "grow", KeyResults: []roadmap.KeyResult{{ID: "signups", Start: decimal.Zero, Target: decimal.NewFromInt(1000)}}}, {ID: "retain"}}
	items := []roadmap.Item{
		{ID: "onboarding", KeyResults: []roadmap.KeyResultID{"signups"}, Estimate: est("8")},
		{ID: "referrals", Objectives: []roadmap.ObjectiveID{"grow", "retain"}, Estimate: est("4")},
		{ID: "refactor", Estimate: est("4")},
	}
	r, _ := roadmap.Alignment(items, objs)
	fmt.Println("items", r.ItemCoverage.Num, "/", r.ItemCoverage.Den, "=", r.ItemCoverage.Value)
	fmt.Println("effort", r.EffortCoverage.Num, "/", r.EffortCoverage.Den, "=", r.EffortCoverage.Value)
	fmt.Println("unaligned", r.Unaligned, "orphans", r.Orphans)
	for _, o := range r.PerObjective {
		fmt.Println(o.ID, o.Items, o.Effort)
	}
	// Output:
	// items 2 / 3 = 0.666667
	// effort 12 / 16 = 0.75
	// unaligned [refactor] orphans []
	// grow 2 10
	// retain 1 2
}

func viewItems() []roadmap.Item {
	return []roadmap.Item{
		{ID: "sso", Team: "core", Horizon: roadmap.Now, Priority: 1, Target: roadmap.QuarterOf(2026, 1), Objectives: []roadmap.ObjectiveID{"enterprise"}},
		{ID: "audit-log", Team: "core", Horizon: roadmap.Next, Target: roadmap.MonthOf(2026, time.May), Objectives: []roadmap.ObjectiveID{"enterprise"}},
		{ID: "dark-mode", Team: "web", Horizon: roadmap.Later},
	}
}

func ExampleByQuarter() {
	groups, _ := roadmap.ByQuarter(viewItems(), roadmap.Calendar{})
	for _, g := range groups {
		fmt.Printf("%q %v\n", g.Key, g.Items)
	}
	// Output:
	// "2026-Q1" [sso]
	// "2026-Q2" [audit-log]
	// "" [dark-mode]
}

func ExampleByHorizon() {
	groups, _ := roadmap.ByHorizon(viewItems())
	for _, g := range groups {
		fmt.Println(g.Key, g.Items)
	}
	// Output:
	// now [sso]
	// next [audit-log]
	// later [dark-mode]
}

func ExampleByTeam() {
	groups, _ := roadmap.ByTeam(viewItems())
	for _, g := range groups {
		fmt.Println(g.Key, g.Items)
	}
	// Output:
	// core [sso audit-log]
	// web [dark-mode]
}

func ExampleByObjective() {
	groups, _ := roadmap.ByObjective(viewItems(), []roadmap.Objective{{ID: "enterprise"}})
	for _, g := range groups {
		fmt.Printf("%q %v\n", g.Key, g.Items)
	}
	// Output:
	// "enterprise" [sso audit-log]
	// "" [dark-mode]
}

func ExampleHorizonOf() {
	asOf := time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)
	for _, p := range []roadmap.Period{roadmap.MonthOf(2026, time.June), roadmap.QuarterOf(2026, 3), roadmap.HalfOf(2027, 1)} {
		h, _ := roadmap.HorizonOf(p, roadmap.Calendar{}, asOf)
		fmt.Print(p, "=", h, " ")
	}
	fmt.Println()
	// Output:
	// 2026-06=now 2026-Q3=next 2027-H1=later
}

func ExampleItemBars() {
	items := []roadmap.Item{{ID: "sso", Start: roadmap.MonthOf(2026, time.January), Target: roadmap.MonthOf(2026, time.February)}}
	bars, _ := roadmap.ItemBars(items, roadmap.Calendar{})
	_ = roadmap.RenderTimeline(os.Stdout, bars, time.UTC)
	// Output:
	// 2026
	//      Jan  Feb
	// sso  #########  2026-01 → 2026-02
}

func ExampleRenderTimeline() {
	bars := []roadmap.Bar{
		{Label: "search", Start: jan5, End: jan5.AddDate(0, 0, 21), Note: "core"},
		{Label: "billing", Start: jan5.AddDate(0, 0, 14), End: jan5.AddDate(0, 0, 49), Note: "web"},
	}
	_ = roadmap.RenderTimeline(os.Stdout, bars, time.UTC)
	// Output:
	// 2026
	//          Jan Feb
	// search   ###....  core
	// billing  ..#####  web
}

func ExampleCategory_UnmarshalText() {
	var c roadmap.Category
	_ = c.UnmarshalText([]byte("started")) // Linear's and Plane's name for in progress
	fmt.Println(c)
	// Output:
	// in_progress
}

func ExampleDates() {
	items := []roadmap.Item{
		{ID: "billing", Kind: roadmap.Epic, Target: roadmap.QuarterOf(2026, 4)},
		{ID: "metering", Parent: "billing", Start: roadmap.MonthOf(2026, time.July), Target: roadmap.MonthOf(2026, time.August)},
		{ID: "invoices", Parent: "billing", Start: roadmap.MonthOf(2026, time.September)},
	}
	spans, _ := roadmap.Dates(items, roadmap.Calendar{})
	for _, s := range spans {
		fmt.Println(s.ID, s.Start.Format(time.DateOnly), s.StartInherited, s.End.Format(time.DateOnly), s.EndInherited)
	}
	// Output:
	// billing 2026-07-01 true 2027-01-01 false
	// invoices 2026-09-01 false 0001-01-01 false
	// metering 2026-07-01 false 2026-09-01 false
}

func ExampleItem_UnmarshalJSON() {
	var items []roadmap.Item
	err := json.Unmarshal([]byte(`[{"id":"sso","target":"2026-Q3"},{"id":"audit","target":"after sso"}]`), &items)
	fmt.Println(err)
	fmt.Println(errors.Is(err, roadmap.ErrPeriodSyntax))
	// Output:
	// roadmap: item "audit": target: unparseable period "after sso": want a four-digit year
	// true
}

func ExampleScheduleHealth() {
	april, _ := roadmap.Calendar{}.Range(roadmap.MonthOf(2026, time.April))
	asOf := time.Date(2026, 4, 16, 0, 0, 0, 0, time.UTC)
	h, err := roadmap.ScheduleHealth(april, decimal.RequireFromString("0.25"), roadmap.InProgress, asOf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(h.Status, h.Rule, "expected", h.Expected, "gap", h.Gap, "day", h.ElapsedDays, "of", h.TotalDays)
	fmt.Println(h.Reason)
	// Output:
	// at_risk gap expected 0.5 gap 0.25 day 15 of 30
	// expected 0.5 by now (day 15 of 30), progress 0.25 (gap 0.25)
}

func ExampleDateRange_LastDay() {
	feb, _ := roadmap.Calendar{}.Range(roadmap.MonthOf(2028, time.February))
	fmt.Println(feb.LastDay().Format(time.DateOnly))
	// Output:
	// 2028-02-29
}

func ExampleDateRange_Overlaps() {
	cal := roadmap.Calendar{}
	q3, _ := cal.Range(roadmap.QuarterOf(2026, 3))
	sep, _ := cal.Range(roadmap.MonthOf(2026, time.September))
	oct, _ := cal.Range(roadmap.MonthOf(2026, time.October))
	fmt.Println(q3.Overlaps(sep), q3.Overlaps(oct))
	// Output:
	// true false
}

func ExampleMonthOf() {
	fmt.Println(roadmap.MonthOf(2026, time.March))
	// Output:
	// 2026-03
}

func ExampleQuarterOf() {
	// Fiscal quarter 1 of FY2026; with an October fiscal start it begins in 2025.
	r, _ := roadmap.Calendar{FiscalStartMonth: time.October}.Range(roadmap.QuarterOf(2026, 1))
	fmt.Println(roadmap.QuarterOf(2026, 1), r.Start.Format(time.DateOnly))
	// Output:
	// 2026-Q1 2025-10-01
}

func ExampleHalfOf() {
	fmt.Println(roadmap.HalfOf(2026, 2))
	// Output:
	// 2026-H2
}

func ExampleYearOf() {
	r, _ := roadmap.Calendar{FiscalStartMonth: time.July}.Range(roadmap.YearOf(2026))
	fmt.Println(roadmap.YearOf(2026), r.Start.Format(time.DateOnly), r.LastDay().Format(time.DateOnly))
	// Output:
	// 2026 2025-07-01 2026-06-30
}

func ExampleTeam_CapacityIn() {
	t := roadmap.Team{ID: "web", Sprints: twoWeekSprints(8, "10")}
	q1, _ := roadmap.Calendar{}.Range(roadmap.QuarterOf(2026, 1))
	capacity, err := t.CapacityIn(q1) // sprints starting Jan 5 ... Mar 30: seven of them
	fmt.Println(capacity, err)
	// Output:
	// 70 <nil>
}

func ExamplePlan_Validate() {
	plan := roadmap.Plan{
		Items: []roadmap.Item{
			{ID: "sso", Team: "core", Target: roadmap.QuarterOf(2026, 3), KeyResults: []roadmap.KeyResultID{"kr-sso"}},
			{ID: "scim", Team: "mobile", DependsOn: []roadmap.Dependency{{On: "sso"}, {On: "directory"}}},
		},
		Objectives: []roadmap.Objective{{ID: "enterprise", KeyResults: []roadmap.KeyResult{{ID: "kr-sso", Start: decimal.NewFromInt(10), Target: decimal.NewFromInt(10)}}}},
		Teams:      []roadmap.Team{{ID: "core", Sprints: twoWeekSprints(2, "-1")}},
	}
	err := plan.Validate()
	var ve *productops.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f)
		}
	}
	// Output:
	// items[1].depends_on[1].on: item "scim" depends on unknown item "directory"
	// objectives[0].key_results[0].target: key result "kr-sso": target must differ from start (10)
	// teams[0].sprints[0].capacity: team "core" sprint "S1": capacity must be at least 0, got -1
	// teams[0].sprints[1].capacity: team "core" sprint "S2": capacity must be at least 0, got -1
	// items[1].team: item "scim" has unknown team "mobile"
}

func ExamplePlan_All() {
	plan := roadmap.Plan{Items: []roadmap.Item{{ID: "b"}, {ID: "c"}, {ID: "a"}}}
	for it := range plan.All() {
		fmt.Print(it.ID, " ")
	}
	fmt.Println()
	// Output:
	// a b c
}

func ExampleScoreObjectivesWith() {
	objs := []roadmap.Objective{
		{ID: "grow"},
		{ID: "activation", Parent: "grow", KeyResults: []roadmap.KeyResult{
			{ID: "k1", Start: decimal.Zero, Target: decimal.NewFromInt(100), Current: decimal.NewFromInt(50)},
			{ID: "k2", Start: decimal.Zero, Target: decimal.NewFromInt(10), Current: decimal.NewFromInt(12), Weight: decimal.NewFromInt(3)},
		}},
		{ID: "retention", Parent: "grow", Weight: decimal.NewFromInt(3), KeyResults: []roadmap.KeyResult{
			{ID: "k3", Start: decimal.Zero, Target: decimal.NewFromInt(4), Current: decimal.NewFromInt(1)},
		}},
	}
	// Key results by their weights, child objectives as a plain mean.
	scores, err := roadmap.ScoreObjectivesWith(objs, roadmap.ScoreOptions{KeyResults: roadmap.Weighted, Children: roadmap.Unweighted})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range scores {
		fmt.Println(s.ID, s.Numerator, "/", s.Denominator, "=", s.Score, s.Band)
	}
	// Output:
	// grow 1.125 / 2 = 0.5625 yellow
	// activation 3.5 / 4 = 0.875 green
	// retention 0.25 / 1 = 0.25 red
}

func ExampleKRKind() {
	// A binary key result scores 1 once done and 0 before; without Start and Target it
	// reads as 0 to 1.
	launched, _ := roadmap.ScoreKeyResult(roadmap.KeyResult{ID: "sso-ga", Kind: roadmap.BinaryKR, Current: decimal.NewFromInt(1)})
	// Five of six integrations: 0.83 as a number, still 0 as a binary result.
	partial, _ := roadmap.ScoreKeyResult(roadmap.KeyResult{ID: "integrations", Kind: roadmap.BinaryKR, Start: decimal.Zero, Target: decimal.NewFromInt(6), Current: decimal.NewFromInt(5)})
	fmt.Println(launched.Score, launched.Achieved)
	fmt.Println(partial.Progress, partial.Score, partial.Achieved, partial.Numerator, "/", partial.Denominator)
	// Output:
	// 1 true
	// 0.833333 0 false 5 / 6
}

func ExampleScheduleContext() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	items := []roadmap.Item{{ID: "api", Team: "core", Estimate: est("3")}, {ID: "ui", Team: "core", Estimate: est("4"), DependsOn: []roadmap.Dependency{{On: "api"}}}}
	teams := []roadmap.Team{{ID: "core", Sprints: twoWeekSprints(2, "5")}}
	r, err := roadmap.ScheduleContext(ctx, items, teams, roadmap.ScheduleOptions{})
	fmt.Println(len(r.Placements), err)
	// A cap on the scheduler's steps stops a plan too large for it.
	_, err = roadmap.ScheduleContext(ctx, items, teams, roadmap.ScheduleOptions{MaxWork: 3})
	fmt.Println(errors.Is(err, roadmap.ErrWorkLimit), err)
	// Output:
	// 2 <nil>
	// true roadmap: work limit exceeded: schedule needs more than 3 steps (raise ScheduleOptions.MaxWork)
}

func ExampleParseItems() {
	// "estimte" is a typo: json.Unmarshal would drop it and leave the item unestimated.
	_, err := roadmap.ParseItems([]byte(`[{"id":"sso","estimte":"3"}]`))
	fmt.Println(err)
	items, err := roadmap.ParseItems([]byte(`[{"id":"sso","estimate":"3","target":"2026-Q3"}]`))
	fmt.Println(items[0].ID, items[0].Estimate, items[0].Target, err)
	// Output:
	// roadmap: items: invalid: items[0]: unknown field "estimte"
	// sso 3 2026-Q3 <nil>
}

func ExampleParsePlan() {
	p, err := roadmap.ParsePlan([]byte(`{
		"items": [{"id": "sso", "team": "core", "target": "2026-Q3"}],
		"teams": [{"id": "core", "sprints": []}],
		"calendar": {"location": "Europe/Berlin", "fiscal_start_month": 10}
	}`))
	fmt.Println(len(p.Items), p.Calendar.Location, p.Calendar.FiscalStartMonth, err)
	_, err = roadmap.ParsePlan([]byte(`{"items": [], "calender": {}}`))
	fmt.Println(err)
	// Output:
	// 1 Europe/Berlin October <nil>
	// roadmap: plan: invalid: unknown field "calender"
}

func ExamplePlan_Dates() {
	plan := roadmap.Plan{
		Items: []roadmap.Item{
			{ID: "billing", Kind: roadmap.Epic},
			{ID: "metering", Parent: "billing", Start: roadmap.MonthOf(2026, time.July), Target: roadmap.QuarterOf(2026, 4)},
			{ID: "invoices", Parent: "billing"},
		},
		Calendar: roadmap.Calendar{FiscalStartMonth: time.October}, // FY2026 Q4 is July-September 2026
	}
	spans, _ := plan.Dates()
	for _, s := range spans {
		r, ok := s.DateRange()
		fmt.Println(s.ID, ok, r.Start.Format(time.DateOnly), s.LastDay.Format(time.DateOnly), s.EndInherited)
	}
	// Output:
	// billing true 2026-07-01 2026-09-30 true
	// invoices false 0001-01-01 0001-01-01 false
	// metering true 2026-07-01 2026-09-30 false
}

func ExampleSpan_DateRange() {
	items := []roadmap.Item{{ID: "sso", Start: roadmap.MonthOf(2026, time.April), Target: roadmap.MonthOf(2026, time.June)}}
	spans, _ := roadmap.Dates(items, roadmap.Calendar{})
	r, ok := spans[0].DateRange()
	fmt.Println(ok, r.Start.Format(time.DateOnly), r.End.Format(time.DateOnly), spans[0].LastDay.Format(time.DateOnly))
	h, _ := roadmap.ScheduleHealth(r, decimal.RequireFromString("0.4"), roadmap.InProgress, time.Date(2026, 5, 16, 0, 0, 0, 0, time.UTC))
	fmt.Println(h.Status, h.Expected, h.Gap)
	// Output:
	// true 2026-04-01 2026-07-01 2026-06-30
	// on_track 0.494505 0.094505
}

func ExampleScheduleHealthResult_Health() {
	q, _ := roadmap.Calendar{}.Range(roadmap.QuarterOf(2026, 2))
	r, _ := roadmap.ScheduleHealth(q, decimal.RequireFromString("0.1"), roadmap.InProgress, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	item := roadmap.Item{ID: "sso"}
	item.Health = r.Health() // store the computed health like a reported one
	fmt.Println(item.Health.Status, r.Rule)
	// Output:
	// off_track gap
}

func ExampleScheduleResult_WriteCSV() {
	items := []roadmap.Item{
		{ID: "api", Team: "core", Estimate: est("3"), Priority: 1},
		{ID: "ui", Team: "core", Estimate: est("4"), DependsOn: []roadmap.Dependency{{On: "api"}}},
		{ID: "sso", Team: "core", Estimate: est("8")},
	}
	r, _ := roadmap.Schedule(items, []roadmap.Team{{ID: "core", Sprints: twoWeekSprints(2, "5")}}, roadmap.ScheduleOptions{})
	if err := r.WriteCSV(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// id,outcome,team,sprint,bucket,start,end,parent,reason,blocker,blocker_placed,no_bucket_left,estimate,max_capacity,detail
	// api,placed,core,S1,0,2026-01-05T00:00:00Z,2026-01-19T00:00:00Z,false,,,,,,,
	// ui,placed,core,S2,1,2026-01-19T00:00:00Z,2026-02-02T00:00:00Z,false,,,,,,,
	// sso,unfit,core,,,,,,too_large,,false,false,8,5,"estimate 8 exceeds the capacity of every remaining sprint of team ""core"" (at most 5)"
}

func ExampleScheduleResult_WriteLoadCSV() {
	items := []roadmap.Item{{ID: "api", Team: "core", Estimate: est("3")}, {ID: "ui", Team: "core", Estimate: est("1.5")}}
	r, _ := roadmap.Schedule(items, []roadmap.Team{{ID: "core", Sprints: twoWeekSprints(2, "5")}}, roadmap.ScheduleOptions{})
	if err := r.WriteLoadCSV(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// team,sprint,start,end,capacity,used,items
	// core,S1,2026-01-05T00:00:00Z,2026-01-19T00:00:00Z,5,4.5,2
	// core,S2,2026-01-19T00:00:00Z,2026-02-02T00:00:00Z,5,0,0
}

func ExampleCPM_WriteCSV() {
	cpm, _ := roadmap.CriticalPath([]roadmap.Item{
		{ID: "api", Estimate: est("3")},
		{ID: "ui", Estimate: est("4"), DependsOn: []roadmap.Dependency{{On: "api"}}},
		{ID: "docs", Estimate: est("1"), DependsOn: []roadmap.Dependency{{On: "api"}}},
	}, roadmap.CPMOptions{})
	if err := cpm.WriteCSV(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// id,duration,early_start,early_finish,late_start,late_finish,total_float,free_float,critical,path_position
	// api,3,0,3,0,3,0,0,true,0
	// docs,1,3,4,6,7,3,3,false,
	// ui,4,3,7,3,7,0,0,true,1
}
