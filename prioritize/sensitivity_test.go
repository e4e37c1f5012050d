package prioritize

import (
	"errors"
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
	s, err := RICEStability(items, RICEOptions{}, d("0.1"))
	if err != nil {
		t.Fatal(err)
	}
	// A low: 900·0.9·0.72/2.2 = 265.090909…; B high: 550·2.2·0.55/1.8 = 369.72…
	if s.Stable != 0 || s.Pairs[0].Higher != "A" || !s.Intervals[0].Low.Equal(fr(t, "2916/11")) || !s.Intervals[1].High.Equal(fr(t, "13310/36")) {
		t.Errorf("%+v", s)
	}
	s, err = RICEStability(items, RICEOptions{}, d("0.01"))
	if err != nil || s.Stable != 1 || !s.Pairs[0].Stable {
		t.Errorf("%+v %v", s, err)
	}
	// Confidence is capped at 1 on the optimistic side.
	s, _ = RICEStability([]RICEInput{rice("X", "1", "1", "1", "1")}, RICEOptions{}, d("0.5"))
	if !s.Intervals[0].High.Equal(fr(t, "9/2")) {
		t.Errorf("high %s", s.Intervals[0].High)
	}
	if _, err := RICEStability(items, RICEOptions{}, d("1")); err == nil {
		t.Error("want perturbation error")
	}
	if _, err := RICEStability([]RICEInput{rice("x", "1", "1", "1", "0")}, RICEOptions{}, d("0.1")); !errors.Is(err, ErrZeroEffort) {
		t.Error("want ErrZeroEffort")
	}
}
