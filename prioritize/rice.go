package prioritize

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// RICEVariant selects how strictly RICE inputs are checked.
type RICEVariant uint8

// RICE variants. The zero value, RICEStrict, is the default.
const (
	// RICEStrict accepts only Intercom's impact scale 3, 2, 1, 0.5, 0.25.
	RICEStrict RICEVariant = iota
	// RICELenient accepts any impact ≥ 0 (as formula fields in Productboard or airfocus do).
	RICELenient
)

var riceVariantSet = enum.Set[RICEVariant]{Subject: "prioritize: rice variant", Kind: "rice variant", Names: []string{"strict", "lenient"}}

// String returns "strict" or "lenient".
func (v RICEVariant) String() string { return riceVariantSet.String(v) }

// MarshalText encodes the name given by String.
func (v RICEVariant) MarshalText() ([]byte, error) {
	return riceVariantSet.Marshal(v)
}

// UnmarshalText decodes a name given by String.
func (v *RICEVariant) UnmarshalText(b []byte) error {
	return riceVariantSet.Unmarshal(v, b)
}

// Intercom's RICE impact scale.
var (
	ImpactMassive = decimal.NewFromInt(3) // 3× massive
	ImpactHigh    = decimal.NewFromInt(2) // 2× high
	ImpactMedium  = decimal.NewFromInt(1) // 1× medium
	ImpactLow     = decimal.New(5, -1)    // 0.5× low
	ImpactMinimal = decimal.New(25, -2)   // 0.25× minimal
	riceImpacts   = []decimal.Decimal{ImpactMassive, ImpactHigh, ImpactMedium, ImpactLow, ImpactMinimal}
	halfConf      = decimal.New(5, -1)
)

// RICEInput is one item's RICE estimate (Intercom, Sean McBride 2016).
type RICEInput struct {
	// ID names the item; required.
	ID ItemID `json:"id" validate:"required"`
	// Reach is people or events affected per period (the same period for every item
	// compared, e.g. customers per quarter); a count ≥ 0. Zero is meaningful (score 0).
	Reach decimal.Decimal `json:"reach" validate:"dbound,dgte=0"`
	// Impact is the per-person effect: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal
	// (RICEStrict); any value ≥ 0 under RICELenient.
	Impact decimal.Decimal `json:"impact" validate:"dbound,dgte=0"`
	// Confidence is a fraction in [0, 1] (0.8 = 80%; Intercom uses 1, 0.8, 0.5); a value
	// above 1 is an error, never read as percent. Build it from percent with Percent(80).
	Confidence decimal.Decimal `json:"confidence" validate:"dbound,dgte=0,dlte=1"`
	// Effort is person-months across all disciplines, > 0 (Intercom uses whole months and
	// 0.5 for anything well under a month). Zero is ErrZeroEffort.
	Effort decimal.Decimal `json:"effort" validate:"dbound,dgte=0"`
}

// RICEOptions configures RICE. The zero value is RICEStrict.
type RICEOptions struct {
	// Variant selects the impact check; zero is RICEStrict.
	Variant RICEVariant `json:"variant"`
}

// Percent converts a percentage to the fraction every confidence of this package uses:
// Percent(80) is 0.8 and Percent(87.5) is 0.875, exactly (p is read as the shortest decimal
// that prints as p, then divided by 100). NaN and ±Inf have no decimal value: Percent
// returns one beyond the bounds every input check enforces (an exponent above 40), so the
// input holding it fails validation with rule "dbound".
func Percent(p float64) decimal.Decimal {
	if !validation.Finite(p) {
		return decimal.New(1, validation.MaxDecimalExponent+1)
	}
	return decimal.NewFromFloat(p).Shift(-2)
}

// Validate checks the input under the strict variant; see ValidateWith.
func (in RICEInput) Validate() error { return in.ValidateWith(RICEOptions{}) }

// ValidateWith reports every bad field at once as a *productops.ValidationError (a zero
// effort also matches ErrZeroEffort).
func (in RICEInput) ValidateWith(opts RICEOptions) error {
	e := validation.New("prioritize: rice input")
	in.check(e, "", opts)
	return withSentinels(e)
}

func (in RICEInput) check(e *validation.Errors, prefix string, opts RICEOptions) {
	e.Struct(prefix, in)
	if validation.DecimalBounded(in.Impact) && in.Impact.Sign() >= 0 && opts.Variant == RICEStrict && !onScale(in.Impact, riceImpacts) {
		e.Add(path(prefix, "impact"), ruleScale, "3 2 1 0.5 0.25", "must be on Intercom's scale 3, 2, 1, 0.5 or 0.25")
	}
	if in.Effort.IsZero() {
		e.Add(path(prefix, "effort"), ruleNonZero, "", ruleZeroMessage)
	}
	if opts.Variant > RICELenient {
		e.Add("variant", "oneof", "strict lenient", "must be strict or lenient")
	}
}

// RICE scores reach × impact × confidence ÷ effort exactly.
func RICE(in RICEInput, opts RICEOptions) (Score, error) {
	// The allocation-free check accepts only valid inputs; anything else (invalid, or too
	// large for 64-bit arithmetic) goes through the full validation.
	if _, _, ok := riceFast(&in, opts.Variant); !ok {
		if err := in.ValidateWith(opts); err != nil {
			return Score{}, err
		}
	}
	num := in.Reach.Mul(in.Impact).Mul(in.Confidence)
	exact := ratio(num, in.Effort)
	var notes []string
	if in.Confidence.LessThan(halfConf) {
		notes = append(notes, "confidence below 50%: a moonshot in Intercom's terms")
	}
	formula := in.Reach.String() + " × " + in.Impact.String() + " × " + in.Confidence.String() + " ÷ " + in.Effort.String()
	s := newScore(in.ID, FrameworkRICE, opts.Variant.String(), exact, formula, []Factor{
		mulFactor("reach", in.Reach), mulFactor("impact", in.Impact),
		mulFactor("confidence", in.Confidence), divFactor("effort", in.Effort),
	}, notes)
	if notes != nil {
		s.Caveats = []Caveat{CaveatMoonshot}
	}
	return s, nil
}

// RICEFromFloat builds a RICEInput from float64 values, rejecting NaN and ±Inf by field.
// Confidence is a fraction in [0, 1], as in RICEInput (0.8 for 80%; Percent converts a
// percentage): a confidence above 1 is an error here, never read as percent. Each float
// converts to the shortest decimal that prints the same, so 0.1 becomes exactly 0.1. The
// result still needs RICE's checks.
func RICEFromFloat(id ItemID, reach, impact, confidence, effort float64) (RICEInput, error) {
	e := validation.New("prioritize: rice input")
	conv := func(name string, f float64) decimal.Decimal {
		if !validation.Finite(f) {
			e.Add(name, ruleFinite, "", "must be a finite number, not NaN or infinity")
			return decimal.Decimal{}
		}
		return decimal.NewFromFloat(f)
	}
	in := RICEInput{ID: id, Reach: conv("reach", reach), Impact: conv("impact", impact), Effort: conv("effort", effort)}
	in.Confidence = conv("confidence", confidence)
	if validation.Finite(confidence) && (confidence < 0 || confidence > 1) {
		e.Add("confidence", "range", "[0,1]", "must be a fraction from 0 to 1 (0.8 for 80%; Percent converts a percentage)")
	}
	if e.Len() > 0 {
		return RICEInput{}, e.Err()
	}
	return in, nil
}

// ruleZeroMessage explains a zero divisor.
const ruleZeroMessage = "must not be zero (division by zero)"

// maxExponent is validation.MaxDecimalExponent, for the allocation-free checks.
const maxExponent = validation.MaxDecimalExponent

// bounded records an error, and returns false, when d has more than 40 digits or an
// exponent beyond ±40 (validation.DecimalBounded). Hand-written checks call it before any
// comparison or arithmetic on d; struct fields get the same check from the "dbound" tag.
func bounded(e *validation.Errors, prefix, name string, d decimal.Decimal) bool {
	if validation.DecimalBounded(d) {
		return true
	}
	e.Add(path(prefix, name), ruleBound, "", "must have at most 40 digits and an exponent within ±40")
	return false
}

// onScale reports whether d equals one of the scale's points.
func onScale(d decimal.Decimal, scale []decimal.Decimal) bool {
	for _, s := range scale {
		if d.Equal(s) {
			return true
		}
	}
	return false
}

// path joins a JSON path prefix and a field name.
func path(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// index formats a JSON path element such as "items[3]".
func index(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }

func itoa(i int) string { return strconv.Itoa(i) }

// quote quotes an ID for a message, truncated to 64 runes.
func quote(id ItemID) string { return strconv.Quote(validation.Truncate(string(id))) }
