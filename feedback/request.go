package feedback

import (
	"errors"
	"fmt"
	"github.com/productops/productops/internal/enum"
	"time"

	"github.com/productops/productops/internal/validation"
)

// RequestID identifies a [Request] (or a roadmap item used as a link target): an opaque,
// non-empty string chosen by the caller.
type RequestID string

// RequestStatus is a request's place in its lifecycle. The zero value is [RequestNew].
//
// The lifecycle is the superset of Canny, Fider and Pendo: new → under review → planned →
// in progress → completed, with declined and closed as other ends. New is only ever the first
// status; an ended request may be reopened to under review or planned. Merging is not a
// status: see [Dataset.Merge].
type RequestStatus uint8

// Request statuses.
const (
	RequestNew         RequestStatus = iota // untriaged (Pendo "not reviewed", Savio "untriaged")
	RequestUnderReview                      // being considered
	RequestPlanned                          // on the roadmap
	RequestInProgress                       // being built
	RequestCompleted                        // shipped
	RequestDeclined                         // will not be done
	RequestClosed                           // closed for another reason
)

var requestStatusSet = enum.Set[RequestStatus]{Subject: "feedback: request status", Kind: "request status", Names: []string{"new", "under_review", "planned", "in_progress", "completed", "declined", "closed"}}

// String returns the status's text form ("in_progress"), or "request status(n)" when undefined.
func (s RequestStatus) String() string { return requestStatusSet.String(s) }

// MarshalText encodes the status as its text form; an undefined value is an error.
func (s RequestStatus) MarshalText() ([]byte, error) { return requestStatusSet.Marshal(s) }

// UnmarshalText decodes a text form written by MarshalText ("planned").
func (s *RequestStatus) UnmarshalText(b []byte) error { return requestStatusSet.Unmarshal(s, b) }

// Open reports whether the status is one of new, under review, planned and in progress.
func (s RequestStatus) Open() bool { return s <= RequestInProgress }

// ErrStatusTransition is returned (wrapped) by [Request.SetStatus] for a change the lifecycle
// does not allow.
var ErrStatusTransition = errors.New("feedback: status transition not allowed")

// CanTransition reports whether the lifecycle allows a change from s to next: any change to
// a different defined status except back to new, and from an ended status (completed,
// declined, closed) only a reopening to under review or planned.
func (s RequestStatus) CanTransition(next RequestStatus) bool {
	if !requestStatusSet.Valid(next) || !requestStatusSet.Valid(s) || next == s || next == RequestNew {
		return false
	}
	if !s.Open() {
		return next == RequestUnderReview || next == RequestPlanned
	}
	return true
}

// StatusChange is one entry of a request's status history.
type StatusChange struct {
	// From and To are the statuses before and after.
	From RequestStatus `json:"from"`
	To   RequestStatus `json:"to"`
	// At is when the change happened; required.
	At time.Time `json:"at"`
	// By is who made the change; optional.
	By PersonID `json:"by,omitempty"`
	// Note is the comment shown with the change (Canny's changeComment); optional.
	Note string `json:"note,omitempty"`
}

// Request is a feature request (Canny post, Pendo request, Productboard feature).
type Request struct {
	// ID identifies the request; required and unique in a [Dataset].
	ID RequestID `json:"id" validate:"required"`
	// Title is a short description.
	Title string `json:"title"`
	// Status is the current status; it equals the last History entry's To.
	Status RequestStatus `json:"status"`
	// History lists every status change, oldest first, starting from new.
	History []StatusChange `json:"history,omitempty"`
	// Themes are the themes the request belongs to; in a [Dataset] known themes.
	Themes []ThemeID `json:"themes,omitempty"`
	// MergedInto is the request this one was merged into as a duplicate; empty when not
	// merged. Set it with [Dataset.Merge]; demand follows the chain to its end.
	MergedInto RequestID `json:"merged_into,omitempty"`
	// MergedAt is when the merge happened; zero when not merged.
	MergedAt time.Time `json:"merged_at,omitzero"`
}

// SetStatus changes the request's status to next at the instant at, appending to History.
// It returns an error matching both [ErrStatusTransition] and productops.ErrInvalid (a
// *productops.ValidationError) when the lifecycle forbids the change, or when at is before
// the last change; and a validation error for a nil r.
func (r *Request) SetStatus(next RequestStatus, at time.Time, by PersonID, note string) error {
	if r == nil {
		return nilError("feedback: request", "request")
	}
	subject := "feedback: request " + quoteID(string(r.ID))
	if !r.Status.CanTransition(next) {
		return invalidAnd(ErrStatusTransition, inputError(subject, "status", "transition", "%s to %s is not allowed", r.Status, next))
	}
	if n := len(r.History); n > 0 && at.Before(r.History[n-1].At) {
		return invalidAnd(ErrStatusTransition, inputError(subject, "history", "order", "a change at %s is before the last change at %s",
			at.Format(time.RFC3339), r.History[n-1].At.Format(time.RFC3339)))
	}
	r.History = append(r.History, StatusChange{From: r.Status, To: next, At: at, By: by, Note: note})
	r.Status = next
	return nil
}

// StatusAt returns the request's status at t according to its History (new before the first
// change).
func (r Request) StatusAt(t time.Time) RequestStatus {
	s := RequestNew
	for _, c := range r.History {
		if c.At.After(t) {
			break
		}
		s = c.To
	}
	return s
}

// Validate reports every bad field of the request on its own: an undefined status, a history
// that does not chain (each From is the previous To, starting at new), goes back in time,
// makes a forbidden change or does not end at Status, and a merge onto itself.
func (r Request) Validate() error {
	e := validation.New("feedback: request " + quoteID(string(r.ID)))
	r.validateInto(e, "")
	return e.Err()
}

func (r Request) validateInto(e *validation.Errors, prefix string) {
	e.Struct(prefix, r)
	if !requestStatusSet.Valid(r.Status) {
		e.Addf(joinPath(prefix, "status"), "oneof", "undefined status %d", r.Status)
	}
	prev := RequestNew
	var prevAt time.Time
	for i, c := range r.History {
		p := joinPath(prefix, fmt.Sprintf("history[%d]", i))
		if c.From != prev {
			e.Addf(joinPath(p, "from"), "chain", "is %s but the status before was %s", c.From, prev)
		} else if !c.From.CanTransition(c.To) {
			e.Addf(joinPath(p, "to"), "transition", "%s to %s is not allowed", c.From, c.To)
		}
		if c.At.IsZero() {
			e.Add(joinPath(p, "at"), "required", "", "is required")
		} else if c.At.Before(prevAt) {
			e.Addf(joinPath(p, "at"), "order", "is before history[%d]", i-1)
		}
		prev, prevAt = c.To, c.At
	}
	if prev != r.Status {
		e.Addf(joinPath(prefix, "status"), "history", "is %s but the history ends at %s", r.Status, prev)
	}
	if r.MergedInto == r.ID && r.ID != "" {
		e.Add(joinPath(prefix, "merged_into"), "nefield", "id", "a request cannot be merged into itself")
	}
}
