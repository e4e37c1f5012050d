package feedback

import (
	"fmt"
	"github.com/productops/productops/internal/enum"
	"time"

	"github.com/productops/productops/internal/validation"
)

// ItemID identifies a feedback [Item]: an opaque, non-empty string chosen by the caller.
type ItemID string

// ItemState is where an item stands in triage. The zero value is [ItemUnprocessed].
type ItemState uint8

// Item states (Productboard's processed / unprocessed notes, plus archived).
const (
	ItemUnprocessed ItemState = iota // received, not yet triaged
	ItemProcessed                    // triaged: linked or deliberately left unlinked
	ItemArchived                     // kept for the record, out of the inbox
)

var itemStateSet = enum.Set[ItemState]{Subject: "feedback: item state", Kind: "item state", Names: []string{"unprocessed", "processed", "archived"}}

// String returns the state's text form ("processed"), or "item state(n)" when undefined.
func (s ItemState) String() string { return itemStateSet.String(s) }

// MarshalText encodes the state as its text form; an undefined value is an error.
func (s ItemState) MarshalText() ([]byte, error) { return itemStateSet.Marshal(s) }

// UnmarshalText decodes a text form written by MarshalText ("archived").
func (s *ItemState) UnmarshalText(b []byte) error { return itemStateSet.Unmarshal(s, b) }

// Common item sources. Source is free text, so other systems can use their own names.
const (
	SourceSupportTicket = "support_ticket"
	SourceSurvey        = "survey"
	SourceInterview     = "interview"
	SourceSalesCall     = "sales_call"
	SourceAppReview     = "app_review"
	SourcePortal        = "portal"
	SourceEmail         = "email"
	SourceChat          = "chat"
)

// Rating is an explicit score that came with the feedback (stars, CSAT, NPS), on the
// inclusive scale Min..Max.
type Rating struct {
	// Value is the score given, within Min..Max.
	Value int `json:"value"`
	// Min and Max bound the scale (1 and 5 for stars, 0 and 10 for NPS); Min < Max.
	Min int `json:"min"`
	Max int `json:"max"`
}

// Item is one piece of feedback. Source and SourceRecord together are its idempotency key
// (Productboard's source record ID): importing the same record twice is an error in a
// [Dataset], never a second count.
type Item struct {
	// ID identifies the item; required and unique in a [Dataset].
	ID ItemID `json:"id" validate:"required"`
	// Source is the system or channel the item came from ([SourceSupportTicket], ...);
	// required.
	Source string `json:"source" validate:"required"`
	// SourceRecord is the record's ID in Source (a ticket number); required.
	SourceRecord string `json:"source_record" validate:"required"`
	// Text is the feedback itself.
	Text string `json:"text"`
	// Author is who gave the feedback, in a [Dataset] a known person; empty for anonymous
	// feedback, which counts in a request's volume but in no person or account.
	Author PersonID `json:"author,omitempty"`
	// Account is the account the feedback speaks for; empty means the author's account.
	// Anonymous feedback speaks for no account in [Demand] whatever this says.
	Account AccountID `json:"account,omitempty"`
	// CreatedAt is when the feedback was given; required.
	CreatedAt time.Time `json:"created_at"`
	// Rating is an explicit score given with the feedback; nil for none.
	Rating *Rating `json:"rating,omitempty"`
	// Tags are free labels; order is kept, duplicates are an error.
	Tags []string `json:"tags,omitempty"`
	// Themes are the themes the item belongs to (many-to-many); in a [Dataset] known themes.
	Themes []ThemeID `json:"themes,omitempty"`
	// State is the item's triage state.
	State ItemState `json:"state"`
}

// Validate reports every bad field of the item on its own (references are checked by
// [Dataset.Validate]).
func (it Item) Validate() error {
	e := validation.New("feedback: item " + quoteID(string(it.ID)))
	it.validateInto(e, "")
	return e.Err()
}

func (it Item) validateInto(e *validation.Errors, prefix string) {
	e.Struct(prefix, it)
	if it.CreatedAt.IsZero() {
		e.Add(joinPath(prefix, "created_at"), "required", "", "is required")
	}
	if r := it.Rating; r != nil {
		if r.Min >= r.Max {
			e.Addf(joinPath(prefix, "rating.max"), "gtfield", "must be greater than min %d", r.Min)
		} else if r.Value < r.Min || r.Value > r.Max {
			e.Addf(joinPath(prefix, "rating.value"), "range", "%d is outside the scale %d..%d", r.Value, r.Min, r.Max)
		}
	}
	seen := make(map[string]int, len(it.Tags))
	for i, t := range it.Tags {
		if t == "" {
			e.Add(joinPath(prefix, fmt.Sprintf("tags[%d]", i)), "required", "", "is empty")
		} else if j, dup := seen[t]; dup {
			e.Addf(joinPath(prefix, fmt.Sprintf("tags[%d]", i)), "unique", "repeats tags[%d] %q", j, validation.Truncate(t))
		}
		seen[t] = i
	}
	if !itemStateSet.Valid(it.State) {
		e.Addf(joinPath(prefix, "state"), "oneof", "undefined state %d", it.State)
	}
}
