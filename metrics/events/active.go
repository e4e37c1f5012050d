package events

import (
	"errors"
	"time"

	"github.com/productops/productops/internal/validation"
)

// ActivityOptions selects the days and the events of DailyActivity and Stickiness. The zero
// value counts any event, in UTC, over every day from the first to the last day with data.
type ActivityOptions struct {
	// Events lists the event names that make a user active; nil means any event.
	Events []string `json:"events,omitempty"`
	// Location gives the calendar days; nil means UTC. Days are local calendar days, so a
	// DST day is 23 or 25 hours long.
	Location *time.Location `json:"-"`
	// From is the first day reported: the local day containing From. Zero means the first
	// day with an event.
	From time.Time `json:"from"`
	// To ends the range, exclusive: the last day reported is the local day containing
	// To minus 1ns. Zero means through the last day with an event.
	To time.Time `json:"to"`
}

// Validate reports a From or To outside the years 1678-2262, a To that is not after From,
// and a range longer than maxRangeDays.
func (o ActivityOptions) Validate() error {
	v := validation.New("events: activity options")
	validateRange(v, o.From, o.To)
	return v.Err()
}

// maxRangeDays bounds the length of a reporting range (about 137 years), which sizes the
// per-day arrays.
const maxRangeDays = 50000

func validateRange(v *validation.Errors, from, to time.Time) {
	for _, f := range []struct {
		name string
		t    time.Time
	}{{"from", from}, {"to", to}} {
		if !f.t.IsZero() && (f.t.Before(minEventTime) || f.t.After(maxEventTime)) {
			v.Add(f.name, "range", "", "must lie between 1678 and 2262")
		}
	}
	switch {
	case from.IsZero() || to.IsZero():
	case !to.After(from):
		v.Add("to", "gtfield", "from", "must be after from")
	case to.Sub(from) > maxRangeDays*24*time.Hour:
		v.Addf("to", "range", "must be at most %d days after from", maxRangeDays)
	}
}

// DayActivity is one day of DailyActivity.
type DayActivity struct {
	// Date is the local midnight that starts the day (or the day's first instant when a
	// DST change skips midnight).
	Date time.Time `json:"date"`
	// DAU counts distinct users active that day.
	DAU int `json:"dau"`
	// WAU counts distinct users active in the trailing 7 days ending that day (inclusive).
	WAU int `json:"wau"`
	// MAU counts distinct users active in the trailing 30 days ending that day (inclusive).
	MAU int `json:"mau"`
}

// ActivityResult is the outcome of DailyActivity.
type ActivityResult struct {
	// Days holds one entry per local day of the range, in order, including days without
	// activity (DAU 0).
	Days []DayActivity `json:"days"`
	// RangeUsers counts distinct users active on at least one day of the range.
	RangeUsers int `json:"range_users"`
}

// rolling windows, in days, of DailyActivity.
const (
	wauDays = 7
	mauDays = 30
)

// DailyActivity counts, for every local day of the range, the daily active users and the
// rolling weekly and monthly active users (distinct users over the trailing 7 and 30 days
// including the day, as PostHog's weekly_active/monthly_active trends). Users are counted
// exactly. Activity before the range counts towards the rolling windows of its first days.
// It runs on all CPUs (runtime.GOMAXPROCS) through ActivityAggregate.
func DailyActivity(l *Log, opts ActivityOptions) (ActivityResult, error) {
	a, err := newActivityForLog(l, opts)
	if err != nil || a == nil {
		return ActivityResult{}, err
	}
	return a.Result(), nil
}

func newActivityForLog(l *Log, opts ActivityOptions) (*ActivityAggregate, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if l.Len() == 0 && (opts.From.IsZero() || opts.To.IsZero()) {
		return nil, nil
	}
	cal := newCalendar(opts.Location, Daily, time.Sunday)
	if opts.From.IsZero() {
		opts.From = cal.midnight(cal.day(l.minTs))
	}
	if opts.To.IsZero() {
		opts.To = cal.midnight(cal.day(l.maxTs) + 1)
	}
	a, err := NewActivityAggregate(opts)
	if err != nil {
		return nil, err
	}
	for _, p := range runParts(l, a.empty, func(p *ActivityAggregate, lo, hi int) { p.addUsers(l, lo, hi) }) {
		a.merge(p)
	}
	return a, nil
}

// ActivityAggregate is the mergeable partial form of DailyActivity. Add complete users
// (every event of a user goes to the same aggregate), Merge aggregates built with equal
// options over disjoint sets of users, and read the Result: merging the parts of any split
// of the users gives the same result as one aggregate over all of them.
// An ActivityAggregate is not safe for concurrent use.
type ActivityAggregate struct {
	opts          ActivityOptions
	cal           *calendar
	from, to      int64 // civil day numbers, inclusive
	dau, wau, mau []int64
	rangeUsers    int64
	events        map[string]bool
	scratchDays   []int64
}

// ErrMismatch is returned by the Merge methods of the aggregates when the two aggregates
// were built with different options.
var ErrMismatch = errors.New("events: aggregates have different options")

// NewActivityAggregate returns an empty aggregate. From and To are required here (the
// range of days cannot be taken from data not yet seen).
func NewActivityAggregate(opts ActivityOptions) (*ActivityAggregate, error) {
	v := validation.New("events: activity options")
	if opts.From.IsZero() {
		v.Add("from", "required", "", "is required for an aggregate")
	}
	if opts.To.IsZero() {
		v.Add("to", "required", "", "is required for an aggregate")
	}
	v.Merge("", opts.Validate())
	if err := v.Err(); err != nil {
		return nil, err
	}
	cal := newCalendar(opts.Location, Daily, time.Sunday)
	a := &ActivityAggregate{opts: opts, cal: cal, from: cal.dayOf(opts.From), to: cal.day(opts.To.UnixNano() - 1)}
	n := a.to - a.from + 1
	a.dau, a.wau, a.mau = make([]int64, n), make([]int64, n+1), make([]int64, n+1)
	if len(opts.Events) > 0 {
		a.events = map[string]bool{}
		for _, e := range opts.Events {
			a.events[e] = true
		}
	}
	return a, nil
}

func (a *ActivityAggregate) empty() *ActivityAggregate {
	b := *a
	b.cal = a.cal.clone()
	n := len(a.dau)
	b.dau, b.wau, b.mau = make([]int64, n), make([]int64, n+1), make([]int64, n+1)
	b.rangeUsers = 0
	b.scratchDays = nil
	return &b
}

// Add adds the events of one or more complete users, in any order.
func (a *ActivityAggregate) Add(events ...Event) error {
	l, err := logOf(events)
	if err != nil {
		return err
	}
	a.AddLog(l)
	return nil
}

// AddLog adds every user of l; l must hold all events of its users.
func (a *ActivityAggregate) AddLog(l *Log) { a.addUsers(l, 0, l.NumUsers()) }

func logOf(events []Event) (*Log, error) {
	b := NewLogBuilder()
	for _, e := range events {
		if err := b.Add(e); err != nil {
			return nil, err
		}
	}
	return b.Build(), nil
}

func (a *ActivityAggregate) matcher(l *Log) nameMatcher {
	if a.events == nil {
		return nil
	}
	m := make(nameMatcher, len(l.names))
	for i, n := range l.names {
		m[i] = a.events[n]
	}
	return m
}

func (a *ActivityAggregate) addUsers(l *Log, lo, hi int) {
	m := a.matcher(l)
	first := a.from - mauDays + 1
	for u := lo; u < hi; u++ {
		days := a.scratchDays[:0]
		last := int64(-1 << 62)
		var span bucketSpan
		for i := l.off[u]; i < l.off[u+1]; i++ {
			if m != nil && !m[l.name[i]] {
				continue
			}
			d := a.cal.dayFast(l.ts[i], &span)
			if d != last && d >= first && d <= a.to {
				days = append(days, d)
				last = d
			}
		}
		a.scratchDays = days
		a.addDays(days)
	}
}

// addDays adds one user's distinct active days in increasing order.
func (a *ActivityAggregate) addDays(days []int64) {
	inRange := false
	for _, d := range days {
		if d >= a.from {
			a.dau[d-a.from]++
			inRange = true
		}
	}
	if inRange {
		a.rangeUsers++
	}
	addRolling(a.wau, days, wauDays, a.from, a.to)
	addRolling(a.mau, days, mauDays, a.from, a.to)
}

// addRolling adds +1 over every day of [from, to] covered by some [d, d+w-1], as a
// difference array.
func addRolling(diff []int64, days []int64, w, from, to int64) {
	if len(days) == 0 {
		return
	}
	s, e := days[0], days[0]+w-1
	flush := func() {
		lo, hi := max(s, from), min(e, to)
		if lo <= hi {
			diff[lo-from]++
			diff[hi-from+1]--
		}
	}
	for _, d := range days[1:] {
		if d <= e+1 {
			e = d + w - 1
			continue
		}
		flush()
		s, e = d, d+w-1
	}
	flush()
}

// Merge adds b's users into a. It returns ErrMismatch when the options differ.
func (a *ActivityAggregate) Merge(b *ActivityAggregate) error {
	if a.from != b.from || a.to != b.to || a.cal.loc.String() != b.cal.loc.String() || !sameSet(a.events, b.events) {
		return ErrMismatch
	}
	a.merge(b)
	return nil
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func (a *ActivityAggregate) merge(b *ActivityAggregate) {
	for i := range a.dau {
		a.dau[i] += b.dau[i]
	}
	for i := range a.wau {
		a.wau[i] += b.wau[i]
		a.mau[i] += b.mau[i]
	}
	a.rangeUsers += b.rangeUsers
}

// Result returns the activity of every day of the range.
func (a *ActivityAggregate) Result() ActivityResult {
	r := ActivityResult{Days: make([]DayActivity, len(a.dau)), RangeUsers: int(a.rangeUsers)}
	var w, m int64
	for i := range a.dau {
		w += a.wau[i]
		m += a.mau[i]
		r.Days[i] = DayActivity{Date: a.cal.midnight(a.from + int64(i)), DAU: int(a.dau[i]), WAU: int(w), MAU: int(m)}
	}
	return r
}
