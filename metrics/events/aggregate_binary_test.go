package events

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/productops/productops"
	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/internal/wire"
)

var binStart = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// randomUsers returns the events of n users, grouped by user, over about 70 days, with
// funnel steps, a plan property and ties in time.
func randomUsers(r *rand.Rand, n int) [][]Event {
	names := []string{"signup", "view_item", "add_to_cart", "purchase", "login", "search"}
	users := make([][]Event, n)
	for u := range users {
		id := UserID(fmt.Sprintf("u%d", u))
		t := binStart.Add(time.Duration(r.IntN(40*24)) * time.Hour)
		plan := []string{"free", "pro"}[r.IntN(2)]
		for range 1 + r.IntN(12) {
			if r.IntN(4) > 0 {
				t = t.Add(time.Duration(r.IntN(5*24*3600)) * time.Second)
			}
			users[u] = append(users[u], Event{User: id, Name: names[r.IntN(len(names))], Time: t, Props: map[string]string{"plan": plan}})
		}
	}
	return users
}

// binaryAgg is what the three aggregates have in common here.
type binaryAgg interface {
	Add(...Event) error
	MarshalBinary() ([]byte, error)
	UnmarshalBinary([]byte) error
}

type aggKind struct {
	name   string
	mk     func() binaryAgg
	merge  func(a, b binaryAgg) error
	result func(a binaryAgg) any
}

func aggKinds(t testing.TB) []aggKind {
	must := func(a binaryAgg, err error) binaryAgg {
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	ny, _ := time.LoadLocation("America/New_York")
	return []aggKind{
		{"retention weekly", func() binaryAgg {
			return must(NewRetentionAggregate(RetentionOptions{Granularity: Weekly, WeekStart: time.Monday, Periods: 12}))
		}, func(a, b binaryAgg) error { return a.(*RetentionAggregate).Merge(b.(*RetentionAggregate)) },
			func(a binaryAgg) any { return a.(*RetentionAggregate).Result() }},
		{"retention recurring rolling every start", func() binaryAgg {
			return must(NewRetentionAggregate(RetentionOptions{Cohort: Recurring, StartEvent: "login", Window: Rolling, Anchors: AnchorEveryStart,
				Brackets: []int{1, 2, 4}, Location: ny, From: binStart.AddDate(0, 0, 3)}))
		}, func(a, b binaryAgg) error { return a.(*RetentionAggregate).Merge(b.(*RetentionAggregate)) },
			func(a binaryAgg) any { return a.(*RetentionAggregate).Result() }},
		{"funnel", func() binaryAgg {
			return must(NewFunnelAggregate(FunnelOptions{Steps: []string{"signup", "view_item", "add_to_cart", "purchase"}, Window: 7 * 24 * time.Hour}))
		}, func(a, b binaryAgg) error { return a.(*FunnelAggregate).Merge(b.(*FunnelAggregate)) },
			func(a binaryAgg) any { return a.(*FunnelAggregate).Result() }},
		{"funnel breakdown any order", func() binaryAgg {
			return must(NewFunnelAggregate(FunnelOptions{Steps: []string{"signup", "purchase", "login"}, Order: AnyOrder, Breakdown: "plan"}))
		}, func(a, b binaryAgg) error { return a.(*FunnelAggregate).Merge(b.(*FunnelAggregate)) },
			func(a binaryAgg) any { return a.(*FunnelAggregate).Result() }},
		{"activity", func() binaryAgg {
			return must(NewActivityAggregate(ActivityOptions{From: binStart, To: binStart.AddDate(0, 0, 60)}))
		}, func(a, b binaryAgg) error { return a.(*ActivityAggregate).Merge(b.(*ActivityAggregate)) },
			func(a binaryAgg) any { return a.(*ActivityAggregate).Result() }},
		{"activity events new york", func() binaryAgg {
			return must(NewActivityAggregate(ActivityOptions{Events: []string{"purchase", "login"}, Location: ny, From: binStart.AddDate(0, 0, 10), To: binStart.AddDate(0, 0, 50)}))
		}, func(a, b binaryAgg) error { return a.(*ActivityAggregate).Merge(b.(*ActivityAggregate)) },
			func(a binaryAgg) any { return a.(*ActivityAggregate).Result() }},
	}
}

// Property: the users split at random into parts, each part's aggregate passed through
// the binary form or not, merged pairwise in a random order, give the result and the
// bytes of one aggregate over every user.
func TestAggregatesRandomPartitionsAndMergeOrders(t *testing.T) {
	for _, k := range aggKinds(t) {
		t.Run(k.name, func(t *testing.T) {
			properties := gopter.NewProperties(proptest.Parameters(t))
			properties.Property("any partition, any merge order", prop.ForAll(
				func(seed uint64, n, parts int) bool {
					r := rand.New(rand.NewPCG(seed, 15))
					users := randomUsers(r, n)
					whole := k.mk()
					for _, u := range users {
						if err := whole.Add(u...); err != nil {
							t.Fatal(err)
						}
					}
					ps := make([]binaryAgg, parts)
					for i := range ps {
						ps[i] = k.mk()
					}
					for _, u := range users {
						if err := ps[r.IntN(parts)].Add(u...); err != nil {
							t.Fatal(err)
						}
					}
					for len(ps) > 1 {
						i, j := r.IntN(len(ps)), r.IntN(len(ps)-1)
						if j >= i {
							j++
						}
						b := ps[j]
						if r.IntN(2) == 0 {
							data, err := b.MarshalBinary()
							if err != nil {
								t.Fatal(err)
							}
							b = k.mk()
							if err := b.UnmarshalBinary(data); err != nil {
								t.Fatal(err)
							}
						}
						if err := k.merge(ps[i], b); err != nil {
							t.Fatal(err)
						}
						ps = append(ps[:j], ps[j+1:]...)
					}
					w, _ := whole.MarshalBinary()
					g, _ := ps[0].MarshalBinary()
					if diff := cmp.Diff(k.result(whole), k.result(ps[0])); diff != "" {
						t.Logf("result (-whole +merged):\n%s", diff)
						return false
					}
					return bytes.Equal(w, g)
				},
				gen.UInt64(), gen.IntRange(0, 60), gen.IntRange(1, 6),
			))
			properties.TestingRun(t)
		})
	}
}

func TestAggregateBinaryRoundTrip(t *testing.T) {
	users := randomUsers(rand.New(rand.NewPCG(1, 2)), 300)
	for _, k := range aggKinds(t) {
		a := k.mk()
		for _, u := range users {
			_ = a.Add(u...)
		}
		data, err := a.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		b := k.mk()
		if err := b.UnmarshalBinary(data); err != nil {
			t.Fatalf("%s: %v", k.name, err)
		}
		if diff := cmp.Diff(k.result(a), k.result(b)); diff != "" {
			t.Errorf("%s: round trip (-want +got):\n%s", k.name, diff)
		}
		// Decoding into an aggregate with other options is ErrMismatch; every truncation
		// and a trailing byte are format errors; the target stays unchanged.
		other := aggKinds(t)[(indexOf(k.name)+1)%6].mk()
		if err := other.UnmarshalBinary(data); !errors.Is(err, ErrMismatch) && !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: other options: err = %v", k.name, err)
		}
		for _, bad := range [][]byte{data[:len(data)-1], data[:wire.HeaderLen+4], append(bytes.Clone(data), 0)} {
			c := k.mk()
			before, _ := c.MarshalBinary()
			if err := c.UnmarshalBinary(bad); !errors.Is(err, productops.ErrInvalid) || !strings.HasPrefix(err.Error(), "events: ") {
				t.Errorf("%s: %d bytes: err = %v", k.name, len(bad), err)
			}
			if after, _ := c.MarshalBinary(); !bytes.Equal(before, after) {
				t.Errorf("%s: a failed decode changed the aggregate", k.name)
			}
		}
	}
}

func indexOf(name string) int {
	for i, k := range aggKinds(&testing.T{}) {
		if k.name == name {
			return i
		}
	}
	return -1
}

func TestAggregateBinaryMismatchAndNotMade(t *testing.T) {
	a, _ := NewRetentionAggregate(RetentionOptions{Periods: 3})
	b, _ := NewRetentionAggregate(RetentionOptions{Periods: 4})
	data, _ := a.MarshalBinary()
	if err := b.UnmarshalBinary(data); !errors.Is(err, ErrMismatch) {
		t.Errorf("other periods: err = %v", err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	c, _ := NewRetentionAggregate(RetentionOptions{Periods: 3, Location: ny})
	if err := c.UnmarshalBinary(data); !errors.Is(err, ErrMismatch) {
		t.Errorf("other location: err = %v", err)
	}
	for name, agg := range map[string]binaryAgg{"retention": &RetentionAggregate{}, "funnel": &FunnelAggregate{}, "activity": &ActivityAggregate{},
		"nil retention": (*RetentionAggregate)(nil), "nil funnel": (*FunnelAggregate)(nil), "nil activity": (*ActivityAggregate)(nil)} {
		if err := agg.UnmarshalBinary(data); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s UnmarshalBinary: err = %v", name, err)
		}
		if _, err := agg.MarshalBinary(); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s MarshalBinary: err = %v", name, err)
		}
	}
}

// header returns the start of an encoding for a with its fingerprint.
// header starts a hand-made encoding of the current version for the test's aggregates:
// tag, version, fingerprint, and the block that follows it (no event names for the
// retention options, steps "a" and "b" both seen for the funnels, the first day for
// activity).
func header(tag string, fp uint64) *wire.Writer {
	version := map[string]byte{retentionTag: retentionVersion, funnelTag: funnelVersion, activityTag: activityVersion}[tag]
	w := wire.NewWriter(tag, version, 0)
	writeFingerprint(w, fp)
	switch tag {
	case retentionTag:
		w.Uvarint(0)
	case funnelTag:
		w.Uvarint(2)
		w.Byte(1)
		w.Byte(1)
	case activityTag:
		w.Varint(math.MaxInt64)
	}
	return w
}

func TestAggregateBinaryInvalid(t *testing.T) {
	ret, _ := NewRetentionAggregate(RetentionOptions{Periods: 2, From: binStart, To: binStart.AddDate(0, 0, 30)})
	fun, _ := NewFunnelAggregate(FunnelOptions{Steps: []string{"a", "b"}})
	funBy, _ := NewFunnelAggregate(FunnelOptions{Steps: []string{"a", "b"}, Breakdown: "plan"})
	act, _ := NewActivityAggregate(ActivityOptions{From: binStart, To: binStart.AddDate(0, 0, 2)})
	inRange := ret.cal.bucket(binStart.UnixNano())
	for _, tc := range []struct {
		name string
		agg  binaryAgg
		enc  func() []byte
		want string
	}{
		{"retention cohort out of range", ret, func() []byte {
			w := header(retentionTag, ret.fingerprint())
			w.Varint(0)
			w.Uvarint(1)
			w.Varint(0)
			w.Uvarint(1)
			w.Uvarint(1)
			w.Uvarint(0)
			w.Uvarint(0)
			return w.Bytes()
		}, "outside the options' range"},
		{"retention cohorts out of order", ret, func() []byte {
			w := header(retentionTag, ret.fingerprint())
			w.Varint(0)
			w.Uvarint(2)
			w.Varint(inRange)
			w.Uvarint(1)
			w.Uvarint(1)
			w.Uvarint(0)
			w.Uvarint(0)
			w.Uvarint(0) // gap 0: the same cohort again
			w.Uvarint(1)
			w.Uvarint(1)
			w.Uvarint(0)
			w.Uvarint(0)
			return w.Bytes()
		}, "out of order"},
		{"retention cell over size", ret, func() []byte {
			w := header(retentionTag, ret.fingerprint())
			w.Varint(0)
			w.Uvarint(1)
			w.Varint(inRange)
			w.Uvarint(1)
			w.Uvarint(2)
			w.Uvarint(0)
			w.Uvarint(0)
			return w.Bytes()
		}, "count 2 exceeds 1"},
		{"retention size over max", ret, func() []byte {
			w := header(retentionTag, ret.fingerprint())
			w.Varint(0)
			w.Uvarint(1)
			w.Varint(inRange)
			w.Uvarint(MaxAggregateCount + 1)
			w.Uvarint(0)
			w.Uvarint(0)
			w.Uvarint(0)
			return w.Bytes()
		}, "exceeds"},
		{"funnel step grows", fun, func() []byte {
			w := header(funnelTag, fun.fingerprint())
			w.Uvarint(0)
			w.Uvarint(1)
			w.Uvarint(2)
			return w.Bytes()
		}, "more than the 1 of the step before"},
		{"funnel durations miscounted", fun, func() []byte {
			w := header(funnelTag, fun.fingerprint())
			w.Uvarint(0)
			w.Uvarint(2)
			w.Uvarint(1)
			w.Uvarint(2)
			w.Varint(5)
			w.Uvarint(1)
			return w.Bytes()
		}, "2 durations for 1 users"},
		{"funnel duration overflows", fun, func() []byte {
			w := header(funnelTag, fun.fingerprint())
			w.Uvarint(0)
			w.Uvarint(2)
			w.Uvarint(2)
			w.Uvarint(2)
			w.Varint(1 << 62)
			w.Uvarint(1 << 62)
			return w.Bytes()
		}, "duration overflows"},
		{"funnel breakdown without breakdown", fun, func() []byte {
			w := header(funnelTag, fun.fingerprint())
			for range 5 {
				w.Uvarint(0)
			}
			w.Uvarint(1)
			w.String("x")
			for range 5 {
				w.Uvarint(0)
			}
			return w.Bytes()
		}, "without a breakdown"},
		{"funnel breakdown repeated", funBy, func() []byte {
			w := header(funnelTag, funBy.fingerprint())
			for range 5 {
				w.Uvarint(0)
			}
			w.Uvarint(2)
			for range 2 {
				w.String("x")
				for range 5 {
					w.Uvarint(0)
				}
			}
			return w.Bytes()
		}, "out of order or repeated"},
		{"activity other days", act, func() []byte {
			w := header(activityTag, act.fingerprint())
			w.Varint(act.from + 1)
			w.Varint(act.to)
			return w.Bytes()
		}, "days"},
		{"activity short", act, func() []byte {
			w := header(activityTag, act.fingerprint())
			w.Varint(act.from)
			w.Varint(act.to)
			w.Uvarint(0)
			return w.Bytes()
		}, "bytes left"},
		{"activity dau over users", act, func() []byte {
			w := header(activityTag, act.fingerprint())
			w.Varint(act.from)
			w.Varint(act.to)
			w.Uvarint(1)
			w.Uvarint(2)
			for range 1 + 2*3 {
				w.Uvarint(0)
			}
			return w.Bytes()
		}, "count 2 exceeds 1"},
		{"activity rolling negative", act, func() []byte {
			w := header(activityTag, act.fingerprint())
			w.Varint(act.from)
			w.Varint(act.to)
			w.Uvarint(0)
			w.Uvarint(0)
			w.Uvarint(0)
			w.Varint(-1)
			for range 5 {
				w.Varint(0)
			}
			return w.Bytes()
		}, "rolling count -1"},
		{"activity rolling change huge", act, func() []byte {
			w := header(activityTag, act.fingerprint())
			w.Varint(act.from)
			w.Varint(act.to)
			w.Uvarint(0)
			w.Uvarint(0)
			w.Uvarint(0)
			w.Varint(MaxAggregateCount + 1)
			for range 5 {
				w.Varint(0)
			}
			return w.Bytes()
		}, "change"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.agg.UnmarshalBinary(tc.enc())
			if !errors.Is(err, productops.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrInvalid containing %q", err, tc.want)
			}
		})
	}
}

// FuzzAggregateBinary decodes fuzzed bytes into each aggregate under a time and
// allocation guard: an error, or an aggregate whose encoding decodes to the same result.
func FuzzAggregateBinary(f *testing.F) {
	users := randomUsers(rand.New(rand.NewPCG(3, 4)), 20)
	for _, k := range aggKinds(f) {
		a := k.mk()
		for _, u := range users {
			_ = a.Add(u...)
		}
		data, _ := a.MarshalBinary()
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range aggKinds(t) {
			aggGuard(t, func() error {
				a := k.mk()
				if err := a.UnmarshalBinary(data); err != nil {
					if !errors.Is(err, productops.ErrInvalid) && !errors.Is(err, ErrMismatch) {
						return fmt.Errorf("%s: error %v is neither ErrInvalid nor ErrMismatch", k.name, err)
					}
					return nil
				}
				again, err := a.MarshalBinary()
				if err != nil {
					return err
				}
				b := k.mk()
				if err := b.UnmarshalBinary(again); err != nil {
					return fmt.Errorf("%s: re-encoding does not decode: %v", k.name, err)
				}
				if !cmp.Equal(k.result(a), k.result(b)) {
					return fmt.Errorf("%s: round trip changed the result", k.name)
				}
				return nil
			})
		}
	})
}

// aggGuard runs fn with a 2 s time limit and a 256 MiB allocation limit.
func aggGuard(t *testing.T, fn func() error) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("hang")
	}
	runtime.ReadMemStats(&after)
	if d := after.TotalAlloc - before.TotalAlloc; d > 256<<20 {
		t.Fatalf("allocated %d MiB", d>>20)
	}
}
