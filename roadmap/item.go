package roadmap

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// ItemID identifies an item. IDs compare byte-wise wherever order matters.
type ItemID string

// TeamID identifies a team.
type TeamID string

// ObjectiveID identifies an objective.
type ObjectiveID string

// KeyResultID identifies a key result; it is unique across all objectives of a plan.
type KeyResultID string

// Priority ranks items: 1 is the highest, larger numbers are lower. NoPriority (0) sorts
// after every numbered priority, unlike Linear, whose "0 = no priority" sorts first
// numerically.
type Priority int

// NoPriority marks an item without a priority; it sorts last.
const NoPriority Priority = 0

// key maps a priority to its sort key: 1 < 2 < ... < NoPriority.
func (p Priority) key() int {
	if p <= 0 {
		return math.MaxInt
	}
	return int(p)
}

// Limits on numbers an item may carry, so scheduling arithmetic stays exact in int64.
const (
	// MaxEstimate is the largest estimate accepted, in the plan's estimate unit.
	MaxEstimate = 1_000_000_000
	// EstimateScale is the most fractional digits an estimate or capacity may have.
	EstimateScale = 4
	// MaxLag is the largest dependency lag accepted.
	MaxLag = 1_000_000
)

// Dependency is one prerequisite of an item: the item depends on On.
type Dependency struct {
	// On is the prerequisite's ID.
	On ItemID `json:"on"`
	// Type says how On constrains the item; the zero value is Blocks.
	Type DependencyType `json:"type,omitzero"`
	// Lag is the minimum gap between On's finish and the item's start, >= 0, allowed only
	// for FinishToStart. Its unit is the operation's: estimate units for CriticalPath,
	// whole buckets (sprints or weeks) of the dependent's team for Schedule, days for
	// Conflicts.
	Lag int `json:"lag,omitempty"`
}

// precedence reports whether the dependency orders the two items.
func (d Dependency) precedence() bool { return d.Type != Relates }

// Health is a person's latest health report on an item.
type Health struct {
	// Status is on track, at risk or off track; HealthUnknown means none reported.
	Status HealthStatus `json:"status,omitzero"`
	// Reason explains the status; required when at risk or off track.
	Reason string `json:"reason,omitempty"`
	// At is when the report was made; zero if unknown.
	At time.Time `json:"at,omitzero"`
}

// IsZero reports whether no health was reported.
func (h Health) IsZero() bool { return h.Status == HealthUnknown && h.Reason == "" && h.At.IsZero() }

// StatusChange records one transition of an item's status.
type StatusChange struct {
	// From and To are the status names before and after.
	From string `json:"from"`
	To   string `json:"to"` // status name after the change.
	// At is when the change happened.
	At time.Time `json:"at"`
	// Actor is who made it.
	Actor string `json:"actor,omitempty"`
}

// Item is one roadmap entry: an initiative, epic or feature.
type Item struct {
	// ID is unique within a plan; required.
	ID ItemID `json:"id"`
	// Title is for people.
	Title string `json:"title,omitempty"`
	// Kind is the hierarchy level; the zero value is Feature.
	Kind Kind `json:"kind"`
	// Parent is the containing item's ID; empty for a top-level item. The parent's Kind
	// must be greater than the item's.
	Parent ItemID `json:"parent,omitempty"`
	// Status is the item's status category; the zero value is Backlog.
	Status Category `json:"status"`
	// StatusName is the status's name in the plan's Lifecycle; empty means the
	// lifecycle's first status of category Status.
	StatusName string `json:"status_name,omitempty"`
	// Priority: 1 is highest; NoPriority (0) sorts last.
	Priority Priority `json:"priority,omitempty"`
	// Owner is the accountable person.
	Owner string `json:"owner,omitempty"`
	// Team does the work; Schedule requires it.
	Team TeamID `json:"team,omitempty"`
	// Estimate is the effort in the plan's unit (points or days): 0 to MaxEstimate with at
	// most EstimateScale fractional digits; nil means unestimated.
	Estimate *decimal.Decimal `json:"estimate,omitempty"`
	// Start and Target are a day or a fuzzy period (month, quarter, half-year, year);
	// zero means unset. Target is met by finishing before the end of its range.
	Start  Period `json:"start,omitzero"`
	Target Period `json:"target,omitzero"` // the due date or period; see Start.
	// Horizon is Now, Next or Later, set by hand; NoHorizon means unset.
	Horizon Horizon `json:"horizon,omitzero"`
	// Health is the latest reported health.
	Health Health `json:"health,omitzero"`
	// Objectives lists objectives the item serves directly.
	Objectives []ObjectiveID `json:"objectives,omitempty"`
	// KeyResults lists key results the item moves; it serves their objectives.
	KeyResults []KeyResultID `json:"key_results,omitempty"`
	// DependsOn lists the item's prerequisites.
	DependsOn []Dependency `json:"depends_on,omitempty"`
	// History records status changes, oldest first (Lifecycle.Move appends to it).
	History []StatusChange `json:"history,omitempty"`
}

// Validate checks the item's own fields and reports every problem at once. References to
// other items (parent, dependencies) are checked by CheckItems and the operations.
func (it Item) Validate() error {
	e := validation.New(fmt.Sprintf("roadmap: item %q", validation.Truncate(string(it.ID))))
	it.check(e, -1)
	return e.Err()
}

// check records the item's field errors under "items[i]" (no prefix when i < 0). Paths
// are built only when an error is recorded: this runs for every item of every call.
func (it *Item) check(e *validation.Errors, i int) {
	f := func(name string) string {
		if i < 0 {
			return name
		}
		return fmt.Sprintf("items[%d].%s", i, name)
	}
	if it.ID == "" {
		e.Add(f("id"), "required", "", "is required")
	}
	if !it.Kind.valid() {
		e.Addf(f("kind"), "oneof", "must be feature, epic or initiative")
	}
	if it.Parent != "" && it.Parent == it.ID {
		e.Addf(f("parent"), "ne", "item %q cannot be its own parent", validation.Truncate(string(it.ID)))
	}
	if !it.Status.valid() {
		e.Addf(f("status"), "oneof", "must be a status category")
	}
	if it.Priority < 0 {
		e.Addf(f("priority"), "gte", "must be at least 0 (0 = no priority), got %d", int(it.Priority))
	}
	if it.Estimate != nil && !amountOK(*it.Estimate) {
		checkAmount(e, f("estimate"), *it.Estimate)
	}
	it.Start.check(e, func() string { return f("start") })
	it.Target.check(e, func() string { return f("target") })
	if !it.Horizon.valid() {
		e.Addf(f("horizon"), "oneof", "must be now, next or later")
	}
	if !it.Health.Status.valid() {
		e.Addf(f("health.status"), "oneof", "must be on_track, at_risk or off_track")
	} else if (it.Health.Status == AtRisk || it.Health.Status == OffTrack) && strings.TrimSpace(it.Health.Reason) == "" {
		e.Addf(f("health.reason"), "required", "is required when health is %s", it.Health.Status)
	}
	var seen map[ItemID]bool
	if len(it.DependsOn) > 8 {
		seen = make(map[ItemID]bool, len(it.DependsOn))
	}
	for j, d := range it.DependsOn {
		p := func(field string) string { return f(fmt.Sprintf("depends_on[%d].%s", j, field)) }
		dup := false
		if seen != nil {
			dup = seen[d.On]
			seen[d.On] = true
		} else {
			for _, o := range it.DependsOn[:j] {
				dup = dup || o.On == d.On
			}
		}
		switch {
		case d.On == "":
			e.Add(p("on"), "required", "", "is required")
		case dup:
			e.Addf(p("on"), "unique", "item %q depends on %q twice", validation.Truncate(string(it.ID)), validation.Truncate(string(d.On)))
		}
		if !d.Type.valid() {
			e.Addf(p("type"), "oneof", "must be blocks, finish_to_start or relates")
		}
		switch {
		case d.Lag < 0:
			e.Addf(p("lag"), "gte", "must be at least 0, got %d", d.Lag)
		case d.Lag > MaxLag:
			e.Addf(p("lag"), "lte", "must be at most %d, got %d", MaxLag, d.Lag)
		case d.Lag != 0 && d.Type != FinishToStart:
			e.Addf(p("lag"), "eq", "lag needs type finish_to_start, not %s", d.Type)
		}
	}
	for j, h := range it.History {
		p := func(field string) string { return f(fmt.Sprintf("history[%d].%s", j, field)) }
		if h.To == "" {
			e.Add(p("to"), "required", "", "is required")
		}
		if h.At.IsZero() {
			e.Add(p("at"), "required", "", "is required")
		} else if j > 0 && h.At.Before(it.History[j-1].At) {
			e.Addf(p("at"), "order", "is before the previous change")
		}
	}
}

// amountOK is checkAmount's allocation-free fast path: a non-negative number with at most
// EstimateScale fractional digits and fewer than 10 integer digits (so below MaxEstimate).
func amountOK(d decimal.Decimal) bool {
	exp := d.Exponent()
	return d.Sign() >= 0 && exp >= -EstimateScale && exp <= 0 && d.NumDigits()+int(exp) <= 9
}

// checkAmount validates an estimate or capacity: bounded (before any comparison), then
// range and scale.
func checkAmount(e *validation.Errors, field string, d decimal.Decimal) {
	if amountOK(d) || !bounded(e, field, d) {
		return
	}
	switch {
	case d.Sign() < 0:
		e.Addf(field, "dgte", "must be at least 0, got %s", validation.Truncate(d.String()))
	case d.Cmp(decimal.NewFromInt(MaxEstimate)) > 0:
		e.Addf(field, "dlte", "must be at most %d", MaxEstimate)
	case d.Exponent() < -EstimateScale && !d.Equal(d.Round(EstimateScale)):
		e.Addf(field, "dscale", "must have at most %d fractional digits", EstimateScale)
	}
}

// ticksPerUnit is 10^EstimateScale: estimates and capacities become exact int64 ticks.
const ticksPerUnit = 10_000

// ticks converts a validated amount (at most EstimateScale significant fractional
// digits, at most MaxEstimate) to int64 ticks exactly, without allocating in the common
// case.
func ticks(d decimal.Decimal) int64 {
	e := int(d.Exponent()) + EstimateScale
	if d.NumDigits() <= 18 && e >= -18 && e <= 13 {
		c := d.CoefficientInt64()
		for ; e > 0; e-- {
			c *= 10
		}
		for ; e < 0; e++ {
			c /= 10 // exact: the dropped digits are trailing zeros
		}
		return c
	}
	return d.Shift(EstimateScale).IntPart()
}

// fromTicks converts ticks back to a decimal.
func fromTicks(t int64) decimal.Decimal { return decimal.New(t, -EstimateScale) }

// index is a validated, ID-sorted view of an item slice. Node n is the n-th item in
// byte-wise ID order; pos[n] is its position in the caller's slice.
type index struct {
	items []Item
	ids   []ItemID
	pos   []int32
	node  map[ItemID]int32
	// children[n] lists the nodes whose Parent is n, ascending.
	childStart []int32
	children   []int32
	// depNode[depStart[i]+j] is the node of items[i].DependsOn[j].On.
	depStart []int32
	depNode  []int32
}

// deps returns the nodes of the prerequisites of node n, aligned with its DependsOn.
func (ix *index) deps(n int32) []int32 {
	p := ix.pos[n]
	return ix.depNode[ix.depStart[p]:ix.depStart[p+1]]
}

// CheckItems validates a set of items as a whole: every item's fields, unique IDs, known
// parents of a higher kind, and known dependency targets. It returns nil or a
// *productops.ValidationError naming every bad item; it does not look for cycles (see
// CheckDependencies).
func CheckItems(items []Item) error {
	_, err := newIndex(items)
	return err
}

func newIndex(items []Item) (*index, error) {
	e := validation.New("roadmap: items")
	for i := range items {
		items[i].check(e, i)
	}
	if len(items) > math.MaxInt32-1 {
		e.Addf("items", "max", "too many items")
		return nil, e.Err()
	}
	ix := &index{items: items, node: make(map[ItemID]int32, len(items))}
	// Sort (ID, position) pairs: comparing IDs held in the slice keeps the sort local.
	type entry struct {
		id ItemID
		p  int32
	}
	ents := make([]entry, len(items))
	for i := range items {
		ents[i] = entry{items[i].ID, int32(i)}
	}
	slices.SortFunc(ents, func(a, b entry) int {
		if c := strings.Compare(string(a.id), string(b.id)); c != 0 {
			return c
		}
		return int(a.p - b.p)
	})
	ix.pos = make([]int32, len(items))
	ix.ids = make([]ItemID, len(items))
	for n, en := range ents {
		ix.pos[n] = en.p
	}
	for n, p := range ix.pos {
		id := items[p].ID
		ix.ids[n] = id
		if n > 0 && ix.ids[n-1] == id && id != "" {
			e.Addf(fmt.Sprintf("items[%d].id", p), "unique", "duplicate item id %q", validation.Truncate(string(id)))
			continue
		}
		ix.node[id] = int32(n)
	}
	// Parents: known and of a higher kind.
	counts := make([]int32, len(items)+1)
	for i := range items {
		it := &items[i]
		if it.Parent == "" || it.Parent == it.ID {
			continue
		}
		pn, ok := ix.node[it.Parent]
		if !ok {
			e.Addf(fmt.Sprintf("items[%d].parent", i), "exists", "item %q has unknown parent %q", validation.Truncate(string(it.ID)), validation.Truncate(string(it.Parent)))
			continue
		}
		if pk := items[ix.pos[pn]].Kind; pk <= it.Kind {
			e.Addf(fmt.Sprintf("items[%d].parent", i), "hierarchy", "%s %q cannot have %s %q as parent", it.Kind, validation.Truncate(string(it.ID)), pk, validation.Truncate(string(it.Parent)))
			continue
		}
		counts[pn+1]++
	}
	ix.depStart = make([]int32, len(items)+1)
	for i := range items {
		n := int64(ix.depStart[i]) + int64(len(items[i].DependsOn))
		if n > math.MaxInt32 {
			e.Addf("items", "max", "too many dependencies (more than %d)", math.MaxInt32)
			return nil, e.Err()
		}
		ix.depStart[i+1] = int32(n)
	}
	ix.depNode = make([]int32, ix.depStart[len(items)])
	for i := range items {
		for j, d := range items[i].DependsOn {
			if d.On == "" {
				continue
			}
			n, ok := ix.node[d.On]
			ix.depNode[int(ix.depStart[i])+j] = n
			if !ok {
				e.Addf(fmt.Sprintf("items[%d].depends_on[%d].on", i, j), "exists", "item %q depends on unknown item %q", validation.Truncate(string(items[i].ID)), validation.Truncate(string(d.On)))
			}
		}
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	for n := 1; n < len(counts); n++ {
		counts[n] += counts[n-1]
	}
	ix.childStart = counts
	ix.children = make([]int32, counts[len(counts)-1])
	fill := slices.Clone(counts[:len(items)])
	for n, p := range ix.pos {
		if par := items[p].Parent; par != "" {
			pn := ix.node[par]
			ix.children[fill[pn]] = int32(n)
			fill[pn]++
		}
	}
	return ix, nil
}

// item returns the item at node n.
func (ix *index) item(n int32) *Item { return &ix.items[ix.pos[n]] }

// kids returns node n's children, ascending by ID.
func (ix *index) kids(n int32) []int32 { return ix.children[ix.childStart[n]:ix.childStart[n+1]] }

// leaves appends the leaf descendants of n (n itself if it has no children), in
// depth-first ID order.
func (ix *index) leaves(n int32, dst []int32) []int32 {
	k := ix.kids(n)
	if len(k) == 0 {
		return append(dst, n)
	}
	for _, c := range k {
		dst = ix.leaves(c, dst)
	}
	return dst
}
