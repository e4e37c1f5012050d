package metrics

import (
	"runtime"
	"sync"
)

// runParts splits the log's users into contiguous ranges of similar event counts, one per
// available CPU (runtime.GOMAXPROCS), makes a part with mk for each and fills it with fn in
// its own goroutine. fn must only touch its own part.
func runParts[T any](l *EventLog, mk func() T, fn func(p T, lo, hi int)) []T {
	ranges := l.userRanges(runtime.GOMAXPROCS(0))
	parts := make([]T, len(ranges))
	for i := range parts {
		parts[i] = mk()
	}
	if len(ranges) == 1 {
		fn(parts[0], ranges[0][0], ranges[0][1])
		return parts
	}
	var wg sync.WaitGroup
	for i, r := range ranges {
		wg.Go(func() { fn(parts[i], r[0], r[1]) })
	}
	wg.Wait()
	return parts
}

// nameMatcher answers "is this event one of these names" by dense name index. A nil
// matcher (from an empty list) matches every event.
type nameMatcher []bool

func (l *EventLog) matcher(names []string) nameMatcher {
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
