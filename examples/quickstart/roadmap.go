package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/roadmap"
)

//go:embed data/roadmap.json
var roadmapJSON []byte

// roadmapPlan is the sample quarter: teams with a capacity per two-week sprint (in ideal
// days, prorated for holidays and absences), objectives and the items to plan.
type roadmapPlan struct {
	Quarter     roadmap.Period `json:"quarter"`
	SprintStart string         `json:"sprintStart"`
	Sprints     int            `json:"sprints"`
	Teams       []struct {
		ID       roadmap.TeamID  `json:"id"`
		Capacity decimal.Decimal `json:"capacity"`
		Holidays []string        `json:"holidays"`
		Absences []struct {
			From, To  string
			Available decimal.Decimal
		} `json:"absences"`
	} `json:"teams"`
	Objectives []roadmap.Objective `json:"objectives"`
	Items      []roadmap.Item      `json:"items"`
}

// roadmapSection plans a quarter: it schedules the items into the teams' sprints, prints
// the timeline, the critical path of the remaining work, what does not fit by the end of
// the quarter and why, one what-if, progress and the OKR scores.
func roadmapSection(w io.Writer) error {
	var plan roadmapPlan
	if err := json.Unmarshal(roadmapJSON, &plan); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	cal := roadmap.Calendar{Location: time.UTC}
	quarter, err := cal.Range(plan.Quarter)
	if err != nil {
		return err
	}
	day := func(s string) (time.Time, error) { return time.ParseInLocation(time.DateOnly, s, time.UTC) }
	start, err := day(plan.SprintStart)
	if err != nil {
		return err
	}
	var teams []roadmap.Team
	for _, t := range plan.Teams {
		c := roadmap.Cadence{Start: start, Weeks: 2, Count: plan.Sprints, Capacity: t.Capacity, IDPrefix: "S"}
		for _, h := range t.Holidays {
			d, err := day(h)
			if err != nil {
				return err
			}
			c.Holidays = append(c.Holidays, d)
		}
		for _, a := range t.Absences {
			from, err1 := day(a.From)
			to, err2 := day(a.To)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("absence of %s: bad date", t.ID)
			}
			c.Absences = append(c.Absences, roadmap.Absence{From: from, To: to, Available: a.Available})
		}
		sprints, err := c.Sprints()
		if err != nil {
			return err
		}
		teams = append(teams, roadmap.Team{ID: t.ID, Sprints: sprints})
	}
	opts := roadmap.ScheduleOptions{Horizon: quarter.End}
	sched, err := roadmap.Schedule(plan.Items, teams, opts)
	if err != nil {
		return err
	}

	fmt.Fprintf(w, "== Roadmap: %s plan, %d items, teams core and web in two-week sprints ==\n", plan.Quarter, len(plan.Items))
	for _, t := range teams {
		caps := make([]string, len(t.Sprints))
		for i, s := range t.Sprints {
			caps[i] = s.Capacity.String()
		}
		fmt.Fprintf(w, "capacity %-4s (ideal days per sprint, after holidays and absences): %s\n", t.ID, strings.Join(caps, " "))
	}
	fmt.Fprintln(w, "schedule (highest priority first, small items backfill, sequential dependencies):")
	if err := roadmap.RenderTimeline(w, sched.Bars(), time.UTC); err != nil {
		return err
	}

	// Critical path of the open work, ignoring capacity: durations are estimates.
	var open []roadmap.Item
	for _, it := range plan.Items {
		if it.Status != roadmap.Done && it.Status != roadmap.Canceled {
			it.DependsOn = slices.DeleteFunc(slices.Clone(it.DependsOn), func(d roadmap.Dependency) bool { return d.On == "BIL-1" })
			open = append(open, it)
		}
	}
	zero := decimal.Zero
	cpm, err := roadmap.CriticalPath(open, roadmap.CPMOptions{Unestimated: &zero})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "critical path (estimates only, no capacity limits): %s = %s ideal days\n", joinItemIDs(cpm.Path, " -> "), cpm.Duration)
	var slack []string
	for _, a := range cpm.Activities {
		if !a.Critical && a.Duration.IsPositive() && a.TotalFloat.LessThan(decimal.NewFromInt(10)) {
			slack = append(slack, fmt.Sprintf("%s %s", a.ID, a.TotalFloat))
		}
	}
	fmt.Fprintf(w, "least slack off the path: %s\n", strings.Join(slack, ", "))

	fmt.Fprintf(w, "does not fit by %s:\n", quarter.LastDay().Format(time.DateOnly))
	for _, u := range sched.Unfit {
		fmt.Fprintf(w, "  %-8s %-10s %s\n", u.ID, u.Reason, u.Detail)
	}

	// What if web got 3 more ideal days per sprint (a contractor)?
	more := slices.Clone(teams)
	for i := range more {
		if more[i].ID == "web" {
			more[i].Sprints = slices.Clone(more[i].Sprints)
			for s := range more[i].Sprints {
				more[i].Sprints[s].Capacity = more[i].Sprints[s].Capacity.Add(decimal.NewFromInt(3))
			}
		}
	}
	after, err := roadmap.Schedule(plan.Items, more, opts)
	if err != nil {
		return err
	}
	diff := roadmap.Diff(sched, after)
	var moves []string
	for _, m := range diff.Moved {
		if m.FromSprint == "" || m.ToSprint == "" {
			continue // a parent: its dates follow its children
		}
		moves = append(moves, fmt.Sprintf("%s %s->%s", m.ID, sprintOrParent(m.FromSprint), sprintOrParent(m.ToSprint)))
	}
	for _, p := range diff.NewlyPlaced {
		moves = append(moves, fmt.Sprintf("%s now fits (%s)", p.ID, sprintOrParent(p.Sprint)))
	}
	fmt.Fprintf(w, "what if web had +3 days per sprint: %s\n", strings.Join(moves, ", "))

	prog, err := roadmap.Progress(plan.Items, "ENT", roadmap.LinearFormula())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "progress of ENT (Linear): %s\n", prog.Formula)
	scores, err := roadmap.ScoreObjectives(plan.Objectives, roadmap.Weighted)
	if err != nil {
		return err
	}
	for _, s := range scores {
		fmt.Fprintf(w, "objective %-6s %-12s score %s (%s)\n", s.ID, s.Expectation, s.Score, s.Band)
	}
	al, err := roadmap.Alignment(plan.Items, plan.Objectives)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "effort serving an objective: %s of %s ideal days (%s); unaligned: %s\n",
		al.EffortCoverage.Num, al.EffortCoverage.Den, al.EffortCoverage.Value.StringFixed(2), joinItemIDs(al.Unaligned, ", "))
	return nil
}

func joinItemIDs(ids []roadmap.ItemID, sep string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, sep)
}

func sprintOrParent(s string) string {
	if s == "" {
		return "parent"
	}
	return s
}
