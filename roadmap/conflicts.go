package roadmap

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/productops/productops/internal/validation"
)

// Conflict is an off-track dependency: the dependent is scheduled to start before its
// prerequisite ends (Jira Plans shows it as a red, off-track dependency; Plane's timeline
// as a violated dependency).
type Conflict struct {
	Prerequisite ItemID `json:"prerequisite"` // the item that must finish first.
	Dependent    ItemID `json:"dependent"`    // the item that starts too early.
	// PrerequisiteEnd is the first instant after the prerequisite (plus lag);
	// DependentStart is the dependent's first instant.
	PrerequisiteEnd time.Time `json:"prerequisite_end"`
	DependentStart  time.Time `json:"dependent_start"` // the dependent's first instant.
	// Lag is the dependency's lag in days, included in PrerequisiteEnd (0 for conflicts
	// between placements, where lag does not apply).
	Lag int `json:"lag,omitempty"`
	// Detail explains the conflict in one lowercase sentence.
	Detail string `json:"detail"`
}

// Conflicts finds off-track dependencies from the items' own dates: for each
// precedence dependency (Blocks, FinishToStart) of B on A, B is off-track iff
//
//	start(B) < end(A) + Lag days
//
// where start(B) is the first instant of B.Start's range and end(A) the end (exclusive)
// of A.Target's range, both resolved in cal (a fuzzy target ends with its period, so "A
// due Q3, B starts in September" conflicts). Dependencies where A has no Target or B no
// Start are not checked, nor those with a Canceled item or a Done prerequisite. Results
// are ordered by dependent, then prerequisite ID. Errors: those of CheckItems and an
// invalid calendar.
func Conflicts(items []Item, cal Calendar) ([]Conflict, error) {
	if err := cal.Validate(); err != nil {
		return nil, err
	}
	ix, err := newIndex(items)
	if err != nil {
		return nil, err
	}
	out := []Conflict{}
	for v := range ix.ids {
		b := ix.item(int32(v))
		if b.Start.IsZero() || b.Status == Canceled {
			continue
		}
		br, err := cal.Range(b.Start)
		if err != nil {
			return nil, err
		}
		for _, d := range b.DependsOn {
			a := ix.item(ix.node[d.On])
			if !d.precedence() || a.Target.IsZero() || a.Status == Canceled || a.Status == Done {
				continue
			}
			ar, err := cal.Range(a.Target)
			if err != nil {
				return nil, err
			}
			y, m, dd := ar.End.Date()
			end := midnight(y, m, dd+d.Lag, ar.End.Location())
			if br.Start.Before(end) {
				out = append(out, Conflict{Prerequisite: a.ID, Dependent: b.ID, PrerequisiteEnd: end, DependentStart: br.Start, Lag: d.Lag,
					Detail: fmt.Sprintf("%q starts %s, before %q ends %s", validation.Truncate(string(b.ID)), br.Start.Format(time.DateOnly), validation.Truncate(string(a.ID)), end.Format(time.DateOnly))})
			}
		}
	}
	sortConflicts(out)
	return out, nil
}

func sortConflicts(c []Conflict) {
	slices.SortFunc(c, func(a, b Conflict) int {
		if x := strings.Compare(string(a.Dependent), string(b.Dependent)); x != 0 {
			return x
		}
		return strings.Compare(string(a.Prerequisite), string(b.Prerequisite))
	})
}

// Conflicts checks a schedule's placements (for example after moving items by hand)
// against the items' dependencies with Jira's sprint rule: for B depending on A, B is
// off-track iff its bucket starts before A's bucket ends (Sequential: same sprint is a
// conflict), or iff its bucket ends before A's does (Concurrent: same sprint is fine).
// Lag is not applied here (it counts buckets of a team, which a placement alone does not
// fix). Unplaced items are not checked. A schedule straight from Schedule never
// conflicts.
func (r ScheduleResult) Conflicts(items []Item, mode DependencyMode) ([]Conflict, error) {
	ix, err := newIndex(items)
	if err != nil {
		return nil, err
	}
	at := make(map[ItemID]Placement, len(r.Placements))
	for _, p := range r.Placements {
		at[p.ID] = p
	}
	out := []Conflict{}
	for v := range ix.ids {
		b := ix.item(int32(v))
		pb, ok := at[b.ID]
		if !ok {
			continue
		}
		for _, d := range b.DependsOn {
			pa, ok := at[d.On]
			if !ok || !d.precedence() {
				continue
			}
			bad := pb.Start.Before(pa.End)
			if mode == Concurrent {
				bad = pb.End.Before(pa.End)
			}
			if bad {
				out = append(out, Conflict{Prerequisite: d.On, Dependent: b.ID, PrerequisiteEnd: pa.End, DependentStart: pb.Start,
					Detail: fmt.Sprintf("%q in %q is not after %q in %q (%s)", validation.Truncate(string(b.ID)), validation.Truncate(pb.Sprint), validation.Truncate(string(d.On)), validation.Truncate(pa.Sprint), mode)})
			}
		}
	}
	sortConflicts(out)
	return out, nil
}
