package roadmap

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
)

var jan5 = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// sprints builds n two-week sprints S1..Sn from 2026-01-05 with the given capacities.
func sprints(caps ...string) []Sprint {
	out := make([]Sprint, len(caps))
	for i, c := range caps {
		out[i] = Sprint{ID: fmt.Sprintf("S%d", i+1), Start: jan5.AddDate(0, 0, 14*i), End: jan5.AddDate(0, 0, 14*(i+1)), Capacity: d(c)}
	}
	return out
}

func work(id string, est string, prio Priority, deps ...string) Item {
	it := node(id, deps...)
	it.Team, it.Priority = "T", prio
	if est != "" {
		it.Estimate = dp(est)
	}
	return it
}

// schedItems is the hand-worked capacity vector (§5.4): A 3 p1, B 3 p2, C 2 p3, D 4 p1
// after A, E 6 p1 (larger than any sprint), F 1 p4 after E.
func schedItems() []Item {
	return []Item{
		work("A", "3", 1), work("B", "3", 2), work("C", "2", 3),
		work("D", "4", 1, "A"), work("E", "6", 1), work("F", "1", 4, "E"),
	}
}

// placed lists sprint names by item for compact comparison.
func placed(r ScheduleResult) map[ItemID]string {
	m := map[ItemID]string{}
	for _, p := range r.Placements {
		m[p.ID] = p.Sprint
	}
	return m
}

func TestSchedule(t *testing.T) {
	too_large := Unfit{ID: "E", Reason: ReasonTooLarge, Team: "T", Estimate: dp("6"), MaxCapacity: dp("5"), Detail: `estimate 6 exceeds the capacity of every remaining sprint of team "T" (at most 5)`}
	blockedF := Unfit{ID: "F", Reason: ReasonDependency, Team: "T", Blocker: "E", Estimate: dp("1"), Detail: `prerequisite "E" is not scheduled`}
	lagD := schedItems()
	lagD[3].DependsOn[0] = Dependency{On: "A", Type: FinishToStart, Lag: 1}
	run := func(items []Item, caps []string, opts ScheduleOptions) ScheduleResult {
		t.Helper()
		r, err := Schedule(items, []Team{{ID: "T", Sprints: sprints(caps...)}}, opts)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	check := func(name string, r ScheduleResult, want map[ItemID]string, unfit []Unfit) {
		t.Helper()
		if diff := cmp.Diff(want, placed(r)); diff != "" {
			t.Errorf("%s: placements (-want +got):\n%s", name, diff)
		}
		if diff := cmp.Diff(unfit, r.Unfit, decEq); diff != "" {
			t.Errorf("%s: unfit (-want +got):\n%s", name, diff)
		}
	}

	r := run(schedItems(), []string{"5", "5", "5"}, ScheduleOptions{})
	check("sequential", r, map[ItemID]string{"A": "S1", "C": "S1", "D": "S2", "B": "S3"}, []Unfit{too_large, blockedF})
	var used []string
	for _, l := range r.Load {
		used = append(used, l.Used.String())
	}
	if diff := cmp.Diff([]string{"5", "4", "3"}, used); diff != "" {
		t.Errorf("load (-want +got):\n%s", diff)
	}
	if want := jan5.AddDate(0, 0, 42); !r.Finish.Equal(want) {
		t.Errorf("finish = %v, want %v", r.Finish, want)
	}

	// Capacity 8. Sequential: S1 takes A, B, C (3+3+2); D must wait for S2.
	items := schedItems()
	items[4].Estimate = dp("9")
	too_large8 := Unfit{ID: "E", Reason: ReasonTooLarge, Team: "T", Estimate: dp("9"), MaxCapacity: dp("8"), Detail: `estimate 9 exceeds the capacity of every remaining sprint of team "T" (at most 8)`}
	check("sequential wide", run(items, []string{"8", "8"}, ScheduleOptions{}),
		map[ItemID]string{"A": "S1", "B": "S1", "C": "S1", "D": "S2"}, []Unfit{too_large8, blockedF})
	// Concurrent: A placed in S1 frees D at once; D (p1) outranks B and takes 4, leaving
	// 1, so B and C move to S2.
	check("concurrent wide", run(items, []string{"8", "8"}, ScheduleOptions{Mode: Concurrent}),
		map[ItemID]string{"A": "S1", "D": "S1", "B": "S2", "C": "S2"}, []Unfit{too_large8, blockedF})
	// Lag 1 sprint: D may start only in S3.
	check("lag", run(lagD, []string{"5", "5", "5"}, ScheduleOptions{}),
		map[ItemID]string{"A": "S1", "C": "S1", "B": "S2", "D": "S3"}, []Unfit{too_large, blockedF})
	// Horizon at S3's start: B no longer fits.
	check("horizon", run(schedItems(), []string{"5", "5", "5"}, ScheduleOptions{Horizon: jan5.AddDate(0, 0, 28)}),
		map[ItemID]string{"A": "S1", "C": "S1", "D": "S2"},
		[]Unfit{{ID: "B", Reason: ReasonCapacity, Team: "T", Estimate: dp("3"), Detail: `no room in team "T"'s sprints before the horizon`}, too_large, blockedF})
	// D's lag pushes it past the horizon: a dependency reason naming A.
	check("lag past horizon", run(lagD, []string{"5", "5"}, ScheduleOptions{}),
		map[ItemID]string{"A": "S1", "C": "S1", "B": "S2"},
		[]Unfit{{ID: "D", Reason: ReasonDependency, Team: "T", Blocker: "A", BlockerPlaced: true, Estimate: dp("4"), Detail: `prerequisite "A" finishes too late for any sprint of team "T" before the horizon`}, too_large, blockedF})
}

func TestScheduleHierarchyAndSkips(t *testing.T) {
	items := []Item{
		{ID: "EP", Kind: Epic, Team: "T"},
		{ID: "F1", Parent: "EP", Team: "T", Estimate: dp("4"), Priority: 1},
		{ID: "F2", Parent: "EP", Team: "T", Estimate: dp("4"), Priority: 2},
		{ID: "F3", Parent: "EP", Team: "T", Estimate: dp("9"), Status: Done},
		{ID: "G", Team: "T", Status: Canceled},
		{ID: "H", Team: "T", Priority: 3, DependsOn: []Dependency{{On: "G"}, {On: "F3"}}},
	}
	r, err := Schedule(items, []Team{{ID: "T", Sprints: sprints("5", "5")}}, ScheduleOptions{Unestimated: FreeUnestimated})
	if err != nil {
		t.Fatal(err)
	}
	want := []Placement{
		{ID: "EP", Team: "T", Bucket: -1, Start: jan5, End: jan5.AddDate(0, 0, 28), Parent: true},
		{ID: "F1", Team: "T", Sprint: "S1", Bucket: 0, Start: jan5, End: jan5.AddDate(0, 0, 14)},
		{ID: "H", Team: "T", Sprint: "S1", Bucket: 0, Start: jan5, End: jan5.AddDate(0, 0, 14)},
		{ID: "F2", Team: "T", Sprint: "S2", Bucket: 1, Start: jan5.AddDate(0, 0, 14), End: jan5.AddDate(0, 0, 28)},
	}
	if diff := cmp.Diff(want, r.Placements); diff != "" {
		t.Errorf("placements (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(ids("F3", "G"), r.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	// Only one sprint: F2 does not fit, so the epic is unfit because of it.
	r, err = Schedule(items, []Team{{ID: "T", Sprints: sprints("5")}}, ScheduleOptions{Unestimated: FreeUnestimated})
	if err != nil {
		t.Fatal(err)
	}
	wantUnfit := []Unfit{
		{ID: "EP", Reason: ReasonChildren, Team: "T", Blocker: "F2", Detail: `child "F2" is not scheduled`},
		{ID: "F2", Reason: ReasonCapacity, Team: "T", Estimate: dp("4"), Detail: `no room in team "T"'s sprints before the horizon`},
	}
	if diff := cmp.Diff(wantUnfit, r.Unfit, decEq); diff != "" {
		t.Errorf("unfit (-want +got):\n%s", diff)
	}
}

func TestScheduleErrors(t *testing.T) {
	items := []Item{
		{ID: "A", Team: "T"},
		{ID: "B", Team: "Q", Estimate: dp("1")},
		{ID: "C", Estimate: dp("1")},
		{ID: "EP", Kind: Epic, DependsOn: []Dependency{{On: "A"}}},
		{ID: "D", Parent: "EP", Team: "T", Estimate: dp("1"), DependsOn: []Dependency{{On: "EP"}}},
	}
	got := fieldtest.Paths(t, func() error { _, err := Schedule(items, []Team{{ID: "T"}}, ScheduleOptions{}); return err }())
	want := []string{"items[0].estimate", "items[1].team", "items[2].team", "items[4].depends_on[0].on", "items[3].depends_on[0]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	bad := []Team{{ID: "T", Sprints: []Sprint{{ID: "x", Start: jan5, End: jan5, Capacity: d("-1")}}}, {ID: "T"}}
	got = fieldtest.Paths(t, func() error { _, err := Schedule(nil, bad, ScheduleOptions{Mode: 7}); return err }())
	want = []string{"teams[0].sprints[0].end", "teams[0].sprints[0].capacity", "teams[1].id", "options.mode"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if _, err := Schedule([]Item{node("A", "B"), node("B", "A")}, nil, ScheduleOptions{}); !errors.Is(err, ErrCycle) {
		t.Errorf("cycle: err = %v", err)
	}
	if err := (Team{ID: "T", Sprints: sprints("-2")}).Validate(); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("negative capacity: err = %v", err)
	}
}

// What-if (§5.4): raising S1's capacity from 5 to 8 lets B join A and C in S1; D stays
// in S2; the finish moves from S3's end to S2's end.
func TestDiffWhatIf(t *testing.T) {
	teams := []Team{{ID: "T", Sprints: sprints("5", "5", "5")}}
	before, err := Schedule(schedItems(), teams, ScheduleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	teams[0].Sprints = sprints("8", "5", "5")
	after, err := Schedule(schedItems(), teams, ScheduleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := ScheduleDiff{
		Moved:      []Move{{ID: "B", FromSprint: "S3", ToSprint: "S1", FromStart: jan5.AddDate(0, 0, 28), ToStart: jan5, FromEnd: jan5.AddDate(0, 0, 42), ToEnd: jan5.AddDate(0, 0, 14)}},
		NewlyUnfit: []Unfit{}, NewlyPlaced: []Placement{},
		FinishBefore: jan5.AddDate(0, 0, 42), FinishAfter: jan5.AddDate(0, 0, 28),
	}
	if diff := cmp.Diff(want, Diff(before, after)); diff != "" {
		t.Errorf("diff (-want +got):\n%s", diff)
	}
	// Estimate what-if: B grows to 6, beyond every sprint.
	items := schedItems()
	items[1].Estimate = dp("6")
	bigger, err := Schedule(items, []Team{{ID: "T", Sprints: sprints("5", "5", "5")}}, ScheduleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := Diff(before, bigger)
	if len(got.NewlyUnfit) != 1 || got.NewlyUnfit[0].ID != "B" || got.NewlyUnfit[0].Reason != ReasonTooLarge {
		t.Errorf("newly unfit = %+v", got.NewlyUnfit)
	}
	back := Diff(bigger, before)
	if len(back.NewlyPlaced) != 1 || back.NewlyPlaced[0].ID != "B" {
		t.Errorf("newly placed = %+v", back.NewlyPlaced)
	}
}

func TestScheduleConflicts(t *testing.T) {
	r, err := Schedule(schedItems(), []Team{{ID: "T", Sprints: sprints("5", "5", "5")}}, ScheduleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := r.Conflicts(schedItems(), Sequential); err != nil || len(c) != 0 {
		t.Fatalf("fresh schedule conflicts: %v, %v", c, err)
	}
	// Move D into A's sprint by hand: off-track when sequential, fine when concurrent.
	for i := range r.Placements {
		if r.Placements[i].ID == "D" {
			r.Placements[i].Sprint, r.Placements[i].Start, r.Placements[i].End = "S1", jan5, jan5.AddDate(0, 0, 14)
		}
	}
	c, err := r.Conflicts(schedItems(), Sequential)
	if err != nil {
		t.Fatal(err)
	}
	want := []Conflict{{Prerequisite: "A", Dependent: "D", PrerequisiteEnd: jan5.AddDate(0, 0, 14), DependentStart: jan5, Detail: `"D" in "S1" is not after "A" in "S1" (sequential)`}}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
	if c, _ := r.Conflicts(schedItems(), Concurrent); len(c) != 0 {
		t.Errorf("concurrent conflicts = %v", c)
	}
}

// genPlan builds a random plan: n items over two teams with random estimates,
// priorities and forward dependencies (from a smaller to a larger index), and sprint
// capacities.
func genPlan(seed uint64, n int) ([]Item, []Team) {
	rng := rand.New(rand.NewPCG(seed, 7))
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{ID: ItemID(fmt.Sprintf("i%03d", rng.IntN(1000)*1000+i)), Team: TeamID([]string{"T", "U"}[rng.IntN(2)]),
			Priority: Priority(rng.IntN(4)), Estimate: dp(fmt.Sprint(rng.IntN(6)))}
		if rng.IntN(5) == 0 {
			items[i].Status = Done
		}
		for k := 0; k < 3 && i > 0; k++ {
			if rng.IntN(2) == 0 {
				on := items[rng.IntN(i)].ID
				dup := false
				for _, dd := range items[i].DependsOn {
					dup = dup || dd.On == on
				}
				if !dup {
					items[i].DependsOn = append(items[i].DependsOn, Dependency{On: on, Type: FinishToStart, Lag: rng.IntN(2)})
				}
			}
		}
	}
	mk := func(weeks int) []Sprint {
		var out []Sprint
		for i := range 6 {
			out = append(out, Sprint{ID: fmt.Sprint(i), Start: jan5.AddDate(0, 0, 7*weeks*i), End: jan5.AddDate(0, 0, 7*weeks*(i+1)), Capacity: d(fmt.Sprint(rng.IntN(9)))})
		}
		return out
	}
	return items, []Team{{ID: "U", Sprints: mk(1)}, {ID: "T", Sprints: mk(2)}}
}

func TestScheduleProperties(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("schedules respect every dependency and every capacity", prop.ForAll(func(seed uint64, n int, concurrent bool) bool {
		items, teams := genPlan(seed, n)
		opts := ScheduleOptions{}
		if concurrent {
			opts.Mode = Concurrent
		}
		r, err := Schedule(items, teams, opts)
		if err != nil {
			t.Log(err)
			return false
		}
		at := map[ItemID]Placement{}
		for _, p := range r.Placements {
			at[p.ID] = p
		}
		byID := map[ItemID]Item{}
		for _, it := range items {
			byID[it.ID] = it
		}
		for _, it := range items {
			p, ok := at[it.ID]
			if !ok {
				continue
			}
			for _, dep := range it.DependsOn {
				pre := byID[dep.On]
				if pre.Status == Done {
					continue
				}
				q, ok := at[dep.On]
				if !ok {
					return false // placed although a prerequisite is not
				}
				if (opts.Mode == Sequential && p.Start.Before(q.End)) || p.End.Before(q.End) {
					return false
				}
				// Lag counts whole sprints of the dependent's team after the earliest one.
				var sp []Sprint
				for _, tm := range teams {
					if tm.ID == p.Team {
						sp = tm.Sprints
					}
				}
				first := slices.IndexFunc(sp, func(s Sprint) bool {
					if opts.Mode == Sequential {
						return !s.Start.Before(q.End)
					}
					return !s.End.Before(q.End)
				})
				if first < 0 || p.Bucket < first+dep.Lag {
					return false
				}
			}
		}
		for _, l := range r.Load {
			if l.Used.Cmp(l.Capacity) > 0 {
				return false
			}
		}
		if c, err := r.Conflicts(items, opts.Mode); err != nil || len(c) != 0 {
			return false
		}
		// Every open item is placed or unfit, never both.
		count := len(r.Placements) + len(r.Unfit) + len(r.Skipped)
		return count == len(items)
	}, gen.UInt64(), gen.IntRange(0, 40), gen.Bool()))
	props.Property("scheduling is independent of item and team order", prop.ForAll(func(seed uint64, n int) bool {
		items, teams := genPlan(seed, n)
		a, err := Schedule(items, teams, ScheduleOptions{})
		if err != nil {
			return false
		}
		shuffled := slices.Clone(items)
		rand.New(rand.NewPCG(seed, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		reversed := slices.Clone(teams)
		slices.Reverse(reversed)
		b, err := Schedule(shuffled, reversed, ScheduleOptions{})
		if err != nil {
			return false
		}
		return cmp.Equal(a, b, decEq)
	}, gen.UInt64(), gen.IntRange(0, 40)))
	props.TestingRun(t)
}

func TestCapacityIn(t *testing.T) {
	// Sprints start Jan 5, Jan 19, Feb 2, Feb 16: January holds the first two.
	tm := Team{ID: "T", Sprints: sprints("5", "6", "7", "8")}
	jan, _ := Calendar{}.Range(MonthOf(2026, time.January))
	q1, _ := Calendar{}.Range(QuarterOf(2026, 1))
	if got, err := tm.CapacityIn(jan); err != nil || !got.Equal(d("11")) {
		t.Errorf("January = %s, %v; want 11", got, err)
	}
	if got, err := tm.CapacityIn(q1); err != nil || !got.Equal(d("26")) {
		t.Errorf("Q1 = %s, %v; want 26", got, err)
	}
	// Regression (issue 12): an unbounded capacity hung the sum; now it is an error.
	bad := Team{ID: "T", Sprints: sprints("5")}
	bad.Sprints[0].Capacity = decimal.New(1, -(1 << 30))
	_, err := bad.CapacityIn(q1)
	if diff := cmp.Diff([]string{"sprints[0].capacity dbound"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// What does not fit carries its numbers as typed fields (issue 17): the team, the
// estimate, the largest capacity left, whether the blocker was placed, and whether any
// bucket was left at all.
func TestUnfitTypedFields(t *testing.T) {
	items := []Item{
		work("big", "9", 1), work("late", "1", 2, "big"), work("x", "2", 1),
		{ID: "y", Team: "U", Estimate: dp("1")},
	}
	teams := []Team{{ID: "T", Sprints: sprints("5")}, {ID: "U"}}
	r, err := Schedule(items, teams, ScheduleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Unfit{
		{ID: "big", Reason: ReasonTooLarge, Team: "T", Estimate: dp("9"), MaxCapacity: dp("5"), Detail: `estimate 9 exceeds the capacity of every remaining sprint of team "T" (at most 5)`},
		{ID: "late", Reason: ReasonDependency, Team: "T", Blocker: "big", Estimate: dp("1"), Detail: `prerequisite "big" is not scheduled`},
		{ID: "y", Reason: ReasonCapacity, Team: "U", NoBucketLeft: true, Estimate: dp("1"), Detail: `team "U" has no sprint left before the horizon`},
	}
	if diff := cmp.Diff(want, r.Unfit, decEq); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
