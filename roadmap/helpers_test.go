package roadmap

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

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

// Limits of guard: a computation on any input must end within guardTime and allocate at
// most guardBytes in total.
const (
	guardTime  = 3 * time.Second
	guardBytes = 256 << 20
)

// guard runs f in its own goroutine and fails the test when f panics, is still running
// after guardTime ("hang"), or allocates more than guardBytes while it runs (measured with
// runtime.ReadMemStats, so other goroutines' allocations count too: keep tests serial).
func guard(t testing.TB, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan string, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Sprintf("panic: %v\n%s", p, debug.Stack())
				return
			}
			done <- ""
		}()
		f()
	}()
	timer := time.NewTimer(guardTime)
	defer timer.Stop()
	select {
	case msg := <-done:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-timer.C:
		t.Fatalf("hang: still running after %v", guardTime)
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > guardBytes {
		t.Fatalf("allocated %d MiB, more than %d MiB", n>>20, guardBytes>>20)
	}
}
