// Package fuzzguard runs one fuzz or robustness execution under a time and allocation
// guard, so a hang, a blow-up or a panic is a test failure rather than a stuck or killed
// test binary. Only tests import it.
package fuzzguard

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The default guard of one execution on a small input: it must finish within Time and
// allocate at most Alloc bytes.
const (
	Time  = 2 * time.Second
	Alloc = 256 << 20
)

// Run is RunWithin with the default limits.
func Run(t testing.TB, f func()) {
	t.Helper()
	RunWithin(t, Time, Alloc, f)
}

// RunWithin runs f on its own goroutine and fails t when f panics, does not return within
// limit, or makes the process allocate more than maxAlloc bytes while it runs
// (runtime.MemStats.TotalAlloc, so a blow-up is caught even when the memory is freed; other
// goroutines' allocations count too, so keep guarded tests serial). Under the race
// detector, which slows code about tenfold, limit is multiplied by raceSlowdown: a hang
// never returns, so a longer limit still catches it. After a hang the goroutine keeps
// running; the test has failed by then.
func RunWithin(t testing.TB, limit time.Duration, maxAlloc uint64, f func()) {
	t.Helper()
	limit *= raceSlowdown
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
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case msg := <-done:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-timer.C:
		t.Fatalf("hang: no result after %v", limit)
	}
	runtime.ReadMemStats(&after)
	if d := after.TotalAlloc - before.TotalAlloc; d > maxAlloc {
		t.Fatalf("allocated %d MiB, more than the %d MiB allowed", d>>20, maxAlloc>>20)
	}
}
