package eventkpis

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/productops/productops/beam/internal/testdata"
	"github.com/productops/productops/metrics/events"
)

func TestMain(m *testing.M) { ptest.Main(m) }

// writeFiles writes the contents into dir as name0.ext, name1.ext, ...
func writeFiles(t *testing.T, dir, ext string, contents []string) string {
	t.Helper()
	for i, c := range contents {
		if err := os.WriteFile(filepath.Join(dir, "part"+string(rune('0'+i))+"."+ext), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "part*."+ext)
}

// inMemory is the report of the library's in-memory functions over one file.
func inMemory(t *testing.T, csv string) string {
	t.Helper()
	l, err := events.ReadCSV(strings.NewReader(csv), events.ReadOptions{TimeFormat: events.TimeUnixSeconds})
	if err != nil {
		t.Fatal(err)
	}
	o := Kit()
	ret, err := events.Retention(l, o.Retention)
	if err != nil {
		t.Fatal(err)
	}
	fun, err := events.Funnel(l, o.Funnel)
	if err != nil {
		t.Fatal(err)
	}
	act, err := events.DailyActivity(l, events.ActivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	WriteReport(&b, ret, fun, act, 30)
	return b.String()
}

// The pipeline over CSV split in 4 files and over JSON lines split in 3 gives the
// in-memory report of the whole, byte for byte, with bundles flushed often.
func TestReportEqualsInMemory(t *testing.T) {
	evs := testdata.Events(400, 1)
	whole := testdata.CSV(evs, 1)[0]
	want := inMemory(t, whole)
	if strings.Count(want, "\n") < 100 {
		t.Fatalf("report too small to tell:\n%s", want)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		format Format
		glob   string
	}{
		{CSV, writeFiles(t, dir, "csv", testdata.CSV(evs, 4))},
		{JSONLines, writeFiles(t, dir, "jsonl", testdata.JSONLines(evs, 3))},
	} {
		o := Kit()
		o.Format, o.FlushEvents = tc.format, 500
		p, s := beam.NewPipelineWithRoot()
		out, err := Report(s, tc.glob, o)
		if err != nil {
			t.Fatal(err)
		}
		passert.Equals(s, out, want)
		ptest.RunAndValidate(t, p)
	}
}

// The report matches the one examples/eventkpis prints for the same data (the kit's
// canonical format), built and run from the library's module.
func TestReportEqualsExample(t *testing.T) {
	if testing.Short() {
		t.Skip("builds examples/eventkpis")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	evs := testdata.Events(300, 2)
	dir := t.TempDir()
	data := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(data, []byte(testdata.CSV(evs, 1)[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "want.txt")
	cmd := exec.Command(goBin, "run", "./examples/eventkpis", "-data", data, "-o", want)
	cmd.Dir = ".."
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("examples/eventkpis: %v\n%s", err, out)
	}
	got := filepath.Join(dir, "got.txt")
	p, s := beam.NewPipelineWithRoot()
	out, err := Report(s, filepath.Join(dir, "*.csv"), Kit())
	if err != nil {
		t.Fatal(err)
	}
	Write(s, got, out)
	ptest.RunAndValidate(t, p)
	w, _ := os.ReadFile(want)
	g, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w, g) {
		t.Errorf("report differs from examples/eventkpis:\n--- example\n%s\n--- beam\n%s", w, g)
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*Options)
		want string
	}{
		{"format", func(o *Options) { o.Format = "xml" }, "format"},
		{"location", func(o *Options) { o.Location = "Mars/Base" }, "location"},
		{"breakdown", func(o *Options) { o.Funnel.Breakdown = "plan" }, "breakdown"},
		{"negative", func(o *Options) { o.FlushEvents = -1 }, "negative"},
		{"retention", func(o *Options) { o.Retention.Periods = -1 }, "retention"},
		{"funnel", func(o *Options) { o.Funnel.Steps = []string{"x"} }, "funnel"},
		{"activity", func(o *Options) { o.Activity.From = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC) }, "activity"},
	} {
		o := Kit()
		tc.mod(&o)
		_, s := beam.NewPipelineWithRoot()
		if _, err := Report(s, "x", o); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestBlockRoundTripAndErrors(t *testing.T) {
	ts := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	in := []events.Event{{User: "u", Name: "a", Time: ts}, {User: "u", Name: "b", Time: ts.Add(-time.Hour)}, {User: "u", Name: "a", Time: ts.Add(time.Second)}}
	b := encodeBlock(in)
	out, err := decodeBlock(nil, "u", b)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if !in[i].Time.Equal(out[i].Time) || in[i].Name != out[i].Name || out[i].User != "u" {
			t.Errorf("event %d: %+v, want %+v", i, out[i], in[i])
		}
	}
	for i := range b {
		if _, err := decodeBlock(nil, "u", b[:i]); err == nil {
			t.Errorf("truncated to %d bytes: no error", i)
		}
	}
	if _, err := decodeBlock(nil, "u", append(b, 0)); err == nil {
		t.Error("trailing byte: no error")
	}
	if _, err := decodeBlock(nil, "u", []byte{1, 0, 1, 5, 0}); err == nil {
		t.Error("name index out of range: no error")
	}
}

func TestUnknownFileSystem(t *testing.T) {
	_, s := beam.NewPipelineWithRoot()
	if _, err := Report(s, "nosuchfs://bucket/*.csv", Kit()); err == nil || !strings.Contains(err.Error(), "nosuchfs") {
		t.Errorf("err = %v", err)
	}
}
