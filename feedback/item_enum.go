package feedback

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/productops/productops/internal/validation"
)

// enumString formats an enum value by its name, or "Type(n)" when out of range.
func enumString(names []string, v uint8, typ string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

// enumMarshal encodes a defined enum value as its name.
func enumMarshal(names []string, v uint8, what string) ([]byte, error) {
	if int(v) < len(names) {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("feedback: undefined %s %d", what, v)
}

// enumUnmarshal decodes a name into its enum value.
func enumUnmarshal(names []string, b []byte, what string) (uint8, error) {
	s := string(b)
	for i, n := range names {
		if n == s {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("feedback: unknown %s %q (want one of %s)", what, validation.Truncate(s), strings.Join(names, ", "))
}

// joinPath joins JSON path parts: ("items[2]", "text") gives "items[2].text".
func joinPath(prefix, field string) string {
	if prefix == "" {
		return field
	}
	return prefix + "." + field
}

// quoteID quotes an ID for a message, bounded in length.
func quoteID(id string) string { return strconv.Quote(validation.Truncate(id)) }
