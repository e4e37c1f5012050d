package prioritize

import (
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// WSJFVariant selects whether WSJF uses its inputs as given or rescales them per column.
type WSJFVariant uint8

// WSJF variants. The zero value, WSJFRelative, is the default.
const (
	// WSJFRelative uses the inputs as given: the team already estimated each column
	// relative to its smallest item (SAFe's rule), so scores compare within one session only.
	WSJFRelative WSJFVariant = iota
	// WSJFNormalizeColumns divides each of the four columns by its minimum over the batch,
	// so every column's smallest item becomes 1. Adding or removing an item can change every
	// score; the notes name the reference set. It generally ranks differently from
	// WSJFRelative because the three cost-of-delay columns are summed.
	WSJFNormalizeColumns
)

var wsjfVariantSet = enum.Set[WSJFVariant]{Subject: "prioritize: wsjf variant", Kind: "wsjf variant", Names: []string{"relative", "normalize_columns"}}

// String returns "relative" or "normalize_columns".
func (v WSJFVariant) String() string { return wsjfVariantSet.String(v) }

// MarshalText encodes the name given by String.
func (v WSJFVariant) MarshalText() ([]byte, error) {
	return wsjfVariantSet.Marshal(v)
}

// UnmarshalText decodes a name given by String.
func (v *WSJFVariant) UnmarshalText(b []byte) error {
	return wsjfVariantSet.Unmarshal(v, b)
}

// WSJFScale is the set of values WSJF accepts for each of its four inputs.
type WSJFScale uint8

// WSJF scales. The zero value, WSJFFibonacci, is the default.
const (
	// WSJFFibonacci is SAFe's modified Fibonacci scale 1, 2, 3, 5, 8, 13, 20.
	WSJFFibonacci WSJFScale = iota
	// WSJFFibonacci21 is the 1, 2, 3, 5, 8, 13, 21 variant some tools (Ducalis) use.
	WSJFFibonacci21
	// WSJFAnyPositive accepts any value > 0 (raw estimates, e.g. before column normalization).
	WSJFAnyPositive
)

var wsjfScaleSet = enum.Set[WSJFScale]{Subject: "prioritize: wsjf scale", Kind: "wsjf scale", Names: []string{"fibonacci", "fibonacci_21", "any_positive"}}

// String returns "fibonacci", "fibonacci_21" or "any_positive".
func (s WSJFScale) String() string { return wsjfScaleSet.String(s) }

// MarshalText encodes the name given by String.
func (s WSJFScale) MarshalText() ([]byte, error) {
	return wsjfScaleSet.Marshal(s)
}

// UnmarshalText decodes a name given by String.
func (s *WSJFScale) UnmarshalText(b []byte) error {
	return wsjfScaleSet.Unmarshal(s, b)
}

func fib(last int64) []decimal.Decimal {
	out := []decimal.Decimal{}
	for _, v := range []int64{1, 2, 3, 5, 8, 13, last} {
		out = append(out, decimal.NewFromInt(v))
	}
	return out
}

var (
	wsjfFib   = fib(20)
	wsjfFib21 = fib(21)
)

// WSJFInput is one item's WSJF estimate (SAFe). Cost of delay is the sum of the first three.
type WSJFInput struct {
	// ID names the item; required.
	ID ItemID `json:"id" validate:"required"`
	// UserBusinessValue is the relative user and business value.
	UserBusinessValue decimal.Decimal `json:"user_business_value" validate:"dbound"`
	// TimeCriticality is the relative time criticality.
	TimeCriticality decimal.Decimal `json:"time_criticality" validate:"dbound"`
	// RiskReduction is the relative risk reduction and/or opportunity enablement (RR|OE).
	RiskReduction decimal.Decimal `json:"risk_reduction" validate:"dbound"`
	// JobSize is the relative size (a proxy for duration); zero is ErrZeroEffort.
	JobSize decimal.Decimal `json:"job_size" validate:"dbound"`
}

// WSJFOptions configures WSJF. The zero value uses inputs as given on SAFe's scale.
type WSJFOptions struct {
	// Variant selects relative (default) or column-normalized scoring.
	Variant WSJFVariant `json:"variant"`
	// Scale is the accepted input scale; zero is WSJFFibonacci.
	Scale WSJFScale `json:"scale"`
}

// Validate checks the input on SAFe's default scale (see WSJFOptions).
func (in WSJFInput) Validate() error {
	e := validation.New("prioritize: wsjf input")
	in.check(e, "", WSJFOptions{})
	return withSentinels(e)
}

func (in WSJFInput) fields() [4]decimal.Decimal {
	return [4]decimal.Decimal{in.UserBusinessValue, in.TimeCriticality, in.RiskReduction, in.JobSize}
}

var wsjfFieldNames = [4]string{"user_business_value", "time_criticality", "risk_reduction", "job_size"}

func (in WSJFInput) check(e *validation.Errors, prefix string, opts WSJFOptions) {
	e.Struct(prefix, in)
	for i, v := range in.fields() {
		name := wsjfFieldNames[i]
		switch {
		case !validation.DecimalBounded(v):
			// Reported by the dbound tag; never compared.
		case i == 3 && v.IsZero():
			e.Add(path(prefix, name), ruleNonZero, "", ruleZeroMessage)
		case opts.Scale == WSJFFibonacci && !onScale(v, wsjfFib):
			e.Add(path(prefix, name), ruleScale, "1 2 3 5 8 13 20", "must be on the modified Fibonacci scale 1, 2, 3, 5, 8, 13, 20")
		case opts.Scale == WSJFFibonacci21 && !onScale(v, wsjfFib21):
			e.Add(path(prefix, name), ruleScale, "1 2 3 5 8 13 21", "must be on the Fibonacci scale 1, 2, 3, 5, 8, 13, 21")
		case opts.Scale >= WSJFAnyPositive && v.Sign() <= 0:
			e.Add(path(prefix, name), "dgt", "0", "must be greater than 0")
		}
	}
}

// WSJF scores one item: (user-business value + time criticality + RR|OE) ÷ job size. Under
// WSJFNormalizeColumns a single item is its own reference set (every column becomes 1).
func WSJF(in WSJFInput, opts WSJFOptions) (Score, error) {
	s, err := WSJFBatch([]WSJFInput{in}, opts)
	if err != nil {
		return Score{}, err
	}
	return s[0], nil
}

// WSJFBatch scores items estimated in one session, in input order. Under
// WSJFNormalizeColumns each column is divided by its minimum over items first. Errors name
// items[i] and every bad field; duplicate IDs are ErrDuplicateID.
func WSJFBatch(items []WSJFInput, opts WSJFOptions) ([]Score, error) {
	e := validation.New("prioritize: wsjf input")
	if opts.Variant > WSJFNormalizeColumns {
		e.Add("variant", "oneof", "relative normalize_columns", "must be relative or normalize_columns")
	}
	if opts.Scale > WSJFAnyPositive {
		e.Add("scale", "oneof", "fibonacci fibonacci_21 any_positive", "must be fibonacci, fibonacci_21 or any_positive")
	}
	ids := make([]ItemID, len(items))
	for i, in := range items {
		prefix := ""
		if len(items) > 1 {
			prefix = index("items", i)
		}
		in.check(e, prefix, opts)
		ids[i] = in.ID
	}
	uniqueIDs(e, "items", ids)
	if err := withSentinels(e); err != nil {
		return nil, err
	}
	mins := [4]decimal.Decimal{}
	if opts.Variant == WSJFNormalizeColumns {
		for i, in := range items {
			for k, v := range in.fields() {
				if i == 0 || v.LessThan(mins[k]) {
					mins[k] = v
				}
			}
		}
	}
	out := make([]Score, len(items))
	for i, in := range items {
		f := in.fields()
		var fr [4]Fraction
		factors := make([]Factor, 4)
		for k, v := range f {
			if opts.Variant == WSJFNormalizeColumns {
				fr[k] = ratio(v, mins[k])
			} else {
				fr[k] = fracOf(v)
			}
			factors[k] = addFactor(wsjfFieldNames[k], v)
			factors[k].Value = fr[k].Decimal(DisplayScale)
			factors[k].Contribution = factors[k].Value
		}
		factors[3].Op, factors[3].Contribution = OpDivide, decimal.Zero
		cod := addF(addF(fr[0], fr[1]), fr[2])
		exact := quoF(cod, fr[3])
		formula := "(" + term(fr[0]) + " + " + term(fr[1]) + " + " + term(fr[2]) + ") ÷ " + term(fr[3])
		var notes []string
		if opts.Variant == WSJFNormalizeColumns {
			notes = append(notes, "columns divided by their minimum over "+itoa(len(items))+" items (user_business_value "+
				mins[0].String()+", time_criticality "+mins[1].String()+", risk_reduction "+mins[2].String()+", job_size "+mins[3].String()+")")
		}
		out[i] = newScore(in.ID, FrameworkWSJF, opts.Variant.String()+"/"+opts.Scale.String(), exact, formula, factors, notes)
		if notes != nil {
			out[i].Caveats = []Caveat{CaveatRelative}
		}
	}
	return out, nil
}

// uniqueIDs records a "unique" failure for every repeated ID of the list called name,
// naming both positions.
func uniqueIDs(e *validation.Errors, name string, ids []ItemID) {
	seen := make(map[ItemID]int, len(ids))
	for i, id := range ids {
		if j, ok := seen[id]; ok {
			e.Add(index(name, i)+".id", ruleUnique, "", "duplicate id "+quote(id)+" (also "+index(name, j)+")")
			continue
		}
		seen[id] = i
	}
}
