package prioritize

import (
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// CD3Input is one item's cost of delay and duration (Reinertsen; Black Swan Farming).
type CD3Input struct {
	// ID names the item; required.
	ID ItemID `json:"id" validate:"required"`
	// CostOfDelay is value lost per unit of time while the item is not delivered (money per
	// week, say), ≥ 0. Negative costs of delay are rejected.
	CostOfDelay decimal.Decimal `json:"cost_of_delay" validate:"dbound,dgte=0"`
	// Duration is how long the item occupies the team, in the time unit of CostOfDelay, > 0.
	// It is duration, not cost: the scarce resource being scheduled is time. Zero is
	// ErrZeroEffort.
	Duration decimal.Decimal `json:"duration" validate:"dbound,dgte=0"`
}

// Validate reports every bad field as a *productops.ValidationError; a zero duration also
// matches ErrZeroEffort.
func (in CD3Input) Validate() error {
	e := validation.New("prioritize: cd3 input")
	in.check(e, "")
	return withSentinels(e)
}

func (in CD3Input) check(e *validation.Errors, prefix string) {
	e.Struct(prefix, in)
	if in.Duration.IsZero() {
		e.Add(path(prefix, "duration"), ruleNonZero, "", ruleZeroMessage)
	}
}

// CD3 scores cost of delay ÷ duration exactly. Sequencing a single queue by descending CD3
// minimizes the total cost of delay (Smith's rule); the ratio of two CD3 values is not the
// ratio of their outcomes (see TotalDelayCost).
func CD3(in CD3Input) (Score, error) {
	if err := in.Validate(); err != nil {
		return Score{}, err
	}
	return newScore(in.ID, FrameworkCD3, "cd3", ratio(in.CostOfDelay, in.Duration),
		in.CostOfDelay.String()+" ÷ "+in.Duration.String(),
		[]Factor{mulFactor("cost_of_delay", in.CostOfDelay), divFactor("duration", in.Duration)}, nil), nil
}

// TotalDelayCost is the cost of delay incurred when items are done one after another in the
// given order: Σ costOfDelay_i × completion time_i, where completion time is the sum of the
// durations up to and including item i. Every item is validated; errors name items[i].
func TotalDelayCost(sequence []CD3Input) (decimal.Decimal, error) {
	e := validation.New("prioritize: cd3 sequence")
	for i, in := range sequence {
		in.check(e, index("items", i))
	}
	if err := withSentinels(e); err != nil {
		return decimal.Decimal{}, err
	}
	total, clock := decimal.Zero, decimal.Zero
	for _, in := range sequence {
		clock = clock.Add(in.Duration)
		total = total.Add(in.CostOfDelay.Mul(clock))
	}
	return total, nil
}
