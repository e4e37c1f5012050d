package revenue

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// MaxBridgePeriods bounds BridgeOptions.Periods.
const MaxBridgePeriods = 1200

// BridgeOptions chooses the periods of an MRR bridge: Periods consecutive calendar
// periods of MonthsPerPeriod months, the first starting on the first day of From's month
// at local midnight in Location. Boundaries are built with time.Date, so they are exact
// across DST changes. A period is half-open: a change at its start belongs to it.
type BridgeOptions struct {
	// Location sets the calendar; nil means UTC.
	Location *time.Location `json:"-"`
	// From is any instant in the first period's first month; required.
	From time.Time `json:"from"`
	// Periods is the number of periods, 1 to MaxBridgePeriods.
	Periods int `json:"periods"`
	// MonthsPerPeriod is each period's length in months (3 for quarters, 12 for years);
	// 0 means 1. Churn rates and quick ratios are per period, not per month.
	MonthsPerPeriod int `json:"months_per_period"`
}

// Validate reports a zero From, a period count outside 1..MaxBridgePeriods and a negative
// or over-long period length.
func (o BridgeOptions) Validate() error {
	v := validation.New("revenue: MRR bridge options")
	if o.From.IsZero() {
		v.Addf("from", "required", "is required")
	}
	if o.Periods < 1 || o.Periods > MaxBridgePeriods {
		v.Addf("periods", "range", "must be between 1 and %d", MaxBridgePeriods)
	}
	if o.MonthsPerPeriod < 0 || o.MonthsPerPeriod > 120 {
		v.Addf("months_per_period", "range", "must be between 0 (meaning 1) and 120")
	}
	return v.Err()
}

// Period is one period of an MRR bridge (ChartMogul's movement types). Movement amounts
// are magnitudes, at least 0: EndMRR = StartMRR + New + Expansion + Reactivation −
// Contraction − Churn, checked exactly for every period.
//
// Each change of a customer's total MRR is one movement: from 0 to positive is New for a
// customer who never paid before and Reactivation otherwise; from positive to 0 is Churn
// (of the whole previous MRR); an increase is Expansion, a decrease Contraction (also when
// one of several subscriptions is cancelled). Changes at the same instant are merged first.
type Period struct {
	// Start and End bound the period [Start, End).
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// StartMRR and EndMRR are the total MRR just before Start and just before End.
	StartMRR decimal.Decimal `json:"start_mrr"`
	EndMRR   decimal.Decimal `json:"end_mrr"`
	// New, Expansion and Reactivation add MRR; Contraction and Churn remove it.
	New          decimal.Decimal `json:"new"`
	Expansion    decimal.Decimal `json:"expansion"`
	Reactivation decimal.Decimal `json:"reactivation"`
	Contraction  decimal.Decimal `json:"contraction"`
	Churn        decimal.Decimal `json:"churn"`
	// StartCustomers and EndCustomers count customers with MRR above 0 at Start and End.
	StartCustomers int64 `json:"start_customers"`
	EndCustomers   int64 `json:"end_customers"`
	// NewCustomers, ReactivatedCustomers and ChurnMovements count the movements of those
	// kinds in the period (a customer may churn twice).
	NewCustomers         int64 `json:"new_customers"`
	ReactivatedCustomers int64 `json:"reactivated_customers"`
	ChurnMovements       int64 `json:"churn_movements"`
	// ChurnedCustomers counts customers paying at Start and not at End: ChartMogul's
	// "Standard (B2B)" numerator, which leaves out customers who joined and churned within
	// the period and customers who churned and came back.
	ChurnedCustomers int64 `json:"churned_customers"`
	// CustomerChurn is ChurnedCustomers / StartCustomers with its Wilson interval
	// (ChartMogul "Standard (B2B)"); undefined with no customers at Start.
	CustomerChurn metrics.Rate `json:"customer_churn"`
	// CustomerChurnDaily is ChartMogul's "Shopify (B2C)" variant: for each day of the
	// period (local calendar days), customers paying at the day's start and not at the
	// next day's start, over those paying at the day's start, summed over the days.
	// Undefined when no day had a paying customer.
	CustomerChurnDaily metrics.DecimalRatio `json:"customer_churn_daily"`
	// GrossMRRChurn is (Churn + Contraction) / StartMRR.
	GrossMRRChurn metrics.DecimalRatio `json:"gross_mrr_churn"`
	// NetMRRChurn is (Churn + Contraction − Expansion − Reactivation) / StartMRR
	// (ChartMogul; negative when expansion outweighs losses). It counts reactivation of
	// customers outside the start cohort, so it is not 1 − NRR in general.
	NetMRRChurn metrics.DecimalRatio `json:"net_mrr_churn"`
	// RetainedMRR is the End MRR of the customers paying at Start (the start cohort);
	// CappedRetainedMRR caps each of them at their Start MRR.
	RetainedMRR       decimal.Decimal `json:"retained_mrr"`
	CappedRetainedMRR decimal.Decimal `json:"capped_retained_mrr"`
	// NRR is RetainedMRR / StartMRR (net revenue retention of the start cohort; customers
	// acquired during the period are excluded). GRR is CappedRetainedMRR / StartMRR, so
	// one customer's expansion cannot offset another's contraction; at most 1.
	NRR metrics.DecimalRatio `json:"nrr"`
	GRR metrics.DecimalRatio `json:"grr"`
	// QuickRatio is (New + Expansion) / (Contraction + Churn), Baremetrics' definition.
	// QuickRatioWithReactivation adds Reactivation to the numerator (Social Capital's
	// growth accounting). Undefined when nothing was lost.
	QuickRatio                 metrics.DecimalRatio `json:"quick_ratio"`
	QuickRatioWithReactivation metrics.DecimalRatio `json:"quick_ratio_with_reactivation"`
	// ARPA is EndMRR / EndCustomers (average MRR per paying account), rounded to MoneyScale.
	ARPA metrics.DecimalRatio `json:"arpa"`
}

// NetMovement returns New + Expansion + Reactivation − Contraction − Churn.
func (p Period) NetMovement() decimal.Decimal {
	return p.New.Add(p.Expansion).Add(p.Reactivation).Sub(p.Contraction).Sub(p.Churn)
}

// ARR returns 12 × EndMRR.
func (p Period) ARR() decimal.Decimal { return p.EndMRR.Mul(decimal.NewFromInt(12)) }

// Bridge is the MRR movement history of a ledger over consecutive periods.
type Bridge struct {
	// Currency of every amount.
	Currency Currency `json:"currency"`
	// Periods in time order; each period's StartMRR equals the previous one's EndMRR.
	Periods []Period `json:"periods"`
}

// String renders the bridge as a fixed-width text table, one row per period.
func (b Bridge) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%-10s %14s %12s %12s %12s %12s %12s %14s %8s %8s %8s\n",
		"period", "start", "new", "expansion", "reactiv.", "contraction", "churn", "end "+string(b.Currency), "NRR", "GRR", "quick")
	for _, p := range b.Periods {
		fmt.Fprintf(&sb, "%-10s %14s %12s %12s %12s %12s %12s %14s %8s %8s %8s\n",
			p.Start.Format("2006-01"), p.StartMRR.StringFixed(2), "+"+p.New.StringFixed(2), "+"+p.Expansion.StringFixed(2),
			"+"+p.Reactivation.StringFixed(2), "-"+p.Contraction.StringFixed(2), "-"+p.Churn.StringFixed(2), p.EndMRR.StringFixed(2),
			shortPercent(p.NRR), shortPercent(p.GRR), shortRatio(p.QuickRatio))
	}
	return sb.String()
}

func shortPercent(r metrics.DecimalRatio) string {
	if !r.Defined {
		return "-"
	}
	return r.Value.Shift(2).StringFixed(1) + "%"
}

func shortRatio(r metrics.DecimalRatio) string {
	if !r.Defined {
		return "-"
	}
	return r.Value.StringFixed(2)
}

// bridgeAcc accumulates one period in scaled integers.
type bridgeAcc struct {
	start, end, newMRR, exp, react, contr, churn int64
	retained, capped                             int64
	startCust, endCust, newCust, reactCust       int64
	churnMoves, churnedCust                      int64
}

// Bridge computes the MRR bridge over the periods opt describes. It fails with a
// *productops.ValidationError for bad options, and with an error (a defect, never seen in
// tests) if a period's identity start + movements = end did not hold.
func (l *Ledger) Bridge(opt BridgeOptions) (Bridge, error) {
	if err := opt.Validate(); err != nil {
		return Bridge{}, err
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	months := max(opt.MonthsPerPeriod, 1)
	f := opt.From.In(loc)
	P := opt.Periods
	bounds := make([]time.Time, P+1)
	B := make([]int64, P+1)
	for k := range bounds {
		bounds[k] = time.Date(f.Year(), f.Month()+time.Month(k*months), 1, 0, 0, 0, 0, loc)
		B[k] = bounds[k].UnixNano()
	}
	// Local day starts for the daily churn variant; dayOf[k] is the first day of period k.
	var D []int64
	dayOf := make([]int, P+1)
	for k := range P {
		dayOf[k] = len(D)
		s := bounds[k]
		for d := 0; ; d++ {
			t := time.Date(s.Year(), s.Month(), s.Day()+d, 0, 0, 0, 0, loc).UnixNano()
			if t >= B[k+1] {
				break
			}
			D = append(D, t)
		}
	}
	dayOf[P] = len(D)
	D = append(D, B[P])
	nd := len(D) - 1 // days 0..nd-1; D[nd] is the end
	active := make([]int64, nd+2)
	churnDay := make([]int64, nd+1)
	// firstAfter returns the first day index j with D[j] > t (len(D) if none).
	firstAfter := func(t int64) int {
		j, found := slices.BinarySearch(D, t)
		if found {
			j++
		}
		return j
	}

	acc := make([]bridgeAcc, P)
	for c := range l.customers {
		pts := l.points[l.offsets[c]:l.offsets[c+1]]
		i := 0
		var total int64
		everPaid := false
		for i < len(pts) && pts[i].at < B[0] {
			total = pts[i].total
			everPaid = everPaid || total > 0
			i++
		}
		on := -1 // day index from which the customer is active, -1 when inactive
		if total > 0 {
			on = 0
		}
		for k := range P {
			a := &acc[k]
			startTotal := total
			a.start += total
			if total > 0 {
				a.startCust++
			}
			for i < len(pts) && pts[i].at < B[k+1] {
				nt := pts[i].total
				switch {
				case total == 0 && nt > 0:
					if everPaid {
						a.react += nt
						a.reactCust++
					} else {
						a.newMRR += nt
						a.newCust++
					}
					everPaid = true
					on = firstAfter(pts[i].at)
				case total > 0 && nt == 0:
					a.churn += total
					a.churnMoves++
					off := firstAfter(pts[i].at)
					if off > on {
						active[on]++
						active[off]--
						if off <= nd {
							churnDay[off-1]++
						}
					}
					on = -1
				case nt > total:
					a.exp += nt - total
				default:
					a.contr += total - nt
				}
				total = nt
				i++
			}
			a.end += total
			if total > 0 {
				a.endCust++
			}
			if startTotal > 0 {
				a.retained += total
				a.capped += min(total, startTotal)
				if total == 0 {
					a.churnedCust++
				}
			}
		}
		if on >= 0 {
			active[on]++
			active[nd+1]--
		}
	}
	for j := 1; j <= nd; j++ {
		active[j] += active[j-1]
	}

	br := Bridge{Currency: l.currency, Periods: make([]Period, P)}
	for k := range P {
		a := acc[k]
		if a.start+a.newMRR+a.exp+a.react-a.contr-a.churn != a.end {
			return Bridge{}, fmt.Errorf("revenue: internal error: MRR identity broken in period %s", bounds[k].Format("2006-01"))
		}
		if k > 0 && acc[k-1].end != a.start {
			return Bridge{}, fmt.Errorf("revenue: internal error: MRR continuity broken at %s", bounds[k].Format("2006-01"))
		}
		p := Period{
			Start: bounds[k], End: bounds[k+1],
			StartMRR: l.amount(a.start), EndMRR: l.amount(a.end),
			New: l.amount(a.newMRR), Expansion: l.amount(a.exp), Reactivation: l.amount(a.react),
			Contraction: l.amount(a.contr), Churn: l.amount(a.churn),
			StartCustomers: a.startCust, EndCustomers: a.endCust,
			NewCustomers: a.newCust, ReactivatedCustomers: a.reactCust,
			ChurnMovements: a.churnMoves, ChurnedCustomers: a.churnedCust,
			CustomerChurn:     metrics.NewRate(a.churnedCust, a.startCust),
			RetainedMRR:       l.amount(a.retained),
			CappedRetainedMRR: l.amount(a.capped),
		}
		start := l.amount(a.start)
		p.GrossMRRChurn = metrics.NewDecimalRatio(l.amount(a.churn+a.contr), start, RatioScale)
		p.NetMRRChurn = metrics.NewDecimalRatio(l.amount(a.churn+a.contr-a.exp-a.react), start, RatioScale)
		p.NRR = metrics.NewDecimalRatio(p.RetainedMRR, start, RatioScale)
		p.GRR = metrics.NewDecimalRatio(p.CappedRetainedMRR, start, RatioScale)
		lost := l.amount(a.contr + a.churn)
		p.QuickRatio = metrics.NewDecimalRatio(l.amount(a.newMRR+a.exp), lost, RatioScale)
		p.QuickRatioWithReactivation = metrics.NewDecimalRatio(l.amount(a.newMRR+a.exp+a.react), lost, RatioScale)
		p.ARPA = metrics.NewDecimalRatio(p.EndMRR, decimal.NewFromInt(a.endCust), MoneyScale)
		p.CustomerChurnDaily = dailyChurn(active[dayOf[k]:dayOf[k+1]], churnDay[dayOf[k]:dayOf[k+1]])
		br.Periods[k] = p
	}
	return br, nil
}

// dailyChurn sums churned/active over days with active customers.
func dailyChurn(active, churned []int64) metrics.DecimalRatio {
	r := metrics.DecimalRatio{Value: decimal.Zero}
	sum := decimal.Zero
	for j, a := range active {
		if a <= 0 {
			continue
		}
		r.Defined = true
		if churned[j] > 0 {
			sum = sum.Add(decimal.NewFromInt(churned[j]).DivRound(decimal.NewFromInt(a), RatioScale+6))
		}
	}
	if r.Defined {
		r.Value = sum.Round(RatioScale)
	}
	return r
}
