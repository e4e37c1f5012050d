package validation

import "strconv"

// Path joins a JSON path prefix and a field name: Path("", "n") is "n" and
// Path("arms[1]", "n") is "arms[1].n". It is small enough to inline, so a path built for a
// nested check that finds nothing wrong does not reach the heap.
func Path(prefix, field string) string {
	if prefix == "" {
		return field
	}
	return prefix + "." + field
}

// Index returns the JSON path of element i of name, such as "scores[3]".
func Index(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }
