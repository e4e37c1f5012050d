package prioritize

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/golden"
)

var fractionEqual = cmp.Comparer(func(a, b Fraction) bool { return a.Equal(b) })

// outputBacklog has exact ties, a non-terminating score and a moonshot.
func outputBacklog() []RICEInput {
	return []RICEInput{
		rice("sso", "800", "2", "0.8", "3"),
		rice("dark-mode", "2500", "0.25", "1", "1"),
		rice("csv-import", "1200", "1", "1", "2"),
		rice("offline", "600", "3", "0.3", "6"),
		rice("audit-log", "300", "2", "1", "1"),
	}
}

// TestRankingJSON: a Ranking marshals to its documented form (golden) and the items read
// back as Ranked values equal to the ranking's, caller items included.
func TestRankingJSON(t *testing.T) {
	rk, err := Rank(outputBacklog(), ByRICE(identity, RICEOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rk)
	if err != nil {
		t.Fatal(err)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "ranking.json", append(indented.Bytes(), '\n'))
	var back struct {
		Scorer string              `json:"scorer"`
		Items  []Ranked[RICEInput] `json:"items"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	var want []Ranked[RICEInput]
	for r := range rk.All() {
		want = append(want, r)
	}
	if diff := cmp.Diff(want, back.Items, decimalEqual, fractionEqual); diff != "" || back.Scorer != "rice" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// A caller item that cannot marshal is an error, not a silent omission.
	fr, _ := Rank([]func(){func() {}}, ByScore(func(func()) (Score, error) { return Score{ID: "f"}, nil }))
	if _, err := json.Marshal(fr); err == nil {
		t.Error("want an error for an item that does not marshal")
	}
}

// TestRankingCSV: the ranking writes CSV with its explanations (golden); the factor
// columns read back as RICE inputs that rank the same, with the same exact scores.
func TestRankingCSV(t *testing.T) {
	rk, _ := Rank(outputBacklog(), ByRICE(identity, RICEOptions{}))
	var buf bytes.Buffer
	if err := rk.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "ranking.csv", buf.Bytes())
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var back []RICEInput
	for _, r := range recs[1:] {
		back = append(back, RICEInput{ID: ItemID(r[col["id"]]), Reach: d(r[col["reach"]]), Impact: d(r[col["impact"]]),
			Confidence: d(r[col["confidence"]]), Effort: d(r[col["effort"]])})
		if s, _ := RICE(back[len(back)-1], RICEOptions{}); s.Exact.String() != r[col["exact"]] {
			t.Errorf("%s: exact %s, re-scored %s", r[col["id"]], r[col["exact"]], s.Exact)
		}
	}
	rk2, err := Rank(back, ByRICE(identity, RICEOptions{}))
	if err != nil || !slices.Equal(rk.IDs(), rk2.IDs()) {
		t.Errorf("read back ranks %v, want %v (%v)", rk2.IDs(), rk.IDs(), err)
	}
	// Mixed frameworks: the factor columns are the union; opportunity scores fill band.
	o1, _ := Opportunity(OpportunityInput{ID: "o1", Importance: d("8"), Satisfaction: d("3")}, OpportunityOptions{})
	o2, _ := Opportunity(OpportunityInput{ID: "o2", Importance: d("4"), Satisfaction: d("6")}, OpportunityOptions{})
	c, _ := CD3(CD3Input{ID: "c", CostOfDelay: d("30"), Duration: d("4")})
	sr, _ := RankScores([]Score{o1, o2, c})
	buf.Reset()
	if err := sr.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "scores.csv", buf.Bytes())
	if err := rk.WriteCSV(failWriter{}); err == nil {
		t.Error("want the writer's error")
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestSelectionOutput: JSON round trip and CSV (golden) of a selection.
func TestSelectionOutput(t *testing.T) {
	cs := []Candidate{
		{ID: "api", Value: d("1"), Effort: d("2"), Team: "backend"},
		{ID: "ui", Value: d("10"), Effort: d("1.5"), Team: "frontend", Requires: []ItemID{"api"}},
		{ID: "perf", Value: d("4"), Effort: d("2"), Team: "backend"},
		{ID: "both", Value: d("3"), Effort: d("1"), Team: "frontend", Efforts: map[string]decimal.Decimal{"backend": d("0.5")}},
	}
	s, err := Select(cs, SelectOptions{Capacity: map[string]decimal.Decimal{"backend": d("2.5"), "frontend": d("2.5")}})
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s)
	golden.Check(t, "selection.json", golden.JSON(t, s))
	var buf bytes.Buffer
	if err := s.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "selection.csv", buf.Bytes())
	if err := s.WriteCSV(failWriter{}); err == nil {
		t.Error("want the writer's error")
	}
}

// roundTrip marshals v and reads it back into a fresh T: what is written reads back.
func roundTrip[T any](t *testing.T, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T: %v", v, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%T: %v in %s", v, err, b)
	}
	if diff := cmp.Diff(v, back, decimalEqual, fractionEqual); diff != "" {
		t.Errorf("%T round trip (-want +got):\n%s", v, diff)
	}
}

// TestResultsRoundTrip: every result type reads back from its JSON.
func TestResultsRoundTrip(t *testing.T) {
	r, _ := RICE(rice("a", "500", "2", "0.4", "3"), RICEOptions{})
	roundTrip(t, r)
	o, _ := Opportunity(OpportunityInput{ID: "o", Importance: d("8"), Satisfaction: d("9")}, OpportunityOptions{})
	roundTrip(t, o)
	st, _ := RICEStability(outputBacklog(), RICEOptions{}, StabilityOptions{Perturbation: d("0.1"), Factors: []RICEFactor{RICEReach}})
	roundTrip(t, st)
	th, _ := RICESwap(outputBacklog()[0], outputBacklog()[1], RICEOptions{})
	roundTrip(t, th)
	card := Scorecard{Criteria: []Criterion{{Name: "x", Weight: d("1")}, {Name: "y", Weight: d("1")}}}
	ws, _ := WeightSwap(card, []WeightedInput{{ID: "A", Values: []decimal.Decimal{d("10"), d("0")}}, {ID: "B", Values: []decimal.Decimal{d("0"), d("8")}}}, "A", "B")
	roundTrip(t, ws)
	tp := ThreePoint{Optimistic: d("1"), MostLikely: d("2"), Pessimistic: d("9")}
	pe, _ := PERT(tp)
	roundTrip(t, pe)
	tr, _ := Triangular(tp)
	roundTrip(t, tr)
	odds, _ := SimulateRanks([]UncertainItem{{ID: "a", Value: d("3"), Effort: tp}, {ID: "b", Value: d("2"), Effort: tp}}, SimulateOptions{K: 1, Runs: 100})
	roundTrip(t, odds)
	ex, _ := ScenarioRanks([]ScenarioItem{{ID: "a", Value: d("1"), Scenarios: []Scenario{{Effort: d("1"), Probability: fr(t, "1/3")}, {Effort: d("2"), Probability: fr(t, "2/3")}}}}, ScenarioOptions{K: 1})
	roundTrip(t, ex)
	ks, _ := KanoSurvey([]KanoResponse{{AnswerLike, AnswerDislike}, {AnswerNeutral, AnswerDislike}})
	roundTrip(t, ks)
	ms, _ := CheckMoSCoW([]MoSCoWItem{{ID: "a", Effort: d("3")}, {ID: "b", Category: Wont, Effort: d("1")}}, MoSCoWOptions{})
	roundTrip(t, ms)
	bf, _ := BuyAFeature(BuyAFeatureInput{Features: []Feature{{ID: "f", Price: d("10")}}, Budgets: map[string]decimal.Decimal{"ann": d("6"), "bob": d("6")},
		Allocations: []Allocation{{Player: "ann", Feature: "f", Amount: d("6")}, {Player: "bob", Feature: "f", Amount: d("5")}}})
	roundTrip(t, bf)
	layers, _ := ParetoLayers([]Point{{ID: "a", Value: d("3"), Effort: d("1")}, {ID: "b", Value: d("1"), Effort: d("2")}})
	roundTrip(t, layers)
	q, _ := Classify(d("3"), d("1"), Thresholds{Value: d("2"), Effort: d("2")})
	roundTrip(t, q)
	roundTrip(t, &CycleError{IDs: []ItemID{"a", "b"}})
}

var snake = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// TestJSONNames: every exported field of every result and input type has an explicit
// snake_case JSON name, so the JSON is stable and documented by the Go field docs.
func TestJSONNames(t *testing.T) {
	roots := []any{
		Score{}, Ranked[RICEInput]{}, Selection{}, Stability{}, Threshold{}, PERTEstimate{}, TriangularEstimate{},
		RankOdds{}, ExactRankOdds{}, KanoResult{}, MoSCoWReport{}, BuyAFeatureResult{}, Point{}, CycleError{},
		RICEInput{}, RICEOptions{}, ICEInput{}, ICEOptions{}, WSJFInput{}, WSJFOptions{}, CD3Input{}, OpportunityInput{},
		OpportunityOptions{}, Scorecard{}, WeightedInput{}, Candidate{}, SelectOptions{}, Dependent{}, OrderOptions{},
		ThreePoint{}, UncertainItem{}, SimulateOptions{}, ScenarioItem{}, ScenarioOptions{}, StabilityOptions{},
		MoSCoWItem{}, MoSCoWOptions{}, Thresholds{}, BuyAFeatureInput{}, KanoResponse{},
	}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map || ty.Kind() == reflect.Array {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || seen[ty] || ty.PkgPath() != reflect.TypeOf(Score{}).PkgPath() {
			return
		}
		seen[ty] = true
		for f := range ty.Fields() {
			if !f.IsExported() {
				continue
			}
			name := f.Tag.Get("json")
			if n, _, _ := cut(name); !snake.MatchString(n) {
				t.Errorf("%s.%s: json name %q is not snake_case", ty.Name(), f.Name, name)
			}
			walk(f.Type)
		}
	}
	for _, r := range roots {
		walk(reflect.TypeOf(r))
	}
}

func cut(tag string) (string, string, bool) {
	for i := range len(tag) {
		if tag[i] == ',' {
			return tag[:i], tag[i+1:], true
		}
	}
	return tag, "", false
}
