package events

import (
	"fmt"
	"math/bits"
	"slices"
	"time"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// CohortType says which start events put a user in a cohort.
type CohortType int

// Cohort types.
const (
	// FirstTime (the zero value): a user's cohort is the bucket of their first start event
	// ever (Mixpanel "first time"/birth, PostHog retention_first_time). A user is in at
	// most one cohort.
	FirstTime CohortType = iota
	// Recurring: a user is in the cohort of every bucket in which they did the start event
	// (PostHog's default, Mixpanel "recurring").
	Recurring
)

// RetentionWindow says how return events are placed into periods.
type RetentionWindow int

// Retention windows.
const (
	// Calendar (the zero value) periods are calendar buckets in the Location: period k is
	// the bucket k after the cohort's bucket (PostHog's default). An event at 23:59 and one
	// at 00:01 the next day are a period apart.
	Calendar RetentionWindow = iota
	// Rolling periods are measured from the user's anchor start event: period k holds
	// returns at [k×P, (k+1)×P) after it, with P = 24 h, 7×24 h or 30×24 h (Amplitude's and
	// Mixpanel's default). Cohort rows are still the calendar bucket of the anchor; with
	// Recurring cohorts, the first start event in each cohort bucket anchors that cohort.
	Rolling
)

// RetentionCriterion says when a user counts as retained in a period.
type RetentionCriterion int

// Retention criteria.
const (
	// ReturnOn (the zero value, "N-day"): retained in period k if they returned in period
	// k.
	ReturnOn RetentionCriterion = iota
	// ReturnOnOrAfter ("unbounded", PostHog's cumulative): retained in period k if they
	// returned in period k or any later period.
	ReturnOnOrAfter
)

// DayZero says what period 0 of a cohort counts.
type DayZero int

// Day-zero semantics.
const (
	// DayZeroCohort (the zero value): period 0 is the whole cohort, always 100% (PostHog,
	// Amplitude).
	DayZeroCohort DayZero = iota
	// DayZeroReturns: period 0 counts users with a return event later than their anchor
	// start event within period 0 (Mixpanel's "< Day 1" bucket; not forced to 100%).
	DayZeroReturns
)

// RetentionAnchors says which start events open rolling periods.
type RetentionAnchors int

// Rolling anchors.
const (
	// AnchorFirstStart (the zero value): periods are measured from the cohort's first
	// start event only (PostHog's 24-hour windows, Mixpanel's birth).
	AnchorFirstStart RetentionAnchors = iota
	// AnchorEveryStart: every start event from the anchor on opens its own periods, so one
	// return can count in several periods (Amplitude: "multiple start events start multiple
	// 24-hour buckets").
	AnchorEveryStart
)

// RetentionOptions configures Retention. The zero value is first-time, calendar, daily
// retention in UTC on any event, "return on" with day 0 = cohort, periods 0 to 7, over all
// cohorts with data, as of just after the last event.
type RetentionOptions struct {
	// Cohort is FirstTime or Recurring.
	Cohort CohortType `json:"cohort"`
	// StartEvent names the event that puts a user in a cohort; "" means any event.
	StartEvent string `json:"start_event,omitempty"`
	// ReturnEvent names the event that counts as a return; "" means any event.
	ReturnEvent string `json:"return_event,omitempty"`
	// Granularity is the cohort bucket and the period length (Daily, Weekly, Monthly).
	Granularity Granularity `json:"granularity"`
	// Window is Calendar or Rolling.
	Window RetentionWindow `json:"window"`
	// HourFloor floors rolling times to the local hour before measuring periods (Amplitude:
	// 4:59 pm counts as 4:00 pm). Ignored for Calendar windows.
	HourFloor bool `json:"hour_floor,omitempty"`
	// Anchors chooses the first or every start event as rolling anchors. Ignored for
	// Calendar windows.
	Anchors RetentionAnchors `json:"anchors"`
	// Criterion is ReturnOn or ReturnOnOrAfter. Ignored when Brackets are set.
	Criterion RetentionCriterion `json:"criterion"`
	// DayZero is DayZeroCohort or DayZeroReturns.
	DayZero DayZero `json:"day_zero"`
	// Brackets, when set, replace periods 1..Periods by custom brackets of these sizes in
	// periods (each ≥ 1): bracket j holds users whose return lies more than the sum of the
	// previous sizes and at most the sum including its own size periods after the start
	// (PostHog's retentionCustomBrackets; Amplitude's bracket retention). Period 0 stays.
	Brackets []int `json:"brackets,omitempty"`
	// Periods is the number of periods after period 0 (cells 0..Periods); 0 means 7.
	// Ignored when Brackets are set.
	Periods int `json:"periods,omitempty"`
	// Location gives calendar buckets; nil means UTC.
	Location *time.Location `json:"-"`
	// WeekStart is the first day of a week for Weekly buckets; the zero value is Sunday.
	WeekStart time.Weekday `json:"week_start"`
	// From and To select cohorts whose bucket starts in [From, To); zero means unbounded.
	// First-time cohorts still look at all history to find a user's first start.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// AsOf is the evaluation time: events after it are ignored, and cells whose period ends
	// after it are incomplete. Zero means just after the log's last event.
	AsOf time.Time `json:"as_of"`
}

const defaultRetentionPeriods = 7

// Validate reports every bad field.
func (o RetentionOptions) Validate() error {
	v := validation.New("events: retention options")
	if o.Cohort != FirstTime && o.Cohort != Recurring {
		v.Add("cohort", "oneof", "", "must be first_time or recurring")
	}
	if !o.Granularity.valid() {
		v.Add("granularity", "oneof", "", "must be day, week or month")
	}
	if o.Window != Calendar && o.Window != Rolling {
		v.Add("window", "oneof", "", "must be calendar or rolling")
	}
	if o.Anchors != AnchorFirstStart && o.Anchors != AnchorEveryStart {
		v.Add("anchors", "oneof", "", "must be first or every start")
	}
	if o.Criterion != ReturnOn && o.Criterion != ReturnOnOrAfter {
		v.Add("criterion", "oneof", "", "must be on or on_or_after")
	}
	if o.DayZero != DayZeroCohort && o.DayZero != DayZeroReturns {
		v.Add("day_zero", "oneof", "", "must be cohort or returns")
	}
	if o.Periods < 0 || o.Periods > 1000 {
		v.Add("periods", "range", "", "must be between 0 and 1000")
	}
	total := 0
	for i, b := range o.Brackets {
		if b < 1 {
			v.Addf(fmt.Sprintf("brackets[%d]", i), "gte", "must be at least 1, got %d", b)
		}
		total += max(b, 0)
	}
	if total > 10000 {
		v.Add("brackets", "range", "", "must span at most 10000 periods")
	}
	if o.WeekStart < time.Sunday || o.WeekStart > time.Saturday {
		v.Add("week_start", "oneof", "", "must be a weekday")
	}
	if !o.From.IsZero() && !o.To.IsZero() && !o.To.After(o.From) {
		v.Add("to", "gtfield", "from", "must be after from")
	}
	return v.Err()
}

func (o RetentionOptions) cells() int {
	if len(o.Brackets) > 0 {
		return len(o.Brackets) + 1
	}
	if o.Periods == 0 {
		return defaultRetentionPeriods + 1
	}
	return o.Periods + 1
}

// maxOffset is the furthest period that can matter.
func (o RetentionOptions) maxOffset() int64 {
	if len(o.Brackets) == 0 {
		return int64(o.cells() - 1)
	}
	s := 0
	for _, b := range o.Brackets {
		s += b
	}
	return int64(s)
}

// RetentionCell is one period of one cohort.
type RetentionCell struct {
	// Period is the period index: 0, 1, 2, ... or, with brackets, the 1-based bracket.
	Period int `json:"period"`
	// Label names the period: "day 0", "week 3", or for brackets "day 1-3".
	Label string `json:"label"`
	// Retained counts cohort members retained in the period.
	Retained int `json:"retained"`
	// Rate is Retained over the cohort size.
	Rate metrics.Rate `json:"rate"`
	// Complete is false while the period has not fully elapsed at AsOf; incomplete cells
	// are left out of the means.
	Complete bool `json:"complete"`
}

// RetentionCohort is one row of the retention table.
type RetentionCohort struct {
	// Start is the local midnight starting the cohort's bucket.
	Start time.Time `json:"start"`
	// Size counts the cohort's users.
	Size int `json:"size"`
	// Cells holds periods 0.. in order.
	Cells []RetentionCell `json:"cells"`
}

// RetentionMean is the retention of one period across cohorts, over complete cells only.
type RetentionMean struct {
	// Period and Label as in RetentionCell.
	Period int    `json:"period"`
	Label  string `json:"label"`
	// Weighted is the sum of retained users over the sum of cohort sizes (Amplitude's
	// aggregate curve; PostHog "weighted"). Completeness is judged per cohort (the cell's
	// period has elapsed for its latest member), a little stricter than Amplitude's
	// per-user rule.
	Weighted metrics.Rate `json:"weighted"`
	// Unweighted is the plain mean of the cohorts' rates (PostHog "simple"); meaningful
	// only when UnweightedDefined.
	Unweighted        float64 `json:"unweighted"`
	UnweightedDefined bool    `json:"unweighted_defined"`
	// Cohorts counts the cohorts with a complete, non-empty cell in this period.
	Cohorts int `json:"cohorts"`
}

// RetentionResult is a retention table with its means.
type RetentionResult struct {
	// Cohorts lists the non-empty cohorts in time order.
	Cohorts []RetentionCohort `json:"cohorts"`
	// Means holds one entry per period.
	Means []RetentionMean `json:"means"`
	// AsOf is the evaluation time used.
	AsOf time.Time `json:"as_of"`
}

// Retention computes cohort retention. It runs on all CPUs through RetentionAggregate.
func Retention(l *Log, opts RetentionOptions) (RetentionResult, error) {
	a, err := NewRetentionAggregate(opts)
	if err != nil {
		return RetentionResult{}, err
	}
	for _, p := range runParts(l, a.empty, func(p *RetentionAggregate, lo, hi int) { p.addUsers(l, lo, hi) }) {
		a.merge(p)
	}
	return a.Result(), nil
}

// RetentionAggregate is the mergeable partial form of Retention: Add complete users, Merge
// aggregates with equal options over disjoint users, read the Result. Any split of the
// users merges to the result of the whole. Not safe for concurrent use.
type RetentionAggregate struct {
	opts   RetentionOptions
	cal    *calendar
	cells  int
	maxOff int64
	cum    []int64 // bracket upper bounds
	asOf   int64   // events after it are ignored
	maxTs  int64   // latest event seen, for a zero AsOf
	from   int64   // cohort bucket range [from, to)
	to     int64
	rows   map[int64][]int64 // cohort bucket -> [size, cell0, cell1, ...]
	// per-user scratch, and the last row used (users often share a cohort with the
	// previous user)
	bits       []uint64
	lastCohort int64
	lastRow    []int64
}

// NewRetentionAggregate returns an empty aggregate, or the validation error of opts.
func NewRetentionAggregate(opts RetentionOptions) (*RetentionAggregate, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	a := &RetentionAggregate{opts: opts, cal: newCalendar(opts.Location, opts.Granularity, opts.WeekStart),
		cells: opts.cells(), maxOff: opts.maxOffset(), asOf: 1<<63 - 1, maxTs: -1 << 63,
		from: -1 << 62, to: 1 << 62, rows: map[int64][]int64{}}
	if !opts.AsOf.IsZero() {
		a.asOf = clampNs(opts.AsOf)
	}
	if !opts.From.IsZero() {
		a.from = a.ceilBucket(clampNs(opts.From))
	}
	if !opts.To.IsZero() {
		a.to = a.ceilBucket(clampNs(opts.To))
	}
	s := int64(0)
	for _, b := range opts.Brackets {
		s += int64(b)
		a.cum = append(a.cum, s)
	}
	a.bits = make([]uint64, (a.maxOff+64)/64)
	return a, nil
}

// ceilBucket returns the first bucket starting at or after ts.
func (a *RetentionAggregate) ceilBucket(ts int64) int64 {
	b := a.cal.bucket(ts)
	if a.cal.start(b).UnixNano() < ts {
		b++
	}
	return b
}

func (a *RetentionAggregate) empty() *RetentionAggregate {
	b := *a
	b.cal = a.cal.clone()
	b.rows = map[int64][]int64{}
	b.lastRow = nil
	b.bits = make([]uint64, len(a.bits))
	b.maxTs = -1 << 63
	return &b
}

// Add adds the events of one or more complete users, in any order.
func (a *RetentionAggregate) Add(events ...Event) error {
	l, err := logOf(events)
	if err != nil {
		return err
	}
	a.AddLog(l)
	return nil
}

// AddLog adds every user of l; l must hold all events of its users.
func (a *RetentionAggregate) AddLog(l *Log) { a.addUsers(l, 0, l.NumUsers()) }

// Merge adds b's users into a. It returns ErrMismatch when the options differ.
func (a *RetentionAggregate) Merge(b *RetentionAggregate) error {
	if !sameRetentionOptions(a.opts, b.opts) {
		return ErrMismatch
	}
	a.merge(b)
	return nil
}

func sameRetentionOptions(x, y RetentionOptions) bool {
	return fmt.Sprintf("%+v|%v|%d|%d|%d", x, locName(x.Location), x.From.UnixNano(), x.To.UnixNano(), x.AsOf.UnixNano()) ==
		fmt.Sprintf("%+v|%v|%d|%d|%d", y, locName(y.Location), y.From.UnixNano(), y.To.UnixNano(), y.AsOf.UnixNano())
}

func locName(l *time.Location) string {
	if l == nil {
		return "UTC"
	}
	return l.String()
}

func (a *RetentionAggregate) merge(b *RetentionAggregate) {
	for c, rb := range b.rows {
		ra := a.rows[c]
		if ra == nil {
			a.rows[c] = slices.Clone(rb)
			continue
		}
		for i := range ra {
			ra[i] += rb[i]
		}
	}
	a.maxTs = max(a.maxTs, b.maxTs)
}

func (a *RetentionAggregate) row(c int64) []int64 {
	if a.lastRow != nil && a.lastCohort == c {
		return a.lastRow
	}
	r := a.rows[c]
	if r == nil {
		r = make([]int64, a.cells+1)
		a.rows[c] = r
	}
	a.lastCohort, a.lastRow = c, r
	return r
}

// offsetIndex maps a period offset k ≥ 1 to its cell (1..), or -1.
func (a *RetentionAggregate) offsetIndex(k int64) int {
	if k < 1 || k > a.maxOff {
		return -1
	}
	if a.cum == nil {
		return int(k)
	}
	j, _ := slices.BinarySearch(a.cum, k)
	return j + 1
}

func (a *RetentionAggregate) addUsers(l *Log, lo, hi int) {
	start, ret := l.matcher(nil), l.matcher(nil)
	if a.opts.StartEvent != "" {
		start = l.matcher([]string{a.opts.StartEvent})
	}
	if a.opts.ReturnEvent != "" {
		ret = l.matcher([]string{a.opts.ReturnEvent})
	}
	if a.opts.StartEvent != "" && l.nameID(a.opts.StartEvent) < 0 {
		return
	}
	for u := lo; u < hi; u++ {
		i0, i1 := l.off[u], l.off[u+1]
		for i1 > i0 && l.ts[i1-1] > a.asOf {
			i1--
		}
		if i1 == i0 {
			continue
		}
		a.maxTs = max(a.maxTs, l.ts[i1-1])
		names, ts := l.name[i0:i1], l.ts[i0:i1]
		if a.opts.Cohort == FirstTime {
			for i, n := range names {
				if start.match(n) {
					a.addCohort(names, ts, i, start, ret)
					break
				}
			}
			continue
		}
		last := int64(-1 << 62)
		var span bucketSpan
		for i, n := range names {
			if !start.match(n) {
				continue
			}
			if b := a.cal.bucketFast(ts[i], &span); b != last {
				last = b
				a.addCohort(names, ts, i, start, ret)
			}
		}
	}
}

// addCohort adds one user's membership of the cohort anchored at event i.
func (a *RetentionAggregate) addCohort(names []int32, ts []int64, i int, start, ret nameMatcher) {
	t0 := ts[i]
	c := a.cal.bucket(t0)
	if c < a.from || c >= a.to {
		return
	}
	clear(a.bits)
	zero := false
	rolling := a.opts.Window == Rolling
	p := a.opts.Granularity.rollingLength()
	h0 := t0
	if rolling && a.opts.HourFloor {
		h0 = a.cal.localHour(t0) * hourNs
	}
	maxK := int64(-1)
	var span bucketSpan
	for j := i; j < len(ts); j++ {
		if !ret.match(names[j]) {
			continue
		}
		var k int64
		if rolling {
			t := ts[j]
			if a.opts.HourFloor {
				t = a.cal.localHour(t) * hourNs
			}
			k = floorDiv(t-h0, p)
			if a.opts.Anchors == AnchorEveryStart {
				a.markEveryStart(names, ts, i, j, p, start)
			}
		} else if t := ts[j]; t >= span.lo && t < span.hi {
			k = span.b - c
		} else {
			k = a.cal.bucketFast(t, &span) - c
		}
		if k == 0 {
			if ts[j] > t0 {
				zero = true
			}
			continue
		}
		if k > a.maxOff {
			if !rolling || a.opts.Anchors != AnchorEveryStart {
				break
			}
			continue
		}
		a.bits[k>>6] |= 1 << (k & 63)
		maxK = max(maxK, k)
	}
	r := a.row(c)
	r[0]++
	if a.opts.DayZero == DayZeroCohort || zero {
		r[1]++
	}
	if a.opts.Criterion == ReturnOnOrAfter && a.cum == nil {
		if a.opts.DayZero == DayZeroReturns && !zero && maxK >= 1 {
			r[1]++
		}
		for k := int64(1); k <= maxK; k++ {
			r[1+k]++
		}
		return
	}
	lastCell := -1
	for w, word := range a.bits {
		for word != 0 {
			b := int64(w*64) + int64(bits.TrailingZeros64(word))
			word &= word - 1
			if cell := a.offsetIndex(b); cell >= 0 && cell != lastCell {
				r[1+cell]++
				lastCell = cell
			}
		}
	}
}

// markEveryStart marks the periods return event j falls in, measured from every start
// event at or after the anchor i and not after j (Amplitude's rolling anchors).
func (a *RetentionAggregate) markEveryStart(names []int32, ts []int64, i, j int, p int64, start nameMatcher) {
	t := ts[j]
	if a.opts.HourFloor {
		t = a.cal.localHour(t) * hourNs
	}
	for s := i + 1; s < len(ts) && ts[s] <= ts[j]; s++ {
		if s == j || !start.match(names[s]) {
			continue
		}
		h := ts[s]
		if a.opts.HourFloor {
			h = a.cal.localHour(h) * hourNs
		}
		if k := floorDiv(t-h, p); k >= 1 && k <= a.maxOff {
			a.bits[k>>6] |= 1 << (k & 63)
		}
	}
}

// Result returns the retention table and its means.
func (a *RetentionAggregate) Result() RetentionResult {
	asOf := a.asOf
	if a.opts.AsOf.IsZero() {
		asOf = a.maxTs + 1
	}
	keys := make([]int64, 0, len(a.rows))
	for c := range a.rows {
		keys = append(keys, c)
	}
	slices.Sort(keys)
	res := RetentionResult{AsOf: time.Unix(0, asOf).UTC()}
	type acc struct {
		num, den, cohorts int64
		sum               float64
	}
	means := make([]acc, a.cells)
	p := a.opts.Granularity.rollingLength()
	for _, c := range keys {
		r := a.rows[c]
		row := RetentionCohort{Start: a.cal.start(c), Size: int(r[0]), Cells: make([]RetentionCell, a.cells)}
		for k := range a.cells {
			end := a.cellEnd(c, k, p)
			complete := end <= asOf || (k == 0 && a.opts.DayZero == DayZeroCohort)
			row.Cells[k] = RetentionCell{Period: k, Label: a.label(k), Retained: int(r[1+k]), Rate: metrics.NewRate(r[1+k], r[0]), Complete: complete}
			if complete && r[0] > 0 {
				m := &means[k]
				m.num += r[1+k]
				m.den += r[0]
				m.cohorts++
				m.sum += float64(r[1+k]) / float64(r[0])
			}
		}
		res.Cohorts = append(res.Cohorts, row)
	}
	for k, m := range means {
		rm := RetentionMean{Period: k, Label: a.label(k), Weighted: metrics.NewRate(m.num, m.den), Cohorts: int(m.cohorts)}
		if m.cohorts > 0 {
			rm.Unweighted, rm.UnweightedDefined = m.sum/float64(m.cohorts), true
		}
		res.Means = append(res.Means, rm)
	}
	return res
}

// cellEnd returns when cell k of cohort c has fully elapsed for every member.
func (a *RetentionAggregate) cellEnd(c int64, k int, p int64) int64 {
	last := int64(k)
	if a.cum != nil && k > 0 {
		last = a.cum[k-1]
	}
	if a.opts.Window == Rolling {
		return a.cal.start(c+1).UnixNano() + (last+1)*p
	}
	return a.cal.start(c + last + 1).UnixNano()
}

func (a *RetentionAggregate) label(k int) string {
	unit := a.opts.Granularity.String()
	if a.cum == nil || k == 0 {
		return fmt.Sprintf("%s %d", unit, k)
	}
	lo := int64(1)
	if k > 1 {
		lo = a.cum[k-2] + 1
	}
	if lo == a.cum[k-1] {
		return fmt.Sprintf("%s %d", unit, lo)
	}
	return fmt.Sprintf("%s %d-%d", unit, lo, a.cum[k-1])
}
