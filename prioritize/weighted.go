package prioritize

import (
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// Direction says whether more of a criterion is better (benefit) or worse (cost).
type Direction uint8

// Directions. The zero value is Benefit.
const (
	Benefit Direction = iota // more is better (value, reach, strategic fit)
	Cost                     // less is better (effort, risk)
)

var directionSet = enum.Set[Direction]{Subject: "prioritize: direction", Kind: "direction", Names: []string{"benefit", "cost"}}

// String returns "benefit" or "cost".
func (d Direction) String() string { return directionSet.String(d) }

// MarshalText encodes the name given by String.
func (d Direction) MarshalText() ([]byte, error) {
	return directionSet.Marshal(d)
}

// UnmarshalText decodes a name given by String.
func (d *Direction) UnmarshalText(b []byte) error {
	return directionSet.Unmarshal(d, b)
}

// Normalization maps a criterion's raw values to the common scale the weights apply to.
type Normalization uint8

// Normalizations. The zero value, NormalizeNone, is the default. NormalizeMinMax and
// NormalizeRank are relative: an item's score depends on the other items scored with it,
// and adding an item can even swap two others; their notes name the reference set.
const (
	// NormalizeNone uses raw values; a cost criterion is subtracted (weight × value).
	NormalizeNone Normalization = iota
	// NormalizeScale maps x to (x − Min) ÷ (Max − Min) with the criterion's own fixed
	// scale; a cost criterion uses 1 − that. Values must lie on [Min, Max]. Absolute:
	// scores do not depend on the other items.
	NormalizeScale
	// NormalizeMinMax is NormalizeScale with the minimum and maximum of the batch; a
	// constant column gives every item 1 (the criterion's full weight).
	NormalizeMinMax
	// NormalizeRank gives 1 − (r − 1) ÷ (N − 1), where r is the item's competition rank on
	// the criterion (1 = best, ties share the better rank) among N items; one item gets 1.
	NormalizeRank
	// NormalizeJPD is Jira Product Discovery's documented per-field rule: the batch maximum
	// maps to 1 and the low end is 0 when every value is ≥ 0 (so x ÷ max, a ratio to the
	// maximum, not min-max), else the batch minimum. A cost criterion uses 1 − that (JPD
	// itself divides by the cost side instead) and the total is not re-normalized to 100.
	// JPD's own all-negative example (−5, −2, −1 → 0, 66, 100) does not follow its rule;
	// this follows the rule (−2 → 0.75).
	NormalizeJPD
)

var normalizationSet = enum.Set[Normalization]{Subject: "prioritize: normalization", Kind: "normalization", Names: []string{"none", "scale", "min_max", "rank", "jpd"}}

// String returns "none", "scale", "min_max", "rank" or "jpd".
func (n Normalization) String() string { return normalizationSet.String(n) }

// MarshalText encodes the name given by String.
func (n Normalization) MarshalText() ([]byte, error) {
	return normalizationSet.Marshal(n)
}

// UnmarshalText decodes a name given by String.
func (n *Normalization) UnmarshalText(b []byte) error {
	return normalizationSet.Unmarshal(n, b)
}

// Criterion is one column of a scorecard.
type Criterion struct {
	// Name labels the criterion in breakdowns; required and unique.
	Name string `json:"name" validate:"required"`
	// Weight is ≥ 0; weights need not sum to 1 (the score divides by their sum).
	Weight decimal.Decimal `json:"weight" validate:"dbound,dgte=0"`
	// Direction says whether more is better; zero is Benefit.
	Direction Direction `json:"direction" validate:"lte=1"`
	// Min and Max bound the criterion's scale; required (Min < Max) for NormalizeScale and
	// otherwise ignored.
	Min decimal.Decimal `json:"min" validate:"dbound"`
	Max decimal.Decimal `json:"max" validate:"dbound"` // upper end of the scale
}

// Scorecard is a weighted scoring model: score = Σ weight × normalized value ÷ Σ weight.
// The zero Normalization uses raw values.
type Scorecard struct {
	// Criteria are the columns, in the order of WeightedInput.Values; at least one, and the
	// weights must not all be zero.
	Criteria []Criterion `json:"criteria" validate:"required,min=1,dive"`
	// Normalization maps raw values to a common scale; zero is NormalizeNone.
	Normalization Normalization `json:"normalization" validate:"lte=4"`
}

// WeightedInput is one item's raw values, one per criterion in Scorecard order.
type WeightedInput struct {
	// ID names the item; required and unique in a batch.
	ID ItemID `json:"id" validate:"required"`
	// Values has one value per criterion.
	Values []decimal.Decimal `json:"values"`
}

// Validate reports every bad field of the scorecard itself.
func (s Scorecard) Validate() error {
	e := validation.New("prioritize: scorecard")
	s.check(e)
	return e.Err()
}

func (s Scorecard) check(e *validation.Errors) {
	e.Struct("", s)
	total, allBounded := decimal.Zero, true
	names := map[string]int{}
	for i, c := range s.Criteria {
		p := index("criteria", i)
		if !validation.DecimalBounded(c.Weight) || !validation.DecimalBounded(c.Min) || !validation.DecimalBounded(c.Max) {
			allBounded = false // reported by the dbound tag; never compared
			continue
		}
		total = total.Add(c.Weight)
		if j, ok := names[c.Name]; ok && c.Name != "" {
			e.Add(p+".name", ruleUnique, "", "duplicate criterion name (also criteria["+itoa(j)+"])")
		}
		names[c.Name] = i
		if s.Normalization == NormalizeScale && !c.Min.LessThan(c.Max) {
			e.Add(p+".max", "gtfield", "min", "must be greater than min for scale normalization")
		}
	}
	if allBounded && len(s.Criteria) > 0 && total.Sign() <= 0 {
		e.Add("criteria", "weights", "", "weights must not all be zero")
	}
}

// Score scores items with the scorecard, in input order. Every item needs one value per
// criterion (within [Min, Max] under NormalizeScale). Errors name items[i].values[k];
// duplicate IDs are ErrDuplicateID.
func (s Scorecard) Score(items []WeightedInput) ([]Score, error) {
	e := validation.New("prioritize: weighted input")
	s.check(e)
	if e.Len() > 0 {
		return nil, e.Err()
	}
	ids := make([]ItemID, len(items))
	for i, it := range items {
		p := index("items", i)
		if it.ID == "" {
			e.Add(p+".id", "required", "", "is required")
		}
		ids[i] = it.ID
		if len(it.Values) != len(s.Criteria) {
			e.Add(p+".values", "len", itoa(len(s.Criteria)), "must have one value per criterion ("+itoa(len(s.Criteria))+")")
			continue
		}
		for k, v := range it.Values {
			vp := index(p+".values", k)
			if bounded(e, "", vp, v) && s.Normalization == NormalizeScale && (v.LessThan(s.Criteria[k].Min) || v.GreaterThan(s.Criteria[k].Max)) {
				e.Add(vp, "range", s.Criteria[k].Min.String()+" "+s.Criteria[k].Max.String(),
					"must be within the scale "+s.Criteria[k].Min.String()+" to "+s.Criteria[k].Max.String())
			}
		}
	}
	uniqueIDs(e, "items", ids)
	if err := withSentinels(e); err != nil {
		return nil, err
	}
	norm := s.normalizer(items)
	wsum := decimal.Zero
	for _, c := range s.Criteria {
		wsum = wsum.Add(c.Weight)
	}
	out := make([]Score, len(items))
	for i, it := range items {
		total := Fraction{}
		factors := make([]Factor, len(s.Criteria))
		terms := make([]string, len(s.Criteria))
		for k, c := range s.Criteria {
			v := norm(k, it.Values[k])
			w := fracOf(c.Weight)
			contrib := mulF(w, v)
			total = addF(total, contrib)
			f := Factor{Name: c.Name, Input: it.Values[k], Value: v.Decimal(DisplayScale), Weight: c.Weight, Op: OpAdd,
				Contribution: contrib.Decimal(DisplayScale)}
			if v.Sign() < 0 {
				f.Op = OpSubtract
				f.Value = negF(v).Decimal(DisplayScale)
				f.Contribution = negF(contrib).Decimal(DisplayScale)
			}
			factors[k] = f
			terms[k] = c.Weight.String() + " × " + term(v)
		}
		exact := quoF(total, fracOf(wsum))
		formula := "(" + strings.Join(terms, " + ") + ") ÷ " + wsum.String()
		var notes []string
		if s.Normalization == NormalizeMinMax || s.Normalization == NormalizeRank || s.Normalization == NormalizeJPD {
			notes = append(notes, s.Normalization.String()+" normalization relative to "+itoa(len(items))+" items scored together")
		}
		out[i] = newScore(it.ID, FrameworkWeighted, s.Normalization.String(), exact, formula, factors, notes)
		if notes != nil {
			out[i].Caveats = []Caveat{CaveatRelative}
		}
	}
	return out, nil
}

// normalizer returns the function giving criterion k's normalized value of x.
func (s Scorecard) normalizer(items []WeightedInput) func(k int, x decimal.Decimal) Fraction {
	n := len(s.Criteria)
	lo := make([]decimal.Decimal, n)
	hi := make([]decimal.Decimal, n)
	var sorted [][]decimal.Decimal // NormalizeRank: each criterion's values, ascending
	for k, c := range s.Criteria {
		switch s.Normalization {
		case NormalizeRank:
			col := make([]decimal.Decimal, len(items))
			for i, it := range items {
				col[i] = it.Values[k]
			}
			slices.SortFunc(col, decimal.Decimal.Cmp)
			sorted = append(sorted, col)
		case NormalizeScale:
			lo[k], hi[k] = c.Min, c.Max
		case NormalizeMinMax, NormalizeJPD:
			for i, it := range items {
				if i == 0 || it.Values[k].LessThan(lo[k]) {
					lo[k] = it.Values[k]
				}
				if i == 0 || it.Values[k].GreaterThan(hi[k]) {
					hi[k] = it.Values[k]
				}
			}
			if s.Normalization == NormalizeJPD && lo[k].Sign() > 0 {
				lo[k] = decimal.Zero
			}
		}
	}
	return func(k int, x decimal.Decimal) Fraction {
		c := s.Criteria[k]
		switch s.Normalization {
		case NormalizeScale, NormalizeMinMax, NormalizeJPD:
			if hi[k].Equal(lo[k]) {
				return intF(1)
			}
			f := ratio(x.Sub(lo[k]), hi[k].Sub(lo[k]))
			if c.Direction == Cost {
				f = subF(intF(1), f)
			}
			return f
		case NormalizeRank:
			if len(items) == 1 {
				return intF(1)
			}
			// Better values: above x for a benefit, below it for a cost (binary search, so
			// scoring n items costs O(n log n), not O(n²)).
			col := sorted[k]
			lower, _ := slices.BinarySearchFunc(col, x, decimal.Decimal.Cmp)
			better := lower
			if c.Direction == Benefit {
				upper := sort.Search(len(col), func(i int) bool { return col[i].GreaterThan(x) })
				better = len(col) - upper
			}
			return subF(intF(1), reduceInts(int64(better), int64(len(items)-1)))
		}
		if c.Direction == Cost {
			return negF(fracOf(x))
		}
		return fracOf(x)
	}
}
