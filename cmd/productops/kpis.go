package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/productops/productops/metrics"
	"github.com/productops/productops/metrics/events"
)

// kpiOptions are the choices of kpis (and of the report's event sections).
type kpiOptions struct {
	preset      events.Vendor // 0: the library's defaults
	zone        *time.Location
	weekStart   time.Weekday
	granularity events.Granularity
	periods     int
	startEvent  string
	returnEvent string
	steps       []string
	window      time.Duration // 0: the preset's or the library's default
	breakdown   string
	stickDays   int
	asOf        time.Time // zero: just after the last event
}

// kpiResult is kpis' JSON.
type kpiResult struct {
	Events      int                     `json:"events"`
	Users       int                     `json:"users"`
	First       time.Time               `json:"first"`
	Last        time.Time               `json:"last"`
	Preset      string                  `json:"preset,omitempty"`
	Activity    events.ActivityResult   `json:"activity"`
	Stickiness  events.StickinessResult `json:"stickiness"`
	Retention   events.RetentionResult  `json:"retention"`
	Funnel      *events.FunnelResult    `json:"funnel,omitempty"`
	Options     map[string]any          `json:"options"`
	funOpts     *events.FunnelOptions
	loc         *time.Location
	granularity events.Granularity
}

// periodStarted says whether period k of a cohort starting at start (local midnight) has
// begun by the result's as-of instant; a period that has not is blank, not 0%.
func periodStarted(start time.Time, k int, r events.RetentionResult, g events.Granularity) bool {
	var at time.Time
	switch g {
	case events.Daily:
		at = start.AddDate(0, 0, k)
	case events.Monthly:
		at = start.AddDate(0, k, 0)
	default:
		at = start.AddDate(0, 0, 7*k)
	}
	return at.Before(r.AsOf)
}

// computeKPIs runs the event KPIs over l.
func computeKPIs(l *events.Log, o kpiOptions) (kpiResult, error) {
	loc := o.zone
	if loc == nil {
		loc = time.UTC
	}
	first, last, _ := l.Span()
	res := kpiResult{Events: l.Len(), Users: l.NumUsers(), First: first, Last: last, loc: loc, granularity: o.granularity, Options: map[string]any{}}
	if o.preset != 0 {
		res.Preset = o.preset.String()
	}
	var err error
	res.Activity, err = events.DailyActivity(l, events.ActivityOptions{Location: loc})
	if err != nil {
		return res, err
	}
	days := o.stickDays
	if days <= 0 {
		days = 30
	}
	recent := events.ActivityResult{Days: res.Activity.Days[max(0, len(res.Activity.Days)-days):]}
	res.Stickiness = recent.Stickiness(events.AverageOfRatios)

	ro := events.RetentionOptions{Granularity: o.granularity}
	if o.preset != 0 {
		ro = o.preset.RetentionOptions(o.granularity)
	}
	ro.StartEvent, ro.ReturnEvent = o.startEvent, o.returnEvent
	ro.Periods, ro.Location, ro.WeekStart, ro.AsOf = o.periods, loc, o.weekStart, o.asOf
	res.Retention, err = events.Retention(l, ro)
	if err != nil {
		return res, err
	}
	res.Options["retention"] = ro
	if len(o.steps) > 0 {
		fo := events.FunnelOptions{Steps: o.steps}
		if o.preset != 0 {
			fo = o.preset.FunnelOptions(o.steps...)
		}
		if o.window > 0 {
			fo.Window = o.window
		}
		fo.Breakdown = o.breakdown
		if fo.Window == 0 {
			fo.Window = 7 * 24 * time.Hour
		}
		f, err := events.Funnel(l, fo)
		if err != nil {
			return res, err
		}
		res.Funnel, res.funOpts = &f, &fo
		res.Options["funnel"] = fo
	}
	return res, nil
}

// eventInput says how to read an event file.
type eventInput struct {
	format string // csv, jsonl or parquet; "" guesses from the extension
	read   events.ReadOptions
}

// loadEvents reads an event log from a CSV, JSON lines or Parquet file (or stdin).
func (e *env) loadEvents(name string, in eventInput) (*events.Log, error) {
	kind := in.format
	if kind == "" {
		lower := strings.ToLower(name)
		switch {
		case strings.HasSuffix(lower, ".parquet"):
			kind = "parquet"
		case strings.HasSuffix(lower, ".jsonl"), strings.HasSuffix(lower, ".ndjson"), strings.HasSuffix(lower, ".json"):
			kind = "jsonl"
		default:
			kind = "csv"
		}
	}
	display := name
	if name == "-" || name == "" {
		display = "<stdin>"
	}
	if kind == "parquet" {
		if name == "-" || name == "" {
			return nil, usagef("parquet input needs a file, not standard input")
		}
		return e.readParquetEvents(name, in.read)
	}
	r := e.stdin
	size := int64(-1)
	if name != "-" && name != "" {
		f, err := os.Open(name)
		if err != nil {
			return nil, trimPathError(err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		r = f
	}
	pr, done := e.withProgress(r, size, "reading "+filepath.Base(display))
	defer done()
	var l *events.Log
	var err error
	switch kind {
	case "csv":
		l, err = events.ReadCSV(pr, in.read)
	case "jsonl":
		l, err = events.ReadJSONLines(pr, in.read)
	default:
		return nil, usagef("--input-format %q: must be csv, jsonl or parquet", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", display, err)
	}
	return l, nil
}

func parseWeekday(s string) (time.Weekday, error) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(s, d.String()) || strings.EqualFold(s, d.String()[:3]) {
			return d, nil
		}
	}
	return 0, usagef("--week-start %q: want a weekday such as monday", s)
}

func parseGranularity(s string) (events.Granularity, error) {
	switch strings.ToLower(s) {
	case "day", "daily":
		return events.Daily, nil
	case "week", "weekly":
		return events.Weekly, nil
	case "month", "monthly":
		return events.Monthly, nil
	}
	return 0, usagef("--granularity %q: want day, week or month", s)
}

// parseWindow reads a funnel window: a Go duration (36h) or days (7d).
func parseWindow(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		if _, err := fmt.Sscanf(d, "%d", &n); err == nil && n > 0 && n <= 3660 && fmt.Sprint(n) == d {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}
	w, err := time.ParseDuration(s)
	if err != nil || w <= 0 {
		return 0, usagef("--window %q: want a positive duration such as 7d or 36h", s)
	}
	return w, nil
}

func newKPIsCmd(e *env) *cobra.Command {
	var out outputFlags
	var preset, zone, weekStart, granularity, funnel, window, asOf, inFormat, timeFormat string
	var in eventInput
	var o kpiOptions
	var props []string
	cmd := &cobra.Command{
		Use:   "kpis [events.csv|events.jsonl|events.parquet|-]",
		Short: "Event KPIs: DAU/WAU/MAU, stickiness, cohort retention, funnel; vendor presets",
		Long: `kpis reads a product event log (one row per event: user, event name, time) and
computes daily, weekly (trailing 7 days) and monthly (trailing 30 days) active users,
DAU/MAU stickiness over the last days, a cohort retention table (incomplete cells marked
with *), and with --funnel an ordered funnel with each step's conversion and its 95%
Wilson interval.

--preset posthog|amplitude|mixpanel reproduces that tool's definitions of retention
(cohort type, calendar or rolling windows, day 0) and funnels (window, anchor).

Input: CSV or JSON lines with the columns user_id, event and ts (rename with --user-column,
--event-column, --time-column), or Parquet with those columns (ts as a TIMESTAMP, an
RFC 3339 string, or integers read per --time-format). A progress bar is shown on stderr
for large files when stderr is a terminal.`,
		Example: `  productops kpis events.csv --funnel signup,view_item,add_to_cart,purchase
  productops kpis events.parquet --preset amplitude --granularity day --periods 7
  productops kpis events.csv --time-format unix_s --week-start monday --periods 12 --format json`,
		Args: maxOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if preset != "" {
				if err := o.preset.UnmarshalText([]byte(preset)); err != nil {
					return usagef("--preset %q: want posthog, amplitude or mixpanel", preset)
				}
			}
			if o.zone, err = time.LoadLocation(zone); err != nil {
				return usagef("--zone %q: unknown time zone", zone)
			}
			if o.weekStart, err = parseWeekday(weekStart); err != nil {
				return err
			}
			if o.granularity, err = parseGranularity(granularity); err != nil {
				return err
			}
			if o.window, err = parseWindow(window); err != nil {
				return err
			}
			if o.asOf, err = parseAsOf(asOf, o.zone); err != nil {
				return err
			}
			if o.periods < 0 || o.periods > 1000 {
				return usagef("--periods %d: want 0 to 1000", o.periods)
			}
			if funnel != "" {
				o.steps = strings.Split(funnel, ",")
			}
			if timeFormat != "" {
				if err := in.read.TimeFormat.UnmarshalText([]byte(timeFormat)); err != nil {
					return usagef("--time-format %q: want auto, unix_s, unix_ms or rfc3339", timeFormat)
				}
			}
			in.format = strings.ToLower(inFormat)
			if o.breakdown != "" {
				props = append(props, o.breakdown)
			}
			in.read.PropColumns = props
			// The log's columns hold no pointers: collecting more often costs little and
			// keeps peak memory near the live size (as examples/eventkpis does).
			if os.Getenv("GOGC") == "" {
				defer debug.SetGCPercent(debug.SetGCPercent(20))
			}
			l, err := e.loadEvents(fileArg(args), in)
			if err != nil {
				return err
			}
			res, err := computeKPIs(l, o)
			if err != nil {
				return err
			}
			return out.write(e.stdout, kpisOutput(res))
		},
	}
	out.register(cmd, []string{"activity", "retention", "funnel"})
	f := cmd.Flags()
	f.StringVar(&preset, "preset", "", "reproduce a vendor's definitions: posthog, amplitude or mixpanel")
	_ = cmd.RegisterFlagCompletionFunc("preset", cobra.FixedCompletions([]string{"posthog", "amplitude", "mixpanel"}, cobra.ShellCompDirectiveNoFileComp))
	f.StringVar(&zone, "zone", "UTC", "IANA time zone of the calendar days, weeks and months")
	f.StringVar(&weekStart, "week-start", "monday", "first day of a week")
	f.StringVar(&granularity, "granularity", "week", "retention cohort and period: day, week or month")
	f.IntVar(&o.periods, "periods", 8, "retention periods after period 0")
	f.StringVar(&o.startEvent, "start-event", "", "event that puts a user in a cohort (default any event)")
	f.StringVar(&o.returnEvent, "return-event", "", "event that counts as a return (default any event)")
	f.StringVar(&funnel, "funnel", "", "funnel steps, comma-separated event names")
	f.StringVar(&window, "window", "", "funnel conversion window (7d, 36h); default the preset's, else 7d")
	f.StringVar(&o.breakdown, "breakdown", "", "break the funnel down by this event property (a column)")
	f.IntVar(&o.stickDays, "stickiness-days", 30, "average DAU/MAU over this many last days")
	f.StringVar(&asOf, "as-of", "", "evaluate retention as of this instant (default just after the last event)")
	f.StringVar(&inFormat, "input-format", "", "csv, jsonl or parquet (default from the file extension)")
	f.StringVar(&timeFormat, "time-format", "", "time column: auto, unix_s, unix_ms or rfc3339")
	f.StringVar(&in.read.UserColumn, "user-column", "", `user column (default "user_id")`)
	f.StringVar(&in.read.NameColumn, "event-column", "", `event name column (default "event")`)
	f.StringVar(&in.read.TimeColumn, "time-column", "", `time column (default "ts")`)
	f.StringSliceVar(&props, "prop", nil, "further columns to keep as event properties")
	return cmd
}

func pct(r metrics.Rate) string {
	if !r.Defined {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*r.Value)
}

// kpisOutput lays the KPIs out for people.
func kpisOutput(res kpiResult) result {
	r := result{json: res}
	preset := ""
	if res.Preset != "" {
		preset = ", " + res.Preset + " definitions"
	}
	r.title = fmt.Sprintf("Product KPIs: %d events, %d users, %s to %s%s", res.Events, res.Users, day(res.First, res.loc), day(res.Last, res.loc), preset)
	if s := res.Stickiness; s.Defined {
		r.summary = append(r.summary, fmt.Sprintf("stickiness (DAU/MAU, average of daily ratios over the last %d days): %.1f%%, mean DAU %.1f", len(s.Days), 100*s.Value, s.MeanDAU))
	}
	if len(res.Retention.Means) > 1 {
		m := res.Retention.Means[1]
		r.summary = append(r.summary, fmt.Sprintf("%s retention over complete cohorts: %s (%d cohorts)", m.Label, pct(m.Weighted), m.Cohorts))
	}
	act := section{name: "activity", title: "Active users per day (WAU and MAU: trailing 7 and 30 days)", head: []string{"date", "dau", "wau", "mau"}}
	for _, d := range res.Activity.Days {
		act.rows = append(act.rows, []string{day(d.Date, res.loc), fmt.Sprint(d.DAU), fmt.Sprint(d.WAU), fmt.Sprint(d.MAU)})
	}
	ret := section{name: "retention", title: "Cohort retention (* = period not over yet, left out of the means)", head: []string{"cohort", "size"}}
	if len(res.Retention.Cohorts) > 0 {
		for _, c := range res.Retention.Cohorts[0].Cells {
			ret.head = append(ret.head, strings.ReplaceAll(c.Label, " ", "_"))
		}
	}
	for _, c := range res.Retention.Cohorts {
		row := []string{day(c.Start, res.loc), fmt.Sprint(c.Size)}
		for _, cell := range c.Cells {
			v := pct(cell.Rate)
			switch {
			case !periodStarted(c.Start, cell.Period, res.Retention, res.granularity):
				v = ""
			case !cell.Complete:
				v += "*"
			}
			row = append(row, v)
		}
		ret.rows = append(ret.rows, row)
	}
	if len(res.Retention.Means) > 0 {
		row := []string{"mean", ""}
		for _, m := range res.Retention.Means {
			row = append(row, pct(m.Weighted))
		}
		ret.rows = append(ret.rows, row)
	}
	r.sections = []section{act, ret}
	if f := res.Funnel; f != nil {
		fs := section{name: "funnel", title: fmt.Sprintf("Funnel within %s of the first step (95%% Wilson intervals)", windowText(res.funOpts.Window)), head: []string{"step", "users", "from_previous", "low", "high", "from_start", "median_time"}}
		for _, s := range f.Steps {
			med := ""
			if s.TimeToConvert.N > 0 {
				med = s.TimeToConvert.Median.String()
			}
			fs.rows = append(fs.rows, []string{s.Name, fmt.Sprint(s.Users), pct(s.FromPrevious), pctF(s.FromPrevious.Low, s.FromPrevious.Defined), pctF(s.FromPrevious.High, s.FromPrevious.Defined), pct(s.FromStart), med})
		}
		fs.notes = append(fs.notes, "overall conversion "+pct(f.Overall))
		for _, b := range f.Breakdown {
			fs.notes = append(fs.notes, fmt.Sprintf("%s=%s: %s", res.funOpts.Breakdown, orNone(b.Value), pct(b.Funnel.Overall)))
		}
		r.sections = append(r.sections, fs)
	}
	return r
}

func pctF(v float64, ok bool) string {
	if !ok {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}

func windowText(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return d.String()
}
