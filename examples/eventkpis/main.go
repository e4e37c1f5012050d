// Command eventkpis computes the benchmark kit's three event KPIs with package metrics/events
// and prints the kit's canonical report (see ../shared/bench/README.md):
//
//	eventkpis -data events.csv -o report.txt           # end to end
//	eventkpis -data events.csv -repeat 5 -timings      # load once, time each KPI 5 times
//
// The input is the kit's "user_id,event,ts" CSV (ts in Unix seconds, UTC). The KPIs are
// weekly first-time cohort retention (ISO weeks, offsets 0 to 12), the ordered funnel
// signup → view_item → add_to_cart → purchase within 7 days of the first signup, and daily
// actives with the average DAU/MAU (trailing 30-day MAU) over the last 30 days.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"time"

	"github.com/productops/productops/metrics/events"
)

var funnelSteps = []string{"signup", "view_item", "add_to_cart", "purchase"}

const (
	retentionWeeks = 12
	stickDays      = 30
)

// kpis holds the three results.
type kpis struct {
	ret events.RetentionResult
	fun events.FunnelResult
	act events.ActivityResult
}

func retention(l *events.Log) (events.RetentionResult, error) {
	return events.Retention(l, events.RetentionOptions{
		Granularity: events.Weekly, WeekStart: time.Monday, Periods: retentionWeeks,
	})
}

func funnel(l *events.Log) (events.FunnelResult, error) {
	return events.Funnel(l, events.FunnelOptions{Steps: funnelSteps, Window: 7 * 24 * time.Hour})
}

func activity(l *events.Log) (events.ActivityResult, error) {
	return events.DailyActivity(l, events.ActivityOptions{})
}

func writeReport(w io.Writer, k kpis) {
	date := func(t time.Time) string { return t.UTC().Format("2006-01-02") }
	fmt.Fprintln(w, "# retention")
	fmt.Fprint(w, "cohort_week,size")
	for i := 0; i <= retentionWeeks; i++ {
		fmt.Fprintf(w, ",w%d", i)
	}
	fmt.Fprintln(w)
	for _, c := range k.ret.Cohorts {
		fmt.Fprintf(w, "%s,%d", date(c.Start), c.Size)
		for _, cell := range c.Cells {
			fmt.Fprintf(w, ",%d", cell.Retained)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "# funnel")
	fmt.Fprintln(w, "step,users")
	for _, s := range k.fun.Steps {
		fmt.Fprintf(w, "%s,%d\n", s.Name, s.Users)
	}
	fmt.Fprintln(w, "# dau")
	fmt.Fprintln(w, "date,dau")
	for _, d := range k.act.Days {
		fmt.Fprintf(w, "%s,%d\n", date(d.Date), d.DAU)
	}
	fmt.Fprintln(w, "# stickiness")
	fmt.Fprintln(w, "date,dau,mau")
	last := events.ActivityResult{Days: k.act.Days[max(0, len(k.act.Days)-stickDays):]}
	for _, d := range last.Days {
		fmt.Fprintf(w, "%s,%d,%d\n", date(d.Date), d.DAU, d.MAU)
	}
	st := last.Stickiness(events.AverageOfRatios)
	fmt.Fprintf(w, "avg_dau_mau,%s\n", strconv.FormatFloat(st.Value, 'f', 12, 64))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func run() error {
	// The event log's columns hold no pointers, so collecting more often costs little and
	// keeps the peak memory near the live size. GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(20)
	}
	data := flag.String("data", "data/events_1m.csv", "events CSV (user_id,event,ts)")
	out := flag.String("o", "", "write the canonical report here ('-' = stdout, '' = none)")
	repeat := flag.Int("repeat", 1, "times to run each KPI over the loaded log")
	timings := flag.Bool("timings", false, "print a JSON line of timings to stderr")
	flag.Parse()

	t := time.Now()
	f, err := os.Open(*data)
	if err != nil {
		return err
	}
	l, err := events.ReadCSV(f, events.ReadOptions{TimeFormat: events.TimeUnixSeconds})
	f.Close()
	if err != nil {
		return err
	}
	loadS := time.Since(t).Seconds()

	var k kpis
	var tr, tf, td []float64
	timeIt := func(dst *[]float64, fn func() error) error {
		if *repeat > 1 {
			runtime.GC()
		}
		t := time.Now()
		err := fn()
		*dst = append(*dst, time.Since(t).Seconds())
		return err
	}
	for range max(*repeat, 1) {
		if err := timeIt(&tr, func() (err error) { k.ret, err = retention(l); return }); err != nil {
			return err
		}
		if err := timeIt(&tf, func() (err error) { k.fun, err = funnel(l); return }); err != nil {
			return err
		}
		if err := timeIt(&td, func() (err error) { k.act, err = activity(l); return }); err != nil {
			return err
		}
	}
	if *out != "" {
		w := os.Stdout
		if *out != "-" {
			if w, err = os.Create(*out); err != nil {
				return err
			}
		}
		bw := bufio.NewWriter(w)
		writeReport(bw, k)
		if err := bw.Flush(); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
	if *timings {
		j, _ := json.Marshal(map[string]any{
			"impl": "productops", "threads": runtime.GOMAXPROCS(0), "events": l.Len(), "load_s": loadS,
			"retention_s": median(tr), "funnel_s": median(tf), "dau_s": median(td),
			"compute_s": median(tr) + median(tf) + median(td), "repeat": max(*repeat, 1),
		})
		fmt.Fprintln(os.Stderr, string(j))
	}
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "eventkpis:", err)
		os.Exit(1)
	}
}
