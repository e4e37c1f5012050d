package feedback

import (
	"strconv"

	"github.com/productops/productops/internal/validation"
)

// joinPath joins JSON path parts: ("items[2]", "text") gives "items[2].text".
func joinPath(prefix, field string) string {
	if prefix == "" {
		return field
	}
	return prefix + "." + field
}

// quoteID quotes an ID for a message, bounded in length.
func quoteID(id string) string { return strconv.Quote(validation.Truncate(id)) }
