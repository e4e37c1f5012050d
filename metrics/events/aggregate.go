package events

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// runParts splits the log's users into contiguous ranges of similar event counts, several
// per available CPU (runtime.GOMAXPROCS), and lets one goroutine per CPU take ranges in
// turn, so a CPU slowed by other work does not hold the rest back. Each goroutine fills its
// own part, made with mk; fn must only touch that part. Which ranges land in which part
// varies between runs, so parts must merge the same whatever the split (they do: every
// KPI's parts are sums over users).
func runParts[T any](l *Log, mk func() T, fn func(p T, lo, hi int)) []T {
	workers := runtime.GOMAXPROCS(0)
	ranges := l.userRanges(4 * workers)
	if len(ranges) == 1 || workers == 1 {
		p := mk()
		for _, r := range ranges {
			fn(p, r[0], r[1])
		}
		return []T{p}
	}
	workers = min(workers, len(ranges))
	parts := make([]T, workers)
	for i := range parts {
		parts[i] = mk()
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ranges) {
					return
				}
				fn(parts[w], ranges[i][0], ranges[i][1])
			}
		})
	}
	wg.Wait()
	return parts
}

// nameMatcher answers "is this event one of these names" by dense name index. A nil
// matcher (from an empty list) matches every event.
type nameMatcher []bool

func (l *Log) matcher(names []string) nameMatcher {
	if len(names) == 0 {
		return nil
	}
	m := make(nameMatcher, len(l.names))
	for _, n := range names {
		if id := l.nameID(n); id >= 0 {
			m[id] = true
		}
	}
	return m
}

func (m nameMatcher) match(id int32) bool { return m == nil || m[id] }
