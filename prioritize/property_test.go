package prioritize

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/proptest"
)

// backlogFrom builds a small RICE backlog from generated words: ranges are narrow so exact
// ties are frequent.
func backlogFrom(words []uint32) []RICEInput {
	confs := []decimal.Decimal{d("0"), d("0.5"), d("0.8"), d("1"), d("0.33")}
	out := make([]RICEInput, len(words))
	for i, w := range words {
		out[i] = RICEInput{
			ID:         ItemID(fmt.Sprintf("I-%d", (w>>20)%1000*100+uint32(i))),
			Reach:      decimal.NewFromInt(int64(w % 21)),
			Impact:     riceImpacts[(w>>5)%5],
			Confidence: confs[(w>>8)%5],
			Effort:     decimal.New(int64(1+(w>>11)%7), -1).Mul(decimal.NewFromInt(5)),
		}
	}
	return out
}

func position(ids []ItemID, id ItemID) int { return slices.Index(ids, id) }

func TestRankProperties(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	words := gen.SliceOf(gen.UInt32())

	props.Property("ranking is a permutation ordered by exact score then ID", prop.ForAll(func(ws []uint32) bool {
		items := backlogFrom(ws)
		rk, err := Rank(items, ByRICE(identity, RICEOptions{}))
		if err != nil {
			return false
		}
		ids := rk.IDs()
		want := make([]ItemID, len(items))
		for i, in := range items {
			want[i] = in.ID
		}
		slices.Sort(want)
		got := slices.Clone(ids)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			return false
		}
		for i := 1; i < rk.Len(); i++ {
			a, b := rk.At(i-1), rk.At(i)
			sa, _ := RICE(a.Item, RICEOptions{})
			c := sa.Exact.Cmp(b.Score.Exact)
			if c < 0 || (c == 0 && (a.ID >= b.ID || a.Rank != b.Rank)) || (c > 0 && b.Rank != i+1) {
				return false
			}
		}
		return true
	}, words))

	props.Property("deterministic across input order", prop.ForAll(func(ws []uint32, rot int) bool {
		items := backlogFrom(ws)
		r1, err1 := Rank(items, ByRICE(identity, RICEOptions{}))
		shuffled := slices.Clone(items)
		slices.Reverse(shuffled)
		if len(shuffled) > 0 {
			k := rot % len(shuffled)
			shuffled = append(shuffled[k:], shuffled[:k]...)
		}
		r2, err2 := Rank(shuffled, ByRICE(identity, RICEOptions{}))
		return err1 == nil && err2 == nil && slices.Equal(r1.IDs(), r2.IDs())
	}, words, gen.IntRange(0, 1000)))

	type change struct {
		name string
		up   bool // true: the change can only raise the score
		f    func(in RICEInput) RICEInput
	}
	changes := []change{
		{"reach", true, func(in RICEInput) RICEInput { in.Reach = in.Reach.Add(d("3")); return in }},
		{"impact", true, func(in RICEInput) RICEInput { in.Impact = in.Impact.Mul(d("2")); return in }},
		{"confidence", true, func(in RICEInput) RICEInput {
			in.Confidence = decimal.Min(one, in.Confidence.Add(d("0.25")))
			return in
		}},
		{"effort", false, func(in RICEInput) RICEInput { in.Effort = in.Effort.Add(d("0.5")); return in }},
	}
	for _, c := range changes {
		props.Property("monotone in "+c.name, prop.ForAll(func(ws []uint32, pick int) bool {
			items := backlogFrom(ws)
			if len(items) == 0 {
				return true
			}
			k := pick % len(items)
			opts := RICEOptions{Variant: RICELenient}
			before, err := Rank(items, ByRICE(identity, opts))
			if err != nil {
				return false
			}
			changed := slices.Clone(items)
			changed[k] = c.f(changed[k])
			after, err := Rank(changed, ByRICE(identity, opts))
			if err != nil {
				return false
			}
			p0, p1 := position(before.IDs(), items[k].ID), position(after.IDs(), items[k].ID)
			if c.up {
				return p1 <= p0
			}
			return p1 >= p0
		}, words.SuchThat(func(ws []uint32) bool { return len(ws) > 0 }), gen.IntRange(0, 1000)))
	}
	props.TestingRun(t)
}

// candidatesFrom builds up to 12 candidates over two teams; item i may require an earlier
// item (so there are no cycles).
func candidatesFrom(ws []uint32) []Candidate {
	if len(ws) > 12 {
		ws = ws[:12]
	}
	out := make([]Candidate, len(ws))
	for i, w := range ws {
		c := Candidate{
			ID:     ItemID(fmt.Sprintf("c%02d", i)),
			Value:  decimal.NewFromInt(int64(w % 17)),
			Effort: decimal.New(int64((w>>5)%9), -1).Mul(decimal.NewFromInt(5)),
			Team:   []string{"a", "b"}[(w>>9)%2],
		}
		if (w>>14)%4 == 0 {
			other := map[string]string{"a": "b", "b": "a"}[c.Team]
			c.Efforts = map[string]decimal.Decimal{other: decimal.New(int64((w>>16)%5), 0)}
		}
		if i > 0 && (w>>10)%3 == 0 {
			c.Requires = []ItemID{ItemID(fmt.Sprintf("c%02d", int(w>>12)%i))}
		}
		out[i] = c
	}
	return out
}

// bruteForce returns the best total value over all feasible subsets, in integers (values
// are whole, efforts and capacities whole tenths).
func bruteForce(cs []Candidate, caps map[string]decimal.Decimal) decimal.Decimal {
	n := len(cs)
	val, eff := make([]int64, n), make([][2]int64, n)
	req := make([]int, n) // bit mask of prerequisites
	pos := map[ItemID]int{}
	for i, c := range cs {
		pos[c.ID] = i
	}
	for i, c := range cs {
		val[i] = c.Value.IntPart()
		for t, e := range effortsOf(c) {
			eff[i][map[string]int{"a": 0, "b": 1}[t]] += e.Shift(1).IntPart()
		}
		for _, r := range c.Requires {
			req[i] |= 1 << pos[r]
		}
	}
	capa := [2]int64{caps["a"].Shift(1).IntPart(), caps["b"].Shift(1).IntPart()}
	var best int64
	for mask := 0; mask < 1<<n; mask++ {
		var used [2]int64
		var v int64
		ok := true
		for i := 0; i < n && ok; i++ {
			if mask&(1<<i) == 0 {
				continue
			}
			ok = mask&req[i] == req[i]
			used[0] += eff[i][0]
			used[1] += eff[i][1]
			v += val[i]
		}
		if ok && used[0] <= capa[0] && used[1] <= capa[1] && v > best {
			best = v
		}
	}
	return decimal.NewFromInt(best)
}

func TestSelectProperties(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("never exceeds capacity, respects prerequisites, never worse than greedy, optimal", prop.ForAll(
		func(ws []uint32, ca, cb int) bool {
			cs := candidatesFrom(ws)
			caps := map[string]decimal.Decimal{"a": decimal.New(int64(ca), -1), "b": decimal.New(int64(cb), -1)}
			s, err := Select(cs, SelectOptions{Capacity: caps})
			if err != nil || !s.Exact {
				return false
			}
			byID := map[ItemID]Candidate{}
			for _, c := range cs {
				byID[c.ID] = c
			}
			for _, sel := range [][]ItemID{s.Selected, s.Greedy} {
				used := map[string]decimal.Decimal{"a": decimal.Zero, "b": decimal.Zero}
				for _, id := range sel {
					c := byID[id]
					for t, e := range effortsOf(c) {
						used[t] = used[t].Add(e)
					}
					for _, r := range c.Requires {
						if !slices.Contains(sel, r) {
							return false
						}
					}
				}
				if used["a"].GreaterThan(caps["a"]) || used["b"].GreaterThan(caps["b"]) {
					return false
				}
			}
			return !s.Value.LessThan(s.GreedyValue) && s.Value.Equal(bruteForce(cs, caps)) && s.Gap.Equal(s.Value.Sub(s.GreedyValue))
		},
		gen.SliceOf(gen.UInt32()), gen.IntRange(0, 60), gen.IntRange(0, 60)))
	props.TestingRun(t)
}

// effortsOf returns a candidate's effort per team, Effort and Efforts combined.
func effortsOf(c Candidate) map[string]decimal.Decimal {
	m := map[string]decimal.Decimal{c.Team: c.Effort}
	for t, e := range c.Efforts {
		m[t] = m[t].Add(e)
	}
	return m
}

// naiveLayers peels Pareto frontiers one at a time (quadratic; the reference).
func naiveLayers(points []Point) [][]ItemID {
	rest := sortedPoints(points)
	var out [][]ItemID
	for len(rest) > 0 {
		f := frontier(rest)
		var ids []ItemID
		on := map[ItemID]bool{}
		for _, p := range f {
			ids = append(ids, p.ID)
			on[p.ID] = true
		}
		out = append(out, ids)
		rest = slices.DeleteFunc(rest, func(p Point) bool { return on[p.ID] })
	}
	return out
}

// TestParetoLayersProperty: the O(n log n) layering equals peeling frontiers one by one,
// on small grids where duplicates and ties are frequent.
func TestParetoLayersProperty(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("layers equal successive frontiers", prop.ForAll(func(ws []uint32) bool {
		pts := make([]Point, len(ws))
		for i, w := range ws {
			pts[i] = Point{ID: ItemID(fmt.Sprint("p", i)), Value: decimal.NewFromInt(int64(w % 5)), Effort: decimal.NewFromInt(int64((w >> 8) % 5))}
		}
		got, err := ParetoLayers(pts)
		if err != nil {
			return false
		}
		var ids [][]ItemID
		for _, l := range got {
			var x []ItemID
			for _, p := range l {
				x = append(x, p.ID)
			}
			ids = append(ids, x)
		}
		want := naiveLayers(pts)
		if len(want) == 0 {
			return len(ids) == 0
		}
		return fmt.Sprint(want) == fmt.Sprint(ids)
	}, gen.SliceOf(gen.UInt32())))
	props.TestingRun(t)
}

// TestRankNormalizationProperty: rank normalization by binary search equals counting the
// better values one by one.
func TestRankNormalizationProperty(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("binary-search ranks equal counted ranks", prop.ForAll(func(ws []uint32, cost bool) bool {
		if len(ws) < 2 {
			return true
		}
		dir := Benefit
		if cost {
			dir = Cost
		}
		card := Scorecard{Criteria: []Criterion{{Name: "v", Weight: one, Direction: dir}}, Normalization: NormalizeRank}
		items := make([]WeightedInput, len(ws))
		for i, w := range ws {
			items[i] = WeightedInput{ID: ItemID(fmt.Sprint("w", i)), Values: []decimal.Decimal{decimal.NewFromInt(int64(w % 7))}}
		}
		s, err := card.Score(items)
		if err != nil {
			return false
		}
		for i, it := range items {
			better := 0
			for _, o := range items {
				c := o.Values[0].Cmp(it.Values[0])
				if (dir == Benefit && c > 0) || (dir == Cost && c < 0) {
					better++
				}
			}
			if !s[i].Exact.Equal(subF(intF(1), reduceInts(int64(better), int64(len(items)-1)))) {
				return false
			}
		}
		return true
	}, gen.SliceOf(gen.UInt32()), gen.Bool()))
	props.TestingRun(t)
}

// TestOptionExtremesProperty: int options at their extremes (0, ±1, ±MaxInt, MinInt,
// ±MaxInt32) never panic, hang or wrap: negative values are validation errors, anything
// else runs within its cap.
func TestOptionExtremesProperty(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	ints := proptest.Ints(gen.IntRange(-5, 50))
	cs := []Candidate{cand("a", "3", "2"), cand("b", "4", "3", "a"), cand("c", "5", "4")}
	props.Property("select work and memory caps", prop.ForAll(func(w, m int) bool {
		var s Selection
		var err error
		guarded(t, func() {
			s, err = Select(cs, SelectOptions{Capacity: map[string]decimal.Decimal{"": decimal.New(5, 15)}, MaxWork: w, MaxMemory: int64(m)})
		})
		if w < 0 || m < 0 {
			return errors.Is(err, productops.ErrInvalid)
		}
		return err == nil && !s.Value.LessThan(s.GreedyValue)
	}, ints, ints))
	tp := ThreePoint{Optimistic: one, MostLikely: d("2"), Pessimistic: d("5")}
	items := []UncertainItem{{ID: "a", Value: d("3"), Effort: tp}, {ID: "b", Value: d("2"), Effort: tp}}
	props.Property("simulate k, runs and draws", prop.ForAll(func(k, runs, draws int) bool {
		var err error
		var odds []RankOdds
		guarded(t, func() { odds, err = SimulateRanks(items, SimulateOptions{K: k, Runs: runs, MaxDraws: draws, Seed: 1}) })
		bad := k < 1 || runs < 0 || runs > MaxRuns || draws < 0
		if bad {
			return errors.Is(err, productops.ErrInvalid)
		}
		return err != nil && errors.Is(err, productops.ErrInvalid) || len(odds) == 2
	}, ints, proptest.Ints(gen.IntRange(0, 300)), ints))
	sc := []ScenarioItem{
		{ID: "A", Value: d("10"), Scenarios: []Scenario{{Effort: one, Probability: reduceInts(1, 2)}, {Effort: d("4"), Probability: reduceInts(1, 2)}}},
		{ID: "B", Value: d("6"), Scenarios: []Scenario{{Effort: d("2"), Probability: intF(1)}}},
	}
	props.Property("scenario k and work", prop.ForAll(func(k, w int) bool {
		var err error
		var odds []ExactRankOdds
		guarded(t, func() { odds, err = ScenarioRanks(sc, ScenarioOptions{K: k, MaxWork: w}) })
		if k < 1 || w < 0 {
			return errors.Is(err, productops.ErrInvalid)
		}
		return err != nil && errors.Is(err, productops.ErrInvalid) || len(odds) == 2
	}, ints, ints))
	props.Property("rank agrees with RICE at extreme reaches", prop.ForAll(func(r, e int64) bool {
		in := RICEInput{ID: "x", Reach: decimal.NewFromInt(r), Impact: ImpactHigh, Confidence: d("0.8"), Effort: decimal.NewFromInt(e)}
		s, err := RICE(in, RICEOptions{})
		rk, rerr := Rank([]RICEInput{in}, ByRICE(identity, RICEOptions{}))
		if (err == nil) != (rerr == nil) {
			return false
		}
		if err != nil {
			return errors.Is(err, productops.ErrInvalid) && (r < 0 || e <= 0)
		}
		return r >= 0 && e > 0 && rk.At(0).Score.Exact.Equal(s.Exact)
	}, proptest.Int64s(gen.Int64Range(-10, 1000)), proptest.Int64s(gen.Int64Range(-2, 20))))
	props.TestingRun(t)
}
