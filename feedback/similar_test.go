package feedback

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWordNgramShingles(t *testing.T) {
	for _, c := range []struct {
		text string
		sh   Shingling
		want []string
	}{
		{"Export to CSV, please!", WordBigrams, []string{"csv please", "export to", "to csv"}},
		{"Export to CSV, please!", WordTrigrams, []string{"export to csv", "to csv please"}},
		{"dark mode", WordTrigrams, []string{"dark mode"}},
		{"sso", WordBigrams, []string{"sso"}},
		{"a b a b", WordBigrams, []string{"a b", "b a"}},
		{"", WordBigrams, nil},
	} {
		if diff := cmp.Diff(c.want, Shingles(c.text, DedupeOptions{Shingling: c.sh})); diff != "" {
			t.Errorf("%q %s (-want +got)\n%s", c.text, c.sh, diff)
		}
	}
}

// Hand-worked values of each measure on two pairs.
//
//	"export to csv" / "export to csv csv": sets equal, so Jaccard 1; tf (1,1,1)·(1,1,2) = 4,
//	norms √3 and √6: cosine 4/√18 = 0.942809; every shingle is in both texts, so idf = 1
//	and tf-idf is the tf cosine.
//	"dark mode please" / "dark mode now": Jaccard 2/4 = 0.5; tf cosine 2/3; tf-idf with
//	N = 2: idf(shared) = ln(3/3) + 1 = 1, idf(one text) = ln(3/2) + 1 = 1.405465, so
//	cosine = 2 / (2 + 1.405465²) = 2 / 3.975332 = 0.503103.
func TestSimilarityMeasures(t *testing.T) {
	u := math.Log(1.5) + 1
	for _, c := range []struct {
		a, b string
		m    SimilarityMeasure
		want float64
	}{
		{"export to csv", "export to csv csv", SimilarityJaccard, 1},
		{"export to csv", "export to csv csv", SimilarityCosineTF, 4 / math.Sqrt(18)},
		{"export to csv", "export to csv csv", SimilarityCosineTFIDF, 4 / math.Sqrt(18)},
		{"dark mode please", "dark mode now", SimilarityJaccard, 0.5},
		{"dark mode please", "dark mode now", SimilarityCosineTF, 2.0 / 3},
		{"dark mode please", "dark mode now", SimilarityCosineTFIDF, 2 / (2 + u*u)},
		{"dark mode", "", SimilarityCosineTF, 0},
	} {
		got, ok := Similarity(c.a, c.b, DedupeOptions{Measure: c.m})
		if !ok || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s(%q, %q) = %v, %v; want %v", c.m, c.a, c.b, got, ok, c.want)
		}
		back, _ := Similarity(c.b, c.a, DedupeOptions{Measure: c.m})
		if back != got {
			t.Errorf("%s is not symmetric: %v vs %v", c.m, got, back)
		}
	}
	if _, ok := Similarity("", "...", DedupeOptions{Measure: SimilarityCosineTFIDF}); ok {
		t.Error("two empty texts have a similarity")
	}
}

// The index computes each measure exactly (tf cosine equals the pair function bit for
// bit), and its suggestions agree with its pairs.
func TestDedupeIndexMeasures(t *testing.T) {
	texts := []string{"export reports to csv", "export report to csv csv", "csv export of reports", "dark mode please", "dark mode now please", "sso login with okta"}
	for _, m := range []SimilarityMeasure{SimilarityJaccard, SimilarityCosineTF, SimilarityCosineTFIDF} {
		opts := DedupeOptions{Measure: m, SimilarThreshold: 0.3, Seed: 3}
		x, err := NewDedupeIndex(opts)
		if err != nil {
			t.Fatal(err)
		}
		items := make([]Item, len(texts))
		for i, s := range texts {
			items[i] = Item{ID: ItemID(fmt.Sprint(i)), Text: s}
			if err := x.Add(items[i].ID, s); err != nil {
				t.Fatal(err)
			}
		}
		r, err := x.Pairs()
		if err != nil || r.Measure != m || len(r.Pairs) == 0 {
			t.Fatalf("%s: %+v %v", m, r, err)
		}
		for _, p := range r.Pairs {
			a, b := texts[p.A[0]-'0'], texts[p.B[0]-'0']
			if m == SimilarityCosineTF {
				if want, _ := Similarity(a, b, opts); want != p.Similarity {
					t.Errorf("%s %s-%s: index %v, pair %v", m, p.A, p.B, p.Similarity, want)
				}
			}
			// Suggesting one text against the index finds the other with the same score,
			// except under tf-idf, where the query is not part of the corpus.
			if m != SimilarityCosineTFIDF {
				found := false
				for _, s := range x.Suggest(a, 0) {
					if s.Item == p.B {
						found = s.Similarity == p.Similarity
					}
				}
				if !found {
					t.Errorf("%s: Suggest(%q) misses %s at %v", m, a, p.B, p.Similarity)
				}
			}
		}
		fd, _ := FindDuplicates(items, opts)
		if diff := cmp.Diff(r.Pairs, fd.Pairs); diff != "" {
			t.Errorf("%s: index and FindDuplicates differ\n%s", m, diff)
		}
		for _, s := range x.Suggest("export csv reports", 3) {
			if s.Similarity < 0.3 || s.Similarity > 1 {
				t.Errorf("%s: suggestion %+v", m, s)
			}
		}
	}
	// A duplicate text under tf-idf raises the document frequencies of its shingles.
	x, _ := NewDedupeIndex(DedupeOptions{Measure: SimilarityCosineTFIDF})
	_ = x.Add("a", "dark mode")
	_ = x.Add("b", "Dark mode!")
	_ = x.Add("c", "light mode")
	if x.docs != 3 || x.df[x.vocab["mode"]] != 3 || x.df[x.vocab["dark"]] != 2 {
		t.Errorf("docs %d, df %v", x.docs, x.df)
	}
	if err := (DedupeOptions{Measure: 9}).Validate(); err == nil {
		t.Error("undefined measure accepted")
	}
}
