package feedback

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// allPairs is the exact baseline: every pair of distinct normalized texts compared by exact
// Jaccard, with the same normalization, shingling, grouping and classification as the index.
func allPairs(items []Item, opts DedupeOptions) *DuplicateReport {
	x := newIndexNoCheck(opts, false)
	for _, it := range items {
		if err := x.Add(it.ID, it.Text); err != nil {
			panic(err)
		}
	}
	r, err := x.startReport()
	if err != nil {
		panic(err)
	}
	sim := opts.similar()
	score := func(g, h int32) float64 { return jaccardIDs(x.set(g), x.set(h)) }
	if opts.Measure != SimilarityJaccard {
		score = naiveCosine(x, opts)
	}
	for g := range int32(len(x.members)) {
		for h := g + 1; h < int32(len(x.members)); h++ {
			r.Candidates++
			if j := score(g, h); j >= sim {
				if err := x.addGroupPairs(r, g, h, j); err != nil {
					panic(err)
				}
			}
		}
	}
	r.sortPairs()
	return r
}

// recall returns the share of the baseline's pairs with similarity >= min that got found.
func recall(got, want *DuplicateReport, min float64) (float64, int) {
	found := make(map[[2]ItemID]bool, len(got.Pairs))
	for _, p := range got.Pairs {
		found[[2]ItemID{p.A, p.B}] = true
	}
	n, hit := 0, 0
	for _, p := range want.Pairs {
		if p.Similarity < min {
			continue
		}
		n++
		if found[[2]ItemID{p.A, p.B}] {
			hit++
		}
	}
	if n == 0 {
		return 1, 0
	}
	return float64(hit) / float64(n), n
}

var stopWords = strings.Fields("the a to and of in for is it on with please can we i my be as at this that not our when")

// syntheticItems returns n short feedback texts (4 to 12 words, stop words and a Zipf-like
// vocabulary of 5,000 words), of which about 30% are edited copies of an earlier text (a word
// replaced, dropped, added or moved, case, punctuation or diacritics changed), so that
// duplicates, similar pairs and unrelated pairs all occur. Deterministic in seed.
func syntheticItems(n int, seed uint64) []Item {
	rng := rand.New(rand.NewPCG(seed, 42))
	syll := strings.Fields("ex port csv dash board sso log in team bill ing rep ort fil ter sea rch note tag mo bile sync cal end ar em ail api key web hook chart user role per mis sion dark mode")
	vocab := make([]string, 5000)
	for i := range vocab {
		w := ""
		for k := 2 + rng.IntN(2); k > 0; k-- {
			w += syll[rng.IntN(len(syll))]
		}
		vocab[i] = fmt.Sprintf("%s%d", w, i%7)
	}
	zipf := rand.NewZipf(rng, 1.07, 2, uint64(len(vocab)-1))
	word := func() string {
		if rng.IntN(10) < 3 {
			return stopWords[rng.IntN(len(stopWords))]
		}
		return vocab[zipf.Uint64()]
	}
	items := make([]Item, n)
	var texts [][]string
	for i := range items {
		var ws []string
		if i > 0 && rng.IntN(10) < 3 {
			ws = slices.Clone(texts[rng.IntN(len(texts))])
			for e := 1 + rng.IntN(2); e > 0; e-- {
				switch k := rng.IntN(len(ws)); rng.IntN(6) {
				case 0:
					ws[k] = word()
				case 1:
					if len(ws) > 3 {
						ws = slices.Delete(ws, k, k+1)
					}
				case 2:
					ws = slices.Insert(ws, k, word())
				case 3:
					j := rng.IntN(len(ws))
					ws[k], ws[j] = ws[j], ws[k]
				case 4:
					ws[k] = strings.ToUpper(ws[k]) + ","
				default:
					ws[k] = strings.Replace(ws[k], "e", "é", 1)
				}
			}
		} else {
			for k := 4 + rng.IntN(9); k > 0; k-- {
				ws = append(ws, word())
			}
		}
		texts = append(texts, ws)
		items[i] = Item{ID: ItemID(fmt.Sprintf("it%06d", i)), Text: strings.Join(ws, " ")}
	}
	return items
}

// naiveCosine scores groups by the cosine measure of opts from their texts directly: term
// counts by shingle string, document frequencies over the items, idf as documented. It
// shares only the final summation rule with the index (sorted float terms), so it checks
// the index's bookkeeping of vocabulary, frequencies and marks.
func naiveCosine(x *DedupeIndex, opts DedupeOptions) func(g, h int32) float64 {
	texts := make([]string, len(x.members))
	for t, g := range x.groupOf {
		texts[g] = t
	}
	counts := make([]map[string]int, len(texts))
	df := map[string]int{}
	docs := 0
	for g, t := range texts {
		counts[g] = map[string]int{}
		eachShingle(t, opts.Shingling, func(s string) { counts[g][s]++ })
		for s := range counts[g] {
			df[s] += len(x.members[g])
		}
		docs += len(x.members[g])
	}
	sum := func(terms []float64) float64 {
		slices.Sort(terms)
		s := 0.0
		for _, v := range terms {
			s += v
		}
		return s
	}
	weight := func(s string) float64 {
		if opts.Measure == SimilarityCosineTFIDF {
			return math.Log(float64(1+docs)/float64(1+df[s])) + 1
		}
		return 1
	}
	norm := func(c map[string]int) float64 {
		var terms []float64
		for s, n := range c {
			w := float64(n) * weight(s)
			terms = append(terms, w*w)
		}
		return math.Sqrt(sum(terms))
	}
	norms := make([]float64, len(counts))
	for g, c := range counts {
		norms[g] = norm(c)
	}
	var terms []float64
	return func(g, h int32) float64 {
		terms = terms[:0]
		for s, n := range counts[g] {
			if m, ok := counts[h][s]; ok {
				w := weight(s)
				terms = append(terms, float64(n*m)*w*w)
			}
		}
		if len(terms) == 0 {
			return 0
		}
		return min(max(sum(terms)/(norms[g]*norms[h]), 0), 1)
	}
}

// jaccardIDs is Jaccard on two sorted sets of shingle IDs by merging them.
func jaccardIDs(a, b []uint32) float64 {
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
	return float64(inter) / float64(len(a)+len(b)-inter)
}
