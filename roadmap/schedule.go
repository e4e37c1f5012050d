package roadmap

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// DependencyMode says whether a dependent may share a bucket with its prerequisite (Jira
// Plans' plan setting). The zero value is Sequential.
type DependencyMode int

// The dependency modes.
const (
	// Sequential: the dependent's bucket starts at or after the end of the
	// prerequisite's bucket (never the same sprint).
	Sequential DependencyMode = iota
	// Concurrent: the dependent's bucket may be the prerequisite's (it ends no earlier).
	Concurrent
)

var modeSet = enum.Set[DependencyMode]{Subject: "roadmap: dependency mode", Kind: "dependency mode", Names: []string{"sequential", "concurrent"}}

// String returns "sequential" or "concurrent".
func (m DependencyMode) String() string { return modeSet.String(m) }

// MarshalText encodes m as its String form; an invalid value is an error.
func (m DependencyMode) MarshalText() ([]byte, error) { return modeSet.Marshal(m) }

// UnmarshalText decodes "sequential" or "concurrent" (case-insensitive).
func (m *DependencyMode) UnmarshalText(b []byte) error { return modeSet.Unmarshal(m, b) }

// UnestimatedPolicy says what Schedule does with an item that has no estimate. The zero
// value is RejectUnestimated.
type UnestimatedPolicy int

// The policies.
const (
	// RejectUnestimated makes an unestimated item a validation error.
	RejectUnestimated UnestimatedPolicy = iota
	// FreeUnestimated places an unestimated item in its earliest allowed bucket without
	// consuming capacity, as Jira Plans does.
	FreeUnestimated
)

var unestimatedSet = enum.Set[UnestimatedPolicy]{Subject: "roadmap: unestimated policy", Kind: "unestimated policy", Names: []string{"reject", "free"}}

// String returns "reject" or "free".
func (p UnestimatedPolicy) String() string { return unestimatedSet.String(p) }

// MarshalText encodes p as its String form; an invalid value is an error.
func (p UnestimatedPolicy) MarshalText() ([]byte, error) { return unestimatedSet.Marshal(p) }

// UnmarshalText decodes "reject" or "free" (case-insensitive).
func (p *UnestimatedPolicy) UnmarshalText(b []byte) error { return unestimatedSet.Unmarshal(p, b) }

// ScheduleOptions configures Schedule. The zero value is Sequential dependencies, every
// bucket, unestimated items rejected, and a cap of DefaultMaxWork steps.
type ScheduleOptions struct {
	Mode DependencyMode `json:"mode,omitzero"` // Sequential (default) or Concurrent dependencies.
	// Horizon, if set, is the planning cut-off: buckets starting at or after it are not
	// used, and what does not fit before it is reported.
	Horizon     time.Time         `json:"horizon,omitzero"`
	Unestimated UnestimatedPolicy `json:"unestimated,omitzero"` // what to do with items without an estimate; default reject.
	// MaxWork caps the scheduler's steps: one per bucket, one per item considered for a
	// bucket, and one per prerequisite examined when an item is released. Zero means
	// DefaultMaxWork; negative is a validation error. A schedule that needs more fails with
	// ErrWorkLimit instead of running on; raise the cap for larger plans.
	MaxWork int `json:"max_work,omitempty"`
}

// DefaultMaxWork is the step cap of a schedule when ScheduleOptions.MaxWork is 0: a few
// seconds of work at most, and 50 times the 400,000 steps that 100,000 items with 300,000
// dependencies in 20 teams' 26 sprints need. Steps grow beyond linear when many queued
// items do not fit the buckets they wait through (each bucket considers every one).
const DefaultMaxWork = 20_000_000

// Reason says why an item was not scheduled.
type Reason int

// The reasons.
const (
	// ReasonCapacity: the item fits some bucket but never found room before the horizon.
	ReasonCapacity Reason = iota
	// ReasonTooLarge: the estimate exceeds every bucket's capacity (items never split).
	ReasonTooLarge
	// ReasonDependency: a prerequisite was not scheduled, or finishes too late (with its
	// lag) for any remaining bucket. Blocker names it.
	ReasonDependency
	// ReasonChildren: a parent whose children are not all scheduled. Blocker names one.
	ReasonChildren
)

var reasonSet = enum.Set[Reason]{Subject: "roadmap: reason", Kind: "reason", Names: []string{"capacity", "too_large", "dependency", "children"}}

// String returns "capacity", "too_large", "dependency" or "children".
func (r Reason) String() string { return reasonSet.String(r) }

// MarshalText encodes r as its String form; an invalid value is an error.
func (r Reason) MarshalText() ([]byte, error) { return reasonSet.Marshal(r) }

// UnmarshalText decodes a reason name (case-insensitive).
func (r *Reason) UnmarshalText(b []byte) error { return reasonSet.Unmarshal(r, b) }

// Placement is an item's inferred dates.
type Placement struct {
	ID   ItemID `json:"id"`             // the item.
	Team TeamID `json:"team,omitempty"` // the team whose bucket holds it (a parent's own Team).
	// Sprint and Bucket name and index the team's bucket; empty and -1 for a parent.
	Sprint string `json:"sprint,omitempty"`
	Bucket int    `json:"bucket"` // index into the team's Sprints; -1 for a parent.
	// Start and End are the bucket's range, or for a parent the span of its children.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"` // first instant after the bucket or span.
	// Parent is true for an item with children: its dates are inferred from them and it
	// consumes no capacity.
	Parent bool `json:"parent,omitempty"`
}

// Unfit is an item that could not be scheduled, with the numbers behind the reason.
type Unfit struct {
	ID     ItemID `json:"id"`     // the item not scheduled.
	Reason Reason `json:"reason"` // why it was not scheduled.
	// Team is the item's team (for a parent under ReasonChildren, its own Team, if any).
	Team TeamID `json:"team,omitempty"`
	// Blocker is the prerequisite or child responsible, for ReasonDependency and
	// ReasonChildren.
	Blocker ItemID `json:"blocker,omitempty"`
	// BlockerPlaced is true under ReasonDependency when Blocker was scheduled but
	// finishes (with the lag) too late for any bucket of Team before the horizon; false
	// when Blocker itself was not scheduled.
	BlockerPlaced bool `json:"blocker_placed,omitempty"`
	// NoBucketLeft is true under ReasonCapacity when Team had no bucket left before the
	// horizon once the item could start; false when the buckets were there but full.
	NoBucketLeft bool `json:"no_bucket_left,omitempty"`
	// Estimate is the item's estimate, and MaxCapacity the largest capacity among the
	// buckets it could still use (under ReasonTooLarge, smaller than Estimate); nil when
	// not known or not relevant.
	Estimate    *decimal.Decimal `json:"estimate,omitempty"`
	MaxCapacity *decimal.Decimal `json:"max_capacity,omitempty"` // see Estimate.
	// Detail explains the reason in one lowercase sentence.
	Detail string `json:"detail"`
}

// Load is one bucket's capacity and what was placed in it.
type Load struct {
	Team     TeamID          `json:"team"`     // the team.
	Sprint   string          `json:"sprint"`   // the bucket name.
	Start    time.Time       `json:"start"`    // the bucket start.
	End      time.Time       `json:"end"`      // the first instant after the bucket.
	Capacity decimal.Decimal `json:"capacity"` // the bucket capacity, estimate units.
	Used     decimal.Decimal `json:"used"`     // the estimates placed in it, <= Capacity.
	Items    []ItemID        `json:"items"`    // the items placed in it, in placement order.
}

// ScheduleResult is Schedule's output.
type ScheduleResult struct {
	// Placements lists scheduled items by Start, then ID.
	Placements []Placement `json:"placements"`
	// Unfit lists items not scheduled, by ID.
	Unfit []Unfit `json:"unfit"`
	// Skipped lists Done and Canceled items (not scheduled; as prerequisites they are
	// satisfied), by ID.
	Skipped []ItemID `json:"skipped"`
	// Load lists every bucket used for planning, by Start then team.
	Load []Load `json:"load"`
	// Finish is the latest End of a scheduled item; zero if nothing was scheduled.
	Finish time.Time `json:"finish,omitzero"`
}

// Placement returns the placement of id, if scheduled.
func (r ScheduleResult) Placement(id ItemID) (Placement, bool) {
	for _, p := range r.Placements {
		if p.ID == id {
			return p, true
		}
	}
	return Placement{}, false
}

// Schedule places items into their teams' buckets with a deterministic list scheduler
// (sprint-parallel priority-rule scheduling). Buckets are filled in order of start (ties
// by team ID); each bucket takes, repeatedly, the eligible item with the highest priority
// (then smallest ID) whose estimate fits the remaining capacity, skipping items that do
// not fit, so a smaller lower-priority item may backfill capacity a larger one could not
// use. An item is eligible once every prerequisite is placed and, for each prerequisite,
// the bucket starts at or after the prerequisite's bucket end (Sequential) or ends no
// earlier (Concurrent), plus the dependency's Lag in whole buckets of the dependent's
// team. Items are never split.
//
// Only leaf items (without children among items) are placed; Done and Canceled items are
// skipped and count as finished; a parent's dates are inferred from its children (GitLab's
// inherited dates). Every leaf to schedule needs a Team listed in teams and, unless
// opts.Unestimated is FreeUnestimated, an estimate. Dependencies may not involve parents.
//
// Errors: those of CheckDependencies, bad teams and options, and the requirements above,
// each naming the item; ErrWorkLimit when the plan needs more than opts.MaxWork steps.
func Schedule(items []Item, teams []Team, opts ScheduleOptions) (ScheduleResult, error) {
	return ScheduleContext(context.Background(), items, teams, opts)
}

// ScheduleContext is Schedule with cancellation: it checks ctx every 1024 steps and
// returns ctx.Err() (errors.Is(err, context.Canceled) or context.DeadlineExceeded) when
// ctx is done. A nil ctx is a validation error.
func ScheduleContext(ctx context.Context, items []Item, teams []Team, opts ScheduleOptions) (ScheduleResult, error) {
	if ctx == nil {
		e := validation.New("roadmap: schedule")
		e.Add("ctx", "required", "", "is required")
		return ScheduleResult{}, e.Err()
	}
	if err := ctx.Err(); err != nil {
		return ScheduleResult{}, err
	}
	s, err := newScheduler(items, teams, opts)
	if err != nil {
		return ScheduleResult{}, err
	}
	if err := s.run(ctx); err != nil {
		return ScheduleResult{}, err
	}
	return s.result(), nil
}

type bucketRef struct{ team, bucket int32 }

type scheduler struct {
	g      *graph
	ix     *index
	opts   ScheduleOptions
	teams  []Team
	nb     []int // usable buckets per team (horizon applied)
	team   []int32
	est    []int64
	free   []bool
	work   []bool // leaf to place
	skip   []bool // done or canceled
	placed []bucketRef
	isSet  []bool
	left   []int32 // unplaced precedence prerequisites
	early  []int32 // earliest bucket once released
	blame  []int32 // prerequisite that set early
	used   [][]int64
	sufMax [][]int64 // sufMax[t][b] = max capacity of buckets b.. of team t
	lists  [][][]int32
	ready  []nodeHeap
	wait   []nodeHeap
	cursor []int32
	// minReady[t] is at most the smallest cost among ready[t] (MaxInt64 when empty).
	minReady []int64
	prio     []int // priority sort keys by node
	unfit    map[int32]Unfit
	steps    int // work done so far, against maxWork
	max      int
}

// step counts n steps of work; every 1024 steps it also checks ctx. It fails once the
// work exceeds the cap.
func (s *scheduler) step(ctx context.Context, n int) error {
	before := s.steps
	s.steps += n
	if s.steps > s.max {
		return workLimit("schedule", "ScheduleOptions.MaxWork", s.max)
	}
	if before>>10 != s.steps>>10 {
		return ctx.Err()
	}
	return nil
}

func newScheduler(items []Item, teams []Team, opts ScheduleOptions) (*scheduler, error) {
	e := validation.New("roadmap: schedule teams")
	teamIdx := make(map[TeamID]int32, len(teams))
	for i, t := range teams {
		p := fmt.Sprintf("teams[%d]", i)
		t.check(e, p)
		if _, dup := teamIdx[t.ID]; dup && t.ID != "" {
			e.Addf(p+".id", "unique", "duplicate team %q", validation.Truncate(string(t.ID)))
		}
		teamIdx[t.ID] = int32(i)
	}
	if opts.Mode != Sequential && opts.Mode != Concurrent {
		e.Addf("options.mode", "oneof", "must be sequential or concurrent")
	}
	if opts.Unestimated != RejectUnestimated && opts.Unestimated != FreeUnestimated {
		e.Addf("options.unestimated", "oneof", "must be RejectUnestimated or FreeUnestimated")
	}
	maxWork := opts.MaxWork
	switch {
	case maxWork < 0:
		e.Addf("options.max_work", "gte", "must be at least 0 (0 = DefaultMaxWork), got %d", maxWork)
	case maxWork == 0:
		maxWork = DefaultMaxWork
	}
	buckets := 0
	for _, t := range teams {
		buckets += len(t.Sprints)
	}
	if maxWork > 0 && buckets > maxWork {
		return nil, workLimit("schedule", "ScheduleOptions.MaxWork", maxWork)
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	g, err := load(items)
	if err != nil {
		return nil, err
	}
	ix := g.ix
	n := g.n
	s := &scheduler{g: g, ix: ix, opts: opts, teams: teams,
		team: make([]int32, n), est: make([]int64, n), free: make([]bool, n),
		work: make([]bool, n), skip: make([]bool, n), placed: make([]bucketRef, n), isSet: make([]bool, n),
		left: make([]int32, n), early: make([]int32, n), blame: make([]int32, n),
		unfit: map[int32]Unfit{}, max: maxWork}
	e = validation.New("roadmap: schedule")
	for v := range n {
		it := ix.item(int32(v))
		p := func() string { return fmt.Sprintf("items[%d]", ix.pos[v]) }
		id := func() string { return validation.Truncate(string(it.ID)) }
		s.skip[v] = it.Status == Done || it.Status == Canceled
		leaf := len(ix.kids(int32(v))) == 0
		deps := ix.deps(int32(v))
		for j, d := range it.DependsOn {
			if !d.precedence() {
				continue
			}
			if !leaf {
				e.Addf(fmt.Sprintf("%s.depends_on[%d]", p(), j), "leaf", "parent item %q cannot have dependencies in a schedule; link its children", id())
			}
			if u := deps[j]; len(ix.kids(u)) > 0 {
				e.Addf(fmt.Sprintf("%s.depends_on[%d].on", p(), j), "leaf", "item %q depends on parent item %q; link its children", id(), validation.Truncate(string(d.On)))
			}
		}
		if !leaf || s.skip[v] {
			continue
		}
		s.work[v] = true
		t, ok := teamIdx[it.Team]
		switch {
		case it.Team == "":
			e.Addf(p()+".team", "required", "item %q has no team", id())
		case !ok:
			e.Addf(p()+".team", "exists", "item %q has unknown team %q", id(), validation.Truncate(string(it.Team)))
		}
		s.team[v] = t
		switch {
		case it.Estimate != nil:
			s.est[v] = ticks(*it.Estimate)
		case opts.Unestimated == FreeUnestimated:
			s.free[v] = true
		default:
			e.Addf(p()+".estimate", "required", "item %q has no estimate", id())
		}
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	s.nb = make([]int, len(teams))
	s.used = make([][]int64, len(teams))
	s.sufMax = make([][]int64, len(teams))
	s.lists = make([][][]int32, len(teams))
	s.ready = make([]nodeHeap, len(teams))
	s.wait = make([]nodeHeap, len(teams))
	s.cursor = make([]int32, len(teams))
	s.minReady = make([]int64, len(teams))
	s.prio = make([]int, n)
	for v := range n {
		s.prio[v] = ix.item(int32(v)).Priority.key()
	}
	for t, tm := range teams {
		s.minReady[t] = math.MaxInt64
		nb := len(tm.Sprints)
		if !opts.Horizon.IsZero() {
			nb = sort.Search(nb, func(i int) bool { return !tm.Sprints[i].Start.Before(opts.Horizon) })
		}
		s.nb[t] = nb
		s.used[t] = make([]int64, nb)
		s.sufMax[t] = make([]int64, nb+1)
		s.sufMax[t][nb] = -1
		for b := nb - 1; b >= 0; b-- {
			s.sufMax[t][b] = max(s.sufMax[t][b+1], ticks(tm.Sprints[b].Capacity))
		}
		s.lists[t] = make([][]int32, nb)
		s.ready[t].less = s.byPriority
		s.wait[t].less = func(a, b int32) bool {
			if s.early[a] != s.early[b] {
				return s.early[a] < s.early[b]
			}
			return a < b
		}
	}
	return s, nil
}

func (s *scheduler) byPriority(a, b int32) bool {
	if pa, pb := s.prio[a], s.prio[b]; pa != pb {
		return pa < pb
	}
	return a < b
}

// estimate returns v's estimate as a decimal, nil for a free (unestimated) item.
func (s *scheduler) estimate(v int32) *decimal.Decimal {
	it := s.ix.item(v)
	if s.free[v] || it.Estimate == nil {
		return nil
	}
	d := *it.Estimate // a copy of the value: decimals are immutable, so it shares no state
	return &d
}

// cost is what v takes from a bucket's capacity: 0 for a free item.
func (s *scheduler) cost(v int32) int64 {
	if s.free[v] {
		return 0
	}
	return s.est[v]
}

// ready queues v for its team's current bucket, keeping minReady a lower bound of the
// costs in the queue.
func (s *scheduler) ready1(t, v int32) {
	s.ready[t].push(v)
	s.minReady[t] = min(s.minReady[t], s.cost(v))
}

// release computes v's earliest bucket and queues it, or marks it unfit.
func (s *scheduler) release(v int32) {
	t := s.team[v]
	tm := s.teams[t]
	nb := int32(s.nb[t])
	early, blame := s.cursor[t], int32(-1)
	lo, hi := s.g.preds(v)
	for k := lo; k < hi; k++ {
		u := s.g.pred[k]
		if s.skip[u] {
			continue
		}
		pr := s.placed[u]
		end := s.teams[pr.team].Sprints[pr.bucket].End
		var b int32
		if s.opts.Mode == Sequential {
			b = int32(sort.Search(int(nb), func(i int) bool { return !tm.Sprints[i].Start.Before(end) }))
		} else {
			b = int32(sort.Search(int(nb), func(i int) bool { return !tm.Sprints[i].End.Before(end) }))
		}
		b += s.g.predLag[k]
		if b > early || (b == early && blame < 0) {
			early, blame = b, u
		}
	}
	s.early[v], s.blame[v] = early, blame
	if early >= nb {
		if blame >= 0 {
			s.unfit[v] = Unfit{ID: s.ix.ids[v], Reason: ReasonDependency, Team: tm.ID, Blocker: s.ix.ids[blame], BlockerPlaced: true, Estimate: s.estimate(v),
				Detail: fmt.Sprintf("prerequisite %q finishes too late for any sprint of team %q before the horizon", validation.Truncate(string(s.ix.ids[blame])), validation.Truncate(string(tm.ID)))}
		} else {
			s.unfit[v] = Unfit{ID: s.ix.ids[v], Reason: ReasonCapacity, Team: tm.ID, NoBucketLeft: true, Estimate: s.estimate(v),
				Detail: fmt.Sprintf("team %q has no sprint left before the horizon", validation.Truncate(string(tm.ID)))}
		}
		return
	}
	if !s.free[v] {
		if maxCap := s.sufMax[t][early]; s.est[v] > maxCap {
			mc := fromTicks(maxCap)
			s.unfit[v] = Unfit{ID: s.ix.ids[v], Reason: ReasonTooLarge, Team: tm.ID, Estimate: s.estimate(v), MaxCapacity: &mc,
				Detail: fmt.Sprintf("estimate %s exceeds the capacity of every remaining sprint of team %q (at most %s)", fromTicks(s.est[v]), validation.Truncate(string(tm.ID)), fromTicks(maxCap))}
			return
		}
	}
	if early <= s.cursor[t] {
		s.ready1(t, v)
	} else {
		s.wait[t].push(v)
	}
}

func (s *scheduler) run(ctx context.Context) error {
	n := s.g.n
	for v := range n {
		if !s.work[v] {
			continue
		}
		lo, hi := s.g.preds(int32(v))
		for k := lo; k < hi; k++ {
			if !s.skip[s.g.pred[k]] {
				s.left[v]++
			}
		}
	}
	for v := range n {
		if s.work[v] && s.left[v] == 0 {
			s.release(int32(v))
		}
	}
	if err := s.step(ctx, int(s.g.predStart[n])); err != nil {
		return err
	}
	// Bucket events by start, then team ID.
	var events []bucketRef
	for t := range s.teams {
		for b := range s.nb[t] {
			events = append(events, bucketRef{int32(t), int32(b)})
		}
	}
	slices.SortStableFunc(events, func(a, b bucketRef) int {
		if c := s.teams[a.team].Sprints[a.bucket].Start.Compare(s.teams[b.team].Sprints[b.bucket].Start); c != 0 {
			return c
		}
		return strings.Compare(string(s.teams[a.team].ID), string(s.teams[b.team].ID))
	})
	var deferred []int32
	for _, ev := range events {
		if err := s.step(ctx, 1); err != nil {
			return err
		}
		t, b := ev.team, ev.bucket
		s.cursor[t] = b
		w, r := &s.wait[t], &s.ready[t]
		for w.len() > 0 && s.early[w.peek()] <= b {
			s.ready1(t, w.pop())
		}
		remaining := ticks(s.teams[t].Sprints[b].Capacity)
		if remaining < s.minReady[t] {
			// Nothing queued fits: skip the bucket without taking the queue apart.
			s.cursor[t] = b + 1
			continue
		}
		deferred = deferred[:0]
		least := int64(math.MaxInt64)
		for r.len() > 0 {
			if err := s.step(ctx, 1); err != nil {
				return err
			}
			v := r.pop()
			if s.free[v] || s.est[v] <= remaining {
				if !s.free[v] {
					remaining -= s.est[v]
					s.used[t][b] += s.est[v]
				}
				s.place(v, ev)
				continue
			}
			deferred = append(deferred, v)
			least = min(least, s.cost(v))
		}
		s.minReady[t] = least
		// The ready heap is empty now. Deferred items popped in priority order form a valid
		// heap as they are (copied into the heap's own buffer, which held them all); only
		// when a release pushed a higher-priority item between pops are they pushed one by
		// one.
		sorted := true
		for i := 1; i < len(deferred) && sorted; i++ {
			sorted = !s.byPriority(deferred[i], deferred[i-1])
		}
		if sorted {
			r.a = append(r.a[:0], deferred...)
		} else {
			for _, v := range deferred {
				r.push(v)
			}
		}
		s.cursor[t] = b + 1
	}
	// Whatever is left never found room.
	for v := range n {
		if s.work[v] && !s.isSet[v] {
			if _, ok := s.unfit[int32(v)]; ok {
				continue
			}
			if s.left[v] > 0 {
				s.unfit[int32(v)] = s.blockedBy(int32(v))
				continue
			}
			tm := s.teams[s.team[v]]
			s.unfit[int32(v)] = Unfit{ID: s.ix.ids[v], Reason: ReasonCapacity, Team: tm.ID, Estimate: s.estimate(int32(v)),
				Detail: fmt.Sprintf("no room in team %q's sprints before the horizon", validation.Truncate(string(tm.ID)))}
		}
	}
	return nil
}

// blockedBy names the smallest-ID unscheduled prerequisite of v.
func (s *scheduler) blockedBy(v int32) Unfit {
	lo, hi := s.g.preds(v)
	for k := lo; k < hi; k++ {
		u := s.g.pred[k]
		if !s.skip[u] && !s.isSet[u] {
			return Unfit{ID: s.ix.ids[v], Reason: ReasonDependency, Team: s.teams[s.team[v]].ID, Blocker: s.ix.ids[u], Estimate: s.estimate(v),
				Detail: fmt.Sprintf("prerequisite %q is not scheduled", validation.Truncate(string(s.ix.ids[u])))}
		}
	}
	return Unfit{ID: s.ix.ids[v], Reason: ReasonDependency, Team: s.teams[s.team[v]].ID, Estimate: s.estimate(v), Detail: "a prerequisite is not scheduled"}
}

func (s *scheduler) place(v int32, at bucketRef) {
	s.placed[v] = at
	s.isSet[v] = true
	s.lists[at.team][at.bucket] = append(s.lists[at.team][at.bucket], v)
	lo, hi := s.g.succs(v)
	for k := lo; k < hi; k++ {
		w := s.g.succ[k]
		if !s.work[w] {
			continue
		}
		s.left[w]--
		if s.left[w] == 0 {
			s.release(w)
		}
	}
}

func (s *scheduler) result() ScheduleResult {
	r := ScheduleResult{Placements: []Placement{}, Unfit: []Unfit{}, Skipped: []ItemID{}, Load: []Load{}}
	ix := s.ix
	for v := range s.g.n {
		if s.skip[v] && len(ix.kids(int32(v))) == 0 {
			r.Skipped = append(r.Skipped, ix.ids[v])
		}
		if !s.isSet[v] {
			continue
		}
		at := s.placed[v]
		sp := s.teams[at.team].Sprints[at.bucket]
		r.Placements = append(r.Placements, Placement{ID: ix.ids[v], Team: s.teams[at.team].ID, Sprint: sp.ID, Bucket: int(at.bucket), Start: sp.Start, End: sp.End})
		if sp.End.After(r.Finish) {
			r.Finish = sp.End
		}
	}
	// Parents: span of their leaf descendants still to do.
	var buf []int32
	for v := range s.g.n {
		if len(ix.kids(int32(v))) == 0 {
			continue
		}
		buf = ix.leaves(int32(v), buf[:0])
		var p Placement
		var blocker int32 = -1
		any := false
		for _, l := range buf {
			if s.skip[l] {
				continue
			}
			if !s.isSet[l] {
				if blocker < 0 {
					blocker = l
				}
				continue
			}
			at := s.placed[l]
			sp := s.teams[at.team].Sprints[at.bucket]
			if !any || sp.Start.Before(p.Start) {
				p.Start = sp.Start
			}
			if !any || sp.End.After(p.End) {
				p.End = sp.End
			}
			any = true
		}
		it := ix.item(int32(v))
		switch {
		case blocker >= 0:
			s.unfit[int32(v)] = Unfit{ID: ix.ids[v], Reason: ReasonChildren, Team: it.Team, Blocker: ix.ids[blocker],
				Detail: fmt.Sprintf("child %q is not scheduled", validation.Truncate(string(ix.ids[blocker])))}
		case any:
			p.ID, p.Team, p.Bucket, p.Parent = ix.ids[v], it.Team, -1, true
			r.Placements = append(r.Placements, p)
		default:
			r.Skipped = append(r.Skipped, ix.ids[v])
		}
	}
	slices.SortFunc(r.Placements, func(a, b Placement) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(string(a.ID), string(b.ID))
	})
	slices.Sort(r.Skipped)
	for _, u := range s.unfit {
		r.Unfit = append(r.Unfit, u)
	}
	slices.SortFunc(r.Unfit, func(a, b Unfit) int { return strings.Compare(string(a.ID), string(b.ID)) })
	for t, tm := range s.teams {
		for b := range s.nb[t] {
			sp := tm.Sprints[b]
			ids := make([]ItemID, len(s.lists[t][b]))
			for i, v := range s.lists[t][b] {
				ids[i] = ix.ids[v]
			}
			r.Load = append(r.Load, Load{Team: tm.ID, Sprint: sp.ID, Start: sp.Start, End: sp.End, Capacity: sp.Capacity, Used: fromTicks(s.used[t][b]), Items: ids})
		}
	}
	slices.SortStableFunc(r.Load, func(a, b Load) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(string(a.Team), string(b.Team))
	})
	return r
}

// Move is an item whose placement changed between two schedules.
type Move struct {
	ID         ItemID    `json:"id"`          // the item that moved.
	FromSprint string    `json:"from_sprint"` // sprint before ("" for a parent).
	ToSprint   string    `json:"to_sprint"`   // sprint after ("" for a parent).
	FromStart  time.Time `json:"from_start"`  // start before.
	ToStart    time.Time `json:"to_start"`    // start after.
	FromEnd    time.Time `json:"from_end"`    // end before.
	ToEnd      time.Time `json:"to_end"`      // end after.
}

// ScheduleDiff is what changed between two schedules (a what-if).
type ScheduleDiff struct {
	// Moved lists items scheduled in both with different dates, by ID.
	Moved []Move `json:"moved"`
	// NewlyUnfit lists items scheduled before and not after, with the new reason.
	NewlyUnfit []Unfit `json:"newly_unfit"`
	// NewlyPlaced lists items not scheduled before and scheduled after.
	NewlyPlaced []Placement `json:"newly_placed"`
	// FinishBefore and FinishAfter are the two schedules' Finish.
	FinishBefore time.Time `json:"finish_before,omitzero"`
	FinishAfter  time.Time `json:"finish_after,omitzero"` // the changed schedule's Finish.
}

// Diff compares two schedules of the same plan, typically before and after a what-if
// change (a capacity, an estimate, a priority or a new dependency): copy the inputs,
// change them, run Schedule again and Diff the results.
func Diff(before, after ScheduleResult) ScheduleDiff {
	d := ScheduleDiff{Moved: []Move{}, NewlyUnfit: []Unfit{}, NewlyPlaced: []Placement{}, FinishBefore: before.Finish, FinishAfter: after.Finish}
	old := make(map[ItemID]Placement, len(before.Placements))
	for _, p := range before.Placements {
		old[p.ID] = p
	}
	now := make(map[ItemID]bool, len(after.Placements))
	for _, p := range after.Placements {
		now[p.ID] = true
		q, ok := old[p.ID]
		switch {
		case !ok:
			d.NewlyPlaced = append(d.NewlyPlaced, p)
		case !q.Start.Equal(p.Start) || !q.End.Equal(p.End) || q.Sprint != p.Sprint:
			d.Moved = append(d.Moved, Move{ID: p.ID, FromSprint: q.Sprint, ToSprint: p.Sprint, FromStart: q.Start, ToStart: p.Start, FromEnd: q.End, ToEnd: p.End})
		}
	}
	for _, u := range after.Unfit {
		if _, ok := old[u.ID]; ok && !now[u.ID] {
			d.NewlyUnfit = append(d.NewlyUnfit, u)
		}
	}
	slices.SortFunc(d.Moved, func(a, b Move) int { return strings.Compare(string(a.ID), string(b.ID)) })
	slices.SortFunc(d.NewlyPlaced, func(a, b Placement) int { return strings.Compare(string(a.ID), string(b.ID)) })
	return d
}
