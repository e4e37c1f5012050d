package prioritize

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
)

func pt(id ItemID, v, e string) Point { return Point{ID: id, Value: d(v), Effort: d(e)} }

// TestPareto: equal effort and lower value is dominated; identical points both stay (§3.3, P21).
func TestPareto(t *testing.T) {
	pts := []Point{pt("A", "10", "5"), pt("B", "8", "5"), pt("C", "10", "5"), pt("D", "12", "8"), pt("E", "3", "1"), pt("F", "9", "9")}
	f, err := Pareto(pts)
	if err != nil {
		t.Fatal(err)
	}
	var ids []ItemID
	for _, p := range f {
		ids = append(ids, p.ID)
	}
	if diff := cmp.Diff([]ItemID{"E", "A", "C", "D"}, ids); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	layers, err := ParetoLayers(pts)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]ItemID
	for _, l := range layers {
		var ids []ItemID
		for _, p := range l {
			ids = append(ids, p.ID)
		}
		got = append(got, ids)
	}
	if diff := cmp.Diff([][]ItemID{{"E", "A", "C", "D"}, {"B", "F"}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = Pareto([]Point{pt("A", "1", "-1"), pt("A", "1", "1")})
	if diff := cmp.Diff([]string{"points[0].effort dgte", "points[1].id unique"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
	if _, err := ParetoLayers([]Point{{ID: ""}}); err == nil {
		t.Error("want error")
	}
	// Zero is a value: a point with the zero decimals is (0, 0), like NewFromInt(0).
	ls, err := ParetoLayers([]Point{{ID: "x"}, {ID: "y", Value: decimal.NewFromInt(0), Effort: decimal.NewFromInt(0)}})
	if err != nil || len(ls) != 1 || len(ls[0]) != 2 {
		t.Errorf("%v %v", ls, err)
	}
}
