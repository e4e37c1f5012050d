package roadmap

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// ScheduleHealth computes health from the calendar, separately from the health a person
// reports (Item.Health):
//
//	expected = elapsed / duration over span [Start, End), clamped to 0-1
//	gap      = expected - progress
//
// Done and Canceled items have no schedule health (HealthUnknown). Otherwise: past End
// ⇒ OffTrack; gap <= 0.165 ⇒ OnTrack; gap <= 0.33 ⇒ AtRisk; else OffTrack. The reason
// shows the numbers. progress is 0-1 (for example ProgressResult.Value); an empty or
// reversed span has no schedule health.
func ScheduleHealth(span DateRange, progress decimal.Decimal, status Category, asOf time.Time) Health {
	if status == Done || status == Canceled {
		return Health{Reason: fmt.Sprintf("%s: no schedule health", status), At: asOf}
	}
	if !span.Start.Before(span.End) {
		return Health{Reason: "no date range", At: asOf}
	}
	if !asOf.Before(span.End) {
		return Health{Status: OffTrack, Reason: fmt.Sprintf("past its end (%s) at progress %s", span.End.Format(time.DateOnly), progress), At: asOf}
	}
	expected := decimal.Zero
	if asOf.After(span.Start) {
		expected = decimal.NewFromInt(int64(asOf.Sub(span.Start)/time.Second)).
			DivRound(decimal.NewFromInt(int64(span.End.Sub(span.Start)/time.Second)), RatioScale)
	}
	gap := expected.Sub(progress)
	// Cut-offs from Engagedly's goal rules, mapped onto Linear's three health values.
	onTrackGap, atRiskGap := decimal.New(165, -3), decimal.New(33, -2)
	h := Health{Status: OffTrack, At: asOf}
	switch {
	case gap.Cmp(onTrackGap) <= 0:
		h.Status = OnTrack
	case gap.Cmp(atRiskGap) <= 0:
		h.Status = AtRisk
	}
	h.Reason = fmt.Sprintf("expected %s by now, progress %s (gap %s)", expected, progress, gap)
	return h
}
