package launch

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// verdictLabel renders a verdict for people.
func verdictLabel(v Verdict) string {
	switch v {
	case Go:
		return "GO"
	case GoWithRisks:
		return "GO WITH RISKS"
	case NoGo:
		return "NO-GO"
	}
	return v.String()
}

// scoreLine renders "87.50% (7/8)" or "n/a (nothing counted)".
func scoreLine(s Score) string {
	if !s.usable() {
		return "n/a (nothing counted)"
	}
	return s.Percent() + " (" + s.Num.String() + "/" + s.Den.String() + ")"
}

// Text renders the evaluation as a short plain-text report: verdict, scores, reasons in
// order, overdue items and graded risks. Times are printed in UTC (RFC 3339). The output
// is deterministic.
func (ev Evaluation) Text() string {
	var b strings.Builder
	ev.write(&b)
	return b.String()
}

// WriteText writes Text to w.
func (ev Evaluation) WriteText(w io.Writer) error {
	_, err := io.WriteString(w, ev.Text())
	return err
}

func (ev Evaluation) write(b *strings.Builder) {
	fmt.Fprintf(b, "launch %q (tier %s) as of %s\n", ev.Plan, ev.Tier, ev.AsOf.UTC().Format(time.RFC3339))
	if len(ev.Ships) > 0 || !ev.TargetDate.IsZero() {
		var parts []string
		if len(ev.Ships) > 0 {
			ids := make([]string, len(ev.Ships))
			for i, s := range ev.Ships {
				ids[i] = string(s)
			}
			parts = append(parts, "ships "+strings.Join(ids, ", "))
		}
		if !ev.TargetDate.IsZero() {
			t := "target " + ev.TargetDate.String()
			if ev.Zone != "" {
				t += " " + ev.Zone
			}
			parts = append(parts, t)
		}
		b.WriteString(strings.Join(parts, "; ") + "\n")
	}
	if ev.DecisionMaker != "" {
		fmt.Fprintf(b, "decision maker: %s\n", ev.DecisionMaker)
	}
	fmt.Fprintf(b, "verdict: %s\n", verdictLabel(ev.Verdict))
	fmt.Fprintf(b, "readiness: %s\n", scoreLine(ev.Score))
	for _, f := range ev.Functions {
		fmt.Fprintf(b, "  %-12s %s", f.Function, scoreLine(f.Score))
		if f.Blockers > 0 {
			fmt.Fprintf(b, ", %d blocker(s)", f.Blockers)
		}
		b.WriteString("\n")
	}
	if len(ev.Reasons) == 0 {
		b.WriteString("reasons: none\n")
	} else {
		b.WriteString("reasons:\n")
		for i, r := range ev.Reasons {
			fmt.Fprintf(b, "  %d. %s\n", i+1, r.line())
		}
	}
	if len(ev.Overdue) > 0 {
		b.WriteString("overdue:\n")
		for _, o := range ev.Overdue {
			fmt.Fprintf(b, "  %s (%s %s) due %s, %s", o.ID, o.Function, o.Kind, o.Due.UTC().Format(time.RFC3339), o.Status)
			if o.Owner != "" {
				fmt.Fprintf(b, ", owner %s", o.Owner)
			}
			b.WriteString("\n")
		}
	}
	if len(ev.Risks) > 0 {
		b.WriteString("risks:\n")
		for _, r := range ev.Risks {
			fmt.Fprintf(b, "  %s inherent %s (%s)", r.ID, r.Inherent.Value, r.Inherent.Band)
			if r.Residual != nil {
				fmt.Fprintf(b, ", residual %s (%s)", r.Residual.Value, r.Residual.Band)
			}
			fmt.Fprintf(b, ", %s, response %s", r.Status, r.Response)
			if r.Reason != 0 {
				fmt.Fprintf(b, " -> %s", r.Reason)
			}
			b.WriteString("\n")
		}
	}
	if len(ev.NotRequired) > 0 {
		fmt.Fprintf(b, "not required at tier %s: %d item(s)\n", ev.Tier, len(ev.NotRequired))
	}
}

// line renders a reason on one line: "blocker failed sec-review (security): gate failed".
func (r Reason) line() string {
	s := r.Severity.String() + " " + r.Kind.String()
	if r.Subject != "" {
		s += " " + r.Subject
	}
	if r.Function != "" {
		s += " (" + string(r.Function) + ")"
	}
	return s + ": " + r.Message
}

// String renders the reason on one line, as in the text report.
func (r Reason) String() string { return r.line() }

// CSVHeader is the header row Evaluation.WriteCSV writes.
var CSVHeader = []string{"scope", "function", "items", "blockers", "num", "den", "score"}

// WriteCSV writes readiness per function through encoding/csv: a header (CSVHeader), one
// "overall" row for the plan (function empty), then one "function" row per function in
// report order. num and den are the exact weights as decimal strings; score is num/den
// at ScoreScale places, empty when undefined; items and blockers are counts (the overall
// row counts every required item and blocker, risks and the score floor included). Fields
// holding caller text are written as given; encoding/csv quotes them as needed.
func (ev Evaluation) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	blockers := 0
	for _, r := range ev.Reasons {
		if r.Severity == SeverityBlocker {
			blockers++
		}
	}
	row := func(scope string, f Function, items, blockers int, s Score) []string {
		value := ""
		if s.usable() && s.Value != nil {
			value = s.Value.StringFixed(ScoreScale)
		}
		return []string{scope, string(f), strconv.Itoa(items), strconv.Itoa(blockers), boundedString(s.Num), boundedString(s.Den), value}
	}
	rows := [][]string{CSVHeader, row("overall", "", len(ev.Items), blockers, ev.Score)}
	for _, f := range ev.Functions {
		rows = append(rows, row("function", f.Function, f.Items, f.Blockers, f.Score))
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("launch: writing csv: %w", err)
	}
	return nil
}

// boundedString is d.String(), or "" for a decimal beyond the validation bounds (only a
// hand-built value can be; printing it could take a billion digits).
func boundedString(d decimal.Decimal) string {
	if !validation.DecimalBounded(d) {
		return ""
	}
	return d.String()
}
