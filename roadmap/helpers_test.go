package roadmap

import (
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// decEq compares decimals by value, so 1.50 equals 1.5.
var decEq = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func dp(s string) *decimal.Decimal {
	v := d(s)
	return &v
}

// node builds an item that depends (Blocks) on deps.
func node(id string, deps ...string) Item {
	it := Item{ID: ItemID(id)}
	for _, dep := range deps {
		it.DependsOn = append(it.DependsOn, Dependency{On: ItemID(dep)})
	}
	return it
}

func ids(s ...string) []ItemID {
	out := make([]ItemID, len(s))
	for i, x := range s {
		out[i] = ItemID(x)
	}
	return out
}
