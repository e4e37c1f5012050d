package feedback

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// Limits of guard for one fuzz execution: a computation on a small input must finish in
// guardTime and allocate less than guardAlloc.
const (
	guardTime  = 2 * time.Second
	guardAlloc = 256 << 20
)

// guard runs f on its own goroutine and fails t when f panics, does not return within
// limit (a hang), or makes the process allocate more than maxAlloc bytes while it runs
// (runtime.MemStats.TotalAlloc, so a blow-up is caught even when the memory is freed).
// After a hang the goroutine keeps running; the test has failed by then.
func guard(t testing.TB, limit time.Duration, maxAlloc uint64, f func()) {
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

func TestGuard(t *testing.T) {
	guard(t, time.Second, 1<<20, func() {})
	for name, f := range map[string]func(){
		"hang":  func() { time.Sleep(time.Second) },
		"alloc": func() { _ = make([]byte, 4<<20) },
		"panic": func() { panic("boom") },
	} {
		ft := &fatalRecorder{TB: t}
		func() {
			defer func() { _ = recover() }()
			guard(ft, 50*time.Millisecond, 1<<20, f)
		}()
		if !ft.failed {
			t.Errorf("%s: guard did not fail", name)
		}
	}
}

// fatalRecorder records a Fatal instead of stopping the test (it panics to unwind).
type fatalRecorder struct {
	testing.TB
	failed bool
}

func (f *fatalRecorder) Fatal(args ...any) { f.failed = true; panic("fatal") }

func (f *fatalRecorder) Fatalf(format string, args ...any) { f.failed = true; panic("fatal") }

func (f *fatalRecorder) Helper() {}
