package roadmap

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/proptest"
)

// cpmItems is the hand-worked DAG: A(3), B(2), C(4) after A, D(2) after A and B, E(3)
// after C and D.
func cpmItems() []Item {
	return []Item{
		{ID: "A", Estimate: dp("3")},
		{ID: "B", Estimate: dp("2")},
		{ID: "C", Estimate: dp("4"), DependsOn: []Dependency{{On: "A"}}},
		{ID: "D", Estimate: dp("2"), DependsOn: []Dependency{{On: "A"}, {On: "B"}}},
		{ID: "E", Estimate: dp("3"), DependsOn: []Dependency{{On: "C"}, {On: "D"}}},
	}
}

func act(id, dur, es, ef, ls, lf, tf, ff string, crit bool) Activity {
	return Activity{ID: ItemID(id), Duration: d(dur), EarlyStart: d(es), EarlyFinish: d(ef), LateStart: d(ls), LateFinish: d(lf), TotalFloat: d(tf), FreeFloat: d(ff), Critical: crit}
}

// Time-0 CPM (§5.3). Forward: ES(C)=EF(A)=3, ES(D)=max(3,2)=3, ES(E)=max(7,5)=7, T=10.
// Backward: LF(E)=10, LS(C)=3, LS(D)=5, LF(A)=min(3,5)=3, LF(B)=5. Floats: B 3 (free 1),
// D 2 (free 2); A, C, E critical.
func TestCriticalPath(t *testing.T) {
	lagged := cpmItems()
	// E waits 3 units after D: ES(E)=max(7, 5+3)=8, T=11; LF(D)=8-3=5, LS(C)=4; A-D-E
	// becomes critical, C gets float 1 (free 1), B float 1 (free 1).
	lagged[4].DependsOn[1] = Dependency{On: "D", Type: FinishToStart, Lag: 3}
	tests := []struct {
		name  string
		items []Item
		opts  CPMOptions
		want  CPM
	}{
		{"plain", cpmItems(), CPMOptions{}, CPM{Duration: d("10"), Path: ids("A", "C", "E"), Activities: []Activity{
			act("A", "3", "0", "3", "0", "3", "0", "0", true),
			act("B", "2", "0", "2", "3", "5", "3", "1", false),
			act("C", "4", "3", "7", "3", "7", "0", "0", true),
			act("D", "2", "3", "5", "5", "7", "2", "2", false),
			act("E", "3", "7", "10", "7", "10", "0", "0", true),
		}}},
		{"finish-to-start lag", lagged, CPMOptions{}, CPM{Duration: d("11"), Path: ids("A", "D", "E"), Activities: []Activity{
			act("A", "3", "0", "3", "0", "3", "0", "0", true),
			act("B", "2", "0", "2", "1", "3", "1", "1", false),
			act("C", "4", "3", "7", "4", "8", "1", "1", false),
			act("D", "2", "3", "5", "3", "5", "0", "0", true),
			act("E", "3", "8", "11", "8", "11", "0", "0", true),
		}}},
		// A deadline of 9 shifts every total float by -1; the critical path has the most
		// negative float (-1). Free floats do not change.
		{"deadline before finish", cpmItems(), CPMOptions{Deadline: dp("9")}, CPM{Duration: d("10"), Path: ids("A", "C", "E"), Activities: []Activity{
			act("A", "3", "0", "3", "-1", "2", "-1", "0", true),
			act("B", "2", "0", "2", "2", "4", "2", "1", false),
			act("C", "4", "3", "7", "2", "6", "-1", "0", true),
			act("D", "2", "3", "5", "4", "6", "1", "2", false),
			act("E", "3", "7", "10", "6", "9", "-1", "0", true),
		}}},
		{"fractional and unestimated", []Item{{ID: "X", Estimate: dp("1.25")}, node("Y", "X")}, CPMOptions{Unestimated: dp("0.5")}, CPM{Duration: d("1.75"), Path: ids("X", "Y"), Activities: []Activity{
			act("X", "1.25", "0", "1.25", "0", "1.25", "0", "0", true),
			act("Y", "0.5", "1.25", "1.75", "1.25", "1.75", "0", "0", true),
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CriticalPath(tt.items, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, decEq); diff != "" {
				t.Errorf("CPM (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCriticalPathErrors(t *testing.T) {
	if _, err := CriticalPath([]Item{{ID: "A"}}, CPMOptions{}); err == nil || !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("unestimated: err = %v", err)
	}
	if _, err := CriticalPath(cpmItems(), CPMOptions{Deadline: dp("-1")}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("negative deadline: err = %v", err)
	}
	cyc := []Item{{ID: "A", Estimate: dp("1"), DependsOn: []Dependency{{On: "B"}}}, {ID: "B", Estimate: dp("1"), DependsOn: []Dependency{{On: "A"}}}}
	if _, err := CriticalPath(cyc, CPMOptions{}); !errors.Is(err, ErrCycle) {
		t.Errorf("cycle: err = %v", err)
	}
	got, err := CriticalPath(nil, CPMOptions{})
	if err != nil || !got.Duration.IsZero() || len(got.Path) != 0 {
		t.Errorf("empty: %+v, %v", got, err)
	}
}

// genDAG builds n items with estimates 0-5, forward dependencies from a list of index
// pairs, and lags 0-2 on some of them.
func genDAG(n int, pairs []int, ests []int) []Item {
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{ID: ItemID(fmt.Sprintf("%02d", (i*5+3)%97)), Estimate: dp(fmt.Sprint(ests[i%len(ests)]))}
	}
	seen := map[[2]int]bool{}
	for k := 0; k+1 < len(pairs); k += 2 {
		a, b := pairs[k]%n, pairs[k+1]%n
		if a >= b || seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		dep := Dependency{On: items[a].ID}
		if lag := pairs[k] % 3; lag > 0 {
			dep = Dependency{On: items[a].ID, Type: FinishToStart, Lag: lag}
		}
		items[b].DependsOn = append(items[b].DependsOn, dep)
	}
	return items
}

func TestCriticalPathProperties(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	args := []gopter.Gen{gen.IntRange(1, 12), gen.SliceOf(gen.IntRange(0, 40)), gen.SliceOfN(4, gen.IntRange(0, 5)), gen.IntRange(0, 11), gen.IntRange(1, 6)}
	props.Property("floats are consistent and the path is a real longest chain", prop.ForAll(
		func(n int, pairs, ests []int, _ int, _ int) bool {
			items := genDAG(n, pairs, ests)
			r, err := CriticalPath(items, CPMOptions{})
			if err != nil {
				return false
			}
			act := map[ItemID]Activity{}
			for _, a := range r.Activities {
				act[a.ID] = a
				if a.TotalFloat.Sign() < 0 || a.FreeFloat.GreaterThan(a.TotalFloat) || a.FreeFloat.Sign() < 0 ||
					!a.EarlyStart.Add(a.Duration).Equal(a.EarlyFinish) || a.Critical != a.TotalFloat.IsZero() {
					return false
				}
			}
			// The path starts at 0, chains along real edges with no gap, and ends at Duration.
			if len(r.Path) == 0 || !act[r.Path[0]].EarlyStart.IsZero() || !act[r.Path[len(r.Path)-1]].EarlyFinish.Equal(r.Duration) {
				return false
			}
			byID := map[ItemID]Item{}
			for _, it := range items {
				byID[it.ID] = it
			}
			for k := 1; k < len(r.Path); k++ {
				prev, cur := act[r.Path[k-1]], act[r.Path[k]]
				found := false
				for _, d := range byID[cur.ID].DependsOn {
					if d.On == prev.ID && prev.EarlyFinish.Add(d2(d.Lag)).Equal(cur.EarlyStart) {
						found = true
					}
				}
				if !found {
					return false
				}
			}
			return true
		}, args...))
	// §5.4: delaying one activity by δ moves the finish by max(0, δ - TotalFloat).
	props.Property("a delay moves the finish by max(0, delay - slack)", prop.ForAll(
		func(n int, pairs, ests []int, pick int, delay int) bool {
			items := genDAG(n, pairs, ests)
			before, err := CriticalPath(items, CPMOptions{})
			if err != nil {
				return false
			}
			it := &items[pick%n]
			var tf decimal.Decimal
			for _, a := range before.Activities {
				if a.ID == it.ID {
					tf = a.TotalFloat
				}
			}
			bigger := it.Estimate.Add(d2(delay))
			it.Estimate = &bigger
			after, err := CriticalPath(items, CPMOptions{})
			if err != nil {
				return false
			}
			want := decimal.Max(decimal.Zero, d2(delay).Sub(tf))
			return after.Duration.Sub(before.Duration).Equal(want)
		}, args...))
	props.TestingRun(t)
}

func d2(i int) decimal.Decimal { return decimal.NewFromInt(int64(i)) }

func TestTicks(t *testing.T) {
	for _, s := range []string{"0", "1", "1.5", "1.50000000", "0.0001", "1000000000", "999999999.9999", "2.5e3", "1.000000000000000000000000"} {
		v := d(s)
		if got, want := ticks(v), v.Shift(EstimateScale).IntPart(); got != want {
			t.Errorf("ticks(%s) = %d, want %d", s, got, want)
		}
		if !fromTicks(ticks(v)).Equal(v) {
			t.Errorf("fromTicks(ticks(%s)) = %s", s, fromTicks(ticks(v)))
		}
	}
}
