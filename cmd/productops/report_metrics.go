package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/productops/productops/metrics/events"
	"github.com/productops/productops/metrics/experiment"
	"github.com/productops/productops/metrics/revenue"
)

// eventsConfig is the report config's event part.
type eventsConfig struct {
	// Preset is posthog, amplitude or mixpanel; empty uses the library's defaults.
	Preset string `json:"preset,omitempty"`
	// Zone is the IANA zone of calendar buckets; empty means UTC.
	Zone string `json:"zone,omitempty"`
	// WeekStart is the first day of a week; empty means monday.
	WeekStart string `json:"week_start,omitempty"`
	// Granularity of retention (day, week, month); empty means week. Periods after 0.
	Granularity string `json:"granularity,omitempty"`
	Periods     int    `json:"periods,omitempty"`
	StartEvent  string `json:"start_event,omitempty"`
	ReturnEvent string `json:"return_event,omitempty"`
	// Funnel lists the funnel's steps; Window its conversion window (7d, 36h).
	Funnel []string `json:"funnel,omitempty"`
	Window string   `json:"window,omitempty"`
}

// experimentConfig is one A/B test of a conversion metric.
type experimentConfig struct {
	Name      string                      `json:"name"`
	Metric    string                      `json:"metric,omitempty"`
	Control   experiment.ProportionSample `json:"control"`
	Treatment experiment.ProportionSample `json:"treatment"`
}

// kpiOptionsOf turns the config's event part into kpis options.
func kpiOptionsOf(c eventsConfig, asOf time.Time, cfgName string) (kpiOptions, error) {
	o := kpiOptions{periods: c.Periods, startEvent: c.StartEvent, returnEvent: c.ReturnEvent, steps: c.Funnel, asOf: asOf}
	bad := func(field, msg string) error {
		return &inputError{pos: cfgName, field: "event_options." + field, msg: msg}
	}
	if c.Preset != "" {
		if err := o.preset.UnmarshalText([]byte(c.Preset)); err != nil {
			return o, bad("preset", "want posthog, amplitude or mixpanel")
		}
	}
	var err error
	if o.zone, err = time.LoadLocation(c.Zone); err != nil {
		return o, bad("zone", "unknown time zone")
	}
	ws := c.WeekStart
	if ws == "" {
		ws = "monday"
	}
	if o.weekStart, err = parseWeekday(ws); err != nil {
		return o, bad("week_start", "want a weekday such as monday")
	}
	g := c.Granularity
	if g == "" {
		g = "week"
	}
	if o.granularity, err = parseGranularity(g); err != nil {
		return o, bad("granularity", "want day, week or month")
	}
	if o.window, err = parseWindow(c.Window); err != nil {
		return o, bad("window", "want a positive duration such as 7d or 36h")
	}
	if o.periods == 0 {
		o.periods = 8
	}
	return o, nil
}

// readSubscriptions reads customer,subscription,at,mrr,currency rows (RFC 3339 times).
func readSubscriptions(src source) ([]revenue.SubscriptionEvent, error) {
	r := csv.NewReader(bytes.NewReader(src.data))
	head, err := r.Read()
	if err != nil {
		return nil, csvErr(src, err)
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[strings.TrimSpace(h)] = i
	}
	for _, c := range []string{"customer", "at", "mrr", "currency"} {
		if _, ok := idx[c]; !ok {
			return nil, &inputError{pos: src.name + ":1", field: "column " + c, msg: "missing (want customer,subscription,at,mrr,currency)"}
		}
	}
	var out []revenue.SubscriptionEvent
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(src, err)
		}
		line, _ := r.FieldPos(0)
		pos := fmt.Sprintf("%s:%d", src.name, line)
		at, err := time.Parse(time.RFC3339, rec[idx["at"]])
		if err != nil {
			return nil, &inputError{pos: pos, field: "column at", msg: fmt.Sprintf("want an RFC 3339 time, got %q", truncate(rec[idx["at"]], 40))}
		}
		mrr, err := decimal.NewFromString(rec[idx["mrr"]])
		if err != nil || len(rec[idx["mrr"]]) > 40 {
			return nil, &inputError{pos: pos, field: "column mrr", msg: fmt.Sprintf("want a decimal amount, got %q", truncate(rec[idx["mrr"]], 40))}
		}
		ev := revenue.SubscriptionEvent{Customer: revenue.CustomerID(rec[idx["customer"]]), At: at, MRR: mrr, Currency: revenue.Currency(rec[idx["currency"]])}
		if i, ok := idx["subscription"]; ok {
			ev.Subscription = revenue.SubscriptionID(rec[i])
		}
		out = append(out, ev)
	}
	return out, nil
}

// heat is the sequential colour of a rate in [0, 1] (light to dark blue).
func heat(v float64) color.Color {
	v = math.Max(0, math.Min(1, v))
	lo := [3]float64{0xEF, 0xF6, 0xFB}
	hi := [3]float64{0x08, 0x45, 0x94}
	c := [3]uint8{}
	for i := range c {
		c[i] = uint8(lo[i] + (hi[i]-lo[i])*math.Sqrt(v))
	}
	return color.RGBA{c[0], c[1], c[2], 0xFF}
}

// retentionChart is the cohort retention heatmap: one row per cohort, one column per
// period, darker for more retained; cells whose period is not over are hatched with a
// dashed outline and a *, periods not begun are left blank, and the bottom row is the
// weighted mean over complete cells.
func retentionChart(res kpiResult) (chartSVG, error) {
	ret := res.Retention
	if len(ret.Cohorts) > maxHeatmapCohorts {
		ret.Cohorts = ret.Cohorts[len(ret.Cohorts)-maxHeatmapCohorts:]
	}
	n := len(ret.Cohorts)
	if n == 0 {
		return chartSVG{}, fmt.Errorf("retention: no cohorts")
	}
	cols := len(ret.Cohorts[0].Cells)
	var bs boxes
	names := make([]string, n+1)
	var incomplete int
	for i, c := range ret.Cohorts {
		y := float64(n - i)
		names[n-i] = fmt.Sprintf("%s  n=%d", c.Start.In(res.loc).Format("Jan 2"), c.Size)
		for _, cell := range c.Cells {
			if !periodStarted(c.Start, cell.Period, ret, res.granularity) {
				continue
			}
			x := float64(cell.Period)
			v := cell.Rate.Value
			b := box{X0: x - 0.48, X1: x + 0.48, Y0: y - 0.46, Y1: y + 0.46, Fill: heat(v), Label: fmt.Sprintf("%.0f%%", 100*v)}
			if v > 0.45 {
				b.LabelColor = colWhite
			}
			if !cell.Complete {
				incomplete++
				b.Fill = colFaint
				b.Hatch = heat(v)
				b.Stroke = colGrey
				b.Dashed = true
				b.Label += "*"
				b.LabelColor = colInk
			}
			bs = append(bs, b)
		}
	}
	names[0] = "mean (complete)"
	for _, m := range ret.Means {
		if !m.Weighted.Defined {
			continue
		}
		v := m.Weighted.Value
		b := box{X0: float64(m.Period) - 0.48, X1: float64(m.Period) + 0.48, Y0: -0.46, Y1: 0.46, Fill: heat(v), Label: fmt.Sprintf("%.0f%%", 100*v), Bold: true, Stroke: colInk}
		if v > 0.45 {
			b.LabelColor = colWhite
		}
		bs = append(bs, b)
	}
	p := newPlot("")
	p.Y.Tick.Marker = categoryTicks(names)
	p.Y.Tick.Length = 0
	p.Y.Color = colWhite
	var labels []string
	for _, cell := range ret.Cohorts[0].Cells {
		labels = append(labels, cell.Label)
	}
	p.X.Tick.Marker = categoryTicks(labels)
	p.X.Tick.Length = 0
	p.X.Color = colWhite
	p.X.Min, p.X.Max = -0.5, float64(cols)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(n)+0.5
	p.Add(bs)
	var w1 string
	if len(ret.Means) > 1 {
		w1 = fmt.Sprintf(" Mean %s retention over complete cohorts: %s.", ret.Means[1].Label, pct(ret.Means[1].Weighted))
	}
	desc := fmt.Sprintf("Retention heatmap of %d cohorts over %d periods; %d cells are incomplete (hatched, marked *) because their period is not over.%s", n, cols, incomplete, w1)
	return renderChart(p, "chart-retention", "Cohort retention heatmap", desc, 640, float64(40+20*(n+1)))
}

// funnelChart shows each step's users as a bar with the 95% interval of the share of
// step 1 as a whisker, and the step conversion after it.
func funnelChart(f events.FunnelResult, window time.Duration) (chartSVG, error) {
	n := len(f.Steps)
	if n == 0 || f.Steps[0].Users == 0 {
		return chartSVG{}, fmt.Errorf("funnel: no users")
	}
	top := float64(f.Steps[0].Users)
	var bs boxes
	var rs rules
	names := make([]string, n)
	for i, s := range f.Steps {
		y := float64(n - 1 - i)
		names[n-1-i] = s.Name
		u := float64(s.Users)
		bs = append(bs, box{X0: 0, X1: u, Y0: y - 0.3, Y1: y + 0.3, Fill: colBlue})
		lab := fmt.Sprintf("%d users", s.Users)
		if i > 0 {
			lab += fmt.Sprintf(" · %s of previous (95%% CI %s–%s)", pct(s.FromPrevious), pctF(s.FromPrevious.Low, s.FromPrevious.Defined), pctF(s.FromPrevious.High, s.FromPrevious.Defined))
			if s.TimeToConvert.N > 0 {
				lab += " · median " + shortDuration(s.TimeToConvert.Median)
			}
			lo, hi := s.FromStart.Low*top, s.FromStart.High*top
			rs = append(rs, rule{X0: lo, Y0: y, X1: hi, Y1: y, Color: colInk, Width: 1.2},
				rule{X0: lo, Y0: y - 0.15, X1: lo, Y1: y + 0.15, Color: colInk, Width: 1.2},
				rule{X0: hi, Y0: y - 0.15, X1: hi, Y1: y + 0.15, Color: colInk, Width: 1.2})
		}
		x := u
		if i > 0 {
			x = math.Max(u, s.FromStart.High*top)
		}
		bs = append(bs, box{X0: x, X1: x, Y0: y, Y1: y, Label: lab, LabelAt: labelRight})
	}
	p := newPlot("")
	p.Y.Tick.Marker = categoryTicks(names)
	p.Y.Tick.Length = 0
	p.Y.Color = colWhite
	p.X.Min, p.X.Max = 0, top*1.9
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Label.Text = fmt.Sprintf("users who reached the step within %s of the first (whisker: 95%% Wilson interval)", windowText(window))
	p.Add(bs, rs)
	var parts []string
	for _, s := range f.Steps {
		parts = append(parts, fmt.Sprintf("%s %d (%s of previous)", s.Name, s.Users, pct(s.FromPrevious)))
	}
	desc := fmt.Sprintf("Funnel: %s. Overall conversion %s.", strings.Join(parts, ", "), pct(f.Overall))
	return renderChart(p, "chart-funnel", "Funnel with step conversion and intervals", desc, 640, float64(60+34*n))
}

func shortDuration(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%.1f days", d.Hours()/24)
	case d >= time.Hour:
		return fmt.Sprintf("%.1f h", d.Hours())
	default:
		return fmt.Sprintf("%.0f min", d.Minutes())
	}
}

// activityChart draws DAU, WAU and MAU per day.
func activityChart(res kpiResult) (chartSVG, error) {
	days := res.Activity.Days
	if len(days) == 0 {
		return chartSVG{}, fmt.Errorf("activity: no days")
	}
	p := newPlot("")
	p.Add(plotter.NewGrid())
	series := []struct {
		name string
		col  color.Color
		get  func(events.DayActivity) int
	}{
		{"MAU (trailing 30 days)", colPurple, func(d events.DayActivity) int { return d.MAU }},
		{"WAU (trailing 7 days)", colOrange, func(d events.DayActivity) int { return d.WAU }},
		{"DAU", colBlue, func(d events.DayActivity) int { return d.DAU }},
	}
	maxY := 0.0
	for _, s := range series {
		xy := make(plotter.XYs, len(days))
		for i, d := range days {
			xy[i] = plotter.XY{X: dayNum(d.Date), Y: float64(s.get(d))}
			maxY = math.Max(maxY, xy[i].Y)
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return chartSVG{}, err
		}
		l.Color = s.col
		l.Width = vg.Points(1.8)
		p.Add(l)
		p.Legend.Add(s.name, l)
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(8)
	p.Y.Min, p.Y.Max = 0, maxY*1.35
	p.Y.Label.Text = "active users"
	first, last := days[0].Date, days[len(days)-1].Date
	p.X.Tick.Marker = dateTicks(first, last, first, 2, res.loc)
	p.X.Min, p.X.Max = dayNum(first), dayNum(last)
	lastDay := days[len(days)-1]
	desc := fmt.Sprintf("Active users per day from %s to %s. On %s: DAU %d, WAU %d, MAU %d.", day(first, res.loc), day(last, res.loc), day(last, res.loc), lastDay.DAU, lastDay.WAU, lastDay.MAU)
	if res.Stickiness.Defined {
		desc += fmt.Sprintf(" Stickiness (DAU/MAU) over the last %d days: %.1f%%.", len(res.Stickiness.Days), 100*res.Stickiness.Value)
	}
	return renderChart(p, "chart-active", "DAU, WAU and MAU over time", desc, 640, 260)
}

func dayNum(t time.Time) float64 { return days(t) }

func money(d decimal.Decimal) string { return d.StringFixed(0) }

// mrrChart is the MRR bridge as a waterfall over the whole range: start MRR, the
// movements summed over the periods (gains up, losses down) and the end MRR.
func mrrChart(b revenue.Bridge) (chartSVG, error) {
	if len(b.Periods) == 0 {
		return chartSVG{}, fmt.Errorf("mrr: no periods")
	}
	first, last := b.Periods[0], b.Periods[len(b.Periods)-1]
	var newM, exp, react, contr, churn decimal.Decimal
	for _, p := range b.Periods {
		newM, exp, react = newM.Add(p.New), exp.Add(p.Expansion), react.Add(p.Reactivation)
		contr, churn = contr.Add(p.Contraction), churn.Add(p.Churn)
	}
	steps := []struct {
		name string
		amt  decimal.Decimal
		sign int // 0 total, +1 gain, -1 loss
	}{
		{"start " + first.Start.Format("Jan 2"), first.StartMRR, 0},
		{"new", newM, 1}, {"expansion", exp, 1}, {"reactivation", react, 1},
		{"contraction", contr, -1}, {"churn", churn, -1},
		{"end " + last.End.Add(-time.Nanosecond).Format("Jan 2"), last.EndMRR, 0},
	}
	var bs boxes
	var rs rules
	names := make([]string, len(steps))
	level := 0.0
	maxY := 0.0
	for i, s := range steps {
		names[i] = s.name
		v := f64(s.amt)
		x := float64(i)
		var y0, y1 float64
		col := colGrey
		switch s.sign {
		case 0:
			y0, y1, col = 0, v, colBlue
			level = v
		case 1:
			y0, y1, col = level, level+v, colGreen
			level += v
		case -1:
			y0, y1, col = level-v, level, colVermil
			level -= v
		}
		bs = append(bs, box{X0: x - 0.35, X1: x + 0.35, Y0: y0, Y1: y1, Fill: col})
		maxY = math.Max(maxY, y1)
		if i+1 < len(steps) {
			rs = append(rs, rule{X0: x + 0.35, Y0: level, X1: x + 0.65, Y1: level, Color: colGrey, Dashed: true})
		}
	}
	p := newPlot("")
	p.Add(plotter.NewGrid())
	p.X.Tick.Marker = categoryTicks(names)
	p.X.Tick.Length = 0
	p.X.Min, p.X.Max = -0.6, float64(len(steps))-0.4
	p.Y.Min, p.Y.Max = 0, maxY*1.15
	p.Y.Label.Text = "MRR (" + string(b.Currency) + ")"
	var ms marks
	level = 0
	for i, s := range steps {
		v := f64(s.amt)
		top := v
		lab := money(s.amt)
		switch s.sign {
		case 0:
			level = v
		case 1:
			level += v
			top = level
			lab = "+" + lab
		case -1:
			top = level
			level -= v
			lab = "−" + lab
		}
		ms = append(ms, mark{X: float64(i), Y: top, Text: lab, YAlign: draw.YBottom, DY: 3, Size: 8})
	}
	p.Add(bs, rs, ms)
	desc := fmt.Sprintf("MRR from %s %s on %s to %s %s on %s: new +%s, expansion +%s, reactivation +%s, contraction −%s, churn −%s.",
		b.Currency, money(first.StartMRR), first.Start.Format(time.DateOnly), b.Currency, money(last.EndMRR), last.End.Format(time.DateOnly), money(newM), money(exp), money(react), money(contr), money(churn))
	return renderChart(p, "chart-mrr", "MRR movements as a waterfall", desc, 640, 280)
}

// experimentChart shows the relative lift of the treatment with its 95% interval under
// GrowthBook's and Statsig's definitions, against a zero line.
func experimentChart(name string, cs []namedComparison) (chartSVG, error) {
	n := len(cs)
	var rs rules
	var ms marks
	var pts plotter.XYs
	var names []string
	lo, hi := 0.0, 0.0
	for i, c := range cs {
		y := float64(n - 1 - i)
		names = append([]string{c.name}, names...)
		r := c.cmp.Relative
		if !r.Defined {
			continue
		}
		lo, hi = math.Min(lo, r.Low), math.Max(hi, r.High)
		col := colGrey
		if r.Low > 0 {
			col = colGreen
		} else if r.High < 0 {
			col = colVermil
		}
		rs = append(rs, rule{X0: 100 * r.Low, Y0: y, X1: 100 * r.High, Y1: y, Color: col, Width: 3})
		pts = append(pts, plotter.XY{X: 100 * r.Estimate, Y: y})
		ms = append(ms, mark{X: 100 * r.High, Y: y, Text: fmt.Sprintf("%+.1f%% (95%% CI %+.1f%% to %+.1f%%), p = %.3f", 100*r.Estimate, 100*r.Low, 100*r.High, r.PValue), XAlign: draw.XLeft, DX: 6, Size: 8})
	}
	span := math.Max(hi-lo, 0.01) * 100
	p := newPlot("")
	p.Y.Tick.Marker = categoryTicks(names)
	p.Y.Tick.Length = 0
	p.Y.Color = colWhite
	p.X.Min, p.X.Max = math.Min(100*lo, 0)-span*0.1, 100*hi+span*1.6
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Label.Text = "relative lift of the treatment over control (%)"
	rs = append(rs, rule{X0: 0, Y0: -0.6, X1: 0, Y1: float64(n) - 0.4, Color: colInk, Dashed: true})
	p.Add(rs, ms)
	if len(pts) > 0 {
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return chartSVG{}, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: colInk, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		p.Add(sc)
	}
	var parts []string
	for _, c := range cs {
		r := c.cmp.Relative
		parts = append(parts, fmt.Sprintf("%s: lift %+.1f%% (95%% CI %+.1f%% to %+.1f%%, p = %.3f)", c.name, 100*r.Estimate, 100*r.Low, 100*r.High, r.PValue))
	}
	desc := fmt.Sprintf("Experiment %q: %s.", name, strings.Join(parts, "; "))
	return renderChart(p, "chart-experiment", "Experiment effect with its interval", desc, 640, float64(70+34*n))
}

type namedComparison struct {
	name string
	cmp  experiment.Comparison
}

// metricsSections computes the report's event, revenue and experiment sections.
func (e *env) metricsSections(cfg reportConfig, ri reportInputs, asOf time.Time, cfgName string) ([]reportSection, []string, error) {
	var secs []reportSection
	var sum []string
	if cfg.Events != "" {
		o, err := kpiOptionsOf(cfg.EventOptions, asOf, cfgName)
		if err != nil {
			return nil, nil, err
		}
		var l *events.Log
		if strings.HasSuffix(strings.ToLower(cfg.Events), ".parquet") && ri.fsys == nil {
			l, err = e.readParquetEvents(ri.path(cfg.Events), events.ReadOptions{})
		} else {
			var src source
			if src, err = ri.read(cfg.Events); err != nil {
				return nil, nil, err
			}
			if strings.HasSuffix(strings.ToLower(cfg.Events), ".jsonl") {
				l, err = events.ReadJSONLines(bytes.NewReader(src.data), events.ReadOptions{})
			} else {
				l, err = events.ReadCSV(bytes.NewReader(src.data), events.ReadOptions{})
			}
			if err != nil {
				err = fmt.Errorf("%s: %w", src.name, err)
			}
		}
		if err != nil {
			return nil, nil, err
		}
		res, err := computeKPIs(l, o)
		if err != nil {
			return nil, nil, err
		}
		preset := "the library's default definitions"
		if res.Preset != "" {
			preset = res.Preset + "'s definitions"
		}
		ch, err := activityChart(res)
		if err != nil {
			return nil, nil, err
		}
		act := reportSection{ID: "active", Title: "Active users", Charts: []chartSVG{ch}}
		act.Lead = append(act.Lead, fmt.Sprintf("%d events from %d users, %s to %s (%s).", res.Events, res.Users, day(res.First, res.loc), day(res.Last, res.loc), preset))
		if s := res.Stickiness; s.Defined {
			act.Lead = append(act.Lead, fmt.Sprintf("Stickiness (DAU/MAU, the average of daily ratios over the last %d days): %.1f%%.", len(s.Days), 100*s.Value))
			sum = append(sum, fmt.Sprintf("Usage: DAU/MAU stickiness %.1f%% over the last %d days.", 100*s.Value, len(s.Days)))
		}
		secs = append(secs, act)
		ch, err = retentionChart(res)
		if err != nil {
			return nil, nil, err
		}
		ret := reportSection{ID: "retention", Title: "Retention by cohort", Charts: []chartSVG{ch}}
		ret.Lead = append(ret.Lead, "Each row is a cohort of users by their first event's "+strings.TrimSuffix(strings.ToLower(res.granularity.String()), "ly")+"; each column the share active again that many periods later. Hatched cells marked * are not over yet and stay out of the means.")
		if len(res.Retention.Means) > 1 {
			m := res.Retention.Means[1]
			sum = append(sum, fmt.Sprintf("Retention: %s %s over %d complete cohorts.", m.Label, pct(m.Weighted), m.Cohorts))
		}
		secs = append(secs, ret)
		if res.Funnel != nil {
			ch, err = funnelChart(*res.Funnel, res.funOpts.Window)
			if err != nil {
				return nil, nil, err
			}
			fs := reportSection{ID: "funnel", Title: "Funnel", Charts: []chartSVG{ch}}
			fs.Lead = append(fs.Lead, fmt.Sprintf("Users who did the steps in order within %s of the first step; overall conversion %s.", windowText(res.funOpts.Window), pct(res.Funnel.Overall)))
			sum = append(sum, fmt.Sprintf("Funnel: %s → %s converts %s.", res.Funnel.Steps[0].Name, res.Funnel.Steps[len(res.Funnel.Steps)-1].Name, pct(res.Funnel.Overall)))
			secs = append(secs, fs)
		}
	}
	if cfg.Subscriptions != "" {
		src, err := ri.read(cfg.Subscriptions)
		if err != nil {
			return nil, nil, err
		}
		evs, err := readSubscriptions(src)
		if err != nil {
			return nil, nil, err
		}
		led, err := revenue.NewLedger(evs)
		if err != nil {
			return nil, nil, placeErr(err, csvOrigin{name: src.name})
		}
		from, err := parseAsOf(cfg.MRRFrom, time.UTC)
		if err != nil || from.IsZero() {
			return nil, nil, &inputError{pos: cfgName, field: "mrr_from", msg: "want the first month of the bridge, such as 2026-05-01"}
		}
		periods := cfg.MRRPeriods
		if periods == 0 {
			periods = 3
		}
		br, err := led.Bridge(revenue.BridgeOptions{From: from, Periods: periods})
		if err != nil {
			return nil, nil, err
		}
		ch, err := mrrChart(br)
		if err != nil {
			return nil, nil, err
		}
		sec := reportSection{ID: "revenue", Title: "Recurring revenue", Charts: []chartSVG{ch}}
		sec.Lead = append(sec.Lead, fmt.Sprintf("MRR bridge of %d customers (ChartMogul's movement types), %d monthly periods.", led.Customers(), periods))
		t := htmlTable{Caption: "MRR bridge per month", Head: []string{"month", "start", "new", "expansion", "reactivation", "contraction", "churn", "end", "NRR", "customer churn"}, Numeric: map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 8: true, 9: true}}
		for _, p := range br.Periods {
			t.Rows = append(t.Rows, htmlRow{Cells: []string{p.Start.Format("Jan 2006"), money(p.StartMRR), money(p.New), money(p.Expansion), money(p.Reactivation), money(p.Contraction), money(p.Churn), money(p.EndMRR), p.NRR.Percent(), pct(p.CustomerChurn)}})
		}
		sec.Tables = append(sec.Tables, t)
		last := br.Periods[len(br.Periods)-1]
		sum = append(sum, fmt.Sprintf("Revenue: MRR %s %s at the end of %s (net movement %s over the month).", br.Currency, money(last.EndMRR), last.Start.Format("January"), signed(last.NetMovement())))
		secs = append(secs, sec)
	}
	if x := cfg.Experiment; x != nil {
		a, err := x.Control.Estimate()
		if err != nil {
			return nil, nil, placeErr(prefixErr(err, "experiment.control"), jsonOrigin{})
		}
		b, err := x.Treatment.Estimate()
		if err != nil {
			return nil, nil, placeErr(prefixErr(err, "experiment.treatment"), jsonOrigin{})
		}
		var cs []namedComparison
		for _, pr := range []struct {
			name string
			opt  experiment.Options
		}{{"GrowthBook (Welch t)", experiment.GrowthBook}, {"Statsig (z)", experiment.Statsig}} {
			c, err := experiment.Compare(a, b, pr.opt)
			if err != nil {
				return nil, nil, err
			}
			cs = append(cs, namedComparison{pr.name, c})
		}
		ch, err := experimentChart(x.Name, cs)
		if err != nil {
			return nil, nil, err
		}
		metric := x.Metric
		if metric == "" {
			metric = "conversion"
		}
		sec := reportSection{ID: "experiment", Title: "Experiment: " + x.Name, Charts: []chartSVG{ch}}
		sec.Lead = append(sec.Lead, fmt.Sprintf("%s: control %s, treatment %s. The bar is the 95%% confidence interval of the relative lift; it is green when it excludes zero.", metric, x.Control.Rate(), x.Treatment.Rate()))
		r := cs[0].cmp.Relative
		verdict := "not significant"
		if r.Low > 0 {
			verdict = "a significant gain"
		} else if r.High < 0 {
			verdict = "a significant loss"
		}
		sum = append(sum, fmt.Sprintf("Experiment %q: lift %+.1f%% (95%% CI %+.1f%% to %+.1f%%), %s.", x.Name, 100*r.Estimate, 100*r.Low, 100*r.High, verdict))
		secs = append(secs, sec)
	}
	return secs, sum, nil
}

func signed(d decimal.Decimal) string {
	if d.Sign() > 0 {
		return "+" + money(d)
	}
	return strings.Replace(money(d), "-", "−", 1)
}
