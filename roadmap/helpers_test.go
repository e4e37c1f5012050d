package roadmap

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/fuzzguard"
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

// Limits of guard: a computation on any input must end within guardTime and allocate at
// most guardBytes in total.
const (
	guardTime  = 3 * time.Second
	guardBytes = 256 << 20
)

// guard runs f under fuzzguard's time and allocation guard with the package's limits.
func guard(t testing.TB, f func()) { t.Helper(); fuzzguard.RunWithin(t, guardTime, guardBytes, f) }
