package roadmap

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// HealthRule names the rule that decided a computed schedule health.
type HealthRule int

// The rules, in the order ScheduleHealth applies them.
const (
	// RuleClosed: the item is Done or Canceled; it has no schedule health.
	RuleClosed HealthRule = iota
	// RuleNoRange: the span is the zero DateRange (no dates); no schedule health.
	RuleNoRange
	// RulePastEnd: asOf is at or after the span's end and the item is not closed: OffTrack.
	RulePastEnd
	// RuleGap: the gap between expected and actual progress decides (OnTrack up to
	// 0.165, AtRisk up to 0.33, OffTrack beyond).
	RuleGap
)

var healthRuleSet = enum.Set[HealthRule]{Subject: "roadmap: health rule", Kind: "health rule", Names: []string{"closed", "no_range", "past_end", "gap"}}

// String returns "closed", "no_range", "past_end" or "gap".
func (r HealthRule) String() string { return healthRuleSet.String(r) }

// MarshalText encodes r as its String form; an invalid rule is an error.
func (r HealthRule) MarshalText() ([]byte, error) { return healthRuleSet.Marshal(r) }

// UnmarshalText decodes a rule name (case-insensitive).
func (r *HealthRule) UnmarshalText(b []byte) error { return healthRuleSet.Unmarshal(r, b) }

// The gap cut-offs of ScheduleHealth, from Engagedly's goal rules (on track within 16.5
// percentage points, behind within 33), mapped onto Linear's three health values.
func onTrackGap() decimal.Decimal { return decimal.New(165, -3) }
func atRiskGap() decimal.Decimal  { return decimal.New(33, -2) }

// ScheduleHealthResult is a computed schedule health with the numbers behind it.
type ScheduleHealthResult struct {
	// Status is OnTrack, AtRisk or OffTrack; HealthUnknown under RuleClosed and
	// RuleNoRange.
	Status HealthStatus `json:"status"`
	// Rule is the rule that decided Status.
	Rule HealthRule `json:"rule"`
	// Expected is the share of the span elapsed at asOf, counted in calendar days of the
	// span's zone (so a DST change does not move it), 0 to 1 at RatioScale digits; 0
	// under RuleClosed and RuleNoRange, 1 under RulePastEnd.
	Expected decimal.Decimal `json:"expected"`
	// Progress is the progress passed in, 0 to 1.
	Progress decimal.Decimal `json:"progress"`
	// Gap is Expected - Progress, -1 to 1, positive when behind schedule; 0 under
	// RuleClosed and RuleNoRange.
	Gap decimal.Decimal `json:"gap"`
	// ElapsedDays and TotalDays are the calendar days from the span's start to asOf
	// (clamped to the span) and to its end, in the span's zone; fractional when an instant
	// is not a midnight (a 23-hour day counts as one day). Zero under RuleClosed and
	// RuleNoRange.
	ElapsedDays decimal.Decimal `json:"elapsed_days"`
	TotalDays   decimal.Decimal `json:"total_days"` // see ElapsedDays.
	// Reason shows the numbers for people.
	Reason string `json:"reason"`
	// At is asOf.
	At time.Time `json:"at"`
}

// Health returns the result as a Health, to store in Item.Health or compare with the
// health a person reported.
func (r ScheduleHealthResult) Health() Health {
	return Health{Status: r.Status, Reason: r.Reason, At: r.At}
}

// dayScale is the fractional digits of a day count that is not a whole number of days.
const dayScale = 9

// ScheduleHealth computes health from the calendar, separately from the health a person
// reports (Item.Health):
//
//	expected = elapsed days / days of span [Start, End), clamped to 0-1
//	gap      = expected - progress
//
// Days are calendar days in the zone of span.Start (the zone of the Calendar that made the
// span): in a quarter of 90 days, 45 days after its first midnight expected is exactly
// 0.5, whether or not a DST change lies between. Rules, in order: Done and Canceled items
// have no schedule health (RuleClosed); the zero span has none (RuleNoRange); at or after
// End ⇒ OffTrack (RulePastEnd); otherwise gap <= 0.165 ⇒ OnTrack, gap <= 0.33 ⇒ AtRisk,
// else OffTrack (RuleGap; the cut-offs are Engagedly's goal rules mapped onto Linear's
// three health values). progress is 0-1 (for example ProgressResult.Value).
//
// Errors (a *productops.ValidationError): progress unbounded or outside 0-1, an invalid
// status, and a non-zero span that is empty or reversed.
func ScheduleHealth(span DateRange, progress decimal.Decimal, status Category, asOf time.Time) (ScheduleHealthResult, error) {
	e := validation.New("roadmap: schedule health")
	if bounded(e, "progress", progress) && (progress.Sign() < 0 || progress.Cmp(decimal.NewFromInt(1)) > 0) {
		e.Addf("progress", "range", "must be between 0 and 1, got %s", validation.Truncate(progress.String()))
	}
	if !status.valid() {
		e.Addf("status", "oneof", "must be a status category")
	}
	if span != (DateRange{}) && !span.Start.Before(span.End) {
		e.Addf("span.end", "gtfield", "must be after the start")
	}
	if err := e.Err(); err != nil {
		return ScheduleHealthResult{}, err
	}
	r := ScheduleHealthResult{Progress: progress, At: asOf}
	switch {
	case status == Done || status == Canceled:
		r.Rule, r.Reason = RuleClosed, fmt.Sprintf("%s: no schedule health", status)
		return r, nil
	case span == (DateRange{}):
		r.Rule, r.Reason = RuleNoRange, "no date range"
		return r, nil
	}
	loc := span.Start.Location()
	r.TotalDays = daysBetween(span.Start, span.End, loc)
	if !asOf.Before(span.End) {
		r.Rule, r.Status = RulePastEnd, OffTrack
		r.Expected, r.ElapsedDays = decimal.NewFromInt(1), r.TotalDays
		r.Gap = r.Expected.Sub(progress)
		r.Reason = fmt.Sprintf("past its end (%s) at progress %s", span.End.In(loc).Format(time.DateOnly), progress)
		return r, nil
	}
	r.Rule, r.Expected = RuleGap, decimal.Zero
	if asOf.After(span.Start) {
		r.ElapsedDays = daysBetween(span.Start, asOf, loc)
		if r.TotalDays.Sign() > 0 {
			r.Expected = r.ElapsedDays.DivRound(r.TotalDays, RatioScale)
		} else {
			// A span shorter than a billionth of a day: measure it in nanoseconds.
			r.Expected = decimal.NewFromInt(int64(asOf.Sub(span.Start))).DivRound(decimal.NewFromInt(int64(span.End.Sub(span.Start))), RatioScale)
		}
	}
	r.Gap = r.Expected.Sub(progress)
	switch {
	case r.Gap.Cmp(onTrackGap()) <= 0:
		r.Status = OnTrack
	case r.Gap.Cmp(atRiskGap()) <= 0:
		r.Status = AtRisk
	default:
		r.Status = OffTrack
	}
	r.Reason = fmt.Sprintf("expected %s by now (day %s of %s), progress %s (gap %s)", r.Expected, r.ElapsedDays, r.TotalDays, progress, r.Gap)
	return r, nil
}

// daysBetween counts the calendar days in loc from a to b (a <= b): whole days between
// their dates plus the difference of the shares of their own days elapsed.
func daysBetween(a, b time.Time, loc *time.Location) decimal.Decimal {
	da, nsa, la := dayPosition(a, loc)
	db, nsb, lb := dayPosition(b, loc)
	days := decimal.NewFromInt(db - da)
	if nsb != 0 {
		days = days.Add(decimal.NewFromInt(nsb).DivRound(decimal.NewFromInt(lb), dayScale))
	}
	if nsa != 0 {
		days = days.Sub(decimal.NewFromInt(nsa).DivRound(decimal.NewFromInt(la), dayScale))
	}
	return days
}
