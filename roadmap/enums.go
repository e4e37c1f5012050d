package roadmap

import (
	"github.com/productops/productops/internal/enum"
)

// Kind is an item's level in the hierarchy. A parent's Kind is always greater than its
// child's: an Initiative holds Epics and Features, an Epic holds Features. The zero value
// is Feature.
type Kind int

// The hierarchy levels, lowest first.
const (
	Feature Kind = iota
	Epic
	Initiative
)

var kindSet = enum.Set[Kind]{Subject: "roadmap: kind", Kind: "kind", Names: []string{"feature", "epic", "initiative"}}

// String returns "feature", "epic" or "initiative"; "kind(n)" for any other value.
func (k Kind) String() string { return kindSet.String(k) }

// MarshalText encodes k as its String form; an invalid kind is an error.
func (k Kind) MarshalText() ([]byte, error) { return kindSet.Marshal(k) }

// UnmarshalText decodes a kind name (case-insensitive; "-", "_" and spaces ignored).
func (k *Kind) UnmarshalText(b []byte) error { return kindSet.Unmarshal(k, b) }

func (k Kind) valid() bool { return kindSet.Valid(k) }

// Category is the status group a status belongs to. Tools name their statuses freely but
// agree on these groups (Plane state groups, Linear project status types). The zero value
// is Backlog.
//
// Mapping from other tools: Linear types map one to one ("started" is InProgress); Plane
// groups backlog, unstarted, started, completed, cancelled map to Backlog, Planned,
// InProgress, Done, Canceled (triage maps to Backlog); Jira's To Do, In Progress and Done
// map to Backlog or Planned, InProgress and Done.
type Category int

// The status categories.
const (
	Backlog Category = iota
	Planned
	InProgress
	Paused
	Done
	Canceled
)

var categorySet = enum.Set[Category]{
	Subject: "roadmap: status category", Kind: "status category",
	Names: []string{"backlog", "planned", "in_progress", "paused", "done", "canceled"},
	Aliases: map[string]Category{
		"unstarted": Planned, "todo": Planned, "started": InProgress, "active": InProgress,
		"completed": Done, "cancelled": Canceled, "triage": Backlog, "proposed": Backlog,
	},
}

// String returns the category's name: "backlog", "planned", "in_progress", "paused", "done"
// or "canceled".
func (c Category) String() string { return categorySet.String(c) }

// MarshalText encodes c as its String form; an invalid category is an error.
func (c Category) MarshalText() ([]byte, error) { return categorySet.Marshal(c) }

// UnmarshalText decodes a category name, case-insensitively and ignoring "-", "_" and
// spaces; it also accepts the other tools' group names ("started", "completed",
// "cancelled", "unstarted", "todo", "triage", "proposed", "active").
func (c *Category) UnmarshalText(b []byte) error { return categorySet.Unmarshal(c, b) }

func (c Category) valid() bool { return categorySet.Valid(c) }

// Horizon is the Now / Next / Later bucket of a date-free roadmap (ProdPad). It is set by
// hand; HorizonOf derives one from dates. The zero value, NoHorizon, means not set.
type Horizon int

// The horizons.
const (
	NoHorizon Horizon = iota
	Now
	Next
	Later
)

var horizonSet = enum.Set[Horizon]{Subject: "roadmap: horizon", Kind: "horizon", Names: []string{"", "now", "next", "later"}}

// String returns "now", "next", "later", or "" for NoHorizon.
func (h Horizon) String() string { return unsetOr(h, horizonSet.String) }

// MarshalText encodes h as its String form ("" for NoHorizon).
func (h Horizon) MarshalText() ([]byte, error) { return marshalUnset(h, &horizonSet) }

// UnmarshalText decodes "now", "next", "later" (case-insensitive), or "" as NoHorizon.
func (h *Horizon) UnmarshalText(b []byte) error { return unmarshalUnset(h, b, &horizonSet) }

func (h Horizon) valid() bool { return h == NoHorizon || horizonSet.Valid(h) }

// HealthStatus is a person's judgement of an item's health, as in Linear's project
// updates (on_track, at_risk, off_track). The zero value, HealthUnknown, means none reported.
type HealthStatus int

// The health values.
const (
	HealthUnknown HealthStatus = iota
	OnTrack
	AtRisk
	OffTrack
)

var healthSet = enum.Set[HealthStatus]{Subject: "roadmap: health", Kind: "health", Names: []string{"", "on_track", "at_risk", "off_track"}}

// String returns "on_track", "at_risk", "off_track", or "" for HealthUnknown.
func (h HealthStatus) String() string { return unsetOr(h, healthSet.String) }

// MarshalText encodes h as its String form ("" for HealthUnknown).
func (h HealthStatus) MarshalText() ([]byte, error) { return marshalUnset(h, &healthSet) }

// UnmarshalText decodes a health name (case-insensitive, "-", "_" and spaces ignored), or
// "" as HealthUnknown.
func (h *HealthStatus) UnmarshalText(b []byte) error { return unmarshalUnset(h, b, &healthSet) }

func (h HealthStatus) valid() bool { return h == HealthUnknown || healthSet.Valid(h) }

// DependencyType says what a dependency means for ordering. The zero value is Blocks.
type DependencyType int

// The dependency types.
const (
	// Blocks: the prerequisite must finish before the dependent starts (Jira treats every
	// dependency link this way). Lag must be 0.
	Blocks DependencyType = iota
	// FinishToStart: the prerequisite must finish at least Lag units before the dependent
	// starts.
	FinishToStart
	// Relates links two items for information only; it never constrains order or dates
	// and never forms a cycle.
	Relates
)

var dependencySet = enum.Set[DependencyType]{
	Subject: "roadmap: dependency type", Kind: "dependency type",
	Names:   []string{"blocks", "finish_to_start", "relates"},
	Aliases: map[string]DependencyType{"fs": FinishToStart, "relates_to": Relates, "related": Relates, "blocked_by": Blocks},
}

// String returns "blocks", "finish_to_start" or "relates".
func (d DependencyType) String() string { return dependencySet.String(d) }

// MarshalText encodes d as its String form; an invalid type is an error.
func (d DependencyType) MarshalText() ([]byte, error) { return dependencySet.Marshal(d) }

// UnmarshalText decodes a dependency type (case-insensitive; also "fs", "related",
// "relates_to", "blocked_by").
func (d *DependencyType) UnmarshalText(b []byte) error { return dependencySet.Unmarshal(d, b) }

func (d DependencyType) valid() bool { return dependencySet.Valid(d) }

// unsetOr is String for an enum whose zero value means "not set" and prints as "".
func unsetOr[E ~int](v E, name func(E) string) string {
	if v == 0 {
		return ""
	}
	return name(v)
}

// marshalUnset is MarshalText for an enum whose zero value means "not set": it encodes as
// empty text.
func marshalUnset[E ~int](v E, s *enum.Set[E]) ([]byte, error) {
	if v == 0 {
		return []byte{}, nil
	}
	return s.Marshal(v)
}

// unmarshalUnset is UnmarshalText for an enum whose zero value means "not set": empty
// text (or only "-", "_" and spaces) decodes to it.
func unmarshalUnset[E ~int](dst *E, b []byte, s *enum.Set[E]) error {
	if len(b) <= 64 && enum.Fold(string(b)) == "" {
		*dst = 0
		return nil
	}
	return s.Unmarshal(dst, b)
}
