package feedback

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
)

func ev(at time.Time, kind TicketEventKind, actor TicketActor) TicketEvent {
	return TicketEvent{At: at, Kind: kind, Actor: actor}
}

func statusEv(at time.Time, s TicketStatus) TicketEvent {
	return TicketEvent{At: at, Kind: TicketStatusChanged, Actor: ActorAgent, Status: s}
}

func standardPolicies() []SLAPolicy {
	return []SLAPolicy{
		{
			Name:   "vip",
			Filter: SLAFilter{Tags: []string{"vip"}},
			Targets: []SLATarget{
				{Metric: SLAFirstReply, Priority: TicketPriorityNormal, Target: 2 * time.Hour, BusinessHours: true},
			},
		},
		{
			Name: "standard",
			Targets: []SLATarget{
				{Metric: SLAFirstReply, Priority: TicketPriorityNormal, Target: time.Hour},
				{Metric: SLANextReply, Priority: TicketPriorityNormal, Target: 2 * time.Hour},
				{Metric: SLAPeriodicUpdate, Priority: TicketPriorityNormal, Target: 4 * time.Hour},
				{Metric: SLAPausableUpdate, Priority: TicketPriorityNormal, Target: 4 * time.Hour},
				{Metric: SLARequesterWait, Priority: TicketPriorityNormal, Target: 8 * time.Hour},
				{Metric: SLAAgentWork, Priority: TicketPriorityNormal, Target: 4 * time.Hour},
				{Metric: SLATotalResolution, Priority: TicketPriorityNormal, Target: 24 * time.Hour},
				{Metric: SLAFirstReply, Priority: TicketPriorityUrgent, Target: 30 * time.Minute},
				{Metric: SLAAgentWork, Priority: TicketPriorityUrgent, Target: time.Hour},
				{Metric: SLARequesterWait, Priority: TicketPriorityUrgent, Target: time.Hour},
			},
		},
	}
}

func standardEvaluator(t testing.TB) *SLAEvaluator {
	t.Helper()
	cal := MustCalendar(BusinessHours{Name: "ny", Zone: "America/New_York", Weekly: weekdays(ClockRange{Clock(9, 0, 0), Clock(17, 0, 0)})})
	e, err := NewSLAEvaluator(standardPolicies(), cal)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// brief is the part of a result the vectors check.
type brief struct {
	Policy    string
	Metric    SLAMetric
	Cycle     int
	Elapsed   time.Duration
	Due       string
	Fulfilled string
	By        SLAFulfilment
	State     SLAState
	Paused    bool
}

func briefs(rs []SLAResult) []brief {
	var out []brief
	for _, r := range rs {
		b := brief{Policy: r.Policy, Metric: r.Metric, Cycle: r.Cycle, Elapsed: r.Elapsed, By: r.FulfilledBy, State: r.State, Paused: r.Paused}
		if !r.DueAt.IsZero() {
			b.Due = r.DueAt.Format("01-02 15:04")
		}
		if r.Fulfilled {
			b.Fulfilled = r.FulfilledAt.Format("01-02 15:04")
		}
		out = append(out, b)
	}
	return out
}

// Pause timelines worked by hand from feedback.md §2.1 (the metric table: starts, stops,
// pause statuses), §2.2 (fulfilment by solve, strict breach) and §7 items 1-5. All times
// UTC on Mon 2026-06-01 unless noted.
func TestSLAVectors(t *testing.T) {
	e := standardEvaluator(t)
	d := func(s string) time.Time { return utc(t, "2026-06-01T"+s+":00Z") }
	tests := []struct {
		name   string
		ticket Ticket
		asOf   time.Time
		want   []brief
	}{
		{
			// 09:00 created (normal) · 09:30 open · 09:45 agent reply · 10:00 pending ·
			// 12:00 requester comment + open · 13:00 second requester comment · 14:00
			// agent reply · 14:10 solved.
			// FRT 45m achieved (due 10:00). NRT starts at the oldest unanswered comment (12:00), ends
			// 14:00: exactly 2h = target -> achieved (strict breach). Periodic 09:45-14:00
			// = 4h15m > 4h -> breached, due 13:45; cycle 1 14:00-14:10 by solve. Pausable:
			// 15m + pending 10:00-12:00 skipped + 2h = 2h15m achieved. Requester wait
			// counts new/open/hold: 1h + 2h10m = 3h10m; agent work the same (no hold);
			// total resolution 5h10m. Due times of targets fulfilled early are projected
			// from the fulfilment: 14:10 + (8h - 3h10m) = 19:00 and so on.
			name: "full timeline",
			ticket: Ticket{ID: "T1", CreatedAt: d("09:00"), Priority: TicketPriorityNormal, Events: []TicketEvent{
				statusEv(d("09:30"), TicketOpen),
				ev(d("09:45"), TicketPublicComment, ActorAgent),
				statusEv(d("10:00"), TicketPending),
				ev(d("11:00"), TicketInternalNote, ActorAgent),
				ev(d("11:30"), TicketPublicComment, ActorBot),
				ev(d("12:00"), TicketPublicComment, ActorEndUser),
				statusEv(d("12:00"), TicketOpen),
				ev(d("13:00"), TicketPublicComment, ActorEndUser),
				ev(d("14:00"), TicketPublicComment, ActorAgent),
				statusEv(d("14:10"), TicketSolved),
			}},
			asOf: d("18:00"),
			want: []brief{
				{"standard", SLAFirstReply, 0, 45 * time.Minute, "06-01 10:00", "06-01 09:45", FulfilledReply, SLAAchieved, false},
				{"standard", SLANextReply, 0, 2 * time.Hour, "06-01 14:00", "06-01 14:00", FulfilledReply, SLAAchieved, false},
				{"standard", SLAPeriodicUpdate, 0, 4*time.Hour + 15*time.Minute, "06-01 13:45", "06-01 14:00", FulfilledReply, SLABreached, false},
				{"standard", SLAPeriodicUpdate, 1, 10 * time.Minute, "06-01 18:00", "06-01 14:10", FulfilledSolve, SLAAchieved, false},
				{"standard", SLAPausableUpdate, 0, 2*time.Hour + 15*time.Minute, "06-01 15:45", "06-01 14:00", FulfilledReply, SLAAchieved, false},
				{"standard", SLAPausableUpdate, 1, 10 * time.Minute, "06-01 18:00", "06-01 14:10", FulfilledSolve, SLAAchieved, false},
				{"standard", SLARequesterWait, 0, 3*time.Hour + 10*time.Minute, "06-01 19:00", "06-01 14:10", FulfilledSolve, SLAAchieved, false},
				{"standard", SLAAgentWork, 0, 3*time.Hour + 10*time.Minute, "06-01 15:00", "06-01 14:10", FulfilledSolve, SLAAchieved, false},
				{"standard", SLATotalResolution, 0, 5*time.Hour + 10*time.Minute, "06-02 09:00", "06-01 14:10", FulfilledSolve, SLAAchieved, false},
			},
		},
		{
			// Same ticket seen at 12:30: NRT is active from 12:00 (due 14:00); the periodic
			// update cycle from 09:45 is active (due 13:45); the pausable one has counted
			// 15m + 30m = 45m and is due 15:45; agent work 09:00-10:00 + 12:00-12:30.
			name: "same ticket mid-way",
			ticket: Ticket{ID: "T1", CreatedAt: d("09:00"), Priority: TicketPriorityNormal, Events: []TicketEvent{
				statusEv(d("09:30"), TicketOpen),
				ev(d("09:45"), TicketPublicComment, ActorAgent),
				statusEv(d("10:00"), TicketPending),
				ev(d("12:00"), TicketPublicComment, ActorEndUser),
				statusEv(d("12:00"), TicketOpen),
				ev(d("13:00"), TicketPublicComment, ActorEndUser),
			}},
			asOf: d("12:30"),
			want: []brief{
				{"standard", SLAFirstReply, 0, 45 * time.Minute, "06-01 10:00", "06-01 09:45", FulfilledReply, SLAAchieved, false},
				{"standard", SLANextReply, 0, 30 * time.Minute, "06-01 14:00", "", 0, SLAActive, false},
				{"standard", SLAPeriodicUpdate, 0, 2*time.Hour + 45*time.Minute, "06-01 13:45", "", 0, SLAActive, false},
				{"standard", SLAPausableUpdate, 0, 45 * time.Minute, "06-01 15:45", "", 0, SLAActive, false},
				{"standard", SLARequesterWait, 0, 90 * time.Minute, "06-01 19:00", "", 0, SLAActive, false},
				{"standard", SLAAgentWork, 0, 90 * time.Minute, "06-01 15:00", "", 0, SLAActive, false},
				{"standard", SLATotalResolution, 0, 210 * time.Minute, "06-02 09:00", "", 0, SLAActive, false},
			},
		},
		{
			// Created low (no low targets: no SLA), raised to urgent at 09:10: the urgent
			// FRT of 30m counts from creation and is breached at 10:00 (due 09:30). Agent
			// work counts new/open 09:00-09:40 = 40m and is paused in hold. Requester wait
			// counts hold too: exactly 1h = target at 10:00 -> still active, due 10:00.
			name: "priority change and pauses",
			ticket: Ticket{ID: "T2", CreatedAt: d("09:00"), Priority: TicketPriorityLow, Events: []TicketEvent{
				{At: d("09:10"), Kind: TicketPriorityChanged, Actor: ActorAgent, Priority: TicketPriorityUrgent},
				statusEv(d("09:20"), TicketOpen),
				statusEv(d("09:40"), TicketOnHold),
			}},
			asOf: d("10:00"),
			want: []brief{
				{"standard", SLAFirstReply, 0, time.Hour, "06-01 09:30", "", 0, SLABreached, false},
				{"standard", SLARequesterWait, 0, time.Hour, "06-01 10:00", "", 0, SLAActive, false},
				{"standard", SLAAgentWork, 0, 40 * time.Minute, "", "", 0, SLAPaused, true},
			},
		},
		{
			// First matching policy wins ("vip" before "standard"). Business-hours FRT of
			// 2h, Mon-Fri 09-17 New York: created Fri 2026-03-06 16:00 EST, solved without
			// a reply Mon 03-09 10:30 EDT: 1h + 1h30m = 2h30m -> breached, due Mon 10:00
			// EDT = 14:00Z, fulfilled by solve.
			name: "policy order, business hours, fulfilment by solve",
			ticket: Ticket{ID: "T3", CreatedAt: utc(t, "2026-03-06T21:00:00Z"), Priority: TicketPriorityNormal, Tags: []string{"vip"},
				Events: []TicketEvent{statusEv(utc(t, "2026-03-09T14:30:00Z"), TicketSolved)}},
			asOf: utc(t, "2026-03-10T00:00:00Z"),
			want: []brief{
				{"vip", SLAFirstReply, 0, 150 * time.Minute, "03-09 14:00", "03-09 14:30", FulfilledSolve, SLABreached, false},
			},
		},
		{
			// The same ticket answered at exactly the due instant: achieved.
			name: "reply at the due instant",
			ticket: Ticket{ID: "T4", CreatedAt: utc(t, "2026-03-06T21:00:00Z"), Priority: TicketPriorityNormal, Tags: []string{"vip"},
				Events: []TicketEvent{ev(utc(t, "2026-03-09T14:00:00Z"), TicketPublicComment, ActorAgent)}},
			asOf: utc(t, "2026-03-10T00:00:00Z"),
			want: []brief{
				{"vip", SLAFirstReply, 0, 2 * time.Hour, "03-09 14:00", "03-09 14:00", FulfilledReply, SLAAchieved, false},
			},
		},
		{
			// Agent-created: no FRT; NRT starts at the first requester comment (10:00) and
			// is still active at 11:00. The agent's description is not a reply, so no
			// update cycle runs. Events after asOf (12:00) are ignored.
			name: "agent-created ticket",
			ticket: Ticket{ID: "T5", CreatedAt: d("09:00"), CreatedByAgent: true, Priority: TicketPriorityNormal, Status: TicketOpen, Events: []TicketEvent{
				ev(d("10:00"), TicketPublicComment, ActorEndUser),
				ev(d("10:30"), TicketPublicComment, ActorEndUser),
				ev(d("12:00"), TicketPublicComment, ActorAgent),
			}},
			asOf: d("11:00"),
			want: []brief{
				{"standard", SLANextReply, 0, time.Hour, "06-01 12:00", "", 0, SLAActive, false},
				{"standard", SLARequesterWait, 0, 2 * time.Hour, "06-01 17:00", "", 0, SLAActive, false},
				{"standard", SLAAgentWork, 0, 2 * time.Hour, "06-01 13:00", "", 0, SLAActive, false},
				{"standard", SLATotalResolution, 0, 2 * time.Hour, "06-02 09:00", "", 0, SLAActive, false},
			},
		},
		{
			// Reopen: solved 10:00, reopened by a requester comment at 12:00 (NRT starts,
			// since FRT was fulfilled by the solve), solved again 13:00 without a reply.
			// Agent work counts 09:00-10:00 and 12:00-13:00 (2h), fulfilled at the last
			// solve; total resolution likewise.
			name: "reopen",
			ticket: Ticket{ID: "T6", CreatedAt: d("09:00"), Priority: TicketPriorityNormal, Status: TicketOpen, Events: []TicketEvent{
				statusEv(d("10:00"), TicketSolved),
				ev(d("12:00"), TicketPublicComment, ActorEndUser),
				statusEv(d("12:00"), TicketOpen),
				statusEv(d("13:00"), TicketSolved),
				statusEv(d("14:00"), TicketClosed),
			}},
			asOf: d("15:00"),
			want: []brief{
				{"standard", SLAFirstReply, 0, time.Hour, "06-01 10:00", "06-01 10:00", FulfilledSolve, SLAAchieved, false},
				{"standard", SLANextReply, 0, time.Hour, "06-01 14:00", "06-01 13:00", FulfilledSolve, SLAAchieved, false},
				{"standard", SLARequesterWait, 0, 2 * time.Hour, "06-01 19:00", "06-01 13:00", FulfilledSolve, SLAAchieved, false},
				{"standard", SLAAgentWork, 0, 2 * time.Hour, "06-01 15:00", "06-01 13:00", FulfilledSolve, SLAAchieved, false},
				{"standard", SLATotalResolution, 0, 2 * time.Hour, "06-02 11:00", "06-01 13:00", FulfilledSolve, SLAAchieved, false},
			},
		},
		{
			name:   "created after asOf",
			ticket: Ticket{ID: "T7", CreatedAt: d("09:00"), Priority: TicketPriorityNormal},
			asOf:   d("08:00"),
		},
		{
			name:   "no priority, no SLA",
			ticket: Ticket{ID: "T8", CreatedAt: d("09:00")},
			asOf:   d("10:00"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := e.Evaluate(&tc.ticket, tc.asOf)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, briefs(rep.Results)); diff != "" {
				t.Errorf("results (-want +got):\n%s", diff)
			}
			for _, r := range rep.Results {
				if want := max(0, r.Elapsed-r.Target); r.Overdue() != want {
					t.Errorf("%s: Overdue %v, want %v", r.Metric, r.Overdue(), want)
				}
			}
		})
	}
}

func TestSLABadInput(t *testing.T) {
	e := standardEvaluator(t)
	created := utc(t, "2026-06-01T09:00:00Z")
	bad := Ticket{ID: "T9", CreatedAt: created, Status: TicketClosed, Priority: 9, Events: []TicketEvent{
		statusEv(created.Add(-time.Minute), TicketOpen),
		{At: created.Add(time.Hour), Kind: 9, Actor: 9},
		statusEv(created.Add(30*time.Minute), 17),
		{Kind: TicketPriorityChanged, Priority: 7},
	}}
	_, err := e.Evaluate(&bad, created.Add(time.Hour))
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("want ErrInvalid, got %v", err)
	}
	var ve *productops.ValidationError
	errors.As(err, &ve)
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field+" "+f.Rule)
	}
	want := []string{"priority oneof", "status oneof", "events[0].at gte", "events[0] closed",
		"events[1].kind oneof", "events[1].actor oneof", "events[2].at order",
		"events[2].status oneof", "events[3].at required", "events[3].priority oneof"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if !strings.Contains(err.Error(), `ticket "T9"`) || !strings.Contains(err.Error(), "before the ticket's creation") {
		t.Errorf("error does not name the record: %v", err)
	}
	if err := (&Ticket{}).Validate(); err == nil || !strings.Contains(err.Error(), "id: is required") {
		t.Errorf("empty ticket: %v", err)
	}
	closed := Ticket{ID: "T10", CreatedAt: created, Events: []TicketEvent{statusEv(created, TicketClosed), statusEv(created, TicketOpen)}}
	if err := closed.Validate(); err == nil || !strings.Contains(err.Error(), "already closed") {
		t.Errorf("reopened closed ticket: %v", err)
	}

	_, err = NewSLAEvaluator([]SLAPolicy{
		{Name: "a", Filter: SLAFilter{Priorities: []TicketPriority{9}}, Targets: []SLATarget{
			{Metric: 0, Priority: TicketPriorityNone, Target: 0, BusinessHours: true},
			{Metric: SLAFirstReply, Priority: TicketPriorityLow, Target: time.Hour},
			{Metric: SLAFirstReply, Priority: TicketPriorityLow, Target: time.Hour},
		}},
		{Name: "a"},
		{},
	}, nil)
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("want ErrInvalid, got %v", err)
	}
	errors.As(err, &ve)
	got = got[:0]
	for _, f := range ve.Fields {
		got = append(got, f.Field+" "+f.Rule)
	}
	want = []string{"[0].filter.priorities[0] oneof", "[0].targets[0].metric oneof", "[0].targets[0].priority oneof",
		"[0].targets[0].target gt", "[0].targets[0].business_hours calendar", "[0].targets[2] unique",
		"[1].name unique", "[1].targets required", "[2].name required", "[2].targets required"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("policy fields (-want +got):\n%s", diff)
	}
}

func TestSLAFilterAndJSON(t *testing.T) {
	e, err := NewSLAEvaluator([]SLAPolicy{
		{Name: "chat-billing", Filter: SLAFilter{Channels: []string{"chat"}, Groups: []string{"billing"}, Priorities: []TicketPriority{TicketPriorityHigh}},
			Targets: []SLATarget{{Metric: SLAFirstReply, Priority: TicketPriorityHigh, Target: time.Minute}}},
		{Name: "rest", Targets: []SLATarget{{Metric: SLAFirstReply, Priority: TicketPriorityHigh, Target: time.Hour}}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	created := utc(t, "2026-06-01T09:00:00Z")
	for _, tc := range []struct {
		channel, group string
		want           string
	}{{"chat", "billing", "chat-billing"}, {"chat", "sales", "rest"}, {"email", "billing", "rest"}} {
		tk := Ticket{ID: "T", CreatedAt: created, Channel: tc.channel, Group: tc.group, Priority: TicketPriorityHigh}
		rep, err := e.Evaluate(&tk, created.Add(time.Minute))
		if err != nil || len(rep.Results) != 1 || rep.Results[0].Policy != tc.want {
			t.Errorf("%s/%s: %+v, %v; want policy %s", tc.channel, tc.group, rep.Results, err, tc.want)
		}
	}
	tk := Ticket{ID: "T", CreatedAt: created, Priority: TicketPriorityHigh}
	rep, _ := e.Evaluate(&tk, created.Add(2*time.Hour))
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"metric":"first_reply_time"`) || !strings.Contains(string(b), `"state":"breached"`) || strings.Contains(string(b), "fulfilled_at") {
		t.Errorf("json = %s", b)
	}
}

func TestSLATargetJSON(t *testing.T) {
	in := SLATarget{Metric: SLAAgentWork, Priority: TicketPriorityHigh, Target: 90 * time.Minute, BusinessHours: true}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"metric":"agent_work_time","priority":"high","target":"1h30m0s","business_hours":true}` {
		t.Errorf("json = %s", b)
	}
	var out SLATarget
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("round trip = %+v, %v", out, err)
	}
	for _, bad := range []string{`{"target":"soon"}`, `{"metric":"x","target":"1h"}`, `[]`} {
		if err := json.Unmarshal([]byte(bad), &out); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func FuzzSLATargetJSON(f *testing.F) {
	for _, s := range []string{`{"metric":"agent_work_time","priority":"high","target":"1h30m0s","business_hours":true}`, `{"target":"-5s"}`, `{}`, `null`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v SLATarget
		if json.Unmarshal([]byte(s), &v) != nil || v.Metric == 0 {
			return
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%q decoded to unmarshalable %+v: %v", s, v, err)
		}
		var back SLATarget
		if err := json.Unmarshal(b, &back); err != nil || back != v {
			t.Fatalf("%q: round trip %s -> %+v, %v", s, b, back, err)
		}
	})
}

// Many cycles spill out of the evaluator's fixed buffer; every cycle is still reported.
func TestSLAManyCycles(t *testing.T) {
	e, err := NewSLAEvaluator([]SLAPolicy{{Name: "p", Targets: []SLATarget{{Metric: SLAPeriodicUpdate, Priority: TicketPriorityNormal, Target: 50 * time.Minute}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	created := utc(t, "2026-06-01T09:00:00Z")
	tk := Ticket{ID: "many", CreatedAt: created, Priority: TicketPriorityNormal}
	for i := 1; i <= 9; i++ {
		tk.Events = append(tk.Events, ev(created.Add(time.Duration(i)*time.Hour), TicketPublicComment, ActorAgent))
	}
	rep, err := e.Evaluate(&tk, created.Add(20*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// Nine replies an hour apart: eight closed cycles of 1h (breached: 1h > 50m) and the
	// last one open since 18:00 (09:00 + 9h), 11h by the as-of instant 05:00.
	if len(rep.Results) != 9 {
		t.Fatalf("%d results", len(rep.Results))
	}
	for i, r := range rep.Results {
		want := time.Hour
		if i == 8 {
			want = 11 * time.Hour
		}
		if r.Cycle != i || r.Elapsed != want || r.State != SLABreached || r.Fulfilled != (i < 8) {
			t.Errorf("cycle %d: %+v", i, r)
		}
	}
}

// Every SLA result agrees with a step-by-step simulation: elapsed time counted in
// 15-minute steps (timelines and calendar are on a 15-minute grid) over the statuses the
// metric counts and, for business-hours targets, the calendar's open steps; the due time is
// the step at which the count reaches the target; the state follows from them.
func TestSLAAgreesWithStepping(t *testing.T) {
	const step = 15 * time.Minute
	cal := MustCalendar(BusinessHours{Zone: "America/New_York",
		Weekly:   weekdays(ClockRange{Clock(9, 0, 0), Clock(12, 30, 0)}, ClockRange{Clock(13, 30, 0), Clock(17, 0, 0)}),
		Holidays: []LocalDate{{2026, 3, 10}}})
	r := rand.New(rand.NewPCG(1, 2))
	var targets []SLATarget
	for m := SLAFirstReply; m <= SLATotalResolution; m++ {
		for p := TicketPriorityLow; p <= TicketPriorityUrgent; p++ {
			targets = append(targets, SLATarget{Metric: m, Priority: p, Target: time.Duration(1+r.IntN(16)) * step, BusinessHours: p%2 == 0})
		}
	}
	e, err := NewSLAEvaluator([]SLAPolicy{{Name: "all", Targets: targets}}, cal)
	if err != nil {
		t.Fatal(err)
	}
	n := 600
	if testing.Short() {
		n = 100
	}
	kinds := []TicketEventKind{TicketStatusChanged, TicketPublicComment, TicketInternalNote, TicketPriorityChanged}
	var seen SLACompliance
	business := 0
	for i := range n {
		// Around the 2026-03-08 DST change.
		at := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(4*96)) * step)
		tk := Ticket{ID: TicketID("S" + strconv.Itoa(i)), CreatedAt: at, Priority: TicketPriority(1 + r.IntN(4)), CreatedByAgent: r.IntN(5) == 0}
		for range r.IntN(12) {
			at = at.Add(time.Duration(r.IntN(12)) * step)
			ev := TicketEvent{At: at, Kind: kinds[r.IntN(4)], Actor: TicketActor(r.IntN(3))}
			switch ev.Kind {
			case TicketStatusChanged:
				ev.Status = TicketStatus(1 + r.IntN(4)) // open..solved; never closed
			case TicketPriorityChanged:
				ev.Priority = TicketPriority(r.IntN(5))
			}
			tk.Events = append(tk.Events, ev)
		}
		asOf := at.Add(time.Duration(r.IntN(96)) * step)
		rep, err := e.Evaluate(&tk, asOf)
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range rep.Results {
			end := asOf
			if res.Fulfilled {
				end = res.FulfilledAt
			}
			counted := func(x time.Time) bool {
				if res.BusinessHours && !cal.IsOpen(x) {
					return false
				}
				return res.Metric.pauses()&(1<<tk.statusAt(toNs(x))) == 0
			}
			var elapsed time.Duration
			var due time.Time
			for x := res.StartedAt; x.Before(end); x = x.Add(step) {
				if counted(x) {
					elapsed += step
					if elapsed == res.Target && due.IsZero() {
						due = x.Add(step)
					}
				}
			}
			ctx := fmt.Sprintf("ticket %s %s cycle %d (%+v)", tk.ID, res.Metric, res.Cycle, res)
			if elapsed != res.Elapsed {
				t.Fatalf("%s: stepping elapsed %v", ctx, elapsed)
			}
			if !due.IsZero() && !due.Equal(res.DueAt) {
				t.Fatalf("%s: stepping due %v", ctx, due)
			}
			wantState := SLAActive
			switch {
			case elapsed > res.Target:
				wantState = SLABreached
			case res.Fulfilled:
				wantState = SLAAchieved
			case res.Metric.pauses()&(1<<tk.statusAt(toNs(asOf))) != 0:
				wantState = SLAPaused
			}
			if res.State != wantState {
				t.Fatalf("%s: want state %s", ctx, wantState)
			}
			seen.Add(res)
			if res.BusinessHours {
				business++
			}
		}
	}
	// The simulation must have covered every state and both kinds of hours.
	tot := seen.Total()
	if tot.Achieved == 0 || tot.Breached == 0 || tot.Active == 0 || tot.Paused == 0 || business == 0 || business == tot.Results() {
		t.Fatalf("weak coverage: %+v, %d business-hours results", tot, business)
	}
	t.Logf("%d results checked: %+v, %d in business hours", tot.Results(), tot, business)
}

// A ticket's Schedule selects its business-hours calendar; unknown names are errors.
func TestSLASchedules(t *testing.T) {
	ny := MustCalendar(BusinessHours{Name: "ny", Zone: "America/New_York", Weekly: weekdays(ClockRange{Clock(9, 0, 0), Clock(17, 0, 0)})})
	tokyo := MustCalendar(BusinessHours{Name: "tokyo", Zone: "Asia/Tokyo", Weekly: weekdays(ClockRange{Clock(9, 0, 0), Clock(17, 0, 0)})})
	policies := []SLAPolicy{{Name: "p", Targets: []SLATarget{{Metric: SLAFirstReply, Priority: TicketPriorityNormal, Target: 8 * time.Hour, BusinessHours: true}}}}
	e, err := NewSLAEvaluator(policies, ny, tokyo)
	if err != nil {
		t.Fatal(err)
	}
	// Mon 2026-06-01 00:00Z to 12:00Z: New York (EDT) is closed until 13:00Z; Tokyo (JST)
	// is open 00:00-08:00Z = 8h.
	created := utc(t, "2026-06-01T00:00:00Z")
	for _, tc := range []struct {
		schedule string
		want     time.Duration
	}{{"", 0}, {"tokyo", 8 * time.Hour}} {
		tk := Ticket{ID: "T", CreatedAt: created, Priority: TicketPriorityNormal, Schedule: tc.schedule}
		rep, err := e.Evaluate(&tk, created.Add(12*time.Hour))
		if err != nil || len(rep.Results) != 1 || rep.Results[0].Elapsed != tc.want {
			t.Errorf("schedule %q: %+v, %v; want elapsed %v", tc.schedule, rep.Results, err, tc.want)
		}
	}
	tk := Ticket{ID: "T", CreatedAt: created, Priority: TicketPriorityNormal, Schedule: "paris"}
	if _, err := e.Evaluate(&tk, created); !errors.Is(err, productops.ErrInvalid) || !strings.Contains(err.Error(), `schedule: unknown schedule "paris"`) {
		t.Errorf("unknown schedule: %v", err)
	}
	unnamed := MustCalendar(BusinessHours{Zone: "UTC", Weekly: weekdays(ClockRange{0, 3600})})
	_, err = NewSLAEvaluator(policies, ny, tokyo, nil, unnamed, tokyo)
	var ve *productops.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("bad schedules: %v", err)
	}
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field+" "+f.Rule)
	}
	if diff := cmp.Diff([]string{"schedules[1] required", "schedules[2] required", "schedules[3] unique"}, got); diff != "" {
		t.Errorf("schedule errors (-want +got):\n%s", diff)
	}
}
