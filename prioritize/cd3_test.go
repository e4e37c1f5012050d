package prioritize

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops/internal/fieldtest"
)

// TestCD3 reproduces Black Swan Farming's ice-cream example (§1.4, P11): B has the higher
// CD3 and doing it first costs less delay.
func TestCD3(t *testing.T) {
	a := CD3Input{ID: "A", CostOfDelay: d("10"), Duration: d("2")}
	b := CD3Input{ID: "B", CostOfDelay: d("30"), Duration: d("4")}
	sa, _ := CD3(a)
	sb, _ := CD3(b)
	if diff := cmp.Diff([]string{"5", "15/2"}, []string{sa.Exact.String(), sb.Exact.String()}); diff != "" {
		t.Error(diff)
	}
	ab, _ := TotalDelayCost([]CD3Input{a, b})
	ba, _ := TotalDelayCost([]CD3Input{b, a})
	if !ab.Equal(d("200")) || !ba.Equal(d("180")) {
		t.Errorf("delay cost A→B %s, B→A %s", ab, ba)
	}
	_, err := TotalDelayCost([]CD3Input{a, {ID: "C", CostOfDelay: d("-1"), Duration: d("0")}})
	if diff := cmp.Diff([]string{"items[1].cost_of_delay dgte", "items[1].duration nonzero"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrZeroEffort) {
		t.Error("want ErrZeroEffort")
	}
}
