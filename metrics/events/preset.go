package events

import (
	"time"

	"github.com/productops/productops/internal/enum"
)

// Vendor names a product-analytics tool whose documented definitions a preset reproduces.
// The presets set only the fields on which the tools differ; callers add event names,
// ranges and locations (each tool uses the project's time zone).
//
// How they differ (domain study §1.1.4, §1.2, §1.3):
//
//	                    PostHog                 Amplitude                    Mixpanel
//	retention cohort    recurring               first time (per user once)   first time ("birth")
//	retention window    calendar                rolling 24 h, hour-floored   rolling from birth
//	day 0               = cohort size           = cohort size                returns within the first 24 h
//	criterion           return on               return on                    on or after
//	rolling anchors     first start             every start event            first start (birth)
//	funnel window       14 days                 1 day (24-hour window)       7 days
//	funnel anchor       freshest step 1         first step 1                 first step 1 (uniques)
//	days active         per range               per week                     per range
type Vendor int

// Vendors.
const (
	// PostHog, read from its open-source query runners and funnel UDF.
	PostHog Vendor = iota + 1
	// Amplitude, from its documentation.
	Amplitude
	// Mixpanel, from its documentation.
	Mixpanel
)

var vendorText = enum.Set[Vendor]{
	Subject: "events: vendor", Kind: "vendor",
	Names: []string{"", "posthog", "amplitude", "mixpanel"},
}

// String returns "posthog", "amplitude" or "mixpanel".
func (v Vendor) String() string { return vendorText.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Vendor) MarshalText() ([]byte, error) { return vendorText.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Vendor) UnmarshalText(b []byte) error { return vendorText.Unmarshal(v, b) }

// RetentionOptions returns the vendor's default retention definition for the given
// granularity. PostHog: recurring, calendar buckets, day 0 = cohort, "return on", 8 cells
// (days 0-7, its schema's totalIntervals). Amplitude: first time, rolling 24-hour windows
// with times floored to the hour, every start event opens its windows, day 0 = cohort,
// "return on". Mixpanel: first time (birth), rolling from birth, "on or after", day 0
// counts returns in the first 24 hours (not forced to 100%). An unknown vendor gets the
// zero value.
func (v Vendor) RetentionOptions(g Granularity) RetentionOptions {
	o := RetentionOptions{Granularity: g}
	switch v {
	case PostHog:
		o.Cohort, o.Window = Recurring, Calendar
	case Amplitude:
		o.Cohort, o.Window, o.HourFloor, o.Anchors = FirstTime, Rolling, true, AnchorEveryStart
	case Mixpanel:
		o.Cohort, o.Window, o.Criterion, o.DayZero = FirstTime, Rolling, ReturnOnOrAfter, DayZeroReturns
	}
	return o
}

// FunnelOptions returns the vendor's default funnel over steps: PostHog an ordered funnel
// with a 14-day window and the freshest step-1 event as anchor; Amplitude ordered ("this
// order") with a 1-day window (24 hours), anchored at the first step 1; Mixpanel ordered with a
// 7-day window anchored at the first step 1 (uniques). An unknown vendor gets the zero
// value's defaults.
func (v Vendor) FunnelOptions(steps ...string) FunnelOptions {
	o := FunnelOptions{Steps: steps}
	switch v {
	case PostHog:
		o.Window, o.Anchor = 14*24*time.Hour, AnchorFreshest
	case Amplitude:
		o.Window = 24 * time.Hour
	case Mixpanel:
		o.Window = 7 * 24 * time.Hour
	}
	return o
}

// DaysActiveScope returns how the vendor's stickiness chart counts days active: PostHog
// and Mixpanel once per user over the range, Amplitude once per user per week.
func (v Vendor) DaysActiveScope() DaysActiveScope {
	if v == Amplitude {
		return PerWeek
	}
	return PerRange
}
