package feedback_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/productops/productops"
	"github.com/productops/productops/feedback"
)

// A misspelt field is an error, not a silently missing value.
func ExampleParseDataset() {
	_, err := feedback.ParseDataset([]byte(`{"accounts":[{"id":"acme","segmnet":"enterprise"}]}`))
	fmt.Println(errors.Is(err, productops.ErrInvalid))
	fmt.Println(err)
	ds, err := feedback.ParseDataset([]byte(`{"accounts":[{"id":"acme","segment":"enterprise","mrr":"1200","currency":"EUR"}]}`))
	fmt.Println(ds.Accounts[0].Segment, ds.Accounts[0].MRR, err)
	// Output:
	// true
	// feedback: dataset: invalid: malformed JSON: json: unknown field "segmnet"
	// enterprise 1200 <nil>
}

func ExampleParseDemandOptions() {
	o, err := feedback.ParseDemandOptions([]byte(`{"revenue":"max","measure":"arr","segment_weights":{"enterprise":"2"}}`))
	fmt.Println(o.Revenue, o.Measure, o.SegmentWeights["enterprise"], err)
	// Output: max arr 2 <nil>
}

func ExampleDemandOptions_Validate() {
	err := feedback.DemandOptions{Revenue: 9, From: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}.Validate()
	fmt.Println(err)
	// Output: feedback: demand options: invalid: revenue: undefined aggregation 9; to: must be after from
}

func ExampleParseDedupeOptions() {
	o, err := feedback.ParseDedupeOptions([]byte(`{"shingling":"char_trigrams","max_pairs":1000}`))
	fmt.Println(o.Shingling, o.MaxPairs, err)
	// Output: char_trigrams 1000 <nil>
}

func ExampleParseBusinessHours() {
	h, err := feedback.ParseBusinessHours([]byte(`{"zone":"Europe/Berlin","weekly":[[],["09:00-17:00"],["09:00-17:00"],[],[],[],[]],"holidays":["2026-12-25"]}`))
	if err != nil {
		panic(err)
	}
	c := feedback.MustCalendar(h)
	fmt.Println(c.Location(), h.Weekly[1], h.Holidays)
	// Output: Europe/Berlin [09:00-17:00] [2026-12-25]
}

func ExampleParseTickets() {
	ts, err := feedback.ParseTickets([]byte(`[{"id":"T-1","created_at":"2026-06-01T09:00:00Z","priority":"high",
		"events":[{"at":"2026-06-01T09:30:00Z","kind":"public_comment","actor":"agent"}]}]`))
	fmt.Println(len(ts), ts[0].Priority, err)
	_, err = feedback.ParseTickets([]byte(`[{"id":"T-2","created":"2026-06-01T09:00:00Z"}]`))
	fmt.Println(err)
	// Output:
	// 1 high <nil>
	// feedback: tickets: invalid: malformed JSON: json: unknown field "created"
}

func ExampleParseSLAPolicies() {
	ps, err := feedback.ParseSLAPolicies([]byte(`[{"name":"standard","targets":[
		{"metric":"first_reply_time","priority":"normal","target":"4h","business_hours":true}]}]`))
	fmt.Println(ps[0].Name, ps[0].Targets[0].Metric, ps[0].Targets[0].Target, err)
	// Output: standard first_reply_time 4h0m0s <nil>
}

// Caps are checked before the work: 100 copies of one text would be 4,950 pairs.
func ExampleLimitError() {
	items := make([]feedback.Item, 100)
	for i := range items {
		items[i] = feedback.Item{ID: feedback.ItemID(fmt.Sprint(i)), Text: "dark mode"}
	}
	_, err := feedback.FindDuplicates(items, feedback.DedupeOptions{MaxPairs: 1000})
	var le *feedback.LimitError
	fmt.Println(errors.As(err, &le), le.Limit, le.Max, errors.Is(err, feedback.ErrLimit))
	// Output: true max_pairs 1000 true
}

func ExampleFindDuplicatesContext() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a request that went away
	_, err := feedback.FindDuplicatesContext(ctx, []feedback.Item{{ID: "a", Text: "dark mode"}}, feedback.DedupeOptions{})
	fmt.Println(errors.Is(err, context.Canceled))
	// Output: true
}

func ExampleDedupeIndex_PairsContext() {
	x, _ := feedback.NewDedupeIndex(feedback.DedupeOptions{})
	_ = x.Add("a", "Dark mode please")
	_ = x.Add("b", "dark mode, please")
	r, err := x.PairsContext(context.Background())
	fmt.Println(len(r.Pairs), r.Pairs[0].Kind, err)
	// Output: 1 exact <nil>
}

// A queue evaluated at once, with its compliance tally.
func ExampleSLAEvaluator_EvaluateAll() {
	e, err := feedback.NewSLAEvaluator([]feedback.SLAPolicy{{Name: "standard", Targets: []feedback.SLATarget{
		{Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityNormal, Target: time.Hour}}}}, nil)
	if err != nil {
		panic(err)
	}
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	reply := func(after time.Duration) []feedback.TicketEvent {
		return []feedback.TicketEvent{{At: c.Add(after), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent}}
	}
	tickets := []feedback.Ticket{
		{ID: "T-1", CreatedAt: c, Priority: feedback.TicketPriorityNormal, Events: reply(30 * time.Minute)},
		{ID: "T-2", CreatedAt: c, Priority: feedback.TicketPriorityNormal, Events: reply(90 * time.Minute)},
		{ID: "T-3", CreatedAt: c, Priority: feedback.TicketPriorityNormal},
	}
	b, err := e.EvaluateAll(tickets, c.Add(4*time.Hour))
	if err != nil {
		panic(err)
	}
	for _, r := range b.Reports {
		fmt.Println(r.TicketID, r.Results[0].State)
	}
	fmt.Printf("%+v %.2f\n", b.Compliance.Total(), b.Compliance.Total().Compliance().Value)
	// Output:
	// T-1 achieved
	// T-2 breached
	// T-3 breached
	// {Achieved:1 Breached:2 Active:0 Paused:0} 0.33
}

func ExampleSLAEvaluator_EvaluateAllContext() {
	e, _ := feedback.NewSLAEvaluator([]feedback.SLAPolicy{{Name: "p", Targets: []feedback.SLATarget{
		{Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityLow, Target: time.Hour}}}}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	_, err := e.EvaluateAllContext(ctx, []feedback.Ticket{{ID: "T", CreatedAt: time.Unix(0, 0)}}, time.Unix(3600, 0))
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output: true
}

func ExampleSupportKPIsContext() {
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	r, err := feedback.SupportKPIsContext(context.Background(), []feedback.Ticket{{ID: "T", CreatedAt: c}}, c.Add(time.Hour), feedback.SupportKPIOptions{})
	fmt.Println(r.Tickets, r.Unsolved, err)
	// Output: 1 1 <nil>
}

// When the clocks skip midnight, the day starts at the end of the gap.
func ExampleCalendar_DayStart() {
	c := feedback.MustCalendar(feedback.BusinessHours{Zone: "America/Sao_Paulo", Weekly: [7][]feedback.ClockRange{
		{{Start: feedback.Clock(9, 0, 0), End: feedback.Clock(17, 0, 0)}}}})
	s, err := c.DayStart(feedback.LocalDate{Year: 2018, Month: time.November, Day: 4})
	fmt.Println(s, err)
	// Output: 2018-11-04 01:00:00 -0200 -02 <nil>
}

func ExampleCalendar_DateOf() {
	c := feedback.MustCalendar(feedback.BusinessHours{Zone: "Asia/Tokyo", Weekly: [7][]feedback.ClockRange{
		{{Start: feedback.Clock(9, 0, 0), End: feedback.Clock(17, 0, 0)}}}})
	fmt.Println(c.DateOf(time.Date(2026, 6, 1, 20, 0, 0, 0, time.UTC)))
	// Output: 2026-06-02
}

// The per-ticket counts, and the case the one-touch definitions disagree on: a ticket
// an agent closes without a public reply.
func ExampleCountTicket() {
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	t := feedback.Ticket{ID: "T-1", CreatedAt: c, Events: []feedback.TicketEvent{
		{At: c, Kind: feedback.TicketPublicComment, Actor: feedback.ActorEndUser}, // the description, sent as an event
		{At: c.Add(time.Hour), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Author: "ann", Status: feedback.TicketSolved},
	}}
	n := feedback.CountTicket(&t, c.Add(2*time.Hour))
	fmt.Printf("replies %d, follow-ups %d, agents %d, solved without reply %v\n", n.AgentReplies, n.CustomerFollowUps, n.Agents, n.SolvedWithoutReply)
	for _, def := range []feedback.OneTouchDefinition{feedback.OneTouchZendeskExplore, feedback.OneTouchZendeskOneReply, feedback.FCRIntercom} {
		fmt.Println(def, feedback.OneTouch(&t, def))
	}
	// Output:
	// replies 0, follow-ups 0, agents 1, solved without reply true
	// zendesk_explore true
	// zendesk_one_reply false
	// intercom_first_contact true
}

// Elapsed SLA time without any policy: next reply time, paused never, in business hours.
func ExampleMeasureSLA() {
	cal := feedback.MustCalendar(feedback.BusinessHours{Zone: "UTC", Weekly: [7][]feedback.ClockRange{
		1: {{Start: feedback.Clock(9, 0, 0), End: feedback.Clock(17, 0, 0)}}}})
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC) // a Monday
	t := feedback.Ticket{ID: "T-2", CreatedAt: c, Events: []feedback.TicketEvent{
		{At: c.Add(time.Hour), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent},
		{At: c.Add(7 * time.Hour), Kind: feedback.TicketPublicComment, Actor: feedback.ActorEndUser},
	}}
	ms, err := feedback.MeasureSLA(&t, feedback.SLANextReply, cal, c.Add(26*time.Hour))
	if err != nil {
		panic(err)
	}
	for _, m := range ms {
		fmt.Println(m.Metric, m.Cycle, m.StartedAt.Format("Mon 15:04"), m.Fulfilled, m.Elapsed)
	}
	// Output: next_reply_time 0 Mon 16:00 false 1h0m0s
}

func ExampleCalendar_OpenIntervals() {
	c := feedback.MustCalendar(feedback.BusinessHours{Zone: "Europe/Berlin", Weekly: [7][]feedback.ClockRange{
		0: {{Start: feedback.Clock(1, 0, 0), End: feedback.Clock(4, 0, 0)}, {Start: feedback.Clock(10, 0, 0), End: feedback.Clock(12, 0, 0)}}}})
	// 2026-03-29: the clocks skip 02:00-03:00.
	iv, err := c.OpenIntervals(feedback.LocalDate{Year: 2026, Month: time.March, Day: 29})
	for _, i := range iv {
		fmt.Println(i.Start.Format("15:04 MST"), "-", i.End.Format("15:04 MST"), i.End.Sub(i.Start))
	}
	fmt.Println(err)
	// Output:
	// 01:00 CET - 04:00 CEST 2h0m0s
	// 10:00 CEST - 12:00 CEST 2h0m0s
	// <nil>
}

// Ticket volume per active account and per 1,000 users, with the denominators stated.
func ExampleVolumeRate() {
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	tickets := []feedback.Ticket{{ID: "a", CreatedAt: c}, {ID: "b", CreatedAt: c}, {ID: "c", CreatedAt: c}}
	r, _ := feedback.SupportKPIs(tickets, c.Add(time.Hour), feedback.SupportKPIOptions{ActiveAccounts: 2, Users: 600})
	fmt.Printf("%d tickets: %.2f per active account, %.2f per 1,000 users\n", r.Created, r.PerActiveAccount.Value, r.PerThousandUsers.Value)
	// Output: 3 tickets: 1.50 per active account, 5.00 per 1,000 users
}
