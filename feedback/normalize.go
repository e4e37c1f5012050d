package feedback

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NormalizeOptions configures [Normalize]. The zero value applies every step: Unicode NFKC,
// full case folding, diacritic folding, punctuation and symbols to spaces, and whitespace
// collapsed.
type NormalizeOptions struct {
	// KeepCase skips case folding.
	KeepCase bool `json:"keep_case,omitempty"`
	// KeepDiacritics skips diacritic folding (by default "é" becomes "e": the text is
	// decomposed, combining marks are removed, and the result is recomposed).
	KeepDiacritics bool `json:"keep_diacritics,omitempty"`
	// KeepPunctuation keeps punctuation and symbols instead of turning them into spaces.
	KeepPunctuation bool `json:"keep_punctuation,omitempty"`
}

// foldPool holds case-folding and diacritic-folding transformers, which are not safe for
// concurrent use.
var foldPool = sync.Pool{New: func() any {
	return &folders{
		fold:       cases.Fold(),
		diacritics: transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC),
	}
}}

type folders struct {
	fold       cases.Caser
	diacritics transform.Transformer
}

// Normalize prepares text for comparison: invalid UTF-8 is replaced by U+FFFD (a symbol, so
// a space unless punctuation is kept), then Unicode
// NFKC ("ﬁ" becomes "fi", full-width letters become ASCII), full case folding ("Straße"
// becomes "strasse"), diacritic folding ("Café" becomes "cafe"), punctuation and symbols
// become spaces, and runs of white space become one space with none at either end. Each step
// but the first and last can be turned off in opts. Normalize is safe for concurrent use.
func Normalize(s string, opts NormalizeOptions) string {
	if isASCII(s) {
		return normalizeASCII(s, opts)
	}
	return normalizeGeneral(s, opts)
}

// normalizeGeneral is Normalize for any text.
func normalizeGeneral(s string, opts NormalizeOptions) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = norm.NFKC.String(s)
	if !opts.KeepCase || !opts.KeepDiacritics {
		f := foldPool.Get().(*folders)
		if !opts.KeepCase {
			f.fold.Reset()
			s = f.fold.String(s)
		}
		if !opts.KeepDiacritics {
			f.diacritics.Reset()
			if out, _, err := transform.String(f.diacritics, s); err == nil {
				s = out
			}
		}
		foldPool.Put(f)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		sep := unicode.IsSpace(r) || (!opts.KeepPunctuation && (unicode.IsPunct(r) || unicode.IsSymbol(r))) || unicode.IsControl(r)
		if sep {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// normalizeASCII is Normalize for ASCII text, where NFKC and diacritic folding are the
// identity and case folding is lower-casing.
func normalizeASCII(s string, opts NormalizeOptions) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ', c >= '\t' && c <= '\r', c < ' ', c == 0x7f:
			space = len(b) > 0
			continue
		case !opts.KeepPunctuation && !isAlnumASCII(c):
			space = len(b) > 0
			continue
		}
		if !opts.KeepCase && c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return string(b)
}

func isAlnumASCII(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// ContentHash returns the hex SHA-256 of the normalized text: equal hashes mean exact
// duplicates after normalization (store it to find repeats without keeping the text).
func ContentHash(s string, opts NormalizeOptions) string {
	sum := sha256.Sum256([]byte(Normalize(s, opts)))
	return hex.EncodeToString(sum[:])
}
