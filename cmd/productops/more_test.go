package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInputErrors covers the ways an input can be malformed: each names its place.
func TestInputErrors(t *testing.T) {
	for _, c := range []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"wrong type", `{"items": [{"id": 5}]}`, []string{"rank"}, "<stdin>:1:19: items.id: cannot use a JSON number here (want a string)"},
		{"empty", "", []string{"rank"}, "<stdin>: empty input: expected JSON"},
		{"truncated", `[{"id": "A"`, []string{"rank"}, "unexpected end of JSON"},
		{"trailing", `[] []`, []string{"rank"}, "<stdin>:1:4: unexpected data after the JSON value"},
		{"csv quote", "id,title\nA,\"x\"y\n", []string{"rank", "-"}, "<stdin>:2:"},
		{"csv empty", "", []string{"rank", "testdata/empty.csv"}, "empty CSV"},
		{"no items", `[]`, []string{"rank"}, "the backlog has no items"},
		{"missing input", `[{"id": "A", "reach": "1"}]`, []string{"rank"}, "<stdin>:1:2: items[0].impact: is required for rice"},
		{"wsjf missing", `[{"id": "A"}]`, []string{"rank", "--framework", "wsjf"}, "items[0].job_size: is required for wsjf"},
		{"ice without effort", `[{"id": "A", "impact": "5", "confidence": "5", "ease": "5"}]`, []string{"rank", "--framework", "ice", "--capacity", "x=1"}, "needs an effort for every item"},
		{"report config field", `{"backlog": "x.json", "bogus": 1}`, []string{"report", "-"}, `<stdin>:1:23: unknown field "bogus"`},
		{"report no as_of", `{"backlog": "testdata/backlog.csv"}`, []string{"report", "-"}, "as_of: is required"},
		{"report missing file", `{"as_of": "2026-08-19", "backlog": "nope.json"}`, []string{"report", "-", "-o", "-"}, "nope.json: cannot read"},
		{"tickets as_of", `{"policies": [], "tickets": []}`, []string{"feedback", "--tickets", "-"}, "no as_of in the file"},
		{"roadmap zone", `{"zone": "Mars/Olympus", "sprint_start": "2026-07-06", "sprints": 1, "teams": [], "items": []}`, []string{"roadmap"}, "<stdin>:1:10: zone: unknown time zone"},
		{"roadmap horizon", `{"horizon": "soon", "sprint_start": "2026-07-06", "sprints": 1, "teams": [], "items": []}`, []string{"roadmap"}, "horizon: want a period"},
		{"roadmap team", `{"sprint_start": "2026-07-06", "sprints": 0, "teams": [{"id": "a", "capacity": "1"}], "items": []}`, []string{"roadmap"}, "teams[0]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, c.stdin, c.args...)
			if code != exitError {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
			}
			if !strings.Contains(errOut, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, errOut)
			}
		})
	}
}

// TestReportConfig builds a report from a config file whose paths are relative to it.
func TestReportConfig(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.html")
	stdout, errOut, code := runCLI(t, "", "report", "testdata/report.json", "--as-of", "2026-08-19", "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Review from a config file", "chart-timeline", "chart-launch", "go with risks", "chart-sla"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if !strings.Contains(stdout, "4 sections") {
		t.Errorf("summary: %s", stdout)
	}
	html, _, code := runCLI(t, "", "report", "--demo", "-o", "-")
	if code != exitOK || !strings.HasPrefix(html, "<!DOCTYPE html>") {
		t.Errorf("report to stdout: exit %d, starts %.40q", code, html)
	}
	if _, errOut, code := runCLI(t, "", "report", "--demo", "testdata/report.json"); code != exitUsage {
		t.Errorf("--demo with a config: exit %d: %s", code, errOut)
	}
}

// TestLaunchDiffFromEvaluation compares with an earlier run's JSON (bare and wrapped).
func TestLaunchDiffFromEvaluation(t *testing.T) {
	for _, prev := range []string{"testdata/golden/launch.json", "testdata/golden/launch-diff.json"} {
		out, errOut, code := runCLI(t, "", "launch", "testdata/launch-fixed.json", "--as-of", demoAsOf, "--diff", prev, "--view", "changes", "--format", "csv")
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", prev, code, errOut)
		}
		if prev == "testdata/golden/launch.json" && !strings.Contains(out, "resolved,sec-pen-test") {
			t.Errorf("%s: changes:\n%s", prev, out)
		}
	}
	if _, errOut, code := runCLI(t, "", "launch", "testdata/launch-fixed.json", "--as-of", demoAsOf, "--diff", "testdata/syntax.json"); code != exitError || !strings.Contains(errOut, "testdata/syntax.json") {
		t.Errorf("bad --diff file: exit %d: %s", code, errOut)
	}
}

// TestDefaults covers the defaults: feedback's as-of after the latest signal, rank's
// thresholds flag.
func TestDefaults(t *testing.T) {
	out, errOut, code := runCLI(t, "", "feedback", "demo/feedback.json", "--view", "requests")
	if code != exitOK || !strings.Contains(out, "PRJ-101") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	out, errOut, code = runCLI(t, "", "rank", "testdata/backlog.csv", "--thresholds", "value=1000,effort=2", "--format", "json")
	if code != exitOK || !strings.Contains(out, `"quadrant_thresholds": {`) || !strings.Contains(out, `"value": "1000"`) {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, bad := range []string{"value=1", "value=1,effort=x", "speed=1,effort=2"} {
		if _, _, code := runCLI(t, "", "rank", "testdata/backlog.csv", "--thresholds", bad); code != exitUsage {
			t.Errorf("--thresholds %s: exit %d", bad, code)
		}
	}
	if _, _, code := runCLI(t, "", "feedback", "--similar", "2"); code != exitUsage {
		t.Errorf("--similar 2: exit %d", code)
	}
	if code := exitStatus(&usageError{errString("x")}, &strings.Builder{}); code != exitUsage {
		t.Errorf("usage error: %d", code)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestProgress draws a bar only for a terminal and a large input.
func TestProgress(t *testing.T) {
	var stderr strings.Builder
	e := &env{stderr: &stderr, stderrTTY: true}
	data := strings.Repeat("x", progressMinBytes+1)
	r, done := e.withProgress(strings.NewReader(data), int64(len(data)), "reading big.csv")
	b, err := io.ReadAll(r)
	done()
	if err != nil || len(b) != len(data) {
		t.Fatalf("read %d bytes, %v", len(b), err)
	}
	if !strings.Contains(stderr.String(), "reading big.csv") {
		t.Errorf("no progress bar on a terminal: %q", stderr.String())
	}
	stderr.Reset()
	e.stderrTTY = false
	r, done = e.withProgress(strings.NewReader(data), int64(len(data)), "reading big.csv")
	_, _ = io.ReadAll(r)
	done()
	if stderr.Len() != 0 {
		t.Errorf("progress bar when stderr is not a terminal: %q", stderr.String())
	}
}

// TestVendorBacklogs ranks the Jira search JSON and the Productboard CSV, with the
// default columns and with a mapping file.
func TestVendorBacklogs(t *testing.T) {
	for _, args := range [][]string{
		{"testdata/vendor/jira-search.json", "--from", "jira-search", "--confidence-unit", "percent"},
		{"testdata/vendor/productboard-features.csv", "--from", "productboard", "--mapping", "testdata/vendor/mapping.json"},
	} {
		out, errOut, code := runCLI(t, "", append([]string{"rank", "--format", "csv"}, args...)...)
		if code != exitOK || !strings.Contains(out, "1200 × 2 × 0.8 ÷ 3") {
			t.Errorf("%v: exit %d: %s%s", args, code, out, errOut)
		}
	}
	for _, fw := range []string{"ice", "wsjf"} {
		if _, errOut, code := runCLI(t, "", "rank", "testdata/vendor/jira-export.csv", "--from", "jira-csv", "--framework", fw); code != exitError || !strings.Contains(errOut, "no column \"Custom field (") {
			t.Errorf("%s: exit %d: %s", fw, code, errOut)
		}
	}
}

// TestReportCaps keeps a report of a large backlog and roadmap small: tables, the scatter
// and the timeline are capped and say so.
func TestReportCaps(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id,team,reach,impact,confidence,effort\n")
	for i := range 2100 {
		fmt.Fprintf(&b, "I%04d,app,%d,1,0.8,%d\n", i, 100+i, 1+i%5)
	}
	var items []string
	for i := range 100 {
		items = append(items, fmt.Sprintf(`{"id": "R%03d", "team": "t", "priority": 1, "estimate": "1"}`, i))
	}
	road := `{"horizon": "2026-Q3", "sprint_start": "2026-07-06", "sprints": 6, "teams": [{"id": "t", "capacity": "10"}], "items": [` + strings.Join(items, ",") + `]}`
	for name, data := range map[string]string{
		"backlog.csv":  b.String(),
		"roadmap.json": road,
		"report.json":  `{"as_of": "2026-08-19", "backlog": "backlog.csv", "roadmap": "roadmap.json"}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	html, errOut, code := runCLI(t, "", "report", filepath.Join(dir, "report.json"), "-o", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"top 200 of 2100 items", "Only the top 2000 of 2100 items are drawn", "more rows are not drawn"} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if len(html) > 3<<20 {
		t.Errorf("report is %d bytes", len(html))
	}
}
