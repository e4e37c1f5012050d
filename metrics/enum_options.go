package metrics

// Text forms of the event-KPI option enums, so options print readably and travel as JSON
// names. Each String returns the name, or "Type(n)" for a value outside the list;
// MarshalText refuses such a value; UnmarshalText accepts exactly the names below.

var (
	funnelOrderNames        = []string{"ordered", "strict", "any_order"}
	funnelAnchorNames       = []string{"first", "freshest"}
	badRowPolicyNames       = []string{"stop_at_first", "collect"}
	cohortTypeNames         = []string{"first_time", "recurring"}
	retentionWindowNames    = []string{"calendar", "rolling"}
	retentionCriterionNames = []string{"return_on", "return_on_or_after"}
	dayZeroNames            = []string{"cohort", "returns"}
	retentionAnchorsNames   = []string{"first_start", "every_start"}
	daysActiveScopeNames    = []string{"per_range", "per_week", "per_month"}
)

// String returns "ordered", "strict" or "any_order".
func (o FunnelOrder) String() string { return enumString("FunnelOrder", funnelOrderNames, int(o)) }

// MarshalText implements encoding.TextMarshaler.
func (o FunnelOrder) MarshalText() ([]byte, error) {
	return enumMarshal("funnel order", funnelOrderNames, int(o))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *FunnelOrder) UnmarshalText(b []byte) error {
	i, err := enumParse("funnel order", funnelOrderNames, b)
	*o = FunnelOrder(i)
	return err
}

// String returns "first" or "freshest".
func (a FunnelAnchor) String() string {
	return enumString("FunnelAnchor", funnelAnchorNames, int(a))
}

// MarshalText implements encoding.TextMarshaler.
func (a FunnelAnchor) MarshalText() ([]byte, error) {
	return enumMarshal("funnel anchor", funnelAnchorNames, int(a))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *FunnelAnchor) UnmarshalText(b []byte) error {
	i, err := enumParse("funnel anchor", funnelAnchorNames, b)
	*a = FunnelAnchor(i)
	return err
}

// String returns "stop_at_first" or "collect".
func (p BadRowPolicy) String() string {
	return enumString("BadRowPolicy", badRowPolicyNames, int(p))
}

// MarshalText implements encoding.TextMarshaler.
func (p BadRowPolicy) MarshalText() ([]byte, error) {
	return enumMarshal("bad-row policy", badRowPolicyNames, int(p))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *BadRowPolicy) UnmarshalText(b []byte) error {
	i, err := enumParse("bad-row policy", badRowPolicyNames, b)
	*p = BadRowPolicy(i)
	return err
}

// String returns "first_time" or "recurring".
func (c CohortType) String() string { return enumString("CohortType", cohortTypeNames, int(c)) }

// MarshalText implements encoding.TextMarshaler.
func (c CohortType) MarshalText() ([]byte, error) {
	return enumMarshal("cohort type", cohortTypeNames, int(c))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *CohortType) UnmarshalText(b []byte) error {
	i, err := enumParse("cohort type", cohortTypeNames, b)
	*c = CohortType(i)
	return err
}

// String returns "calendar" or "rolling".
func (w RetentionWindow) String() string {
	return enumString("RetentionWindow", retentionWindowNames, int(w))
}

// MarshalText implements encoding.TextMarshaler.
func (w RetentionWindow) MarshalText() ([]byte, error) {
	return enumMarshal("retention window", retentionWindowNames, int(w))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (w *RetentionWindow) UnmarshalText(b []byte) error {
	i, err := enumParse("retention window", retentionWindowNames, b)
	*w = RetentionWindow(i)
	return err
}

// String returns "return_on" or "return_on_or_after".
func (c RetentionCriterion) String() string {
	return enumString("RetentionCriterion", retentionCriterionNames, int(c))
}

// MarshalText implements encoding.TextMarshaler.
func (c RetentionCriterion) MarshalText() ([]byte, error) {
	return enumMarshal("retention criterion", retentionCriterionNames, int(c))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *RetentionCriterion) UnmarshalText(b []byte) error {
	i, err := enumParse("retention criterion", retentionCriterionNames, b)
	*c = RetentionCriterion(i)
	return err
}

// String returns "cohort" or "returns".
func (d DayZero) String() string { return enumString("DayZero", dayZeroNames, int(d)) }

// MarshalText implements encoding.TextMarshaler.
func (d DayZero) MarshalText() ([]byte, error) { return enumMarshal("day zero", dayZeroNames, int(d)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *DayZero) UnmarshalText(b []byte) error {
	i, err := enumParse("day zero", dayZeroNames, b)
	*d = DayZero(i)
	return err
}

// String returns "first_start" or "every_start".
func (a RetentionAnchors) String() string {
	return enumString("RetentionAnchors", retentionAnchorsNames, int(a))
}

// MarshalText implements encoding.TextMarshaler.
func (a RetentionAnchors) MarshalText() ([]byte, error) {
	return enumMarshal("retention anchors", retentionAnchorsNames, int(a))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *RetentionAnchors) UnmarshalText(b []byte) error {
	i, err := enumParse("retention anchors", retentionAnchorsNames, b)
	*a = RetentionAnchors(i)
	return err
}

// String returns "per_range", "per_week" or "per_month".
func (s DaysActiveScope) String() string {
	return enumString("DaysActiveScope", daysActiveScopeNames, int(s))
}

// MarshalText implements encoding.TextMarshaler.
func (s DaysActiveScope) MarshalText() ([]byte, error) {
	return enumMarshal("days-active scope", daysActiveScopeNames, int(s))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *DaysActiveScope) UnmarshalText(b []byte) error {
	i, err := enumParse("days-active scope", daysActiveScopeNames, b)
	*s = DaysActiveScope(i)
	return err
}
