package prioritize

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops/internal/fieldtest"
)

// TestWSJF: CoD = UBV + TC + RR|OE over job size (§1.3); raw and column-normalized inputs
// rank differently (pitfall 6).
func TestWSJF(t *testing.T) {
	s, err := WSJF(WSJFInput{ID: "a", UserBusinessValue: d("8"), TimeCriticality: d("5"), RiskReduction: d("3"), JobSize: d("5")}, WSJFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("(8 + 5 + 3) ÷ 5 = 3.2", s.Formula); diff != "" {
		t.Error(diff)
	}
	items := []WSJFInput{
		{ID: "X", UserBusinessValue: d("1"), TimeCriticality: d("20"), RiskReduction: d("1"), JobSize: d("1")},
		{ID: "Y", UserBusinessValue: d("13"), TimeCriticality: d("5"), RiskReduction: d("1"), JobSize: d("1")},
	}
	raw, err := WSJFBatch(items, WSJFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	norm, err := WSJFBatch(items, WSJFOptions{Variant: WSJFNormalizeColumns})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{raw[0].Exact.String(), raw[1].Exact.String(), norm[0].Exact.String(), norm[1].Exact.String()}
	if diff := cmp.Diff([]string{"22", "19", "6", "15"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(norm[0].Notes) != 1 {
		t.Errorf("normalized score should name its reference set: %v", norm[0].Notes)
	}
	_, err = WSJF(WSJFInput{ID: "a", UserBusinessValue: d("4"), TimeCriticality: d("21"), RiskReduction: d("1"), JobSize: d("0")}, WSJFOptions{})
	if diff := cmp.Diff([]string{"user_business_value scale", "time_criticality scale", "job_size nonzero"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrZeroEffort) {
		t.Error("job size 0 should match ErrZeroEffort")
	}
	if _, err := WSJF(WSJFInput{ID: "a", UserBusinessValue: d("21"), TimeCriticality: d("1"), RiskReduction: d("1"), JobSize: d("1")}, WSJFOptions{Scale: WSJFFibonacci21}); err != nil {
		t.Errorf("21 is on the 1–21 scale: %v", err)
	}
	_, err = WSJFBatch([]WSJFInput{items[0], items[0]}, WSJFOptions{Scale: WSJFAnyPositive, Variant: 5})
	if diff := cmp.Diff([]string{"variant oneof", "items[1].id unique"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrDuplicateID) {
		t.Error("want ErrDuplicateID")
	}
}
