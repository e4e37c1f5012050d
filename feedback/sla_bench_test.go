package feedback

import (
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"
)

// genTickets generates n tickets of about 10 events each, deterministically: a requester
// and agents exchanging comments, pending and hold spells, internal notes, a priority
// change on some, and a solve on about 70%.
func genTickets(n int) []Ticket {
	r := rand.New(rand.NewPCG(6, 2026))
	start := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	ts := make([]Ticket, n)
	events := make([]TicketEvent, 0, n*11)
	for i := range ts {
		at := start.Add(time.Duration(r.IntN(60*24*60)) * time.Minute)
		t := Ticket{ID: TicketID("T" + strconv.Itoa(i)), CreatedAt: at, Priority: TicketPriority(1 + r.IntN(4))}
		if r.IntN(10) == 0 {
			t.Tags = []string{"vip"}
		}
		first := len(events)
		step := func() time.Time { at = at.Add(time.Duration(1+r.IntN(240)) * time.Minute); return at }
		events = append(events, TicketEvent{At: step(), Kind: TicketStatusChanged, Actor: ActorAgent, Status: TicketOpen})
		for range 1 + r.IntN(3) {
			events = append(events, TicketEvent{At: step(), Kind: TicketPublicComment, Actor: ActorAgent})
			switch r.IntN(4) {
			case 0:
				events = append(events, TicketEvent{At: at, Kind: TicketStatusChanged, Actor: ActorAgent, Status: TicketPending})
			case 1:
				events = append(events, TicketEvent{At: at, Kind: TicketStatusChanged, Actor: ActorAgent, Status: TicketOnHold})
			case 2:
				events = append(events, TicketEvent{At: step(), Kind: TicketInternalNote, Actor: ActorAgent})
			default:
				events = append(events, TicketEvent{At: step(), Kind: TicketPriorityChanged, Actor: ActorAgent, Priority: TicketPriority(1 + r.IntN(4))})
			}
			events = append(events, TicketEvent{At: step(), Kind: TicketPublicComment, Actor: ActorEndUser},
				TicketEvent{At: at, Kind: TicketStatusChanged, Actor: ActorEndUser, Status: TicketOpen})
		}
		if r.IntN(10) < 7 {
			events = append(events, TicketEvent{At: step(), Kind: TicketStatusChanged, Actor: ActorAgent, Status: TicketSolved})
		}
		t.Events = events[first:len(events):len(events)]
		ts[i] = t
	}
	return ts
}

var (
	millionTickets     []Ticket
	millionTicketsOnce sync.Once
)

// benchPolicies has targets for every metric and priority; business hours when business.
func benchPolicies(business bool) []SLAPolicy {
	var targets []SLATarget
	for m := SLAFirstReply; m <= SLATotalResolution; m++ {
		for p := TicketPriorityLow; p <= TicketPriorityUrgent; p++ {
			targets = append(targets, SLATarget{Metric: m, Priority: p, Target: time.Duration(5-int(p)) * 2 * time.Hour, BusinessHours: business})
		}
	}
	return []SLAPolicy{
		{Name: "vip", Filter: SLAFilter{Tags: []string{"vip"}, Priorities: []TicketPriority{TicketPriorityUrgent}}, Targets: targets},
		{Name: "standard", Targets: targets},
	}
}

// BenchmarkSLAEvaluate evaluates 1,000,000 generated tickets (about 10 events each, every
// metric targeted) per iteration, reusing one result slice. Run:
//
//	go test ./feedback/ -run '^$' -bench SLAEvaluate -benchmem -benchtime 3x
func BenchmarkSLAEvaluate(b *testing.B) {
	millionTicketsOnce.Do(func() { millionTickets = genTickets(1_000_000) })
	ts := millionTickets
	asOf := time.Date(2026, 8, 15, 0, 0, 0, 0, time.UTC)
	events := 0
	for i := range ts {
		events += len(ts[i].Events)
	}
	for _, business := range []bool{false, true} {
		name := "calendar-hours"
		if business {
			name = "business-hours"
		}
		b.Run(name, func(b *testing.B) {
			e, err := NewSLAEvaluator(benchPolicies(business), MustCalendar(benchHours()))
			if err != nil {
				b.Fatal(err)
			}
			var dst []SLAResult
			results := 0
			b.ReportAllocs()
			for b.Loop() {
				results = 0
				for i := range ts {
					dst, err = e.EvaluateInto(dst[:0], &ts[i], asOf)
					if err != nil {
						b.Fatal(err)
					}
					results += len(dst)
				}
			}
			b.ReportMetric(float64(len(ts))*float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
			b.ReportMetric(float64(events)/float64(len(ts)), "events/ticket")
			b.ReportMetric(float64(results)/float64(len(ts)), "results/ticket")
		})
	}
}

// BenchmarkSLAEvaluateTicket is one ticket per operation (cycling over 10,000 generated
// tickets), for per-ticket time and allocations.
func BenchmarkSLAEvaluateTicket(b *testing.B) {
	ts := genTickets(10_000)
	asOf := time.Date(2026, 8, 15, 0, 0, 0, 0, time.UTC)
	for _, business := range []bool{false, true} {
		name := "calendar-hours"
		if business {
			name = "business-hours"
		}
		b.Run(name, func(b *testing.B) {
			e, err := NewSLAEvaluator(benchPolicies(business), MustCalendar(benchHours()))
			if err != nil {
				b.Fatal(err)
			}
			var dst []SLAResult
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				dst, _ = e.EvaluateInto(dst[:0], &ts[i], asOf)
				if i++; i == len(ts) {
					i = 0
				}
			}
		})
	}
}
