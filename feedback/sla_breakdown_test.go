package feedback

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

func breakdownResults() []SLAResult {
	return []SLAResult{
		{Policy: "vip", Metric: SLAFirstReply, Priority: TicketPriorityUrgent, State: SLAAchieved},
		{Policy: "vip", Metric: SLAFirstReply, Priority: TicketPriorityUrgent, State: SLABreached},
		{Policy: "vip", Metric: SLAFirstReply, Priority: TicketPriorityUrgent, State: SLAAchieved},
		{Policy: "standard", Metric: SLAFirstReply, Priority: TicketPriorityLow, State: SLAActive},
		{Policy: "standard", Metric: SLAAgentWork, Priority: TicketPriorityLow, State: SLAPaused},
		{Policy: "standard", Metric: SLAFirstReply, Priority: TicketPriorityHigh, State: SLABreached},
		// ignored: undefined metric, priority, state
		{Policy: "x", Metric: 0, Priority: TicketPriorityLow, State: SLAAchieved},
		{Policy: "x", Metric: SLATotalResolution + 1, Priority: TicketPriorityLow, State: SLAAchieved},
		{Policy: "x", Metric: SLAFirstReply, Priority: TicketPriorityUrgent + 1, State: SLAAchieved},
		{Policy: "x", Metric: SLAFirstReply, Priority: TicketPriorityLow, State: SLABreached + 1},
	}
}

func TestSLABreakdownAdd(t *testing.T) {
	var b SLABreakdown
	if err := b.Add(breakdownResults()...); err != nil {
		t.Fatal(err)
	}
	want := []SLABreakdownRow{
		{SLAKey{"standard", SLAFirstReply, TicketPriorityLow}, SLATally{Active: 1}, SupportRate{}},
		{SLAKey{"standard", SLAFirstReply, TicketPriorityHigh}, SLATally{Breached: 1}, SupportRate{Denominator: 1, Defined: true}},
		{SLAKey{"standard", SLAAgentWork, TicketPriorityLow}, SLATally{Paused: 1}, SupportRate{}},
		{SLAKey{"vip", SLAFirstReply, TicketPriorityUrgent}, SLATally{Achieved: 2, Breached: 1}, SupportRate{Numerator: 2, Denominator: 3, Defined: true, Value: 2.0 / 3}},
	}
	if diff := cmp.Diff(want, b.Rows()); diff != "" {
		t.Errorf("Rows (-want +got):\n%s", diff)
	}
	if b.Len() != 4 {
		t.Errorf("Len = %d", b.Len())
	}
	if got := b.Get(SLAKey{"vip", SLAFirstReply, TicketPriorityUrgent}); got != (SLATally{Achieved: 2, Breached: 1}) {
		t.Errorf("Get = %+v", got)
	}
	if got := b.Get(SLAKey{"none", SLAFirstReply, TicketPriorityUrgent}); got != (SLATally{}) {
		t.Errorf("Get of a missing cell = %+v", got)
	}
	// Compliance equals SLACompliance over the same results.
	var c SLACompliance
	rs := breakdownResults()
	c.Add(append(rs[:8:8], rs[9:]...)...) // SLACompliance counts undefined priorities
	if diff := cmp.Diff(c.byMetric, b.Compliance().byMetric); diff != "" {
		t.Errorf("Compliance (-want +got):\n%s", diff)
	}
	// All stops when asked.
	n := 0
	for range b.All() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("All yielded %d after break", n)
	}
}

func TestSLABreakdownEmptyAndNil(t *testing.T) {
	var b SLABreakdown
	if rows := b.Rows(); rows == nil || len(rows) != 0 {
		t.Errorf("Rows of empty = %#v, want empty non-nil", rows)
	}
	var nb *SLABreakdown
	if nb.Len() != 0 || nb.Get(SLAKey{}) != (SLATally{}) || len(nb.Rows()) != 0 {
		t.Error("nil breakdown is not empty")
	}
	for name, err := range map[string]error{
		"Add":             nb.Add(SLAResult{}),
		"Merge nil recv":  nb.Merge(&b),
		"Merge nil arg":   b.Merge(nil),
		"UnmarshalBinary": nb.UnmarshalBinary(nil),
	} {
		if !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	data, err := nb.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back SLABreakdown
	if err := back.UnmarshalBinary(data); err != nil || back.Len() != 0 {
		t.Fatalf("round trip of nil: %v, %d cells", err, back.Len())
	}
}

func TestSLABreakdownMergeOverflow(t *testing.T) {
	k := SLAKey{"p", SLAFirstReply, TicketPriorityLow}
	for _, tc := range []struct{ a, b SLATally }{
		{SLATally{Achieved: math.MaxInt}, SLATally{Achieved: 1}},
		{SLATally{Achieved: math.MaxInt - 1}, SLATally{Breached: 2}},
		{SLATally{Paused: 1}, SLATally{Active: math.MaxInt}},
	} {
		a := SLABreakdown{cells: map[SLAKey]*SLATally{k: &tc.a}}
		b := SLABreakdown{cells: map[SLAKey]*SLATally{k: &tc.b, {"q", SLAFirstReply, TicketPriorityLow}: {Achieved: 1}}}
		before := a.Get(k)
		if err := a.Merge(&b); !errors.Is(err, ErrSLAOverflow) {
			t.Errorf("Merge(%+v, %+v) = %v, want ErrSLAOverflow", tc.a, tc.b, err)
		}
		if a.Get(k) != before || a.Len() != 1 {
			t.Errorf("a failed Merge changed the breakdown")
		}
	}
}

// randomSLAResults returns n results over 3 policies, every metric and priority and state.
func randomSLAResults(r *rand.Rand, n int) []SLAResult {
	out := make([]SLAResult, n)
	for i := range out {
		out[i] = SLAResult{Policy: []string{"a", "b", "vip"}[r.IntN(3)], Metric: SLAMetric(1 + r.IntN(int(SLATotalResolution))),
			Priority: TicketPriority(r.IntN(int(TicketPriorityUrgent) + 1)), State: SLAState(r.IntN(int(SLABreached) + 1))}
	}
	return out
}

// mergeTree merges parts pairwise in a random order, passing some through the binary form.
func mergeTree(t *testing.T, r *rand.Rand, parts []*SLABreakdown) *SLABreakdown {
	for len(parts) > 1 {
		i := r.IntN(len(parts))
		j := r.IntN(len(parts) - 1)
		if j >= i {
			j++
		}
		a, b := parts[i], parts[j]
		if r.IntN(2) == 0 {
			data, err := b.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			b = &SLABreakdown{}
			if err := b.UnmarshalBinary(data); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.Merge(b); err != nil {
			t.Fatal(err)
		}
		parts = append(parts[:j], parts[j+1:]...)
	}
	return parts[0]
}

// Property: any partition of the results into parts, merged in any order and through the
// binary form, gives the same breakdown (the same bytes) as adding everything to one.
func TestSLABreakdownMergeAnyOrderProperty(t *testing.T) {
	properties := gopter.NewProperties(proptest.Parameters(t))
	properties.Property("random partitions and merge orders give the same breakdown", prop.ForAll(
		func(seed uint64, n, k int) bool {
			r := rand.New(rand.NewPCG(seed, 15))
			results := randomSLAResults(r, n)
			var whole SLABreakdown
			if err := whole.Add(results...); err != nil {
				t.Fatal(err)
			}
			parts := make([]*SLABreakdown, k)
			for i := range parts {
				parts[i] = &SLABreakdown{}
			}
			for _, res := range results {
				if err := parts[r.IntN(k)].Add(res); err != nil {
					t.Fatal(err)
				}
			}
			got := mergeTree(t, r, parts)
			w, _ := whole.MarshalBinary()
			g, _ := got.MarshalBinary()
			return bytes.Equal(w, g) && cmp.Equal(whole.Rows(), got.Rows())
		},
		gen.UInt64(), gen.IntRange(0, 300), gen.IntRange(1, 8),
	))
	properties.TestingRun(t)
}

func TestSLABreakdownUnmarshalErrors(t *testing.T) {
	cell := func(w *wire.Writer, policy string, m, p byte, counts ...uint64) {
		w.String(policy)
		w.Byte(m)
		w.Byte(p)
		for _, c := range counts {
			w.Uvarint(c)
		}
	}
	enc := func(n uint64, cells func(w *wire.Writer)) []byte {
		w := wire.NewWriter(slaBreakdownTag, slaBreakdownVersion, 0)
		w.Uvarint(n)
		cells(w)
		return w.Bytes()
	}
	var prior SLABreakdown
	_ = prior.Add(breakdownResults()...)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "too short"},
		{"other type", []byte("XX\x01\x00"), "type"},
		{"other version", []byte("SB\x02\x00"), "version 2"},
		{"huge count of cells", enc(1<<40, func(*wire.Writer) {}), "exceeds the bytes left"},
		{"truncated", enc(1, func(w *wire.Writer) { w.String("p"); w.Byte(1) }), ""},
		{"undefined metric", enc(1, func(w *wire.Writer) { cell(w, "p", 8, 1, 1, 0, 0, 0) }), "undefined metric 8"},
		{"metric zero", enc(1, func(w *wire.Writer) { cell(w, "p", 0, 1, 1, 0, 0, 0) }), "undefined metric 0"},
		{"undefined priority", enc(1, func(w *wire.Writer) { cell(w, "p", 1, 5, 1, 0, 0, 0) }), "undefined priority 5"},
		{"repeated", enc(2, func(w *wire.Writer) { cell(w, "p", 1, 1, 1, 0, 0, 0); cell(w, "p", 1, 1, 1, 0, 0, 0) }), "out of order"},
		{"out of order", enc(2, func(w *wire.Writer) { cell(w, "q", 1, 1, 1, 0, 0, 0); cell(w, "p", 1, 1, 1, 0, 0, 0) }), "out of order"},
		{"count over int", enc(1, func(w *wire.Writer) { cell(w, "p", 1, 1, math.MaxUint64, 0, 0, 0) }), "exceeds"},
		{"total overflows", enc(1, func(w *wire.Writer) { cell(w, "p", 1, 1, math.MaxInt64, 1, 0, 0) }), "counts overflow"},
		{"no results", enc(1, func(w *wire.Writer) { cell(w, "p", 1, 1, 0, 0, 0, 0) }), "no results"},
		{"long policy", enc(1, func(w *wire.Writer) { cell(w, strings.Repeat("p", MaxSLAPolicyName+1), 1, 1, 1, 0, 0, 0) }), "exceeds 4096"},
		{"trailing", append(enc(0, func(*wire.Writer) {}), 0), "trailing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := prior
			before, _ := b.MarshalBinary()
			err := b.UnmarshalBinary(tc.data)
			if !errors.Is(err, productops.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrInvalid containing %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "feedback: ") {
				t.Errorf("message %q does not start with the package name", err)
			}
			after, _ := b.MarshalBinary()
			if !bytes.Equal(before, after) {
				t.Error("a failed UnmarshalBinary changed the breakdown")
			}
		})
	}
}

// FuzzSLABreakdownBinary decodes fuzzed bytes under a time and allocation guard: an error
// or a breakdown whose encoding decodes to the same breakdown, never a panic.
func FuzzSLABreakdownBinary(f *testing.F) {
	var b SLABreakdown
	_ = b.Add(breakdownResults()...)
	data, _ := b.MarshalBinary()
	f.Add(data)
	f.Add([]byte("SB\x01\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		wireGuard(t, func() error {
			var b SLABreakdown
			if err := b.UnmarshalBinary(data); err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					return fmt.Errorf("error %v does not match ErrInvalid", err)
				}
				return nil
			}
			again, err := b.MarshalBinary()
			if err != nil {
				return err
			}
			var c SLABreakdown
			if err := c.UnmarshalBinary(again); err != nil {
				return fmt.Errorf("re-encoding does not decode: %v", err)
			}
			if !cmp.Equal(b.Rows(), c.Rows()) {
				return errors.New("round trip changed the breakdown")
			}
			return nil
		})
	})
}

// wireGuard runs fn with a 2 s time limit and a 256 MiB allocation limit, and fails t
// with fn's error.
func wireGuard(t *testing.T, fn func() error) {
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
