package events

import (
	"testing"
	"time"
)

func TestVendorPresets(t *testing.T) {
	ph := PostHog.RetentionOptions(Daily)
	if ph.Cohort != Recurring || ph.Window != Calendar || ph.DayZero != DayZeroCohort || ph.Criterion != ReturnOn {
		t.Errorf("posthog retention %+v", ph)
	}
	am := Amplitude.RetentionOptions(Weekly)
	if am.Window != Rolling || !am.HourFloor || am.Anchors != AnchorEveryStart || am.Granularity != Weekly {
		t.Errorf("amplitude retention %+v", am)
	}
	mp := Mixpanel.RetentionOptions(Daily)
	if mp.Window != Rolling || mp.Criterion != ReturnOnOrAfter || mp.DayZero != DayZeroReturns || mp.Cohort != FirstTime {
		t.Errorf("mixpanel retention %+v", mp)
	}
	for _, v := range []Vendor{PostHog, Amplitude, Mixpanel, 0} {
		if err := v.RetentionOptions(Monthly).Validate(); err != nil {
			t.Errorf("%v retention: %v", v, err)
		}
		if err := v.FunnelOptions("a", "b").Validate(); err != nil {
			t.Errorf("%v funnel: %v", v, err)
		}
	}
	if f := PostHog.FunnelOptions("a", "b"); f.Window != 14*24*time.Hour || f.Anchor != AnchorFreshest {
		t.Errorf("posthog funnel %+v", f)
	}
	if f := Mixpanel.FunnelOptions("a", "b"); f.Window != 7*24*time.Hour || f.Anchor != AnchorFirst {
		t.Errorf("mixpanel funnel %+v", f)
	}
	if f := Amplitude.FunnelOptions("a", "b"); f.Window != 24*time.Hour {
		t.Errorf("amplitude funnel %+v", f)
	}
	if Amplitude.DaysActiveScope() != PerWeek || PostHog.DaysActiveScope() != PerRange {
		t.Error("days active scope")
	}
}
