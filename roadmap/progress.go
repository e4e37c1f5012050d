package roadmap

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// RatioScale is the number of fractional digits of every ratio the package returns
// (progress, scores, coverage), rounded half away from zero.
const RatioScale = 6

// Formula is a progress roll-up rule over an item's leaf descendants:
//
//	progress = (Σ points(Done) + InProgressCredit × Σ points(InProgress, Paused)) / Σ points(all but Canceled)
//
// Tools differ; use a preset. The zero value is EstimateFormula (credit 0, unestimated
// items count 0 points).
type Formula struct {
	// Name labels the formula in results.
	Name string `json:"name,omitempty"`
	// InProgressCredit is the share of an in-progress or paused item's points credited,
	// 0 to 1.
	InProgressCredit decimal.Decimal `json:"in_progress_credit"`
	// UnestimatedPoints is the points of an item without an estimate; nil counts it as 0
	// on both sides.
	UnestimatedPoints *decimal.Decimal `json:"unestimated_points,omitempty"`
	// CountBased counts every item as 1 point, ignoring estimates.
	CountBased bool `json:"count_based,omitempty"`
}

// LinearFormula is Linear's project and cycle progress: (completed points + 0.25 ×
// in-progress points) / total points, an unestimated issue counting 1 point.
func LinearFormula() Formula {
	one := decimal.NewFromInt(1)
	return Formula{Name: "linear", InProgressCredit: decimal.New(25, -2), UnestimatedPoints: &one}
}

// EstimateFormula is progress by estimate (GitLab's completed-weight percentage): done
// points / total points, no credit for work in progress, unestimated items ignored (our
// reading of GitLab: an issue without weight adds nothing to either side).
func EstimateFormula() Formula { return Formula{Name: "estimate"} }

// CountFormula is progress by count (GitLab's count-based roadmap setting): done items /
// items, an item in progress counting 0.
func CountFormula() Formula { return Formula{Name: "count", CountBased: true} }

// Validate reports a credit outside 0-1 and negative unestimated points.
func (f Formula) Validate() error {
	e := validation.New("roadmap: progress formula")
	if bounded(e, "in_progress_credit", f.InProgressCredit) && (f.InProgressCredit.Sign() < 0 || f.InProgressCredit.Cmp(decimal.NewFromInt(1)) > 0) {
		e.Addf("in_progress_credit", "range", "must be between 0 and 1, got %s", validation.Truncate(f.InProgressCredit.String()))
	}
	if f.UnestimatedPoints != nil {
		checkAmount(e, "unestimated_points", *f.UnestimatedPoints)
	}
	return e.Err()
}

// ProgressResult is a progress roll-up with its inputs.
type ProgressResult struct {
	// Formula shows the rule and its numbers:
	// "(done + 0.25 × in progress) / total = (3 + 0.25 × 2) / 8 = 0.4375".
	Formula string `json:"formula"`
	// Done, InProgress and Total are points (items when count-based); InProgress
	// includes Paused, Total excludes Canceled.
	Done       decimal.Decimal `json:"done"`
	InProgress decimal.Decimal `json:"in_progress"` // points in progress or paused.
	Total      decimal.Decimal `json:"total"`       // points of every item but canceled ones.
	// Items counts the leaves included; Canceled counts those excluded.
	Items    int `json:"items"`
	Canceled int `json:"canceled"` // canceled leaves excluded.
	// Credit is the formula's InProgressCredit (0 when count-based or unset).
	Credit decimal.Decimal `json:"credit"`
	// Numerator is Done + Credit × InProgress, exact; Total is the denominator.
	Numerator decimal.Decimal `json:"numerator"`
	// Value is Numerator / Total, 0 to 1, at RatioScale digits; 0 when not Defined.
	Value decimal.Decimal `json:"value"`
	// Defined is false when Total is 0 (nothing to measure; Linear returns 0 then).
	Defined bool `json:"defined"`
}

// Progress rolls up progress over root's leaf descendants (root itself if it has no
// children; every leaf of items if root is empty) with formula f. Canceled items, and
// everything under a canceled parent, are excluded. Errors: those of CheckItems, a bad
// formula, and an unknown root.
func Progress(items []Item, root ItemID, f Formula) (ProgressResult, error) {
	if err := f.Validate(); err != nil {
		return ProgressResult{}, err
	}
	ix, err := newIndex(items)
	if err != nil {
		return ProgressResult{}, err
	}
	var r ProgressResult
	var walk func(n int32)
	walk = func(n int32) {
		it := ix.item(n)
		kids := ix.kids(n)
		if it.Status == Canceled {
			r.Canceled += max(1, len(ix.leaves(n, nil)))
			return
		}
		if len(kids) > 0 {
			for _, c := range kids {
				walk(c)
			}
			return
		}
		var pts decimal.Decimal
		switch {
		case f.CountBased:
			pts = decimal.NewFromInt(1)
		case it.Estimate != nil:
			pts = *it.Estimate
		case f.UnestimatedPoints != nil:
			pts = *f.UnestimatedPoints
		}
		r.Items++
		r.Total = r.Total.Add(pts)
		switch it.Status {
		case Done:
			r.Done = r.Done.Add(pts)
		case InProgress, Paused:
			r.InProgress = r.InProgress.Add(pts)
		}
	}
	if root == "" {
		for n := range ix.ids {
			if ix.item(int32(n)).Parent == "" {
				walk(int32(n))
			}
		}
	} else {
		n, ok := ix.node[root]
		if !ok {
			e := validation.New("roadmap: progress")
			e.Addf("root", "exists", "unknown item %q", validation.Truncate(string(root)))
			return ProgressResult{}, e.Err()
		}
		walk(n)
	}
	r.Credit = f.InProgressCredit
	r.Numerator = r.Done.Add(f.InProgressCredit.Mul(r.InProgress))
	r.Defined = r.Total.Sign() > 0
	if r.Defined {
		r.Value = r.Numerator.DivRound(r.Total, RatioScale)
	}
	var b strings.Builder
	done, total := "done", "total"
	if f.CountBased {
		done, total = "done items", "items"
	}
	if f.InProgressCredit.IsZero() {
		fmt.Fprintf(&b, "%s / %s = %s / %s", done, total, r.Done, r.Total)
	} else {
		fmt.Fprintf(&b, "(%s + %s × in progress) / %s = (%s + %s × %s) / %s", done, f.InProgressCredit, total, r.Done, f.InProgressCredit, r.InProgress, r.Total)
	}
	if r.Defined {
		fmt.Fprintf(&b, " = %s", r.Value)
	} else {
		b.WriteString(" (undefined: total is 0)")
	}
	r.Formula = b.String()
	return r, nil
}
