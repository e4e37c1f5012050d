package metrics

import (
	"fmt"

	"github.com/productops/productops/internal/stats"
)

// Rate is a proportion derived from counts, carried with the counts it came from and its 95%
// Wilson score interval. A rate whose denominator is 0 is undefined: Defined is false and
// Value, Low and High are 0, never a made-up 0% or 100%.
type Rate struct {
	// Numerator counts the successes (retained users, converted users, ...); 0 or more.
	Numerator int64 `json:"numerator"`
	// Denominator counts the trials (cohort size, users entering a step, ...); 0 or more.
	Denominator int64 `json:"denominator"`
	// Defined is false when Denominator is 0.
	Defined bool `json:"defined"`
	// Value is Numerator/Denominator in [0, 1].
	Value float64 `json:"value"`
	// Low and High bound the 95% Wilson score interval, within [0, 1].
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// NewRate returns num/den with its 95% Wilson interval. A den of 0 gives an undefined
// rate. Counts that are negative or a num above den also give an undefined rate; callers
// validate counts before they get here.
func NewRate(num, den int64) Rate {
	r := Rate{Numerator: num, Denominator: den}
	if den <= 0 || num < 0 || num > den {
		return r
	}
	r.Defined = true
	r.Value = float64(num) / float64(den)
	r.Low, r.High = stats.Wilson(num, den, stats.Z95)
	return r
}

// String formats the rate as "45.00% (9/20, 95% CI 25.82%–65.79%)", or "undefined (0/0)".
func (r Rate) String() string {
	if !r.Defined {
		return fmt.Sprintf("undefined (%d/%d)", r.Numerator, r.Denominator)
	}
	return fmt.Sprintf("%.2f%% (%d/%d, 95%% CI %.2f%%–%.2f%%)", 100*r.Value, r.Numerator, r.Denominator, 100*r.Low, 100*r.High)
}
