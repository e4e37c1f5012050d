package feedback

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/fieldtest"
)

// The documented examples of the one-touch definitions, and the case they disagree on: a
// ticket closed with no public reply.
//
//   - Zendesk Explore (support.zendesk.com/hc/en-us/articles/4408820618266 and Zendesk's
//     answers under it): one-touch = solved or closed with VALUE(Agent replies) < 2; a
//     ticket an agent solves without a public response is included; a requester's
//     "thank you" solved without another reply stays one-touch; a re-asked question
//     answered and solved again does not.
//   - Zendesk's current wording: solved or closed with exactly one agent reply.
//   - Intercom (intercom.com/help/en/articles/7022438): closed once with one participating
//     teammate; a participant wrote at least one conversation part, and a close is one.
func TestOneTouchVendorExamples(t *testing.T) {
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	h := func(x float64) time.Time { return c.Add(time.Duration(x * float64(time.Hour))) }
	reply := func(x float64, who string) TicketEvent {
		return TicketEvent{At: h(x), Kind: TicketPublicComment, Actor: ActorAgent, Author: who}
	}
	asks := func(x float64) TicketEvent {
		return TicketEvent{At: h(x), Kind: TicketPublicComment, Actor: ActorEndUser}
	}
	set := func(x float64, s TicketStatus, actor TicketActor, who string) TicketEvent {
		return TicketEvent{At: h(x), Kind: TicketStatusChanged, Actor: actor, Author: who, Status: s}
	}
	tickets := map[string]Ticket{
		"one reply then solved":             {Events: []TicketEvent{reply(1, "ann"), set(2, TicketSolved, ActorAgent, "ann")}},
		"solved with no public reply":       {Events: []TicketEvent{set(1, TicketSolved, ActorAgent, "ann")}},
		"thank you, solved again":           {Events: []TicketEvent{reply(1, "ann"), set(1, TicketSolved, ActorAgent, "ann"), asks(2), set(2, TicketOpen, ActorEndUser, ""), set(3, TicketSolved, ActorAgent, "ann")}},
		"re-asked and answered":             {Events: []TicketEvent{reply(1, "ann"), set(1, TicketSolved, ActorAgent, "ann"), asks(2), set(2, TicketOpen, ActorEndUser, ""), reply(3, "ann"), set(3, TicketSolved, ActorAgent, "ann")}},
		"closed by a bot only":              {Events: []TicketEvent{{At: h(1), Kind: TicketPublicComment, Actor: ActorBot}, set(1, TicketSolved, ActorBot, "")}},
		"replied by one, closed by another": {Events: []TicketEvent{reply(1, "ann"), set(2, TicketSolved, ActorAgent, "bo")}},
		"a note by another agent":           {Events: []TicketEvent{{At: h(1), Kind: TicketInternalNote, Actor: ActorAgent, Author: "bo"}, reply(1, "ann"), set(2, TicketSolved, ActorAgent, "ann")}},
	}
	want := map[OneTouchDefinition][]string{
		OneTouchZendeskExplore: {"a note by another agent", "closed by a bot only", "one reply then solved", "replied by one, closed by another",
			"solved with no public reply", "thank you, solved again"},
		OneTouchZendeskOneReply: {"a note by another agent", "one reply then solved", "replied by one, closed by another", "thank you, solved again"},
		// "thank you, solved again" was closed twice, so it is not closed once.
		FCRIntercom: {"one reply then solved", "solved with no public reply"},
	}
	for def, names := range want {
		var got []string
		for _, name := range slices.Sorted(maps.Keys(tickets)) {
			tk := tickets[name]
			tk.ID, tk.CreatedAt = TicketID(name), c
			if err := tk.Validate(); err != nil {
				t.Fatal(err)
			}
			if OneTouch(&tk, def) {
				got = append(got, name)
			}
		}
		if diff := cmp.Diff(names, got); diff != "" {
			t.Errorf("%s (-want +got)\n%s", def, diff)
		}
	}
	tk := tickets["solved with no public reply"]
	tk.ID, tk.CreatedAt = "T", c
	if got := CountTicket(&tk, h(5)); !got.SolvedWithoutReply || got.Agents != 1 || got.AgentReplies != 0 || got.Solves != 1 {
		t.Errorf("counts %+v", got)
	}
}

// An invalid ticket (here an event without a time, found by FuzzSupport: it read as year
// 1678 and gave a first reply time of -292 years) gets no answer from the per-ticket
// functions, never a wrong one.
func TestPerTicketFunctionsRefuseInvalidTickets(t *testing.T) {
	c := time.Date(2000, 10, 10, 0, 0, 0, 0, time.UTC)
	tk := Ticket{ID: "T", CreatedAt: c, Events: []TicketEvent{{Kind: TicketPublicComment, Actor: ActorAgent},
		{At: c.Add(time.Hour), Kind: TicketStatusChanged, Actor: ActorAgent, Status: TicketSolved}}}
	if tk.Validate() == nil {
		t.Fatal("the ticket should be invalid")
	}
	if d, ok := FirstReplyTime(&tk, nil); ok || d != 0 {
		t.Errorf("FirstReplyTime = %v, %v", d, ok)
	}
	if _, ok := FirstResolutionTime(&tk, nil); ok {
		t.Error("FirstResolutionTime answered")
	}
	if _, ok := FullResolutionTime(&tk, nil); ok {
		t.Error("FullResolutionTime answered")
	}
	if Reopens(&tk) != 0 || OneTouch(&tk, OneTouchZendeskExplore) || CountTicket(&tk, c.Add(2*time.Hour)) != (TicketCounts{}) {
		t.Error("an invalid ticket was counted")
	}
}

// A description sent as the first event (the first public comment, at creation, by the
// side that created the ticket) is the description: not a follow-up, not a reply, and it
// starts no SLA cycle.
func TestDescriptionSentAsFirstEvent(t *testing.T) {
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	desc := TicketEvent{At: c, Kind: TicketPublicComment, Actor: ActorEndUser}
	tk := Ticket{ID: "T", CreatedAt: c, Priority: TicketPriorityNormal, Events: []TicketEvent{
		desc,
		{At: c.Add(time.Hour), Kind: TicketPublicComment, Actor: ActorAgent, Author: "ann"},
		{At: c.Add(2 * time.Hour), Kind: TicketStatusChanged, Actor: ActorAgent, Author: "ann", Status: TicketSolved},
	}}
	got := CountTicket(&tk, c.Add(3*time.Hour))
	want := TicketCounts{AgentReplies: 1, Solves: 1, Agents: 1, Solved: true, DescriptionEvent: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("counts (-want +got)\n%s", diff)
	}
	if !OneTouch(&tk, FCRFreshservice) || !OneTouch(&tk, FCRFreshdesk) {
		t.Error("the description counted as a customer interaction")
	}
	// An agent-created ticket whose public description is the first event: the first
	// reply is the next agent comment.
	ag := Ticket{ID: "A", CreatedAt: c, CreatedByAgent: true, Events: []TicketEvent{
		{At: c, Kind: TicketPublicComment, Actor: ActorAgent, Author: "ann"},
		{At: c.Add(30 * time.Minute), Kind: TicketPublicComment, Actor: ActorEndUser},
		{At: c.Add(2 * time.Hour), Kind: TicketPublicComment, Actor: ActorAgent, Author: "ann"},
	}}
	if d, ok := FirstReplyTime(&ag, nil); !ok || d != 2*time.Hour {
		t.Errorf("FirstReplyTime = %v, %v; want 2h", d, ok)
	}
	ms, err := MeasureSLA(&ag, SLAPeriodicUpdate, nil, c.Add(3*time.Hour))
	if err != nil || len(ms) != 1 || !ms[0].StartedAt.Equal(c.Add(2*time.Hour)) {
		t.Errorf("periodic update cycles %+v, %v: the description started one", ms, err)
	}
	if got := CountTicket(&ag, c.Add(3*time.Hour)); got.AgentReplies != 1 || got.CustomerFollowUps != 1 || !got.DescriptionEvent {
		t.Errorf("agent-created counts %+v", got)
	}
	// Not a description: a later comment, or one by the other side.
	for _, e := range []TicketEvent{{At: c.Add(time.Second), Kind: TicketPublicComment, Actor: ActorEndUser}, {At: c, Kind: TicketPublicComment, Actor: ActorAgent}} {
		x := Ticket{ID: "X", CreatedAt: c, Events: []TicketEvent{e}}
		if x.descriptionIndex() != -1 {
			t.Errorf("%+v taken for the description", e)
		}
	}
	if (&Ticket{}).descriptionIndex() != -1 || CountTicket(nil, c) != (TicketCounts{}) {
		t.Error("empty ticket")
	}
}

// SLA elapsed time without a policy equals what Evaluate reports under one.
func TestMeasureSLA(t *testing.T) {
	ev := standardEvaluator(t)
	asOf := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	for _, tk := range genTickets(300) {
		rep, err := ev.Evaluate(&tk, asOf)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rep.Results {
			var cal *Calendar
			if r.BusinessHours {
				cal = ev.cal
			}
			ms, err := MeasureSLA(&tk, r.Metric, cal, asOf)
			if err != nil || r.Cycle >= len(ms) {
				t.Fatalf("%s %s: %v %v", tk.ID, r.Metric, ms, err)
			}
			m := ms[r.Cycle]
			if m.Elapsed != r.Elapsed || !m.StartedAt.Equal(r.StartedAt) || m.Fulfilled != r.Fulfilled || m.FulfilledBy != r.FulfilledBy || m.Paused != r.Paused {
				t.Fatalf("%s %s cycle %d: measured %+v, evaluated %+v", tk.ID, r.Metric, r.Cycle, m, r)
			}
		}
	}
	tk := genTickets(1)[0]
	if diff := cmp.Diff([]string{"metric oneof"}, fieldtest.Rules(t, mustErr(MeasureSLA(&tk, 0, nil, asOf)))); diff != "" {
		t.Errorf("bad metric (-want +got)\n%s", diff)
	}
	if ms, err := MeasureSLA(&tk, SLAFirstReply, nil, tk.CreatedAt.Add(-time.Hour)); err != nil || ms != nil {
		t.Errorf("before creation: %v %v", ms, err)
	}
	if _, err := MeasureSLA(&Ticket{}, SLAFirstReply, nil, asOf); err == nil {
		t.Error("invalid ticket measured")
	}
}

// Ticket volume per active account and per 1,000 users, over a stated period.
func TestSupportVolume(t *testing.T) {
	ts := kpiTickets(t)
	asOf := utc(t, "2026-06-01T19:00:00Z")
	rep, err := SupportKPIs(ts, asOf, SupportKPIOptions{From: utc(t, "2026-06-01T10:00:00Z"), ActiveAccounts: 4, Users: 250})
	if err != nil {
		t.Fatal(err)
	}
	// Created in [10:00, 19:00]: F (11:00) only; G is after the as-of instant.
	if rep.Created != 1 || rep.PerActiveAccount != (VolumeRate{1, 4, 1, true, 0.25}) || rep.PerThousandUsers != (VolumeRate{1, 250, 1000, true, 4}) {
		t.Errorf("volume %d %+v %+v", rep.Created, rep.PerActiveAccount, rep.PerThousandUsers)
	}
	_, err = SupportKPIs(ts, asOf, SupportKPIOptions{From: asOf.Add(time.Hour), ActiveAccounts: -1, Users: -1})
	if diff := cmp.Diff([]string{"options.active_accounts gte", "options.users gte", "options.from ltefield"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("bad volume options (-want +got)\n%s", diff)
	}
}

// A calendar's open intervals on a date, across a DST change and a skipped range.
func TestOpenIntervals(t *testing.T) {
	c := MustCalendar(BusinessHours{Zone: "America/New_York",
		Weekly:   everyDay(ClockRange{Clock(1, 0, 0), Clock(3, 0, 0)}, ClockRange{Clock(9, 0, 0), Clock(12, 0, 0)}, ClockRange{Clock(13, 0, 0), Clock(17, 0, 0)}),
		Breaks:   []DateHours{{Date: LocalDate{2026, 3, 9}, Ranges: []ClockRange{{Clock(10, 0, 0), Clock(11, 0, 0)}}}},
		Holidays: []LocalDate{{2026, 12, 25}}})
	ny := c.Location()
	at := func(d, hh, mm int) time.Time { return time.Date(2026, 3, d, hh, mm, 0, 0, ny) }
	got, err := c.OpenIntervals(LocalDate{2026, 3, 8}) // clocks skip 02:00-03:00
	want := []Interval{{at(8, 1, 0), at(8, 3, 0)}, {at(8, 9, 0), at(8, 12, 0)}, {at(8, 13, 0), at(8, 17, 0)}}
	if err != nil || len(got) != 3 || got[0].End.Sub(got[0].Start) != time.Hour {
		t.Errorf("spring forward: %v %v", got, err)
	}
	for i := range want {
		if err == nil && i < len(got) && (!got[i].Start.Equal(want[i].Start) || !got[i].End.Equal(want[i].End)) {
			t.Errorf("interval %d = %v, want %v", i, got[i], want[i])
		}
	}
	got, _ = c.OpenIntervals(LocalDate{2026, 3, 9})
	if len(got) != 4 || !got[1].End.Equal(at(9, 10, 0)) || !got[2].Start.Equal(at(9, 11, 0)) {
		t.Errorf("break: %v", got)
	}
	if got, err := c.OpenIntervals(LocalDate{2026, 12, 25}); err != nil || len(got) != 0 {
		t.Errorf("holiday: %v %v", got, err)
	}
	if _, err := c.OpenIntervals(LocalDate{2026, 2, 30}); err == nil {
		t.Error("a date that does not exist was accepted")
	}
	var nilCal *Calendar
	if got, err := nilCal.OpenIntervals(LocalDate{2026, 3, 8}); err != nil || len(got) != 1 || got[0].End.Sub(got[0].Start) != 24*time.Hour {
		t.Errorf("nil calendar: %v %v", got, err)
	}
}
