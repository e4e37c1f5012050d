package feedback

import (
	"errors"
	"fmt"

	"github.com/productops/productops"
)

// ErrLimit is matched (errors.Is) by every *[LimitError]: a documented cap of the package
// was exceeded. Such an error also matches productops.ErrInvalid: the input is too large
// for the options given.
var ErrLimit = errors.New("feedback: limit exceeded")

// LimitError reports a work or size cap that the input would exceed. The computation stops
// before allocating for the excess, so nothing partial is returned.
type LimitError struct {
	// Limit is the JSON name of the option that sets the cap ("max_pairs").
	Limit string `json:"limit"`
	// Max is the cap in force (the option, or its default when the option is zero).
	Max int `json:"max"`
}

// Error names the cap and the option that raises it.
func (e *LimitError) Error() string {
	return fmt.Sprintf("feedback: limit exceeded: more than %d allowed by %s (raise the option to allow more)", e.Max, e.Limit)
}

// Is reports whether target is [ErrLimit] or productops.ErrInvalid.
func (e *LimitError) Is(target error) bool {
	return target == ErrLimit || target == productops.ErrInvalid
}
