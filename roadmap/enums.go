package roadmap

import (
	"fmt"
	"strings"

	"github.com/productops/productops/internal/validation"
)

// enumName returns names[v], or a placeholder for an out-of-range value.
func enumName[T ~int](v T, names []string) string {
	if v < 0 || int(v) >= len(names) {
		return fmt.Sprintf("%s(%d)", names[0], int(v))
	}
	return names[v]
}

// enumText marshals v as its name, failing for an out-of-range value.
func enumText[T ~int](what string, v T, names []string) ([]byte, error) {
	if v < 0 || int(v) >= len(names) {
		return nil, fmt.Errorf("roadmap: invalid %s %d", what, int(v))
	}
	return []byte(names[v]), nil
}

// parseEnum finds text among names (case-insensitive; "-", "_" and spaces ignored) and
// among the extra aliases.
func parseEnum[T ~int](what string, text []byte, names []string, aliases map[string]T) (T, error) {
	key := enumKey(string(text))
	for i, n := range names {
		if enumKey(n) == key {
			return T(i), nil
		}
	}
	if v, ok := aliases[key]; ok {
		return v, nil
	}
	return 0, fmt.Errorf("roadmap: unknown %s %q", what, validation.Truncate(string(text)))
}

// enumKey folds a name for matching: lower case, without "-", "_" and spaces.
func enumKey(s string) string {
	if len(s) > 64 {
		s = s[:64]
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', ' ':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

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

var kindNames = []string{"feature", "epic", "initiative"}

// String returns "feature", "epic" or "initiative".
func (k Kind) String() string { return enumName(k, kindNames) }

// MarshalText encodes k as its String form.
func (k Kind) MarshalText() ([]byte, error) { return enumText("kind", k, kindNames) }

// UnmarshalText decodes a kind name (case-insensitive).
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := parseEnum[Kind]("kind", b, kindNames, nil)
	if err == nil {
		*k = v
	}
	return err
}

func (k Kind) valid() bool { return k >= Feature && k <= Initiative }

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

var categoryNames = []string{"backlog", "planned", "in_progress", "paused", "done", "canceled"}

var categoryAliases = map[string]Category{
	"unstarted": Planned, "todo": Planned, "started": InProgress, "active": InProgress,
	"completed": Done, "cancelled": Canceled, "triage": Backlog, "proposed": Backlog,
}

// String returns the category's name: "backlog", "planned", "in_progress", "paused", "done"
// or "canceled".
func (c Category) String() string { return enumName(c, categoryNames) }

// MarshalText encodes c as its String form.
func (c Category) MarshalText() ([]byte, error) { return enumText("status category", c, categoryNames) }

// UnmarshalText decodes a category name, case-insensitively and ignoring "-", "_" and
// spaces; it also accepts the other tools' group names ("started", "completed",
// "cancelled", "unstarted", "todo", "triage", "proposed", "active").
func (c *Category) UnmarshalText(b []byte) error {
	v, err := parseEnum("status category", b, categoryNames, categoryAliases)
	if err == nil {
		*c = v
	}
	return err
}

func (c Category) valid() bool { return c >= Backlog && c <= Canceled }

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

var horizonNames = []string{"", "now", "next", "later"}

// String returns "now", "next", "later", or "" for NoHorizon.
func (h Horizon) String() string { return enumName(h, horizonNames) }

// MarshalText encodes h as its String form.
func (h Horizon) MarshalText() ([]byte, error) { return enumText("horizon", h, horizonNames) }

// UnmarshalText decodes "now", "next", "later" or "" (case-insensitive).
func (h *Horizon) UnmarshalText(b []byte) error {
	v, err := parseEnum[Horizon]("horizon", b, horizonNames, nil)
	if err == nil {
		*h = v
	}
	return err
}

func (h Horizon) valid() bool { return h >= NoHorizon && h <= Later }

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

var healthNames = []string{"", "on_track", "at_risk", "off_track"}

// String returns "on_track", "at_risk", "off_track", or "" for HealthUnknown.
func (h HealthStatus) String() string { return enumName(h, healthNames) }

// MarshalText encodes h as its String form.
func (h HealthStatus) MarshalText() ([]byte, error) { return enumText("health", h, healthNames) }

// UnmarshalText decodes a health name (case-insensitive, "-", "_" and spaces ignored).
func (h *HealthStatus) UnmarshalText(b []byte) error {
	v, err := parseEnum[HealthStatus]("health", b, healthNames, nil)
	if err == nil {
		*h = v
	}
	return err
}

func (h HealthStatus) valid() bool { return h >= HealthUnknown && h <= OffTrack }

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

var dependencyNames = []string{"blocks", "finish_to_start", "relates"}

var dependencyAliases = map[string]DependencyType{"fs": FinishToStart, "relatesto": Relates, "related": Relates, "blockedby": Blocks}

// String returns "blocks", "finish_to_start" or "relates".
func (d DependencyType) String() string { return enumName(d, dependencyNames) }

// MarshalText encodes d as its String form.
func (d DependencyType) MarshalText() ([]byte, error) {
	return enumText("dependency type", d, dependencyNames)
}

// UnmarshalText decodes a dependency type (case-insensitive; also "fs", "related").
func (d *DependencyType) UnmarshalText(b []byte) error {
	v, err := parseEnum("dependency type", b, dependencyNames, dependencyAliases)
	if err == nil {
		*d = v
	}
	return err
}

func (d DependencyType) valid() bool { return d >= Blocks && d <= Relates }
