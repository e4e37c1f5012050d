package events

import "github.com/productops/productops/internal/enum"

// Text forms of the event-KPI option enums, so options print readably and travel as JSON
// names (internal/enum): each String returns the name, or "kind(n)" for a value outside the
// list; MarshalText refuses such a value; UnmarshalText accepts the names below in any case,
// with or without "_", "-" and spaces.

var (
	funnelOrderText = enum.Set[FunnelOrder]{
		Subject: "events: funnel order", Kind: "funnel order",
		Names: []string{"ordered", "strict", "any_order"},
	}
	funnelAnchorText = enum.Set[FunnelAnchor]{
		Subject: "events: funnel anchor", Kind: "funnel anchor",
		Names: []string{"first", "freshest"},
	}
	badRowPolicyText = enum.Set[BadRowPolicy]{
		Subject: "events: bad-row policy", Kind: "bad-row policy",
		Names: []string{"stop_at_first", "collect"},
	}
	cohortTypeText = enum.Set[CohortType]{
		Subject: "events: cohort type", Kind: "cohort type",
		Names: []string{"first_time", "recurring"},
	}
	retentionWindowText = enum.Set[RetentionWindow]{
		Subject: "events: retention window", Kind: "retention window",
		Names: []string{"calendar", "rolling"},
	}
	retentionCriterionText = enum.Set[RetentionCriterion]{
		Subject: "events: retention criterion", Kind: "retention criterion",
		Names: []string{"return_on", "return_on_or_after"},
	}
	dayZeroText = enum.Set[DayZero]{
		Subject: "events: day zero", Kind: "day zero",
		Names: []string{"cohort", "returns"},
	}
	retentionAnchorsText = enum.Set[RetentionAnchors]{
		Subject: "events: retention anchors", Kind: "retention anchors",
		Names: []string{"first_start", "every_start"},
	}
	daysActiveScopeText = enum.Set[DaysActiveScope]{
		Subject: "events: days-active scope", Kind: "days-active scope",
		Names: []string{"per_range", "per_week", "per_month"},
	}
)

// String returns "ordered", "strict" or "any_order".
func (o FunnelOrder) String() string { return funnelOrderText.String(o) }

// MarshalText implements encoding.TextMarshaler.
func (o FunnelOrder) MarshalText() ([]byte, error) { return funnelOrderText.Marshal(o) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *FunnelOrder) UnmarshalText(b []byte) error { return funnelOrderText.Unmarshal(o, b) }

// String returns "first" or "freshest".
func (a FunnelAnchor) String() string { return funnelAnchorText.String(a) }

// MarshalText implements encoding.TextMarshaler.
func (a FunnelAnchor) MarshalText() ([]byte, error) { return funnelAnchorText.Marshal(a) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *FunnelAnchor) UnmarshalText(b []byte) error { return funnelAnchorText.Unmarshal(a, b) }

// String returns "stop_at_first" or "collect".
func (p BadRowPolicy) String() string { return badRowPolicyText.String(p) }

// MarshalText implements encoding.TextMarshaler.
func (p BadRowPolicy) MarshalText() ([]byte, error) { return badRowPolicyText.Marshal(p) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *BadRowPolicy) UnmarshalText(b []byte) error { return badRowPolicyText.Unmarshal(p, b) }

// String returns "first_time" or "recurring".
func (c CohortType) String() string { return cohortTypeText.String(c) }

// MarshalText implements encoding.TextMarshaler.
func (c CohortType) MarshalText() ([]byte, error) { return cohortTypeText.Marshal(c) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *CohortType) UnmarshalText(b []byte) error { return cohortTypeText.Unmarshal(c, b) }

// String returns "calendar" or "rolling".
func (w RetentionWindow) String() string { return retentionWindowText.String(w) }

// MarshalText implements encoding.TextMarshaler.
func (w RetentionWindow) MarshalText() ([]byte, error) { return retentionWindowText.Marshal(w) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (w *RetentionWindow) UnmarshalText(b []byte) error { return retentionWindowText.Unmarshal(w, b) }

// String returns "return_on" or "return_on_or_after".
func (c RetentionCriterion) String() string { return retentionCriterionText.String(c) }

// MarshalText implements encoding.TextMarshaler.
func (c RetentionCriterion) MarshalText() ([]byte, error) { return retentionCriterionText.Marshal(c) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *RetentionCriterion) UnmarshalText(b []byte) error {
	return retentionCriterionText.Unmarshal(c, b)
}

// String returns "cohort" or "returns".
func (d DayZero) String() string { return dayZeroText.String(d) }

// MarshalText implements encoding.TextMarshaler.
func (d DayZero) MarshalText() ([]byte, error) { return dayZeroText.Marshal(d) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *DayZero) UnmarshalText(b []byte) error { return dayZeroText.Unmarshal(d, b) }

// String returns "first_start" or "every_start".
func (a RetentionAnchors) String() string { return retentionAnchorsText.String(a) }

// MarshalText implements encoding.TextMarshaler.
func (a RetentionAnchors) MarshalText() ([]byte, error) { return retentionAnchorsText.Marshal(a) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *RetentionAnchors) UnmarshalText(b []byte) error { return retentionAnchorsText.Unmarshal(a, b) }

// String returns "per_range", "per_week" or "per_month".
func (s DaysActiveScope) String() string { return daysActiveScopeText.String(s) }

// MarshalText implements encoding.TextMarshaler.
func (s DaysActiveScope) MarshalText() ([]byte, error) { return daysActiveScopeText.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *DaysActiveScope) UnmarshalText(b []byte) error { return daysActiveScopeText.Unmarshal(s, b) }
