package feedback

import (
	"time"

	"github.com/productops/productops/internal/validation"
)

// Link connects a feedback [Item] to a [Request] (Productboard's insight). The item's author
// is the person whose demand it expresses. A roadmap item can be the target too: give it a
// [Request] with the roadmap item's ID.
type Link struct {
	// Item is the feedback linked; required, and in a [Dataset] a known item.
	Item ItemID `json:"item" validate:"required"`
	// Request is the request (or roadmap item) the feedback asks for; required, and in a
	// [Dataset] a known request.
	Request RequestID `json:"request" validate:"required"`
	// Importance is the level on the [ImportanceScale] in use; nil means none given (the
	// scale's Default counts). [Demand] rejects a value off the scale.
	Importance *int `json:"importance,omitempty"`
	// CreatedAt is when the link was made; zero means the item's CreatedAt. The latest
	// signal of a person on a request wins.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// Channel is where the importance was given; zero is [ChannelInsight] (set in the app,
	// the latest wins). See [SignalChannel].
	Channel SignalChannel `json:"channel,omitempty"`
}

// Validate reports every bad field of the link on its own (references and the scale are
// checked by [Dataset.Validate] and [Demand]).
func (l Link) Validate() error {
	e := validation.New("feedback: link " + quoteID(string(l.Item)) + " -> " + quoteID(string(l.Request)))
	l.validateInto(e, "")
	return e.Err()
}

func (l Link) validateInto(e *validation.Errors, prefix string) {
	e.Struct(prefix, l)
	if l.Importance != nil && *l.Importance < 0 {
		e.Addf(joinPath(prefix, "importance"), "gte", "%d is negative", *l.Importance)
	}
	if !channelSet.Valid(l.Channel) {
		e.Addf(joinPath(prefix, "channel"), "oneof", "undefined channel %d", l.Channel)
	}
}
