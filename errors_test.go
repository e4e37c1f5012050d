package productops_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops"
)

func TestValidationErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *productops.ValidationError
		want string
	}{
		{
			name: "subject and two fields",
			err: &productops.ValidationError{Subject: "prioritize: RICE input", Fields: []productops.FieldError{
				{Field: "reach", Rule: "dgte", Param: "0", Message: "must be at least 0"},
				{Field: "effort", Rule: "dgt", Param: "0", Message: "must be greater than 0"},
			}},
			want: "prioritize: RICE input: invalid: reach: must be at least 0; effort: must be greater than 0",
		},
		{
			name: "whole-input failure has no field",
			err:  &productops.ValidationError{Fields: []productops.FieldError{{Rule: "acyclic", Message: "dependencies form a cycle"}}},
			want: "invalid: dependencies form a cycle",
		},
		{
			name: "no fields",
			err:  &productops.ValidationError{Subject: "launch: plan"},
			want: "launch: plan: invalid",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
				t.Errorf("Error() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidationErrorIsErrInvalid(t *testing.T) {
	var err error = &productops.ValidationError{Subject: "x"}
	wrapped := fmt.Errorf("loading backlog: %w", err)
	if !errors.Is(wrapped, productops.ErrInvalid) {
		t.Fatalf("errors.Is(%v, ErrInvalid) = false, want true", wrapped)
	}
	if errors.Is(errors.New("other"), productops.ErrInvalid) {
		t.Fatal("an unrelated error matched ErrInvalid")
	}
	var ve *productops.ValidationError
	if !errors.As(wrapped, &ve) || ve.Subject != "x" {
		t.Fatalf("errors.As did not recover the *ValidationError: %#v", ve)
	}
}

func ExampleValidationError() {
	err := fmt.Errorf("import: %w", &productops.ValidationError{
		Subject: "prioritize: RICE input",
		Fields:  []productops.FieldError{{Field: "items[2].confidence", Rule: "dlte", Param: "100", Message: "must be at most 100"}},
	})
	fmt.Println(errors.Is(err, productops.ErrInvalid))
	var ve *productops.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s (rule %s=%s)\n", f.Field, f.Rule, f.Param)
		}
	}
	// Output:
	// true
	// items[2].confidence (rule dlte=100)
}

func ExampleFieldError_String() {
	fmt.Println(productops.FieldError{Field: "effort", Rule: "dgt", Param: "0", Message: "must be greater than 0"})
	// Output: effort: must be greater than 0
}
