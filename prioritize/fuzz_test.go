package prioritize

import (
	"encoding"
	"encoding/json"
	"errors"
	"testing"

	"github.com/productops/productops"
)

func FuzzFractionUnmarshalText(f *testing.F) {
	for _, s := range []string{"200/3", "-1/2", "0", "1.25", "4/0", "1e5", "+3/4", "3/-4", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var x Fraction
		if err := x.UnmarshalText([]byte(s)); err != nil {
			return
		}
		if x.Den().Sign() <= 0 {
			t.Fatalf("%q: denominator %s", s, x.Den())
		}
		b, err := x.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var y Fraction
		if err := y.UnmarshalText(b); err != nil || !y.Equal(x) || y.String() != x.String() {
			t.Fatalf("%q: round trip %q gave %v, %v", s, b, y, err)
		}
	})
}

// enumValues lists a fresh pointer to every enum type of the package.
func enumValues() []interface {
	encoding.TextUnmarshaler
	encoding.TextMarshaler
} {
	return []interface {
		encoding.TextUnmarshaler
		encoding.TextMarshaler
	}{
		new(Framework), new(Op), new(RICEVariant), new(ICEVariant), new(WSJFVariant), new(WSJFScale),
		new(KanoAnswer), new(KanoCategory), new(MoSCoW), new(Direction), new(Normalization),
		new(OpportunityVariant), new(Quadrant), new(OrderVariant), new(Distribution),
		new(RICEFactor), new(Caveat), new(OpportunityBand),
	}
}

func FuzzEnumUnmarshalText(f *testing.F) {
	for _, s := range []string{"rice", "must_be", "normalize_columns", "", "wont", "quick_win", "x", "Must-Be", "won't", "O"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range enumValues() {
			if err := v.UnmarshalText([]byte(s)); err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("%T: %q: error %v does not match ErrInvalid", v, s, err)
				}
				// At most 64 bytes are quoted; %q may spell each as a 4-byte escape, and the
				// message lists the valid names.
				if len(err.Error()) > 64*4+300 {
					t.Fatalf("error echoes too much input: %d bytes", len(err.Error()))
				}
				continue
			}
			// Any accepted spelling reads back as its canonical name, which is stable.
			b, err := v.MarshalText()
			if err != nil {
				t.Fatalf("%T: %q parsed but does not marshal: %v", v, s, err)
			}
			if err := v.UnmarshalText(b); err != nil {
				t.Fatalf("%T: canonical %q does not parse: %v", v, b, err)
			}
			if b2, _ := v.MarshalText(); string(b2) != string(b) {
				t.Fatalf("%T: %q marshals to %q then %q", v, s, b, b2)
			}
		}
	})
}

// FuzzRICEInputJSON decodes a RICE input and checks that RICE and Rank agree: both accept
// or both reject, and Rank's 64-bit fast path gives RICE's exact score.
func FuzzRICEInputJSON(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","reach":"500","impact":"3","confidence":"0.5","effort":"1"}`,
		`{"id":"a","reach":500,"impact":0.25,"confidence":0.8,"effort":0.5}`,
		`{"id":"a","reach":"1e30","impact":"2","confidence":"1","effort":"0.0000001"}`,
		`{"id":"a","reach":"-1","impact":"1.5","confidence":"2","effort":"0"}`,
		`{"id":"","reach":"1"}`,
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, lenient bool) {
		var in RICEInput
		if err := json.Unmarshal([]byte(s), &in); err != nil {
			return
		}
		guarded(t, func() { riceAgrees(t, in, lenient) })
	})
}

// riceAgrees checks that RICE and Rank accept or reject in alike and agree on its score.
func riceAgrees(t *testing.T, in RICEInput, lenient bool) {
	opts := RICEOptions{}
	if lenient {
		opts.Variant = RICELenient
	}
	sc, err := RICE(in, opts)
	rk, rerr := Rank([]RICEInput{in}, ByRICE(identity, opts))
	if (err == nil) != (rerr == nil) {
		t.Errorf("RICE error %v, Rank error %v", err, rerr)
		return
	}
	if err != nil {
		if !errors.Is(err, productops.ErrInvalid) || !errors.Is(rerr, productops.ErrInvalid) {
			t.Errorf("errors must match ErrInvalid: %v / %v", err, rerr)
		}
		return
	}
	if sc.Exact.Sign() < 0 || !rk.At(0).Score.Exact.Equal(sc.Exact) {
		t.Errorf("RICE %s, Rank %s", sc.Exact, rk.At(0).Score.Exact)
	}
}
