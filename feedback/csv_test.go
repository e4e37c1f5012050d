package feedback

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
	"github.com/productops/productops/internal/golden"
	"github.com/shopspring/decimal"
)

// decimalEqual compares decimals by value, so a JSON round trip ("1250" for 1250.00) is
// judged on what it means.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// sampleDemand scores testdata/dataset.json with an opportunity and an anonymous item
// added, so every column of the CSV forms has a value.
func sampleDemand(t *testing.T) *DemandReport {
	t.Helper()
	b, err := os.ReadFile("testdata/dataset.json")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := ParseDataset(b)
	if err != nil {
		t.Fatal(err)
	}
	ds.Opportunities = append(ds.Opportunities, Opportunity{ID: "deal", Account: ds.Accounts[0].ID, Requests: []RequestID{ds.Requests[0].ID}, Value: dec("12000"), Currency: "USD"},
		Opportunity{ID: "prospect-deal", Account: ds.Accounts[1].ID, Requests: []RequestID{ds.Requests[0].ID}, Value: dec("500"), Currency: "USD"})
	ds.Items = append(ds.Items, Item{ID: "anon", Source: "widget", SourceRecord: "1", CreatedAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)})
	ds.Links = append(ds.Links, Link{Item: "anon", Request: ds.Requests[0].ID})
	r, err := Demand(&ds, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), DemandOptions{CountAnonymous: true,
		SegmentWeights: map[string]decimal.Decimal{"enterprise": dec("2")}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func readCSV(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// The demand report's JSON and CSV forms are pinned by golden files, read back to the same
// numbers, and its options parse back with the strict decoder.
func TestDemandReportOutputs(t *testing.T) {
	r := sampleDemand(t)
	golden.Check(t, "demand_report.golden.json", golden.JSON(t, r))
	var byReq, byAcc bytes.Buffer
	if err := r.WriteCSV(&byReq); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteAccountsCSV(&byAcc); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "demand_requests.golden.csv", byReq.Bytes())
	golden.Check(t, "demand_accounts.golden.csv", byAcc.Bytes())

	rows := readCSV(t, byReq.Bytes())
	if len(rows) != len(r.Requests) {
		t.Fatalf("%d rows for %d requests", len(rows), len(r.Requests))
	}
	for i, d := range r.Requests {
		row := rows[i]
		score, _ := decimal.NewFromString(row["score"])
		pipe, _ := decimal.NewFromString(row["pipeline"])
		people, _ := strconv.Atoi(row["people"])
		if row["request"] != string(d.Request) || !score.Equal(d.Score) || !pipe.Equal(d.Pipeline.Value) || people != d.People || row["status"] != d.Status.String() {
			t.Errorf("row %d %v does not read back as %+v", i, row, d)
		}
	}
	accRows := readCSV(t, byAcc.Bytes())
	n := 0
	for _, d := range r.Requests {
		n += len(d.ByAccount)
	}
	if len(accRows) < n {
		t.Errorf("%d account rows, want at least %d", len(accRows), n)
	}
	// JSON round trip: every field decodes back to the same values.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back DemandReport
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(*r, back, decimalEqual); diff != "" {
		t.Errorf("JSON round trip (-want +got)\n%s", diff)
	}
	ob, _ := json.Marshal(r.Options)
	opts, err := ParseDemandOptions(ob)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.Options, opts, decimalEqual); diff != "" {
		t.Errorf("options round trip (-want +got)\n%s", diff)
	}
}

func TestDuplicateReportOutputs(t *testing.T) {
	r, err := FindDuplicates(corpus(), DedupeOptions{Measure: SimilarityCosineTFIDF, Shingling: CharTrigrams})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "duplicates.golden.json", golden.JSON(t, r))
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "duplicates.golden.csv", buf.Bytes())
	rows := readCSV(t, buf.Bytes())
	for i, p := range r.Pairs {
		s, _ := strconv.ParseFloat(rows[i]["similarity"], 64)
		if rows[i]["a"] != string(p.A) || rows[i]["b"] != string(p.B) || s != p.Similarity || rows[i]["kind"] != p.Kind.String() || rows[i]["measure"] != "cosine_tfidf" {
			t.Errorf("row %d %v, pair %+v", i, rows[i], p)
		}
	}
	b, _ := json.Marshal(r)
	var back DuplicateReport
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(*r, back); diff != "" {
		t.Errorf("JSON round trip (-want +got)\n%s", diff)
	}
}

// The SLA breaches (every result, with a breached column) and the compliance tally of
// the sample queue, as CSV; the tally's JSON reads back.
func TestSLAOutputs(t *testing.T) {
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
	e, err := NewSLAEvaluator(q.Policies, MustCalendar(q.BusinessHours))
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.EvaluateAll(q.Tickets, q.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	var results, tally bytes.Buffer
	if err := b.WriteCSV(&results); err != nil {
		t.Fatal(err)
	}
	if err := b.Compliance.WriteCSV(&tally); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "sla_results.golden.csv", results.Bytes())
	golden.Check(t, "sla_compliance.golden.csv", tally.Bytes())
	rows := readCSV(t, results.Bytes())
	breached := 0
	i := 0
	for _, rep := range b.Reports {
		for _, res := range rep.Results {
			row := rows[i]
			el, _ := strconv.ParseFloat(row["elapsed_seconds"], 64)
			if row["ticket_id"] != string(rep.TicketID) || row["state"] != res.State.String() || time.Duration(el*1e9) != res.Elapsed {
				t.Errorf("row %d %v, result %+v", i, row, res)
			}
			if row["breached"] == "true" {
				breached++
			}
			i++
		}
	}
	if total := b.Compliance.Total(); breached != total.Breached {
		t.Errorf("%d breached rows, tally %d", breached, total.Breached)
	}
	tallyRows := readCSV(t, tally.Bytes())
	if last := tallyRows[len(tallyRows)-1]; last["metric"] != "total" || last["breached"] != strconv.Itoa(b.Compliance.Total().Breached) {
		t.Errorf("total row %v", last)
	}
	j, _ := json.Marshal(b)
	var back SLABatch
	if err := json.Unmarshal(j, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(*b, back, cmp.AllowUnexported(SLACompliance{})); diff != "" {
		t.Errorf("batch JSON round trip (-want +got)\n%s", diff)
	}
}

// Writers report their errors: a nil receiver or writer, and a failing writer.
func TestCSVErrors(t *testing.T) {
	var r *DemandReport
	var d *DuplicateReport
	var b *SLABatch
	var c *SLACompliance
	for name, err := range map[string]error{
		"demand":   r.WriteCSV(&bytes.Buffer{}),
		"accounts": r.WriteAccountsCSV(&bytes.Buffer{}),
		"dupes":    d.WriteCSV(&bytes.Buffer{}),
		"batch":    b.WriteCSV(&bytes.Buffer{}),
		"tally":    c.WriteCSV(&bytes.Buffer{}),
		"writer":   (&DuplicateReport{}).WriteCSV(nil),
	} {
		if !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	boom := errors.New("disk full")
	for name, f := range map[string]func(w io.Writer) error{
		"demand":   sampleDemand(t).WriteCSV,
		"accounts": sampleDemand(t).WriteAccountsCSV,
		"tally":    (&SLACompliance{}).WriteCSV,
	} {
		if err := f(&failWriter{err: boom}); !errors.Is(err, boom) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

type failWriter struct{ err error }

func (w *failWriter) Write([]byte) (int, error) { return 0, w.err }
