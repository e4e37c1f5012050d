package prioritize

import (
	"cmp"
	"container/heap"
	"maps"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Candidate is an item that may be selected into a capacity-limited plan.
type Candidate struct {
	// ID names the item; required and unique.
	ID ItemID `json:"id" validate:"required"`
	// Value is what selecting the item is worth (any score), ≥ 0.
	Value decimal.Decimal `json:"value" validate:"required,dgte=0"`
	// Effort is the capacity the item uses in Team's pool, ≥ 0; required unless Efforts
	// is set.
	Effort decimal.Decimal `json:"effort,omitzero" validate:"dgte=0"`
	// Team names the pool Effort draws on; "" is a pool like any other.
	Team string `json:"team,omitempty"`
	// Efforts lists effort in further pools, for an item that needs several teams (say
	// frontend and backend); each ≥ 0. An entry for Team adds to Effort.
	Efforts map[string]decimal.Decimal `json:"efforts,omitempty"`
	// Requires lists prerequisites: the item is selectable only if all of them are selected.
	Requires []ItemID `json:"requires,omitempty"`
}

// efforts returns the candidate's effort per team, Effort and Efforts combined.
func (c Candidate) efforts() map[string]decimal.Decimal {
	m := make(map[string]decimal.Decimal, 1+len(c.Efforts))
	if !isUnset(c.Effort) {
		m[c.Team] = c.Effort
	}
	for t, e := range c.Efforts {
		if x, ok := m[t]; ok {
			e = x.Add(e)
		}
		m[t] = e
	}
	return m
}

// SelectOptions configures Select.
type SelectOptions struct {
	// Capacity per team; every team a candidate names must be present, each ≥ 0.
	Capacity map[string]decimal.Decimal `json:"capacity"`
	// MaxWork bounds the exact search: DP cells (items × capacity units) or
	// branch-and-bound nodes. Zero means 20,000,000. Beyond it the exact answer is not
	// attempted and Selection.Exact is false.
	MaxWork int `json:"max_work"`
}

// Selection is the answer of Select.
type Selection struct {
	// Exact is true when Selected is proven optimal; otherwise it is the best answer found
	// (never worse than the greedy one).
	Exact bool `json:"exact"`
	// Method is "dp" (0/1 knapsack by dynamic programming per team: no prerequisites,
	// every item in one team, tables within MaxWork cells), "branch-and-bound" (otherwise;
	// exact unless it needed more than MaxWork nodes) or "greedy" (efforts or values that do
	// not fit 64-bit integer units).
	Method string `json:"method"`
	// Selected lists the chosen items in ID order.
	Selected []ItemID `json:"selected"`
	// Value is the chosen items' total value.
	Value decimal.Decimal `json:"value"`
	// Effort is the chosen items' effort per team.
	Effort map[string]decimal.Decimal `json:"effort"`
	// Unit is the effort unit of the exact search: every effort and capacity is counted in
	// whole multiples of it (capacities rounded down), e.g. 0.5 when efforts are in halves.
	Unit decimal.Decimal `json:"unit"`
	// Greedy is the greedy answer in ID order: repeatedly take the available item with the
	// best value/effort ratio (zero effort first, then higher value, then ID) that fits and
	// whose prerequisites are selected.
	Greedy []ItemID `json:"greedy"`
	// GreedyValue is the greedy answer's total value.
	GreedyValue decimal.Decimal `json:"greedy_value"`
	// Gap is Value − GreedyValue, ≥ 0.
	Gap decimal.Decimal `json:"gap"`
}

const defaultMaxWork = 20_000_000

// Select chooses the subset of candidates with the greatest total value whose effort fits
// every team's capacity, where an item is selectable only with all its prerequisites.
// Ties among optimal subsets go to the least total effort (branch and bound then prefers
// the smaller sorted ID list; the DP breaks further ties deterministically). With no
// prerequisites and every item in one team, it solves each team's exact 0/1 knapsack by
// dynamic programming on integer effort units (Selection.Unit); otherwise, or when the
// tables would be too large, it runs an exact branch and bound within MaxWork nodes. The
// greedy answer and the gap are reported alongside. Errors name items[i] (unknown team,
// unknown prerequisite, duplicate ID) or the cycle.
func Select(cands []Candidate, opts SelectOptions) (Selection, error) {
	e := validation.New("prioritize: select")
	for i, c := range cands {
		p := index("items", i)
		e.Struct(p, c)
		bounded(e, p, "value", c.Value)
		bounded(e, p, "effort", c.Effort)
		if isUnset(c.Effort) && len(c.Efforts) == 0 {
			e.Add(p+".effort", "required", "", "is required (or efforts)")
		}
		if _, ok := opts.Capacity[c.Team]; !ok && !isUnset(c.Effort) {
			e.Add(p+".team", ruleKnown, "", "no capacity for team "+quote(ItemID(c.Team)))
		}
		for _, t := range slices.Sorted(maps.Keys(c.Efforts)) {
			ep := p + ".efforts[" + quote(ItemID(t)) + "]"
			if _, ok := opts.Capacity[t]; !ok {
				e.Add(ep, ruleKnown, "", "no capacity for team "+quote(ItemID(t)))
			}
			if c.Efforts[t].Sign() < 0 {
				e.Add(ep, "dgte", "0", "must be at least 0")
			}
			bounded(e, "", ep, c.Efforts[t])
		}
	}
	for _, t := range slices.Sorted(maps.Keys(opts.Capacity)) {
		c := opts.Capacity[t]
		if c.Sign() < 0 {
			e.Add("capacity["+quote(ItemID(t))+"]", "dgte", "0", "must be at least 0")
		}
		bounded(e, "", "capacity["+quote(ItemID(t))+"]", c)
	}
	if opts.MaxWork < 0 {
		e.Add("max_work", "gte", "0", "must be at least 0")
	}
	if err := e.Err(); err != nil {
		return Selection{}, err
	}
	g, err := newGraph("prioritize: select", len(cands), func(i int) (ItemID, []ItemID) { return cands[i].ID, cands[i].Requires })
	if err != nil {
		return Selection{}, err
	}
	k := newKnap(cands, opts, g)
	greedy := k.greedy()
	best, exact, method := greedy, false, "greedy"
	maxWork := opts.MaxWork
	if maxWork == 0 {
		maxWork = defaultMaxWork
	}
	if k.ok {
		solved := false
		if !k.hasPrereq && !k.multi {
			if s, done := k.dp(maxWork); done {
				best, exact, method, solved = s, true, "dp", true
			}
		}
		if !solved {
			// Prerequisites, several teams per item, or capacities too large for the DP
			// table: branch and bound, exact unless it runs out of work.
			s, done := k.branch(maxWork, greedy)
			best, exact, method = s, done, "branch-and-bound"
		}
	}
	sel := Selection{Exact: exact, Method: method, Selected: k.idsOf(best), Value: k.valueOf(best),
		Effort: k.effortOf(best), Unit: decimal.New(1, -k.scale), Greedy: k.idsOf(greedy), GreedyValue: k.valueOf(greedy)}
	sel.Gap = sel.Value.Sub(sel.GreedyValue)
	return sel, nil
}

// knap holds one Select problem in integer units.
type knap struct {
	cands     []Candidate
	g         *graph
	teams     []string
	eff       [][]decimal.Decimal // effort per item per team
	w         [][]uint64          // effort in units per item per team
	total     []decimal.Decimal   // effort summed over teams, per item
	v         []uint64            // value in units of the value scale
	capa      []uint64            // capacity in units per team
	capDec    []decimal.Decimal
	scale     int32
	ok        bool // all integers fit; exact search possible
	hasPrereq bool
	multi     bool // some item needs more than one team
}

func newKnap(cands []Candidate, opts SelectOptions, g *graph) *knap {
	k := &knap{cands: cands, g: g, ok: true}
	k.teams = slices.Sorted(maps.Keys(opts.Capacity))
	tix := map[string]int{}
	for i, t := range k.teams {
		tix[t] = i
	}
	var vs int32
	for _, c := range cands {
		row := make([]decimal.Decimal, len(k.teams))
		for t := range row {
			row[t] = decimal.Zero
		}
		sum, used := decimal.Zero, 0
		for t, e := range c.efforts() {
			row[tix[t]] = e
			sum = sum.Add(e)
			k.scale = max(k.scale, -e.Exponent())
			if !e.IsZero() {
				used++
			}
		}
		k.eff = append(k.eff, row)
		k.total = append(k.total, sum)
		k.multi = k.multi || used > 1
		vs = max(vs, -c.Value.Exponent())
		k.hasPrereq = k.hasPrereq || len(c.Requires) > 0
	}
	for _, t := range k.teams {
		k.scale = max(k.scale, -opts.Capacity[t].Exponent())
		k.capDec = append(k.capDec, opts.Capacity[t])
	}
	k.scale = min(max(k.scale, 0), 18)
	vs = min(max(vs, 0), 18)
	toUnits := func(d decimal.Decimal, s int32, exact bool) uint64 {
		x := d.Shift(s)
		if exact && !x.IsInteger() {
			k.ok = false
		}
		x = x.Floor()
		if x.NumDigits() > 18 {
			k.ok = false
			return 0
		}
		return uint64(x.IntPart())
	}
	for _, c := range k.capDec {
		k.capa = append(k.capa, toUnits(c, k.scale, false))
	}
	var total uint64
	for i, c := range cands {
		row := make([]uint64, len(k.teams))
		for t, e := range k.eff[i] {
			row[t] = toUnits(e, k.scale, true)
		}
		k.w = append(k.w, row)
		v := toUnits(c.Value, vs, true)
		k.v = append(k.v, v)
		var carry uint64
		total, carry = bits.Add64(total, v, 0)
		if carry != 0 || total > 1<<62 {
			k.ok = false
		}
	}
	return k
}

// better reports whether subset a beats b: more value, then less effort, then the smaller
// sorted ID list.
func (k *knap) better(a, b []int) bool {
	va, vb := k.valueOf(a), k.valueOf(b)
	if c := va.Cmp(vb); c != 0 {
		return c > 0
	}
	ea, eb := k.totalEffort(a), k.totalEffort(b)
	if c := ea.Cmp(eb); c != 0 {
		return c < 0
	}
	return slices.Compare(k.idsOf(a), k.idsOf(b)) < 0
}

func (k *knap) valueOf(s []int) decimal.Decimal {
	t := decimal.Zero
	for _, i := range s {
		t = t.Add(k.cands[i].Value)
	}
	return t
}

func (k *knap) totalEffort(s []int) decimal.Decimal {
	t := decimal.Zero
	for _, i := range s {
		t = t.Add(k.total[i])
	}
	return t
}

func (k *knap) effortOf(s []int) map[string]decimal.Decimal {
	m := map[string]decimal.Decimal{}
	for _, t := range k.teams {
		m[t] = decimal.Zero
	}
	for _, i := range s {
		for t, e := range k.eff[i] {
			m[k.teams[t]] = m[k.teams[t]].Add(e)
		}
	}
	return m
}

func (k *knap) idsOf(s []int) []ItemID {
	out := make([]ItemID, len(s))
	for j, i := range s {
		out[j] = k.cands[i].ID
	}
	slices.Sort(out)
	return out
}

// ratioCmp orders items for greedy: zero total effort first, then value ÷ total effort
// (summed over teams) descending, then value descending, then ID.
func (k *knap) ratioCmp(a, b int) int {
	ca, cb := k.cands[a], k.cands[b]
	ea, eb := k.total[a], k.total[b]
	za, zb := ea.IsZero(), eb.IsZero()
	switch {
	case za && !zb:
		return -1
	case zb && !za:
		return 1
	case !za:
		// va/ea vs vb/eb by cross-multiplication.
		if c := cb.Value.Mul(ea).Cmp(ca.Value.Mul(eb)); c != 0 {
			return c
		}
	}
	if c := cb.Value.Cmp(ca.Value); c != 0 {
		return c
	}
	return cmp.Compare(ca.ID, cb.ID)
}

// greedy takes, among items whose prerequisites are selected, the best ratio that fits.
func (k *knap) greedy() []int {
	n := len(k.cands)
	left := slices.Clone(k.capDec)
	missing := make([]int, n)
	h := &intHeap{less: func(a, b int) bool { return k.ratioCmp(a, b) < 0 }}
	for i := range n {
		missing[i] = len(k.g.req[i])
		if missing[i] == 0 {
			h.items = append(h.items, i)
		}
	}
	heap.Init(h)
	var sel []int
	for h.Len() > 0 {
		i := heap.Pop(h).(int)
		fits := true
		for t, e := range k.eff[i] {
			fits = fits && !e.GreaterThan(left[t])
		}
		if !fits {
			continue
		}
		for t, e := range k.eff[i] {
			left[t] = left[t].Sub(e)
		}
		sel = append(sel, i)
		for _, d := range k.g.deps[i] {
			if missing[d]--; missing[d] == 0 {
				heap.Push(h, d)
			}
		}
	}
	return sel
}

// dp solves each team's 0/1 knapsack exactly (no prerequisites, every item in at most one
// team). done is false when the tables would exceed maxWork cells.
func (k *knap) dp(maxWork int) ([]int, bool) {
	var sel []int
	work := 0
	home := make([]int, len(k.cands)) // the one team an item uses (0 when it uses none)
	for i, row := range k.w {
		for t, w := range row {
			if w > 0 {
				home[i] = t
			}
		}
	}
	for t := range k.teams {
		var items []int
		for i := range k.cands {
			if home[i] == t && k.w[i][t] <= k.capa[t] && k.v[i] > 0 {
				items = append(items, i)
			}
		}
		if k.capa[t] >= uint64(maxWork) || len(items) > 0 && int(k.capa[t])+1 > maxWork/len(items) {
			return nil, false
		}
		W := int(k.capa[t])
		if work += len(items) * (W + 1); work > maxWork {
			return nil, false
		}
		// Process items in ID order so that ties among equal subsets resolve the same way.
		slices.SortFunc(items, func(a, b int) int { return cmp.Compare(k.cands[a].ID, k.cands[b].ID) })
		best := make([]uint64, W+1)
		take := make([][]bool, len(items))
		for j, i := range items {
			take[j] = make([]bool, W+1)
			wi := int(k.w[i][t])
			for c := W; c >= wi; c-- {
				if nv := best[c-wi] + k.v[i]; nv > best[c] {
					best[c] = nv
					take[j][c] = true
				}
			}
		}
		// The least capacity reaching the best value gives the least effort.
		c := 0
		for c < W && best[c] != best[W] {
			c++
		}
		for j := len(items) - 1; j >= 0; j-- {
			if take[j][c] {
				sel = append(sel, items[j])
				c -= int(k.w[items[j]][t])
			}
		}
	}
	return sel, true
}

// branch searches subsets exactly in a topological order, including an item only when its
// prerequisites are included and it fits every team. It starts from the greedy answer;
// done is false when more than maxWork nodes would be visited (the best found so far is
// returned).
func (k *knap) branch(maxWork int, start []int) ([]int, bool) {
	order := k.g.topo(make([]int, len(k.cands)))
	n := len(order)
	// suffix[j] bounds the value still obtainable from order[j:].
	suffix := make([]uint64, n+1)
	for j := n - 1; j >= 0; j-- {
		suffix[j] = suffix[j+1] + k.v[order[j]]
	}
	in := make([]bool, len(k.cands))
	left := slices.Clone(k.capa)
	best := slices.Clone(start)
	bestV := k.sumV(best)
	var cur []int
	var curV uint64
	nodes := 0
	var rec func(j int) bool
	rec = func(j int) bool {
		if nodes++; nodes > maxWork {
			return false
		}
		if curV+suffix[j] < bestV {
			return true
		}
		if j == n {
			if curV > bestV || k.better(cur, best) {
				best, bestV = slices.Clone(cur), curV
			}
			return true
		}
		i := order[j]
		fits := true
		for t, w := range k.w[i] {
			fits = fits && w <= left[t]
		}
		for _, q := range k.g.req[i] {
			fits = fits && in[q]
		}
		if fits {
			in[i] = true
			for t, w := range k.w[i] {
				left[t] -= w
			}
			cur = append(cur, i)
			curV += k.v[i]
			ok := rec(j + 1)
			in[i] = false
			for t, w := range k.w[i] {
				left[t] += w
			}
			cur = cur[:len(cur)-1]
			curV -= k.v[i]
			if !ok {
				return false
			}
		}
		return rec(j + 1)
	}
	done := rec(0)
	return best, done
}

func (k *knap) sumV(s []int) uint64 {
	var t uint64
	for _, i := range s {
		t += k.v[i]
	}
	return t
}
