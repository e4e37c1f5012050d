package roadmap

import (
	"slices"
)

// graph is the precedence graph of an index in compressed sparse rows: an edge u -> v means
// u must finish before v starts (v depends on u). Relates links are not edges. Adjacency
// lists are ascending by node, and node order is byte-wise ID order.
type graph struct {
	ix        *index
	n         int
	succStart []int32
	succ      []int32
	succLag   []int32
	predStart []int32
	pred      []int32
	predLag   []int32
}

func newGraph(ix *index) *graph {
	n := len(ix.ids)
	g := &graph{ix: ix, n: n, predStart: make([]int32, n+1), succStart: make([]int32, n+1)}
	m := 0
	for v := range n {
		deps := ix.deps(int32(v))
		for j, d := range ix.item(int32(v)).DependsOn {
			if d.precedence() {
				m++
				g.predStart[v+1]++
				g.succStart[deps[j]+1]++
			}
		}
	}
	for v := 1; v <= n; v++ {
		g.predStart[v] += g.predStart[v-1]
		g.succStart[v] += g.succStart[v-1]
	}
	g.pred = make([]int32, m)
	g.predLag = make([]int32, m)
	g.succ = make([]int32, m)
	g.succLag = make([]int32, m)
	type edge struct{ u, lag int32 }
	var buf []edge
	fill := slices.Clone(g.succStart[:n])
	for v := range n {
		buf = buf[:0]
		deps := ix.deps(int32(v))
		for j, d := range ix.item(int32(v)).DependsOn {
			if d.precedence() {
				buf = append(buf, edge{deps[j], int32(d.Lag)})
			}
		}
		slices.SortFunc(buf, func(a, b edge) int { return int(a.u - b.u) })
		at := g.predStart[v]
		for k, e := range buf {
			g.pred[int(at)+k] = e.u
			g.predLag[int(at)+k] = e.lag
			// v ascends, so every successor list fills in ascending order.
			g.succ[fill[e.u]] = int32(v)
			g.succLag[fill[e.u]] = e.lag
			fill[e.u]++
		}
	}
	return g
}

func (g *graph) succs(u int32) (int32, int32) { return g.succStart[u], g.succStart[u+1] }
func (g *graph) preds(v int32) (int32, int32) { return g.predStart[v], g.predStart[v+1] }

// cycles returns nil if the graph is acyclic, else a *CycleError with one closed path per
// cyclic strongly connected component.
func (g *graph) cycles() *CycleError {
	comp, cyclic := g.components()
	if len(cyclic) == 0 {
		return nil
	}
	// Depth-first search in ID order; the first back edge into each cyclic component
	// gives that component's cycle.
	const (
		white = iota
		gray
		black
	)
	color := make([]uint8, g.n)
	pathPos := make([]int32, g.n)
	type frame struct{ v, next int32 }
	var stack []frame
	var path []int32
	found := make(map[int32]bool, len(cyclic))
	var cycles [][]int32
	for s := int32(0); int(s) < g.n && len(found) < len(cyclic); s++ {
		if color[s] != white {
			continue
		}
		color[s] = gray
		pathPos[s] = int32(len(path))
		path = append(path, s)
		lo, _ := g.succs(s)
		stack = append(stack[:0], frame{s, lo})
		for len(stack) > 0 && len(found) < len(cyclic) {
			top := &stack[len(stack)-1]
			_, hi := g.succs(top.v)
			if top.next == hi {
				color[top.v] = black
				path = path[:len(path)-1]
				stack = stack[:len(stack)-1]
				continue
			}
			w := g.succ[top.next]
			top.next++
			switch color[w] {
			case white:
				color[w] = gray
				pathPos[w] = int32(len(path))
				path = append(path, w)
				lo, _ := g.succs(w)
				stack = append(stack, frame{w, lo})
			case gray:
				if c := comp[w]; !found[c] {
					found[c] = true
					cyc := append(slices.Clone(path[pathPos[w]:]), w)
					cycles = append(cycles, cyc)
				}
			}
		}
	}
	e := &CycleError{Groups: make([][]ItemID, len(cycles))}
	slot := make(map[int32]int, len(cycles))
	for i, cyc := range cycles {
		ids := make([]ItemID, len(cyc))
		for k, v := range cyc {
			ids[k] = g.ix.ids[v]
		}
		e.Cycles = append(e.Cycles, ids)
		slot[comp[cyc[0]]] = i
	}
	for v := range g.n {
		if i, ok := slot[comp[v]]; ok {
			e.Groups[i] = append(e.Groups[i], g.ix.ids[v])
		}
	}
	e.Path = e.Cycles[0]
	return e
}

// components labels strongly connected components (Tarjan, iterative) and lists the
// cyclic ones: more than one node, or one node with a self edge.
func (g *graph) components() (comp []int32, cyclic []int32) {
	var ncomp int32
	idx := make([]int32, g.n)
	low := make([]int32, g.n)
	comp = make([]int32, g.n)
	onStack := make([]bool, g.n)
	for i := range idx {
		idx[i] = -1
	}
	var counter int32
	var sccStack []int32
	type frame struct{ v, next int32 }
	var stack []frame
	visit := func(v int32) {
		idx[v], low[v] = counter, counter
		counter++
		sccStack = append(sccStack, v)
		onStack[v] = true
		lo, _ := g.succs(v)
		stack = append(stack, frame{v, lo})
	}
	for s := int32(0); int(s) < g.n; s++ {
		if idx[s] >= 0 {
			continue
		}
		visit(s)
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			v := top.v
			_, hi := g.succs(v)
			if top.next < hi {
				w := g.succ[top.next]
				top.next++
				if idx[w] < 0 {
					visit(w)
				} else if onStack[w] && idx[w] < low[v] {
					low[v] = idx[w]
				}
				continue
			}
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				if p := stack[len(stack)-1].v; low[v] < low[p] {
					low[p] = low[v]
				}
			}
			if low[v] != idx[v] {
				continue
			}
			size := 0
			for {
				w := sccStack[len(sccStack)-1]
				sccStack = sccStack[:len(sccStack)-1]
				onStack[w] = false
				comp[w] = ncomp
				size++
				if w == v {
					break
				}
			}
			if size > 1 || g.selfLoop(v) {
				cyclic = append(cyclic, ncomp)
			}
			ncomp++
		}
	}
	return comp, cyclic
}

func (g *graph) selfLoop(v int32) bool {
	lo, hi := g.succs(v)
	_, found := slices.BinarySearch(g.succ[lo:hi], v)
	return found
}

// order returns the nodes in topological order, always emitting the available node with
// the highest priority, then the smallest ID; ok is false if a cycle prevents it.
func (g *graph) order() (order []int32, ok bool) {
	indeg := make([]int32, g.n)
	for v := range g.n {
		indeg[v] = g.predStart[v+1] - g.predStart[v]
	}
	prio := make([]int, g.n)
	for v := range g.n {
		prio[v] = g.ix.item(int32(v)).Priority.key()
	}
	h := nodeHeap{less: func(a, b int32) bool {
		if prio[a] != prio[b] {
			return prio[a] < prio[b]
		}
		return a < b
	}}
	for v := range g.n {
		if indeg[v] == 0 {
			h.push(int32(v))
		}
	}
	order = make([]int32, 0, g.n)
	for h.len() > 0 {
		u := h.pop()
		order = append(order, u)
		lo, hi := g.succs(u)
		for _, w := range g.succ[lo:hi] {
			indeg[w]--
			if indeg[w] == 0 {
				h.push(w)
			}
		}
	}
	return order, len(order) == g.n
}

// nodeHeap is a binary min-heap of nodes under less.
type nodeHeap struct {
	a    []int32
	less func(a, b int32) bool
}

func (h *nodeHeap) len() int { return len(h.a) }

func (h *nodeHeap) push(v int32) {
	h.a = append(h.a, v)
	i := len(h.a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(h.a[i], h.a[p]) {
			break
		}
		h.a[i], h.a[p] = h.a[p], h.a[i]
		i = p
	}
}

func (h *nodeHeap) peek() int32 { return h.a[0] }

func (h *nodeHeap) pop() int32 {
	top := h.a[0]
	last := len(h.a) - 1
	h.a[0] = h.a[last]
	h.a = h.a[:last]
	i := 0
	for {
		l := 2*i + 1
		if l >= last {
			break
		}
		m := l
		if r := l + 1; r < last && h.less(h.a[r], h.a[l]) {
			m = r
		}
		if !h.less(h.a[m], h.a[i]) {
			break
		}
		h.a[i], h.a[m] = h.a[m], h.a[i]
		i = m
	}
	return top
}

// load validates items and builds their precedence graph, failing on a cycle.
func load(items []Item) (*graph, error) {
	ix, err := newIndex(items)
	if err != nil {
		return nil, err
	}
	g := newGraph(ix)
	if ce := g.cycles(); ce != nil {
		return nil, ce
	}
	return g, nil
}

// CheckDependencies validates items (as CheckItems does) and then their dependencies as a
// graph. It returns nil; a *productops.ValidationError for bad fields, duplicate IDs and
// unknown parents or prerequisites; or a *CycleError (errors.Is(err, ErrCycle)) carrying
// one actual cycle path for every cyclic group. Relates links never form cycles. It runs
// in O(V + E).
func CheckDependencies(items []Item) error {
	_, err := load(items)
	return err
}

// Order returns the item IDs in a stable topological order: every prerequisite comes
// before its dependents, and among the items whose prerequisites are all placed the next
// one is the highest-priority item (1 first, NoPriority last), ties broken by the smallest
// ID byte-wise (Kahn's algorithm with a priority queue, O((V + E) log V)). With equal
// priorities this is the lexicographically smallest topological order. Errors are those
// of CheckDependencies.
func Order(items []Item) ([]ItemID, error) {
	ix, err := newIndex(items)
	if err != nil {
		return nil, err
	}
	g := newGraph(ix)
	order, ok := g.order()
	if !ok {
		return nil, g.cycles()
	}
	ids := make([]ItemID, len(order))
	for i, v := range order {
		ids[i] = ix.ids[v]
	}
	return ids, nil
}
