package feedback

import (
	"time"

	"github.com/productops/productops/internal/validation"
)

// Vote is a person's vote on a [Request], possibly cast on their behalf (Canny's vote "by",
// Pendo's votes on behalf of visitors). Several votes of one person on one request count
// once in [Demand]: the latest wins.
type Vote struct {
	// Request is the request voted on; required, and in a [Dataset] a known request.
	Request RequestID `json:"request" validate:"required"`
	// Person is whose vote it is; required, and in a [Dataset] a known person.
	Person PersonID `json:"person" validate:"required"`
	// CastBy is who entered the vote on the person's behalf; empty when the person voted.
	CastBy PersonID `json:"cast_by,omitempty"`
	// CreatedAt is when the vote was cast; required.
	CreatedAt time.Time `json:"created_at"`
	// Importance is the level on the [ImportanceScale] in use; nil means the scale's Default.
	Importance *int `json:"importance,omitempty"`
	// Channel is where the vote was given; zero is [ChannelInsight] (entered in the app,
	// the latest importance wins); a vote from a customer portal or Slack is
	// [ChannelPortal]. See [SignalChannel].
	Channel SignalChannel `json:"channel,omitempty"`
}

// Validate reports every bad field of the vote on its own (references and the scale are
// checked by [Dataset.Validate] and [Demand]).
func (v Vote) Validate() error {
	e := validation.New("feedback: vote of " + quoteID(string(v.Person)) + " on " + quoteID(string(v.Request)))
	v.validateInto(e, "")
	return e.Err()
}

func (v Vote) validateInto(e *validation.Errors, prefix string) {
	e.Struct(prefix, v)
	if v.CreatedAt.IsZero() {
		e.Add(joinPath(prefix, "created_at"), "required", "", "is required")
	}
	if v.Importance != nil && *v.Importance < 0 {
		e.Addf(joinPath(prefix, "importance"), "gte", "%d is negative", *v.Importance)
	}
	if !channelSet.Valid(v.Channel) {
		e.Addf(joinPath(prefix, "channel"), "oneof", "undefined channel %d", v.Channel)
	}
}
