package roadmap

import (
	"fmt"
	"time"

	"github.com/productops/productops/internal/validation"
)

// Status is a named status and the category it belongs to ("In review" in InProgress).
type Status struct {
	Name     string   `json:"name"`     // unique within the lifecycle.
	Category Category `json:"category"` // the status group.
}

// Transition is one allowed move between two status names.
type Transition struct {
	From string `json:"from"` // status name before.
	To   string `json:"to"`   // status name after.
}

// Lifecycle is a configurable status state machine: named statuses, each in a category,
// and the moves allowed between them. Moving to the current status is a no-op and always
// allowed. The zero value has no statuses; start from DefaultLifecycle. A Lifecycle is
// read-only once built and safe for concurrent use.
type Lifecycle struct {
	// Statuses lists the statuses; names are unique and non-empty. The first status of a
	// category is that category's default (used for items with an empty StatusName).
	Statuses []Status `json:"statuses"`
	// Transitions lists the allowed moves between different names. Nil means moves follow
	// CategoryAllowed on the two statuses' categories (so any two names in the same
	// category may swap). A non-nil list allows exactly the moves listed, as in Aha!'s
	// "fixed" workflows.
	Transitions []Transition `json:"transitions,omitempty"`
}

// DefaultLifecycle returns one status per category, named "Backlog", "Planned",
// "In Progress", "Paused", "Done" and "Canceled", with category-level transitions.
func DefaultLifecycle() Lifecycle {
	return Lifecycle{Statuses: []Status{
		{"Backlog", Backlog}, {"Planned", Planned}, {"In Progress", InProgress},
		{"Paused", Paused}, {"Done", Done}, {"Canceled", Canceled},
	}}
}

// categoryMoves is the category transition table (from, to); same-category moves are
// always allowed. It is our own design (no surveyed open tool enforces transitions).
var categoryMoves = [6][6]bool{
	//           Backlog Planned InProgress Paused Done  Canceled
	Backlog:    {true, true, true, false, false, true},
	Planned:    {true, true, true, false, false, true},
	InProgress: {false, true, true, true, true, true},
	Paused:     {true, false, true, true, false, true},
	Done:       {false, false, true, false, true, false},
	Canceled:   {true, false, false, false, false, true},
}

// CategoryAllowed reports whether the category table allows moving from one category to
// another:
//
//	from \ to    Backlog Planned InProgress Paused Done Canceled
//	Backlog         ·       ✓        ✓         ✗     ✗     ✓
//	Planned         ✓       ·        ✓         ✗     ✗     ✓
//	InProgress      ✗       ✓        ·         ✓     ✓     ✓
//	Paused          ✓       ✗        ✓         ·     ✗     ✓
//	Done            ✗       ✗        ✓ reopen  ✗     ·     ✗
//	Canceled        ✓ revive ✗       ✗         ✗     ✗     ·
//
// Same-category moves are allowed. Done can only be reached from InProgress, so "done
// without being started" shows up as an error.
func CategoryAllowed(from, to Category) bool {
	if !from.valid() || !to.valid() {
		return false
	}
	return categoryMoves[from][to]
}

// Validate reports empty or duplicate names, invalid categories, an empty status list,
// and transitions naming unknown statuses.
func (l Lifecycle) Validate() error {
	e := validation.New("roadmap: lifecycle")
	if len(l.Statuses) == 0 {
		e.Add("statuses", "required", "", "is required")
	}
	seen := make(map[string]bool, len(l.Statuses))
	for i, s := range l.Statuses {
		p := fmt.Sprintf("statuses[%d]", i)
		switch {
		case s.Name == "":
			e.Add(p+".name", "required", "", "is required")
		case seen[s.Name]:
			e.Addf(p+".name", "unique", "duplicate status %q", validation.Truncate(s.Name))
		}
		seen[s.Name] = true
		if !s.Category.valid() {
			e.Addf(p+".category", "oneof", "must be a status category")
		}
	}
	for i, t := range l.Transitions {
		p := fmt.Sprintf("transitions[%d]", i)
		if !seen[t.From] {
			e.Addf(p+".from", "exists", "unknown status %q", validation.Truncate(t.From))
		}
		if !seen[t.To] {
			e.Addf(p+".to", "exists", "unknown status %q", validation.Truncate(t.To))
		}
	}
	return e.Err()
}

// status finds a status by name.
func (l Lifecycle) status(name string) (Status, bool) {
	for _, s := range l.Statuses {
		if s.Name == name {
			return s, true
		}
	}
	return Status{}, false
}

// Current returns the name of item's status: its StatusName, or the lifecycle's default
// status of its category when StatusName is empty ("" if the category has none).
func (l Lifecycle) Current(it Item) string {
	if it.StatusName != "" {
		return it.StatusName
	}
	for _, s := range l.Statuses {
		if s.Category == it.Status {
			return s.Name
		}
	}
	return ""
}

// Allowed reports whether moving from one status name to another is allowed. Unknown
// names are never allowed; a name to itself always is.
func (l Lifecycle) Allowed(from, to string) bool {
	f, ok1 := l.status(from)
	t, ok2 := l.status(to)
	if !ok1 || !ok2 {
		return false
	}
	if from == to {
		return true
	}
	if l.Transitions == nil {
		return CategoryAllowed(f.Category, t.Category)
	}
	for _, tr := range l.Transitions {
		if tr.From == from && tr.To == to {
			return true
		}
	}
	return false
}

// Move changes it's status to the status named to, recording the change (time and actor)
// in it.History. A forbidden move or an unknown status returns a *TransitionError
// (errors.Is(err, ErrInvalidTransition)); a zero time, or one before the last recorded
// change, returns a *productops.ValidationError, as does a nil it. On error nothing is
// changed. Moving to the current status is a no-op and records nothing.
func (l Lifecycle) Move(it *Item, to string, at time.Time, actor string) error {
	if it == nil {
		e := validation.New("roadmap: move")
		e.Add("item", "required", "", "is required")
		return e.Err()
	}
	from := l.Current(*it)
	if _, ok := l.status(from); !ok {
		return &TransitionError{ID: it.ID, From: from, To: to, Cause: UnknownCurrent, Reason: "current status unknown to the lifecycle"}
	}
	target, ok := l.status(to)
	if !ok {
		return &TransitionError{ID: it.ID, From: from, To: to, Cause: UnknownStatus, Reason: "unknown status"}
	}
	if from == to {
		return nil
	}
	if !l.Allowed(from, to) {
		return &TransitionError{ID: it.ID, From: from, To: to, Cause: NotAllowed, Reason: "not allowed"}
	}
	e := validation.New(fmt.Sprintf("roadmap: move of item %q", validation.Truncate(string(it.ID))))
	if at.IsZero() {
		e.Add("at", "required", "", "is required")
	} else if n := len(it.History); n > 0 && at.Before(it.History[n-1].At) {
		e.Addf("at", "order", "is before the last recorded change (%s)", it.History[n-1].At.Format(time.RFC3339))
	}
	if err := e.Err(); err != nil {
		return err
	}
	it.History = append(it.History, StatusChange{From: from, To: to, At: at, Actor: actor})
	it.Status = target.Category
	it.StatusName = to
	return nil
}

// Check verifies items against the lifecycle: every status name is known and of the
// item's category, and every recorded change is allowed, chained (each From is the
// previous To) and ends at the current status. Errors name each bad item; a forbidden
// recorded move is reported as a field error with rule "transition".
func (l Lifecycle) Check(items []Item) error {
	if err := l.Validate(); err != nil {
		return err
	}
	// Index the statuses and moves once: the check is then linear in items and history,
	// however many statuses and transitions the lifecycle lists.
	byName := make(map[string]Status, len(l.Statuses))
	deflt := map[Category]string{}
	for _, s := range l.Statuses {
		byName[s.Name] = s
		if _, ok := deflt[s.Category]; !ok {
			deflt[s.Category] = s.Name
		}
	}
	var moves map[Transition]bool
	if l.Transitions != nil {
		moves = make(map[Transition]bool, len(l.Transitions))
		for _, t := range l.Transitions {
			moves[t] = true
		}
	}
	allowed := func(from, to string) bool {
		f, ok1 := byName[from]
		t, ok2 := byName[to]
		switch {
		case !ok1 || !ok2:
			return false
		case from == to:
			return true
		case moves == nil:
			return CategoryAllowed(f.Category, t.Category)
		}
		return moves[Transition{from, to}]
	}
	e := validation.New("roadmap: items")
	for i, it := range items {
		p := fmt.Sprintf("items[%d]", i)
		id := validation.Truncate(string(it.ID))
		cur := it.StatusName
		if cur == "" {
			cur = deflt[it.Status]
		}
		s, ok := byName[cur]
		switch {
		case !ok:
			e.Addf(p+".status_name", "exists", "item %q has unknown status %q", id, validation.Truncate(cur))
		case s.Category != it.Status:
			e.Addf(p+".status", "eqfield", "item %q: status %q is %s, not %s", id, validation.Truncate(cur), s.Category, it.Status)
		}
		for j, h := range it.History {
			hp := fmt.Sprintf("%s.history[%d]", p, j)
			if j > 0 && h.From != it.History[j-1].To {
				e.Addf(hp+".from", "chain", "item %q: change starts at %q, previous change ended at %q", id, validation.Truncate(h.From), validation.Truncate(it.History[j-1].To))
			}
			if !allowed(h.From, h.To) {
				e.Addf(hp, "transition", "item %q: %q -> %q is not allowed", id, validation.Truncate(h.From), validation.Truncate(h.To))
			}
		}
		if n := len(it.History); n > 0 && ok && it.History[n-1].To != cur {
			e.Addf(p+".history", "chain", "item %q: last change ends at %q, not the current status %q", id, validation.Truncate(it.History[n-1].To), validation.Truncate(cur))
		}
	}
	return e.Err()
}
