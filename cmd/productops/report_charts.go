package main

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/productops/productops/launch"
	"github.com/productops/productops/prioritize"
	"github.com/productops/productops/roadmap"
)

func f64(s fmt.Stringer) float64 {
	var v float64
	fmt.Sscan(s.String(), &v)
	return v
}

var quadrantColor = map[prioritize.Quadrant]color.Color{
	prioritize.QuickWin: colGreen,
	prioritize.BigBet:   colBlue,
	prioritize.FillIn:   colOrange,
	prioritize.MoneyPit: colVermil,
}

// scatterChart is the value/effort plane: one dot per item coloured by quadrant, the
// quadrant thresholds, and the Pareto frontier as a line through its items.
func scatterChart(res rankResult) (chartSVG, error) {
	p := newPlot("Value vs effort")
	p.X.Label.Text = "effort (person-months)"
	p.Y.Label.Text = "value (reach × impact × confidence)"
	p.Add(plotter.NewGrid())
	type key struct{ x, y float64 }
	groups := map[key][]rankedItem{}
	var order []key
	var maxX, maxY float64
	items := res.Items
	if len(items) > maxScatterPoints {
		items = items[:maxScatterPoints]
	}
	for _, it := range items {
		if it.Effort == nil {
			continue
		}
		k := key{f64(*it.Effort), f64(it.Value)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], it)
		maxX, maxY = math.Max(maxX, k.x), math.Max(maxY, k.y)
	}
	if res.Thresholds != nil {
		tx, ty := f64(res.Thresholds.Effort), f64(res.Thresholds.Value)
		p.Add(rules{{X0: tx, Y0: 0, X1: tx, Y1: maxY * 1.1, Color: colGrey, Dashed: true}, {X0: 0, Y0: ty, X1: maxX * 1.1, Y1: ty, Color: colGrey, Dashed: true}})
		p.Add(marks{
			{X: 0, Y: maxY * 1.1, Text: "quick wins", Color: colGreen, XAlign: draw.XLeft, YAlign: draw.YTop, DX: 4, Size: 9},
			{X: maxX * 1.1, Y: maxY * 1.1, Text: "big bets", Color: colBlue, XAlign: draw.XRight, YAlign: draw.YTop, DX: -4, Size: 9},
			{X: 0, Y: 0, Text: "fill-ins", Color: colOrange, XAlign: draw.XLeft, YAlign: draw.YBottom, DX: 4, DY: 2, Size: 9},
			{X: maxX * 1.1, Y: 0, Text: "money pits", Color: colVermil, XAlign: draw.XRight, YAlign: draw.YBottom, DX: -4, DY: 2, Size: 9},
		})
	}
	var front plotter.XYs
	onFront := map[prioritize.ItemID]bool{}
	for _, id := range res.Pareto {
		onFront[id] = true
	}
	for _, it := range res.Items {
		if onFront[it.ID] {
			front = append(front, plotter.XY{X: f64(*it.Effort), Y: f64(it.Value)})
		}
	}
	slices.SortFunc(front, func(a, b plotter.XY) int {
		if a.X != b.X {
			return cmpF(a.X, b.X)
		}
		return cmpF(a.Y, b.Y)
	})
	if len(front) > 1 {
		l, err := plotter.NewLine(front)
		if err != nil {
			return chartSVG{}, err
		}
		l.Color = colPurple
		l.Width = vg.Points(1.5)
		p.Add(l)
		last := front[len(front)-1]
		p.Add(marks{{X: last.X, Y: last.Y, Text: "Pareto frontier", Color: colPurple, XAlign: draw.XRight, YAlign: draw.YBottom, DX: -6, DY: 5, Size: 9}})
	}
	var labels marks
	for _, k := range order {
		its := groups[k]
		q := prioritize.QuickWin
		if its[0].Quadrant != nil {
			q = *its[0].Quadrant
		}
		s, err := plotter.NewScatter(plotter.XYs{{X: k.x, Y: k.y}})
		if err != nil {
			return chartSVG{}, err
		}
		s.GlyphStyle.Color = quadrantColor[q]
		s.GlyphStyle.Radius = vg.Points(4)
		s.GlyphStyle.Shape = draw.CircleGlyph{}
		p.Add(s)
		ids := make([]string, len(its))
		for i, it := range its {
			ids[i] = strings.TrimPrefix(string(it.ID), "PRJ-")
		}
		labels = append(labels, mark{X: k.x, Y: k.y, Text: strings.Join(ids, ","), XAlign: draw.XLeft, YAlign: draw.YCenter, DX: 6, Size: 7, Color: colInk})
	}
	p.Add(labels)
	p.X.Min, p.Y.Min = 0, 0
	p.X.Max, p.Y.Max = maxX*1.1, maxY*1.1
	desc := fmt.Sprintf("%d items on the value/effort plane. Pareto frontier (no item has more value for less effort): %s.", len(res.Items), joinIDs(res.Pareto, ", "))
	if res.Thresholds != nil {
		desc += fmt.Sprintf(" Quadrants split at value %s and effort %s (the medians).", res.Thresholds.Value, res.Thresholds.Effort)
	}
	if len(items) < len(res.Items) {
		desc += fmt.Sprintf(" Only the top %d of %d items are drawn.", len(items), len(res.Items))
	}
	return renderChart(p, "chart-value-effort", "Value vs effort with quadrants and the Pareto frontier", desc, 620, 400)
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// days is t in days since the Unix epoch (the time axis of the timeline).
func days(t time.Time) float64 { return float64(t.Unix()) / 86400 }

// dateTicks marks the weeks of a range (on anchor's weekday) and labels every stepWeeks-th
// one counted from anchor (a sprint start).
func dateTicks(from, to, anchor time.Time, stepWeeks int, loc *time.Location) plot.ConstantTicks {
	a := anchor.In(loc)
	d := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, loc)
	for d.After(from) {
		d = d.AddDate(0, 0, -7*stepWeeks)
	}
	var t plot.ConstantTicks
	for i := 0; !d.After(to); i, d = i+1, d.AddDate(0, 0, 7) {
		if d.Before(from) {
			continue
		}
		tk := plot.Tick{Value: days(d)}
		if i%stepWeeks == 0 {
			tk.Label = d.Format("Jan 2")
		}
		t = append(t, tk)
	}
	return t
}

// timelineChart is the roadmap as a Gantt chart: scheduled items by sprint (critical path
// in vermilion, parents as thin grey spans), what does not fit after the horizon
// (hatched), today's line and the horizon's end.
func timelineChart(pr plannedRoadmap, asOf time.Time) (chartSVG, error) {
	critical := map[roadmap.ItemID]bool{}
	for _, id := range pr.CriticalPath.Path {
		critical[id] = true
	}
	titles := map[roadmap.ItemID]string{}
	for _, it := range pr.items {
		titles[it.ID] = it.Title
	}
	var names []string
	var rows []box
	lo, hi := math.Inf(1), math.Inf(-1)
	placements := pr.Schedule.Placements
	unfitRows := pr.Schedule.Unfit
	if len(placements)+len(unfitRows) > maxTimelineRows {
		placements = placements[:min(len(placements), maxTimelineRows)]
		unfitRows = unfitRows[:min(len(unfitRows), maxTimelineRows-len(placements))]
	}
	for _, pl := range placements {
		x0, x1 := days(pl.Start), days(pl.End)
		lo, hi = math.Min(lo, x0), math.Max(hi, x1)
		b := box{X0: x0, X1: x1, Fill: colSky, Label: pl.Sprint, LabelAt: labelRight, LabelColor: colGrey}
		switch {
		case pl.Parent:
			b.Fill, b.Label = colLight, ""
		case critical[pl.ID]:
			b.Fill, b.Label, b.LabelColor = colVermil, pl.Sprint+" · critical path", colRedText
		}
		rows = append(rows, b)
		names = append(names, label(string(pl.ID), titles[pl.ID]))
	}
	end := hi
	if !pr.HorizonEnd.IsZero() {
		end = days(pr.HorizonEnd)
	}
	for _, u := range unfitRows {
		rows = append(rows, box{X0: end, X1: end + 14, Fill: colFaint, Hatch: colGrey, Stroke: colGrey, Dashed: true, Label: "does not fit: " + u.Reason.String(), LabelAt: labelRight, LabelColor: colRedText})
		names = append(names, label(string(u.ID), titles[u.ID]))
	}
	n := len(rows)
	if n == 0 {
		return chartSVG{}, fmt.Errorf("roadmap: nothing to draw")
	}
	var bs boxes
	for i, b := range rows {
		y := float64(n - 1 - i)
		b.Y0, b.Y1 = y-0.32, y+0.32
		if b.Fill == colLight {
			b.Y0, b.Y1 = y-0.12, y+0.12
		}
		bs = append(bs, b)
	}
	rev := slices.Clone(names)
	slices.Reverse(rev)
	p := newPlot("")
	p.Title.Text = ""
	p.Y.Tick.Marker = categoryTicks(rev)
	p.Y.Tick.Length = 0
	p.Y.Color = colWhite
	p.Y.Padding = vg.Points(4)
	today := days(asOf)
	xmax := math.Max(end+40, hi+4)
	if len(pr.Schedule.Unfit) == 0 {
		xmax = math.Max(end, hi) + 4
	}
	p.X.Min, p.X.Max = math.Min(lo, today)-2, xmax
	p.Y.Min, p.Y.Max = -0.7, float64(n)-0.1
	p.X.Tick.Marker = dateTicks(time.Unix(int64(p.X.Min*86400), 0), time.Unix(int64(p.X.Max*86400), 0), time.Unix(int64(lo*86400), 0), 2, pr.loc)
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = colFaint
	p.Add(grid, bs)
	r := rules{{X0: today, Y0: -0.7, X1: today, Y1: float64(n) - 0.1, Color: colPurple, Width: 1.5}}
	m := marks{{X: today, Y: float64(n) - 0.1, Text: "today " + asOf.In(pr.loc).Format("Jan 2"), Color: colPurple, XAlign: draw.XLeft, YAlign: draw.YTop, DX: 3, Size: 8}}
	if !pr.HorizonEnd.IsZero() {
		r = append(r, rule{X0: end, Y0: -0.7, X1: end, Y1: float64(n) - 0.1, Color: colInk, Dashed: true})
		m = append(m, mark{X: end, Y: -0.7, Text: "end of " + pr.Horizon, Color: colInk, XAlign: draw.XRight, YAlign: draw.YBottom, DX: -3, DY: 2, Size: 8})
	}
	p.Add(r, m)
	var unfit []string
	for _, u := range pr.Schedule.Unfit {
		unfit = append(unfit, fmt.Sprintf("%s (%s)", u.ID, u.Reason))
	}
	desc := fmt.Sprintf("Timeline of %d scheduled rows from %s; critical path %s (%s estimate units); today is %s. Does not fit: %s.",
		len(pr.Schedule.Placements), time.Unix(int64(lo*86400), 0).In(pr.loc).Format(time.DateOnly), joinIDs(pr.CriticalPath.Path, " → "), pr.CriticalPath.Duration,
		asOf.In(pr.loc).Format(time.DateOnly), orNone(strings.Join(unfit, ", ")))
	if hidden := len(pr.Schedule.Placements) + len(pr.Schedule.Unfit) - n; hidden > 0 {
		desc += fmt.Sprintf(" %d more rows are not drawn; productops roadmap lists them all.", hidden)
	}
	return renderChart(p, "chart-timeline", "Roadmap timeline with the critical path and today's line", desc, 760, float64(40+18*n))
}

func orNone(s string) string {
	if s == "" {
		return "nothing"
	}
	return s
}

func label(id, title string) string {
	s := id
	if title != "" {
		s += "  " + title
	}
	if r := []rune(s); len(r) > 30 {
		s = string(r[:29]) + "…"
	}
	return s
}

// launchChart shows readiness per function as horizontal bars (0-100%): green when
// ready, orange when partly, vermilion when the function raised a blocker, hatched when
// nothing of it is counted.
func launchChart(ev launch.Evaluation) (chartSVG, error) {
	n := len(ev.Functions)
	if n == 0 {
		return chartSVG{}, fmt.Errorf("launch: no functions to draw")
	}
	var bs boxes
	names := make([]string, n)
	for i, f := range ev.Functions {
		y := float64(n - 1 - i)
		names[n-1-i] = string(f.Function)
		bs = append(bs, box{X0: 0, X1: 100, Y0: y - 0.32, Y1: y + 0.32, Fill: colFaint})
		if !f.Score.Defined {
			bs = append(bs, box{X0: 0, X1: 100, Y0: y - 0.32, Y1: y + 0.32, Hatch: colLight, Label: "n/a: nothing counted (waived, inconclusive or not applicable)", LabelAt: labelLeft, LabelColor: colGrey})
			continue
		}
		v := f64(*f.Score.Value) * 100
		col := colOrange
		switch {
		case f.Blockers > 0:
			col = colVermil
		case v >= 100:
			col = colGreen
		}
		lab := fmt.Sprintf("%.0f%%", v)
		if f.Blockers > 0 {
			lab += fmt.Sprintf(" · %d blocker", f.Blockers)
			if f.Blockers > 1 {
				lab += "s"
			}
		}
		bs = append(bs, box{X0: 0, X1: math.Max(v, 0.8), Y0: y - 0.32, Y1: y + 0.32, Fill: col})
		bs = append(bs, box{X0: math.Max(v, 0.8), X1: math.Max(v, 0.8), Y0: y, Y1: y, Label: lab, LabelAt: labelRight, LabelColor: colInk})
	}
	p := newPlot("")
	p.Y.Tick.Marker = categoryTicks(names)
	p.Y.Tick.Length = 0
	p.Y.Color = colWhite
	p.X.Min, p.X.Max = 0, 130
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Tick.Marker = plot.ConstantTicks{{Value: 0, Label: "0%"}, {Value: 25}, {Value: 50, Label: "50%"}, {Value: 75}, {Value: 100, Label: "100%"}}
	p.X.Label.Text = "readiness: weight of done items over weight of counted items"
	p.Add(bs)
	var parts []string
	for _, f := range ev.Functions {
		parts = append(parts, fmt.Sprintf("%s %s", f.Function, scoreText(f.Score)))
	}
	desc := fmt.Sprintf("Verdict %s, overall readiness %s. Per function: %s.", ev.Verdict, scoreText(ev.Score), strings.Join(parts, ", "))
	return renderChart(p, "chart-launch", "Launch readiness per function", desc, 620, float64(50+20*n))
}

// stackedChart draws one horizontal stacked bar per row: counts per state, with a label
// after the bar.
type stackPart struct {
	name  string
	color color.Color
}

func stackedChart(id, title, desc, xlabel string, rowNames []string, parts []stackPart, values [][]float64, after []string) (chartSVG, error) {
	n := len(rowNames)
	var bs boxes
	maxX := 0.0
	for i := range rowNames {
		y := float64(n - 1 - i)
		x := 0.0
		for j, v := range values[i] {
			if v <= 0 {
				continue
			}
			bs = append(bs, box{X0: x, X1: x + v, Y0: y - 0.32, Y1: y + 0.32, Fill: parts[j].color, Stroke: colWhite, Label: fmt.Sprint(v), LabelColor: colWhite})
			x += v
		}
		maxX = math.Max(maxX, x)
		bs = append(bs, box{X0: x, X1: x, Y0: y, Y1: y, Label: after[i], LabelAt: labelRight})
	}
	p := newPlot("")
	names := slices.Clone(rowNames)
	slices.Reverse(names)
	p.Y.Tick.Marker = categoryTicks(names)
	p.Y.Tick.Length = 0
	p.Y.Color = colWhite
	p.X.Min, p.X.Max = 0, maxX*1.45+1
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Label.Text = xlabel
	p.Add(bs)
	for _, part := range parts {
		p.Legend.Add(part.name, legendSwatch{part.color})
	}
	p.Legend.Left = false
	return renderChart(p, id, title, desc, 620, float64(70+22*n))
}

// legendSwatch is a filled square in a legend.
type legendSwatch struct{ c color.Color }

func (s legendSwatch) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(s.c, pts)
}
