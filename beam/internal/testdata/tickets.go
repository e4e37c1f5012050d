// Package testdata generates the data the pipelines' tests and benchmarks run on:
// support tickets, feedback items and product events, deterministically from a seed.
package testdata

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/productops/productops/feedback"
)

// Tickets returns n tickets of about 10 events each: a requester and agents exchanging
// comments, pending and hold spells, internal notes, priority changes, a solve on about 70%,
// a vip tag on 10% and a schedule on some.
func Tickets(n int, seed uint64) []feedback.Ticket {
	r := rand.New(rand.NewPCG(seed, 2026))
	start := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	ts := make([]feedback.Ticket, n)
	for i := range ts {
		at := start.Add(time.Duration(r.IntN(60*24*60)) * time.Minute)
		t := feedback.Ticket{ID: feedback.TicketID("T" + strconv.Itoa(i)), CreatedAt: at,
			Priority: feedback.TicketPriority(1 + r.IntN(4)), Status: feedback.TicketNew}
		if r.IntN(10) == 0 {
			t.Tags = []string{"vip"}
		}
		if r.IntN(5) == 0 {
			t.Schedule = "emea"
		}
		step := func() time.Time { at = at.Add(time.Duration(1+r.IntN(240)) * time.Minute); return at }
		ev := func(e feedback.TicketEvent) { t.Events = append(t.Events, e) }
		ev(feedback.TicketEvent{At: step(), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketOpen})
		for range 1 + r.IntN(3) {
			ev(feedback.TicketEvent{At: step(), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent})
			switch r.IntN(4) {
			case 0:
				ev(feedback.TicketEvent{At: at, Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketPending})
			case 1:
				ev(feedback.TicketEvent{At: at, Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketOnHold})
			case 2:
				ev(feedback.TicketEvent{At: step(), Kind: feedback.TicketInternalNote, Actor: feedback.ActorAgent})
			default:
				ev(feedback.TicketEvent{At: step(), Kind: feedback.TicketPriorityChanged, Actor: feedback.ActorAgent, Priority: feedback.TicketPriority(1 + r.IntN(4))})
			}
			ev(feedback.TicketEvent{At: step(), Kind: feedback.TicketPublicComment, Actor: feedback.ActorEndUser})
			ev(feedback.TicketEvent{At: at, Kind: feedback.TicketStatusChanged, Actor: feedback.ActorEndUser, Status: feedback.TicketOpen})
		}
		if r.IntN(10) < 7 {
			ev(feedback.TicketEvent{At: step(), Kind: feedback.TicketStatusChanged, Actor: feedback.ActorAgent, Status: feedback.TicketSolved})
		}
		ts[i] = t
	}
	return ts
}

// Lines returns the JSON encoding of each value, one per element.
func Lines[T any](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		out[i] = string(b)
	}
	return out
}

// Policies returns two policies with targets for every metric and priority, the first for
// urgent vip tickets; the targets count business hours when business is true.
func Policies(business bool) []feedback.SLAPolicy {
	var targets []feedback.SLATarget
	for m := feedback.SLAFirstReply; m <= feedback.SLATotalResolution; m++ {
		for p := feedback.TicketPriorityLow; p <= feedback.TicketPriorityUrgent; p++ {
			targets = append(targets, feedback.SLATarget{Metric: m, Priority: p, Target: time.Duration(5-int(p)) * 2 * time.Hour, BusinessHours: business})
		}
	}
	return []feedback.SLAPolicy{
		{Name: "vip", Filter: feedback.SLAFilter{Tags: []string{"vip"}, Priorities: []feedback.TicketPriority{feedback.TicketPriorityUrgent}}, Targets: targets},
		{Name: "standard", Targets: targets},
	}
}

// Hours returns weekday business hours, 9:00-17:00, in zone, named name.
func Hours(name, zone string) feedback.BusinessHours {
	day := []feedback.ClockRange{{Start: feedback.Clock(9, 0, 0), End: feedback.Clock(17, 0, 0)}}
	return feedback.BusinessHours{Name: name, Zone: zone, Weekly: [7][]feedback.ClockRange{nil, day, day, day, day, day, nil}}
}
