package revenue

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/metrics"
)

func utc(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func subEv(c, s string, at time.Time, mrr string) SubscriptionEvent {
	return SubscriptionEvent{Customer: CustomerID(c), Subscription: SubscriptionID(s), At: at, MRR: dec(mrr), Currency: "USD"}
}

// bridgeRow is the part of a period the hand-worked vectors check, as strings.
type bridgeRow struct {
	Start, New, Expansion, Reactivation, Contraction, Churn, End string
	StartCust, EndCust, NewCust, ReactCust, ChurnMoves, Churned  int64
	Gross, Net, NRR, GRR, Quick, QuickReact, ARPA, Daily         string
}

func rowOf(p Period) bridgeRow {
	return bridgeRow{
		p.StartMRR.String(), p.New.String(), p.Expansion.String(), p.Reactivation.String(), p.Contraction.String(), p.Churn.String(), p.EndMRR.String(),
		p.StartCustomers, p.EndCustomers, p.NewCustomers, p.ReactivatedCustomers, p.ChurnMovements, p.ChurnedCustomers,
		p.GrossMRRChurn.String(), p.NetMRRChurn.String(), p.NRR.String(), p.GRR.String(), p.QuickRatio.String(), p.QuickRatioWithReactivation.String(), p.ARPA.String(), p.CustomerChurnDaily.String(),
	}
}

// bridgeEvents is the hand-worked history of mrr_test (see TestBridgeHandWorked).
func bridgeEvents() []SubscriptionEvent {
	return []SubscriptionEvent{
		subEv("A", "a1", utc(2025, 12, 10, 12), "100"),
		subEv("A", "a1", utc(2026, 1, 15, 12), "150"),
		subEv("A", "a2", utc(2026, 2, 1, 0), "50"), // at the boundary: belongs to February
		subEv("A", "a1", utc(2026, 3, 10, 12), "0"),
		subEv("B", "", utc(2025, 11, 1, 0), "200"),
		subEv("B", "", utc(2026, 1, 20, 12), "0"),
		subEv("B", "", utc(2026, 2, 5, 12), "120"),
		subEv("C", "c", utc(2026, 1, 3, 10), "80"),
		subEv("C", "c", utc(2026, 1, 25, 12), "0"),
		subEv("D", "d", utc(2025, 12, 1, 0), "300"),
		subEv("D", "d", utc(2026, 2, 10, 12), "250"),
		subEv("E", "e1", utc(2026, 2, 14, 9), "40"), // two subscriptions at once: one New movement
		subEv("E", "e2", utc(2026, 2, 14, 9), "60"),
	}
}

// Hand-worked bridge (ChartMogul movement rules, metrics.md §4.1–4.4).
// January: start A100 + B200 + D300 = 600; A +50 expansion; B churns 200; C is new (80) and
// churns (80) in the month; end 450. ChartMogul's customer churn counts B only (C joined
// and churned). Gross (280)/600, net (280 − 50)/600; cohort A, B, D ends at 150 + 0 + 300
// (NRR 0.75), capped 100 + 0 + 300 (GRR 0.666667); quick (80 + 50)/280. Daily churn: B
// churns on the 20th with A, B, C, D paying at its start (1/4), C on the 25th with A, C, D
// (1/3).
// February: A +50, B reactivates 120, D −50, E new 100; end 670. Net churn (50 − 50 −
// 120)/450 is negative; cohort A, D: NRR 450/450, GRR 400/450; quick 150/50, with
// reactivation 270/50.
// March: A −150; end 520.
func TestBridgeHandWorked(t *testing.T) {
	l, err := NewLedger(bridgeEvents())
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Bridge(BridgeOptions{From: utc(2026, 1, 17, 0), Periods: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []bridgeRow{
		{"600", "80", "50", "0", "0", "280", "450", 3, 2, 1, 0, 2, 1,
			"0.466667", "0.383333", "0.75", "0.666667", "0.464286", "0.464286", "225", "0.583333"},
		{"450", "100", "50", "120", "50", "0", "670", 2, 4, 1, 1, 0, 0,
			"0.111111", "-0.266667", "1", "0.888889", "3", "5.4", "167.5", "0"},
		{"670", "0", "0", "0", "150", "0", "520", 4, 4, 0, 0, 0, 0,
			"0.223881", "0.223881", "0.776119", "0.776119", "0", "0", "130", "0"},
	}
	var got []bridgeRow
	for _, p := range b.Periods {
		got = append(got, rowOf(p))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bridge (-want +got):\n%s", diff)
	}
	jan := b.Periods[0]
	if jan.CustomerChurn != metrics.NewRate(1, 3) || !jan.Start.Equal(utc(2026, 1, 1, 0)) || !jan.End.Equal(utc(2026, 2, 1, 0)) {
		t.Errorf("january: churn %v, %v–%v", jan.CustomerChurn, jan.Start, jan.End)
	}
	if !jan.ARR().Equal(dec("5400")) || !b.Periods[1].NetMovement().Equal(dec("220")) {
		t.Errorf("ARR %v, net movement %v", jan.ARR(), b.Periods[1].NetMovement())
	}
	if b.Currency != "USD" || l.Currency() != "USD" || l.Customers() != 5 {
		t.Errorf("currency %v customers %d", b.Currency, l.Customers())
	}
	if got := l.MRRAt(utc(2026, 2, 14, 9)); !got.Equal(dec("670")) {
		t.Errorf("MRRAt = %v", got)
	}
	if got := l.CustomerMRRAt("E", utc(2026, 2, 14, 9)); !got.Equal(dec("100")) {
		t.Errorf("CustomerMRRAt(E) = %v", got)
	}
	if got := l.CustomerMRRAt("nobody", utc(2026, 2, 14, 9)); !got.IsZero() {
		t.Errorf("unknown customer = %v", got)
	}
}

// ChartMogul's churn-rate example (metrics.md §4.2): start $100, churn $10, contraction
// $10, expansion $10 → gross MRR churn 20%, net MRR churn 10%.
func TestBridgeChartMogulExample(t *testing.T) {
	l, err := NewLedger([]SubscriptionEvent{
		subEv("x1", "", utc(2025, 12, 1, 0), "50"),
		subEv("x2", "", utc(2025, 12, 1, 0), "40"),
		subEv("x3", "", utc(2025, 12, 1, 0), "10"),
		subEv("x3", "", utc(2026, 1, 5, 0), "0"),
		subEv("x2", "", utc(2026, 1, 6, 0), "30"),
		subEv("x1", "", utc(2026, 1, 7, 0), "60"),
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Bridge(BridgeOptions{From: utc(2026, 1, 1, 0), Periods: 1})
	if err != nil {
		t.Fatal(err)
	}
	p := b.Periods[0]
	if p.GrossMRRChurn.Percent() != "20.00%" || p.NetMRRChurn.Percent() != "10.00%" {
		t.Errorf("gross %s net %s, want 20%% and 10%%", p.GrossMRRChurn.Percent(), p.NetMRRChurn.Percent())
	}
	// NRR = (100 + 10 − 10 − 10)/100, GRR = (100 − 10 − 10)/100.
	if p.NRR.String() != "0.9" || p.GRR.String() != "0.8" {
		t.Errorf("NRR %v GRR %v", p.NRR, p.GRR)
	}
}

func TestBridgeSnapshots(t *testing.T) {
	row := func(c string, at time.Time, mrr string) Snapshot {
		return Snapshot{Customer: CustomerID(c), At: at, MRR: dec(mrr), Currency: "EUR"}
	}
	l, err := NewLedgerFromSnapshots([]Snapshot{
		row("X", utc(2026, 1, 1, 0), "100"), row("Y", utc(2026, 1, 1, 0), "50"),
		row("X", utc(2026, 2, 1, 0), "120"), // Y absent: churned
		row("X", utc(2026, 3, 1, 0), "120"), row("Y", utc(2026, 3, 1, 0), "30"), row("Z", utc(2026, 3, 1, 0), "10"),
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Bridge(BridgeOptions{From: utc(2026, 1, 1, 0), Periods: 3})
	if err != nil {
		t.Fatal(err)
	}
	type mv struct{ Start, New, Exp, React, Contr, Churn, End string }
	var got []mv
	for _, p := range b.Periods {
		got = append(got, mv{p.StartMRR.String(), p.New.String(), p.Expansion.String(), p.Reactivation.String(), p.Contraction.String(), p.Churn.String(), p.EndMRR.String()})
	}
	want := []mv{
		{"0", "150", "0", "0", "0", "0", "150"},
		{"150", "0", "20", "0", "0", "50", "120"},
		{"120", "10", "0", "30", "0", "0", "160"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if b.Currency != "EUR" || b.Periods[0].NRR.Defined || b.Periods[0].QuickRatio.Defined || b.Periods[0].CustomerChurn.Defined {
		t.Errorf("empty start cohort should leave NRR, quick ratio and churn undefined: %+v", b.Periods[0])
	}
}

func TestBridgeDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata")
	}
	// 2026-03-01 00:30 New York is 05:30 UTC: inside March locally, not February.
	l, err := NewLedger([]SubscriptionEvent{subEv("A", "", time.Date(2026, 3, 1, 0, 30, 0, 0, ny), "10")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Bridge(BridgeOptions{Location: ny, From: time.Date(2026, 2, 10, 0, 0, 0, 0, ny), Periods: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Periods[0].New.IsZero() || !b.Periods[1].New.Equal(dec("10")) {
		t.Errorf("feb new %v, mar new %v", b.Periods[0].New, b.Periods[1].New)
	}
	if got := b.Periods[1].End; !got.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, ny)) {
		t.Errorf("march ends %v", got)
	}
	q, err := l.Bridge(BridgeOptions{From: utc(2026, 1, 1, 0), Periods: 2, MonthsPerPeriod: 3})
	if err != nil || !q.Periods[1].Start.Equal(utc(2026, 4, 1, 0)) || !q.Periods[0].New.Equal(dec("10")) {
		t.Errorf("quarters: %v %v", q.Periods, err)
	}
}

func TestLedgerInvalid(t *testing.T) {
	_, err := NewLedger([]SubscriptionEvent{
		{Customer: "", At: time.Time{}, MRR: dec("-5"), Currency: "usd"},
		subEv("A", "", utc(2026, 1, 1, 0), "1.1234567890123"),
	})
	fields := fieldtest.Paths(t, err)
	want := []string{"events[0].customer", "events[0].at", "events[0].mrr", "events[0].currency", "events[1].mrr"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	// Trailing zeros beyond 12 digits are fine.
	if _, err := NewLedger([]SubscriptionEvent{subEv("A", "", utc(2026, 1, 1, 0), "1.5000000000000000")}); err != nil {
		t.Errorf("trailing zeros: %v", err)
	}
	if _, err := NewLedger(nil); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("empty: %v", err)
	}
	_, err = NewLedger([]SubscriptionEvent{subEv("A", "", utc(2026, 1, 1, 0), "1"), {Customer: "B", At: utc(2026, 1, 1, 0), MRR: dec("1"), Currency: "EUR"}})
	var cm *CurrencyMismatchError
	if !errors.Is(err, ErrCurrencyMismatch) || !errors.Is(err, productops.ErrInvalid) || !errors.As(err, &cm) || cm.Index != 1 || cm.Got != "EUR" {
		t.Errorf("mixed currencies: %v", err)
	} else if err.Error() != "revenue: currency mismatch: record 1 is EUR, want USD" {
		t.Errorf("message %q", err.Error())
	}
	_, err = NewLedgerFromSnapshots([]Snapshot{{Customer: "A", At: utc(2026, 1, 1, 0), MRR: dec("1"), Currency: "US"}})
	if !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad currency in snapshot: %v", err)
	}
	if _, err := NewLedger([]SubscriptionEvent{subEv("A", "", utc(2026, 1, 1, 0), "5000000000000000000")}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("overflow: %v", err)
	}
	many := make([]SubscriptionEvent, 300)
	if _, err := NewLedger(many); len(fieldtest.Paths(t, err)) > 4*maxLedgerErrors+1 {
		t.Errorf("many bad rows: %v", err)
	}
	l, _ := NewLedger(bridgeEvents())
	if _, err := l.Bridge(BridgeOptions{Periods: 0, MonthsPerPeriod: -1}); len(fieldtest.Paths(t, err)) != 3 {
		t.Errorf("bad options: %v", err)
	}
	if err := (SubscriptionEvent{}).Validate(); err == nil {
		t.Error("zero event accepted")
	}
	if err := (Snapshot{Customer: "a", At: utc(2026, 1, 1, 0), MRR: dec("1"), Currency: "JPY"}).Validate(); err != nil {
		t.Error(err)
	}
	if err := Currency("EURO").Validate(); err == nil {
		t.Error("EURO accepted")
	}
}

func TestRetention(t *testing.T) {
	l, _ := NewLedger(bridgeEvents())
	// Cohort at 2026-01-01: A 100, B 200, D 300. At 2026-03-31: A 50 (a2 only), B 120
	// (reactivated, still in the cohort), D 250. C and E are not in the cohort.
	r, err := l.Retention(utc(2026, 1, 1, 0), utc(2026, 3, 31, 0))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{r.StartMRR.String(), r.EndMRR.String(), r.CappedMRR.String(), r.Expansion.String(), r.Contraction.String(), r.Churn.String(), r.NRR.String(), r.GRR.String()}
	want := []string{"600", "420", "420", "0", "180", "0", "0.7", "0.7"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if r.StartCustomers != 3 || r.RetainedCustomers != 3 || r.Currency != "USD" {
		t.Errorf("customers %d/%d", r.RetainedCustomers, r.StartCustomers)
	}
	empty, err := l.Retention(utc(2020, 1, 1, 0), utc(2021, 1, 1, 0))
	if err != nil || empty.NRR.Defined || empty.GRR.Defined || empty.CustomerRetention.Defined {
		t.Errorf("empty cohort: %+v %v", empty, err)
	}
	if _, err := l.Retention(utc(2026, 2, 1, 0), utc(2026, 1, 1, 0)); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("window ending before it starts: %v", err)
	}
	if _, err := l.Retention(time.Time{}, time.Time{}); len(fieldtest.Paths(t, err)) != 2 {
		t.Errorf("zero window: %v", err)
	}
}

func TestRevenueHelpers(t *testing.T) {
	got, err := NormalizeMRR(dec("2000"), 12) // ChartMogul: annual $2,000 → $166.67 MRR
	if err != nil || got.String() != "166.67" {
		t.Errorf("NormalizeMRR = %v %v", got, err)
	}
	if _, err := NormalizeMRR(dec("-1"), 0); len(fieldtest.Paths(t, err)) != 2 {
		t.Errorf("bad normalisation: %v", err)
	}
	tests := []struct {
		name string
		in   LTVInput
		want string
	}{
		{"naive", LTVInput{ARPA: dec("100"), ChurnRate: dec("0.04")}, "2500"},
		{"gross margin", LTVInput{ARPA: dec("100"), ChurnRate: dec("0.04"), GrossMargin: dec("0.8")}, "2000"},
		{"no churn", LTVInput{ARPA: dec("100")}, "undefined"},
		{"rounded", LTVInput{ARPA: dec("100"), ChurnRate: dec("0.03")}, "3333.33"},
	}
	for _, tc := range tests {
		got, err := LTV(tc.in)
		if err != nil || got.String() != tc.want {
			t.Errorf("%s: LTV = %v %v, want %s", tc.name, got, err, tc.want)
		}
	}
	if _, err := LTV(LTVInput{ARPA: dec("-1"), ChurnRate: dec("2"), GrossMargin: dec("-0.1")}); len(fieldtest.Paths(t, err)) != 3 {
		t.Errorf("bad LTV: %v", err)
	}
	pb := []struct {
		in   CACPaybackInput
		want string
	}{
		{CACPaybackInput{Spend: dec("12000"), NewMRR: dec("1000")}, "12"},
		{CACPaybackInput{Spend: dec("12000"), NewMRR: dec("1000"), GrossMargin: dec("0.75")}, "16"},
		{CACPaybackInput{Spend: dec("10000"), NewMRR: dec("3000"), GrossMargin: dec("1")}, "3.33"},
		{CACPaybackInput{Spend: dec("10")}, "undefined"},
	}
	for _, tc := range pb {
		got, err := CACPayback(tc.in)
		if err != nil || got.String() != tc.want {
			t.Errorf("%+v: payback = %v %v, want %s", tc.in, got, err, tc.want)
		}
	}
	if _, err := CACPayback(CACPaybackInput{Spend: dec("-1"), NewMRR: dec("-1"), GrossMargin: dec("1.5")}); len(fieldtest.Paths(t, err)) != 3 {
		t.Errorf("bad payback: %v", err)
	}
	if s := (metrics.DecimalRatio{}).Percent(); s != "undefined" {
		t.Errorf("undefined percent %q", s)
	}
	if s := formatMoney(dec("-1234567.5"), "USD"); s != "-1,234,567.50 USD" {
		t.Errorf("formatMoney = %q", s)
	}
}

// randomHistory generates a subscription history from seeds: customers × subscriptions ×
// amounts in cents, some cancellations, times across four months around the bridge.
func randomHistory(seeds []int64) []SubscriptionEvent {
	evs := make([]SubscriptionEvent, 0, len(seeds))
	base := utc(2025, 12, 1, 0)
	for i, s := range seeds {
		if s < 0 {
			s = -s
		}
		c := fmt.Sprintf("c%d", s%7)
		sub := SubscriptionID(fmt.Sprintf("s%d", (s/7)%3))
		at := base.Add(time.Duration(s%(130*24)) * time.Hour)
		cents := (s / 21) % 5
		mrr := decimal.New(cents*2550, -2) // 0, 25.50, 51.00, ...
		if i%5 == 4 {
			mrr = decimal.Zero
		}
		evs = append(evs, SubscriptionEvent{Customer: CustomerID(c), Subscription: sub, At: at, MRR: mrr, Currency: "USD"})
	}
	return evs
}

// Property: for random histories every period satisfies start + movements = end, periods
// chain, End MRR equals the ledger's MRR just before the period ends, GRR ≤ 1 and
// GRR ≤ NRR, and movements are never negative.
func TestBridgeProperties(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("MRR identity", prop.ForAll(
		func(seeds []int64) bool {
			if len(seeds) == 0 {
				return true
			}
			l, err := NewLedger(randomHistory(seeds))
			if err != nil {
				t.Log(err)
				return false
			}
			b, err := l.Bridge(BridgeOptions{From: utc(2026, 1, 1, 0), Periods: 3})
			if err != nil {
				t.Log(err)
				return false
			}
			one := decimal.NewFromInt(1)
			for k, p := range b.Periods {
				if !p.StartMRR.Add(p.NetMovement()).Equal(p.EndMRR) {
					return false
				}
				if k > 0 && !b.Periods[k-1].EndMRR.Equal(p.StartMRR) {
					return false
				}
				if !l.MRRAt(p.End.Add(-time.Nanosecond)).Equal(p.EndMRR) || !l.MRRAt(p.Start.Add(-time.Nanosecond)).Equal(p.StartMRR) {
					return false
				}
				for _, m := range []decimal.Decimal{p.New, p.Expansion, p.Reactivation, p.Contraction, p.Churn} {
					if m.Sign() < 0 {
						return false
					}
				}
				if p.GRR.Defined && (p.GRR.Value.GreaterThan(one) || p.GRR.Value.GreaterThan(p.NRR.Value)) {
					return false
				}
				if p.ChurnedCustomers > p.StartCustomers || p.CustomerChurnDaily.Value.Sign() < 0 {
					return false
				}
			}
			return true
		},
		gen.SliceOfN(40, gen.Int64Range(0, 1<<40)),
	))
	props.TestingRun(t)
}

// A customer with many subscriptions (past the short list) sums them all.
func TestLedgerManySubscriptions(t *testing.T) {
	var evs []SubscriptionEvent
	for i := range 40 {
		evs = append(evs, subEv("big", fmt.Sprintf("s%02d", i), utc(2026, 1, 2, i%24), "10"))
	}
	evs = append(evs, subEv("big", "s05", utc(2026, 1, 3, 0), "0"), subEv("big", "s39", utc(2026, 1, 3, 1), "20"))
	l, err := NewLedger(evs)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.MRRAt(utc(2026, 2, 1, 0)); !got.Equal(dec("400")) {
		t.Errorf("MRR = %v, want 400", got)
	}
}

// Every input type's Validate accepts a good value and rejects a bad one with
// productops.ErrInvalid and the expected number of field errors.
func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		good   interface{ Validate() error }
		bad    interface{ Validate() error }
		fields int
	}{
		{"LTVInput", LTVInput{ARPA: dec("1"), ChurnRate: dec("0.1")}, LTVInput{ARPA: dec("-1"), ChurnRate: dec("1.1"), GrossMargin: dec("2")}, 3},
		{"CACPaybackInput", CACPaybackInput{Spend: dec("1"), NewMRR: dec("1")}, CACPaybackInput{Spend: dec("-1"), NewMRR: dec("-1"), GrossMargin: dec("-1")}, 3},
		{"BridgeOptions", BridgeOptions{From: utc(2026, 1, 1, 0), Periods: 12, MonthsPerPeriod: 3}, BridgeOptions{Periods: MaxBridgePeriods + 1, MonthsPerPeriod: 121}, 3},
		{"SubscriptionEvent", subEv("a", "", utc(2026, 1, 1, 0), "1"), SubscriptionEvent{MRR: dec("-1"), Currency: "usd"}, 4},
		{"Snapshot", Snapshot{Customer: "a", At: utc(2026, 1, 1, 0), MRR: dec("0"), Currency: "USD"}, Snapshot{MRR: dec("-1")}, 4},
		{"Currency", Currency("CHF"), Currency("€"), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.good.Validate(); err != nil {
				t.Errorf("good value: %v", err)
			}
			err := tc.bad.Validate()
			if got := fieldtest.Paths(t, err); len(got) != tc.fields {
				t.Errorf("got %d field errors, want %d: %v", len(got), tc.fields, err)
			}
		})
	}
}

// Results serialise to JSON, even when undefined.
func TestResultsJSON(t *testing.T) {
	l, _ := NewLedger(bridgeEvents())
	b, _ := l.Bridge(BridgeOptions{From: utc(2026, 1, 1, 0), Periods: 3})
	r, _ := l.Retention(utc(2020, 1, 1, 0), utc(2020, 2, 1, 0))
	for _, v := range []any{b, r} {
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("%T: %v", v, err)
		}
	}
}
