package prioritize

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
)

// ItemID identifies a backlog item. IDs are compared byte-wise ("FEAT-10" < "FEAT-9"); that
// comparison is the last tie-break of every ordering in this package.
type ItemID string

// Framework names the scoring method that produced a Score.
type Framework uint8

// Frameworks. The zero value is FrameworkRICE.
const (
	FrameworkRICE        Framework = iota // reach × impact × confidence ÷ effort (Intercom)
	FrameworkICE                          // impact, confidence, ease (GrowthHackers)
	FrameworkWSJF                         // cost of delay ÷ job size (SAFe)
	FrameworkCD3                          // cost of delay ÷ duration (Black Swan Farming)
	FrameworkWeighted                     // weighted scorecard
	FrameworkOpportunity                  // outcome-driven opportunity score (Ulwick)
)

var frameworkSet = enum.Set[Framework]{Subject: "prioritize: framework", Kind: "framework", Names: []string{"rice", "ice", "wsjf", "cd3", "weighted", "opportunity"}}

// String returns the lowercase name: "rice", "ice", "wsjf", "cd3", "weighted", "opportunity".
func (f Framework) String() string { return frameworkSet.String(f) }

// MarshalText encodes the name given by String.
func (f Framework) MarshalText() ([]byte, error) { return frameworkSet.Marshal(f) }

// UnmarshalText decodes a name given by String.
func (f *Framework) UnmarshalText(b []byte) error {
	return frameworkSet.Unmarshal(f, b)
}

// Op says how a factor enters a score's formula.
type Op uint8

// Operations. The zero value is OpMultiply.
const (
	OpMultiply Op = iota // the factor multiplies the score
	OpDivide             // the score is divided by the factor (effort, job size, duration)
	OpAdd                // the factor's contribution is added (weighted sums, CoD parts)
	OpSubtract           // the factor's contribution is subtracted
)

var opSet = enum.Set[Op]{Subject: "prioritize: op", Kind: "op", Names: []string{"multiply", "divide", "add", "subtract"}}

// String returns "multiply", "divide", "add" or "subtract".
func (o Op) String() string { return opSet.String(o) }

// MarshalText encodes the name given by String.
func (o Op) MarshalText() ([]byte, error) { return opSet.Marshal(o) }

// UnmarshalText decodes a name given by String.
func (o *Op) UnmarshalText(b []byte) error { return opSet.Unmarshal(o, b) }

func (o Op) symbol() string { return [...]string{"×", "÷", "+", "−"}[o&3] }

// Factor is one input's part in a score.
type Factor struct {
	// Name is the input's name, such as "reach" or a scorecard criterion's name.
	Name string `json:"name"`
	// Input is the value as given.
	Input decimal.Decimal `json:"input"`
	// Value is the value that enters the formula after normalization or direction handling
	// (equal to Input for frameworks that use inputs as given; rounded to DisplayScale
	// places when the exact value does not terminate).
	Value decimal.Decimal `json:"value"`
	// Weight is the factor's weight; 1 for unweighted frameworks.
	Weight decimal.Decimal `json:"weight"`
	// Op says how the factor enters the formula.
	Op Op `json:"op"`
	// Contribution is Weight × Value for additive formulas (OpAdd, OpSubtract, reported as
	// a positive amount for OpSubtract); zero for multiplicative ones.
	Contribution decimal.Decimal `json:"contribution"`
}

// Score is the value of one item under one framework with everything needed to explain it.
// It marshals to JSON directly (decimals and the exact fraction as strings) and to text with
// Explain. A Score is a value: safe to copy and to share between goroutines.
type Score struct {
	// ID is the scored item.
	ID ItemID `json:"id"`
	// Framework and Variant name the method, e.g. rice/strict or ice/product.
	Framework Framework `json:"framework"`
	Variant   string    `json:"variant"` // e.g. "strict", "product", "normalize_columns/fibonacci"
	// Exact is the score as a reduced fraction; ranking compares it.
	Exact Fraction `json:"exact"`
	// Value is Exact rounded half away from zero to DisplayScale places, for display only.
	Value decimal.Decimal `json:"value"`
	// Formula is the formula instance with the numbers used, e.g. "500 × 3 × 0.8 ÷ 1 = 1200".
	Formula string `json:"formula"`
	// Factors lists every input in formula order.
	Factors []Factor `json:"factors"`
	// Notes carry caveats in words, such as "confidence below 50%: a moonshot" or the
	// reference set of a relative normalization; Caveats has the same as typed values.
	Notes []string `json:"notes,omitempty"`
	// Caveats are the typed caveats of the notes, for a program to branch on.
	Caveats []Caveat `json:"caveats,omitempty"`
	// Band is the Strategyn band of an opportunity score (BandNone for other frameworks).
	Band OpportunityBand `json:"band,omitempty"`
}

// Caveat is a typed warning attached to a Score.
type Caveat uint8

// Caveats.
const (
	// CaveatMoonshot: a RICE confidence below 50%, "a moonshot" in Intercom's terms.
	CaveatMoonshot Caveat = iota
	// CaveatOverserved: an opportunity whose satisfaction exceeds its importance; under
	// OpportunityFloor its gap is floored at 0.
	CaveatOverserved
	// CaveatRelative: the score depends on the other items scored with it (WSJF column
	// normalization; min-max, rank or JPD normalization of a scorecard).
	CaveatRelative
)

var caveatSet = enum.Set[Caveat]{Subject: "prioritize: caveat", Kind: "caveat", Names: []string{"moonshot", "overserved", "relative"}}

// String returns "moonshot", "overserved" or "relative".
func (c Caveat) String() string { return caveatSet.String(c) }

// MarshalText encodes the name given by String.
func (c Caveat) MarshalText() ([]byte, error) { return caveatSet.Marshal(c) }

// UnmarshalText decodes a name given by String.
func (c *Caveat) UnmarshalText(b []byte) error { return caveatSet.Unmarshal(c, b) }

// String returns the exact score, as Fraction.String does ("1280/3", "750"); Explain gives
// the whole explanation.
func (s Score) String() string { return s.Exact.String() }

// Explain renders the score as a few lines of text: a heading, the formula instance, one
// aligned line per factor and the notes.
//
//	rice/strict A: 1200
//	  500 × 3 × 0.8 ÷ 1 = 1200
//	  reach       500  ×
//	  ...
func (s Score) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s/%s %s: %s\n", s.Framework, s.Variant, s.ID, s.Value)
	fmt.Fprintf(&b, "  %s\n", s.Formula)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, f := range s.Factors {
		switch f.Op {
		case OpAdd, OpSubtract:
			fmt.Fprintf(tw, "  %s\t%s\t%s\tweight %s\t%s %s\n", f.Name, f.Input, f.Value, f.Weight, f.Op.symbol(), f.Contribution)
		default:
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", f.Name, f.Input, f.Op.symbol())
		}
	}
	tw.Flush()
	if s.Band != BandNone {
		fmt.Fprintf(&b, "  band: %s\n", s.Band)
	}
	for _, n := range s.Notes {
		fmt.Fprintf(&b, "  note: %s\n", n)
	}
	return b.String()
}

// newScore fills the exact value, the display value and the formula's result.
func newScore(id ItemID, fw Framework, variant string, exact Fraction, formula string, factors []Factor, notes []string) Score {
	v := exact.Decimal(DisplayScale)
	return Score{
		ID: id, Framework: fw, Variant: variant, Exact: exact, Value: v,
		Formula: formula + " = " + fracTextOf(exact, v), Factors: factors, Notes: notes,
	}
}

// term shows a fraction inside a formula: a decimal when it terminates within DisplayScale
// places, else "num/den".
func term(f Fraction) string {
	if f.terminates() {
		return f.Decimal(DisplayScale).String()
	}
	return f.String()
}

// fracTextOf shows a fraction whose rounded value is d: the decimal when the fraction
// terminates within DisplayScale places, else "num/den ≈ decimal".
func fracTextOf(f Fraction, d decimal.Decimal) string {
	if f.terminates() {
		return d.String()
	}
	return f.String() + " ≈ " + d.String()
}

var one = decimal.NewFromInt(1)

// mulFactor and divFactor build factors of multiplicative formulas.
func mulFactor(name string, v decimal.Decimal) Factor {
	return Factor{Name: name, Input: v, Value: v, Weight: one, Op: OpMultiply}
}

func divFactor(name string, v decimal.Decimal) Factor {
	return Factor{Name: name, Input: v, Value: v, Weight: one, Op: OpDivide}
}

func addFactor(name string, v decimal.Decimal) Factor {
	return Factor{Name: name, Input: v, Value: v, Weight: one, Op: OpAdd, Contribution: v}
}
