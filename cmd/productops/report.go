package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/productops/productops/launch"
	"github.com/productops/productops/prioritize"
)

// Report size caps, so a large input still gives a file a browser opens quickly: tables
// show at most maxReportRows rows, the value/effort chart the top maxScatterPoints items,
// the timeline maxTimelineRows rows and the heatmap the last maxHeatmapCohorts cohorts.
// Each cap is said in the report where it applies; the subcommands have no such caps.
const (
	maxReportRows     = 200
	maxScatterPoints  = 2000
	maxTimelineRows   = 80
	maxHeatmapCohorts = 52
)

//go:embed report.html.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"join": strings.Join,
}).Parse(reportTemplate))

// reportPage is what the template renders.
type reportPage struct {
	Title     string
	AsOf      string
	Generated string
	Summary   []string
	Sections  []reportSection
}

// reportSection is one part of the report: a lead, charts, tables and notes.
type reportSection struct {
	ID     string
	Title  string
	Lead   []string
	Badge  string
	Tone   string // "good", "warn", "bad" or ""
	Charts []chartSVG
	Tables []htmlTable
	Notes  []string
}

// htmlTable is a table with optional per-row tone and a caption.
type htmlTable struct {
	Caption string
	Head    []string
	Rows    []htmlRow
	Numeric map[int]bool // right-aligned columns
}

type htmlRow struct {
	Cells []string
	Tone  string
	Mono  map[int]bool
}

func (t htmlTable) IsNum(i int) bool { return t.Numeric[i] }
func (r htmlRow) IsMono(i int) bool  { return r.Mono[i] }

// buildReport computes every section the config names.
func (e *env) buildReport(cfg reportConfig, ri reportInputs, asOf time.Time, cfgName string) (reportPage, error) {
	page := reportPage{Title: cfg.Title, AsOf: asOf.Format("Mon 2 Jan 2006 15:04 MST")}
	if page.Title == "" {
		page.Title = "Product operations report"
	}
	msecs, msum, err := e.metricsSections(cfg, ri, asOf, cfgName)
	if err != nil {
		return page, err
	}
	page.Sections, page.Summary = msecs, msum
	if cfg.Backlog != "" {
		src, err := ri.read(cfg.Backlog)
		if err != nil {
			return page, err
		}
		bf, o, err := loadBacklog(src)
		if err != nil {
			return page, err
		}
		capMap := cfg.Capacity
		res, err := rankBacklog(bf, rankOptions{framework: cfg.Framework, capacity: capMap}, o)
		if err != nil {
			return page, err
		}
		sec, sum, err := backlogSection(res)
		if err != nil {
			return page, err
		}
		page.Sections = append(page.Sections, sec)
		page.Summary = append(page.Summary, sum...)
	}
	if cfg.Roadmap != "" {
		src, err := ri.read(cfg.Roadmap)
		if err != nil {
			return page, err
		}
		pr, err := planRoadmap(src)
		if err != nil {
			return page, err
		}
		sec, sum, err := roadmapSection(pr, asOf)
		if err != nil {
			return page, err
		}
		page.Sections = append(page.Sections, sec)
		page.Summary = append(page.Summary, sum...)
	}
	if cfg.Launch != "" {
		src, err := ri.read(cfg.Launch)
		if err != nil {
			return page, err
		}
		p, err := loadPlan(src)
		if err != nil {
			return page, err
		}
		ev, err := launch.Evaluate(p, asOf)
		if err != nil {
			return page, placeErr(err, jsonOrigin{src: src})
		}
		sec, sum, err := launchSection(ev)
		if err != nil {
			return page, err
		}
		page.Sections = append(page.Sections, sec)
		page.Summary = append(page.Summary, sum...)
	}
	if cfg.Feedback != "" || cfg.Tickets != "" {
		var res feedbackResult
		if cfg.Feedback != "" {
			src, err := ri.read(cfg.Feedback)
			if err != nil {
				return page, err
			}
			if err := analyzeFeedback(src, feedbackOptions{asOf: asOf, similar: 0.4}, &res); err != nil {
				return page, err
			}
			sec, sum, err := demandSection(res)
			if err != nil {
				return page, err
			}
			page.Sections = append(page.Sections, sec)
			page.Summary = append(page.Summary, sum...)
		}
		if cfg.Tickets != "" {
			src, err := ri.read(cfg.Tickets)
			if err != nil {
				return page, err
			}
			sla, err := evaluateSLAs(src, asOf)
			if err != nil {
				return page, err
			}
			sec, sum, err := slaSection(sla)
			if err != nil {
				return page, err
			}
			page.Sections = append(page.Sections, sec)
			page.Summary = append(page.Summary, sum...)
		}
	}
	return page, nil
}

// explainFormula writes a score's formula with each factor named:
// "reach 800 × impact 2 × confidence 0.8 ÷ effort 3 = 426.67".
func explainFormula(s prioritize.Score) string {
	var b strings.Builder
	open := false
	for i, f := range s.Factors {
		sym := map[prioritize.Op]string{prioritize.OpMultiply: "×", prioritize.OpDivide: "÷", prioritize.OpAdd: "+", prioritize.OpSubtract: "−"}[f.Op]
		next := prioritize.Op(255)
		if i+1 < len(s.Factors) {
			next = s.Factors[i+1].Op
		}
		if i > 0 {
			if open && f.Op != prioritize.OpAdd && f.Op != prioritize.OpSubtract {
				b.WriteString(")")
				open = false
			}
			b.WriteString(" " + sym + " ")
		} else if (f.Op == prioritize.OpAdd || f.Op == prioritize.OpSubtract) && next != prioritize.Op(255) {
			b.WriteString("(")
			open = true
		}
		fmt.Fprintf(&b, "%s %s", strings.ReplaceAll(f.Name, "_", " "), f.Input)
	}
	if open {
		b.WriteString(")")
	}
	fmt.Fprintf(&b, " = %s", s.Value.Round(2))
	return b.String()
}

func backlogSection(res rankResult) (reportSection, []string, error) {
	sec := reportSection{ID: "backlog", Title: "Backlog: value, effort and rank"}
	sec.Lead = append(sec.Lead, fmt.Sprintf("%d items scored by %s. Equal scores share a rank; the ID breaks the tie. The Pareto frontier holds the items no other item beats on both value and effort.", len(res.Items), strings.ToUpper(res.Framework)))
	if len(res.Pareto) > 0 {
		ch, err := scatterChart(res)
		if err != nil {
			return sec, nil, err
		}
		sec.Charts = append(sec.Charts, ch)
	}
	t := htmlTable{Caption: "Ranked backlog with each score's explanation", Head: []string{"rank", "id", "title", "team", "score", "explanation", "quadrant", "frontier", "selected"}, Numeric: map[int]bool{0: true, 4: true}}
	shown := res.Items
	if len(shown) > maxReportRows {
		shown = shown[:maxReportRows]
		sec.Notes = append(sec.Notes, fmt.Sprintf("The table shows the top %d of %d items; productops rank lists them all.", maxReportRows, len(res.Items)))
	}
	for _, it := range shown {
		q := ""
		if it.Quadrant != nil {
			q = strings.ReplaceAll(it.Quadrant.String(), "_", " ")
		}
		sel, tone := "", ""
		if it.Selected != nil && *it.Selected {
			sel, tone = "✓", "good"
		}
		front := ""
		if it.Pareto {
			front = "◆"
		}
		expl := explainFormula(it.Score)
		for _, n := range it.Score.Notes {
			expl += " (" + n + ")"
		}
		t.Rows = append(t.Rows, htmlRow{Cells: []string{fmt.Sprint(it.Rank), string(it.ID), it.Title, it.Team, it.Score.Value.Round(2).String(), expl, q, front, sel}, Tone: tone, Mono: map[int]bool{5: true}})
	}
	sec.Tables = append(sec.Tables, t)
	var sum []string
	if len(res.Items) > 0 {
		top := res.Items[0]
		sum = append(sum, fmt.Sprintf("Backlog: %s “%s” ranks first (%s %s).", top.ID, top.Title, strings.ToUpper(res.Framework), top.Score.Value.Round(2)))
	}
	if s := res.Selection; s != nil {
		var caps []string
		for team, c := range res.Capacity {
			caps = append(caps, fmt.Sprintf("%s %s", team, c))
		}
		sortStrings(caps)
		sec.Notes = append(sec.Notes, fmt.Sprintf("Selected under capacity (%s): %d items worth %s in total; filling by value per effort would give %s (%s, exact: %t).",
			strings.Join(caps, ", "), len(s.Selected), s.Value, s.GreedyValue, s.Method, s.Exact))
		sum = append(sum, fmt.Sprintf("Capacity plan: %d of %d items fit (value %s, %s better than greedy).", len(s.Selected), len(res.Items), s.Value, s.Gap))
	}
	return sec, sum, nil
}

func roadmapSection(pr plannedRoadmap, asOf time.Time) (reportSection, []string, error) {
	sec := reportSection{ID: "roadmap", Title: "Roadmap " + pr.Horizon}
	ch, err := timelineChart(pr, asOf)
	if err != nil {
		return sec, nil, err
	}
	sec.Charts = append(sec.Charts, ch)
	sec.Lead = append(sec.Lead, fmt.Sprintf("Items are placed into each team's sprints by priority, after their dependencies; capacity is prorated for holidays and absences. Critical path of the open work: %s (%s ideal days, ignoring capacity).",
		joinIDs(pr.CriticalPath.Path, " → "), pr.CriticalPath.Duration))
	t := htmlTable{Caption: "What does not fit, and why", Head: []string{"id", "reason", "detail"}}
	for _, u := range pr.Schedule.Unfit {
		t.Rows = append(t.Rows, htmlRow{Cells: []string{string(u.ID), u.Reason.String(), u.Detail}, Tone: "warn"})
	}
	sec.Tables = append(sec.Tables, t)
	sum := []string{fmt.Sprintf("Roadmap %s: %d items do not fit; the critical path %s needs %s ideal days.", pr.Horizon, len(pr.Schedule.Unfit), joinIDs(pr.CriticalPath.Path, " → "), pr.CriticalPath.Duration)}
	return sec, sum, nil
}

func launchSection(ev launch.Evaluation) (reportSection, []string, error) {
	sec := reportSection{ID: "launch", Title: "Launch readiness: " + ev.Plan, Badge: strings.ReplaceAll(ev.Verdict.String(), "_", " ")}
	switch ev.Verdict {
	case launch.Go:
		sec.Tone = "good"
	case launch.GoWithRisks:
		sec.Tone = "warn"
	default:
		sec.Tone = "bad"
	}
	target := ""
	if !ev.TargetDate.IsZero() {
		target = ", target " + ev.TargetDate.String()
	}
	sec.Lead = append(sec.Lead, fmt.Sprintf("Overall readiness %s (tier %s%s). A launch is a conjunction of gates: any blocker means no go.", scoreText(ev.Score), ev.Tier, target))
	ch, err := launchChart(ev)
	if err != nil {
		return sec, nil, err
	}
	sec.Charts = append(sec.Charts, ch)
	t := htmlTable{Caption: "Reasons, blockers first", Head: []string{"severity", "kind", "subject", "function", "reason"}}
	for _, r := range ev.Reasons {
		tone := "warn"
		if r.Severity == launch.SeverityBlocker {
			tone = "bad"
		}
		t.Rows = append(t.Rows, htmlRow{Cells: []string{r.Severity.String(), strings.ReplaceAll(r.Kind.String(), "_", " "), r.Subject, string(r.Function), r.Message}, Tone: tone})
	}
	sec.Tables = append(sec.Tables, t)
	sum := []string{fmt.Sprintf("Launch %q: %s, readiness %s, %d blocker(s).", ev.Plan, ev.Verdict, scoreText(ev.Score), countBlockers(ev))}
	return sec, sum, nil
}

func demandSection(res feedbackResult) (reportSection, []string, error) {
	d := res.Demand
	sec := reportSection{ID: "demand", Title: "Customer demand"}
	sec.Lead = append(sec.Lead, "Each person counts once with their latest importance; each account's revenue counts once; merged duplicates are one request.")
	var names, after []string
	var vals [][]float64
	for _, q := range d.Requests {
		names = append(names, string(q.Request))
		vals = append(vals, []float64{float64(q.Points)})
		rev := ""
		if q.Revenue.Defined {
			rev = fmt.Sprintf(" · %s %s MRR", q.Revenue.Value, q.Revenue.Currency)
		}
		after = append(after, fmt.Sprintf("%d people, %d accounts%s", q.People, q.Accounts, rev))
	}
	if len(names) > 0 {
		var parts []string
		for i, q := range d.Requests {
			parts = append(parts, fmt.Sprintf("%s %d points (%s)", q.Request, q.Points, after[i]))
		}
		ch, err := stackedChart("chart-demand", "Demand per request", "Demand points per request: "+strings.Join(parts, "; ")+".", "importance points", names, []stackPart{{"points", colBlue}}, vals, after)
		if err != nil {
			return sec, nil, err
		}
		sec.Charts = append(sec.Charts, ch)
	}
	t := htmlTable{Caption: "Accounts behind each request", Head: []string{"request", "account", "segment", "people", "points", "MRR"}, Numeric: map[int]bool{3: true, 4: true, 5: true}}
	for _, q := range d.Requests {
		for _, a := range q.ByAccount {
			rev := ""
			if a.HasRevenue {
				rev = a.Revenue.String() + " " + a.Currency
			}
			t.Rows = append(t.Rows, htmlRow{Cells: []string{string(q.Request), string(a.Account), a.Segment, fmt.Sprint(a.People), fmt.Sprint(a.Points), rev}})
		}
	}
	sec.Tables = append(sec.Tables, t)
	if dp := res.Duplicates; dp != nil && len(dp.Pairs) > 0 {
		dt := htmlTable{Caption: "Near-duplicate feedback (word Jaccard)", Head: []string{"similarity", "kind", "feedback", "looks like"}, Numeric: map[int]bool{0: true}}
		for _, p := range dp.Pairs {
			dt.Rows = append(dt.Rows, htmlRow{Cells: []string{fmt.Sprintf("%.2f", p.Similarity), p.Kind.String(), fmt.Sprintf("%s: %s", p.A, res.texts[p.A]), fmt.Sprintf("%s: %s", p.B, res.texts[p.B])}})
		}
		sec.Tables = append(sec.Tables, dt)
	}
	var sum []string
	if len(d.Requests) > 0 {
		q := d.Requests[0]
		sum = append(sum, fmt.Sprintf("Demand: %s “%s” leads with %d points from %d people at %d accounts.", q.Request, q.Title, q.Points, q.People, q.Accounts))
	}
	return sec, sum, nil
}

func slaSection(s *slaSummary) (reportSection, []string, error) {
	sec := reportSection{ID: "sla", Title: "Support SLA compliance"}
	sec.Lead = append(sec.Lead, fmt.Sprintf("%d tickets evaluated against Zendesk-style SLA policies. Compliance is achieved over decided targets; active and paused targets are not decided yet.", s.Tickets))
	var names, after []string
	var vals [][]float64
	for _, m := range s.Metrics {
		names = append(names, strings.ReplaceAll(m.Metric.String(), "_", " "))
		vals = append(vals, []float64{float64(m.Achieved), float64(m.Breached), float64(m.Active), float64(m.Paused)})
		after = append(after, fmt.Sprintf("%s (%d/%d)", rateText(m.Compliance), m.Compliance.Numerator, m.Compliance.Denominator))
	}
	if len(names) > 0 {
		var parts []string
		for i, n := range names {
			parts = append(parts, fmt.Sprintf("%s %s", n, after[i]))
		}
		ch, err := stackedChart("chart-sla", "SLA targets by state", "SLA compliance per metric: "+strings.Join(parts, "; ")+".", "SLA targets",
			names, []stackPart{{"achieved", colGreen}, {"breached", colVermil}, {"active", colSky}, {"paused", colGrey}}, vals, after)
		if err != nil {
			return sec, nil, err
		}
		sec.Charts = append(sec.Charts, ch)
	}
	t := htmlTable{Caption: "Breaches, worst first", Head: []string{"ticket", "metric", "policy", "priority", "over by", "state"}}
	for _, b := range s.Breaches {
		state := "fulfilled late"
		switch {
		case b.Result.Paused:
			state = "open, paused"
		case !b.Result.Fulfilled:
			state = "open"
		}
		t.Rows = append(t.Rows, htmlRow{Cells: []string{string(b.Ticket), strings.ReplaceAll(b.Result.Metric.String(), "_", " "), b.Result.Policy, b.Result.Priority.String(), b.Result.Overdue().String(), state}, Tone: "bad"})
	}
	sec.Tables = append(sec.Tables, t)
	sum := []string{fmt.Sprintf("Support: SLA compliance %s over %d decided targets, %d breached.", rateText(s.Total.Compliance), s.Total.Compliance.Denominator, s.Total.Breached)}
	return sec, sum, nil
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// renderReport writes the page as one self-contained HTML document.
func renderReport(w io.Writer, page reportPage) error {
	return reportTmpl.Execute(w, page)
}

func newReportCmd(e *env) *cobra.Command {
	var out, asOf string
	var demo bool
	cmd := &cobra.Command{
		Use:   "report [config.json] [-o report.html]",
		Short: "Write one self-contained HTML report (charts inline, no network) from a config or --demo",
		Long: `report reads a config naming the inputs (backlog, roadmap, launch plan, feedback,
support queue) and writes ONE self-contained HTML file: inline SVG charts with titles and
text alternatives, no scripts and no network, and a print stylesheet. It prints where the
file is and a short text summary.

Config: {"title", "as_of": "2026-08-19", "backlog", "framework", "capacity": {"team": "8"},
"roadmap", "launch", "feedback", "tickets"}; paths are relative to the config. as_of is
the report's today (the timeline's today line; launch and SLAs are evaluated then).
--demo uses embedded sample data.`,
		Example: `  productops report --demo -o report.html
  productops report review.json -o review.html --as-of 2026-08-19`,
		Args: maxOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if demo && len(args) > 0 {
				return usagef("report: give a config file or --demo, not both")
			}
			if !demo && len(args) == 0 {
				return usagef("report: give a config file, or --demo for the embedded sample")
			}
			if _, err := parseAsOf(asOf, time.UTC); err != nil {
				return err
			}
			cfg, ri, err := e.loadReportConfig(fileArg(args), demo)
			if err != nil {
				return err
			}
			cfgName := fileArg(args)
			if demo {
				cfgName = "demo/report.json"
			}
			at, err := reportAsOf(asOf, cfg, cfgName)
			if err != nil {
				return err
			}
			page, err := e.buildReport(cfg, ri, at, cfgName)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := renderReport(&buf, page); err != nil {
				return err
			}
			if out == "-" {
				_, err := e.stdout.Write(buf.Bytes())
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return trimPathError(err)
			}
			where := out
			if abs, err := filepath.Abs(out); err == nil {
				where = abs
			}
			fmt.Fprintf(e.stdout, "wrote %s (%d KB, %d sections; open it in a browser)\n", where, (buf.Len()+1023)/1024, len(page.Sections))
			for _, s := range page.Summary {
				fmt.Fprintf(e.stdout, "  %s\n", s)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "report.html", `the HTML file to write ("-" for standard output)`)
	cmd.Flags().StringVar(&asOf, "as-of", "", "the report's today (date or RFC 3339); default: the config's as_of")
	cmd.Flags().BoolVar(&demo, "demo", false, "use the embedded sample data")
	return cmd
}
