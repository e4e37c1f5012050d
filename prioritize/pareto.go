package prioritize

import (
	"cmp"
	"slices"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Point is an item on the value/effort plane.
type Point struct {
	// ID names the item; required and unique.
	ID ItemID `json:"id" validate:"required"`
	// Value is the item's value (any score; more is better).
	Value decimal.Decimal `json:"value" validate:"dbound"`
	// Effort is the item's effort, ≥ 0 (less is better).
	Effort decimal.Decimal `json:"effort" validate:"dbound,dgte=0"`
}

// checkPoints validates points and their IDs.
func checkPoints(subject string, points []Point) error {
	e := validation.New(subject)
	ids := make([]ItemID, len(points))
	for i, p := range points {
		pre := index("points", i)
		e.Struct(pre, p)
		ids[i] = p.ID
	}
	uniqueIDs(e, "points", ids)
	return withSentinels(e)
}

// Pareto returns the items no other item dominates, by ascending effort (then descending
// value, then ID). Item a dominates b when a's value ≥ b's and a's effort ≤ b's with at
// least one strict; identical points do not dominate each other, so both stay.
func Pareto(points []Point) ([]Point, error) {
	if err := checkPoints("prioritize: pareto points", points); err != nil {
		return nil, err
	}
	return frontier(sortedPoints(points)), nil
}

// ParetoLayers peels successive frontiers (non-dominated sorting): layer 0 is Pareto's
// result, layer 1 the frontier of what remains, and so on. Every item is in one layer,
// each layer in Pareto's order. It takes O(n log n) time, however many layers there are.
func ParetoLayers(points []Point) ([][]Point, error) {
	if err := checkPoints("prioritize: pareto points", points); err != nil {
		return nil, err
	}
	// In the sorted order every point that could dominate p comes before it, and a
	// layer's last point has its highest value, so p is dominated by a layer exactly when
	// it is dominated by that layer's last point. Down the layers the last points are
	// dominated in turn, so "dominated by layer L's last point" holds for a prefix of the
	// layers: a binary search finds p's layer.
	var layers [][]Point
	for _, p := range sortedPoints(points) {
		l := sort.Search(len(layers), func(l int) bool { return !dominates(layers[l][len(layers[l])-1], p) })
		if l == len(layers) {
			layers = append(layers, nil)
		}
		layers[l] = append(layers[l], p)
	}
	return layers, nil
}

// dominates reports whether a dominates b: value at least as high and effort at most as
// high, one of them strictly.
func dominates(a, b Point) bool {
	v, e := a.Value.Cmp(b.Value), a.Effort.Cmp(b.Effort)
	return v >= 0 && e <= 0 && (v > 0 || e < 0)
}

func sortedPoints(points []Point) []Point {
	s := slices.Clone(points)
	slices.SortFunc(s, func(a, b Point) int {
		if c := a.Effort.Cmp(b.Effort); c != 0 {
			return c
		}
		if c := b.Value.Cmp(a.Value); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return s
}

// frontier sweeps points sorted by sortedPoints.
func frontier(s []Point) []Point {
	var out []Point
	for _, p := range s {
		if len(out) == 0 {
			out = append(out, p)
			continue
		}
		last := out[len(out)-1]
		if p.Value.GreaterThan(last.Value) || (p.Value.Equal(last.Value) && p.Effort.Equal(last.Effort)) {
			out = append(out, p)
		}
	}
	return out
}
