package metrics

import (
	"encoding"
	"strings"
	"testing"
)

// bizEnums returns a fresh pointer to every business enum, with its valid names in order.
func bizEnums() []struct {
	v interface {
		encoding.TextMarshaler
		encoding.TextUnmarshaler
	}
	names []string
} {
	type te = interface {
		encoding.TextMarshaler
		encoding.TextUnmarshaler
	}
	return []struct {
		v     te
		names []string
	}{
		{new(Granularity), granularityNames},
		{new(TimeFormat), timeFormatNames},
		{new(LifecycleStatus), lifecycleNames},
		{new(StickinessDefinition), stickinessNames},
		{new(FunnelOrder), funnelOrderNames},
		{new(FunnelAnchor), funnelAnchorNames},
		{new(BadRowPolicy), badRowPolicyNames},
		{new(CohortType), cohortTypeNames},
		{new(RetentionWindow), retentionWindowNames},
		{new(RetentionCriterion), retentionCriterionNames},
		{new(DayZero), dayZeroNames},
		{new(RetentionAnchors), retentionAnchorsNames},
		{new(DaysActiveScope), daysActiveScopeNames},
	}
}

func TestBusinessEnumsText(t *testing.T) {
	for _, e := range bizEnums() {
		for _, name := range e.names {
			if err := e.v.UnmarshalText([]byte(name)); err != nil {
				t.Errorf("%T: UnmarshalText(%q): %v", e.v, name, err)
			}
			b, err := e.v.MarshalText()
			if err != nil || string(b) != name {
				t.Errorf("%T: MarshalText = %q %v, want %q", e.v, b, err, name)
			}
			if s := e.v.(interface{ String() string }).String(); s != name {
				t.Errorf("%T: String = %q", e.v, s)
			}
		}
		if err := e.v.UnmarshalText([]byte("nope")); err == nil || !strings.HasPrefix(err.Error(), "metrics: unknown") {
			t.Errorf("%T: unknown text: %v", e.v, err)
		}
	}
}

// FuzzBusinessEnumText: every enum either rejects the text or round-trips it exactly.
func FuzzBusinessEnumText(f *testing.F) {
	for _, e := range bizEnums() {
		for _, n := range e.names {
			f.Add(n)
		}
	}
	f.Add("")
	f.Add("ON_TRACK")
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range bizEnums() {
			if err := e.v.UnmarshalText([]byte(s)); err != nil {
				if len(err.Error()) > 200 {
					t.Fatalf("error echoes too much input: %d bytes", len(err.Error()))
				}
				continue
			}
			b, err := e.v.MarshalText()
			if err != nil || string(b) != s {
				t.Fatalf("%T: %q round-trips to %q (%v)", e.v, s, b, err)
			}
		}
	})
}
