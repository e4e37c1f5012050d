package launch

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/productops/productops/internal/golden"
)

// TestGoldenReports pins the text and JSON renderings of an evaluation, a diff and a
// guardrail run on the quickstart's plan.
func TestGoldenReports(t *testing.T) {
	data, err := os.ReadFile("testdata/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParsePlan(data)
	if err != nil {
		t.Fatal(err)
	}
	before, err := Evaluate(p, time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Items {
		if p.Items[i].ID == "qa-regression" || p.Items[i].ID == "sec-pen-test" {
			p.Items[i].Status = Done
		}
	}
	after, err := Evaluate(p, time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "evaluation.golden.txt", []byte(before.Text()))
	golden.Check(t, "evaluation.golden.json", golden.JSON(t, before))
	c := Diff(before, after)
	golden.Check(t, "diff.golden.txt", []byte(c.Text()))
	golden.Check(t, "diff.golden.json", golden.JSON(t, c))

	gdata, err := os.ReadFile("testdata/guardrail.json")
	if err != nil {
		t.Fatal(err)
	}
	var in struct {
		Guardrail Guardrail `json:"guardrail"`
		Ticks     []Tick    `json:"ticks"`
	}
	if err := json.Unmarshal(gdata, &in); err != nil {
		t.Fatal(err)
	}
	res, err := Analyze(in.Guardrail, in.Ticks)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "guardrail.golden.json", golden.JSON(t, res))
}
