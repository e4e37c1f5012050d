package zendesk

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/productops/productops/feedback"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/interop/internal/tabular"
)

// Audit is one ticket update of the incremental ticket events export: what changed, when
// and by whom.
type Audit struct {
	ID       int64     `json:"id"`
	TicketID int64     `json:"ticket_id"`
	At       time.Time `json:"at"`
	// UpdaterID is who made the update; -1 is Zendesk's system user.
	UpdaterID int64 `json:"updater_id"`
	// Via is the update's channel in lower case ("web form", "api", "rule").
	Via string `json:"via,omitempty"`
	// Create marks the audit that created the ticket.
	Create bool `json:"create,omitempty"`
	// Status is the status set by the update; empty when unchanged.
	Status string `json:"status,omitempty"`
	// Priority is the priority set by the update ("none" when cleared); empty when
	// unchanged.
	Priority string `json:"priority,omitempty"`
	// Comments are the comments the update added.
	Comments []Comment `json:"comments,omitempty"`
}

// Comment is a comment added by an update.
type Comment struct {
	Public   bool  `json:"public"`
	AuthorID int64 `json:"author_id"`
}

type apiAudit struct {
	ID        int64             `json:"id"`
	TicketID  int64             `json:"ticket_id"`
	Timestamp *int64            `json:"timestamp"`
	CreatedAt string            `json:"created_at"`
	UpdaterID int64             `json:"updater_id"`
	Via       json.RawMessage   `json:"via"`
	Children  []json.RawMessage `json:"child_events"`
}

type apiChild struct {
	EventType      string          `json:"event_type"`
	Status         json.RawMessage `json:"status"`
	Priority       json.RawMessage `json:"priority"`
	Public         *bool           `json:"public"`
	AuthorID       *int64          `json:"author_id"`
	CommentPresent bool            `json:"comment_present"`
	CommentPublic  bool            `json:"comment_public"`
}

// ReadTicketEvents reads incremental ticket events pages; see ReadTicketEventsContext.
func ReadTicketEvents(r io.Reader, opts Options) ([]Audit, error) {
	return ReadTicketEventsContext(context.Background(), r, opts)
}

// ReadTicketEventsContext reads pages of the incremental ticket events export: objects
// with a "ticket_events" array of audits (id, ticket_id, timestamp in Unix seconds or
// created_at, updater_id, via, child_events). From the child events it reads the Create
// and Change events that set "status" or "priority", and comments: with the
// comment_events sideload an event_type "Comment" child with public and author_id; without
// it the comment_present and comment_public flags, the author being the updater. Other
// child events are skipped. Audits come back ordered by time, then id. ctx is checked
// every 1024 audits.
func ReadTicketEventsContext(ctx context.Context, r io.Reader, opts Options) ([]Audit, error) {
	if err := opts.check("zendesk: ticket events", r); err != nil {
		return nil, err
	}
	errs := tabular.NewErrors("zendesk: ticket events")
	var out []Audit
	seen := map[int64]bool{}
	err := tabular.Pages(ctx, r, opts.Limits.Or(), errs, map[string]tabular.Handler{
		"ticket_events": {Each: func(raw json.RawMessage, i int) error {
			p := "ticket_events[" + strconv.Itoa(i) + "]"
			var a apiAudit
			if err := json.Unmarshal(raw, &a); err != nil {
				errs.Add(p, "json", "want an audit object: "+why(err))
				return nil
			}
			if a.ID <= 0 || a.TicketID <= 0 {
				errs.Add(p, "required", "want a positive id and ticket_id")
				return nil
			}
			if seen[a.ID] {
				return nil
			}
			seen[a.ID] = true
			au := Audit{ID: a.ID, TicketID: a.TicketID, UpdaterID: a.UpdaterID, Via: via(a.Via)}
			switch {
			case a.Timestamp != nil:
				au.At = time.Unix(*a.Timestamp, 0).UTC()
			default:
				au.At = parseTime(errs, p+".created_at", a.CreatedAt, true)
			}
			for j, c := range a.Children {
				cp := p + ".child_events[" + strconv.Itoa(j) + "]"
				var ch apiChild
				if err := json.Unmarshal(c, &ch); err != nil {
					errs.Add(cp, "json", "want a child event object: "+why(err))
					continue
				}
				switch ch.EventType {
				case "Create", "Change":
					au.Create = au.Create || ch.EventType == "Create"
					if s, ok := text(ch.Status); ok {
						if !slices.Contains(ticketStatuses, s) {
							errs.Add(cp+".status", "oneof", tabular.Quote(s)+" is not a ticket status")
						}
						au.Status = s
					}
					if s, ok := text(ch.Priority); ok {
						if s == "" {
							s = "none"
						} else if !slices.Contains(priorities, s) {
							errs.Add(cp+".priority", "oneof", tabular.Quote(s)+" is not a priority")
						}
						au.Priority = s
					}
				case "Comment":
					c := Comment{AuthorID: a.UpdaterID}
					if ch.Public != nil {
						c.Public = *ch.Public
					}
					if ch.AuthorID != nil {
						c.AuthorID = *ch.AuthorID
					}
					au.Comments = append(au.Comments, c)
					continue
				}
				if ch.CommentPresent {
					au.Comments = append(au.Comments, Comment{Public: ch.CommentPublic, AuthorID: a.UpdaterID})
				}
			}
			out = append(out, au)
			return nil
		}},
	})
	if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Audit) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// text reads a JSON string or null (""); absent is false.
func text(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 {
		return "", false
	}
	s, ok := tabular.Text(raw)
	return s, ok
}

// via reads an audit's via: a string ("Web form") or an object with a channel.
func via(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var v struct {
			Channel json.RawMessage `json:"channel"`
		}
		if json.Unmarshal(raw, &v) == nil {
			s, _ := tabular.Text(v.Channel)
			return strings.ToLower(s)
		}
		return ""
	}
	s, _ := tabular.Text(raw)
	return strings.ToLower(s)
}

// TimelineOptions configures Timelines.
type TimelineOptions struct {
	// Bots lists user IDs whose comments are a bot's (an AI agent, an integration user).
	// Comments by Zendesk's system user (-1) and by updates via a rule (triggers,
	// automations) are a bot's anyway.
	Bots []int64 `json:"bots,omitempty"`
}

// Timeline is what Timelines returns.
type Timeline struct {
	// Tickets are the feedback tickets, in the order of the input tickets.
	Tickets []feedback.Ticket `json:"tickets"`
	// WithoutEvents lists the tickets that had no audit: each timeline is then its
	// creation (status new, the current priority) and, when the current status differs,
	// one status change at updated_at — an approximation.
	WithoutEvents []int64 `json:"without_events,omitempty"`
}

// Timelines joins tickets with their audits into feedback tickets. ID is the ticket id
// as text, AccountID the organization id, RequesterID the requester id, Channel
// via.channel, Group the group id, Tags. The creation audit gives the status and priority
// at creation; its comment (the description) is implied at CreatedAt, and CreatedByAgent
// holds when the submitter is not the requester. Later audits give status changes,
// priority changes and comments: public comments and internal notes, by the requester
// (end user), by a bot (TimelineOptions.Bots, the system user -1, updates via a rule), or
// by an agent (anyone else). Audits of tickets not among tickets are ignored; every ticket
// must pass feedback.Ticket.Validate, or the error names it.
func Timelines(tickets []Ticket, audits []Audit, opts TimelineOptions) (Timeline, error) {
	byTicket := map[int64][]Audit{}
	for _, a := range audits {
		byTicket[a.TicketID] = append(byTicket[a.TicketID], a)
	}
	bots := map[int64]bool{-1: true}
	for _, b := range opts.Bots {
		bots[b] = true
	}
	e := validation.New("zendesk: timelines")
	var out Timeline
	for i, t := range tickets {
		ft := feedback.Ticket{ID: feedback.TicketID(strconv.FormatInt(t.ID, 10)), Channel: t.Channel, Tags: t.Tags,
			CreatedAt: t.CreatedAt, CreatedByAgent: t.SubmitterID != 0 && t.SubmitterID != t.RequesterID}
		if t.OrganizationID != 0 {
			ft.AccountID = feedback.AccountID(strconv.FormatInt(t.OrganizationID, 10))
		}
		if t.RequesterID != 0 {
			ft.RequesterID = feedback.PersonID(strconv.FormatInt(t.RequesterID, 10))
		}
		if t.GroupID != 0 {
			ft.Group = strconv.FormatInt(t.GroupID, 10)
		}
		as := byTicket[t.ID]
		if len(as) == 0 {
			out.WithoutEvents = append(out.WithoutEvents, t.ID)
			ft.Priority = priority(t.Priority)
			if t.Status != "new" {
				ft.Events = append(ft.Events, feedback.TicketEvent{At: later(t.UpdatedAt, t.CreatedAt), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: status(t.Status)})
			}
			out.Tickets = append(out.Tickets, ft)
			continue
		}
		for k, a := range as {
			if k == 0 && a.Create {
				if a.Status != "" {
					ft.Status = status(a.Status)
				}
				if a.Priority != "" {
					ft.Priority = priority(a.Priority)
				}
				continue
			}
			at := later(a.At, t.CreatedAt)
			if a.Priority != "" {
				ft.Events = append(ft.Events, feedback.TicketEvent{At: at, Kind: feedback.TicketPriorityChanged, Actor: actor(a.UpdaterID, t, a, bots), Priority: priority(a.Priority)})
			}
			for _, c := range a.Comments {
				kind := feedback.TicketInternalNote
				if c.Public {
					kind = feedback.TicketPublicComment
				}
				ft.Events = append(ft.Events, feedback.TicketEvent{At: at, Kind: kind, Actor: actor(c.AuthorID, t, a, bots), Author: strconv.FormatInt(c.AuthorID, 10)})
			}
			if a.Status != "" && a.Status != "deleted" {
				ft.Events = append(ft.Events, feedback.TicketEvent{At: at, Kind: feedback.TicketStatusChanged, Actor: actor(a.UpdaterID, t, a, bots), Status: status(a.Status)})
			}
		}
		e.Merge("tickets["+strconv.Itoa(i)+"]", ft.Validate())
		out.Tickets = append(out.Tickets, ft)
	}
	if err := e.Err(); err != nil {
		return Timeline{}, err
	}
	return out, nil
}

func actor(id int64, t Ticket, a Audit, bots map[int64]bool) feedback.TicketActor {
	switch {
	case bots[id] || a.Via == "rule" || a.Via == "automation":
		return feedback.ActorBot
	case id == t.RequesterID:
		return feedback.ActorEndUser
	}
	return feedback.ActorAgent
}

func status(s string) feedback.TicketStatus {
	var v feedback.TicketStatus
	_ = v.UnmarshalText([]byte(s))
	return v
}

func priority(s string) feedback.TicketPriority {
	var v feedback.TicketPriority
	if s != "" {
		_ = v.UnmarshalText([]byte(s))
	}
	return v
}

func later(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
}
