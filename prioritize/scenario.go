package prioritize

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Scenario is one outcome of a discrete effort estimate.
type Scenario struct {
	// Effort in this outcome, > 0.
	Effort decimal.Decimal `json:"effort"`
	// Probability of this outcome, in (0, 1]; an item's probabilities sum to exactly 1.
	Probability Fraction `json:"probability"`
}

// PERTScenarios reads a three-point estimate as three discrete outcomes weighted like the
// PERT mean: optimistic 1/6, most likely 4/6, pessimistic 1/6 (coinciding points merge).
// Their mean is the PERT mean (O + 4M + P) ÷ 6.
func PERTScenarios(t ThreePoint) ([]Scenario, error) {
	if err := t.Validate(); err != nil {
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

// checkScenarios validates one item's outcomes under prefix.
func checkScenarios(e *validation.Errors, prefix string, ss []Scenario) {
	if len(ss) == 0 {
		e.Add(path(prefix, "scenarios"), "required", "", "needs at least one scenario")
		return
	}
	total := Fraction{}
	for i, s := range ss {
		p := index(path(prefix, "scenarios"), i)
		switch {
		case isUnset(s.Effort):
			e.Add(p+".effort", "required", "", "is required")
		case s.Effort.Sign() < 0:
			e.Add(p+".effort", "dgt", "0", "must be greater than 0")
		case s.Effort.IsZero():
			e.Add(p+".effort", ruleNonZero, "", ruleZeroMessage)
		default:
			bounded(e, "", p+".effort", s.Effort)
		}
		if s.Probability.Sign() <= 0 || s.Probability.Cmp(intF(1)) > 0 {
			e.Add(p+".probability", "range", "(0,1]", "must be greater than 0 and at most 1")
		}
		total = addF(total, s.Probability)
	}
	if !total.Equal(intF(1)) {
		e.Add(path(prefix, "scenarios"), "sum", "1", "probabilities must sum to 1, not "+total.String())
	}
}

// ExpectedScore returns E[value ÷ effort] over the outcomes, exactly. Whenever effort
// varies it exceeds value ÷ E[effort] (Jensen's inequality): plugging a mean effort into a
// ratio score understates the expected score.
func ExpectedScore(value decimal.Decimal, scenarios []Scenario) (Fraction, error) {
	e := validation.New("prioritize: expected score")
	if isUnset(value) || value.Sign() < 0 {
		e.Add("value", "dgte", "0", "must be set and at least 0")
	}
	bounded(e, "", "value", value)
	checkScenarios(e, "", scenarios)
	if err := withSentinels(e); err != nil {
		return Fraction{}, err
	}
	total := Fraction{}
	for _, s := range scenarios {
		total = addF(total, mulF(s.Probability, ratio(value, s.Effort)))
	}
	return total, nil
}

// ScenarioItem is an item with a known value and a discrete effort distribution.
type ScenarioItem struct {
	// ID names the item; required and unique.
	ID ItemID `json:"id"`
	// Value is the score's numerator, ≥ 0 (for RICE: reach × impact × confidence).
	Value decimal.Decimal `json:"value"`
	// Scenarios are the effort outcomes, independent of other items'.
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

// maxScenarioWork bounds ScenarioRanks: scenarios × items × k.
const maxScenarioWork = 5_000_000

// ScenarioRanks computes exactly, for items whose efforts are independent discrete
// outcomes, each item's P(rank ≤ k) when items are ranked by value ÷ effort (descending,
// ties by ID, as Rank does). For each outcome of an item, the number of other items above
// it is a sum of independent Bernoulli variables, whose distribution is built exactly, so
// the cost is about scenarios × items × k fraction operations (at most 5,000,000), not the
// product of every item's outcomes. Results are in input order.
func ScenarioRanks(items []ScenarioItem, k int) ([]ExactRankOdds, error) {
	e := validation.New("prioritize: scenario ranks")
	if k < 1 {
		e.Add("k", "gte", "1", "must be at least 1")
	}
	ids := make([]ItemID, len(items))
	total := 0
	for i, it := range items {
		p := index("items", i)
		if it.ID == "" {
			e.Add(p+".id", "required", "", "is required")
		}
		if isUnset(it.Value) || it.Value.Sign() < 0 {
			e.Add(p+".value", "dgte", "0", "must be set and at least 0")
		}
		bounded(e, p, "value", it.Value)
		checkScenarios(e, p, it.Scenarios)
		ids[i] = it.ID
		total += len(it.Scenarios)
	}
	uniqueIDs(e, "items", ids)
	if w := total * len(items) * min(max(k, 1), len(items)+1); w > maxScenarioWork {
		e.Add("items", "size", "", "too many scenarios for exact ranks: use SimulateRanks")
	}
	if err := withSentinels(e); err != nil {
		return nil, err
	}
	// One total order over every (item, outcome): descending score, then ID.
	type outcome struct {
		item  int
		score Fraction
		p     Fraction
		order int
	}
	var all []*outcome
	per := make([][]*outcome, len(items))
	for i, it := range items {
		for _, s := range it.Scenarios {
			o := &outcome{item: i, score: ratio(it.Value, s.Effort), p: s.Probability}
			all = append(all, o)
			per[i] = append(per[i], o)
		}
	}
	slices.SortFunc(all, func(a, b *outcome) int {
		if c := b.score.Cmp(a.score); c != 0 {
			return c
		}
		return cmp.Compare(items[a.item].ID, items[b.item].ID)
	})
	for n, o := range all {
		o.order = n
	}
	out := make([]ExactRankOdds, len(items))
	for i, it := range items {
		pi := Fraction{}
		for _, o := range per[i] {
			// dist[c] = P(exactly c other items rank above this outcome), for c < k.
			dist := []Fraction{intF(1)}
			for j := range items {
				if j == i {
					continue
				}
				above := Fraction{}
				for _, q := range per[j] {
					if q.order < o.order {
						above = addF(above, q.p)
					}
				}
				below := subF(intF(1), above)
				next := make([]Fraction, min(len(dist)+1, k))
				for c, pc := range dist {
					if c < len(next) {
						next[c] = addF(next[c], mulF(pc, below))
					}
					if c+1 < len(next) {
						next[c+1] = addF(next[c+1], mulF(pc, above))
					}
				}
				dist = next
			}
			inTop := Fraction{}
			for _, pc := range dist {
				inTop = addF(inTop, pc)
			}
			pi = addF(pi, mulF(o.p, inTop))
		}
		out[i] = ExactRankOdds{ID: it.ID, P: pi, Value: pi.Decimal(DisplayScale)}
	}
	return out, nil
}
