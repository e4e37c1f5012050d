package roadmap

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/fieldtest"
)

// progressItems: epic E with F1 done 3, F2 in progress 5, F3 paused 2, F4 backlog
// unestimated, F5 canceled 8, F6 planned 4.
func progressItems() []Item {
	return []Item{
		{ID: "E", Kind: Epic},
		{ID: "F1", Parent: "E", Status: Done, Estimate: dp("3")},
		{ID: "F2", Parent: "E", Status: InProgress, Estimate: dp("5")},
		{ID: "F3", Parent: "E", Status: Paused, Estimate: dp("2")},
		{ID: "F4", Parent: "E"},
		{ID: "F5", Parent: "E", Status: Canceled, Estimate: dp("8")},
		{ID: "F6", Parent: "E", Status: Planned, Estimate: dp("4")},
		{ID: "Other", Status: Done, Estimate: dp("10")},
	}
}

// Progress roll-up variants (§8.4), worked by hand:
//   - Linear: unestimated F4 counts 1; total 3+5+2+1+4 = 15; (3 + 0.25×7) / 15 = 4.75/15
//     = 0.316666… → 0.316667.
//   - Estimate: F4 counts 0; 3 / 14 = 0.214285… → 0.214286.
//   - Count: 1 done of 5 (F5 canceled) = 0.2.
func TestProgress(t *testing.T) {
	tests := []struct {
		name string
		root ItemID
		f    Formula
		want ProgressResult
	}{
		{"linear", "E", LinearFormula(), ProgressResult{
			Formula: "(done + 0.25 × in progress) / total = (3 + 0.25 × 7) / 15 = 0.316667",
			Done:    d("3"), InProgress: d("7"), Total: d("15"), Items: 5, Canceled: 1, Credit: d("0.25"), Numerator: d("4.75"), Value: d("0.316667"), Defined: true}},
		{"estimate", "E", EstimateFormula(), ProgressResult{
			Formula: "done / total = 3 / 14 = 0.214286",
			Done:    d("3"), InProgress: d("7"), Total: d("14"), Items: 5, Canceled: 1, Numerator: d("3"), Value: d("0.214286"), Defined: true}},
		{"count", "E", CountFormula(), ProgressResult{
			Formula: "done items / items = 1 / 5 = 0.2",
			Done:    d("1"), InProgress: d("2"), Total: d("5"), Items: 5, Canceled: 1, Numerator: d("1"), Value: d("0.2"), Defined: true}},
		{"whole plan by estimate", "", EstimateFormula(), ProgressResult{
			Formula: "done / total = 13 / 24 = 0.541667",
			Done:    d("13"), InProgress: d("7"), Total: d("24"), Items: 6, Canceled: 1, Numerator: d("13"), Value: d("0.541667"), Defined: true}},
		{"leaf root", "F2", LinearFormula(), ProgressResult{
			Formula: "(done + 0.25 × in progress) / total = (0 + 0.25 × 5) / 5 = 0.25",
			Done:    d("0"), InProgress: d("5"), Total: d("5"), Items: 1, Credit: d("0.25"), Numerator: d("1.25"), Value: d("0.25"), Defined: true}},
		{"nothing to measure", "F4", EstimateFormula(), ProgressResult{
			Formula: "done / total = 0 / 0 (undefined: total is 0)",
			Done:    d("0"), InProgress: d("0"), Total: d("0"), Items: 1, Value: d("0")}},
		{"canceled root", "F5", CountFormula(), ProgressResult{
			Formula: "done items / items = 0 / 0 (undefined: total is 0)",
			Done:    d("0"), InProgress: d("0"), Total: d("0"), Canceled: 1, Value: d("0")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Progress(progressItems(), tt.root, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, decEq); diff != "" {
				t.Errorf("progress (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := Progress(progressItems(), "nope", LinearFormula()); err == nil {
		t.Error("unknown root: want an error")
	}
	got := fieldtest.Paths(t, func() error {
		_, err := Progress(nil, "", Formula{InProgressCredit: d("1.5"), UnestimatedPoints: dp("-1")})
		return err
	}())
	if diff := cmp.Diff([]string{"in_progress_credit", "unestimated_points"}, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}
