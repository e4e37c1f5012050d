package prioritize_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/prioritize"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func ExampleRICE() {
	s, err := prioritize.RICE(prioritize.RICEInput{
		ID: "search-filters", Reach: dec("500"), Impact: prioritize.ImpactMassive,
		Confidence: prioritize.Percent(80), Effort: dec("2"),
	}, prioritize.RICEOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(s.Explain())
	// Output:
	// rice/strict search-filters: 600
	//   500 × 3 × 0.8 ÷ 2 = 600
	//   reach       500  ×
	//   impact      3    ×
	//   confidence  0.8  ×
	//   effort      2    ÷
}

func ExampleRICE_zeroEffort() {
	_, err := prioritize.RICE(prioritize.RICEInput{ID: "x", Reach: dec("10"), Impact: dec("1"), Confidence: dec("1"), Effort: dec("0")}, prioritize.RICEOptions{})
	fmt.Println(errors.Is(err, prioritize.ErrZeroEffort), errors.Is(err, productops.ErrInvalid))
	fmt.Println(err)
	// Output:
	// true true
	// prioritize: zero effort: prioritize: rice input: invalid: effort: must not be zero (division by zero)
}

func ExampleRICEInput_Validate() {
	in := prioritize.RICEInput{ID: "x", Reach: dec("-5"), Impact: dec("1.5"), Confidence: dec("1.2"), Effort: dec("1")}
	fmt.Println(in.Validate())
	// Output:
	// prioritize: rice input: invalid: reach: must be at least 0; confidence: must be at most 1; impact: must be on Intercom's scale 3, 2, 1, 0.5 or 0.25
}

func ExampleRICEInput_ValidateWith() {
	in := prioritize.RICEInput{ID: "x", Reach: dec("5"), Impact: dec("1.5"), Confidence: dec("1"), Effort: dec("1")}
	fmt.Println(in.ValidateWith(prioritize.RICEOptions{Variant: prioritize.RICELenient}))
	fmt.Println(in.ValidateWith(prioritize.RICEOptions{}))
	// Output:
	// <nil>
	// prioritize: rice input: invalid: impact: must be on Intercom's scale 3, 2, 1, 0.5 or 0.25
}

func ExampleRICEFromFloat() {
	in, err := prioritize.RICEFromFloat("x", 1200, 0.5, 0.8, 1.5)
	fmt.Println(in.Reach, in.Impact, in.Confidence, in.Effort, err)
	// Confidence is a fraction: 80 is an error, never 80%.
	_, err = prioritize.RICEFromFloat("x", 1200, 0.5, 80, 1.5)
	fmt.Println(err)
	// Output:
	// 1200 0.5 0.8 1.5 <nil>
	// prioritize: rice input: invalid: confidence: must be a fraction from 0 to 1 (0.8 for 80%; Percent converts a percentage)
}

func ExamplePercent() {
	fmt.Println(prioritize.Percent(80), prioritize.Percent(100), prioritize.Percent(5), prioritize.Percent(87.5), prioritize.Percent(0.1))
	// Output:
	// 0.8 1 0.05 0.875 0.001
}

func ExampleICE() {
	in := prioritize.ICEInput{ID: "onboarding-email", Impact: dec("10"), Confidence: dec("10"), Ease: dec("1")}
	p, _ := prioritize.ICE(in, prioritize.ICEOptions{})
	m, _ := prioritize.ICE(in, prioritize.ICEOptions{Variant: prioritize.ICEMean})
	fmt.Println(p.Variant, p.Formula)
	fmt.Println(m.Variant, m.Formula)
	// Output:
	// product 10 × 10 × 1 = 100
	// mean (10 + 10 + 1) ÷ 3 = 7
}

func ExampleICEInput_Validate() {
	fmt.Println(prioritize.ICEInput{ID: "x", Impact: dec("0"), Confidence: dec("11"), Ease: dec("5")}.Validate())
	// Output:
	// prioritize: ice input: invalid: impact: must be at least 1; confidence: must be at most 10
}

func ExampleWSJF() {
	s, _ := prioritize.WSJF(prioritize.WSJFInput{ID: "sso", UserBusinessValue: dec("8"), TimeCriticality: dec("5"),
		RiskReduction: dec("3"), JobSize: dec("5")}, prioritize.WSJFOptions{})
	fmt.Println(s.Formula)
	// Output:
	// (8 + 5 + 3) ÷ 5 = 3.2
}

func ExampleWSJFInput_Validate() {
	fmt.Println(prioritize.WSJFInput{ID: "x", UserBusinessValue: dec("4"), TimeCriticality: dec("1"), RiskReduction: dec("1"), JobSize: dec("0")}.Validate())
	// Output:
	// prioritize: zero effort: prioritize: wsjf input: invalid: user_business_value: must be on the modified Fibonacci scale 1, 2, 3, 5, 8, 13, 20; job_size: must not be zero (division by zero)
}

func ExampleWSJFBatch() {
	items := []prioritize.WSJFInput{
		{ID: "X", UserBusinessValue: dec("1"), TimeCriticality: dec("20"), RiskReduction: dec("1"), JobSize: dec("1")},
		{ID: "Y", UserBusinessValue: dec("13"), TimeCriticality: dec("5"), RiskReduction: dec("1"), JobSize: dec("1")},
	}
	for _, v := range []prioritize.WSJFVariant{prioritize.WSJFRelative, prioritize.WSJFNormalizeColumns} {
		s, _ := prioritize.WSJFBatch(items, prioritize.WSJFOptions{Variant: v})
		fmt.Println(v, s[0].Formula, "|", s[1].Formula)
	}
	// Output:
	// relative (1 + 20 + 1) ÷ 1 = 22 | (13 + 5 + 1) ÷ 1 = 19
	// normalize_columns (1 + 4 + 1) ÷ 1 = 6 | (13 + 1 + 1) ÷ 1 = 15
}

func ExampleCD3() {
	s, _ := prioritize.CD3(prioritize.CD3Input{ID: "B", CostOfDelay: dec("30"), Duration: dec("4")})
	fmt.Println(s.Formula)
	// Output:
	// 30 ÷ 4 = 7.5
}

func ExampleCD3Input_Validate() {
	fmt.Println(prioritize.CD3Input{ID: "B", CostOfDelay: dec("-30"), Duration: dec("0")}.Validate())
	// Output:
	// prioritize: zero effort: prioritize: cd3 input: invalid: cost_of_delay: must be at least 0; duration: must not be zero (division by zero)
}

func ExampleTotalDelayCost() {
	a := prioritize.CD3Input{ID: "A", CostOfDelay: dec("10"), Duration: dec("2")}
	b := prioritize.CD3Input{ID: "B", CostOfDelay: dec("30"), Duration: dec("4")}
	ab, _ := prioritize.TotalDelayCost([]prioritize.CD3Input{a, b})
	ba, _ := prioritize.TotalDelayCost([]prioritize.CD3Input{b, a})
	fmt.Println("A then B:", ab, "B then A:", ba)
	// Output:
	// A then B: 200 B then A: 180
}

func ExampleKano() {
	c, _ := prioritize.Kano(prioritize.AnswerLike, prioritize.AnswerDislike)
	q, _ := prioritize.Kano(prioritize.AnswerLike, prioritize.AnswerLike)
	m, _ := prioritize.Kano(prioritize.AnswerNeutral, prioritize.AnswerDislike)
	fmt.Println(c, c.Letter(), q, m)
	// Output:
	// one_dimensional O questionable must_be
}

func ExampleKanoThreePoint() {
	a, _ := prioritize.KanoThreePoint(1, 1)
	o, _ := prioritize.KanoThreePoint(1, 3)
	m, _ := prioritize.KanoThreePoint(2, 3)
	fmt.Println(a, o, m)
	// Output:
	// attractive one_dimensional must_be
}

func ExampleKanoAggregate() {
	r, _ := prioritize.KanoAggregate([]prioritize.KanoCategory{
		prioritize.KanoAttractive, prioritize.KanoAttractive, prioritize.KanoOneDimensional,
		prioritize.KanoOneDimensional, prioritize.KanoMustBe, prioritize.KanoIndifferent,
	})
	fmt.Println(r.Category, r.Tie, r.Tied, r.Better.Exact, r.Worse.Exact)
	// Output:
	// one_dimensional true [one_dimensional attractive] 2/3 -1/2
}

func ExampleKanoSurvey() {
	r, _ := prioritize.KanoSurvey([]prioritize.KanoResponse{
		{Functional: prioritize.AnswerLike, Dysfunctional: prioritize.AnswerDislike},
		{Functional: prioritize.AnswerNeutral, Dysfunctional: prioritize.AnswerDislike},
		{Functional: prioritize.AnswerMustBe, Dysfunctional: prioritize.AnswerDislike},
		{Functional: prioritize.AnswerDislike, Dysfunctional: prioritize.AnswerLike},
	})
	fmt.Println(r.Category, r.Counts.MustBe, r.Better.Value, r.Worse.Value)
	none, _ := prioritize.KanoSurvey([]prioritize.KanoResponse{{Functional: prioritize.AnswerDislike, Dysfunctional: prioritize.AnswerLike}})
	fmt.Println(none.Category, none.Better.Defined)
	// Output:
	// must_be 2 0.333333 -1
	// reverse false
}

func ExampleCheckMoSCoW() {
	r, _ := prioritize.CheckMoSCoW([]prioritize.MoSCoWItem{
		{ID: "login", Category: prioritize.Must, Effort: dec("5")},
		{ID: "billing", Category: prioritize.Must, Effort: dec("2")},
		{ID: "export", Category: prioritize.Should, Effort: dec("2")},
		{ID: "themes", Category: prioritize.Could, Effort: dec("1")},
		{ID: "ai", Category: prioritize.Wont, Effort: dec("20")},
	}, prioritize.MoSCoWOptions{})
	fmt.Println(r.MustShare.Value, r.Pass, r.Notes)
	// Output:
	// 0.7 false [must effort 70% of capacity exceeds 60% could effort below DSDM's advised ~20% contingency]
}

func ExampleScorecard_Score() {
	card := prioritize.Scorecard{
		Criteria: []prioritize.Criterion{
			{Name: "value", Weight: dec("2"), Min: dec("1"), Max: dec("10")},
			{Name: "effort", Weight: dec("1"), Direction: prioritize.Cost, Min: dec("1"), Max: dec("10")},
		},
		Normalization: prioritize.NormalizeScale,
	}
	s, _ := card.Score([]prioritize.WeightedInput{{ID: "A", Values: []decimal.Decimal{dec("8"), dec("2")}}})
	fmt.Print(s[0].Explain())
	// Output:
	// weighted/scale A: 0.814815
	//   (2 × 7/9 + 1 × 8/9) ÷ 3 = 22/27 ≈ 0.814815
	//   value   8  0.777778  weight 2  + 1.555556
	//   effort  2  0.888889  weight 1  + 0.888889
}

func ExampleScorecard_Validate() {
	fmt.Println(prioritize.Scorecard{Criteria: []prioritize.Criterion{{Name: "v", Weight: dec("0")}}}.Validate())
	// Output:
	// prioritize: scorecard: invalid: criteria: weights must not all be zero
}

func ExampleOpportunity() {
	for _, v := range []prioritize.OpportunityVariant{prioritize.OpportunityFloor, prioritize.OpportunityNoFloor} {
		s, _ := prioritize.Opportunity(prioritize.OpportunityInput{ID: "o", Importance: dec("5"), Satisfaction: dec("7")},
			prioritize.OpportunityOptions{Variant: v})
		fmt.Println(v, s.Formula)
	}
	// Output:
	// floor 5 + max(5 − 7, 0) = 5
	// no_floor 5 + (5 − 7) = 3
}

func ExampleOpportunityFromAnswers() {
	s, _ := prioritize.OpportunityFromAnswers("export-to-excel", []int{5, 4, 1}, []int{5, 1, 1}, prioritize.OpportunityOptions{})
	fmt.Println(s.Formula)
	// Output:
	// 20/3 + max(20/3 − 10/3, 0) = 10
}

func ExampleOpportunityInput_Validate() {
	fmt.Println(prioritize.OpportunityInput{ID: "o", Importance: dec("12"), Satisfaction: dec("3")}.Validate())
	// Output:
	// prioritize: opportunity input: invalid: importance: must be at most 10
}

func ExampleTopTwoBox() {
	v, _ := prioritize.TopTwoBox([]int{5, 4, 4, 3, 2, 1})
	fmt.Println(v)
	// Output:
	// 5
}

func ExampleClassify() {
	t := prioritize.Thresholds{Value: dec("5"), Effort: dec("5")}
	for _, p := range [][2]string{{"5", "5"}, {"9", "8"}, {"2", "1"}, {"2", "8"}} {
		q, _ := prioritize.Classify(dec(p[0]), dec(p[1]), t)
		fmt.Println(p, q)
	}
	// Output:
	// [5 5] quick_win
	// [9 8] big_bet
	// [2 1] fill_in
	// [2 8] money_pit
}

// item is a caller's own backlog type.
type item struct {
	Key                         string
	Reach, Impact, Conf, Months string
}

func (it item) rice() prioritize.RICEInput {
	return prioritize.RICEInput{ID: prioritize.ItemID(it.Key), Reach: dec(it.Reach), Impact: dec(it.Impact),
		Confidence: dec(it.Conf), Effort: dec(it.Months)}
}

func ExampleRank() {
	backlog := []item{
		{"C", "70", "3", "0.8", "0.7"},
		{"A", "110", "3", "0.8", "1.1"},
		{"B", "130", "3", "0.8", "1.3"},
		{"D", "1000", "1", "1", "3"},
	}
	rk, _ := prioritize.Rank(backlog, prioritize.ByRICE(item.rice, prioritize.RICEOptions{}))
	for r := range rk.All() {
		fmt.Println(r.Position, r.Rank, r.ID, r.Score)
	}
	// Output:
	// 1 1 D 1000/3
	// 2 2 A 240
	// 3 2 B 240
	// 4 2 C 240
}

func ExampleByRICE() {
	rk, err := prioritize.Rank([]item{{"A", "1", "1", "1", "0"}}, prioritize.ByRICE(item.rice, prioritize.RICEOptions{}))
	fmt.Println(rk == nil, errors.Is(err, prioritize.ErrZeroEffort))
	// Output:
	// true true
}

func ExampleByICE() {
	ideas := []prioritize.ICEInput{
		{ID: "A", Impact: dec("10"), Confidence: dec("10"), Ease: dec("1")},
		{ID: "B", Impact: dec("5"), Confidence: dec("5"), Ease: dec("5")},
	}
	same := func(in prioritize.ICEInput) prioritize.ICEInput { return in }
	p, _ := prioritize.Rank(ideas, prioritize.ByICE(same, prioritize.ICEOptions{}))
	m, _ := prioritize.Rank(ideas, prioritize.ByICE(same, prioritize.ICEOptions{Variant: prioritize.ICEMean}))
	fmt.Println(p.IDs(), m.IDs())
	// Output:
	// [B A] [A B]
}

func ExampleByCD3() {
	jobs := []prioritize.CD3Input{
		{ID: "A", CostOfDelay: dec("10"), Duration: dec("2")},
		{ID: "B", CostOfDelay: dec("30"), Duration: dec("4")},
	}
	rk, _ := prioritize.Rank(jobs, prioritize.ByCD3(func(in prioritize.CD3Input) prioritize.CD3Input { return in }))
	fmt.Println(rk.IDs())
	// Output:
	// [B A]
}

func ExampleByScore() {
	outcomes := []prioritize.OpportunityInput{
		{ID: "find-files-fast", Importance: dec("8"), Satisfaction: dec("3")},
		{ID: "share-links", Importance: dec("6"), Satisfaction: dec("7")},
	}
	rk, _ := prioritize.Rank(outcomes, prioritize.ByScore(func(in prioritize.OpportunityInput) (prioritize.Score, error) {
		return prioritize.Opportunity(in, prioritize.OpportunityOptions{})
	}))
	for r := range rk.All() {
		fmt.Println(r.Position, r.ID, r.Score)
	}
	// Output:
	// 1 find-files-fast 13
	// 2 share-links 6
}

func ExampleRankScores() {
	card := prioritize.Scorecard{Criteria: []prioritize.Criterion{
		{Name: "value", Weight: dec("1")}, {Name: "risk", Weight: dec("1"), Direction: prioritize.Cost},
	}}
	scores, _ := card.Score([]prioritize.WeightedInput{
		{ID: "x", Values: []decimal.Decimal{dec("3"), dec("5")}},
		{ID: "y", Values: []decimal.Decimal{dec("2"), dec("1")}},
	})
	rk, _ := prioritize.RankScores(scores)
	fmt.Println(rk.IDs(), rk.At(1).Score)
	// Output:
	// [y x] -1
}

func ExampleRanking_At() {
	rk, _ := prioritize.Rank([]item{{"A", "10", "1", "1", "1"}, {"B", "20", "1", "1", "1"}}, prioritize.ByRICE(item.rice, prioritize.RICEOptions{}))
	top := rk.At(0)
	fmt.Println(rk.Len(), top.ID, top.Item.Reach, top.Score)
	fmt.Print(top.Score.Explain())
	// Output:
	// 2 B 20 20
	// rice/strict B: 20
	//   20 × 1 × 1 ÷ 1 = 20
	//   reach       20  ×
	//   impact      1   ×
	//   confidence  1   ×
	//   effort      1   ÷
}

func ExamplePareto() {
	f, _ := prioritize.Pareto([]prioritize.Point{
		{ID: "A", Value: dec("10"), Effort: dec("5")},
		{ID: "B", Value: dec("8"), Effort: dec("5")},
		{ID: "D", Value: dec("12"), Effort: dec("8")},
		{ID: "E", Value: dec("3"), Effort: dec("1")},
	})
	for _, p := range f {
		fmt.Println(p.ID, p.Value, p.Effort)
	}
	// Output:
	// E 3 1
	// A 10 5
	// D 12 8
}

func ExampleParetoLayers() {
	layers, _ := prioritize.ParetoLayers([]prioritize.Point{
		{ID: "A", Value: dec("10"), Effort: dec("5")},
		{ID: "B", Value: dec("8"), Effort: dec("5")},
		{ID: "C", Value: dec("1"), Effort: dec("9")},
	})
	for i, l := range layers {
		fmt.Print(i, ":")
		for _, p := range l {
			fmt.Print(" ", p.ID)
		}
		fmt.Println()
	}
	// Output:
	// 0: A
	// 1: B
	// 2: C
}

func ExampleSelect() {
	s, _ := prioritize.Select([]prioritize.Candidate{
		{ID: "A", Value: dec("11"), Effort: dec("6")},
		{ID: "B", Value: dec("8"), Effort: dec("5")},
		{ID: "C", Value: dec("9"), Effort: dec("5")},
		{ID: "D", Value: dec("4"), Effort: dec("4")},
		{ID: "E", Value: dec("7"), Effort: dec("1"), Requires: []prioritize.ItemID{"F"}},
		{ID: "F", Value: dec("0"), Effort: dec("9")},
	}, prioritize.SelectOptions{Capacity: map[string]decimal.Decimal{"": dec("10")}})
	fmt.Println(s.Method, s.Exact, s.Selected, s.Value)
	fmt.Println("greedy", s.Greedy, s.GreedyValue, "gap", s.Gap)
	// Output:
	// branch-and-bound true [B C] 17
	// greedy [A D] 15 gap 2
}

func ExampleSelectRanking() {
	// Rank by RICE, then fill a quarter of 4 person-months with the best total score:
	// the values are the exact scores (1000/3 is not rounded before the search).
	backlog := []prioritize.RICEInput{
		{ID: "A", Reach: dec("1000"), Impact: dec("1"), Confidence: dec("1"), Effort: dec("3")},
		{ID: "B", Reach: dec("300"), Impact: dec("1"), Confidence: dec("1"), Effort: dec("1")},
		{ID: "C", Reach: dec("400"), Impact: dec("1"), Confidence: dec("1"), Effort: dec("2")},
	}
	rk, _ := prioritize.Rank(backlog, prioritize.ByRICE(func(in prioritize.RICEInput) prioritize.RICEInput { return in }, prioritize.RICEOptions{}))
	need := func(in prioritize.RICEInput) prioritize.Candidate { return prioritize.Candidate{Effort: in.Effort} }
	s, _ := prioritize.SelectRanking(rk, need, prioritize.SelectOptions{Capacity: map[string]decimal.Decimal{"": dec("4")}})
	fmt.Println(s.Selected, s.Value, s.Rounded, s.Exact)
	// Output:
	// [A B] 633.333333 true true
}

func ExampleSelectRankingContext() {
	rk, _ := prioritize.RankScores(nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := prioritize.SelectRankingContext(ctx, rk, func(prioritize.Score) prioritize.Candidate { return prioritize.Candidate{} }, prioritize.SelectOptions{})
	fmt.Println(err)
	// Output:
	// context canceled
}

func ExampleSelectContext() {
	// A deadline bounds the exact search in time; a cancelled context stops it at once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := prioritize.SelectContext(ctx, []prioritize.Candidate{
		{ID: "A", Value: dec("11"), Effort: dec("6")},
		{ID: "B", Value: dec("8"), Effort: dec("5")},
	}, prioritize.SelectOptions{Capacity: map[string]decimal.Decimal{"": dec("10")}})
	fmt.Println(errors.Is(err, context.Canceled))
	// Output:
	// true
}

func ExampleOrder() {
	ranked := []prioritize.Dependent{{ID: "reports", Requires: []prioritize.ItemID{"data-export"}}, {ID: "sso"}, {ID: "data-export"}}
	greedy, _ := prioritize.Order(ranked, prioritize.OrderOptions{})
	inherit, _ := prioritize.Order(ranked, prioritize.OrderOptions{Variant: prioritize.OrderInherit})
	fmt.Println(greedy)
	fmt.Println(inherit)
	_, err := prioritize.Order([]prioritize.Dependent{{ID: "a", Requires: []prioritize.ItemID{"b"}}, {ID: "b", Requires: []prioritize.ItemID{"a"}}}, prioritize.OrderOptions{})
	var cycle *prioritize.CycleError
	fmt.Println(errors.As(err, &cycle), cycle.IDs, err)
	// Output:
	// [sso data-export reports]
	// [data-export reports sso]
	// true [a b] prioritize: dependency cycle among a, b
}

func ExampleDependent() {
	// Scores give the priority: billing (9) needs ledger (2). Inheriting the score pulls
	// ledger forward to 9; among equal scores the ID decides.
	f := func(s string) *prioritize.Fraction { x, _ := prioritize.FractionOf(dec(s)); return &x }
	items := []prioritize.Dependent{
		{ID: "search", Score: f("9")},
		{ID: "billing", Score: f("9"), Requires: []prioritize.ItemID{"ledger"}},
		{ID: "ledger", Score: f("2")},
		{ID: "themes", Score: f("5")},
	}
	for _, v := range []prioritize.OrderVariant{prioritize.OrderGreedy, prioritize.OrderInherit, prioritize.OrderInheritPosition} {
		ids, _ := prioritize.Order(items, prioritize.OrderOptions{Variant: v})
		fmt.Println(v, ids)
	}
	// Output:
	// greedy [search themes ledger billing]
	// inherit [ledger billing search themes]
	// inherit_position [ledger billing search themes]
}

func ExampleRICESwap() {
	a := prioritize.RICEInput{ID: "A", Reach: dec("1000"), Impact: dec("1"), Confidence: dec("0.8"), Effort: dec("2")}
	b := prioritize.RICEInput{ID: "B", Reach: dec("500"), Impact: dec("2"), Confidence: dec("0.5"), Effort: dec("2")}
	th, _ := prioritize.RICESwap(a, b, prioritize.RICEOptions{})
	for _, t := range th {
		fmt.Println(t.Item, t.Factor, t.Current, "->", t.Value, t.Feasible)
	}
	// Output:
	// A reach 1000 -> 625 true
	// A impact 1 -> 0.625 true
	// A confidence 0.8 -> 0.5 true
	// A effort 2 -> 3.2 true
	// B reach 500 -> 800 true
	// B impact 2 -> 3.2 false
	// B confidence 0.5 -> 0.8 true
	// B effort 2 -> 1.25 true
}

func ExampleWeightSwap() {
	card := prioritize.Scorecard{Criteria: []prioritize.Criterion{{Name: "growth", Weight: dec("1")}, {Name: "retention", Weight: dec("1")}}}
	items := []prioritize.WeightedInput{
		{ID: "A", Values: []decimal.Decimal{dec("10"), dec("0")}},
		{ID: "B", Values: []decimal.Decimal{dec("0"), dec("8")}},
	}
	th, _ := prioritize.WeightSwap(card, items, "A", "B")
	for _, t := range th {
		fmt.Println(t.Factor, t.Current, "->", t.Value)
	}
	// Output:
	// growth 1 -> 0.8
	// retention 1 -> 1.25
}

func ExampleRICEStability() {
	items := []prioritize.RICEInput{
		{ID: "A", Reach: dec("1000"), Impact: dec("1"), Confidence: dec("0.8"), Effort: dec("2")},
		{ID: "B", Reach: dec("500"), Impact: dec("2"), Confidence: dec("0.5"), Effort: dec("2")},
	}
	for _, p := range []string{"0.01", "0.1"} {
		s, _ := prioritize.RICEStability(items, prioritize.RICEOptions{}, prioritize.StabilityOptions{Perturbation: dec(p)})
		fmt.Println(p, s.Pairs[0].Higher, s.Pairs[0].Lower, s.Pairs[0].Stable,
			s.Intervals[0].Low.Decimal(2), s.Intervals[1].High.Decimal(2))
	}
	// Output:
	// 0.01 A B true 384.28 260.18
	// 0.1 A B false 265.09 369.72
}

func ExampleStabilityOptions() {
	// Impact and confidence are agreed; only reach and effort are uncertain, by ±10%.
	items := []prioritize.RICEInput{
		{ID: "A", Reach: dec("1000"), Impact: dec("1"), Confidence: dec("0.8"), Effort: dec("2")},
		{ID: "B", Reach: dec("500"), Impact: dec("2"), Confidence: dec("0.5"), Effort: dec("2")},
	}
	s, _ := prioritize.RICEStability(items, prioritize.RICEOptions{}, prioritize.StabilityOptions{
		Perturbation: dec("0.1"), Factors: []prioritize.RICEFactor{prioritize.RICEReach, prioritize.RICEEffort},
	})
	fmt.Println(s.Factors, s.Pairs[0].Stable, s.Intervals[0].Low.Decimal(2), s.Intervals[1].High.Decimal(2))
	// Output:
	// [reach effort] true 327.27 305.56
}

func ExampleTriangular() {
	tp := prioritize.ThreePoint{Optimistic: dec("2"), MostLikely: dec("4"), Pessimistic: dec("12")}
	tri, _ := prioritize.Triangular(tp)
	pert, _ := prioritize.PERT(tp)
	fmt.Printf("triangular mean %s sd %.4f; PERT mean %s sd %s\n", tri.Mean, tri.StdDev, pert.Mean, pert.StdDevValue)
	// Output:
	// triangular mean 6 sd 2.1602; PERT mean 5 sd 1.666667
}

func ExamplePERT() {
	e, _ := prioritize.PERT(prioritize.ThreePoint{Optimistic: dec("1"), MostLikely: dec("2"), Pessimistic: dec("9")})
	fmt.Println(e.Mean, e.StdDev, e.StdDevValue)
	// Output:
	// 3 4/3 1.333333
}

func ExampleThreePoint_Validate() {
	fmt.Println(prioritize.ThreePoint{Optimistic: dec("3"), MostLikely: dec("2"), Pessimistic: dec("2")}.Validate())
	// Output:
	// prioritize: three-point estimate: invalid: most_likely: must be at least optimistic
}

func ExampleSimulateRanks() {
	tp := func(o, m, p string) prioritize.ThreePoint {
		return prioritize.ThreePoint{Optimistic: dec(o), MostLikely: dec(m), Pessimistic: dec(p)}
	}
	odds, _ := prioritize.SimulateRanks([]prioritize.UncertainItem{
		{ID: "steady", Value: dec("300"), Effort: tp("2", "2", "2")},
		{ID: "risky", Value: dec("400"), Effort: tp("1", "2", "8")},
		{ID: "small", Value: dec("100"), Effort: tp("1", "1", "2")},
	}, prioritize.SimulateOptions{K: 1, Runs: 20000, Seed: 1})
	for _, o := range odds {
		fmt.Printf("%s P(rank<=1)=%.2f ±%.3f\n", o.ID, o.P, o.StdErr)
	}
	// Output:
	// steady P(rank<=1)=0.49 ±0.004
	// risky P(rank<=1)=0.51 ±0.004
	// small P(rank<=1)=0.00 ±0.000
}

func ExampleSimulateRanksContext() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tp := prioritize.ThreePoint{Optimistic: dec("1"), MostLikely: dec("2"), Pessimistic: dec("8")}
	items := []prioritize.UncertainItem{{ID: "a", Value: dec("3"), Effort: tp}, {ID: "b", Value: dec("2"), Effort: tp}}
	odds, err := prioritize.SimulateRanksContext(ctx, items, prioritize.SimulateOptions{K: 1, Runs: 1000, Seed: 3})
	fmt.Println(odds[0].ID, odds[0].Runs, err)
	// The work cap, items × runs, is checked before anything is sampled.
	_, err = prioritize.SimulateRanksContext(ctx, items, prioritize.SimulateOptions{K: 1, Runs: 1000, MaxDraws: 1999})
	fmt.Println(err)
	// Output:
	// a 1000 <nil>
	// prioritize: simulate ranks: invalid: runs: items × runs must be at most max_draws 1999: lower runs or raise MaxDraws
}

func ExampleScenarioRanksContext() {
	half, _ := prioritize.NewFraction(dec("1"), dec("2"))
	one, _ := prioritize.FractionOf(dec("1"))
	items := []prioritize.ScenarioItem{
		{ID: "A", Value: dec("10"), Scenarios: []prioritize.Scenario{{Effort: dec("1"), Probability: half}, {Effort: dec("4"), Probability: half}}},
		{ID: "B", Value: dec("6"), Scenarios: []prioritize.Scenario{{Effort: dec("2"), Probability: one}}},
	}
	ctx, cancel := context.WithCancel(context.Background())
	odds, err := prioritize.ScenarioRanksContext(ctx, items, prioritize.ScenarioOptions{K: 1})
	fmt.Println(odds[0].P, odds[1].P, err)
	cancel()
	_, err = prioritize.ScenarioRanksContext(ctx, items, prioritize.ScenarioOptions{K: 1})
	fmt.Println(err)
	// Output:
	// 1/2 1/2 <nil>
	// context canceled
}

func ExampleBuyAFeature() {
	r, _ := prioritize.BuyAFeature(prioritize.BuyAFeatureInput{
		Features: []prioritize.Feature{{ID: "sso", Price: dec("100")}, {ID: "themes", Price: dec("60")}},
		Budgets:  map[string]decimal.Decimal{"alice": dec("60"), "bob": dec("60")},
		Allocations: []prioritize.Allocation{
			{Player: "alice", Feature: "sso", Amount: dec("50")}, {Player: "bob", Feature: "sso", Amount: dec("50")},
			{Player: "alice", Feature: "themes", Amount: dec("10")},
		},
	})
	fmt.Println(r.Bought, r.Funding["themes"], r.Returned["alice"], r.Unallocated["bob"])
	// Output:
	// [sso] 10 10 10
}

func ExamplePERTScenarios() {
	ss, _ := prioritize.PERTScenarios(prioritize.ThreePoint{Optimistic: dec("2"), MostLikely: dec("4"), Pessimistic: dec("12")})
	for _, s := range ss {
		fmt.Println(s.Effort, s.Probability)
	}
	// Output:
	// 2 1/6
	// 4 2/3
	// 12 1/6
}

func ExampleExpectedScore() {
	ss, _ := prioritize.PERTScenarios(prioritize.ThreePoint{Optimistic: dec("2"), MostLikely: dec("4"), Pessimistic: dec("12")})
	e, _ := prioritize.ExpectedScore(dec("1000"), ss)
	pert, _ := prioritize.PERT(prioritize.ThreePoint{Optimistic: dec("2"), MostLikely: dec("4"), Pessimistic: dec("12")})
	fmt.Println("1000 ÷ mean effort", pert.MeanValue, "=", dec("1000").DivRound(pert.MeanValue, 6))
	fmt.Println("expected score", e, "≈", e.Decimal(6))
	// Output:
	// 1000 ÷ mean effort 5 = 200
	// expected score 2375/9 ≈ 263.888889
}

func ExampleScenarioRanks() {
	half, _ := prioritize.NewFraction(dec("1"), dec("2"))
	one, _ := prioritize.FractionOf(dec("1"))
	odds, _ := prioritize.ScenarioRanks([]prioritize.ScenarioItem{
		{ID: "A", Value: dec("10"), Scenarios: []prioritize.Scenario{{Effort: dec("1"), Probability: half}, {Effort: dec("4"), Probability: half}}},
		{ID: "B", Value: dec("6"), Scenarios: []prioritize.Scenario{{Effort: dec("2"), Probability: one}}},
	}, prioritize.ScenarioOptions{K: 1})
	for _, o := range odds {
		fmt.Println(o.ID, o.P)
	}
	// Output:
	// A 1/2
	// B 1/2
}

func ExampleNewFraction() {
	f, _ := prioritize.NewFraction(dec("100"), dec("0.3"))
	g, _ := prioritize.FractionOf(dec("333.3333333"))
	fmt.Println(f, f.Decimal(2), f.Cmp(g), f.Num(), f.Den(), f.Sign())
	_, err := prioritize.NewFraction(dec("1"), dec("0"))
	fmt.Println(err)
	// Output:
	// 1000/3 333.33 1 1000 3 1
	// prioritize: fraction: invalid: den: must not be zero (division by zero)
}

func ExampleFraction_Add() {
	third, _ := prioritize.NewFraction(dec("1"), dec("3"))
	sixth, _ := prioritize.NewFraction(dec("1"), dec("6"))
	fmt.Println(third.Add(sixth), third.Sub(sixth), third.Mul(sixth), third.Neg())
	q, _ := third.Div(sixth)
	s, _ := third.Scale(dec("1.5"))
	_, err := third.Div(prioritize.Fraction{})
	fmt.Println(q, s, err)
	// Output:
	// 1/2 1/6 1/18 -1/3
	// 2 1/2 prioritize: fraction: invalid: divisor: must not be zero (division by zero)
}

func ExampleOpportunityBandOf() {
	for _, imp := range []string{"4", "5", "6.5", "8"} {
		s, _ := prioritize.Opportunity(prioritize.OpportunityInput{ID: "o", Importance: dec(imp), Satisfaction: dec("0")}, prioritize.OpportunityOptions{})
		fmt.Println(s.Exact, s.Band, prioritize.OpportunityBandOf(s.Exact) == s.Band)
	}
	// Output:
	// 8 unattractive true
	// 10 worth_considering true
	// 13 high true
	// 16 extreme true
}

func ExampleScore_String() {
	s, _ := prioritize.RICE(prioritize.RICEInput{ID: "sso", Reach: dec("800"), Impact: prioritize.ImpactHigh, Confidence: prioritize.Percent(40), Effort: dec("3")}, prioritize.RICEOptions{})
	fmt.Println(s, s.Value, s.Caveats)
	// Output:
	// 640/3 213.333333 [moonshot]
}

func ExampleFractionOf() {
	f, _ := prioritize.FractionOf(dec("2.50"))
	g, _ := prioritize.FractionOf(dec("2.5"))
	fmt.Println(f, f.Equal(g))
	// A decimal beyond the bounds is an error, not a billion-digit denominator.
	_, err := prioritize.FractionOf(decimal.New(1, -(1 << 30)))
	fmt.Println(err)
	// Output:
	// 5/2 true
	// prioritize: fraction: invalid: value: must have at most 40 digits and an exponent within ±40
}

func ExampleFraction_UnmarshalText() {
	var f prioritize.Fraction
	err := f.UnmarshalText([]byte("400/6"))
	b, _ := f.MarshalText()
	fmt.Println(string(b), err)
	fmt.Println(f.UnmarshalText([]byte("1/0")))
	// Output:
	// 200/3 <nil>
	// prioritize: fraction: invalid: fraction "1/0" has a zero denominator
}

func ExampleDirection_UnmarshalText() {
	b, _ := prioritize.Cost.MarshalText()
	var v prioritize.Direction
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.Cost.String(), string(b), v == prioritize.Cost, err)
	// Output:
	// cost cost true <nil>
}

func ExampleDistribution_UnmarshalText() {
	b, _ := prioritize.DistributionTriangular.MarshalText()
	var v prioritize.Distribution
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.DistributionTriangular.String(), string(b), v == prioritize.DistributionTriangular, err)
	// Output:
	// triangular triangular true <nil>
}

func ExampleICEVariant_UnmarshalText() {
	b, _ := prioritize.ICEMean.MarshalText()
	var v prioritize.ICEVariant
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.ICEMean.String(), string(b), v == prioritize.ICEMean, err)
	// Output:
	// mean mean true <nil>
}

func ExampleKanoAnswer_UnmarshalText() {
	b, _ := prioritize.AnswerLiveWith.MarshalText()
	var v prioritize.KanoAnswer
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.AnswerLiveWith.String(), string(b), v == prioritize.AnswerLiveWith, err)
	// Output:
	// live_with live_with true <nil>
}

func ExampleKanoCategory_UnmarshalText() {
	b, _ := prioritize.KanoOneDimensional.MarshalText()
	var v prioritize.KanoCategory
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.KanoOneDimensional.String(), string(b), v == prioritize.KanoOneDimensional, err)
	// Output:
	// one_dimensional one_dimensional true <nil>
}

func ExampleMoSCoW_UnmarshalText() {
	b, _ := prioritize.Wont.MarshalText()
	var v prioritize.MoSCoW
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.Wont.String(), string(b), v == prioritize.Wont, err)
	// Output:
	// wont wont true <nil>
}

func ExampleNormalization_UnmarshalText() {
	b, _ := prioritize.NormalizeRank.MarshalText()
	var v prioritize.Normalization
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.NormalizeRank.String(), string(b), v == prioritize.NormalizeRank, err)
	// Output:
	// rank rank true <nil>
}

func ExampleOp_UnmarshalText() {
	b, _ := prioritize.OpDivide.MarshalText()
	var v prioritize.Op
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.OpDivide.String(), string(b), v == prioritize.OpDivide, err)
	// Output:
	// divide divide true <nil>
}

func ExampleOpportunityVariant_UnmarshalText() {
	b, _ := prioritize.OpportunityNoFloor.MarshalText()
	var v prioritize.OpportunityVariant
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.OpportunityNoFloor.String(), string(b), v == prioritize.OpportunityNoFloor, err)
	// Output:
	// no_floor no_floor true <nil>
}

func ExampleOrderVariant_UnmarshalText() {
	b, _ := prioritize.OrderInherit.MarshalText()
	var v prioritize.OrderVariant
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.OrderInherit.String(), string(b), v == prioritize.OrderInherit, err)
	// Output:
	// inherit inherit true <nil>
}

func ExampleQuadrant_UnmarshalText() {
	b, _ := prioritize.BigBet.MarshalText()
	var v prioritize.Quadrant
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.BigBet.String(), string(b), v == prioritize.BigBet, err)
	// Output:
	// big_bet big_bet true <nil>
}

func ExampleRICEVariant_UnmarshalText() {
	b, _ := prioritize.RICELenient.MarshalText()
	var v prioritize.RICEVariant
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.RICELenient.String(), string(b), v == prioritize.RICELenient, err)
	// Output:
	// lenient lenient true <nil>
}

func ExampleWSJFScale_UnmarshalText() {
	b, _ := prioritize.WSJFFibonacci21.MarshalText()
	var v prioritize.WSJFScale
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.WSJFFibonacci21.String(), string(b), v == prioritize.WSJFFibonacci21, err)
	// Output:
	// fibonacci_21 fibonacci_21 true <nil>
}

func ExampleWSJFVariant_UnmarshalText() {
	b, _ := prioritize.WSJFNormalizeColumns.MarshalText()
	var v prioritize.WSJFVariant
	err := v.UnmarshalText(b)
	fmt.Println(prioritize.WSJFNormalizeColumns.String(), string(b), v == prioritize.WSJFNormalizeColumns, err)
	// Output:
	// normalize_columns normalize_columns true <nil>
}

func ExampleFraction_Cmp() {
	a, _ := prioritize.NewFraction(dec("100"), dec("0.3"))
	b, _ := prioritize.NewFraction(dec("200"), dec("0.6"))
	c, _ := prioritize.FractionOf(dec("333.333333"))
	fmt.Println(a.Cmp(b), a.Equal(b), a.Cmp(c), c.Cmp(a))
	// Output:
	// 0 true 1 -1
}

func ExampleFraction_Decimal() {
	f, _ := prioritize.NewFraction(dec("-2"), dec("3"))
	fmt.Println(f.Decimal(0), f.Decimal(2), f.Decimal(prioritize.DisplayScale), f.Sign())
	// Output:
	// -1 -0.67 -0.666667 -1
}

func ExampleFraction_String() {
	f, _ := prioritize.NewFraction(dec("1.5"), dec("0.25"))
	g, _ := prioritize.NewFraction(dec("1"), dec("-4"))
	fmt.Println(f.String(), g.String(), g.Num(), g.Den())
	// Output:
	// 6 -1/4 -1 4
}

func ExampleRanking_All() {
	rk, _ := prioritize.Rank([]item{{"A", "10", "1", "1", "1"}, {"B", "20", "1", "1", "1"}, {"C", "10", "1", "1", "1"}},
		prioritize.ByRICE(item.rice, prioritize.RICEOptions{}))
	for r := range rk.All() {
		fmt.Println(r.Position, r.Rank, r.ID, r.Score)
	}
	// Output:
	// 1 1 B 20
	// 2 2 A 10
	// 3 2 C 10
}

func ExampleRanking_IDs() {
	rk, _ := prioritize.Rank([]item{{"FEAT-9", "10", "1", "1", "1"}, {"FEAT-10", "10", "1", "1", "1"}},
		prioritize.ByRICE(item.rice, prioritize.RICEOptions{}))
	fmt.Println(rk.IDs())
	// Output:
	// [FEAT-10 FEAT-9]
}

func ExampleRanking_Len() {
	rk, _ := prioritize.Rank([]item{}, prioritize.ByRICE(item.rice, prioritize.RICEOptions{}))
	fmt.Println(rk.Len())
	// Output:
	// 0
}

func ExampleKanoCategory_Letter() {
	for _, c := range []prioritize.KanoCategory{prioritize.KanoAttractive, prioritize.KanoOneDimensional, prioritize.KanoMustBe,
		prioritize.KanoIndifferent, prioritize.KanoReverse, prioritize.KanoQuestionable} {
		fmt.Print(c.Letter(), " ")
	}
	fmt.Println()
	// Output:
	// A O M I R Q
}

func ExampleCycleError_Error() {
	_, err := prioritize.Order([]prioritize.Dependent{
		{ID: "b", Requires: []prioritize.ItemID{"c"}}, {ID: "c", Requires: []prioritize.ItemID{"a"}}, {ID: "a", Requires: []prioritize.ItemID{"b"}},
	}, prioritize.OrderOptions{})
	fmt.Println(err, errors.Is(err, prioritize.ErrCycle), errors.Is(err, productops.ErrInvalid))
	// Output:
	// prioritize: dependency cycle among a, b, c true true
}

func ExampleScore_Explain() {
	s, _ := prioritize.Opportunity(prioritize.OpportunityInput{ID: "find-files-fast", Importance: dec("8"), Satisfaction: dec("3")},
		prioritize.OpportunityOptions{})
	fmt.Print(s.Explain())
	b, _ := json.Marshal(s)
	fmt.Println(string(b))
	// Output:
	// opportunity/floor find-files-fast: 13
	//   8 + max(8 − 3, 0) = 13
	//   importance        8  8  weight 1  + 8
	//   satisfaction_gap  3  5  weight 1  + 5
	//   band: high
	// {"id":"find-files-fast","framework":"opportunity","variant":"floor","exact":"13","value":"13","formula":"8 + max(8 − 3, 0) = 13","factors":[{"name":"importance","input":"8","value":"8","weight":"1","op":"add","contribution":"8"},{"name":"satisfaction_gap","input":"3","value":"5","weight":"1","op":"add","contribution":"5"}],"band":"high"}
}

func ExampleFramework_UnmarshalText() {
	var f prioritize.Framework
	err := f.UnmarshalText([]byte("wsjf"))
	fmt.Println(f, err)
	var m prioritize.MoSCoW
	fmt.Println(m.UnmarshalText([]byte("maybe")))
	b, _ := json.Marshal(struct {
		C prioritize.MoSCoW
		Q prioritize.Quadrant
		N prioritize.Normalization
	}{prioritize.Should, prioritize.MoneyPit, prioritize.NormalizeMinMax})
	fmt.Println(string(b))
	// Output:
	// wsjf <nil>
	// prioritize: moscow: invalid: unknown moscow "maybe"; want one of must, should, could, wont
	// {"C":"should","Q":"money_pit","N":"min_max"}
}

func ExampleRICEFactor_UnmarshalText() {
	var f prioritize.RICEFactor
	err := f.UnmarshalText([]byte("Effort"))
	b, _ := f.MarshalText()
	fmt.Println(f == prioritize.RICEEffort, string(b), err)
	// Output:
	// true effort <nil>
}

func ExampleCaveat_UnmarshalText() {
	var c prioritize.Caveat
	err := c.UnmarshalText([]byte("moonshot"))
	b, _ := prioritize.CaveatRelative.MarshalText()
	fmt.Println(c == prioritize.CaveatMoonshot, c, string(b), err)
	// Output:
	// true moonshot relative <nil>
}

func ExampleOpportunityBand_UnmarshalText() {
	var b prioritize.OpportunityBand
	err := b.UnmarshalText([]byte("worth-considering"))
	t, _ := prioritize.BandExtreme.MarshalText()
	fmt.Println(b == prioritize.BandWorthConsidering, b, string(t), err)
	// Output:
	// true worth_considering extreme <nil>
}

func ExampleRanking_WriteCSV() {
	rk, _ := prioritize.Rank([]item{{"A", "100", "3", "0.8", "1"}, {"B", "1000", "1", "1", "3"}}, prioritize.ByRICE(item.rice, prioritize.RICEOptions{}))
	_ = rk.WriteCSV(os.Stdout)
	// Output:
	// position,rank,id,framework,variant,score,exact,formula,reach,impact,confidence,effort,caveats,band,notes
	// 1,1,B,rice,strict,333.333333,1000/3,1000 × 1 × 1 ÷ 3 = 1000/3 ≈ 333.333333,1000,1,1,3,,,
	// 2,2,A,rice,strict,240,240,100 × 3 × 0.8 ÷ 1 = 240,100,3,0.8,1,,,
}

func ExampleRanking_MarshalJSON() {
	backlog := []prioritize.RICEInput{{ID: "A", Reach: dec("100"), Impact: dec("3"), Confidence: dec("0.8"), Effort: dec("1")}}
	rk, _ := prioritize.Rank(backlog, prioritize.ByRICE(func(in prioritize.RICEInput) prioritize.RICEInput { return in }, prioritize.RICEOptions{}))
	b, _ := json.Marshal(rk)
	fmt.Println(string(b))
	// Output:
	// {"scorer":"rice","items":[{"item":{"id":"A","reach":"100","impact":"3","confidence":"0.8","effort":"1"},"id":"A","position":1,"rank":1,"score":{"id":"A","framework":"rice","variant":"strict","exact":"240","value":"240","formula":"100 × 3 × 0.8 ÷ 1 = 240","factors":[{"name":"reach","input":"100","value":"100","weight":"1","op":"multiply","contribution":"0"},{"name":"impact","input":"3","value":"3","weight":"1","op":"multiply","contribution":"0"},{"name":"confidence","input":"0.8","value":"0.8","weight":"1","op":"multiply","contribution":"0"},{"name":"effort","input":"1","value":"1","weight":"1","op":"divide","contribution":"0"}]}}]}
}

func ExampleSelection_WriteCSV() {
	s, _ := prioritize.Select([]prioritize.Candidate{
		{ID: "A", Value: dec("11"), Effort: dec("6")},
		{ID: "B", Value: dec("8"), Effort: dec("5")},
		{ID: "C", Value: dec("9"), Effort: dec("5")},
	}, prioritize.SelectOptions{Capacity: map[string]decimal.Decimal{"": dec("10")}})
	_ = s.WriteCSV(os.Stdout)
	// Output:
	// id,value,selected,greedy,effort:
	// A,11,false,true,6
	// B,8,true,false,5
	// C,9,true,false,5
}
