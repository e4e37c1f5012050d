package metrics

import (
	"encoding"
	"encoding/json"
	"math"
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
		{new(ExperimentTest), experimentTestNames},
		{new(LiftType), liftTypeNames},
		{new(ZVariance), zVarianceNames},
		{new(IntervalMethod), intervalMethodNames},
		{new(SRMVariant), srmVariantNames},
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
	// Out-of-range values print their kind and refuse to marshal.
	if s := ZVariance(9).String(); s != "ZVariance(9)" {
		t.Errorf("String of 9 = %q", s)
	}
	if _, err := ZVariance(-1).MarshalText(); err == nil {
		t.Error("MarshalText accepted -1")
	}
	// JSON uses the text form.
	b, err := json.Marshal(struct {
		V ZVariance
	}{ZUnpooled})
	if err != nil || string(b) != `{"V":"unpooled"}` {
		t.Errorf("json = %s %v", b, err)
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

// Results serialise to JSON without NaN or infinities, even when undefined.
func TestBusinessResultsJSON(t *testing.T) {
	c, _ := Compare(ArmEstimate{N: 1}, ArmEstimate{N: 1}, ExperimentOptions{})
	z, _ := TwoProportionZTest(ProportionSample{}, ProportionSample{}, ZPooled, 0)
	srm, _ := SampleRatioMismatch([]int64{0, 0}, []float64{1, 1}, SRMOptions{})
	for _, v := range []any{c, z, srm} {
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("%T: %v", v, err)
		}
	}
	if math.IsNaN(c.Relative.Estimate) {
		t.Error("NaN in undefined effect")
	}
}
