package revenue

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/fuzzguard"
)

// Hand-worked from ChartMogul's help centre: $100 at start, $10 churn, $10 contraction,
// $10 expansion: gross 20%, net 10%. Adding $5 reactivation brings ChartMogul's net to 5%
// but leaves Baremetrics' (Churned − Expansion)/Start at 10% and its NRR at 90%.
func TestRatesFromMovementsVendorVectors(t *testing.T) {
	d := decimal.RequireFromString
	m := MovementTotals{StartMRR: d("100"), Churn: d("10"), Contraction: d("10"), Expansion: d("10")}
	r, err := RatesFromMovements(m)
	if err != nil {
		t.Fatal(err)
	}
	if r.GrossMRRChurn.String() != "0.2" || r.NetMRRChurn.String() != "0.1" || r.NetRevenueChurnBaremetrics.String() != "0.1" || r.EndMRR.String() != "90" {
		t.Fatalf("%+v", r)
	}
	m.Reactivation = d("5")
	m.New = d("30")
	r, _ = RatesFromMovements(m)
	if r.NetMRRChurn.String() != "0.05" || r.NetRevenueChurnBaremetrics.String() != "0.1" || r.NRRBaremetrics.String() != "0.9" ||
		r.QuickRatio.String() != "2" || r.QuickRatioWithReactivation.String() != "2.25" || r.EndMRR.String() != "125" {
		t.Fatalf("%+v", r)
	}
	if !r.NetMRRChurn.Numerator.Equal(d("5")) || !r.NetMRRChurn.Denominator.Equal(d("100")) {
		t.Fatalf("exact form lost: %+v", r.NetMRRChurn)
	}
	// Expansion above losses: negative net churn, NRR above 1.
	r, _ = RatesFromMovements(MovementTotals{StartMRR: d("200"), Expansion: d("30"), Churn: d("10")})
	if r.NetRevenueChurnBaremetrics.String() != "-0.1" || r.NRRBaremetrics.String() != "1.1" {
		t.Fatalf("%+v", r)
	}
	// Zero start: undefined, never 0.
	r, _ = RatesFromMovements(MovementTotals{New: d("5")})
	if r.NetMRRChurn.Defined || r.NetRevenueChurnBaremetrics.Defined || r.NRRBaremetrics.Defined || r.QuickRatio.Defined {
		t.Fatalf("%+v", r)
	}
}

func TestRatesFromMovementsMatchBridge(t *testing.T) {
	l, err := NewLedger(bridgeEvents())
	if err != nil {
		t.Fatal(err)
	}
	br, err := l.Bridge(BridgeOptions{From: utc(2026, 1, 17, 0), Periods: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range br.Periods {
		r, err := RatesFromMovements(p.Movements())
		if err != nil {
			t.Fatal(err)
		}
		js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
		if js([]any{r.GrossMRRChurn, r.NetMRRChurn, r.NetRevenueChurnBaremetrics, r.NRRBaremetrics, r.QuickRatio, r.QuickRatioWithReactivation}) !=
			js([]any{p.GrossMRRChurn, p.NetMRRChurn, p.NetRevenueChurnBaremetrics, p.NRRBaremetrics, p.QuickRatio, p.QuickRatioWithReactivation}) || !r.EndMRR.Equal(p.EndMRR) {
			t.Fatalf("%v: %+v vs %+v", p.Start, r, p)
		}
	}
}

func TestMovementTotalsInvalid(t *testing.T) {
	_, err := RatesFromMovements(MovementTotals{StartMRR: decimal.New(1, -(1 << 30)), Churn: decimal.NewFromInt(-1)})
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatal(err)
	}
	if got := strings.Join(fieldtest.Paths(t, err), ","); got != "start_mrr,churn" {
		t.Fatal(got)
	}
	m, err := ParseMovementTotals([]byte(`{"start_mrr":"100","churn":"10"}`))
	if err != nil || !m.Churn.Equal(decimal.NewFromInt(10)) {
		t.Fatal(m, err)
	}
	for _, bad := range []string{`{"start_mrr":"1","x":1}`, `{"start_mrr":"1"} 1`, `{"churn":"-1"}`, `{"churn":true}`, `[`} {
		if _, err := ParseMovementTotals([]byte(bad)); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func FuzzRatesFromMovements(f *testing.F) {
	f.Add([]byte(`{"start_mrr":"100","churn":"10","contraction":"10","expansion":"10","reactivation":"5","new":"30"}`))
	f.Add([]byte(`{"start_mrr":"1e40","churn":"1e-40"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseMovementTotals(b)
		if err != nil {
			return
		}
		fuzzguard.Run(t, func() {
			r, err := RatesFromMovements(m)
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := json.Marshal(r); err != nil {
				t.Error(err)
			}
		})
	})
}

// Decimals built in Go beyond the module's bounds fail fast everywhere the package takes
// one, before any comparison or arithmetic.
func TestUnboundedDecimalsFailFast(t *testing.T) {
	huge := decimal.New(1, -(1 << 30))
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	checks := map[string]error{}
	_, checks["events[0].mrr"] = NewLedger([]SubscriptionEvent{{Customer: "c", Subscription: "s", At: at, MRR: huge, Currency: "USD"}})
	_, checks["snapshots[0].mrr"] = NewLedgerFromSnapshots([]Snapshot{{Customer: "c", At: at, MRR: huge, Currency: "USD"}})
	_, checks["amount"] = NormalizeMRR(huge, 12)
	_, checks["churn_rate"] = LTV(LTVInput{ChurnRate: huge})
	_, checks["new_mrr"] = CACPayback(CACPaybackInput{NewMRR: huge})
	for want, err := range checks {
		if !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: %v", want, err)
			continue
		}
		if got := strings.Join(fieldtest.Paths(t, err), ","); !strings.HasSuffix(got, want) && got != want {
			t.Errorf("want %s, got %s", want, got)
		}
	}
}
