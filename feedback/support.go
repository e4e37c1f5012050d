package feedback

import (
	"context"
	"fmt"
	"github.com/productops/productops/internal/enum"
	"math"
	"slices"
	"time"

	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
)

// FirstReplyTime returns Zendesk's native first reply time of t: from creation to the first
// public comment by a human agent (bot replies never count). For a ticket an agent created
// with a public description it ends at the second public agent comment, that is the first
// one in Events. An agent who solves without a comment and replies after a reopen ends it at
// that reply. With cal it counts business time, else calendar time. ok is false while there
// is no reply. Unlike the SLA metric, a solve does not end it.
func FirstReplyTime(t *Ticket, cal *Calendar) (d time.Duration, ok bool) {
	if t == nil {
		return 0, false
	}
	return firstReply(t, cal, maxNs)
}

// maxNs is the latest supported instant; "no as-of limit".
const maxNs = maxSec * 1e9

func firstReply(t *Ticket, cal *Calendar, now int64) (time.Duration, bool) {
	for i := range t.Events {
		ev := &t.Events[i]
		at := toNs(ev.At)
		if at > now {
			break
		}
		if ev.isAgentReply() {
			return span2(cal, toNs(t.CreatedAt), at), true
		}
	}
	return 0, false
}

// span2 measures [a, b) in business time with cal, else calendar time.
func span2(cal *Calendar, a, b int64) time.Duration {
	if cal != nil {
		return time.Duration(cal.business(a, b, &zoneCursor{}))
	}
	return time.Duration(satSub(b, a))
}

// solveTimes returns the first and last instant t moved from unsolved to solved or closed,
// how many times it did, and whether it is solved or closed at now.
func solveTimes(t *Ticket, now int64) (first, last int64, solves int, solvedNow bool) {
	status := t.Status
	if status.solved() {
		first, last, solves = toNs(t.CreatedAt), toNs(t.CreatedAt), 1
	}
	for i := range t.Events {
		ev := &t.Events[i]
		at := toNs(ev.At)
		if at > now {
			break
		}
		if ev.isSolve(status) {
			if solves == 0 {
				first = at
			}
			last = at
			solves++
		}
		if ev.Kind == TicketStatusChanged {
			status = ev.Status
		}
	}
	return first, last, solves, status.solved()
}

// FirstResolutionTime returns the time from creation to the first solve (a change to
// solved or closed), as Zendesk defines it; ok is false if t was never solved.
func FirstResolutionTime(t *Ticket, cal *Calendar) (d time.Duration, ok bool) {
	if t == nil {
		return 0, false
	}
	first, _, n, _ := solveTimes(t, maxNs)
	if n == 0 {
		return 0, false
	}
	return span2(cal, toNs(t.CreatedAt), first), true
}

// FullResolutionTime returns the time from creation to the latest solve, as Zendesk
// defines it; ok is false unless t is solved or closed now (a reopened ticket has no full
// resolution time until it is solved again).
func FullResolutionTime(t *Ticket, cal *Calendar) (d time.Duration, ok bool) {
	if t == nil {
		return 0, false
	}
	_, last, _, solved := solveTimes(t, maxNs)
	if !solved {
		return 0, false
	}
	return span2(cal, toNs(t.CreatedAt), last), true
}

// Reopens counts t's reopens: changes from solved to an unsolved status. Closed tickets
// cannot reopen. This is the transition count, not dbt_zendesk's solved_count - 1, which
// misses a ticket that is reopened now (see [ReopenDbtZendesk]).
func Reopens(t *Ticket) int {
	if t == nil {
		return 0
	}
	return reopens(t, maxNs)
}

func reopens(t *Ticket, now int64) int {
	n, status := 0, t.Status
	for i := range t.Events {
		ev := &t.Events[i]
		if toNs(ev.At) > now {
			break
		}
		if ev.Kind == TicketStatusChanged {
			if status == TicketSolved && !ev.Status.solved() {
				n++
			}
			status = ev.Status
		}
	}
	return n
}

// OneTouchDefinition names one published definition of one-touch or first-contact
// resolution; they disagree on the same tickets, so reports must say which they use. The
// zero value is OneTouchZendeskExplore.
type OneTouchDefinition uint8

// One-touch and first-contact resolution definitions. "Solved" means solved or closed
// now; "agent replies" are public comments by human agents (an agent-created ticket's
// description is not one).
const (
	// OneTouchZendeskExplore: solved and fewer than 2 agent replies, so a ticket solved
	// with no reply counts (Zendesk Explore's default "One-touch tickets").
	OneTouchZendeskExplore OneTouchDefinition = iota
	// OneTouchZendeskMessaging: solved, at least one agent reply, never pending or on
	// hold, and never reopened (Zendesk's messaging one-touch).
	OneTouchZendeskMessaging
	// OneTouchDbtZendesk: solved and exactly one public agent comment
	// (fivetran/dbt_zendesk's is_one_touch_resolution); it counts comments, so an
	// agent-created ticket's public description is one of them.
	OneTouchDbtZendesk
	// FCRFreshservice: solved and no requester comment after the initial description,
	// whatever the agents did (Freshservice's FCR).
	FCRFreshservice
	// FCRFreshdesk: solved in the first response: exactly one agent reply, no requester
	// comment after it, and never reopened (Freshdesk's older FCR).
	FCRFreshdesk
	// FCRIntercom: solved exactly once, with exactly one participating agent (distinct
	// Author of agent replies; an empty Author counts as one agent) (Intercom's "closed
	// on first contact").
	FCRIntercom
)

var oneTouchSet = enum.Set[OneTouchDefinition]{Subject: "feedback: one-touch definition", Kind: "one-touch definition", Names: []string{"zendesk_explore", "zendesk_messaging", "dbt_zendesk", "freshservice_fcr", "freshdesk_fcr", "intercom_first_contact"}}

// String returns the definition's text form.
func (d OneTouchDefinition) String() string { return oneTouchSet.String(d) }

// MarshalText encodes a defined definition as its text form.
func (d OneTouchDefinition) MarshalText() ([]byte, error) { return oneTouchSet.Marshal(d) }

// UnmarshalText decodes a text form.
func (d *OneTouchDefinition) UnmarshalText(b []byte) error { return oneTouchSet.Unmarshal(d, b) }

// OneTouch reports whether t is a one-touch (first-contact) resolution under def. An
// undefined def reports false.
func OneTouch(t *Ticket, def OneTouchDefinition) bool { return t != nil && oneTouch(t, def, maxNs) }

func oneTouch(t *Ticket, def OneTouchDefinition, now int64) bool {
	_, _, solves, solved := solveTimes(t, now)
	if !solved {
		return false
	}
	replies, afterDescription, afterFirstReply := 0, 0, 0
	waited := t.Status == TicketPending || t.Status == TicketOnHold
	firstAuthor, manyAgents := "", false
	for i := range t.Events {
		ev := &t.Events[i]
		if toNs(ev.At) > now {
			break
		}
		switch {
		case ev.isAgentReply():
			if replies == 0 {
				firstAuthor = ev.Author
			} else if ev.Author != firstAuthor {
				manyAgents = true
			}
			replies++
		case ev.isRequesterComment():
			afterDescription++
			if replies > 0 {
				afterFirstReply++
			}
		case ev.Kind == TicketStatusChanged && (ev.Status == TicketPending || ev.Status == TicketOnHold):
			waited = true
		}
	}
	switch def {
	case OneTouchZendeskExplore:
		return replies < 2
	case OneTouchZendeskMessaging:
		return replies > 0 && !waited && reopens(t, now) == 0
	case OneTouchDbtZendesk:
		if t.CreatedByAgent {
			return replies == 0
		}
		return replies == 1
	case FCRFreshservice:
		return afterDescription == 0
	case FCRFreshdesk:
		return replies == 1 && afterFirstReply == 0 && reopens(t, now) == 0
	case FCRIntercom:
		return solves == 1 && replies > 0 && !manyAgents
	}
	return false
}

// ReopenDefinition names how reopens are counted for the reopen rate. The zero value is
// ReopenTransitions.
type ReopenDefinition uint8

// Reopen definitions.
const (
	// ReopenTransitions: a ticket is reopened when it moved from solved to unsolved at
	// least once ([Reopens] > 0); the rate is reopened tickets ÷ tickets solved at least
	// once (the study's recommendation).
	ReopenTransitions ReopenDefinition = iota
	// ReopenDbtZendesk: fivetran/dbt_zendesk's count_reopens = solves - 1 (0 if at most
	// one solve); a ticket solved once and reopened now counts no reopen.
	ReopenDbtZendesk
)

var reopenSet = enum.Set[ReopenDefinition]{Subject: "feedback: reopen definition", Kind: "reopen definition", Names: []string{"transitions", "dbt_zendesk"}}

// String returns the definition's text form.
func (d ReopenDefinition) String() string { return reopenSet.String(d) }

// MarshalText encodes a defined definition as its text form.
func (d ReopenDefinition) MarshalText() ([]byte, error) { return reopenSet.Marshal(d) }

// UnmarshalText decodes a text form.
func (d *ReopenDefinition) UnmarshalText(b []byte) error { return reopenSet.Unmarshal(d, b) }

// SupportRate is a rate derived from counts. Value is Numerator ÷ Denominator, and
// Defined is false (Value 0) when the denominator is 0.
type SupportRate struct {
	// Numerator and Denominator are the counts; Defined is Denominator > 0; Value is
	// their ratio, or 0 when undefined.
	Numerator   int     `json:"numerator"`
	Denominator int     `json:"denominator"`
	Defined     bool    `json:"defined"`
	Value       float64 `json:"value"`
}

func newRate(num, den int) SupportRate {
	r := SupportRate{Numerator: num, Denominator: den}
	if den > 0 {
		r.Defined, r.Value = true, float64(num)/float64(den)
	}
	return r
}

// PercentileMethod names how a percentile is read from sorted values. The zero value is
// PercentileNearestRank.
type PercentileMethod uint8

// Percentile methods.
const (
	// PercentileNearestRank: the smallest value with at least p% of the values at or
	// below it (rank ceil(p/100 × n)); always one of the values.
	PercentileNearestRank PercentileMethod = iota
	// PercentileLinear: linear interpolation between closest ranks at h = (n-1) × p/100
	// (Hyndman-Fan type 7: Excel PERCENTILE.INC, NumPy's default), rounded to the
	// nanosecond.
	PercentileLinear
)

var percentileMethodSet = enum.Set[PercentileMethod]{Subject: "feedback: percentile method", Kind: "percentile method", Names: []string{"nearest_rank", "linear"}}

// String returns the method's text form.
func (m PercentileMethod) String() string { return percentileMethodSet.String(m) }

// MarshalText encodes a defined method as its text form.
func (m PercentileMethod) MarshalText() ([]byte, error) { return percentileMethodSet.Marshal(m) }

// UnmarshalText decodes a text form.
func (m *PercentileMethod) UnmarshalText(b []byte) error { return percentileMethodSet.Unmarshal(m, b) }

// DurationStats summarises durations: their count, mean and percentiles (read with the
// report's PercentileMethod). Defined is false when Count is 0 (then every value is 0).
type DurationStats struct {
	// Count is the number of durations; Defined is Count > 0.
	Count   int  `json:"count"`
	Defined bool `json:"defined"`
	// Mean is the arithmetic mean, truncated to the nanosecond.
	Mean time.Duration `json:"mean"`
	// Percentiles holds the requested percentiles in request order.
	Percentiles []DurationQuantile `json:"percentiles"`
}

// DurationQuantile is one percentile of a DurationStats.
type DurationQuantile struct {
	// P is the percentile, in (0, 100].
	P float64 `json:"p"`
	// Value is the nearest-rank percentile.
	Value time.Duration `json:"value"`
}

// newDurationStats sorts ds in place.
func newDurationStats(ds []time.Duration, ps []float64, method PercentileMethod) DurationStats {
	s := DurationStats{Count: len(ds), Defined: len(ds) > 0}
	if len(ds) == 0 {
		for _, p := range ps {
			s.Percentiles = append(s.Percentiles, DurationQuantile{P: p})
		}
		return s
	}
	slices.Sort(ds)
	var sum, rem int64
	n := int64(len(ds))
	for _, d := range ds { // mean without overflow: whole parts and remainders
		sum += int64(d) / n
		rem += int64(d) % n
	}
	s.Mean = time.Duration(sum + rem/n)
	for _, p := range ps {
		var v time.Duration
		if method == PercentileLinear {
			v = time.Duration(math.Round(stats.QuantileSorted(ds, p/100)))
		} else {
			rank := int(math.Ceil(p / 100 * float64(len(ds))))
			v = ds[min(max(rank, 1), len(ds))-1]
		}
		s.Percentiles = append(s.Percentiles, DurationQuantile{P: p, Value: v})
	}
	return s
}

// SupportKPIOptions configures SupportKPIs. The zero value measures calendar time, uses
// Zendesk Explore's one-touch definition, reopen transitions, and the 50th and 90th
// percentiles.
type SupportKPIOptions struct {
	// Calendar, when set, measures reply, resolution and backlog-age times in its
	// business hours (for every ticket; Ticket.Schedule is an SLA setting and is not
	// consulted here).
	Calendar *Calendar
	// OneTouch selects the one-touch / first-contact resolution definition.
	OneTouch OneTouchDefinition
	// Reopen selects how reopens are counted.
	Reopen ReopenDefinition
	// Percentiles lists the percentiles to report, each in (0, 100]; empty means 50, 90.
	Percentiles []float64
	// PercentileMethod selects how percentiles are read (nearest rank by default).
	PercentileMethod PercentileMethod
}

// SupportReport is the support KPIs of a set of tickets at an as-of instant. Every rate
// names its definition and carries its counts.
type SupportReport struct {
	// AsOf is the instant of the snapshot.
	AsOf time.Time `json:"as_of"`
	// Tickets counts tickets created at or before AsOf; Solved those solved or closed at
	// AsOf; Unsolved the rest (the backlog).
	Tickets  int `json:"tickets"`
	Solved   int `json:"solved"`
	Unsolved int `json:"unsolved"`
	// FirstReply summarises FirstReplyTime over tickets with a reply.
	FirstReply DurationStats `json:"first_reply"`
	// FirstResolution and FullResolution summarise FirstResolutionTime (tickets solved at
	// least once) and FullResolutionTime (tickets solved now).
	FirstResolution DurationStats `json:"first_resolution"`
	FullResolution  DurationStats `json:"full_resolution"`
	// OneTouch is one-touch tickets ÷ solved tickets under OneTouchDefinition.
	OneTouch           SupportRate        `json:"one_touch"`
	OneTouchDefinition OneTouchDefinition `json:"one_touch_definition"`
	// Reopen is reopened tickets ÷ tickets solved at least once under ReopenDefinition.
	Reopen           SupportRate      `json:"reopen"`
	ReopenDefinition ReopenDefinition `json:"reopen_definition"`
	// BacklogAge summarises AsOf - CreatedAt over unsolved tickets (business time with a
	// Calendar).
	BacklogAge DurationStats `json:"backlog_age"`
	// PercentileMethod is how every percentile of the report was read.
	PercentileMethod PercentileMethod `json:"percentile_method"`
}

// SupportKPIs is SupportKPIsContext without cancellation.
func SupportKPIs(tickets []Ticket, asOf time.Time, opts SupportKPIOptions) (SupportReport, error) {
	return SupportKPIsContext(context.Background(), tickets, asOf, opts)
}

// SupportKPIsContext computes support KPIs over tickets as of asOf: tickets created after
// asOf and events after asOf are ignored. Every ticket is validated first; the error names
// each bad ticket by index and ID. Options are validated too. It stops when ctx is done,
// returning ctx.Err() (checked every 1024 tickets).
func SupportKPIsContext(ctx context.Context, tickets []Ticket, asOf time.Time, opts SupportKPIOptions) (SupportReport, error) {
	if ctx == nil {
		return SupportReport{}, nilError("feedback: support KPIs", "ctx")
	}
	e := validation.New("feedback: support KPIs")
	for i := range tickets {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return SupportReport{}, err
			}
		}
		e.Merge(fmt.Sprintf("tickets[%d]", i), tickets[i].Validate())
	}
	if opts.OneTouch > FCRIntercom {
		e.Addf("options.one_touch", "oneof", "undefined definition %d", opts.OneTouch)
	}
	if opts.PercentileMethod > PercentileLinear {
		e.Addf("options.percentile_method", "oneof", "undefined method %d", opts.PercentileMethod)
	}
	if opts.Reopen > ReopenDbtZendesk {
		e.Addf("options.reopen", "oneof", "undefined definition %d", opts.Reopen)
	}
	ps := opts.Percentiles
	if len(ps) == 0 {
		ps = []float64{50, 90}
	}
	for i, p := range ps {
		if !(p > 0 && p <= 100) {
			e.Addf(fmt.Sprintf("options.percentiles[%d]", i), "range", "must be in (0, 100], not %v", p)
		}
	}
	if err := e.Err(); err != nil {
		return SupportReport{}, err
	}
	now := toNs(asOf)
	rep := SupportReport{AsOf: asOf, OneTouchDefinition: opts.OneTouch, ReopenDefinition: opts.Reopen, PercentileMethod: opts.PercentileMethod}
	var frt, first, full, age []time.Duration
	oneTouches, solvedOnce, reopened := 0, 0, 0
	for i := range tickets {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return SupportReport{}, err
			}
		}
		t := &tickets[i]
		created := toNs(t.CreatedAt)
		if created > now {
			continue
		}
		rep.Tickets++
		if d, ok := firstReply(t, opts.Calendar, now); ok {
			frt = append(frt, d)
		}
		f, l, solves, solved := solveTimes(t, now)
		if solves > 0 {
			solvedOnce++
			first = append(first, span2(opts.Calendar, created, f))
			switch opts.Reopen {
			case ReopenTransitions:
				if reopens(t, now) > 0 {
					reopened++
				}
			case ReopenDbtZendesk:
				if solves > 1 {
					reopened++
				}
			}
		}
		if solved {
			rep.Solved++
			full = append(full, span2(opts.Calendar, created, l))
			if oneTouch(t, opts.OneTouch, now) {
				oneTouches++
			}
		} else {
			rep.Unsolved++
			age = append(age, span2(opts.Calendar, created, now))
		}
	}
	rep.FirstReply = newDurationStats(frt, ps, opts.PercentileMethod)
	rep.FirstResolution = newDurationStats(first, ps, opts.PercentileMethod)
	rep.FullResolution = newDurationStats(full, ps, opts.PercentileMethod)
	rep.BacklogAge = newDurationStats(age, ps, opts.PercentileMethod)
	rep.OneTouch = newRate(oneTouches, rep.Solved)
	rep.Reopen = newRate(reopened, solvedOnce)
	return rep, nil
}
