package prioritize

import (
	"cmp"
	"hash/maphash"
	"iter"
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Scorer tells Rank how to score items of type T. Build one with ByRICE, ByICE, ByCD3 or
// ByScore; the zero value is invalid (Rank returns an error).
type Scorer[T any] struct {
	name    string
	prepare func(items []T, r *ranker)
	explain func(t T) (Score, error) // the explained score of one (valid) item
}

// Ranked is one item's place in a Ranking.
type Ranked[T any] struct {
	// Item is the caller's item.
	Item T `json:"item"`
	// ID is the item's ID.
	ID ItemID `json:"id"`
	// Position is the unique 1-based place in the order (ties broken by ID).
	Position int `json:"position"`
	// Rank is the competition rank ("1, 2, 2, 4"): tied items share the better rank.
	Rank int `json:"rank"`
	// Score is the item's explained score: Score.Exact is the exact value the ranking
	// compared, with the formula, factors and notes of its framework.
	Score Score `json:"score"`
}

// Ranking is the result of Rank: items in order of descending exact score, equal scores
// by ascending ID (byte-wise). It holds the caller's items (not copies of what they point
// to) and is safe for concurrent reads.
type Ranking[T any] struct {
	items   []T
	r       *ranker
	explain func(t T) (Score, error)
}

// Len returns the number of ranked items.
func (rk *Ranking[T]) Len() int { return len(rk.r.keys) }

// At returns the item at 0-based index i of the order (Position i+1), with its explained
// score, built on demand (ByRICE scores the item again with RICE; ByScore, ByICE and ByCD3
// call their scoring function again). It panics if i is out of range, like a slice index.
func (rk *Ranking[T]) At(i int) Ranked[T] {
	k := rk.r.keys[i]
	item, id, exact := rk.items[k.idx], rk.r.ids[k.idx], rk.r.fraction(k)
	s, err := rk.explain(item)
	if err != nil || !s.Exact.Equal(exact) {
		// Only a scoring function that is not a pure function of the item gets here: keep
		// the value that was ranked.
		s = newScore(id, s.Framework, s.Variant, exact, exact.String(), nil, nil)
	}
	return Ranked[T]{Item: item, ID: id, Position: i + 1, Rank: int(rk.r.ranks[i]), Score: s}
}

// exactAt is At without the explanation.
func (rk *Ranking[T]) exactAt(i int) (T, ItemID, Fraction) {
	k := rk.r.keys[i]
	return rk.items[k.idx], rk.r.ids[k.idx], rk.r.fraction(k)
}

// All yields every ranked item in order.
func (rk *Ranking[T]) All() iter.Seq[Ranked[T]] {
	return func(yield func(Ranked[T]) bool) {
		for i := range rk.r.keys {
			if !yield(rk.At(i)) {
				return
			}
		}
	}
}

// IDs returns the item IDs in ranked order.
func (rk *Ranking[T]) IDs() []ItemID {
	out := make([]ItemID, len(rk.r.keys))
	for i, k := range rk.r.keys {
		out[i] = rk.r.ids[k.idx]
	}
	return out
}

// Rank orders items by descending exact score, breaking ties by ascending ID (byte-wise
// string comparison), and reports each item's unique position and competition rank. The
// order is total, so it does not depend on the input order; equal scores are equal exactly
// (no floating-point rounding), so the ID tie-break always decides between them.
//
// Every item is validated first; the error names items[i] and their bad fields (at most
// 100 items are listed) and wraps ErrZeroEffort or ErrDuplicateID where they apply.
// Rank does not modify items. Cost: O(n log n) comparisons of 128-bit products, no
// allocation per item on the exact fast path (integers up to 18 digits).
func Rank[T any](items []T, by Scorer[T]) (*Ranking[T], error) {
	if by.prepare == nil || len(items) > math.MaxInt32 {
		e := validation.New("prioritize: rank")
		if by.prepare == nil {
			e.Add("scorer", "required", "", "is the zero Scorer; use ByRICE, ByICE, ByCD3 or ByScore")
		} else {
			e.Add("items", "max", "2147483647", "must have at most 2^31-1 items")
		}
		return nil, e.Err()
	}
	r := &ranker{keys: make([]rankKey, len(items)), ids: make([]ItemID, len(items)), name: by.name}
	by.prepare(items, r)
	if err := r.checkIDs(); err != nil {
		return nil, err
	}
	r.setPrefixes()
	slices.SortFunc(r.keys, r.compare)
	r.ranks = make([]int32, len(r.keys))
	for i := range r.keys {
		if i > 0 && r.scoreCmp(r.keys[i-1], r.keys[i]) == 0 {
			r.ranks[i] = r.ranks[i-1]
		} else {
			r.ranks[i] = int32(i + 1)
		}
	}
	return &Ranking[T]{items: items, r: r, explain: by.explain}, nil
}

// RankScores ranks already computed scores (of any framework) by their exact values.
func RankScores(scores []Score) (*Ranking[Score], error) {
	return Rank(scores, ByScore(func(s Score) (Score, error) { return s, nil }))
}

// rankKey is an item's exact score num/den packed in 24 bytes for sorting, with eight bytes
// of its ID (big-endian, zero-padded, after the prefix every ID of the batch shares) so
// that most ID tie-breaks need not load the string. den == 0 marks a score whose numerator does not fit 64 bits or whose
// denominator does not fit 32 bits; num then indexes ranker.bigs.
type rankKey struct {
	num uint64
	pfx uint64
	den uint32
	idx uint32
}

// setPrefixes fills each key's pfx with the eight ID bytes that follow the longest prefix
// shared by every ID, so that comparing pfx values orders IDs like comparing the strings
// (when the pfx values differ).
func (r *ranker) setPrefixes() {
	if len(r.ids) == 0 {
		return
	}
	lcp := r.ids[0]
	for _, id := range r.ids[1:] {
		n := min(len(lcp), len(id))
		i := 0
		for i < n && lcp[i] == id[i] {
			i++
		}
		lcp = lcp[:i]
		if i == 0 {
			break
		}
	}
	for k := range r.keys {
		r.keys[k].pfx = idPrefix(r.ids[r.keys[k].idx][len(lcp):])
	}
}

// idPrefix packs the first eight bytes of id big-endian, so prefixes compare like the IDs.
func idPrefix(id ItemID) uint64 {
	var p uint64
	n := min(len(id), 8)
	for i := 0; i < n; i++ {
		p |= uint64(id[i]) << (56 - 8*i)
	}
	return p
}

// ranker holds one Rank call's keys, IDs and fallback fractions.
type ranker struct {
	keys   []rankKey
	ids    []ItemID
	bigs   []Fraction
	ranks  []int32
	name   string             // the scorer's name, for error subjects
	errs   *validation.Errors // nil until something fails
	bad    int
	failed map[int]bool // items already reported
}

// maxReported bounds how many bad items one error lists.
const maxReported = 100

// errors returns the collector, creating it on the first failure.
func (r *ranker) errors() *validation.Errors {
	if r.errs == nil {
		r.errs = validation.New("prioritize: rank " + r.name)
	}
	return r.errs
}

// fail records item i's validation error, up to maxReported items.
func (r *ranker) fail(i int, err error) {
	if r.failed == nil {
		r.failed = map[int]bool{}
	}
	r.failed[i] = true
	r.bad++
	if r.bad <= maxReported {
		r.errors().Merge(index("items", i), err)
	}
}

// done returns the collected error, if any.
func (r *ranker) done() error {
	if r.bad > maxReported {
		r.errors().Add("items", "invalid", "", itoa(r.bad-maxReported)+" more invalid items not listed")
	}
	if r.errs == nil {
		return nil
	}
	return withSentinels(r.errs)
}

// setExact stores item i's score f, on the fast path when it fits.
func (r *ranker) setExact(i int, id ItemID, f Fraction) {
	r.ids[i] = id
	n, d := f.n(), f.d()
	if n.Sign() >= 0 && n.IsUint64() && d.IsUint64() && d.Uint64() <= math.MaxUint32 {
		r.keys[i] = rankKey{num: n.Uint64(), den: uint32(d.Uint64()), idx: uint32(i)}
		return
	}
	r.keys[i] = rankKey{num: uint64(len(r.bigs)), den: 0, idx: uint32(i)}
	r.bigs = append(r.bigs, f)
}

// fraction returns a key's exact score.
func (r *ranker) fraction(k rankKey) Fraction {
	if k.den == 0 {
		return r.bigs[k.num]
	}
	return reduce(new(big.Int).SetUint64(k.num), new(big.Int).SetUint64(uint64(k.den)))
}

// scoreCmp compares two keys' scores: -1, 0, +1 as a < b, a == b, a > b.
func (r *ranker) scoreCmp(a, b rankKey) int {
	if a.den == 0 || b.den == 0 {
		return r.fraction(a).Cmp(r.fraction(b))
	}
	h1, l1 := bits.Mul64(a.num, uint64(b.den))
	h2, l2 := bits.Mul64(b.num, uint64(a.den))
	if h1 != h2 {
		return cmp.Compare(h1, h2)
	}
	return cmp.Compare(l1, l2)
}

// compare orders keys by descending score, then ascending ID.
func (r *ranker) compare(a, b rankKey) int {
	if a.den != 0 && b.den != 0 {
		h1, l1 := bits.Mul64(a.num, uint64(b.den))
		h2, l2 := bits.Mul64(b.num, uint64(a.den))
		if h1 != h2 {
			if h1 > h2 {
				return -1
			}
			return 1
		}
		if l1 != l2 {
			if l1 > l2 {
				return -1
			}
			return 1
		}
	} else if c := r.scoreCmp(a, b); c != 0 {
		return -c
	}
	if a.pfx != b.pfx {
		if a.pfx < b.pfx {
			return -1
		}
		return 1
	}
	return cmp.Compare(r.ids[a.idx], r.ids[b.idx])
}

// checkIDs reports empty and duplicate IDs, naming both positions of a duplicate. It first
// sorts 64-bit hashes of the IDs (a radix sort, no map): only when two hashes collide does
// it build a map to find the duplicates exactly.
func (r *ranker) checkIDs() error {
	if !r.maybeDuplicate() {
		return r.done()
	}
	seen := make(map[ItemID]int32, len(r.ids))
	for i, id := range r.ids {
		if id == "" {
			continue
		}
		if j, ok := seen[id]; ok {
			r.bad++
			if r.bad <= maxReported {
				r.errors().Add(index("items", i)+".id", ruleUnique, "", "duplicate id "+quote(id)+" (also items["+itoa(int(j))+"])")
			}
			continue
		}
		seen[id] = int32(i)
	}
	return r.done()
}

// maybeDuplicate records empty IDs and reports whether two IDs may be equal.
func (r *ranker) maybeDuplicate() bool {
	n := len(r.ids)
	if n < 2 {
		for i, id := range r.ids {
			if id == "" && !r.failed[i] {
				r.fail(i, errEmptyID)
			}
		}
		return false
	}
	if n <= 32 {
		// Few items: compare every pair, no allocation.
		dup := false
		for i, id := range r.ids {
			if id == "" && !r.failed[i] {
				r.fail(i, errEmptyID)
			}
			for _, other := range r.ids[:i] {
				dup = dup || id == other
			}
		}
		return dup
	}
	seed := maphash.MakeSeed()
	if n < 1<<16 {
		// Open addressing on the hashes: a table of at least 2n slots, 0 marks empty.
		size := 1 << bits.Len(uint(2*n))
		table := make([]uint64, size)
		mask := uint64(size - 1)
		dup := false
		for i, id := range r.ids {
			if id == "" && !r.failed[i] {
				r.fail(i, errEmptyID)
			}
			h := maphash.String(seed, string(id)) | 1
			for j := h & mask; ; j = (j + 1) & mask {
				if table[j] == 0 {
					table[j] = h
					break
				}
				if table[j] == h {
					dup = true
					break
				}
			}
		}
		return dup
	}
	h := make([]uint64, 2*n)
	a, b := h[:n], h[n:]
	for i, id := range r.ids {
		if id == "" && !r.failed[i] {
			r.fail(i, errEmptyID)
		}
		a[i] = maphash.String(seed, string(id))
	}
	radixSort(a, b)
	for i := 1; i < n; i++ {
		if a[i] == a[i-1] {
			return true
		}
	}
	return false
}

// radixSort sorts a (LSD, 11 bits per pass, six passes, so the result ends in a), using b
// as scratch of the same length.
func radixSort(a, b []uint64) {
	var count [1 << 11]int
	for shift := uint(0); shift < 64; shift += 11 {
		clear(count[:])
		for _, v := range a {
			count[(v>>shift)&0x7ff]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, v := range a {
			d := (v >> shift) & 0x7ff
			b[count[d]] = v
			count[d]++
		}
		a, b = b, a
	}
}

var errEmptyID = func() error {
	e := validation.New("")
	e.Add("id", "required", "", "is required")
	return e.Err()
}()

// ByRICE scores items with RICE. input extracts each item's RICEInput; it is called once
// per item. Integer parts up to 18 digits take the exact 64-bit fast path; larger values
// fall back to exact big-number arithmetic.
func ByRICE[T any](input func(T) RICEInput, opts RICEOptions) Scorer[T] {
	return Scorer[T]{name: "rice", explain: func(t T) (Score, error) { return RICE(input(t), opts) }, prepare: func(items []T, r *ranker) {
		if opts.Variant > RICELenient {
			r.bad++
			r.errors().Add("variant", "oneof", "strict lenient", "must be strict or lenient")
			for i := range items {
				r.ids[i] = input(items[i]).ID
			}
			return
		}
		for i := range items {
			in := input(items[i])
			num, den, ok := riceFast(&in, opts.Variant)
			if ok && den <= math.MaxUint32 {
				r.ids[i] = in.ID
				r.keys[i] = rankKey{num: num, den: uint32(den), idx: uint32(i)}
				continue
			}
			if err := in.ValidateWith(opts); err != nil {
				r.fail(i, err)
				continue
			}
			r.setExact(i, in.ID, ratio(in.Reach.Mul(in.Impact).Mul(in.Confidence), in.Effort))
		}
	}}
}

// ByScore ranks by any framework's Score: score is called once per item and its Exact
// value and ID are used; Ranking.At calls it again for the item's explained Score, so it
// should be a pure function of the item. Use it for ICE, WSJF, CD3, weighted and
// opportunity scores.
func ByScore[T any](score func(T) (Score, error)) Scorer[T] {
	return Scorer[T]{name: "scores", explain: score, prepare: func(items []T, r *ranker) {
		for i := range items {
			s, err := score(items[i])
			if err != nil {
				r.fail(i, err)
				continue
			}
			r.setExact(i, s.ID, s.Exact)
		}
	}}
}

// ByICE scores items with ICE under opts.
func ByICE[T any](input func(T) ICEInput, opts ICEOptions) Scorer[T] {
	s := ByScore(func(t T) (Score, error) { return ICE(input(t), opts) })
	s.name = "ice"
	return s
}

// ByCD3 scores items with CD3.
func ByCD3[T any](input func(T) CD3Input) Scorer[T] {
	s := ByScore(func(t T) (Score, error) { return CD3(input(t)) })
	s.name = "cd3"
	return s
}

// pow10u holds 10^0 … 10^19.
var pow10u = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < 20; i++ {
		p[i] = p[i-1] * 10
	}
	return
}()

// parts splits a non-negative decimal of at most 18 digits and an exponent within ±40 into
// coefficient and exponent, without allocating. The exponent is checked first: one load,
// and it alone turns away values such as decimal.New(1, -(1<<30)).
func parts(d decimal.Decimal) (uint64, int32, bool) {
	e := d.Exponent()
	if e > maxExponent || e < -maxExponent || d.Sign() < 0 || d.NumDigits() > 18 {
		return 0, 0, false
	}
	return uint64(d.CoefficientInt64()), e, true
}

// mulU multiplies with an overflow check.
func mulU(a, b uint64) (uint64, bool) {
	hi, lo := bits.Mul64(a, b)
	return lo, hi == 0
}

// scaled returns c·10^(e+s) when it is an exact integer below 2^64.
func scaled(c uint64, e int32, s int32) (uint64, bool) {
	x := e + s
	switch {
	case c == 0:
		return 0, true
	case x >= 0:
		if x > 19 {
			return 0, false
		}
		return mulU(c, pow10u[x])
	case x < -19:
		return 0, false
	default:
		p := pow10u[-x]
		return c / p, c%p == 0
	}
}

// riceFast validates and scores in without allocating, when every value fits 64-bit
// arithmetic. ok is false for anything else (invalid input included): the caller then
// takes the exact slow path, which reports errors precisely.
func riceFast(in *RICEInput, v RICEVariant) (num, den uint64, ok bool) {
	if in.ID == "" || v > RICELenient {
		return 0, 0, false
	}
	rc, re, ok1 := parts(in.Reach)
	ic, ie, ok2 := parts(in.Impact)
	cc, ce, ok3 := parts(in.Confidence)
	ec, ee, ok4 := parts(in.Effort)
	if !(ok1 && ok2 && ok3 && ok4) || ec == 0 {
		return 0, 0, false
	}
	// confidence ≤ 1
	if cc != 0 && (ce > 0 || (ce > -19 && cc > pow10u[-ce])) {
		return 0, 0, false
	}
	if v == RICEStrict {
		i100, exact := scaled(ic, ie, 2)
		if !exact || (i100 != 25 && i100 != 50 && i100 != 100 && i100 != 200 && i100 != 300) {
			return 0, 0, false
		}
	}
	num, ok = mulU(rc, ic)
	if !ok {
		return 0, 0, false
	}
	if num, ok = mulU(num, cc); !ok {
		return 0, 0, false
	}
	den = ec
	switch k := re + ie + ce - ee; {
	case num == 0:
		return 0, 1, true
	case k > 19 || k < -19:
		return 0, 0, false
	case k >= 0:
		num, ok = mulU(num, pow10u[k])
	default:
		den, ok = mulU(den, pow10u[-k])
	}
	return num, den, ok
}
