package metrics_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/metrics"
)

// Example shows the undefined convention every metrics package follows: a ratio over
// nothing says so instead of reporting 0% or 100%.
func Example() {
	for _, r := range []metrics.Rate{metrics.NewRate(9, 20), metrics.NewRate(0, 0)} {
		if !r.Defined {
			fmt.Println("no data:", r)
			continue
		}
		fmt.Printf("%.0f%% of %d (95%% CI %.0f%% to %.0f%%)\n", 100*r.Value, r.Denominator, 100*r.Low, 100*r.High)
	}
	nrr := metrics.NewDecimalRatio(decimal.NewFromInt(1150), decimal.NewFromInt(1000), 6)
	fmt.Println("NRR", nrr.Percent(), "of nothing:", metrics.NewDecimalRatio(decimal.NewFromInt(5), decimal.Zero, 6).Percent())
	// Output:
	// 45% of 20 (95% CI 26% to 66%)
	// no data: undefined (0/0)
	// NRR 115.00% of nothing: undefined
}

func ExampleNewDecimalRatio() {
	d := decimal.RequireFromString
	nrr := metrics.NewDecimalRatio(d("1250"), d("1000"), 6)
	fmt.Println(nrr, nrr.Defined)
	fmt.Println(metrics.NewDecimalRatio(d("5"), d("0"), 6))
	// Output:
	// 1.25 true
	// undefined
}

func ExampleDecimalRatio_Percent() {
	r := metrics.NewDecimalRatio(decimal.NewFromInt(1), decimal.RequireFromString("0.8"), 6)
	fmt.Println(r.Percent(), metrics.DecimalRatio{}.Percent())
	// Output:
	// 125.00% undefined
}

func ExampleDecimalRatio_String() {
	r := metrics.NewDecimalRatio(decimal.NewFromInt(1000), decimal.NewFromInt(300), 2)
	fmt.Println(r.String(), metrics.DecimalRatio{}.String())
	// Output:
	// 3.33 undefined
}

func ExampleNewRate() {
	fmt.Println(metrics.NewRate(9, 20))
	fmt.Println(metrics.NewRate(0, 0))
	// Output:
	// 45.00% (9/20, 95% CI 25.82%–65.79%)
	// undefined (0/0)
}
