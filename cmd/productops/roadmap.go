package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/productops/productops/roadmap"
)

// roadmapFile is a roadmap to plan: a horizon, teams with a sprint cadence, objectives and
// items (roadmap.Item's JSON).
type roadmapFile struct {
	// Horizon is the planning period ("2026-Q3", "2026-07", "2026-H2", "2026"); what does
	// not fit before its end is reported. Empty means every sprint.
	Horizon string `json:"horizon,omitempty"`
	// Zone is the IANA zone of every date; empty means UTC.
	Zone string `json:"zone,omitempty"`
	// SprintStart is the first day of the first sprint (2006-01-02); SprintWeeks the
	// sprint length (default 2); Sprints their number.
	SprintStart string `json:"sprint_start"`
	SprintWeeks int    `json:"sprint_weeks,omitempty"`
	Sprints     int    `json:"sprints"`
	// Teams are the teams with a full sprint's capacity (in the estimate unit) and the
	// days that lower it.
	Teams      []roadmapTeam       `json:"teams"`
	Objectives []roadmap.Objective `json:"objectives,omitempty"`
	Items      []roadmap.Item      `json:"items"`
}

type roadmapTeam struct {
	ID       roadmap.TeamID  `json:"id"`
	Capacity decimal.Decimal `json:"capacity"`
	Holidays []string        `json:"holidays,omitempty"`
	Absences []struct {
		From      string          `json:"from"`
		To        string          `json:"to"`
		Available decimal.Decimal `json:"available"`
	} `json:"absences,omitempty"`
}

// plannedRoadmap is roadmap's result and JSON.
type plannedRoadmap struct {
	Horizon    string                 `json:"horizon,omitempty"`
	HorizonEnd time.Time              `json:"horizon_end,omitzero"`
	Teams      []roadmap.Team         `json:"teams"`
	Schedule   roadmap.ScheduleResult `json:"schedule"`
	// CriticalPath is the critical path of the open work (not done or canceled),
	// ignoring capacity: durations are estimates.
	CriticalPath roadmap.CPM `json:"critical_path"`
	items        []roadmap.Item
	loc          *time.Location
}

// planRoadmap builds the teams' sprints, schedules the items and finds the critical path.
func planRoadmap(src source) (plannedRoadmap, error) {
	var rf roadmapFile
	var pr plannedRoadmap
	if err := decodeJSON(src, &rf); err != nil {
		return pr, err
	}
	o := jsonOrigin{src: src}
	pr.loc = time.UTC
	if rf.Zone != "" {
		loc, err := time.LoadLocation(rf.Zone)
		if err != nil {
			return pr, fieldErr(o, "zone", "unknown time zone "+fmt.Sprintf("%q", rf.Zone))
		}
		pr.loc = loc
	}
	day := func(field, s string) (time.Time, error) {
		t, err := time.ParseInLocation(time.DateOnly, s, pr.loc)
		if err != nil {
			return t, fieldErr(o, field, fmt.Sprintf("want a date such as 2026-07-06, got %q", truncate(s, 40)))
		}
		return t, nil
	}
	start, err := day("sprint_start", rf.SprintStart)
	if err != nil {
		return pr, err
	}
	weeks := rf.SprintWeeks
	if weeks == 0 {
		weeks = 2
	}
	for i, t := range rf.Teams {
		c := roadmap.Cadence{Start: start, Weeks: weeks, Count: rf.Sprints, Capacity: t.Capacity, IDPrefix: "S", Location: pr.loc}
		for j, h := range t.Holidays {
			d, err := day(fmt.Sprintf("teams[%d].holidays[%d]", i, j), h)
			if err != nil {
				return pr, err
			}
			c.Holidays = append(c.Holidays, d)
		}
		for j, a := range t.Absences {
			from, err := day(fmt.Sprintf("teams[%d].absences[%d].from", i, j), a.From)
			if err != nil {
				return pr, err
			}
			to, err := day(fmt.Sprintf("teams[%d].absences[%d].to", i, j), a.To)
			if err != nil {
				return pr, err
			}
			c.Absences = append(c.Absences, roadmap.Absence{From: from, To: to, Available: a.Available})
		}
		sprints, err := c.Sprints()
		if err != nil {
			return pr, placeErr(prefixErr(err, fmt.Sprintf("teams[%d]", i), "sprints", "sprint_weeks", "capacity", "holidays", "absences"), o)
		}
		pr.Teams = append(pr.Teams, roadmap.Team{ID: t.ID, Sprints: sprints})
	}
	opts := roadmap.ScheduleOptions{}
	if rf.Horizon != "" {
		p, err := roadmap.ParsePeriod(rf.Horizon)
		if err != nil {
			return pr, fieldErr(o, "horizon", fmt.Sprintf("want a period such as 2026-Q3, 2026-07 or 2026-H2, got %q", truncate(rf.Horizon, 40)))
		}
		r, err := roadmap.Calendar{Location: pr.loc}.Range(p)
		if err != nil {
			return pr, fieldErr(o, "horizon", err.Error())
		}
		opts.Horizon = r.End
		pr.Horizon, pr.HorizonEnd = rf.Horizon, r.End
	}
	if err := roadmap.ValidateObjectives(rf.Objectives); err != nil {
		return pr, placeErr(prefixErr(err, "objectives", ""), o)
	}
	pr.items = rf.Items
	pr.Schedule, err = roadmap.Schedule(rf.Items, pr.Teams, opts)
	if err != nil {
		return pr, placeErr(err, o)
	}
	pr.CriticalPath, err = openCriticalPath(rf.Items)
	if err != nil {
		return pr, placeErr(err, o)
	}
	return pr, nil
}

// openCriticalPath runs the critical path method over the open leaf work: done and
// canceled items are finished (dependencies on them are dropped), parents take no time.
func openCriticalPath(items []roadmap.Item) (roadmap.CPM, error) {
	finished := map[roadmap.ItemID]bool{}
	for _, it := range items {
		if it.Status == roadmap.Done || it.Status == roadmap.Canceled {
			finished[it.ID] = true
		}
	}
	var open []roadmap.Item
	for _, it := range items {
		if finished[it.ID] {
			continue
		}
		it.DependsOn = slices.DeleteFunc(slices.Clone(it.DependsOn), func(d roadmap.Dependency) bool { return finished[d.On] })
		open = append(open, it)
	}
	zero := decimal.Zero
	return roadmap.CriticalPath(open, roadmap.CPMOptions{Unestimated: &zero})
}

func newRoadmapCmd(e *env) *cobra.Command {
	var out outputFlags
	cmd := &cobra.Command{
		Use:   "roadmap [roadmap.json|-]",
		Short: "Schedule roadmap items into team sprints: critical path, what does not fit and why, timeline",
		Long: `roadmap builds each team's sprints (capacity prorated for holidays and absences),
schedules the items by priority with their dependencies, reports what does not fit before
the horizon and why, and finds the critical path of the open work.

Input: a JSON object {"horizon": "2026-Q3", "zone", "sprint_start": "2026-07-06",
"sprint_weeks": 2, "sprints": 6, "teams": [{"id", "capacity", "holidays", "absences"}],
"objectives": [...], "items": [...]} with items as the roadmap package reads them.`,
		Example: `  productops roadmap roadmap.json
  productops roadmap roadmap.json --view unfit --format csv
  productops roadmap roadmap.json --format json | jq .critical_path.path`,
		Args: maxOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := e.readSource(fileArg(args))
			if err != nil {
				return err
			}
			pr, err := planRoadmap(src)
			if err != nil {
				return err
			}
			res, err := roadmapOutput(pr)
			if err != nil {
				return err
			}
			return out.write(e.stdout, res)
		},
	}
	out.register(cmd, []string{"schedule", "unfit", "critical_path", "load", "timeline"})
	return cmd
}

// roadmapOutput lays a plan out for people.
func roadmapOutput(pr plannedRoadmap) (result, error) {
	titles := map[roadmap.ItemID]string{}
	est := map[roadmap.ItemID]string{}
	for _, it := range pr.items {
		titles[it.ID] = it.Title
		if it.Estimate != nil {
			est[it.ID] = it.Estimate.String()
		}
	}
	acts := map[roadmap.ItemID]roadmap.Activity{}
	for _, a := range pr.CriticalPath.Activities {
		acts[a.ID] = a
	}
	scheduled := 0
	for _, p := range pr.Schedule.Placements {
		if !p.Parent {
			scheduled++
		}
	}
	horizon := ""
	if pr.Horizon != "" {
		horizon = " " + pr.Horizon
	}
	r := result{
		title: fmt.Sprintf("Roadmap%s: %d items, %d scheduled, %d do not fit, %d done or canceled", horizon, len(pr.items), scheduled, len(pr.Schedule.Unfit), len(pr.Schedule.Skipped)),
		json:  pr,
	}
	r.summary = append(r.summary, fmt.Sprintf("critical path of the open work (estimates, no capacity limits): %s = %s", joinIDs(pr.CriticalPath.Path, " -> "), pr.CriticalPath.Duration))
	if !pr.Schedule.Finish.IsZero() {
		r.summary = append(r.summary, "scheduled work finishes by "+pr.Schedule.Finish.In(pr.loc).Add(-time.Nanosecond).Format(time.DateOnly))
	}
	sch := section{name: "schedule", title: "Schedule (highest priority first; smaller items backfill; dates are sprint bounds)", head: []string{"id", "team", "sprint", "start", "end", "estimate", "critical", "float", "title"}}
	for _, p := range pr.Schedule.Placements {
		sprint := p.Sprint
		if p.Parent {
			sprint = "(parent)"
		}
		a, ok := acts[p.ID]
		crit, float := "", ""
		if ok && !p.Parent {
			crit, float = yesNo(a.Critical), a.TotalFloat.String()
		}
		sch.rows = append(sch.rows, []string{string(p.ID), string(p.Team), sprint, day(p.Start, pr.loc), lastDay(p.End, pr.loc), est[p.ID], crit, float, titles[p.ID]})
	}
	un := section{name: "unfit", title: "Does not fit" + horizon, head: []string{"id", "reason", "blocker", "detail", "title"}}
	for _, u := range pr.Schedule.Unfit {
		un.rows = append(un.rows, []string{string(u.ID), u.Reason.String(), string(u.Blocker), u.Detail, titles[u.ID]})
	}
	cp := section{name: "critical_path", title: "Critical path method over the open work (estimate units from 0)", head: []string{"id", "duration", "early_start", "early_finish", "late_start", "late_finish", "total_float", "critical"}}
	for _, a := range pr.CriticalPath.Activities {
		cp.rows = append(cp.rows, []string{string(a.ID), a.Duration.String(), a.EarlyStart.String(), a.EarlyFinish.String(), a.LateStart.String(), a.LateFinish.String(), a.TotalFloat.String(), yesNo(a.Critical)})
	}
	ld := section{name: "load", title: "Capacity per sprint", head: []string{"team", "sprint", "start", "capacity", "used", "items"}}
	for _, l := range pr.Schedule.Load {
		ld.rows = append(ld.rows, []string{string(l.Team), l.Sprint, day(l.Start, pr.loc), l.Capacity.String(), l.Used.String(), joinIDs(l.Items, " ")})
	}
	var tl bytes.Buffer
	if bars := pr.Schedule.Bars(); len(bars) > 0 {
		if err := roadmap.RenderTimeline(&tl, bars, pr.loc); err != nil {
			return r, err
		}
	}
	r.sections = []section{sch, un, cp, ld, {name: "timeline", title: "Timeline (one column per week)", text: tl.String()}}
	return r, nil
}

func day(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.DateOnly)
}

// lastDay formats the last day of a range ending (exclusive) at end.
func lastDay(end time.Time, loc *time.Location) string {
	if end.IsZero() {
		return ""
	}
	return end.In(loc).Add(-time.Nanosecond).Format(time.DateOnly)
}

func joinIDs[T ~string](ids []T, sep string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, sep)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
