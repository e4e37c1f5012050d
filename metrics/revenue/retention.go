package revenue

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// Retention is net and gross revenue retention of the customers paying at From (the
// start cohort), measured at To. Customers who start paying after From are excluded, and so
// are customers who were not paying at From but reactivate before To.
type Retention struct {
	// From and To echo the window.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Currency of every amount.
	Currency Currency `json:"currency"`
	// StartCustomers counts the cohort; RetainedCustomers those still paying at To.
	StartCustomers    int64 `json:"start_customers"`
	RetainedCustomers int64 `json:"retained_customers"`
	// CustomerRetention is RetainedCustomers / StartCustomers with its Wilson interval.
	CustomerRetention metrics.Rate `json:"customer_retention"`
	// StartMRR is the cohort's MRR at From; EndMRR the same customers' MRR at To;
	// CappedMRR caps each customer's To MRR at their From MRR.
	StartMRR  decimal.Decimal `json:"start_mrr"`
	EndMRR    decimal.Decimal `json:"end_mrr"`
	CappedMRR decimal.Decimal `json:"capped_mrr"`
	// Expansion, Contraction and Churn split EndMRR − StartMRR by customer: increases,
	// decreases of customers still paying, and the From MRR of customers paying nothing at
	// To. EndMRR = StartMRR + Expansion − Contraction − Churn.
	Expansion   decimal.Decimal `json:"expansion"`
	Contraction decimal.Decimal `json:"contraction"`
	Churn       decimal.Decimal `json:"churn"`
	// NRR is EndMRR / StartMRR (PostHog's NDR, the common (start + expansion − contraction −
	// churn)/start); GRR is CappedMRR / StartMRR, at most 1. Undefined with no cohort.
	NRR metrics.DecimalRatio `json:"nrr"`
	GRR metrics.DecimalRatio `json:"grr"`
}

// Retention measures the start cohort's revenue retention from from to to (MRR at an
// instant includes changes at that instant). A window that ends before it starts, or a zero
// time, is a *productops.ValidationError; an empty cohort gives undefined ratios.
func (l *Ledger) Retention(from, to time.Time) (Retention, error) {
	v := validation.New("revenue: retention window")
	if from.IsZero() {
		v.Addf("from", "required", "is required")
	}
	if to.IsZero() {
		v.Addf("to", "required", "is required")
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		v.Addf("to", "gtefield", "must not be before from")
	}
	if err := v.Err(); err != nil {
		return Retention{}, err
	}
	f, t := from.UnixNano(), to.UnixNano()
	var start, end, capped, exp, contr, churn, n, kept int64
	for c := range l.customers {
		base := l.totalAt(c, f)
		if base <= 0 {
			continue
		}
		cur := l.totalAt(c, t)
		n++
		start += base
		end += cur
		capped += min(base, cur)
		switch {
		case cur == 0:
			churn += base
		case cur > base:
			exp += cur - base
			kept++
		default:
			contr += base - cur
			kept++
		}
	}
	r := Retention{
		From: from, To: to, Currency: l.currency,
		StartCustomers: n, RetainedCustomers: kept, CustomerRetention: metrics.NewRate(kept, n),
		StartMRR: l.amount(start), EndMRR: l.amount(end), CappedMRR: l.amount(capped),
		Expansion: l.amount(exp), Contraction: l.amount(contr), Churn: l.amount(churn),
	}
	r.NRR = metrics.NewDecimalRatio(r.EndMRR, r.StartMRR, RatioScale)
	r.GRR = metrics.NewDecimalRatio(r.CappedMRR, r.StartMRR, RatioScale)
	return r, nil
}
