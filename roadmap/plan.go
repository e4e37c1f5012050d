package roadmap

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/productops/productops/internal/validation"
)

// Plan bundles what a roadmap is made of, to validate it as a whole. The operations take
// its parts directly (Schedule(p.Items, p.Teams, ...)). A Plan is a plain value: not safe
// for concurrent mutation, safe for concurrent reads.
type Plan struct {
	Items      []Item      `json:"items"`                // the work
	Objectives []Objective `json:"objectives,omitempty"` // objectives the items serve
	Teams      []Team      `json:"teams,omitempty"`      // teams and their capacity buckets
	// Lifecycle gives the status names; nil means DefaultLifecycle.
	Lifecycle *Lifecycle `json:"lifecycle,omitempty"`
	// Calendar resolves fuzzy dates.
	Calendar Calendar `json:"calendar"`
}

// Validate checks everything at once and names every bad item: item fields and
// references (CheckItems), statuses and recorded transitions (Lifecycle.Check), objectives
// and key results (ValidateObjectives), links from items to unknown objectives or key
// results, teams (Team.Validate, unique IDs) and items naming an unknown team when Teams
// is set, and the calendar. All of these come back together as one
// *productops.ValidationError; only when there are none are dependency cycles checked,
// giving a *CycleError.
func (p Plan) Validate() error {
	e := validation.New("roadmap: plan")
	e.Merge("calendar", p.Calendar.Validate())
	e.Merge("", CheckItems(p.Items))
	lc := DefaultLifecycle()
	if p.Lifecycle != nil {
		lc = *p.Lifecycle
	}
	if err := lc.Validate(); err != nil {
		e.Merge("lifecycle", err)
	} else {
		e.Merge("", lc.Check(p.Items))
	}
	e.Merge("", ValidateObjectives(p.Objectives))
	objs, krs := map[ObjectiveID]bool{}, map[KeyResultID]bool{}
	for _, o := range p.Objectives {
		objs[o.ID] = true
		for _, k := range o.KeyResults {
			krs[k.ID] = true
		}
	}
	for i, it := range p.Items {
		for j, o := range it.Objectives {
			if !objs[o] {
				e.Addf(fmt.Sprintf("items[%d].objectives[%d]", i, j), "exists", "item %q links unknown objective %q", validation.Truncate(string(it.ID)), validation.Truncate(string(o)))
			}
		}
		for j, k := range it.KeyResults {
			if !krs[k] {
				e.Addf(fmt.Sprintf("items[%d].key_results[%d]", i, j), "exists", "item %q links unknown key result %q", validation.Truncate(string(it.ID)), validation.Truncate(string(k)))
			}
		}
	}
	teams := map[TeamID]bool{}
	for i, t := range p.Teams {
		prefix := fmt.Sprintf("teams[%d]", i)
		t.check(e, prefix)
		if teams[t.ID] {
			e.Addf(prefix+".id", "unique", "duplicate team %q", validation.Truncate(string(t.ID)))
		}
		teams[t.ID] = true
	}
	if len(p.Teams) > 0 {
		for i, it := range p.Items {
			if it.Team != "" && !teams[it.Team] {
				e.Addf(fmt.Sprintf("items[%d].team", i), "exists", "item %q has unknown team %q", validation.Truncate(string(it.ID)), validation.Truncate(string(it.Team)))
			}
		}
	}
	if err := e.Err(); err != nil {
		return err
	}
	return CheckDependencies(p.Items)
}

// Dates resolves every item's effective dates with the plan's calendar, in ID order: the
// per-item spans of Dates(p.Items, p.Calendar). Span.DateRange turns each into the
// DateRange that ScheduleHealth takes.
func (p Plan) Dates() ([]Span, error) { return Dates(p.Items, p.Calendar) }

// All yields the plan's items in byte-wise ID order.
func (p Plan) All() iter.Seq[Item] {
	return func(yield func(Item) bool) {
		order := make([]int, len(p.Items))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(string(p.Items[a].ID), string(p.Items[b].ID)) })
		for _, i := range order {
			if !yield(p.Items[i]) {
				return
			}
		}
	}
}
