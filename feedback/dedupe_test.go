package feedback

import (
	"errors"
	"fmt"
	"github.com/productops/productops/internal/fieldtest"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/productops/productops"
	"github.com/productops/productops/internal/proptest"
)

func TestJaccard(t *testing.T) {
	tests := []struct {
		a, b    string
		opts    DedupeOptions
		want    float64
		defined bool
	}{
		// Domain study §3.1 / §9 V16: diacritic folding moves this pair from 1/3 to 1.
		{"Café menu — résumé export", "CAFE menu, resume export", DedupeOptions{}, 1, true},
		{"Café menu — résumé export", "CAFE menu, resume export", DedupeOptions{Normalize: NormalizeOptions{KeepDiacritics: true}}, 1.0 / 3, true},
		// {export,to,csv,please} vs {please,export,to,csv,file}: 4/5.
		{"Export to CSV please", "please export to CSV file", DedupeOptions{}, 0.8, true},
		// Character 3-grams: {abc,bcd} vs {abc,bce}: 1/3.
		{"abcd", "abce", DedupeOptions{Shingling: CharTrigrams}, 1.0 / 3, true},
		{"ab", "AB", DedupeOptions{Shingling: CharTrigrams}, 1, true},
		{"", "x", DedupeOptions{}, 0, true},
		{"", "!!", DedupeOptions{}, 0, false},
	}
	for _, tc := range tests {
		got, ok := Jaccard(tc.a, tc.b, tc.opts)
		if got != tc.want || ok != tc.defined {
			t.Errorf("Jaccard(%q, %q, %+v) = %v, %v; want %v, %v", tc.a, tc.b, tc.opts, got, ok, tc.want, tc.defined)
		}
	}
	if diff := cmp.Diff([]string{" ex", "exp", "o e", "ort", "por", "to ", "xpo"},
		Shingles("To export", DedupeOptions{Shingling: CharTrigrams})); diff != "" {
		t.Errorf("Shingles (-want +got)\n%s", diff)
	}
}

// corpus is the hand-worked corpus: word sets
//
//	a {export to csv please}  b = a after normalization  c {please export to csv file}
//	d {export reports to csv}  e {dark mode}  f empty
//
// a-b exact; a-c, b-c 4/5 = 0.8 duplicate; a-d, b-d 3/5 = 0.6 similar; c-d 3/6 = 0.5 similar.
func corpus() []Item {
	return []Item{
		{ID: "a", Text: "Export to CSV please"},
		{ID: "b", Text: "export to csv, please!"},
		{ID: "c", Text: "please export to CSV file"},
		{ID: "d", Text: "Export reports to CSV"},
		{ID: "e", Text: "Dark mode"},
		{ID: "f", Text: "?!"},
	}
}

func TestFindDuplicates(t *testing.T) {
	got, err := FindDuplicates(corpus(), DedupeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := &DuplicateReport{
		Pairs: []DuplicatePair{
			{A: "a", B: "b", Similarity: 1, Kind: MatchExact},
			{A: "a", B: "c", Similarity: 0.8, Kind: MatchDuplicate},
			{A: "a", B: "d", Similarity: 0.6, Kind: MatchSimilar},
			{A: "b", B: "c", Similarity: 0.8, Kind: MatchDuplicate},
			{A: "b", B: "d", Similarity: 0.6, Kind: MatchSimilar},
			{A: "c", B: "d", Similarity: 0.5, Kind: MatchSimilar},
		},
		Empty: []ItemID{"f"}, Items: 6, Distinct: 4, Candidates: got.Candidates,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	// Duplicates only.
	got, err = FindDuplicates(corpus(), DedupeOptions{SimilarThreshold: 0.8})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Pairs) != 3 {
		t.Errorf("duplicates only: got %+v", got.Pairs)
	}
}

func TestSuggest(t *testing.T) {
	x, err := NewDedupeIndex(DedupeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range corpus() {
		if err := x.Add(it.ID, it.Text); err != nil {
			t.Fatal(err)
		}
	}
	if x.Len() != 6 {
		t.Errorf("Len = %d", x.Len())
	}
	// {please export to csv}: a and b 1 (same words, different order: not exact), c 0.8,
	// d 0.6.
	want := []Suggestion{
		{Item: "a", Similarity: 1, Kind: MatchDuplicate}, {Item: "b", Similarity: 1, Kind: MatchDuplicate},
		{Item: "c", Similarity: 0.8, Kind: MatchDuplicate}, {Item: "d", Similarity: 0.6, Kind: MatchSimilar},
	}
	if diff := cmp.Diff(want, x.Suggest("Please export to CSV", 0)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	// An exact match comes first; a new word ("now") counts in the union.
	want = []Suggestion{{Item: "e", Similarity: 1, Kind: MatchExact}}
	if diff := cmp.Diff(want, x.Suggest("DARK MODE", 1)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if got := x.Suggest("dark mode now", 0); len(got) != 1 || got[0].Similarity != 2.0/3 {
		t.Errorf("got %+v, want e at 2/3", got)
	}
	if got := x.Suggest("...", 0); got != nil {
		t.Errorf("empty query: got %+v", got)
	}
	if err := x.Add("a", "again"); !errors.Is(err, ErrDuplicateID) {
		t.Errorf("duplicate id: got %v", err)
	}
	if err := x.Add("", "x"); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("empty id: got %v", err)
	}
	// Pairs of the index equal FindDuplicates.
	fd, _ := FindDuplicates(corpus(), DedupeOptions{})
	xp, err := x.Pairs()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fd.Pairs, xp.Pairs); diff != "" {
		t.Errorf("index pairs (-want +got)\n%s", diff)
	}
}

func TestDedupeErrors(t *testing.T) {
	_, err := NewDedupeIndex(DedupeOptions{DuplicateThreshold: 1.5, SimilarThreshold: -1, Bands: -1, Rows: -2, Shingling: 7})
	if diff := cmp.Diff([]string{"duplicate_threshold", "similar_threshold", "bands", "rows", "shingling"}, fieldtest.Paths(t, err)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	_, err = NewDedupeIndex(DedupeOptions{DuplicateThreshold: 0.6, SimilarThreshold: 0.7, Bands: 100, Rows: 50})
	if diff := cmp.Diff([]string{"similar_threshold", "bands"}, fieldtest.Paths(t, err)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	_, err = FindDuplicates([]Item{{ID: "a"}, {ID: ""}, {ID: "a"}}, DedupeOptions{Seed: 1})
	if diff := cmp.Diff([]string{"items[1].id", "items[2].id"}, fieldtest.Paths(t, err)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// Recall against the exact all-pairs baseline (the benchmark measures 20,000 and 100,000
// items); every pair reported must be in the baseline with the same similarity.
func TestDedupeRecall(t *testing.T) {
	n := 700
	if testing.Short() {
		n = 400
	}
	all := syntheticItems(n, 7)
	for k, opts := range []DedupeOptions{{Shingling: WordUnigrams}, {Shingling: CharTrigrams}, {Shingling: WordBigrams},
		{Measure: SimilarityCosineTF}, {Shingling: CharTrigrams, Measure: SimilarityCosineTFIDF}, {Measure: SimilarityCosineTFIDF}} {
		sh := fmt.Sprintf("%s/%s", opts.Shingling, opts.Measure)
		items := all
		if k >= 2 {
			items = all[:n*4/7] // the baseline is all pairs: keep the newer variants cheaper
		}
		base := allPairs(items, opts)
		got, err := FindDuplicates(items, opts)
		if err != nil {
			t.Fatal(err)
		}
		want := make(map[[2]ItemID]DuplicatePair, len(base.Pairs))
		for _, p := range base.Pairs {
			want[[2]ItemID{p.A, p.B}] = p
		}
		for _, p := range got.Pairs {
			if w, ok := want[[2]ItemID{p.A, p.B}]; !ok || w != p {
				t.Fatalf("%s: reported %+v, baseline %+v", sh, p, w)
			}
		}
		rd, nd := recall(got, base, opts.duplicate())
		rs, ns := recall(got, base, opts.similar())
		t.Logf("%s: recall %.4f of %d duplicate pairs, %.4f of %d similar pairs; %d candidates vs %d", sh, rd, nd, rs, ns, got.Candidates, base.Candidates)
		// Candidates come from MinHash, which estimates Jaccard. Plain tf cosine of short
		// texts reaches 0.5 on shared stop words alone, far below a Jaccard of 0.5, so
		// its similar pairs are found less often (documented on SimilarityCosineTF).
		minSimilar := 0.9
		if opts.Measure == SimilarityCosineTF {
			minSimilar = 0.6
		}
		if rd < 0.95 || rs < minSimilar || nd < len(items)/20 {
			t.Errorf("%s: recall %.4f (dup, %d pairs), %.4f (similar, %d pairs)", sh, rd, nd, rs, ns)
		}
	}
}

// Properties: dedupe is deterministic, independent of input order, and symmetric.
func TestDedupeProperties(t *testing.T) {
	words := []string{"export", "csv", "Export", "CSV,", "dark", "mode", "café", "cafe", "sso", "login", "to", "please"}
	genText := gen.SliceOfN(6, gen.IntRange(0, len(words)-1)).Map(func(ix []int) string {
		s := ""
		for _, i := range ix[:1+len(ix)%6] {
			s += words[i] + " "
		}
		return s
	})
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("same pairs for any order and run", prop.ForAll(
		func(texts []string, seed uint64) bool {
			items := make([]Item, len(texts))
			for i, s := range texts {
				items[i] = Item{ID: ItemID(rune('A'+i%26)) + ItemID(string(rune('a'+i/26))), Text: s}
			}
			opts := DedupeOptions{Seed: seed, Shingling: Shingling(seed % 4), Measure: SimilarityMeasure(seed / 4 % 3)}
			a, err := FindDuplicates(items, opts)
			if err != nil {
				return false
			}
			shuffled := slices.Clone(items)
			rand.New(rand.NewPCG(seed, 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			b, _ := FindDuplicates(shuffled, opts)
			a.Candidates, b.Candidates = 0, 0
			return cmp.Equal(a, b)
		},
		gen.SliceOfN(20, genText), gen.UInt64(),
	))
	props.Property("Jaccard is symmetric", prop.ForAll(
		func(a, b string, tri bool) bool {
			o := DedupeOptions{}
			if tri {
				o.Shingling = CharTrigrams
			}
			x, ok1 := Jaccard(a, b, o)
			y, ok2 := Jaccard(b, a, o)
			return x == y && ok1 == ok2 && x >= 0 && x <= 1
		},
		genText, genText, gen.Bool(),
	))
	props.TestingRun(t)
}

func TestCandidateProbability(t *testing.T) {
	o := DedupeOptions{}
	for _, c := range []struct{ s, lo, hi float64 }{{0.5, 0.983, 0.985}, {0.8, 0.9999, 1}, {0.1, 0.006, 0.0065}, {0.3, 0.40, 0.42}} {
		if p := o.CandidateProbability(c.s); p < c.lo || p > c.hi {
			t.Errorf("P(%v) = %v, want in [%v, %v]", c.s, p, c.lo, c.hi)
		}
	}
	if th := o.LSHThreshold(); th < 0.35 || th > 0.36 {
		t.Errorf("threshold %v", th)
	}
}

func TestRadixSortHigh32(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for _, n := range []int{0, 1, 2, 100, 5000} {
		v := make([]uint64, n)
		for g := range v {
			v[g] = rng.Uint64()&^(1<<32-1) | uint64(g)
			if g > 0 && rng.IntN(4) == 0 {
				v[g] = v[g-1]&^(1<<32-1) | uint64(g) // equal keys
			}
		}
		want := slices.Clone(v)
		slices.Sort(want)
		radixSortHigh32(v, make([]uint64, n))
		if !slices.Equal(want, v) {
			t.Fatalf("n=%d: radix sort differs from slices.Sort", n)
		}
	}
}
