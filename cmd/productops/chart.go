package main

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"
	"math"
	"regexp"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Charts are gonum/plot plots drawn to SVG and inlined in the report with a <title>, a
// <desc> and role="img", so screen readers and text browsers get the gist.

func init() {
	sans := font.Font{Typeface: "Liberation", Variant: "Sans"}
	plot.DefaultFont = sans
	plotter.DefaultFont = sans
}

// Palette (colour-blind safe: Okabe-Ito) and greys.
var (
	colBlue    = rgb(0x00, 0x72, 0xB2)
	colSky     = rgb(0x56, 0xB4, 0xE9)
	colGreen   = rgb(0x00, 0x9E, 0x73)
	colOrange  = rgb(0xE6, 0x9F, 0x00)
	colVermil  = rgb(0xD5, 0x5E, 0x00)
	colPurple  = rgb(0xCC, 0x79, 0xA7)
	colInk     = rgb(0x22, 0x22, 0x22)
	colGrey    = rgb(0x88, 0x88, 0x88)
	colLight   = rgb(0xDD, 0xDD, 0xDD)
	colFaint   = rgb(0xF2, 0xF2, 0xF2)
	colWhite   = rgb(0xFF, 0xFF, 0xFF)
	colRedText = rgb(0xB0, 0x30, 0x00)
)

func rgb(r, g, b uint8) color.Color { return color.RGBA{r, g, b, 0xFF} }

// newPlot is a plot with the report's styling.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(12)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(9)
		a.Tick.Label.Font.Size = vg.Points(8)
		a.Color = colGrey
		a.Tick.Color = colGrey
		a.Padding = vg.Points(2)
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = plainTicks{}, plainTicks{}
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	p.Legend.Top = true
	return p
}

// labelAt says where a box's label goes.
type labelAt int

const (
	labelCenter labelAt = iota // centered in the box
	labelRight                 // just right of the box
	labelLeft                  // inside, at the left edge
)

// box is a rectangle in data coordinates, optionally hatched, outlined and labelled.
type box struct {
	X0, X1, Y0, Y1 float64
	Fill           color.Color // nil: no fill
	Stroke         color.Color // nil: no outline
	Dashed         bool
	Hatch          color.Color // nil: no hatching
	Label          string
	LabelColor     color.Color
	LabelAt        labelAt
	Bold           bool
}

// boxes is a gonum/plot plotter of rectangles: heatmap cells, Gantt bars, waterfall steps.
type boxes []box

func (bs boxes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, b := range bs {
		x0, x1, y0, y1 := trX(b.X0), trX(b.X1), trY(b.Y0), trY(b.Y1)
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		if y1 < y0 {
			y0, y1 = y1, y0
		}
		pts := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		if b.Fill != nil {
			c.FillPolygon(b.Fill, c.ClipPolygonXY(pts))
		}
		if b.Hatch != nil {
			hatch(c, b.Hatch, x0, x1, y0, y1)
		}
		if b.Stroke != nil {
			ls := draw.LineStyle{Color: b.Stroke, Width: vg.Points(1)}
			if b.Dashed {
				ls.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
			}
			c.StrokeLines(ls, c.ClipLinesXY(append(pts, pts[0]))...)
		}
		if b.Label != "" {
			col := b.LabelColor
			if col == nil {
				col = colInk
			}
			sty := textStyle(8, col)
			if b.Bold {
				sty.Font.Weight = xfont.WeightBold
			}
			pt := vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}
			switch b.LabelAt {
			case labelRight:
				sty.XAlign = draw.XLeft
				pt.X = x1 + vg.Points(3)
			case labelLeft:
				sty.XAlign = draw.XLeft
				pt.X = x0 + vg.Points(3)
			}
			c.FillText(sty, pt, b.Label)
		}
	}
}

// hatch draws 45° lines across a rectangle (marks cells and bars that are not final).
func hatch(c draw.Canvas, col color.Color, x0, x1, y0, y1 vg.Length) {
	ls := draw.LineStyle{Color: col, Width: vg.Points(0.8)}
	step := vg.Points(4)
	w, h := x1-x0, y1-y0
	for k := -h; k < w; k += step {
		// The line x = x0 + k + (y - y0), clipped to the box.
		ya, yb := y0, y1
		if k < 0 {
			ya = y0 - k
		}
		if k+h > w {
			yb = y0 + (w - k)
		}
		if yb <= ya {
			continue
		}
		c.StrokeLine2(ls, x0+k+(ya-y0), ya, x0+k+(yb-y0), yb)
	}
}

func (bs boxes) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, b := range bs {
		xmin = math.Min(xmin, math.Min(b.X0, b.X1))
		xmax = math.Max(xmax, math.Max(b.X0, b.X1))
		ymin = math.Min(ymin, math.Min(b.Y0, b.Y1))
		ymax = math.Max(ymax, math.Max(b.Y0, b.Y1))
	}
	return
}

// marks is a plotter of free text at data coordinates (no data range of its own).
type marks []mark

type mark struct {
	X, Y   float64
	Text   string
	Color  color.Color
	XAlign draw.XAlignment
	YAlign draw.YAlignment
	Size   float64 // points; 0 means 8
	DX, DY float64 // offset in points
}

func (ms marks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, m := range ms {
		size := m.Size
		if size == 0 {
			size = 8
		}
		col := m.Color
		if col == nil {
			col = colInk
		}
		sty := textStyle(size, col)
		sty.XAlign, sty.YAlign = m.XAlign, m.YAlign
		c.FillText(sty, vg.Point{X: trX(m.X) + vg.Points(m.DX), Y: trY(m.Y) + vg.Points(m.DY)}, m.Text)
	}
}

// rule is a straight line in data coordinates (a threshold, today's line).
type rule struct {
	X0, Y0, X1, Y1 float64
	Color          color.Color
	Width          float64
	Dashed         bool
}

type rules []rule

func (rs rules) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range rs {
		w := r.Width
		if w == 0 {
			w = 1
		}
		ls := draw.LineStyle{Color: r.Color, Width: vg.Points(w)}
		if r.Dashed {
			ls.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		c.StrokeLines(ls, c.ClipLinesXY([]vg.Point{{X: trX(r.X0), Y: trY(r.Y0)}, {X: trX(r.X1), Y: trY(r.Y1)}})...)
	}
}

func textStyle(size float64, col color.Color) text.Style {
	return text.Style{
		Color:   col,
		Font:    font.From(plot.DefaultFont, vg.Points(size)),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
}

// categoryTicks labels integer positions 0..n-1 with names (a category axis).
func categoryTicks(names []string) plot.ConstantTicks {
	t := make(plot.ConstantTicks, len(names))
	for i, n := range names {
		t[i] = plot.Tick{Value: float64(i), Label: n}
	}
	return t
}

// chartSVG is a chart ready to inline.
type chartSVG struct {
	ID    string
	Title string
	Desc  string // the text alternative
	SVG   template.HTML
}

var svgSize = regexp.MustCompile(`\s(width|height)="[^"]*"`)

// renderChart draws p to SVG and dresses it for inlining: no XML prolog, a <title> and
// a <desc>, role="img", scalable width, and a font stack that exists everywhere.
func renderChart(p *plot.Plot, id, title, desc string, w, h float64) (chartSVG, error) {
	c := vgsvg.New(vg.Points(w), vg.Points(h))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return chartSVG{}, fmt.Errorf("chart %s: %w", id, err)
	}
	s := b.String()
	i := strings.Index(s, "<svg")
	if i < 0 {
		return chartSVG{}, fmt.Errorf("chart %s: no <svg> element", id)
	}
	s = s[i:]
	j := strings.IndexByte(s, '>')
	head, rest := s[:j], s[j+1:]
	head = svgSize.ReplaceAllString(head, "")
	esc := template.HTMLEscapeString
	head += fmt.Sprintf(` class="chart-svg" role="img" aria-labelledby="%s-title %s-desc" preserveAspectRatio="xMidYMid meet" style="max-width:%gpx"`, id, id, w*1.333)
	s = head + ">\n<title id=\"" + id + "-title\">" + esc(title) + "</title>\n<desc id=\"" + id + "-desc\">" + esc(desc) + "</desc>" + rest
	s = strings.ReplaceAll(s, "font-family:Liberation Sans", "font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif")
	s = strings.ReplaceAll(s, "font-family:Liberation Serif", "font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif")
	return chartSVG{ID: id, Title: title, Desc: desc, SVG: template.HTML(s)}, nil
}

// plainTicks are gonum's default ticks labelled without trailing zeros ("750", not
// "750.00").
type plainTicks struct{}

func (plainTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'f', -1, 64)
		}
	}
	return ts
}
