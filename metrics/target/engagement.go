package target

import (
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// EngagementScale is the number of fractional digits of engagement scores and their parts.
const EngagementScale = 4

// EngagementComponent is one input of a composite engagement score, with the weight and
// the normalisation the caller chooses: the value is mapped linearly from [Min, Max] onto
// [0, 100] and clamped (reversed for LowerIsBetter, so Min scores 100).
type EngagementComponent struct {
	// Name labels the component in the breakdown; required.
	Name string `json:"name" validate:"required"`
	// Value is the component's raw value (a DAU/MAU share, a count, a rate...).
	Value decimal.Decimal `json:"value"`
	// Min and Max are the raw values that score 0 and 100 (the other way round for
	// LowerIsBetter); Min < Max.
	Min decimal.Decimal `json:"min"`
	Max decimal.Decimal `json:"max"`
	// Direction says which end is good; zero is HigherIsBetter.
	Direction KPIDirection `json:"direction"`
	// Weight is the component's relative weight, at least 0; the weights need not sum to
	// 1, they are divided by their sum.
	Weight decimal.Decimal `json:"weight"`
}

// Validate reports a missing name, Min ≥ Max, a negative weight and an unknown direction.
func (c EngagementComponent) Validate() error {
	v := validation.New("target: engagement component")
	c.validateInto(v, "")
	return v.Err()
}

func (c EngagementComponent) validateInto(v *validation.Errors, p string) {
	v.Struct(p, c)
	if c.Min.Cmp(c.Max) >= 0 {
		v.Addf(validation.Path(p, "max"), "gtfield", "must be greater than min")
	}
	if c.Weight.Sign() < 0 {
		v.Addf(validation.Path(p, "weight"), "dgte", "must be at least 0")
	}
	if c.Direction != HigherIsBetter && c.Direction != LowerIsBetter {
		v.Addf(validation.Path(p, "direction"), "oneof", "must be higher_is_better or lower_is_better")
	}
}

// EngagementPart is one component's contribution to an engagement score.
type EngagementPart struct {
	// Name echoes the component.
	Name string `json:"name"`
	// Normalized is the component's score on 0–100.
	Normalized decimal.Decimal `json:"normalized"`
	// Share is Weight / Σ weights, in [0, 1].
	Share decimal.Decimal `json:"share"`
	// Contribution is Normalized × Share; the contributions add up to the score (up to
	// rounding at EngagementScale).
	Contribution decimal.Decimal `json:"contribution"`
	// Clamped is true when Value lay outside [Min, Max].
	Clamped bool `json:"clamped"`
}

// EngagementScore is a weighted composite on 0–100 with its breakdown.
type EngagementScore struct {
	// Defined is false when every weight is 0 (or there are no components).
	Defined bool `json:"defined"`
	// Score is Σ weight·normalized / Σ weight, rounded to EngagementScale, in [0, 100].
	Score decimal.Decimal `json:"score"`
	// Parts lists the components in input order.
	Parts []EngagementPart `json:"parts"`
}

// ComposeEngagement combines normalised components into one weighted score. Missing names,
// Min ≥ Max, negative weights and unknown directions are a *productops.ValidationError
// naming every bad component field.
func ComposeEngagement(components []EngagementComponent) (EngagementScore, error) {
	v := validation.New("target: engagement components")
	total := decimal.Zero
	for i, c := range components {
		c.validateInto(v, validation.Index("components", i))
		total = total.Add(c.Weight)
	}
	if err := v.Err(); err != nil {
		return EngagementScore{}, err
	}
	r := EngagementScore{Score: decimal.Zero, Parts: make([]EngagementPart, len(components))}
	hundred := decimal.NewFromInt(100)
	sum := decimal.Zero
	for i, c := range components {
		x := c.Value
		part := EngagementPart{Name: c.Name, Share: decimal.Zero, Contribution: decimal.Zero}
		if x.LessThan(c.Min) {
			x, part.Clamped = c.Min, true
		} else if x.GreaterThan(c.Max) {
			x, part.Clamped = c.Max, true
		}
		num := x.Sub(c.Min)
		if c.Direction == LowerIsBetter {
			num = c.Max.Sub(x)
		}
		part.Normalized = num.Mul(hundred).DivRound(c.Max.Sub(c.Min), EngagementScale)
		if total.Sign() > 0 {
			part.Share = c.Weight.DivRound(total, EngagementScale)
			part.Contribution = part.Normalized.Mul(c.Weight).DivRound(total, EngagementScale)
			sum = sum.Add(num.Mul(hundred).Mul(c.Weight).DivRound(c.Max.Sub(c.Min), 2*EngagementScale+4))
		}
		r.Parts[i] = part
	}
	if total.Sign() > 0 {
		r.Defined = true
		r.Score = sum.DivRound(total, EngagementScale)
	}
	return r, nil
}

// PESComponents returns Pendo's Product Engagement Score inputs: adoption, stickiness and
// growth, each already on 0–100, weighted equally, so ComposeEngagement returns their
// average. Pendo does not publish how its growth ratio maps onto 0–100; pass your own
// normalised growth.
func PESComponents(adoption, stickiness, growth decimal.Decimal) []EngagementComponent {
	one, hundred := decimal.NewFromInt(1), decimal.NewFromInt(100)
	return []EngagementComponent{
		{Name: "adoption", Value: adoption, Min: decimal.Zero, Max: hundred, Weight: one},
		{Name: "stickiness", Value: stickiness, Min: decimal.Zero, Max: hundred, Weight: one},
		{Name: "growth", Value: growth, Min: decimal.Zero, Max: hundred, Weight: one},
	}
}
