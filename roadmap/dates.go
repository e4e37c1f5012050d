package roadmap

import (
	"time"
)

// Span is an item's effective dates: each end is the item's own (fixed) date when set,
// else inherited from its children (GitLab's rule, applied to start and end
// independently): the earliest start and the latest end among children that have one,
// recursively. Has* is false when neither the item nor any descendant has that date.
type Span struct {
	ID ItemID `json:"id"` // the item.
	// Start is the first instant; End the first instant after (a Target's range end).
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"` // first instant after the item (its Target's range end).
	// HasStart and HasEnd say whether each date exists.
	HasStart bool `json:"has_start"`
	HasEnd   bool `json:"has_end"` // whether End exists.
	// LastDay is the first instant of the item's last day (the inclusive end: End is the
	// first instant after it), in the calendar's zone; zero when HasEnd is false.
	LastDay time.Time `json:"last_day,omitzero"`
	// StartInherited and EndInherited say the date came from children.
	StartInherited bool `json:"start_inherited,omitempty"`
	EndInherited   bool `json:"end_inherited,omitempty"` // End came from children.
}

// DateRange returns the span as a DateRange [Start, End), for ScheduleHealth, Contains and
// Overlaps; ok is false unless the span has both a start and an end, and the start is
// before the end.
func (s Span) DateRange() (r DateRange, ok bool) {
	if !s.HasStart || !s.HasEnd || !s.Start.Before(s.End) {
		return DateRange{}, false
	}
	return DateRange{Start: s.Start, End: s.End}, true
}

// Dates resolves every item's effective start and end in cal, returned in ID order.
// Errors: those of CheckItems and an invalid calendar. Plan.Dates does the same with a
// plan's items and calendar.
func Dates(items []Item, cal Calendar) ([]Span, error) {
	if err := cal.Validate(); err != nil {
		return nil, err
	}
	ix, err := newIndex(items)
	if err != nil {
		return nil, err
	}
	spans := make([]Span, len(ix.ids))
	done := make([]bool, len(ix.ids))
	var resolve func(n int32) Span
	resolve = func(n int32) Span {
		if done[n] {
			return spans[n]
		}
		it := ix.item(n)
		s := Span{ID: it.ID}
		if !it.Start.IsZero() {
			r, _ := cal.Range(it.Start)
			s.Start, s.HasStart = r.Start, true
		}
		if !it.Target.IsZero() {
			r, _ := cal.Range(it.Target)
			s.End, s.HasEnd = r.End, true
		}
		for _, c := range ix.kids(n) {
			cs := resolve(c) // depth is at most 3: kinds strictly increase upwards
			if it.Start.IsZero() && cs.HasStart && (!s.HasStart || cs.Start.Before(s.Start)) {
				s.Start, s.HasStart, s.StartInherited = cs.Start, true, true
			}
			if it.Target.IsZero() && cs.HasEnd && (!s.HasEnd || cs.End.After(s.End)) {
				s.End, s.HasEnd, s.EndInherited = cs.End, true, true
			}
		}
		if s.HasEnd {
			s.LastDay = DateRange{End: s.End}.LastDay()
		}
		spans[n], done[n] = s, true
		return s
	}
	for n := range ix.ids {
		resolve(int32(n))
	}
	return spans, nil
}
