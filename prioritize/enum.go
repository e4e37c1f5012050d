package prioritize

import (
	"fmt"
	"strconv"

	"github.com/productops/productops/internal/validation"
)

// enumText returns the name of v in names, or "" when v is out of range.
func enumText[E ~uint8](v E, names []string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return ""
}

// enumString is enumText with a readable fallback for out-of-range values.
func enumString[E ~uint8](v E, names []string, kind string) string {
	if s := enumText(v, names); s != "" {
		return s
	}
	return kind + "(" + strconv.Itoa(int(v)) + ")"
}

// enumMarshal is MarshalText for an enum; out-of-range values are an error.
func enumMarshal[E ~uint8](v E, names []string, kind string) ([]byte, error) {
	if s := enumText(v, names); s != "" {
		return []byte(s), nil
	}
	return nil, fmt.Errorf("prioritize: invalid %s %d", kind, uint8(v))
}

// enumParse is UnmarshalText for an enum: exact names only; the error quotes at most 64 runes.
func enumParse[E ~uint8](dst *E, b []byte, names []string, kind string) error {
	s := string(b)
	for i, n := range names {
		if n != "" && n == s {
			*dst = E(i)
			return nil
		}
	}
	return fmt.Errorf("prioritize: unknown %s %q", kind, validation.Truncate(s))
}
