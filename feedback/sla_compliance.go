package feedback

import (
	"encoding/json"
	"iter"
	"slices"
	"strconv"

	"github.com/productops/productops/internal/validation"
)

// SLATally counts SLA results by state.
type SLATally struct {
	// Achieved, Breached, Active and Paused count results in each SLAState.
	Achieved int `json:"achieved"`
	Breached int `json:"breached"`
	Active   int `json:"active"`
	Paused   int `json:"paused"`
}

// Results returns the number of results counted.
func (t SLATally) Results() int { return t.Achieved + t.Breached + t.Active + t.Paused }

// Compliance is achieved ÷ (achieved + breached): the share of decided targets that were
// met. Active and paused targets are undecided and left out; it is undefined when nothing
// is decided yet.
func (t SLATally) Compliance() SupportRate { return newRate(t.Achieved, t.Achieved+t.Breached) }

// SLACompliance tallies SLA results per metric. It is a mergeable aggregate: tally parts
// of a queue separately (on several goroutines or machines) and Merge them; the result is
// the same as tallying everything at once. The zero value is an empty tally, ready to use.
// It is not safe for concurrent use; give each goroutine its own.
type SLACompliance struct {
	byMetric [SLATotalResolution + 1]SLATally
}

// Add counts results, such as one ticket's SLAEvaluator.EvaluateInto output. Results with
// an undefined metric or state are ignored. On a nil c it does nothing.
func (c *SLACompliance) Add(results ...SLAResult) {
	if c == nil {
		return
	}
	for i := range results {
		r := &results[i]
		if r.Metric == 0 || r.Metric > SLATotalResolution {
			continue
		}
		t := &c.byMetric[r.Metric]
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
}

// Merge adds the counts of o to c; a nil o adds nothing, and on a nil c it does nothing.
func (c *SLACompliance) Merge(o *SLACompliance) {
	if c == nil || o == nil {
		return
	}
	for m := range c.byMetric {
		a, b := &c.byMetric[m], o.byMetric[m]
		a.Achieved += b.Achieved
		a.Breached += b.Breached
		a.Active += b.Active
		a.Paused += b.Paused
	}
}

// Metric returns the tally of one metric.
func (c *SLACompliance) Metric(m SLAMetric) SLATally {
	if c == nil || m == 0 || m > SLATotalResolution {
		return SLATally{}
	}
	return c.byMetric[m]
}

// Total returns the tally over all metrics.
func (c *SLACompliance) Total() SLATally {
	var t SLATally
	if c == nil {
		return t
	}
	for _, m := range c.byMetric {
		t.Achieved += m.Achieved
		t.Breached += m.Breached
		t.Active += m.Active
		t.Paused += m.Paused
	}
	return t
}

// All yields each metric that has results, in metric order, with its tally.
func (c *SLACompliance) All() iter.Seq2[SLAMetric, SLATally] {
	return func(yield func(SLAMetric, SLATally) bool) {
		if c == nil {
			return
		}
		for m := SLAFirstReply; m <= SLATotalResolution; m++ {
			if t := c.byMetric[m]; t.Results() > 0 && !yield(m, t) {
				return
			}
		}
	}
}

// MarshalJSON encodes the tallies as an object keyed by metric name, metrics without
// results left out.
func (c SLACompliance) MarshalJSON() ([]byte, error) {
	out := map[string]SLATally{}
	for m, t := range c.All() {
		out[m.String()] = t
	}
	return json.Marshal(out)
}

// UnmarshalJSON decodes the form MarshalJSON writes, so partial tallies can travel between
// machines before a Merge. Unknown metrics and negative counts are errors.
func (c *SLACompliance) UnmarshalJSON(b []byte) error {
	var in map[string]SLATally
	if err := json.Unmarshal(b, &in); err != nil {
		return decodeError("feedback: SLA compliance", err)
	}
	var out SLACompliance
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var m SLAMetric
		if err := m.UnmarshalText([]byte(k)); err != nil {
			return inputError("feedback: SLA compliance", strconv.Quote(validation.Truncate(k)), "oneof", "is not an SLA metric")
		}
		t := in[k]
		if t.Achieved < 0 || t.Breached < 0 || t.Active < 0 || t.Paused < 0 {
			return inputError("feedback: SLA compliance", m.String(), "gte", "counts must not be negative")
		}
		out.byMetric[m] = t
	}
	*c = out
	return nil
}
