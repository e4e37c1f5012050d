package roadmap

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchPlan builds n items in 20 layers of n/20; every item after the first layer
// blocks-depends on 3 distinct random items of the previous layer, and items get a 4th
// until there are exactly 3n dependencies (300,000 for 100,000 items). Items spread over
// 20 teams with estimates 1-5 and priorities 0-4; each team has 26 two-week sprints of
// capacity 700, so capacity and dependencies both bind and some items do not fit.
func benchPlan(n int) ([]Item, []Team) {
	rng := rand.New(rand.NewPCG(1, 2))
	items := make([]Item, n)
	layer := max(1, n/20)
	for i := range items {
		items[i] = Item{ID: ItemID(fmt.Sprintf("i%07d", (i*7919)%n)), Team: TeamID(fmt.Sprintf("t%02d", i%20)),
			Priority: Priority(rng.IntN(5)), Estimate: dp(fmt.Sprint(1 + rng.IntN(5)))}
	}
	addDep := func(i int) {
		k := i / layer
		for {
			j := (k-1)*layer + rng.IntN(layer)
			dup := false
			for _, d := range items[i].DependsOn {
				dup = dup || d.On == items[j].ID
			}
			if !dup {
				items[i].DependsOn = append(items[i].DependsOn, Dependency{On: items[j].ID})
				return
			}
		}
	}
	m := 0
	for i := layer; i < n; i++ {
		for range 3 {
			addDep(i)
			m++
		}
	}
	for i := layer; i < n && m < 3*n; i++ {
		addDep(i)
		m++
	}
	teams := make([]Team, 20)
	for t := range teams {
		sp := make([]Sprint, 26)
		for s := range sp {
			sp[s] = Sprint{ID: fmt.Sprintf("S%d", s+1), Start: jan5.AddDate(0, 0, 14*s), End: jan5.AddDate(0, 0, 14*(s+1)), Capacity: d("700")}
		}
		teams[t] = Team{ID: TeamID(fmt.Sprintf("t%02d", t)), Sprints: sp}
	}
	return items, teams
}

func edges(items []Item) int {
	m := 0
	for _, it := range items {
		m += len(it.DependsOn)
	}
	return m
}

const benchN = 100_000

// BenchmarkCheckItems is the baseline: validating 100,000 items and indexing them, which
// every operation below does first.
func BenchmarkCheckItems(b *testing.B) {
	items, _ := benchPlan(benchN)
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckItems(items); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(edges(items)), "deps")
}

func BenchmarkCheckDependencies(b *testing.B) {
	items, _ := benchPlan(benchN)
	b.Run("acyclic", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := CheckDependencies(items); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Close one long cycle: the first item depends on the last.
	cyclic := append([]Item(nil), items...)
	cyclic[0].DependsOn = []Dependency{{On: items[len(items)-1].ID}}
	b.Run("one long cycle", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := CheckDependencies(cyclic); err == nil {
				b.Fatal("no cycle found")
			}
		}
	})
}

func BenchmarkOrder(b *testing.B) {
	items, _ := benchPlan(benchN)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Order(items); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCriticalPath(b *testing.B) {
	items, _ := benchPlan(benchN)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CriticalPath(items, CPMOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSchedule(b *testing.B) {
	items, teams := benchPlan(benchN)
	for _, mode := range []DependencyMode{Sequential, Concurrent} {
		b.Run(mode.String(), func(b *testing.B) {
			b.ReportAllocs()
			var r ScheduleResult
			for b.Loop() {
				var err error
				r, err = Schedule(items, teams, ScheduleOptions{Mode: mode})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(r.Placements)), "placed")
		})
	}
}
