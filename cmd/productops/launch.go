package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/productops/productops/launch"
)

// launchResult is the JSON of launch with --diff; without it the evaluation alone.
type launchResult struct {
	Evaluation launch.Evaluation `json:"evaluation"`
	Change     *launch.Change    `json:"change,omitempty"`
}

// loadPlan reads and validates a launch plan; errors name the file, line and field.
func loadPlan(src source) (launch.Plan, error) {
	p, err := launch.ParsePlan(src.data)
	if err != nil {
		return p, placeErr(err, jsonOrigin{src: src})
	}
	return p, nil
}

// planZone is the plan's zone, UTC when it names none or an unknown one (ParsePlan
// rejects unknown zones).
func planZone(p launch.Plan) *time.Location {
	if p.Zone != "" {
		if loc, err := time.LoadLocation(p.Zone); err == nil {
			return loc
		}
	}
	return time.UTC
}

// previousEvaluation reads --diff: a previous evaluation (launch --format json, with or
// without --diff) or a plan, evaluated at asOf.
func previousEvaluation(src source, asOf time.Time) (launch.Evaluation, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(src.data, &probe); err != nil {
		return launch.Evaluation{}, jsonError(src, json.NewDecoder(bytes.NewReader(src.data)), err)
	}
	if _, ok := probe["verdict"]; ok {
		var ev launch.Evaluation
		return ev, decodeJSON(src, &ev)
	}
	if _, ok := probe["evaluation"]; ok {
		var lr launchResult
		return lr.Evaluation, decodeJSON(src, &lr)
	}
	p, err := loadPlan(src)
	if err != nil {
		return launch.Evaluation{}, err
	}
	ev, err := launch.Evaluate(p, asOf)
	return ev, placeErr(err, jsonOrigin{src: src})
}

func newLaunchCmd(e *env) *cobra.Command {
	var out outputFlags
	var asOf, diff string
	cmd := &cobra.Command{
		Use:   "launch [plan.json|-]",
		Short: "Decide go / no-go for a launch plan, with reasons; exit status 3 on no-go",
		Long: `launch evaluates a launch plan (checklist by function, waivers, risk register) at an
instant and prints the verdict (go, go_with_risks or no_go), the readiness per function
and every reason. With --diff it also prints what changed since a previous evaluation
(the JSON of an earlier run) or a previous version of the plan.

The exit status is 3 when the verdict is no_go, so a release pipeline can gate on it:
  productops launch plan.json || exit 1`,
		Example: `  productops launch plan.json --as-of 2026-12-02
  productops launch plan.json --format json > yesterday.json
  productops launch plan.json --diff yesterday.json`,
		Args: maxOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := e.readSource(fileArg(args))
			if err != nil {
				return err
			}
			p, err := loadPlan(src)
			if err != nil {
				return err
			}
			at, err := parseAsOf(asOf, planZone(p))
			if err != nil {
				return err
			}
			if at.IsZero() {
				at = time.Now()
			}
			ev, err := launch.Evaluate(p, at)
			if err != nil {
				return placeErr(err, jsonOrigin{src: src})
			}
			res := launchOutput(ev)
			if diff != "" {
				psrc, err := e.readSource(diff)
				if err != nil {
					return err
				}
				before, err := previousEvaluation(psrc, at)
				if err != nil {
					return err
				}
				ch := launch.Diff(before, ev)
				res.json = launchResult{Evaluation: ev, Change: &ch}
				res.sections = append(res.sections, changeSection(ch))
			}
			if err := out.write(e.stdout, res); err != nil {
				return err
			}
			if ev.Verdict == launch.NoGo {
				return &exitStatusError{code: exitNoGo, msg: fmt.Sprintf("launch %q: no_go (%d blocker(s))", ev.Plan, countBlockers(ev))}
			}
			return nil
		},
	}
	out.register(cmd, []string{"functions", "reasons", "overdue", "changes"})
	cmd.Flags().StringVar(&asOf, "as-of", "", "evaluate at this instant: 2026-12-02 (midnight in the plan's zone) or RFC 3339; default now")
	cmd.Flags().StringVar(&diff, "diff", "", "compare with a previous evaluation (JSON of launch) or a previous plan")
	return cmd
}

func countBlockers(ev launch.Evaluation) int {
	n := 0
	for _, r := range ev.Reasons {
		if r.Severity == launch.SeverityBlocker {
			n++
		}
	}
	return n
}

func scoreText(s launch.Score) string {
	if !s.Defined {
		return "n/a"
	}
	return s.Percent()
}

// launchOutput lays an evaluation out for people.
func launchOutput(ev launch.Evaluation) result {
	r := result{
		title: fmt.Sprintf("%s: %s, readiness %s (as of %s)", ev.Plan, ev.Verdict, scoreText(ev.Score), ev.AsOf.Format(time.RFC3339)),
		json:  ev,
	}
	var facts []string
	facts = append(facts, "tier "+string(ev.Tier))
	if !ev.TargetDate.IsZero() {
		facts = append(facts, "target "+ev.TargetDate.String())
	}
	if ev.DecisionMaker != "" {
		facts = append(facts, "decision maker "+ev.DecisionMaker)
	}
	if len(ev.Ships) > 0 {
		ships := make([]string, len(ev.Ships))
		for i, s := range ev.Ships {
			ships[i] = string(s)
		}
		facts = append(facts, "ships "+strings.Join(ships, " "))
	}
	r.summary = []string{strings.Join(facts, "; ")}
	fn := section{name: "functions", title: "Readiness per function (weight of done items over weight of counted items)", head: []string{"function", "readiness", "done", "counted", "items", "blockers"}}
	for _, f := range ev.Functions {
		fn.rows = append(fn.rows, []string{string(f.Function), scoreText(f.Score), f.Score.Num.String(), f.Score.Den.String(), fmt.Sprint(f.Items), fmt.Sprint(f.Blockers)})
	}
	rs := section{name: "reasons", title: "Reasons (blockers first)", head: []string{"severity", "kind", "subject", "function", "message"}}
	for _, x := range ev.Reasons {
		rs.rows = append(rs.rows, []string{x.Severity.String(), x.Kind.String(), x.Subject, string(x.Function), x.Message})
	}
	od := section{name: "overdue", title: "Overdue required items", head: []string{"id", "function", "owner", "kind", "status", "due"}}
	for _, o := range ev.Overdue {
		od.rows = append(od.rows, []string{string(o.ID), string(o.Function), o.Owner, o.Kind.String(), o.Status.String(), o.Due.Format(time.RFC3339)})
	}
	r.sections = []section{fn, rs, od}
	return r
}

// changeSection lists what changed between two evaluations.
func changeSection(ch launch.Change) section {
	s := section{name: "changes", title: fmt.Sprintf("Changes since %s: verdict %s -> %s, readiness %s -> %s",
		ch.BeforeAsOf.Format(time.RFC3339), ch.VerdictBefore, ch.VerdictAfter, scoreText(ch.ScoreBefore), scoreText(ch.ScoreAfter)),
		head: []string{"change", "subject", "detail"}}
	for _, x := range ch.Resolved {
		s.rows = append(s.rows, []string{"resolved", x.Subject, x.Severity.String() + " " + x.Kind.String() + ": " + x.Message})
	}
	for _, x := range ch.Added {
		s.rows = append(s.rows, []string{"added", x.Subject, x.Severity.String() + " " + x.Kind.String() + ": " + x.Message})
	}
	for _, it := range ch.Items {
		s.rows = append(s.rows, []string{"item", string(it.ID), itemState(it.Before) + " -> " + itemState(it.After)})
	}
	for _, id := range ch.NewlyOverdue {
		s.rows = append(s.rows, []string{"overdue", string(id), "newly overdue"})
	}
	for _, id := range ch.NoLongerOverdue {
		s.rows = append(s.rows, []string{"overdue", string(id), "no longer overdue"})
	}
	if !ch.Changed() {
		s.notes = append(s.notes, "nothing changed")
	}
	return s
}

func itemState(r *launch.ItemResult) string {
	if r == nil {
		return "not required"
	}
	if r.Reason == 0 {
		return r.Status.String()
	}
	return r.Status.String() + " (" + r.Reason.String() + ")"
}
