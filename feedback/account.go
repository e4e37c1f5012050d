package feedback

import (
	"fmt"
	"github.com/productops/productops/internal/enum"
	"time"

	"github.com/productops/productops/internal/validation"
	"github.com/shopspring/decimal"
)

// AccountID identifies an [Account]: an opaque, non-empty string chosen by the caller (a CRM
// ID, a domain name).
type AccountID string

// AccountLifecycle is where an account stands with the vendor. The zero value is
// [LifecycleUnknown].
type AccountLifecycle uint8

// Account lifecycles (the superset used by Savio, Pendo and CRMs).
const (
	LifecycleUnknown  AccountLifecycle = iota // not recorded
	LifecycleProspect                         // in a sales pipeline, not yet a customer
	LifecycleTrial                            // trying the product
	LifecycleActive                           // a paying customer
	LifecycleChurned                          // a former customer
)

var lifecycleSet = enum.Set[AccountLifecycle]{Subject: "feedback: account lifecycle", Kind: "account lifecycle", Names: []string{"unknown", "prospect", "trial", "active", "churned"}}

// String returns the lifecycle's text form ("active"), or "account lifecycle(n)" when unknown.
func (l AccountLifecycle) String() string { return lifecycleSet.String(l) }

// MarshalText encodes the lifecycle as its text form; an undefined value is an error.
func (l AccountLifecycle) MarshalText() ([]byte, error) { return lifecycleSet.Marshal(l) }

// UnmarshalText decodes a text form written by MarshalText ("active").
func (l *AccountLifecycle) UnmarshalText(b []byte) error { return lifecycleSet.Unmarshal(l, b) }

// AccountState is what an account looked like at some moment: the fields demand scoring
// reads. MRR and ARR are amounts of Currency per month and per year; both are optional (zero
// means none recorded), and they are never derived from each other.
type AccountState struct {
	// Segment is the account's segment ("enterprise", "smb"); empty means none.
	Segment string `json:"segment,omitempty"`
	// Plan is the account's plan ("pro"); empty means none.
	Plan string `json:"plan,omitempty"`
	// MRR is monthly recurring revenue in Currency, at least 0; zero (decimal.Zero or any
	// other zero) means none recorded. At most 40 digits, exponent within ±40.
	MRR decimal.Decimal `json:"mrr"`
	// ARR is annual recurring revenue in Currency, at least 0, bounded like MRR.
	ARR decimal.Decimal `json:"arr"`
	// Currency is the ISO 4217 code of MRR and ARR ("USD"); required when either is non-zero.
	Currency string `json:"currency,omitempty"`
	// Lifecycle is the account's lifecycle stage.
	Lifecycle AccountLifecycle `json:"lifecycle"`
}

// AccountSnapshot records an account's state from At onwards (until the next snapshot).
type AccountSnapshot struct {
	// At is when this state took effect; required.
	At time.Time `json:"at"`
	AccountState
}

// Account is a customer company. Its own fields are its current state; Snapshots, in any
// order, record earlier (or scheduled) states for scoring demand as of the time of feedback.
type Account struct {
	// ID identifies the account; required and unique in a [Dataset].
	ID AccountID `json:"id" validate:"required"`
	// Name is a display name; optional.
	Name string `json:"name,omitempty"`
	AccountState
	// Snapshots are earlier states, each effective from its At. Every snapshot with revenue
	// must use the account's Currency: one account has one currency.
	Snapshots []AccountSnapshot `json:"snapshots,omitempty"`
}

// Validate reports every bad field: a missing ID, negative revenue, a malformed currency,
// revenue without a currency, an undefined lifecycle, a snapshot without a time, two
// snapshots at the same instant, or revenue in two currencies.
func (a Account) Validate() error {
	e := validation.New("feedback: account " + quoteID(string(a.ID)))
	a.validateInto(e, "")
	return e.Err()
}

func (a Account) validateInto(e *validation.Errors, prefix string) {
	e.Struct(prefix, a)
	validateState(e, prefix, a.AccountState)
	currency := a.Currency
	seen := make(map[time.Time]int, len(a.Snapshots))
	for i, s := range a.Snapshots {
		p := joinPath(prefix, fmt.Sprintf("snapshots[%d]", i))
		validateState(e, p, s.AccountState)
		if s.At.IsZero() {
			e.Add(joinPath(p, "at"), "required", "", "is required")
		}
		if s.hasRevenue() || s.Currency != "" {
			switch {
			case currency == "":
				currency = s.Currency
			case s.Currency != "" && s.Currency != currency:
				e.Addf(joinPath(p, "currency"), "currency",
					"revenue in %s but the account's revenue is in %s: one account has one currency",
					validation.Truncate(s.Currency), validation.Truncate(currency))
			}
		}
		if j, dup := seen[s.At.UTC()]; dup && !s.At.IsZero() {
			e.Addf(joinPath(p, "at"), "unique", "same instant as snapshots[%d]", j)
		}
		seen[s.At.UTC()] = i
	}
}

func validateState(e *validation.Errors, prefix string, s AccountState) {
	for _, f := range []struct {
		name string
		v    decimal.Decimal
	}{{"mrr", s.MRR}, {"arr", s.ARR}} {
		switch {
		case !validation.DecimalBounded(f.v):
			e.Add(joinPath(prefix, f.name), "dbound", "", "must have at most 40 digits and an exponent within ±40")
		case f.v.Sign() < 0:
			e.Add(joinPath(prefix, f.name), "dgte", "0", "must be at least 0")
		}
	}
	if s.Currency != "" && !isCurrencyCode(s.Currency) {
		e.Addf(joinPath(prefix, "currency"), "iso4217", "%q is not a three-letter upper-case currency code", validation.Truncate(s.Currency))
	}
	if s.hasRevenue() && s.Currency == "" {
		e.Add(joinPath(prefix, "currency"), "required_with", "mrr arr", "required when mrr or arr is set")
	}
	if !lifecycleSet.Valid(s.Lifecycle) {
		e.Addf(joinPath(prefix, "lifecycle"), "oneof", "undefined lifecycle %d", s.Lifecycle)
	}
}

func (s AccountState) hasRevenue() bool { return !s.MRR.IsZero() || !s.ARR.IsZero() }

// StateAt returns the account's state at t: the latest snapshot whose At is not after t, or
// the account's own (current) fields when no snapshot is that old. Record a snapshot at the
// account's start to make early feedback read the early state.
func (a Account) StateAt(t time.Time) AccountState {
	best := -1
	for i, s := range a.Snapshots {
		if s.At.After(t) {
			continue
		}
		if best < 0 || s.At.After(a.Snapshots[best].At) {
			best = i
		}
	}
	if best < 0 {
		return a.AccountState
	}
	return a.Snapshots[best].AccountState
}

// isCurrencyCode reports whether c looks like an ISO 4217 code: three letters A-Z.
func isCurrencyCode(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := range 3 {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}
