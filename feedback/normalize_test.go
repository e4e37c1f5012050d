package feedback

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in   string
		opts NormalizeOptions
		want string
	}{
		// Domain study §3.1 and §9 V16: diacritic folding makes these two equal.
		{"Café menu — résumé export", NormalizeOptions{}, "cafe menu resume export"},
		{"CAFE menu, resume export", NormalizeOptions{}, "cafe menu resume export"},
		{"Café", NormalizeOptions{KeepDiacritics: true}, "café"},
		{"Café", NormalizeOptions{KeepCase: true}, "Cafe"},
		{"Straße", NormalizeOptions{}, "strasse"},
		{"ﬁle ＥＸＰＯＲＴ", NormalizeOptions{}, "file export"},
		{"  a\t\tb\n", NormalizeOptions{}, "a b"},
		{"C++ & C#!", NormalizeOptions{}, "c c"},
		{"C++ & C#!", NormalizeOptions{KeepPunctuation: true}, "c++ & c#!"},
		{"Ünïcödé C++", NormalizeOptions{KeepPunctuation: true}, "unicode c++"},
		{"Please: EXPORT to CSV!!", NormalizeOptions{KeepCase: true}, "Please EXPORT to CSV"},
		{"bad \xff byte", NormalizeOptions{}, "bad byte"},
		{"bad \xff byte", NormalizeOptions{KeepPunctuation: true}, "bad \ufffd byte"},
		{"...", NormalizeOptions{}, ""},
		{"", NormalizeOptions{}, ""},
	}
	for _, tc := range tests {
		if got := Normalize(tc.in, tc.opts); got != tc.want {
			t.Errorf("Normalize(%q, %+v) = %q, want %q", tc.in, tc.opts, got, tc.want)
		}
	}
}

func TestContentHash(t *testing.T) {
	a := ContentHash("Café menu — résumé export", NormalizeOptions{})
	b := ContentHash("CAFE menu, resume export", NormalizeOptions{})
	c := ContentHash("Café menu", NormalizeOptions{})
	if a != b || a == c || len(a) != 64 {
		t.Errorf("hashes %s %s %s", a, b, c)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Café menu — résumé export", "ﬁ", "Straße", "\xff", "a  b", "İstanbul", "ǅ"} {
		f.Add(s, false, false, false)
	}
	f.Fuzz(func(t *testing.T, s string, keepCase, keepDia, keepPunct bool) {
		opts := NormalizeOptions{KeepCase: keepCase, KeepDiacritics: keepDia, KeepPunctuation: keepPunct}
		var got string
		guard(t, guardTime, guardAlloc, func() { got = Normalize(s, opts) })
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 %q", got)
		}
		if len(got) > 0 && (got[0] == ' ' || got[len(got)-1] == ' ') {
			t.Fatalf("untrimmed %q", got)
		}
		for i := 1; i < len(got); i++ {
			if got[i] == ' ' && got[i-1] == ' ' {
				t.Fatalf("double space in %q", got)
			}
		}
		if isASCII(s) {
			// The ASCII fast path must agree with the general path.
			if slow := normalizeGeneral(s, opts); slow != got {
				t.Fatalf("ascii fast path %q, general %q", got, slow)
			}
		}
	})
}
