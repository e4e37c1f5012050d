package revenue

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/validation"
)

// CustomerID identifies a paying customer (an account, not a user).
type CustomerID string

// SubscriptionID identifies one subscription of a customer; IDs need only be unique per
// customer.
type SubscriptionID string

// Currency is an ISO 4217 code such as "USD": three upper-case ASCII letters. Revenue in
// different currencies is never summed; convert before building a ledger.
type Currency string

// Validate reports a code that is not three upper-case ASCII letters.
func (c Currency) Validate() error {
	v := validation.New("revenue: currency")
	validateCurrency(v, "", c)
	return v.Err()
}

func validateCurrency(v *validation.Errors, field string, c Currency) {
	ok := len(c) == 3
	for i := 0; ok && i < 3; i++ {
		ok = c[i] >= 'A' && c[i] <= 'Z'
	}
	if !ok {
		v.Addf(field, "iso4217", "must be a three-letter upper-case ISO 4217 code, got %q", validation.Truncate(string(c)))
	}
}

// ErrCurrencyMismatch is matched (errors.Is) by the error returned when revenue records
// carry different currencies. The error is a *CurrencyMismatchError; it also matches
// productops.ErrInvalid.
var ErrCurrencyMismatch = errors.New("revenue: currency mismatch")

// CurrencyMismatchError names the first record whose currency differs from the first
// record's.
type CurrencyMismatchError struct {
	// Index is the position of the offending record in the input.
	Index int
	// Want is the currency of the first record; Got the offending one.
	Want, Got Currency
}

// Error reports the mismatch, such as "revenue: currency mismatch: record 3 is EUR, want USD".
func (e *CurrencyMismatchError) Error() string {
	return fmt.Sprintf("revenue: currency mismatch: record %d is %s, want %s", e.Index, validation.Truncate(string(e.Got)), e.Want)
}

// Is matches ErrCurrencyMismatch and productops.ErrInvalid.
func (e *CurrencyMismatchError) Is(target error) bool {
	return target == ErrCurrencyMismatch || target == productops.ErrInvalid
}

// SubscriptionEvent sets one subscription's monthly recurring revenue from At on: a new
// subscription, an upgrade or downgrade, or a cancellation (MRR 0). Record a cancellation
// at the moment churn should be recognised (for example the end of the paid period).
type SubscriptionEvent struct {
	// Customer owns the subscription; required.
	Customer CustomerID `json:"customer"`
	// Subscription identifies the subscription within the customer; empty is allowed and
	// is one subscription like any other ID.
	Subscription SubscriptionID `json:"subscription"`
	// At is when the new MRR takes effect; required (non-zero).
	At time.Time `json:"at"`
	// MRR is the subscription's monthly recurring revenue from At on, at least 0, with at
	// most 12 fractional digits. Normalise other billing periods with NormalizeMRR.
	MRR decimal.Decimal `json:"mrr"`
	// Currency of MRR; every record of a ledger must have the same one.
	Currency Currency `json:"currency"`
}

// Validate reports every bad field of the event.
func (e SubscriptionEvent) Validate() error {
	v := validation.New("revenue: subscription event")
	validateRevenueRecord(v, "", e.Customer, e.At, e.MRR, e.Currency)
	return v.Err()
}

// Snapshot is one row of a periodic MRR export: a customer's total MRR as of At. Rows
// with the same At form one complete snapshot: a customer seen in an earlier snapshot and
// missing from a later one has MRR 0 from that later At on (churned).
type Snapshot struct {
	// Customer is the customer; required.
	Customer CustomerID `json:"customer"`
	// At is the snapshot time; required (non-zero).
	At time.Time `json:"at"`
	// MRR is the customer's total MRR at At, at least 0, at most 12 fractional digits.
	MRR decimal.Decimal `json:"mrr"`
	// Currency of MRR; every row must have the same one.
	Currency Currency `json:"currency"`
}

// Validate reports every bad field of the row.
func (s Snapshot) Validate() error {
	v := validation.New("revenue: MRR snapshot")
	validateRevenueRecord(v, "", s.Customer, s.At, s.MRR, s.Currency)
	return v.Err()
}

// maxMRRDigits bounds the fractional digits of an MRR amount so amounts convert exactly to
// scaled integers.
const maxMRRDigits = 12

func validateRevenueRecord(v *validation.Errors, prefix string, c CustomerID, at time.Time, mrr decimal.Decimal, cur Currency) {
	if c == "" {
		v.Addf(validation.Path(prefix, "customer"), "required", "is required")
	}
	if at.IsZero() {
		v.Addf(validation.Path(prefix, "at"), "required", "is required")
	}
	if mrr.Sign() < 0 {
		v.Addf(validation.Path(prefix, "mrr"), "dgte", "must be at least 0")
	} else if mrr.Exponent() < -maxMRRDigits && !mrr.Equal(mrr.Truncate(maxMRRDigits)) {
		v.Addf(validation.Path(prefix, "mrr"), "dscale", "must have at most %d fractional digits", maxMRRDigits)
	}
	validateCurrency(v, validation.Path(prefix, "currency"), cur)
}

// NormalizeScale is the number of fractional digits NormalizeMRR rounds to (cents).
const NormalizeScale = 2

// NormalizeMRR converts a recurring charge billed every intervalMonths months into monthly
// recurring revenue, rounded half away from zero to NormalizeScale digits: an annual
// 2000 gives 166.67, a quarterly 300 gives 100. intervalMonths must be at least 1 and the
// amount at least 0.
func NormalizeMRR(amount decimal.Decimal, intervalMonths int) (decimal.Decimal, error) {
	v := validation.New("revenue: MRR normalisation")
	if amount.Sign() < 0 {
		v.Addf("amount", "dgte", "must be at least 0")
	}
	if intervalMonths < 1 {
		v.Addf("intervalMonths", "gte", "must be at least 1")
	}
	if err := v.Err(); err != nil {
		return decimal.Decimal{}, err
	}
	return amount.DivRound(decimal.NewFromInt(int64(intervalMonths)), NormalizeScale), nil
}
