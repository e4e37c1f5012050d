package prioritize

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestICEVariantsDisagree: the product punishes one weak factor, the mean compensates
// (domain study §1.2, pitfall 5).
func TestICEVariantsDisagree(t *testing.T) {
	a := ICEInput{ID: "A", Impact: d("10"), Confidence: d("10"), Ease: d("1")}
	b := ICEInput{ID: "B", Impact: d("5"), Confidence: d("5"), Ease: d("5")}
	got := map[string]string{}
	for _, v := range []ICEVariant{ICEProduct, ICEMean} {
		for _, in := range []ICEInput{a, b} {
			s, err := ICE(in, ICEOptions{Variant: v})
			if err != nil {
				t.Fatal(err)
			}
			got[v.String()+" "+string(in.ID)] = s.Exact.String()
		}
	}
	want := map[string]string{"product A": "100", "product B": "125", "mean A": "7", "mean B": "5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err := ICE(ICEInput{ID: "x", Impact: d("0"), Confidence: d("11"), Ease: d("5")}, ICEOptions{Variant: 9})
	if diff := cmp.Diff([]string{"impact dgte", "confidence dlte", "variant oneof"}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

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
	if diff := cmp.Diff([]string{"user_business_value scale", "time_criticality scale", "job_size nonzero"}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrZeroEffort) {
		t.Error("job size 0 should match ErrZeroEffort")
	}
	if _, err := WSJF(WSJFInput{ID: "a", UserBusinessValue: d("21"), TimeCriticality: d("1"), RiskReduction: d("1"), JobSize: d("1")}, WSJFOptions{Scale: WSJFFibonacci21}); err != nil {
		t.Errorf("21 is on the 1–21 scale: %v", err)
	}
	_, err = WSJFBatch([]WSJFInput{items[0], items[0]}, WSJFOptions{Scale: WSJFAnyPositive, Variant: 5})
	if diff := cmp.Diff([]string{"variant oneof", "items[1].id unique"}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrDuplicateID) {
		t.Error("want ErrDuplicateID")
	}
}

// TestCD3 reproduces Black Swan Farming's ice-cream example (§1.4, P11): B has the higher
// CD3 and doing it first costs less delay.
func TestCD3(t *testing.T) {
	a := CD3Input{ID: "A", CostOfDelay: d("10"), Duration: d("2")}
	b := CD3Input{ID: "B", CostOfDelay: d("30"), Duration: d("4")}
	sa, _ := CD3(a)
	sb, _ := CD3(b)
	if diff := cmp.Diff([]string{"5", "15/2"}, []string{sa.Exact.String(), sb.Exact.String()}); diff != "" {
		t.Error(diff)
	}
	ab, _ := TotalDelayCost([]CD3Input{a, b})
	ba, _ := TotalDelayCost([]CD3Input{b, a})
	if !ab.Equal(d("200")) || !ba.Equal(d("180")) {
		t.Errorf("delay cost A→B %s, B→A %s", ab, ba)
	}
	_, err := TotalDelayCost([]CD3Input{a, {ID: "C", CostOfDelay: d("-1"), Duration: d("0")}})
	if diff := cmp.Diff([]string{"items[1].cost_of_delay dgte", "items[1].duration nonzero"}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrZeroEffort) {
		t.Error("want ErrZeroEffort")
	}
}

// TestKanoTable checks every cell of the evaluation table (§1.5): A 3, O 1, M 3, I 9, R 7,
// Q 2, with Like/Like Questionable.
func TestKanoTable(t *testing.T) {
	want := []string{
		"QAAAO",
		"RIIIM",
		"RIIIM",
		"RIIIM",
		"RRRRQ",
	}
	var got []string
	for f := AnswerLike; f <= AnswerDislike; f++ {
		row := ""
		for dy := AnswerLike; dy <= AnswerDislike; dy++ {
			c, err := Kano(f, dy)
			if err != nil {
				t.Fatal(err)
			}
			row += c.Letter()
		}
		got = append(got, row)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err := Kano(0, 6)
	if diff := cmp.Diff([]string{"functional oneof", "dysfunctional oneof"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
}

func TestKanoAggregate(t *testing.T) {
	cats := []KanoCategory{KanoAttractive, KanoAttractive, KanoAttractive, KanoOneDimensional, KanoOneDimensional,
		KanoOneDimensional, KanoMustBe, KanoMustBe, KanoIndifferent, KanoIndifferent, KanoReverse, KanoQuestionable}
	r, err := KanoAggregate(cats)
	if err != nil {
		t.Fatal(err)
	}
	want := KanoResult{
		Responses: 12, Counts: KanoCounts{3, 3, 2, 2, 1, 1}, Defined: true,
		Category: KanoOneDimensional, Tie: true, Tied: []KanoCategory{KanoOneDimensional, KanoAttractive},
		CategoryStrength: newRatio(intF(0)), TotalStrength: newRatio(fr(t, "2/3")),
		Better: newRatio(fr(t, "3/5")), Worse: newRatio(fr(t, "-1/2")),
	}
	if diff := cmp.Diff(want, r, decimalEqual); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	onlyRQ, _ := KanoAggregate([]KanoCategory{KanoReverse, KanoQuestionable, KanoReverse})
	if onlyRQ.Better.Defined || onlyRQ.Worse.Defined || onlyRQ.Category != KanoReverse || onlyRQ.Tie {
		t.Errorf("all R/Q: %+v", onlyRQ)
	}
	none, _ := KanoAggregate(nil)
	if none.Defined {
		t.Error("no responses must be undefined")
	}
	if _, err := KanoAggregate([]KanoCategory{9}); err == nil {
		t.Error("want error for category 9")
	}
	s, err := KanoSurvey([]KanoResponse{{AnswerLike, AnswerDislike}, {AnswerNeutral, AnswerDislike}, {AnswerNeutral, AnswerDislike}})
	if err != nil || s.Category != KanoMustBe || s.Tie || !s.CategoryStrength.Exact.Equal(fr(t, "1/3")) {
		t.Errorf("survey %+v %v", s, err)
	}
	_, err = KanoSurvey([]KanoResponse{{AnswerLike, AnswerDislike}, {0, AnswerDislike}})
	if diff := cmp.Diff([]string{"responses[1].functional oneof"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
}

// TestMoSCoW: shares of effort, Won't excluded, 60% inclusive (§1.6, P16).
func TestMoSCoW(t *testing.T) {
	items := []MoSCoWItem{
		{ID: "a", Category: Must, Effort: d("4")}, {ID: "b", Category: Must, Effort: d("2")},
		{ID: "c", Category: Should, Effort: d("2")}, {ID: "d", Category: Could, Effort: d("2")},
		{ID: "e", Category: Wont, Effort: d("50")},
	}
	r, err := CheckMoSCoW(items, MoSCoWOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Pass || !r.MustShare.Value.Equal(d("0.6")) || !r.Capacity.Equal(d("10")) || len(r.Notes) != 0 {
		t.Errorf("%+v", r)
	}
	items[0].Effort = d("4.1")
	r, _ = CheckMoSCoW(items, MoSCoWOptions{})
	if r.Pass || len(r.Notes) != 2 {
		t.Errorf("4.1+2 of 10.1 should fail: %+v", r)
	}
	r, _ = CheckMoSCoW(items, MoSCoWOptions{Capacity: d("20"), MaxMustShare: d("0.5")})
	if !r.Pass || !r.MustShare.Exact.Equal(fr(t, "61/200")) {
		t.Errorf("%+v", r)
	}
	r, _ = CheckMoSCoW(nil, MoSCoWOptions{})
	if r.Pass || r.MustShare.Defined {
		t.Errorf("empty timeframe: %+v", r)
	}
	_, err = CheckMoSCoW([]MoSCoWItem{{ID: "a", Category: 7, Effort: d("-1")}, {ID: "a", Effort: d("1")}}, MoSCoWOptions{MaxMustShare: d("2")})
	if diff := cmp.Diff([]string{"items[0].category lte", "items[0].effort dgte", "items[1].id unique", "max_must_share range"}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

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
	if diff := cmp.Diff([]string{"items[0].values[0] range", "items[1].values len", "items[2].id required", "items[2].values[1] required", "items[1].id unique"}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	err = Scorecard{Criteria: []Criterion{{Name: "a", Weight: d("0")}, {Name: "a", Weight: d("-1")}}, Normalization: NormalizeScale}.Validate()
	if diff := cmp.Diff([]string{"criteria[1].weight dgte", "criteria[0].max gtfield", "criteria[1].name unique", "criteria[1].max gtfield", "criteria weights"}, fields(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

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
	if diff := cmp.Diff([]string{"importance dlte", "satisfaction dgte"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
	_, err = Opportunity(OpportunityInput{ID: "o", Importance: d("1"), Satisfaction: d("1")}, OpportunityOptions{Variant: 4})
	if diff := cmp.Diff([]string{"variant oneof"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
	v, err := TopTwoBox([]int{5, 4, 3, 2, 1, 5})
	if err != nil || !v.Equal(d("5")) {
		t.Errorf("top-two-box %s %v", v, err)
	}
	_, err = TopTwoBox([]int{6})
	if diff := cmp.Diff([]string{"answers[0] oneof"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
	_, err = TopTwoBox(nil)
	if diff := cmp.Diff([]string{"answers required"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
}

// TestClassify: points on a threshold go to the favourable side (§1.8, P22).
func TestClassify(t *testing.T) {
	th := Thresholds{Value: d("5"), Effort: d("5")}
	tests := []struct {
		v, e string
		want Quadrant
	}{
		{"5", "5", QuickWin}, {"9", "9", BigBet}, {"1", "1", FillIn}, {"4.9", "5.1", MoneyPit},
	}
	for _, tt := range tests {
		q, err := Classify(d(tt.v), d(tt.e), th)
		if err != nil || q != tt.want {
			t.Errorf("(%s, %s) = %v %v, want %v", tt.v, tt.e, q, err, tt.want)
		}
	}
	_, err := Classify(d("1"), d("1"), Thresholds{})
	if diff := cmp.Diff([]string{"value required", "effort required"}, fields(t, err)); diff != "" {
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
	if diff := cmp.Diff([]string{"id required", "importance[0] oneof", "satisfaction required", "variant oneof"}, fields(t, err)); diff != "" {
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

func TestKanoThreePoint(t *testing.T) {
	var got []string
	for f := 1; f <= 3; f++ {
		row := ""
		for dy := 1; dy <= 3; dy++ {
			c, err := KanoThreePoint(f, dy)
			if err != nil {
				t.Fatal(err)
			}
			row += c.Letter()
		}
		got = append(got, row)
	}
	if diff := cmp.Diff([]string{"AAO", "IIM", "IIM"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err := KanoThreePoint(0, 4)
	if diff := cmp.Diff([]string{"functional oneof", "dysfunctional oneof"}, fields(t, err)); diff != "" {
		t.Error(diff)
	}
}
