package events

import (
	"time"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// SignupOptions picks a signup cohort and a target event for Activation and TimeToValue.
// Signup and Target are required.
type SignupOptions struct {
	// Signup names the event that starts the clock; a user's first one is used.
	Signup string `json:"signup" validate:"required"`
	// Target names the activation (or value) event; its first occurrence at or after the
	// signup counts.
	Target string `json:"target" validate:"required"`
	// Window bounds how long after signup the target counts, inclusive; 0 means 7 days for
	// Activation and no bound for TimeToValue.
	Window time.Duration `json:"window" validate:"gte=0"`
	// From and To select users whose first signup is in [From, To); zero means unbounded.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// AsOf is the evaluation time; events after it are ignored. Zero means just after the
	// log's last event.
	AsOf time.Time `json:"as_of"`
}

func (o SignupOptions) validate(subject string) error {
	v := validation.New(subject)
	v.Struct("", o)
	if !o.From.IsZero() && !o.To.IsZero() && !o.To.After(o.From) {
		v.Add("to", "gtfield", "from", "must be after from")
	}
	return v.Err()
}

// signupScan makes one accumulator per part with mk and calls fn for every user of the
// cohort with the first signup time and the first target time at or after it (-1 when
// none up to asOf). It returns the parts and asOf.
func signupScan[T any](l *Log, o SignupOptions, mk func() T, fn func(acc T, signup, target int64)) ([]T, int64) {
	from, to, asOf := int64(-1<<63), int64(1<<63-1), l.maxTs+1
	if !o.From.IsZero() {
		from = clampNs(o.From)
	}
	if !o.To.IsZero() {
		to = clampNs(o.To)
	}
	if !o.AsOf.IsZero() {
		asOf = clampNs(o.AsOf)
	}
	su, tg := l.nameID(o.Signup), l.nameID(o.Target)
	if su < 0 {
		return nil, asOf
	}
	parts := runParts(l, mk, func(acc T, lo, hi int) {
		for u := lo; u < hi; u++ {
			s, t := signupTimes(l.name[l.off[u]:l.off[u+1]], l.ts[l.off[u]:l.off[u+1]], su, tg, asOf)
			if s != noTime && s >= from && s < to {
				fn(acc, s, t)
			}
		}
	})
	return parts, asOf
}

const noTime = -1 << 63

// signupTimes returns the first signup time and the first target time at or after it
// (ties count whatever their order in the log), noTime when absent; events after asOf are
// ignored.
func signupTimes(names []int32, ts []int64, su, tg int32, asOf int64) (s, t int64) {
	s, t = noTime, noTime
	i := 0
	for ; i < len(ts) && ts[i] <= asOf; i++ {
		if names[i] == su {
			s = ts[i]
			break
		}
	}
	if s == noTime {
		return s, t
	}
	if tg == su {
		return s, s
	}
	for j := i - 1; j >= 0 && ts[j] == s; j-- {
		if names[j] == tg {
			return s, s
		}
	}
	for ; i < len(ts) && ts[i] <= asOf; i++ {
		if names[i] == tg {
			return s, ts[i]
		}
	}
	return s, t
}

// ActivationResult is the activation rate of a signup cohort.
type ActivationResult struct {
	// Activated counts cohort users who did the target within the window.
	Activated int `json:"activated"`
	// Eligible counts cohort users whose window had closed at AsOf, plus those already
	// activated.
	Eligible int `json:"eligible"`
	// Pending counts cohort users not yet activated whose window is still open at AsOf;
	// they are left out of the rate (counting them as failures would bias it down).
	Pending int `json:"pending"`
	// Rate is Activated over Eligible.
	Rate metrics.Rate `json:"rate"`
}

// Activation returns the share of users who did the activation event (Target) within
// Window of their first signup: a two-step funnel whose window is measured from signup.
func Activation(l *Log, opts SignupOptions) (ActivationResult, error) {
	if err := opts.validate("events: activation options"); err != nil {
		return ActivationResult{}, err
	}
	w := int64(opts.Window)
	if w == 0 {
		w = int64(7 * 24 * time.Hour)
	}
	asOf := clampNs(opts.AsOf)
	if opts.AsOf.IsZero() {
		asOf = l.maxTs + 1
	}
	parts, _ := signupScan(l, opts, func() *[3]int64 { return new([3]int64) }, func(c *[3]int64, s, t int64) {
		switch {
		case t != noTime && t-s <= w:
			c[0]++
		case s+w < asOf:
			c[1]++
		default:
			c[2]++
		}
	})
	var r ActivationResult
	for _, c := range parts {
		r.Activated += int(c[0])
		r.Eligible += int(c[0] + c[1])
		r.Pending += int(c[2])
	}
	r.Rate = metrics.NewRate(int64(r.Activated), int64(r.Eligible))
	return r, nil
}

// TimeToValueResult is the distribution of time from signup to the first value event.
type TimeToValueResult struct {
	// Cohort counts users in the signup cohort.
	Cohort int `json:"cohort"`
	// Reached counts those who did the value event (within Window when set) by AsOf.
	Reached int `json:"reached"`
	// Rate is Reached over Cohort: the share that got value, reported beside the times
	// because users who never reached it are censored, not fast or slow.
	Rate metrics.Rate `json:"rate"`
	// Times is the distribution of time to value among those who reached it (use the
	// median, not the mean).
	Times TimeDistribution `json:"times"`
}

// TimeToValue measures the time from each user's first signup to their first value event
// (Target) at or after it.
func TimeToValue(l *Log, opts SignupOptions) (TimeToValueResult, error) {
	if err := opts.validate("events: time to value options"); err != nil {
		return TimeToValueResult{}, err
	}
	w := int64(opts.Window)
	type acc struct {
		cohort int64
		times  []int64
	}
	parts, _ := signupScan(l, opts, func() *acc { return new(acc) }, func(a *acc, s, t int64) {
		a.cohort++
		if t != noTime && (w == 0 || t-s <= w) {
			a.times = append(a.times, t-s)
		}
	})
	var r TimeToValueResult
	var all []int64
	for _, a := range parts {
		r.Cohort += int(a.cohort)
		all = append(all, a.times...)
	}
	r.Reached = len(all)
	r.Rate = metrics.NewRate(int64(r.Reached), int64(r.Cohort))
	r.Times = distribution(all)
	return r, nil
}
