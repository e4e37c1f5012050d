package zendesk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/productops/productops"
	"github.com/productops/productops/feedback"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
)

func open(t testing.TB, name string) []byte {
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func at(s string) time.Time {
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestReadTickets(t *testing.T) {
	got, err := ReadTickets(bytes.NewReader(open(t, "tickets.json")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := Tickets{
		Tickets: []Ticket{
			{ID: 155, Subject: "Card declined at checkout", Status: "solved", Priority: "high", Type: "incident", RequesterID: 501, SubmitterID: 501,
				AssigneeID: 601, OrganizationID: 901, GroupID: 701, Channel: "web", Tags: []string{"checkout", "vip"},
				CreatedAt: at("2026-06-01T09:00:00Z"), UpdatedAt: at("2026-06-01T13:00:00Z")},
			{ID: 156, Subject: "Orders page is down", Status: "open", Priority: "urgent", Type: "incident", RequesterID: 502, SubmitterID: 502,
				AssigneeID: 602, GroupID: 701, Channel: "email", Tags: []string{"outage"},
				CreatedAt: at("2026-06-01T10:00:00Z"), UpdatedAt: at("2026-06-01T11:30:00Z")},
		},
		Deleted: []int64{157},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	cur, err := ReadTickets(bytes.NewReader(open(t, "tickets_cursor.json")), Options{})
	if err != nil || len(cur.Tickets) != 1 || cur.Tickets[0].Channel != "chat" || cur.Tickets[0].GroupID != 0 {
		t.Errorf("cursor page: %+v %v", cur, err)
	}
	// Latest wins: an older copy read after a newer one does not replace it.
	in := `{"tickets":[{"id":1,"status":"open","created_at":"2026-06-01T10:00:00Z","updated_at":"2026-06-01T12:00:00Z"},
		{"id":1,"status":"new","created_at":"2026-06-01T10:00:00Z","updated_at":"2026-06-01T10:00:00Z"}]}`
	got, err = ReadTickets(strings.NewReader(in), Options{})
	if err != nil || len(got.Tickets) != 1 || got.Tickets[0].Status != "open" {
		t.Errorf("latest wins: %+v %v", got, err)
	}
}

func TestReadTicketEventsAndTimelines(t *testing.T) {
	audits, err := ReadTicketEvents(bytes.NewReader(open(t, "ticket_events.json")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(audits) != 7 {
		t.Fatalf("%d audits, want 7 (9020 repeats across pages and counts once)", len(audits))
	}
	if d := cmp.Diff(Audit{ID: 9001, TicketID: 155, At: at("2026-06-01T09:00:00Z"), UpdaterID: 501, Via: "web form", Create: true,
		Status: "new", Priority: "high", Comments: []Comment{{Public: true, AuthorID: 501}}}, audits[0]); d != "" {
		t.Errorf("first audit (-want +got)\n%s", d)
	}
	tickets, _ := ReadTickets(bytes.NewReader(open(t, "tickets.json")), Options{})
	tl, err := Timelines(tickets.Tickets, audits, TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []feedback.Ticket{
		{ID: "155", AccountID: "901", RequesterID: "501", Channel: "web", Group: "701", Tags: []string{"checkout", "vip"},
			CreatedAt: at("2026-06-01T09:00:00Z"), Priority: feedback.TicketPriorityHigh, Status: feedback.TicketNew,
			Events: []feedback.TicketEvent{
				{At: at("2026-06-01T09:40:00Z"), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent, Author: "601"},
				{At: at("2026-06-01T09:40:00Z"), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketPending},
				{At: at("2026-06-01T12:00:00Z"), Kind: feedback.TicketPublicComment, Actor: feedback.ActorEndUser, Author: "501"},
				{At: at("2026-06-01T12:00:00Z"), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorEndUser, Status: feedback.TicketOpen},
				{At: at("2026-06-01T13:00:00Z"), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent, Author: "601"},
				{At: at("2026-06-01T13:00:00Z"), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketSolved},
			}},
		{ID: "156", RequesterID: "502", Channel: "email", Group: "701", Tags: []string{"outage"},
			CreatedAt: at("2026-06-01T10:00:00Z"), Priority: feedback.TicketPriorityUrgent, Status: feedback.TicketNew,
			Events: []feedback.TicketEvent{
				{At: at("2026-06-01T10:01:00Z"), Kind: feedback.TicketPublicComment, Actor: feedback.ActorBot, Author: "-1"},
				{At: at("2026-06-01T11:30:00Z"), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent, Author: "602"},
				{At: at("2026-06-01T11:30:00Z"), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketOpen},
			}},
	}
	if d := cmp.Diff(want, tl.Tickets); d != "" {
		t.Errorf("timelines (-want +got)\n%s", d)
	}
	if len(tl.WithoutEvents) != 0 {
		t.Errorf("without events: %v", tl.WithoutEvents)
	}
	// A ticket without audits gets an approximate timeline, and is listed.
	tl, err = Timelines([]Ticket{{ID: 9, Status: "solved", Priority: "low", RequesterID: 1, SubmitterID: 2, CreatedAt: at("2026-06-01T10:00:00Z"), UpdatedAt: at("2026-06-02T10:00:00Z")}}, nil, TimelineOptions{Bots: []int64{3}})
	if err != nil || len(tl.WithoutEvents) != 1 || !tl.Tickets[0].CreatedByAgent || tl.Tickets[0].Events[0].Status != feedback.TicketSolved {
		t.Errorf("approximate timeline: %+v %v", tl, err)
	}
	// A comment by a listed bot is a bot's; a priority change is recorded.
	tl, err = Timelines([]Ticket{{ID: 9, Status: "open", RequesterID: 1, CreatedAt: at("2026-06-01T10:00:00Z")}},
		[]Audit{{ID: 1, TicketID: 9, At: at("2026-06-01T10:05:00Z"), UpdaterID: 3, Priority: "urgent", Comments: []Comment{{AuthorID: 3, Public: true}}}},
		TimelineOptions{Bots: []int64{3}})
	if err != nil || tl.Tickets[0].Events[0].Kind != feedback.TicketPriorityChanged || tl.Tickets[0].Events[1].Actor != feedback.ActorBot {
		t.Errorf("bots: %+v %v", tl, err)
	}
	// A timeline feedback rejects is an error naming the ticket.
	_, err = Timelines([]Ticket{{ID: 9, Status: "open", CreatedAt: at("2026-06-01T10:00:00Z")}},
		[]Audit{{ID: 1, TicketID: 9, At: at("2026-06-01T10:05:00Z"), Status: "closed"}, {ID: 2, TicketID: 9, At: at("2026-06-01T10:06:00Z"), Status: "open"}}, TimelineOptions{})
	if !errors.Is(err, productops.ErrInvalid) || !strings.Contains(err.Error(), "tickets[0]") {
		t.Errorf("closed then open: %v", err)
	}
}

// The SLA policies as Zendesk returns them, evaluated by feedback on the timelines read
// from the exports, breach exactly where Zendesk's own metric events say they did.
func TestSLAAgreesWithZendesk(t *testing.T) {
	pol, err := ReadSLAPolicies(bytes.NewReader(open(t, "sla_policies.json")), SLAOptions{Skip: []string{"type"}})
	if err != nil {
		t.Fatal(err)
	}
	wantPol := []feedback.SLAPolicy{
		{Name: "Incidents and VIPs", Filter: feedback.SLAFilter{Groups: []string{"701"}, Channels: []string{"web", "email"}},
			Targets: []feedback.SLATarget{
				{Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityUrgent, Target: 30 * time.Minute},
				{Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityHigh, Target: time.Hour},
				{Metric: feedback.SLATotalResolution, Priority: feedback.TicketPriorityHigh, Target: 8 * time.Hour},
			}},
		{Name: "Everyone else", Targets: []feedback.SLATarget{
			{Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityNormal, Target: 8 * time.Hour, BusinessHours: true},
			{Metric: feedback.SLARequesterWait, Priority: feedback.TicketPriorityNormal, Target: 48 * time.Hour, BusinessHours: true},
		}},
	}
	if d := cmp.Diff(wantPol, pol.Policies); d != "" {
		t.Errorf("policies (-want +got)\n%s", d)
	}
	if d := cmp.Diff(map[string][]Condition{"Incidents and VIPs": {{Field: "type", Operator: "is", Value: "incident"}}}, pol.Skipped); d != "" {
		t.Errorf("skipped (-want +got)\n%s", d)
	}
	tickets, _ := ReadTickets(bytes.NewReader(open(t, "tickets.json")), Options{})
	audits, _ := ReadTicketEvents(bytes.NewReader(open(t, "ticket_events.json")), Options{})
	tl, err := Timelines(tickets.Tickets, audits, TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cal := feedback.MustCalendar(feedback.BusinessHours{Zone: "UTC", Weekly: [7][]feedback.ClockRange{1: {{Start: feedback.Clock(9, 0, 0), End: feedback.Clock(17, 0, 0)}}}})
	ev, err := feedback.NewSLAEvaluator(pol.Policies, cal)
	if err != nil {
		t.Fatal(err)
	}
	var ours []Breach
	for _, tk := range tl.Tickets {
		rep, err := ev.Evaluate(&tk, at("2026-06-02T00:00:00Z"))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rep.Results {
			if r.State == feedback.SLABreached {
				id := int64(155)
				if tk.ID == "156" {
					id = 156
				}
				ours = append(ours, Breach{TicketID: id, Metric: r.Metric, Instance: int64(r.Cycle) + 1, At: r.DueAt})
			}
		}
	}
	events, err := ReadMetricEvents(bytes.NewReader(open(t, "ticket_metric_events.json")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(Breaches(events), ours); d != "" {
		t.Errorf("breaches (-zendesk +feedback)\n%s", d)
	}
}

func TestReadMetricEvents(t *testing.T) {
	events, err := ReadMetricEvents(bytes.NewReader(open(t, "ticket_metric_events.json")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 11 {
		t.Fatalf("%d events, want 11 (the unknown type is skipped)", len(events))
	}
	if d := cmp.Diff(MetricEvent{ID: 7002, TicketID: 155, Metric: "reply_time", InstanceID: 1, Type: "apply_sla", Time: at("2026-06-01T09:00:00Z"),
		SLA: &AppliedSLA{TargetMinutes: 60, Policy: "Incidents and VIPs"}}, events[1]); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	if e := events[3]; *e.Calendar != 40 || *e.Business != 40 {
		t.Errorf("update_status %+v", e)
	}
	for _, tc := range []struct {
		m    MetricEvent
		want feedback.SLAMetric
	}{
		{MetricEvent{Metric: "reply_time", InstanceID: 1}, feedback.SLAFirstReply},
		{MetricEvent{Metric: "reply_time", InstanceID: 2}, feedback.SLANextReply},
		{MetricEvent{Metric: "resolution_time"}, feedback.SLATotalResolution},
		{MetricEvent{Metric: "agent_work_time"}, feedback.SLAAgentWork},
		{MetricEvent{Metric: "group_ownership_time"}, 0},
	} {
		if got := tc.m.SLAMetric(); got != tc.want {
			t.Errorf("%+v: %v", tc.m, got)
		}
	}
}

func TestErrors(t *testing.T) {
	read := map[string]func(string) error{
		"tickets": func(s string) error { _, err := ReadTickets(strings.NewReader(s), Options{}); return err },
		"events":  func(s string) error { _, err := ReadTicketEvents(strings.NewReader(s), Options{}); return err },
		"metrics": func(s string) error { _, err := ReadMetricEvents(strings.NewReader(s), Options{}); return err },
		"sla":     func(s string) error { _, err := ReadSLAPolicies(strings.NewReader(s), SLAOptions{}); return err },
	}
	for _, tc := range []struct {
		reader, name, in string
		paths            []string
	}{
		{"tickets", "not object", `{"tickets":[1]}`, []string{"tickets[0]"}},
		{"tickets", "no id", `{"tickets":[{"status":"new","created_at":"2026-06-01T10:00:00Z"}]}`, []string{"tickets[0].id"}},
		{"tickets", "status", `{"tickets":[{"id":1,"status":"waiting","created_at":"2026-06-01T10:00:00Z"}]}`, []string{"tickets[0].status"}},
		{"tickets", "priority", `{"tickets":[{"id":1,"status":"new","priority":"p1","created_at":"2026-06-01T10:00:00Z"}]}`, []string{"tickets[0].priority"}},
		{"tickets", "created", `{"tickets":[{"id":1,"status":"new"}]}`, []string{"tickets[0].created_at"}},
		{"tickets", "updated", `{"tickets":[{"id":1,"status":"new","created_at":"2026-06-01T10:00:00Z","updated_at":"06/01/2026"}]}`, []string{"tickets[0].updated_at"}},
		{"events", "not object", `{"ticket_events":["x"]}`, []string{"ticket_events[0]"}},
		{"events", "no ids", `{"ticket_events":[{"id":1}]}`, []string{"ticket_events[0]"}},
		{"events", "no time", `{"ticket_events":[{"id":1,"ticket_id":2}]}`, []string{"ticket_events[0].created_at"}},
		{"events", "child", `{"ticket_events":[{"id":1,"ticket_id":2,"timestamp":5,"child_events":[7]}]}`, []string{"ticket_events[0].child_events[0]"}},
		{"events", "status", `{"ticket_events":[{"id":1,"ticket_id":2,"timestamp":5,"child_events":[{"event_type":"Change","status":"gone"}]}]}`, []string{"ticket_events[0].child_events[0].status"}},
		{"events", "priority", `{"ticket_events":[{"id":1,"ticket_id":2,"timestamp":5,"child_events":[{"event_type":"Change","priority":"p0"}]}]}`, []string{"ticket_events[0].child_events[0].priority"}},
		{"metrics", "not object", `{"ticket_metric_events":[[]]}`, []string{"ticket_metric_events[0]"}},
		{"metrics", "no ids", `{"ticket_metric_events":[{"id":1,"type":"breach"}]}`, []string{"ticket_metric_events[0]"}},
		{"metrics", "time", `{"ticket_metric_events":[{"id":1,"ticket_id":2,"type":"breach","time":"now"}]}`, []string{"ticket_metric_events[0].time"}},
		{"sla", "not object", `{"sla_policies":[1]}`, []string{"sla_policies[0]"}},
		{"sla", "no title", `{"sla_policies":[{"id":1}]}`, []string{"sla_policies[0].title"}},
		{"sla", "dup title", `{"sla_policies":[{"title":"A"},{"title":"A"}]}`, []string{"sla_policies[1].title"}},
		{"sla", "metric", `{"sla_policy":{"title":"A","policy_metrics":[{"priority":"low","metric":"lunch_time","target":5}]}}`, []string{"sla_policy.policy_metrics[0].metric"}},
		{"sla", "priority", `{"sla_policy":{"title":"A","policy_metrics":[{"priority":"","metric":"first_reply_time","target":5}]}}`, []string{"sla_policy.policy_metrics[0].priority"}},
		{"sla", "target", `{"sla_policy":{"title":"A","policy_metrics":[{"priority":"low","metric":"first_reply_time","target":0}]}}`, []string{"sla_policy.policy_metrics[0].target"}},
		{"sla", "target seconds", `{"sla_policy":{"title":"A","policy_metrics":[{"priority":"low","metric":"first_reply_time","target_in_seconds":9223372036854775807}]}}`, []string{"sla_policy.policy_metrics[0].target_in_seconds"}},
		{"sla", "no target", `{"sla_policy":{"title":"A","policy_metrics":[{"priority":"low","metric":"first_reply_time"}]}}`, []string{"sla_policy.policy_metrics[0].target"}},
		{"sla", "type condition", `{"sla_policy":{"title":"A","filter":{"all":[{"field":"type","operator":"is","value":"incident"}]}}}`, []string{"sla_policy.filter.all[0]"}},
		{"sla", "via unknown", `{"sla_policy":{"title":"A","filter":{"all":[{"field":"via_id","operator":"is","value":"55"}]}}}`, []string{"sla_policy.filter.all[0]"}},
		{"sla", "two groups", `{"sla_policy":{"title":"A","filter":{"all":[{"field":"group_id","operator":"is","value":1},{"field":"group_id","operator":"is","value":2}]}}}`, []string{"sla_policy.filter.all[1]"}},
		{"sla", "mixed any", `{"sla_policy":{"title":"A","filter":{"any":[{"field":"group_id","operator":"is","value":1},{"field":"priority","operator":"is","value":"low"}]}}}`, []string{"sla_policy.filter.any"}},
		{"sla", "bad priority", `{"sla_policy":{"title":"A","filter":{"all":[{"field":"priority","operator":"is","value":"p1"}]}}}`, []string{"sla_policy.filter.all[0]"}},
		{"sla", "two priorities", `{"sla_policy":{"title":"A","filter":{"all":[{"field":"priority","operator":"is","value":"low"},{"field":"priority","operator":"is","value":"high"}]}}}`, []string{"sla_policy.filter.all[1]"}},
		{"sla", "tags any-of", `{"sla_policy":{"title":"A","filter":{"all":[{"field":"current_tags","operator":"includes","value":"a b"}]}}}`, []string{"sla_policy.filter.all[0]"}},
	} {
		t.Run(tc.reader+"/"+tc.name, func(t *testing.T) {
			err := read[tc.reader](tc.in)
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("%v", err)
			}
			if d := cmp.Diff(tc.paths, fieldtest.Paths(t, err)); d != "" {
				t.Errorf("(-want +got)\n%s\n%v", d, err)
			}
		})
	}
	for name, f := range read {
		if err := f(""); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s empty: %v", name, err)
		}
	}
	if _, err := ReadTickets(nil, Options{Limits: column.Limits{MaxRecords: -1}}); len(fieldtest.Paths(t, err)) != 2 {
		t.Errorf("nil reader and bad limits: %v", err)
	}
	// Conditions the filter can express.
	pol, err := ReadSLAPolicies(strings.NewReader(`{"sla_policy":{"title":"A","filter":{"all":[{"field":"current_tags","operator":"includes","value":"vip"},{"field":"priority","operator":"is","value":"urgent"}],"any":[{"field":"group_id","operator":"is","value":7},{"field":"group_id","operator":"is","value":8}]}}}`), SLAOptions{})
	if err != nil || strings.Join(pol.Policies[0].Filter.Groups, ",") != "7,8" || pol.Policies[0].Filter.Tags[0] != "vip" || pol.Policies[0].Filter.Priorities[0] != feedback.TicketPriorityUrgent {
		t.Errorf("%+v %v", pol, err)
	}
	pol, err = ReadSLAPolicies(strings.NewReader(`{"sla_policy":{"title":"A","filter":{"any":[{"field":"organization_id","operator":"is","value":7}]}}}`), SLAOptions{Skip: []string{"organization_id"}})
	if err != nil || len(pol.Skipped["A"]) != 1 {
		t.Errorf("skip any: %+v %v", pol, err)
	}
	pol, err = ReadSLAPolicies(strings.NewReader(`{"sla_policy":{"title":"A","filter":{"all":[{"field":"via_id","operator":"is","value":"55"}]}}}`), SLAOptions{Channels: map[string]string{"55": "whatsapp"}})
	if err != nil || pol.Policies[0].Filter.Channels[0] != "whatsapp" {
		t.Errorf("channels: %+v %v", pol, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadTicketsContext(ctx, bytes.NewReader(open(t, "tickets.json")), Options{}); !errors.Is(err, context.Canceled) {
		t.Error(err)
	}
	if _, err := ReadTicketEventsContext(ctx, bytes.NewReader(open(t, "ticket_events.json")), Options{}); !errors.Is(err, context.Canceled) {
		t.Error(err)
	}
	if _, err := ReadMetricEventsContext(ctx, bytes.NewReader(open(t, "ticket_metric_events.json")), Options{}); !errors.Is(err, context.Canceled) {
		t.Error(err)
	}
	if _, err := ReadSLAPoliciesContext(ctx, bytes.NewReader(open(t, "sla_policies.json")), SLAOptions{}); !errors.Is(err, context.Canceled) {
		t.Error(err)
	}
}

func TestPropertyChunks(t *testing.T) {
	files := []string{"tickets.json", "ticket_events.json", "ticket_metric_events.json", "sla_policies.json"}
	read := func(name string, b []byte, sizes []int) (any, error) {
		r := tabular.Chunks(b, sizes)
		switch name {
		case "tickets.json":
			return ReadTickets(r, Options{})
		case "ticket_events.json":
			return ReadTicketEvents(r, Options{})
		case "ticket_metric_events.json":
			return ReadMetricEvents(r, Options{})
		}
		return ReadSLAPolicies(r, SLAOptions{Skip: []string{"type"}})
	}
	for _, name := range files {
		data := open(t, name)
		whole, err := read(name, data, []int{1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		props := gopter.NewProperties(proptest.Parameters(t))
		props.Property(name+" reads the same in any chunks", prop.ForAll(func(sizes []int) bool {
			got, err := read(name, data, sizes)
			return err == nil && cmp.Diff(whole, got) == ""
		}, gen.SliceOf(gen.IntRange(1, 97))))
		props.TestingRun(t)
	}
}

func FuzzReaders(f *testing.F) {
	for i, name := range []string{"tickets.json", "ticket_events.json", "ticket_metric_events.json", "sla_policies.json"} {
		f.Add(uint8(i), open(f, name), []byte(`{"skip":["type"]}`))
	}
	f.Add(uint8(3), []byte(`{"sla_policy":{"title":"A","filter":{"any":[{"field":"via_id","operator":"is","value":"0"}]}}}`), []byte(`{"limits":{"max_records":1}}`))
	f.Fuzz(func(t *testing.T, which uint8, in, opts []byte) {
		var o SLAOptions
		_ = json.Unmarshal(opts, &o)
		tabular.Guard(t, 2*time.Second, 256<<20, func() {
			r := bytes.NewReader(in)
			switch which % 4 {
			case 0:
				tk, err := ReadTickets(r, o.Options)
				if err == nil {
					_, _ = Timelines(tk.Tickets, nil, TimelineOptions{})
				}
			case 1:
				au, err := ReadTicketEvents(r, o.Options)
				if err == nil {
					_, _ = Timelines([]Ticket{{ID: 155, Status: "new", CreatedAt: time.Unix(0, 0)}}, au, TimelineOptions{})
				}
			case 2:
				ev, err := ReadMetricEvents(r, o.Options)
				if err == nil {
					_ = Breaches(ev)
				}
			case 3:
				p, err := ReadSLAPolicies(r, o)
				if err == nil {
					_, _ = feedback.NewSLAEvaluator(p.Policies, nil)
				}
			}
		})
	})
}
