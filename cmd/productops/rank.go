package main

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/productops/productops"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/prioritize"
)

// backlogItem is one row of a backlog file: the fields of every supported framework; a
// framework reads its own. Decimals are JSON strings or numbers ("0.8" or 0.8).
type backlogItem struct {
	ID       prioritize.ItemID   `json:"id"`
	Title    string              `json:"title,omitempty"`
	Team     string              `json:"team,omitempty"`
	Requires []prioritize.ItemID `json:"requires,omitempty"`
	// RICE: reach per period, impact (3, 2, 1, 0.5, 0.25), confidence (0-1), effort
	// (person-months). ICE reads impact and confidence on 1-10 and ease; effort is then
	// optional and only used for selection and the value/effort plane.
	Reach      *decimal.Decimal `json:"reach,omitempty"`
	Impact     *decimal.Decimal `json:"impact,omitempty"`
	Confidence *decimal.Decimal `json:"confidence,omitempty"`
	Effort     *decimal.Decimal `json:"effort,omitempty"`
	Ease       *decimal.Decimal `json:"ease,omitempty"`
	// WSJF (SAFe): cost of delay parts and job size.
	UserBusinessValue *decimal.Decimal `json:"user_business_value,omitempty"`
	TimeCriticality   *decimal.Decimal `json:"time_criticality,omitempty"`
	RiskReduction     *decimal.Decimal `json:"risk_reduction,omitempty"`
	JobSize           *decimal.Decimal `json:"job_size,omitempty"`
}

// backlogFile is the object form of a backlog file; a bare array of items is accepted too.
type backlogFile struct {
	// Framework is rice (default), ice or wsjf; the --framework flag wins.
	Framework string `json:"framework,omitempty"`
	// Capacity per team for selection, in the effort unit; --capacity wins.
	Capacity map[string]decimal.Decimal `json:"capacity,omitempty"`
	Items    []backlogItem              `json:"items"`
}

var backlogColumns = map[string]bool{"requires": true}

// loadBacklog reads a backlog from JSON (array or object) or CSV (one item per row).
func loadBacklog(src source) (backlogFile, origin, error) {
	var bf backlogFile
	if src.isCSV() {
		rows, lines, err := readCSVObjects(src, backlogColumns)
		if err != nil {
			return bf, nil, err
		}
		bf.Items = make([]backlogItem, len(rows))
		for i, r := range rows {
			if err := decodeCSVRow(src, lines[i], r, &bf.Items[i]); err != nil {
				return bf, nil, err
			}
		}
		return bf, csvOrigin{name: src.name, lines: lines, list: "items"}, nil
	}
	trimmed := strings.TrimLeft(string(src.data[:min(len(src.data), 64)]), " \t\r\n")
	if strings.HasPrefix(trimmed, "[") {
		if err := decodeJSON(src, &bf.Items); err != nil {
			return bf, nil, err
		}
		return bf, jsonOrigin{src: src, rewrite: func(p string) string { return strings.TrimPrefix(p, "items") }}, nil
	}
	if err := decodeJSON(src, &bf); err != nil {
		return bf, nil, err
	}
	return bf, jsonOrigin{src: src}, nil
}

// rankOptions are the choices of a ranking.
type rankOptions struct {
	framework  string
	capacity   map[string]decimal.Decimal
	thresholds *prioritize.Thresholds
}

// rankedItem is one item of a ranking with everything the outputs show.
type rankedItem struct {
	Position int                 `json:"position"`
	Rank     int                 `json:"rank"`
	ID       prioritize.ItemID   `json:"id"`
	Title    string              `json:"title,omitempty"`
	Team     string              `json:"team,omitempty"`
	Requires []prioritize.ItemID `json:"requires,omitempty"`
	Score    prioritize.Score    `json:"score"`
	// Value is the item's benefit before dividing by effort (RICE reach × impact ×
	// confidence, WSJF cost of delay, ICE its score): the value axis of the value/effort
	// plane and what selection maximizes.
	Value    decimal.Decimal      `json:"value"`
	Effort   *decimal.Decimal     `json:"effort"`
	Pareto   bool                 `json:"pareto"`
	Quadrant *prioritize.Quadrant `json:"quadrant,omitempty"`
	Selected *bool                `json:"selected,omitempty"`
}

// rankResult is the JSON of rank.
type rankResult struct {
	Framework  string                     `json:"framework"`
	Items      []rankedItem               `json:"items"`
	Pareto     []prioritize.ItemID        `json:"pareto"`
	Thresholds *prioritize.Thresholds     `json:"quadrant_thresholds,omitempty"`
	Selection  *prioritize.Selection      `json:"selection,omitempty"`
	Capacity   map[string]decimal.Decimal `json:"capacity,omitempty"`
	// Skipped lists vendor records without any of the framework's inputs.
	Skipped []string `json:"skipped,omitempty"`
}

// rankBacklog scores, ranks and (with capacity) selects the backlog.
func rankBacklog(bf backlogFile, opts rankOptions, o origin) (rankResult, error) {
	fw := strings.ToLower(opts.framework)
	if fw == "" {
		fw = strings.ToLower(bf.Framework)
	}
	if fw == "" {
		fw = "rice"
	}
	res := rankResult{Framework: fw, Capacity: opts.capacity}
	if res.Capacity == nil {
		res.Capacity = bf.Capacity
	}
	if len(bf.Items) == 0 {
		return res, errors.New("the backlog has no items")
	}
	scores, values, efforts, err := scoreBacklog(fw, bf.Items)
	if err != nil {
		return res, placeErr(err, o)
	}
	rk, err := prioritize.RankScores(scores)
	if err != nil {
		return res, placeErr(err, o)
	}
	byID := make(map[prioritize.ItemID]int, len(bf.Items))
	for i, it := range bf.Items {
		byID[it.ID] = i
	}
	var points []prioritize.Point
	for r := range rk.All() {
		i := byID[r.ID]
		it := bf.Items[i]
		ri := rankedItem{Position: r.Position, Rank: r.Rank, ID: r.ID, Title: it.Title, Team: it.Team, Requires: it.Requires, Score: r.Item, Value: values[i], Effort: efforts[i]}
		res.Items = append(res.Items, ri)
		if efforts[i] != nil {
			points = append(points, prioritize.Point{ID: r.ID, Value: values[i], Effort: *efforts[i]})
		}
	}
	if len(points) == len(res.Items) {
		front, err := prioritize.Pareto(points)
		if err != nil {
			return res, placeErr(err, o)
		}
		on := map[prioritize.ItemID]bool{}
		for _, p := range front {
			res.Pareto = append(res.Pareto, p.ID)
			on[p.ID] = true
		}
		th := opts.thresholds
		if th == nil {
			th = medianThresholds(points)
		}
		res.Thresholds = th
		for i := range res.Items {
			it := &res.Items[i]
			it.Pareto = on[it.ID]
			q, err := prioritize.Classify(it.Value, *it.Effort, *th)
			if err != nil {
				return res, err
			}
			it.Quadrant = &q
		}
	}
	if len(res.Capacity) > 0 {
		if len(points) != len(res.Items) {
			return res, fmt.Errorf("selection under capacity needs an effort for every item (framework %s)", fw)
		}
		cands := make([]prioritize.Candidate, len(res.Items))
		for i, it := range res.Items {
			cands[i] = prioritize.Candidate{ID: it.ID, Value: it.Value, Effort: *it.Effort, Team: it.Team, Requires: it.Requires}
		}
		sel, err := prioritize.Select(cands, prioritize.SelectOptions{Capacity: res.Capacity})
		if err != nil {
			return res, placeErr(err, o)
		}
		res.Selection = &sel
		for i := range res.Items {
			s := slices.Contains(sel.Selected, res.Items[i].ID)
			res.Items[i].Selected = &s
		}
	}
	return res, nil
}

// scoreBacklog scores every item under fw; values[i] is item i's value before dividing by
// effort and efforts[i] its effort (nil if none).
func scoreBacklog(fw string, items []backlogItem) ([]prioritize.Score, []decimal.Decimal, []*decimal.Decimal, error) {
	missing := productops.ValidationError{Subject: "productops: backlog (" + fw + ")"}
	need := func(i int, name string, d *decimal.Decimal) decimal.Decimal {
		if d == nil {
			missing.Fields = append(missing.Fields, productops.FieldError{Field: fmt.Sprintf("items[%d].%s", i, name), Rule: "required", Message: "is required for " + fw})
			return decimal.Zero
		}
		return *d
	}
	scores := make([]prioritize.Score, len(items))
	efforts := make([]*decimal.Decimal, len(items))
	values := make([]decimal.Decimal, len(items))
	var all []error
	switch fw {
	case "rice":
		for i, it := range items {
			in := prioritize.RICEInput{ID: it.ID, Reach: need(i, "reach", it.Reach), Impact: need(i, "impact", it.Impact), Confidence: need(i, "confidence", it.Confidence), Effort: need(i, "effort", it.Effort)}
			efforts[i] = it.Effort
			if len(missing.Fields) > 0 {
				continue
			}
			s, err := prioritize.RICE(in, prioritize.RICEOptions{})
			all = append(all, indexErr(err, i))
			scores[i] = s
			if err == nil {
				values[i] = in.Reach.Mul(in.Impact).Mul(in.Confidence)
			}
		}
	case "ice":
		for i, it := range items {
			in := prioritize.ICEInput{ID: it.ID, Impact: need(i, "impact", it.Impact), Confidence: need(i, "confidence", it.Confidence), Ease: need(i, "ease", it.Ease)}
			efforts[i] = it.Effort
			if len(missing.Fields) > 0 {
				continue
			}
			s, err := prioritize.ICE(in, prioritize.ICEOptions{})
			all = append(all, indexErr(err, i))
			scores[i] = s
			values[i] = s.Value
		}
	case "wsjf":
		ins := make([]prioritize.WSJFInput, len(items))
		for i, it := range items {
			ins[i] = prioritize.WSJFInput{ID: it.ID, UserBusinessValue: need(i, "user_business_value", it.UserBusinessValue),
				TimeCriticality: need(i, "time_criticality", it.TimeCriticality), RiskReduction: need(i, "risk_reduction", it.RiskReduction), JobSize: need(i, "job_size", it.JobSize)}
			efforts[i] = it.JobSize
		}
		if len(missing.Fields) == 0 {
			s, err := prioritize.WSJFBatch(ins, prioritize.WSJFOptions{})
			if err != nil {
				return nil, nil, nil, err
			}
			scores = s
			for i, in := range ins {
				values[i] = in.UserBusinessValue.Add(in.TimeCriticality).Add(in.RiskReduction)
			}
		}
	default:
		return nil, nil, nil, usagef("--framework %q: must be rice, ice or wsjf", fw)
	}
	for i, it := range items {
		if it.ID == "" {
			missing.Fields = append(missing.Fields, productops.FieldError{Field: fmt.Sprintf("items[%d].id", i), Rule: "required", Message: "is required"})
		}
	}
	if len(missing.Fields) > 0 {
		return nil, nil, nil, &missing
	}
	if err := mergeValidation(all); err != nil {
		return nil, nil, nil, err
	}
	return scores, values, efforts, nil
}

// indexErr prefixes the fields of a per-item validation error with items[i].
func indexErr(err error, i int) error {
	var ve *productops.ValidationError
	if err == nil || !errors.As(err, &ve) {
		if err != nil {
			return fmt.Errorf("items[%d]: %w", i, err)
		}
		return nil
	}
	out := &productops.ValidationError{Subject: ve.Subject}
	for _, f := range ve.Fields {
		f.Field = strings.TrimSuffix(fmt.Sprintf("items[%d].%s", i, f.Field), ".")
		out.Fields = append(out.Fields, f)
	}
	return out
}

// mergeValidation joins per-item validation errors into one; another error wins as is.
func mergeValidation(errs []error) error {
	var merged *productops.ValidationError
	for _, err := range errs {
		if err == nil {
			continue
		}
		var ve *productops.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		if merged == nil {
			merged = &productops.ValidationError{Subject: ve.Subject}
		}
		merged.Fields = append(merged.Fields, ve.Fields...)
	}
	if merged == nil {
		return nil
	}
	return merged
}

// medianThresholds splits the value/effort plane at the median score and effort (the
// lower middle of an even count, so the split is one of the values).
func medianThresholds(points []prioritize.Point) *prioritize.Thresholds {
	vals := make([]decimal.Decimal, len(points))
	effs := make([]decimal.Decimal, len(points))
	for i, p := range points {
		vals[i], effs[i] = p.Value, p.Effort
	}
	med := func(d []decimal.Decimal) decimal.Decimal {
		sort.Slice(d, func(i, j int) bool { return d[i].Cmp(d[j]) < 0 })
		return d[(len(d)-1)/2]
	}
	return &prioritize.Thresholds{Value: med(vals), Effort: med(effs)}
}

// parseCapacity reads "platform=8,app=6".
func parseCapacity(s string) (map[string]decimal.Decimal, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	out := map[string]decimal.Decimal{}
	for part := range strings.SplitSeq(s, ",") {
		team, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, usagef("--capacity %q: want team=amount pairs, such as platform=8,app=6", s)
		}
		d, err := decimal.NewFromString(strings.TrimSpace(val))
		if err != nil || len(val) > 40 {
			return nil, usagef("--capacity: %q is not a decimal number", val)
		}
		out[strings.TrimSpace(team)] = d
	}
	return out, nil
}

// parseThresholds reads "value=500,effort=2".
func parseThresholds(s string) (*prioritize.Thresholds, error) {
	if s == "" {
		return nil, nil
	}
	m, err := parseCapacity(s)
	if err != nil {
		return nil, usagef("--thresholds %q: want value=N,effort=N", s)
	}
	v, ok1 := m["value"]
	e, ok2 := m["effort"]
	if !ok1 || !ok2 || len(m) != 2 {
		return nil, usagef("--thresholds %q: want value=N,effort=N", s)
	}
	return &prioritize.Thresholds{Value: v, Effort: e}, nil
}

func newRankCmd(e *env) *cobra.Command {
	var out outputFlags
	var framework, capacity, explain, thresholds, from, unit, mapping string
	cmd := &cobra.Command{
		Use:   "rank [backlog.json|backlog.csv|-]",
		Short: "Rank a backlog with exact scores, explain a score, select under per-team capacity",
		Long: `rank scores every backlog item (RICE by default; ICE or WSJF with --framework), ranks
them exactly (equal scores share a rank, the ID breaks the tie), marks the value/effort
Pareto frontier and quadrants, and with --capacity selects the best plan under each
team's capacity (exact knapsack or branch and bound; the greedy answer is shown beside it).

Input: a JSON array of items, a JSON object {"framework", "capacity", "items"}, or CSV
with a header row (id,title,team,reach,impact,confidence,effort,requires; requires
separated by ";"). Decimals may be strings or numbers; confidence is a fraction (0.8).`,
		Example: `  productops rank backlog.json
  productops rank jira-export.csv --from jira-csv --confidence-unit percent
  productops rank backlog.csv --capacity platform=8,app=6 --format markdown
  productops rank backlog.json --explain PRJ-101
  productops rank backlog.json --framework ice --format json`,
		Args: maxOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			capMap, err := parseCapacity(capacity)
			if err != nil {
				return err
			}
			th, err := parseThresholds(thresholds)
			if err != nil {
				return err
			}
			src, err := e.readSource(fileArg(args))
			if err != nil {
				return err
			}
			var bf backlogFile
			var o origin
			var skipped []string
			if from != "" {
				fw := strings.ToLower(framework)
				if fw == "" {
					fw = "rice"
				}
				var cols column.ScoreColumns
				if mapping != "" {
					msrc, err := e.readSource(mapping)
					if err != nil {
						return err
					}
					if err := decodeJSON(msrc, &cols); err != nil {
						return err
					}
				} else if cols, err = defaultScoreColumns(strings.ToLower(from), fw, unit); err != nil {
					return err
				}
				bf, skipped, err = loadVendorBacklog(src, strings.ToLower(from), fw, cols)
				o = csvOrigin{name: src.name, list: "items"}
			} else {
				bf, o, err = loadBacklog(src)
			}
			if err != nil {
				return err
			}
			res, err := rankBacklog(bf, rankOptions{framework: framework, capacity: capMap, thresholds: th}, o)
			if err != nil {
				return err
			}
			res.Skipped = skipped
			if explain != "" {
				for _, it := range res.Items {
					if string(it.ID) == explain {
						return out.write(e.stdout, explainResult(it))
					}
				}
				return fmt.Errorf("--explain %q: no such item in %s", explain, src.name)
			}
			return out.write(e.stdout, rankOutput(res))
		},
	}
	out.register(cmd, []string{"ranking", "selection", "pareto"})
	cmd.Flags().StringVar(&framework, "framework", "", "scoring framework: rice (default), ice or wsjf")
	_ = cmd.RegisterFlagCompletionFunc("framework", cobra.FixedCompletions([]string{"rice", "ice", "wsjf"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.Flags().StringVar(&capacity, "capacity", "", "capacity per team for selection, such as platform=8,app=6 (effort units)")
	cmd.Flags().StringVar(&explain, "explain", "", "explain one item's score: formula and every factor")
	cmd.Flags().StringVar(&from, "from", "", "read a vendor export: "+strings.Join(backlogSources, ", ")+" (scores from the mapped custom fields)")
	_ = cmd.RegisterFlagCompletionFunc("from", cobra.FixedCompletions(backlogSources, cobra.ShellCompDirectiveNoFileComp))
	cmd.Flags().StringVar(&unit, "confidence-unit", "", "with --from and RICE: the confidence column is a percent (80% or 80) or a fraction (0.8)")
	cmd.Flags().StringVar(&mapping, "mapping", "", `with --from: a JSON file naming the score columns ({"reach": "Custom field (Reach)", ..., "confidence_unit": "percent"})`)
	cmd.Flags().StringVar(&thresholds, "thresholds", "", "quadrant thresholds value=N,effort=N (default: the medians)")
	return cmd
}

func dec(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// rankOutput lays a ranking out for people.
func rankOutput(res rankResult) result {
	r := result{title: fmt.Sprintf("Backlog ranked by %s: %d items", strings.ToUpper(res.Framework), len(res.Items)), json: res}
	head := []string{"position", "rank", "id", "score", "formula", "value", "effort", "team", "pareto", "quadrant"}
	if res.Selection != nil {
		head = append(head, "selected")
	}
	head = append(head, "title")
	rank := section{name: "ranking", title: "Ranking (exact scores; equal scores share a rank, ID breaks the tie)", head: head}
	for _, it := range res.Items {
		formula, _, _ := strings.Cut(it.Score.Formula, " = ")
		q := ""
		if it.Quadrant != nil {
			q = it.Quadrant.String()
		}
		row := []string{fmt.Sprint(it.Position), fmt.Sprint(it.Rank), string(it.ID), it.Score.Value.String(), formula, it.Value.String(), dec(it.Effort), it.Team, yesNo(it.Pareto), q}
		if res.Selection != nil {
			row = append(row, yesNo(*it.Selected))
		}
		row = append(row, it.Title)
		rank.rows = append(rank.rows, row)
	}
	if res.Thresholds != nil {
		what := "the score before dividing by effort"
		switch res.Framework {
		case "ice":
			what = "the ICE score"
		case "wsjf":
			what = "the cost of delay"
		}
		rank.notes = append(rank.notes, fmt.Sprintf("value = %s; quadrants split at value %s and effort %s (medians unless --thresholds)", what, res.Thresholds.Value, res.Thresholds.Effort))
	}
	if len(res.Skipped) > 0 {
		rank.notes = append(rank.notes, fmt.Sprintf("skipped %d records without %s inputs: %s", len(res.Skipped), strings.ToUpper(res.Framework), strings.Join(res.Skipped, " ")))
	}
	r.sections = append(r.sections, rank)
	if s := res.Selection; s != nil {
		sel := section{name: "selection", title: fmt.Sprintf("Selection under capacity (method %s, exact %t)", s.Method, s.Exact), head: []string{"team", "capacity", "used", "selected"}}
		teams := make([]string, 0, len(res.Capacity))
		for t := range res.Capacity {
			teams = append(teams, t)
		}
		sort.Strings(teams)
		for _, t := range teams {
			var ids []string
			for _, it := range res.Items {
				if it.Team == t && *it.Selected {
					ids = append(ids, string(it.ID))
				}
			}
			used := s.Effort[t]
			sel.rows = append(sel.rows, []string{t, res.Capacity[t].String(), used.String(), strings.Join(ids, " ")})
		}
		sel.notes = append(sel.notes,
			fmt.Sprintf("total value %s; filling by value per effort gives %s (the exact plan is better by %s)", s.Value, s.GreedyValue, s.Gap))
		r.sections = append(r.sections, sel)
	}
	if len(res.Pareto) > 0 {
		par := section{name: "pareto", title: "Pareto frontier (no other item has more value for less effort), by effort", head: []string{"id", "effort", "value", "score", "title"}}
		byID := map[prioritize.ItemID]rankedItem{}
		for _, it := range res.Items {
			byID[it.ID] = it
		}
		for _, id := range res.Pareto {
			it := byID[id]
			par.rows = append(par.rows, []string{string(id), dec(it.Effort), it.Value.String(), it.Score.Value.String(), it.Title})
		}
		r.sections = append(r.sections, par)
	}
	return r
}

// explainResult shows one score with its factors.
func explainResult(it rankedItem) result {
	s := it.Score
	sec := section{name: "factors", head: []string{"factor", "input", "value", "weight", "op", "contribution"}}
	for _, f := range s.Factors {
		sec.rows = append(sec.rows, []string{f.Name, f.Input.String(), f.Value.String(), f.Weight.String(), f.Op.String(), f.Contribution.String()})
	}
	sec.notes = append(sec.notes, "formula: "+s.Formula)
	for _, n := range s.Notes {
		sec.notes = append(sec.notes, "note: "+n)
	}
	return result{
		title:    fmt.Sprintf("%s/%s %s: %s (rank %d, position %d)", s.Framework, s.Variant, s.ID, s.Value, it.Rank, it.Position),
		json:     it,
		sections: []section{sec},
	}
}
