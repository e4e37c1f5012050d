package events

import (
	"time"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// LifecycleStatus is the lifecycle state of a user in a period (PostHog's lifecycle).
type LifecycleStatus int

// Lifecycle statuses.
const (
	// New: active in the period in which the user was created.
	New LifecycleStatus = iota
	// Returning: active in this period and in the previous one.
	Returning
	// Resurrecting: active in this period, not in the previous one, and not new. A user
	// created in an earlier period whose first activity is now is resurrecting (PostHog).
	Resurrecting
	// Dormant: active in the previous period and not in this one (counted once, in the
	// first idle period).
	Dormant
)

var lifecycleText = enum.Set[LifecycleStatus]{
	Subject: "events: lifecycle status", Kind: "lifecycle status",
	Names: []string{"new", "returning", "resurrecting", "dormant"},
}

// String returns "new", "returning", "resurrecting" or "dormant".
func (s LifecycleStatus) String() string { return lifecycleText.String(s) }

// MarshalText implements encoding.TextMarshaler.
func (s LifecycleStatus) MarshalText() ([]byte, error) { return lifecycleText.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *LifecycleStatus) UnmarshalText(b []byte) error { return lifecycleText.Unmarshal(s, b) }

// LifecycleOptions configures Lifecycle. The zero value uses any event, daily buckets in
// UTC over the data's span, and each user's first event as their creation time.
type LifecycleOptions struct {
	// Event names the activity event; "" means any event.
	Event string `json:"event,omitempty"`
	// Granularity is the period length.
	Granularity Granularity `json:"granularity"`
	// Location gives calendar buckets; nil means UTC.
	Location *time.Location `json:"-"`
	// WeekStart is the first day of a week; the zero value is Sunday.
	WeekStart time.Weekday `json:"week_start"`
	// From and To pick the periods reported: from the one containing From to the one
	// containing To minus 1ns. Zero means the data's span.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Created gives users' creation times (PostHog's person created_at). A user missing
	// from it is created at their first event of any kind in the log (this library's
	// default; PostHog's created_at can predate the first event, e.g. after a backfill).
	Created map[UserID]time.Time `json:"-"`
}

// LifecycleBucket counts users by status in one period.
type LifecycleBucket struct {
	// Start is the local midnight starting the period.
	Start time.Time `json:"start"`
	// New, Returning and Resurrecting count active users by status.
	New          int `json:"new"`
	Returning    int `json:"returning"`
	Resurrecting int `json:"resurrecting"`
	// Dormant is a positive count (PostHog charts it as negative).
	Dormant int `json:"dormant"`
}

// Lifecycle classifies users per period as new, returning, resurrecting or dormant with
// PostHog's rules: a user's active periods are looked at from one period before the range
// to one after; the first of them is new when it is the creation period and resurrecting
// otherwise; a later one is returning when the period before was active and resurrecting
// otherwise; the period after an active period that is not itself active is dormant.
func Lifecycle(l *Log, opts LifecycleOptions) ([]LifecycleBucket, error) {
	v := validation.New("events: lifecycle options")
	if !opts.Granularity.valid() {
		v.Add("granularity", "oneof", "", "must be day, week or month")
	}
	if opts.WeekStart < time.Sunday || opts.WeekStart > time.Saturday {
		v.Add("week_start", "oneof", "", "must be a weekday")
	}
	validateRange(v, opts.From, opts.To)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if l.Len() == 0 && (opts.From.IsZero() || opts.To.IsZero()) {
		return nil, nil
	}
	cal := newCalendar(opts.Location, opts.Granularity, opts.WeekStart)
	from, to := cal.bucket(l.minTs), cal.bucket(l.maxTs)
	if !opts.From.IsZero() {
		from = cal.bucket(clampNs(opts.From))
	}
	if !opts.To.IsZero() {
		to = cal.bucket(clampNs(opts.To) - 1)
	}
	var m nameMatcher
	if opts.Event != "" {
		m = make(nameMatcher, len(l.names))
		if id := l.nameID(opts.Event); id >= 0 {
			m[id] = true
		}
	}
	n := max(0, to-from+1)
	parts := runParts(l, func() [][4]int64 { return make([][4]int64, n) }, func(counts [][4]int64, lo, hi int) {
		c := cal.clone()
		var active []int64
		add := func(b int64, s LifecycleStatus) {
			if b >= from && b <= to {
				counts[b-from][s]++
			}
		}
		for u := lo; u < hi; u++ {
			i0, i1 := l.off[u], l.off[u+1]
			if i0 == i1 {
				continue
			}
			created := l.ts[i0]
			if t, ok := opts.Created[l.users[u]]; ok {
				created = clampNs(t)
			}
			cb := c.bucket(created)
			active = active[:0]
			var span bucketSpan
			for i := i0; i < i1; i++ {
				if !m.match(l.name[i]) {
					continue
				}
				b := c.bucketFast(l.ts[i], &span)
				if b < from-1 || b > to+1 {
					continue
				}
				if len(active) == 0 || active[len(active)-1] != b {
					active = append(active, b)
				}
			}
			for i, cur := range active {
				switch {
				case i == 0 && cur == cb:
					add(cur, New)
				case i > 0 && active[i-1] == cur-1:
					add(cur, Returning)
				default:
					add(cur, Resurrecting)
				}
				if i+1 == len(active) || active[i+1] != cur+1 {
					add(cur+1, Dormant)
				}
			}
		}
	})
	out := make([]LifecycleBucket, n)
	for i := range out {
		out[i].Start = cal.start(from + int64(i))
		for _, p := range parts {
			out[i].New += int(p[i][New])
			out[i].Returning += int(p[i][Returning])
			out[i].Resurrecting += int(p[i][Resurrecting])
			out[i].Dormant += int(p[i][Dormant])
		}
	}
	return out, nil
}
