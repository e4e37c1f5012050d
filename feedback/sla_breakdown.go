package feedback

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/internal/wire"
)

// SLAKey names one cell of an [SLABreakdown]: the policy whose target applied, the metric
// and the priority that selected the target.
type SLAKey struct {
	Policy   string         `json:"policy"`
	Metric   SLAMetric      `json:"metric"`
	Priority TicketPriority `json:"priority"`
}

func (k SLAKey) compare(o SLAKey) int {
	return cmp.Or(cmp.Compare(k.Policy, o.Policy), cmp.Compare(k.Metric, o.Metric), cmp.Compare(k.Priority, o.Priority))
}

// SLABreakdownRow is one cell of an [SLABreakdown]: its key, its tally and the tally's
// compliance (achieved ÷ decided).
type SLABreakdownRow struct {
	SLAKey
	SLATally
	Compliance SupportRate `json:"compliance"`
}

// SLABreakdown tallies SLA results per policy, metric and priority: compliance as a
// support team reports it ("urgent first replies under the enterprise policy: 97%"). It is
// a mergeable aggregate for large ticket archives: evaluate tickets anywhere (goroutines,
// machines), Add each ticket's results to a local breakdown, and Merge the breakdowns in
// any order and grouping; the result is the same as adding every result to one. Tickets
// are independent, so any split of the tickets works; no ticket needs to be kept whole.
// MarshalBinary and UnmarshalBinary carry a breakdown between machines.
//
// The zero value is an empty breakdown, ready to use. It is not safe for concurrent use.
type SLABreakdown struct {
	cells map[SLAKey]*SLATally
}

// MaxSLAPolicyName bounds the length in bytes of a policy name that UnmarshalBinary
// accepts.
const MaxSLAPolicyName = 1 << 12

// ErrSLAOverflow is returned by [SLABreakdown.Merge] when a count would exceed the largest
// int.
var ErrSLAOverflow = errors.New("feedback: SLA breakdown count overflows")

// Add counts results, such as one ticket's [SLAEvaluator.EvaluateInto] output, each in the
// cell of its policy, metric and priority. Results with an undefined metric, priority or
// state are ignored, as [SLACompliance.Add] does. A nil receiver is an error.
func (b *SLABreakdown) Add(results ...SLAResult) error {
	if b == nil {
		return errNilBreakdown()
	}
	for i := range results {
		r := &results[i]
		if r.Metric == 0 || r.Metric > SLATotalResolution || r.Priority > TicketPriorityUrgent || r.State > SLABreached {
			continue
		}
		t := b.cell(SLAKey{Policy: r.Policy, Metric: r.Metric, Priority: r.Priority})
		switch r.State {
		case SLAAchieved:
			t.Achieved++
		case SLABreached:
			t.Breached++
		case SLAActive:
			t.Active++
		case SLAPaused:
			t.Paused++
		}
	}
	return nil
}

func errNilBreakdown() error {
	e := validation.New("feedback: SLA breakdown")
	e.Add("", "required", "", "is nil")
	return e.Err()
}

func (b *SLABreakdown) cell(k SLAKey) *SLATally {
	if b.cells == nil {
		b.cells = map[SLAKey]*SLATally{}
	}
	t := b.cells[k]
	if t == nil {
		t = &SLATally{}
		b.cells[k] = t
	}
	return t
}

// Merge adds the counts of o to b. It returns an error, leaving b unchanged, when b or o
// is nil, and [ErrSLAOverflow] when a count would overflow.
func (b *SLABreakdown) Merge(o *SLABreakdown) error {
	if b == nil || o == nil {
		return errNilBreakdown()
	}
	for k, t := range o.cells {
		s := SLATally{}
		if c := b.cells[k]; c != nil {
			s = *c
		}
		if _, ok := addTally(s, *t); !ok {
			return fmt.Errorf("%w: %s %s %s", ErrSLAOverflow, validation.Truncate(k.Policy), k.Metric, k.Priority)
		}
	}
	for k, t := range o.cells {
		c := b.cell(k)
		*c, _ = addTally(*c, *t)
	}
	return nil
}

// addTally returns a + b, and false when a count or the total of counts overflows.
func addTally(a, b SLATally) (SLATally, bool) {
	s := SLATally{a.Achieved + b.Achieved, a.Breached + b.Breached, a.Active + b.Active, a.Paused + b.Paused}
	ok := s.Achieved >= a.Achieved && s.Breached >= a.Breached && s.Active >= a.Active && s.Paused >= a.Paused
	return s, ok && tallyTotalFits(s)
}

// tallyTotalFits reports whether the counts are non-negative and their sum fits an int.
func tallyTotalFits(t SLATally) bool {
	left := math.MaxInt
	for _, c := range []int{t.Achieved, t.Breached, t.Active, t.Paused} {
		if c < 0 || c > left {
			return false
		}
		left -= c
	}
	return true
}

// Len returns the number of cells with results.
func (b *SLABreakdown) Len() int {
	if b == nil {
		return 0
	}
	return len(b.cells)
}

// Get returns the tally of one cell (zero when it has no results).
func (b *SLABreakdown) Get(k SLAKey) SLATally {
	if b == nil || b.cells[k] == nil {
		return SLATally{}
	}
	return *b.cells[k]
}

// All yields every cell with results, by policy name, then metric, then priority.
func (b *SLABreakdown) All() iter.Seq2[SLAKey, SLATally] {
	return func(yield func(SLAKey, SLATally) bool) {
		for _, k := range b.keys() {
			if !yield(k, *b.cells[k]) {
				return
			}
		}
	}
}

func (b *SLABreakdown) keys() []SLAKey {
	if b == nil {
		return nil
	}
	keys := make([]SLAKey, 0, len(b.cells))
	for k := range b.cells {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, SLAKey.compare)
	return keys
}

// Rows returns every cell with its tally and compliance, in the order of All; an empty
// breakdown gives an empty, non-nil slice (JSON []).
func (b *SLABreakdown) Rows() []SLABreakdownRow {
	out := make([]SLABreakdownRow, 0, b.Len())
	for k, t := range b.All() {
		out = append(out, SLABreakdownRow{SLAKey: k, SLATally: t, Compliance: t.Compliance()})
	}
	return out
}

// Compliance returns the tallies per metric over every policy and priority, the
// [SLACompliance] of the same results.
func (b *SLABreakdown) Compliance() *SLACompliance {
	c := &SLACompliance{}
	for k, t := range b.All() {
		m := &c.byMetric[k.Metric]
		m.Achieved += t.Achieved
		m.Breached += t.Breached
		m.Active += t.Active
		m.Paused += t.Paused
	}
	return c
}

// The binary form of an SLABreakdown, version 1: the header "SB" 1, the number of cells,
// then per cell in the order of All: policy (length, bytes), metric, priority, and the
// achieved, breached, active and paused counts as unsigned varints.
const (
	slaBreakdownTag     = "SB"
	slaBreakdownVersion = 1
	slaCellMinBytes     = 7 // empty policy, metric, priority, four one-byte counts
)

// MarshalBinary encodes the breakdown in a stable, versioned form: equal breakdowns give
// equal bytes whatever the order of Adds and Merges.
func (b *SLABreakdown) MarshalBinary() ([]byte, error) {
	keys := b.keys()
	w := wire.NewWriter(slaBreakdownTag, slaBreakdownVersion, len(keys)*16)
	w.Uvarint(uint64(len(keys)))
	for _, k := range keys {
		t := b.cells[k]
		w.String(k.Policy)
		w.Byte(byte(k.Metric))
		w.Byte(byte(k.Priority))
		for _, c := range []int{t.Achieved, t.Breached, t.Active, t.Paused} {
			w.Int(int64(c))
		}
	}
	return w.Bytes(), nil
}

// UnmarshalBinary replaces b with the breakdown MarshalBinary encoded in data. Malformed
// data (another type or version, truncated, trailing bytes, cells out of order or repeated,
// undefined metrics or priorities, a policy name over [MaxSLAPolicyName] bytes, counts whose
// total overflows an int, or a cell without results) is a *productops.ValidationError at
// "data", and b is left unchanged. It allocates at most in proportion to len(data).
func (b *SLABreakdown) UnmarshalBinary(data []byte) error {
	if b == nil {
		return errNilBreakdown()
	}
	r := wire.NewReader(data, slaBreakdownTag, slaBreakdownVersion)
	n := r.Len(slaCellMinBytes)
	cells := make(map[SLAKey]*SLATally, n)
	var prev SLAKey
	for i := range n {
		k := SLAKey{Policy: r.String(MaxSLAPolicyName), Metric: SLAMetric(r.Byte()), Priority: TicketPriority(r.Byte())}
		var c [4]int64
		for j := range c {
			c[j] = r.Int(math.MaxInt)
		}
		if r.Err() != nil {
			break
		}
		t := SLATally{Achieved: int(c[0]), Breached: int(c[1]), Active: int(c[2]), Paused: int(c[3])}
		switch {
		case k.Metric == 0 || k.Metric > SLATotalResolution:
			r.Fail("cell %d: undefined metric %d", i, k.Metric)
		case k.Priority > TicketPriorityUrgent:
			r.Fail("cell %d: undefined priority %d", i, k.Priority)
		case i > 0 && k.compare(prev) <= 0:
			r.Fail("cell %d: out of order or repeated", i)
		case !tallyTotalFits(t):
			r.Fail("cell %d: counts overflow", i)
		case t.Results() == 0:
			r.Fail("cell %d: no results", i)
		}
		cells[k] = &t
		prev = k
	}
	if err := r.Close(); err != nil {
		e := validation.New("feedback: SLA breakdown")
		e.Add("data", "format", "", err.Error())
		return e.Err()
	}
	b.cells = cells
	return nil
}
