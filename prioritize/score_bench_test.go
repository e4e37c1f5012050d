package prioritize

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

// BenchmarkScoreFrameworks scores 1,000 items one by one with each framework's explained
// score (the hot paths besides RICE).
func BenchmarkScoreFrameworks(b *testing.B) {
	const n = 1000
	ice := make([]ICEInput, n)
	cd3 := make([]CD3Input, n)
	wsjf := make([]WSJFInput, n)
	opp := make([]OpportunityInput, n)
	wi := make([]WeightedInput, n)
	fib := []int64{1, 2, 3, 5, 8, 13, 20}
	for i := range n {
		id := ItemID(fmt.Sprint("item-", i))
		ice[i] = ICEInput{ID: id, Impact: decimal.NewFromInt(int64(1 + i%10)), Confidence: decimal.NewFromInt(int64(1 + i%7)), Ease: decimal.NewFromInt(int64(1 + i%9))}
		cd3[i] = CD3Input{ID: id, CostOfDelay: decimal.NewFromInt(int64(100 + i)), Duration: decimal.NewFromInt(int64(1 + i%12))}
		wsjf[i] = WSJFInput{ID: id, UserBusinessValue: decimal.NewFromInt(fib[i%7]), TimeCriticality: decimal.NewFromInt(fib[(i/7)%7]),
			RiskReduction: decimal.NewFromInt(fib[(i/3)%7]), JobSize: decimal.NewFromInt(fib[(i/5)%7])}
		opp[i] = OpportunityInput{ID: id, Importance: decimal.New(int64(i%101), -1), Satisfaction: decimal.New(int64((i*7)%101), -1)}
		wi[i] = WeightedInput{ID: id, Values: []decimal.Decimal{decimal.NewFromInt(int64(1 + i%10)), decimal.NewFromInt(int64(1 + i%5))}}
	}
	card := Scorecard{Criteria: []Criterion{{Name: "value", Weight: decimal.NewFromInt(2), Min: decimal.NewFromInt(1), Max: decimal.NewFromInt(10)},
		{Name: "effort", Weight: decimal.NewFromInt(1), Direction: Cost, Min: decimal.NewFromInt(1), Max: decimal.NewFromInt(10)}}, Normalization: NormalizeScale}
	b.Run("ICE", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, in := range ice {
				if _, err := ICE(in, ICEOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("CD3", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, in := range cd3 {
				if _, err := CD3(in); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("WSJFBatch", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := WSJFBatch(wsjf, WSJFOptions{Variant: WSJFNormalizeColumns}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Opportunity", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, in := range opp {
				if _, err := Opportunity(in, OpportunityOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("Scorecard", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := card.Score(wi); err != nil {
				b.Fatal(err)
			}
		}
	})
}
