package prioritize

import (
	"cmp"
	"container/heap"
	"context"
	"maps"
	"math/big"
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
	Value decimal.Decimal `json:"value" validate:"dbound,dgte=0"`
	// Effort is the capacity the item uses in Team's pool, ≥ 0. Zero means the item uses
	// none of Team's capacity (Team then needs no entry in SelectOptions.Capacity).
	Effort decimal.Decimal `json:"effort,omitzero" validate:"dbound,dgte=0"`
	// Team names the pool Effort draws on; "" is a pool like any other.
	Team string `json:"team,omitempty"`
	// Efforts lists effort in further pools, for an item that needs several teams (say
	// frontend and backend); each ≥ 0. An entry for Team adds to Effort.
	Efforts map[string]decimal.Decimal `json:"efforts,omitempty"`
	// Requires lists prerequisites: the item is selectable only if all of them are selected.
	Requires []ItemID `json:"requires,omitempty"`
}

// The defaults of SelectOptions' work and memory caps.
const (
	// DefaultMaxWork is the exact search's default budget: dynamic-programming cells
	// (items × capacity units) or branch-and-bound nodes. A few seconds at most.
	DefaultMaxWork = 20_000_000
	// DefaultMaxMemory is the default limit, in bytes, on the dynamic-programming tables
	// (one bit per cell and eight bytes per capacity unit): 64 MiB.
	DefaultMaxMemory = 64 << 20
)

// SelectOptions configures Select.
type SelectOptions struct {
	// Capacity per team; every team a candidate draws a non-zero effort from must be
	// present, each ≥ 0.
	Capacity map[string]decimal.Decimal `json:"capacity"`
	// MaxWork bounds the exact search: DP cells (items × capacity units) or
	// branch-and-bound nodes. Zero means DefaultMaxWork; negative is an error. Beyond it
	// the exact answer is not attempted (or not finished) and Selection.Exact is false.
	// Time grows with it; cancel through SelectContext's context when raising it a lot.
	MaxWork int `json:"max_work"`
	// MaxMemory bounds, in bytes, the tables of the dynamic programming, checked before
	// they are allocated; zero means DefaultMaxMemory, negative is an error. A larger
	// table is not built: branch and bound (memory linear in the items) runs instead.
	MaxMemory int64 `json:"max_memory"`
}

// Selection is the answer of Select.
type Selection struct {
	// Exact is true when Selected is proven optimal; otherwise it is the best answer found
	// (never worse than the greedy one).
	Exact bool `json:"exact"`
	// Method is "dp" (0/1 knapsack by dynamic programming per team: no prerequisites,
	// every item in one team, tables within MaxWork cells and MaxMemory bytes),
	// "branch-and-bound" (otherwise; exact unless it needed more than MaxWork nodes) or
	// "greedy" (efforts or values that do not fit 64-bit integer units).
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
	// Rounded is true when Value, GreedyValue or Gap is rounded half away from zero to
	// DisplayScale places because the exact total does not terminate as a decimal (only
	// with SelectRanking's fractional scores; the search itself compares exact values).
	Rounded bool `json:"rounded"`
	// Items lists every candidate in ID order with its value, efforts and whether each
	// answer took it.
	Items []SelectionItem `json:"items"`
}

// SelectionItem is one candidate's part in a Selection.
type SelectionItem struct {
	// ID names the candidate.
	ID ItemID `json:"id"`
	// Value is the candidate's value (rounded like Selection.Value when it does not
	// terminate as a decimal).
	Value decimal.Decimal `json:"value"`
	// Effort is the candidate's non-zero effort per team.
	Effort map[string]decimal.Decimal `json:"effort"`
	// Selected and Greedy say whether the exact answer and the greedy one took it.
	Selected bool `json:"selected"`
	Greedy   bool `json:"greedy"`
}

// Select chooses the subset of candidates with the greatest total value whose effort fits
// every team's capacity, where an item is selectable only with all its prerequisites.
// Ties among optimal subsets go to the least total effort (branch and bound then prefers
// the smaller sorted ID list; the DP breaks further ties deterministically). With no
// prerequisites and every item in one team, it solves each team's exact 0/1 knapsack by
// dynamic programming on integer effort units (Selection.Unit); otherwise, or when the
// tables would exceed MaxWork cells or MaxMemory bytes, it runs an exact branch and bound
// within MaxWork nodes. The greedy answer and the gap are reported alongside. Errors name
// items[i] (unknown team: ErrUnknownReference; unknown prerequisite:
// ErrUnknownPrerequisite; duplicate ID: ErrDuplicateID) or the cycle (*CycleError).
//
// Select is SelectContext with context.Background().
func Select(cands []Candidate, opts SelectOptions) (Selection, error) {
	return SelectContext(context.Background(), cands, opts)
}

// SelectContext is Select, stopping early when ctx is done: it then returns ctx.Err()
// (errors.Is(err, context.Canceled) or context.DeadlineExceeded holds) and no selection.
// The context is checked every 1,024 steps of the search.
func SelectContext(ctx context.Context, cands []Candidate, opts SelectOptions) (Selection, error) {
	e := validation.New("prioritize: select")
	checkSelect(e, cands, opts)
	if err := withSentinels(e); err != nil {
		return Selection{}, err
	}
	values := make([]Fraction, len(cands))
	for i, c := range cands {
		values[i] = fracOf(c.Value)
	}
	return selectValued(ctx, cands, values, opts)
}

// SelectRanking is Select over a ranking: each item's value is its exact score
// (Ranked.Score.Exact, which must be ≥ 0), not a rounded decimal, and its ID the
// ranking's; need gives the rest of the item's candidate (Effort, Team, Efforts,
// Requires; its ID and Value are ignored). When an exact total does not terminate as a
// decimal (scores such as 1000/3), Selection.Value, GreedyValue and Gap are rounded to
// DisplayScale places and Selection.Rounded is true.
//
// SelectRanking is SelectRankingContext with context.Background().
func SelectRanking[T any](rk *Ranking[T], need func(T) Candidate, opts SelectOptions) (Selection, error) {
	return SelectRankingContext(context.Background(), rk, need, opts)
}

// SelectRankingContext is SelectRanking, stopping early when ctx is done, as
// SelectContext does.
func SelectRankingContext[T any](ctx context.Context, rk *Ranking[T], need func(T) Candidate, opts SelectOptions) (Selection, error) {
	e := validation.New("prioritize: select")
	if rk == nil || rk.r == nil {
		e.Add("ranking", "required", "", "is required")
	}
	if need == nil {
		e.Add("need", "required", "", "is required")
	}
	if err := e.Err(); err != nil {
		return Selection{}, err
	}
	cands := make([]Candidate, rk.Len())
	values := make([]Fraction, rk.Len())
	for i := range cands {
		item, id, exact := rk.exactAt(i)
		c := need(item)
		c.ID, c.Value = id, decimal.Zero
		cands[i], values[i] = c, exact
		if exact.Sign() < 0 {
			e.Add(index("items", i)+".score", "dgte", "0", "must be at least 0 to be a value")
		}
	}
	checkSelect(e, cands, opts)
	if err := withSentinels(e); err != nil {
		return Selection{}, err
	}
	return selectValued(ctx, cands, values, opts)
}

// checkSelect validates candidates and options.
func checkSelect(e *validation.Errors, cands []Candidate, opts SelectOptions) {
	for i, c := range cands {
		p := index("items", i)
		e.Struct(p, c)
		if !c.Effort.IsZero() {
			if _, ok := opts.Capacity[c.Team]; !ok {
				e.Add(p+".team", ruleExists, "", "no capacity for team "+quote(ItemID(c.Team)))
			}
		}
		for _, t := range slices.Sorted(maps.Keys(c.Efforts)) {
			ep := p + ".efforts[" + quote(ItemID(t)) + "]"
			v := c.Efforts[t]
			if _, ok := opts.Capacity[t]; !ok && !v.IsZero() {
				e.Add(ep, ruleExists, "", "no capacity for team "+quote(ItemID(t)))
			}
			if bounded(e, "", ep, v) && v.Sign() < 0 {
				e.Add(ep, "dgte", "0", "must be at least 0")
			}
		}
	}
	for _, t := range slices.Sorted(maps.Keys(opts.Capacity)) {
		c := opts.Capacity[t]
		if cp := "capacity[" + quote(ItemID(t)) + "]"; bounded(e, "", cp, c) && c.Sign() < 0 {
			e.Add(cp, "dgte", "0", "must be at least 0")
		}
	}
	if opts.MaxWork < 0 {
		e.Add("max_work", "gte", "0", "must be at least 0")
	}
	if opts.MaxMemory < 0 {
		e.Add("max_memory", "gte", "0", "must be at least 0")
	}
}

// selectValued runs a validated problem whose exact values are given separately (the
// candidates' own, or a ranking's scores).
func selectValued(ctx context.Context, cands []Candidate, values []Fraction, opts SelectOptions) (Selection, error) {
	if err := ctx.Err(); err != nil {
		return Selection{}, err
	}
	g, err := newGraph("prioritize: select", len(cands), func(i int) (ItemID, []ItemID) { return cands[i].ID, cands[i].Requires })
	if err != nil {
		return Selection{}, err
	}
	k := newKnap(cands, values, opts, g)
	greedy, err := k.greedy(ctx)
	if err != nil {
		return Selection{}, err
	}
	best, exact, method := greedy, false, "greedy"
	maxWork := opts.MaxWork
	if maxWork == 0 {
		maxWork = DefaultMaxWork
	}
	maxMem := opts.MaxMemory
	if maxMem == 0 {
		maxMem = DefaultMaxMemory
	}
	if k.ok {
		solved := false
		if !k.hasPrereq && !k.multi {
			s, done, err := k.dp(ctx, maxWork, maxMem)
			if err != nil {
				return Selection{}, err
			}
			if done {
				best, exact, method, solved = s, true, "dp", true
			}
		}
		if !solved {
			// Prerequisites, several teams per item, or tables too large for the DP:
			// branch and bound, exact unless it runs out of work.
			s, done, err := k.branch(ctx, maxWork, greedy)
			if err != nil {
				return Selection{}, err
			}
			best, exact, method = s, done, "branch-and-bound"
		}
	}
	bv, gv := k.exactValue(best), k.exactValue(greedy)
	v, ok1 := bv.decimal()
	gd, ok2 := gv.decimal()
	gap, ok3 := subF(bv, gv).decimal()
	sel := Selection{Exact: exact, Method: method, Selected: k.idsOf(best), Value: v,
		Effort: k.effortOf(best), Unit: decimal.New(1, -k.scale), Greedy: k.idsOf(greedy), GreedyValue: gd,
		Gap: gap, Rounded: !ok1 || !ok2 || !ok3}
	in := func(s []int) []bool {
		b := make([]bool, len(cands))
		for _, i := range s {
			b[i] = true
		}
		return b
	}
	inBest, inGreedy := in(best), in(greedy)
	sel.Items = make([]SelectionItem, len(cands))
	for i, c := range cands {
		v, _ := k.vals[i].decimal()
		eff := make(map[string]decimal.Decimal, len(k.uses[i]))
		for _, u := range k.uses[i] {
			eff[k.teams[u.team]] = u.eff
		}
		sel.Items[i] = SelectionItem{ID: c.ID, Value: v, Effort: eff, Selected: inBest[i], Greedy: inGreedy[i]}
	}
	slices.SortFunc(sel.Items, func(a, b SelectionItem) int { return cmp.Compare(a.ID, b.ID) })
	return sel, nil
}

// use is one item's effort in one team.
type use struct {
	team  int
	eff   decimal.Decimal
	units uint64
}

// knap holds one Select problem in integer units. Efforts are sparse (an item lists only
// the teams it uses), so memory is linear in the input however many teams there are.
type knap struct {
	cands     []Candidate
	vals      []Fraction
	g         *graph
	teams     []string
	uses      [][]use           // non-zero efforts per item
	total     []decimal.Decimal // effort summed over teams, per item
	v         []uint64          // value in integer units
	capa      []uint64          // capacity in units per team (at most the team's total effort)
	capDec    []decimal.Decimal
	scale     int32
	ok        bool // all integers fit; exact search possible
	hasPrereq bool
	multi     bool  // some item needs more than one team
	prio      []int // greedy order rank per item, once computed
}

func newKnap(cands []Candidate, values []Fraction, opts SelectOptions, g *graph) *knap {
	k := &knap{cands: cands, vals: values, g: g, ok: true}
	k.teams = slices.Sorted(maps.Keys(opts.Capacity))
	tix := make(map[string]int, len(k.teams))
	for i, t := range k.teams {
		tix[t] = i
	}
	demand := make([]decimal.Decimal, len(k.teams)) // every item's effort per team
	for _, c := range cands {
		var us []use
		add := func(team string, e decimal.Decimal) {
			if e.IsZero() {
				return
			}
			t := tix[team]
			for j := range us {
				if us[j].team == t {
					us[j].eff = us[j].eff.Add(e)
					return
				}
			}
			us = append(us, use{team: t, eff: e})
		}
		add(c.Team, c.Effort)
		for _, t := range slices.Sorted(maps.Keys(c.Efforts)) {
			add(t, c.Efforts[t])
		}
		sum := decimal.Zero
		for _, u := range us {
			sum = sum.Add(u.eff)
			demand[u.team] = demand[u.team].Add(u.eff)
			k.scale = max(k.scale, -u.eff.Exponent())
		}
		k.uses = append(k.uses, us)
		k.total = append(k.total, sum)
		k.multi = k.multi || len(us) > 1
		k.hasPrereq = k.hasPrereq || len(c.Requires) > 0
	}
	for t, name := range k.teams {
		c := opts.Capacity[name]
		k.capDec = append(k.capDec, c)
		// Capacity beyond the team's total demand changes nothing: count only up to it,
		// so a generous capacity does not blow up the DP table.
		if c.GreaterThan(demand[t]) {
			c = demand[t]
		}
		k.scale = max(k.scale, -c.Exponent())
	}
	k.scale = min(max(k.scale, 0), 18)
	toUnits := func(d decimal.Decimal, exact bool) uint64 {
		x := d.Shift(k.scale)
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
	for t := range k.teams {
		k.capa = append(k.capa, toUnits(decimal.Min(k.capDec[t], demand[t]), false))
	}
	for i := range cands {
		for j := range k.uses[i] {
			k.uses[i][j].units = toUnits(k.uses[i][j].eff, true)
		}
	}
	k.v = k.valueUnits()
	return k
}

// valueUnits scales the exact values to integers by the least common denominator; ok
// becomes false when they, or their total, do not fit 62 bits.
func (k *knap) valueUnits() []uint64 {
	lcm := big.NewInt(1)
	g := new(big.Int)
	for _, f := range k.vals {
		d := f.d()
		g.GCD(nil, nil, lcm, d)
		lcm.Mul(lcm, new(big.Int).Quo(d, g))
		if lcm.BitLen() > 62 {
			k.ok = false
			return make([]uint64, len(k.vals))
		}
	}
	out := make([]uint64, len(k.vals))
	var total uint64
	x := new(big.Int)
	for i, f := range k.vals {
		x.Quo(lcm, f.d())
		x.Mul(x, f.n())
		if x.Sign() < 0 || x.BitLen() > 62 {
			k.ok = false
			return out
		}
		out[i] = x.Uint64()
		var carry uint64
		total, carry = bits.Add64(total, out[i], 0)
		if carry != 0 || total > 1<<62 {
			k.ok = false
		}
	}
	return out
}

// better reports whether subset a beats b: more value, then less effort, then the smaller
// sorted ID list.
func (k *knap) better(a, b []int) bool {
	if c := k.exactValue(a).Cmp(k.exactValue(b)); c != 0 {
		return c > 0
	}
	ea, eb := k.totalEffort(a), k.totalEffort(b)
	if c := ea.Cmp(eb); c != 0 {
		return c < 0
	}
	return slices.Compare(k.idsOf(a), k.idsOf(b)) < 0
}

// exactValue sums a subset's exact values.
func (k *knap) exactValue(s []int) Fraction {
	fs := make([]Fraction, len(s))
	for j, i := range s {
		fs[j] = k.vals[i]
	}
	return sumF(fs)
}

func (k *knap) totalEffort(s []int) decimal.Decimal {
	t := decimal.Zero
	for _, i := range s {
		t = t.Add(k.total[i])
	}
	return t
}

func (k *knap) effortOf(s []int) map[string]decimal.Decimal {
	m := make(map[string]decimal.Decimal, len(k.teams))
	for _, t := range k.teams {
		m[t] = decimal.Zero
	}
	for _, i := range s {
		for _, u := range k.uses[i] {
			m[k.teams[u.team]] = m[k.teams[u.team]].Add(u.eff)
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

// greedy takes, among items whose prerequisites are selected, the best ratio that fits:
// zero total effort first, then value ÷ total effort (summed over teams) descending, then
// value descending, then ID.
func (k *knap) greedy(ctx context.Context) ([]int, error) {
	n := len(k.cands)
	prio := k.ratioRanks()
	left := slices.Clone(k.capDec)
	missing := make([]int, n)
	h := &intHeap{less: func(a, b int) bool { return prio[a] < prio[b] }}
	for i := range n {
		missing[i] = len(k.g.req[i])
		if missing[i] == 0 {
			h.items = append(h.items, i)
		}
	}
	heap.Init(h)
	var sel []int
	for step := 0; h.Len() > 0; step++ {
		if step&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		i := heap.Pop(h).(int)
		fits := true
		for _, u := range k.uses[i] {
			fits = fits && !u.eff.GreaterThan(left[u.team])
		}
		if !fits {
			continue
		}
		for _, u := range k.uses[i] {
			left[u.team] = left[u.team].Sub(u.eff)
		}
		sel = append(sel, i)
		for _, d := range k.g.deps[i] {
			if missing[d]--; missing[d] == 0 {
				heap.Push(h, d)
			}
		}
	}
	return sel, nil
}

// dp solves each team's 0/1 knapsack exactly (no prerequisites, every item in at most one
// team). done is false when the tables would exceed maxWork cells or maxMem bytes; the
// check comes before any table is allocated.
func (k *knap) dp(ctx context.Context, maxWork int, maxMem int64) ([]int, bool, error) {
	var sel []int
	perTeam := make([][]int, len(k.teams))
	for i := range k.cands {
		switch us := k.uses[i]; {
		case len(us) == 0:
			// Free: worth taking whenever it adds value.
			if k.v[i] > 0 {
				sel = append(sel, i)
			}
		case us[0].units <= k.capa[us[0].team] && k.v[i] > 0:
			perTeam[us[0].team] = append(perTeam[us[0].team], i)
		}
	}
	// Size every table first: cells = items × (W + 1); bytes = one bit per cell plus
	// eight per capacity unit. All products are overflow-checked.
	var cells, mem uint64
	for t, items := range perTeam {
		if len(items) == 0 {
			continue
		}
		w1 := k.capa[t] + 1
		c, ok := mulU(uint64(len(items)), w1)
		words := (w1 + 63) / 64
		m1, ok1 := mulU(uint64(len(items)), words*8)
		m2, ok2 := mulU(w1, 8)
		if !ok || !ok1 || !ok2 {
			return nil, false, nil
		}
		var c1, c2, c3 uint64
		cells, c1 = bits.Add64(cells, c, 0)
		mem, c2 = bits.Add64(mem, m1, 0)
		mem, c3 = bits.Add64(mem, m2, 0)
		if c1|c2|c3 != 0 || cells > uint64(maxWork) || mem > uint64(maxMem) {
			return nil, false, nil
		}
	}
	for t, items := range perTeam {
		if len(items) == 0 {
			continue
		}
		W := int(k.capa[t])
		words := (W + 64) / 64
		// Process items in ID order so that ties among equal subsets resolve the same way.
		slices.SortFunc(items, func(a, b int) int { return cmp.Compare(k.cands[a].ID, k.cands[b].ID) })
		best := make([]uint64, W+1)
		take := make([]uint64, len(items)*words)
		for j, i := range items {
			if err := ctx.Err(); err != nil {
				return nil, false, err
			}
			wi := int(k.uses[i][0].units)
			row := take[j*words : (j+1)*words]
			for c := W; c >= wi; c-- {
				if nv := best[c-wi] + k.v[i]; nv > best[c] {
					best[c] = nv
					row[c>>6] |= 1 << (c & 63)
				}
			}
		}
		// The least capacity reaching the best value gives the least effort.
		c := 0
		for c < W && best[c] != best[W] {
			c++
		}
		for j := len(items) - 1; j >= 0; j-- {
			if take[j*words+c>>6]&(1<<(c&63)) != 0 {
				sel = append(sel, items[j])
				c -= int(k.uses[items[j]][0].units)
			}
		}
	}
	return sel, true, nil
}

// branch searches subsets exactly in a topological order that visits good ratios first,
// including an item only when its prerequisites are included and it fits every team. It
// starts from the greedy answer; done is false when more than maxWork nodes would be
// visited (the best found so far is returned). The search keeps an explicit stack, so
// its memory is linear in the items and deep prerequisite chains cannot overflow the
// goroutine stack.
func (k *knap) branch(ctx context.Context, maxWork int, start []int) ([]int, bool, error) {
	n := len(k.cands)
	prio := k.ratioRanks()
	order := k.g.topo(func(a, b int) bool { return prio[a] < prio[b] })
	// suffix[j] bounds the value still obtainable from order[j:].
	suffix := make([]uint64, n+1)
	for j := n - 1; j >= 0; j-- {
		suffix[j] = suffix[j+1] + k.v[order[j]]
	}
	in := make([]bool, n)
	left := slices.Clone(k.capa)
	best := slices.Clone(start)
	bestV := k.sumV(best)
	var cur []int
	var curV uint64
	// Each frame is one node: stage 0 on entry, 1 after the branch that includes the
	// item, 2 after the branch that leaves it out.
	type frame struct {
		j     int
		stage uint8
		taken bool
	}
	stack := make([]frame, 1, min(n+1, 1<<16))
	nodes := 0
	for len(stack) > 0 {
		top := len(stack) - 1
		f := stack[top]
		switch f.stage {
		case 0:
			if nodes++; nodes > maxWork {
				return best, false, nil
			}
			if nodes&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, false, err
				}
			}
			if curV+suffix[f.j] < bestV {
				stack = stack[:top]
				continue
			}
			if f.j == n {
				if curV > bestV || k.better(cur, best) {
					best, bestV = slices.Clone(cur), curV
				}
				stack = stack[:top]
				continue
			}
			i := order[f.j]
			fits := true
			for _, u := range k.uses[i] {
				fits = fits && u.units <= left[u.team]
			}
			for _, q := range k.g.req[i] {
				fits = fits && in[q]
			}
			stack[top].stage = 1
			if fits {
				in[i] = true
				for _, u := range k.uses[i] {
					left[u.team] -= u.units
				}
				cur = append(cur, i)
				curV += k.v[i]
				stack[top].taken = true
				stack = append(stack, frame{j: f.j + 1})
			}
		case 1:
			if f.taken {
				i := order[f.j]
				in[i] = false
				for _, u := range k.uses[i] {
					left[u.team] += u.units
				}
				cur = cur[:len(cur)-1]
				curV -= k.v[i]
				stack[top].taken = false
			}
			stack[top].stage = 2
			stack = append(stack, frame{j: f.j + 1})
		default:
			stack = stack[:top]
		}
	}
	return best, true, nil
}

// ratioRanks gives each item its place in the greedy order (computed once): zero total
// effort first, then value ÷ total effort descending, then value descending, then ID.
func (k *knap) ratioRanks() []int {
	if k.prio != nil {
		return k.prio
	}
	n := len(k.cands)
	byRatio := make([]int, n)
	ratios := make([]Fraction, n)
	for i := range n {
		byRatio[i] = i
		if !k.total[i].IsZero() {
			ratios[i] = quoF(k.vals[i], fracOf(k.total[i]))
		}
	}
	slices.SortFunc(byRatio, func(a, b int) int {
		za, zb := k.total[a].IsZero(), k.total[b].IsZero()
		switch {
		case za && !zb:
			return -1
		case zb && !za:
			return 1
		case !za:
			if c := ratios[b].Cmp(ratios[a]); c != 0 {
				return c
			}
		}
		if c := k.vals[b].Cmp(k.vals[a]); c != 0 {
			return c
		}
		return cmp.Compare(k.cands[a].ID, k.cands[b].ID)
	})
	k.prio = make([]int, n)
	for r, i := range byRatio {
		k.prio[i] = r
	}
	return k.prio
}

func (k *knap) sumV(s []int) uint64 {
	var t uint64
	for _, i := range s {
		t += k.v[i]
	}
	return t
}
