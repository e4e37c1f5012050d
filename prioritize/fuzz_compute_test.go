package prioritize

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
)

// The computing fuzz targets decode fuzzed JSON into an options struct and its inputs and
// run every exported function that takes them, each execution under guard (a time limit
// and an allocation limit): a hang, a blow-up or a panic fails, and so does an error that
// is not a validation error. Work caps that the caller may raise at will (Select's
// MaxWork, SimulateRanks' MaxDraws, ScenarioRanks' MaxWork) are clamped to a budget that
// fits the guard, since a legitimately long run is not a hang; everything else is used as
// decoded. Run one for long with, for instance:
//
//	go test -run '^$' -fuzz '^FuzzSelectOptions$' -fuzztime 1h ./prioritize

// fuzzCase decodes data into T and runs f under the guard; data that does not decode is
// skipped.
func fuzzCase[T any](t *testing.T, data []byte, f func(t *testing.T, in T)) {
	var in T
	if json.Unmarshal(data, &in) != nil {
		return
	}
	guard(t, guardTimeout, guardAlloc, func() { f(t, in) })
}

// invalidOK fails the test unless err is nil or a validation error (ErrInvalid).
func invalidOK(t *testing.T, err error) {
	t.Helper()
	if err != nil && !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("error does not match productops.ErrInvalid: %v", err)
	}
}

// clampWork keeps a fuzzed work cap within budget: zero and anything larger become budget.
func clampWork(v, budget int) int {
	if v == 0 || v > budget {
		return budget
	}
	return v
}

func FuzzRICEOptions(f *testing.F) {
	f.Add([]byte(`{"options":{"variant":"strict"},"perturbation":"0.1","factors":["reach","effort"],"items":[{"id":"a","reach":"500","impact":"3","confidence":"0.8","effort":"1"},{"id":"b","reach":"100","impact":"0.25","confidence":"0.5","effort":"0.5"}]}`))
	f.Add([]byte(`{"options":{"variant":"lenient"},"perturbation":"0.99","items":[{"id":"a","reach":"1e30","impact":"7","confidence":"1","effort":"1e-30"},{"id":"a","reach":"0","impact":"0","confidence":"0","effort":"0"}]}`))
	f.Add([]byte(`{"options":{"variant":"strict"},"perturbation":"-1","items":[{"id":"a","confidence":"80"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Options      RICEOptions     `json:"options"`
			Perturbation decimal.Decimal `json:"perturbation"`
			Factors      []RICEFactor    `json:"factors"`
			Items        []RICEInput     `json:"items"`
		}) {
			for _, it := range in.Items {
				_, err := RICE(it, in.Options)
				invalidOK(t, err)
			}
			rk, err := Rank(in.Items, ByRICE(identity, in.Options))
			invalidOK(t, err)
			if err == nil && rk.Len() != len(in.Items) {
				t.Errorf("%d ranked of %d", rk.Len(), len(in.Items))
			}
			if len(in.Items) >= 2 {
				_, err = RICESwap(in.Items[0], in.Items[1], in.Options)
				invalidOK(t, err)
			}
			_, err = RICEStability(in.Items, in.Options, StabilityOptions{Perturbation: in.Perturbation, Factors: in.Factors})
			invalidOK(t, err)
		})
	})
}

func FuzzICEOptions(f *testing.F) {
	f.Add([]byte(`{"options":{"variant":"mean"},"items":[{"id":"a","impact":"7","confidence":"5","ease":"3"},{"id":"b","impact":"10","confidence":"1","ease":"10"}]}`))
	f.Add([]byte(`{"options":{"variant":"product"},"items":[{"id":"a","impact":"0","confidence":"11","ease":"1e40"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Options ICEOptions `json:"options"`
			Items   []ICEInput `json:"items"`
		}) {
			for _, it := range in.Items {
				_, err := ICE(it, in.Options)
				invalidOK(t, err)
			}
			_, err := Rank(in.Items, ByICE(func(x ICEInput) ICEInput { return x }, in.Options))
			invalidOK(t, err)
		})
	})
}

func FuzzWSJFOptions(f *testing.F) {
	f.Add([]byte(`{"options":{"variant":"normalize_columns","scale":"any_positive"},"items":[{"id":"a","user_business_value":"8","time_criticality":"5","risk_reduction":"3","job_size":"5"},{"id":"b","user_business_value":"0.5","time_criticality":"1","risk_reduction":"1","job_size":"2"}]}`))
	f.Add([]byte(`{"options":{"variant":"relative","scale":"fibonacci_21"},"items":[{"id":"a","user_business_value":"21","time_criticality":"1","risk_reduction":"1","job_size":"0"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Options WSJFOptions `json:"options"`
			Items   []WSJFInput `json:"items"`
		}) {
			s, err := WSJFBatch(in.Items, in.Options)
			invalidOK(t, err)
			if err == nil && len(s) != len(in.Items) {
				t.Errorf("%d scores for %d items", len(s), len(in.Items))
			}
			if len(in.Items) > 0 {
				_, err = WSJF(in.Items[0], in.Options)
				invalidOK(t, err)
			}
		})
	})
}

func FuzzOpportunityOptions(f *testing.F) {
	f.Add([]byte(`{"options":{"variant":"no_floor"},"items":[{"id":"a","importance":"8","satisfaction":"9.5"}],"importance":[5,4,1],"satisfaction":[2,5]}`))
	f.Add([]byte(`{"options":{"variant":"floor"},"items":[{"id":"a","importance":"11"}],"importance":[],"satisfaction":[0,6]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Options      OpportunityOptions `json:"options"`
			Items        []OpportunityInput `json:"items"`
			Importance   []int              `json:"importance"`
			Satisfaction []int              `json:"satisfaction"`
		}) {
			for _, it := range in.Items {
				s, err := Opportunity(it, in.Options)
				invalidOK(t, err)
				if err == nil && (s.Exact.Cmp(intF(20)) > 0 || (in.Options.Variant == OpportunityFloor && s.Exact.Sign() < 0)) {
					t.Errorf("score %s out of range", s.Exact)
				}
			}
			_, err := OpportunityFromAnswers("x", in.Importance, in.Satisfaction, in.Options)
			invalidOK(t, err)
		})
	})
}

func FuzzMoSCoWOptions(f *testing.F) {
	f.Add([]byte(`{"options":{"max_must_share":"0.5","capacity":"10"},"items":[{"id":"a","category":"must","effort":"3"},{"id":"b","category":"won't","effort":"1"}]}`))
	f.Add([]byte(`{"options":{"max_must_share":"1.5","capacity":"-1"},"items":[{"id":"a","category":"could","effort":"0"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Options MoSCoWOptions `json:"options"`
			Items   []MoSCoWItem  `json:"items"`
		}) {
			_, err := CheckMoSCoW(in.Items, in.Options)
			invalidOK(t, err)
		})
	})
}

func FuzzSelectOptions(f *testing.F) {
	f.Add([]byte(`{"options":{"capacity":{"":"10"}},"items":[{"id":"A","value":"11","effort":"6"},{"id":"B","value":"8","effort":"5"},{"id":"C","value":"9","effort":"5"}]}`))
	f.Add([]byte(`{"options":{"capacity":{"fe":"4","be":"1e16"},"max_work":9223372036854775807,"max_memory":9223372036854775807},"items":[{"id":"a","value":"3","effort":"2","team":"fe","requires":["b"]},{"id":"b","value":"1","efforts":{"be":"1e15"}}]}`))
	f.Add([]byte(`{"options":{"capacity":{"":"5"},"max_work":-1},"items":[{"id":"a","value":"1","effort":"1","requires":["a"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Options SelectOptions `json:"options"`
			Items   []Candidate   `json:"items"`
		}) {
			in.Options.MaxWork = clampWork(in.Options.MaxWork, 200_000)
			s, err := SelectContext(context.Background(), in.Items, in.Options)
			invalidOK(t, err)
			if err == nil && s.Value.LessThan(s.GreedyValue) {
				t.Errorf("exact %s below greedy %s", s.Value, s.GreedyValue)
			}
			deps := make([]Dependent, len(in.Items))
			for i, c := range in.Items {
				deps[i] = Dependent{ID: c.ID, Requires: c.Requires}
			}
			for _, v := range []OrderVariant{OrderGreedy, OrderInherit} {
				_, err = Order(deps, OrderOptions{Variant: v})
				invalidOK(t, err)
			}
		})
	})
}

func FuzzOrderOptions(f *testing.F) {
	f.Add([]byte(`{"options":{"variant":"inherit"},"items":[{"id":"a","requires":["b"]},{"id":"b"},{"id":"c","requires":["a","b"]}]}`))
	f.Add([]byte(`{"options":{"variant":"greedy"},"items":[{"id":"a","requires":["a"]},{"id":""}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Options OrderOptions `json:"options"`
			Items   []Dependent  `json:"items"`
		}) {
			ids, err := Order(in.Items, in.Options)
			invalidOK(t, err)
			if err == nil && len(ids) != len(in.Items) {
				t.Errorf("%d ordered of %d", len(ids), len(in.Items))
			}
		})
	})
}

func FuzzSimulateOptions(f *testing.F) {
	f.Add([]byte(`{"options":{"k":1,"runs":200,"seed":7,"distribution":"triangular"},"items":[{"id":"a","value":"10","effort":{"optimistic":"1","most_likely":"2","pessimistic":"9"}},{"id":"b","value":"6","effort":{"optimistic":"1","most_likely":"1","pessimistic":"1"}}]}`))
	f.Add([]byte(`{"options":{"k":0,"runs":10000001,"max_draws":-1},"items":[{"id":"a","value":"1e40","effort":{"optimistic":"1e-40","most_likely":"1","pessimistic":"1e40"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Options SimulateOptions `json:"options"`
			Items   []UncertainItem `json:"items"`
		}) {
			in.Options.MaxDraws = clampWork(in.Options.MaxDraws, 200_000)
			odds, err := SimulateRanksContext(context.Background(), in.Items, in.Options)
			invalidOK(t, err)
			for _, o := range odds {
				if o.P < 0 || o.P > 1 || o.Hits > o.Runs {
					t.Errorf("odds %+v", o)
				}
			}
		})
	})
}

func FuzzScenarioOptions(f *testing.F) {
	f.Add([]byte(`{"options":{"k":1},"items":[{"id":"A","value":"10","scenarios":[{"effort":"1","probability":"1/2"},{"effort":"4","probability":"1/2"}]},{"id":"B","value":"6","scenarios":[{"effort":"2","probability":"1"}]}]}`))
	f.Add([]byte(`{"options":{"k":9223372036854775807,"max_work":9223372036854775807},"items":[{"id":"A","value":"1","scenarios":[{"effort":"1","probability":"1/3"},{"effort":"2","probability":"2/3"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Options ScenarioOptions `json:"options"`
			Items   []ScenarioItem  `json:"items"`
		}) {
			in.Options.MaxWork = clampWork(in.Options.MaxWork, 50_000_000)
			odds, err := ScenarioRanksContext(context.Background(), in.Items, in.Options)
			invalidOK(t, err)
			sum := Fraction{}
			for _, o := range odds {
				if o.P.Sign() < 0 || o.P.Cmp(intF(1)) > 0 {
					t.Errorf("P %s", o.P)
				}
				sum = addF(sum, o.P)
			}
			if err == nil && !sum.Equal(intF(int64(min(in.Options.K, len(in.Items))))) {
				t.Errorf("odds sum to %s", sum)
			}
			for _, it := range in.Items {
				_, err := ExpectedScore(it.Value, it.Scenarios)
				invalidOK(t, err)
			}
		})
	})
}

// FuzzScorecard runs a scorecard (the weighted method's options) on fuzzed items: scores,
// ranking and the weight sensitivity of the first two items.
func FuzzScorecard(f *testing.F) {
	f.Add([]byte(`{"card":{"criteria":[{"name":"v","weight":"2","min":"1","max":"10"},{"name":"e","weight":"1","direction":"cost","min":"1","max":"10"}],"normalization":"scale"},"items":[{"id":"A","values":["8","2"]},{"id":"B","values":["5","2"]}]}`))
	f.Add([]byte(`{"card":{"criteria":[{"name":"v","weight":"1"}],"normalization":"rank"},"items":[{"id":"A","values":["1"]},{"id":"B","values":["1"]},{"id":"C","values":["-3"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Card  Scorecard       `json:"card"`
			Items []WeightedInput `json:"items"`
		}) {
			s, err := in.Card.Score(in.Items)
			invalidOK(t, err)
			if err == nil {
				_, err = RankScores(s)
				invalidOK(t, err)
			}
			if len(in.Items) >= 2 {
				_, err = WeightSwap(in.Card, in.Items, in.Items[0].ID, in.Items[1].ID)
				invalidOK(t, err)
			}
		})
	})
}

// FuzzOtherInputs runs the functions without options on fuzzed inputs: Buy a Feature,
// Kano, Pareto, quadrants, CD3 sequences and three-point estimates.
func FuzzOtherInputs(f *testing.F) {
	f.Add([]byte(`{"game":{"features":[{"id":"f","price":"10"}],"budgets":{"ann":"6","bob":"6"},"allocations":[{"player":"ann","feature":"f","amount":"6"},{"player":"bob","feature":"f","amount":"5"}]},"kano":[{"functional":"like","dysfunctional":"dislike"}],"points":[{"id":"a","value":"3","effort":"1"},{"id":"b","value":"3","effort":"1"}],"cd3":[{"id":"a","cost_of_delay":"10","duration":"2"}],"estimate":{"optimistic":"1","most_likely":"2","pessimistic":"9"},"thresholds":{"value":"5","effort":"5"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCase(t, data, func(t *testing.T, in struct {
			Game       BuyAFeatureInput `json:"game"`
			Kano       []KanoResponse   `json:"kano"`
			Points     []Point          `json:"points"`
			CD3        []CD3Input       `json:"cd3"`
			Estimate   ThreePoint       `json:"estimate"`
			Thresholds Thresholds       `json:"thresholds"`
		}) {
			_, err := BuyAFeature(in.Game)
			invalidOK(t, err)
			k, err := KanoSurvey(in.Kano)
			invalidOK(t, err)
			if c := k.Counts; err == nil && c.Attractive+c.OneDimensional+c.MustBe+c.Indifferent+c.Reverse+c.Questionable != len(in.Kano) {
				t.Errorf("counts %+v for %d responses", c, len(in.Kano))
			}
			layers, err := ParetoLayers(in.Points)
			invalidOK(t, err)
			n := 0
			for _, l := range layers {
				n += len(l)
			}
			if err == nil && n != len(in.Points) {
				t.Errorf("%d points in layers of %d", n, len(in.Points))
			}
			_, err = TotalDelayCost(in.CD3)
			invalidOK(t, err)
			_, err = PERT(in.Estimate)
			invalidOK(t, err)
			_, err = PERTScenarios(in.Estimate)
			invalidOK(t, err)
			for _, p := range in.Points {
				_, err = Classify(p.Value, p.Effort, in.Thresholds)
				invalidOK(t, err)
			}
		})
	})
}
