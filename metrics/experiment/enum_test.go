package experiment

import (
	"encoding"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/enum"
)

// textEnum is the text interface every enum of the package implements.
type textEnum interface {
	encoding.TextMarshaler
	encoding.TextUnmarshaler
	String() string
}

// enums returns a fresh pointer to every enum of the package with its canonical names.
func enums() []struct {
	v     textEnum
	names []string
} {
	return []struct {
		v     textEnum
		names []string
	}{
		{new(Test), testText.Names},
		{new(LiftType), liftTypeText.Names},
		{new(ZVariance), zVarianceText.Names},
		{new(IntervalMethod), intervalMethodText.Names},
		{new(SRMVariant), srmVariantText.Names},
	}
}

// Every name round-trips, other spellings fold to it, unknown text is a ValidationError.
func TestEnumText(t *testing.T) {
	for _, e := range enums() {
		for _, name := range e.names {
			if name == "" {
				continue
			}
			for _, spelling := range []string{name, strings.ToUpper(name), strings.ReplaceAll(name, "_", "-")} {
				if err := e.v.UnmarshalText([]byte(spelling)); err != nil {
					t.Errorf("%T: UnmarshalText(%q): %v", e.v, spelling, err)
				}
				b, err := e.v.MarshalText()
				if err != nil || string(b) != name {
					t.Errorf("%T: MarshalText after %q = %q %v, want %q", e.v, spelling, b, err, name)
				}
				if s := e.v.String(); s != name {
					t.Errorf("%T: String = %q, want %q", e.v, s, name)
				}
			}
		}
		err := e.v.UnmarshalText([]byte("nope"))
		if !errors.Is(err, productops.ErrInvalid) || !strings.HasPrefix(err.Error(), "experiment: ") {
			t.Errorf("%T: unknown text: %v", e.v, err)
		}
	}
	// Values without a name print their kind and refuse to marshal.
	if s := ZVariance(9).String(); s != "z-test variance(9)" {
		t.Errorf("String of 9 = %q", s)
	}
	if _, err := LiftType(-1).MarshalText(); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("MarshalText(-1) = %v, want ErrInvalid", err)
	}
	// JSON uses the text form.
	b, err := json.Marshal(Options{Test: TestZ, Lift: LiftAbsolute})
	if err != nil || !strings.HasPrefix(string(b), `{"test":"z","lift":"absolute"`) {
		t.Errorf("json = %s %v", b, err)
	}
}

// FuzzEnumText: every enum either rejects the text with a short error or reads it as the
// name it folds to.
func FuzzEnumText(f *testing.F) {
	for _, e := range enums() {
		for _, n := range e.names {
			f.Add(n)
		}
	}
	f.Add("")
	f.Add("ON-TRACK")
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range enums() {
			if err := e.v.UnmarshalText([]byte(s)); err != nil {
				if len(err.Error()) > 300 {
					t.Fatalf("error echoes too much input: %d bytes", len(err.Error()))
				}
				continue
			}
			b, err := e.v.MarshalText()
			if err != nil || enum.Fold(string(b)) != enum.Fold(s) {
				t.Fatalf("%T: %q reads as %q (%v)", e.v, s, b, err)
			}
		}
	})
}
