package events

import (
	"math"
	"time"

	"github.com/productops/productops/internal/validation"
)

// UserID identifies the actor an event belongs to (a person, or an account for group
// analytics). It is compared byte for byte: "42" and "042" are different users.
type UserID string

// Event is one row of a product event log.
type Event struct {
	// User is the actor who did the event; required.
	User UserID `json:"user" validate:"required"`
	// Name is the event's name ("signup", "$pageview"); required, compared byte for byte.
	Name string `json:"name" validate:"required"`
	// Time is when the event happened. Required; it must lie between the years 1678 and
	// 2262 (the range of int64 Unix nanoseconds the event log stores).
	Time time.Time `json:"time"`
	// Props are optional event properties (plan, country, utm_source). Funnels break down
	// by one of them. Nil means no properties.
	Props map[string]string `json:"props,omitempty"`
}

// minEventTime and maxEventTime bound the times an event may carry (int64 nanoseconds).
var (
	minEventTime = time.Unix(0, math.MinInt64+1)
	maxEventTime = time.Unix(0, math.MaxInt64)
)

// Validate reports every problem with e as a *productops.ValidationError.
func (e Event) Validate() error {
	v := validation.New("events: event")
	v.Struct("", e)
	validateEventTime(v, "time", e.Time)
	return v.Err()
}

func validateEventTime(v *validation.Errors, field string, t time.Time) {
	switch {
	case t.IsZero():
		v.Add(field, "required", "", "is required")
	case t.Before(minEventTime) || t.After(maxEventTime):
		v.Add(field, "range", "", "must lie between 1678 and 2262")
	}
}
