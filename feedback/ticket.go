package feedback

import (
	"fmt"
	"github.com/productops/productops/internal/enum"
	"strconv"
	"time"

	"github.com/productops/productops/internal/validation"
)

// TicketID identifies a support ticket.
type TicketID string

// TicketStatus is a support ticket's status, following Zendesk's system statuses. The zero
// value is TicketNew.
type TicketStatus uint8

// Ticket statuses. Text forms: "new", "open", "pending", "hold", "solved", "closed"
// ("on-hold" and "on_hold" are accepted when decoding).
const (
	TicketNew     TicketStatus = iota // created, not yet assigned or worked
	TicketOpen                        // being worked by the support team
	TicketPending                     // waiting on the requester
	TicketOnHold                      // waiting on a third party
	TicketSolved                      // solved; a requester reply reopens it
	TicketClosed                      // closed for good; follow-ups are new tickets
)

var ticketStatusSet = enum.Set[TicketStatus]{Subject: "feedback: ticket status", Kind: "ticket status", Names: []string{"new", "open", "pending", "hold", "solved", "closed"},
	Aliases: map[string]TicketStatus{"on_hold": TicketOnHold}}

// String returns the status's text form, or "ticket status(n)" when undefined.
func (s TicketStatus) String() string { return ticketStatusSet.String(s) }

// MarshalText encodes a defined status as its text form.
func (s TicketStatus) MarshalText() ([]byte, error) { return ticketStatusSet.Marshal(s) }

// UnmarshalText decodes a text form.
func (s *TicketStatus) UnmarshalText(b []byte) error { return ticketStatusSet.Unmarshal(s, b) }

// solved reports whether s is Solved or Closed.
func (s TicketStatus) solved() bool { return s == TicketSolved || s == TicketClosed }

// TicketPriority is a ticket's priority. The zero value, TicketPriorityNone, means no
// priority is set; SLA targets are per priority, so such a ticket gets no SLA.
type TicketPriority uint8

// Ticket priorities. Text forms: "none", "low", "normal", "high", "urgent".
const (
	TicketPriorityNone TicketPriority = iota
	TicketPriorityLow
	TicketPriorityNormal
	TicketPriorityHigh
	TicketPriorityUrgent
)

var ticketPrioritySet = enum.Set[TicketPriority]{Subject: "feedback: ticket priority", Kind: "ticket priority", Names: []string{"none", "low", "normal", "high", "urgent"}}

// String returns the priority's text form, or "ticket priority(n)" when undefined.
func (p TicketPriority) String() string { return ticketPrioritySet.String(p) }

// MarshalText encodes a defined priority as its text form.
func (p TicketPriority) MarshalText() ([]byte, error) { return ticketPrioritySet.Marshal(p) }

// UnmarshalText decodes a text form.
func (p *TicketPriority) UnmarshalText(b []byte) error { return ticketPrioritySet.Unmarshal(p, b) }

// TicketEventKind says what a ticket event records.
type TicketEventKind uint8

// Ticket event kinds. Text forms: "status", "public_comment", "internal_note", "priority".
const (
	TicketStatusChanged   TicketEventKind = iota // Status holds the new status
	TicketPublicComment                          // a comment the requester sees
	TicketInternalNote                           // a private comment between agents
	TicketPriorityChanged                        // Priority holds the new priority
)

var ticketEventKindSet = enum.Set[TicketEventKind]{Subject: "feedback: ticket event kind", Kind: "ticket event kind", Names: []string{"status", "public_comment", "internal_note", "priority"}}

// String returns the kind's text form, or "ticket event kind(n)" when undefined.
func (k TicketEventKind) String() string { return ticketEventKindSet.String(k) }

// MarshalText encodes a defined kind as its text form.
func (k TicketEventKind) MarshalText() ([]byte, error) { return ticketEventKindSet.Marshal(k) }

// UnmarshalText decodes a text form.
func (k *TicketEventKind) UnmarshalText(b []byte) error { return ticketEventKindSet.Unmarshal(k, b) }

// TicketActor says who made a ticket event.
type TicketActor uint8

// Ticket actors. Text forms: "end_user", "agent", "bot". Bot covers triggers, automations
// and AI agents: like Zendesk, their comments never count as an agent reply.
const (
	ActorEndUser TicketActor = iota
	ActorAgent
	ActorBot
)

var ticketActorSet = enum.Set[TicketActor]{Subject: "feedback: ticket actor", Kind: "ticket actor", Names: []string{"end_user", "agent", "bot"}}

// String returns the actor's text form, or "ticket actor(n)" when undefined.
func (a TicketActor) String() string { return ticketActorSet.String(a) }

// MarshalText encodes a defined actor as its text form.
func (a TicketActor) MarshalText() ([]byte, error) { return ticketActorSet.Marshal(a) }

// UnmarshalText decodes a text form.
func (a *TicketActor) UnmarshalText(b []byte) error { return ticketActorSet.Unmarshal(a, b) }

// TicketEvent is one entry of a ticket's timeline.
type TicketEvent struct {
	// At is when it happened; not before the ticket's CreatedAt, and not before the
	// previous event.
	At time.Time `json:"at"`
	// Kind says what happened.
	Kind TicketEventKind `json:"kind"`
	// Actor says who did it.
	Actor TicketActor `json:"actor"`
	// Author identifies the person or agent (free form); KPIs that count participating
	// agents use it. Optional.
	Author string `json:"author,omitempty"`
	// Status is the new status of a TicketStatusChanged event; ignored otherwise.
	Status TicketStatus `json:"status,omitempty"`
	// Priority is the new priority of a TicketPriorityChanged event; ignored otherwise.
	Priority TicketPriority `json:"priority,omitempty"`
}

// Ticket is a support ticket with its timeline. The ticket's own description (the first
// comment) is implied at CreatedAt: by the requester, or by an agent when CreatedByAgent.
// An export that also lists the description as an event (the first public comment, at
// CreatedAt, by that side) is read the same way: that event is not a reply or a follow-up.
// Status changes are recorded explicitly (Zendesk's audit log has them); nothing is inferred
// from comments.
type Ticket struct {
	// ID identifies the ticket. Required.
	ID TicketID `json:"id"`
	// AccountID and RequesterID link the ticket to the feedback model; optional.
	AccountID   AccountID `json:"account_id,omitempty"`
	RequesterID PersonID  `json:"requester_id,omitempty"`
	// Channel (email, web, chat, ...), Group and Tags are what SLA policy filters match.
	Channel string   `json:"channel,omitempty"`
	Group   string   `json:"group,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	// Schedule names the business-hours calendar of the ticket among the schedules given
	// to NewSLAEvaluator; empty means the evaluator's default calendar.
	Schedule string `json:"schedule,omitempty"`
	// CreatedAt is when the ticket was created. Required.
	CreatedAt time.Time `json:"created_at"`
	// CreatedByAgent marks a ticket an agent opened on the requester's behalf with a
	// public first comment.
	CreatedByAgent bool `json:"created_by_agent,omitempty"`
	// Priority and Status are the values at creation; Status must not be closed.
	Priority TicketPriority `json:"priority"`
	Status   TicketStatus   `json:"status"`
	// Events is the timeline in chronological order (ties keep their order).
	Events []TicketEvent `json:"events,omitempty"`
}

// Validate reports every problem with t: a missing ID or creation time, undefined enum
// values, events before the ticket's creation or out of order, and changes after the ticket
// was closed.
func (t Ticket) Validate() error {
	if t.ok() {
		return nil
	}
	e := validation.New("feedback: ticket " + strconv.Quote(validation.Truncate(string(t.ID))))
	if t.ID == "" {
		e.Add("id", "required", "", "is required")
	}
	if t.CreatedAt.IsZero() {
		e.Add("created_at", "required", "", "is required")
	}
	if t.Priority > TicketPriorityUrgent {
		e.Addf("priority", "oneof", "undefined priority %d", t.Priority)
	}
	if t.Status >= TicketClosed {
		e.Addf("status", "oneof", "status at creation must be new, open, pending, hold or solved, not %s", t.Status)
	}
	status := t.Status
	for i, ev := range t.Events {
		p := fmt.Sprintf("events[%d]", i)
		switch {
		case ev.At.IsZero():
			e.Add(p+".at", "required", "", "is required")
		case !t.CreatedAt.IsZero() && ev.At.Before(t.CreatedAt):
			e.Addf(p+".at", "gte", "%s is before the ticket's creation at %s", ev.At.Format(time.RFC3339), t.CreatedAt.Format(time.RFC3339))
		case i > 0 && ev.At.Before(t.Events[i-1].At):
			e.Addf(p+".at", "order", "%s is before events[%d] at %s", ev.At.Format(time.RFC3339), i-1, t.Events[i-1].At.Format(time.RFC3339))
		}
		if ev.Kind > TicketPriorityChanged {
			e.Addf(p+".kind", "oneof", "undefined event kind %d", ev.Kind)
		}
		if ev.Actor > ActorBot {
			e.Addf(p+".actor", "oneof", "undefined actor %d", ev.Actor)
		}
		if status == TicketClosed {
			e.Add(p, "closed", "", "the ticket is already closed; a follow-up is a new ticket")
		}
		switch ev.Kind {
		case TicketStatusChanged:
			if ev.Status > TicketClosed {
				e.Addf(p+".status", "oneof", "undefined status %d", ev.Status)
			} else {
				status = ev.Status
			}
		case TicketPriorityChanged:
			if ev.Priority > TicketPriorityUrgent {
				e.Addf(p+".priority", "oneof", "undefined priority %d", ev.Priority)
			}
		}
	}
	return e.Err()
}

// ok is the allocation-free fast path of Validate: true when t has no problem at all.
func (t *Ticket) ok() bool {
	if t.ID == "" || t.CreatedAt.IsZero() || t.Priority > TicketPriorityUrgent || t.Status >= TicketClosed {
		return false
	}
	prev, status := t.CreatedAt, t.Status
	for i := range t.Events {
		ev := &t.Events[i]
		if ev.At.Before(prev) || ev.Kind > TicketPriorityChanged || ev.Actor > ActorBot || status == TicketClosed {
			return false
		}
		switch ev.Kind {
		case TicketStatusChanged:
			if ev.Status > TicketClosed {
				return false
			}
			status = ev.Status
		case TicketPriorityChanged:
			if ev.Priority > TicketPriorityUrgent {
				return false
			}
		}
		prev = ev.At
	}
	return true
}

// statusAt returns the status in force at ns (after every event at or before ns).
func (t *Ticket) statusAt(ns int64) TicketStatus {
	s := t.Status
	for i := range t.Events {
		ev := &t.Events[i]
		if toNs(ev.At) > ns {
			break
		}
		if ev.Kind == TicketStatusChanged {
			s = ev.Status
		}
	}
	return s
}

// priorityAt returns the priority in force at ns.
func (t *Ticket) priorityAt(ns int64) TicketPriority {
	p := t.Priority
	for i := range t.Events {
		ev := &t.Events[i]
		if toNs(ev.At) > ns {
			break
		}
		if ev.Kind == TicketPriorityChanged {
			p = ev.Priority
		}
	}
	return p
}

// descriptionIndex returns the index of the event that is the ticket's own description sent
// as an event, or -1. The description is implied at CreatedAt; some exports also list it as
// the first public comment, at CreatedAt, by the side that created the ticket (the
// requester, or an agent when CreatedByAgent). That comment is not a reply, not a
// follow-up, and starts no SLA cycle.
func (t *Ticket) descriptionIndex() int {
	for i := range t.Events {
		ev := &t.Events[i]
		if ev.Kind != TicketPublicComment {
			continue
		}
		creator := ActorEndUser
		if t.CreatedByAgent {
			creator = ActorAgent
		}
		if ev.Actor == creator && ev.At.Equal(t.CreatedAt) {
			return i
		}
		return -1
	}
	return -1
}

// isAgentReply reports whether ev is a public comment by a human agent.
func (ev *TicketEvent) isAgentReply() bool {
	return ev.Kind == TicketPublicComment && ev.Actor == ActorAgent
}

// isRequesterComment reports whether ev is a public comment by the requester side.
func (ev *TicketEvent) isRequesterComment() bool {
	return ev.Kind == TicketPublicComment && ev.Actor == ActorEndUser
}

// isSolve reports whether ev moves the ticket to solved or closed from an unsolved status.
func (ev *TicketEvent) isSolve(before TicketStatus) bool {
	return ev.Kind == TicketStatusChanged && ev.Status.solved() && !before.solved()
}
