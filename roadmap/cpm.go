package roadmap

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// CPMOptions configures CriticalPath. The zero value runs the backward pass from the
// project's own duration and rejects unestimated items.
type CPMOptions struct {
	// Deadline, if set, starts the backward pass at this time (estimate units from 0)
	// instead of the project duration: floats shift by Deadline - Duration and may be
	// negative when the deadline is earlier.
	Deadline *decimal.Decimal `json:"deadline,omitempty"`
	// Unestimated, if set, is the duration of items without an estimate; nil makes an
	// unestimated item an error.
	Unestimated *decimal.Decimal `json:"unestimated,omitempty"`
}

// Activity is one item's timing in the critical path method, in estimate units counted
// from 0 with half-open intervals [EarlyStart, EarlyFinish) ("time-0" convention: a
// successor may start at the instant its prerequisite finishes, plus any lag).
type Activity struct {
	ID ItemID `json:"id"` // the item.
	// Duration is the item's estimate.
	Duration decimal.Decimal `json:"duration"`
	// EarlyStart is the max over prerequisites of (EarlyFinish + lag), 0 if none;
	// EarlyFinish = EarlyStart + Duration.
	EarlyStart  decimal.Decimal `json:"early_start"`
	EarlyFinish decimal.Decimal `json:"early_finish"` // EarlyStart + Duration.
	// LateFinish is the min over dependents of (LateStart - lag), or the end (Deadline or
	// Duration of the project) if none; LateStart = LateFinish - Duration.
	LateStart  decimal.Decimal `json:"late_start"`
	LateFinish decimal.Decimal `json:"late_finish"` // see LateStart.
	// TotalFloat (slack) = LateStart - EarlyStart: how far the item can slip without
	// moving the end. FreeFloat = min over dependents of (EarlyStart - lag) - EarlyFinish,
	// or project Duration - EarlyFinish if none: how far it can slip without moving any
	// dependent's early start.
	TotalFloat decimal.Decimal `json:"total_float"`
	FreeFloat  decimal.Decimal `json:"free_float"` // see TotalFloat.
	// Critical is true when TotalFloat equals the smallest total float of the plan (0
	// without a deadline).
	Critical bool `json:"critical"`
}

// CPM is the result of CriticalPath.
type CPM struct {
	// Duration is the project's early finish: the max EarlyFinish (0 for no items).
	Duration decimal.Decimal `json:"duration"`
	// Activities lists every item in Order's topological order.
	Activities []Activity `json:"activities"`
	// Path is one critical chain from a start to the end: it ends at the critical item
	// with the latest EarlyFinish (on ties, one that drives no critical successor, such as
	// a zero-length final milestone, then the smallest ID) and walks back through critical
	// prerequisites that drive its early start (smallest ID first).
	Path []ItemID `json:"path"`
}

// CriticalPath runs the critical path method over the items' precedence dependencies
// (Blocks and FinishToStart with lag; Relates is ignored), using each item's Estimate as
// its duration. The arithmetic is exact (estimates have at most EstimateScale fractional
// digits). Errors: those of CheckDependencies, plus unestimated items (unless
// opts.Unestimated is set) and overflow.
func CriticalPath(items []Item, opts CPMOptions) (CPM, error) {
	e := validation.New("roadmap: critical path options")
	if opts.Deadline != nil {
		checkAmount(e, "deadline", *opts.Deadline)
	}
	if opts.Unestimated != nil {
		checkAmount(e, "unestimated", *opts.Unestimated)
	}
	if err := e.Err(); err != nil {
		return CPM{}, err
	}
	ix, err := newIndex(items)
	if err != nil {
		return CPM{}, err
	}
	dur := make([]int64, len(ix.ids))
	e = validation.New("roadmap: critical path")
	for n := range ix.ids {
		it := ix.item(int32(n))
		switch {
		case it.Estimate != nil:
			dur[n] = ticks(*it.Estimate)
		case opts.Unestimated != nil:
			dur[n] = ticks(*opts.Unestimated)
		default:
			e.Addf(fmt.Sprintf("items[%d].estimate", ix.pos[n]), "required", "item %q has no estimate (set CPMOptions.Unestimated to use a default)", validation.Truncate(string(it.ID)))
		}
	}
	if err := e.Err(); err != nil {
		return CPM{}, err
	}
	g := newGraph(ix)
	var deadline *int64
	if opts.Deadline != nil {
		d := ticks(*opts.Deadline)
		deadline = &d
	}
	r, err := g.cpm(dur, deadline)
	if err != nil {
		return CPM{}, err
	}
	out := CPM{Duration: fromTicks(r.end), Activities: make([]Activity, len(r.order)), Path: make([]ItemID, len(r.path))}
	for i, v := range r.order {
		out.Activities[i] = Activity{
			ID:          ix.ids[v],
			Duration:    fromTicks(dur[v]),
			EarlyStart:  fromTicks(r.es[v]),
			EarlyFinish: fromTicks(r.es[v] + dur[v]),
			LateStart:   fromTicks(r.lf[v] - dur[v]),
			LateFinish:  fromTicks(r.lf[v]),
			TotalFloat:  fromTicks(r.lf[v] - dur[v] - r.es[v]),
			FreeFloat:   fromTicks(r.ff[v]),
			Critical:    r.critical[v],
		}
	}
	for i, v := range r.path {
		out.Path[i] = ix.ids[v]
	}
	return out, nil
}

// cpmResult holds the passes in ticks, indexed by node.
type cpmResult struct {
	order    []int32
	es, lf   []int64
	ff       []int64
	critical []bool
	end      int64 // project early finish
	path     []int32
}

// overflowError reports a chain of durations and lags too long to add exactly in int64
// ticks (above about 2.3e14 estimate units); it matches productops.ErrInvalid.
func overflowError() error {
	e := validation.New("roadmap: critical path")
	e.Addf("items", "overflow", "the longest chain of estimates and lags exceeds %d units", int64(math.MaxInt64/4/ticksPerUnit))
	return e.Err()
}

func (g *graph) cpm(dur []int64, deadline *int64) (*cpmResult, error) {
	order, ok := g.order()
	if !ok {
		return nil, g.cycles()
	}
	n := g.n
	r := &cpmResult{order: order, es: make([]int64, n), lf: make([]int64, n), ff: make([]int64, n), critical: make([]bool, n)}
	const limit = math.MaxInt64 / 4
	for _, v := range order {
		lo, hi := g.preds(v)
		var es int64
		for k := lo; k < hi; k++ {
			u := g.pred[k]
			if t := r.es[u] + dur[u] + int64(g.predLag[k])*ticksPerUnit; t > es {
				es = t
			}
		}
		if es > limit || dur[v] > limit-es {
			return nil, overflowError()
		}
		r.es[v] = es
		if ef := es + dur[v]; ef > r.end {
			r.end = ef
		}
	}
	end := r.end
	if deadline != nil {
		end = *deadline
	}
	minTF := int64(math.MaxInt64)
	for i := len(order) - 1; i >= 0; i-- {
		u := order[i]
		lo, hi := g.succs(u)
		lf, ff := end, r.end-(r.es[u]+dur[u])
		for k := lo; k < hi; k++ {
			v := g.succ[k]
			lag := int64(g.succLag[k]) * ticksPerUnit
			if t := r.lf[v] - dur[v] - lag; t < lf {
				lf = t
			}
			if t := r.es[v] - lag - (r.es[u] + dur[u]); k == lo || t < ff {
				ff = t
			}
		}
		r.lf[u], r.ff[u] = lf, ff
		if tf := lf - dur[u] - r.es[u]; tf < minTF {
			minTF = tf
		}
	}
	for v := range n {
		r.critical[v] = r.lf[v]-dur[v]-r.es[v] == minTF
	}
	// The path ends at the critical item with the latest early finish; among ties, a sink of
	// the critical chain (no critical successor it drives, such as a zero-length final
	// milestone) wins, then the smallest ID.
	last, lastSink := int32(-1), false
	for v := range int32(n) {
		if !r.critical[v] {
			continue
		}
		ef := r.es[v] + dur[v]
		if last >= 0 && ef < r.es[last]+dur[last] {
			continue
		}
		sink := true
		lo, hi := g.succs(v)
		for k := lo; k < hi && sink; k++ {
			w := g.succ[k]
			sink = !(r.critical[w] && r.es[w] == ef+int64(g.succLag[k])*ticksPerUnit)
		}
		if last < 0 || ef > r.es[last]+dur[last] || (sink && !lastSink) {
			last, lastSink = v, sink
		}
	}
	for v := last; v >= 0; {
		r.path = append(r.path, v)
		next := int32(-1)
		lo, hi := g.preds(v)
		for k := lo; k < hi; k++ {
			u := g.pred[k]
			if r.critical[u] && r.es[u]+dur[u]+int64(g.predLag[k])*ticksPerUnit == r.es[v] {
				next = u
				break
			}
		}
		v = next
	}
	for i, j := 0, len(r.path)-1; i < j; i, j = i+1, j-1 {
		r.path[i], r.path[j] = r.path[j], r.path[i]
	}
	return r, nil
}
