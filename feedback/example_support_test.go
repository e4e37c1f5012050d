package feedback_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/productops/productops"
	"github.com/productops/productops/feedback"
)

// nyHours is Mon-Fri 09:00-12:00 and 13:00-17:00 in New York, closed on Christmas.
func nyHours() feedback.BusinessHours {
	day := []feedback.ClockRange{
		{Start: feedback.Clock(9, 0, 0), End: feedback.Clock(12, 0, 0)},
		{Start: feedback.Clock(13, 0, 0), End: feedback.Clock(17, 0, 0)},
	}
	h := feedback.BusinessHours{Name: "support-ny", Zone: "America/New_York"}
	for d := time.Monday; d <= time.Friday; d++ {
		h.Weekly[d] = day
	}
	h.Holidays = []feedback.LocalDate{{Year: 2026, Month: time.December, Day: 25}}
	return h
}

func ny(s string) time.Time {
	loc, _ := time.LoadLocation("America/New_York")
	t, _ := time.ParseInLocation("2006-01-02 15:04", s, loc)
	return t
}

// A calendar definition in JSON: weekday ranges, holidays as local dates.
func ExampleBusinessHours() {
	var h feedback.BusinessHours
	err := json.Unmarshal([]byte(`{
		"name": "support-berlin",
		"zone": "Europe/Berlin",
		"weekly": [[], ["09:00-12:00", "13:00-17:00"], ["09:00-17:00"], [], [], [], []],
		"holidays": ["2026-12-25"],
		"breaks": [{"date": "2026-12-24", "ranges": ["12:00-17:00"]}]
	}`), &h)
	fmt.Println(err, h.Weekly[1], h.Holidays, h.Breaks[0].Ranges)
	// Output: <nil> [09:00-12:00 13:00-17:00] [2026-12-25] [12:00-17:00]
}

func ExampleBusinessHours_Validate() {
	h := feedback.BusinessHours{Name: "bad", Zone: "Mars/Olympus"}
	h.Weekly[time.Monday] = []feedback.ClockRange{
		{Start: feedback.Clock(9, 0, 0), End: feedback.Clock(12, 0, 0)},
		{Start: feedback.Clock(11, 0, 0), End: feedback.Clock(17, 0, 0)},
	}
	err := h.Validate()
	fmt.Println(errors.Is(err, productops.ErrInvalid))
	fmt.Println(err)
	// Output:
	// true
	// feedback: business hours "bad": invalid: zone: unknown IANA time zone "Mars/Olympus"; weekly[1][1]: 11:00-17:00 overlaps or precedes 09:00-12:00 at weekly[1][0]
}

func ExampleClock() {
	fmt.Println(feedback.Clock(9, 30, 0), feedback.Clock(24, 0, 0), feedback.Clock(8, 0, 15))
	// Output: 09:30 24:00 08:00:15
}

func ExampleParseClockTime() {
	c, err := feedback.ParseClockTime("17:30")
	fmt.Println(int(c), err)
	_, err = feedback.ParseClockTime("25:00")
	fmt.Println(err)
	// Output:
	// 63000 <nil>
	// feedback: clock time: invalid: "25:00" is not HH:MM or HH:MM:SS between 00:00 and 24:00
}

func ExampleParseClockRange() {
	r, err := feedback.ParseClockRange("09:00-17:00")
	fmt.Println(r.Start, r.End, err)
	_, err = feedback.ParseClockRange("17:00-09:00")
	fmt.Println(err)
	// Output:
	// 09:00 17:00 <nil>
	// feedback: clock range: invalid: "17:00-09:00": start must be before end
}

func ExampleParseLocalDate() {
	d, err := feedback.ParseLocalDate("2026-12-25")
	fmt.Println(d, err)
	_, err = feedback.ParseLocalDate("2026-02-30")
	fmt.Println(err)
	// Output:
	// 2026-12-25 <nil>
	// feedback: date: invalid: "2026-02-30" is not an existing YYYY-MM-DD date
}

func ExampleNewCalendar() {
	cal, err := feedback.NewCalendar(nyHours())
	fmt.Println(cal, err)
	_, err = feedback.NewCalendar(feedback.BusinessHours{Zone: "Europe/Nowhere"})
	fmt.Println(err)
	// Output:
	// "support-ny" (America/New_York) <nil>
	// feedback: business hours "": invalid: zone: unknown IANA time zone "Europe/Nowhere"; weekly: must have at least one open range in the week
}

func ExampleMustCalendar() {
	cal := feedback.MustCalendar(nyHours())
	fmt.Println(cal.Name(), cal.Location())
	// Output: support-ny America/New_York
}

// Friday 16:00 to Monday 10:00 across the spring-forward weekend: 1h + 1h.
func ExampleCalendar_Duration() {
	cal := feedback.MustCalendar(nyHours())
	fmt.Println(cal.Duration(ny("2026-03-06 16:00"), ny("2026-03-09 10:00")))
	// Christmas is a holiday: Thursday 16:00 to Monday 10:00.
	fmt.Println(cal.Duration(ny("2026-12-24 16:00"), ny("2026-12-28 10:00")))
	// Lunch is closed.
	fmt.Println(cal.Duration(ny("2026-03-10 11:00"), ny("2026-03-10 14:00")))
	// Output:
	// 2h0m0s
	// 2h0m0s
	// 2h0m0s
}

// A due time landing exactly on closing time is that closing time.
func ExampleCalendar_Add() {
	cal := feedback.MustCalendar(nyHours())
	fmt.Println(cal.Add(ny("2026-03-06 15:00"), 2*time.Hour).Format("Mon 15:04 MST"))
	fmt.Println(cal.Add(ny("2026-03-06 15:00"), 3*time.Hour).Format("Mon 15:04 MST"))
	fmt.Println(cal.Add(ny("2026-03-09 10:00"), -2*time.Hour).Format("Mon 15:04 MST"))
	// Output:
	// Fri 17:00 EST
	// Mon 10:00 EDT
	// Fri 16:00 EST
}

func ExampleCalendar_NextOpen() {
	cal := feedback.MustCalendar(nyHours())
	fmt.Println(cal.NextOpen(ny("2026-03-07 12:00")).Format("Mon 01-02 15:04"))
	fmt.Println(cal.NextOpen(ny("2026-03-09 12:30")).Format("Mon 01-02 15:04"))
	fmt.Println(cal.NextOpen(ny("2026-03-09 14:00")).Format("Mon 01-02 15:04"))
	// Output:
	// Mon 03-09 09:00
	// Mon 03-09 13:00
	// Mon 03-09 14:00
}

func ExampleCalendar_IsOpen() {
	cal := feedback.MustCalendar(nyHours())
	fmt.Println(cal.IsOpen(ny("2026-03-09 09:00")), cal.IsOpen(ny("2026-03-09 12:00")), cal.IsOpen(ny("2026-12-25 10:00")))
	// Output: true false false
}

func ExampleCalendar_Location() {
	cal := feedback.MustCalendar(nyHours())
	fmt.Println(cal.Location(), cal.Name(), cal.String())
	// Output: America/New_York support-ny "support-ny" (America/New_York)
}

func ExampleTicket_Validate() {
	created := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	t := feedback.Ticket{ID: "T-1", CreatedAt: created, Events: []feedback.TicketEvent{
		{At: created.Add(-time.Hour), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent},
	}}
	fmt.Println(t.Validate())
	// Output: feedback: ticket "T-1": invalid: events[0].at: 2026-06-01T08:00:00Z is before the ticket's creation at 2026-06-01T09:00:00Z
}

// Enums have text forms for JSON.
func ExampleTicketStatus_UnmarshalText() {
	var ev feedback.TicketEvent
	err := json.Unmarshal([]byte(`{"at":"2026-06-01T10:00:00Z","kind":"status","actor":"agent","status":"on-hold"}`), &ev)
	fmt.Println(ev.Kind, ev.Actor, ev.Status, err)
	b, _ := json.Marshal(feedback.SLAResult{Metric: feedback.SLANextReply, State: feedback.SLABreached, Priority: feedback.TicketPriorityUrgent, FulfilledBy: feedback.FulfilledSolve})
	fmt.Println(string(b))
	// Output:
	// status agent hold <nil>
	// {"policy":"","metric":"next_reply_time","cycle":0,"priority":"urgent","target":0,"started_at":"0001-01-01T00:00:00Z","fulfilled":false,"fulfilled_by":"solve","elapsed":0,"state":"breached"}
}

func examplePolicies() []feedback.SLAPolicy {
	return []feedback.SLAPolicy{
		{
			Name:   "enterprise",
			Filter: feedback.SLAFilter{Tags: []string{"enterprise"}},
			Targets: []feedback.SLATarget{
				{Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityNormal, Target: time.Hour, BusinessHours: true},
				{Metric: feedback.SLANextReply, Priority: feedback.TicketPriorityNormal, Target: 2 * time.Hour, BusinessHours: true},
				{Metric: feedback.SLAAgentWork, Priority: feedback.TicketPriorityNormal, Target: 4 * time.Hour, BusinessHours: true},
			},
		},
		{
			Name: "default",
			Targets: []feedback.SLATarget{
				{Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityNormal, Target: 8 * time.Hour},
			},
		},
	}
}

func ExampleNewSLAEvaluator() {
	_, err := feedback.NewSLAEvaluator(examplePolicies(), nil)
	fmt.Println(err)
	// Output: feedback: SLA policies: invalid: [0].targets[0].business_hours: needs a business-hours calendar; none was given; [0].targets[1].business_hours: needs a business-hours calendar; none was given; [0].targets[2].business_hours: needs a business-hours calendar; none was given
}

// An enterprise ticket created Friday afternoon: the first reply on Monday is within one
// business hour; the requester's follow-up is answered late; agent work is paused while
// pending.
func ExampleSLAEvaluator_Evaluate() {
	e, err := feedback.NewSLAEvaluator(examplePolicies(), feedback.MustCalendar(nyHours()))
	if err != nil {
		panic(err)
	}
	t := feedback.Ticket{
		ID: "T-7", CreatedAt: ny("2026-03-06 16:30"), Priority: feedback.TicketPriorityNormal, Tags: []string{"enterprise"},
		Events: []feedback.TicketEvent{
			{At: ny("2026-03-09 09:20"), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent},
			{At: ny("2026-03-09 09:20"), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketPending},
			{At: ny("2026-03-09 10:00"), Kind: feedback.TicketPublicComment, Actor: feedback.ActorEndUser},
			{At: ny("2026-03-09 10:00"), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorEndUser, Status: feedback.TicketOpen},
			{At: ny("2026-03-09 15:00"), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketPending},
		},
	}
	rep, err := e.Evaluate(&t, ny("2026-03-09 16:00"))
	if err != nil {
		panic(err)
	}
	for _, r := range rep.Results {
		fmt.Printf("%s %s: %s elapsed %v of %v, due %s\n", r.Policy, r.Metric, r.State, r.Elapsed, r.Target,
			r.DueAt.In(t.CreatedAt.Location()).Format("Mon 15:04"))
	}
	// Output:
	// enterprise first_reply_time: achieved elapsed 50m0s of 1h0m0s, due Mon 09:30
	// enterprise next_reply_time: breached elapsed 5h0m0s of 2h0m0s, due Mon 12:00
	// enterprise agent_work_time: breached elapsed 4h50m0s of 4h0m0s, due Mon 14:10
}

// EvaluateInto reuses one slice across tickets: no allocation per ticket.
func ExampleSLAEvaluator_EvaluateInto() {
	e, _ := feedback.NewSLAEvaluator(examplePolicies()[1:], nil)
	created := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	tickets := []feedback.Ticket{
		{ID: "a", CreatedAt: created, Priority: feedback.TicketPriorityNormal},
		{ID: "b", CreatedAt: created.Add(-10 * time.Hour), Priority: feedback.TicketPriorityNormal},
	}
	var dst []feedback.SLAResult
	for i := range tickets {
		var err error
		dst, err = e.EvaluateInto(dst[:0], &tickets[i], created.Add(time.Hour))
		if err != nil {
			panic(err)
		}
		fmt.Println(tickets[i].ID, dst[0].Metric, dst[0].State, dst[0].Overdue())
	}
	// Output:
	// a first_reply_time active 0s
	// b first_reply_time breached 3h0m0s
}

func ExampleSLATarget_UnmarshalJSON() {
	var p feedback.SLAPolicy
	err := json.Unmarshal([]byte(`{"name": "gold", "targets": [
		{"metric": "first_reply_time", "priority": "urgent", "target": "30m", "business_hours": true},
		{"metric": "requester_wait_time", "priority": "urgent", "target": "1h30m"}]}`), &p)
	fmt.Println(p.Targets[0].Metric, p.Targets[0].Target, p.Targets[1].Metric, p.Targets[1].Target, err)
	b, _ := json.Marshal(p.Targets[1])
	fmt.Println(string(b))
	// Output:
	// first_reply_time 30m0s requester_wait_time 1h30m0s <nil>
	// {"metric":"requester_wait_time","priority":"urgent","target":"1h30m0s"}
}

func ExampleSLAResult_Overdue() {
	r := feedback.SLAResult{Target: time.Hour, Elapsed: 75 * time.Minute, State: feedback.SLABreached}
	fmt.Println(r.Overdue())
	// Output: 15m0s
}

func exampleTicket() feedback.Ticket {
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	return feedback.Ticket{ID: "T-9", CreatedAt: c, Events: []feedback.TicketEvent{
		{At: c.Add(30 * time.Minute), Kind: feedback.TicketPublicComment, Actor: feedback.ActorBot},
		{At: c.Add(2 * time.Hour), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent},
		{At: c.Add(3 * time.Hour), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketSolved},
		{At: c.Add(5 * time.Hour), Kind: feedback.TicketPublicComment, Actor: feedback.ActorEndUser},
		{At: c.Add(5 * time.Hour), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorEndUser, Status: feedback.TicketOpen},
		{At: c.Add(6 * time.Hour), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketSolved},
	}}
}

// The bot's reply does not count.
func ExampleFirstReplyTime() {
	t := exampleTicket()
	fmt.Println(feedback.FirstReplyTime(&t, nil))
	// Output: 2h0m0s true
}

func ExampleFirstResolutionTime() {
	t := exampleTicket()
	fmt.Println(feedback.FirstResolutionTime(&t, nil))
	// Output: 3h0m0s true
}

func ExampleFullResolutionTime() {
	t := exampleTicket()
	fmt.Println(feedback.FullResolutionTime(&t, nil))
	// Output: 6h0m0s true
}

func ExampleReopens() {
	t := exampleTicket()
	fmt.Println(feedback.Reopens(&t))
	// Output: 1
}

// The same ticket under each published definition.
func ExampleOneTouch() {
	t := exampleTicket()
	for _, d := range []feedback.OneTouchDefinition{feedback.OneTouchZendeskExplore, feedback.OneTouchZendeskMessaging,
		feedback.OneTouchDbtZendesk, feedback.FCRFreshservice, feedback.FCRFreshdesk, feedback.FCRIntercom} {
		fmt.Println(d, feedback.OneTouch(&t, d))
	}
	// Output:
	// zendesk_explore true
	// zendesk_messaging false
	// dbt_zendesk true
	// freshservice_fcr false
	// freshdesk_fcr false
	// intercom_first_contact false
}

func ExampleSupportKPIs() {
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	tickets := []feedback.Ticket{
		exampleTicket(),
		{ID: "T-10", CreatedAt: c, Events: []feedback.TicketEvent{
			{At: c.Add(time.Hour), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent},
			{At: c.Add(time.Hour), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketSolved},
		}},
		{ID: "T-11", CreatedAt: c.Add(2 * time.Hour), Status: feedback.TicketOpen},
	}
	rep, err := feedback.SupportKPIs(tickets, c.Add(8*time.Hour), feedback.SupportKPIOptions{OneTouch: feedback.OneTouchDbtZendesk})
	if err != nil {
		panic(err)
	}
	fmt.Println("tickets", rep.Tickets, "solved", rep.Solved, "backlog", rep.Unsolved)
	fmt.Println("first reply p50", rep.FirstReply.Percentiles[0].Value, "p90", rep.FirstReply.Percentiles[1].Value)
	fmt.Printf("one-touch (%s) %d/%d\n", rep.OneTouchDefinition, rep.OneTouch.Numerator, rep.OneTouch.Denominator)
	fmt.Printf("reopen (%s) %d/%d\n", rep.ReopenDefinition, rep.Reopen.Numerator, rep.Reopen.Denominator)
	fmt.Println("oldest backlog", rep.BacklogAge.Percentiles[1].Value)
	// Output:
	// tickets 3 solved 2 backlog 1
	// first reply p50 1h0m0s p90 2h0m0s
	// one-touch (dbt_zendesk) 2/2
	// reopen (transitions) 1/2
	// oldest backlog 6h0m0s
}

func ExampleCSAT() {
	res, err := feedback.CSAT([]feedback.CSATSurvey{
		{TicketID: "1", Scale: feedback.CSATFivePoint, Answered: true, Score: 5},
		{TicketID: "2", Scale: feedback.CSATFivePoint, Answered: true, Score: 4},
		{TicketID: "3", Scale: feedback.CSATFivePoint, Answered: true, Score: 2},
		{TicketID: "4", Scale: feedback.CSATFivePoint},
	})
	fmt.Printf("top-2-box %d/%d, mean %.2f, response rate %d/%d, %v\n", res.Satisfied.Numerator, res.Satisfied.Denominator,
		res.MeanScore, res.ResponseRate.Numerator, res.ResponseRate.Denominator, err)
	// Output: top-2-box 2/3, mean 3.67, response rate 3/4, <nil>
}

func ExampleCES() {
	res, err := feedback.CES([]int{7, 6, 5, 4, 2})
	fmt.Printf("mean %.1f, low effort %.0f%%, high effort %.0f%%, %v\n", res.Mean, 100*res.LowEffort.Value, 100*res.HighEffort.Value, err)
	// Output: mean 4.8, low effort 60%, high effort 20%, <nil>
}

func ExampleDeflection() {
	res, err := feedback.Deflection(feedback.DeflectionCounts{HelpCenterUsers: 4000, TicketUsers: 100, SelfServiceResolutions: 300, Tickets: 700})
	fmt.Printf("self-service score %.0f:1, deflection rate %.0f%%, %v\n", res.SelfServiceScore.Value, 100*res.DeflectionRate.Value, err)
	// Output: self-service score 40:1, deflection rate 30%, <nil>
}

func someResults() []feedback.SLAResult {
	return []feedback.SLAResult{
		{Metric: feedback.SLAFirstReply, State: feedback.SLAAchieved},
		{Metric: feedback.SLAFirstReply, State: feedback.SLABreached},
		{Metric: feedback.SLAFirstReply, State: feedback.SLAAchieved},
		{Metric: feedback.SLAAgentWork, State: feedback.SLAPaused},
	}
}

func ExampleSLACompliance_Add() {
	var c feedback.SLACompliance
	c.Add(someResults()...)
	fmt.Printf("%+v\n", c.Metric(feedback.SLAFirstReply))
	// Output: {Achieved:2 Breached:1 Active:0 Paused:0}
}

// Tally two halves of a queue separately, then merge.
func ExampleSLACompliance_Merge() {
	var a, b feedback.SLACompliance
	rs := someResults()
	a.Add(rs[:2]...)
	b.Add(rs[2:]...)
	a.Merge(&b)
	fmt.Printf("%+v\n", a.Total())
	// Output: {Achieved:2 Breached:1 Active:0 Paused:1}
}

func ExampleSLACompliance_All() {
	var c feedback.SLACompliance
	c.Add(someResults()...)
	for m, t := range c.All() {
		fmt.Println(m, t.Results())
	}
	// Output:
	// first_reply_time 3
	// agent_work_time 1
}

func ExampleSLACompliance_Metric() {
	var c feedback.SLACompliance
	c.Add(someResults()...)
	fmt.Println(c.Metric(feedback.SLAAgentWork).Paused, c.Metric(feedback.SLANextReply).Results())
	// Output: 1 0
}

func ExampleSLACompliance_Total() {
	var c feedback.SLACompliance
	c.Add(someResults()...)
	fmt.Println(c.Total().Results())
	// Output: 4
}

// Compliance counts decided targets only: 2 of 3 first replies met.
func ExampleSLATally_Compliance() {
	var c feedback.SLACompliance
	c.Add(someResults()...)
	r := c.Metric(feedback.SLAFirstReply).Compliance()
	fmt.Printf("%d/%d %.3f\n", r.Numerator, r.Denominator, r.Value)
	fmt.Println(c.Metric(feedback.SLAAgentWork).Compliance().Defined)
	// Output:
	// 2/3 0.667
	// false
}

func ExampleSLACompliance_MarshalJSON() {
	var c feedback.SLACompliance
	c.Add(someResults()...)
	b, _ := json.Marshal(&c)
	fmt.Println(string(b))
	var back feedback.SLACompliance
	fmt.Println(json.Unmarshal(b, &back), back.Total().Results())
	// Output:
	// {"agent_work_time":{"achieved":0,"breached":0,"active":0,"paused":1},"first_reply_time":{"achieved":2,"breached":1,"active":0,"paused":0}}
	// <nil> 4
}

// Tickets pick their business-hours calendar by name, like Zendesk's per-ticket schedules.
func ExampleNewSLAEvaluator_schedules() {
	tokyo := feedback.MustCalendar(feedback.BusinessHours{Name: "tokyo", Zone: "Asia/Tokyo",
		Weekly: [7][]feedback.ClockRange{1: {{Start: feedback.Clock(9, 0, 0), End: feedback.Clock(18, 0, 0)}}}})
	e, err := feedback.NewSLAEvaluator(examplePolicies(), feedback.MustCalendar(nyHours()), tokyo)
	if err != nil {
		panic(err)
	}
	created := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) // Monday 09:00 in Tokyo
	for _, schedule := range []string{"", "tokyo"} {
		t := feedback.Ticket{ID: "T-1", CreatedAt: created, Priority: feedback.TicketPriorityNormal, Tags: []string{"enterprise"}, Schedule: schedule}
		rep, _ := e.Evaluate(&t, created.Add(3*time.Hour))
		fmt.Printf("%q: %s %s after %v\n", schedule, rep.Results[0].Metric, rep.Results[0].State, rep.Results[0].Elapsed)
	}
	// Output:
	// "": first_reply_time active after 0s
	// "tokyo": first_reply_time breached after 3h0m0s
}
