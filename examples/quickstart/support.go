package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/productops/productops/feedback"
)

//go:embed data/support-queue.json
var supportQueueJSON []byte

// supportQueue is the sample queue: a business-hours calendar, SLA policies in priority
// order, tickets with their timelines, and the instant to evaluate at.
type supportQueue struct {
	BusinessHours feedback.BusinessHours `json:"business_hours"`
	Policies      []feedback.SLAPolicy   `json:"policies"`
	AsOf          time.Time              `json:"as_of"`
	Tickets       []feedback.Ticket      `json:"tickets"`
}

// supportSection prints the SLA compliance of a sample support queue, its breaches, and
// the headline support KPIs.
func supportSection(w io.Writer) error {
	var q supportQueue
	if err := json.Unmarshal(supportQueueJSON, &q); err != nil {
		return err
	}
	cal, err := feedback.NewCalendar(q.BusinessHours)
	if err != nil {
		return err
	}
	eval, err := feedback.NewSLAEvaluator(q.Policies, cal)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "== feedback: support (SLA compliance of a sample queue) ==")
	fmt.Fprintf(w, "%d tickets as of %s, business hours %s\n\n", len(q.Tickets), q.AsOf.In(cal.Location()).Format("Mon 2006-01-02 15:04 MST"), cal)

	var compliance feedback.SLACompliance
	type breach struct {
		ticket feedback.TicketID
		r      feedback.SLAResult
	}
	var breaches []breach
	var results []feedback.SLAResult
	for i := range q.Tickets {
		t := &q.Tickets[i]
		results, err = eval.EvaluateInto(results[:0], t, q.AsOf)
		if err != nil {
			return err
		}
		compliance.Add(results...)
		for _, r := range results {
			if r.State == feedback.SLABreached {
				breaches = append(breaches, breach{t.ID, r})
			}
		}
	}
	fmt.Fprintf(w, "%-22s %8s %8s %6s %6s  %s\n", "metric", "achieved", "breached", "active", "paused", "compliance (achieved / decided)")
	for m, c := range compliance.All() {
		text := "n/a (nothing decided yet)"
		if r := c.Compliance(); r.Defined {
			text = fmt.Sprintf("%5.1f%% (%d/%d)", 100*r.Value, r.Numerator, r.Denominator)
		}
		fmt.Fprintf(w, "%-22s %8d %8d %6d %6d  %s\n", m, c.Achieved, c.Breached, c.Active, c.Paused, text)
	}

	slices.SortStableFunc(breaches, func(a, b breach) int { return int(b.r.Overdue() - a.r.Overdue()) })
	fmt.Fprintln(w, "\nbreaches, worst first (time over target; strict: a reply at the due instant is achieved):")
	for _, b := range breaches {
		hours := "calendar"
		if b.r.BusinessHours {
			hours = "business"
		}
		state := "fulfilled late"
		switch {
		case b.r.Paused:
			state = "still open, paused"
		case !b.r.Fulfilled:
			state = "still open"
		}
		fmt.Fprintf(w, "  %-8s %-20s %s/%s  over by %v %s time, due %s, %s\n", b.ticket, b.r.Metric, b.r.Policy, b.r.Priority,
			b.r.Overdue(), hours, b.r.DueAt.In(cal.Location()).Format("Mon 01-02 15:04"), state)
	}

	rep, err := feedback.SupportKPIs(q.Tickets, q.AsOf, feedback.SupportKPIOptions{Calendar: cal})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nsupport KPIs (business hours):")
	fmt.Fprintf(w, "  first reply time     p50 %v, p90 %v over %d replied tickets\n", rep.FirstReply.Percentiles[0].Value, rep.FirstReply.Percentiles[1].Value, rep.FirstReply.Count)
	fmt.Fprintf(w, "  full resolution time p50 %v over %d solved tickets\n", rep.FullResolution.Percentiles[0].Value, rep.FullResolution.Count)
	fmt.Fprintf(w, "  one-touch (%s)  %d of %d solved\n", rep.OneTouchDefinition, rep.OneTouch.Numerator, rep.OneTouch.Denominator)
	fmt.Fprintf(w, "  reopen rate (%s)   %d of %d solved at least once\n", rep.ReopenDefinition, rep.Reopen.Numerator, rep.Reopen.Denominator)
	fmt.Fprintf(w, "  backlog              %d unsolved, age p50 %v, p90 %v\n", rep.Unsolved, rep.BacklogAge.Percentiles[0].Value, rep.BacklogAge.Percentiles[1].Value)
	return nil
}
