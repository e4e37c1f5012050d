package prioritize

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// benchSizes are the backlog sizes every ranking benchmark runs at.
var benchSizes = []int{10, 1000, 100000, 1000000}

// benchItem is a caller's own item type holding RICE estimates as decimals.
type benchItem struct {
	ID                                ItemID
	Reach, Impact, Confidence, Effort decimal.Decimal
}

// floatItem is the same backlog with float64 estimates, for the baseline.
type floatItem struct {
	ID                                string
	Reach, Impact, Confidence, Effort float64
}

// benchBacklog builds n realistic items deterministically: reach 0–50,000 per quarter,
// Intercom impacts, confidence 50/80/100%, effort 0.5–12 person-months in halves. Exact
// ties are common, as in real backlogs, so the ID tie-break runs.
func benchBacklog(n int) ([]benchItem, []floatItem) {
	rng := rand.New(rand.NewPCG(42, uint64(n)))
	impacts := []string{"3", "2", "1", "0.5", "0.25"}
	confs := []string{"1", "0.8", "0.5"}
	items := make([]benchItem, n)
	floats := make([]floatItem, n)
	for i := range items {
		reach := rng.IntN(50001)
		imp := impacts[rng.IntN(len(impacts))]
		conf := confs[rng.IntN(len(confs))]
		effHalves := 1 + rng.IntN(24)
		id := "ITEM-" + strconv.Itoa(rng.IntN(n*10)) + "-" + strconv.Itoa(i)
		items[i] = benchItem{
			ID: ItemID(id), Reach: decimal.NewFromInt(int64(reach)),
			Impact: decimal.RequireFromString(imp), Confidence: decimal.RequireFromString(conf),
			Effort: decimal.New(int64(effHalves)*5, -1),
		}
		fi, _ := strconv.ParseFloat(imp, 64)
		fc, _ := strconv.ParseFloat(conf, 64)
		floats[i] = floatItem{ID: id, Reach: float64(reach), Impact: fi, Confidence: fc, Effort: float64(effHalves) / 2}
	}
	return items, floats
}

func riceOf(it benchItem) RICEInput {
	return RICEInput(it)
}

// BenchmarkRankRICE scores and ranks n RICE items exactly (validation, exact comparison,
// ID tie-break, positions and competition ranks).
func BenchmarkRankRICE(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			items, _ := benchBacklog(n) // b.Loop runs this body once; setup is not timed
			b.ReportAllocs()
			for b.Loop() {
				r, err := Rank(items, ByRICE(riceOf, RICEOptions{}))
				if err != nil || r.Len() != n {
					b.Fatal(err)
				}
			}
		})
	}
}

// floatRanked is the baseline's sort record.
type floatRanked struct {
	score float64
	idx   int32
}

// floatRank is the plain float64 baseline: score r·i·c/e, sort descending with an ID
// tie-break. It is not exact (equal scores can differ in the last bit).
func floatRank(items []floatItem) []floatRanked {
	out := make([]floatRanked, len(items))
	for i, it := range items {
		out[i] = floatRanked{score: it.Reach * it.Impact * it.Confidence / it.Effort, idx: int32(i)}
	}
	slices.SortFunc(out, func(a, b floatRanked) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(items[a.idx].ID, items[b.idx].ID)
	})
	return out
}

// BenchmarkFloat64Baseline is the float64 score-and-sort baseline for BenchmarkRankRICE.
func BenchmarkFloat64Baseline(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			_, items := benchBacklog(n) // the same backlog as BenchmarkRankRICE, as float64
			b.ReportAllocs()
			for b.Loop() {
				if r := floatRank(items); len(r) != n {
					b.Fatal(len(r))
				}
			}
		})
	}
}

// BenchmarkScoreRICE scores n items one by one with RICE, each with its full breakdown
// (formula text and factors): the cost of explaining, which Rank does not pay.
func BenchmarkScoreRICE(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			items, _ := benchBacklog(n)
			b.ReportAllocs()
			for b.Loop() {
				for _, it := range items {
					if _, err := RICE(riceOf(it), RICEOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
