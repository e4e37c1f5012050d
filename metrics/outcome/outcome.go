package outcome

import (
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// RatioScale is the number of fractional digits of ROI values, rounded half away from
// zero; PeriodScale that of payback periods.
const (
	RatioScale  = 6
	PeriodScale = 2
)

// MaxItems caps each list of an [Initiative] (KPIs, measurements, revenue periods).
const MaxItems = 10000

// Cost is what an initiative cost: Money plus Effort × LoadedRate. Zero is a value: a
// Cost of all zeros is a cost of 0 (and makes ROI undefined, as division by 0); a nil
// *Cost in an [Initiative] is a missing cost.
type Cost struct {
	// Money is a direct cost (licences, contractors), 0 or more, in the initiative's
	// currency.
	Money decimal.Decimal `json:"money" validate:"dbound,dgte=0"`
	// Effort is the work spent (person-days, or any unit LoadedRate is priced in), 0 or
	// more.
	Effort decimal.Decimal `json:"effort" validate:"dbound,dgte=0"`
	// LoadedRate is the fully loaded cost of one unit of Effort, 0 or more.
	LoadedRate decimal.Decimal `json:"loaded_rate" validate:"dbound,dgte=0"`
}

// Total returns Money + Effort × LoadedRate.
func (c Cost) Total() decimal.Decimal { return c.Money.Add(c.Effort.Mul(c.LoadedRate)) }

// KPITarget is a KPI the initiative aims to move, from Baseline to Target, in the KPI's
// unit.
type KPITarget struct {
	// Name identifies the KPI; required and unique within the initiative.
	Name string `json:"name" validate:"required"`
	// Unit is a free label ("%", "USD"); may be empty.
	Unit string `json:"unit"`
	// Baseline and Target are the KPI's value before the initiative and its goal. Zero is
	// a value.
	Baseline decimal.Decimal `json:"baseline" validate:"dbound"`
	Target   decimal.Decimal `json:"target" validate:"dbound"`
}

// Window summarises a KPI over a window of units (users, accounts, days): how many, their
// mean and their sample standard deviation.
type Window struct {
	// N counts the units, 0 or more.
	N int64 `json:"n" validate:"gte=0"`
	// Mean and SD are the sample mean and standard deviation (divisor N − 1), finite; SD
	// is 0 or more.
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

func (w Window) validateInto(v *validation.Errors, p string) {
	v.Struct(p, w)
	if !validation.Finite(w.Mean) {
		v.Addf(validation.Path(p, "mean"), "finite", "must be a finite number")
	}
	if !validation.Finite(w.SD) || w.SD < 0 {
		v.Addf(validation.Path(p, "sd"), "gte", "must be a finite number, 0 or more")
	}
}

func (w Window) moments() stats.Moments { return stats.MomentsFromMeanVariance(w.N, w.Mean, w.SD*w.SD) }

// Method says how a KPI's change was measured.
type Method int

const (
	// BeforeAfter compares the after window with the before window. The zero value.
	BeforeAfter Method = iota
	// DifferenceInDifferences subtracts the control group's change over the same windows.
	DifferenceInDifferences
)

var methodText = enum.Set[Method]{
	Subject: "outcome: method", Kind: "method",
	Names:   []string{"before_after", "difference_in_differences"},
	Aliases: map[string]Method{"did": DifferenceInDifferences, "diff_in_diff": DifferenceInDifferences, "pre_post": BeforeAfter},
}

// String returns "before_after" or "difference_in_differences".
func (m Method) String() string { return methodText.String(m) }

// MarshalText encodes the method as its String form.
func (m Method) MarshalText() ([]byte, error) { return methodText.Marshal(m) }

// UnmarshalText decodes "before_after" (alias "pre_post") or "difference_in_differences"
// (aliases "did", "diff_in_diff").
func (m *Method) UnmarshalText(b []byte) error { return methodText.Unmarshal(m, b) }

// Measurement is a measured change of one of the initiative's KPIs.
type Measurement struct {
	// KPI names a KPITarget of the initiative; required.
	KPI string `json:"kpi" validate:"required"`
	// Before and After are the treated group's windows.
	Before Window `json:"before"`
	After  Window `json:"after"`
	// ControlBefore and ControlAfter, both set or both nil, are a control group's windows;
	// with them the change is a difference in differences.
	ControlBefore *Window `json:"control_before,omitempty"`
	ControlAfter  *Window `json:"control_after,omitempty"`
}

// RevenuePeriod is revenue attributed to the initiative in one period (an MRR movement
// total, a month's incremental revenue), in the cost's currency.
type RevenuePeriod struct {
	// Label names the period ("2026-03"); required.
	Label string `json:"label" validate:"required"`
	// Amount is the value attributed in the period; may be negative (a loss). Zero is a
	// value.
	Amount decimal.Decimal `json:"amount" validate:"dbound"`
}

// Initiative is one product investment: a roadmap item with its cost, targets, measured
// outcomes and attributed revenue.
type Initiative struct {
	// ID is the roadmap item's ID; required.
	ID string `json:"id" validate:"required"`
	// Name labels the initiative in reports; may be empty.
	Name string `json:"name"`
	// Currency labels money amounts ("USD"); may be empty.
	Currency string `json:"currency"`
	// Cost is nil when unknown; ROI and payback are then undefined.
	Cost *Cost `json:"cost,omitempty"`
	// KPIs, Measurements and Revenue hold at most MaxItems entries each. Revenue periods
	// are in time order; none means no value was attributed (ROI undefined), not 0.
	KPIs         []KPITarget     `json:"kpis"`
	Measurements []Measurement   `json:"measurements"`
	Revenue      []RevenuePeriod `json:"revenue"`
}

// Options tune Evaluate. The zero value uses 95% intervals.
type Options struct {
	// Confidence is the two-sided level of KPI change intervals, in (0, 1); 0 means 0.95.
	Confidence float64 `json:"confidence"`
}

// ParseInitiative decodes an initiative from JSON, rejecting unknown fields and trailing
// data, and validates it. Every failure is a *productops.ValidationError.
func ParseInitiative(data []byte) (Initiative, error) {
	var in Initiative
	if err := decodeStrict("outcome: initiative", data, &in); err != nil {
		return Initiative{}, err
	}
	if err := in.Validate(); err != nil {
		return Initiative{}, err
	}
	return in, nil
}

// Validate reports every bad field: a missing ID, an unbounded or negative cost, lists
// longer than MaxItems, KPI names missing or repeated, measurements of unknown KPIs,
// windows with negative counts or non-finite statistics, a control with only one window,
// and revenue periods without a label or with unbounded amounts.
func (in Initiative) Validate() error {
	v := validation.New("outcome: initiative")
	in.validateInto(v)
	return v.Err()
}

func (in Initiative) validateInto(v *validation.Errors) {
	v.Struct("", struct {
		ID string `json:"id" validate:"required"`
	}{in.ID})
	if in.Cost != nil {
		v.Struct("cost", *in.Cost)
	}
	long := false
	for name, n := range map[string]int{"kpis": len(in.KPIs), "measurements": len(in.Measurements), "revenue": len(in.Revenue)} {
		if n > MaxItems {
			v.Addf(name, "max", "must have at most %d entries", MaxItems)
			long = true
		}
	}
	if long {
		return
	}
	names := make(map[string]bool, len(in.KPIs))
	for i, k := range in.KPIs {
		p := validation.Index("kpis", i)
		v.Struct(p, k)
		if k.Name != "" && names[k.Name] {
			v.Addf(validation.Path(p, "name"), "unique", "repeats an earlier KPI name")
		}
		names[k.Name] = true
	}
	for i, m := range in.Measurements {
		p := validation.Index("measurements", i)
		if m.KPI == "" {
			v.Addf(validation.Path(p, "kpi"), "required", "is required")
		} else if !names[m.KPI] {
			v.Addf(validation.Path(p, "kpi"), "oneof", "must name one of the initiative's KPIs")
		}
		m.Before.validateInto(v, validation.Path(p, "before"))
		m.After.validateInto(v, validation.Path(p, "after"))
		if (m.ControlBefore == nil) != (m.ControlAfter == nil) {
			v.Addf(validation.Path(p, "control_after"), "required_with", "control_before and control_after must be given together")
		}
		if m.ControlBefore != nil {
			m.ControlBefore.validateInto(v, validation.Path(p, "control_before"))
		}
		if m.ControlAfter != nil {
			m.ControlAfter.validateInto(v, validation.Path(p, "control_after"))
		}
	}
	for i, r := range in.Revenue {
		v.Struct(validation.Index("revenue", i), r)
	}
}

// KPIOutcome is one measured change of a KPI.
type KPIOutcome struct {
	// KPI and Unit echo the target; Baseline and Target too.
	KPI      string          `json:"kpi"`
	Unit     string          `json:"unit"`
	Baseline decimal.Decimal `json:"baseline"`
	Target   decimal.Decimal `json:"target"`
	// Method is before_after or difference_in_differences.
	Method Method `json:"method"`
	// Defined is false when a window has fewer than 2 units or every window has zero
	// spread with no difference to test; Change, Low, High and Progress are then 0.
	Defined bool `json:"defined"`
	// Change is mean(after) − mean(before), minus the control's change for a difference
	// in differences.
	Change float64 `json:"change"`
	// Low and High bound Change's interval at Confidence: Welch's t interval for
	// before/after, a normal interval over the four windows' standard errors for a
	// difference in differences.
	Confidence float64 `json:"confidence"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
	// Progress is Change / (Target − Baseline), the share of the planned move achieved;
	// ProgressDefined is false when Target equals Baseline or Change is undefined.
	Progress        float64 `json:"progress"`
	ProgressDefined bool    `json:"progress_defined"`
}

// TimelinePoint is the cumulative position after one revenue period.
type TimelinePoint struct {
	// Label echoes the period; Amount is its attributed value; Cumulative the sum so far.
	Label      string          `json:"label"`
	Amount     decimal.Decimal `json:"amount"`
	Cumulative decimal.Decimal `json:"cumulative"`
	// ROI is (Cumulative − cost)/cost, undefined without a cost or with a cost of 0.
	ROI metrics.DecimalRatio `json:"roi"`
}

// Missing names a part an ROI needs.
type Missing int

const (
	// MissingCost: the initiative has no cost.
	MissingCost Missing = iota
	// MissingValue: no revenue was attributed.
	MissingValue
	// ZeroCost: the cost is 0, so a return per unit of cost is undefined.
	ZeroCost
)

var missingText = enum.Set[Missing]{
	Subject: "outcome: missing part", Kind: "missing part",
	Names: []string{"cost", "value", "zero_cost"},
}

// String returns "cost", "value" or "zero_cost".
func (m Missing) String() string { return missingText.String(m) }

// MarshalText encodes the part as its String form.
func (m Missing) MarshalText() ([]byte, error) { return missingText.Marshal(m) }

// UnmarshalText decodes "cost", "value" or "zero_cost".
func (m *Missing) UnmarshalText(b []byte) error { return missingText.Unmarshal(m, b) }

// Report is an initiative's outcome for stakeholders.
type Report struct {
	// ID, Name and Currency echo the initiative.
	ID       string `json:"id"`
	Name     string `json:"name"`
	Currency string `json:"currency"`
	// HasCost is false when the cost is unknown; Cost is then 0.
	HasCost bool            `json:"has_cost"`
	Cost    decimal.Decimal `json:"cost"`
	// HasValue is false when no revenue was attributed; Value is then 0.
	HasValue bool            `json:"has_value"`
	Value    decimal.Decimal `json:"value"`
	// ROI is (Value − Cost)/Cost rounded to RatioScale, with its exact numerator and
	// denominator; undefined when a part is missing or Cost is 0.
	ROI metrics.DecimalRatio `json:"roi"`
	// Payback is the number of revenue periods until the cumulative value first reaches
	// the cost, interpolated linearly within the period that crosses it, rounded to
	// PeriodScale (2.5: halfway through the third period); undefined when a part is
	// missing, the cost is 0, or the value never reaches the cost.
	Payback metrics.DecimalRatio `json:"payback"`
	// Missing lists the parts that make ROI undefined, in the order cost, value, zero_cost.
	Missing []Missing `json:"missing"`
	// KPIs holds one outcome per measurement, in order.
	KPIs []KPIOutcome `json:"kpis"`
	// Timeline holds one point per revenue period, in order: data for a chart.
	Timeline []TimelinePoint `json:"timeline"`
}

// Evaluate computes an initiative's cost, value, ROI, payback, KPI outcomes and timeline.
// Its work is linear in the input. Bad input is a *productops.ValidationError.
func Evaluate(in Initiative, opts Options) (Report, error) {
	v := validation.New("outcome: evaluate")
	in.validateInto(v)
	if !stats.ValidConfidence(opts.Confidence) {
		v.Addf("options.confidence", "range", "must be 0 (meaning 0.95) or strictly between 0 and 1")
	}
	if err := v.Err(); err != nil {
		return Report{}, err
	}
	r := Report{ID: in.ID, Name: in.Name, Currency: in.Currency, Cost: decimal.Zero, Value: decimal.Zero,
		ROI: metrics.DecimalRatio{Value: decimal.Zero}, Payback: metrics.DecimalRatio{Value: decimal.Zero},
		Missing: []Missing{}, KPIs: make([]KPIOutcome, 0, len(in.Measurements)), Timeline: make([]TimelinePoint, 0, len(in.Revenue))}
	if in.Cost != nil {
		r.HasCost, r.Cost = true, in.Cost.Total()
	} else {
		r.Missing = append(r.Missing, MissingCost)
	}
	r.HasValue = len(in.Revenue) > 0
	if !r.HasValue {
		r.Missing = append(r.Missing, MissingValue)
	}
	if r.HasCost && r.Cost.IsZero() {
		r.Missing = append(r.Missing, ZeroCost)
	}
	cum := decimal.Zero
	for i, p := range in.Revenue {
		prev := cum
		cum = cum.Add(p.Amount)
		pt := TimelinePoint{Label: p.Label, Amount: p.Amount, Cumulative: cum, ROI: metrics.DecimalRatio{Value: decimal.Zero}}
		if r.HasCost {
			pt.ROI = roi(cum, r.Cost)
			if !r.Payback.Defined && r.Cost.IsPositive() && cum.GreaterThanOrEqual(r.Cost) && p.Amount.IsPositive() {
				// i whole periods, plus the share of this one needed to reach the cost.
				need := r.Cost.Sub(prev)
				r.Payback = metrics.NewDecimalRatio(decimal.NewFromInt(int64(i)).Mul(p.Amount).Add(need), p.Amount, PeriodScale)
			}
		}
		r.Timeline = append(r.Timeline, pt)
	}
	r.Value = cum
	if len(r.Missing) == 0 {
		r.ROI = roi(r.Value, r.Cost)
	} else {
		r.Payback = metrics.DecimalRatio{Value: decimal.Zero}
	}
	targets := make(map[string]KPITarget, len(in.KPIs))
	for _, k := range in.KPIs {
		targets[k.Name] = k
	}
	conf := stats.Confidence(opts.Confidence)
	for _, m := range in.Measurements {
		r.KPIs = append(r.KPIs, measure(m, targets[m.KPI], conf))
	}
	return r, nil
}

// roi returns (value − cost)/cost with its exact operands.
func roi(value, cost decimal.Decimal) metrics.DecimalRatio {
	return metrics.NewDecimalRatio(value.Sub(cost), cost, RatioScale)
}

func measure(m Measurement, k KPITarget, conf float64) KPIOutcome {
	o := KPIOutcome{KPI: k.Name, Unit: k.Unit, Baseline: k.Baseline, Target: k.Target, Confidence: conf}
	if m.ControlBefore == nil {
		w, ok := stats.Welch(m.Before.moments(), m.After.moments())
		h := stats.StudentTCritical(conf, w.DoF) * w.SE
		if ok && validation.Finite(w.Diff) && validation.Finite(h) && validation.Finite(w.Diff-h) && validation.Finite(w.Diff+h) {
			o.Defined, o.Change, o.Low, o.High = true, w.Diff, w.Diff-h, w.Diff+h
		}
	} else {
		o.Method = DifferenceInDifferences
		ws := []Window{m.Before, m.After, *m.ControlBefore, *m.ControlAfter}
		ok := true
		var v float64
		for _, w := range ws {
			ok = ok && w.N >= 2
			v += w.SD * w.SD / float64(w.N)
		}
		se := math.Sqrt(v)
		if ok && se > 0 && !math.IsInf(se, 0) {
			c := (m.After.Mean - m.Before.Mean) - (ws[3].Mean - ws[2].Mean)
			h := stats.NormalCritical(conf) * se
			if validation.Finite(c) && validation.Finite(h) && validation.Finite(c-h) && validation.Finite(c+h) {
				o.Defined, o.Change, o.Low, o.High = true, c, c-h, c+h
			}
		}
	}
	if span, _ := k.Target.Sub(k.Baseline).Float64(); o.Defined && span != 0 && validation.Finite(span) {
		if p := o.Change / span; validation.Finite(p) {
			o.Progress, o.ProgressDefined = p, true
		}
	}
	return o
}

// String formats the report for stakeholders, one fact per line.
func (r Report) String() string {
	var b strings.Builder
	title := r.ID
	if r.Name != "" {
		title += " " + r.Name
	}
	money := func(d decimal.Decimal) string {
		if r.Currency == "" {
			return d.StringFixed(2)
		}
		return d.StringFixed(2) + " " + r.Currency
	}
	fmt.Fprintf(&b, "%s\n", title)
	if r.HasCost {
		fmt.Fprintf(&b, "  cost %s\n", money(r.Cost))
	} else {
		b.WriteString("  cost unknown\n")
	}
	if r.HasValue {
		fmt.Fprintf(&b, "  value %s\n", money(r.Value))
	} else {
		b.WriteString("  value unknown (no revenue attributed)\n")
	}
	fmt.Fprintf(&b, "  ROI %s, payback %s periods\n", r.ROI.Percent(), r.Payback)
	for _, k := range r.KPIs {
		if !k.Defined {
			fmt.Fprintf(&b, "  %s: change undefined (%s)\n", k.KPI, k.Method)
			continue
		}
		prog := "undefined"
		if k.ProgressDefined {
			prog = fmt.Sprintf("%.0f%%", 100*k.Progress)
		}
		fmt.Fprintf(&b, "  %s: change %+.4g (%.0f%% CI %+.4g to %+.4g, %s), %s of the way from %s to %s\n",
			k.KPI, k.Change, 100*k.Confidence, k.Low, k.High, k.Method, prog, k.Baseline, k.Target)
	}
	for _, p := range r.Timeline {
		fmt.Fprintf(&b, "  %s: %s, cumulative %s, ROI %s\n", p.Label, money(p.Amount), money(p.Cumulative), p.ROI.Percent())
	}
	return strings.TrimRight(b.String(), "\n")
}
