package outcome_test

import (
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/metrics/outcome"
)

// ExampleEvaluate reports an initiative's ROI, payback and measured KPI change.
func ExampleEvaluate() {
	d := decimal.RequireFromString
	in := outcome.Initiative{
		ID: "RM-42", Name: "Self-serve onboarding", Currency: "USD",
		// 5,000 USD of contractors plus 10 person-days at a loaded 800 USD a day.
		Cost: &outcome.Cost{Money: d("5000"), Effort: d("10"), LoadedRate: d("800")},
		KPIs: []outcome.KPITarget{{Name: "activation", Unit: "%", Baseline: d("10"), Target: d("12")}},
		Measurements: []outcome.Measurement{{KPI: "activation",
			Before: outcome.Window{N: 100, Mean: 10, SD: 2}, After: outcome.Window{N: 100, Mean: 11, SD: 2}}},
		Revenue: []outcome.RevenuePeriod{{Label: "2026-01", Amount: d("4000")}, {Label: "2026-02", Amount: d("5000")},
			{Label: "2026-03", Amount: d("6000")}},
	}
	r, err := outcome.Evaluate(in, outcome.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r)
	// Output:
	// RM-42 Self-serve onboarding
	//   cost 13000.00 USD
	//   value 15000.00 USD
	//   ROI 15.38%, payback 2.67 periods
	//   activation: change +1 (95% CI +0.4422 to +1.558, before_after), 50% of the way from 10 to 12
	//   2026-01: 4000.00 USD, cumulative 4000.00 USD, ROI -69.23%
	//   2026-02: 5000.00 USD, cumulative 9000.00 USD, ROI -30.77%
	//   2026-03: 6000.00 USD, cumulative 15000.00 USD, ROI 15.38%
}

// ExampleParseInitiative reads an initiative without a cost: ROI is undefined and the
// report says why, in JSON as well as text.
func ExampleParseInitiative() {
	in, err := outcome.ParseInitiative([]byte(`{"id":"RM-7","revenue":[{"label":"Q1","amount":"1200"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := outcome.Evaluate(in, outcome.Options{})
	b, _ := json.Marshal(struct {
		ROI     any `json:"roi"`
		Missing any `json:"missing"`
	}{r.ROI, r.Missing})
	fmt.Println(string(b))
	// Output: {"roi":{"numerator":"0","denominator":"0","defined":false,"value":"0"},"missing":["cost"]}
}

// ExampleCost_Total prices effort at a loaded rate and adds direct spend.
func ExampleCost_Total() {
	c := outcome.Cost{Money: decimal.NewFromInt(2500), Effort: decimal.RequireFromString("12.5"), LoadedRate: decimal.NewFromInt(640)}
	fmt.Println(c.Total())
	// Output: 10500
}
