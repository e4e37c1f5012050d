package feedback

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/shopspring/decimal"
	"math"
	"testing"
	"time"

	"github.com/productops/productops"
)

// No exported function or method panics on a nil pointer argument or receiver: those that
// return an error return a *productops.ValidationError, the others a zero answer.
func TestNilArguments(t *testing.T) {
	var (
		ds  *Dataset
		rep *DemandReport
		x   *DedupeIndex
		ev  *SLAEvaluator
		cal *Calendar
		tk  *Ticket
		c   *SLACompliance
		req *Request
	)
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	good := standardEvaluator(t)
	errs := map[string]error{
		"Demand":            mustErr(Demand(nil, asOf, DemandOptions{})),
		"ThemeRollup":       mustErr(ThemeRollup(nil)),
		"Dataset.Validate":  ds.Validate(),
		"Dataset.Merge":     ds.Merge("a", "b", asOf),
		"Dataset.Unmerge":   ds.Unmerge("a"),
		"Dataset.Canonical": mustErr(ds.Canonical("a")),
		"WriteText":         rep.WriteText(&bytes.Buffer{}, 0),
		"WriteText writer":  (&DemandReport{}).WriteText(nil, 0),
		"Index.Add":         x.Add("a", "b"),
		"Index.Pairs":       mustErr(x.Pairs()),
		"Evaluate":          mustErr(ev.Evaluate(&Ticket{}, asOf)),
		"Evaluate ticket":   mustErr(good.Evaluate(nil, asOf)),
		"EvaluateInto":      mustErr(good.EvaluateInto(nil, nil, asOf)),
		"SetStatus":         req.SetStatus(RequestPlanned, asOf, "", ""),
		"NewSLAEvaluator":   mustErr(NewSLAEvaluator(standardPolicies(), nil, nil)),
		"EvaluateAll":       mustErr(ev.EvaluateAll(nil, asOf)),
		//lint:ignore SA1012 a nil context is what is tested
		"SupportKPIsContext": mustErr(SupportKPIsContext(nil, nil, asOf, SupportKPIOptions{})), //nolint:staticcheck
		//lint:ignore SA1012 a nil context is what is tested
		"FindDuplicatesContext": mustErr(FindDuplicatesContext(nil, nil, DedupeOptions{})), //nolint:staticcheck
	}
	for name, err := range errs {
		if !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: error %v, want one matching productops.ErrInvalid", name, err)
		}
	}
	if d, ok := FirstReplyTime(nil, nil); d != 0 || ok {
		t.Error("FirstReplyTime(nil, nil)")
	}
	if _, ok := FirstResolutionTime(tk, cal); ok {
		t.Error("FirstResolutionTime(nil)")
	}
	if _, ok := FullResolutionTime(tk, cal); ok {
		t.Error("FullResolutionTime(nil)")
	}
	if Reopens(tk) != 0 || OneTouch(tk, OneTouchZendeskExplore) || ds.MergedInto("a") != nil {
		t.Error("nil ticket or dataset gave an answer")
	}
	if _, ok := rep.Request("a"); ok || x.Len() != 0 || x.Suggest("a", 1) != nil {
		t.Error("nil report or index gave an answer")
	}
	c.Add(SLAResult{Metric: SLAFirstReply})
	c.Merge(&SLACompliance{})
	(&SLACompliance{}).Merge(nil)
	if c.Total().Results() != 0 || c.Metric(SLAFirstReply).Results() != 0 {
		t.Error("nil compliance counted")
	}
	for range c.All() {
		t.Error("nil compliance yielded")
	}
	// A nil calendar is calendar time in UTC.
	a := time.Date(2026, 3, 8, 1, 0, 0, 0, time.UTC)
	if cal.Duration(a, a.Add(time.Hour)) != time.Hour || !cal.Add(a, time.Hour).Equal(a.Add(time.Hour)) ||
		!cal.NextOpen(a).Equal(a) || !cal.IsOpen(a) || cal.Name() != "" || cal.Location() != time.UTC ||
		cal.String() != "calendar time (UTC)" || cal.DateOf(a) != (LocalDate{2026, 3, 8}) {
		t.Error("nil calendar is not calendar time")
	}
	if s, err := cal.DayStart(LocalDate{2026, 3, 8}); err != nil || !s.Equal(time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("nil calendar DayStart = %v, %v", s, err)
	}
	if cal.Add(a, math.MaxInt64).Year() != 2262 || !cal.Add(a, math.MinInt64).Equal(a.Add(math.MinInt64)) {
		t.Error("nil calendar Add does not saturate")
	}

}

// Every input error of the package matches productops.ErrInvalid, sentinels included.
func TestInputErrorsAreInvalid(t *testing.T) {
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	var pol SLAPolicy
	var tg SLATarget
	var comp SLACompliance
	var ct ClockTime
	var cr ClockRange
	var ld LocalDate
	ds := &Dataset{Requests: []Request{{ID: "a"}, {ID: "b", MergedInto: "a"}}}
	x, _ := NewDedupeIndex(DedupeOptions{})
	_ = x.Add("a", "text")
	r := &Request{ID: "r", Status: RequestCompleted}
	cases := map[string]struct {
		err      error
		sentinel error
	}{
		"ParseClockTime":          {mustErr(ParseClockTime("25:00")), nil},
		"ParseClockRange":         {mustErr(ParseClockRange("x")), nil},
		"ParseClockRange start":   {mustErr(ParseClockRange("9:00-10:00")), nil},
		"ParseClockRange end":     {mustErr(ParseClockRange("09:00-10")), nil},
		"ParseClockRange order":   {mustErr(ParseClockRange("10:00-09:00")), nil},
		"ParseLocalDate":          {mustErr(ParseLocalDate("2026-02-30")), nil},
		"ParseLocalDate year":     {mustErr(ParseLocalDate("0000-01-01")), nil},
		"ClockTime.UnmarshalText": {ct.UnmarshalText([]byte("x")), nil},
		"ClockTime.MarshalText":   {mustErr(ClockTime(-1).MarshalText()), nil},
		"ClockRange.Unmarshal":    {cr.UnmarshalText([]byte("x")), nil},
		"ClockRange.MarshalText":  {mustErr(ClockRange{}.MarshalText()), nil},
		"LocalDate.UnmarshalText": {ld.UnmarshalText([]byte("x")), nil},
		"LocalDate.MarshalText":   {mustErr(LocalDate{}.MarshalText()), nil},
		"SLA target duration":     {json.Unmarshal([]byte(`{"targets":[{"metric":"first_reply_time","priority":"low","target":"soon"}]}`), &pol), nil},
		"SLA target JSON":         {tg.UnmarshalJSON([]byte(`{"target":1}`)), nil},
		"SLA compliance JSON":     {comp.UnmarshalJSON([]byte(`[`)), nil},
		"SLA compliance metric":   {comp.UnmarshalJSON([]byte(`{"x":{}}`)), nil},
		"SLA compliance count":    {comp.UnmarshalJSON([]byte(`{"first_reply_time":{"achieved":-1}}`)), nil},
		"SetStatus":               {r.SetStatus(RequestInProgress, asOf, "", ""), ErrStatusTransition},
		"Merge unknown":           {ds.Merge("zz", "a", asOf), ErrUnknownRequest},
		"Merge cycle":             {ds.Merge("a", "b", asOf), ErrMergeCycle},
		"Unmerge":                 {ds.Unmerge("a"), ErrNotMerged},
		"Canonical":               {mustErr(ds.Canonical("zz")), ErrUnknownRequest},
		"Index.Add":               {x.Add("a", "again"), ErrDuplicateID},
		"Currency":                {&CurrencyError{Request: "a"}, ErrMixedCurrency},
		"Limit":                   {&LimitError{Limit: "max_pairs"}, ErrLimit},
		"NewCalendar":             {mustErr(NewCalendar(BusinessHours{})), nil},
		"SupportKPIs":             {mustErr(SupportKPIs([]Ticket{{}}, asOf, SupportKPIOptions{})), nil},
		"CSAT":                    {mustErr(CSAT([]CSATSurvey{{Answered: true, Score: 7}})), nil},
		"CES":                     {mustErr(CES([]int{0})), nil},
		"Deflection":              {mustErr(Deflection(DeflectionCounts{Tickets: -1})), nil},
	}
	for name, c := range cases {
		if !errors.Is(c.err, productops.ErrInvalid) {
			t.Errorf("%s: %v does not match productops.ErrInvalid", name, c.err)
		}
		if c.sentinel != nil && !errors.Is(c.err, c.sentinel) {
			t.Errorf("%s: %v does not match %v", name, c.err, c.sentinel)
		}
		var ve *productops.ValidationError
		if _, isCurrency := c.err.(*CurrencyError); !isCurrency && c.sentinel != ErrLimit && !errors.As(c.err, &ve) {
			t.Errorf("%s: %v is not a *productops.ValidationError", name, c.err)
		}
	}
}

// EvaluateAll gives each ticket's Evaluate report and their tally; its Context variant and
// SupportKPIsContext stop on a done context.
func TestBatchesAndCancellation(t *testing.T) {
	tickets := genTickets(3000)
	ev := standardEvaluator(t)
	asOf := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	b, err := ev.EvaluateAll(tickets, asOf)
	if err != nil {
		t.Fatal(err)
	}
	var want SLACompliance
	for i := range tickets {
		r, err := ev.Evaluate(&tickets[i], asOf)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(r, b.Reports[i]); diff != "" {
			t.Fatalf("ticket %d (-Evaluate +EvaluateAll)\n%s", i, diff)
		}
		want.Add(r.Results...)
	}
	if want.Total() != b.Compliance.Total() || want.Total().Results() == 0 {
		t.Errorf("compliance %+v, want %+v", b.Compliance.Total(), want.Total())
	}
	bad := append([]Ticket{{ID: "x"}}, tickets[:2]...)
	bad[2].Schedule = "nope"
	if diff := cmp.Diff([]string{"tickets[0].created_at", "tickets[2].schedule"}, fieldtest.Paths(t, mustErr(ev.EvaluateAll(bad, asOf)))); diff != "" {
		t.Errorf("bad tickets (-want +got)\n%s", diff)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ev.EvaluateAllContext(ctx, tickets, asOf); !errors.Is(err, context.Canceled) {
		t.Errorf("EvaluateAllContext: %v", err)
	}
	if _, err := SupportKPIsContext(ctx, tickets, asOf, SupportKPIOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("SupportKPIsContext: %v", err)
	}
	// Cancelled between validation and the computation: the second check fires.
	ctx2 := &cancelAfter{Context: context.Background(), n: 3}
	if _, err := ev.EvaluateAllContext(ctx2, tickets, asOf); !errors.Is(err, context.Canceled) {
		t.Errorf("EvaluateAllContext, late: %v", err)
	}
	ctx3 := &cancelAfter{Context: context.Background(), n: 3}
	if _, err := SupportKPIsContext(ctx3, tickets, asOf, SupportKPIOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("SupportKPIsContext, late: %v", err)
	}
	j, err := json.Marshal(b)
	if err != nil || !bytes.Contains(j, []byte(`"compliance":{"`)) {
		t.Errorf("batch JSON: %.200s %v", j, err)
	}
}

// cancelAfter is a context whose Err turns to context.Canceled after n calls.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// Decimals are bounded before any comparison or arithmetic: a value built in Go with an
// exponent of -2^30 is an error at once, and decimal.Zero means 0 like NewFromInt(0).
func TestDecimalsBounded(t *testing.T) {
	huge := decimal.New(1, -(1 << 30))
	wide := decimal.RequireFromString("1234567890123456789012345678901234567890123")
	guard(t, guardTime, 1<<24, func() {
		a := Account{ID: "a", AccountState: AccountState{MRR: huge, ARR: wide, Currency: "USD"},
			Snapshots: []AccountSnapshot{{At: day(1), AccountState: AccountState{MRR: huge.Neg(), Currency: "USD"}}}}
		if diff := cmp.Diff([]string{"mrr dbound", "arr dbound", "snapshots[0].mrr dbound"}, fieldtest.Rules(t, a.Validate())); diff != "" {
			t.Errorf("account (-want +got)\n%s", diff)
		}
		ds := &Dataset{Accounts: []Account{a}}
		if _, err := Demand(ds, day(2), DemandOptions{}); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("Demand: %v", err)
		}
		_, err := Demand(&Dataset{}, day(2), DemandOptions{SegmentWeights: map[string]decimal.Decimal{"a": huge, "b": decimal.NewFromInt(-1)}})
		if diff := cmp.Diff([]string{`segment_weights["a"] dbound`, `segment_weights["b"] dgte`}, fieldtest.Rules(t, err)); diff != "" {
			t.Errorf("weights (-want +got)\n%s", diff)
		}
	})
	for _, zero := range []decimal.Decimal{decimal.Zero, {}, decimal.NewFromInt(0), decimal.New(0, 5)} {
		a := Account{ID: "a", AccountState: AccountState{MRR: zero, ARR: zero}}
		if err := a.Validate(); err != nil || a.hasRevenue() {
			t.Errorf("zero %v: %v, revenue %v", zero, err, a.hasRevenue())
		}
	}
}
