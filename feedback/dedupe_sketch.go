package feedback

import (
	"slices"
	"strings"

	"github.com/productops/productops/internal/validation"
)

// DedupeSketch is what near-duplicate detection needs to know about one text, computed
// alone so that texts can be spread over many machines (Apache Beam): the normalized
// text, which groups exact duplicates; its distinct shingles, which exact Jaccard compares;
// and its LSH bucket keys, one per band, which bring candidate pairs together. It is a plain
// value with exported fields, so any encoder carries it.
type DedupeSketch struct {
	// Text is the normalized text. Items with equal Text are exact duplicates; an empty
	// Text has nothing to compare and is never matched.
	Text string `json:"text"`
	// Shingles are the distinct shingles of Text, sorted.
	Shingles []string `json:"shingles"`
	// Keys holds one bucket key per band: the band number in the high 32 bits and the
	// high 32 bits of the band's MinHash hash in the low 32 bits, the key [DedupeIndex]
	// groups by. Two texts are a candidate pair when they share a key. Empty when Text is.
	Keys []uint64 `json:"keys"`
}

// DedupeSketcher computes [DedupeSketch]es and compares them exactly as a [DedupeIndex]
// with the same options does, so that a distributed run (sketch every text, group exact
// duplicates by Text, group texts by each of their Keys, Compare the texts that share a
// key) finds the same pairs with the same similarities as [FindDuplicates]:
//
//   - the pairs of items with equal Text, similarity 1, [MatchExact];
//   - for each pair of distinct Texts sharing at least one key (a candidate, counted once),
//     the pairs of their items when Compare accepts them.
//
// A DedupeSketcher is not safe for concurrent use; give each goroutine its own.
type DedupeSketcher struct {
	x *DedupeIndex
}

// NewDedupeSketcher returns a sketcher for opts, or the options' validation error. Sketches
// compare by exact Jaccard only: a Measure other than [SimilarityJaccard] is an error.
func NewDedupeSketcher(opts DedupeOptions) (*DedupeSketcher, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.Measure != SimilarityJaccard {
		e := validation.New("feedback: dedupe sketcher")
		e.Add("measure", "eq", "jaccard", "must be jaccard: sketches compare shingle sets")
		return nil, e.Err()
	}
	return &DedupeSketcher{x: newIndexNoCheck(opts, false)}, nil
}

// Options returns the options the sketcher was made with.
func (s *DedupeSketcher) Options() DedupeOptions { return s.x.opts }

// Sketch normalizes text and returns its sketch.
func (s *DedupeSketcher) Sketch(text string) DedupeSketch {
	return s.SketchNormalized(Normalize(text, s.x.opts.Normalize))
}

// SketchNormalized returns the sketch of t, a text already normalized with the sketcher's
// options (Normalize(text, opts.Normalize)); a distributed run normalizes every item,
// groups exact duplicates, and sketches each distinct text once.
func (s *DedupeSketcher) SketchNormalized(t string) DedupeSketch {
	if t == "" {
		return DedupeSketch{}
	}
	sk := DedupeSketch{Text: t}
	eachShingle(t, s.x.opts.Shingling, func(sh string) { sk.Shingles = append(sk.Shingles, sh) })
	slices.Sort(sk.Shingles)
	sk.Shingles = slices.Compact(sk.Shingles)
	sk.Keys = make([]uint64, s.x.bands)
	s.x.signatureOf(t, sk.Keys)
	const high = ^uint64(1<<32 - 1)
	for b, k := range sk.Keys {
		sk.Keys[b] = uint64(b)<<32 | (k&high)>>32
	}
	return sk
}

// Compare returns the exact Jaccard similarity of two sketches' shingle sets and its kind,
// and ok = false when it is below the similar threshold or either text is empty (the pair
// is not reported). Equal texts give 1, [MatchExact].
func (s *DedupeSketcher) Compare(a, b DedupeSketch) (similarity float64, kind MatchKind, ok bool) {
	if a.Text == "" || b.Text == "" {
		return 0, 0, false
	}
	if a.Text == b.Text {
		return 1, MatchExact, true
	}
	sa, sb := a.Shingles, b.Shingles
	if float64(min(len(sa), len(sb)))/float64(max(len(sa), len(sb))) < s.x.opts.similar() {
		return 0, 0, false // as DedupeIndex.Pairs: J <= |smaller| / |larger|
	}
	inter := 0
	for i, j := 0, 0; i < len(sa) && j < len(sb); {
		switch strings.Compare(sa[i], sb[j]) {
		case 0:
			inter++
			i++
			j++
		case -1:
			i++
		default:
			j++
		}
	}
	// The same expression as DedupeIndex.Pairs, so the same float64.
	similarity = float64(inter) / float64(len(sa)+len(sb)-inter)
	if similarity < s.x.opts.similar() {
		return 0, 0, false
	}
	return similarity, s.x.kindOf(similarity), true
}
