package events

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"slices"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/internal/wire"
)

// Partial aggregates on many machines
//
// RetentionAggregate, FunnelAggregate and ActivityAggregate are the partial forms of
// Retention, Funnel and DailyActivity that a distributed runner (Apache Beam, see the
// beam/ module) builds on each worker and merges. Every one of them needs all events of a
// user in the same aggregate: a cohort starts at the user's first event, a funnel path is
// the user's own sequence, and a distinct count per day and over trailing windows must see
// each user once. So the events are keyed by user (grouped before they are added); the
// users themselves may be split across workers in any way, and the partials merged in any
// order and grouping give the result of one aggregate over every user. A user whose events
// are split between two aggregates is counted twice: nothing can detect it after the fact.
//
// MarshalBinary writes a partial in a stable, versioned form; UnmarshalBinary reads it
// into an aggregate made with the same options (by NewRetentionAggregate, ...), checking a
// fingerprint of the options (ErrMismatch when they differ) and every count.

// MaxAggregateCount bounds every count UnmarshalBinary accepts (users in a cohort, a day,
// a funnel step): 2^48, so merging up to 2^15 decoded partials cannot overflow.
const MaxAggregateCount = 1 << 48

// optionsFingerprint returns a stable hash of options given as their JSON form plus the
// parts JSON leaves out (the location's name).
func optionsFingerprint(opts any, extra ...string) uint64 {
	b, err := json.Marshal(opts)
	if err != nil {
		// Options hold only JSON-encodable fields; reaching this is a bug.
		panic(fmt.Sprintf("events: options do not encode: %v", err))
	}
	h := fnv.New64a()
	h.Write(b)
	for _, e := range extra {
		h.Write([]byte{0})
		h.Write([]byte(e))
	}
	return h.Sum64()
}

func binaryError(subject string, err error) error {
	e := validation.New("events: " + subject)
	e.Add("data", "format", "", err.Error())
	return e.Err()
}

func notMade(subject string) error {
	e := validation.New("events: " + subject)
	e.Add("", "required", "", "the aggregate must be made by its New function before UnmarshalBinary")
	return e.Err()
}

// checkFingerprint reads the options fingerprint and reports ErrMismatch when it differs.
func checkFingerprint(r *wire.Reader, want uint64) error {
	var b [8]byte
	for i := range b {
		b[i] = r.Byte()
	}
	if r.Err() != nil {
		return nil // reported by Close
	}
	got := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	if got != want {
		return ErrMismatch
	}
	return nil
}

func writeFingerprint(w *wire.Writer, f uint64) {
	for i := range 8 {
		w.Byte(byte(f >> (8 * i)))
	}
}

// Retention: header "RA" 1, options fingerprint (8 bytes little endian), the latest event
// time (varint ns), the number of cohorts, then per cohort in increasing order: the
// cohort's bucket (varint, first as is, then the gap to the previous one), its size and
// one count per cell.
const (
	retentionTag     = "RA"
	retentionVersion = 2
)

func (a *RetentionAggregate) fingerprint() uint64 {
	return optionsFingerprint(a.opts, locName(a.opts.Location))
}

// MarshalBinary encodes the aggregate; equal aggregates give equal bytes whatever the
// order of Adds and Merges.
func (a *RetentionAggregate) MarshalBinary() ([]byte, error) {
	if a == nil || a.cal == nil {
		return nil, notMade("retention aggregate")
	}
	keys := make([]int64, 0, len(a.rows))
	for c := range a.rows {
		keys = append(keys, c)
	}
	slices.Sort(keys)
	w := wire.NewWriter(retentionTag, retentionVersion, 16+len(keys)*(a.cells+2)*2)
	writeFingerprint(w, a.fingerprint())
	writeSeen(w, a.seen)
	w.Varint(a.maxTs)
	w.Uvarint(uint64(len(keys)))
	prev := int64(0)
	for i, c := range keys {
		if i == 0 {
			w.Varint(c)
		} else {
			w.Uvarint(uint64(c - prev))
		}
		prev = c
		for _, v := range a.rows[c] {
			w.Int(v)
		}
	}
	return w.Bytes(), nil
}

// UnmarshalBinary replaces the users of a with the partial MarshalBinary encoded in data.
// a must come from NewRetentionAggregate with the options of the encoded aggregate, else
// the error is ErrMismatch. Malformed data (another type or version, truncated, trailing
// bytes, cohorts out of order or outside the options' range, a count over
// MaxAggregateCount, a cell over its cohort's size) is a *productops.ValidationError at
// "data". On error a is unchanged. It allocates at most in proportion to len(data).
func (a *RetentionAggregate) UnmarshalBinary(data []byte) error {
	const subject = "retention aggregate"
	if a == nil || a.cal == nil {
		return notMade(subject)
	}
	r := wire.NewReader(data, retentionTag, retentionVersion)
	if err := checkFingerprint(r, a.fingerprint()); err != nil {
		return err
	}
	seen := readSeen(r, a.seen)
	maxTs := r.Varint()
	n := r.Len(a.cells + 2)
	rows := make(map[int64][]int64, n)
	prev := int64(0)
	for i := range n {
		var c int64
		if i == 0 {
			c = r.Varint()
		} else {
			gap := r.Uvarint()
			if gap == 0 || gap >= uint64(a.to)-uint64(prev) {
				r.Fail("cohort %d: out of order or out of range", i)
				break
			}
			c = prev + int64(gap)
		}
		if c < a.from || c >= a.to {
			r.Fail("cohort %d: bucket %d outside the options' range", i, c)
			break
		}
		prev = c
		row := make([]int64, a.cells+1)
		row[0] = r.Int(MaxAggregateCount)
		for k := 1; k < len(row); k++ {
			row[k] = r.Int(row[0])
		}
		rows[c] = row
	}
	if err := r.Close(); err != nil {
		return binaryError(subject, err)
	}
	a.rows, a.maxTs, a.lastRow, a.seen = rows, maxTs, nil, seen
	return nil
}

// Funnel: header "FA" 1, options fingerprint, the whole funnel's counts, the number of
// breakdown values, then per value in increasing order: the value and its counts. Counts
// are: excluded users, per step the users reaching it, per step after the first the
// sorted durations from the previous step (first as a varint, then gaps), and the sorted
// total durations likewise.
const (
	funnelTag     = "FA"
	funnelVersion = 2
	// maxBreakdownValue bounds a breakdown value's length in UnmarshalBinary.
	maxBreakdownValue = 1 << 16
)

func (a *FunnelAggregate) fingerprint() uint64 {
	return optionsFingerprint(a.opts, fmt.Sprint(a.from, a.to))
}

// MarshalBinary encodes the aggregate; equal aggregates give equal bytes whatever the
// order of Adds and Merges (durations are sorted, in place).
func (a *FunnelAggregate) MarshalBinary() ([]byte, error) {
	if a == nil || a.all == nil {
		return nil, notMade("funnel aggregate")
	}
	w := wire.NewWriter(funnelTag, funnelVersion, 64)
	writeFingerprint(w, a.fingerprint())
	writeSeen(w, a.seen)
	writeFunnelCounts(w, a.all)
	keys := make([]string, 0, len(a.by))
	for k := range a.by {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.Uvarint(uint64(len(keys)))
	for _, k := range keys {
		w.String(k)
		writeFunnelCounts(w, a.by[k])
	}
	return w.Bytes(), nil
}

func writeFunnelCounts(w *wire.Writer, c *funnelCounts) {
	w.Int(c.excluded)
	for _, v := range c.reached {
		w.Int(v)
	}
	for _, ts := range c.times[1:] {
		writeSorted(w, ts)
	}
	writeSorted(w, c.total)
}

// writeSorted sorts s in place and writes its length, its first value and the gaps.
func writeSorted(w *wire.Writer, s []int64) {
	slices.Sort(s)
	w.Uvarint(uint64(len(s)))
	for i, v := range s {
		if i == 0 {
			w.Varint(v)
		} else {
			w.Uvarint(uint64(v - s[i-1]))
		}
	}
}

// UnmarshalBinary replaces the users of a with the partial MarshalBinary encoded in data.
// a must come from NewFunnelAggregate with the options of the encoded aggregate, else the
// error is ErrMismatch. Malformed data (another type or version, truncated, trailing
// bytes, counts over MaxAggregateCount, a step with more users than the one before, a
// number of durations that is not the number of users reaching the step, breakdown values
// out of order or without a breakdown) is a *productops.ValidationError at "data". On
// error a is unchanged. It allocates at most in proportion to len(data).
func (a *FunnelAggregate) UnmarshalBinary(data []byte) error {
	const subject = "funnel aggregate"
	if a == nil || a.all == nil {
		return notMade(subject)
	}
	r := wire.NewReader(data, funnelTag, funnelVersion)
	if err := checkFingerprint(r, a.fingerprint()); err != nil {
		return err
	}
	seen := readSeen(r, a.seen)
	n := len(a.opts.Steps)
	all := readFunnelCounts(r, n)
	nb := r.Len(2 + n)
	if nb > 0 && a.by == nil {
		r.Fail("breakdown values without a breakdown")
	}
	var by map[string]*funnelCounts
	if a.by != nil {
		by = make(map[string]*funnelCounts, nb)
	}
	prev := ""
	for i := range nb {
		k := r.String(maxBreakdownValue)
		if i > 0 && k <= prev {
			r.Fail("breakdown value %d: out of order or repeated", i)
		}
		prev = k
		c := readFunnelCounts(r, n)
		if r.Err() != nil {
			break
		}
		by[k] = c
	}
	if err := r.Close(); err != nil {
		return binaryError(subject, err)
	}
	a.all, a.by, a.seen = all, by, seen
	return nil
}

func readFunnelCounts(r *wire.Reader, n int) *funnelCounts {
	c := newFunnelCounts(n)
	c.excluded = r.Int(MaxAggregateCount)
	for k := range c.reached {
		c.reached[k] = r.Int(MaxAggregateCount)
		if k > 0 && c.reached[k] > c.reached[k-1] {
			r.Fail("step %d: %d users, more than the %d of the step before", k, c.reached[k], c.reached[k-1])
		}
	}
	for k := 1; k < n; k++ {
		c.times[k] = readSorted(r, c.reached[k])
	}
	c.total = readSorted(r, c.reached[n-1])
	return c
}

// readSorted reads a list written by writeSorted, which must hold want values.
func readSorted(r *wire.Reader, want int64) []int64 {
	m := r.Len(1)
	if int64(m) != want && r.Err() == nil {
		r.Fail("%d durations for %d users", m, want)
	}
	if r.Err() != nil {
		return nil
	}
	s := make([]int64, m)
	for i := range s {
		if i == 0 {
			s[i] = r.Varint()
			continue
		}
		gap := r.Uvarint()
		s[i] = s[i-1] + int64(gap)
		if gap > math.MaxInt64 || s[i] < s[i-1] {
			r.Fail("duration overflows")
			return nil
		}
	}
	return s
}

// Activity: header "AA" 1, options fingerprint, the first and last day (civil day
// numbers), the users active in the range, then per day the daily actives, and the
// weekly and monthly difference arrays (one more entry than days), as varints.
const (
	activityTag     = "AA"
	activityVersion = 2
)

func (a *ActivityAggregate) fingerprint() uint64 {
	return optionsFingerprint(struct {
		Events   []string
		From, To int64
	}{slices.Sorted(maps.Keys(a.events)), a.from, a.to}, locName(a.cal.loc))
}

// MarshalBinary encodes the aggregate; equal aggregates give equal bytes whatever the
// order of Adds and Merges.
func (a *ActivityAggregate) MarshalBinary() ([]byte, error) {
	if a == nil || a.cal == nil {
		return nil, notMade("activity aggregate")
	}
	w := wire.NewWriter(activityTag, activityVersion, 16+3*len(a.wau))
	writeFingerprint(w, a.fingerprint())
	w.Varint(a.minDay)
	w.Varint(a.from)
	w.Varint(a.to)
	w.Int(a.rangeUsers)
	for _, v := range a.dau {
		w.Int(v)
	}
	for _, d := range [][]int64{a.wau, a.mau} {
		for _, v := range d {
			w.Varint(v)
		}
	}
	return w.Bytes(), nil
}

// UnmarshalBinary replaces the users of a with the partial MarshalBinary encoded in data.
// a must come from NewActivityAggregate with the options of the encoded aggregate, else
// the error is ErrMismatch. Malformed data (another type or version, truncated, trailing
// bytes, another range of days, a day with more active users than the range, rolling
// counts that go negative or exceed MaxAggregateCount) is a *productops.ValidationError at
// "data". On error a is unchanged. The arrays it allocates are the size the options give.
func (a *ActivityAggregate) UnmarshalBinary(data []byte) error {
	const subject = "activity aggregate"
	if a == nil || a.cal == nil {
		return notMade(subject)
	}
	r := wire.NewReader(data, activityTag, activityVersion)
	if err := checkFingerprint(r, a.fingerprint()); err != nil {
		return err
	}
	minDay := r.Varint()
	if from, to := r.Varint(), r.Varint(); r.Err() == nil && (from != a.from || to != a.to) {
		r.Fail("days %d to %d, want %d to %d", from, to, a.from, a.to)
	}
	n := len(a.dau)
	// Every value takes at least one byte: check before allocating.
	if r.Remaining() < 1+n+2*(n+1) {
		r.Fail("%d bytes left for %d days", r.Remaining(), n)
	}
	users := r.Int(MaxAggregateCount)
	dau := make([]int64, n)
	for i := range dau {
		dau[i] = r.Int(users)
	}
	var diffs [2][]int64
	for j := range diffs {
		d := make([]int64, n+1)
		run := int64(0)
		for i := range d {
			d[i] = r.Varint()
			if d[i] < -MaxAggregateCount || d[i] > MaxAggregateCount {
				r.Fail("rolling count change %d out of range", d[i])
				break
			}
			run += d[i]
			if run < 0 || run > MaxAggregateCount {
				r.Fail("rolling count %d out of range", run)
				break
			}
		}
		diffs[j] = d
	}
	if err := r.Close(); err != nil {
		return binaryError(subject, err)
	}
	a.rangeUsers, a.dau, a.wau, a.mau, a.minDay = users, dau, diffs[0], diffs[1], minDay
	return nil
}

// writeSeen writes which of the options' event names the partial's data contains (the
// diagnostics' unknown events): their count, then one byte each, 1 when seen.
func writeSeen(w *wire.Writer, s nameSeen) {
	w.Uvarint(uint64(len(s.seen)))
	for _, v := range s.seen {
		if v {
			w.Byte(1)
		} else {
			w.Byte(0)
		}
	}
}

// readSeen reads what writeSeen wrote for an aggregate whose names are like's.
func readSeen(r *wire.Reader, like nameSeen) nameSeen {
	out := like.clone()
	if n := r.Uvarint(); n != uint64(len(out.seen)) {
		r.Fail("event names: %d, want %d", n, len(out.seen))
		return out
	}
	for i := range out.seen {
		switch r.Byte() {
		case 0:
		case 1:
			out.seen[i] = true
		default:
			r.Fail("event name %d: seen flag not 0 or 1", i)
			return out
		}
	}
	return out
}
