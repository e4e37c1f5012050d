package roadmap

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
)

// Cycle vectors worked by hand from the study's rule (launch-roadmap.md §5.1): DFS from
// items in ascending ID order, following prerequisite -> dependent edges in ascending ID
// order; the first back edge into each cyclic group gives that group's closed path.
func TestCheckDependenciesCycles(t *testing.T) {
	tests := []struct {
		name  string
		items []Item
		want  *CycleError
		msg   string
	}{
		{
			name: "triangle with a feeder",
			// A->B, B->C, C->A, D->A. DFS: A, B, C, back edge C->A.
			items: []Item{node("A", "C", "D"), node("B", "A"), node("C", "B"), node("D")},
			want:  &CycleError{Path: ids("A", "B", "C", "A"), Cycles: [][]ItemID{ids("A", "B", "C", "A")}, Groups: [][]ItemID{ids("A", "B", "C")}},
			msg:   "roadmap: dependency cycle: A -> B -> C -> A",
		},
		{
			name: "three groups and a self loop",
			// A<->B; C->D->E->C; F->F; G->C.
			items: []Item{node("A", "B"), node("B", "A"), node("C", "E", "G"), node("D", "C"), node("E", "D"), node("F", "F"), node("G")},
			want: &CycleError{Path: ids("A", "B", "A"),
				Cycles: [][]ItemID{ids("A", "B", "A"), ids("C", "D", "E", "C"), ids("F", "F")},
				Groups: [][]ItemID{ids("A", "B"), ids("C", "D", "E"), ids("F")}},
			msg: "roadmap: dependency cycle: A -> B -> A (and 2 more cyclic groups)",
		},
		{
			name: "group entered at its larger id",
			// A->C, B->C, C->B. DFS: A, C, B, back edge B->C: the path starts at C.
			items: []Item{node("A"), node("B", "C"), node("C", "A", "B")},
			want:  &CycleError{Path: ids("C", "B", "C"), Cycles: [][]ItemID{ids("C", "B", "C")}, Groups: [][]ItemID{ids("B", "C")}},
			msg:   "roadmap: dependency cycle: C -> B -> C",
		},
		{
			name:  "relates never cycles",
			items: []Item{{ID: "A", DependsOn: []Dependency{{On: "B", Type: Relates}}}, node("B", "A")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDependencies(tt.items)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			var ce *CycleError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *CycleError", err)
			}
			if diff := cmp.Diff(tt.want, ce); diff != "" {
				t.Errorf("cycle (-want +got):\n%s", diff)
			}
			if !errors.Is(err, ErrCycle) || !errors.Is(err, productops.ErrInvalid) {
				t.Errorf("errors.Is(ErrCycle, ErrInvalid) false for %v", err)
			}
			if got := err.Error(); got != tt.msg {
				t.Errorf("Error() = %q, want %q", got, tt.msg)
			}
		})
	}
}

func TestCheckItemsErrors(t *testing.T) {
	items := []Item{
		{ID: "A", Parent: "Z"},
		{ID: "B", DependsOn: []Dependency{{On: "X"}}},
		{ID: "A"},
		{ID: "E", Kind: Epic, Parent: "F"},
		{ID: "F"},
		{ID: "G", Priority: -1, Estimate: dp("-1"), DependsOn: []Dependency{{On: "F", Lag: 2}, {On: "F"}}},
		{ID: "H", Health: Health{Status: AtRisk}, Estimate: dp("1.00001")},
		{ID: ""},
	}
	got := fieldtest.Paths(t, CheckItems(items))
	want := []string{
		"items[5].priority", "items[5].estimate", "items[5].depends_on[0].lag", "items[5].depends_on[1].on",
		"items[6].estimate", "items[6].health.reason", "items[7].id",
		"items[2].id", "items[0].parent", "items[3].parent", "items[1].depends_on[0].on",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	msg := CheckItems(items).Error()
	for _, frag := range []string{`item "B" depends on unknown item "X"`, `item "A" has unknown parent "Z"`, `epic "E" cannot have feature "F" as parent`, `duplicate item id "A"`} {
		if !strings.Contains(msg, frag) {
			t.Errorf("message %q lacks %q", msg, frag)
		}
	}
}

// Stable order vectors (§5.2, §7.1.6): nodes 1-5, edges 4->1, 1->3, 4->2. Smallest
// available ID first gives [4 1 2 3 5] (gonum's DFS order would be [4 1 3 2 5],
// dominikbraun's breadth-first [4 5 1 2 3]). Priorities reorder the ties.
func TestOrder(t *testing.T) {
	base := func() []Item {
		return []Item{node("1", "4"), node("2", "4"), node("3", "1"), node("4"), node("5")}
	}
	withPrio := func(id string, p Priority) []Item {
		items := base()
		for i := range items {
			if items[i].ID == ItemID(id) {
				items[i].Priority = p
			}
		}
		return items
	}
	tests := []struct {
		name  string
		items []Item
		want  []ItemID
	}{
		{"ids only", base(), ids("4", "1", "2", "3", "5")},
		// 5 has priority 1 and is available at once.
		{"priority first", withPrio("5", 1), ids("5", "4", "1", "2", "3")},
		// 3 (priority 1) waits for 1; once available it beats 2 and 5.
		{"priority once available", withPrio("3", 1), ids("4", "1", "3", "2", "5")},
		// Priority 2 beats NoPriority, which sorts last (not first as Linear's 0).
		{"no priority last", withPrio("2", 2), ids("4", "2", "1", "3", "5")},
		{"empty", nil, ids()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Order(tt.items)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := Order([]Item{node("A", "B"), node("B", "A")}); !errors.Is(err, ErrCycle) {
		t.Errorf("Order on a cycle: err = %v, want ErrCycle", err)
	}
	if _, err := Order([]Item{node("A", "Q")}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("Order with an unknown dependency: err = %v", err)
	}
}

// randomGraph builds items 00..n-1 with edges from a list of (from, to) index pairs;
// acyclic keeps only edges from a smaller to a larger index of a shuffled rank.
func randomGraph(n int, pairs []int, prios []int, acyclic bool) []Item {
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{ID: ItemID(fmt.Sprintf("%02d", n-1-i)), Priority: Priority(prios[i%len(prios)])}
	}
	seen := map[[2]int]bool{}
	for k := 0; k+1 < len(pairs); k += 2 {
		a, b := pairs[k]%n, pairs[k+1]%n
		if acyclic && a >= b {
			continue
		}
		if a == b && acyclic || seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		items[b].DependsOn = append(items[b].DependsOn, Dependency{On: items[a].ID})
	}
	return items
}

// bruteMinOrder finds the minimum topological order under (priority, ID) greedily by
// scanning, the definition Order claims, in O(n^2).
func bruteMinOrder(items []Item) []ItemID {
	done := map[ItemID]bool{}
	var out []ItemID
	for len(out) < len(items) {
		var best *Item
		for i := range items {
			it := &items[i]
			if done[it.ID] {
				continue
			}
			ready := true
			for _, d := range it.DependsOn {
				if !done[d.On] {
					ready = false
				}
			}
			if !ready {
				continue
			}
			if best == nil || it.Priority.key() < best.Priority.key() || (it.Priority.key() == best.Priority.key() && it.ID < best.ID) {
				best = it
			}
		}
		if best == nil {
			return nil
		}
		done[best.ID] = true
		out = append(out, best.ID)
	}
	return out
}

func TestOrderProperties(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	args := []gopter.Gen{gen.IntRange(1, 12), gen.SliceOf(gen.IntRange(0, 11)), gen.SliceOfN(3, gen.IntRange(0, 3))}
	props.Property("order is a permutation, respects edges and equals the greedy definition", prop.ForAll(
		func(n int, pairs []int, prios []int) bool {
			items := randomGraph(n, pairs, prios, true)
			got, err := Order(items)
			if err != nil {
				return false
			}
			pos := map[ItemID]int{}
			for i, id := range got {
				pos[id] = i
			}
			if len(pos) != n || len(got) != n {
				return false
			}
			for _, it := range items {
				for _, d := range it.DependsOn {
					if pos[d.On] >= pos[it.ID] {
						return false
					}
				}
			}
			return slices.Equal(got, bruteMinOrder(items))
		}, args...))
	props.Property("reported cycles are closed walks inside their groups", prop.ForAll(
		func(n int, pairs []int, prios []int) bool {
			items := randomGraph(n, pairs, prios, false)
			err := CheckDependencies(items)
			hasCycle := bruteMinOrder(items) == nil
			var ce *CycleError
			if !errors.As(err, &ce) {
				return err == nil && !hasCycle
			}
			if !hasCycle || !slices.Equal(ce.Path, ce.Cycles[0]) || len(ce.Cycles) != len(ce.Groups) {
				return false
			}
			edge := map[[2]ItemID]bool{}
			for _, it := range items {
				for _, d := range it.DependsOn {
					edge[[2]ItemID{d.On, it.ID}] = true
				}
			}
			inGroup := map[ItemID]int{}
			for g, members := range ce.Groups {
				for _, m := range members {
					if _, dup := inGroup[m]; dup {
						return false
					}
					inGroup[m] = g
				}
			}
			for g, c := range ce.Cycles {
				if len(c) < 2 || c[0] != c[len(c)-1] {
					return false
				}
				for k := 0; k+1 < len(c); k++ {
					if !edge[[2]ItemID{c[k], c[k+1]}] || inGroup[c[k]] != g {
						return false
					}
				}
			}
			// Removing every group's members leaves an acyclic graph.
			var rest []Item
			for _, it := range items {
				if _, ok := inGroup[it.ID]; ok {
					continue
				}
				keep := it
				keep.DependsOn = nil
				for _, d := range it.DependsOn {
					if _, ok := inGroup[d.On]; !ok {
						keep.DependsOn = append(keep.DependsOn, d)
					}
				}
				rest = append(rest, keep)
			}
			return CheckDependencies(rest) == nil
		}, args...))
	props.TestingRun(t)
}

func TestCycleErrorLongPath(t *testing.T) {
	var items []Item
	for i := range 20 {
		items = append(items, node(fmt.Sprintf("%02d", i), fmt.Sprintf("%02d", (i+19)%20)))
	}
	err := CheckDependencies(items)
	var ce *CycleError
	if !errors.As(err, &ce) || len(ce.Path) != 21 {
		t.Fatalf("err = %v", err)
	}
	want := "roadmap: dependency cycle: 00 -> 01 -> 02 -> 03 -> 04 -> 05 -> 06 -> 07 -> 08 -> 09 -> 10 -> 11 -> ... (8 more) -> 00"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q\nwant      %q", got, want)
	}
}
