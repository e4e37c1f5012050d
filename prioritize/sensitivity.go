package prioritize

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Threshold is the value one input must reach, all others fixed, for two items to tie.
// Past it, their order swaps.
type Threshold struct {
	// Item is the item whose input moves.
	Item ItemID `json:"item"`
	// Factor names the input ("reach", "confidence", a criterion's name, ...).
	Factor string `json:"factor"`
	// Current is the input's present value.
	Current decimal.Decimal `json:"current"`
	// Defined is false when no value of this input can make the items tie ("never": the
	// input does not change the difference, or the tie would need a division by zero).
	Defined bool `json:"defined"`
	// Critical is the tying value, exact; Value is it rounded to DisplayScale places.
	Critical Fraction        `json:"critical"`
	Value    decimal.Decimal `json:"value"` // Critical rounded for display
	// Feasible is true when Critical lies in the input's valid range (reach ≥ 0,
	// confidence within [0, 1], effort > 0, impact within 0.25–3 under RICEStrict, weight ≥ 0).
	Feasible bool `json:"feasible"`
	// Change is Critical − Current.
	Change decimal.Decimal `json:"change"`
}

func newThreshold(item ItemID, factor string, cur decimal.Decimal, crit Fraction, feasible bool) Threshold {
	c := crit.Decimal(DisplayScale)
	return Threshold{Item: item, Factor: factor, Current: cur, Defined: true, Critical: crit, Value: c,
		Feasible: feasible, Change: subF(crit, fracOf(cur)).Decimal(DisplayScale)}
}

// RICESwap reports, for each of the eight inputs of a and b, the value at which the two
// RICE scores tie with everything else fixed (the order swaps beyond it). Because RICE is
// multiplicative the thresholds are closed forms: a's confidence ties at
// score(b) × effort(a) ÷ (reach(a) × impact(a)), a's effort at
// reach(a) × impact(a) × confidence(a) ÷ score(b), and so on.
func RICESwap(a, b RICEInput, opts RICEOptions) ([]Threshold, error) {
	e := validation.New("prioritize: rice swap")
	a.check(e, "a", opts)
	b.check(e, "b", opts)
	if err := withSentinels(e); err != nil {
		return nil, err
	}
	sa, _ := RICE(a, opts)
	sb, _ := RICE(b, opts)
	var out []Threshold
	for _, side := range []struct {
		x     RICEInput
		other Fraction
	}{{a, sb.Exact}, {b, sa.Exact}} {
		x, other := side.x, side.other
		F := func(d decimal.Decimal) Fraction { return fracOf(d) }
		target := mulF(other, F(x.Effort)) // reach × impact × confidence must equal this
		solve := func(name string, cur decimal.Decimal, rest Fraction, ok func(Fraction) bool) {
			if rest.Sign() == 0 {
				out = append(out, Threshold{Item: x.ID, Factor: name, Current: cur})
				return
			}
			c := quoF(target, rest)
			out = append(out, newThreshold(x.ID, name, cur, c, ok(c)))
		}
		nonNeg := func(c Fraction) bool { return c.Sign() >= 0 }
		solve("reach", x.Reach, mulF(F(x.Impact), F(x.Confidence)), nonNeg)
		solve("impact", x.Impact, mulF(F(x.Reach), F(x.Confidence)), func(c Fraction) bool {
			if opts.Variant == RICEStrict {
				return c.Cmp(fracOf(ImpactMinimal)) >= 0 && c.Cmp(fracOf(ImpactMassive)) <= 0
			}
			return c.Sign() >= 0
		})
		solve("confidence", x.Confidence, mulF(F(x.Reach), F(x.Impact)), func(c Fraction) bool {
			return c.Sign() >= 0 && c.Cmp(intF(1)) <= 0
		})
		num := fracOf(x.Reach.Mul(x.Impact).Mul(x.Confidence))
		if other.Sign() == 0 || num.Sign() == 0 {
			// No positive effort makes a zero numerator equal a positive score, and an
			// infinite effort would be needed to reach a zero one.
			out = append(out, Threshold{Item: x.ID, Factor: "effort", Current: x.Effort})
		} else {
			c := quoF(num, other)
			out = append(out, newThreshold(x.ID, "effort", x.Effort, c, true))
		}
	}
	return out, nil
}

// WeightSwap reports, for each criterion of the scorecard, the weight at which items a and
// b (IDs among items) tie with every other weight fixed. The normalized values come from
// scoring items together, so relative normalizations use the whole set. Multiplying all
// weights by one constant never changes an order, so the thresholds do not depend on the
// weights' sum.
func WeightSwap(card Scorecard, items []WeightedInput, a, b ItemID) ([]Threshold, error) {
	if _, err := card.Score(items); err != nil {
		return nil, err
	}
	ia := slices.IndexFunc(items, func(w WeightedInput) bool { return w.ID == a })
	ib := slices.IndexFunc(items, func(w WeightedInput) bool { return w.ID == b })
	if ia < 0 || ib < 0 {
		e := validation.New("prioritize: weight swap")
		if ia < 0 {
			e.Add("a", ruleExists, "", "unknown item "+quote(a))
		}
		if ib < 0 {
			e.Add("b", ruleExists, "", "unknown item "+quote(b))
		}
		return nil, withSentinels(e)
	}
	norm := card.normalizer(items)
	d := make([]Fraction, len(card.Criteria))
	total := Fraction{}
	for k, c := range card.Criteria {
		d[k] = subF(norm(k, items[ia].Values[k]), norm(k, items[ib].Values[k]))
		total = addF(total, mulF(fracOf(c.Weight), d[k]))
	}
	out := make([]Threshold, len(card.Criteria))
	for k, c := range card.Criteria {
		if d[k].Sign() == 0 {
			out[k] = Threshold{Item: a, Factor: c.Name, Current: c.Weight}
			continue
		}
		rest := subF(total, mulF(fracOf(c.Weight), d[k]))
		crit := quoF(negF(rest), d[k])
		out[k] = newThreshold(a, c.Name, c.Weight, crit, crit.Sign() >= 0)
	}
	return out, nil
}

// Interval is the range a score can take when every input moves by up to ±p.
type Interval struct {
	// ID names the item.
	ID ItemID `json:"id"`
	// Score is the unperturbed score; Low and High bound it under the perturbation.
	Score Fraction `json:"score"`
	Low   Fraction `json:"low"`  // pessimistic corner
	High  Fraction `json:"high"` // optimistic corner
}

// PairStability says whether two adjacent items can swap under the perturbation.
type PairStability struct {
	// Higher is ranked above Lower.
	Higher ItemID `json:"higher"`
	Lower  ItemID `json:"lower"` // the item ranked just below Higher
	// Stable is true when Higher's lowest score is above Lower's highest: no combination
	// of perturbed inputs can swap them.
	Stable bool `json:"stable"`
}

// Stability is the result of RICEStability.
type Stability struct {
	// Perturbation is the relative change applied, e.g. 0.1 for ±10%.
	Perturbation decimal.Decimal `json:"perturbation"`
	// Intervals are in ranked order.
	Intervals []Interval `json:"intervals"`
	// Pairs are the adjacent pairs of the ranking, top first.
	Pairs []PairStability `json:"pairs"`
	// Stable counts the stable pairs.
	Stable int `json:"stable"`
}

// RICEStability ranks items by RICE and checks each adjacent pair under a stated
// perturbation p in [0, 1): reach, impact and confidence may each fall or rise by the
// fraction p (confidence capped at 1) and effort rise or fall by p. RICE is monotone, so
// each score's exact interval has its ends at the pessimistic and optimistic corners; a
// pair is stable when the intervals do not overlap.
func RICEStability(items []RICEInput, opts RICEOptions, p decimal.Decimal) (Stability, error) {
	e := validation.New("prioritize: rice stability")
	if bounded(e, "", "perturbation", p) && (p.Sign() < 0 || p.Cmp(one) >= 0) {
		e.Add("perturbation", "range", "[0,1)", "must be at least 0 and less than 1")
	}
	if err := e.Err(); err != nil {
		return Stability{}, err
	}
	rk, err := Rank(items, ByRICE(func(in RICEInput) RICEInput { return in }, opts))
	if err != nil {
		return Stability{}, err
	}
	lo, hi := subF(intF(1), fracOf(p)), addF(intF(1), fracOf(p))
	st := Stability{Perturbation: p}
	for r := range rk.All() {
		in := r.Item
		F := fracOf
		cHi := mulF(F(in.Confidence), hi)
		if cHi.Cmp(intF(1)) > 0 {
			cHi = intF(1)
		}
		low := quoF(mulF(mulF(mulF(F(in.Reach), lo), mulF(F(in.Impact), lo)), mulF(F(in.Confidence), lo)), mulF(F(in.Effort), hi))
		high := quoF(mulF(mulF(mulF(F(in.Reach), hi), mulF(F(in.Impact), hi)), cHi), mulF(F(in.Effort), lo))
		st.Intervals = append(st.Intervals, Interval{ID: r.ID, Score: r.Score, Low: low, High: high})
	}
	for i := 1; i < len(st.Intervals); i++ {
		a, b := st.Intervals[i-1], st.Intervals[i]
		ps := PairStability{Higher: a.ID, Lower: b.ID, Stable: a.Low.Cmp(b.High) > 0}
		if ps.Stable {
			st.Stable++
		}
		st.Pairs = append(st.Pairs, ps)
	}
	return st, nil
}
