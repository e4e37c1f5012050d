package revenue

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// syntheticSubscriptions returns n deterministic subscription events: n/8 customers with up
// to 3 subscriptions each, amounts in cents, about one in six events a cancellation,
// spread over 2025–2026.
func syntheticSubscriptions(n int, seed uint64) []SubscriptionEvent {
	r := rand.New(rand.NewPCG(seed, 7))
	customers := max(n/8, 1)
	ids := make([]CustomerID, customers)
	for i := range ids {
		ids[i] = CustomerID(fmt.Sprintf("cus_%07d", i))
	}
	subs := []SubscriptionID{"base", "seats", "addon"}
	start := utc(2025, 1, 1, 0)
	evs := make([]SubscriptionEvent, n)
	for i := range evs {
		mrr := decimal.New(int64(r.IntN(50000)), -2)
		if r.IntN(6) == 0 {
			mrr = decimal.Zero
		}
		evs[i] = SubscriptionEvent{
			Customer:     ids[r.IntN(customers)],
			Subscription: subs[r.IntN(len(subs))],
			At:           start.Add(time.Duration(r.Int64N(int64(730 * 24 * time.Hour)))),
			MRR:          mrr,
			Currency:     "USD",
		}
	}
	return evs
}

// referenceBridge is the straightforward decimal implementation the benchmarks compare
// against and the property test checks the ledger with: replay events in time order with
// maps of decimals and classify each customer's total change.
func referenceBridge(events []SubscriptionEvent, opt BridgeOptions) []Period {
	evs := slices.Clone(events)
	order := make([]int, len(evs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := evs[a].At.Compare(evs[b].At); c != 0 {
			return c
		}
		if evs[a].Customer != evs[b].Customer {
			if evs[a].Customer < evs[b].Customer {
				return -1
			}
			return 1
		}
		return 0
	})
	months := max(opt.MonthsPerPeriod, 1)
	f := opt.From.In(time.UTC)
	bounds := make([]time.Time, opt.Periods+1)
	for k := range bounds {
		bounds[k] = time.Date(f.Year(), f.Month()+time.Month(k*months), 1, 0, 0, 0, 0, time.UTC)
	}
	subs := map[CustomerID]map[SubscriptionID]decimal.Decimal{}
	total := map[CustomerID]decimal.Decimal{}
	paid := map[CustomerID]bool{}
	out := make([]Period, opt.Periods)
	k := -1
	sumAll := func() decimal.Decimal {
		s := decimal.Zero
		for _, v := range total {
			s = s.Add(v)
		}
		return s
	}
	zero := func(p *Period) {
		p.New, p.Expansion, p.Reactivation, p.Contraction, p.Churn = decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	}
	advance := func(t time.Time) {
		for k+1 < opt.Periods && !t.Before(bounds[k+1]) {
			if k >= 0 {
				out[k].EndMRR = sumAll()
			}
			k++
			out[k].Start, out[k].End, out[k].StartMRR = bounds[k], bounds[k+1], sumAll()
			zero(&out[k])
		}
	}
	i := 0
	for i < len(order) {
		at, cust := evs[order[i]].At, evs[order[i]].Customer
		if !at.Before(bounds[opt.Periods]) {
			break
		}
		advance(at)
		old := total[cust]
		for i < len(order) && evs[order[i]].At.Equal(at) && evs[order[i]].Customer == cust {
			e := evs[order[i]]
			if subs[cust] == nil {
				subs[cust] = map[SubscriptionID]decimal.Decimal{}
			}
			subs[cust][e.Subscription] = e.MRR
			i++
		}
		nt := decimal.Zero
		for _, v := range subs[cust] {
			nt = nt.Add(v)
		}
		total[cust] = nt
		if k < 0 {
			paid[cust] = paid[cust] || nt.Sign() > 0
			continue
		}
		p := &out[k]
		switch {
		case old.IsZero() && nt.Sign() > 0:
			if paid[cust] {
				p.Reactivation = p.Reactivation.Add(nt)
			} else {
				p.New = p.New.Add(nt)
			}
			paid[cust] = true
		case old.Sign() > 0 && nt.IsZero():
			p.Churn = p.Churn.Add(old)
		case nt.GreaterThan(old):
			p.Expansion = p.Expansion.Add(nt.Sub(old))
		case nt.LessThan(old):
			p.Contraction = p.Contraction.Add(old.Sub(nt))
		}
	}
	advance(bounds[opt.Periods])
	out[k].EndMRR = sumAll()
	return out
}

func TestBridgeMatchesReference(t *testing.T) {
	n := 5000
	if testing.Short() {
		n = 1000
	}
	for _, seed := range []uint64{1, 2, 3} {
		evs := syntheticSubscriptions(n, seed)
		opt := BridgeOptions{From: utc(2025, 3, 1, 0), Periods: 18}
		l, err := NewLedger(evs)
		if err != nil {
			t.Fatal(err)
		}
		got, err := l.Bridge(opt)
		if err != nil {
			t.Fatal(err)
		}
		want := referenceBridge(evs, opt)
		for k := range want {
			g, w := got.Periods[k], want[k]
			for _, pair := range [][2]decimal.Decimal{{g.StartMRR, w.StartMRR}, {g.New, w.New}, {g.Expansion, w.Expansion}, {g.Reactivation, w.Reactivation}, {g.Contraction, w.Contraction}, {g.Churn, w.Churn}, {g.EndMRR, w.EndMRR}} {
				if !pair[0].Equal(pair[1]) {
					t.Fatalf("seed %d period %d: got %v, reference %v", seed, k, rowOf(g), rowOf(w))
				}
			}
		}
	}
}

var benchSizes = []int{10, 1000, 100000, 1000000}

// BenchmarkMRRMovements builds a ledger from n subscription events and computes a 24-month
// bridge; the reference sub-benchmark replays the same events with maps of decimals.
func BenchmarkMRRMovements(b *testing.B) {
	opt := BridgeOptions{From: utc(2025, 1, 1, 0), Periods: 24}
	for _, n := range benchSizes {
		evs := syntheticSubscriptions(n, 42)
		b.Run(fmt.Sprintf("ledger/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l, err := NewLedger(evs)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := l.Bridge(opt); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("reference/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = referenceBridge(evs, opt)
			}
		})
	}
}

// BenchmarkMRRBridgeOnly measures Bridge on a ledger built once.
func BenchmarkMRRBridgeOnly(b *testing.B) {
	opt := BridgeOptions{From: utc(2025, 1, 1, 0), Periods: 24}
	for _, n := range benchSizes {
		l, err := NewLedger(syntheticSubscriptions(n, 42))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.Bridge(opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
