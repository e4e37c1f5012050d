package prioritize

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops/internal/fieldtest"
)

// TestOrder: variant A keeps priority among available items; variant B lets the
// prerequisite inherit its dependent's priority (§3.7, P28).
func TestOrder(t *testing.T) {
	items := []Dependent{{ID: "C", Requires: []ItemID{"A"}}, {ID: "B"}, {ID: "A"}}
	g, err := Order(items, OrderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	in, err := Order(items, OrderOptions{Variant: OrderInherit})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]ItemID{{"B", "A", "C"}, {"A", "C", "B"}}, [][]ItemID{g, in}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = Order([]Dependent{{ID: "a", Requires: []ItemID{"b"}}, {ID: "b", Requires: []ItemID{"c"}}, {ID: "c", Requires: []ItemID{"a"}}, {ID: "d", Requires: []ItemID{"d"}}}, OrderOptions{})
	var ce *CycleError
	if !errors.As(err, &ce) || err.Error() != "prioritize: dependency cycle among a, b, c" {
		t.Errorf("got %v", err)
	}
	_, err = Order([]Dependent{{ID: "d", Requires: []ItemID{"d"}}}, OrderOptions{})
	if !errors.As(err, &ce) || len(ce.IDs) != 1 {
		t.Errorf("self-loop: %v", err)
	}
	_, err = Order([]Dependent{{ID: "a", Requires: []ItemID{"x"}}, {ID: ""}, {ID: "a"}}, OrderOptions{})
	if diff := cmp.Diff([]string{"items[1].id required", "items[2].id unique", "items[0].requires[0] known"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := Order(items, OrderOptions{Variant: 3}); err == nil {
		t.Error("want variant error")
	}
	long := make([]ItemID, 12)
	for i := range long {
		long[i] = ItemID(rune('a' + i))
	}
	if got := (&CycleError{IDs: long}).Error(); got != "prioritize: dependency cycle among a, b, c, d, e, f, g, h, i, j and 2 more" {
		t.Error(got)
	}
}

func score(t *testing.T, s string) *Fraction { f := fr(t, s); return &f }

// TestOrderScores works the study's rule by hand (§3.7, P28). A 10, B 8 (needs C), C 1,
// D 7: greedily A, D, C, B; with inheritance C takes B's 8 and pulls it forward: A, C, B,
// D.
func TestOrderScores(t *testing.T) {
	items := []Dependent{
		{ID: "D", Score: score(t, "7")}, {ID: "B", Requires: []ItemID{"C"}, Score: score(t, "8")},
		{ID: "C", Score: score(t, "1")}, {ID: "A", Score: score(t, "10")},
	}
	var got [][]ItemID
	for _, v := range []OrderVariant{OrderGreedy, OrderInherit, OrderInheritPosition} {
		ids, err := Order(items, OrderOptions{Variant: v})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ids)
	}
	if diff := cmp.Diff([][]ItemID{{"A", "D", "C", "B"}, {"A", "C", "B", "D"}, {"A", "C", "B", "D"}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestOrderInheritTies: where inheriting the score and inheriting the position differ. X 5,
// P 5 (a prerequisite of Y), Y 9, Q 9. Score inheritance gives P a 9 and orders equal
// scores by ID: P, Q, Y, X. Position inheritance gives P Y's place (second, behind Q):
// Q, P, Y, X.
func TestOrderInheritTies(t *testing.T) {
	items := []Dependent{
		{ID: "X", Score: score(t, "5")}, {ID: "P", Score: score(t, "5")},
		{ID: "Y", Requires: []ItemID{"P"}, Score: score(t, "9")}, {ID: "Q", Score: score(t, "9")},
	}
	byScore, err1 := Order(items, OrderOptions{Variant: OrderInherit})
	byPos, err2 := Order(items, OrderOptions{Variant: OrderInheritPosition})
	if diff := cmp.Diff([][]ItemID{{"P", "Q", "Y", "X"}, {"Q", "P", "Y", "X"}}, [][]ItemID{byScore, byPos}); diff != "" || err1 != nil || err2 != nil {
		t.Errorf("(-want +got):\n%s %v %v", diff, err1, err2)
	}
	// Without scores the input order is the priority (Q, Y, P, X best first).
	plain := []Dependent{{ID: "Q"}, {ID: "Y", Requires: []ItemID{"P"}}, {ID: "P"}, {ID: "X"}}
	for _, v := range []OrderVariant{OrderInherit, OrderInheritPosition} {
		ids, err := Order(plain, OrderOptions{Variant: v})
		if diff := cmp.Diff([]ItemID{"Q", "P", "Y", "X"}, ids); diff != "" || err != nil {
			t.Errorf("%v (-want +got):\n%s %v", v, diff, err)
		}
	}
	// Scores for some items only are an error naming the others.
	items[2].Score = nil
	_, err := Order(items, OrderOptions{})
	if diff := cmp.Diff([]string{"items[2].score required"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}
