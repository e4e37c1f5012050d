package jira

import (
	"slices"
	"strings"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/prioritize"
	"github.com/productops/productops/roadmap"
)

// Link is a dependency between two issues: Blocker must finish before Blocked starts.
type Link struct {
	Blocker string `json:"blocker"`
	Blocked string `json:"blocked"`
}

// Category maps an issue to a roadmap status category: by StatusCategory ("To Do" or
// "new" is Backlog, or Planned when the issue is in a sprint; "In Progress" or
// "indeterminate" is InProgress; "Done" or "done" is Done), or, when no category was
// exported, by the status name if it names a category ("Done", "In Progress", "Backlog",
// "Canceled"). Anything else is an error.
func (is Issue) Category() (roadmap.Category, error) {
	switch strings.ToLower(strings.TrimSpace(is.StatusCategory)) {
	case "to do", "new":
		if len(is.Sprints) > 0 {
			return roadmap.Planned, nil
		}
		return roadmap.Backlog, nil
	case "in progress", "indeterminate":
		return roadmap.InProgress, nil
	case "done":
		return roadmap.Done, nil
	case "":
		var c roadmap.Category
		if err := c.UnmarshalText([]byte(is.Status)); err == nil {
			return c, nil
		}
	}
	e := validation.New("jira: issue " + quote(is.Key))
	e.Add("status_category", "oneof", "", "status "+quote(is.Status)+" with category "+quote(is.StatusCategory)+" maps to no roadmap category; want To Do, In Progress or Done")
	return 0, e.Err()
}

// Kind maps the issue type: "Initiative" is roadmap.Initiative, "Epic" roadmap.Epic,
// anything else (Story, Task, Bug, Idea) roadmap.Feature.
func (is Issue) Kind() roadmap.Kind {
	switch strings.ToLower(is.Type) {
	case "initiative":
		return roadmap.Initiative
	case "epic":
		return roadmap.Epic
	}
	return roadmap.Feature
}

// Items converts issues to roadmap items: ID is the key, Title the summary, Status the
// Category, StatusName the Jira status, Kind the issue type, Estimate the story points,
// Target the due date (a day period), Parent the parent's key when the parent is among
// issues and of a higher kind, and DependsOn every blocker among issues (from both sides of
// each link, counted once, in key order, of type roadmap.Blocks). Links to issues that are
// not among issues are returned as external, in the order found, each once. An issue whose
// status maps to no category is an error.
func Items(issues []Issue) (items []roadmap.Item, external []Link, err error) {
	e := validation.New("jira: items")
	byKey := make(map[string]int, len(issues))
	for i, is := range issues {
		byKey[is.Key] = i
	}
	deps := make([][]string, len(issues))
	seenExt := map[Link]bool{}
	add := func(l Link) {
		bi, okB := byKey[l.Blocked]
		_, okA := byKey[l.Blocker]
		if !okA || !okB {
			if !seenExt[l] {
				seenExt[l] = true
				external = append(external, l)
			}
			return
		}
		if !slices.Contains(deps[bi], l.Blocker) {
			deps[bi] = append(deps[bi], l.Blocker)
		}
	}
	for _, is := range issues {
		for _, k := range is.BlockedBy {
			add(Link{Blocker: k, Blocked: is.Key})
		}
		for _, k := range is.Blocks {
			add(Link{Blocker: is.Key, Blocked: k})
		}
	}
	items = make([]roadmap.Item, 0, len(issues))
	for i, is := range issues {
		cat, cerr := is.Category()
		e.Merge("issues["+itoa(i)+"]", cerr)
		it := roadmap.Item{ID: roadmap.ItemID(is.Key), Title: is.Summary, Kind: is.Kind(), Status: cat, Estimate: is.StoryPoints}
		if is.Status != "" {
			it.StatusName = is.Status
		}
		if !is.Due.IsZero() {
			it.Target = roadmap.DayOf(is.Due)
		}
		if pi, ok := byKey[is.Parent]; ok && is.Parent != "" && issues[pi].Kind() > it.Kind {
			it.Parent = roadmap.ItemID(is.Parent)
		}
		slices.Sort(deps[i])
		for _, d := range deps[i] {
			it.DependsOn = append(it.DependsOn, roadmap.Dependency{On: roadmap.ItemID(d), Type: roadmap.Blocks})
		}
		items = append(items, it)
	}
	if err := e.Err(); err != nil {
		return nil, nil, err
	}
	return items, external, nil
}

// RICE returns the RICE inputs of the issues, keyed by issue key, or a
// *productops.ValidationError listing every issue with an input that was not read.
func RICE(issues []Issue) ([]prioritize.RICEInput, error) {
	return collect(issues, func(is Issue) (prioritize.RICEInput, error) { return is.Scores.RICE(is.Key) })
}

// ICE returns the ICE inputs of the issues; see RICE.
func ICE(issues []Issue) ([]prioritize.ICEInput, error) {
	return collect(issues, func(is Issue) (prioritize.ICEInput, error) { return is.Scores.ICE(is.Key) })
}

// WSJF returns the WSJF inputs of the issues; see RICE.
func WSJF(issues []Issue) ([]prioritize.WSJFInput, error) {
	return collect(issues, func(is Issue) (prioritize.WSJFInput, error) { return is.Scores.WSJF(is.Key) })
}

func collect[T any](issues []Issue, f func(Issue) (T, error)) ([]T, error) {
	e := validation.New("jira: scores")
	out := make([]T, 0, len(issues))
	for i, is := range issues {
		v, err := f(is)
		if err != nil {
			e.Merge("issues["+itoa(i)+"]", err)
			continue
		}
		out = append(out, v)
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
