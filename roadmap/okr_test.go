package roadmap

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/fieldtest"
)

// OKR vectors (§4.1, §4.4), worked by hand:
//
//	K1 0 → 100, now 50: 0.5
//	K2 10 → 2 (lower is better), now 4: (4-10)/(2-10) = 0.75
//	K3 0 → 10, now 12: progress 1.2, score 1; weight 3
//	O1 weighted (1×0.5 + 1×0.75 + 3×1)/5 = 4.25/5 = 0.85; unweighted 2.25/3 = 0.75
//	K4 0 → 4, now 1: 0.25 (O2, weight 3 in P)
//	P (no KRs) weighted (1×0.85 + 3×0.25)/4 = 1.6/4 = 0.4; unweighted (0.75+0.25)/2 = 0.5
func okrObjectives() []Objective {
	return []Objective{
		{ID: "O1", Parent: "P", KeyResults: []KeyResult{
			{ID: "K1", Start: d("0"), Target: d("100"), Current: d("50")},
			{ID: "K2", Start: d("10"), Target: d("2"), Current: d("4"), Direction: LowerIsBetter},
			{ID: "K3", Start: d("0"), Target: d("10"), Current: d("12"), Weight: d("3")},
		}},
		{ID: "O2", Parent: "P", Weight: d("3"), Expectation: Aspirational, KeyResults: []KeyResult{{ID: "K4", Start: d("0"), Target: d("4"), Current: d("1")}}},
		{ID: "P", Expectation: Aspirational},
		{ID: "Empty"},
	}
}

func TestScoreObjectives(t *testing.T) {
	k := func(id, p, s, w string, b Band) KRScore {
		return KRScore{ID: KeyResultID(id), Progress: d(p), Score: d(s), Weight: d(w), Band: b}
	}
	krs := []KRScore{k("K1", "0.5", "0.5", "1", Yellow), k("K2", "0.75", "0.75", "1", Green), k("K3", "1.2", "1", "3", Green)}
	want := map[RollUp][]ObjectiveScore{
		Weighted: {
			{ID: "O1", Score: d("0.85"), Defined: true, Band: Green, Formula: "weighted: (1×0.5 + 1×0.75 + 3×1) / 5 = 0.85", KeyResults: krs},
			{ID: "O2", Expectation: Aspirational, Score: d("0.25"), Defined: true, Band: Red, Formula: "weighted: (1×0.25) / 1 = 0.25", KeyResults: []KRScore{k("K4", "0.25", "0.25", "1", Red)}},
			{ID: "P", Expectation: Aspirational, Score: d("0.4"), Defined: true, Band: Yellow, Formula: "weighted: (1×0.85 + 3×0.25) / 4 = 0.4", Children: []ObjectiveID{"O1", "O2"}},
			{ID: "Empty", Formula: "undefined: no key results and no scored children"},
		},
		Unweighted: {
			{ID: "O1", Score: d("0.75"), Defined: true, Band: Green, Formula: "unweighted: (1×0.5 + 1×0.75 + 1×1) / 3 = 0.75", KeyResults: krs},
			{ID: "O2", Expectation: Aspirational, Score: d("0.25"), Defined: true, Band: Red, Formula: "unweighted: (1×0.25) / 1 = 0.25", KeyResults: []KRScore{k("K4", "0.25", "0.25", "1", Red)}},
			{ID: "P", Expectation: Aspirational, Score: d("0.5"), Defined: true, Band: Yellow, Formula: "unweighted: (1×0.75 + 1×0.25) / 2 = 0.5", Children: []ObjectiveID{"O1", "O2"}},
			{ID: "Empty", Formula: "undefined: no key results and no scored children"},
		},
	}
	for roll, w := range want {
		got, err := ScoreObjectives(okrObjectives(), roll)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(w, got, decEq); diff != "" {
			t.Errorf("%v (-want +got):\n%s", roll, diff)
		}
	}
}

func TestBandAndGrade(t *testing.T) {
	tests := []struct {
		score            string
		band             Band
		committed, aspir bool
	}{
		{"0", Red, false, false},
		{"0.39", Red, false, false},
		{"0.4", Yellow, false, false},
		{"0.69", Yellow, false, false},
		{"0.7", Green, false, true},
		{"0.99", Green, false, true},
		{"1", Green, true, true},
	}
	for _, tt := range tests {
		s := d(tt.score)
		if got := BandOf(s); got != tt.band {
			t.Errorf("BandOf(%s) = %v, want %v", tt.score, got, tt.band)
		}
		if got := Committed.Met(s); got != tt.committed {
			t.Errorf("Committed.Met(%s) = %v", tt.score, got)
		}
		if got := Aspirational.Met(s); got != tt.aspir {
			t.Errorf("Aspirational.Met(%s) = %v", tt.score, got)
		}
	}
}

func TestKeyResultErrors(t *testing.T) {
	got := fieldtest.Paths(t, func() error {
		_, err := ScoreKeyResult(KeyResult{ID: "K", Start: d("5"), Target: d("5.0")})
		return err
	}())
	if diff := cmp.Diff([]string{"keyResult.target"}, got); diff != "" {
		t.Errorf("start == target (-want +got):\n%s", diff)
	}
	objs := []Objective{
		{ID: "A", Parent: "B", KeyResults: []KeyResult{{ID: "K", Start: d("0"), Target: d("1"), Direction: LowerIsBetter, Weight: d("-1")}}},
		{ID: "B", Parent: "A", KeyResults: []KeyResult{{ID: "K", Start: d("0"), Target: d("1")}}},
		{ID: "A"},
		{ID: "C", Parent: "Z", Expectation: 5},
	}
	got = fieldtest.Paths(t, ValidateObjectives(objs))
	want := []string{"objectives[0].key_results[0].direction", "objectives[0].key_results[0].weight", "objectives[1].key_results[0].id",
		"objectives[2].id", "objectives[3].expectation", "objectives[0].parent", "objectives[1].parent", "objectives[3].parent"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if _, err := ScoreObjectives(nil, RollUp(4)); err == nil {
		t.Error("bad roll-up: want an error")
	}
	s, err := ScoreKeyResult(KeyResult{ID: "K", Start: d("100"), Target: d("50"), Current: d("120")})
	if err != nil || !s.Score.IsZero() || !s.Progress.Equal(d("-0.4")) {
		t.Errorf("regressing KR = %+v, %v; want progress -0.4, score 0", s, err)
	}
}

// Alignment (§4.4): work items are the leaves E1, E2 (under epic E, which serves O1
// through K1), X (serves O1 and O2 directly), Y (unaligned, unestimated); Z is canceled.
//
//	items: 4, aligned 3 → 0.75
//	effort: E1 2 + E2 4 + X 6 + Y 0 = 12; aligned 12 → 1
//	per objective: O1 = 2 + 4 + 6/2 = 9 (3 items); O2 = 3 (1 item); O3 orphan
func TestAlignment(t *testing.T) {
	objs := []Objective{
		{ID: "O1", KeyResults: []KeyResult{{ID: "K1", Start: d("0"), Target: d("1")}}},
		{ID: "O2"}, {ID: "O3"},
	}
	items := []Item{
		{ID: "E", Kind: Epic, KeyResults: []KeyResultID{"K1"}, Estimate: dp("100")},
		{ID: "E1", Parent: "E", Estimate: dp("2")},
		{ID: "E2", Parent: "E", Estimate: dp("4")},
		{ID: "X", Objectives: []ObjectiveID{"O2", "O1"}, Estimate: dp("6")},
		{ID: "Y"},
		{ID: "Z", Status: Canceled, Objectives: []ObjectiveID{"O3"}, Estimate: dp("50")},
	}
	got, err := Alignment(items, objs)
	if err != nil {
		t.Fatal(err)
	}
	r := func(n, dd, v string, def bool) Ratio { return Ratio{Num: d(n), Den: d(dd), Value: d(v), Defined: def} }
	want := AlignmentReport{
		ItemCoverage:      r("3", "4", "0.75", true),
		EffortCoverage:    r("12", "12", "1", true),
		ObjectiveCoverage: r("2", "3", "0.666667", true),
		Unestimated:       1,
		Unaligned:         ids("Y"),
		Orphans:           []ObjectiveID{"O3"},
		PerObjective:      []ObjectiveEffort{{ID: "O1", Items: 3, Effort: d("9")}, {ID: "O2", Items: 1, Effort: d("3")}},
	}
	if diff := cmp.Diff(want, got, decEq); diff != "" {
		t.Errorf("alignment (-want +got):\n%s", diff)
	}
	empty, err := Alignment(nil, nil)
	if err != nil || empty.ItemCoverage.Defined || empty.EffortCoverage.Defined {
		t.Errorf("empty alignment = %+v, %v", empty, err)
	}
	items[4].KeyResults = []KeyResultID{"K9"}
	items[3].Objectives = append(items[3].Objectives, "O9")
	gotF := fieldtest.Paths(t, func() error { _, err := Alignment(items, objs); return err }())
	if diff := cmp.Diff([]string{"items[3].objectives[2]", "items[4].key_results[0]"}, gotF); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}
