package launch

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/productops/productops"
)

// TestEnumSpellings: every previously accepted spelling still parses, input folds case
// and separators, and an unknown spelling is ErrInvalid listing the valid names.
func TestEnumSpellings(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Status
	}{
		{"pending", NotStarted}, {"not_started", NotStarted}, {"Not Started", NotStarted},
		{"IN-PROGRESS", InProgress}, {"in_progress", InProgress}, {"NotApplicable", NotApplicable},
	} {
		var s Status
		if err := s.UnmarshalText([]byte(c.in)); err != nil || s != c.want {
			t.Errorf("%q: got %v, %v; want %v", c.in, s, err, c.want)
		}
	}
	var d Decision
	if err := json.Unmarshal([]byte(`"Roll-Back"`), &d); err != nil || d != Rollback {
		t.Errorf("Roll-Back: %v %v", d, err)
	}
	var s Status
	err := s.UnmarshalText([]byte("finished"))
	if !errors.Is(err, productops.ErrInvalid) || !strings.Contains(err.Error(), "not_started, in_progress") {
		t.Errorf("unknown status: %v", err)
	}
	if _, err := RiskBand(0).MarshalText(); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("zero band marshals: %v", err)
	}
	if got := Verdict(9).String(); got != "verdict(9)" {
		t.Errorf("Verdict(9) = %q", got)
	}
}
