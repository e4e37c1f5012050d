package prioritize

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
)

// TestScorecard works each normalization by hand (§1.7).
func TestScorecard(t *testing.T) {
	crit := []Criterion{
		{Name: "value", Weight: d("2"), Min: d("1"), Max: d("10")},
		{Name: "effort", Weight: d("1"), Direction: Cost, Min: d("1"), Max: d("10")},
	}
	items := []WeightedInput{
		{ID: "A", Values: []decimal.Decimal{d("8"), d("2")}},
		{ID: "B", Values: []decimal.Decimal{d("5"), d("2")}},
		{ID: "C", Values: []decimal.Decimal{d("5"), d("8")}},
	}
	tests := []struct {
		norm Normalization
		want []string
	}{
		// (2·8 − 2)/3 = 14/3; (10 − 2)/3 = 8/3; (10 − 8)/3 = 2/3
		{NormalizeNone, []string{"14/3", "8/3", "2/3"}},
		// A: (2·7/9 + 8/9)/3 = 22/27; B: (2·4/9 + 8/9)/3 = 16/27; C: (8/9 + 2/9)/3 = 10/27
		{NormalizeScale, []string{"22/27", "16/27", "10/27"}},
		// value: 8→1, 5→0; effort (cost): 2→1, 8→0. A (2+1)/3 = 1; B 1/3; C 0
		{NormalizeMinMax, []string{"1", "1/3", "0"}},
		// value ranks 1,2,2 → 1, 1/2, 1/2; effort ranks 1,1,3 → 1, 1, 0
		{NormalizeRank, []string{"1", "2/3", "1/3"}},
	}
	for _, tt := range tests {
		t.Run(tt.norm.String(), func(t *testing.T) {
			s, err := Scorecard{Criteria: crit, Normalization: tt.norm}.Score(items)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, x := range s {
				got = append(got, x.Exact.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	constant := []WeightedInput{{ID: "A", Values: []decimal.Decimal{d("3"), d("3")}}, {ID: "B", Values: []decimal.Decimal{d("3"), d("3")}}}
	s, err := Scorecard{Criteria: crit, Normalization: NormalizeMinMax}.Score(constant)
	if err != nil || !s[0].Exact.Equal(intF(1)) {
		t.Errorf("a constant column gives full weight: %v %v", s, err)
	}
	_, err = Scorecard{Criteria: crit, Normalization: NormalizeScale}.Score([]WeightedInput{
		{ID: "A", Values: []decimal.Decimal{d("11"), d("2")}}, {ID: "A", Values: []decimal.Decimal{d("1")}}, {Values: []decimal.Decimal{d("1"), {}}}})
	if diff := cmp.Diff([]string{"items[0].values[0] range", "items[1].values len", "items[2].id required", "items[2].values[1] range", "items[1].id unique"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	err = Scorecard{Criteria: []Criterion{{Name: "a", Weight: d("0")}, {Name: "a", Weight: d("-1")}}, Normalization: NormalizeScale}.Validate()
	if diff := cmp.Diff([]string{"criteria[1].weight dgte", "criteria[0].max gtfield", "criteria[1].name unique", "criteria[1].max gtfield", "criteria weights"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestNormalizeJPD follows JPD's stated rule on its documented examples (§2.1, P18): for
// all-negative data −2 maps to 0.75, not the 66 of JPD's own table.
func TestNormalizeJPD(t *testing.T) {
	card := Scorecard{Criteria: []Criterion{{Name: "v", Weight: d("1")}}, Normalization: NormalizeJPD}
	for _, tt := range []struct {
		in   []string
		want []string
	}{
		{[]string{"6", "3", "2"}, []string{"1", "1/2", "1/3"}},
		{[]string{"5", "1", "-5"}, []string{"1", "3/5", "0"}},
		{[]string{"-5", "-2", "-1"}, []string{"0", "3/4", "1"}},
	} {
		var items []WeightedInput
		for i, v := range tt.in {
			items = append(items, WeightedInput{ID: ItemID(rune('a' + i)), Values: []decimal.Decimal{d(v)}})
		}
		s, err := card.Score(items)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range s {
			got = append(got, x.Exact.String())
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.in, diff)
		}
	}
}
