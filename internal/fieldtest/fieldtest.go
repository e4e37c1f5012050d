// Package fieldtest holds the test helpers that read a *productops.ValidationError: the
// field paths it names, with or without the failed rule. Only tests import it.
package fieldtest

import (
	"errors"
	"testing"

	"github.com/productops/productops"
)

// Paths returns the JSON paths of err's bad fields in order. It fails the test when err is
// not a *productops.ValidationError or does not match productops.ErrInvalid.
func Paths(t testing.TB, err error) []string {
	t.Helper()
	var out []string
	for _, f := range fields(t, err) {
		out = append(out, f.Field)
	}
	return out
}

// Rules is Paths with each path followed by a space and the rule that failed
// ("reach dgte").
func Rules(t testing.TB, err error) []string {
	t.Helper()
	var out []string
	for _, f := range fields(t, err) {
		out = append(out, f.Field+" "+f.Rule)
	}
	return out
}

func fields(t testing.TB, err error) []productops.FieldError {
	t.Helper()
	var ve *productops.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T) is not a *productops.ValidationError", err, err)
	}
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("errors.Is(%v, productops.ErrInvalid) = false", err)
	}
	return ve.Fields
}
