package feedback

import (
	"cmp"
	"slices"
)

// ThemeCounts counts what belongs to a theme, each thing once.
type ThemeCounts struct {
	// Items is the number of distinct feedback items.
	Items int `json:"items"`
	// People is the number of distinct authors of those items (anonymous items have none).
	People int `json:"people"`
	// Accounts is the number of distinct accounts those items speak for (the item's account,
	// else its author's; none for anonymous items).
	Accounts int `json:"accounts"`
	// Requests is the number of distinct canonical requests: a request merged into another
	// counts as the one it resolves to.
	Requests int `json:"requests"`
}

// ThemeSummary is one theme of a [ThemeRollup].
type ThemeSummary struct {
	// Theme, Name and Parent are the theme's own.
	Theme  ThemeID `json:"theme"`
	Name   string  `json:"name"`
	Parent ThemeID `json:"parent,omitempty"`
	// Depth is 0 for a root theme, 1 for its children, and so on.
	Depth int `json:"depth"`
	// Direct counts what is tagged with the theme itself.
	Direct ThemeCounts `json:"direct"`
	// Total counts what is tagged with the theme or any theme below it, each item, person,
	// account and request once however many of those themes it carries: a roll-up is a
	// union, not a sum of the children.
	Total ThemeCounts `json:"total"`
}

// ThemeRollup summarizes every theme of ds, depth first: roots by ID, each followed by its
// children by ID. It returns [Dataset.Validate]'s error for a bad dataset (unknown themes,
// a cycle in the hierarchy). It is a pure function of ds.
func ThemeRollup(ds *Dataset) ([]ThemeSummary, error) {
	if err := ds.Validate(); err != nil {
		return nil, err
	}
	ix := newIndex(ds)
	type sets struct {
		items    map[ItemID]struct{}
		people   map[PersonID]struct{}
		accounts map[AccountID]struct{}
		requests map[RequestID]struct{}
	}
	newSets := func() *sets {
		return &sets{map[ItemID]struct{}{}, map[PersonID]struct{}{}, map[AccountID]struct{}{}, map[RequestID]struct{}{}}
	}
	direct := make(map[ThemeID]*sets, len(ds.Themes))
	total := make(map[ThemeID]*sets, len(ds.Themes))
	for _, t := range ds.Themes {
		direct[t.ID], total[t.ID] = newSets(), newSets()
	}
	// up calls f for t and each of its ancestors once.
	up := func(t ThemeID, f func(ThemeID)) {
		for t != "" {
			f(t)
			t = ds.Themes[ix.themes[t]].Parent
		}
	}
	for _, it := range ds.Items {
		acct := it.Account
		if acct == "" && it.Author != "" {
			acct = ds.People[ix.people[it.Author]].Account
		}
		if it.Author == "" {
			acct = "" // anonymous feedback: an item, but no person and no account
		}
		add := func(s *sets) {
			s.items[it.ID] = struct{}{}
			if it.Author != "" {
				s.people[it.Author] = struct{}{}
			}
			if acct != "" {
				s.accounts[acct] = struct{}{}
			}
		}
		for _, t := range it.Themes {
			add(direct[t])
			up(t, func(a ThemeID) { add(total[a]) })
		}
	}
	for _, r := range ds.Requests {
		c, _ := ds.canonical(ix, r.ID) // Validate ruled out cycles.
		for _, t := range r.Themes {
			direct[t].requests[c] = struct{}{}
			up(t, func(a ThemeID) { total[a].requests[c] = struct{}{} })
		}
	}
	counts := func(s *sets) ThemeCounts {
		return ThemeCounts{Items: len(s.items), People: len(s.people), Accounts: len(s.accounts), Requests: len(s.requests)}
	}
	children := make(map[ThemeID][]Theme)
	for _, t := range ds.Themes {
		children[t.Parent] = append(children[t.Parent], t)
	}
	out := make([]ThemeSummary, 0, len(ds.Themes))
	var walk func(parent ThemeID, depth int)
	walk = func(parent ThemeID, depth int) {
		kids := children[parent]
		slices.SortFunc(kids, func(a, b Theme) int { return cmp.Compare(a.ID, b.ID) })
		for _, t := range kids {
			out = append(out, ThemeSummary{Theme: t.ID, Name: t.Name, Parent: t.Parent, Depth: depth,
				Direct: counts(direct[t.ID]), Total: counts(total[t.ID])})
			walk(t.ID, depth+1)
		}
	}
	walk("", 0)
	return out, nil
}
