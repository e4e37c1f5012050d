package feedback

import (
	"testing"
	"time"

	"github.com/productops/productops/internal/fuzzguard"
)

// Limits of guard for one fuzz execution: a computation on a small input must finish in
// guardTime and allocate less than guardAlloc.
const (
	guardTime  = fuzzguard.Time
	guardAlloc = fuzzguard.Alloc
)

// guard runs f under fuzzguard's time and allocation guard with the given limits.
func guard(t testing.TB, limit time.Duration, maxAlloc uint64, f func()) {
	t.Helper()
	fuzzguard.RunWithin(t, limit, maxAlloc, f)
}
