package sla

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/productops/productops"
	"github.com/productops/productops/beam/internal/testdata"
	"github.com/productops/productops/feedback"
)

func TestMain(m *testing.M) { ptest.Main(m) }

func options(business bool) Options {
	o := Options{Policies: testdata.Policies(business), AsOf: time.Date(2026, 8, 15, 0, 0, 0, 0, time.UTC),
		Schedules: []feedback.BusinessHours{testdata.Hours("emea", "Europe/Berlin")}}
	if business {
		h := testdata.Hours("ny", "America/New_York")
		o.BusinessHours = &h
	}
	return o
}

// inMemory evaluates the tickets in one process.
func inMemory(t *testing.T, tickets []feedback.Ticket, o Options) []byte {
	t.Helper()
	e, err := o.Evaluator()
	if err != nil {
		t.Fatal(err)
	}
	var b feedback.SLABreakdown
	for i := range tickets {
		rs, err := e.EvaluateInto(nil, &tickets[i], o.AsOf)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Add(rs...); err != nil {
			t.Fatal(err)
		}
	}
	data, err := b.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() < 20 {
		t.Fatalf("only %d cells: the data cannot tell a wrong merge", b.Len())
	}
	return data
}

// The pipeline's breakdown is byte-identical to the in-memory one (the encoding is
// canonical), in calendar and business time.
func TestComplianceEqualsInMemory(t *testing.T) {
	tickets := testdata.Tickets(2000, 1)
	for _, business := range []bool{false, true} {
		o := options(business)
		want := inMemory(t, tickets, o)
		p, s := beam.NewPipelineWithRoot()
		col := beam.CreateList(s, testdata.Lines(tickets))
		out, err := Compliance(s, col, o)
		if err != nil {
			t.Fatal(err)
		}
		passert.Equals(s, out, want)
		ptest.RunAndValidate(t, p)
	}
}

func TestComplianceBadTicket(t *testing.T) {
	p, s := beam.NewPipelineWithRoot()
	col := beam.Create(s, `{"id":"T1","created_at":"2026-06-01T00:00:00Z","priority":"low","status":"new","colour":"red"}`)
	out, err := Compliance(s, col, options(false))
	if err != nil {
		t.Fatal(err)
	}
	passert.Count(s, out, "breakdowns", 0)
	if err := ptest.Run(p); err == nil || !strings.Contains(err.Error(), "colour") {
		t.Fatalf("err = %v, want the unknown field named", err)
	}
}

func TestComplianceBadOptions(t *testing.T) {
	_, s := beam.NewPipelineWithRoot()
	col := beam.Create(s, "x")
	if _, err := Compliance(s, col, Options{Policies: testdata.Policies(false)}); err == nil {
		t.Error("missing as_of accepted")
	}
	o := options(false)
	o.Policies = append(o.Policies, o.Policies[0])
	if _, err := Compliance(s, col, o); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("duplicate policy: err = %v", err)
	}
	o = options(true)
	o.BusinessHours.Zone = "Mars/Olympus"
	if _, err := Compliance(s, col, o); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad zone: err = %v", err)
	}
	o = options(true)
	o.Schedules[0].Zone = ""
	if _, err := Compliance(s, col, o); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad schedule: err = %v", err)
	}
}

func TestParseTicket(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"id":"T1","created_at":"2026-06-01T00:00:00Z","priority":"low","status":"new"} {}`, "trailing data"},
		{`{"id":"T1"`, "unexpected EOF"},
		{`{"id":"","created_at":"2026-06-01T00:00:00Z","priority":"low","status":"new"}`, "id"},
		{`{"id":"` + strings.Repeat("x", 100) + `"`, `"...`},
	} {
		if _, err := ParseTicket([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseTicket(%.30s) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	var a, b feedback.SLABreakdown
	_ = a.Add(feedback.SLAResult{Policy: "p", Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityLow, State: feedback.SLAAchieved})
	_ = b.Add(feedback.SLAResult{Policy: "p", Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityLow, State: feedback.SLABreached})
	x, _ := a.MarshalBinary()
	y, _ := b.MarshalBinary()
	got, err := Decode(x, y)
	if err != nil {
		t.Fatal(err)
	}
	if tl := got.Get(feedback.SLAKey{Policy: "p", Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityLow}); tl != (feedback.SLATally{Achieved: 1, Breached: 1}) {
		t.Errorf("Decode merged %+v", tl)
	}
	if empty, err := Decode(); err != nil || empty.Len() != 0 {
		t.Errorf("Decode() = %v, %v", empty, err)
	}
	if _, err := Decode([]byte("junk")); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("Decode(junk) err = %v", err)
	}
	if _, err := (mergeFn{}).MergeAccumulators([]byte("junk"), x); err == nil {
		t.Error("MergeAccumulators accepted junk")
	}
	if _, err := (mergeFn{}).MergeAccumulators(x, []byte("junk")); err == nil {
		t.Error("MergeAccumulators accepted junk")
	}
}
