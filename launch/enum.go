package launch

import (
	"strconv"
	"strings"

	"github.com/productops/productops/internal/validation"
)

// enum maps the values of a small uint8 enumeration to their text forms. Index 0 is the
// zero value's name; aliases are extra spellings accepted on input only.
type enum struct {
	typ     string           // type name for messages, such as "status"
	names   []string         // canonical text, indexed by value
	aliases map[string]uint8 // extra accepted spellings
	zero    bool             // whether the zero value is a valid, named value
}

// name returns the text of v, or "<typ>(v)" for a value outside the table.
func (e enum) name(v uint8) string {
	if int(v) < len(e.names) && (v != 0 || e.zero) {
		return e.names[v]
	}
	return e.typ + "(" + strconv.Itoa(int(v)) + ")"
}

// valid reports whether v is one of the named values.
func (e enum) valid(v uint8) bool { return int(v) < len(e.names) && (v != 0 || e.zero) }

// marshal returns the text of v, or an error naming the type for an unnamed value.
func (e enum) marshal(v uint8) ([]byte, error) {
	if !e.valid(v) {
		return nil, e.invalid(e.name(v))
	}
	return []byte(e.names[v]), nil
}

// parse returns the value spelt b: a canonical name or an alias, matched exactly.
func (e enum) parse(b []byte) (uint8, error) {
	s := string(b)
	for i, n := range e.names {
		if (i != 0 || e.zero) && n == s {
			return uint8(i), nil
		}
	}
	if v, ok := e.aliases[s]; ok {
		return v, nil
	}
	return 0, e.invalid(s)
}

// invalid builds the *productops.ValidationError for an unknown spelling.
func (e enum) invalid(s string) error {
	var valid []string
	for i, n := range e.names {
		if i != 0 || e.zero {
			valid = append(valid, n)
		}
	}
	errs := validation.New("launch: " + e.typ)
	errs.Add("", "oneof", "", "unknown "+e.typ+" "+strconv.Quote(validation.Truncate(s))+"; want one of "+strings.Join(valid, ", "))
	return errs.Err()
}
