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
