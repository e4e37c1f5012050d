package feedback

import (
	"fmt"
	"io"
	"strings"
)

// WriteText writes the report for people: one line per request (at most limit requests;
// all when limit <= 0) with its people, accounts, points, score and revenue, followed by the
// accounts behind it. The output is deterministic.
func (r *DemandReport) WriteText(w io.Writer, limit int) error {
	if r == nil || w == nil {
		return nilError("feedback: demand report", map[bool]string{true: "report", false: "writer"}[r == nil])
	}
	var b strings.Builder
	o := r.Options
	fmt.Fprintf(&b, "demand as of %s (scale %s, revenue %s of %s, accounts as of %s)\n",
		r.AsOf.UTC().Format("2006-01-02 15:04 MST"), o.Scale.Name, o.Revenue, strings.ToUpper(o.Measure.String()), o.AccountsAsOf)
	for i, d := range r.Requests {
		if limit > 0 && i == limit {
			break
		}
		title := d.Title
		if title == "" {
			title = string(d.Request)
		}
		fmt.Fprintf(&b, "%d. %s [%s] score %s: %s, %s, %d points", i+1, title, d.Status, d.Score,
			count(d.People, "person", "people"), count(d.Accounts, "account", "accounts"), d.Points)
		if d.Revenue.Defined && d.Revenue.Accounts > 0 {
			fmt.Fprintf(&b, ", %s %s %s", d.Revenue.Aggregation, d.Revenue.Value.StringFixed(2), d.Revenue.Currency)
		}
		if len(d.MergedFrom) > 0 {
			fmt.Fprintf(&b, " (merged: %s)", joinIDs(d.MergedFrom, ", "))
		}
		b.WriteByte('\n')
		for _, a := range d.ByAccount {
			fmt.Fprintf(&b, "   - %s", a.Account)
			if a.Segment != "" {
				fmt.Fprintf(&b, " (%s)", a.Segment)
			}
			fmt.Fprintf(&b, ": %s, score %s", count(a.People, "person", "people"), a.Score)
			if a.HasRevenue {
				fmt.Fprintf(&b, ", %s %s %s", strings.ToUpper(o.Measure.String()), a.Revenue.StringFixed(2), a.Currency)
			}
			b.WriteByte('\n')
		}
		if n := d.People - peopleWithAccounts(d); n > 0 {
			fmt.Fprintf(&b, "   - %s without an account\n", count(n, "person", "people"))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func peopleWithAccounts(d RequestDemand) int {
	n := 0
	for _, a := range d.ByAccount {
		n += a.People
	}
	return n
}

func joinIDs(ids []RequestID, sep string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, sep)
}

// count formats n with the singular or plural noun.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
