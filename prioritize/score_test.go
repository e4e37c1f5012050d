package prioritize

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestCaveats: every note a program may branch on is also a typed caveat.
func TestCaveats(t *testing.T) {
	r, _ := RICE(rice("a", "10", "1", "0.49", "1"), RICEOptions{})
	r2, _ := RICE(rice("a", "10", "1", "0.5", "1"), RICEOptions{})
	w, _ := WSJFBatch([]WSJFInput{{ID: "a", UserBusinessValue: d("2"), TimeCriticality: d("1"), RiskReduction: d("1"), JobSize: d("1")}},
		WSJFOptions{Variant: WSJFNormalizeColumns})
	card := Scorecard{Criteria: []Criterion{{Name: "v", Weight: d("1")}}, Normalization: NormalizeMinMax}
	c, _ := card.Score([]WeightedInput{{ID: "a", Values: []decimal.Decimal{d("1")}}})
	got := [][]Caveat{r.Caveats, r2.Caveats, w[0].Caveats, c[0].Caveats}
	if diff := cmp.Diff([][]Caveat{{CaveatMoonshot}, nil, {CaveatRelative}, {CaveatRelative}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if r.String() != "49/10" {
		t.Errorf("String %q", r.String())
	}
}
