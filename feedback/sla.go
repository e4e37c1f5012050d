package feedback

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/productops/productops/internal/enum"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/productops/productops/internal/validation"
)

// SLAMetric is one of Zendesk's SLA metrics. The zero value is undefined.
type SLAMetric uint8

// SLA metrics, with Zendesk's API names as text forms. Each counts time from its start to
// its fulfilment, except in its pause statuses:
//
//	metric                 starts                                   fulfilled by                      paused in
//	first_reply_time       ticket creation                          first public agent comment, solve  -
//	next_reply_time        oldest unanswered requester comment     next public agent comment, solve   -
//	periodic_update_time   each public agent comment               next public agent comment, solve   -
//	pausable_update_time   each public agent comment               next public agent comment, solve   pending
//	requester_wait_time    ticket creation (cumulative)            solve                              pending
//	agent_work_time        ticket creation (cumulative)            solve                              pending, hold
//	total_resolution_time  ticket creation (cumulative)            solve                              -
//
// "Solve" is a change to solved or closed. The cumulative metrics never count time while the
// ticket is solved and resume when it is reopened.
const (
	SLAFirstReply SLAMetric = iota + 1
	SLANextReply
	SLAPeriodicUpdate
	SLAPausableUpdate
	SLARequesterWait
	SLAAgentWork
	SLATotalResolution
)

var slaMetricSet = enum.Set[SLAMetric]{Subject: "feedback: SLA metric", Kind: "SLA metric", Names: []string{"", "first_reply_time", "next_reply_time", "periodic_update_time",
	"pausable_update_time", "requester_wait_time", "agent_work_time", "total_resolution_time"}}

// String returns the metric's API name, or "SLA metric(n)" when undefined.
func (m SLAMetric) String() string { return slaMetricSet.String(m) }

// MarshalText encodes a defined metric as its API name.
func (m SLAMetric) MarshalText() ([]byte, error) { return slaMetricSet.Marshal(m) }

// UnmarshalText decodes an API name.
func (m *SLAMetric) UnmarshalText(b []byte) error { return slaMetricSet.Unmarshal(m, b) }

// pauses returns the statuses in which m does not count time (a bit per status).
func (m SLAMetric) pauses() uint8 {
	const solved = 1<<TicketSolved | 1<<TicketClosed
	switch m {
	case SLAPausableUpdate:
		return 1 << TicketPending
	case SLARequesterWait:
		return 1<<TicketPending | solved
	case SLAAgentWork:
		return 1<<TicketPending | 1<<TicketOnHold | solved
	case SLATotalResolution:
		return solved
	}
	return 0
}

// SLAState is the state of one SLA target at an as-of instant.
type SLAState uint8

// SLA states. Text forms: "active", "paused", "achieved", "breached". A breached target
// stays breached whether it is still running, paused or fulfilled; SLAResult.Fulfilled and
// SLAResult.Paused tell those apart (Zendesk's "active/paused/closed (breached)").
const (
	SLAActive   SLAState = iota // running, not breached yet (its breach is undecided)
	SLAPaused                   // in a pause status, not breached
	SLAAchieved                 // fulfilled with counted time at most the target
	SLABreached                 // counted time exceeded the target
)

var slaStateSet = enum.Set[SLAState]{Subject: "feedback: SLA state", Kind: "SLA state", Names: []string{"active", "paused", "achieved", "breached"}}

// String returns the state's text form, or "SLA state(n)" when undefined.
func (s SLAState) String() string { return slaStateSet.String(s) }

// MarshalText encodes a defined state as its text form.
func (s SLAState) MarshalText() ([]byte, error) { return slaStateSet.Marshal(s) }

// UnmarshalText decodes a text form.
func (s *SLAState) UnmarshalText(b []byte) error { return slaStateSet.Unmarshal(s, b) }

// SLAFulfilment says what fulfilled an SLA target.
type SLAFulfilment uint8

// Fulfilments. Text forms: "none", "reply", "solve" (an empty text decodes as none, the
// form earlier versions wrote).
const (
	FulfilledNot   SLAFulfilment = iota // not fulfilled (yet)
	FulfilledReply                      // a public agent comment
	FulfilledSolve                      // the ticket was solved or closed
)

var slaFulfilmentSet = enum.Set[SLAFulfilment]{Subject: "feedback: SLA fulfilment", Kind: "SLA fulfilment", Names: []string{"none", "reply", "solve"}}

// String returns the fulfilment's text form.
func (f SLAFulfilment) String() string { return slaFulfilmentSet.String(f) }

// MarshalText encodes a defined fulfilment as its text form.
func (f SLAFulfilment) MarshalText() ([]byte, error) { return slaFulfilmentSet.Marshal(f) }

// UnmarshalText decodes a text form.
func (f *SLAFulfilment) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*f = FulfilledNot
		return nil
	}
	return slaFulfilmentSet.Unmarshal(f, b)
}

// SLATarget is one target of a policy: a metric, the priority it applies to, and the time
// allowed.
type SLATarget struct {
	// Metric is what the target measures.
	Metric SLAMetric `json:"metric"`
	// Priority is the ticket priority the target applies to (not none).
	Priority TicketPriority `json:"priority"`
	// Target is the time allowed; more than zero. JSON carries it as a Go duration
	// string such as "1h30m".
	Target time.Duration `json:"target"`
	// BusinessHours counts only the open hours of the ticket's calendar (its Schedule, or
	// the evaluator's default); else calendar time.
	BusinessHours bool `json:"business_hours,omitempty"`
}

// slaTargetJSON is SLATarget's JSON form.
type slaTargetJSON struct {
	Metric        SLAMetric      `json:"metric"`
	Priority      TicketPriority `json:"priority"`
	Target        string         `json:"target"`
	BusinessHours bool           `json:"business_hours,omitempty"`
}

// MarshalJSON encodes the target with Target as a duration string ("1h30m0s").
func (t SLATarget) MarshalJSON() ([]byte, error) {
	return json.Marshal(slaTargetJSON{t.Metric, t.Priority, t.Target.String(), t.BusinessHours})
}

// UnmarshalJSON decodes the form MarshalJSON writes; Target accepts any duration string
// time.ParseDuration accepts ("90m", "1h30m").
func (t *SLATarget) UnmarshalJSON(b []byte) error {
	var v slaTargetJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return decodeError("feedback: SLA target", err)
	}
	return v.to(t)
}

// to converts the JSON form into t, or returns a *productops.ValidationError for a
// target that is not a duration.
func (v slaTargetJSON) to(t *SLATarget) error {
	d, err := time.ParseDuration(v.Target)
	if err != nil {
		return inputError("feedback: SLA target", "target", "duration", "%q is not a duration such as \"1h30m\"", validation.Truncate(v.Target))
	}
	*t = SLATarget{Metric: v.Metric, Priority: v.Priority, Target: d, BusinessHours: v.BusinessHours}
	return nil
}

// SLAFilter selects the tickets a policy applies to. Every non-empty condition must hold;
// the zero filter matches every ticket.
type SLAFilter struct {
	// Channels: the ticket's channel is one of these.
	Channels []string `json:"channels,omitempty"`
	// Groups: the ticket's group is one of these.
	Groups []string `json:"groups,omitempty"`
	// Tags: the ticket has every one of these tags.
	Tags []string `json:"tags,omitempty"`
	// Priorities: the ticket's current priority is one of these.
	Priorities []TicketPriority `json:"priorities,omitempty"`
}

// SLAPolicy is a named set of targets with a filter, like a Zendesk SLA policy.
type SLAPolicy struct {
	// Name identifies the policy in results. Required and unique.
	Name string `json:"name"`
	// Filter selects the tickets the policy applies to.
	Filter SLAFilter `json:"filter"`
	// Targets lists at most one target per (metric, priority).
	Targets []SLATarget `json:"targets"`
}

// SLAResult is the state of one SLA target of one ticket at the as-of instant.
type SLAResult struct {
	// Policy is the name of the policy whose target applies.
	Policy string `json:"policy"`
	// Metric is what is measured.
	Metric SLAMetric `json:"metric"`
	// Cycle numbers the instances of a repeating metric (next reply, updates) from 0.
	Cycle int `json:"cycle"`
	// Priority selected the target: the ticket's priority when the target was fulfilled,
	// or at the as-of instant while it is open.
	Priority TicketPriority `json:"priority"`
	// Target is the time allowed and BusinessHours whether it counts business time.
	// Durations of a result are in nanoseconds in JSON (time.Duration's encoding).
	Target        time.Duration `json:"target"`
	BusinessHours bool          `json:"business_hours,omitempty"`
	// StartedAt is when the metric started counting.
	StartedAt time.Time `json:"started_at"`
	// Fulfilled says whether the target was fulfilled by the as-of instant; FulfilledAt
	// and FulfilledBy say when and how (zero otherwise).
	Fulfilled   bool          `json:"fulfilled"`
	FulfilledAt time.Time     `json:"fulfilled_at,omitzero"`
	FulfilledBy SLAFulfilment `json:"fulfilled_by,omitempty"`
	// Paused says whether the metric was in a pause status at the as-of instant (never
	// true once fulfilled).
	Paused bool `json:"paused,omitempty"`
	// Elapsed is the counted time (business time when BusinessHours) from StartedAt to
	// FulfilledAt, or to the as-of instant while open, excluding pauses.
	Elapsed time.Duration `json:"elapsed"`
	// DueAt is the instant the counted time reached the target, or would reach it if the
	// clock kept running from the end of the measurement (the fulfilment, or the as-of
	// instant). It is zero only while the metric is paused before reaching its target.
	DueAt time.Time `json:"due_at,omitzero"`
	// State is the target's state at the as-of instant. Breach is strict: a reply exactly
	// at DueAt (Elapsed == Target) is achieved.
	State SLAState `json:"state"`
}

// Overdue returns by how much the target was exceeded (Elapsed - Target), or 0 if it was
// not breached.
func (r SLAResult) Overdue() time.Duration { return max(0, r.Elapsed-r.Target) }

// SLAEvaluator evaluates ticket timelines against an ordered list of policies. It is
// immutable and safe for concurrent use. Build one with [NewSLAEvaluator].
type SLAEvaluator struct {
	policies  []compiledPolicy
	cal       *Calendar
	schedules map[string]*Calendar
}

type compiledPolicy struct {
	SLAPolicy
	// target[metric][priority] is the index in Targets plus one, 0 for none.
	target [SLATotalResolution + 1][TicketPriorityUrgent + 1]uint16
	prios  uint8 // bit per priority allowed by the filter; all when the filter has none
}

// NewSLAEvaluator validates policies and compiles them. Policies are tried in slice order
// and the first whose filter matches applies (Zendesk's policy position), re-matched at
// each instant a target is evaluated, so a priority change can move a ticket to another
// policy.
//
// cal is the default business-hours calendar (Zendesk's default schedule) for targets with
// BusinessHours; it may be nil when no target uses business hours. schedules are further
// calendars that tickets select by name in Ticket.Schedule (Zendesk assigns a schedule per
// ticket); their names must be non-empty and unique. The error is a
// *productops.ValidationError naming every bad field.
func NewSLAEvaluator(policies []SLAPolicy, cal *Calendar, schedules ...*Calendar) (*SLAEvaluator, error) {
	e := validation.New("feedback: SLA policies")
	names := map[string]int{}
	ev := &SLAEvaluator{cal: cal}
	for i, s := range schedules {
		p := fmt.Sprintf("schedules[%d]", i)
		switch {
		case s == nil:
			e.Add(p, "required", "", "is nil")
		case s.Name() == "":
			e.Add(p, "required", "", "a schedule needs a name for tickets to select it")
		case ev.schedules[s.Name()] != nil:
			e.Addf(p, "unique", "schedule name %s is used twice", strconv.Quote(validation.Truncate(s.Name())))
		default:
			if ev.schedules == nil {
				ev.schedules = map[string]*Calendar{}
			}
			ev.schedules[s.Name()] = s
		}
	}
	for i, p := range policies {
		pre := fmt.Sprintf("[%d]", i)
		if p.Name == "" {
			e.Add(pre+".name", "required", "", "is required")
		} else if j, dup := names[p.Name]; dup {
			e.Addf(pre+".name", "unique", "name %s already used by [%d]", strconv.Quote(validation.Truncate(p.Name)), j)
		} else {
			names[p.Name] = i
		}
		cp := compiledPolicy{SLAPolicy: p}
		for k, pr := range p.Filter.Priorities {
			if pr > TicketPriorityUrgent {
				e.Addf(fmt.Sprintf("%s.filter.priorities[%d]", pre, k), "oneof", "undefined priority %d", pr)
				continue
			}
			cp.prios |= 1 << pr
		}
		if len(p.Filter.Priorities) == 0 {
			cp.prios = 0xff
		}
		if len(p.Targets) == 0 {
			e.Add(pre+".targets", "required", "", "must have at least one target")
		}
		for k, t := range p.Targets {
			tp := fmt.Sprintf("%s.targets[%d]", pre, k)
			ok := true
			if !slaMetricSet.Valid(t.Metric) {
				e.Addf(tp+".metric", "oneof", "undefined metric %d", t.Metric)
				ok = false
			}
			if t.Priority == TicketPriorityNone || t.Priority > TicketPriorityUrgent {
				e.Addf(tp+".priority", "oneof", "must be low, normal, high or urgent, not %s", t.Priority)
				ok = false
			}
			if t.Target <= 0 {
				e.Addf(tp+".target", "gt", "must be more than zero, not %s", t.Target)
			}
			if t.BusinessHours && cal == nil {
				e.Add(tp+".business_hours", "calendar", "", "needs a business-hours calendar; none was given")
			}
			if !ok {
				continue
			}
			if j := cp.target[t.Metric][t.Priority]; j != 0 {
				e.Addf(tp, "unique", "%s for %s already set by targets[%d]", t.Metric, t.Priority, j-1)
				continue
			}
			cp.target[t.Metric][t.Priority] = uint16(k + 1)
		}
		ev.policies = append(ev.policies, cp)
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	return ev, nil
}

// matches reports whether p's filter selects t with priority pr.
func (p *compiledPolicy) matches(t *Ticket, pr TicketPriority) bool {
	f := &p.Filter
	if p.prios&(1<<pr) == 0 {
		return false
	}
	if len(f.Channels) > 0 && !slices.Contains(f.Channels, t.Channel) {
		return false
	}
	if len(f.Groups) > 0 && !slices.Contains(f.Groups, t.Group) {
		return false
	}
	for _, tag := range f.Tags {
		if !slices.Contains(t.Tags, tag) {
			return false
		}
	}
	return true
}

// evalCtx caches per-ticket facts while one ticket is evaluated.
type evalCtx struct {
	t           *Ticket
	cal         *Calendar  // the ticket's business-hours calendar
	zone        zoneCursor // calendar zone lookups shared by the ticket's measurements
	prioChanges bool
	// policy[p] is the index of the first policy matching the ticket at priority p, -1
	// for none, -2 until computed.
	policy [TicketPriorityUrgent + 1]int16
}

func newEvalCtx(t *Ticket) evalCtx {
	c := evalCtx{t: t}
	for i := range c.policy {
		c.policy[i] = -2
	}
	for i := range t.Events {
		if t.Events[i].Kind == TicketPriorityChanged {
			c.prioChanges = true
			break
		}
	}
	return c
}

// targetAt returns the policy and target in force for metric m at ns.
func (e *SLAEvaluator) targetAt(c *evalCtx, m SLAMetric, ns int64) (*compiledPolicy, SLATarget, bool) {
	pr := c.t.Priority
	if c.prioChanges {
		pr = c.t.priorityAt(ns)
	}
	if c.policy[pr] == -2 {
		c.policy[pr] = -1
		for i := range e.policies {
			if e.policies[i].matches(c.t, pr) {
				c.policy[pr] = int16(i)
				break
			}
		}
	}
	if c.policy[pr] < 0 {
		return nil, SLATarget{}, false
	}
	p := &e.policies[c.policy[pr]]
	j := p.target[m][pr]
	if j == 0 {
		return nil, SLATarget{}, false
	}
	return p, p.Targets[j-1], true
}

// SLAReport holds the SLA results of one ticket.
type SLAReport struct {
	// TicketID is the evaluated ticket.
	TicketID TicketID `json:"ticket_id"`
	// AsOf is the instant the states are for.
	AsOf time.Time `json:"as_of"`
	// Results lists every applied target, by metric then cycle.
	Results []SLAResult `json:"results"`
}

// Evaluate returns the state at asOf of every SLA target of t: events after asOf are
// ignored, and a ticket created after asOf has no results. A metric cycle gets a result
// only when, at its fulfilment (or at asOf while open), some policy matches the ticket and
// that policy has a target for the metric at the ticket's priority then; a ticket without
// a priority gets none. Results are ordered by metric, then cycle. An invalid ticket is an
// error naming the ticket and every bad field.
func (e *SLAEvaluator) Evaluate(t *Ticket, asOf time.Time) (SLAReport, error) {
	rs, err := e.EvaluateInto(nil, t, asOf)
	if err != nil {
		return SLAReport{AsOf: asOf}, err
	}
	return SLAReport{TicketID: t.ID, AsOf: asOf, Results: rs}, nil
}

// SLABatch is the SLA evaluation of many tickets at one instant.
type SLABatch struct {
	// AsOf is the instant the states are for.
	AsOf time.Time `json:"as_of"`
	// Reports holds one report per ticket, in the order given.
	Reports []SLAReport `json:"reports"`
	// Compliance tallies every result of every report.
	Compliance SLACompliance `json:"compliance"`
}

// EvaluateAll is EvaluateAllContext without cancellation.
func (e *SLAEvaluator) EvaluateAll(tickets []Ticket, asOf time.Time) (*SLABatch, error) {
	return e.EvaluateAllContext(context.Background(), tickets, asOf)
}

// EvaluateAllContext evaluates every ticket at asOf, as [SLAEvaluator.Evaluate] does, and
// tallies the results. Every ticket is checked first; the error names each bad ticket by
// index ("tickets[3].created_at"). It stops when ctx is done, returning ctx.Err() (checked
// every 1024 tickets).
func (e *SLAEvaluator) EvaluateAllContext(ctx context.Context, tickets []Ticket, asOf time.Time) (*SLABatch, error) {
	switch {
	case e == nil:
		return nil, nilError("feedback: SLA evaluation", "evaluator")
	case ctx == nil:
		return nil, nilError("feedback: SLA evaluation", "ctx")
	}
	v := validation.New("feedback: SLA evaluation")
	for i := range tickets {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		t := &tickets[i]
		if !t.ok() {
			v.Merge(fmt.Sprintf("tickets[%d]", i), t.Validate())
		} else if t.Schedule != "" && e.schedules[t.Schedule] == nil {
			v.Addf(fmt.Sprintf("tickets[%d].schedule", i), "exists", "unknown schedule %s", strconv.Quote(validation.Truncate(t.Schedule)))
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	b := &SLABatch{AsOf: asOf, Reports: make([]SLAReport, len(tickets))}
	for i := range tickets {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rs, err := e.EvaluateInto(nil, &tickets[i], asOf)
		if err != nil {
			return nil, err // unreachable: every ticket was checked above
		}
		b.Reports[i] = SLAReport{TicketID: tickets[i].ID, AsOf: asOf, Results: rs}
		b.Compliance.Add(rs...)
	}
	return b, nil
}

// EvaluateInto is Evaluate appending to dst, for evaluating many tickets without
// allocating: pass the previous result's slice truncated to zero length.
func (e *SLAEvaluator) EvaluateInto(dst []SLAResult, t *Ticket, asOf time.Time) ([]SLAResult, error) {
	switch {
	case e == nil:
		return dst, nilError("feedback: SLA evaluation", "evaluator")
	case t == nil:
		return dst, nilError("feedback: SLA evaluation", "ticket")
	}
	if !t.ok() {
		return dst, t.Validate()
	}
	cal := e.cal
	if t.Schedule != "" {
		if cal = e.schedules[t.Schedule]; cal == nil {
			err := validation.New("feedback: ticket " + strconv.Quote(validation.Truncate(string(t.ID))))
			err.Addf("schedule", "exists", "unknown schedule %s", strconv.Quote(validation.Truncate(t.Schedule)))
			return dst, err.Err()
		}
	}
	created, now := toNs(t.CreatedAt), toNs(asOf)
	if now < created {
		return dst, nil
	}
	var cs ticketCycles
	cs.collect(t, now)
	ctx := newEvalCtx(t)
	ctx.cal = cal
	dst = e.emit(dst, &ctx, SLAFirstReply, &cs.frt, now)
	dst = e.emit(dst, &ctx, SLANextReply, &cs.nrt, now)
	dst = e.emit(dst, &ctx, SLAPeriodicUpdate, &cs.upd, now)
	dst = e.emit(dst, &ctx, SLAPausableUpdate, &cs.upd, now)
	for _, m := range [...]SLAMetric{SLARequesterWait, SLAAgentWork, SLATotalResolution} {
		dst = e.emit(dst, &ctx, m, &cs.cum, now)
	}
	return dst, nil
}

// ticketCycles holds the cycles of every metric of one ticket.
type ticketCycles struct {
	frt, nrt, upd, cum cycleList
}

// of returns the cycles of metric m.
func (cs *ticketCycles) of(m SLAMetric) *cycleList {
	switch m {
	case SLAFirstReply:
		return &cs.frt
	case SLANextReply:
		return &cs.nrt
	case SLAPeriodicUpdate, SLAPausableUpdate:
		return &cs.upd
	}
	return &cs.cum
}

// collect finds the cycles of t up to now. Reply metrics: first reply, next reply (from the
// oldest unanswered requester comment), periodic and pausable updates (from each agent
// reply), in one pass over the events; the description, when sent as an event, is none of
// them. Cumulative metrics: one instance from creation, fulfilled while the ticket is
// solved.
func (cs *ticketCycles) collect(t *Ticket, now int64) {
	created := toNs(t.CreatedAt)
	desc := t.descriptionIndex()
	frtOpen := !t.CreatedByAgent
	var nrtStart, updStart int64
	nrtOpen, updOpen := false, false
	status := t.Status
	for i := range t.Events {
		ev := &t.Events[i]
		at := toNs(ev.At)
		if at > now {
			break
		}
		solve := ev.isSolve(status)
		if ev.Kind == TicketStatusChanged {
			status = ev.Status
		}
		switch {
		case i == desc:
		case ev.isAgentReply():
			if frtOpen {
				cs.frt.add(cycle{created, at, FulfilledReply})
				frtOpen = false
			}
			if nrtOpen {
				cs.nrt.add(cycle{nrtStart, at, FulfilledReply})
				nrtOpen = false
			}
			if updOpen {
				cs.upd.add(cycle{updStart, at, FulfilledReply})
			}
			updStart, updOpen = at, true
		case solve:
			if frtOpen {
				cs.frt.add(cycle{created, at, FulfilledSolve})
				frtOpen = false
			}
			if nrtOpen {
				cs.nrt.add(cycle{nrtStart, at, FulfilledSolve})
				nrtOpen = false
			}
			if updOpen {
				cs.upd.add(cycle{updStart, at, FulfilledSolve})
				updOpen = false
			}
		case ev.isRequesterComment():
			if !frtOpen && !nrtOpen {
				nrtStart, nrtOpen = at, true
			}
		}
	}
	if frtOpen {
		cs.frt.add(cycle{created, openEnd, FulfilledNot})
	}
	if nrtOpen {
		cs.nrt.add(cycle{nrtStart, openEnd, FulfilledNot})
	}
	if updOpen {
		cs.upd.add(cycle{updStart, openEnd, FulfilledNot})
	}
	if status.solved() {
		cs.cum.add(cycle{created, lastSolve(t, now), FulfilledSolve})
	} else {
		cs.cum.add(cycle{created, openEnd, FulfilledNot})
	}
}

// SLAMeasurement is the counted time of one cycle of an SLA metric, measured without a
// policy or target: what [SLAResult].Elapsed would be under any target.
type SLAMeasurement struct {
	// Metric is what is measured; Cycle numbers its instances from 0.
	Metric SLAMetric `json:"metric"`
	Cycle  int       `json:"cycle"`
	// StartedAt is when the metric started counting.
	StartedAt time.Time `json:"started_at"`
	// Fulfilled, FulfilledAt and FulfilledBy say whether, when and how the cycle ended by
	// the as-of instant.
	Fulfilled   bool          `json:"fulfilled"`
	FulfilledAt time.Time     `json:"fulfilled_at,omitzero"`
	FulfilledBy SLAFulfilment `json:"fulfilled_by,omitempty"`
	// Paused says whether the metric was in a pause status at the as-of instant (never
	// once fulfilled).
	Paused bool `json:"paused,omitempty"`
	// BusinessHours says Elapsed is business time of the calendar given, else calendar
	// time.
	BusinessHours bool `json:"business_hours,omitempty"`
	// Elapsed is the counted time from StartedAt to FulfilledAt, or to the as-of instant
	// while open, excluding the metric's pause statuses.
	Elapsed time.Duration `json:"elapsed"`
}

// MeasureSLA measures every cycle of metric m on t up to asOf without a policy: the same
// cycles, pause statuses and fulfilment as [SLAEvaluator.Evaluate], with no target, so the
// elapsed time is known even for tickets no policy applies to (or before policies exist).
// With cal it counts business time, else calendar time. It returns a validation error for
// an invalid ticket or metric, or a nil t.
func MeasureSLA(t *Ticket, m SLAMetric, cal *Calendar, asOf time.Time) ([]SLAMeasurement, error) {
	if t == nil {
		return nil, nilError("feedback: SLA measurement", "ticket")
	}
	if !slaMetricSet.Valid(m) {
		return nil, inputError("feedback: SLA measurement", "metric", "oneof", "undefined metric %d", m)
	}
	if !t.ok() {
		return nil, t.Validate()
	}
	now := toNs(asOf)
	if now < toNs(t.CreatedAt) {
		return nil, nil
	}
	var cs ticketCycles
	cs.collect(t, now)
	list := cs.of(m)
	pauses := m.pauses()
	var z zoneCursor
	out := make([]SLAMeasurement, 0, list.n)
	for i := range list.n {
		cy := list.at(i)
		end := now
		if cy.end != openEnd {
			end = cy.end
		}
		elapsed, _, _ := measure(t, cal, &z, pauses, cy.start, end, math.MaxInt64)
		r := SLAMeasurement{Metric: m, Cycle: i, StartedAt: time.Unix(0, cy.start).UTC(), BusinessHours: cal != nil, Elapsed: time.Duration(elapsed)}
		if cy.end != openEnd {
			r.Fulfilled, r.FulfilledAt, r.FulfilledBy = true, time.Unix(0, cy.end).UTC(), cy.by
		} else {
			r.Paused = pauses&(1<<t.statusAt(end)) != 0
		}
		out = append(out, r)
	}
	return out, nil
}

// lastSolve returns when the ticket last moved from unsolved to solved or closed, up to now.
func lastSolve(t *Ticket, now int64) int64 {
	status, at := t.Status, toNs(t.CreatedAt)
	for i := range t.Events {
		ev := &t.Events[i]
		ns := toNs(ev.At)
		if ns > now {
			break
		}
		if ev.isSolve(status) {
			at = ns
		}
		if ev.Kind == TicketStatusChanged {
			status = ev.Status
		}
	}
	return at
}

// openEnd marks the end of a cycle still open; toNs never returns it (instants are clamped
// to 1678-2262), so a fulfilment before 1970 is not mistaken for an open cycle.
const openEnd = math.MinInt64

// cycle is one instance of a metric: [start, end), end openEnd while open.
type cycle struct {
	start, end int64
	by         SLAFulfilment
}

// cycleList holds a few cycles without allocating; more spill to the heap.
type cycleList struct {
	fixed [6]cycle
	n     int
	more  []cycle
}

func (l *cycleList) add(c cycle) {
	if l.n < len(l.fixed) {
		l.fixed[l.n] = c
	} else {
		l.more = append(l.more, c)
	}
	l.n++
}

func (l *cycleList) at(i int) cycle {
	if i < len(l.fixed) {
		return l.fixed[i]
	}
	return l.more[i-len(l.fixed)]
}

// emit appends the results of metric m's cycles.
func (e *SLAEvaluator) emit(dst []SLAResult, c *evalCtx, m SLAMetric, cs *cycleList, now int64) []SLAResult {
	for i := range cs.n {
		cy := cs.at(i)
		end := now
		if cy.end != openEnd {
			end = cy.end
		}
		p, tg, ok := e.targetAt(c, m, end)
		if !ok {
			continue
		}
		dst = append(dst, e.result(c, m, i, cy, end, p.Name, tg))
	}
	return dst
}

// result measures one cycle ending at end (fulfilment or now).
func (e *SLAEvaluator) result(ctx *evalCtx, m SLAMetric, idx int, c cycle, end int64, policy string, tg SLATarget) SLAResult {
	t, z := ctx.t, &ctx.zone
	var cal *Calendar
	if tg.BusinessHours {
		cal = ctx.cal
	}
	pauses := m.pauses()
	elapsed, due, reached := measure(t, cal, z, pauses, c.start, end, int64(tg.Target))
	r := SLAResult{
		Policy:        policy,
		Metric:        m,
		Cycle:         idx,
		Priority:      tg.Priority,
		Target:        tg.Target,
		BusinessHours: tg.BusinessHours,
		StartedAt:     time.Unix(0, c.start).UTC(),
		Elapsed:       time.Duration(elapsed),
	}
	fulfilled := c.end != openEnd
	paused := !fulfilled && pauses&(1<<t.statusAt(end)) != 0
	if !reached && !paused {
		rem := int64(tg.Target) - elapsed
		if cal != nil {
			due, reached = cal.addForward(end, rem, z), true
		} else {
			due, reached = min(satAdd(end, rem), maxNs), true
		}
	}
	if reached {
		r.DueAt = time.Unix(0, due).UTC()
	}
	if fulfilled {
		r.Fulfilled, r.FulfilledAt, r.FulfilledBy = true, time.Unix(0, c.end).UTC(), c.by
	}
	r.Paused = paused
	switch {
	case elapsed > int64(tg.Target):
		r.State = SLABreached
	case fulfilled:
		r.State = SLAAchieved
	case paused:
		r.State = SLAPaused
	default:
		r.State = SLAActive
	}
	return r
}

// measure sums the counted time of t in [from, to): time in statuses outside pauses, and
// only open business time when cal is not nil. It also returns the first instant at which
// the counted time reached target, if it did within [from, to].
func measure(t *Ticket, cal *Calendar, z *zoneCursor, pauses uint8, from, to, target int64) (elapsed, due int64, reached bool) {
	status, segStart := t.Status, toNs(t.CreatedAt)
	seg := func(a, b int64, s TicketStatus) {
		a, b = max(a, from), min(b, to)
		if a >= b || pauses&(1<<s) != 0 {
			return
		}
		var d int64
		if cal != nil {
			d = cal.business(a, b, z)
		} else if diff := uint64(b) - uint64(a); diff > math.MaxInt64 { // a < b: exact in uint64
			d = math.MaxInt64
		} else {
			d = int64(diff)
		}
		sum := elapsed + d // both at least 0: a wrap shows as a negative sum
		if sum < 0 {
			sum = math.MaxInt64
		}
		if !reached && sum >= target {
			rem := target - elapsed
			if cal != nil {
				due = cal.addForward(a, rem, z)
			} else {
				due = a + rem
			}
			reached = true
		}
		elapsed = sum
	}
	for i := range t.Events {
		ev := &t.Events[i]
		if ev.Kind != TicketStatusChanged {
			continue
		}
		at := toNs(ev.At)
		if at >= to {
			break
		}
		seg(segStart, at, status)
		status, segStart = ev.Status, at
	}
	seg(segStart, to, status)
	return elapsed, due, reached
}
