package events

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/productops/productops/internal/proptest"
)

var propBase = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// randomEvents makes a small event log from a seed: up to 12 users, 4 event names, times
// over 40 days at minute resolution (so ties happen), some with a "plan" property.
func randomEvents(seed uint64, n int) []Event {
	r := rand.New(rand.NewPCG(seed, 7))
	users := 1 + r.IntN(12)
	names := []string{"a", "b", "c", "d"}
	out := make([]Event, n)
	for i := range out {
		out[i] = Event{
			User: UserID("u" + strconv.Itoa(r.IntN(users))),
			Name: names[r.IntN(len(names))],
			Time: propBase.Add(time.Duration(r.IntN(40*24*60)) * time.Minute),
		}
		if r.IntN(3) == 0 {
			out[i].Props = map[string]string{"plan": []string{"free", "pro"}[r.IntN(2)]}
		}
	}
	return out
}

// randomRetention and randomFunnel pick option variants from a seed.
func randomRetention(seed uint64) RetentionOptions {
	r := rand.New(rand.NewPCG(seed, 11))
	o := RetentionOptions{
		Cohort: CohortType(r.IntN(2)), Granularity: Granularity(r.IntN(3)), Window: RetentionWindow(r.IntN(2)),
		HourFloor: r.IntN(2) == 0, Anchors: RetentionAnchors(r.IntN(2)), Criterion: RetentionCriterion(r.IntN(2)),
		DayZero: DayZero(r.IntN(2)), Periods: r.IntN(10), WeekStart: time.Weekday(r.IntN(7)),
		AsOf: propBase.Add(time.Duration(r.IntN(50*24)) * time.Hour),
	}
	if r.IntN(2) == 0 {
		o.StartEvent = "a"
	}
	if r.IntN(2) == 0 {
		o.ReturnEvent = "b"
	}
	if r.IntN(4) == 0 {
		o.Brackets = []int{1 + r.IntN(3), 1 + r.IntN(3)}
	}
	return o
}

func randomFunnel(seed uint64) FunnelOptions {
	r := rand.New(rand.NewPCG(seed, 13))
	steps := []string{"a", "b", "c", "a", "d"}[:2+r.IntN(4)]
	o := FunnelOptions{Steps: steps, Window: time.Duration(1+r.IntN(10*24)) * time.Hour, Order: FunnelOrder(r.IntN(3)),
		Anchor: FunnelAnchor(r.IntN(2)), Breakdown: "plan"}
	if r.IntN(3) == 0 {
		o.Exclusions = []FunnelExclusion{{Event: "d", FromStep: 0, ToStep: 1}}
	}
	return o
}

// splitUsers deals users at random into k groups, keeping each user's events together.
func splitUsers(events []Event, k int, seed uint64) [][]Event {
	r := rand.New(rand.NewPCG(seed, 17))
	group := map[UserID]int{}
	parts := make([][]Event, k)
	for _, e := range events {
		g, ok := group[e.User]
		if !ok {
			g = r.IntN(k)
			group[e.User] = g
		}
		parts[g] = append(parts[g], e)
	}
	return parts
}

func shuffled(events []Event, seed uint64) []Event {
	s := slices.Clone(events)
	rand.New(rand.NewPCG(seed, 19)).Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	return s
}

func TestEventKPIProperties(t *testing.T) {
	params := proptest.Parameters(t)
	params.MinSuccessfulTests = min(params.MinSuccessfulTests, 40) // each case runs every KPI
	props := gopter.NewProperties(params)
	seeds := gen.UInt64()
	sizes := gen.IntRange(0, 120)

	props.Property("retained never exceeds the cohort size", prop.ForAll(func(seed uint64, n int) bool {
		r, err := Retention(mustLog(t, randomEvents(seed, n)...), randomRetention(seed))
		if err != nil {
			return false
		}
		for _, c := range r.Cohorts {
			for _, cell := range c.Cells {
				if cell.Retained < 0 || cell.Retained > c.Size {
					return false
				}
			}
		}
		return true
	}, seeds, sizes))

	props.Property("funnel counts never increase by step", prop.ForAll(func(seed uint64, n int) bool {
		r, err := Funnel(mustLog(t, randomEvents(seed, n)...), randomFunnel(seed))
		if err != nil {
			return false
		}
		for _, f := range append([]FunnelBreakdown{{Funnel: r}}, r.Breakdown...) {
			for k := 1; k < len(f.Funnel.Steps); k++ {
				if f.Funnel.Steps[k].Users > f.Funnel.Steps[k-1].Users {
					return false
				}
			}
		}
		return true
	}, seeds, sizes))

	props.Property("merge of any split equals the whole", prop.ForAll(func(seed uint64, n, k int) bool {
		events := randomEvents(seed, n)
		l := mustLog(t, events...)
		ro, fo := randomRetention(seed), randomFunnel(seed)
		ao := ActivityOptions{From: propBase, To: propBase.Add(45 * 24 * time.Hour)}
		wantR, _ := Retention(l, ro)
		wantF, _ := Funnel(l, fo)
		wantA, _ := DailyActivity(l, ao)
		ra, _ := NewRetentionAggregate(ro)
		fa, _ := NewFunnelAggregate(fo)
		aa, _ := NewActivityAggregate(ao)
		for _, part := range splitUsers(events, k, seed) {
			rp, _ := NewRetentionAggregate(ro)
			fp, _ := NewFunnelAggregate(fo)
			ap, _ := NewActivityAggregate(ao)
			if rp.Add(part...) != nil || fp.Add(part...) != nil || ap.Add(part...) != nil {
				return false
			}
			if ra.Merge(rp) != nil || fa.Merge(fp) != nil || aa.Merge(ap) != nil {
				return false
			}
		}
		gotR := ra.Result()
		if ro.AsOf.IsZero() {
			gotR.AsOf = wantR.AsOf
		}
		return cmp.Equal(wantR, gotR) && cmp.Equal(wantF, fa.Result()) && cmp.Equal(wantA, aa.Result())
	}, seeds, sizes, gen.IntRange(1, 5)))

	props.Property("results do not depend on input order", prop.ForAll(func(seed uint64, n int) bool {
		events := randomEvents(seed, n)
		a, b := mustLog(t, events...), mustLog(t, shuffled(events, seed)...)
		ro, fo := randomRetention(seed), randomFunnel(seed)
		ra, _ := Retention(a, ro)
		rb, _ := Retention(b, ro)
		fa, _ := Funnel(a, fo)
		fb, _ := Funnel(b, fo)
		da, _ := DailyActivity(a, ActivityOptions{})
		db, _ := DailyActivity(b, ActivityOptions{})
		la, _ := Lifecycle(a, LifecycleOptions{Granularity: Weekly})
		lb, _ := Lifecycle(b, LifecycleOptions{Granularity: Weekly})
		return cmp.Equal(ra, rb) && cmp.Equal(fa, fb) && cmp.Equal(da, db) && cmp.Equal(la, lb)
	}, seeds, sizes))

	props.TestingRun(t)
}

// TestParallelMatchesSequential: with enough users the KPIs split the log across
// goroutines; the results must equal those computed on one goroutine.
func TestParallelMatchesSequential(t *testing.T) {
	events := randomEvents(99, 40000)
	for i := range events {
		events[i].User = UserID("p" + strconv.Itoa(i%7000))
	}
	l := mustLog(t, events...)
	run := func() []any {
		ret, _ := Retention(l, RetentionOptions{Granularity: Weekly, Periods: 4})
		fun, _ := Funnel(l, FunnelOptions{Steps: []string{"a", "b", "c"}, Breakdown: "plan"})
		act, _ := DailyActivity(l, ActivityOptions{})
		au, _ := ActiveUsers(l, ActiveUsersOptions{Granularity: Weekly})
		da, _ := DaysActive(l, DaysActiveOptions{Scope: PerWeek})
		lc, _ := Lifecycle(l, LifecycleOptions{})
		ad, _ := Adoption(l, AdoptionOptions{Feature: "a", From: propBase, To: propBase.Add(30 * 24 * time.Hour)})
		ac, _ := Activation(l, SignupOptions{Signup: "a", Target: "b"})
		tv, _ := TimeToValue(l, SignupOptions{Signup: "a", Target: "c"})
		return []any{ret, fun, act, au, da, lc, ad, ac, tv}
	}
	prev := runtime.GOMAXPROCS(1)
	one := run()
	runtime.GOMAXPROCS(4)
	four := run()
	runtime.GOMAXPROCS(prev)
	if diff := cmp.Diff(one, four); diff != "" {
		t.Errorf("(-1 goroutine +4):\n%s", diff)
	}
}
