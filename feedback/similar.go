package feedback

import (
	"github.com/productops/productops/internal/enum"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Shingling names the shingles (the features) texts are compared on. The zero value is
// [WordUnigrams].
//
// Short feedback (a line or two) needs small shingles: with word 2- or 3-grams even clear
// paraphrases of a one-line request share almost nothing (domain study §3.2, §7.12), so
// unigrams are the default; word 2- and 3-grams suit longer texts (tickets, notes), where
// they tell "export to csv" from "csv to export".
type Shingling uint8

// Shinglings.
const (
	// WordUnigrams compares the sets of distinct words of the normalized text.
	WordUnigrams Shingling = iota
	// CharTrigrams compares the sets of distinct 3-rune substrings of the normalized text
	// (spaces included); a text of 1 or 2 runes is a single shingle. More tolerant of typos
	// and inflections than words.
	CharTrigrams
	// WordBigrams compares runs of 2 consecutive words ("export to", "to csv"); a text of
	// one word is a single shingle.
	WordBigrams
	// WordTrigrams compares runs of 3 consecutive words; a text of fewer words is a single
	// shingle.
	WordTrigrams
)

var shinglingSet = enum.Set[Shingling]{Subject: "feedback: shingling", Kind: "shingling",
	Names: []string{"word_unigrams", "char_trigrams", "word_bigrams", "word_trigrams"}}

// wordsPerShingle returns k for the word k-gram shinglings, 0 otherwise.
func (s Shingling) wordsPerShingle() int {
	switch s {
	case WordUnigrams:
		return 1
	case WordBigrams:
		return 2
	case WordTrigrams:
		return 3
	}
	return 0
}

// SimilarityMeasure names how two texts' shingles are compared. The zero value is
// [SimilarityJaccard].
type SimilarityMeasure uint8

// Similarity measures, each in [0, 1]. Text forms: "jaccard", "cosine_tf", "cosine_tfidf".
const (
	// SimilarityJaccard: |A∩B| / |A∪B| over the sets of distinct shingles.
	SimilarityJaccard SimilarityMeasure = iota
	// SimilarityCosineTF: the cosine of the term-frequency vectors (how often each
	// shingle occurs): w_A·w_B / (|w_A| |w_B|). Repeats count, unlike Jaccard. On short
	// texts, shared common words alone can reach 0.5, and such pairs (of low Jaccard
	// similarity) are seldom LSH candidates; tf-idf weighs those words down.
	SimilarityCosineTF
	// SimilarityCosineTFIDF: the cosine of tf-idf vectors, w(t, d) = tf(t, d) × idf(t),
	// with scikit-learn's smoothed idf(t) = ln((1 + N) / (1 + df(t))) + 1, where N counts
	// the documents of the corpus and df(t) those containing t. Shingles common to the
	// whole corpus weigh least (the domain study's recommendation for ranking similar
	// requests). In an index the corpus is the indexed items; for a single pair it is the
	// two texts.
	SimilarityCosineTFIDF
)

var measureSimSet = enum.Set[SimilarityMeasure]{Subject: "feedback: similarity measure", Kind: "similarity measure",
	Names: []string{"jaccard", "cosine_tf", "cosine_tfidf"}}

// String returns the measure's text form ("cosine_tfidf").
func (m SimilarityMeasure) String() string { return measureSimSet.String(m) }

// MarshalText encodes the measure as its text form; an undefined value is an error.
func (m SimilarityMeasure) MarshalText() ([]byte, error) { return measureSimSet.Marshal(m) }

// UnmarshalText decodes a text form.
func (m *SimilarityMeasure) UnmarshalText(b []byte) error { return measureSimSet.Unmarshal(m, b) }

// String returns the shingling's text form ("word_unigrams").
func (s Shingling) String() string { return shinglingSet.String(s) }

// MarshalText encodes the shingling as its text form; an undefined value is an error.
func (s Shingling) MarshalText() ([]byte, error) { return shinglingSet.Marshal(s) }

// UnmarshalText decodes a text form written by MarshalText ("char_trigrams").
func (s *Shingling) UnmarshalText(b []byte) error { return shinglingSet.Unmarshal(s, b) }

// eachShingle calls f with every shingle of the normalized text t (repeats included), each
// a substring of t.
func eachShingle(t string, sh Shingling, f func(string)) {
	if t == "" {
		return
	}
	if sh == CharTrigrams {
		if utf8.RuneCountInString(t) < 3 {
			f(t)
			return
		}
		// i0, i1, i2 are the byte offsets of three consecutive runes.
		i0 := 0
		_, w0 := utf8.DecodeRuneInString(t)
		i1 := w0
		_, w1 := utf8.DecodeRuneInString(t[i1:])
		i2 := i1 + w1
		for i2 < len(t) {
			_, w2 := utf8.DecodeRuneInString(t[i2:])
			f(t[i0 : i2+w2])
			i0, i1, i2 = i1, i2, i2+w2
		}
		return
	}
	k := sh.wordsPerShingle()
	if k <= 1 {
		for len(t) > 0 {
			w, rest, _ := strings.Cut(t, " ")
			f(w)
			t = rest
		}
		return
	}
	// Word k-grams: a window of k words, as substrings of t (words are separated by one
	// space after normalization). starts holds the offsets of the window's words.
	var starts [3]int
	n, wordStart := 0, 0 // words seen, offset of the current word
	for i := 0; i <= len(t); i++ {
		if i < len(t) && t[i] != ' ' {
			continue
		}
		starts[n%k] = wordStart // word n is t[wordStart:i]
		n++
		if n >= k {
			f(t[starts[(n-k)%k]:i])
		}
		wordStart = i + 1
	}
	if n < k {
		f(t)
	}
}

// Shingles returns the distinct shingles of text after normalization, sorted: the set that
// [Jaccard] compares.
func Shingles(text string, opts DedupeOptions) []string {
	var out []string
	eachShingle(Normalize(text, opts.Normalize), opts.Shingling, func(s string) { out = append(out, s) })
	slices.Sort(out)
	return slices.Compact(out)
}

// Jaccard returns the exact Jaccard similarity |A∩B| / |A∪B| of the shingle sets of a and b
// (normalized and shingled as opts says; thresholds and LSH settings are not used), in
// [0, 1]. It returns false when both sets are empty (nothing to compare: the similarity is
// undefined), and 0, true when only one is.
func Jaccard(a, b string, opts DedupeOptions) (float64, bool) {
	sa, sb := Shingles(a, opts), Shingles(b, opts)
	if len(sa) == 0 && len(sb) == 0 {
		return 0, false
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
	return float64(inter) / float64(len(sa)+len(sb)-inter), true
}

// Similarity returns the exact similarity of a and b under opts.Measure, in [0, 1]: the
// texts are normalized and shingled as opts says; thresholds and LSH settings are not used.
// Under [SimilarityCosineTFIDF] the corpus is the two texts (N = 2), so a shingle both
// contain weighs idf 1 and one only one contains ln(3/2) + 1; an index weighs by its own
// corpus instead. It returns false when both texts have no shingles (the similarity is
// undefined), and 0, true when only one has none.
func Similarity(a, b string, opts DedupeOptions) (float64, bool) {
	if opts.Measure == SimilarityJaccard || !measureSimSet.Valid(opts.Measure) {
		return Jaccard(a, b, opts)
	}
	count := func(s string) map[string]int {
		m := map[string]int{}
		eachShingle(Normalize(s, opts.Normalize), opts.Shingling, func(x string) { m[x]++ })
		return m
	}
	ca, cb := count(a), count(b)
	if len(ca) == 0 && len(cb) == 0 {
		return 0, false
	}
	// Products of term frequencies, weighted by idf² under tf-idf, summed in an order
	// that does not depend on map iteration (see cosineSum).
	tfidf := opts.Measure == SimilarityCosineTFIDF
	add := func(acc *cosineSum, p int, shared bool) {
		if !tfidf {
			acc.addInt(int64(p))
			return
		}
		df := 1
		if shared {
			df = 2
		}
		w := idf(2, df)
		acc.addFloat(float64(p) * w * w)
	}
	var dot, na, nb cosineSum
	for s, n := range ca {
		m, shared := cb[s]
		add(&na, n*n, shared)
		if shared {
			add(&dot, n*m, true)
		}
	}
	for s, m := range cb {
		_, shared := ca[s]
		add(&nb, m*m, shared)
	}
	return cosine(dot.total(), math.Sqrt(na.total()), math.Sqrt(nb.total())), true
}
