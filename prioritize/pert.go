package prioritize

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// ThreePoint is a three-point estimate: Optimistic ≤ MostLikely ≤ Pessimistic.
type ThreePoint struct {
	// Optimistic is the best case, ≥ 0 (> 0 when used as an effort).
	Optimistic decimal.Decimal `json:"optimistic" validate:"dbound,dgte=0"`
	// MostLikely is the mode.
	MostLikely decimal.Decimal `json:"most_likely" validate:"dbound,dgte=0"`
	// Pessimistic is the worst case.
	Pessimistic decimal.Decimal `json:"pessimistic" validate:"dbound,dgte=0"`
}

func (t ThreePoint) check(e *validation.Errors, prefix string) {
	e.Struct(prefix, t)
	if !validation.DecimalBounded(t.Optimistic) || !validation.DecimalBounded(t.MostLikely) || !validation.DecimalBounded(t.Pessimistic) {
		return // reported by the dbound tag; never compared
	}
	if t.MostLikely.LessThan(t.Optimistic) {
		e.Add(path(prefix, "most_likely"), "gtefield", "optimistic", "must be at least optimistic")
	}
	if t.Pessimistic.LessThan(t.MostLikely) {
		e.Add(path(prefix, "pessimistic"), "gtefield", "most_likely", "must be at least most_likely")
	}
}

// Validate reports every bad field as a *productops.ValidationError.
func (t ThreePoint) Validate() error {
	e := validation.New("prioritize: three-point estimate")
	t.check(e, "")
	return e.Err()
}

// PERTEstimate is the PERT summary of a three-point estimate.
type PERTEstimate struct {
	// Mean is (O + 4M + P) ÷ 6, exact; MeanValue is it rounded to DisplayScale places.
	Mean      Fraction        `json:"mean"`
	MeanValue decimal.Decimal `json:"mean_value"` // Mean rounded for display
	// StdDev is (P − O) ÷ 6, exact; StdDevValue is it rounded to DisplayScale places.
	StdDev      Fraction        `json:"std_dev"`
	StdDevValue decimal.Decimal `json:"std_dev_value"` // StdDev rounded for display
}

// PERT summarizes a three-point estimate: mean (O + 4M + P) ÷ 6 and standard deviation
// (P − O) ÷ 6. Plugging the mean effort into a ratio score understates the expected score
// (E[v/effort] > v/E[effort]); SimulateRanks samples instead.
func PERT(t ThreePoint) (PERTEstimate, error) {
	if err := t.Validate(); err != nil {
		return PERTEstimate{}, err
	}
	six := decimal.NewFromInt(6)
	m := ratio(t.Optimistic.Add(t.MostLikely.Mul(decimal.NewFromInt(4))).Add(t.Pessimistic), six)
	s := ratio(t.Pessimistic.Sub(t.Optimistic), six)
	return PERTEstimate{Mean: m, MeanValue: m.Decimal(DisplayScale), StdDev: s, StdDevValue: s.Decimal(DisplayScale)}, nil
}

// TriangularEstimate is the triangular distribution's summary of a three-point estimate.
type TriangularEstimate struct {
	// Mean is (O + M + P) ÷ 3, exact; MeanValue is it rounded to DisplayScale places.
	Mean      Fraction        `json:"mean"`
	MeanValue decimal.Decimal `json:"mean_value"`
	// StdDev is sqrt((O² + M² + P² − OM − OP − MP) ÷ 18), a float64 (it is irrational in
	// general).
	StdDev float64 `json:"std_dev"`
}

// Triangular summarizes a three-point estimate as the triangular distribution on [O, P]
// with mode M: mean (O + M + P) ÷ 3, beside PERT's (O + 4M + P) ÷ 6. The triangular mean
// gives the extremes twice PERT's weight, so it is farther from the mode when the
// estimate is skewed. Plugging either mean into a ratio score understates the expected
// score (see ExpectedScore).
func Triangular(t ThreePoint) (TriangularEstimate, error) {
	if err := t.Validate(); err != nil {
		return TriangularEstimate{}, err
	}
	m := ratio(t.Optimistic.Add(t.MostLikely).Add(t.Pessimistic), decimal.NewFromInt(3))
	o, ml, p := t.Optimistic.InexactFloat64(), t.MostLikely.InexactFloat64(), t.Pessimistic.InexactFloat64()
	// Centred on the mode, the variance is exact for large values too.
	a, b := o-ml, p-ml
	v := (a*a + b*b - a*b) / 18
	return TriangularEstimate{Mean: m, MeanValue: m.Decimal(DisplayScale), StdDev: math.Sqrt(max(v, 0))}, nil
}

// Distribution is the shape SimulateRanks samples a three-point estimate from.
type Distribution uint8

// Distributions. The zero value, DistributionPERT, is the default.
const (
	// DistributionPERT is the PERT beta distribution on [O, P] with mode M:
	// α = 1 + 4(M − O)/(P − O), β = 1 + 4(P − M)/(P − O), mean (O + 4M + P) ÷ 6.
	DistributionPERT Distribution = iota
	// DistributionTriangular is the triangular distribution on [O, P] with mode M, mean
	// (O + M + P) ÷ 3.
	DistributionTriangular
)

var distributionSet = enum.Set[Distribution]{Subject: "prioritize: distribution", Kind: "distribution", Names: []string{"pert", "triangular"}}

// String returns "pert" or "triangular".
func (d Distribution) String() string { return distributionSet.String(d) }

// MarshalText encodes the name given by String.
func (d Distribution) MarshalText() ([]byte, error) {
	return distributionSet.Marshal(d)
}

// UnmarshalText decodes a name given by String.
func (d *Distribution) UnmarshalText(b []byte) error {
	return distributionSet.Unmarshal(d, b)
}

// UncertainItem is an item whose value is known and whose effort is a three-point estimate.
type UncertainItem struct {
	// ID names the item; required and unique.
	ID ItemID `json:"id" validate:"required"`
	// Value is the score's numerator, ≥ 0 (for RICE: reach × impact × confidence).
	Value decimal.Decimal `json:"value" validate:"dbound,dgte=0"`
	// Effort is the three-point effort; Optimistic must be > 0.
	Effort ThreePoint `json:"effort"`
}

// The defaults and limits of SimulateOptions.
const (
	// DefaultRuns is SimulateOptions.Runs' default.
	DefaultRuns = 10_000
	// MaxRuns is the most runs SimulateRanks accepts.
	MaxRuns = 10_000_000
	// DefaultMaxDraws is SimulateOptions.MaxDraws' default: items × runs samples, about
	// two seconds of work (1,000 items at DefaultRuns).
	DefaultMaxDraws = 10_000_000
)

// SimulateOptions configures SimulateRanks. Seed is explicit: the same seed gives the same
// result on every platform.
type SimulateOptions struct {
	// K is the cut-off: SimulateRanks estimates P(rank ≤ K); 1 ≤ K.
	K int `json:"k" validate:"gte=1"`
	// Runs is the number of samples; zero means DefaultRuns; at most MaxRuns.
	Runs int `json:"runs" validate:"gte=0,lte=10000000"`
	// Seed seeds the PCG generator.
	Seed uint64 `json:"seed"`
	// Distribution samples each effort; zero is DistributionPERT.
	Distribution Distribution `json:"distribution" validate:"lte=1"`
	// MaxDraws bounds the work, checked before any sampling: items × runs. Zero means
	// DefaultMaxDraws; negative is an error. Beyond it SimulateRanks returns a validation
	// error (rule "max_draws") naming runs.
	MaxDraws int `json:"max_draws" validate:"gte=0"`
}

// RankOdds is one item's estimated probability of ranking in the top K.
type RankOdds struct {
	// ID names the item.
	ID ItemID `json:"id"`
	// Hits counts the runs in which the item ranked ≤ K, out of Runs.
	Hits int `json:"hits"`
	Runs int `json:"runs"` // samples drawn
	// P is Hits ÷ Runs; StdErr is its binomial standard error sqrt(P(1 − P) ÷ Runs).
	P      float64 `json:"p"`
	StdErr float64 `json:"std_err"` // binomial standard error of P
}

// SimulateRanks estimates, for each item, P(rank ≤ K) when each effort is drawn from its
// three-point distribution and the score is value ÷ effort (ranked descending, ties by ID,
// as Rank does). Sampling is float64 (these are statistics); the generator is PCG seeded
// with opts.Seed, so results are reproducible. Results are in input order. The work,
// items × runs draws, is capped by opts.MaxDraws before anything is sampled.
//
// SimulateRanks is SimulateRanksContext with context.Background().
func SimulateRanks(items []UncertainItem, opts SimulateOptions) ([]RankOdds, error) {
	return SimulateRanksContext(context.Background(), items, opts)
}

// SimulateRanksContext is SimulateRanks, stopping early when ctx is done: it then returns
// ctx.Err() (errors.Is(err, context.Canceled) or context.DeadlineExceeded holds). The
// context is checked every 1,024 draws.
func SimulateRanksContext(ctx context.Context, items []UncertainItem, opts SimulateOptions) ([]RankOdds, error) {
	e := validation.New("prioritize: simulate ranks")
	e.Struct("", opts)
	ids := make([]ItemID, len(items))
	for i, it := range items {
		p := index("items", i)
		e.Struct(p, it)
		it.Effort.check(e, p+".effort")
		if it.Effort.Optimistic.IsZero() {
			e.Add(p+".effort.optimistic", ruleNonZero, "", ruleZeroMessage)
		}
		ids[i] = it.ID
	}
	uniqueIDs(e, "items", ids)
	runs := opts.Runs
	if runs == 0 {
		runs = DefaultRuns
	}
	maxDraws := opts.MaxDraws
	if maxDraws == 0 {
		maxDraws = DefaultMaxDraws
	}
	n := len(items)
	if runs > 0 && maxDraws > 0 && n > maxDraws/runs {
		e.Add("runs", "max_draws", itoa(maxDraws), "items × runs must be at most max_draws "+itoa(maxDraws)+": lower runs or raise MaxDraws")
	}
	if err := withSentinels(e); err != nil {
		return nil, err
	}
	type param struct{ v, o, m, p, a, b float64 }
	ps := make([]param, n)
	for i, it := range items {
		q := param{v: it.Value.InexactFloat64(), o: it.Effort.Optimistic.InexactFloat64(),
			m: it.Effort.MostLikely.InexactFloat64(), p: it.Effort.Pessimistic.InexactFloat64()}
		if q.p > q.o {
			q.a = 1 + 4*(q.m-q.o)/(q.p-q.o)
			q.b = 1 + 4*(q.p-q.m)/(q.p-q.o)
		}
		ps[i] = q
	}
	// Items sorted by ID once: the tie-break of every run is then the index.
	byID := make([]int, n)
	for i := range byID {
		byID[i] = i
	}
	slices.SortFunc(byID, func(a, b int) int { return cmp.Compare(items[a].ID, items[b].ID) })
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	type draw struct {
		s   float64
		pos int // position in ID order
		i   int
	}
	ds := make([]draw, n)
	hits := make([]int, n)
	drawn, check := 0, 0
	for range runs {
		if drawn >= check {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			check = drawn + 1024
		}
		drawn += n
		for j, i := range byID {
			q := ps[i]
			eff := q.o
			if q.p > q.o {
				if opts.Distribution == DistributionTriangular {
					eff = triangular(rng, q.o, q.m, q.p)
				} else {
					eff = q.o + (q.p-q.o)*betaSample(rng, q.a, q.b)
				}
			}
			ds[j] = draw{s: q.v / eff, pos: j, i: i}
		}
		slices.SortFunc(ds, func(a, b draw) int {
			if c := cmp.Compare(b.s, a.s); c != 0 {
				return c
			}
			return cmp.Compare(a.pos, b.pos)
		})
		for r := 0; r < opts.K && r < n; r++ {
			hits[ds[r].i]++
		}
	}
	out := make([]RankOdds, n)
	for i, it := range items {
		p := float64(hits[i]) / float64(runs)
		out[i] = RankOdds{ID: it.ID, Hits: hits[i], Runs: runs, P: p, StdErr: math.Sqrt(p * (1 - p) / float64(runs))}
	}
	return out, nil
}

// triangular samples the triangular distribution on [o, p] with mode m by inversion.
func triangular(r *rand.Rand, o, m, p float64) float64 {
	u := r.Float64()
	if f := (m - o) / (p - o); u < f {
		return o + math.Sqrt(u*(p-o)*(m-o))
	}
	return p - math.Sqrt((1-u)*(p-o)*(p-m))
}

// betaSample draws Beta(a, b) (a, b ≥ 1) as X ÷ (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
func betaSample(r *rand.Rand, a, b float64) float64 {
	x := gammaSample(r, a)
	y := gammaSample(r, b)
	return x / (x + y)
}

// gammaSample draws Gamma(a, 1) for a ≥ 1 (Marsaglia and Tsang, 2000).
func gammaSample(r *rand.Rand, a float64) float64 {
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}
