package feedback

import (
	"cmp"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/productops/productops"
	"github.com/productops/productops/internal/proptest"
)

// sketchPairs runs the distributed recipe of DedupeSketcher in one process, the way a
// MapReduce would: group by Text, group by key, compare each candidate once.
func sketchPairs(t *testing.T, items []Item, opts DedupeOptions) *DuplicateReport {
	t.Helper()
	s, err := NewDedupeSketcher(opts)
	if err != nil {
		t.Fatal(err)
	}
	r := &DuplicateReport{Items: len(items), Shingling: opts.Shingling, Measure: opts.Measure}
	groups := map[string][]ItemID{}
	sketches := map[string]DedupeSketch{}
	for _, it := range items {
		sk := s.Sketch(it.Text)
		if sk.Text == "" {
			r.Empty = append(r.Empty, it.ID)
			continue
		}
		groups[sk.Text] = append(groups[sk.Text], it.ID)
		sketches[sk.Text] = sk
	}
	slices.Sort(r.Empty)
	r.Distinct = len(groups)
	buckets := map[uint64][]string{}
	for text, sk := range sketches {
		for _, k := range sk.Keys {
			buckets[k] = append(buckets[k], text)
		}
	}
	type pair struct{ a, b string }
	candidates := map[pair]bool{}
	for _, texts := range buckets {
		for i, a := range texts {
			for _, b := range texts[i+1:] {
				candidates[pair{min(a, b), max(a, b)}] = true
			}
		}
	}
	r.Candidates = len(candidates)
	add := func(a, b ItemID, j float64, k MatchKind) {
		r.Pairs = append(r.Pairs, DuplicatePair{A: min(a, b), B: max(a, b), Similarity: j, Kind: k})
	}
	for _, ids := range groups {
		for i, a := range ids {
			for _, b := range ids[i+1:] {
				add(a, b, 1, MatchExact)
			}
		}
	}
	for p := range candidates {
		j, k, ok := s.Compare(sketches[p.a], sketches[p.b])
		if !ok {
			continue
		}
		for _, a := range groups[p.a] {
			for _, b := range groups[p.b] {
				add(a, b, j, k)
			}
		}
	}
	slices.SortFunc(r.Pairs, func(p, q DuplicatePair) int { return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B)) })
	return r
}

func TestDedupeSketcherMatchesFindDuplicates(t *testing.T) {
	for _, opts := range []DedupeOptions{{}, {Shingling: CharTrigrams}, {Bands: 20, Rows: 3, Seed: 9, SimilarThreshold: 0.3}} {
		items := syntheticItems(3000, 7)
		items = append(items, Item{ID: "empty1", Text: "?!"}, Item{ID: "dup-of-0", Text: items[0].Text})
		want, err := FindDuplicates(items, opts)
		if err != nil {
			t.Fatal(err)
		}
		got := sketchPairs(t, items, opts)
		if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%+v: (-FindDuplicates +sketches):\n%s", opts, diff)
		}
		if len(want.Pairs) == 0 || want.Candidates == 0 {
			t.Errorf("%+v: the corpus has no pairs; the test cannot fail", opts)
		}
	}
}

// Property: on random corpora of near-duplicate texts over a small vocabulary, the
// sketches find exactly FindDuplicates' report, whatever the options' seed and shape.
func TestDedupeSketcherProperty(t *testing.T) {
	properties := gopter.NewProperties(proptest.Parameters(t))
	words := []string{"export", "csv", "dark", "mode", "sso", "login", "slow", "page", "api", "key", "the", "please"}
	properties.Property("sketch recipe equals FindDuplicates", prop.ForAll(
		func(seed uint64, n, bands, rows int) bool {
			r := rand.New(rand.NewPCG(seed, 5))
			items := make([]Item, n)
			for i := range items {
				var text []byte
				for range 1 + r.IntN(6) {
					text = append(text, words[r.IntN(len(words))]...)
					text = append(text, ' ')
				}
				items[i] = Item{ID: ItemID(rune('a'+i%26)) + ItemID(rune('a'+i/26)), Text: string(text)}
			}
			opts := DedupeOptions{Bands: bands, Rows: rows, Seed: seed, Shingling: Shingling(seed % 2)}
			want, err := FindDuplicates(items, opts)
			if err != nil {
				t.Fatal(err)
			}
			return gocmp.Equal(want, sketchPairs(t, items, opts), cmpopts.EquateEmpty())
		},
		gen.UInt64(), gen.IntRange(0, 120), gen.IntRange(1, 40), gen.IntRange(1, 6),
	))
	properties.TestingRun(t)
}

func TestDedupeSketcher(t *testing.T) {
	if _, err := NewDedupeSketcher(DedupeOptions{Bands: -1}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad options: err = %v", err)
	}
	s, err := NewDedupeSketcher(DedupeOptions{Bands: 8, SimilarThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if s.Options().Bands != 8 {
		t.Errorf("Options = %+v", s.Options())
	}
	a, b, e := s.Sketch("Export to CSV please"), s.Sketch("export to csv, please!"), s.Sketch("?!")
	if e.Text != "" || e.Keys != nil || e.Shingles != nil {
		t.Errorf("empty text sketch = %+v", e)
	}
	if len(a.Keys) != 8 || a.Keys[3]>>32 != 3 {
		t.Errorf("keys = %x, want 8 with the band number in the high bits", a.Keys)
	}
	if diff := gocmp.Diff([]string{"csv", "export", "please", "to"}, a.Shingles); diff != "" {
		t.Errorf("shingles (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		x, y  DedupeSketch
		j     float64
		kind  MatchKind
		found bool
	}{
		{a, b, 1, MatchExact, true},
		{a, e, 0, 0, false},
		{e, e, 0, 0, false},
		{a, s.Sketch("export to csv"), 0.75, MatchSimilar, true},
		{a, s.Sketch("export"), 0, 0, false},                   // size filter
		{a, s.Sketch("export csv dark mode now"), 0, 0, false}, // 2 of 7
		{s.Sketch("a b c d e"), s.Sketch("a b c d e f"), 5.0 / 6, MatchDuplicate, true},
	} {
		j, k, ok := s.Compare(tc.x, tc.y)
		if j != tc.j || k != tc.kind || ok != tc.found {
			t.Errorf("Compare(%q, %q) = %v, %v, %v; want %v, %v, %v", tc.x.Text, tc.y.Text, j, k, ok, tc.j, tc.kind, tc.found)
		}
	}
}
