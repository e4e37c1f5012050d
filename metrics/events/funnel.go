package events

import (
	"fmt"
	"math/bits"
	"slices"
	"time"

	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// FunnelOrder says how steps must follow each other.
type FunnelOrder int

// Funnel orders.
const (
	// Ordered (the zero value): steps in order, other events allowed in between (PostHog
	// "ordered", Amplitude "this order", Mixpanel default).
	Ordered FunnelOrder = iota
	// Strict: steps in order with no other event of the user in between; any other event
	// resets the partial path (PostHog "strict", Amplitude "exact order"). Events sharing a
	// timestamp do not reset each other.
	Strict
	// AnyOrder: after step 1, the other steps may happen in any order within the window;
	// a user reaches step k when they did k distinct steps (PostHog "unordered", Amplitude
	// "any order" with step 1 required).
	AnyOrder
)

// FunnelAnchor says which step-1 event starts the conversion window.
type FunnelAnchor int

// Funnel anchors.
const (
	// AnchorFirst (the zero value): the user's first step-1 event in the range; later
	// step-1 events do not restart the window (Mixpanel uniques; the benchmark kit).
	AnchorFirst FunnelAnchor = iota
	// AnchorFreshest: every step-1 event starts a new attempt and the most recent step-1
	// before a step is used (PostHog's funnel UDF; Mixpanel "optimized re-entry"); the
	// user's furthest step over all attempts counts.
	AnchorFreshest
)

// FunnelExclusion removes users who did Event between two steps of their path.
type FunnelExclusion struct {
	// Event is the excluded event's name; required.
	Event string `json:"event" validate:"required"`
	// FromStep and ToStep are 0-based step indexes, FromStep < ToStep: the exclusion
	// applies strictly after the path's FromStep event and strictly before its ToStep
	// event (or, when ToStep was not reached, up to the end of the window).
	FromStep int `json:"from_step" validate:"gte=0"`
	ToStep   int `json:"to_step" validate:"gtfield=FromStep"`
}

// FunnelOptions configures Funnel. Only Steps is required; the zero value of the rest is an
// ordered funnel with a 7-day window anchored at the first step-1 event.
type FunnelOptions struct {
	// Steps are the event names of the steps, in order (2 to 32; a name may repeat).
	Steps []string `json:"steps" validate:"min=2,max=32,dive,required"`
	// Window is the conversion window measured from the anchoring step-1 event, inclusive;
	// 0 means 7 days (Mixpanel's default; PostHog's is 14 days, see the presets).
	Window time.Duration `json:"window" validate:"gte=0"`
	// Order is Ordered, Strict or AnyOrder.
	Order FunnelOrder `json:"order"`
	// Anchor is AnchorFirst or AnchorFreshest.
	Anchor FunnelAnchor `json:"anchor"`
	// Exclusions remove users from every step of the funnel.
	Exclusions []FunnelExclusion `json:"exclusions,omitempty" validate:"dive"`
	// Breakdown, when set, names an event property: results are also given per value of
	// it on the user's anchoring step-1 event ("" when absent).
	Breakdown string `json:"breakdown,omitempty"`
	// From and To limit anchoring step-1 events to [From, To); zero means unbounded.
	// Later steps may fall after To within the window.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

const defaultFunnelWindow = 7 * 24 * time.Hour

// Validate reports every bad field.
func (o FunnelOptions) Validate() error {
	v := validation.New("events: funnel options")
	v.Struct("", o)
	if o.Order < Ordered || o.Order > AnyOrder {
		v.Add("order", "oneof", "", "must be ordered, strict or any_order")
	}
	if o.Anchor != AnchorFirst && o.Anchor != AnchorFreshest {
		v.Add("anchor", "oneof", "", "must be first or freshest")
	}
	for i, e := range o.Exclusions {
		if e.ToStep >= len(o.Steps) {
			v.Addf(fmt.Sprintf("exclusions[%d].to_step", i), "lt", "must be below the number of steps %d", len(o.Steps))
		}
	}
	if !o.From.IsZero() && !o.To.IsZero() && !o.To.After(o.From) {
		v.Add("to", "gtfield", "from", "must be after from")
	}
	return v.Err()
}

// TimeDistribution summarises durations (time to convert, time to value). Percentiles
// interpolate linearly between order statistics (the R-7/NumPy default), so the median of
// an even count is the mean of the two middle values.
type TimeDistribution struct {
	// N counts the durations; the other fields are zero when N is 0.
	N int `json:"n"`
	// Mean is the arithmetic mean, rounded to the nanosecond.
	Mean time.Duration `json:"mean"`
	// Median, P25, P75 and P90 are the 50th, 25th, 75th and 90th percentiles.
	Median time.Duration `json:"median"`
	P25    time.Duration `json:"p25"`
	P75    time.Duration `json:"p75"`
	P90    time.Duration `json:"p90"`
	// Min and Max are the extremes.
	Min time.Duration `json:"min"`
	Max time.Duration `json:"max"`
}

func distribution(ds []int64) TimeDistribution {
	if len(ds) == 0 {
		return TimeDistribution{}
	}
	s := sortInt64(slices.Clone(ds))
	sum := 0.0
	for _, d := range s {
		sum += float64(d)
	}
	q := func(p float64) time.Duration { return time.Duration(stats.QuantileSorted(s, p) + 0.5) }
	return TimeDistribution{N: len(s), Mean: time.Duration(sum/float64(len(s)) + 0.5), Median: q(0.5),
		P25: q(0.25), P75: q(0.75), P90: q(0.9), Min: time.Duration(s[0]), Max: time.Duration(s[len(s)-1])}
}

// FunnelStep is one step of a funnel result.
type FunnelStep struct {
	// Name is the step's event name.
	Name string `json:"name"`
	// Users counts users who reached this step (and every earlier one).
	Users int `json:"users"`
	// FromPrevious is Users over the previous step's Users (step 1: over itself).
	FromPrevious metrics.Rate `json:"from_previous"`
	// FromStart is Users over step 1's Users.
	FromStart metrics.Rate `json:"from_start"`
	// TimeToConvert is the distribution of the time from the previous step to this one
	// among users who reached it (empty for step 1).
	TimeToConvert TimeDistribution `json:"time_to_convert"`
}

// FunnelResult is the outcome of a funnel.
type FunnelResult struct {
	// Steps lists the steps in order; Users never increases from one step to the next.
	Steps []FunnelStep `json:"steps"`
	// Overall is the last step's users over the first step's.
	Overall metrics.Rate `json:"overall"`
	// TotalTime is the distribution of time from step 1 to the last step among users who
	// completed the funnel.
	TotalTime TimeDistribution `json:"total_time"`
	// Excluded counts users removed by an exclusion.
	Excluded int `json:"excluded"`
	// Breakdown holds one funnel per value of the breakdown property, sorted by value;
	// nil without a breakdown.
	Breakdown []FunnelBreakdown `json:"breakdown,omitempty"`
}

// FunnelBreakdown is the funnel of the users whose anchoring event had Value.
type FunnelBreakdown struct {
	// Value is the property's value ("" for users whose anchoring event lacks it).
	Value string `json:"value"`
	// Funnel is the funnel of those users (without a nested breakdown).
	Funnel FunnelResult `json:"funnel"`
}

// Funnel computes a conversion funnel. Each user is scanned once over their time-sorted
// events; events with equal times are taken in step order, so ties convert. It runs on all
// CPUs through FunnelAggregate.
func Funnel(l *Log, opts FunnelOptions) (FunnelResult, error) {
	a, err := NewFunnelAggregate(opts)
	if err != nil {
		return FunnelResult{}, err
	}
	for _, p := range runParts(l, a.empty, func(p *FunnelAggregate, lo, hi int) { p.addUsers(l, lo, hi) }) {
		a.merge(p)
	}
	return a.Result(), nil
}

// funnelCounts accumulates one funnel (the whole, or one breakdown value).
type funnelCounts struct {
	reached  []int64   // reached[k]: users whose furthest step is ≥ k
	times    [][]int64 // times[k]: durations from step k-1 to k
	total    []int64
	excluded int64
}

func newFunnelCounts(n int) *funnelCounts {
	return &funnelCounts{reached: make([]int64, n), times: make([][]int64, n)}
}

func (c *funnelCounts) merge(o *funnelCounts) {
	for k := range c.reached {
		c.reached[k] += o.reached[k]
		c.times[k] = append(c.times[k], o.times[k]...)
	}
	c.total = append(c.total, o.total...)
	c.excluded += o.excluded
}

// FunnelAggregate is the mergeable partial form of Funnel: Add complete users, Merge
// aggregates with equal options over disjoint users, read the Result. Not safe for
// concurrent use.
type FunnelAggregate struct {
	opts   FunnelOptions
	window int64
	from   int64
	to     int64
	all    *funnelCounts
	by     map[string]*funnelCounts
	// per-user scratch
	st funnelState
}

// NewFunnelAggregate returns an empty aggregate, or the validation error of opts.
func NewFunnelAggregate(opts FunnelOptions) (*FunnelAggregate, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	a := &FunnelAggregate{opts: opts, window: int64(opts.Window), from: -1 << 63, to: 1<<63 - 1}
	if opts.Window == 0 {
		a.window = int64(defaultFunnelWindow)
	}
	if !opts.From.IsZero() {
		a.from = clampNs(opts.From)
	}
	if !opts.To.IsZero() {
		a.to = clampNs(opts.To)
	}
	a.all = newFunnelCounts(len(opts.Steps))
	if opts.Breakdown != "" {
		a.by = map[string]*funnelCounts{}
	}
	return a, nil
}

func (a *FunnelAggregate) empty() *FunnelAggregate {
	b := *a
	b.all = newFunnelCounts(len(a.opts.Steps))
	if a.by != nil {
		b.by = map[string]*funnelCounts{}
	}
	b.st = funnelState{}
	return &b
}

// Add adds the events of one or more complete users, in any order.
func (a *FunnelAggregate) Add(events ...Event) error {
	l, err := logOf(events)
	if err != nil {
		return err
	}
	a.AddLog(l)
	return nil
}

// AddLog adds every user of l; l must hold all events of its users.
func (a *FunnelAggregate) AddLog(l *Log) { a.addUsers(l, 0, l.NumUsers()) }

// Merge adds b's users into a. It returns ErrMismatch when the options differ.
func (a *FunnelAggregate) Merge(b *FunnelAggregate) error {
	if fmt.Sprintf("%+v|%d|%d", a.opts, a.from, a.to) != fmt.Sprintf("%+v|%d|%d", b.opts, b.from, b.to) {
		return ErrMismatch
	}
	a.merge(b)
	return nil
}

func (a *FunnelAggregate) merge(b *FunnelAggregate) {
	a.all.merge(b.all)
	for v, c := range b.by {
		if a.by[v] == nil {
			a.by[v] = newFunnelCounts(len(a.opts.Steps))
		}
		a.by[v].merge(c)
	}
}

// funnelState is the per-user scan state.
type funnelState struct {
	has   []bool
	start []int64 // anchor time of the path that reached step k
	sidx  []int   // event index of that anchor
	path  [][]int64
	best  int
	bpath []int64
	bidx  int
	touch []bool
	group []int
}

func (s *funnelState) reset(n int) {
	if len(s.has) != n {
		s.has, s.start, s.sidx, s.touch = make([]bool, n), make([]int64, n), make([]int, n), make([]bool, n)
		s.path = make([][]int64, n)
		for k := range s.path {
			s.path[k] = make([]int64, 0, n)
		}
	}
	clear(s.has)
	s.best = -1
	s.bpath = s.bpath[:0]
}

func (a *FunnelAggregate) addUsers(l *Log, lo, hi int) {
	n := len(a.opts.Steps)
	// masks[name] has bit k set when step k is that event.
	masks := make([]uint64, len(l.names))
	for k, s := range a.opts.Steps {
		if id := l.nameID(s); id >= 0 {
			masks[id] |= 1 << k
		}
	}
	excl := make([]int32, len(a.opts.Exclusions))
	for i, e := range a.opts.Exclusions {
		excl[i] = l.nameID(e.Event)
	}
	var prop *propColumn
	if a.opts.Breakdown != "" {
		prop = l.prop(a.opts.Breakdown)
	}
	first := uint64(1)
	for u := lo; u < hi; u++ {
		i0, i1 := l.off[u], l.off[u+1]
		names, ts := l.name[i0:i1], l.ts[i0:i1]
		// skip users without a step-1 event quickly
		j := -1
		for i, nm := range names {
			if masks[nm]&first != 0 && ts[i] >= a.from && ts[i] < a.to {
				j = i
				break
			}
		}
		if j < 0 {
			continue
		}
		st := &a.st
		st.reset(n)
		if a.opts.Order == AnyOrder {
			a.scanAnyOrder(names, ts, masks, j)
		} else {
			a.scanOrdered(names, ts, masks, j)
		}
		if st.best < 0 {
			continue
		}
		c := a.all
		if a.by != nil {
			v := ""
			if prop != nil {
				if code := prop.codes[i0+st.bidx]; code >= 0 {
					v = prop.values[code]
				}
			}
			c = a.by[v]
			if c == nil {
				c = newFunnelCounts(n)
				a.by[v] = c
			}
		}
		if a.excluded(names, ts, excl) {
			c.excluded++
			if c != a.all {
				a.all.excluded++
			}
			continue
		}
		a.count(c, st)
		if c != a.all {
			a.count(a.all, st)
		}
	}
}

func (a *FunnelAggregate) count(c *funnelCounts, st *funnelState) {
	for k := 0; k <= st.best; k++ {
		c.reached[k]++
		if k > 0 {
			c.times[k] = append(c.times[k], st.bpath[k]-st.bpath[k-1])
		}
	}
	if st.best == len(c.reached)-1 {
		c.total = append(c.total, st.bpath[st.best]-st.bpath[0])
	}
}

// excluded reports whether an exclusion event falls inside the user's best path.
func (a *FunnelAggregate) excluded(names []int32, ts []int64, excl []int32) bool {
	st := &a.st
	for x, e := range a.opts.Exclusions {
		if excl[x] < 0 || st.best < e.FromStep {
			continue
		}
		lo := st.bpath[e.FromStep]
		hi, inclusive := st.bpath[0]+a.window, true
		if st.best >= e.ToStep {
			hi, inclusive = st.bpath[e.ToStep], false
		}
		for i, nm := range names {
			if nm == excl[x] && ts[i] > lo && (ts[i] < hi || inclusive && ts[i] == hi) {
				return true
			}
		}
	}
	return false
}

// scanOrdered runs the ordered/strict path automaton from event j (the first step-1 event
// in range) on, processing events with equal times as a group in step order.
func (a *FunnelAggregate) scanOrdered(names []int32, ts []int64, masks []uint64, j int) {
	st := &a.st
	n := len(a.opts.Steps)
	strict := a.opts.Order == Strict
	// a strict funnel is also reset by events before the anchor's group; start at the
	// anchor's tie group.
	for j > 0 && ts[j-1] == ts[j] {
		j--
	}
	for i := j; i < len(ts); {
		g := i + 1
		for g < len(ts) && ts[g] == ts[i] {
			g++
		}
		if strict {
			clear(st.touch)
		}
		if g-i == 1 {
			a.step(i, names[i], ts[i], masks[names[i]])
		} else {
			// equal times: process in step order (lowest matching step first)
			st.group = st.group[:0]
			for e := i; e < g; e++ {
				st.group = append(st.group, e)
			}
			slices.SortStableFunc(st.group, func(x, y int) int {
				return bits.TrailingZeros64(masks[names[x]]) - bits.TrailingZeros64(masks[names[y]])
			})
			for _, e := range st.group {
				a.step(e, names[e], ts[e], masks[names[e]])
			}
		}
		if strict {
			for k := range n {
				if !st.touch[k] {
					st.has[k] = false
				}
			}
		}
		if st.best == n-1 {
			return
		}
		if a.opts.Anchor == AnchorFirst && st.best >= 0 && ts[i] > st.start[0]+a.window && !strict {
			return
		}
		i = g
	}
}

// step applies one event to the path state.
func (a *FunnelAggregate) step(e int, name int32, t int64, m uint64) {
	st := &a.st
	if m == 0 {
		return
	}
	n := len(a.opts.Steps)
	for k := n - 1; k >= 1; k-- {
		if m&(1<<k) == 0 || !st.has[k-1] || t-st.start[k-1] > a.window {
			continue
		}
		if st.has[k] && st.start[k] >= st.start[k-1] {
			continue
		}
		st.has[k], st.start[k], st.sidx[k] = true, st.start[k-1], st.sidx[k-1]
		st.path[k] = append(append(st.path[k][:0], st.path[k-1]...), t)
		st.touch[k] = true
		if k > st.best {
			st.best, st.bidx = k, st.sidx[k]
			st.bpath = append(st.bpath[:0], st.path[k]...)
		}
	}
	if m&1 != 0 && t >= a.from && t < a.to && (a.opts.Anchor == AnchorFreshest || !st.anchored()) {
		st.has[0], st.start[0], st.sidx[0] = true, t, e
		st.path[0] = append(st.path[0][:0], t)
		st.touch[0] = true
		if st.best < 0 {
			st.best, st.bidx = 0, e
			st.bpath = append(st.bpath[:0], t)
		}
	}
}

func (s *funnelState) anchored() bool { return s.best >= 0 }

// scanAnyOrder counts, for each candidate anchor (the first, or every step-1 event for
// AnchorFreshest), the distinct other steps done within the window, and keeps the best.
func (a *FunnelAggregate) scanAnyOrder(names []int32, ts []int64, masks []uint64, j int) {
	st := &a.st
	n := len(a.opts.Steps)
	firstAt := make([]int64, n)
	for s := j; s < len(ts); s++ {
		if masks[names[s]]&1 == 0 || ts[s] < a.from || ts[s] >= a.to {
			continue
		}
		if a.opts.Anchor == AnchorFirst && s != j {
			break
		}
		t0 := ts[s]
		for k := range firstAt {
			firstAt[k] = -1
		}
		firstAt[0] = t0
		lo := s
		for lo > 0 && ts[lo-1] == t0 {
			lo--
		}
		used := false
		for e := lo; e < len(ts) && ts[e] <= t0+a.window; e++ {
			m := masks[names[e]]
			if e == s && !used {
				m &^= 1
				used = true
			}
			for m != 0 {
				k := bits.TrailingZeros64(m)
				m &= m - 1
				if firstAt[k] < 0 {
					firstAt[k] = ts[e]
					break
				}
			}
		}
		times := st.path[0][:0]
		for _, t := range firstAt {
			if t >= 0 {
				times = append(times, t)
			}
		}
		slices.Sort(times)
		st.path[0] = times
		if len(times)-1 > st.best {
			st.best, st.bidx = len(times)-1, s
			st.bpath = append(st.bpath[:0], times...)
		}
	}
}

// Result returns the funnel.
func (a *FunnelAggregate) Result() FunnelResult {
	r := a.result(a.all)
	if a.by != nil {
		keys := make([]string, 0, len(a.by))
		for k := range a.by {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		r.Breakdown = []FunnelBreakdown{}
		for _, k := range keys {
			r.Breakdown = append(r.Breakdown, FunnelBreakdown{Value: k, Funnel: a.result(a.by[k])})
		}
	}
	return r
}

func (a *FunnelAggregate) result(c *funnelCounts) FunnelResult {
	n := len(a.opts.Steps)
	r := FunnelResult{Steps: make([]FunnelStep, n), Excluded: int(c.excluded), TotalTime: distribution(c.total)}
	for k, name := range a.opts.Steps {
		prev := c.reached[max(k-1, 0)]
		r.Steps[k] = FunnelStep{Name: name, Users: int(c.reached[k]), FromPrevious: metrics.NewRate(c.reached[k], prev),
			FromStart: metrics.NewRate(c.reached[k], c.reached[0]), TimeToConvert: distribution(c.times[k])}
	}
	r.Overall = metrics.NewRate(c.reached[n-1], c.reached[0])
	return r
}

// sortInt64 sorts s, by LSD radix (16-bit digits, constant digits skipped) when it is large
// and non-negative, and returns the sorted slice (s or a buffer of the same length).
func sortInt64(s []int64) []int64 {
	if len(s) < 512 || slices.Min(s) < 0 {
		slices.Sort(s)
		return s
	}
	hi := uint64(slices.Max(s))
	buf := make([]int64, len(s))
	var count [1 << 16]int
	for shift := uint(0); shift < 64 && hi>>shift != 0; shift += 16 {
		clear(count[:])
		for _, v := range s {
			count[uint64(v)>>shift&0xffff]++
		}
		if count[uint64(s[0])>>shift&0xffff] == len(s) {
			continue
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for _, v := range s {
			d := uint64(v) >> shift & 0xffff
			buf[count[d]] = v
			count[d]++
		}
		s, buf = buf, s
	}
	return s
}
