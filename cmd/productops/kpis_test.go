package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

var demoFunnel = []string{"--funnel", "signup,view_item,add_to_cart,purchase"}

type pqEvent struct {
	User  string    `parquet:"user_id"`
	Event string    `parquet:"event"`
	TS    time.Time `parquet:"ts,timestamp(millisecond)"`
	Plan  *string   `parquet:"plan,optional"`
}

type pqEventUnix struct {
	User  string `parquet:"uid"`
	Event string `parquet:"name"`
	TS    int64  `parquet:"ts"`
}

// demoEvents reads the demo CSV's rows.
func demoEvents(t *testing.T) []pqEvent {
	t.Helper()
	f, err := os.Open("demo/events.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []pqEvent
	sc := bufio.NewScanner(f)
	sc.Scan()
	for sc.Scan() {
		p := strings.Split(sc.Text(), ",")
		ts, err := time.Parse(time.RFC3339, p[2])
		if err != nil {
			t.Fatal(err)
		}
		e := pqEvent{User: p[0], Event: p[1], TS: ts}
		if p[3] != "" {
			e.Plan = &p[3]
		}
		out = append(out, e)
	}
	return out
}

func writeParquet[T any](t *testing.T, path string, rows []T) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[T](f)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestKPIsInputsAgree reads the same events from CSV, JSON lines and Parquet (with a
// TIMESTAMP column, and with Unix seconds under other column names) and gets the same
// KPIs.
func TestKPIsInputsAgree(t *testing.T) {
	dir := t.TempDir()
	evs := demoEvents(t)
	pq := filepath.Join(dir, "events.parquet")
	writeParquet(t, pq, evs)
	unix := make([]pqEventUnix, len(evs))
	var jl strings.Builder
	for i, e := range evs {
		unix[i] = pqEventUnix{User: e.User, Event: e.Event, TS: e.TS.Unix()}
		b, _ := json.Marshal(map[string]string{"user_id": e.User, "event": e.Event, "ts": e.TS.Format(time.RFC3339)})
		jl.Write(b)
		jl.WriteByte('\n')
	}
	pqUnix := filepath.Join(dir, "unix.parquet")
	writeParquet(t, pqUnix, unix)
	jsonl := filepath.Join(dir, "events.jsonl")
	if err := os.WriteFile(jsonl, []byte(jl.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	base := append([]string{"kpis", "--format", "json"}, demoFunnel...)
	want, errOut, code := runCLI(t, "", append(base, "demo/events.csv")...)
	if code != exitOK {
		t.Fatalf("csv: exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{
		{pq},
		{jsonl},
		{pqUnix, "--user-column", "uid", "--event-column", "name", "--time-format", "unix_s"},
	} {
		got, errOut, code := runCLI(t, "", append(base, args...)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if got != want {
			t.Errorf("%v: KPIs differ from the CSV's", args)
		}
	}
	// Breakdown by a Parquet property.
	out, errOut, code := runCLI(t, "", "kpis", pq, "--funnel", "signup,purchase", "--breakdown", "plan", "--view", "funnel")
	if code != exitOK || !strings.Contains(out, "plan=pro") {
		t.Errorf("parquet breakdown: exit %d: %s%s", code, out, errOut)
	}
	// Errors name the file and column.
	if _, errOut, code := runCLI(t, "", "kpis", pqUnix); code != exitError || !strings.Contains(errOut, "column user_id: not in the file (it has uid, name, ts; set --user-column)") {
		t.Errorf("missing column: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "", "kpis", pqUnix, "--user-column", "uid", "--event-column", "name"); code != exitError || !strings.Contains(errOut, "row 1: column ts: integer times need") {
		t.Errorf("integer times: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "", "kpis", "testdata/backlog.csv"); code != exitError || !strings.Contains(errOut, "testdata/backlog.csv") {
		t.Errorf("not events: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "", "kpis", "demo/backlog.json", "--input-format", "parquet"); code != exitError || !strings.Contains(errOut, "not a Parquet file") {
		t.Errorf("not parquet: exit %d: %s", code, errOut)
	}
}

// TestKPIsPresets checks that each vendor preset applies its definitions.
func TestKPIsPresets(t *testing.T) {
	want := map[string][]string{
		"posthog":   {`"cohort": "recurring"`, `"window": "calendar"`, `"window": 1209600000000000`},
		"amplitude": {`"cohort": "first_time"`, `"window": "rolling"`, `"hour_floor": true`, `"window": 86400000000000`},
		"mixpanel":  {`"criterion": "return_on_or_after"`, `"day_zero": "returns"`, `"window": 604800000000000`},
	}
	for preset, subs := range want {
		out, errOut, code := runCLI(t, "", append([]string{"kpis", "demo/events.csv", "--preset", preset, "--format", "json"}, demoFunnel...)...)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", preset, code, errOut)
		}
		for _, s := range subs {
			if !strings.Contains(out, s) {
				t.Errorf("%s: output lacks %s", preset, s)
			}
		}
	}
	for _, bad := range [][]string{
		{"--preset", "heap"}, {"--granularity", "hour"}, {"--week-start", "someday"}, {"--window", "-1d"},
		{"--zone", "Mars/Olympus"}, {"--periods", "-1"}, {"--time-format", "julian"}, {"--as-of", "later"},
	} {
		if _, _, code := runCLI(t, "", append([]string{"kpis", "demo/events.csv"}, bad...)...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	if _, errOut, code := runCLI(t, "", "kpis", "demo/events.csv", "--window", "36h", "--funnel", "signup,purchase", "--granularity", "day", "--periods", "3", "--start-event", "signup", "--zone", "Europe/Berlin", "--week-start", "sun"); code != exitOK {
		t.Errorf("options: exit %d: %s", code, errOut)
	}
}
