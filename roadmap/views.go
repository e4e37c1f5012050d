package roadmap

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/productops/productops/internal/validation"
)

// Group is one bucket of a view: a quarter, a horizon, a team or an objective.
type Group struct {
	// Key names the group: "2026-Q3", "now", a team or objective ID; "" collects items
	// without one (it comes last).
	Key string `json:"key"`
	// Period is the quarter for ByQuarter groups, else zero.
	Period Period `json:"period,omitzero"`
	// Items are ordered by priority (1 first, NoPriority last), then ID.
	Items []ItemID `json:"items"`
}

func sortByPriority(ix *index, nodes []int32) []ItemID {
	slices.SortFunc(nodes, func(a, b int32) int {
		pa, pb := ix.item(a).Priority.key(), ix.item(b).Priority.key()
		if pa != pb {
			if pa < pb {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	ids := make([]ItemID, len(nodes))
	for i, n := range nodes {
		ids[i] = ix.ids[n]
	}
	return ids
}

// groupBy builds groups from a key per node; keys sort with less, "" last.
func groupBy(ix *index, key func(n int32) []string, less func(a, b string) int) []Group {
	m := map[string][]int32{}
	for n := range ix.ids {
		for _, k := range key(int32(n)) {
			m[k] = append(m[k], int32(n))
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "":
			return 1
		case b == "":
			return -1
		}
		return less(a, b)
	})
	out := make([]Group, len(keys))
	for i, k := range keys {
		out[i] = Group{Key: k, Items: sortByPriority(ix, m[k])}
	}
	return out
}

// ByQuarter groups items by the fiscal quarter (in cal) of their Target's last day, or of
// their Start's first day when they have no Target; items with neither go to the "" group.
// Groups are chronological.
func ByQuarter(items []Item, cal Calendar) ([]Group, error) {
	if err := cal.Validate(); err != nil {
		return nil, err
	}
	ix, err := newIndex(items)
	if err != nil {
		return nil, err
	}
	quarter := make(map[string]Period)
	gs := groupBy(ix, func(n int32) []string {
		it := ix.item(n)
		var q Period
		switch {
		case !it.Target.IsZero():
			r, _ := cal.Range(it.Target)
			q = cal.PeriodOf(Quarter, r.LastDay())
		case !it.Start.IsZero():
			r, _ := cal.Range(it.Start)
			q = cal.PeriodOf(Quarter, r.Start)
		default:
			return []string{""}
		}
		quarter[q.String()] = q
		return []string{q.String()}
	}, func(a, b string) int {
		pa, pb := quarter[a], quarter[b]
		if pa.Year != pb.Year {
			return pa.Year - pb.Year
		}
		return pa.Index - pb.Index
	})
	for i := range gs {
		gs[i].Period = quarter[gs[i].Key]
	}
	return gs, nil
}

// ByHorizon groups items by Horizon: "now", "next", "later", then "" (unset).
func ByHorizon(items []Item) ([]Group, error) {
	ix, err := newIndex(items)
	if err != nil {
		return nil, err
	}
	return groupBy(ix, func(n int32) []string { return []string{ix.item(n).Horizon.String()} }, func(a, b string) int {
		var ha, hb Horizon
		_ = ha.UnmarshalText([]byte(a))
		_ = hb.UnmarshalText([]byte(b))
		return int(ha) - int(hb)
	}), nil
}

// ByTeam groups items by Team ID (byte-wise), then "" (no team).
func ByTeam(items []Item) ([]Group, error) {
	ix, err := newIndex(items)
	if err != nil {
		return nil, err
	}
	return groupBy(ix, func(n int32) []string { return []string{string(ix.item(n).Team)} }, strings.Compare), nil
}

// ByObjective groups items under every objective they serve (directly, through a key
// result, or through an ancestor, as in Alignment), by objective ID; items serving none
// go to "". An item serving two objectives appears in both groups. Errors: those of
// Alignment.
func ByObjective(items []Item, objs []Objective) ([]Group, error) {
	if _, err := Alignment(items, objs); err != nil {
		return nil, err
	}
	ix, _ := newIndex(items)
	krObj := map[KeyResultID]ObjectiveID{}
	for _, o := range objs {
		for _, k := range o.KeyResults {
			krObj[k.ID] = o.ID
		}
	}
	return groupBy(ix, func(n int32) []string {
		set := map[string]bool{}
		for c := n; ; {
			it := ix.item(c)
			for _, o := range it.Objectives {
				set[string(o)] = true
			}
			for _, k := range it.KeyResults {
				set[string(krObj[k])] = true
			}
			if it.Parent == "" {
				break
			}
			c = ix.node[it.Parent]
		}
		if len(set) == 0 {
			return []string{""}
		}
		keys := make([]string, 0, len(set))
		for k := range set {
			keys = append(keys, k)
		}
		return keys
	}, strings.Compare), nil
}

// HorizonOf derives a horizon from a period: Now if it starts before the end of the
// quarter containing asOf (it overlaps that quarter, or is earlier: overdue work is now),
// Next if it starts before the end of the following quarter, Later otherwise; NoHorizon
// for the zero Period. Quarters are cal's.
func HorizonOf(p Period, cal Calendar, asOf time.Time) (Horizon, error) {
	if p.IsZero() {
		return NoHorizon, nil
	}
	r, err := cal.Range(p)
	if err != nil {
		return NoHorizon, err
	}
	cur := cal.PeriodOf(Quarter, asOf)
	now, _ := cal.Range(cur)
	next, _ := cal.Range(cur.Add(1))
	switch {
	case r.Start.Before(now.End):
		return Now, nil
	case r.Start.Before(next.End):
		return Next, nil
	}
	return Later, nil
}

// Bar is one row of a text timeline.
type Bar struct {
	Label string    `json:"label"` // row label, cut to 24 characters.
	Start time.Time `json:"start"` // first instant covered.
	End   time.Time `json:"end"`   // first instant after the bar.
	// Note is printed after the bar ("Sprint 3", "unfit: capacity").
	Note string `json:"note,omitempty"`
}

// Bars returns one bar per placement (in Placements order), noting the sprint or
// "parent".
func (r ScheduleResult) Bars() []Bar {
	out := make([]Bar, 0, len(r.Placements))
	for _, p := range r.Placements {
		note := p.Sprint
		if p.Parent {
			note = "parent"
		}
		out = append(out, Bar{Label: string(p.ID), Start: p.Start, End: p.End, Note: note})
	}
	return out
}

// ItemBars returns a bar for every item with a Start and a Target (from Start's first
// day to Target's end, resolved in cal), in ID order.
func ItemBars(items []Item, cal Calendar) ([]Bar, error) {
	if err := cal.Validate(); err != nil {
		return nil, err
	}
	ix, err := newIndex(items)
	if err != nil {
		return nil, err
	}
	out := []Bar{}
	for n := range ix.ids {
		it := ix.item(int32(n))
		if it.Start.IsZero() || it.Target.IsZero() {
			continue
		}
		s, _ := cal.Range(it.Start)
		t, _ := cal.Range(it.Target)
		out = append(out, Bar{Label: string(it.ID), Start: s.Start, End: t.End, Note: it.Start.String() + " → " + it.Target.String()})
	}
	return out, nil
}

// MaxTimelineWeeks is the widest timeline RenderTimeline draws.
const MaxTimelineWeeks = 520

// RenderTimeline writes a plain-text timeline for terminals and logs: one column per
// week (weeks start on Monday, in loc; nil means UTC), '#' where a bar covers part of the
// week and '.' elsewhere, year and month labels above (a week belongs to the month and
// year of its Thursday, as in ISO 8601), and each bar's note after it. Labels are
// cut to 24 characters. A nil writer, bars spanning more than MaxTimelineWeeks weeks and a
// bar that ends before it starts are *productops.ValidationError; errors from w are
// returned as they are.
func RenderTimeline(w io.Writer, bars []Bar, loc *time.Location) error {
	if loc == nil {
		loc = time.UTC
	}
	if w == nil {
		e := validation.New("roadmap: timeline")
		e.Add("writer", "required", "", "is required")
		return e.Err()
	}
	if len(bars) == 0 {
		_, err := fmt.Fprintln(w, "(empty timeline)")
		return err
	}
	first, last := bars[0].Start, bars[0].End
	width := 0
	for i, b := range bars {
		if b.End.Before(b.Start) {
			e := validation.New("roadmap: timeline")
			e.Addf(fmt.Sprintf("bars[%d].end", i), "gtefield", "bar %q ends before it starts", validation.Truncate(b.Label))
			return e.Err()
		}
		if b.Start.Before(first) {
			first = b.Start
		}
		if b.End.After(last) {
			last = b.End
		}
		width = max(width, min(24, len([]rune(b.Label))))
	}
	y, m, d := first.In(loc).Date()
	back := (int(time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Weekday()) + 6) % 7
	// Week c starts at the Monday d-back+7c, always built from the first Monday's date, so
	// a DST change that skips midnight never shifts the later weeks.
	weekStart := func(c int) time.Time { return midnight(y, m, d-back+7*c, loc) }
	var weeks []time.Time
	for c := 0; weekStart(c).Before(last); c++ {
		if c == MaxTimelineWeeks {
			e := validation.New("roadmap: timeline")
			e.Addf("bars", "max", "the bars span more than %d weeks", MaxTimelineWeeks)
			return e.Err()
		}
		weeks = append(weeks, weekStart(c))
	}
	var sb strings.Builder
	// Two header rows: the year where it changes, the month where it changes.
	for _, row := range []struct {
		changed func(a, b time.Time) bool
		label   func(t time.Time) string
	}{
		{func(a, b time.Time) bool { return a.Year() != b.Year() }, func(t time.Time) string { return t.Format("2006") }},
		{func(a, b time.Time) bool { return a.Month() != b.Month() }, func(t time.Time) string { return t.Format("Jan") }},
	} {
		header := []rune(strings.Repeat(" ", len(weeks)+8))
		free := 0
		// A week is labelled by its Thursday, as ISO 8601 assigns weeks to years.
		thu := func(c int) time.Time { return time.Date(y, m, d-back+7*c+3, 12, 0, 0, 0, time.UTC) }
		for c := range weeks {
			t := thu(c)
			if c > 0 && !row.changed(t, thu(c-1)) {
				continue
			}
			if label := row.label(t); c >= free {
				copy(header[c:], []rune(label))
				free = c + len(label) + 1
			}
		}
		fmt.Fprintf(&sb, "%-*s  %s\n", width, "", strings.TrimRight(string(header), " "))
	}
	for _, b := range bars {
		label := []rune(b.Label)
		if len(label) > 24 {
			label = append(label[:23], '…')
		}
		row := make([]byte, len(weeks))
		for c, t := range weeks {
			end := weekStart(c + 1)
			row[c] = '.'
			if b.Start.Before(end) && t.Before(b.End) {
				row[c] = '#'
			}
		}
		fmt.Fprintf(&sb, "%-*s  %s", width, string(label), row)
		if b.Note != "" {
			fmt.Fprintf(&sb, "  %s", b.Note)
		}
		sb.WriteByte('\n')
	}
	_, err := fmt.Fprint(w, sb.String())
	return err
}
