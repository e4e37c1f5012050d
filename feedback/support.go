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

// The per-ticket functions (FirstReplyTime, FirstResolutionTime, FullResolutionTime,
// Reopens, OneTouch, CountTicket) give the zero answer (no time, false, zero counts) for a
// nil ticket or one that does not validate: check [Ticket.Validate] to tell an invalid
// ticket from one without a reply.

// FirstReplyTime returns Zendesk's native first reply time of t: from creation to the first
// public comment by a human agent (bot replies never count). For a ticket an agent created
// with a public description it ends at the second public agent comment, that is the first
// one in Events. An agent who solves without a comment and replies after a reopen ends it at
// that reply. With cal it counts business time, else calendar time. ok is false while there
// is no reply. Unlike the SLA metric, a solve does not end it.
func FirstReplyTime(t *Ticket, cal *Calendar) (d time.Duration, ok bool) {
	if t == nil || !t.ok() {
		return 0, false
	}
	return firstReply(t, cal, maxNs)
}

// maxNs is the latest supported instant; "no as-of limit".
const maxNs = maxSec * 1e9

func firstReply(t *Ticket, cal *Calendar, now int64) (time.Duration, bool) {
	desc := t.descriptionIndex()
	for i := range t.Events {
		ev := &t.Events[i]
		at := toNs(ev.At)
		if at > now {
			break
		}
		if ev.isAgentReply() && i != desc {
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
	if t == nil || !t.ok() {
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
	if t == nil || !t.ok() {
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
	if t == nil || !t.ok() {
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

// TicketCounts are the per-ticket counts the KPIs are built from, at an as-of instant.
type TicketCounts struct {
	// AgentReplies counts public comments by human agents (Zendesk's "agent replies"); the
	// description of an agent-created ticket is not one.
	AgentReplies int `json:"agent_replies"`
	// BotReplies counts public comments by bots, triggers and AI agents (never replies).
	BotReplies int `json:"bot_replies"`
	// CustomerFollowUps counts public comments by the requester after the description (the
	// description itself, implied or sent as the first event, is not a follow-up).
	CustomerFollowUps int `json:"customer_follow_ups"`
	// InternalNotes counts private comments.
	InternalNotes int `json:"internal_notes"`
	// Solves counts changes from an unsolved status to solved or closed (a ticket created
	// solved counts one); Reopens counts changes from solved back to unsolved.
	Solves  int `json:"solves"`
	Reopens int `json:"reopens"`
	// Agents counts the distinct agents who wrote any event (a comment, a note or a status
	// change): Intercom's participating teammates. An agent event without an Author is
	// taken to be by one of the named agents, or by one unnamed agent when none is named.
	Agents int `json:"agents"`
	// Waited says the ticket was pending or on hold at some point.
	Waited bool `json:"waited"`
	// Solved says the ticket is solved or closed at the as-of instant.
	Solved bool `json:"solved"`
	// SolvedWithoutReply says it is solved or closed and no agent ever replied publicly:
	// the case the one-touch definitions disagree on.
	SolvedWithoutReply bool `json:"solved_without_reply"`
	// DescriptionEvent says the description was sent as the first public comment event
	// (and so is not counted as a reply or a follow-up).
	DescriptionEvent bool `json:"description_event"`
}

// CountTicket counts t's events up to asOf (events after it are ignored). A nil t gives
// zero counts.
func CountTicket(t *Ticket, asOf time.Time) TicketCounts {
	if t == nil || !t.ok() {
		return TicketCounts{}
	}
	return countTicket(t, toNs(asOf))
}

func countTicket(t *Ticket, now int64) TicketCounts {
	var c TicketCounts
	desc := t.descriptionIndex()
	c.DescriptionEvent = desc >= 0
	status := t.Status
	if status.solved() {
		c.Solves = 1
	}
	c.Waited = status == TicketPending || status == TicketOnHold
	var firstAgent string
	named, unnamed := 0, false
	for i := range t.Events {
		ev := &t.Events[i]
		if toNs(ev.At) > now {
			break
		}
		if ev.Actor == ActorAgent {
			switch {
			case ev.Author == "":
				unnamed = true
			case named == 0:
				firstAgent, named = ev.Author, 1
			case named == 1 && ev.Author != firstAgent:
				named = 2
			}
		}
		switch {
		case i == desc:
		case ev.isAgentReply():
			c.AgentReplies++
		case ev.isRequesterComment():
			c.CustomerFollowUps++
		case ev.Kind == TicketPublicComment && ev.Actor == ActorBot:
			c.BotReplies++
		case ev.Kind == TicketInternalNote:
			c.InternalNotes++
		case ev.Kind == TicketStatusChanged:
			if ev.isSolve(status) {
				c.Solves++
			}
			if status == TicketSolved && !ev.Status.solved() {
				c.Reopens++
			}
			if ev.Status == TicketPending || ev.Status == TicketOnHold {
				c.Waited = true
			}
			status = ev.Status
		}
	}
	switch {
	case named > 1:
		c.Agents = countAgents(t, now)
	case named == 1 || unnamed:
		c.Agents = 1
	}
	c.Solved = status.solved()
	c.SolvedWithoutReply = c.Solved && c.AgentReplies == 0
	return c
}

// countAgents counts the distinct named authors of agent events up to now.
func countAgents(t *Ticket, now int64) int {
	seen := map[string]struct{}{}
	for i := range t.Events {
		ev := &t.Events[i]
		if toNs(ev.At) > now {
			break
		}
		if ev.Actor == ActorAgent && ev.Author != "" {
			seen[ev.Author] = struct{}{}
		}
	}
	return len(seen)
}

// OneTouchDefinition names one published definition of one-touch or first-contact
// resolution; they disagree on the same tickets, so reports must say which they use. The
// zero value is OneTouchZendeskExplore.
type OneTouchDefinition uint8

// One-touch and first-contact resolution definitions. "Solved" means solved or closed
// now; "agent replies" are public comments by human agents (an agent-created ticket's
// description is not one). They disagree most on a ticket closed with no public reply
// ([TicketCounts].SolvedWithoutReply): Zendesk Explore's formula and Intercom count it,
// Zendesk's one-reply wording, its messaging variant, dbt_zendesk and Freshdesk do not.
const (
	// OneTouchZendeskExplore: solved and fewer than 2 agent replies, so a ticket solved
	// with no reply counts (Zendesk Explore's "One-touch tickets" formula,
	// VALUE(Agent replies) < 2 and status solved or closed; Zendesk's answer on the help
	// centre article: a ticket solved without a public response is included). A
	// requester's "thank you" solved without another reply stays one-touch; a re-asked
	// question answered again does not.
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
	// FCRIntercom: closed exactly once with exactly one participating teammate
	// (Intercom's "closed conversations on first contact"). A participating teammate wrote
	// at least one conversation part, and closing is one, so a conversation one agent
	// closes without a public reply counts; one closed only by a bot (no teammate) does
	// not.
	FCRIntercom
	// OneTouchZendeskOneReply: solved with exactly one agent reply, so a ticket solved
	// with no public reply is not one-touch (the current wording of Zendesk's help centre
	// article, "solved or closed tickets with exactly one agent reply").
	OneTouchZendeskOneReply
)

var oneTouchSet = enum.Set[OneTouchDefinition]{Subject: "feedback: one-touch definition", Kind: "one-touch definition",
	Names: []string{"zendesk_explore", "zendesk_messaging", "dbt_zendesk", "freshservice_fcr", "freshdesk_fcr", "intercom_first_contact", "zendesk_one_reply"}}

// String returns the definition's text form.
func (d OneTouchDefinition) String() string { return oneTouchSet.String(d) }

// MarshalText encodes a defined definition as its text form.
func (d OneTouchDefinition) MarshalText() ([]byte, error) { return oneTouchSet.Marshal(d) }

// UnmarshalText decodes a text form.
func (d *OneTouchDefinition) UnmarshalText(b []byte) error { return oneTouchSet.Unmarshal(d, b) }

// OneTouch reports whether t is a one-touch (first-contact) resolution under def. An
// undefined def or a nil t reports false.
func OneTouch(t *Ticket, def OneTouchDefinition) bool {
	return t != nil && t.ok() && oneTouch(t, def, maxNs)
}

func oneTouch(t *Ticket, def OneTouchDefinition, now int64) bool {
	c := countTicket(t, now)
	if !c.Solved {
		return false
	}
	switch def {
	case OneTouchZendeskExplore:
		return c.AgentReplies < 2
	case OneTouchZendeskMessaging:
		return c.AgentReplies > 0 && !c.Waited && c.Reopens == 0
	case OneTouchDbtZendesk:
		if t.CreatedByAgent {
			return c.AgentReplies == 0
		}
		return c.AgentReplies == 1
	case FCRFreshservice:
		return c.CustomerFollowUps == 0
	case FCRFreshdesk:
		return c.AgentReplies == 1 && followUpsAfterFirstReply(t, now) == 0 && c.Reopens == 0
	case FCRIntercom:
		return c.Solves == 1 && c.Agents == 1
	case OneTouchZendeskOneReply:
		return c.AgentReplies == 1
	}
	return false
}

// followUpsAfterFirstReply counts requester comments after the first agent reply.
func followUpsAfterFirstReply(t *Ticket, now int64) int {
	n, replied := 0, false
	desc := t.descriptionIndex()
	for i := range t.Events {
		ev := &t.Events[i]
		if toNs(ev.At) > now {
			break
		}
		switch {
		case i == desc:
		case ev.isAgentReply():
			replied = true
		case ev.isRequesterComment() && replied:
			n++
		}
	}
	return n
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
// percentiles, and counts volume over every ticket created by the as-of instant.
type SupportKPIOptions struct {
	// Calendar, when set, measures reply, resolution and backlog-age times in its
	// business hours (for every ticket; Ticket.Schedule is an SLA setting and is not
	// consulted here). It has no JSON form.
	Calendar *Calendar `json:"-"`
	// OneTouch selects the one-touch / first-contact resolution definition.
	OneTouch OneTouchDefinition `json:"one_touch"`
	// Reopen selects how reopens are counted.
	Reopen ReopenDefinition `json:"reopen"`
	// Percentiles lists the percentiles to report, each in (0, 100]; empty means 50, 90.
	Percentiles []float64 `json:"percentiles,omitempty"`
	// PercentileMethod selects how percentiles are read (nearest rank by default).
	PercentileMethod PercentileMethod `json:"percentile_method"`
	// From starts the period of the volume figures: tickets created in [From, as-of] are
	// the period's tickets. Zero means every ticket created by the as-of instant. The
	// other KPIs are over every ticket created by the as-of instant.
	From time.Time `json:"from,omitzero"`
	// ActiveAccounts is the number of accounts active in the period, the denominator of
	// [SupportReport].PerActiveAccount; 0 leaves it undefined, negative is invalid.
	ActiveAccounts int `json:"active_accounts,omitempty"`
	// Users is the number of users in the period, the denominator of
	// [SupportReport].PerThousandUsers; 0 leaves it undefined, negative is invalid.
	Users int `json:"users,omitempty"`
}

// VolumeRate is a ticket volume per unit: Value = Tickets × Per ÷ Base, with Defined false
// (Value 0) when Base is 0. Base is the stated denominator (active accounts, users).
type VolumeRate struct {
	Tickets int     `json:"tickets"`
	Base    int     `json:"base"`
	Per     int     `json:"per"`
	Defined bool    `json:"defined"`
	Value   float64 `json:"value"`
}

func newVolumeRate(tickets, base, per int) VolumeRate {
	r := VolumeRate{Tickets: tickets, Base: base, Per: per}
	if base > 0 {
		r.Defined, r.Value = true, float64(tickets)*float64(per)/float64(base)
	}
	return r
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
	// Created counts tickets created in the period [From, AsOf] of the options (every
	// ticket created by AsOf when From is zero).
	Created int `json:"created"`
	// PerActiveAccount is Created ÷ the options' ActiveAccounts; PerThousandUsers is
	// Created × 1000 ÷ the options' Users (the study's "ticket volume per customer", with
	// its denominator stated).
	PerActiveAccount VolumeRate `json:"per_active_account"`
	PerThousandUsers VolumeRate `json:"per_thousand_users"`
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
	if !oneTouchSet.Valid(opts.OneTouch) {
		e.Addf("options.one_touch", "oneof", "undefined definition %d", opts.OneTouch)
	}
	if !percentileMethodSet.Valid(opts.PercentileMethod) {
		e.Addf("options.percentile_method", "oneof", "undefined method %d", opts.PercentileMethod)
	}
	if !reopenSet.Valid(opts.Reopen) {
		e.Addf("options.reopen", "oneof", "undefined definition %d", opts.Reopen)
	}
	if opts.ActiveAccounts < 0 {
		e.Addf("options.active_accounts", "gte", "must be at least 0, not %d", opts.ActiveAccounts)
	}
	if opts.Users < 0 {
		e.Addf("options.users", "gte", "must be at least 0, not %d", opts.Users)
	}
	if !opts.From.IsZero() && opts.From.After(asOf) {
		e.Add("options.from", "ltefield", "as_of", "must not be after the as-of instant")
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
		if opts.From.IsZero() || !t.CreatedAt.Before(opts.From) {
			rep.Created++
		}
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
	rep.PerActiveAccount = newVolumeRate(rep.Created, opts.ActiveAccounts, 1)
	rep.PerThousandUsers = newVolumeRate(rep.Created, opts.Users, 1000)
	rep.Reopen = newRate(reopened, solvedOnce)
	return rep, nil
}
