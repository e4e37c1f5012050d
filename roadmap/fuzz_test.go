package roadmap

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/productops/productops"
)

// FuzzParsePeriod: the parser never panics; what it accepts is valid, prints canonically
// and parses back to the same period, and resolves in any calendar.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2026-03-15", "2026-03", "2026-Q3", "Q3 FY2026", "2026H2", "FY2026", "", "2026-02-30", "Q9 2026", "ＦＹ2026", "2026-Q1-Q2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			if !errors.Is(err, ErrPeriodSyntax) {
				t.Fatalf("error %v does not match ErrPeriodSyntax", err)
			}
			return
		}
		if err := p.Validate(); err != nil || p.IsZero() {
			t.Fatalf("accepted invalid period %+v: %v", p, err)
		}
		back, err := ParsePeriod(p.String())
		if err != nil || back != p {
			t.Fatalf("round trip %q -> %q -> %+v, %v", s, p.String(), back, err)
		}
		var u Period
		if err := u.UnmarshalText([]byte(s)); err != nil || u != p {
			t.Fatalf("UnmarshalText disagrees with ParsePeriod: %+v, %v", u, err)
		}
		r, err := Calendar{FiscalStartMonth: time.July}.Range(p)
		if err != nil || !r.Start.Before(r.End) {
			t.Fatalf("Range(%v) = %v, %v", p, r, err)
		}
	})
}

// FuzzItemJSON: decoding arbitrary JSON into items never panics, and items that decode and
// pass CheckDependencies survive a JSON round trip unchanged and can be ordered.
func FuzzItemJSON(f *testing.F) {
	f.Add(`[{"id":"A","kind":"epic","status":"in_progress","estimate":"3.5","start":"2026-Q1","target":"2026-03","depends_on":[{"on":"B","type":"finish_to_start","lag":2}]},{"id":"B","parent":"A","health":{"status":"at_risk","reason":"vendor"}}]`)
	f.Add(`[{"id":"A","depends_on":[{"on":"A"}]}]`)
	f.Add(`[{"id":"A","status":"cancelled","horizon":"later","start":"Q5 2026"}]`)
	f.Add(`[{"id":"A","estimate":"1e-9000"}]`)
	f.Add(`[{"id":"A","kind":"story"}]`)
	f.Add(`[{"id":"A","estimate":"1.50000000000000000000000"},{"id":"B","estimate":"25e2"}]`)
	f.Fuzz(func(t *testing.T, s string) {
		var items []Item
		if err := json.Unmarshal([]byte(s), &items); err != nil {
			return
		}
		err := CheckDependencies(items)
		if err != nil {
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("error %v does not match ErrInvalid", err)
			}
			return
		}
		b, err := json.Marshal(items)
		if err != nil {
			t.Fatalf("marshal valid items: %v", err)
		}
		var back []Item
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
		if diff := cmp.Diff(items, back, decEq, cmpopts.EquateEmpty(), cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" && len(items) > 0 {
			t.Fatalf("round trip (-before +after):\n%s", diff)
		}
		for _, it := range items {
			if it.Estimate != nil && ticks(*it.Estimate) != it.Estimate.Shift(EstimateScale).IntPart() {
				t.Fatalf("ticks(%s) disagrees with Shift", it.Estimate)
			}
		}
		if order, err := Order(items); err != nil || len(order) != len(items) {
			t.Fatalf("Order: %v, %v", order, err)
		}
	})
}

// FuzzEnumText: every enum's UnmarshalText never panics, and what it accepts marshals back
// to text it accepts as the same value.
func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"epic", "IN_PROGRESS", "cancelled", "now", "at_risk", "finish_to_start", "half_year", "sequential", "too_large", "aspirational", "lower", "green", "weighted", "free", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enumRoundTrip[Kind](t, s)
		enumRoundTrip[Category](t, s)
		enumRoundTrip[Horizon](t, s)
		enumRoundTrip[HealthStatus](t, s)
		enumRoundTrip[DependencyType](t, s)
		enumRoundTrip[Resolution](t, s)
		enumRoundTrip[DependencyMode](t, s)
		enumRoundTrip[Reason](t, s)
		enumRoundTrip[Expectation](t, s)
		enumRoundTrip[Direction](t, s)
		enumRoundTrip[Band](t, s)
		enumRoundTrip[RollUp](t, s)
		enumRoundTrip[UnestimatedPolicy](t, s)
		enumRoundTrip[KRKind](t, s)
		enumRoundTrip[TermSource](t, s)
		enumRoundTrip[HealthRule](t, s)
		enumRoundTrip[TransitionCause](t, s)
	})
}

func enumRoundTrip[T interface {
	comparable
	MarshalText() ([]byte, error)
}, P interface {
	*T
	UnmarshalText([]byte) error
}](t *testing.T, s string) {
	var v T
	if P(&v).UnmarshalText([]byte(s)) != nil {
		return
	}
	b, err := v.MarshalText()
	if err != nil {
		t.Fatalf("%T: marshal after accepting %q: %v", v, s, err)
	}
	var w T
	if err := P(&w).UnmarshalText(b); err != nil || w != v {
		t.Fatalf("%T: %q -> %q -> %v, %v", v, s, b, w, err)
	}
}
