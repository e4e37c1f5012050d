package validation

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
)

type line struct {
	Name  string           `json:"name" validate:"required,max=8"`
	Price decimal.Decimal  `json:"price" validate:"required,dgt=0,dscale=2"`
	Cap   *decimal.Decimal `json:"cap,omitempty" validate:"omitnil,dgte=0,dlte=100"`
	Rate  decimal.Decimal  `json:"rate" validate:"dlt=1"`
	Tags  []string         `json:"tags" validate:"max=2,dive,oneof=a b"`
	Skip  string           `json:"-" validate:"required"`
	NoTag int              `validate:"gte=0"`
}

type order struct {
	Lines []line `json:"lines" validate:"required,min=1,dive"`
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func decp(s string) *decimal.Decimal {
	d := dec(s)
	return &d
}

func fields(t *testing.T, err error) []productops.FieldError {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *productops.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T %v is not a *productops.ValidationError", err, err)
	}
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("errors.Is(%v, ErrInvalid) = false", err)
	}
	return ve.Fields
}

func TestStruct(t *testing.T) {
	ok := line{Name: "a", Price: dec("1.50"), Rate: dec("0.5"), Skip: "x"}
	tests := []struct {
		name string
		in   any
		want []productops.FieldError
	}{
		{name: "valid", in: ok},
		{name: "valid pointer with cap", in: func() *line { l := ok; l.Cap = decp("100"); return &l }()},
		{
			name: "every bad field is named by its JSON path",
			in:   line{Name: "much too long", Price: dec("-1"), Cap: decp("100.5"), Rate: dec("1"), Tags: []string{"a", "c"}, Skip: "x", NoTag: -1},
			want: []productops.FieldError{
				{Field: "name", Rule: "max", Param: "8", Message: "must have at most 8 elements"},
				{Field: "price", Rule: "dgt", Param: "0", Message: "must be greater than 0"},
				{Field: "cap", Rule: "dlte", Param: "100", Message: "must be at most 100"},
				{Field: "rate", Rule: "dlt", Param: "1", Message: "must be less than 1"},
				{Field: "tags[1]", Rule: "oneof", Param: "a b", Message: "must be one of a, b"},
				{Field: "NoTag", Rule: "gte", Param: "0", Message: "must be at least 0"},
			},
		},
		{
			name: "required decimal means set, and dscale ignores trailing zeros",
			in:   line{Name: "a", Price: dec("1.005"), Rate: dec("0"), Skip: "x"},
			want: []productops.FieldError{{Field: "price", Rule: "dscale", Param: "2", Message: "must have at most 2 decimal places"}},
		},
		{
			name: "unset decimal fails required",
			in:   line{Name: "a", Skip: "x"},
			want: []productops.FieldError{{Field: "price", Rule: "required", Message: "is required"}},
		},
		{
			name: "nested slices",
			in:   order{Lines: []line{ok, {Name: "b", Price: dec("0"), Skip: "x"}}},
			want: []productops.FieldError{{Field: "lines[1].price", Rule: "dgt", Param: "0", Message: "must be greater than 0"}},
		},
		{
			name: "empty slice",
			in:   order{},
			want: []productops.FieldError{{Field: "lines", Rule: "required", Message: "is required"}},
		},
		{name: "nil pointer", in: (*line)(nil), want: []productops.FieldError{{Rule: "required", Message: "is required"}}},
		{name: "nil", in: nil, want: []productops.FieldError{{Rule: "required", Message: "is required"}}},
		{name: "not a struct", in: 3, want: []productops.FieldError{{Rule: "struct", Message: "is not a struct"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fields(t, Struct("test: line", tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fields mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorsCollectsAndPrefixes(t *testing.T) {
	e := New("test: plan")
	if e.Err() != nil || e.Len() != 0 {
		t.Fatal("empty collector reported an error")
	}
	e.Addf("items[0].id", "unique", "duplicate id %q", "a")
	e.Struct("items[1]", line{Name: "a", Price: dec("-2"), Skip: "x"})
	e.Merge("owner", Struct("", line{Price: dec("1"), Skip: "x"}))
	e.Merge("zone", errors.New("unknown time zone"))
	e.Merge("ignored", nil)
	e.Struct("lines", order{Lines: []line{{Name: "a", Price: dec("3"), Skip: "x", NoTag: -4}}})
	e.Merge("[2]", Struct("", line{Name: "a", Price: dec("-1"), Skip: "x"}))
	want := []productops.FieldError{
		{Field: "items[0].id", Rule: "unique", Message: `duplicate id "a"`},
		{Field: "items[1].price", Rule: "dgt", Param: "0", Message: "must be greater than 0"},
		{Field: "owner.name", Rule: "required", Message: "is required"},
		{Field: "zone", Rule: "invalid", Message: "unknown time zone"},
		{Field: "lines.lines[0].NoTag", Rule: "gte", Param: "0", Message: "must be at least 0"},
		{Field: "[2].price", Rule: "dgt", Param: "0", Message: "must be greater than 0"},
	}
	err := e.Err()
	if diff := cmp.Diff(want, fields(t, err)); diff != "" {
		t.Errorf("fields mismatch (-want +got):\n%s", diff)
	}
	if e.Len() != len(want) {
		t.Errorf("Len() = %d, want %d", e.Len(), len(want))
	}
	if !strings.HasPrefix(err.Error(), "test: plan: invalid: items[0].id: duplicate id") {
		t.Errorf("message = %q", err.Error())
	}
	// Err returns a copy: recording more does not change an error already returned.
	e.Add("late", "x", "", "late")
	if got := len(fields(t, err)); got != len(want) {
		t.Errorf("earlier error changed: %d fields", got)
	}
}

func TestJoin(t *testing.T) {
	for _, tt := range []struct{ prefix, path, want string }{
		{"", "a", "a"}, {"a", "", "a"}, {"a", "b", "a.b"}, {"a", "[1].b", "a[1].b"}, {"", "", ""},
	} {
		if got := join(tt.prefix, tt.path); got != tt.want {
			t.Errorf("join(%q, %q) = %q, want %q", tt.prefix, tt.path, got, tt.want)
		}
	}
}

func TestMessages(t *testing.T) {
	type all struct {
		A string  `json:"a" validate:"len=2"`
		B int     `json:"b" validate:"eq=1"`
		C int     `json:"c" validate:"ne=0"`
		D string  `json:"d" validate:"timezone"`
		E []int   `json:"e" validate:"unique"`
		F int     `json:"f" validate:"gt=5"`
		G []int   `json:"g" validate:"gt=1"`
		H int     `json:"h" validate:"lt=0"`
		I []int   `json:"i" validate:"lt=1"`
		J string  `json:"j" validate:"email"`
		K float64 `json:"k" validate:"max=1"`
		L []int   `json:"l" validate:"min=2"`
		M string  `json:"m" validate:"excluded_with=A"`
		N string  `json:"n" validate:"alpha"`
	}
	got := fields(t, Struct("t", all{A: "x", C: 0, D: "Mars/Olympus", E: []int{1, 1}, G: []int{1}, I: []int{1}, J: "no", K: 2, M: "x", N: "1"}))
	var msgs []string
	for _, f := range got {
		msgs = append(msgs, f.String())
	}
	want := []string{
		"a: must have length 2", "b: must equal 1", "c: must not equal 0", "d: must be an IANA time zone name",
		"e: must not contain duplicates", "f: must be greater than 5", "g: must have more than 1 elements",
		"h: must be less than 0", "i: must have fewer than 1 elements", "j: must be an email address", "k: must be at most 1",
		"l: must have at least 2 elements", "m: must be empty here", "n: fails rule alpha",
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("messages mismatch (-want +got):\n%s", diff)
	}
	if got := message("custom", "", 0); got != "fails rule custom" {
		t.Errorf("message without param = %q", got)
	}
}

func TestDecimalTagOnWrongTypeFails(t *testing.T) {
	type wrong struct {
		X int `json:"x" validate:"dgt=0"`
		Y int `json:"y" validate:"dscale=2"`
	}
	got := fields(t, Struct("t", wrong{X: 5}))
	if len(got) != 2 || got[0].Field != "x" || got[1].Field != "y" {
		t.Errorf("a decimal tag on an int must fail, got %v", got)
	}
}

func TestBadTagParameterPanics(t *testing.T) {
	// A malformed tag is a programmer error in this module, caught by its own tests.
	for _, v := range []any{
		struct {
			X decimal.Decimal `validate:"dgt=abc"`
		}{},
		struct {
			X decimal.Decimal `validate:"dscale=x"`
		}{},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%T: bad tag parameter did not panic", v)
				}
			}()
			_ = Struct("t", v)
		}()
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			err := Struct("t", line{Name: fmt.Sprint(i), Price: dec("-1"), Skip: "x"})
			if err == nil {
				t.Error("expected an error")
			}
		})
	}
	wg.Wait()
}

func TestFinite(t *testing.T) {
	zero := 0.0
	for _, tt := range []struct {
		f    float64
		want bool
	}{{0, true}, {-1.5, true}, {1e308, true}, {zero / zero, false}, {1 / zero, false}, {-1 / zero, false}} {
		if got := Finite(tt.f); got != tt.want {
			t.Errorf("Finite(%v) = %v, want %v", tt.f, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	got := Truncate(strings.Repeat("é", 100))
	if want := strings.Repeat("é", 32) + "…"; got != want {
		t.Errorf("Truncate(100 × é) = %q, want %q", got, want)
	}
	for _, tt := range []struct{ in, want string }{
		{"short", "short"},
		{"a\xffb", "a\uFFFDb"},
		{"tab\there\x05", "tab\uFFFDhere\uFFFD"},
		{strings.Repeat("x", 64), strings.Repeat("x", 64)},
		{strings.Repeat("x", 65), strings.Repeat("x", 64) + "…"},
		{"", ""},
	} {
		if got := Truncate(tt.in); got != tt.want {
			t.Errorf("Truncate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Quoted, the echo stays bounded for the worst inputs: quotes, controls, 4-byte runes.
	for _, in := range []string{strings.Repeat(`"`, 500), strings.Repeat("\x05", 500), strings.Repeat("😀", 500), strings.Repeat("\xff", 500)} {
		if n := len(fmt.Sprintf("%q", Truncate(in))); n >= 140 {
			t.Errorf("%%q of Truncate(%.10q...) is %d bytes", in, n)
		}
	}
}

func TestDecimalBounded(t *testing.T) {
	type in struct {
		V decimal.Decimal `json:"v" validate:"dbound,dgte=0"`
		W decimal.Decimal `json:"w" validate:"dgte=0"`
	}
	huge := decimal.New(1, -(1 << 30))
	for _, c := range []struct {
		d    decimal.Decimal
		want bool
	}{
		{decimal.Decimal{}, true},
		{decimal.NewFromInt(0), true},
		{decimal.RequireFromString("123.456"), true},
		{decimal.New(1, 40), true},
		{decimal.New(1, 41), false},
		{decimal.New(1, -40), true},
		{decimal.New(1, -41), false},
		{decimal.RequireFromString("1234567890123456789012345678901234567890"), true},
		{decimal.RequireFromString("12345678901234567890123456789012345678901"), false},
		{huge, false},
	} {
		if got := DecimalBounded(c.d); got != c.want {
			t.Errorf("DecimalBounded(%s) = %v, want %v", c.d.String(), got, c.want)
		}
	}
	done := make(chan error, 1)
	go func() { done <- Struct("t", in{V: huge, W: huge}) }()
	select {
	case err := <-done:
		var ve *productops.ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) != 2 || ve.Fields[0].Rule != "dbound" || ve.Fields[1].Rule != "dgte" {
			t.Errorf("Struct(unbounded) = %v, want dbound on v and dgte on w", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("validating an unbounded decimal did not return within 5s")
	}
}
