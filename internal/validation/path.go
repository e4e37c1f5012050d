package validation

import "strconv"

// Path joins a JSON path prefix and a field name: Path("", "n") is "n" and
// Path("arms[1]", "n") is "arms[1].n".
func Path(prefix, field string) string { return join(prefix, field) }

// Index returns the JSON path of element i of name, such as "scores[3]".
func Index(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }
