package feedback

import (
	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// PersonID identifies a [Person]: an opaque, non-empty string chosen by the caller (a user ID,
// an email address).
type PersonID string

// PersonRole says whose voice a person is. The zero value is [RoleCustomer].
type PersonRole uint8

// Person roles (Pendo's visitor / prospect / internal split).
const (
	RoleCustomer PersonRole = iota // a user at a customer account
	RoleProspect                   // someone evaluating the product
	RoleInternal                   // an employee of the vendor
)

var roleSet = enum.Set[PersonRole]{Subject: "feedback: person role", Kind: "person role", Names: []string{"customer", "prospect", "internal"}}

// String returns the role's text form ("customer"), or "person role(n)" when undefined.
func (r PersonRole) String() string { return roleSet.String(r) }

// MarshalText encodes the role as its text form; an undefined value is an error.
func (r PersonRole) MarshalText() ([]byte, error) { return roleSet.Marshal(r) }

// UnmarshalText decodes a text form written by MarshalText ("prospect").
func (r *PersonRole) UnmarshalText(b []byte) error { return roleSet.Unmarshal(r, b) }

// Person is someone who gives feedback or votes: identity is by ID (Productboard and Pendo key
// people by email; use the email as the ID if that is your key).
type Person struct {
	// ID identifies the person; required and unique in a [Dataset].
	ID PersonID `json:"id" validate:"required"`
	// Name is a display name; optional.
	Name string `json:"name,omitempty"`
	// Email is the person's address; optional.
	Email string `json:"email,omitempty" validate:"omitempty,email"`
	// Account is the account the person belongs to; empty for none. In a [Dataset] it must
	// name a known account.
	Account AccountID `json:"account,omitempty"`
	// Role is whose voice this is.
	Role PersonRole `json:"role"`
	// Segment is the person's own segment (Productboard's user segments, such as
	// "admin" or "beta tester"), weighted by [DemandOptions].PersonSegmentWeights; empty
	// for none. The account's segment is separate (AccountState.Segment).
	Segment string `json:"segment,omitempty"`
}

// Validate reports every bad field of the person on its own (references are checked by
// [Dataset.Validate]).
func (p Person) Validate() error {
	e := validation.New("feedback: person " + quoteID(string(p.ID)))
	p.validateInto(e, "")
	return e.Err()
}

func (p Person) validateInto(e *validation.Errors, prefix string) {
	e.Struct(prefix, p)
	if !roleSet.Valid(p.Role) {
		e.Addf(joinPath(prefix, "role"), "oneof", "undefined role %d", p.Role)
	}
}
