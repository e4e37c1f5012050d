package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/prioritize"
)

//go:embed data/backlog.json
var backlogJSON []byte

// backlogItem is one row of the sample backlog: RICE estimates (reach per quarter,
// Intercom impact, confidence as a fraction, effort in person-months), the owning team and
// prerequisites.
type backlogItem struct {
	prioritize.RICEInput
	Title    string              `json:"title"`
	Team     string              `json:"team"`
	Requires []prioritize.ItemID `json:"requires"`
}

// quarterCapacity is each team's capacity for the quarter, in person-months.
var quarterCapacity = map[string]decimal.Decimal{
	"platform": decimal.NewFromInt(8),
	"app":      decimal.NewFromInt(6),
}

// prioritizeSection ranks the embedded backlog by exact RICE score with the per-factor
// breakdown, then orders it around prerequisites and plans the quarter under per-team
// capacity.
func prioritizeSection(w io.Writer) error {
	var items []backlogItem
	if err := json.Unmarshal(backlogJSON, &items); err != nil {
		return fmt.Errorf("backlog: %w", err)
	}
	rk, err := prioritize.Rank(items, prioritize.ByRICE(func(it backlogItem) prioritize.RICEInput { return it.RICEInput }, prioritize.RICEOptions{}))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "== Prioritized backlog: RICE on Intercom's scales, %d items ==\n", rk.Len())
	fmt.Fprintln(w, "score = reach/quarter × impact × confidence ÷ person-months; equal scores share a rank, ID breaks the tie")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "pos\trank\tid\tscore\treach × impact × confidence ÷ effort\tteam\ttitle")
	scores := map[prioritize.ItemID]decimal.Decimal{}
	for r := range rk.All() {
		s, err := prioritize.RICE(r.Item.RICEInput, prioritize.RICEOptions{})
		if err != nil {
			return err
		}
		scores[r.ID] = s.Value
		formula, _, _ := strings.Cut(s.Formula, " = ")
		title := r.Item.Title
		if len(s.Notes) > 0 {
			title += " (moonshot: confidence < 50%)"
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\n", r.Position, r.Rank, r.ID, s.Value.StringFixed(1), formula, r.Item.Team, title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	deps := make([]prioritize.Dependent, 0, rk.Len())
	for r := range rk.All() {
		deps = append(deps, prioritize.Dependent{ID: r.ID, Requires: r.Item.Requires})
	}
	order, err := prioritize.Order(deps, prioritize.OrderOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nDependency-aware order (no item before its prerequisite):")
	fmt.Fprintf(w, "  %s\n", joinIDs(order))

	cands := make([]prioritize.Candidate, len(items))
	for i, it := range items {
		cands[i] = prioritize.Candidate{ID: it.ID, Value: scores[it.ID], Effort: it.Effort, Team: it.Team, Requires: it.Requires}
	}
	plan, err := prioritize.Select(cands, prioritize.SelectOptions{Capacity: quarterCapacity})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nQuarter plan (capacity: platform %s, app %s person-months; method %s, exact %t):\n",
		quarterCapacity["platform"], quarterCapacity["app"], plan.Method, plan.Exact)
	fmt.Fprintf(w, "  selected %s\n", joinIDs(plan.Selected))
	fmt.Fprintf(w, "  total score %s using platform %s, app %s\n", plan.Value, plan.Effort["platform"], plan.Effort["app"])
	fmt.Fprintf(w, "  filling from the top by score per month gives %s: the exact plan is %s better\n", plan.GreedyValue, plan.Gap)

	a, b := rk.At(0).Item.RICEInput, rk.At(rk.Len()/2).Item.RICEInput
	th, err := prioritize.RICESwap(a, b, prioritize.RICEOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nSensitivity: %s (#1) would tie with %s (#%d) if, all else fixed, its\n", a.ID, b.ID, rk.Len()/2+1)
	for _, t := range th {
		if t.Item == a.ID && t.Defined && t.Feasible {
			fmt.Fprintf(w, "  %s moves from %s to %s\n", t.Factor, t.Current, t.Value.Round(3))
		}
	}
	return nil
}

func joinIDs(ids []prioritize.ItemID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, " ")
}
