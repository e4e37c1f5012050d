package revenue

import (
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// MovementTotals are one period's MRR movement totals, for callers who have totals (from
// a billing system's report, say) rather than a [Ledger]. Every amount is 0 or more, in
// one currency; zero is a value.
type MovementTotals struct {
	// StartMRR is the MRR at the start of the period.
	StartMRR decimal.Decimal `json:"start_mrr" validate:"dbound,dgte=0"`
	// New, Expansion and Reactivation add MRR; Contraction and Churn remove it (the
	// ChartMogul movement kinds; see [Period]).
	New          decimal.Decimal `json:"new" validate:"dbound,dgte=0"`
	Expansion    decimal.Decimal `json:"expansion" validate:"dbound,dgte=0"`
	Reactivation decimal.Decimal `json:"reactivation" validate:"dbound,dgte=0"`
	Contraction  decimal.Decimal `json:"contraction" validate:"dbound,dgte=0"`
	Churn        decimal.Decimal `json:"churn" validate:"dbound,dgte=0"`
}

// ParseMovementTotals decodes totals from JSON, rejecting unknown fields and trailing
// data, and validates them. Every failure is a *productops.ValidationError.
func ParseMovementTotals(data []byte) (MovementTotals, error) {
	var m MovementTotals
	if err := decodeStrict("revenue: movement totals", data, &m); err != nil {
		return MovementTotals{}, err
	}
	if err := m.Validate(); err != nil {
		return MovementTotals{}, err
	}
	return m, nil
}

// Validate reports unbounded or negative amounts.
func (m MovementTotals) Validate() error {
	return validation.Struct("revenue: movement totals", m)
}

// MovementRates are the revenue ratios of one period computed from its movement totals.
// Every ratio keeps its exact numerator and denominator; the Value is rounded to
// RatioScale. Ratios over a zero StartMRR (or nothing lost, for quick ratios) are
// undefined.
type MovementRates struct {
	// EndMRR is StartMRR + New + Expansion + Reactivation − Contraction − Churn.
	EndMRR decimal.Decimal `json:"end_mrr"`
	// GrossMRRChurn is (Churn + Contraction) / StartMRR (ChartMogul "Standard (B2B)";
	// Baremetrics' revenue churn counts the same movements).
	GrossMRRChurn metrics.DecimalRatio `json:"gross_mrr_churn"`
	// NetMRRChurn is ChartMogul's net MRR churn rate, (Churn + Contraction − Expansion −
	// Reactivation) / StartMRR: $100 at start, $10 churn, $10 contraction, $10 expansion
	// gives 10%.
	NetMRRChurn metrics.DecimalRatio `json:"net_mrr_churn"`
	// NetRevenueChurnBaremetrics is Baremetrics' net revenue churn, (Churned MRR −
	// Expansion MRR) / starting MRR, where Baremetrics' churned MRR counts cancellations
	// and downgrades: (Churn + Contraction − Expansion) / StartMRR. Unlike ChartMogul's it
	// does not offset reactivation. Baremetrics takes the starting MRR 30 days ago; here the
	// period is the caller's.
	NetRevenueChurnBaremetrics metrics.DecimalRatio `json:"net_revenue_churn_baremetrics"`
	// NRRBaremetrics is Baremetrics' net revenue retention, 1 − NetRevenueChurnBaremetrics,
	// as (StartMRR − Churn − Contraction + Expansion) / StartMRR.
	NRRBaremetrics metrics.DecimalRatio `json:"nrr_baremetrics"`
	// QuickRatio is (New + Expansion) / (Contraction + Churn), Baremetrics' definition;
	// QuickRatioWithReactivation adds Reactivation to the numerator.
	QuickRatio                 metrics.DecimalRatio `json:"quick_ratio"`
	QuickRatioWithReactivation metrics.DecimalRatio `json:"quick_ratio_with_reactivation"`
}

// RatesFromMovements computes a period's revenue ratios from its movement totals, the same
// ratios a [Ledger]'s [Bridge] gives per [Period]. Bad totals are a
// *productops.ValidationError.
func RatesFromMovements(m MovementTotals) (MovementRates, error) {
	if err := m.Validate(); err != nil {
		return MovementRates{}, err
	}
	return m.rates(), nil
}

func (m MovementTotals) rates() MovementRates {
	lost := m.Churn.Add(m.Contraction)
	r := MovementRates{
		EndMRR:                     m.StartMRR.Add(m.New).Add(m.Expansion).Add(m.Reactivation).Sub(lost),
		GrossMRRChurn:              metrics.NewDecimalRatio(lost, m.StartMRR, RatioScale),
		NetMRRChurn:                metrics.NewDecimalRatio(lost.Sub(m.Expansion).Sub(m.Reactivation), m.StartMRR, RatioScale),
		NetRevenueChurnBaremetrics: metrics.NewDecimalRatio(lost.Sub(m.Expansion), m.StartMRR, RatioScale),
		NRRBaremetrics:             metrics.NewDecimalRatio(m.StartMRR.Sub(lost).Add(m.Expansion), m.StartMRR, RatioScale),
		QuickRatio:                 metrics.NewDecimalRatio(m.New.Add(m.Expansion), lost, RatioScale),
		QuickRatioWithReactivation: metrics.NewDecimalRatio(m.New.Add(m.Expansion).Add(m.Reactivation), lost, RatioScale),
	}
	return r
}
