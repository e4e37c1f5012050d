package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/productops/productops/internal/golden"
)

// runCLI runs the command with args and returns its output and exit status.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	if strings.Contains(errb.String(), "goroutine ") || strings.Contains(errb.String(), "panic") {
		t.Fatalf("stack trace on stderr:\n%s", errb.String())
	}
	return out.String(), errb.String(), code
}

const demoAsOf = "2026-08-19T09:00:00-04:00"

// TestGolden checks every subcommand's table, JSON, CSV and markdown output.
func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"rank", []string{"rank", "demo/backlog.json", "--capacity", "platform=8,app=6"}, exitOK},
		{"rank-explain", []string{"rank", "demo/backlog.json", "--explain", "PRJ-101"}, exitOK},
		{"rank-csv-input", []string{"rank", "testdata/backlog.csv", "--capacity", "platform=5,app=3"}, exitOK},
		{"rank-jira", []string{"rank", "testdata/vendor/jira-export.csv", "--from", "jira-csv", "--confidence-unit", "percent"}, exitOK},
		{"rank-ice", []string{"rank", "testdata/backlog-ice.json", "--framework", "ice"}, exitOK},
		{"kpis", []string{"kpis", "demo/events.csv", "--funnel", "signup,view_item,add_to_cart,purchase", "--breakdown", "plan", "--as-of", demoAsOf}, exitOK},
		{"kpis-amplitude", []string{"kpis", "demo/events.csv", "--preset", "amplitude", "--granularity", "day", "--periods", "7", "--funnel", "signup,purchase"}, exitOK},
		{"launch", []string{"launch", "demo/launch-plan.json", "--as-of", demoAsOf}, exitNoGo},
		{"launch-diff", []string{"launch", "testdata/launch-fixed.json", "--as-of", demoAsOf, "--diff", "demo/launch-plan.json"}, exitOK},
		{"roadmap", []string{"roadmap", "demo/roadmap.json"}, exitOK},
		{"feedback", []string{"feedback", "demo/feedback.json", "--tickets", "demo/support-queue.json", "--as-of", demoAsOf}, exitOK},
	}
	formats := []struct{ name, ext string }{{"table", "txt"}, {"json", "json"}, {"csv", "csv"}, {"markdown", "md"}}
	for _, c := range cases {
		for _, f := range formats {
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				out, errOut, code := runCLI(t, "", append(c.args, "--format", f.name)...)
				if code != c.code {
					t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.code, errOut)
				}
				golden.Check(t, filepath.Join("golden", c.name+"."+f.ext), []byte(out))
			})
		}
	}
}

// TestViews checks that --view picks one table, and that csv writes the named one.
func TestViews(t *testing.T) {
	for _, c := range []struct {
		args []string
		head string
	}{
		{[]string{"roadmap", "demo/roadmap.json", "--view", "unfit"}, "id,reason,blocker,detail,title"},
		{[]string{"feedback", "--tickets", "demo/support-queue.json", "--view", "sla"}, "metric,achieved,breached,active,paused,compliance"},
		{[]string{"rank", "demo/backlog.json", "--capacity", "platform=8,app=6", "--view", "selection"}, "team,capacity,used,selected"},
		{[]string{"launch", "testdata/launch-fixed.json", "--as-of", demoAsOf, "--view", "reasons"}, "severity,kind,subject,function,message"},
	} {
		out, errOut, code := runCLI(t, "", append(c.args, "--format", "csv")...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut)
		}
		if first, _, _ := strings.Cut(out, "\n"); first != c.head {
			t.Errorf("%v: header %q, want %q", c.args, first, c.head)
		}
	}
	if _, errOut, code := runCLI(t, "", "roadmap", "demo/roadmap.json", "--view", "nope"); code != exitUsage || !strings.Contains(errOut, "schedule, unfit") {
		t.Errorf("unknown view: exit %d, stderr %q", code, errOut)
	}
}

// TestStdin reads the input from standard input ("-" or no file).
func TestStdin(t *testing.T) {
	data, err := os.ReadFile("testdata/backlog.csv")
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, string(data), "rank", "--format", "csv")
	if code != exitOK || !strings.Contains(out, "DARK") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestExitCodes runs one case per exit status, and checks that errors name the file,
// line and field.
func TestExitCodes(t *testing.T) {
	cases := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr []string
	}{
		{"ok", "", []string{"rank", "testdata/backlog.csv"}, exitOK, nil},
		{"help", "", []string{"--help"}, exitOK, nil},
		{"missing file", "", []string{"rank", "testdata/nope.json"}, exitError, []string{"testdata/nope.json: no such file"}},
		{"json field", "", []string{"rank", "testdata/bad-backlog.json"}, exitError, []string{"testdata/bad-backlog.json:4:", "items[1].confidence: must be at most 1"}},
		{"json syntax", "", []string{"rank", "testdata/syntax.json"}, exitError, []string{"testdata/syntax.json:2:30:", "invalid character ','"}},
		{"csv fields", "", []string{"rank", "testdata/bad-backlog.csv"}, exitError, []string{"testdata/bad-backlog.csv:3: column reach: must be at least 0", "testdata/bad-backlog.csv:4: column impact"}},
		{"csv unknown column", "id,bogus\nA,1\n", []string{"rank"}, exitError, []string{"<stdin>:2: column bogus: unknown column"}},
		{"launch enum", "{\"name\": \"x\", \"items\": [\n {\"id\": \"a\", \"function\": \"qa\", \"status\": \"bogus\"}]}", []string{"launch"}, exitError, []string{"<stdin>:2:", "unknown status \"bogus\""}},
		{"roadmap date", `{"sprint_start": "July", "sprints": 1, "teams": [], "items": []}`, []string{"roadmap"}, exitError, []string{"<stdin>:1:18: sprint_start: want a date"}},
		{"explain unknown", "", []string{"rank", "testdata/backlog.csv", "--explain", "NOPE"}, exitError, []string{"--explain \"NOPE\""}},
		{"unknown flag", "", []string{"rank", "--bogus"}, exitUsage, []string{"unknown flag: --bogus"}},
		{"unknown command", "", []string{"rnak"}, exitUsage, []string{"unknown command \"rnak\""}},
		{"bad format", "", []string{"rank", "--format", "xml"}, exitUsage, []string{"must be one of table, json, csv, markdown"}},
		{"two files", "", []string{"rank", "a.json", "b.json"}, exitUsage, []string{"at most one input file"}},
		{"bad capacity", "", []string{"rank", "testdata/backlog.csv", "--capacity", "platform"}, exitUsage, []string{"--capacity"}},
		{"bad framework", "[{\"id\": \"A\"}]", []string{"rank", "--framework", "moscow"}, exitUsage, []string{"must be rice, ice or wsjf"}},
		{"vendor without unit", "", []string{"rank", "testdata/vendor/jira-export.csv", "--from", "jira-csv"}, exitUsage, []string{"--confidence-unit"}},
		{"unknown vendor", "", []string{"rank", "testdata/vendor/jira-export.csv", "--from", "asana", "--framework", "ice"}, exitUsage, []string{"must be one of jira-csv, jira-search, productboard"}},
		{"vendor bad file", "", []string{"rank", "testdata/backlog.csv", "--from", "productboard", "--framework", "wsjf"}, exitError, []string{"testdata/backlog.csv"}},
		{"bad as-of", "", []string{"launch", "demo/launch-plan.json", "--as-of", "yesterday"}, exitUsage, []string{"--as-of \"yesterday\""}},
		{"report needs input", "", []string{"report"}, exitUsage, []string{"--demo"}},
		{"no-go", "", []string{"launch", "demo/launch-plan.json", "--as-of", demoAsOf}, exitNoGo, []string{"no_go (2 blocker(s))"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, c.stdin, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.code, errOut)
			}
			for _, want := range c.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if c.code == exitOK && errOut != "" {
				t.Errorf("stderr on success: %s", errOut)
			}
		})
	}
}

// TestReportDemo writes the demo report: one self-contained file, the same bytes every
// run, in well under a second.
func TestReportDemo(t *testing.T) {
	dir := t.TempDir()
	var files [2][]byte
	for i := range files {
		path := filepath.Join(dir, "r.html")
		start := time.Now()
		out, errOut, code := runCLI(t, "", "report", "--demo", "-o", path)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if d := time.Since(start); d > time.Second && !raceEnabled {
			t.Errorf("demo report took %v, want under a second", d)
		}
		if !strings.Contains(out, "wrote "+path) || !strings.Contains(out, "no_go") {
			t.Errorf("summary:\n%s", out)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two demo reports differ")
	}
	html := string(files[0])
	bare := strings.NewReplacer(`xmlns="http://www.w3.org/2000/svg"`, "", `xmlns:xlink="http://www.w3.org/1999/xlink"`, "").Replace(html)
	for _, bad := range []string{"<script", "http://", "https://", "<link", "@import", "src=", "url("} {
		if strings.Contains(bare, bad) {
			t.Errorf("report contains %q: not self-contained", bad)
		}
	}
	for _, id := range []string{"chart-active", "chart-retention", "chart-funnel", "chart-mrr", "chart-experiment", "chart-value-effort", "chart-timeline", "chart-launch", "chart-demand", "chart-sla"} {
		if !strings.Contains(html, `id="`+id+`-title"`) {
			t.Errorf("chart %s has no <title>", id)
		}
	}
	if !strings.Contains(html, "@media print") {
		t.Error("no print stylesheet")
	}
}
