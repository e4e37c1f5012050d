package launch

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

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
	golden(t, "evaluation.golden.txt", []byte(before.Text()))
	golden(t, "evaluation.golden.json", mustJSON(t, before))
	c := Diff(before, after)
	golden(t, "diff.golden.txt", []byte(c.Text()))
	golden(t, "diff.golden.json", mustJSON(t, c))

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
	golden(t, "guardrail.golden.json", mustJSON(t, res))
}
