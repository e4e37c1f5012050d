package metrics

import (
	"fmt"

	"github.com/productops/productops/internal/validation"
)

// enumString returns names[v], or "<kind>(<v>)" for a value outside the list.
func enumString(kind string, names []string, v int) string {
	if v >= 0 && v < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", kind, v)
}

// enumMarshal returns the text of v, or an error for a value outside the list.
func enumMarshal(kind string, names []string, v int) ([]byte, error) {
	if v >= 0 && v < len(names) {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("metrics: unknown %s %d", kind, v)
}

// enumParse returns the index of text in names. Unknown text is an error that echoes at
// a bounded, printable part of the input (validation.Truncate).
func enumParse(kind string, names []string, text []byte) (int, error) {
	s := string(text)
	for i, n := range names {
		if n == s {
			return i, nil
		}
	}
	return 0, fmt.Errorf("metrics: unknown %s %q", kind, validation.Truncate(s))
}
