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
	k := func(id, p, num, den, s, w string, b Band) KRScore {
		return KRScore{ID: KeyResultID(id), Progress: d(p), Numerator: d(num), Denominator: d(den), Achieved: d(p).Cmp(d("1")) >= 0, Score: d(s), Weight: d(w), Band: b}
	}
	krs := []KRScore{k("K1", "0.5", "50", "100", "0.5", "1", Yellow), k("K2", "0.75", "-6", "-8", "0.75", "1", Green), k("K3", "1.2", "12", "10", "1", "3", Green)}
	k4 := []KRScore{k("K4", "0.25", "1", "4", "0.25", "1", Red)}
	kt := func(id, w, s string) ScoreTerm {
		return ScoreTerm{Source: FromKeyResult, ID: id, Weight: d(w), Score: d(s)}
	}
	ct := func(id, w, s string) ScoreTerm {
		return ScoreTerm{Source: FromChild, ID: id, Weight: d(w), Score: d(s)}
	}
	want := map[RollUp][]ObjectiveScore{
		Weighted: {
			{ID: "O1", Score: d("0.85"), Numerator: d("4.25"), Denominator: d("5"), Terms: []ScoreTerm{kt("K1", "1", "0.5"), kt("K2", "1", "0.75"), kt("K3", "3", "1")}, Defined: true, Band: Green, Formula: "weighted: (1×0.5 + 1×0.75 + 3×1) / 5 = 0.85", KeyResults: krs},
			{ID: "O2", Expectation: Aspirational, Score: d("0.25"), Numerator: d("0.25"), Denominator: d("1"), Terms: []ScoreTerm{kt("K4", "1", "0.25")}, Defined: true, Band: Red, Formula: "weighted: (1×0.25) / 1 = 0.25", KeyResults: k4},
			{ID: "P", Expectation: Aspirational, Score: d("0.4"), Numerator: d("1.6"), Denominator: d("4"), Terms: []ScoreTerm{ct("O1", "1", "0.85"), ct("O2", "3", "0.25")}, Defined: true, Band: Yellow, Formula: "weighted: (1×0.85 + 3×0.25) / 4 = 0.4", Children: []ObjectiveID{"O1", "O2"}},
			{ID: "Empty", Terms: []ScoreTerm{}, Numerator: d("0"), Denominator: d("0"), Formula: "undefined: no key results and no scored children"},
		},
		Unweighted: {
			{ID: "O1", Score: d("0.75"), Numerator: d("2.25"), Denominator: d("3"), Terms: []ScoreTerm{kt("K1", "1", "0.5"), kt("K2", "1", "0.75"), kt("K3", "1", "1")}, Defined: true, Band: Green, Formula: "unweighted: (1×0.5 + 1×0.75 + 1×1) / 3 = 0.75", KeyResults: krs},
			{ID: "O2", Expectation: Aspirational, Score: d("0.25"), Numerator: d("0.25"), Denominator: d("1"), Terms: []ScoreTerm{kt("K4", "1", "0.25")}, Defined: true, Band: Red, Formula: "unweighted: (1×0.25) / 1 = 0.25", KeyResults: k4},
			{ID: "P", Expectation: Aspirational, Score: d("0.5"), Numerator: d("1"), Denominator: d("2"), Terms: []ScoreTerm{ct("O1", "1", "0.75"), ct("O2", "1", "0.25")}, Defined: true, Band: Yellow, Formula: "unweighted: (1×0.75 + 1×0.25) / 2 = 0.5", Children: []ObjectiveID{"O1", "O2"}},
			{ID: "Empty", Terms: []ScoreTerm{}, Numerator: d("0"), Denominator: d("0"), Formula: "undefined: no key results and no scored children"},
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

// Key results and children weighted independently (issue 17), worked by hand on the same
// vectors. P has no KRs, so only Children matters for it; O1's KRs follow KeyResults.
//
//	KRs weighted, children unweighted: O1 0.85, O2 0.25, P (0.85 + 0.25)/2 = 0.55
//	KRs unweighted, children weighted: O1 0.75, O2 0.25, P (1×0.75 + 3×0.25)/4 = 0.375
//
// With BlendChildren, a parent with its own KR R (0 → 2, now 1: 0.5, weight 2) and the
// children above (weighted): (2×0.5 + 1×0.85 + 3×0.25) / 6 = 2.6/6 = 0.433333.
func TestScoreObjectivesIndependentWeights(t *testing.T) {
	score := func(objs []Objective, opts ScoreOptions) map[ObjectiveID]string {
		got, err := ScoreObjectivesWith(objs, opts)
		if err != nil {
			t.Fatal(err)
		}
		m := map[ObjectiveID]string{}
		for _, s := range got {
			m[s.ID] = s.Score.String()
		}
		return m
	}
	for _, tc := range []struct {
		name string
		objs []Objective
		opts ScoreOptions
		want map[ObjectiveID]string
	}{
		{"KRs weighted, children unweighted", okrObjectives(), ScoreOptions{KeyResults: Weighted, Children: Unweighted}, map[ObjectiveID]string{"O1": "0.85", "O2": "0.25", "P": "0.55", "Empty": "0"}},
		{"KRs unweighted, children weighted", okrObjectives(), ScoreOptions{KeyResults: Unweighted, Children: Weighted}, map[ObjectiveID]string{"O1": "0.75", "O2": "0.25", "P": "0.375", "Empty": "0"}},
		{"parent KR ignores children by default", withParentKR(), ScoreOptions{}, map[ObjectiveID]string{"O1": "0.85", "O2": "0.25", "P": "0.5", "Empty": "0"}},
		{"blend children", withParentKR(), ScoreOptions{BlendChildren: true}, map[ObjectiveID]string{"O1": "0.85", "O2": "0.25", "P": "0.433333", "Empty": "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, score(tc.objs, tc.opts)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	got, _ := ScoreObjectivesWith(withParentKR(), ScoreOptions{BlendChildren: true, Children: Unweighted})
	if p := got[2]; p.Formula != "key results weighted, children unweighted: (2×0.5 + 1×0.85 + 1×0.25) / 4 = 0.525" || len(p.Terms) != 3 || p.Terms[1].Source != FromChild {
		t.Errorf("blended formula %q, terms %+v", p.Formula, p.Terms)
	}
	_, err := ScoreObjectivesWith(nil, ScoreOptions{KeyResults: 3, Children: -1})
	if diff := cmp.Diff([]string{"options.key_results", "options.children"}, fieldtest.Paths(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func withParentKR() []Objective {
	objs := okrObjectives()
	objs[2].KeyResults = []KeyResult{{ID: "R", Start: d("0"), Target: d("2"), Current: d("1"), Weight: d("2")}}
	return objs
}

// Binary key results score 0 or 1 (Google's grading); without Start and Target they read
// as 0 to 1. A numeric KR reports whether it was achieved as a typed field.
func TestBinaryKeyResults(t *testing.T) {
	for _, tc := range []struct {
		name     string
		kr       KeyResult
		progress string
		achieved bool
		score    string
	}{
		{"binary done", KeyResult{ID: "b", Kind: BinaryKR, Current: d("1")}, "1", true, "1"},
		{"binary not done", KeyResult{ID: "b", Kind: BinaryKR, Current: d("0")}, "0", false, "0"},
		{"binary most of the way is still 0", KeyResult{ID: "b", Kind: BinaryKR, Start: d("0"), Target: d("6"), Current: d("5")}, "0.833333", false, "0"},
		{"binary past the target", KeyResult{ID: "b", Kind: BinaryKR, Start: d("0"), Target: d("6"), Current: d("7")}, "1.166667", true, "1"},
		{"binary lower is better", KeyResult{ID: "b", Kind: BinaryKR, Start: d("10"), Target: d("2"), Current: d("2")}, "1", true, "1"},
		{"numeric three of six", KeyResult{ID: "n", Start: d("0"), Target: d("6"), Current: d("3")}, "0.5", false, "0.5"},
		{"numeric achieved exactly, although progress rounds", KeyResult{ID: "n", Start: d("0"), Target: d("3"), Current: d("3")}, "1", true, "1"},
		{"numeric just short of a target that rounds to 1", KeyResult{ID: "n", Start: d("0"), Target: d("3"), Current: d("2.9999999")}, "1", false, "1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ScoreKeyResult(tc.kr)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Progress.Equal(d(tc.progress)) || got.Achieved != tc.achieved || !got.Score.Equal(d(tc.score)) || got.Kind != tc.kr.Kind {
				t.Errorf("got %+v, want progress %s achieved %v score %s", got, tc.progress, tc.achieved, tc.score)
			}
		})
	}
	// A numeric KR still needs Start and Target to differ, and kinds are checked.
	_, err := ScoreKeyResult(KeyResult{ID: "n", Current: d("1")})
	if diff := cmp.Diff([]string{"keyResult.target nefield"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = ScoreKeyResult(KeyResult{ID: "n", Kind: 5, Start: d("0"), Target: d("1")})
	if diff := cmp.Diff([]string{"keyResult.kind oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
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
