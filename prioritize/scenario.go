package prioritize

import (
	"cmp"
	"context"
	"math/big"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Scenario is one outcome of a discrete effort estimate.
type Scenario struct {
	// Effort in this outcome, > 0.
	Effort decimal.Decimal `json:"effort"`
	// Probability of this outcome, in (0, 1]; an item's probabilities sum to exactly 1.
	// Numerator and denominator have at most 40 digits each.
	Probability Fraction `json:"probability"`
}

// MaxScenarios is the most outcomes one item may have (ExpectedScore, ScenarioRanks). It
// bounds the cost of the exact sums, whose denominators grow with the number of outcomes.
const MaxScenarios = 1000

// maxProbabilityDigits bounds a probability's numerator and denominator.
const maxProbabilityDigits = validation.MaxDecimalDigits

// PERTScenarios reads a three-point estimate as three discrete outcomes weighted like the
// PERT mean: optimistic 1/6, most likely 4/6, pessimistic 1/6 (coinciding points merge).
// Their mean is the PERT mean (O + 4M + P) ÷ 6.
func PERTScenarios(t ThreePoint) ([]Scenario, error) {
	e := validation.New("prioritize: three-point estimate")
	t.check(e, "")
	if t.Optimistic.IsZero() {
		e.Add("optimistic", ruleNonZero, "", "must be greater than 0 for an effort (division by zero)")
	}
	if err := withSentinels(e); err != nil {
		return nil, err
	}
	var out []Scenario
	for _, s := range []Scenario{
		{t.Optimistic, reduceInts(1, 6)}, {t.MostLikely, reduceInts(4, 6)}, {t.Pessimistic, reduceInts(1, 6)},
	} {
		if n := len(out); n > 0 && out[n-1].Effort.Equal(s.Effort) {
			out[n-1].Probability = addF(out[n-1].Probability, s.Probability)
			continue
		}
		out = append(out, s)
	}
	return out, nil
}

// digits10 bounds the decimal digits of |x| from above (cheaply, from its bit length).
func digits10(x *big.Int) int { return x.BitLen()*1233>>12 + 1 }

// checkScenarios validates one item's outcomes under prefix.
func checkScenarios(e *validation.Errors, prefix string, ss []Scenario) {
	sp := path(prefix, "scenarios")
	switch {
	case len(ss) == 0:
		e.Add(sp, "required", "", "needs at least one scenario")
		return
	case len(ss) > MaxScenarios:
		e.Add(sp, "max", itoa(MaxScenarios), "must have at most "+itoa(MaxScenarios)+" scenarios")
		return
	}
	ps := make([]Fraction, 0, len(ss))
	for i, s := range ss {
		p := index(sp, i)
		if bounded(e, "", p+".effort", s.Effort) {
			switch {
			case s.Effort.Sign() < 0:
				e.Add(p+".effort", "dgt", "0", "must be greater than 0")
			case s.Effort.IsZero():
				e.Add(p+".effort", ruleNonZero, "", ruleZeroMessage)
			}
		}
		switch pr := s.Probability; {
		case digits10(pr.n()) > maxProbabilityDigits+1 || digits10(pr.d()) > maxProbabilityDigits+1:
			e.Add(p+".probability", ruleBound, "", "must have a numerator and a denominator of at most 40 digits")
			continue
		case pr.Sign() <= 0 || pr.Cmp(intF(1)) > 0:
			e.Add(p+".probability", "range", "(0,1]", "must be greater than 0 and at most 1")
		}
		ps = append(ps, s.Probability)
	}
	if len(ps) == len(ss) {
		if total := sumF(ps); !total.Equal(intF(1)) {
			e.Add(sp, "sum", "1", "probabilities must sum to 1, not "+validation.Truncate(total.String()))
		}
	}
}

// ExpectedScore returns E[value ÷ effort] over the outcomes, exactly. Whenever effort
// varies it exceeds value ÷ E[effort] (Jensen's inequality): plugging a mean effort into a
// ratio score understates the expected score. At most MaxScenarios outcomes.
func ExpectedScore(value decimal.Decimal, scenarios []Scenario) (Fraction, error) {
	e := validation.New("prioritize: expected score")
	if bounded(e, "", "value", value) && value.Sign() < 0 {
		e.Add("value", "dgte", "0", "must be at least 0")
	}
	checkScenarios(e, "", scenarios)
	if err := withSentinels(e); err != nil {
		return Fraction{}, err
	}
	terms := make([]Fraction, len(scenarios))
	for i, s := range scenarios {
		terms[i] = mulF(s.Probability, ratio(value, s.Effort))
	}
	return sumF(terms), nil
}

// ScenarioItem is an item with a known value and a discrete effort distribution.
type ScenarioItem struct {
	// ID names the item; required and unique.
	ID ItemID `json:"id"`
	// Value is the score's numerator, ≥ 0 (for RICE: reach × impact × confidence).
	Value decimal.Decimal `json:"value"`
	// Scenarios are the effort outcomes, independent of other items', at most
	// MaxScenarios.
	Scenarios []Scenario `json:"scenarios"`
}

// ExactRankOdds is one item's exact probability of ranking in the top K.
type ExactRankOdds struct {
	// ID names the item.
	ID ItemID `json:"id"`
	// P is P(rank ≤ K) as an exact fraction; Value is it rounded to DisplayScale places.
	P     Fraction        `json:"p"`
	Value decimal.Decimal `json:"value"`
}

// DefaultMaxScenarioWork is ScenarioOptions.MaxWork's default: about a second of work.
const DefaultMaxScenarioWork = 1_000_000_000

// ScenarioOptions configures ScenarioRanks.
type ScenarioOptions struct {
	// K is the cut-off: ScenarioRanks computes P(rank ≤ K); at least 1.
	K int `json:"k"`
	// MaxWork bounds the exact computation, checked before it starts: outcomes × items ×
	// min(K, items) × (the 64-bit words of the exact probabilities' common denominator
	// plus 8). Zero means DefaultMaxScenarioWork; negative is an error. Beyond it
	// ScenarioRanks returns a validation error (rule "max_work"); SimulateRanks estimates
	// such cases instead.
	MaxWork int `json:"max_work"`
}

// ScenarioRanks computes exactly, for items whose efforts are independent discrete
// outcomes, each item's P(rank ≤ K) when items are ranked by value ÷ effort (descending,
// ties by ID, as Rank does). For each outcome of an item, the number of other items above
// it is a sum of independent Bernoulli variables, whose distribution is built exactly
// over one common denominator, so the cost is about outcomes × items × K operations on
// integers, not the product of every item's outcomes (see ScenarioOptions.MaxWork).
// Results are in input order.
//
// ScenarioRanks is ScenarioRanksContext with context.Background().
func ScenarioRanks(items []ScenarioItem, opts ScenarioOptions) ([]ExactRankOdds, error) {
	return ScenarioRanksContext(context.Background(), items, opts)
}

// ScenarioRanksContext is ScenarioRanks, stopping early when ctx is done: it then returns
// ctx.Err() (errors.Is(err, context.Canceled) or context.DeadlineExceeded holds). The
// context is checked every 1,024 steps.
func ScenarioRanksContext(ctx context.Context, items []ScenarioItem, opts ScenarioOptions) ([]ExactRankOdds, error) {
	e := validation.New("prioritize: scenario ranks")
	if opts.K < 1 {
		e.Add("k", "gte", "1", "must be at least 1")
	}
	if opts.MaxWork < 0 {
		e.Add("max_work", "gte", "0", "must be at least 0")
	}
	ids := make([]ItemID, len(items))
	outcomes := 0
	for i, it := range items {
		p := index("items", i)
		if it.ID == "" {
			e.Add(p+".id", "required", "", "is required")
		}
		if bounded(e, p, "value", it.Value) && it.Value.Sign() < 0 {
			e.Add(p+".value", "dgte", "0", "must be at least 0")
		}
		checkScenarios(e, p, it.Scenarios)
		ids[i] = it.ID
		outcomes += len(it.Scenarios)
	}
	uniqueIDs(e, "items", ids)
	if err := withSentinels(e); err != nil {
		return nil, err
	}
	n := len(items)
	k := min(opts.K, n)
	// Each item's probabilities as integers over the least common denominator L_j.
	lcd := make([]*big.Int, n)
	units := make([][]*big.Int, n)
	denBits := 0
	for j, it := range items {
		l := big.NewInt(1)
		g := new(big.Int)
		for _, s := range it.Scenarios {
			g.GCD(nil, nil, l, s.Probability.d())
			l.Mul(l, new(big.Int).Quo(s.Probability.d(), g))
		}
		lcd[j] = l
		units[j] = make([]*big.Int, len(it.Scenarios))
		for s, sc := range it.Scenarios {
			u := new(big.Int).Quo(l, sc.Probability.d())
			units[j][s] = u.Mul(u, sc.Probability.n())
		}
		denBits += l.BitLen()
	}
	maxWork := opts.MaxWork
	if maxWork == 0 {
		maxWork = DefaultMaxScenarioWork
	}
	if w, ok := mulChain(uint64(outcomes), uint64(max(n-1, 1)), uint64(max(k, 1)), uint64(denBits/64+1+8)); !ok || w > uint64(maxWork) {
		e.Add("items", "max_work", itoa(maxWork), "too much work for exact ranks (outcomes × items × k × denominator words beyond max_work "+itoa(maxWork)+"): raise MaxWork or use SimulateRanks")
		return nil, e.Err()
	}
	// One total order over every (item, outcome): descending score, then ID.
	type outcome struct {
		item, s int
		score   Fraction
	}
	all := make([]outcome, 0, outcomes)
	for i, it := range items {
		for s, sc := range it.Scenarios {
			all = append(all, outcome{item: i, s: s, score: ratio(it.Value, sc.Effort)})
		}
	}
	slices.SortFunc(all, func(a, b outcome) int {
		if c := b.score.Cmp(a.score); c != 0 {
			return c
		}
		return cmp.Compare(items[a.item].ID, items[b.item].ID)
	})
	// For each item, its outcomes' positions in the order and the prefix sums of their
	// probability units: above(j, pos) = the units of j's outcomes ranked before pos.
	posOf := make([][]int, n)
	prefix := make([][]*big.Int, n)
	orderOf := make([][]int, n) // order position of each (item, scenario)
	for j := range items {
		orderOf[j] = make([]int, len(items[j].Scenarios))
		prefix[j] = []*big.Int{new(big.Int)}
	}
	for pos, o := range all {
		orderOf[o.item][o.s] = pos
		posOf[o.item] = append(posOf[o.item], pos)
		last := prefix[o.item][len(prefix[o.item])-1]
		prefix[o.item] = append(prefix[o.item], new(big.Int).Add(last, units[o.item][o.s]))
	}
	den := big.NewInt(1)
	for _, l := range lcd {
		den.Mul(den, l)
	}
	out := make([]ExactRankOdds, n)
	steps := 0
	below, tmp := new(big.Int), new(big.Int)
	for i, it := range items {
		// total ÷ Π_j L_j = Σ_o P(o) × P(fewer than k others above o).
		total := new(big.Int)
		for s := range it.Scenarios {
			pos := orderOf[i][s]
			// dist[c] = P(exactly c other items rank above this outcome) × Π L_j, c < k.
			dist := make([]*big.Int, 1, k)
			dist[0] = big.NewInt(1)
			for j := range items {
				if j == i {
					continue
				}
				if steps&1023 == 0 {
					if err := ctx.Err(); err != nil {
						return nil, err
					}
				}
				steps++
				cnt, _ := slices.BinarySearch(posOf[j], pos)
				above := prefix[j][cnt]
				below.Sub(lcd[j], above)
				if len(dist) < k {
					dist = append(dist, new(big.Int))
				}
				for c := len(dist) - 1; c >= 0; c-- {
					// next[c] = dist[c]·below + dist[c−1]·above
					dist[c].Mul(dist[c], below)
					if c > 0 {
						dist[c].Add(dist[c], tmp.Mul(dist[c-1], above))
					}
				}
			}
			inTop := new(big.Int)
			for _, pc := range dist {
				inTop.Add(inTop, pc)
			}
			total.Add(total, inTop.Mul(inTop, units[i][s]))
		}
		pi := reduce(total, new(big.Int).Set(den))
		out[i] = ExactRankOdds{ID: it.ID, P: pi, Value: pi.Decimal(DisplayScale)}
	}
	return out, nil
}

// mulChain multiplies factors, reporting false on overflow of 64 bits.
func mulChain(fs ...uint64) (uint64, bool) {
	p := uint64(1)
	for _, f := range fs {
		hi, lo := bits.Mul64(p, f)
		if hi != 0 {
			return 0, false
		}
		p = lo
	}
	return p, true
}
