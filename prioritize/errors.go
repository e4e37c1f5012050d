package prioritize

import (
	"errors"
	"fmt"
	"strings"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/validation"
)

// Sentinel errors callers branch on. ErrZeroEffort, ErrDuplicateID, ErrUnknownPrerequisite
// and ErrUnknownReference come wrapped together with the *productops.ValidationError that
// names the fields involved (errors.As finds it); ErrCycle comes as a *CycleError listing the
// items. errors.Is(err, productops.ErrInvalid) holds for all of them.
var (
	// ErrZeroEffort reports an effort, duration or job size of zero: the score would divide
	// by zero. Negative efforts are plain validation errors.
	ErrZeroEffort = errors.New("prioritize: zero effort")
	// ErrDuplicateID reports two items with the same ID in one batch.
	ErrDuplicateID = errors.New("prioritize: duplicate id")
	// ErrUnknownPrerequisite reports a prerequisite that names no item of the batch.
	ErrUnknownPrerequisite = errors.New("prioritize: unknown prerequisite")
	// ErrUnknownReference reports any other name that refers to nothing in the input: a
	// player or feature of a Buy a Feature allocation, an item named to WeightSwap, a team
	// without capacity in Select.
	ErrUnknownReference = errors.New("prioritize: unknown reference")
	// ErrCycle reports prerequisites that form a cycle; errors.As gives the *CycleError.
	ErrCycle = errors.New("prioritize: dependency cycle")
)

// CycleError lists the items of one dependency cycle, in ID order.
type CycleError struct {
	// IDs are the items on the cycle (a strongly connected component), sorted byte-wise.
	IDs []ItemID `json:"ids"`
}

// Error lists at most ten IDs and then the count.
func (e *CycleError) Error() string {
	var b strings.Builder
	b.WriteString("prioritize: dependency cycle among ")
	for i, id := range e.IDs {
		if i == 10 {
			fmt.Fprintf(&b, " and %d more", len(e.IDs)-10)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(validation.Truncate(string(id)))
	}
	return b.String()
}

// Is reports true for ErrCycle and for productops.ErrInvalid (a cycle is bad input).
func (e *CycleError) Is(target error) bool {
	return target == ErrCycle || target == productops.ErrInvalid
}

// withSentinels finds, in a collector's fields, the rules that have their own sentinel and
// wraps the collector's error with them.
func withSentinels(e *validation.Errors) error {
	err := e.Err()
	if err == nil {
		return nil
	}
	return classify(err)
}

// classify wraps a *productops.ValidationError with every sentinel its rules imply: rule
// "nonzero" gives ErrZeroEffort, "unique" ErrDuplicateID, "known" ErrUnknownPrerequisite,
// "exists" ErrUnknownReference.
func classify(err error) error {
	var ve *productops.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	var found []error
	add := func(s error) {
		for _, f := range found {
			if f == s {
				return
			}
		}
		found = append(found, s)
	}
	for _, f := range ve.Fields {
		switch f.Rule {
		case ruleNonZero:
			add(ErrZeroEffort)
		case ruleUnique:
			add(ErrDuplicateID)
		case ruleKnown:
			add(ErrUnknownPrerequisite)
		case ruleExists:
			add(ErrUnknownReference)
		}
	}
	if len(found) == 0 {
		return err
	}
	return &sentinelError{sentinels: found, err: err}
}

// sentinelError carries a validation error and the sentinels it implies.
type sentinelError struct {
	sentinels []error
	err       error
}

// Error reads "prioritize: zero effort: prioritize: rice input: invalid: effort: ...".
func (e *sentinelError) Error() string {
	var b strings.Builder
	for _, s := range e.sentinels {
		b.WriteString(s.Error())
		b.WriteString(": ")
	}
	b.WriteString(e.err.Error())
	return b.String()
}

// Unwrap gives the sentinels and the validation error to errors.Is and errors.As.
func (e *sentinelError) Unwrap() []error { return append(append([]error(nil), e.sentinels...), e.err) }

// Rules recorded by hand-written checks (the validator's own tags keep their names).
const (
	ruleNonZero = "nonzero" // a divisor of zero
	ruleUnique  = "unique"  // a duplicate ID
	ruleKnown   = "known"   // a prerequisite naming no item of the batch
	ruleExists  = "exists"  // any other name referring to nothing (player, feature, team, item)
	ruleBound   = "dbound"  // a decimal beyond 40 digits or an exponent beyond ±40
	ruleScale   = "scale"   // a value off a framework's published scale
	ruleFinite  = "finite"  // NaN or ±Inf from a float constructor
)
