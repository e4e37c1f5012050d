package prioritize

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
)

// rankingJSON is the JSON form of a Ranking.
type rankingJSON[T any] struct {
	Scorer string      `json:"scorer"`
	Items  []Ranked[T] `json:"items"`
}

// MarshalJSON encodes the ranking as
//
//	{"scorer": "rice", "items": [{"item": …, "id": "A", "position": 1, "rank": 1, "score": {…}}, …]}
//
// in ranked order: scorer names the Scorer ("rice", "ice", "cd3" or "scores"); each item
// is a Ranked with the caller's item as it marshals, and the explained Score (its exact
// value as a "num/den" string, the display value, formula, factors, notes, caveats and
// band). A caller item that does not marshal is an error.
func (rk *Ranking[T]) MarshalJSON() ([]byte, error) {
	out := rankingJSON[T]{Scorer: rk.r.name, Items: make([]Ranked[T], 0, rk.Len())}
	for r := range rk.All() {
		out.Items = append(out.Items, r)
	}
	return json.Marshal(out)
}

// WriteCSV writes the ranking as CSV (encoding/csv, header first, one row per item in
// ranked order) with the columns
//
//	position, rank, id, framework, variant, score, exact, formula, <factor>…, caveats, band, notes
//
// score is the display value (DisplayScale places), exact the exact fraction ("1280/3"),
// formula the instance with its numbers. One column per factor name, in order of first
// appearance, holds each item's input for that factor (empty when the item has none), so
// the inputs can be read back (reach, impact, confidence and effort for RICE). caveats and
// notes join several entries with "; "; band is empty outside opportunity scores.
func (rk *Ranking[T]) WriteCSV(w io.Writer) error {
	rows := make([]Ranked[T], 0, rk.Len())
	var names []string
	seen := map[string]bool{}
	for r := range rk.All() {
		rows = append(rows, r)
		for _, f := range r.Score.Factors {
			if !seen[f.Name] {
				seen[f.Name] = true
				names = append(names, f.Name)
			}
		}
	}
	cw := csv.NewWriter(w)
	header := append([]string{"position", "rank", "id", "framework", "variant", "score", "exact", "formula"}, names...)
	if err := cw.Write(append(header, "caveats", "band", "notes")); err != nil {
		return err
	}
	col := make(map[string]int, len(names))
	for i, n := range names {
		col[n] = i
	}
	for _, r := range rows {
		s := r.Score
		rec := []string{strconv.Itoa(r.Position), strconv.Itoa(r.Rank), string(r.ID), s.Framework.String(), s.Variant,
			s.Value.String(), s.Exact.String(), s.Formula}
		inputs := make([]string, len(names))
		for _, f := range s.Factors {
			inputs[col[f.Name]] = f.Input.String()
		}
		caveats := make([]string, len(s.Caveats))
		for i, c := range s.Caveats {
			caveats[i] = c.String()
		}
		band := ""
		if s.Band != BandNone {
			band = s.Band.String()
		}
		rec = append(append(rec, inputs...), strings.Join(caveats, "; "), band, strings.Join(s.Notes, "; "))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteCSV writes the selection as CSV (encoding/csv, header first, one row per candidate
// in ID order) with the columns
//
//	id, value, selected, greedy, effort:<team>…
//
// value is the candidate's value (rounded like Selection.Value when Rounded), selected and
// greedy are "true" or "false" (in the exact answer, in the greedy one), and one
// effort:<team> column per team, in name order, holds the candidate's effort there.
func (s Selection) WriteCSV(w io.Writer) error {
	var teams []string
	seen := map[string]bool{}
	for _, it := range s.Items {
		for t := range it.Effort {
			if !seen[t] {
				seen[t] = true
				teams = append(teams, t)
			}
		}
	}
	for t := range s.Effort {
		if !seen[t] {
			seen[t] = true
			teams = append(teams, t)
		}
	}
	slices.Sort(teams)
	cw := csv.NewWriter(w)
	header := []string{"id", "value", "selected", "greedy"}
	for _, t := range teams {
		header = append(header, "effort:"+t)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, it := range s.Items {
		rec := []string{string(it.ID), it.Value.String(), strconv.FormatBool(it.Selected), strconv.FormatBool(it.Greedy)}
		for _, t := range teams {
			if e, ok := it.Effort[t]; ok {
				rec = append(rec, e.String())
			} else {
				rec = append(rec, "0")
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
