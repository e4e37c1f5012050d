package roadmap

import (
	"errors"
	"fmt"
	"strings"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// Sentinel errors callers branch on with errors.Is.
var (
	// ErrCycle is matched by every *CycleError: the dependencies loop back on themselves.
	ErrCycle = errors.New("roadmap: dependency cycle")
	// ErrInvalidTransition is matched by every *TransitionError: the lifecycle does not
	// allow the status change.
	ErrInvalidTransition = errors.New("roadmap: invalid transition")
	// ErrWorkLimit is matched by the error of a computation that would exceed its work
	// cap (ScheduleOptions.MaxWork); it matches productops.ErrInvalid too, as the input is
	// too large for the cap.
	ErrWorkLimit = errors.New("roadmap: work limit exceeded")
)

// workLimitError reports a computation stopped at its work cap.
type workLimitError struct {
	op, option string
	limit      int
}

// Error formats "roadmap: work limit exceeded: schedule needs more than 5 steps (raise
// ScheduleOptions.MaxWork)".
func (e *workLimitError) Error() string {
	return fmt.Sprintf("roadmap: work limit exceeded: %s needs more than %d steps (raise %s)", e.op, e.limit, e.option)
}

// Is reports whether target is ErrWorkLimit or productops.ErrInvalid.
func (e *workLimitError) Is(target error) bool {
	return target == ErrWorkLimit || target == productops.ErrInvalid
}

func workLimit(op, option string, limit int) error {
	return &workLimitError{op: op, option: option, limit: limit}
}

// CycleError reports dependency cycles with their actual paths. Each path is closed: its
// first and last IDs are the same, and each ID is a prerequisite of the next
// (A blocks B blocks C blocks A reads [A B C A]); a self-dependency reads [A A].
//
// errors.Is(err, ErrCycle) and errors.Is(err, productops.ErrInvalid) both hold.
type CycleError struct {
	// Path is the first cycle found by a depth-first search that starts from items in
	// ascending ID order and follows prerequisite-to-dependent edges in ascending ID order.
	// It equals Cycles[0].
	Path []ItemID `json:"path"`
	// Cycles holds one cycle per cyclic group (strongly connected component), in the
	// order the same search first closes a cycle inside each group. Every cycle of the
	// graph lies inside exactly one group, so every cycle is accounted for; enumerating
	// all elementary cycles instead could be exponential.
	Cycles [][]ItemID `json:"cycles"`
	// Groups holds the members of each cyclic group, ascending by ID, aligned with Cycles.
	Groups [][]ItemID `json:"groups"`
}

// Error formats the first cycle and how many other cyclic groups exist:
// "roadmap: dependency cycle: A -> B -> C -> A (and 1 more cyclic group)".
func (e *CycleError) Error() string {
	var b strings.Builder
	b.WriteString("roadmap: dependency cycle: ")
	for i, id := range e.Path {
		if i > 0 {
			b.WriteString(" -> ")
		}
		if i == 12 && len(e.Path) > 14 {
			fmt.Fprintf(&b, "... (%d more) -> %s", len(e.Path)-13, validation.Truncate(string(e.Path[len(e.Path)-1])))
			break
		}
		b.WriteString(validation.Truncate(string(id)))
	}
	if n := len(e.Cycles) - 1; n == 1 {
		b.WriteString(" (and 1 more cyclic group)")
	} else if n > 1 {
		fmt.Fprintf(&b, " (and %d more cyclic groups)", n)
	}
	return b.String()
}

// Is reports whether target is ErrCycle or productops.ErrInvalid.
func (e *CycleError) Is(target error) bool {
	return target == ErrCycle || target == productops.ErrInvalid
}

// TransitionCause says why Lifecycle.Move refused a status change.
type TransitionCause int

// The causes.
const (
	// NotAllowed: both statuses exist but the lifecycle does not allow the move.
	NotAllowed TransitionCause = iota
	// UnknownStatus: the requested status is not in the lifecycle.
	UnknownStatus
	// UnknownCurrent: the item's current status is not in the lifecycle.
	UnknownCurrent
)

var transitionCauseSet = enum.Set[TransitionCause]{Subject: "roadmap: transition cause", Kind: "transition cause", Names: []string{"not_allowed", "unknown_status", "unknown_current"}}

// String returns "not_allowed", "unknown_status" or "unknown_current".
func (c TransitionCause) String() string { return transitionCauseSet.String(c) }

// MarshalText encodes c as its String form; an invalid cause is an error.
func (c TransitionCause) MarshalText() ([]byte, error) { return transitionCauseSet.Marshal(c) }

// UnmarshalText decodes a cause name (case-insensitive).
func (c *TransitionCause) UnmarshalText(b []byte) error { return transitionCauseSet.Unmarshal(c, b) }

// TransitionError reports a status change the lifecycle forbids. Nothing was changed.
// errors.Is(err, ErrInvalidTransition) and errors.Is(err, productops.ErrInvalid) hold.
type TransitionError struct {
	// ID is the item whose status was to change.
	ID ItemID `json:"id"`
	// From and To are the status names.
	From string `json:"from"`
	To   string `json:"to"` // the requested status name.
	// Cause says why, for programs: NotAllowed, UnknownStatus or UnknownCurrent.
	Cause TransitionCause `json:"cause"`
	// Reason says why, for people: "not allowed", "unknown status" or "current status
	// unknown to the lifecycle".
	Reason string `json:"reason"`
}

// Error formats the item and the move:
// `roadmap: invalid transition: item "A": "Done" -> "Backlog": not allowed`.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("roadmap: invalid transition: item %q: %q -> %q: %s",
		validation.Truncate(string(e.ID)), validation.Truncate(e.From), validation.Truncate(e.To), e.Reason)
}

// Is reports whether target is ErrInvalidTransition or productops.ErrInvalid.
func (e *TransitionError) Is(target error) bool {
	return target == ErrInvalidTransition || target == productops.ErrInvalid
}
