package prioritize

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops/internal/fieldtest"
)

// TestOpportunity: Ulwick's floor and the no-floor variant (§1.9, P20).
func TestOpportunity(t *testing.T) {
	tests := []struct {
		imp, sat string
		v        OpportunityVariant
		want     string
	}{
		{"8", "3", OpportunityFloor, "13"},
		{"5", "7", OpportunityFloor, "5"},
		{"5", "7", OpportunityNoFloor, "3"},
		{"9.5", "2", OpportunityFloor, "17"},
	}
	for _, tt := range tests {
		s, err := Opportunity(OpportunityInput{ID: "o", Importance: d(tt.imp), Satisfaction: d(tt.sat)}, OpportunityOptions{Variant: tt.v})
		if err != nil {
			t.Fatal(err)
		}
		if s.Exact.String() != tt.want {
			t.Errorf("%s/%s %v: got %s want %s", tt.imp, tt.sat, tt.v, s.Exact, tt.want)
		}
	}
	_, err := Opportunity(OpportunityInput{ID: "o", Importance: d("11"), Satisfaction: d("-1")}, OpportunityOptions{})
	if diff := cmp.Diff([]string{"importance dlte", "satisfaction dgte"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	_, err = Opportunity(OpportunityInput{ID: "o", Importance: d("1"), Satisfaction: d("1")}, OpportunityOptions{Variant: 4})
	if diff := cmp.Diff([]string{"variant oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	v, err := TopTwoBox([]int{5, 4, 3, 2, 1, 5})
	if err != nil || !v.Equal(d("5")) {
		t.Errorf("top-two-box %s %v", v, err)
	}
	_, err = TopTwoBox([]int{6})
	if diff := cmp.Diff([]string{"answers[0] oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	_, err = TopTwoBox(nil)
	if diff := cmp.Diff([]string{"answers required"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

// TestOpportunityFromAnswers keeps non-terminating shares exact: importance 2 of 3
// (20/3), satisfaction 1 of 3 (10/3) gives exactly 10, where rounded shares give 10.000001.
func TestOpportunityFromAnswers(t *testing.T) {
	s, err := OpportunityFromAnswers("o", []int{5, 4, 1}, []int{5, 1, 1}, OpportunityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("20/3 + max(20/3 − 10/3, 0) = 10", s.Formula); diff != "" || !s.Exact.Equal(intF(10)) {
		t.Errorf("(-want +got):\n%s %s", diff, s.Exact)
	}
	over, _ := OpportunityFromAnswers("o", []int{1, 4}, []int{5, 5}, OpportunityOptions{Variant: OpportunityNoFloor})
	if !over.Exact.Equal(intF(0)) || over.Factors[1].Op != OpSubtract || !over.Factors[1].Value.Equal(d("5")) {
		t.Errorf("%+v", over)
	}
	_, err = OpportunityFromAnswers("", []int{0}, nil, OpportunityOptions{Variant: 3})
	if diff := cmp.Diff([]string{"id required", "importance[0] oneof", "satisfaction required", "variant oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestOpportunityBands: Strategyn's bands as typed values, boundaries included.
func TestOpportunityBands(t *testing.T) {
	for _, tt := range []struct {
		imp  string
		want OpportunityBand
	}{
		{"4.995", BandUnattractive}, {"5", BandWorthConsidering}, {"5.995", BandWorthConsidering}, {"6", BandHigh},
		{"7.5", BandHigh}, {"7.505", BandExtreme}, {"10", BandExtreme}, {"0", BandUnattractive},
	} {
		s, err := Opportunity(OpportunityInput{ID: "o", Importance: d(tt.imp)}, OpportunityOptions{})
		if err != nil || s.Band != tt.want || OpportunityBandOf(s.Exact) != tt.want {
			t.Errorf("importance %s: score %s band %v, want %v (%v)", tt.imp, s.Exact, s.Band, tt.want, err)
		}
	}
	// Overserved is a typed caveat under both variants.
	for _, v := range []OpportunityVariant{OpportunityFloor, OpportunityNoFloor} {
		s, _ := Opportunity(OpportunityInput{ID: "o", Importance: d("6"), Satisfaction: d("7")}, OpportunityOptions{Variant: v})
		if diff := cmp.Diff([]Caveat{CaveatOverserved}, s.Caveats); diff != "" || len(s.Notes) != 1 {
			t.Errorf("%v: %s %v", v, diff, s.Notes)
		}
	}
	b, err := json.Marshal(Score{})
	if err != nil || strings.Contains(string(b), "band") {
		t.Errorf("a score of another framework carries no band: %s %v", b, err)
	}
}
