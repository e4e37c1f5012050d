package zendesk

import (
	"cmp"
	"context"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/productops/productops/feedback"
	"github.com/productops/productops/interop/internal/tabular"
)

// SLAOptions configures ReadSLAPolicies.
type SLAOptions struct {
	// Skip lists condition fields (such as "type" or "organization_id") that the feedback
	// filter cannot express and that are dropped from every policy; each dropped
	// condition is listed in SLAPolicies.Skipped. A condition on any other field the
	// filter cannot express is an error.
	Skip []string `json:"skip,omitempty"`
	// Channels maps via_id values of filter conditions to the via.channel names tickets
	// carry; nil means DefaultChannels.
	Channels map[string]string `json:"channels,omitempty"`
	Options
}

// DefaultChannels maps the via_id values of Zendesk's via types reference to channel
// names: 0 web form, 4 email, 5 web service (API), 29 chat.
var DefaultChannels = map[string]string{"0": "web", "4": "email", "5": "api", "29": "chat"}

// Condition is one condition of a Zendesk filter.
type Condition struct {
	Field    string `json:"field"`
	Operator string `json:"operator"`
	Value    string `json:"value"`
}

// SLAPolicies is what ReadSLAPolicies returns.
type SLAPolicies struct {
	// Policies are in Zendesk's order (position, then id): the first matching policy
	// applies, as feedback.NewSLAEvaluator expects.
	Policies []feedback.SLAPolicy `json:"policies"`
	// Skipped lists the conditions dropped per SLAOptions.Skip, by policy title.
	Skipped map[string][]Condition `json:"skipped,omitempty"`
}

type apiPolicy struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	Position int    `json:"position"`
	Filter   struct {
		All []apiCondition `json:"all"`
		Any []apiCondition `json:"any"`
	} `json:"filter"`
	Metrics []struct {
		Priority        string `json:"priority"`
		Metric          string `json:"metric"`
		Target          *int64 `json:"target"`
		TargetInSeconds *int64 `json:"target_in_seconds"`
		BusinessHours   bool   `json:"business_hours"`
	} `json:"policy_metrics"`
}

type apiCondition struct {
	Field    string          `json:"field"`
	Operator string          `json:"operator"`
	Value    json.RawMessage `json:"value"`
}

// maxTarget bounds an SLA target: 10 years.
const maxTarget = 10 * 365 * 24 * time.Hour

// ReadSLAPolicies reads SLA policies; see ReadSLAPoliciesContext.
func ReadSLAPolicies(r io.Reader, opts SLAOptions) (SLAPolicies, error) {
	return ReadSLAPoliciesContext(context.Background(), r, opts)
}

// ReadSLAPoliciesContext reads the response of GET /api/v2/slas/policies (an
// "sla_policies" array; one page or several) or of GET /api/v2/slas/policies/{id} (an
// "sla_policy" object) into feedback SLA policies: Name the title, Targets from
// policy_metrics (metric, priority, target in minutes or target_in_seconds,
// business_hours), Filter from the filter's conditions. "all" conditions are and-ed:
// group_id is → Groups, via_id is → Channels (through SLAOptions.Channels), priority is →
// Priorities, current_tags includes one tag → Tags. "any" conditions must all be "is" on
// one such field and become its list. Two policies with one title are an error.
func ReadSLAPoliciesContext(ctx context.Context, r io.Reader, opts SLAOptions) (SLAPolicies, error) {
	if err := opts.check("zendesk: sla policies", r); err != nil {
		return SLAPolicies{}, err
	}
	channels := opts.Channels
	if channels == nil {
		channels = DefaultChannels
	}
	errs := tabular.NewErrors("zendesk: sla policies")
	type ranked struct {
		p        feedback.SLAPolicy
		pos      int
		id       int64
		position int
	}
	var all []ranked
	var out SLAPolicies
	titles := map[string]string{}
	one := func(raw json.RawMessage, p string) {
		var a apiPolicy
		if err := json.Unmarshal(raw, &a); err != nil {
			errs.Add(p, "json", "want an SLA policy object: "+why(err))
			return
		}
		if strings.TrimSpace(a.Title) == "" {
			errs.Add(p+".title", "required", "is required")
			return
		}
		if prev, dup := titles[a.Title]; dup {
			errs.Add(p+".title", "unique", tabular.Quote(a.Title)+" repeats "+prev)
			return
		}
		titles[a.Title] = p
		pol := feedback.SLAPolicy{Name: a.Title}
		for j, m := range a.Metrics {
			mp := p + ".policy_metrics[" + strconv.Itoa(j) + "]"
			var t feedback.SLATarget
			if err := t.Metric.UnmarshalText([]byte(m.Metric)); err != nil {
				errs.Add(mp+".metric", "oneof", tabular.Quote(m.Metric)+" is not an SLA metric")
			}
			if m.Priority == "" || t.Priority.UnmarshalText([]byte(m.Priority)) != nil || t.Priority == feedback.TicketPriorityNone {
				errs.Add(mp+".priority", "oneof", tabular.Quote(m.Priority)+" is not a priority: want low, normal, high or urgent")
			}
			switch {
			case m.TargetInSeconds != nil:
				t.Target = time.Duration(*m.TargetInSeconds) * time.Second
				if *m.TargetInSeconds <= 0 || *m.TargetInSeconds > int64(maxTarget/time.Second) {
					errs.Add(mp+".target_in_seconds", "range", "want 1 second to 10 years, got "+strconv.FormatInt(*m.TargetInSeconds, 10))
				}
			case m.Target != nil:
				t.Target = time.Duration(*m.Target) * time.Minute
				if *m.Target <= 0 || *m.Target > int64(maxTarget/time.Minute) {
					errs.Add(mp+".target", "range", "want 1 minute to 10 years, got "+strconv.FormatInt(*m.Target, 10))
				}
			default:
				errs.Add(mp+".target", "required", "is required (minutes)")
			}
			t.BusinessHours = m.BusinessHours
			pol.Targets = append(pol.Targets, t)
		}
		var skipped []Condition
		for j, c := range a.Filter.All {
			cp := p + ".filter.all[" + strconv.Itoa(j) + "]"
			cond := Condition{Field: c.Field, Operator: c.Operator, Value: value(c.Value)}
			if slices.Contains(opts.Skip, c.Field) {
				skipped = append(skipped, cond)
				continue
			}
			apply(errs, cp, &pol.Filter, []Condition{cond}, channels)
		}
		if len(a.Filter.Any) > 0 {
			var conds []Condition
			for _, c := range a.Filter.Any {
				conds = append(conds, Condition{Field: c.Field, Operator: c.Operator, Value: value(c.Value)})
			}
			if slices.ContainsFunc(conds, func(c Condition) bool { return slices.Contains(opts.Skip, c.Field) }) {
				skipped = append(skipped, conds...)
			} else {
				apply(errs, p+".filter.any", &pol.Filter, conds, channels)
			}
		}
		if len(skipped) > 0 {
			if out.Skipped == nil {
				out.Skipped = map[string][]Condition{}
			}
			out.Skipped[a.Title] = skipped
		}
		all = append(all, ranked{pol, len(all), a.ID, a.Position})
	}
	err := tabular.Pages(ctx, r, opts.Limits.Or(), errs, map[string]tabular.Handler{
		"sla_policies": {Each: func(raw json.RawMessage, i int) error { one(raw, "sla_policies["+strconv.Itoa(i)+"]"); return nil }},
		"sla_policy":   {Whole: func(raw json.RawMessage) error { one(raw, "sla_policy"); return nil }},
	})
	if err != nil {
		return SLAPolicies{}, err
	}
	if err := errs.Err(); err != nil {
		return SLAPolicies{}, err
	}
	slices.SortStableFunc(all, func(a, b ranked) int {
		if c := cmp.Compare(a.position, b.position); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for _, r := range all {
		out.Policies = append(out.Policies, r.p)
	}
	return out, nil
}

// value reads a condition's value as text (a string, a number, or a list joined by spaces).
func value(raw json.RawMessage) string {
	if l, ok := tabular.Texts(raw); ok {
		return strings.Join(l, " ")
	}
	return ""
}

// apply narrows f by conds: one "all" condition, or the "any" list (all on one field).
func apply(errs *tabular.Errors, path string, f *feedback.SLAFilter, conds []Condition, channels map[string]string) {
	field := conds[0].Field
	var vals []string
	for _, c := range conds {
		if c.Field != field || (len(conds) > 1 && c.Operator != "is") {
			errs.Add(path, "filter", "the feedback filter reads \"any\" only as \"is\" conditions on one field")
			return
		}
		switch {
		case c.Operator == "is" && (c.Field == "group_id" || c.Field == "via_id" || c.Field == "priority"):
			v := c.Value
			if c.Field == "via_id" {
				ch, ok := channels[v]
				if !ok {
					errs.Add(path, "filter", "via_id "+tabular.Quote(v)+" has no channel name: add it to SLAOptions.Channels")
					return
				}
				v = ch
			}
			vals = append(vals, v)
		case c.Operator == "includes" && c.Field == "current_tags" && len(conds) == 1 && !strings.Contains(strings.TrimSpace(c.Value), " "):
			vals = append(vals, strings.TrimSpace(c.Value))
		default:
			errs.Add(path, "filter", "condition "+tabular.Quote(c.Field+" "+c.Operator+" "+c.Value)+" cannot be expressed by the feedback filter: list its field in SLAOptions.Skip to drop it")
			return
		}
	}
	narrow := func(dst *[]string) {
		if len(*dst) > 0 {
			errs.Add(path, "filter", "a second condition on "+tabular.Quote(field)+" cannot be expressed by the feedback filter")
			return
		}
		*dst = vals
	}
	switch field {
	case "group_id":
		narrow(&f.Groups)
	case "via_id":
		narrow(&f.Channels)
	case "current_tags":
		f.Tags = append(f.Tags, vals...)
	case "priority":
		if len(f.Priorities) > 0 {
			errs.Add(path, "filter", "a second condition on \"priority\" cannot be expressed by the feedback filter")
			return
		}
		for _, v := range vals {
			var pr feedback.TicketPriority
			if err := pr.UnmarshalText([]byte(v)); err != nil || pr == feedback.TicketPriorityNone {
				errs.Add(path, "filter", tabular.Quote(v)+" is not a priority")
				return
			}
			f.Priorities = append(f.Priorities, pr)
		}
	}
}

// MetricEvent is one ticket metric event.
type MetricEvent struct {
	ID       int64 `json:"id"`
	TicketID int64 `json:"ticket_id"`
	// Metric is Zendesk's metric name: reply_time, agent_work_time, requester_wait_time,
	// resolution_time, pausable_update_time, periodic_update_time, group_ownership_time.
	Metric string `json:"metric"`
	// InstanceID numbers the metric's instances; reply_time 1 is the first reply.
	InstanceID int64 `json:"instance_id"`
	// Type is activate, pause, fulfill, apply_sla, apply_group_sla, breach, update_status
	// or measure.
	Type string    `json:"type"`
	Time time.Time `json:"time"`
	// SLA is set on apply_sla events: the target in minutes, whether in business hours,
	// and the policy's title.
	SLA *AppliedSLA `json:"sla,omitempty"`
	// Calendar and Business are the minutes of an update_status event; nil otherwise.
	Calendar *int64 `json:"calendar,omitempty"`
	Business *int64 `json:"business,omitempty"`
	// Deleted marks an event of a deleted ticket.
	Deleted bool `json:"deleted,omitempty"`
}

// AppliedSLA is the SLA an apply_sla event applied.
type AppliedSLA struct {
	TargetMinutes int64  `json:"target_minutes"`
	BusinessHours bool   `json:"business_hours"`
	Policy        string `json:"policy"`
}

// SLAMetric returns the feedback metric of the event: reply_time instance 1 is
// first_reply_time, later instances next_reply_time; resolution_time is
// total_resolution_time; others map by name; group_ownership_time has none (0).
func (m MetricEvent) SLAMetric() feedback.SLAMetric {
	switch m.Metric {
	case "reply_time":
		if m.InstanceID <= 1 {
			return feedback.SLAFirstReply
		}
		return feedback.SLANextReply
	case "resolution_time":
		return feedback.SLATotalResolution
	}
	var v feedback.SLAMetric
	_ = v.UnmarshalText([]byte(m.Metric))
	return v
}

type apiMetricEvent struct {
	ID         int64  `json:"id"`
	TicketID   int64  `json:"ticket_id"`
	Metric     string `json:"metric"`
	InstanceID int64  `json:"instance_id"`
	Type       string `json:"type"`
	Time       string `json:"time"`
	Deleted    bool   `json:"deleted"`
	SLA        *struct {
		Target        int64 `json:"target"`
		BusinessHours bool  `json:"business_hours"`
		Policy        struct {
			Title string `json:"title"`
		} `json:"policy"`
	} `json:"sla"`
	Status *struct {
		Calendar *int64 `json:"calendar"`
		Business *int64 `json:"business"`
	} `json:"status"`
}

var metricTypes = []string{"activate", "pause", "fulfill", "apply_sla", "apply_group_sla", "breach", "update_status", "measure"}

// ReadMetricEvents reads ticket metric events pages; see ReadMetricEventsContext.
func ReadMetricEvents(r io.Reader, opts Options) ([]MetricEvent, error) {
	return ReadMetricEventsContext(context.Background(), r, opts)
}

// ReadMetricEventsContext reads pages of GET /api/v2/incremental/ticket_metric_events:
// objects with a "ticket_metric_events" array of events (id, ticket_id, metric,
// instance_id, type, time, and sla on apply_sla, status on update_status, deleted). An
// unknown event type is skipped, as Zendesk asks of integrations; an event id seen again
// is kept once. ctx is checked every 1024 events.
func ReadMetricEventsContext(ctx context.Context, r io.Reader, opts Options) ([]MetricEvent, error) {
	if err := opts.check("zendesk: metric events", r); err != nil {
		return nil, err
	}
	errs := tabular.NewErrors("zendesk: metric events")
	var out []MetricEvent
	seen := map[int64]bool{}
	err := tabular.Pages(ctx, r, opts.Limits.Or(), errs, map[string]tabular.Handler{
		"ticket_metric_events": {Each: func(raw json.RawMessage, i int) error {
			p := "ticket_metric_events[" + strconv.Itoa(i) + "]"
			var a apiMetricEvent
			if err := json.Unmarshal(raw, &a); err != nil {
				errs.Add(p, "json", "want a metric event object: "+why(err))
				return nil
			}
			if a.ID <= 0 || a.TicketID <= 0 {
				errs.Add(p, "required", "want a positive id and ticket_id")
				return nil
			}
			if seen[a.ID] || !slices.Contains(metricTypes, a.Type) {
				return nil
			}
			seen[a.ID] = true
			ev := MetricEvent{ID: a.ID, TicketID: a.TicketID, Metric: a.Metric, InstanceID: a.InstanceID, Type: a.Type, Deleted: a.Deleted}
			ev.Time = parseTime(errs, p+".time", a.Time, true)
			if a.SLA != nil {
				ev.SLA = &AppliedSLA{TargetMinutes: a.SLA.Target, BusinessHours: a.SLA.BusinessHours, Policy: a.SLA.Policy.Title}
			}
			if a.Status != nil {
				ev.Calendar, ev.Business = a.Status.Calendar, a.Status.Business
			}
			out = append(out, ev)
			return nil
		}},
	})
	if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Breach is a breach Zendesk recorded: the ticket, the metric and instance, and when.
type Breach struct {
	TicketID int64              `json:"ticket_id"`
	Metric   feedback.SLAMetric `json:"metric"`
	Instance int64              `json:"instance"`
	At       time.Time          `json:"at"`
}

// Breaches lists the breach events of events (leaving out deleted tickets' events and
// metrics without a feedback counterpart), ordered by ticket, metric, instance and time.
func Breaches(events []MetricEvent) []Breach {
	var out []Breach
	for _, ev := range events {
		if ev.Type != "breach" || ev.Deleted || ev.SLAMetric() == 0 {
			continue
		}
		out = append(out, Breach{TicketID: ev.TicketID, Metric: ev.SLAMetric(), Instance: ev.InstanceID, At: ev.Time})
	}
	slices.SortStableFunc(out, func(a, b Breach) int {
		return cmp.Or(cmp.Compare(a.TicketID, b.TicketID), cmp.Compare(a.Metric, b.Metric), cmp.Compare(a.Instance, b.Instance), a.At.Compare(b.At))
	})
	return out
}
