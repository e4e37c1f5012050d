package prioritize

import (
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// MoSCoW is a DSDM priority category. It is a category, not a score.
type MoSCoW uint8

// MoSCoW categories. The zero value is Must.
const (
	Must   MoSCoW = iota // Must Have: the minimum usable subset the timeframe guarantees
	Should               // Should Have: important, painful to leave out, a workaround exists
	Could                // Could Have: desirable; the contingency, first to drop
	Wont                 // Won't Have this time: out of scope for the timeframe
)

var moscowSet = enum.Set[MoSCoW]{Subject: "prioritize: moscow", Kind: "moscow", Names: []string{"must", "should", "could", "wont"},
	Aliases: map[string]MoSCoW{"must have": Must, "should have": Should, "could have": Could, "won't": Wont, "won't have": Wont, "wont have": Wont}}

// String returns "must", "should", "could" or "wont".
func (m MoSCoW) String() string { return moscowSet.String(m) }

// MarshalText encodes the name given by String.
func (m MoSCoW) MarshalText() ([]byte, error) { return moscowSet.Marshal(m) }

// UnmarshalText decodes a name given by String.
func (m *MoSCoW) UnmarshalText(b []byte) error { return moscowSet.Unmarshal(m, b) }

// MoSCoWItem is one item of a timeframe with its category and effort.
type MoSCoWItem struct {
	// ID names the item; required and unique in a batch.
	ID ItemID `json:"id" validate:"required"`
	// Category is the item's MoSCoW category.
	Category MoSCoW `json:"category" validate:"lte=3"`
	// Effort is the item's estimated effort in any unit shared by the batch, ≥ 0.
	Effort decimal.Decimal `json:"effort" validate:"dbound,dgte=0"`
}

// MoSCoWOptions configures CheckMoSCoW. The zero value is DSDM's guidance.
type MoSCoWOptions struct {
	// MaxMustShare is the largest passing share of Must effort in the capacity, inclusive
	// ("no more than"); zero means 0.6 (DSDM's 60%). Must be in (0, 1].
	MaxMustShare decimal.Decimal `json:"max_must_share"`
	// Capacity is the timeframe's total effort; zero means the sum of the Must, Should and
	// Could efforts (Won't items are outside the timeframe and never count).
	Capacity decimal.Decimal `json:"capacity"`
}

// MoSCoWReport is the effort-share check of one timeframe.
type MoSCoWReport struct {
	// Capacity is the denominator of every share (see MoSCoWOptions.Capacity).
	Capacity decimal.Decimal `json:"capacity"`
	// Effort per category (Won't included for information only).
	Must   decimal.Decimal `json:"must"`
	Should decimal.Decimal `json:"should"` // Should Have effort
	Could  decimal.Decimal `json:"could"`  // Could Have effort
	Wont   decimal.Decimal `json:"wont"`   // Won't Have effort, outside every share
	// MustShare, ShouldShare and CouldShare are effort ÷ Capacity; undefined when the
	// capacity is zero.
	MustShare   Ratio `json:"must_share"`
	ShouldShare Ratio `json:"should_share"` // Should ÷ Capacity
	CouldShare  Ratio `json:"could_share"`  // Could ÷ Capacity, DSDM advises about 20%
	// MaxMustShare is the limit applied.
	MaxMustShare decimal.Decimal `json:"max_must_share"`
	// Pass is true when MustShare ≤ MaxMustShare (false when undefined).
	Pass bool `json:"pass"`
	// CouldBelowAdvice is true when CouldShare is below DSDM's advised ~20% contingency
	// (advisory: it does not affect Pass).
	CouldBelowAdvice bool `json:"could_below_advice"`
	// Notes explain a failure and give DSDM's advisory ~20% Could contingency.
	Notes []string `json:"notes,omitempty"`
}

var (
	defaultMustShare = decimal.New(6, -1)
	adviseCould      = decimal.New(2, -1)
)

// CheckMoSCoW computes effort shares per category and checks Musts against the limit
// (by default at most 60% of the timeframe's effort, per the DSDM handbook). Shares are of
// effort, never of item counts. Errors name items[i]; duplicate IDs are ErrDuplicateID.
func CheckMoSCoW(items []MoSCoWItem, opts MoSCoWOptions) (MoSCoWReport, error) {
	e := validation.New("prioritize: moscow items")
	ids := make([]ItemID, len(items))
	for i, it := range items {
		p := index("items", i)
		e.Struct(p, it)
		ids[i] = it.ID
	}
	uniqueIDs(e, "items", ids)
	limit := opts.MaxMustShare
	if limit.IsZero() {
		limit = defaultMustShare
	} else if bounded(e, "", "max_must_share", limit) && (limit.Sign() < 0 || limit.GreaterThan(one)) {
		e.Add("max_must_share", "range", "(0,1]", "must be greater than 0 and at most 1")
	}
	if bounded(e, "", "capacity", opts.Capacity) && opts.Capacity.Sign() < 0 {
		e.Add("capacity", "dgte", "0", "must be at least 0")
	}
	if err := withSentinels(e); err != nil {
		return MoSCoWReport{}, err
	}
	var sums [4]decimal.Decimal
	for i := range sums {
		sums[i] = decimal.Zero
	}
	for _, it := range items {
		sums[it.Category] = sums[it.Category].Add(it.Effort)
	}
	r := MoSCoWReport{Must: sums[Must], Should: sums[Should], Could: sums[Could], Wont: sums[Wont], MaxMustShare: limit}
	r.Capacity = opts.Capacity
	if r.Capacity.IsZero() {
		r.Capacity = sums[Must].Add(sums[Should]).Add(sums[Could])
	}
	share := func(d decimal.Decimal) Ratio {
		if r.Capacity.IsZero() {
			return Ratio{}
		}
		return newRatio(ratio(d, r.Capacity))
	}
	r.MustShare, r.ShouldShare, r.CouldShare = share(r.Must), share(r.Should), share(r.Could)
	if !r.MustShare.Defined {
		r.Notes = append(r.Notes, "no effort in the timeframe: shares are undefined")
		return r, nil
	}
	r.Pass = r.MustShare.Exact.Cmp(fracOf(limit)) <= 0
	if !r.Pass {
		r.Notes = append(r.Notes, "must effort "+r.MustShare.Value.Shift(2).String()+"% of capacity exceeds "+limit.Shift(2).String()+"%")
	}
	if r.CouldShare.Exact.Cmp(fracOf(adviseCould)) < 0 {
		r.CouldBelowAdvice = true
		r.Notes = append(r.Notes, "could effort below DSDM's advised ~20% contingency")
	}
	return r, nil
}
