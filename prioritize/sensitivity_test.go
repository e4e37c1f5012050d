package prioritize

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
)

// TestRICESwap works the closed-form thresholds of §3.5 (P26) by hand: A = 1000·1·0.8/2 =
// 400, B = 500·2·0.5/2 = 250.
func TestRICESwap(t *testing.T) {
	a := rice("A", "1000", "1", "0.8", "2")
	b := rice("B", "500", "2", "0.5", "2")
	th, err := RICESwap(a, b, RICEOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Item     ItemID
		Factor   string
		Critical string
		Feasible bool
	}
	var got []row
	for _, x := range th {
		got = append(got, row{x.Item, x.Factor, x.Critical.String(), x.Feasible})
	}
	want := []row{
		{"A", "reach", "625", true}, {"A", "impact", "5/8", true}, {"A", "confidence", "1/2", true}, {"A", "effort", "16/5", true},
		{"B", "reach", "800", true}, {"B", "impact", "16/5", false}, {"B", "confidence", "4/5", true}, {"B", "effort", "5/4", true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !th[2].Change.Equal(d("-0.3")) {
		t.Errorf("change %s", th[2].Change)
	}
	z := rice("Z", "0", "1", "1", "1")
	th, err = RICESwap(a, z, RICEOptions{})
	if err != nil || th[3].Defined || !th[4].Defined || th[5].Defined || th[7].Defined || !th[4].Critical.Equal(intF(400)) {
		t.Errorf("zero score thresholds: %+v %v", th, err)
	}
	if _, err := RICESwap(a, rice("", "1", "1", "1", "0"), RICEOptions{}); !errors.Is(err, ErrZeroEffort) {
		t.Errorf("want ErrZeroEffort: %v", err)
	}
}

// TestWeightSwap: A (10, 0) vs B (0, 8) with weights 1 and 1 tie when x's weight is 0.8 or
// y's weight is 1.25 (§3.5).
func TestWeightSwap(t *testing.T) {
	card := Scorecard{Criteria: []Criterion{{Name: "x", Weight: d("1")}, {Name: "y", Weight: d("1")}, {Name: "z", Weight: d("1")}}}
	items := []WeightedInput{{ID: "A", Values: []decimal.Decimal{d("10"), d("0"), d("1")}}, {ID: "B", Values: []decimal.Decimal{d("0"), d("8"), d("1")}}}
	th, err := WeightSwap(card, items, "A", "B")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{th[0].Critical.String(), th[1].Critical.String()}
	if diff := cmp.Diff([]string{"4/5", "5/4"}, got); diff != "" || th[2].Defined || !th[0].Feasible {
		t.Errorf("(-want +got):\n%s %+v", diff, th[2])
	}
	_, err = WeightSwap(card, items, "A", "Q")
	if diff := cmp.Diff([]string{"b exists"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	if _, err := WeightSwap(Scorecard{}, items, "A", "B"); err == nil {
		t.Error("want error for empty scorecard")
	}
}

// TestRICEStability: ±10% lets A (400) and B (250) swap, ±1% does not (§3.5, P26b).
func TestRICEStability(t *testing.T) {
	items := []RICEInput{rice("B", "500", "2", "0.5", "2"), rice("A", "1000", "1", "0.8", "2")}
	s, err := RICEStability(items, RICEOptions{}, StabilityOptions{Perturbation: d("0.1")})
	if err != nil {
		t.Fatal(err)
	}
	// A low: 900·0.9·0.72/2.2 = 265.090909…; B high: 550·2.2·0.55/1.8 = 369.72…
	if s.Stable != 0 || s.Pairs[0].Higher != "A" || !s.Intervals[0].Low.Equal(fr(t, "2916/11")) || !s.Intervals[1].High.Equal(fr(t, "13310/36")) {
		t.Errorf("%+v", s)
	}
	s, err = RICEStability(items, RICEOptions{}, StabilityOptions{Perturbation: d("0.01")})
	if err != nil || s.Stable != 1 || !s.Pairs[0].Stable {
		t.Errorf("%+v %v", s, err)
	}
	// Confidence is capped at 1 on the optimistic side.
	s, _ = RICEStability([]RICEInput{rice("X", "1", "1", "1", "1")}, RICEOptions{}, StabilityOptions{Perturbation: d("0.5")})
	if !s.Intervals[0].High.Equal(fr(t, "9/2")) {
		t.Errorf("high %s", s.Intervals[0].High)
	}
	if _, err := RICEStability(items, RICEOptions{}, StabilityOptions{Perturbation: d("1")}); err == nil {
		t.Error("want perturbation error")
	}
	if _, err := RICEStability([]RICEInput{rice("x", "1", "1", "1", "0")}, RICEOptions{}, StabilityOptions{Perturbation: d("0.1")}); !errors.Is(err, ErrZeroEffort) {
		t.Error("want ErrZeroEffort")
	}
}

// TestRICEStabilityFactors: A (400) and B (250) can swap when all four inputs move ±10%
// (A's low 265.09 < B's high 369.68) but not when only reach and effort do (A's low
// 900·1·0.8 ÷ 2.2 = 3600/11 ≈ 327.27 > B's high 550·2·0.5 ÷ 1.8 = 2750/9 ≈ 305.56).
func TestRICEStabilityFactors(t *testing.T) {
	items := []RICEInput{rice("A", "1000", "1", "0.8", "2"), rice("B", "500", "2", "0.5", "2")}
	all, err := RICEStability(items, RICEOptions{}, StabilityOptions{Perturbation: d("0.1")})
	if err != nil || all.Stable != 0 || len(all.Factors) != 4 {
		t.Fatalf("%+v %v", all, err)
	}
	some, err := RICEStability(items, RICEOptions{}, StabilityOptions{Perturbation: d("0.1"), Factors: []RICEFactor{RICEEffort, RICEReach, RICEEffort}})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{some.Intervals[0].Low.String(), some.Intervals[1].High.String(), some.Intervals[0].High.String(), some.Intervals[1].Low.String()}
	if diff := cmp.Diff([]string{"3600/11", "2750/9", "4400/9", "2250/11"}, got); diff != "" || some.Stable != 1 || !some.Pairs[0].Stable {
		t.Errorf("(-want +got):\n%s %+v", diff, some.Pairs)
	}
	if diff := cmp.Diff([]RICEFactor{RICEReach, RICEEffort}, some.Factors); diff != "" {
		t.Error(diff)
	}
	// Confidence alone, capped at 1: B's high is 500·2·0.55 ÷ 2 = 275 < A's low 360.
	c, _ := RICEStability(items, RICEOptions{}, StabilityOptions{Perturbation: d("0.5"), Factors: []RICEFactor{RICEConfidence}})
	if c.Intervals[0].High.String() != "500" || c.Intervals[0].Low.String() != "200" || c.Intervals[1].High.String() != "375" || c.Stable != 0 {
		t.Errorf("%+v", c.Intervals)
	}
	_, err = RICEStability(items, RICEOptions{}, StabilityOptions{Perturbation: d("0.1"), Factors: []RICEFactor{7}})
	if diff := cmp.Diff([]string{"factors[0] oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

// TestWeightSwapShares: with weights 1, 1, 1, x ties at 4/5, a share of 0.8 ÷ 2.8 = 2/7 of
// the total; y at 5/4, a share of 1.25 ÷ 3.25 = 5/13; z never (undefined share).
func TestWeightSwapShares(t *testing.T) {
	card := Scorecard{Criteria: []Criterion{{Name: "x", Weight: d("1")}, {Name: "y", Weight: d("1")}, {Name: "z", Weight: d("1")}}}
	items := []WeightedInput{{ID: "A", Values: []decimal.Decimal{d("10"), d("0"), d("1")}}, {ID: "B", Values: []decimal.Decimal{d("0"), d("8"), d("1")}}}
	th, err := WeightSwap(card, items, "A", "B")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range th {
		got = append(got, x.CurrentShare.Exact.String()+" "+x.CriticalShare.Exact.String()+" "+fmt.Sprint(x.CriticalShare.Defined))
	}
	if diff := cmp.Diff([]string{"1/3 2/7 true", "1/3 5/13 true", "1/3 0 false"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// At the critical share the two scores tie.
	card.Criteria[0].Weight = d("0.8")
	s, _ := card.Score(items)
	if !s[0].Exact.Equal(s[1].Exact) {
		t.Errorf("no tie at the critical weight: %s %s", s[0].Exact, s[1].Exact)
	}
	// A (1, 5) vs B (5, 1) tie at p's weight 1 (share 1/2); A (3, 5) vs B (2, 1) only at
	// p's weight −4, which has no share.
	card2 := Scorecard{Criteria: []Criterion{{Name: "p", Weight: d("1")}, {Name: "q", Weight: d("1")}}}
	th, _ = WeightSwap(card2, []WeightedInput{{ID: "A", Values: []decimal.Decimal{d("1"), d("5")}}, {ID: "B", Values: []decimal.Decimal{d("5"), d("1")}}}, "A", "B")
	if th[0].Critical.String() != "1" || !th[0].CriticalShare.Defined {
		t.Errorf("%+v", th[0])
	}
	th, _ = WeightSwap(card2, []WeightedInput{{ID: "A", Values: []decimal.Decimal{d("3"), d("5")}}, {ID: "B", Values: []decimal.Decimal{d("2"), d("1")}}}, "A", "B")
	if th[0].Critical.String() != "-4" || th[0].Feasible || th[0].CriticalShare.Defined {
		t.Errorf("%+v", th[0])
	}
}
