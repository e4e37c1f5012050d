package prioritize

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
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
	// CurrentShare and CriticalShare are, for a weight (WeightSwap), the weight as a share
	// of all the scorecard's weights: Current ÷ (Current + the others) and Critical ÷
	// (Critical + the others), the others fixed. Scores only depend on the weights'
	// shares, so the critical share is the tipping point to quote ("effort's weight must
	// reach 40% of the total"). Undefined for RICE inputs, and for a critical weight that
	// is negative or leaves every weight zero.
	CurrentShare  Ratio `json:"current_share"`
	CriticalShare Ratio `json:"critical_share"`
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
	wsum := Fraction{}
	for _, c := range card.Criteria {
		wsum = addF(wsum, fracOf(c.Weight))
	}
	share := func(w, others Fraction) Ratio {
		all := addF(w, others)
		if w.Sign() < 0 || all.Sign() == 0 {
			return Ratio{}
		}
		return newRatio(quoF(w, all))
	}
	out := make([]Threshold, len(card.Criteria))
	for k, c := range card.Criteria {
		w := fracOf(c.Weight)
		others := subF(wsum, w)
		if d[k].Sign() == 0 {
			out[k] = Threshold{Item: a, Factor: c.Name, Current: c.Weight, CurrentShare: share(w, others)}
			continue
		}
		rest := subF(total, mulF(w, d[k]))
		crit := quoF(negF(rest), d[k])
		out[k] = newThreshold(a, c.Name, c.Weight, crit, crit.Sign() >= 0)
		out[k].CurrentShare, out[k].CriticalShare = share(w, others), share(crit, others)
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

// RICEFactor names one of RICE's four inputs.
type RICEFactor uint8

// RICE's inputs.
const (
	RICEReach      RICEFactor = iota // reach
	RICEImpact                       // impact
	RICEConfidence                   // confidence
	RICEEffort                       // effort
)

var riceFactorSet = enum.Set[RICEFactor]{Subject: "prioritize: rice factor", Kind: "rice factor", Names: []string{"reach", "impact", "confidence", "effort"}}

// String returns "reach", "impact", "confidence" or "effort".
func (f RICEFactor) String() string { return riceFactorSet.String(f) }

// MarshalText encodes the name given by String.
func (f RICEFactor) MarshalText() ([]byte, error) { return riceFactorSet.Marshal(f) }

// UnmarshalText decodes a name given by String.
func (f *RICEFactor) UnmarshalText(b []byte) error { return riceFactorSet.Unmarshal(f, b) }

// StabilityOptions says which RICE inputs RICEStability perturbs, and by how much.
type StabilityOptions struct {
	// Perturbation is the relative change, a fraction in [0, 1): 0.1 for ±10%.
	Perturbation decimal.Decimal `json:"perturbation"`
	// Factors lists the inputs that move (say reach and effort, when impact and
	// confidence are agreed); empty means all four. Order and repeats do not matter.
	Factors []RICEFactor `json:"factors,omitempty"`
}

// Stability is the result of RICEStability.
type Stability struct {
	// Perturbation is the relative change applied, e.g. 0.1 for ±10%.
	Perturbation decimal.Decimal `json:"perturbation"`
	// Factors are the inputs that moved, in RICE order.
	Factors []RICEFactor `json:"factors"`
	// Intervals are in ranked order.
	Intervals []Interval `json:"intervals"`
	// Pairs are the adjacent pairs of the ranking, top first.
	Pairs []PairStability `json:"pairs"`
	// Stable counts the stable pairs.
	Stable int `json:"stable"`
}

// RICEStability ranks items by RICE and checks each adjacent pair under a stated
// perturbation p in [0, 1) of the chosen inputs (st.Factors; all four by default): reach,
// impact and confidence may each fall or rise by the fraction p (confidence capped at 1)
// and effort rise or fall by p; the other inputs stay as given. RICE is monotone, so each
// score's exact interval has its ends at the pessimistic and optimistic corners; a pair is
// stable when the intervals do not overlap.
func RICEStability(items []RICEInput, opts RICEOptions, st StabilityOptions) (Stability, error) {
	e := validation.New("prioritize: rice stability")
	p := st.Perturbation
	if bounded(e, "", "perturbation", p) && (p.Sign() < 0 || p.Cmp(one) >= 0) {
		e.Add("perturbation", "range", "[0,1)", "must be at least 0 and less than 1")
	}
	var moves [4]bool
	for i, f := range st.Factors {
		if f > RICEEffort {
			e.Add(index("factors", i), "oneof", "reach impact confidence effort", "must be reach, impact, confidence or effort")
			continue
		}
		moves[f] = true
	}
	if len(st.Factors) == 0 {
		moves = [4]bool{true, true, true, true}
	}
	if err := e.Err(); err != nil {
		return Stability{}, err
	}
	rk, err := Rank(items, ByRICE(func(in RICEInput) RICEInput { return in }, opts))
	if err != nil {
		return Stability{}, err
	}
	out := Stability{Perturbation: p, Factors: []RICEFactor{}}
	for f, m := range moves {
		if m {
			out.Factors = append(out.Factors, RICEFactor(f))
		}
	}
	// Each factor's low and high multipliers: 1 ∓ p when it moves, else 1.
	lo, hi := [4]Fraction{}, [4]Fraction{}
	for f, m := range moves {
		lo[f], hi[f] = intF(1), intF(1)
		if m {
			lo[f], hi[f] = subF(intF(1), fracOf(p)), addF(intF(1), fracOf(p))
		}
	}
	for i := range rk.Len() {
		in, id, exact := rk.exactAt(i)
		F := fracOf
		cHi := mulF(F(in.Confidence), hi[RICEConfidence])
		if cHi.Cmp(intF(1)) > 0 {
			cHi = intF(1)
		}
		low := quoF(mulF(mulF(mulF(F(in.Reach), lo[RICEReach]), mulF(F(in.Impact), lo[RICEImpact])), mulF(F(in.Confidence), lo[RICEConfidence])), mulF(F(in.Effort), hi[RICEEffort]))
		high := quoF(mulF(mulF(mulF(F(in.Reach), hi[RICEReach]), mulF(F(in.Impact), hi[RICEImpact])), cHi), mulF(F(in.Effort), lo[RICEEffort]))
		out.Intervals = append(out.Intervals, Interval{ID: id, Score: exact, Low: low, High: high})
	}
	for i := 1; i < len(out.Intervals); i++ {
		a, b := out.Intervals[i-1], out.Intervals[i]
		ps := PairStability{Higher: a.ID, Lower: b.ID, Stable: a.Low.Cmp(b.High) > 0}
		if ps.Stable {
			out.Stable++
		}
		out.Pairs = append(out.Pairs, ps)
	}
	return out, nil
}
