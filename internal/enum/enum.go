// Package enum gives every enumeration of the module the same text forms: String,
// MarshalText and UnmarshalText, with one rule for accepted spellings and one error shape.
//
// Canonical names are lower snake_case ("must_be", "in_progress"). Input is matched after
// folding: case is ignored and "-", "_" and spaces are dropped, so "In Progress",
// "in-progress" and "IN_PROGRESS" all read as "in_progress". Extra spellings (older names,
// vendor words) are aliases, folded the same way. An unknown spelling is a
// *productops.ValidationError (errors.Is(err, productops.ErrInvalid)) that quotes a bounded,
// printable part of the input and lists the valid names.
package enum

import (
	"strconv"
	"strings"

	"github.com/productops/productops/internal/validation"
)

// Integer is the underlying type an enumeration may have.
type Integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64
}

// Set describes one enumeration: the text of each value, indexed by value. A Set is a
// package-level variable, never mutated after initialisation, so safe for concurrent use.
type Set[E Integer] struct {
	// Subject prefixes errors, such as "launch: status".
	Subject string
	// Kind names the type for people, such as "status"; String uses it for unnamed values
	// ("status(7)").
	Kind string
	// Names holds the canonical text of each value, indexed by value. An empty name marks
	// a value that has no text (typically an invalid zero value).
	Names []string
	// Aliases maps extra accepted spellings to values; keys are matched after folding.
	Aliases map[string]E
}

// Valid reports whether v has a name.
func (s *Set[E]) Valid(v E) bool {
	i := int64(v)
	return i >= 0 && i < int64(len(s.Names)) && s.Names[i] != ""
}

// String returns the name of v, or "kind(v)" for a value without one.
func (s *Set[E]) String(v E) string {
	if s.Valid(v) {
		return s.Names[int64(v)]
	}
	return s.Kind + "(" + strconv.FormatInt(int64(v), 10) + ")"
}

// Marshal returns the name of v; a value without a name is an error.
func (s *Set[E]) Marshal(v E) ([]byte, error) {
	if !s.Valid(v) {
		errs := validation.New(s.Subject)
		errs.Add("", "oneof", "", "invalid "+s.String(v)+"; want one of "+s.list())
		return nil, errs.Err()
	}
	return []byte(s.Names[int64(v)]), nil
}

// Parse returns the value spelt b: a name or an alias, after folding.
func (s *Set[E]) Parse(b []byte) (E, error) {
	if len(b) <= 64 {
		key := Fold(string(b))
		if key != "" {
			for i, n := range s.Names {
				if n != "" && Fold(n) == key {
					return E(i), nil
				}
			}
			for a, v := range s.Aliases {
				if Fold(a) == key {
					return v, nil
				}
			}
		}
	}
	errs := validation.New(s.Subject)
	errs.Add("", "oneof", "", "unknown "+s.Kind+" "+strconv.Quote(validation.Truncate(string(b)))+"; want one of "+s.list())
	var zero E
	return zero, errs.Err()
}

// Unmarshal parses b into *dst, leaving *dst unchanged on error. It is the body of an
// UnmarshalText method.
func (s *Set[E]) Unmarshal(dst *E, b []byte) error {
	v, err := s.Parse(b)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// list joins the valid names for an error message.
func (s *Set[E]) list() string {
	var names []string
	for _, n := range s.Names {
		if n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// Fold returns the matching key of a spelling: lower case without "-", "_" and spaces.
func Fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', ' ':
			return -1
		}
		return r
	}, strings.ToLower(s))
}
