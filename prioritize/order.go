package prioritize

import (
	"cmp"
	"container/heap"
	"slices"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// OrderVariant selects how Order resolves priority against prerequisites.
type OrderVariant uint8

// Order variants. The zero value, OrderGreedy, is the default.
const (
	// OrderGreedy repeatedly takes the highest-priority item whose prerequisites are all
	// placed (Kahn's algorithm with a priority queue).
	OrderGreedy OrderVariant = iota
	// OrderInherit first lets every prerequisite inherit the best priority of anything that
	// depends on it (transitively), then runs OrderGreedy: valuable items pull their
	// enablers forward.
	OrderInherit
)

var orderVariantSet = enum.Set[OrderVariant]{Subject: "prioritize: order variant", Kind: "order variant", Names: []string{"greedy", "inherit"}}

// String returns "greedy" or "inherit".
func (v OrderVariant) String() string { return orderVariantSet.String(v) }

// MarshalText encodes the name given by String.
func (v OrderVariant) MarshalText() ([]byte, error) {
	return orderVariantSet.Marshal(v)
}

// UnmarshalText decodes a name given by String.
func (v *OrderVariant) UnmarshalText(b []byte) error {
	return orderVariantSet.Unmarshal(v, b)
}

// Dependent is an item with the items it requires.
type Dependent struct {
	// ID names the item; required and unique.
	ID ItemID `json:"id" validate:"required"`
	// Requires lists prerequisites: IDs of the same batch that must come first.
	Requires []ItemID `json:"requires,omitempty"`
}

// OrderOptions configures Order. The zero value is OrderGreedy.
type OrderOptions struct {
	// Variant selects the rule; zero is OrderGreedy.
	Variant OrderVariant `json:"variant"`
}

// Order returns the IDs of items, given in priority order (best first, e.g. from
// Ranking.IDs), rearranged so that no item comes before any of its prerequisites. Among
// items whose prerequisites are placed, the best priority goes first (see OrderVariant).
// An unknown prerequisite is ErrUnknownPrerequisite (a *productops.ValidationError naming
// items[i].requires[j]); a cycle is a *CycleError matching ErrCycle; duplicates are
// ErrDuplicateID.
func Order(items []Dependent, opts OrderOptions) ([]ItemID, error) {
	g, err := newGraph("prioritize: order", len(items), func(i int) (ItemID, []ItemID) { return items[i].ID, items[i].Requires })
	if err != nil {
		return nil, err
	}
	if opts.Variant > OrderInherit {
		e := validation.New("prioritize: order")
		e.Add("variant", "oneof", "greedy inherit", "must be greedy or inherit")
		return nil, e.Err()
	}
	prio := make([]int, len(items))
	for i := range prio {
		prio[i] = i
	}
	if opts.Variant == OrderInherit {
		// In priority order, each item lifts every prerequisite not yet reached
		// (transitively) to its own priority: the first to reach one is its best
		// dependent. An explicit stack keeps deep chains off the goroutine stack.
		seen := make([]bool, len(items))
		var stack []int
		for i := range items {
			stack = append(stack[:0], i)
			for len(stack) > 0 {
				v := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, q := range g.req[v] {
					if !seen[q] {
						seen[q] = true
						prio[q] = min(prio[q], i)
						stack = append(stack, q)
					}
				}
			}
		}
	}
	order := g.topo(prio)
	out := make([]ItemID, len(order))
	for k, i := range order {
		out[k] = g.ids[i]
	}
	return out, nil
}

// graph is a validated, acyclic prerequisite graph over item indices.
type graph struct {
	ids  []ItemID
	req  [][]int // prerequisites of each item
	deps [][]int // items that require each item
}

// newGraph validates IDs and prerequisites (unknown, self, duplicates) and rejects cycles.
func newGraph(subject string, n int, at func(int) (ItemID, []ItemID)) (*graph, error) {
	e := validation.New(subject)
	g := &graph{ids: make([]ItemID, n), req: make([][]int, n), deps: make([][]int, n)}
	pos := make(map[ItemID]int, n)
	for i := range n {
		id, _ := at(i)
		g.ids[i] = id
		if id == "" {
			e.Add(index("items", i)+".id", "required", "", "is required")
		}
	}
	uniqueIDs(e, "items", g.ids)
	for i, id := range g.ids {
		if _, dup := pos[id]; !dup {
			pos[id] = i
		}
	}
	for i := range n {
		_, reqs := at(i)
		for j, r := range reqs {
			q, ok := pos[r]
			if !ok {
				e.Add(index(index("items", i)+".requires", j), ruleKnown, "", "unknown prerequisite "+quote(r))
				continue
			}
			g.req[i] = append(g.req[i], q)
			g.deps[q] = append(g.deps[q], i)
		}
	}
	if err := withSentinels(e); err != nil {
		return nil, err
	}
	if c := g.cycle(); c != nil {
		return nil, c
	}
	return g, nil
}

// topo returns a topological order that always takes the available item with the lowest
// (prio, index).
func (g *graph) topo(prio []int) []int {
	n := len(g.ids)
	indeg := make([]int, n)
	h := &intHeap{less: func(a, b int) bool {
		if prio[a] != prio[b] {
			return prio[a] < prio[b]
		}
		return a < b
	}}
	for i := range n {
		indeg[i] = len(g.req[i])
		if indeg[i] == 0 {
			h.items = append(h.items, i)
		}
	}
	heap.Init(h)
	out := make([]int, 0, n)
	for h.Len() > 0 {
		i := heap.Pop(h).(int)
		out = append(out, i)
		for _, d := range g.deps[i] {
			if indeg[d]--; indeg[d] == 0 {
				heap.Push(h, d)
			}
		}
	}
	return out
}

// cycle returns a *CycleError for one cycle (the strongly connected component containing
// the smallest ID among cyclic items), or nil when the graph is acyclic. It is Tarjan's
// algorithm with an explicit call stack, so a chain of a million prerequisites cannot
// overflow the goroutine stack.
func (g *graph) cycle() *CycleError {
	n := len(g.ids)
	idx, low := make([]int, n), make([]int, n)
	on := make([]bool, n)
	for i := range idx {
		idx[i] = -1
	}
	var stack []int
	next := 0
	var best []ItemID
	type call struct{ v, edge int }
	var calls []call
	enter := func(v int) {
		idx[v], low[v] = next, next
		next++
		stack = append(stack, v)
		on[v] = true
		calls = append(calls, call{v: v})
	}
	for root := range n {
		if idx[root] >= 0 {
			continue
		}
		enter(root)
		for len(calls) > 0 {
			c := &calls[len(calls)-1]
			v := c.v
			if c.edge < len(g.req[v]) {
				w := g.req[v][c.edge]
				c.edge++
				if idx[w] < 0 {
					enter(w)
				} else if on[w] {
					low[v] = min(low[v], idx[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				p := calls[len(calls)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] != idx[v] {
				continue
			}
			var comp []ItemID
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[w] = false
				comp = append(comp, g.ids[w])
				if w == v {
					break
				}
			}
			if len(comp) > 1 || slices.Contains(g.req[v], v) {
				slices.Sort(comp)
				if best == nil || cmp.Compare(comp[0], best[0]) < 0 {
					best = comp
				}
			}
		}
	}
	if best == nil {
		return nil
	}
	return &CycleError{IDs: best}
}

// intHeap is a min-heap of ints under less.
type intHeap struct {
	items []int
	less  func(a, b int) bool
}

func (h *intHeap) Len() int           { return len(h.items) }
func (h *intHeap) Less(i, j int) bool { return h.less(h.items[i], h.items[j]) }
func (h *intHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *intHeap) Push(x any)         { h.items = append(h.items, x.(int)) }
func (h *intHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
