package launch

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Change is what changed between two evaluations ("what changed since yesterday"),
// typically of the same plan at two instants or before and after an edit.
type Change struct {
	// BeforeAsOf and AfterAsOf are the instants of the two evaluations.
	BeforeAsOf time.Time `json:"before_as_of"`
	AfterAsOf  time.Time `json:"after_as_of"`
	// VerdictBefore and VerdictAfter are the two verdicts (equal when unchanged).
	VerdictBefore Verdict `json:"verdict_before"`
	VerdictAfter  Verdict `json:"verdict_after"`
	// ScoreBefore and ScoreAfter are the two overall scores.
	ScoreBefore Score `json:"score_before"`
	ScoreAfter  Score `json:"score_after"`
	// ScoreDelta is after minus before, at ScoreScale places, in score units (0.25 = 25
	// points); nil when either score is undefined.
	ScoreDelta *decimal.Decimal `json:"score_delta"`
	// Added are reasons of the second evaluation absent from the first; Resolved the
	// reverse. A reason is identified by severity, kind and subject. Both keep reason order.
	Added    []Reason `json:"added"`
	Resolved []Reason `json:"resolved"`
	// Items lists required items whose status or reason changed, or that became or
	// stopped being required, by ID.
	Items []ItemChange `json:"items"`
	// NewlyOverdue and NoLongerOverdue list item IDs that entered or left the overdue
	// list, by ID.
	NewlyOverdue    []ItemID `json:"newly_overdue"`
	NoLongerOverdue []ItemID `json:"no_longer_overdue"`
}

// ItemChange is one item's before and after; a nil side means the item was not required
// (or not in the plan) in that evaluation.
type ItemChange struct {
	ID     ItemID      `json:"id"`     // the item
	Before *ItemResult `json:"before"` // nil when not required before
	After  *ItemResult `json:"after"`  // nil when not required after
}

type reasonKey struct {
	sev     Severity
	kind    ReasonKind
	subject string
}

func keyOf(r Reason) reasonKey { return reasonKey{r.Severity, r.Kind, r.Subject} }

// Diff compares two evaluations. It is pure and its result is deterministic. It never
// fails: evaluations that Evaluate did not make (zero, or a Score without a Value) give a
// nil ScoreDelta rather than a panic.
func Diff(before, after Evaluation) Change {
	c := Change{
		BeforeAsOf: before.AsOf, AfterAsOf: after.AsOf,
		VerdictBefore: before.Verdict, VerdictAfter: after.Verdict,
		ScoreBefore: before.Score, ScoreAfter: after.Score,
		Added: []Reason{}, Resolved: []Reason{}, Items: []ItemChange{},
		NewlyOverdue: []ItemID{}, NoLongerOverdue: []ItemID{},
	}
	if scoreValueOK(before.Score) && scoreValueOK(after.Score) {
		d := after.Score.Value.Sub(*before.Score.Value)
		c.ScoreDelta = &d
	}
	inBefore := make(map[reasonKey]bool, len(before.Reasons))
	for _, r := range before.Reasons {
		inBefore[keyOf(r)] = true
	}
	inAfter := make(map[reasonKey]bool, len(after.Reasons))
	for _, r := range after.Reasons {
		inAfter[keyOf(r)] = true
		if !inBefore[keyOf(r)] {
			c.Added = append(c.Added, r)
		}
	}
	for _, r := range before.Reasons {
		if !inAfter[keyOf(r)] {
			c.Resolved = append(c.Resolved, r)
		}
	}

	bi := make(map[ItemID]*ItemResult, len(before.Items))
	for i := range before.Items {
		bi[before.Items[i].ID] = &before.Items[i]
	}
	ai := make(map[ItemID]*ItemResult, len(after.Items))
	for i := range after.Items {
		ai[after.Items[i].ID] = &after.Items[i]
	}
	ids := make([]ItemID, 0, len(bi)+len(ai))
	for id := range bi {
		ids = append(ids, id)
	}
	for id := range ai {
		if bi[id] == nil {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		b, a := bi[id], ai[id]
		if b != nil && a != nil && b.Status == a.Status && b.Reason == a.Reason && b.Overdue == a.Overdue {
			continue
		}
		c.Items = append(c.Items, ItemChange{ID: id, Before: b, After: a})
	}

	bo := map[ItemID]bool{}
	for _, o := range before.Overdue {
		bo[o.ID] = true
	}
	ao := map[ItemID]bool{}
	for _, o := range after.Overdue {
		ao[o.ID] = true
		if !bo[o.ID] {
			c.NewlyOverdue = append(c.NewlyOverdue, o.ID)
		}
	}
	for _, o := range before.Overdue {
		if !ao[o.ID] {
			c.NoLongerOverdue = append(c.NoLongerOverdue, o.ID)
		}
	}
	slices.Sort(c.NewlyOverdue)
	slices.Sort(c.NoLongerOverdue)
	return c
}

// Changed reports whether anything differs: verdict, score, reasons, items or overdue.
func (c Change) Changed() bool {
	return c.VerdictBefore != c.VerdictAfter || !scoreEqual(c.ScoreBefore, c.ScoreAfter) ||
		len(c.Added)+len(c.Resolved)+len(c.Items)+len(c.NewlyOverdue)+len(c.NoLongerOverdue) > 0
}

// scoreValueOK reports whether s has a value safe to subtract (a hand-built Score may be
// Defined without one, or hold an unbounded decimal).
func scoreValueOK(s Score) bool {
	return s.Defined && s.Value != nil && validation.DecimalBounded(*s.Value)
}

func scoreEqual(a, b Score) bool {
	for _, d := range []decimal.Decimal{a.Num, a.Den, b.Num, b.Den} {
		if !validation.DecimalBounded(d) {
			return false // a hand-built score; comparing could rescale without bound
		}
	}
	return a.Defined == b.Defined && a.Num.Equal(b.Num) && a.Den.Equal(b.Den)
}

// Text renders the change as a short plain-text report; "no changes" when nothing
// differs. The output is deterministic.
func (c Change) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "changes from %s to %s:\n", c.BeforeAsOf.UTC().Format(time.RFC3339), c.AfterAsOf.UTC().Format(time.RFC3339))
	if !c.Changed() {
		b.WriteString("  no changes\n")
		return b.String()
	}
	if c.VerdictBefore != c.VerdictAfter {
		fmt.Fprintf(&b, "verdict: %s -> %s\n", verdictLabel(c.VerdictBefore), verdictLabel(c.VerdictAfter))
	} else {
		fmt.Fprintf(&b, "verdict: %s (unchanged)\n", verdictLabel(c.VerdictAfter))
	}
	fmt.Fprintf(&b, "readiness: %s -> %s", scoreLine(c.ScoreBefore), scoreLine(c.ScoreAfter))
	if c.ScoreDelta != nil {
		pts := c.ScoreDelta.Mul(decimal.NewFromInt(100)).StringFixed(2)
		if c.ScoreDelta.Sign() >= 0 {
			pts = "+" + pts
		}
		fmt.Fprintf(&b, " (%s points)", pts)
	}
	b.WriteString("\n")
	for _, r := range c.Resolved {
		fmt.Fprintf(&b, "  resolved: %s\n", r.line())
	}
	for _, r := range c.Added {
		fmt.Fprintf(&b, "  new:      %s\n", r.line())
	}
	for _, it := range c.Items {
		fmt.Fprintf(&b, "  item %s: %s -> %s\n", it.ID, itemState(it.Before), itemState(it.After))
	}
	for _, id := range c.NewlyOverdue {
		fmt.Fprintf(&b, "  now overdue: %s\n", id)
	}
	for _, id := range c.NoLongerOverdue {
		fmt.Fprintf(&b, "  no longer overdue: %s\n", id)
	}
	return b.String()
}

// WriteText writes Text to w.
func (c Change) WriteText(w io.Writer) error {
	_, err := io.WriteString(w, c.Text())
	return err
}

func itemState(r *ItemResult) string {
	if r == nil {
		return "not required"
	}
	s := r.Status.String()
	if r.Reason != 0 {
		s += " [" + r.Reason.String() + "]"
	}
	if r.Overdue {
		s += " overdue"
	}
	return s
}
