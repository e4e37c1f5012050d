package fuzzguard

import (
	"testing"
	"time"
)

func TestRunWithin(t *testing.T) {
	Run(t, func() {})
	for name, f := range map[string]func(){
		"hang":  func() { time.Sleep(5 * time.Second) },
		"alloc": func() { _ = make([]byte, 4<<20) },
		"panic": func() { panic("boom") },
	} {
		ft := &fatalRecorder{TB: t}
		func() {
			defer func() { _ = recover() }()
			RunWithin(ft, 50*time.Millisecond, 1<<20, f)
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
