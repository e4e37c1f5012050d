// Package zendesk reads Zendesk Support's exports as the API returns them: the Incremental
// Export API's tickets (GET /api/v2/incremental/tickets and /tickets/cursor), ticket events
// (GET /api/v2/incremental/ticket_events, with or without the comment_events sideload) and
// ticket metric events (GET /api/v2/incremental/ticket_metric_events), and the SLA policies
// (GET /api/v2/slas/policies). Tickets and their events become feedback.Ticket timelines;
// SLA policies become feedback.SLAPolicy values, so feedback's SLA evaluator runs on them
// and its results can be checked against Zendesk's own metric events.
//
// Each reader takes one response page or several pages one after another, time-based or
// cursor-based (the paging fields are skipped).
//
// # Identity and dedupe
//
// Zendesk's incremental exports return an item again each time it changes, and a
// time-based export may repeat items at page boundaries. So: a ticket is identified by its
// id, and a ticket seen again replaces the earlier copy when its updated_at is not earlier
// (latest wins); an audit (ticket event) and a metric event are identified by their id,
// and an id seen again is the same record, kept once. Tickets whose status is "deleted" are
// left out of the tickets and listed in Tickets.Deleted.
//
// Readers are bounded (column.Limits); bad input is a *productops.ValidationError naming
// each bad value by JSON path ("tickets[3].created_at"); errors.Is(err,
// productops.ErrInvalid) holds.
package zendesk

import (
	"context"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
)

// Ticket is a ticket of the incremental tickets export: the fields the feedback model
// reads. IDs are Zendesk's numeric IDs; 0 means none.
type Ticket struct {
	ID             int64     `json:"id"`
	Subject        string    `json:"subject,omitempty"`
	Status         string    `json:"status"`
	Priority       string    `json:"priority,omitempty"`
	Type           string    `json:"type,omitempty"`
	RequesterID    int64     `json:"requester_id,omitempty"`
	SubmitterID    int64     `json:"submitter_id,omitempty"`
	AssigneeID     int64     `json:"assignee_id,omitempty"`
	OrganizationID int64     `json:"organization_id,omitempty"`
	GroupID        int64     `json:"group_id,omitempty"`
	Channel        string    `json:"channel,omitempty"`
	Tags           []string  `json:"tags,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Tickets is what ReadTickets returns.
type Tickets struct {
	// Tickets are the tickets in the order first seen, each once (latest copy).
	Tickets []Ticket `json:"tickets"`
	// Deleted lists the IDs of tickets whose latest copy has status "deleted".
	Deleted []int64 `json:"deleted,omitempty"`
}

// Options configures a read. The zero value uses the default limits.
type Options struct {
	Limits column.Limits `json:"limits,omitzero"`
}

func (o Options) check(subject string, r io.Reader) error {
	e := validation.New(subject)
	e.Merge("limits", o.Limits.Validate())
	if r == nil {
		e.Add("reader", "required", "", "is nil")
	}
	return e.Err()
}

type apiTicket struct {
	ID       int64   `json:"id"`
	Subject  *string `json:"subject"`
	Status   string  `json:"status"`
	Priority *string `json:"priority"`
	Type     *string `json:"type"`
	Req      *int64  `json:"requester_id"`
	Sub      *int64  `json:"submitter_id"`
	Asg      *int64  `json:"assignee_id"`
	Org      *int64  `json:"organization_id"`
	Grp      *int64  `json:"group_id"`
	Via      *struct {
		Channel string `json:"channel"`
	} `json:"via"`
	Tags      []string `json:"tags"`
	CreatedAt string   `json:"created_at"`
	UpdatedAt string   `json:"updated_at"`
}

func deref[T any](p *T) T {
	if p == nil {
		var z T
		return z
	}
	return *p
}

var ticketStatuses = []string{"new", "open", "pending", "hold", "solved", "closed", "deleted"}
var priorities = []string{"", "low", "normal", "high", "urgent"}

// ReadTickets reads incremental tickets pages; see ReadTicketsContext.
func ReadTickets(r io.Reader, opts Options) (Tickets, error) {
	return ReadTicketsContext(context.Background(), r, opts)
}

// ReadTicketsContext reads pages of the incremental tickets export: objects with a
// "tickets" array (and end_time, next_page, count or after_cursor, after_url, and
// end_of_stream, which are skipped). From each ticket it reads id, subject, status (new,
// open, pending, hold, solved, closed, deleted), priority (low, normal, high, urgent or
// null), type, requester_id, submitter_id, assignee_id, organization_id, group_id,
// via.channel, tags, created_at and updated_at (ISO 8601, "2026-06-01T10:00:00Z"). ctx is
// checked every 1024 tickets.
func ReadTicketsContext(ctx context.Context, r io.Reader, opts Options) (Tickets, error) {
	if err := opts.check("zendesk: tickets", r); err != nil {
		return Tickets{}, err
	}
	errs := tabular.NewErrors("zendesk: tickets")
	var out Tickets
	at := map[int64]int{}
	err := tabular.Pages(ctx, r, opts.Limits.Or(), errs, map[string]tabular.Handler{
		"tickets": {Each: func(raw json.RawMessage, i int) error {
			p := "tickets[" + strconv.Itoa(i) + "]"
			var a apiTicket
			if err := json.Unmarshal(raw, &a); err != nil {
				errs.Add(p, "json", "want a ticket object: "+why(err))
				return nil
			}
			t := Ticket{ID: a.ID, Subject: deref(a.Subject), Status: a.Status, Priority: deref(a.Priority), Type: deref(a.Type),
				RequesterID: deref(a.Req), SubmitterID: deref(a.Sub), AssigneeID: deref(a.Asg), OrganizationID: deref(a.Org),
				GroupID: deref(a.Grp), Tags: a.Tags}
			if a.Via != nil {
				t.Channel = a.Via.Channel
			}
			if t.ID <= 0 {
				errs.Add(p+".id", "required", "want a positive ticket id")
				return nil
			}
			if !slices.Contains(ticketStatuses, t.Status) {
				errs.Add(p+".status", "oneof", tabular.Quote(t.Status)+" is not a ticket status: want new, open, pending, hold, solved, closed or deleted")
			}
			if !slices.Contains(priorities, t.Priority) {
				errs.Add(p+".priority", "oneof", tabular.Quote(t.Priority)+" is not a priority: want low, normal, high, urgent or null")
			}
			t.CreatedAt = parseTime(errs, p+".created_at", a.CreatedAt, true)
			t.UpdatedAt = parseTime(errs, p+".updated_at", a.UpdatedAt, false)
			if k, seen := at[t.ID]; seen {
				if !t.UpdatedAt.Before(out.Tickets[k].UpdatedAt) {
					out.Tickets[k] = t
				}
				return nil
			}
			at[t.ID] = len(out.Tickets)
			out.Tickets = append(out.Tickets, t)
			return nil
		}},
	})
	if err != nil {
		return Tickets{}, err
	}
	if err := errs.Err(); err != nil {
		return Tickets{}, err
	}
	kept := out.Tickets[:0]
	for _, t := range out.Tickets {
		if t.Status == "deleted" {
			out.Deleted = append(out.Deleted, t.ID)
			continue
		}
		kept = append(kept, t)
	}
	out.Tickets = kept
	return out, nil
}

// parseTime reads an ISO 8601 time as Zendesk writes it; an empty value is an error when
// required.
func parseTime(errs *tabular.Errors, path, s string, required bool) time.Time {
	if s == "" {
		if required {
			errs.Add(path, "required", "is required")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		errs.Add(path, "time", tabular.Quote(s)+" is not an ISO 8601 time such as 2026-06-01T10:00:00Z")
	}
	return t
}

// why describes a decoding error without echoing input.
func why(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		return "field " + te.Field + " is a JSON " + te.Value + ", want " + te.Type.String()
	}
	return "malformed"
}
