package prioritize

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
)

// TestExpectedScoreJensen: a three-point effort 2/4/12 has PERT mean 5, so 1000 ÷ mean
// effort is 200, while the expected score over the weighted outcomes is 2375/9 ≈ 263.888889
// (§3.6, P29).
func TestExpectedScoreJensen(t *testing.T) {
	ss, err := PERTScenarios(ThreePoint{Optimistic: d("2"), MostLikely: d("4"), Pessimistic: d("12")})
	if err != nil {
		t.Fatal(err)
	}
	e, err := ExpectedScore(d("1000"), ss)
	if err != nil || e.String() != "2375/9" || !e.Decimal(DisplayScale).Equal(d("263.888889")) {
		t.Errorf("%s %v", e, err)
	}
	pe, _ := PERT(ThreePoint{Optimistic: d("2"), MostLikely: d("4"), Pessimistic: d("12")})
	if plug := quoF(intF(1000), pe.Mean); plug.String() != "200" {
		t.Errorf("plug-in %s", plug)
	}
	merged, _ := PERTScenarios(ThreePoint{Optimistic: d("1"), MostLikely: d("1"), Pessimistic: d("3")})
	got := []string{merged[0].Effort.String(), merged[0].Probability.String(), merged[1].Effort.String(), merged[1].Probability.String()}
	if diff := gocmp.Diff([]string{"1", "5/6", "3", "1/6"}, got); diff != "" || len(merged) != 2 {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = ExpectedScore(d("-1"), []Scenario{{Effort: d("0"), Probability: reduceInts(1, 2)}, {Effort: d("-1"), Probability: reduceInts(3, 2)}})
	want := []string{"value dgte", "scenarios[0].effort nonzero", "scenarios[1].effort dgt", "scenarios[1].probability range", "scenarios sum"}
	if diff := gocmp.Diff(want, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := PERTScenarios(ThreePoint{}); err == nil {
		t.Error("want error")
	}
}

func sc(effort string, p string, t *testing.T) Scenario {
	return Scenario{Effort: d(effort), Probability: fr(t, p)}
}

// TestScenarioRanks is worked by hand over the four combinations of A's and C's outcomes
// (§3.6, P30-style); B and C tie at 3 in two of them and B wins on ID.
func TestScenarioRanks(t *testing.T) {
	items := []ScenarioItem{
		{ID: "A", Value: d("10"), Scenarios: []Scenario{sc("1", "1/2", t), sc("4", "1/2", t)}},
		{ID: "B", Value: d("6"), Scenarios: []Scenario{sc("2", "1", t)}},
		{ID: "C", Value: d("9"), Scenarios: []Scenario{sc("3", "1/3", t), sc("1", "2/3", t)}},
	}
	for k, want := range map[int][]string{1: {"1/2", "1/6", "1/3"}, 2: {"1/2", "2/3", "5/6"}, 3: {"1", "1", "1"}} {
		r, err := ScenarioRanks(items, ScenarioOptions{K: k})
		if err != nil {
			t.Fatal(err)
		}
		got := []string{r[0].P.String(), r[1].P.String(), r[2].P.String()}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("k=%d (-want +got):\n%s", k, diff)
		}
	}
	_, err := ScenarioRanks([]ScenarioItem{{ID: "a", Value: d("1")}, {ID: "a", Value: d("1"), Scenarios: []Scenario{sc("1", "1", t)}}}, ScenarioOptions{})
	if diff := gocmp.Diff([]string{"k gte", "items[0].scenarios required", "items[1].id unique"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// enumerateRanks computes P(rank ≤ k) by walking every combination of outcomes.
func enumerateRanks(items []ScenarioItem, k int) []Fraction {
	n := len(items)
	out := make([]Fraction, n)
	idx := make([]int, n)
	for {
		p := intF(1)
		type entry struct {
			i     int
			score Fraction
		}
		var es []entry
		for i, it := range items {
			s := it.Scenarios[idx[i]]
			p = mulF(p, s.Probability)
			es = append(es, entry{i, ratio(it.Value, s.Effort)})
		}
		slices.SortFunc(es, func(a, b entry) int {
			if c := b.score.Cmp(a.score); c != 0 {
				return c
			}
			return cmp.Compare(items[a.i].ID, items[b.i].ID)
		})
		for r := 0; r < k && r < n; r++ {
			out[es[r].i] = addF(out[es[r].i], p)
		}
		j := 0
		for ; j < n; j++ {
			if idx[j]++; idx[j] < len(items[j].Scenarios) {
				break
			}
			idx[j] = 0
		}
		if j == n {
			return out
		}
	}
}

func TestScenarioRanksProperty(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("exact odds equal full enumeration and sum to min(k, n)", prop.ForAll(func(ws []uint32, k int) bool {
		if len(ws) > 5 {
			ws = ws[:5]
		}
		items := make([]ScenarioItem, len(ws))
		for i, w := range ws {
			ns := 1 + int(w%3)
			it := ScenarioItem{ID: ItemID(fmt.Sprint("i", (w>>20)%7, "-", i)), Value: decimal.NewFromInt(int64((w >> 2) % 13))}
			for s := 0; s < ns; s++ {
				it.Scenarios = append(it.Scenarios, Scenario{Effort: decimal.NewFromInt(int64(1 + (w>>(4+3*s))%4)), Probability: reduceInts(1, int64(ns))})
			}
			items[i] = it
		}
		got, err := ScenarioRanks(items, ScenarioOptions{K: k})
		if err != nil {
			return false
		}
		want := enumerateRanks(items, k)
		sum := Fraction{}
		for i := range items {
			if !got[i].P.Equal(want[i]) {
				return false
			}
			sum = addF(sum, got[i].P)
		}
		return sum.Equal(intF(int64(min(k, len(items)))))
	}, gen.SliceOf(gen.UInt32()), gen.IntRange(1, 4)))
	props.TestingRun(t)
}
