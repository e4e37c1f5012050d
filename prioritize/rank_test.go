package prioritize

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
)

func rice(id ItemID, r, i, c, e string) RICEInput {
	return RICEInput{ID: id, Reach: d(r), Impact: d(i), Confidence: d(c), Effort: d(e)}
}

func identity(in RICEInput) RICEInput { return in }

// TestRankFloatTrap: three exact 240s whose float64 evaluations are 239.99999999999997,
// 240.0 and 240.00000000000003 (domain study §3.2, P04a). A float sort would return C, B, A;
// the exact ranking ties them and the ID decides.
func TestRankFloatTrap(t *testing.T) {
	items := []RICEInput{
		rice("C", "70", "3", "0.8", "0.7"),
		rice("A", "110", "3", "0.8", "1.1"),
		rice("B", "130", "3", "0.8", "1.3"),
		rice("D", "1000", "1", "1", "3"),
	}
	f := func(r, i, c, e float64) float64 { return r * i * c / e }
	fa, fb, fc := f(110, 3, 0.8, 1.1), f(130, 3, 0.8, 1.3), f(70, 3, 0.8, 0.7)
	if !(fa < fb && fb < fc) {
		t.Fatalf("float precondition: %v %v %v", fa, fb, fc)
	}
	rk, err := Rank(items, ByRICE(identity, RICEOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID             ItemID
		Position, Rank int
		Score          string
	}
	var got []row
	for r := range rk.All() {
		got = append(got, row{r.ID, r.Position, r.Rank, r.Score.Exact.String()})
	}
	want := []row{{"D", 1, 1, "1000/3"}, {"A", 2, 2, "240"}, {"B", 3, 2, "240"}, {"C", 4, 2, "240"}}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]ItemID{"D", "A", "B", "C"}, rk.IDs()); diff != "" {
		t.Error(diff)
	}
	if rk.At(0).Item.ID != "D" || rk.Len() != 4 {
		t.Error("At/Len")
	}
}

// TestRankCompetition: positions are unique, competition ranks "1, 2, 2, 4" (P03), IDs
// byte-wise ("FEAT-10" < "FEAT-9").
func TestRankCompetition(t *testing.T) {
	items := []RICEInput{
		rice("FEAT-9", "100", "1", "1", "1"),
		rice("FEAT-10", "100", "1", "1", "1"),
		rice("FEAT-1", "200", "1", "1", "1"),
		rice("FEAT-2", "50", "1", "1", "1"),
	}
	rk, err := Rank(items, ByRICE(identity, RICEOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for r := range rk.All() {
		got = append(got, fmt.Sprintf("%d %d %s", r.Position, r.Rank, r.ID))
	}
	want := []string{"1 1 FEAT-1", "2 2 FEAT-10", "3 2 FEAT-9", "4 4 FEAT-2"}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRankBigFallback mixes scores that do not fit 64 bits with ordinary ones.
func TestRankBigFallback(t *testing.T) {
	items := []RICEInput{
		rice("small", "1", "1", "1", "1"),
		rice("huge", "123456789012345678901234567890", "3", "1", "1"),
		rice("huge2", "123456789012345678901234567890", "3", "1", "1.0000000000000000000001"),
		rice("tiny-den", "5", "1", "0.333333333333333333", "0.7777777777"),
		rice("zero", "0", "1", "1", "1"),
		rice("big-den", "1", "1", "1", "12345678901"),
		rice("small2", "1", "1", "1", "1"),
	}
	rk, err := Rank(items, ByRICE(identity, RICEOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	want := []ItemID{"huge", "huge2", "tiny-den", "small", "small2", "big-den", "zero"}
	if diff := gocmp.Diff(want, rk.IDs()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The order agrees with sorting by the exact scores of RICE.
	scores := make([]Score, len(items))
	for i, in := range items {
		scores[i], _ = RICE(in, RICEOptions{})
	}
	slices.SortFunc(scores, func(a, b Score) int {
		if c := b.Exact.Cmp(a.Exact); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for i, s := range scores {
		if s.ID != want[i] || !rk.At(i).Score.Exact.Equal(s.Exact) {
			t.Errorf("position %d: %s %s vs %s %s", i+1, s.ID, s.Exact, rk.At(i).ID, rk.At(i).Score.Exact)
		}
	}
	sr, err := RankScores(scores)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(want, sr.IDs()); diff != "" {
		t.Errorf("RankScores (-want +got):\n%s", diff)
	}
	if sr.At(6).Rank != 7 || sr.At(4).Rank != 4 {
		t.Errorf("ranks: %d %d", sr.At(6).Rank, sr.At(4).Rank)
	}
}

func TestRankErrors(t *testing.T) {
	items := []RICEInput{
		rice("a", "1", "1", "1", "1"),
		rice("b", "1", "1", "1", "0"),
		rice("a", "1", "1", "1", "1"),
		{ID: "", Reach: d("1"), Impact: d("1.5"), Confidence: d("2"), Effort: d("1")},
	}
	_, err := Rank(items, ByRICE(identity, RICEOptions{}))
	want := []string{"items[1].effort nonzero", "items[3].id required", "items[3].confidence dlte", "items[3].impact scale", "items[2].id unique"}
	if diff := gocmp.Diff(want, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrZeroEffort) || !errors.Is(err, ErrDuplicateID) {
		t.Errorf("sentinels missing: %v", err)
	}
	if _, err := Rank(items, Scorer[RICEInput]{}); err == nil {
		t.Error("zero Scorer must fail")
	}
	many := make([]RICEInput, 150)
	for i := range many {
		many[i] = rice(ItemID(fmt.Sprint(i)), "-1", "1", "1", "1")
	}
	_, err = Rank(many, ByRICE(identity, RICEOptions{}))
	if f := fieldtest.Rules(t, err); len(f) != 101 || f[100] != "items invalid" {
		t.Errorf("error should list 100 items and a count, got %d fields", len(f))
	}
	// Duplicate detection on the radix path (more than 65,536 items).
	big := make([]RICEInput, 70000)
	for i := range big {
		big[i] = RICEInput{ID: ItemID(fmt.Sprint("id-", i)), Reach: decimal.NewFromInt(int64(i)), Impact: ImpactHigh, Confidence: one, Effort: one}
	}
	if _, err := Rank(big, ByRICE(identity, RICEOptions{})); err != nil {
		t.Fatal(err)
	}
	big[69999].ID = "id-12"
	_, err = Rank(big, ByRICE(identity, RICEOptions{}))
	if diff := gocmp.Diff([]string{"items[69999].id unique"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

func TestRankOtherScorers(t *testing.T) {
	ice := []ICEInput{
		{ID: "A", Impact: d("10"), Confidence: d("10"), Ease: d("1")},
		{ID: "B", Impact: d("5"), Confidence: d("5"), Ease: d("5")},
	}
	p, err := Rank(ice, ByICE(func(in ICEInput) ICEInput { return in }, ICEOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Rank(ice, ByICE(func(in ICEInput) ICEInput { return in }, ICEOptions{Variant: ICEMean}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff([][]ItemID{{"B", "A"}, {"A", "B"}}, [][]ItemID{p.IDs(), m.IDs()}); diff != "" {
		t.Error(diff)
	}
	cd3 := []CD3Input{{ID: "A", CostOfDelay: d("10"), Duration: d("2")}, {ID: "B", CostOfDelay: d("30"), Duration: d("4")}, {ID: "C", CostOfDelay: d("1"), Duration: d("0")}}
	_, err = Rank(cd3, ByCD3(func(in CD3Input) CD3Input { return in }))
	if !errors.Is(err, ErrZeroEffort) {
		t.Errorf("want ErrZeroEffort, got %v", err)
	}
	c, err := Rank(cd3[:2], ByCD3(func(in CD3Input) CD3Input { return in }))
	if err != nil || c.IDs()[0] != "B" {
		t.Errorf("%v %v", c, err)
	}
	// Negative weighted scores take the exact fallback path.
	card := Scorecard{Criteria: []Criterion{{Name: "v", Weight: d("1")}, {Name: "e", Weight: d("1"), Direction: Cost}}}
	ws, err := card.Score([]WeightedInput{{ID: "x", Values: []decimal.Decimal{d("1"), d("5")}}, {ID: "y", Values: []decimal.Decimal{d("2"), d("1")}}})
	if err != nil {
		t.Fatal(err)
	}
	wr, err := RankScores(ws)
	if err != nil || !slices.Equal(wr.IDs(), []ItemID{"y", "x"}) || wr.At(1).Score.Exact.String() != "-2" {
		t.Errorf("%v %v", wr.IDs(), err)
	}
}

func TestRankBadVariant(t *testing.T) {
	_, err := Rank([]RICEInput{rice("a", "1", "1", "1", "1"), rice("b", "1", "1", "1", "1")}, ByRICE(identity, RICEOptions{Variant: 9}))
	if diff := gocmp.Diff([]string{"variant oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

// TestRankIDPrefixes: equal scores order by ID byte-wise, including IDs that share long
// prefixes, are prefixes of one another or contain zero bytes (the sort key packs eight ID
// bytes after the batch's common prefix).
func TestRankIDPrefixes(t *testing.T) {
	ids := []ItemID{"X-ab", "X-a", "X-", "X-a\x00", "X-abcdefghij1", "X-abcdefghij0", "X-abcdefghij", "X-b", "X-\xff"}
	var items []RICEInput
	for _, id := range ids {
		items = append(items, rice(id, "10", "1", "1", "1"))
	}
	items = append(items, rice("Y", "1", "1", "1", "1"))
	rk, err := Rank(items, ByRICE(identity, RICEOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(ids)
	slices.Sort(want)
	want = append(want, "Y")
	if diff := gocmp.Diff(want, rk.IDs()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	one, err := Rank(items[:1], ByRICE(identity, RICEOptions{}))
	if err != nil || one.Len() != 1 || one.At(0).Rank != 1 {
		t.Errorf("%v %v", one, err)
	}
}

// TestRankDuplicateMidSize covers the hash-table duplicate check (33 to 65,535 items).
func TestRankDuplicateMidSize(t *testing.T) {
	items := make([]RICEInput, 100)
	for i := range items {
		items[i] = rice(ItemID(fmt.Sprint("m-", i)), "1", "1", "1", "1")
	}
	if _, err := Rank(items, ByRICE(identity, RICEOptions{})); err != nil {
		t.Fatal(err)
	}
	items[99].ID, items[50].ID = "m-3", ""
	_, err := Rank(items, ByRICE(identity, RICEOptions{}))
	if diff := gocmp.Diff([]string{"items[50].id required", "items[99].id unique"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRankedScores: ranked items carry their full explained score, equal to the
// framework's own, for RICE and for any Score.
func TestRankedScores(t *testing.T) {
	items := []RICEInput{rice("A", "500", "2", "0.4", "3"), rice("B", "100", "1", "1", "1")}
	rk, err := Rank(items, ByRICE(identity, RICEOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	for r := range rk.All() {
		want, _ := RICE(r.Item, RICEOptions{})
		if diff := gocmp.Diff(want, r.Score, decimalEqual); diff != "" {
			t.Errorf("%s (-want +got):\n%s", r.ID, diff)
		}
	}
	if rk.At(0).Score.Formula != "500 × 2 × 0.4 ÷ 3 = 400/3 ≈ 133.333333" || rk.At(0).Score.Caveats[0] != CaveatMoonshot {
		t.Errorf("%+v", rk.At(0).Score)
	}
	ice := []ICEInput{{ID: "x", Impact: d("2"), Confidence: d("3"), Ease: d("4")}}
	ir, _ := Rank(ice, ByICE(func(in ICEInput) ICEInput { return in }, ICEOptions{Variant: ICEMean}))
	if s := ir.At(0).Score; s.Framework != FrameworkICE || s.Variant != "mean" || s.String() != "3" || len(s.Factors) != 3 {
		t.Errorf("%+v", s)
	}
	// A scoring function that is not pure keeps the ranked value.
	calls := 0
	impure := ByScore(func(s Score) (Score, error) {
		calls++
		if calls > 1 {
			s.Exact = intF(99)
		}
		return s, nil
	})
	one, _ := RICE(items[1], RICEOptions{})
	ur, _ := Rank([]Score{one}, impure)
	if got := ur.At(0).Score; got.String() != "100" {
		t.Errorf("impure scorer: %s", got)
	}
}
