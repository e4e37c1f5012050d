package feedback

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"github.com/productops/productops/internal/enum"
	"math"
	"math/bits"
	"slices"

	"github.com/productops/productops/internal/validation"
)

// Defaults of [DedupeOptions].
const (
	DefaultDuplicateThreshold = 0.8
	DefaultSimilarThreshold   = 0.5
	DefaultBands              = 64
	DefaultRows               = 4
	// DefaultRowsCosine is the default rows under a cosine measure: a set cosine is above
	// the Jaccard similarity (0.5 is a Jaccard of 1/3 for texts of equal length), so the
	// S-curve is moved down to keep recall at the similar threshold.
	DefaultRowsCosine = 3
	// DefaultMaxBandKeys caps items × bands: 262,144 items at the default 64 bands, about
	// 16 bytes of index per item and band (some 270 MB at the cap).
	DefaultMaxBandKeys = 1 << 24
	// DefaultMaxCandidates caps the LSH candidate pairs verified by one search (a few
	// seconds of work).
	DefaultMaxCandidates = 50_000_000
	// DefaultMaxPairs caps the pairs one report holds (about 50 bytes each).
	DefaultMaxPairs = 2_000_000
)

// MaxSignature bounds bands × rows, the values of one MinHash signature.
const MaxSignature = 4096

// DedupeOptions configures near-duplicate detection. The zero value normalizes fully,
// compares word unigrams, calls a pair a duplicate at Jaccard ≥ 0.8 and similar at ≥ 0.5,
// and uses MinHash signatures of 64 bands × 4 rows with seed 0.
//
// Bands and rows set the LSH S-curve: a pair of similarity s is looked at with probability
// 1 - (1 - s^rows)^bands ([DedupeOptions.CandidateProbability]); with the defaults that is
// 0.984 at 0.5 and above 0.9999 at 0.8, while pairs at 0.1 are looked at 0.6% of the time.
// More rows make the curve steeper and candidate lists shorter, more bands raise recall,
// both cost time linear in bands × rows. Every candidate is verified by exact Jaccard, so
// LSH can miss a pair but never report a wrong one.
type DedupeOptions struct {
	// Normalize says how text is normalized before shingling.
	Normalize NormalizeOptions `json:"normalize"`
	// Shingling is the set compared; zero is [WordUnigrams].
	Shingling Shingling `json:"shingling"`
	// Measure compares the shingles; zero is [SimilarityJaccard]. LSH candidates always
	// come from MinHash, which estimates Jaccard; with a cosine measure the candidates are
	// verified by that measure, so the recall of [DedupeOptions.CandidateProbability] is
	// for the pair's Jaccard similarity (which is at most its set cosine).
	Measure SimilarityMeasure `json:"measure,omitempty"`
	// DuplicateThreshold is the similarity, in (0, 1], from which a pair is a duplicate;
	// zero means 0.8.
	DuplicateThreshold float64 `json:"duplicate_threshold,omitempty"`
	// SimilarThreshold is the similarity, in (0, DuplicateThreshold], from which a pair is
	// reported as similar but not a duplicate; zero means 0.5. Set it equal to
	// DuplicateThreshold to report duplicates only.
	SimilarThreshold float64 `json:"similar_threshold,omitempty"`
	// Bands and Rows shape the MinHash signature (bands × rows values, at most
	// [MaxSignature]); zero means 64 and 4 (3 rows under a cosine measure,
	// [DefaultRowsCosine]).
	Bands int `json:"bands,omitempty"`
	Rows  int `json:"rows,omitempty"`
	// Seed seeds the MinHash functions; the same seed gives the same candidates on every
	// run and machine.
	Seed uint64 `json:"seed,omitempty"`
	// MaxBandKeys caps the size of an index: items × bands band keys at most. Zero means
	// [DefaultMaxBandKeys]; negative is invalid. More items are refused before anything
	// is allocated, with a *[LimitError].
	MaxBandKeys int `json:"max_band_keys,omitempty"`
	// MaxCandidates caps the LSH candidate pairs one search verifies (near-identical texts
	// in large numbers make every pair a candidate). Zero means [DefaultMaxCandidates];
	// negative is invalid. The search stops with a *[LimitError] when it would verify more.
	MaxCandidates int `json:"max_candidates,omitempty"`
	// MaxPairs caps the pairs one report holds (n copies of a text are n(n-1)/2 exact
	// pairs). Zero means [DefaultMaxPairs]; negative is invalid. A report that would hold
	// more is refused with a *[LimitError] before the pairs are stored.
	MaxPairs int `json:"max_pairs,omitempty"`
}

func (o DedupeOptions) duplicate() float64 {
	return cmp.Or(o.DuplicateThreshold, DefaultDuplicateThreshold)
}
func (o DedupeOptions) similar() float64 { return cmp.Or(o.SimilarThreshold, DefaultSimilarThreshold) }
func (o DedupeOptions) bands() int       { return cmp.Or(o.Bands, DefaultBands) }
func (o DedupeOptions) rows() int {
	if o.Measure != SimilarityJaccard {
		return cmp.Or(o.Rows, DefaultRowsCosine)
	}
	return cmp.Or(o.Rows, DefaultRows)
}
func (o DedupeOptions) maxBandKeys() int { return cmp.Or(o.MaxBandKeys, DefaultMaxBandKeys) }
func (o DedupeOptions) maxCandidates() int {
	return cmp.Or(o.MaxCandidates, DefaultMaxCandidates)
}
func (o DedupeOptions) maxPairs() int { return cmp.Or(o.MaxPairs, DefaultMaxPairs) }

// maxItems is how many items an index with these options may hold.
func (o DedupeOptions) maxItems() int { return o.maxBandKeys() / o.bands() }

// Validate reports every bad option: thresholds outside their ranges or not finite, a
// similar threshold above the duplicate threshold, negative bands, rows or caps, a
// signature over [MaxSignature] values (checked without overflow), and an undefined
// shingling.
func (o DedupeOptions) Validate() error {
	e := validation.New("feedback: dedupe options")
	dup, sim := o.duplicate(), o.similar()
	if !validation.Finite(dup) || dup <= 0 || dup > 1 {
		e.Addf("duplicate_threshold", "range", "%v is outside (0, 1]", o.DuplicateThreshold)
	}
	if !validation.Finite(sim) || sim <= 0 || sim > 1 {
		e.Addf("similar_threshold", "range", "%v is outside (0, 1]", o.SimilarThreshold)
	} else if sim > dup {
		e.Addf("similar_threshold", "ltefield", "%v is above the duplicate threshold %v", sim, dup)
	}
	if o.Bands < 0 {
		e.Addf("bands", "gte", "%d is negative", o.Bands)
	}
	if o.Rows < 0 {
		e.Addf("rows", "gte", "%d is negative", o.Rows)
	}
	// bands × rows > MaxSignature, without computing the product (it can overflow).
	if o.Bands >= 0 && o.Rows >= 0 && o.bands() > MaxSignature/o.rows() {
		e.Addf("bands", "max", "%d bands × %d rows exceeds %d signature values", o.bands(), o.rows(), MaxSignature)
	}
	for _, c := range []struct {
		name string
		v    int
	}{{"max_band_keys", o.MaxBandKeys}, {"max_candidates", o.MaxCandidates}, {"max_pairs", o.MaxPairs}} {
		if c.v < 0 {
			e.Addf(c.name, "gte", "%d is negative", c.v)
		}
	}
	if !shinglingSet.Valid(o.Shingling) {
		e.Addf("shingling", "oneof", "undefined shingling %d", o.Shingling)
	}
	if !measureSimSet.Valid(o.Measure) {
		e.Addf("measure", "oneof", "undefined measure %d", o.Measure)
	}
	return e.Err()
}

// MatchKind classifies a pair of texts.
type MatchKind uint8

// Match kinds, from closest to loosest.
const (
	// MatchExact: the normalized texts are equal (similarity 1).
	MatchExact MatchKind = iota
	// MatchDuplicate: Jaccard similarity at least the duplicate threshold.
	MatchDuplicate
	// MatchSimilar: similar but not a duplicate: at least the similar threshold and below
	// the duplicate threshold. Worth showing a person, not worth merging automatically.
	MatchSimilar
)

var matchSet = enum.Set[MatchKind]{Subject: "feedback: match kind", Kind: "match kind", Names: []string{"exact", "duplicate", "similar"}}

// String returns the kind's text form ("duplicate").
func (k MatchKind) String() string { return matchSet.String(k) }

// MarshalText encodes the kind as its text form; an undefined value is an error.
func (k MatchKind) MarshalText() ([]byte, error) { return matchSet.Marshal(k) }

// UnmarshalText decodes a text form written by MarshalText ("similar").
func (k *MatchKind) UnmarshalText(b []byte) error { return matchSet.Unmarshal(k, b) }

// DuplicatePair is two items found alike. A < B, so a pair is reported once.
type DuplicatePair struct {
	// A and B are the two items, A < B.
	A ItemID `json:"a"`
	B ItemID `json:"b"`
	// Similarity is the exact similarity of their shingles under the report's measure, in
	// [0, 1] (1 for exact duplicates).
	Similarity float64 `json:"similarity"`
	// Kind classifies the pair by the thresholds.
	Kind MatchKind `json:"kind"`
}

// DuplicateReport is the result of [FindDuplicates] and [DedupeIndex.Pairs].
type DuplicateReport struct {
	// Shingling and Measure say how Similarity was computed.
	Shingling Shingling         `json:"shingling"`
	Measure   SimilarityMeasure `json:"measure"`
	// Pairs lists every pair found at or above the similar threshold, by A then B.
	Pairs []DuplicatePair `json:"pairs"`
	// Empty lists the items whose normalized text is empty (nothing to compare, so never
	// matched), sorted.
	Empty []ItemID `json:"empty,omitempty"`
	// Items is the number of items looked at, Distinct the number of distinct normalized
	// texts among them, and Candidates the number of LSH candidate pairs of distinct texts
	// verified by exact Jaccard.
	Items      int `json:"items"`
	Distinct   int `json:"distinct"`
	Candidates int `json:"candidates"`
}

// ErrDuplicateID is returned (wrapped) by [DedupeIndex.Add] for an ID already in the index.
var ErrDuplicateID = errors.New("feedback: duplicate item id")

// DedupeIndex holds a corpus of texts for near-duplicate detection and suggestions. Build it
// with [NewDedupeIndex] and [DedupeIndex.Add]; query it with [DedupeIndex.Suggest] and
// [DedupeIndex.Pairs]. Results do not depend on the order of Adds. Queries may run
// concurrently with each other but not with Add.
type DedupeIndex struct {
	opts  DedupeOptions
	bands int
	rows  int
	vocab map[string]uint32

	ids   map[ItemID]struct{}
	empty []ItemID
	// Each distinct normalized text is a group.
	groupOf map[string]int32
	members [][]ItemID
	setData []uint32 // sorted shingle IDs of every group, back to back
	setOff  []int32  // group g's set is setData[setOff[g]:setOff[g+1]]
	setTF   []uint32 // cosine measures: the count of each shingle of setData in its text
	df      []uint32 // tf-idf: per shingle ID, the items whose text contains it
	docs    int      // tf-idf: the items with a non-empty text
	keys    []uint64 // band keys, bands per group
	buckets map[uint64][]int32

	sig   []uint32
	bases []uint64
	ha    []uint64 // hash family multipliers
	hb    []uint64 // hash family increments
}

// NewDedupeIndex returns an empty index, or the options' validation error.
func NewDedupeIndex(opts DedupeOptions) (*DedupeIndex, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	return newIndexNoCheck(opts, true), nil
}

func newIndexNoCheck(opts DedupeOptions, buckets bool) *DedupeIndex {
	x := &DedupeIndex{
		opts: opts, bands: opts.bands(), rows: opts.rows(),
		vocab:   make(map[string]uint32),
		ids:     make(map[ItemID]struct{}),
		groupOf: make(map[string]int32),
		sig:     make([]uint32, opts.bands()*opts.rows()),
	}
	x.ha, x.hb = hashFamily(len(x.sig), opts.Seed)
	if buckets {
		x.buckets = make(map[uint64][]int32)
	}
	return x
}

// Len returns the number of texts added.
func (x *DedupeIndex) Len() int {
	if x == nil {
		return 0
	}
	return len(x.ids)
}

// Add puts the text of item id into the index. It returns an error wrapping
// [ErrDuplicateID] when id is already present, a validation error for an empty id, and a
// *[LimitError] when the index already holds the most items MaxBandKeys allows. Every error
// matches productops.ErrInvalid, and leaves the index unchanged.
func (x *DedupeIndex) Add(id ItemID, text string) error {
	if x == nil {
		return nilError("feedback: dedupe index", "index")
	}
	if len(x.ids) >= x.opts.maxItems() {
		return &LimitError{Limit: "max_band_keys", Max: x.opts.maxBandKeys()}
	}
	if id == "" {
		e := validation.New("feedback: dedupe index")
		e.Add("id", "required", "", "is required")
		return e.Err()
	}
	if _, dup := x.ids[id]; dup {
		e := validation.New("feedback: dedupe index")
		e.Addf("id", "unique", "%s is already in the index", quoteID(string(id)))
		return invalidAnd(ErrDuplicateID, e.Err())
	}
	x.ids[id] = struct{}{}
	t := Normalize(text, x.opts.Normalize)
	if t == "" {
		x.empty = append(x.empty, id)
		return nil
	}
	x.docs++
	if g, ok := x.groupOf[t]; ok {
		x.members[g] = append(x.members[g], id)
		if x.opts.Measure == SimilarityCosineTFIDF {
			for _, v := range x.set(g) {
				x.df[v]++
			}
		}
		return nil
	}
	g := int32(len(x.members))
	x.groupOf[t] = g
	x.members = append(x.members, []ItemID{id})
	if len(x.setOff) == 0 {
		x.setOff = append(x.setOff, 0)
	}
	start := len(x.setData)
	eachShingle(t, x.opts.Shingling, func(s string) {
		v, ok := x.vocab[s]
		if !ok {
			v = uint32(len(x.vocab))
			x.vocab[s] = v
		}
		x.setData = append(x.setData, v)
	})
	set := x.setData[start:]
	slices.Sort(set)
	if x.opts.Measure != SimilarityJaccard {
		// Run lengths of the sorted shingles are their term frequencies.
		for i := 0; i < len(set); {
			j := i + 1
			for j < len(set) && set[j] == set[i] {
				j++
			}
			x.setTF = append(x.setTF, uint32(j-i))
			i = j
		}
	}
	x.setData = x.setData[:start+len(slices.Compact(set))]
	x.setOff = append(x.setOff, int32(len(x.setData)))
	if x.opts.Measure == SimilarityCosineTFIDF {
		for len(x.df) < len(x.vocab) {
			x.df = append(x.df, 0)
		}
		for _, v := range x.set(g) {
			x.df[v]++
		}
	}
	x.keys = append(x.keys, make([]uint64, x.bands)...)
	keys := x.keys[int(g)*x.bands:]
	x.signatureOf(t, keys)
	if x.buckets != nil {
		for _, k := range keys {
			x.buckets[k] = append(x.buckets[k], g)
		}
	}
	return nil
}

// set returns group g's sorted shingle IDs.
func (x *DedupeIndex) set(g int32) []uint32 { return x.setData[x.setOff[g]:x.setOff[g+1]] }

// tf returns the term frequencies of group g's shingles, aligned with set(g) (cosine
// measures only).
func (x *DedupeIndex) tf(g int32) []uint32 { return x.setTF[x.setOff[g]:x.setOff[g+1]] }

// idf is the smoothed inverse document frequency ln((1 + n) / (1 + df)) + 1.
func idf(n, df int) float64 { return math.Log(float64(1+n)/float64(1+df)) + 1 }

// cosineSum adds up the terms of a dot product or a squared norm so that the result does
// not depend on the order of the terms (shingle IDs follow the order of Adds): integer
// terms (tf products) exactly, float terms (tf-idf products) sorted before summing.
type cosineSum struct {
	n     int64
	terms []float64
}

func (c *cosineSum) reset()             { c.n, c.terms = 0, c.terms[:0] }
func (c *cosineSum) addInt(v int64)     { c.n += v }
func (c *cosineSum) addFloat(v float64) { c.terms = append(c.terms, v) }

func (c *cosineSum) total() float64 {
	if len(c.terms) == 0 {
		return float64(c.n)
	}
	slices.Sort(c.terms)
	s := float64(c.n)
	for _, v := range c.terms {
		s += v
	}
	return s
}

// idfOf returns the idf of shingle ID v: from idfs when given, else from the document
// frequencies.
func (x *DedupeIndex) idfOf(v uint32, idfs []float64) float64 {
	if idfs != nil {
		return idfs[v]
	}
	return idf(x.docs, int(x.df[v]))
}

// norm returns the norm of group g's cosine vector (tf, or tf × idf).
func (x *DedupeIndex) norm(g int32, idfs []float64, acc *cosineSum) float64 {
	acc.reset()
	set, tf := x.set(g), x.tf(g)
	for i, v := range set {
		t := int64(tf[i])
		if x.opts.Measure == SimilarityCosineTFIDF {
			w := float64(t) * x.idfOf(v, idfs)
			acc.addFloat(w * w)
		} else {
			acc.addInt(t * t)
		}
	}
	return math.Sqrt(acc.total())
}

// idfs returns the idf of every shingle ID of the index (nil unless the measure is
// tf-idf).
func (x *DedupeIndex) idfs() []float64 {
	if x.opts.Measure != SimilarityCosineTFIDF {
		return nil
	}
	out := make([]float64, len(x.df))
	for v, d := range x.df {
		out[v] = idf(x.docs, int(d))
	}
	return out
}

// cosine clamps a cosine computed in floating point to [0, 1].
func cosine(dot, na, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	return min(max(dot/(na*nb), 0), 1)
}

// signatureOf computes the band keys of normalized text t into keys.
func (x *DedupeIndex) signatureOf(t string, keys []uint64) {
	x.bases = x.bases[:0]
	eachShingle(t, x.opts.Shingling, func(s string) { x.bases = append(x.bases, fnv64(s)) })
	slices.Sort(x.bases)
	x.bases = slices.Compact(x.bases)
	signature(x.sig, x.bases, x.opts.Seed, x.ha, x.hb)
	bandKeys(keys, x.sig, x.rows)
}

// kindOf classifies a similarity at or above the similar threshold.
func (x *DedupeIndex) kindOf(j float64) MatchKind {
	if j >= x.opts.duplicate() {
		return MatchDuplicate
	}
	return MatchSimilar
}

// Pairs returns every pair of texts in the index at or above the similar threshold: exact
// duplicates by normalized text, and LSH candidates verified by exact Jaccard. It returns
// a *[LimitError] when the search would verify more than MaxCandidates candidate pairs or
// report more than MaxPairs pairs. It is PairsContext without cancellation.
func (x *DedupeIndex) Pairs() (*DuplicateReport, error) {
	return x.PairsContext(context.Background())
}

// PairsContext is Pairs that stops when ctx is done, returning ctx.Err() (checked every
// 1024 candidate pairs and once per band of the candidate sweep).
func (x *DedupeIndex) PairsContext(ctx context.Context) (*DuplicateReport, error) {
	if x == nil {
		return nil, nilError("feedback: dedupe index", "index")
	}
	if ctx == nil {
		return nil, nilError("feedback: dedupe index", "ctx")
	}
	r, err := x.startReport()
	if err != nil {
		return nil, err
	}
	sim := x.opts.similar()
	maxCand := x.opts.maxCandidates()
	jaccard := x.opts.Measure == SimilarityJaccard
	// eachCandidate visits pairs by ascending g, so g's shingles are marked once and each
	// candidate's intersection is a count (or, for cosine, a dot product) of marked
	// shingles.
	mark := make([]int32, len(x.vocab))
	for i := range mark {
		mark[i] = -1
	}
	marked := int32(-1)
	var (
		idfs  []float64
		tmark []uint32 // cosine: the marked g's term frequency per shingle ID
		norms []float64
		acc   cosineSum
	)
	if !jaccard {
		idfs = x.idfs()
		tmark = make([]uint32, len(x.vocab))
		norms = make([]float64, len(x.members))
		for g := range norms {
			norms[g] = x.norm(int32(g), idfs, &acc)
		}
	}
	err = x.eachCandidate(ctx, func(g, h int32) error {
		if r.Candidates >= maxCand {
			return &LimitError{Limit: "max_candidates", Max: maxCand}
		}
		r.Candidates++
		if r.Candidates&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		sg, sh := x.set(g), x.set(h)
		if !jaccard {
			if g != marked {
				for i, s := range sg {
					mark[s], tmark[s] = g, x.tf(g)[i]
				}
				marked = g
			}
			acc.reset()
			th := x.tf(h)
			for i, s := range sh {
				if mark[s] != g {
					continue
				}
				p := int64(tmark[s]) * int64(th[i])
				if idfs != nil {
					acc.addFloat(float64(p) * idfs[s] * idfs[s])
				} else {
					acc.addInt(p)
				}
			}
			if c := cosine(acc.total(), norms[g], norms[h]); c >= sim {
				return x.addGroupPairs(r, g, h, c)
			}
			return nil
		}
		if float64(min(len(sg), len(sh)))/float64(max(len(sg), len(sh))) < sim {
			return nil // J <= |smaller| / |larger| < sim (rounding is monotone): skip the count.
		}
		if g != marked {
			for _, s := range sg {
				mark[s] = g
			}
			marked = g
		}
		inter := 0
		for _, s := range sh {
			if mark[s] == g {
				inter++
			}
		}
		j := float64(inter) / float64(len(sg)+len(sh)-inter)
		if j < sim {
			return nil
		}
		return x.addGroupPairs(r, g, h, j)
	})
	if err != nil {
		return nil, err
	}
	r.sortPairs()
	return r, nil
}

// startReport begins a report with the index's counts and every exact-duplicate pair,
// after checking that their number is within MaxPairs.
func (x *DedupeIndex) startReport() (*DuplicateReport, error) {
	maxPairs := x.opts.maxPairs()
	n := 0
	for _, m := range x.members {
		// k(k-1)/2 more pairs, counted without overflow.
		k := uint64(len(m))
		hi, lo := bits.Mul64(k, max(k, 1)-1)
		if hi != 0 || lo/2 > uint64(maxPairs-n) {
			return nil, &LimitError{Limit: "max_pairs", Max: maxPairs}
		}
		n += int(lo / 2)
	}
	r := &DuplicateReport{Shingling: x.opts.Shingling, Measure: x.opts.Measure,
		Items: len(x.ids), Distinct: len(x.members), Empty: slices.Sorted(slices.Values(x.empty)),
		Pairs: make([]DuplicatePair, 0, n)}
	for _, m := range x.members {
		for i := range m {
			for _, b := range m[i+1:] {
				r.addPair(m[i], b, 1, MatchExact)
			}
		}
	}
	return r, nil
}

// addGroupPairs records every pair of items across groups g and h, whose texts have
// Jaccard similarity j, or returns a *LimitError when that would exceed MaxPairs.
func (x *DedupeIndex) addGroupPairs(r *DuplicateReport, g, h int32, j float64) error {
	mg, mh := x.members[g], x.members[h]
	if room := x.opts.maxPairs() - len(r.Pairs); len(mg) > room || len(mh) > room/len(mg) {
		return &LimitError{Limit: "max_pairs", Max: x.opts.maxPairs()}
	}
	k := x.kindOf(j)
	for _, a := range mg {
		for _, b := range mh {
			r.addPair(a, b, j, k)
		}
	}
	return nil
}

// addPair records the pair with its smaller ID first.
func (r *DuplicateReport) addPair(a, b ItemID, j float64, k MatchKind) {
	if b < a {
		a, b = b, a
	}
	r.Pairs = append(r.Pairs, DuplicatePair{A: a, B: b, Similarity: j, Kind: k})
}

// sortPairs orders the pairs by A, then B.
func (r *DuplicateReport) sortPairs() {
	slices.SortFunc(r.Pairs, func(p, q DuplicatePair) int { return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B)) })
}

// eachCandidate calls visit once for every pair of groups g < h that share a band key, and
// stops at the first error visit returns, or when ctx is done (checked once per band).
//
// Per band, the groups are sorted by the high 32 bits of their key (a radix sort of
// key<<32 | group; dropping the low key bits can only add candidates, which verification
// removes). Runs of equal keys longer than one are recorded per group, then each group
// meets the members of its runs, with a stamp per group so each pair is visited once.
func (x *DedupeIndex) eachCandidate(ctx context.Context, visit func(g, h int32) error) error {
	n, nb := len(x.members), x.bands
	if n < 2 {
		return nil
	}
	const gmask = 1<<32 - 1
	order := make([]uint64, n*nb) // per band, sorted (key high bits | group)
	tmp := make([]uint64, n)
	type run struct{ start, end int32 }
	var runs []run
	count := make([]int32, n+1) // runs per group, then offsets
	var runOf []int32           // run index per (band, position) for positions in long runs
	for b := range nb {
		if err := ctx.Err(); err != nil {
			return err
		}
		col := order[b*n : (b+1)*n]
		for g := range n {
			col[g] = x.keys[g*nb+b]&^gmask | uint64(g)
		}
		radixSortHigh32(col, tmp)
		for i := 0; i < n; {
			j := i + 1
			for j < n && col[j]&^gmask == col[i]&^gmask {
				j++
			}
			if j-i > 1 {
				runs = append(runs, run{int32(b*n + i), int32(b*n + j)})
				for _, e := range col[i:j] {
					count[e&gmask+1]++
				}
			}
			i = j
		}
	}
	for g := range n {
		count[g+1] += count[g]
	}
	runOf = make([]int32, count[n])
	fill := slices.Clone(count[:n])
	for r, rr := range runs {
		for _, e := range order[rr.start:rr.end] {
			g := e & gmask
			runOf[fill[g]] = int32(r)
			fill[g]++
		}
	}
	stamp := make([]int32, n)
	for g := range stamp {
		stamp[g] = -1
	}
	for g := range int32(n) {
		for _, r := range runOf[count[g]:count[g+1]] {
			for _, e := range order[runs[r].start:runs[r].end] {
				if h := int32(e & gmask); h > g && stamp[h] != g {
					stamp[h] = g
					if err := visit(g, h); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// radixSortHigh32 sorts v by its high 32 bits, stably (three passes of 11, 11 and 10 bits),
// using tmp (len(v)) as scratch. v's low 32 bits hold the group number in ascending order,
// so the result is sorted as integers.
func radixSortHigh32(v, tmp []uint64) {
	src, dst := v, tmp
	for _, p := range [3][2]uint{{32, 11}, {43, 11}, {54, 10}} {
		shift, width := p[0], p[1]
		mask := uint64(1)<<width - 1
		var count [1 << 11]int
		for _, e := range src {
			count[e>>shift&mask]++
		}
		sum := 0
		for i, c := range count[:1<<width] {
			count[i] = sum
			sum += c
		}
		for _, e := range src {
			d := e >> shift & mask
			dst[count[d]] = e
			count[d]++
		}
		src, dst = dst, src
	}
	copy(v, src) // after three passes the result is in tmp
}

// Suggestion is an indexed item found alike to a new text.
type Suggestion struct {
	// Item is the indexed item.
	Item ItemID `json:"item"`
	// Similarity is the exact similarity with the query under the index's measure, in
	// [0, 1] (under tf-idf, with the idf of the indexed corpus; the query is not part of
	// it).
	Similarity float64 `json:"similarity"`
	// Kind classifies the match by the thresholds.
	Kind MatchKind `json:"kind"`
}

// Suggest returns the indexed items alike to text (at or above the similar threshold), most
// similar first, then by ID, at most limit of them (all when limit <= 0). Exact duplicates
// come first with similarity 1; the rest are LSH candidates verified by the exact measure.
// The index is not changed: use it to show "is this what you meant?" while someone types.
func (x *DedupeIndex) Suggest(text string, limit int) []Suggestion {
	if x == nil {
		return nil
	}
	t := Normalize(text, x.opts.Normalize)
	if t == "" {
		return nil
	}
	var out []Suggestion
	exact := int32(-1)
	if g, ok := x.groupOf[t]; ok {
		exact = g
		for _, id := range x.members[g] {
			out = append(out, Suggestion{Item: id, Similarity: 1, Kind: MatchExact})
		}
	}
	// The query's set: known shingle IDs plus unknown shingles, with their counts.
	var set []uint32
	seenUnknown := map[string]int{}
	eachShingle(t, x.opts.Shingling, func(s string) {
		if v, ok := x.vocab[s]; ok {
			set = append(set, v)
		} else {
			seenUnknown[s]++
		}
	})
	slices.Sort(set)
	tfidf := x.opts.Measure == SimilarityCosineTFIDF
	var qtf []int64 // cosine: the query's term frequency per distinct known shingle
	var qn float64  // cosine: the query's norm
	var acc cosineSum
	if x.opts.Measure != SimilarityJaccard {
		for i := 0; i < len(set); {
			j := i + 1
			for j < len(set) && set[j] == set[i] {
				j++
			}
			t := int64(j - i)
			qtf = append(qtf, t)
			if tfidf {
				w := float64(t) * x.idfOf(set[i], nil)
				acc.addFloat(w * w)
			} else {
				acc.addInt(t * t)
			}
			i = j
		}
		for _, c := range seenUnknown {
			if tfidf {
				w := float64(c) * idf(x.docs, 0)
				acc.addFloat(w * w)
			} else {
				acc.addInt(int64(c) * int64(c))
			}
		}
		qn = math.Sqrt(acc.total())
	}
	set = slices.Compact(set)
	keys := make([]uint64, x.bands)
	q := &DedupeIndex{opts: x.opts, rows: x.rows, sig: make([]uint32, len(x.sig)), ha: x.ha, hb: x.hb}
	q.signatureOf(t, keys)
	seen := map[int32]bool{exact: true}
	sim := x.opts.similar()
	for _, k := range keys {
		for _, g := range x.buckets[k] {
			if seen[g] {
				continue
			}
			seen[g] = true
			var j float64
			if x.opts.Measure == SimilarityJaccard {
				j = jaccardWithUnknown(set, len(seenUnknown), x.set(g))
			} else {
				ng := x.norm(g, nil, &acc)
				j = cosine(x.dotQuery(set, qtf, g, &acc), qn, ng)
			}
			if j < sim {
				continue
			}
			for _, id := range x.members[g] {
				out = append(out, Suggestion{Item: id, Similarity: j, Kind: x.kindOf(j)})
			}
		}
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		return cmp.Or(cmp.Compare(exactFirst(a.Kind), exactFirst(b.Kind)), cmp.Compare(b.Similarity, a.Similarity), cmp.Compare(a.Item, b.Item))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func exactFirst(k MatchKind) int {
	if k == MatchExact {
		return 0
	}
	return 1
}

// dotQuery is the cosine dot product of a query, given as sorted shingle IDs and their
// term frequencies, with group g.
func (x *DedupeIndex) dotQuery(a []uint32, tfa []int64, g int32, acc *cosineSum) float64 {
	acc.reset()
	b, tfb := x.set(g), x.tf(g)
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			p := tfa[i] * int64(tfb[j])
			if x.opts.Measure == SimilarityCosineTFIDF {
				w := x.idfOf(a[i], nil)
				acc.addFloat(float64(p) * w * w)
			} else {
				acc.addInt(p)
			}
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return acc.total()
}

// jaccardWithUnknown is Jaccard of a set given as known IDs plus unknown extra elements
// against an indexed set.
func jaccardWithUnknown(a []uint32, extra int, b []uint32) float64 {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+extra+len(b)-inter)
}

// FindDuplicates is FindDuplicatesContext without cancellation.
func FindDuplicates(items []Item, opts DedupeOptions) (*DuplicateReport, error) {
	return FindDuplicatesContext(context.Background(), items, opts)
}

// FindDuplicatesContext finds every pair of items whose texts are exact duplicates after
// normalization, duplicates, or similar but not duplicates, as opts defines. Candidates come
// from MinHash with LSH banding and are verified by exact Jaccard, so every reported
// similarity is exact; a pair can be missed with the probability given by
// [DedupeOptions.CandidateProbability]. The result depends only on the items' IDs and texts
// and the options, never on the order of items. It returns a validation error for bad
// options, an empty ID or a repeated ID; a *[LimitError] when the items exceed MaxBandKeys
// (checked before anything is built) or the search exceeds MaxCandidates or MaxPairs; and
// ctx.Err() when ctx is done (checked every 1024 items and as [DedupeIndex.PairsContext]
// does).
func FindDuplicatesContext(ctx context.Context, items []Item, opts DedupeOptions) (*DuplicateReport, error) {
	if ctx == nil {
		return nil, nilError("feedback: find duplicates", "ctx")
	}
	e := validation.New("feedback: find duplicates")
	optErr := opts.Validate()
	if optErr == nil && len(items) > opts.maxItems() {
		return nil, &LimitError{Limit: "max_band_keys", Max: opts.maxBandKeys()}
	}
	e.Merge("options", optErr)
	seen := make(map[ItemID]int, len(items))
	for i, it := range items {
		if it.ID == "" {
			e.Add(fmt.Sprintf("items[%d].id", i), "required", "", "is required")
		} else if j, dup := seen[it.ID]; dup {
			e.Addf(fmt.Sprintf("items[%d].id", i), "unique", "%s repeats items[%d]", quoteID(string(it.ID)), j)
		} else {
			seen[it.ID] = i
		}
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	x := newIndexNoCheck(opts, false)
	for i, it := range items {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		_ = x.Add(it.ID, it.Text) // IDs and the size were checked above.
	}
	return x.PairsContext(ctx)
}
