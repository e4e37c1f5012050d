package feedback

import (
	"github.com/productops/productops/internal/enum"
	"slices"
	"strings"
	"unicode/utf8"
)

// Shingling names the sets that Jaccard similarity compares. The zero value is
// [WordUnigrams].
//
// Short feedback (a line or two) needs small shingles: with word 2- or 3-shingles even clear
// paraphrases of a one-line request share almost nothing (domain study §3.2, §7.12), so only
// these two are offered.
type Shingling uint8

// Shinglings.
const (
	// WordUnigrams compares the sets of distinct words of the normalized text.
	WordUnigrams Shingling = iota
	// CharTrigrams compares the sets of distinct 3-rune substrings of the normalized text
	// (spaces included); a text of 1 or 2 runes is a single shingle. More tolerant of typos
	// and inflections than words.
	CharTrigrams
)

var shinglingSet = enum.Set[Shingling]{Subject: "feedback: shingling", Kind: "shingling", Names: []string{"word_unigrams", "char_trigrams"}}

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
	for len(t) > 0 {
		w, rest, _ := strings.Cut(t, " ")
		f(w)
		t = rest
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
