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
	// placed (Kahn's algorithm with a priority queue; the domain study's variant A).
	OrderGreedy OrderVariant = iota
	// OrderInherit is priority inheritance as the domain study defines it (variant B):
	// every prerequisite first inherits the best score of anything that depends on it,
	// transitively, then items are placed greedily by effective score, then ID. Valuable
	// items pull their enablers forward. Without scores, an item's score is its position
	// (earlier is better).
	OrderInherit
	// OrderInheritPosition inherits positions instead of scores: every prerequisite takes
	// the best position (in score order, or input order without scores) of anything that
	// depends on it, ties going to the item's own position. It differs from OrderInherit
	// only in how ties are broken: an enabler is placed right with the item that pulled
	// it, not among the items of equal score by ID.
	OrderInheritPosition
)

var orderVariantSet = enum.Set[OrderVariant]{Subject: "prioritize: order variant", Kind: "order variant",
	Names: []string{"greedy", "inherit", "inherit_position"}}

// String returns "greedy", "inherit" or "inherit_position".
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
	// Score is the item's priority score (higher first, equal scores by ID), such as
	// Ranked.Score.Exact. Either every item has one or none has; without scores the
	// input order is the priority order (best first).
	Score *Fraction `json:"score,omitempty"`
}

// OrderOptions configures Order. The zero value is OrderGreedy.
type OrderOptions struct {
	// Variant selects the rule; zero is OrderGreedy.
	Variant OrderVariant `json:"variant"`
}

// Order returns the IDs of items rearranged so that no item comes before any of its
// prerequisites. Priority comes from the items' scores (descending, then ID), or, when no
// item has a score, from the input order (best first, e.g. Ranking.IDs). Among items whose
// prerequisites are placed, the best priority goes first, after inheritance under
// OrderInherit and OrderInheritPosition (see OrderVariant). An unknown prerequisite is
// ErrUnknownPrerequisite (a *productops.ValidationError naming items[i].requires[j]); a
// cycle is a *CycleError matching ErrCycle; duplicates are ErrDuplicateID. It takes
// O((n + e) log n) time for n items and e prerequisites, without recursion.
func Order(items []Dependent, opts OrderOptions) ([]ItemID, error) {
	e := validation.New("prioritize: order")
	if opts.Variant > OrderInheritPosition {
		e.Add("variant", "oneof", "greedy inherit inherit_position", "must be greedy, inherit or inherit_position")
	}
	scored := 0
	for _, it := range items {
		if it.Score != nil {
			scored++
		}
	}
	if scored > 0 && scored < len(items) {
		for i, it := range items {
			if it.Score == nil {
				e.Add(index("items", i)+".score", "required", "", "is required when any item has a score")
			}
		}
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	g, err := newGraph("prioritize: order", len(items), func(i int) (ItemID, []ItemID) { return items[i].ID, items[i].Requires })
	if err != nil {
		return nil, err
	}
	n := len(items)
	// byPrio lists the items best first; pos is each item's place in it.
	byPrio := make([]int, n)
	for i := range byPrio {
		byPrio[i] = i
	}
	if scored > 0 {
		slices.SortFunc(byPrio, func(a, b int) int {
			if c := items[b].Score.Cmp(*items[a].Score); c != 0 {
				return c
			}
			return cmp.Compare(items[a].ID, items[b].ID)
		})
	}
	pos := make([]int, n)
	for p, i := range byPrio {
		pos[i] = p
	}
	// from[i] is the item whose priority i takes: itself, or, under inheritance, its best
	// transitive dependent. In priority order each item lifts every prerequisite not yet
	// reached; the first to reach one is its best dependent. An explicit stack keeps deep
	// chains off the goroutine stack.
	from := make([]int, n)
	for i := range from {
		from[i] = i
	}
	if opts.Variant != OrderGreedy {
		seen := make([]bool, n)
		var stack []int
		for _, root := range byPrio {
			if seen[root] {
				continue
			}
			seen[root] = true
			stack = append(stack[:0], root)
			for len(stack) > 0 {
				v := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, q := range g.req[v] {
					if !seen[q] {
						seen[q] = true
						from[q] = root
						stack = append(stack, q)
					}
				}
			}
		}
	}
	var less func(a, b int) bool
	switch opts.Variant {
	case OrderGreedy:
		less = func(a, b int) bool { return pos[a] < pos[b] }
	case OrderInheritPosition:
		less = func(a, b int) bool {
			if pa, pb := pos[from[a]], pos[from[b]]; pa != pb {
				return pa < pb
			}
			return pos[a] < pos[b]
		}
	default:
		less = func(a, b int) bool {
			fa, fb := from[a], from[b]
			if scored > 0 {
				if c := items[fa].Score.Cmp(*items[fb].Score); c != 0 {
					return c > 0
				}
			} else if pos[fa] != pos[fb] {
				return pos[fa] < pos[fb]
			}
			return items[a].ID < items[b].ID
		}
	}
	order := g.topo(less)
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

// topo returns a topological order that always takes the available item first under
// less, a strict total order.
func (g *graph) topo(less func(a, b int) bool) []int {
	n := len(g.ids)
	indeg := make([]int, n)
	h := &intHeap{less: less}
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
