package feedback

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// CSV output. Every tabular result writes one header row of snake_case column names (the
// JSON names of the fields) and one row per record through encoding/csv, so any
// spreadsheet, pandas or DuckDB reads it in one line. Cells are: decimals as exact decimal
// strings ("1234.5"), instants in RFC 3339 UTC ("2026-06-01T09:00:00Z", empty for none),
// durations in seconds as a decimal string ("5400", "0.25"), booleans "true"/"false",
// enums in their text form. Text is written as it is: prefix untrusted text yourself if
// the file is opened in a spreadsheet that evaluates formulas.

// csvWriter writes rows and keeps the first error.
type csvWriter struct {
	w   *csv.Writer
	err error
}

func newCSV(w io.Writer, header ...string) *csvWriter {
	c := &csvWriter{w: csv.NewWriter(w)}
	c.row(header...)
	return c
}

func (c *csvWriter) row(cells ...string) {
	if c.err == nil {
		c.err = c.w.Write(cells)
	}
}

func (c *csvWriter) close() error {
	if c.err != nil {
		return c.err
	}
	c.w.Flush()
	return c.w.Error()
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func csvSeconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}

func csvBool(b bool) string { return strconv.FormatBool(b) }

func csvInt(n int) string { return strconv.Itoa(n) }

// WriteCSV writes one row per request: request, title, status, duplicate_of, merged_from
// (IDs joined by spaces), volume, anonymous, anonymous_points, people, accounts, points,
// score, account_score, the revenue aggregate (revenue, revenue_currency,
// revenue_accounts, revenue_defined, with revenue_aggregation and revenue_measure),
// revenue_importance, pipeline, pipeline_currency, pipeline_opportunities, and the
// exclusion counts. Rows are in the report's order.
func (r *DemandReport) WriteCSV(w io.Writer) error {
	if r == nil || w == nil {
		return nilError("feedback: demand report", map[bool]string{true: "report", false: "writer"}[r == nil])
	}
	c := newCSV(w, "request", "title", "status", "duplicate_of", "merged_from", "volume", "anonymous", "anonymous_points",
		"people", "accounts", "points", "score", "account_score", "revenue_aggregation", "revenue_measure", "revenue",
		"revenue_currency", "revenue_accounts", "revenue_defined", "revenue_importance", "pipeline", "pipeline_currency",
		"pipeline_opportunities", "superseded", "importance_ignored", "outside_window", "after_as_of")
	for _, d := range r.Requests {
		c.row(string(d.Request), d.Title, d.Status.String(), string(d.DuplicateOf), joinIDs(d.MergedFrom, " "),
			csvInt(d.Volume), csvInt(d.Anonymous), csvInt(d.AnonymousPoints), csvInt(d.People), csvInt(d.Accounts),
			csvInt(d.Points), d.Score.String(), d.AccountScore.String(), d.Revenue.Aggregation.String(), d.Revenue.Measure.String(),
			d.Revenue.Value.String(), d.Revenue.Currency, csvInt(d.Revenue.Accounts), csvBool(d.Revenue.Defined),
			d.RevenueImportance.Value.String(), d.Pipeline.Value.String(), d.Pipeline.Currency, csvInt(d.Pipeline.Opportunities),
			csvInt(d.Excluded.Superseded), csvInt(d.Excluded.ImportanceIgnored), csvInt(d.Excluded.OutsideWindow), csvInt(d.Excluded.AfterAsOf))
	}
	return c.close()
}

// WriteAccountsCSV writes one row per account behind each request: request, account,
// segment, plan, lifecycle, revenue, currency, has_revenue, people, points, score,
// importance, weight, account_score, revenue_importance, and the account's open
// pipeline on the request (pipeline, pipeline_opportunities). Accounts that have only
// pipeline, no people, are listed too, with zero people. Rows follow the report's
// requests, each request's accounts in its order, then its pipeline-only accounts by ID.
func (r *DemandReport) WriteAccountsCSV(w io.Writer) error {
	if r == nil || w == nil {
		return nilError("feedback: demand report", map[bool]string{true: "report", false: "writer"}[r == nil])
	}
	c := newCSV(w, "request", "account", "segment", "plan", "lifecycle", "revenue", "currency", "has_revenue", "people",
		"points", "score", "importance", "weight", "account_score", "revenue_importance", "pipeline", "pipeline_opportunities")
	for _, d := range r.Requests {
		pipe := make(map[AccountID]AccountPipeline, len(d.Pipeline.ByAccount))
		for _, p := range d.Pipeline.ByAccount {
			pipe[p.Account] = p
		}
		for _, a := range d.ByAccount {
			p, ok := pipe[a.Account]
			delete(pipe, a.Account)
			value := "0"
			if ok {
				value = p.Value.String()
			}
			c.row(string(d.Request), string(a.Account), a.Segment, a.Plan, a.Lifecycle.String(), a.Revenue.String(), a.Currency,
				csvBool(a.HasRevenue), csvInt(a.People), csvInt(a.Points), a.Score.String(), csvInt(a.Importance), a.Weight.String(),
				a.AccountScore.String(), a.RevenueImportance.String(), value, csvInt(p.Opportunities))
		}
		for _, p := range d.Pipeline.ByAccount {
			if _, only := pipe[p.Account]; only {
				c.row(string(d.Request), string(p.Account), "", "", "", "", "", "false", "0", "0", "0", "0", "", "0", "0",
					p.Value.String(), csvInt(p.Opportunities))
			}
		}
	}
	return c.close()
}

// WriteCSV writes one row per pair: a, b, similarity, kind (exact, duplicate or similar),
// shingling and measure, in the report's order.
func (r *DuplicateReport) WriteCSV(w io.Writer) error {
	if r == nil || w == nil {
		return nilError("feedback: duplicate report", map[bool]string{true: "report", false: "writer"}[r == nil])
	}
	c := newCSV(w, "a", "b", "similarity", "kind", "shingling", "measure")
	for _, p := range r.Pairs {
		c.row(string(p.A), string(p.B), strconv.FormatFloat(p.Similarity, 'g', -1, 64), p.Kind.String(),
			r.Shingling.String(), r.Measure.String())
	}
	return c.close()
}

// WriteCSV writes one row per SLA result of every ticket: ticket_id, policy, metric,
// cycle, priority, target_seconds, business_hours, started_at, fulfilled, fulfilled_at,
// fulfilled_by, paused, elapsed_seconds, due_at, state, breached (state is breached) and
// overdue_seconds, tickets in the batch's order and each ticket's results in metric and
// cycle order. Filter on breached for the breaches.
func (b *SLABatch) WriteCSV(w io.Writer) error {
	if b == nil || w == nil {
		return nilError("feedback: SLA batch", map[bool]string{true: "batch", false: "writer"}[b == nil])
	}
	c := newCSV(w, "ticket_id", "policy", "metric", "cycle", "priority", "target_seconds", "business_hours", "started_at",
		"fulfilled", "fulfilled_at", "fulfilled_by", "paused", "elapsed_seconds", "due_at", "state", "breached", "overdue_seconds")
	for _, rep := range b.Reports {
		for _, res := range rep.Results {
			by := ""
			if res.FulfilledBy != FulfilledNot {
				by = res.FulfilledBy.String()
			}
			c.row(string(rep.TicketID), res.Policy, res.Metric.String(), csvInt(res.Cycle), res.Priority.String(),
				csvSeconds(res.Target), csvBool(res.BusinessHours), csvTime(res.StartedAt), csvBool(res.Fulfilled),
				csvTime(res.FulfilledAt), by, csvBool(res.Paused), csvSeconds(res.Elapsed), csvTime(res.DueAt),
				res.State.String(), csvBool(res.State == SLABreached), csvSeconds(res.Overdue()))
		}
	}
	return c.close()
}

// WriteCSV writes one row per metric with results, in metric order, then a "total" row:
// metric, achieved, breached, active, paused, results, and the compliance rate
// (compliance_numerator = achieved, compliance_denominator = achieved + breached,
// compliance_defined, compliance).
func (c *SLACompliance) WriteCSV(w io.Writer) error {
	if c == nil || w == nil {
		return nilError("feedback: SLA compliance", map[bool]string{true: "compliance", false: "writer"}[c == nil])
	}
	out := newCSV(w, "metric", "achieved", "breached", "active", "paused", "results", "compliance_numerator",
		"compliance_denominator", "compliance_defined", "compliance")
	row := func(name string, t SLATally) {
		r := t.Compliance()
		out.row(name, csvInt(t.Achieved), csvInt(t.Breached), csvInt(t.Active), csvInt(t.Paused), csvInt(t.Results()),
			csvInt(r.Numerator), csvInt(r.Denominator), csvBool(r.Defined), strconv.FormatFloat(r.Value, 'g', -1, 64))
	}
	for m, t := range c.All() {
		row(m.String(), t)
	}
	row("total", c.Total())
	return out.close()
}
