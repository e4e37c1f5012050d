package zendesk_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/productops/productops/feedback"
	"github.com/productops/productops/interop/zendesk"
)

func ExampleReadTickets() {
	page := `{"tickets":[
		{"id":156,"via":{"channel":"email"},"created_at":"2026-06-01T10:00:00Z","updated_at":"2026-06-01T10:00:00Z","priority":"urgent","status":"new","requester_id":502,"submitter_id":502,"group_id":701,"tags":[]},
		{"id":156,"via":{"channel":"email"},"created_at":"2026-06-01T10:00:00Z","updated_at":"2026-06-01T11:30:00Z","priority":"urgent","status":"open","requester_id":502,"submitter_id":502,"group_id":701,"tags":["outage"]}],
		"next_page":null,"count":2,"end_of_stream":true,"end_time":1780313400}`
	tickets, err := zendesk.ReadTickets(strings.NewReader(page), zendesk.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(tickets.Tickets), tickets.Tickets[0].Status, tickets.Tickets[0].Tags)
	// Output: 1 open [outage]
}

func ExampleReadTicketEvents() {
	page := `{"ticket_events":[{"id":9110,"ticket_id":156,"timestamp":1780313400,"updater_id":602,"via":"Web form","event_type":"Audit",
		"child_events":[{"id":9111,"via":"Web form","comment_present":true,"comment_public":true,"status":"open","previous_value":"new","event_type":"Change"}]}],
		"end_of_stream":true,"end_time":1780313400}`
	audits, err := zendesk.ReadTicketEvents(strings.NewReader(page), zendesk.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := audits[0]
	fmt.Println(a.TicketID, a.At.Format(time.RFC3339), a.Status, a.Comments)
	// Output: 156 2026-06-01T11:30:00Z open [{true 602}]
}

func ExampleTimelines() {
	created := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	tickets := []zendesk.Ticket{{ID: 156, Status: "open", Priority: "urgent", RequesterID: 502, SubmitterID: 502, CreatedAt: created}}
	audits := []zendesk.Audit{
		{ID: 1, TicketID: 156, At: created, UpdaterID: 502, Create: true, Status: "new", Priority: "urgent"},
		{ID: 2, TicketID: 156, At: created.Add(90 * time.Minute), UpdaterID: 602, Status: "open", Comments: []zendesk.Comment{{Public: true, AuthorID: 602}}},
	}
	tl, _ := zendesk.Timelines(tickets, audits, zendesk.TimelineOptions{})
	for _, e := range tl.Tickets[0].Events {
		fmt.Println(e.At.Format("15:04"), e.Kind, e.Actor)
	}
	// Output:
	// 11:30 public_comment agent
	// 11:30 status agent
}

func ExampleReadSLAPolicies() {
	resp := `{"sla_policies":[{"id":25,"title":"Incidents","position":1,
		"filter":{"all":[{"field":"type","operator":"is","value":"incident"}],"any":[]},
		"policy_metrics":[{"priority":"urgent","metric":"first_reply_time","target":30,"business_hours":false}]}],
		"next_page":null,"previous_page":null,"count":1}`
	pol, err := zendesk.ReadSLAPolicies(strings.NewReader(resp), zendesk.SLAOptions{Skip: []string{"type"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	t := pol.Policies[0].Targets[0]
	fmt.Println(pol.Policies[0].Name, t.Metric, t.Priority, t.Target, "skipped:", pol.Skipped["Incidents"])
	_, err = feedback.NewSLAEvaluator(pol.Policies, nil)
	fmt.Println(err)
	// Output:
	// Incidents first_reply_time urgent 30m0s skipped: [{type is incident}]
	// <nil>
}

func ExampleReadMetricEvents() {
	page := `{"ticket_metric_events":[{"id":7012,"ticket_id":156,"metric":"reply_time","instance_id":1,"type":"breach","time":"2026-06-01T10:30:00Z"}],"end_of_stream":true}`
	events, _ := zendesk.ReadMetricEvents(strings.NewReader(page), zendesk.Options{})
	for _, b := range zendesk.Breaches(events) {
		fmt.Println(b.TicketID, b.Metric, b.At.Format(time.RFC3339))
	}
	// Output: 156 first_reply_time 2026-06-01T10:30:00Z
}

func ExampleMetricEvent_SLAMetric() {
	fmt.Println(zendesk.MetricEvent{Metric: "reply_time", InstanceID: 2}.SLAMetric())
	// Output: next_reply_time
}

func ExampleBreaches() {
	at := time.Date(2026, 6, 1, 10, 30, 0, 0, time.UTC)
	events := []zendesk.MetricEvent{
		{ID: 2, TicketID: 157, Metric: "reply_time", InstanceID: 1, Type: "breach", Time: at, Deleted: true},
		{ID: 1, TicketID: 156, Metric: "reply_time", InstanceID: 1, Type: "breach", Time: at},
		{ID: 3, TicketID: 156, Metric: "reply_time", InstanceID: 1, Type: "fulfill", Time: at.Add(time.Hour)},
	}
	fmt.Println(zendesk.Breaches(events))
	// Output: [{156 first_reply_time 1 2026-06-01 10:30:00 +0000 UTC}]
}
