package eventkpis

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/productops/productops/metrics/events"
)

// WriteReport writes the benchmark kit's canonical report (see examples/eventkpis): the
// retention table, the funnel, DAU per day, and DAU, MAU and the average DAU/MAU over the
// last stickDays days.
func WriteReport(w io.Writer, ret events.RetentionResult, fun events.FunnelResult, act events.ActivityResult, stickDays int) {
	date := func(t time.Time) string { return t.UTC().Format("2006-01-02") }
	fmt.Fprintln(w, "# retention")
	fmt.Fprint(w, "cohort_week,size")
	cells := 0
	if len(ret.Means) > 0 {
		cells = len(ret.Means)
	}
	for i := range cells {
		fmt.Fprintf(w, ",w%d", i)
	}
	fmt.Fprintln(w)
	for _, c := range ret.Cohorts {
		fmt.Fprintf(w, "%s,%d", date(c.Start), c.Size)
		for _, cell := range c.Cells {
			fmt.Fprintf(w, ",%d", cell.Retained)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "# funnel")
	fmt.Fprintln(w, "step,users")
	for _, s := range fun.Steps {
		fmt.Fprintf(w, "%s,%d\n", s.Name, s.Users)
	}
	fmt.Fprintln(w, "# dau")
	fmt.Fprintln(w, "date,dau")
	for _, d := range act.Days {
		fmt.Fprintf(w, "%s,%d\n", date(d.Date), d.DAU)
	}
	fmt.Fprintln(w, "# stickiness")
	fmt.Fprintln(w, "date,dau,mau")
	last := events.ActivityResult{Days: act.Days[max(0, len(act.Days)-stickDays):]}
	for _, d := range last.Days {
		fmt.Fprintf(w, "%s,%d,%d\n", date(d.Date), d.DAU, d.MAU)
	}
	st := last.Stickiness(events.AverageOfRatios)
	fmt.Fprintf(w, "avg_dau_mau,%s\n", strconv.FormatFloat(st.Value, 'f', 12, 64))
}
