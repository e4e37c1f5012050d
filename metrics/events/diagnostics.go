package events

import (
	"slices"
	"time"
)

// Diagnostics flags inputs that make a result surprising without being invalid, so a
// caller can warn instead of showing a silent 0.
type Diagnostics struct {
	// UnknownEvents lists, sorted and without repeats, the event names of the options
	// that occur nowhere in the data added (a misspelt step gives 0 users, not an error).
	UnknownEvents []string `json:"unknown_events,omitempty"`
	// EmptyCohorts counts cohort buckets between the first and the last reported cohort
	// that have no users and so are left out of the table (retention only).
	EmptyCohorts int `json:"empty_cohorts"`
	// Clamped lists the JSON names of the option times that lay outside the years
	// 1678-2262 an event can carry and were clamped to that range ("from", "to",
	// "as_of").
	Clamped []string `json:"clamped,omitempty"`
}

// nameSeen records which option event names occur in the data.
type nameSeen struct {
	names []string
	seen  []bool
}

func newNameSeen(names ...string) nameSeen {
	var s nameSeen
	for _, n := range names {
		if n != "" && !slices.Contains(s.names, n) {
			s.names = append(s.names, n)
		}
	}
	s.seen = make([]bool, len(s.names))
	return s
}

func (s *nameSeen) add(l *Log) {
	for i, n := range s.names {
		if !s.seen[i] && l.nameID(n) >= 0 {
			s.seen[i] = true
		}
	}
}

func (s *nameSeen) merge(o nameSeen) {
	for i := range s.seen {
		s.seen[i] = s.seen[i] || o.seen[i]
	}
}

func (s nameSeen) clone() nameSeen {
	return nameSeen{names: s.names, seen: make([]bool, len(s.seen))}
}

func (s nameSeen) unknown() []string {
	var out []string
	for i, n := range s.names {
		if !s.seen[i] {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// clampedTimes returns the names of the non-zero times outside the event time range.
func clampedTimes(ts ...namedTime) []string {
	var out []string
	for _, t := range ts {
		if !t.t.IsZero() && (t.t.Before(minEventTime) || t.t.After(maxEventTime)) {
			out = append(out, t.name)
		}
	}
	return out
}

type namedTime struct {
	name string
	t    time.Time
}
