package revenue

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// RatioScale is the number of fractional digits of revenue ratios (churn rates,
// NRR, GRR, quick ratios): 0.953125 is 95.3125%.
const RatioScale = 6

// MoneyScale is the number of fractional digits of derived money amounts (ARPA, LTV).
const MoneyScale = 2

// MonthsScale is the number of fractional digits of CAC payback periods in months.
const MonthsScale = 2

// LTVInput holds the inputs of a customer lifetime value.
type LTVInput struct {
	// ARPA is the average monthly revenue per account, at least 0.
	ARPA decimal.Decimal `json:"arpa"`
	// ChurnRate is the monthly customer churn rate as a fraction in [0, 1].
	ChurnRate decimal.Decimal `json:"churn_rate"`
	// GrossMargin is the gross margin as a fraction in [0, 1]; 0 means "not applied"
	// (revenue LTV).
	GrossMargin decimal.Decimal `json:"gross_margin"`
}

// LTV returns the naive lifetime value ARPA × gross margin / monthly churn rate (the
// gross-margin factor omitted when GrossMargin is 0), rounded to MoneyScale. It is
// undefined at zero churn, where the formula has no finite answer.
func LTV(in LTVInput) (metrics.DecimalRatio, error) {
	if err := in.Validate(); err != nil {
		return metrics.DecimalRatio{}, err
	}
	num := in.ARPA
	if !in.GrossMargin.IsZero() {
		num = num.Mul(in.GrossMargin)
	}
	return metrics.NewDecimalRatio(num, in.ChurnRate, MoneyScale), nil
}

// Validate reports a negative ARPA and a churn rate or gross margin outside [0, 1].
func (in LTVInput) Validate() error {
	v := validation.New("revenue: LTV input")
	if in.ARPA.Sign() < 0 {
		v.Addf("arpa", "dgte", "must be at least 0")
	}
	if in.ChurnRate.Sign() < 0 || in.ChurnRate.GreaterThan(decimal.NewFromInt(1)) {
		v.Addf("churn_rate", "range", "must be a fraction between 0 and 1")
	}
	if in.GrossMargin.Sign() < 0 || in.GrossMargin.GreaterThan(decimal.NewFromInt(1)) {
		v.Addf("gross_margin", "range", "must be a fraction between 0 and 1 (0: not applied)")
	}
	return v.Err()
}

// CACPaybackInput holds the inputs of a CAC payback period.
type CACPaybackInput struct {
	// Spend is the sales and marketing spend that acquired the new customers, at least 0.
	Spend decimal.Decimal `json:"spend"`
	// NewMRR is the new-business MRR those customers brought, at least 0.
	NewMRR decimal.Decimal `json:"new_mrr"`
	// GrossMargin is the gross margin as a fraction in [0, 1]. 0 means the revenue basis
	// (OpexEngine's variant, no margin); otherwise the gross-margin basis (Wall Street
	// Prep's) divides by NewMRR × GrossMargin.
	GrossMargin decimal.Decimal `json:"gross_margin"`
}

// CACPayback returns the months of (margin-adjusted) new MRR needed to repay the spend,
// Spend / (NewMRR × GrossMargin), rounded to MonthsScale; undefined when NewMRR is 0.
func CACPayback(in CACPaybackInput) (metrics.DecimalRatio, error) {
	if err := in.Validate(); err != nil {
		return metrics.DecimalRatio{}, err
	}
	den := in.NewMRR
	if !in.GrossMargin.IsZero() {
		den = den.Mul(in.GrossMargin)
	}
	return metrics.NewDecimalRatio(in.Spend, den, MonthsScale), nil
}

// Validate reports negative amounts and a gross margin outside [0, 1].
func (in CACPaybackInput) Validate() error {
	v := validation.New("revenue: CAC payback input")
	if in.Spend.Sign() < 0 {
		v.Addf("spend", "dgte", "must be at least 0")
	}
	if in.NewMRR.Sign() < 0 {
		v.Addf("new_mrr", "dgte", "must be at least 0")
	}
	if in.GrossMargin.Sign() < 0 || in.GrossMargin.GreaterThan(decimal.NewFromInt(1)) {
		v.Addf("gross_margin", "range", "must be a fraction between 0 and 1 (0: revenue basis)")
	}
	return v.Err()
}

// formatMoney formats an amount with two decimals and its currency, such as "1,250.00 USD".
func formatMoney(d decimal.Decimal, c Currency) string {
	s := d.StringFixed(2)
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	dot := len(s) - 3
	out := make([]byte, 0, len(s)+len(s)/3+5)
	for i := 0; i < dot; i++ {
		if i > 0 && (dot-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	out = append(out, s[dot:]...)
	if neg {
		out = append([]byte{'-'}, out...)
	}
	return fmt.Sprintf("%s %s", out, c)
}
