package prioritize

import (
	"encoding"
	"encoding/json"
	"errors"
	"testing"

	"github.com/shopspring/decimal"

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
		opts := RICEOptions{}
		if lenient {
			opts.Variant = RICELenient
		}
		sc, err := RICE(in, opts)
		rk, rerr := Rank([]RICEInput{in}, ByRICE(identity, opts))
		if (err == nil) != (rerr == nil) {
			t.Fatalf("RICE error %v, Rank error %v", err, rerr)
		}
		if err != nil {
			if !errors.Is(err, productops.ErrInvalid) || !errors.Is(rerr, productops.ErrInvalid) {
				t.Fatalf("errors must match ErrInvalid: %v / %v", err, rerr)
			}
			return
		}
		if sc.Exact.Sign() < 0 || !rk.At(0).Score.Equal(sc.Exact) {
			t.Fatalf("RICE %s, Rank %s", sc.Exact, rk.At(0).Score)
		}
	})
}

// FuzzScorecardJSON decodes a scorecard and items and scores them: no panic, and an error
// is always a validation error.
func FuzzScorecardJSON(f *testing.F) {
	f.Add(`{"criteria":[{"name":"v","weight":"2","min":"1","max":"10"},{"name":"e","weight":"1","direction":"cost","min":"1","max":"10"}],"normalization":"scale"}`,
		`[{"id":"A","values":["8","2"]},{"id":"B","values":["5","2"]}]`)
	f.Add(`{"criteria":[{"name":"v","weight":"1"}],"normalization":"rank"}`, `[{"id":"A","values":["1"]},{"id":"A","values":["1"]}]`)
	f.Add(`{"criteria":[{"name":"v","weight":"0"}],"normalization":"min_max"}`, `[{"id":"A","values":[]}]`)
	f.Fuzz(func(t *testing.T, card, items string) {
		var c Scorecard
		var in []WeightedInput
		if json.Unmarshal([]byte(card), &c) != nil || json.Unmarshal([]byte(items), &in) != nil {
			return
		}
		s, err := c.Score(in)
		if err != nil {
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("not a validation error: %v", err)
			}
			return
		}
		if len(s) != len(in) {
			t.Fatalf("%d scores for %d items", len(s), len(in))
		}
	})
}

// FuzzKanoResponsesJSON decodes survey responses (answers by name) and aggregates them.
func FuzzKanoResponsesJSON(f *testing.F) {
	f.Add(`[{"functional":"like","dysfunctional":"dislike"},{"functional":"neutral","dysfunctional":"dislike"}]`)
	f.Add(`[{"functional":"like","dysfunctional":"like"}]`)
	f.Fuzz(func(t *testing.T, s string) {
		var rs []KanoResponse
		if json.Unmarshal([]byte(s), &rs) != nil {
			return
		}
		r, err := KanoSurvey(rs)
		if err != nil {
			return
		}
		c := r.Counts
		if c.Attractive+c.OneDimensional+c.MustBe+c.Indifferent+c.Reverse+c.Questionable != len(rs) {
			t.Fatalf("counts %+v for %d responses", c, len(rs))
		}
	})
}

// FuzzInputsJSON decodes the same bytes as every other input type and runs the function
// that takes it: no panic, and every error is a validation error (or a cycle, which also
// matches productops.ErrInvalid).
func FuzzInputsJSON(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","impact":"7","confidence":"5","ease":"3"}`,
		`{"id":"a","user_business_value":"8","time_criticality":"5","risk_reduction":"3","job_size":"5"}`,
		`{"id":"a","cost_of_delay":"30","duration":"4"}`,
		`{"id":"a","importance":"8","satisfaction":"3"}`,
		`{"optimistic":"1","most_likely":"2","pessimistic":"9"}`,
		`[{"id":"a","value":"3","effort":"2","requires":["b"]},{"id":"b","value":"1","effort":"1.5","requires":["a"]}]`,
		`[{"id":"a","category":"must","effort":"3"},{"id":"b","category":"wont","effort":"1"}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		check := func(err error) {
			if err != nil && !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("not a validation error: %v", err)
			}
		}
		var ice ICEInput
		if json.Unmarshal(b, &ice) == nil {
			_, err := ICE(ice, ICEOptions{})
			check(err)
		}
		var w WSJFInput
		if json.Unmarshal(b, &w) == nil {
			_, err := WSJF(w, WSJFOptions{Scale: WSJFAnyPositive, Variant: WSJFNormalizeColumns})
			check(err)
		}
		var c CD3Input
		if json.Unmarshal(b, &c) == nil {
			_, err := CD3(c)
			check(err)
		}
		var o OpportunityInput
		if json.Unmarshal(b, &o) == nil {
			_, err := Opportunity(o, OpportunityOptions{})
			check(err)
		}
		var tp ThreePoint
		if json.Unmarshal(b, &tp) == nil {
			_, err := PERT(tp)
			check(err)
		}
		var cs []Candidate
		if json.Unmarshal(b, &cs) == nil && len(cs) <= 16 {
			_, err := Select(cs, SelectOptions{Capacity: map[string]decimal.Decimal{"": decimal.NewFromInt(5)}, MaxWork: 100000})
			check(err)
			deps := make([]Dependent, len(cs))
			for i, x := range cs {
				deps[i] = Dependent{ID: x.ID, Requires: x.Requires}
			}
			_, err = Order(deps, OrderOptions{Variant: OrderInherit})
			check(err)
		}
		var ms []MoSCoWItem
		if json.Unmarshal(b, &ms) == nil {
			_, err := CheckMoSCoW(ms, MoSCoWOptions{})
			check(err)
		}
	})
}
