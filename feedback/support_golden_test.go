package feedback

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/productops/productops/internal/golden"
)

// TestSupportGolden evaluates the sample queue of testdata/support_queue.json (the
// quickstart's queue) and compares every SLA result, the compliance tally and the KPI
// report with the reviewed golden file.
func TestSupportGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/support_queue.json")
	if err != nil {
		t.Fatal(err)
	}
	var q struct {
		BusinessHours BusinessHours `json:"business_hours"`
		Policies      []SLAPolicy   `json:"policies"`
		AsOf          time.Time     `json:"as_of"`
		Tickets       []Ticket      `json:"tickets"`
	}
	if err := json.Unmarshal(raw, &q); err != nil {
		t.Fatal(err)
	}
	cal, err := NewCalendar(q.BusinessHours)
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewSLAEvaluator(q.Policies, cal)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Reports    []SLAReport    `json:"reports"`
		Compliance *SLACompliance `json:"compliance"`
		KPIs       SupportReport  `json:"kpis"`
	}
	out.Compliance = &SLACompliance{}
	for i := range q.Tickets {
		rep, err := e.Evaluate(&q.Tickets[i], q.AsOf)
		if err != nil {
			t.Fatal(err)
		}
		out.Compliance.Add(rep.Results...)
		out.Reports = append(out.Reports, rep)
	}
	if out.KPIs, err = SupportKPIs(q.Tickets, q.AsOf, SupportKPIOptions{Calendar: cal}); err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "support_sla.golden.json", append(got, '\n'))
}
