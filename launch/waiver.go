package launch

import (
	"strings"
	"time"

	"github.com/productops/productops/internal/enum"
)

// Waiver excuses one checklist item for a while: the item leaves the score and its
// reason becomes a Risk ("waived") instead of whatever it was.
//
// A waiver is active at asOf iff it has an approver and GrantedAt <= asOf < ExpiresAt
// (half-open: at the expiry instant it no longer applies). A waiver without an approver
// (empty or blank) is invalid: it never applies, and an unfinished item that has one is
// reported with its own reason, waiver_invalid, whatever the waiver's window, rather than
// as expired or merely incomplete. A NotApplicable item without a reason cannot be waived
// (write the reason instead).
type Waiver struct {
	// Item is the waived item's ID; it must name an item of the plan.
	Item ItemID `json:"item" validate:"required,max=128"`
	// Approver is who accepted the exception; without one the waiver is invalid.
	Approver string `json:"approver" validate:"max=200"`
	// Reason says why the launch may proceed without the item; required.
	Reason string `json:"reason" validate:"required,max=1000"`
	// GrantedAt is when the waiver starts; zero means it has always applied. Within
	// years 1..9999.
	GrantedAt time.Time `json:"granted_at,omitzero"`
	// ExpiresAt is the first instant the waiver no longer applies; required, after
	// GrantedAt, within years 1..9999.
	ExpiresAt time.Time `json:"expires_at"`
}

// approved reports whether the waiver names an approver (blank does not count).
func (w *Waiver) approved() bool { return strings.TrimSpace(w.Approver) != "" }

// WaiverState is what the waivers of one item amount to at the evaluation instant. The
// zero value is WaiverNone.
type WaiverState uint8

// Waiver states, in the order they take precedence when an item has several waivers:
// an active one wins, then an invalid one, then an expired one, then one not yet granted.
const (
	// WaiverNone: the item has no waiver.
	WaiverNone WaiverState = iota
	// WaiverActive: an approved waiver applies at asOf.
	WaiverActive
	// WaiverInvalid: no waiver applies and one has no approver.
	WaiverInvalid
	// WaiverExpired: no waiver applies and an approved one has expired (asOf >= ExpiresAt).
	WaiverExpired
	// WaiverNotYetActive: the only waivers are approved and start after asOf.
	WaiverNotYetActive
)

var waiverStateEnum = enum.Set[WaiverState]{Subject: "launch: waiver state", Kind: "waiver state",
	Names: []string{"none", "active", "invalid", "expired", "not_yet_active"}}

// String returns "none", "active", "invalid", "expired" or "not_yet_active".
func (s WaiverState) String() string { return waiverStateEnum.String(s) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (s WaiverState) MarshalText() ([]byte, error) { return waiverStateEnum.Marshal(s) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (s *WaiverState) UnmarshalText(b []byte) error { return waiverStateEnum.Unmarshal(s, b) }

// active reports whether w applies at asOf.
func (w *Waiver) active(asOf time.Time) bool {
	return w.approved() && !asOf.Before(w.GrantedAt) && asOf.Before(w.ExpiresAt)
}

// stateOf folds the waivers of one item (in a fixed order) at asOf, returning the state
// and the waiver that decided it (nil for WaiverNone).
func stateOf(ws []*Waiver, asOf time.Time) (WaiverState, *Waiver) {
	var invalid, expired, future *Waiver
	for _, w := range ws {
		switch {
		case w.active(asOf):
			return WaiverActive, w
		case !w.approved():
			if invalid == nil {
				invalid = w
			}
		case !asOf.Before(w.ExpiresAt):
			if expired == nil || w.ExpiresAt.After(expired.ExpiresAt) {
				expired = w
			}
		default:
			if future == nil {
				future = w
			}
		}
	}
	switch {
	case invalid != nil:
		return WaiverInvalid, invalid
	case expired != nil:
		return WaiverExpired, expired
	case future != nil:
		return WaiverNotYetActive, future
	}
	return WaiverNone, nil
}
