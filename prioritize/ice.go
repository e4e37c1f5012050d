package prioritize

import (
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// ICEVariant selects how ICE combines its three factors. The two variants can order items
// differently: the product punishes one weak factor, the mean compensates for it.
type ICEVariant uint8

// ICE variants. The zero value, ICEProduct, is the default.
const (
	// ICEProduct is impact × confidence × ease, range 1–1000 (the more common reading).
	ICEProduct ICEVariant = iota
	// ICEMean is (impact + confidence + ease) ÷ 3, range 1–10 (ranks like the plain sum).
	ICEMean
)

var iceVariantSet = enum.Set[ICEVariant]{Subject: "prioritize: ice variant", Kind: "ice variant", Names: []string{"product", "mean"}}

// String returns "product" or "mean".
func (v ICEVariant) String() string { return iceVariantSet.String(v) }

// MarshalText encodes the name given by String.
func (v ICEVariant) MarshalText() ([]byte, error) {
	return iceVariantSet.Marshal(v)
}

// UnmarshalText decodes a name given by String.
func (v *ICEVariant) UnmarshalText(b []byte) error {
	return iceVariantSet.Unmarshal(v, b)
}

// ICEInput is one item's ICE estimate (Sean Ellis, GrowthHackers). Each factor is on the
// 1–10 scale; decimals such as 7.5 are accepted within it.
type ICEInput struct {
	// ID names the item; required.
	ID ItemID `json:"id" validate:"required"`
	// Impact is the size of the win if it works, 1–10.
	Impact decimal.Decimal `json:"impact" validate:"dbound,dgte=1,dlte=10"`
	// Confidence is the evidence that it will work, rated 1–10 like the other two factors
	// (a hunch 2–3, precedent 8–9). It is a rating, not a probability, so unlike RICE's
	// confidence it is not a fraction.
	Confidence decimal.Decimal `json:"confidence" validate:"dbound,dgte=1,dlte=10"`
	// Ease is how few resources it needs, 1–10 (higher is easier).
	Ease decimal.Decimal `json:"ease" validate:"dbound,dgte=1,dlte=10"`
}

// ICEOptions configures ICE. The zero value is ICEProduct.
type ICEOptions struct {
	// Variant selects product or mean; zero is ICEProduct.
	Variant ICEVariant `json:"variant"`
}

// Validate reports every bad field as a *productops.ValidationError.
func (in ICEInput) Validate() error {
	e := validation.New("prioritize: ice input")
	in.check(e, "")
	return e.Err()
}

func (in ICEInput) check(e *validation.Errors, prefix string) {
	e.Struct(prefix, in)
}

// ICE scores impact × confidence × ease (ICEProduct) or their mean (ICEMean), exactly.
func ICE(in ICEInput, opts ICEOptions) (Score, error) {
	e := validation.New("prioritize: ice input")
	in.check(e, "")
	if opts.Variant > ICEMean {
		e.Add("variant", "oneof", "product mean", "must be product or mean")
	}
	if err := e.Err(); err != nil {
		return Score{}, err
	}
	var exact Fraction
	var formula string
	factors := []Factor{mulFactor("impact", in.Impact), mulFactor("confidence", in.Confidence), mulFactor("ease", in.Ease)}
	if opts.Variant == ICEMean {
		exact = ratio(in.Impact.Add(in.Confidence).Add(in.Ease), decimal.NewFromInt(3))
		formula = "(" + in.Impact.String() + " + " + in.Confidence.String() + " + " + in.Ease.String() + ") ÷ 3"
		for i := range factors {
			factors[i].Op = OpAdd
			factors[i].Contribution = factors[i].Value
		}
	} else {
		exact = fracOf(in.Impact.Mul(in.Confidence).Mul(in.Ease))
		formula = in.Impact.String() + " × " + in.Confidence.String() + " × " + in.Ease.String()
	}
	return newScore(in.ID, FrameworkICE, opts.Variant.String(), exact, formula, factors, nil), nil
}
