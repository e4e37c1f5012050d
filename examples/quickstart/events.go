package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"time"

	"github.com/productops/productops/metrics/events"
)

//go:embed data/events.csv
var eventsCSV []byte

// eventsSection prints a small product-KPI dashboard computed from embedded raw events:
// activity and stickiness, weekly retention, the purchase funnel, activation and lifecycle.
func eventsSection(w io.Writer) error {
	l, err := events.ReadCSV(bytes.NewReader(eventsCSV), events.ReadOptions{PropColumns: []string{"plan"}})
	if err != nil {
		return err
	}
	_, last, _ := l.Span()
	asOf := last.Add(time.Nanosecond)
	fmt.Fprintf(w, "== Product KPIs from events (%d events, %d users, through %s) ==\n", l.Len(), l.NumUsers(), last.Format(time.DateOnly))

	act, err := events.DailyActivity(l, events.ActivityOptions{})
	if err != nil {
		return err
	}
	lastWeek := events.ActivityResult{Days: act.Days[len(act.Days)-7:]}
	fmt.Fprintln(w, "\nLast 7 days     DAU  WAU  MAU")
	for _, d := range lastWeek.Days {
		fmt.Fprintf(w, "  %s  %3d  %3d  %3d\n", d.Date.Format("Mon Jan 02"), d.DAU, d.WAU, d.MAU)
	}
	s := lastWeek.Stickiness(events.AverageOfRatios)
	fmt.Fprintf(w, "Stickiness (DAU/MAU, %s, last 7 days): %.1f%%\n", s.Definition, 100*s.Value)

	ret, err := events.Retention(l, events.RetentionOptions{
		StartEvent: "signup", Granularity: events.Weekly, WeekStart: time.Monday, Periods: 3, AsOf: asOf,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nWeekly retention after signup (* = week not over yet)")
	fmt.Fprintln(w, "  cohort      users  week 0  week 1  week 2  week 3")
	for _, c := range ret.Cohorts {
		fmt.Fprintf(w, "  %s  %5d", c.Start.Format(time.DateOnly), c.Size)
		for _, cell := range c.Cells {
			mark := " "
			if !cell.Complete {
				mark = "*"
			}
			fmt.Fprintf(w, "  %4.0f%%%s", 100*cell.Rate.Value, mark)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "  week-1 retention, complete cohorts: %s\n", ret.Means[1].Weighted)

	fun, err := events.Funnel(l, events.FunnelOptions{
		Steps: []string{"signup", "view_item", "add_to_cart", "purchase"}, Window: 7 * 24 * time.Hour, Breakdown: "plan",
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nFunnel within 7 days of signup")
	for _, st := range fun.Steps {
		fmt.Fprintf(w, "  %-12s %3d  %5.1f%% of previous  (median %v after it)\n", st.Name, st.Users, 100*st.FromPrevious.Value, st.TimeToConvert.Median)
	}
	for _, b := range fun.Breakdown {
		fmt.Fprintf(w, "  plan %-5s signup -> purchase %s\n", b.Value, b.Funnel.Overall)
	}

	activ, err := events.Activation(l, events.SignupOptions{Signup: "signup", Target: "purchase", Window: 3 * 24 * time.Hour, AsOf: asOf})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nActivation (purchase within 3 days of signup): %s, %d still in their window\n", activ.Rate, activ.Pending)

	life, err := events.Lifecycle(l, events.LifecycleOptions{Granularity: events.Weekly, WeekStart: time.Monday})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nLifecycle per week   new  returning  resurrecting  dormant")
	for _, b := range life {
		fmt.Fprintf(w, "  %s       %3d  %9d  %12d  %7d\n", b.Start.Format(time.DateOnly), b.New, b.Returning, b.Resurrecting, b.Dormant)
	}
	return nil
}
