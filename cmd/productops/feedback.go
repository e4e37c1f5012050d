package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/productops/productops/feedback"
)

// supportQueue is a --tickets file: a business-hours calendar, SLA policies in priority
// order (the first whose filter matches applies), tickets with their timelines, and
// optionally the instant to evaluate at.
type supportQueue struct {
	BusinessHours *feedback.BusinessHours `json:"business_hours,omitempty"`
	Policies      []feedback.SLAPolicy    `json:"policies"`
	AsOf          time.Time               `json:"as_of,omitzero"`
	Tickets       []feedback.Ticket       `json:"tickets"`
}

// slaBreach is one breached SLA target of a ticket.
type slaBreach struct {
	Ticket feedback.TicketID  `json:"ticket"`
	Result feedback.SLAResult `json:"result"`
	// Overdue is how far past the target, in seconds.
	OverdueSeconds float64 `json:"overdue_seconds"`
}

// slaMetric is one metric's compliance.
type slaMetric struct {
	Metric feedback.SLAMetric `json:"metric,omitzero"` // zero for the total
	feedback.SLATally
	Compliance feedback.SupportRate `json:"compliance"`
}

// slaSummary is the SLA part of feedback's result.
type slaSummary struct {
	AsOf     time.Time   `json:"as_of"`
	Tickets  int         `json:"tickets"`
	Metrics  []slaMetric `json:"metrics"`
	Total    slaMetric   `json:"total"`
	Breaches []slaBreach `json:"breaches"`
}

// feedbackResult is feedback's JSON.
type feedbackResult struct {
	Demand     *feedback.DemandReport    `json:"demand,omitempty"`
	Duplicates *feedback.DuplicateReport `json:"duplicates,omitempty"`
	SLA        *slaSummary               `json:"sla,omitempty"`
	texts      map[feedback.ItemID]string
}

// feedbackOptions are feedback's flags.
type feedbackOptions struct {
	asOf    time.Time
	similar float64
}

// analyzeFeedback scores demand and finds near-duplicates in a dataset.
func analyzeFeedback(src source, opts feedbackOptions, res *feedbackResult) error {
	var ds feedback.Dataset
	if err := decodeJSON(src, &ds); err != nil {
		return err
	}
	o := jsonOrigin{src: src}
	asOf := opts.asOf
	if asOf.IsZero() {
		asOf = latestSignal(&ds)
	}
	rep, err := feedback.Demand(&ds, asOf, feedback.DemandOptions{})
	if err != nil {
		return placeErr(err, o)
	}
	res.Demand = rep
	dups, err := feedback.FindDuplicates(ds.Items, feedback.DedupeOptions{SimilarThreshold: opts.similar})
	if err != nil {
		return placeErr(prefixErr(err, "items"), o)
	}
	res.Duplicates = dups
	res.texts = make(map[feedback.ItemID]string, len(ds.Items))
	for _, it := range ds.Items {
		res.texts[it.ID] = it.Text
	}
	return nil
}

// latestSignal is the instant just after the dataset's latest item, vote or link, so a
// report without --as-of counts everything and stays reproducible.
func latestSignal(ds *feedback.Dataset) time.Time {
	var last time.Time
	for _, it := range ds.Items {
		if it.CreatedAt.After(last) {
			last = it.CreatedAt
		}
	}
	for _, v := range ds.Votes {
		if v.CreatedAt.After(last) {
			last = v.CreatedAt
		}
	}
	for _, l := range ds.Links {
		if l.CreatedAt.After(last) {
			last = l.CreatedAt
		}
	}
	if last.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return last.Add(time.Second)
}

// evaluateSLAs evaluates every ticket's SLA targets at asOf (the flag, else the file's
// as_of).
func evaluateSLAs(src source, asOf time.Time) (*slaSummary, error) {
	var q supportQueue
	if err := decodeJSON(src, &q); err != nil {
		return nil, err
	}
	o := jsonOrigin{src: src}
	if asOf.IsZero() {
		asOf = q.AsOf
	}
	if asOf.IsZero() {
		return nil, &inputError{pos: src.name, msg: "no as_of in the file: pass --as-of"}
	}
	var cal *feedback.Calendar
	if q.BusinessHours != nil {
		c, err := feedback.NewCalendar(*q.BusinessHours)
		if err != nil {
			return nil, placeErr(prefixErr(err, "business_hours"), o)
		}
		cal = c
	}
	eval, err := feedback.NewSLAEvaluator(q.Policies, cal)
	if err != nil {
		return nil, placeErr(err, o)
	}
	sum := &slaSummary{AsOf: asOf, Tickets: len(q.Tickets), Metrics: []slaMetric{}, Breaches: []slaBreach{}}
	var c feedback.SLACompliance
	var results []feedback.SLAResult
	for i := range q.Tickets {
		t := &q.Tickets[i]
		results, err = eval.EvaluateInto(results[:0], t, asOf)
		if err != nil {
			return nil, placeErr(prefixErr(err, fmt.Sprintf("tickets[%d]", i)), o)
		}
		c.Add(results...)
		for _, r := range results {
			if r.State == feedback.SLABreached {
				sum.Breaches = append(sum.Breaches, slaBreach{Ticket: t.ID, Result: r, OverdueSeconds: r.Overdue().Seconds()})
			}
		}
	}
	for m, t := range c.All() {
		sum.Metrics = append(sum.Metrics, slaMetric{Metric: m, SLATally: t, Compliance: t.Compliance()})
	}
	tot := c.Total()
	sum.Total = slaMetric{SLATally: tot, Compliance: tot.Compliance()}
	slices.SortStableFunc(sum.Breaches, func(a, b slaBreach) int {
		if d := b.Result.Overdue() - a.Result.Overdue(); d != 0 {
			if d > 0 {
				return 1
			}
			return -1
		}
		return 0
	})
	return sum, nil
}

func newFeedbackCmd(e *env) *cobra.Command {
	var out outputFlags
	var asOf, tickets string
	var similar float64
	cmd := &cobra.Command{
		Use:   "feedback [feedback.json|-] [--tickets support-queue.json]",
		Short: "Demand per request and per account, near-duplicate feedback, SLA compliance of tickets",
		Long: `feedback scores the demand behind every request (each person counted once with their
latest importance, each account's revenue once, merged duplicates as one request), finds
near-duplicate feedback items (word Jaccard after normalization, verified MinHash
candidates), and with --tickets evaluates Zendesk-style SLA targets of a support queue.

Input: a feedback dataset JSON (accounts, people, items, links, votes, requests, themes)
and/or a support queue JSON (business_hours, policies, as_of, tickets).`,
		Example: `  productops feedback feedback.json
  productops feedback feedback.json --tickets support-queue.json --format markdown
  productops feedback --tickets support-queue.json --view sla --format csv`,
		Args: maxOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			at, err := parseAsOf(asOf, time.UTC)
			if err != nil {
				return err
			}
			if similar < 0 || similar > 1 {
				return usagef("--similar %v: must be between 0 and 1", similar)
			}
			var res feedbackResult
			if len(args) == 1 || tickets == "" {
				src, err := e.readSource(fileArg(args))
				if err != nil {
					return err
				}
				if err := analyzeFeedback(src, feedbackOptions{asOf: at, similar: similar}, &res); err != nil {
					return err
				}
			}
			if tickets != "" {
				src, err := e.readSource(tickets)
				if err != nil {
					return err
				}
				if res.SLA, err = evaluateSLAs(src, at); err != nil {
					return err
				}
			}
			return out.write(e.stdout, feedbackOutput(res))
		},
	}
	out.register(cmd, []string{"requests", "accounts", "duplicates", "sla", "breaches"})
	cmd.Flags().StringVar(&asOf, "as-of", "", "score at this instant (date or RFC 3339); default: just after the latest signal, or the queue's as_of")
	cmd.Flags().StringVar(&tickets, "tickets", "", "a support queue JSON to evaluate SLA compliance for")
	cmd.Flags().Float64Var(&similar, "similar", 0.4, "report feedback pairs at least this similar (word Jaccard, 0-1)")
	return cmd
}

func rateText(r feedback.SupportRate) string {
	if !r.Defined {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*r.Value)
}

// feedbackOutput lays feedback's result out for people.
func feedbackOutput(res feedbackResult) result {
	r := result{json: res}
	if d := res.Demand; d != nil {
		r.title = fmt.Sprintf("Feedback demand: %d requests as of %s", len(d.Requests), d.AsOf.Format(time.RFC3339))
		rq := section{name: "requests", title: "Demand per request (one count per person, latest importance; each account's revenue once)",
			head: []string{"request", "people", "accounts", "points", "score", "revenue", "currency", "status", "merged_from", "title"}}
		ac := section{name: "accounts", title: "Demand per account behind each request", head: []string{"request", "account", "segment", "plan", "people", "points", "score", "revenue", "currency"}}
		for _, q := range d.Requests {
			rev := ""
			if q.Revenue.Defined {
				rev = q.Revenue.Value.String()
			}
			rq.rows = append(rq.rows, []string{string(q.Request), fmt.Sprint(q.People), fmt.Sprint(q.Accounts), fmt.Sprint(q.Points), q.Score.String(), rev, q.Revenue.Currency, q.Status.String(), joinIDs(q.MergedFrom, " "), q.Title})
			for _, a := range q.ByAccount {
				arev := ""
				if a.HasRevenue {
					arev = a.Revenue.String()
				}
				ac.rows = append(ac.rows, []string{string(q.Request), string(a.Account), a.Segment, a.Plan, fmt.Sprint(a.People), fmt.Sprint(a.Points), a.Score.String(), arev, a.Currency})
			}
		}
		r.sections = append(r.sections, rq, ac)
	}
	if d := res.Duplicates; d != nil {
		dp := section{name: "duplicates", title: fmt.Sprintf("Near-duplicate feedback (%d items, %d distinct texts)", d.Items, d.Distinct), head: []string{"a", "b", "kind", "similarity", "text_a", "text_b"}}
		for _, p := range d.Pairs {
			dp.rows = append(dp.rows, []string{string(p.A), string(p.B), p.Kind.String(), fmt.Sprintf("%.2f", p.Similarity), res.texts[p.A], res.texts[p.B]})
		}
		r.sections = append(r.sections, dp)
	}
	if s := res.SLA; s != nil {
		if r.title == "" {
			r.title = fmt.Sprintf("SLA compliance: %d tickets as of %s", s.Tickets, s.AsOf.Format(time.RFC3339))
		}
		sl := section{name: "sla", title: fmt.Sprintf("SLA compliance of %d tickets as of %s (achieved / decided)", s.Tickets, s.AsOf.Format(time.RFC3339)), head: []string{"metric", "achieved", "breached", "active", "paused", "compliance"}}
		for _, m := range append(slices.Clone(s.Metrics), s.Total) {
			name := "total"
			if m.Metric != 0 {
				name = m.Metric.String()
			}
			sl.rows = append(sl.rows, []string{name, fmt.Sprint(m.Achieved), fmt.Sprint(m.Breached), fmt.Sprint(m.Active), fmt.Sprint(m.Paused), rateText(m.Compliance)})
		}
		br := section{name: "breaches", title: "Breaches, worst first (strict: a reply at the due instant is achieved)", head: []string{"ticket", "metric", "policy", "priority", "over_by", "due", "state"}}
		for _, b := range s.Breaches {
			state := "fulfilled late"
			switch {
			case b.Result.Paused:
				state = "open, paused"
			case !b.Result.Fulfilled:
				state = "open"
			}
			br.rows = append(br.rows, []string{string(b.Ticket), b.Result.Metric.String(), b.Result.Policy, b.Result.Priority.String(), b.Result.Overdue().String(), b.Result.DueAt.UTC().Format(time.RFC3339), state})
		}
		r.sections = append(r.sections, sl, br)
	}
	return r
}
