package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium (or $CHROMIUM). In CI (CI set) a missing browser
// fails the test: .ci/run installs it, so the browser test never skips there.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium not found: CI must install it (apt-get install -y chromium)")
	}
	t.Skip("chromium not found; install Debian's chromium package or set $CHROMIUM")
	return ""
}

// TestReportInBrowser opens the demo report in headless Chromium: every chart has a
// non-empty SVG with a title, the page logs no console error and loads nothing from the
// network, and a screenshot of the page (and of the key charts) is saved.
func TestReportInBrowser(t *testing.T) {
	exe := chromiumPath(t)
	dir := t.TempDir()
	report := filepath.Join(dir, "report.html")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"report", "--demo", "-o", report}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("report --demo: exit %d: %s", code, stderr.String())
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1200, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()

	var mu sync.Mutex
	var problems []string
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == "error" || ev.Type == "warning" || ev.Type == "assert" {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				problems = append(problems, "console "+string(ev.Type)+": "+strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				problems = append(problems, "log error: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
				problems = append(problems, "network request: "+u)
			}
		}
	}
	bctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(listen))
	defer cancel()
	// The first call starts the browser; it must not carry the timeout (that would stop
	// the browser), the later ones do.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	defer cancel()

	type chartInfo struct {
		ID       string  `json:"id"`
		Title    string  `json:"title"`
		Elements int     `json:"elements"`
		Width    float64 `json:"width"`
		Height   float64 `json:"height"`
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+report), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatalf("load the report: %v", err)
	}
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartInfo](`[...document.querySelectorAll("figure.chart")].map(f => {
			const s = f.querySelector("svg");
			const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};
			const t = s && s.querySelector("title");
			return {id: f.id, title: t ? t.textContent : "", elements: s ? s.querySelectorAll("path,text,rect,circle,line,polyline,polygon").length : 0, width: r.width, height: r.height};
		})`))
	if err != nil {
		t.Fatalf("find the charts: %v", err)
	}
	page, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := t.ArtifactDir()
	if err := os.WriteFile(filepath.Join(out, "report.jpg"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", filepath.Join(out, "report.jpg"))

	want := []string{"chart-active", "chart-retention", "chart-funnel", "chart-mrr", "chart-experiment", "chart-value-effort", "chart-timeline", "chart-launch", "chart-demand", "chart-sla"}
	got := map[string]chartInfo{}
	for _, c := range charts {
		got[c.ID] = c
		if c.Elements < 10 || c.Width < 100 || c.Height < 50 {
			t.Errorf("chart %s is empty or tiny: %+v", c.ID, c)
		}
		if c.Title == "" {
			t.Errorf("chart %s has no <title>", c.ID)
		}
	}
	for _, id := range want {
		if _, ok := got[id]; !ok {
			t.Errorf("chart %s missing from the report (have %v)", id, charts)
		}
	}
	mu.Lock()
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
	mu.Unlock()

	// Screenshots of the charts the README shows; PRODUCTOPS_DOCS_SHOTS=dir writes them
	// there too (to refresh docs/).
	shots := []struct{ sel, file string }{
		{"#roadmap", "report-timeline.png"},
		{"#retention", "report-retention.png"},
	}
	for _, c := range want {
		shots = append(shots, struct{ sel, file string }{"#" + c, c + ".png"})
	}
	for _, s := range shots {
		nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(s.sel), chromedp.AtLeast(0)))
		if err != nil || len(nodes) == 0 {
			continue
		}
		png, err := chromedp.Run(ctx, chromedp.ScreenshotScale(chromedp.CSS(s.sel), 1.5))
		if err != nil {
			t.Fatalf("screenshot %s: %v", s.sel, err)
		}
		if err := os.WriteFile(filepath.Join(out, s.file), png, 0o644); err != nil {
			t.Fatal(err)
		}
		if d := os.Getenv("PRODUCTOPS_DOCS_SHOTS"); d != "" && strings.HasPrefix(s.file, "report-") {
			if err := os.WriteFile(filepath.Join(d, s.file), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
