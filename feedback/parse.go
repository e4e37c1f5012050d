package feedback

import "fmt"

// Strict decoders. Each reads one JSON value, rejects unknown fields (a misspelt
// "segmnet" is an error, not a silently missing segment) and trailing data, and validates
// the result, so every error is a *productops.ValidationError (errors.Is(err,
// productops.ErrInvalid)). json.Unmarshal stays available for lenient reading.

// ParseDataset decodes a [Dataset] strictly and validates it ([Dataset.Validate]).
func ParseDataset(data []byte) (Dataset, error) {
	d, err := parseStrict[Dataset]("feedback: dataset", data)
	if err != nil {
		return Dataset{}, err
	}
	if err := d.Validate(); err != nil {
		return Dataset{}, err
	}
	return d, nil
}

// ParseDemandOptions decodes [DemandOptions] strictly and validates them.
func ParseDemandOptions(data []byte) (DemandOptions, error) {
	o, err := parseStrict[DemandOptions]("feedback: demand options", data)
	if err != nil {
		return DemandOptions{}, err
	}
	if err := o.Validate(); err != nil {
		return DemandOptions{}, err
	}
	return o, nil
}

// ParseDedupeOptions decodes [DedupeOptions] strictly and validates them.
func ParseDedupeOptions(data []byte) (DedupeOptions, error) {
	o, err := parseStrict[DedupeOptions]("feedback: dedupe options", data)
	if err != nil {
		return DedupeOptions{}, err
	}
	if err := o.Validate(); err != nil {
		return DedupeOptions{}, err
	}
	return o, nil
}

// ParseBusinessHours decodes [BusinessHours] strictly and validates them; pass the result
// to [NewCalendar].
func ParseBusinessHours(data []byte) (BusinessHours, error) {
	h, err := parseStrict[BusinessHours]("feedback: business hours", data)
	if err != nil {
		return BusinessHours{}, err
	}
	if err := h.Validate(); err != nil {
		return BusinessHours{}, err
	}
	return h, nil
}

// ParseTickets decodes a JSON array of [Ticket]s strictly and validates each; errors name
// the ticket by index ("[3].created_at").
func ParseTickets(data []byte) ([]Ticket, error) {
	ts, err := parseStrict[[]Ticket]("feedback: tickets", data)
	if err != nil {
		return nil, err
	}
	e := newErrors("feedback: tickets")
	for i := range ts {
		e.Merge(fmt.Sprintf("[%d]", i), ts[i].Validate())
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	return ts, nil
}

// slaPolicyJSON mirrors SLAPolicy with targets in their JSON form, so the strict decoder
// reaches into the targets (a custom UnmarshalJSON would not see DisallowUnknownFields).
type slaPolicyJSON struct {
	Name    string          `json:"name"`
	Filter  SLAFilter       `json:"filter"`
	Targets []slaTargetJSON `json:"targets"`
}

// ParseSLAPolicies decodes a JSON array of [SLAPolicy]s strictly, targets included
// ("target" is a duration string such as "1h30m"). The policies are checked as a whole by
// [NewSLAEvaluator], which needs the calendars.
func ParseSLAPolicies(data []byte) ([]SLAPolicy, error) {
	ps, err := parseStrict[[]slaPolicyJSON]("feedback: SLA policies", data)
	if err != nil {
		return nil, err
	}
	e := newErrors("feedback: SLA policies")
	out := make([]SLAPolicy, len(ps))
	for i, p := range ps {
		out[i] = SLAPolicy{Name: p.Name, Filter: p.Filter, Targets: make([]SLATarget, len(p.Targets))}
		for k, t := range p.Targets {
			e.Merge(fmt.Sprintf("[%d].targets[%d]", i, k), t.to(&out[i].Targets[k]))
		}
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
