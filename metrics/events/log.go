package events

import (
	"fmt"
	"iter"
	"runtime"
	"slices"
	"sync"
	"time"
)

// Log is an immutable, in-memory, columnar event log. Users and event names are
// interned to dense integers; events are grouped by user and sorted by time within a user
// (events with equal times keep their input order). It costs about 16 bytes per event plus
// the dictionaries. Build one with NewLog, a LogBuilder, ReadCSV or ReadJSONLines.
//
// A Log is safe for concurrent use by many goroutines once built.
type Log struct {
	users []UserID // dense user index -> id
	names []string // dense name index -> name
	byNam map[string]int32
	off   []int   // events of user u are [off[u], off[u+1])
	name  []int32 // name index per event
	ts    []int64 // Unix nanoseconds per event
	props []propColumn
	minTs int64
	maxTs int64
}

// propColumn holds one event property as dictionary codes; -1 means absent.
type propColumn struct {
	key    string
	values []string
	codes  []int32
}

// Len returns the number of events.
func (l *Log) Len() int { return len(l.ts) }

// NumUsers returns the number of distinct users.
func (l *Log) NumUsers() int { return len(l.users) }

// EventNames returns the distinct event names, in order of first appearance.
func (l *Log) EventNames() []string { return slices.Clone(l.names) }

// Span returns the times of the earliest and the latest event; ok is false for an empty log.
// Times are in UTC.
func (l *Log) Span() (first, last time.Time, ok bool) {
	if len(l.ts) == 0 {
		return time.Time{}, time.Time{}, false
	}
	return time.Unix(0, l.minTs).UTC(), time.Unix(0, l.maxTs).UTC(), true
}

// All yields every event, grouped by user (in order of the users' first appearance in the
// input) and sorted by time within a user. Times are in UTC.
func (l *Log) All() iter.Seq[Event] {
	return func(yield func(Event) bool) {
		for u := range l.users {
			for i := l.off[u]; i < l.off[u+1]; i++ {
				if !yield(l.event(u, i)) {
					return
				}
			}
		}
	}
}

func (l *Log) event(u, i int) Event {
	e := Event{User: l.users[u], Name: l.names[l.name[i]], Time: time.Unix(0, l.ts[i]).UTC()}
	for _, p := range l.props {
		if c := p.codes[i]; c >= 0 {
			if e.Props == nil {
				e.Props = make(map[string]string, len(l.props))
			}
			e.Props[p.key] = p.values[c]
		}
	}
	return e
}

// nameID returns the dense index of an event name, or -1 when the log has no such event.
func (l *Log) nameID(name string) int32 {
	if id, ok := l.byNam[name]; ok {
		return id
	}
	return -1
}

// prop returns the column of property key, or nil.
func (l *Log) prop(key string) *propColumn {
	for i := range l.props {
		if l.props[i].key == key {
			return &l.props[i]
		}
	}
	return nil
}

// userRanges splits the users into at most parts contiguous ranges of similar event counts.
func (l *Log) userRanges(parts int) [][2]int {
	n := len(l.users)
	if parts < 1 {
		parts = 1
	}
	if n < 4096 || parts == 1 {
		return [][2]int{{0, n}}
	}
	out := make([][2]int, 0, parts)
	lo := 0
	for p := 1; p <= parts && lo < n; p++ {
		target := len(l.ts) * p / parts
		hi, _ := slices.BinarySearch(l.off, target)
		hi = min(max(hi, lo+1), n)
		if p == parts {
			hi = n
		}
		out = append(out, [2]int{lo, hi})
		lo = hi
	}
	return out
}

// EventError reports an invalid event given to NewLog or LogBuilder.Add: Index is its
// 0-based position in the input, Err the *productops.ValidationError naming every bad field.
// errors.Is(err, productops.ErrInvalid) holds.
type EventError struct {
	Index int
	Err   error
}

// Error returns "events: event N: " and the validation message.
func (e *EventError) Error() string { return fmt.Sprintf("events: event %d: %v", e.Index, e.Err) }

// Unwrap returns the validation error.
func (e *EventError) Unwrap() error { return e.Err }

// NewLog builds a log from a sequence of events in any order. It stops at the first
// invalid event and returns an *EventError naming its position.
func NewLog(events iter.Seq[Event]) (*Log, error) {
	b := NewLogBuilder()
	for e := range events {
		if err := b.Add(e); err != nil {
			return nil, err
		}
	}
	return b.Build(), nil
}

const chunkSize = 1 << 16

// LogBuilder accumulates events and builds a Log. The zero value is not usable; call
// NewLogBuilder. A LogBuilder is not safe for concurrent use.
type LogBuilder struct {
	users  userTable
	names  []string
	byNam  map[string]int32
	uCh    [][]int32
	nCh    [][]int32
	tCh    [][]int64
	n      int
	props  map[string]*propBuilder
	minTs  int64
	maxTs  int64
	sorted bool // events arrived in time order so far
	lastTs int64
	// scatterMin is the event count from which Build scatters in parallel.
	scatterMin int
	// nameCache maps a cheap hash of a name to its index + 1 (0 = empty).
	nameCache [256]int32
}

type propBuilder struct {
	byVal  map[string]int32
	values []string
	codes  []int32
}

// NewLogBuilder returns an empty builder.
func NewLogBuilder() *LogBuilder {
	return &LogBuilder{byNam: map[string]int32{}, minTs: 1<<63 - 1, maxTs: -1 << 63, sorted: true, scatterMin: 1 << 20}
}

// Len returns the number of events added so far.
func (b *LogBuilder) Len() int { return b.n }

// Add validates e and appends it. An invalid event is not added; the error is an
// *EventError whose Index is the number of events added before it.
func (b *LogBuilder) Add(e Event) error {
	if e.User == "" || e.Name == "" || e.Time.IsZero() || e.Time.Before(minEventTime) || e.Time.After(maxEventTime) {
		return &EventError{Index: b.n, Err: e.Validate()}
	}
	u := b.users.internString(string(e.User))
	b.add(u, b.internName(e.Name), e.Time.UnixNano())
	for k, v := range e.Props {
		b.setProp(k, v)
	}
	return nil
}

func (b *LogBuilder) internName(s string) int32 {
	if id, ok := b.byNam[s]; ok {
		return id
	}
	id := int32(len(b.names))
	b.names = append(b.names, s)
	b.byNam[s] = id
	return id
}

// internNameBytes is internName without allocating for known names.
// Event names repeat a lot and are few: a small direct-mapped cache keyed by the name's
// length and three of its bytes answers most lookups without hashing the whole name.
func (b *LogBuilder) internNameBytes(s []byte) int32 {
	n := len(s)
	if n == 0 {
		return b.internName("")
	}
	h := (uint(n)*131 + uint(s[0])*31 + uint(s[n-1])*7 + uint(s[n/2])) & uint(len(b.nameCache)-1)
	if c := b.nameCache[h]; c > 0 && b.names[c-1] == string(s) {
		return c - 1
	}
	id, ok := b.byNam[string(s)]
	if !ok {
		id = b.internName(string(s))
	}
	b.nameCache[h] = id + 1
	return id
}

// add appends one event whose user and name are already interned.
func (b *LogBuilder) add(u, name int32, ts int64) {
	c := b.n / chunkSize
	if c == len(b.uCh) {
		b.uCh = append(b.uCh, make([]int32, 0, chunkSize))
		b.nCh = append(b.nCh, make([]int32, 0, chunkSize))
		b.tCh = append(b.tCh, make([]int64, 0, chunkSize))
	}
	b.uCh[c] = append(b.uCh[c], u)
	b.nCh[c] = append(b.nCh[c], name)
	b.tCh[c] = append(b.tCh[c], ts)
	b.n++
	if ts < b.lastTs {
		b.sorted = false
	}
	b.lastTs = ts
	b.minTs = min(b.minTs, ts)
	b.maxTs = max(b.maxTs, ts)
}

// setProp sets property k of the last added event.
func (b *LogBuilder) setProp(k, v string) {
	if b.props == nil {
		b.props = map[string]*propBuilder{}
	}
	p := b.props[k]
	if p == nil {
		p = &propBuilder{byVal: map[string]int32{}}
		b.props[k] = p
	}
	for len(p.codes) < b.n {
		p.codes = append(p.codes, -1)
	}
	c, ok := p.byVal[v]
	if !ok {
		c = int32(len(p.values))
		p.values = append(p.values, v)
		p.byVal[v] = c
	}
	p.codes[b.n-1] = c
}

// Build returns the log of every event added so far and resets the builder to empty.
func (b *LogBuilder) Build() *Log {
	nu := len(b.users.ids)
	l := &Log{users: b.users.ids, names: b.names, byNam: b.byNam, minTs: b.minTs, maxTs: b.maxTs}
	if b.n == 0 {
		l.minTs, l.maxTs = 0, 0
	}
	off := make([]int, nu+1)
	for _, ch := range b.uCh {
		for _, u := range ch {
			off[u+1]++
		}
	}
	for u := range nu {
		off[u+1] += off[u]
	}
	l.off = off
	pos := make([]int, nu)
	copy(pos, off[:nu])
	// dest[i] is the sorted position of input event i, kept only when properties need it.
	var dest []int32
	if len(b.props) > 0 {
		dest = make([]int32, b.n)
	}
	l.name = make([]int32, b.n)
	l.ts = make([]int64, b.n)
	if workers := runtime.GOMAXPROCS(0); dest == nil && workers > 1 && b.n >= b.scatterMin {
		b.scatterParallel(l, pos, workers)
	} else {
		for c, ch := range b.uCh {
			nc, tc := b.nCh[c], b.tCh[c]
			for i, u := range ch {
				p := pos[u]
				pos[u] = p + 1
				l.name[p] = nc[i]
				l.ts[p] = tc[i]
				if dest != nil {
					dest[c*chunkSize+i] = int32(p)
				}
			}
			b.uCh[c], b.nCh[c], b.tCh[c] = nil, nil, nil
		}
	}
	keys := make([]string, 0, len(b.props))
	for k := range b.props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		p := b.props[k]
		col := propColumn{key: k, values: p.values, codes: make([]int32, b.n)}
		for i := range col.codes {
			col.codes[i] = -1
		}
		for i, c := range p.codes {
			col.codes[dest[i]] = c
		}
		l.props = append(l.props, col)
	}
	if !b.sorted {
		l.sortUsers()
	}
	keep := b.scatterMin
	*b = *NewLogBuilder()
	b.scatterMin = keep
	return l
}

// scatterParallel moves the events into user order with one goroutine per range of users;
// each reads every chunk and writes only its own users' events.
func (b *LogBuilder) scatterParallel(l *Log, pos []int, workers int) {
	ranges := l.userRanges(workers)
	var wg sync.WaitGroup
	for _, r := range ranges {
		lo, hi := int32(r[0]), int32(r[1])
		wg.Go(func() {
			for c, ch := range b.uCh {
				nc, tc := b.nCh[c], b.tCh[c]
				for i, u := range ch {
					if u < lo || u >= hi {
						continue
					}
					p := pos[u]
					pos[u] = p + 1
					l.name[p] = nc[i]
					l.ts[p] = tc[i]
				}
			}
		})
	}
	wg.Wait()
	for c := range b.uCh {
		b.uCh[c], b.nCh[c], b.tCh[c] = nil, nil, nil
	}
}

// sortUsers sorts each user's events by time, keeping the input order of equal times.
func (l *Log) sortUsers() {
	var perm []int
	for u := range l.users {
		lo, hi := l.off[u], l.off[u+1]
		if slices.IsSorted(l.ts[lo:hi]) {
			continue
		}
		perm = perm[:0]
		for i := lo; i < hi; i++ {
			perm = append(perm, i)
		}
		slices.SortStableFunc(perm, func(a, b int) int {
			switch {
			case l.ts[a] < l.ts[b]:
				return -1
			case l.ts[a] > l.ts[b]:
				return 1
			}
			return 0
		})
		applyPerm(l.ts[lo:hi], perm, lo)
		applyPerm(l.name[lo:hi], perm, lo)
		for _, p := range l.props {
			applyPerm(p.codes[lo:hi], perm, lo)
		}
	}
}

func applyPerm[T any](s []T, perm []int, lo int) {
	tmp := make([]T, len(s))
	for i, p := range perm {
		tmp[i] = s[p-lo]
	}
	copy(s, tmp)
}

// userTable interns user ids. Canonical decimal ids ("0", "42", no sign or leading zero,
// at most 19 digits) go through an open-addressing table on their numeric value; other ids
// through a map. Both paths see disjoint sets of strings, so an id always gets one index.
type userTable struct {
	slots []userSlot
	// recent is a small direct-mapped cache of recently seen numeric ids: time-sorted input
	// interleaves the events of the few users active at that moment, and this cache stays
	// in the CPU cache while the big table does not.
	recent [4096]userSlot
	used   int
	str    map[string]int32
	ids    []UserID
}

func canonicalNumber(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 19 || (b[0] == '0' && len(b) > 1) {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

func (t *userTable) internBytes(b []byte) int32 {
	if v, ok := canonicalNumber(b); ok {
		return t.internNumber(v, b)
	}
	if id, ok := t.str[string(b)]; ok {
		return id
	}
	return t.newString(string(b))
}

func (t *userTable) internString(s string) int32 {
	if v, ok := canonicalNumber([]byte(s)); ok {
		return t.internNumber(v, []byte(s))
	}
	if id, ok := t.str[s]; ok {
		return id
	}
	return t.newString(s)
}

func (t *userTable) newString(s string) int32 {
	if t.str == nil {
		t.str = map[string]int32{}
	}
	id := int32(len(t.ids))
	t.ids = append(t.ids, UserID(s))
	t.str[s] = id
	return id
}

func hashSlot(k uint64, mask uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> 32 & mask }

// userSlot is one slot of the open-addressing table: key is the number + 1 (0 = empty).
type userSlot struct {
	key uint64
	id  int32
}

func (t *userTable) internNumber(v uint64, b []byte) int32 {
	k := v + 1
	r := &t.recent[(k*0x9E3779B97F4A7C15)>>52]
	if r.key == k {
		return r.id
	}
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for s := hashSlot(k, mask); ; s = (s + 1) & mask {
		switch t.slots[s].key {
		case k:
			*r = t.slots[s]
			return r.id
		case 0:
			id := int32(len(t.ids))
			t.ids = append(t.ids, UserID(b))
			t.slots[s] = userSlot{k, id}
			t.used++
			*r = t.slots[s]
			return id
		}
	}
}

func (t *userTable) grow() {
	n := max(1024, 2*len(t.slots))
	slots := make([]userSlot, n)
	mask := uint64(n - 1)
	for _, sl := range t.slots {
		if sl.key == 0 {
			continue
		}
		s := hashSlot(sl.key, mask)
		for slots[s].key != 0 {
			s = (s + 1) & mask
		}
		slots[s] = sl
	}
	t.slots = slots
}
