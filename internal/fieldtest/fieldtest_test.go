package fieldtest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops"
)

func TestPathsAndRules(t *testing.T) {
	err := &productops.ValidationError{Subject: "x", Fields: []productops.FieldError{
		{Field: "a", Rule: "required"}, {Field: "b[1].c", Rule: "dgt", Param: "0"},
	}}
	if diff := cmp.Diff([]string{"a", "b[1].c"}, Paths(t, err)); diff != "" {
		t.Errorf("Paths (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a required", "b[1].c dgt"}, Rules(t, err)); diff != "" {
		t.Errorf("Rules (-want +got):\n%s", diff)
	}
}
