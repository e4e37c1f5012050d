package launch

import "time"

// Waiver excuses one checklist item for a while: the item leaves the score and its
// reason becomes a Risk ("waived") instead of whatever it was.
//
// A waiver is active at asOf iff Approver is not empty and GrantedAt <= asOf < ExpiresAt
// (half-open: at the expiry instant it no longer applies). A waiver without an approver is
// never active; the evaluation says so in the item's reason rather than ignoring it.
// A NotApplicable item without a reason cannot be waived (write the reason instead).
type Waiver struct {
	// Item is the waived item's ID; it must name an item of the plan.
	Item ItemID `json:"item" validate:"required"`
	// Approver is who accepted the exception.
	Approver string `json:"approver" validate:"max=200"`
	// Reason says why the launch may proceed without the item; required.
	Reason string `json:"reason" validate:"required,max=1000"`
	// GrantedAt is when the waiver starts; zero means it has always applied.
	GrantedAt time.Time `json:"granted_at,omitzero"`
	// ExpiresAt is the first instant the waiver no longer applies; required and after
	// GrantedAt.
	ExpiresAt time.Time `json:"expires_at"`
}

// waiverState is what the waivers of one item amount to at asOf.
type waiverState uint8

const (
	waiverNone       waiverState = iota // no waiver, or none granted yet
	waiverActive                        // at least one active waiver
	waiverExpired                       // none active, at least one expired
	waiverUnapproved                    // none active or expired, one without approver in its window
)

// active reports whether w applies at asOf.
func (w *Waiver) active(asOf time.Time) bool {
	return w.Approver != "" && !asOf.Before(w.GrantedAt) && asOf.Before(w.ExpiresAt)
}

// stateOf folds the waivers of one item at asOf, returning the state and the waiver that
// decided it (nil for waiverNone).
func stateOf(ws []*Waiver, asOf time.Time) (waiverState, *Waiver) {
	var expired, unapproved *Waiver
	for _, w := range ws {
		switch {
		case w.active(asOf):
			return waiverActive, w
		case !asOf.Before(w.ExpiresAt):
			if expired == nil || w.ExpiresAt.After(expired.ExpiresAt) {
				expired = w
			}
		case w.Approver == "" && !asOf.Before(w.GrantedAt):
			unapproved = w
		}
	}
	if expired != nil {
		return waiverExpired, expired
	}
	if unapproved != nil {
		return waiverUnapproved, unapproved
	}
	return waiverNone, nil
}
