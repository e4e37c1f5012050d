package events

import (
	"time"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// StickinessDefinition names one of the two published definitions of DAU/MAU stickiness.
// They differ on the same data (the domain study's V08: 0.4643 against 0.5714).
type StickinessDefinition int

// Stickiness definitions.
const (
	// AverageOfRatios (the zero value) averages, over the days of the range, each day's
	// DAU divided by that day's trailing 30-day MAU (Pendo: "computed per day and averaged
	// over the period"; the benchmark kit's avg_dau_mau).
	AverageOfRatios StickinessDefinition = iota
	// RatioOfAverages divides the mean DAU over the range by the number of distinct users
	// active in the whole range (a calendar MAU when the range is a month).
	RatioOfAverages
)

var stickinessText = enum.Set[StickinessDefinition]{
	Subject: "events: stickiness definition", Kind: "stickiness definition",
	Names: []string{"average_of_ratios", "ratio_of_averages"},
}

// String returns "average_of_ratios" or "ratio_of_averages".
func (d StickinessDefinition) String() string { return stickinessText.String(d) }

// MarshalText implements encoding.TextMarshaler.
func (d StickinessDefinition) MarshalText() ([]byte, error) { return stickinessText.Marshal(d) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *StickinessDefinition) UnmarshalText(b []byte) error { return stickinessText.Unmarshal(d, b) }

// StickinessDay is one day of a stickiness result.
type StickinessDay struct {
	// Date is the local midnight starting the day.
	Date time.Time `json:"date"`
	// DAU counts distinct users active that day.
	DAU int `json:"dau"`
	// MAU counts distinct users active in the trailing 30 days including the day.
	MAU int `json:"mau"`
	// Ratio is DAU/MAU with its Wilson interval; undefined when MAU is 0.
	Ratio metrics.Rate `json:"ratio"`
}

// StickinessResult is DAU/MAU stickiness over a range of days, with the days it came from.
type StickinessResult struct {
	// Definition says how Value was computed.
	Definition StickinessDefinition `json:"definition"`
	// Value is the stickiness in [0, 1]; meaningful only when Defined.
	Value float64 `json:"value"`
	// Defined is false when no day has a defined ratio (AverageOfRatios) or no user was
	// active in the range (RatioOfAverages).
	Defined bool `json:"defined"`
	// MeanDAU is the mean DAU over the days of the range.
	MeanDAU float64 `json:"mean_dau"`
	// RangeUsers counts distinct users active in the range (the denominator of
	// RatioOfAverages).
	RangeUsers int `json:"range_users"`
	// UndefinedDays counts days whose MAU was 0; AverageOfRatios leaves them out.
	UndefinedDays int `json:"undefined_days"`
	// Days lists every day of the range.
	Days []StickinessDay `json:"days"`
}

// Stickiness computes DAU/MAU over the days of a range under the chosen definition.
func Stickiness(l *Log, def StickinessDefinition, opts ActivityOptions) (StickinessResult, error) {
	if def != AverageOfRatios && def != RatioOfAverages {
		v := validation.New("events: stickiness")
		v.Add("definition", "oneof", "", "must be average_of_ratios or ratio_of_averages")
		return StickinessResult{}, v.Err()
	}
	a, err := DailyActivity(l, opts)
	if err != nil {
		return StickinessResult{}, err
	}
	return a.Stickiness(def), nil
}

// Stickiness derives DAU/MAU stickiness from daily activity under the chosen definition
// (an unknown definition gives an undefined result).
func (r ActivityResult) Stickiness(def StickinessDefinition) StickinessResult {
	s := StickinessResult{Definition: def, RangeUsers: r.RangeUsers, Days: make([]StickinessDay, len(r.Days))}
	sumDAU, sumRatio, n := 0.0, 0.0, 0
	for i, d := range r.Days {
		s.Days[i] = StickinessDay{Date: d.Date, DAU: d.DAU, MAU: d.MAU, Ratio: metrics.NewRate(int64(d.DAU), int64(d.MAU))}
		sumDAU += float64(d.DAU)
		if d.MAU == 0 {
			s.UndefinedDays++
			continue
		}
		sumRatio += float64(d.DAU) / float64(d.MAU)
		n++
	}
	if len(r.Days) > 0 {
		s.MeanDAU = sumDAU / float64(len(r.Days))
	}
	switch def {
	case AverageOfRatios:
		if n > 0 {
			s.Value, s.Defined = sumRatio/float64(n), true
		}
	case RatioOfAverages:
		if r.RangeUsers > 0 && len(r.Days) > 0 {
			s.Value, s.Defined = s.MeanDAU/float64(r.RangeUsers), true
		}
	}
	return s
}

// ActiveUsersOptions configures ActiveUsers: calendar buckets (days, weeks or months) and
// which events count. The zero value counts daily actives in UTC over the data's span.
type ActiveUsersOptions struct {
	ActivityOptions
	// Granularity is the bucket length: Daily (DAU), Weekly (calendar WAU) or Monthly
	// (calendar MAU).
	Granularity Granularity `json:"granularity"`
	// WeekStart is the first day of a week; the zero value is Sunday.
	WeekStart time.Weekday `json:"week_start"`
}

// ActiveBucket is one calendar bucket of ActiveUsers.
type ActiveBucket struct {
	// Start is the local midnight that starts the bucket.
	Start time.Time `json:"start"`
	// Users counts distinct users with an activity event in the bucket.
	Users int `json:"users"`
}

// ActiveUsers counts distinct active users per calendar bucket: DAU, calendar WAU or
// calendar MAU. Buckets run from the one containing From to the one containing To minus
// 1ns, whole (activity anywhere in a bucket counts), including empty ones. For trailing
// windows (rolling WAU and MAU) use DailyActivity.
func ActiveUsers(l *Log, opts ActiveUsersOptions) ([]ActiveBucket, error) {
	v := validation.New("events: active users options")
	v.Merge("", opts.ActivityOptions.Validate())
	if !opts.Granularity.valid() {
		v.Add("granularity", "oneof", "", "must be day, week or month")
	}
	if opts.WeekStart < time.Sunday || opts.WeekStart > time.Saturday {
		v.Add("week_start", "oneof", "", "must be a weekday")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if l.Len() == 0 && (opts.From.IsZero() || opts.To.IsZero()) {
		return nil, nil
	}
	cal := newCalendar(opts.Location, opts.Granularity, opts.WeekStart)
	from, to := cal.bucket(l.minTs), cal.bucket(l.maxTs)
	if !opts.From.IsZero() {
		from = cal.bucket(opts.From.UnixNano())
	}
	if !opts.To.IsZero() {
		to = cal.bucket(opts.To.UnixNano() - 1)
	}
	m := l.matcher(opts.Events)
	parts := runParts(l, func() []int64 { return make([]int64, max(0, to-from+1)) }, func(counts []int64, lo, hi int) {
		c := cal.clone()
		for u := lo; u < hi; u++ {
			last := int64(-1 << 62)
			var span bucketSpan
			for i := l.off[u]; i < l.off[u+1]; i++ {
				if !m.match(l.name[i]) {
					continue
				}
				if b := c.bucketFast(l.ts[i], &span); b != last {
					last = b
					if b >= from && b <= to {
						counts[b-from]++
					}
				}
			}
		}
	})
	out := make([]ActiveBucket, max(0, to-from+1))
	for i := range out {
		out[i].Start = cal.start(from + int64(i))
		for _, p := range parts {
			out[i].Users += int(p[i])
		}
	}
	return out, nil
}

// DaysActiveScope says what one observation of the days-active histogram is.
type DaysActiveScope int

// Days-active scopes.
const (
	// PerRange (the zero value) counts each user once over the whole range, by the number
	// of distinct days they were active (PostHog's stickiness insight).
	PerRange DaysActiveScope = iota
	// PerWeek counts each user once per calendar week of the range in which they were
	// active, by their active days that week (Amplitude's stickiness chart, weekly).
	PerWeek
	// PerMonth is PerWeek with calendar months (Amplitude, monthly).
	PerMonth
)

// DaysActiveOptions configures DaysActive. The zero value is PerRange over the data's span
// in UTC, counting any event.
type DaysActiveOptions struct {
	ActivityOptions
	// Scope is PerRange, PerWeek or PerMonth.
	Scope DaysActiveScope `json:"scope"`
	// WeekStart is the first day of a week for PerWeek; the zero value is Sunday.
	WeekStart time.Weekday `json:"week_start"`
}

// DaysActiveResult is the days-active histogram.
type DaysActiveResult struct {
	// Exactly[n-1] counts observations (users, or user-weeks or user-months) active on
	// exactly n distinct days; its length is the most days possible (the range's days, 7,
	// or 31), zero-filled.
	Exactly []int `json:"exactly"`
	// AtLeast[n-1] counts observations active on n or more days (the cumulative view).
	AtLeast []int `json:"at_least"`
	// Observations counts users (PerRange) or active user-periods.
	Observations int `json:"observations"`
}

// DaysActive returns the histogram of the number of distinct local days each user was
// active, per range or per calendar week or month. Only days inside the range count; users
// with no active day are not observations.
func DaysActive(l *Log, opts DaysActiveOptions) (DaysActiveResult, error) {
	v := validation.New("events: days active options")
	v.Merge("", opts.ActivityOptions.Validate())
	if opts.Scope < PerRange || opts.Scope > PerMonth {
		v.Add("scope", "oneof", "", "must be per range, per week or per month")
	}
	if opts.WeekStart < time.Sunday || opts.WeekStart > time.Saturday {
		v.Add("week_start", "oneof", "", "must be a weekday")
	}
	if err := v.Err(); err != nil {
		return DaysActiveResult{}, err
	}
	if l.Len() == 0 && (opts.From.IsZero() || opts.To.IsZero()) {
		return DaysActiveResult{}, nil
	}
	gran := Weekly
	if opts.Scope == PerMonth {
		gran = Monthly
	}
	cal := newCalendar(opts.Location, gran, opts.WeekStart)
	from, to := cal.day(l.minTs), cal.day(l.maxTs)
	if !opts.From.IsZero() {
		from = cal.day(opts.From.UnixNano())
	}
	if !opts.To.IsZero() {
		to = cal.day(opts.To.UnixNano() - 1)
	}
	size := int(max(0, to-from+1))
	switch opts.Scope {
	case PerWeek:
		size = 7
	case PerMonth:
		size = 31
	}
	m := l.matcher(opts.Events)
	parts := runParts(l, func() []int64 { return make([]int64, size+1) }, func(counts []int64, lo, hi int) {
		c := cal.clone()
		for u := lo; u < hi; u++ {
			lastDay, period, n := int64(-1<<62), int64(-1<<62), 0
			var span bucketSpan
			for i := l.off[u]; i < l.off[u+1]; i++ {
				if !m.match(l.name[i]) {
					continue
				}
				d := c.dayFast(l.ts[i], &span)
				if d == lastDay || d < from || d > to {
					continue
				}
				lastDay = d
				if opts.Scope != PerRange {
					if p := c.bucketOfDay(d); p != period {
						if n > 0 {
							counts[n]++
						}
						period, n = p, 0
					}
				}
				n++
			}
			if n > 0 {
				counts[n]++
			}
		}
	})
	r := DaysActiveResult{Exactly: make([]int, size), AtLeast: make([]int, size)}
	for _, p := range parts {
		for n := 1; n <= size; n++ {
			r.Exactly[n-1] += int(p[n])
		}
	}
	acc := 0
	for n := size; n >= 1; n-- {
		acc += r.Exactly[n-1]
		r.AtLeast[n-1] = acc
	}
	r.Observations = acc
	return r, nil
}
