package launch

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// benchPlan builds a standard-tier plan with n items over every function, a mix of
// statuses, weights, tiers and due dates, n/100 waivers and 20 risks.
func benchPlan(n int) Plan {
	funcs := []Function{Engineering, QA, Security, Legal, Docs, Support, Sales, Marketing, Pricing, Operations, Analytics}
	tiers := []Tier{"", TierMinor, TierStandard, TierMajor}
	p := Plan{Name: "bench", Zone: "Europe/Berlin", Tier: TierStandard, Policy: Policy{MinScore: new(decimal.New(7, -1))}}
	for i := range n {
		it := Item{
			ID:       ItemID(fmt.Sprintf("item-%06d", (i*7919)%n)),
			Function: funcs[i%len(funcs)],
			Status:   Status(i % 7),
			Kind:     Kind(i % 2),
			MinTier:  tiers[i%4],
			Owner:    "owner",
			NAReason: "n/a",
		}
		if i%3 == 0 {
			it.Weight = new(decimal.NewFromInt(int64(1 + i%5)))
		}
		if i%2 == 0 {
			it.Due = &Deadline{Date: Date{2026, 11, 1 + i%28}}
		}
		p.Items = append(p.Items, it)
	}
	for i := 0; i < n/100; i++ {
		p.Waivers = append(p.Waivers, Waiver{Item: p.Items[i*100].ID, Approver: "vp", Reason: "r",
			ExpiresAt: time.Date(2026, 11, 1+i%60, 0, 0, 0, 0, time.UTC)})
	}
	for i := range 20 {
		p.Risks = append(p.Risks, Risk{ID: RiskID(fmt.Sprintf("r%02d", i)), Inherent: Assessment{Likelihood: 1 + i%5, Impact: 1 + (i/5)%5}})
	}
	return p
}

// BenchmarkValidate is the baseline for BenchmarkEvaluate: validation alone.
func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		p := benchPlan(n)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := p.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEvaluate(b *testing.B) {
	asOf := time.Date(2026, 11, 15, 12, 0, 0, 0, time.UTC)
	for _, n := range []int{10, 1000, 10000} {
		p := benchPlan(n)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Evaluate(p, asOf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchTicks builds ticks×10 observations: 8 threshold checks over 4 metrics, one
// regression check and one dry-run check, all healthy so no rollback stops the run.
func benchGuardrail(ticks int) (Guardrail, []Tick) {
	var g Guardrail
	for i := range 8 {
		g.Checks = append(g.Checks, Check{ID: CheckID(fmt.Sprintf("c%d", i)), Metric: fmt.Sprintf("m%d", i/2), Max: new(decimal.NewFromInt(100)), MinSample: 10})
	}
	g.Checks = append(g.Checks,
		Check{ID: "reg", Metric: "conv", Regression: &RegressionTest{Direction: HigherIsBetter, Tolerance: decimal.New(1, -2)}},
		Check{ID: "dry", Metric: "dry", Min: new(decimal.NewFromInt(0)), DryRun: true})
	start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	ts := make([]Tick, ticks)
	for t := range ts {
		obs := make([]Observation, 0, 10)
		for i := range 8 {
			obs = append(obs, Observation{Check: CheckID(fmt.Sprintf("c%d", i)), Value: float64((t + i) % 100), Sample: 50})
		}
		obs = append(obs,
			Observation{Check: "reg", Control: Proportion{Events: 500, Trials: 5000}, Treatment: Proportion{Events: int64(495 + t%10), Trials: 5000}},
			Observation{Check: "dry", Value: float64(t % 7), Sample: 1})
		ts[t] = Tick{At: start.Add(time.Duration(t) * time.Minute), Observations: obs}
	}
	return g, ts
}

// BenchmarkAnalyze judges 1,000,000 observations (100,000 intervals × 10 checks).
func BenchmarkAnalyze(b *testing.B) {
	g, ticks := benchGuardrail(100_000)
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		res, err := Analyze(g, ticks)
		if err != nil || res.Decision != Promote {
			b.Fatal(err, res.Decision)
		}
	}
}

// BenchmarkScanBaseline is the floor for BenchmarkAnalyze: one pass over the same
// 1,000,000 observations comparing each value with a bound and nothing else.
func BenchmarkScanBaseline(b *testing.B) {
	_, ticks := benchGuardrail(100_000)
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		fails := 0
		for i := range ticks {
			for _, o := range ticks[i].Observations {
				if o.Value > 100 || o.Treatment.Events > o.Treatment.Trials {
					fails++
				}
			}
		}
		if fails != 0 {
			b.Fatal(fails)
		}
	}
}

// BenchmarkStep is one fully explained interval of 10 checks (what Step costs per call).
func BenchmarkStep(b *testing.B) {
	g, ticks := benchGuardrail(1)
	a, err := NewAnalysis(g)
	if err != nil {
		b.Fatal(err)
	}
	t := ticks[0]
	if err := a.checkTick(&t); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res := a.detail(&t, a.errRun, a.failed)
		if res.Decision != Promote {
			b.Fatal(res.Decision)
		}
	}
}
