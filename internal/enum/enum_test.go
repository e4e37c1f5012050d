package enum

import (
	"errors"
	"strings"
	"testing"

	"github.com/productops/productops"
)

type color uint8

var colors = Set[color]{
	Subject: "paint: color",
	Kind:    "color",
	Names:   []string{"", "dark_red", "blue"},
	Aliases: map[string]color{"crimson": 1},
}

func TestParse(t *testing.T) {
	for in, want := range map[string]color{
		"dark_red": 1, "Dark Red": 1, "DARK-RED": 1, "darkred": 1, "blue": 2, "Crimson": 1,
	} {
		got, err := colors.Parse([]byte(in))
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-", "green", strings.Repeat("a", 65), "blue\x00"} {
		_, err := colors.Parse([]byte(in))
		if !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("Parse(%q) error = %v, want ErrInvalid", in, err)
		}
	}
	_, err := colors.Parse([]byte("green"))
	if want := `paint: color: invalid: unknown color "green"; want one of dark_red, blue`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestStringMarshal(t *testing.T) {
	if got := colors.String(2); got != "blue" {
		t.Errorf("String(2) = %q", got)
	}
	for _, v := range []color{0, 3, 255} {
		if got := colors.String(v); !strings.HasPrefix(got, "color(") {
			t.Errorf("String(%d) = %q", v, got)
		}
		if _, err := colors.Marshal(v); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("Marshal(%d) error = %v, want ErrInvalid", v, err)
		}
	}
	b, err := colors.Marshal(1)
	if err != nil || string(b) != "dark_red" {
		t.Errorf("Marshal(1) = %q, %v", b, err)
	}
	neg := Set[int]{Kind: "n", Names: []string{"zero"}}
	if neg.Valid(-1) || neg.String(-1) != "n(-1)" {
		t.Errorf("negative value handled wrongly: %q", neg.String(-1))
	}
}

func TestUnmarshalKeepsValueOnError(t *testing.T) {
	c := color(2)
	if err := colors.Unmarshal(&c, []byte("green")); err == nil || c != 2 {
		t.Errorf("Unmarshal(green) = %v, value %d; want error and value kept", err, c)
	}
	if err := colors.Unmarshal(&c, []byte("crimson")); err != nil || c != 1 {
		t.Errorf("Unmarshal(crimson) = %v, value %d", err, c)
	}
}
