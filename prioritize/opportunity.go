package prioritize

import (
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// OpportunityVariant selects whether the satisfaction gap may go negative.
type OpportunityVariant uint8

// Opportunity variants. The zero value, OpportunityFloor, is Ulwick's published formula.
const (
	// OpportunityFloor is importance + max(importance − satisfaction, 0): overserved
	// outcomes score their importance.
	OpportunityFloor OpportunityVariant = iota
	// OpportunityNoFloor is importance + (importance − satisfaction), as some tools publish
	// it: overserved outcomes score below their importance.
	OpportunityNoFloor
)

var opportunityVariantSet = enum.Set[OpportunityVariant]{Subject: "prioritize: opportunity variant", Kind: "opportunity variant", Names: []string{"floor", "no_floor"}}

// String returns "floor" or "no_floor".
func (v OpportunityVariant) String() string {
	return opportunityVariantSet.String(v)
}

// MarshalText encodes the name given by String.
func (v OpportunityVariant) MarshalText() ([]byte, error) {
	return opportunityVariantSet.Marshal(v)
}

// UnmarshalText decodes a name given by String.
func (v *OpportunityVariant) UnmarshalText(b []byte) error {
	return opportunityVariantSet.Unmarshal(v, b)
}

// OpportunityBand is Strategyn's reading of an opportunity score (as restated by
// innovatenow.app): above 15 extreme, 12 to 15 high ("low-hanging fruit"), 10 to 12 worth
// considering, below 10 unattractive. The sources leave the boundaries' sides open; here
// 15 is high, 12 is high and 10 is worth considering (each boundary goes to the band
// above it, except 15, which "above 15" excludes).
type OpportunityBand uint8

// Opportunity bands. The zero value, BandNone, marks a score of another framework.
const (
	BandNone             OpportunityBand = iota // not an opportunity score
	BandUnattractive                            // below 10
	BandWorthConsidering                        // 10 to below 12
	BandHigh                                    // 12 to 15
	BandExtreme                                 // above 15
)

var opportunityBandSet = enum.Set[OpportunityBand]{Subject: "prioritize: opportunity band", Kind: "opportunity band",
	Names: []string{"none", "unattractive", "worth_considering", "high", "extreme"}}

// String returns "none", "unattractive", "worth_considering", "high" or "extreme".
func (b OpportunityBand) String() string { return opportunityBandSet.String(b) }

// MarshalText encodes the name given by String.
func (b OpportunityBand) MarshalText() ([]byte, error) { return opportunityBandSet.Marshal(b) }

// UnmarshalText decodes a name given by String.
func (b *OpportunityBand) UnmarshalText(t []byte) error { return opportunityBandSet.Unmarshal(b, t) }

// OpportunityBandOf returns the band of an opportunity score.
func OpportunityBandOf(score Fraction) OpportunityBand {
	switch {
	case score.Cmp(intF(15)) > 0:
		return BandExtreme
	case score.Cmp(intF(12)) >= 0:
		return BandHigh
	case score.Cmp(intF(10)) >= 0:
		return BandWorthConsidering
	}
	return BandUnattractive
}

// OpportunityInput is one desired outcome's importance and satisfaction on Ulwick's 0–10
// scale: the top-two-box share (answers 4 or 5 on a 1–5 scale) as a percentage divided by
// 10. TopTwoBox computes it from raw answers.
type OpportunityInput struct {
	// ID names the outcome; required.
	ID ItemID `json:"id" validate:"required"`
	// Importance is in [0, 10].
	Importance decimal.Decimal `json:"importance" validate:"dbound,dgte=0,dlte=10"`
	// Satisfaction is in [0, 10].
	Satisfaction decimal.Decimal `json:"satisfaction" validate:"dbound,dgte=0,dlte=10"`
}

// OpportunityOptions configures Opportunity. The zero value is OpportunityFloor.
type OpportunityOptions struct {
	// Variant selects the floor; zero is OpportunityFloor.
	Variant OpportunityVariant `json:"variant"`
}

// Validate reports every bad field as a *productops.ValidationError.
func (in OpportunityInput) Validate() error {
	e := validation.New("prioritize: opportunity input")
	e.Struct("", in)
	return e.Err()
}

// Opportunity scores importance + max(importance − satisfaction, 0) (Ulwick), in [0, 20]
// (OpportunityNoFloor drops the max). Score.Band is Strategyn's band (see
// OpportunityBand); an overserved outcome carries CaveatOverserved.
func Opportunity(in OpportunityInput, opts OpportunityOptions) (Score, error) {
	err := in.Validate()
	if err == nil && opts.Variant > OpportunityNoFloor {
		e := validation.New("prioritize: opportunity input")
		e.Add("variant", "oneof", "floor no_floor", "must be floor or no_floor")
		err = e.Err()
	}
	if err != nil {
		return Score{}, err
	}
	return opportunity(in.ID, fracOf(in.Importance), fracOf(in.Satisfaction), in.Importance, in.Satisfaction, opts), nil
}

// OpportunityFromAnswers scores one outcome from raw 1–5 answers: importance and
// satisfaction are each the top-two-box share (answers 4 or 5) times 10, kept exact, so
// the score is exact even when the shares do not terminate (1/3 of answers is 10/3). The
// factors show the shares rounded to DisplayScale places. Errors name importance[i] or
// satisfaction[i].
func OpportunityFromAnswers(id ItemID, importance, satisfaction []int, opts OpportunityOptions) (Score, error) {
	e := validation.New("prioritize: opportunity answers")
	if id == "" {
		e.Add("id", "required", "", "is required")
	}
	imp := topTwo(e, "importance", importance)
	sat := topTwo(e, "satisfaction", satisfaction)
	if opts.Variant > OpportunityNoFloor {
		e.Add("variant", "oneof", "floor no_floor", "must be floor or no_floor")
	}
	if err := e.Err(); err != nil {
		return Score{}, err
	}
	return opportunity(id, imp, sat, imp.Decimal(DisplayScale), sat.Decimal(DisplayScale), opts), nil
}

// opportunity computes the score from exact importance and satisfaction; impD and satD are
// their displayed values.
func opportunity(id ItemID, imp, sat Fraction, impD, satD decimal.Decimal, opts OpportunityOptions) Score {
	gap := subF(imp, sat)
	formula := term(imp) + " + (" + term(imp) + " − " + term(sat) + ")"
	var notes []string
	var caveats []Caveat
	if gap.Sign() < 0 {
		caveats = append(caveats, CaveatOverserved)
		if opts.Variant == OpportunityFloor {
			notes = append(notes, "overserved: satisfaction exceeds importance, gap floored at 0")
		} else {
			notes = append(notes, "overserved: satisfaction exceeds importance, score below importance")
		}
	}
	if opts.Variant == OpportunityFloor {
		formula = term(imp) + " + max(" + term(imp) + " − " + term(sat) + ", 0)"
		if gap.Sign() < 0 {
			gap = Fraction{}
		}
	}
	exact := addF(imp, gap)
	impF := addFactor("importance", impD)
	impF.Value, impF.Contribution = imp.Decimal(DisplayScale), imp.Decimal(DisplayScale)
	// The second term: the satisfaction gap, with satisfaction as its input.
	gd := gap.Decimal(DisplayScale)
	g := Factor{Name: "satisfaction_gap", Input: satD, Value: gd, Weight: one, Op: OpAdd, Contribution: gd}
	if gap.Sign() < 0 {
		g.Op, g.Value, g.Contribution = OpSubtract, gd.Neg(), gd.Neg()
	}
	s := newScore(id, FrameworkOpportunity, opts.Variant.String(), exact, formula, []Factor{impF, g}, notes)
	s.Caveats, s.Band = caveats, OpportunityBandOf(exact)
	return s
}

// TopTwoBox converts 1–5 answers to Ulwick's 0–10 scale: the share of answers 4 or 5
// times 10, rounded half away from zero to DisplayScale places. It returns an error for no
// answers or an answer outside 1–5.
func TopTwoBox(answers []int) (decimal.Decimal, error) {
	e := validation.New("prioritize: top-two-box answers")
	f := topTwo(e, "answers", answers)
	if err := e.Err(); err != nil {
		return decimal.Decimal{}, err
	}
	return f.Decimal(DisplayScale), nil
}

// topTwo returns 10 × the share of answers 4 or 5, exactly, recording bad answers.
func topTwo(e *validation.Errors, name string, answers []int) Fraction {
	if len(answers) == 0 {
		e.Add(name, "required", "", "needs at least one answer")
		return Fraction{}
	}
	top := 0
	for i, a := range answers {
		switch {
		case a < 1 || a > 5:
			e.Add(index(name, i), "oneof", "1 2 3 4 5", "must be an answer from 1 to 5")
		case a >= 4:
			top++
		}
	}
	return reduceInts(int64(top)*10, int64(len(answers)))
}
