package feedback

import (
	"fmt"
	"time"

	"github.com/productops/productops/internal/validation"
	"github.com/shopspring/decimal"
)

// OpportunityID identifies an [Opportunity]: an opaque, non-empty string chosen by the
// caller (a CRM deal ID).
type OpportunityID string

// Opportunity is a sales opportunity (a deal) of an account that depends on requests
// (Canny's opportunities, Productboard's opportunity notes). While open it is pipeline:
// [Demand] sums the value of the open opportunities linked to each request, each
// opportunity once.
type Opportunity struct {
	// ID identifies the opportunity; required and unique in a [Dataset].
	ID OpportunityID `json:"id" validate:"required"`
	// Account is the account the deal is with; required, and in a [Dataset] a known account.
	Account AccountID `json:"account" validate:"required"`
	// Requests are the requests the deal depends on; at least one, each known in a
	// [Dataset].
	Requests []RequestID `json:"requests" validate:"required,min=1"`
	// Value is the deal's amount in Currency, at least 0 (zero is a deal of no stated
	// value); at most 40 digits, exponent within ±40.
	Value decimal.Decimal `json:"value"`
	// Currency is the ISO 4217 code of Value; required when Value is not zero.
	Currency string `json:"currency,omitempty"`
	// CreatedAt is when the deal opened; zero means it always existed.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// ClosedAt is when the deal closed, won or lost; zero while open.
	ClosedAt time.Time `json:"closed_at,omitzero"`
	// Won says a closed deal was won (ignored while open).
	Won bool `json:"won,omitempty"`
}

// OpenAt reports whether the opportunity is open at t: created by t and not closed by t.
func (o Opportunity) OpenAt(t time.Time) bool {
	return (o.CreatedAt.IsZero() || !o.CreatedAt.After(t)) && (o.ClosedAt.IsZero() || o.ClosedAt.After(t))
}

// Validate reports every bad field of the opportunity on its own (references are checked
// by [Dataset.Validate]).
func (o Opportunity) Validate() error {
	e := validation.New("feedback: opportunity " + quoteID(string(o.ID)))
	o.validateInto(e, "")
	return e.Err()
}

func (o Opportunity) validateInto(e *validation.Errors, prefix string) {
	e.Struct(prefix, o)
	switch {
	case !validation.DecimalBounded(o.Value):
		e.Add(joinPath(prefix, "value"), "dbound", "", "must have at most 40 digits and an exponent within ±40")
	case o.Value.Sign() < 0:
		e.Add(joinPath(prefix, "value"), "dgte", "0", "must be at least 0")
	}
	if o.Currency != "" && !isCurrencyCode(o.Currency) {
		e.Addf(joinPath(prefix, "currency"), "iso4217", "%q is not a three-letter upper-case currency code", validation.Truncate(o.Currency))
	}
	if !o.Value.IsZero() && o.Currency == "" {
		e.Add(joinPath(prefix, "currency"), "required_with", "value", "required when value is set")
	}
	if !o.ClosedAt.IsZero() && !o.CreatedAt.IsZero() && o.ClosedAt.Before(o.CreatedAt) {
		e.Add(joinPath(prefix, "closed_at"), "gtefield", "created_at", "must not be before created_at")
	}
	seen := make(map[RequestID]int, len(o.Requests))
	for i, r := range o.Requests {
		if j, dup := seen[r]; dup {
			e.Addf(joinPath(prefix, fmt.Sprintf("requests[%d]", i)), "unique", "repeats requests[%d]", j)
		}
		seen[r] = i
	}
}
