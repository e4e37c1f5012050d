// Package proptest gives property tests their gopter parameters: a logged seed that the
// GOPTER_SEED environment variable overrides, so any failure can be replayed exactly.
package proptest

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/leanovate/gopter"
)

// SeedEnv names the environment variable that fixes the seed of every property test.
const SeedEnv = "GOPTER_SEED"

// Parameters returns gopter parameters for t. The seed comes from GOPTER_SEED when set,
// else from the test's start time, and is logged either way. Properties run 100 cases, or
// 20 under -short.
func Parameters(t testing.TB) *gopter.TestParameters {
	t.Helper()
	seed := time.Now().UnixNano()
	if s := os.Getenv(SeedEnv); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("proptest: %s=%q is not an integer", SeedEnv, s)
		}
		seed = v
	}
	t.Logf("gopter seed %d (replay with %s=%d)", seed, SeedEnv, seed)
	p := gopter.DefaultTestParametersWithSeed(seed)
	p.MinSuccessfulTests = 100
	if testing.Short() {
		p.MinSuccessfulTests = 20
	}
	return p
}
