package proptest

import (
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

func TestParametersSeedFromEnv(t *testing.T) {
	t.Setenv(SeedEnv, "42")
	p := Parameters(t)
	if p.Seed() != 42 {
		t.Fatalf("Seed() = %d, want 42", p.Seed())
	}
	want := 100
	if testing.Short() {
		want = 20
	}
	if p.MinSuccessfulTests != want {
		t.Errorf("MinSuccessfulTests = %d, want %d", p.MinSuccessfulTests, want)
	}
	// The same seed replays the same generated values.
	draw := func() []int64 {
		var got []int64
		props := gopter.NewProperties(Parameters(t))
		props.Property("record", prop.ForAll(func(v int64) bool { got = append(got, v); return true }, gen.Int64()))
		props.TestingRun(t)
		return got
	}
	a, b := draw(), draw()
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("runs drew %d and %d values", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("value %d differs between runs with the same seed: %d vs %d", i, a[i], b[i])
		}
	}
}

func TestParametersRejectsBadSeed(t *testing.T) {
	t.Setenv(SeedEnv, "not-a-number")
	ft := &fatalRecorder{TB: t}
	func() {
		defer func() { _ = recover() }()
		Parameters(ft)
	}()
	if !ft.failed {
		t.Fatal("a non-integer seed was accepted")
	}
}

func TestParametersWithoutEnv(t *testing.T) {
	t.Setenv(SeedEnv, "")
	if p := Parameters(t); p.Rng == nil {
		t.Fatal("no random source")
	}
}

// fatalRecorder records Fatalf instead of stopping the test.
type fatalRecorder struct {
	testing.TB
	failed bool
}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.failed = true
	panic("fatal")
}
