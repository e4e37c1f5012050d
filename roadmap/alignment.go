package roadmap

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Ratio is a share with its numerator and denominator.
type Ratio struct {
	Num decimal.Decimal `json:"num"` // the numerator.
	Den decimal.Decimal `json:"den"` // the denominator.
	// Value is Num / Den at RatioScale digits; 0 when not Defined.
	Value decimal.Decimal `json:"value"`
	// Defined is false when Den is 0.
	Defined bool `json:"defined"`
}

func ratio(num, den decimal.Decimal) Ratio {
	r := Ratio{Num: num, Den: den, Defined: den.Sign() != 0}
	if r.Defined {
		r.Value = num.DivRound(den, RatioScale)
	}
	return r
}

// ObjectiveEffort is the work serving one objective.
type ObjectiveEffort struct {
	ID ObjectiveID `json:"id"` // the objective.
	// Items counts the items serving it.
	Items int `json:"items"`
	// Effort sums estimate / k over those items, k being how many objectives the item
	// serves (no double counting); at RatioScale digits.
	Effort decimal.Decimal `json:"effort"`
}

// AlignmentReport is how much of a plan serves its objectives.
type AlignmentReport struct {
	// ItemCoverage is items serving at least one objective / items.
	ItemCoverage Ratio `json:"item_coverage"`
	// EffortCoverage is the same weighted by estimate (unestimated items count 0; see
	// Unestimated).
	EffortCoverage Ratio `json:"effort_coverage"`
	// ObjectiveCoverage is objectives served by at least one item / objectives.
	ObjectiveCoverage Ratio `json:"objective_coverage"`
	// Unestimated counts items without an estimate.
	Unestimated int `json:"unestimated"`
	// Unaligned lists items serving no objective, by ID.
	Unaligned []ItemID `json:"unaligned"`
	// Orphans lists objectives no item serves, by ID.
	Orphans []ObjectiveID `json:"orphans"`
	// PerObjective lists each objective's items and effort, by objective ID.
	PerObjective []ObjectiveEffort `json:"per_objective"`
}

// Alignment measures alignment coverage over the work items: leaf items (without
// children) that are not Canceled and have no Canceled ancestor. An item serves the
// objectives it or any ancestor links, directly (Objectives) or through a key result
// (KeyResults). Filter items first to measure one period (for example a ByQuarter group).
// Errors: those of CheckItems and ValidateObjectives, and links to unknown objectives or
// key results, naming the item.
func Alignment(items []Item, objs []Objective) (AlignmentReport, error) {
	at, err := checkObjectives(objs)
	if err != nil {
		return AlignmentReport{}, err
	}
	ix, err := newIndex(items)
	if err != nil {
		return AlignmentReport{}, err
	}
	krObj := map[KeyResultID]ObjectiveID{}
	for _, o := range objs {
		for _, k := range o.KeyResults {
			krObj[k.ID] = o.ID
		}
	}
	e := validation.New("roadmap: alignment")
	for i, it := range items {
		for j, o := range it.Objectives {
			if _, ok := at[o]; !ok {
				e.Addf(fmt.Sprintf("items[%d].objectives[%d]", i, j), "exists", "item %q links unknown objective %q", validation.Truncate(string(it.ID)), validation.Truncate(string(o)))
			}
		}
		for j, k := range it.KeyResults {
			if _, ok := krObj[k]; !ok {
				e.Addf(fmt.Sprintf("items[%d].key_results[%d]", i, j), "exists", "item %q links unknown key result %q", validation.Truncate(string(it.ID)), validation.Truncate(string(k)))
			}
		}
	}
	if err := e.Err(); err != nil {
		return AlignmentReport{}, err
	}
	r := AlignmentReport{Unaligned: []ItemID{}, Orphans: []ObjectiveID{}, PerObjective: []ObjectiveEffort{}}
	effort := make(map[ObjectiveID]decimal.Decimal, len(objs))
	count := make(map[ObjectiveID]int, len(objs))
	var items0, aligned0 int
	total, aligned := decimal.Zero, decimal.Zero
	for n := range ix.ids {
		if len(ix.kids(int32(n))) > 0 {
			continue
		}
		serves := map[ObjectiveID]bool{}
		canceled := false
		for c := int32(n); ; {
			it := ix.item(c)
			canceled = canceled || it.Status == Canceled
			for _, o := range it.Objectives {
				serves[o] = true
			}
			for _, k := range it.KeyResults {
				serves[krObj[k]] = true
			}
			if it.Parent == "" {
				break
			}
			c = ix.node[it.Parent]
		}
		if canceled {
			continue
		}
		it := ix.item(int32(n))
		items0++
		est := decimal.Zero
		if it.Estimate == nil {
			r.Unestimated++
		} else {
			est = *it.Estimate
		}
		total = total.Add(est)
		if len(serves) == 0 {
			r.Unaligned = append(r.Unaligned, it.ID)
			continue
		}
		aligned0++
		aligned = aligned.Add(est)
		share := est.DivRound(decimal.NewFromInt(int64(len(serves))), RatioScale)
		for o := range serves {
			effort[o] = effort[o].Add(share)
			count[o]++
		}
	}
	r.ItemCoverage = ratio(decimal.NewFromInt(int64(aligned0)), decimal.NewFromInt(int64(items0)))
	r.EffortCoverage = ratio(aligned, total)
	served := 0
	ids := make([]ObjectiveID, 0, len(objs))
	for _, o := range objs {
		ids = append(ids, o.ID)
	}
	slices.SortFunc(ids, func(a, b ObjectiveID) int { return strings.Compare(string(a), string(b)) })
	for _, o := range ids {
		if count[o] == 0 {
			r.Orphans = append(r.Orphans, o)
			continue
		}
		served++
		r.PerObjective = append(r.PerObjective, ObjectiveEffort{ID: o, Items: count[o], Effort: effort[o]})
	}
	r.ObjectiveCoverage = ratio(decimal.NewFromInt(int64(served)), decimal.NewFromInt(int64(len(objs))))
	return r, nil
}
