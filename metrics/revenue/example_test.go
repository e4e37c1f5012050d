package revenue_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/metrics/revenue"
)

func bizEv(c, sub string, at time.Time, mrr string) revenue.SubscriptionEvent {
	return revenue.SubscriptionEvent{Customer: revenue.CustomerID(c), Subscription: revenue.SubscriptionID(sub), At: at, MRR: decimal.RequireFromString(mrr), Currency: "USD"}
}

func bizDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func bizLedger() *revenue.Ledger {
	l, err := revenue.NewLedger([]revenue.SubscriptionEvent{
		bizEv("acme", "pro", bizDay(2025, 12, 3), "500"),
		bizEv("acme", "seats", bizDay(2026, 1, 12), "150"),
		bizEv("bolt", "team", bizDay(2025, 11, 20), "200"),
		bizEv("bolt", "team", bizDay(2026, 1, 28), "0"),
		bizEv("core", "pro", bizDay(2026, 1, 5), "300"),
		bizEv("core", "pro", bizDay(2026, 2, 9), "250"),
		bizEv("bolt", "team", bizDay(2026, 2, 15), "200"),
	})
	if err != nil {
		panic(err)
	}
	return l
}

// Example builds a ledger from subscription changes and reads a quarter's MRR bridge.
func Example() {
	d := decimal.RequireFromString
	at := func(m time.Month, day int) time.Time { return time.Date(2026, m, day, 12, 0, 0, 0, time.UTC) }
	l, err := revenue.NewLedger([]revenue.SubscriptionEvent{
		{Customer: "acme", Subscription: "pro", At: at(1, 3), MRR: d("500"), Currency: "USD"},
		{Customer: "bolt", Subscription: "team", At: at(1, 20), MRR: d("200"), Currency: "USD"},
		{Customer: "acme", Subscription: "seats", At: at(2, 12), MRR: d("150"), Currency: "USD"},
		{Customer: "bolt", Subscription: "team", At: at(3, 28), MRR: d("0"), Currency: "USD"}, // cancelled
	})
	if err != nil {
		panic(err)
	}
	b, err := l.Bridge(revenue.BridgeOptions{From: at(1, 1), Periods: 3})
	if err != nil {
		panic(err)
	}
	fmt.Print(b)
	march := b.Periods[2]
	fmt.Println("March NRR", march.NRR.Percent(), "customer churn", march.CustomerChurn)
	// Output:
	// period              start          new    expansion     reactiv.  contraction        churn        end USD      NRR      GRR    quick
	// 2026-01              0.00      +700.00        +0.00        +0.00        -0.00        -0.00         700.00        -        -        -
	// 2026-02            700.00        +0.00      +150.00        +0.00        -0.00        -0.00         850.00   121.4%   100.0%        -
	// 2026-03            850.00        +0.00        +0.00        +0.00        -0.00      -200.00         650.00    76.5%    76.5%     0.00
	// March NRR 76.47% customer churn 50.00% (1/2, 95% CI 9.45%–90.55%)
}

func ExampleNewLedger() {
	l := bizLedger()
	fmt.Println(l.Customers(), "customers in", l.Currency())
	fmt.Println("MRR on 2026-01-31:", l.MRRAt(bizDay(2026, 1, 31)))
	_, err := revenue.NewLedger([]revenue.SubscriptionEvent{bizEv("a", "", bizDay(2026, 1, 1), "-5")})
	fmt.Println(err)
	// Output:
	// 3 customers in USD
	// MRR on 2026-01-31: 950
	// revenue: MRR ledger: invalid: events[0].mrr: must be at least 0
}

func ExampleNewLedger_currencyMismatch() {
	eur := bizEv("b", "", bizDay(2026, 1, 1), "10")
	eur.Currency = "EUR"
	_, err := revenue.NewLedger([]revenue.SubscriptionEvent{bizEv("a", "", bizDay(2026, 1, 1), "10"), eur})
	fmt.Println(err, errors.Is(err, revenue.ErrCurrencyMismatch))
	// Output:
	// revenue: currency mismatch: record 1 is EUR, want USD true
}

func ExampleNewLedgerFromSnapshots() {
	row := func(c string, m time.Month, mrr string) revenue.Snapshot {
		return revenue.Snapshot{Customer: revenue.CustomerID(c), At: time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC), MRR: decimal.RequireFromString(mrr), Currency: "EUR"}
	}
	l, _ := revenue.NewLedgerFromSnapshots([]revenue.Snapshot{
		row("x", 1, "100"), row("y", 1, "50"),
		row("x", 2, "120"), // y is missing: churned
	})
	b, _ := l.Bridge(revenue.BridgeOptions{From: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Periods: 1})
	p := b.Periods[0]
	fmt.Println("expansion", p.Expansion, "churn", p.Churn, "end", p.EndMRR)
	// Output:
	// expansion 20 churn 50 end 120
}

func ExampleLedger_Bridge() {
	b, _ := bizLedger().Bridge(revenue.BridgeOptions{From: bizDay(2026, 1, 1), Periods: 2})
	for _, p := range b.Periods {
		fmt.Printf("%s start %s +new %s +exp %s +react %s -contr %s -churn %s = end %s\n",
			p.Start.Format("2006-01"), p.StartMRR, p.New, p.Expansion, p.Reactivation, p.Contraction, p.Churn, p.EndMRR)
		fmt.Printf("  customer churn %s, gross MRR churn %s, net MRR churn %s, NRR %s, GRR %s\n",
			p.CustomerChurn, p.GrossMRRChurn.Percent(), p.NetMRRChurn.Percent(), p.NRR.Percent(), p.GRR.Percent())
		fmt.Printf("  quick ratio %s (with reactivation %s), ARPA %s, ARR %s\n", p.QuickRatio, p.QuickRatioWithReactivation, p.ARPA, p.ARR())
	}
	// Output:
	// 2026-01 start 700 +new 300 +exp 150 +react 0 -contr 0 -churn 200 = end 950
	//   customer churn 50.00% (1/2, 95% CI 9.45%–90.55%), gross MRR churn 28.57%, net MRR churn 7.14%, NRR 92.86%, GRR 71.43%
	//   quick ratio 2.25 (with reactivation 2.25), ARPA 475, ARR 11400
	// 2026-02 start 950 +new 0 +exp 0 +react 200 -contr 50 -churn 0 = end 1100
	//   customer churn 0.00% (0/2, 95% CI 0.00%–65.76%), gross MRR churn 5.26%, net MRR churn -15.79%, NRR 94.74%, GRR 94.74%
	//   quick ratio 0 (with reactivation 4), ARPA 366.67, ARR 13200
}

func ExampleBridge_String() {
	b, _ := bizLedger().Bridge(revenue.BridgeOptions{From: bizDay(2026, 1, 1), Periods: 2})
	fmt.Print(b)
	// Output:
	// period              start          new    expansion     reactiv.  contraction        churn        end USD      NRR      GRR    quick
	// 2026-01            700.00      +300.00      +150.00        +0.00        -0.00      -200.00         950.00    92.9%    71.4%     2.25
	// 2026-02            950.00        +0.00        +0.00      +200.00       -50.00        -0.00        1100.00    94.7%    94.7%     0.00
}

func ExamplePeriod_NetMovement() {
	b, _ := bizLedger().Bridge(revenue.BridgeOptions{From: bizDay(2026, 1, 1), Periods: 1})
	p := b.Periods[0]
	fmt.Println(p.StartMRR, "+", p.NetMovement(), "=", p.EndMRR)
	// Output:
	// 700 + 250 = 950
}

func ExampleLedger_Retention() {
	r, _ := bizLedger().Retention(bizDay(2026, 1, 1), bizDay(2026, 2, 28))
	fmt.Printf("cohort %d customers, start %s, end %s: NRR %s, GRR %s\n", r.StartCustomers, r.StartMRR, r.EndMRR, r.NRR.Percent(), r.GRR.Percent())
	_, err := bizLedger().Retention(bizDay(2026, 2, 1), bizDay(2026, 1, 1))
	fmt.Println(err)
	// Output:
	// cohort 2 customers, start 700, end 850: NRR 121.43%, GRR 100.00%
	// revenue: retention window: invalid: to: must not be before from
}

func ExampleLedger_CustomerMRRAt() {
	fmt.Println(bizLedger().CustomerMRRAt("acme", bizDay(2026, 1, 31)))
	// Output:
	// 650
}

func ExampleNormalizeMRR() {
	m, _ := revenue.NormalizeMRR(decimal.RequireFromString("2000"), 12)
	fmt.Println(m)
	// Output:
	// 166.67
}

func ExampleLTV() {
	ltv, _ := revenue.LTV(revenue.LTVInput{ARPA: decimal.RequireFromString("120"), ChurnRate: decimal.RequireFromString("0.03"), GrossMargin: decimal.RequireFromString("0.8")})
	fmt.Println(ltv)
	none, _ := revenue.LTV(revenue.LTVInput{ARPA: decimal.RequireFromString("120")})
	fmt.Println(none)
	// Output:
	// 3200
	// undefined
}

func ExampleCACPayback() {
	months, _ := revenue.CACPayback(revenue.CACPaybackInput{Spend: decimal.RequireFromString("50000"), NewMRR: decimal.RequireFromString("4000"), GrossMargin: decimal.RequireFromString("0.75")})
	fmt.Println(months, "months")
	// Output:
	// 16.67 months
}

func ExampleLTVInput_Validate() {
	fmt.Println(revenue.LTVInput{ARPA: decimal.RequireFromString("100"), ChurnRate: decimal.RequireFromString("3")}.Validate())
	// Output:
	// revenue: LTV input: invalid: churn_rate: must be a fraction between 0 and 1
}

func ExampleCACPaybackInput_Validate() {
	fmt.Println(revenue.CACPaybackInput{Spend: decimal.RequireFromString("-10"), NewMRR: decimal.RequireFromString("5")}.Validate())
	// Output:
	// revenue: CAC payback input: invalid: spend: must be at least 0
}

func ExampleBridgeOptions_Validate() {
	fmt.Println(revenue.BridgeOptions{Periods: 3}.Validate())
	// Output:
	// revenue: MRR bridge options: invalid: from: is required
}

func ExampleSubscriptionEvent_Validate() {
	fmt.Println(revenue.SubscriptionEvent{Customer: "acme", At: bizDay(2026, 1, 1), MRR: decimal.RequireFromString("-1"), Currency: "USD"}.Validate())
	// Output:
	// revenue: subscription event: invalid: mrr: must be at least 0
}

func ExampleSnapshot_Validate() {
	fmt.Println(revenue.Snapshot{Customer: "acme", MRR: decimal.RequireFromString("10"), Currency: "usd"}.Validate())
	// Output:
	// revenue: MRR snapshot: invalid: at: is required; currency: must be a three-letter upper-case ISO 4217 code, got "usd"
}

func ExampleCurrency_Validate() {
	fmt.Println(revenue.Currency("US$").Validate())
	// Output:
	// revenue: currency: invalid: must be a three-letter upper-case ISO 4217 code, got "US$"
}

func ExamplePeriod_ARR() {
	b, _ := bizLedger().Bridge(revenue.BridgeOptions{From: bizDay(2026, 2, 1), Periods: 1})
	fmt.Println(b.Periods[0].EndMRR, "MRR =", b.Periods[0].ARR(), "ARR")
	// Output:
	// 1100 MRR = 13200 ARR
}

func ExampleLedger_MRRAt() {
	l := bizLedger()
	for _, d := range []int{1, 15} {
		fmt.Println(l.MRRAt(bizDay(2026, 2, d)))
	}
	// Output:
	// 950
	// 1100
}

func ExampleLedger_Currency() {
	fmt.Println(bizLedger().Currency())
	// Output:
	// USD
}

func ExampleLedger_Customers() {
	fmt.Println(bizLedger().Customers())
	// Output:
	// 3
}

func ExampleCurrencyMismatchError_Error() {
	err := &revenue.CurrencyMismatchError{Index: 7, Want: "USD", Got: "GBP"}
	fmt.Println(err.Error())
	// Output:
	// revenue: currency mismatch: record 7 is GBP, want USD
}

func ExampleCurrencyMismatchError_Is() {
	var err error = &revenue.CurrencyMismatchError{Index: 1, Want: "USD", Got: "EUR"}
	fmt.Println(errors.Is(err, revenue.ErrCurrencyMismatch), errors.Is(err, productops.ErrInvalid))
	// Output:
	// true true
}
