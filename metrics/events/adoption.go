package events

import (
	"time"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// AdoptionOptions configures Adoption. Feature, From and To are required.
type AdoptionOptions struct {
	// Feature names the event that marks use of the feature.
	Feature string `json:"feature" validate:"required"`
	// ActiveEvents lists the events that make a user active; nil means any event. A user
	// who used the feature is always counted active.
	ActiveEvents []string `json:"active_events,omitempty"`
	// MinUses is how many feature events in the window make an adopter; 0 means 1.
	MinUses int `json:"min_uses" validate:"gte=0"`
	// From and To bound the window [From, To).
	From time.Time `json:"from" validate:"required"`
	To   time.Time `json:"to" validate:"required,gtfield=From"`
}

// AdoptionResult is a feature's adoption in a window.
type AdoptionResult struct {
	// Adopters counts users with at least MinUses feature events in the window.
	Adopters int `json:"adopters"`
	// Active counts users active in the window.
	Active int `json:"active"`
	// Rate is Adopters over Active.
	Rate metrics.Rate `json:"rate"`
}

// Adoption returns the share of users active in [From, To) who used a feature at least
// MinUses times in that window. There is no vendor-standard formula; this is the common
// "users of the feature / active users" with the threshold and window explicit.
func Adoption(l *Log, opts AdoptionOptions) (AdoptionResult, error) {
	if err := validation.Struct("events: adoption options", opts); err != nil {
		return AdoptionResult{}, err
	}
	minUses := max(opts.MinUses, 1)
	from, to := clampNs(opts.From), clampNs(opts.To)
	feature := l.nameID(opts.Feature)
	act := l.matcher(opts.ActiveEvents)
	if len(opts.ActiveEvents) > 0 && act == nil {
		act = make(nameMatcher, len(l.names))
	}
	parts := runParts(l, func() *[2]int64 { return new([2]int64) }, func(c *[2]int64, lo, hi int) {
		for u := lo; u < hi; u++ {
			uses, active := 0, false
			for i := l.off[u]; i < l.off[u+1]; i++ {
				if t := l.ts[i]; t < from || t >= to {
					continue
				}
				if l.name[i] == feature {
					uses++
				}
				if act.match(l.name[i]) {
					active = true
				}
			}
			if uses >= minUses {
				c[0]++
				c[1]++
			} else if active || uses > 0 {
				c[1]++
			}
		}
	})
	var r AdoptionResult
	for _, p := range parts {
		r.Adopters += int(p[0])
		r.Active += int(p[1])
	}
	r.Rate = metrics.NewRate(int64(r.Adopters), int64(r.Active))
	return r, nil
}
