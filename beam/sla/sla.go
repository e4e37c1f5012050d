// Package sla evaluates SLA compliance over a ticket archive on Apache Beam: every ticket
// is evaluated on its own (in parallel, on any worker), each worker tallies its tickets in
// a feedback.SLABreakdown per bundle, and the partial breakdowns are merged into one, per
// policy, metric and priority.
//
// Tickets are independent, so nothing needs a shuffle by key: the only data moved between
// workers are the partial breakdowns, a few bytes per (policy, metric, priority) cell per
// bundle.
package sla

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/productops/productops/feedback"
)

func init() {
	register.DoFn2x1[string, func([]byte), error](&evaluateFn{})
	register.Emitter1[[]byte]()
	register.Combiner1[[]byte](&mergeFn{})
}

// Options configures Compliance.
type Options struct {
	// Policies are the SLA policies, in the order feedback.NewSLAEvaluator tries them.
	Policies []feedback.SLAPolicy `json:"policies"`
	// BusinessHours is the default calendar of business-hours targets; nil when no target
	// counts business hours.
	BusinessHours *feedback.BusinessHours `json:"business_hours,omitempty"`
	// Schedules are further calendars tickets select by name.
	Schedules []feedback.BusinessHours `json:"schedules,omitempty"`
	// AsOf is the instant of evaluation. Required.
	AsOf time.Time `json:"as_of"`
}

// Evaluator builds the feedback.SLAEvaluator the options describe, or returns their error.
func (o Options) Evaluator() (*feedback.SLAEvaluator, error) {
	if o.AsOf.IsZero() {
		return nil, fmt.Errorf("sla: as_of is required")
	}
	var cal *feedback.Calendar
	if o.BusinessHours != nil {
		c, err := feedback.NewCalendar(*o.BusinessHours)
		if err != nil {
			return nil, err
		}
		cal = c
	}
	schedules := make([]*feedback.Calendar, len(o.Schedules))
	for i, h := range o.Schedules {
		c, err := feedback.NewCalendar(h)
		if err != nil {
			return nil, err
		}
		schedules[i] = c
	}
	return feedback.NewSLAEvaluator(o.Policies, cal, schedules...)
}

// Compliance evaluates every ticket of tickets, a PCollection<string> of feedback.Ticket
// JSON objects (one per element, such as the lines of a JSON-lines file read with
// textio.Read), and returns a PCollection<[]byte> of one element: the encoded
// feedback.SLABreakdown of all of them (feedback.SLABreakdown.UnmarshalBinary reads it).
//
// The options are checked when the pipeline is built. A ticket that does not decode
// (unknown fields included) or is invalid fails the pipeline with an error naming it.
func Compliance(s beam.Scope, tickets beam.PCollection, opts Options) (beam.PCollection, error) {
	s = s.Scope("sla.Compliance")
	if _, err := opts.Evaluator(); err != nil {
		return beam.PCollection{}, err
	}
	cfg, err := json.Marshal(opts)
	if err != nil {
		return beam.PCollection{}, err
	}
	parts := beam.ParDo(s, &evaluateFn{Options: string(cfg)}, tickets)
	return beam.Combine(s, &mergeFn{}, parts), nil
}

// evaluateFn evaluates tickets and emits one encoded breakdown per bundle.
type evaluateFn struct {
	// Options is the JSON of Options (DoFns travel to workers as JSON of their exported
	// fields).
	Options string

	eval    *feedback.SLAEvaluator
	asOf    time.Time
	part    *feedback.SLABreakdown
	results []feedback.SLAResult
}

func (fn *evaluateFn) Setup() error {
	var o Options
	if err := json.Unmarshal([]byte(fn.Options), &o); err != nil {
		return fmt.Errorf("sla: options: %w", err)
	}
	e, err := o.Evaluator()
	if err != nil {
		return err
	}
	fn.eval, fn.asOf = e, o.AsOf
	return nil
}

func (fn *evaluateFn) StartBundle(func([]byte)) { fn.part = &feedback.SLABreakdown{} }

func (fn *evaluateFn) ProcessElement(line string, _ func([]byte)) error {
	t, err := ParseTicket([]byte(line))
	if err != nil {
		return err
	}
	fn.results, err = fn.eval.EvaluateInto(fn.results[:0], &t, fn.asOf)
	if err != nil {
		return err
	}
	return fn.part.Add(fn.results...)
}

func (fn *evaluateFn) FinishBundle(emit func([]byte)) error {
	if fn.part.Len() == 0 {
		return nil
	}
	b, err := fn.part.MarshalBinary()
	if err != nil {
		return err
	}
	emit(b)
	fn.part = nil
	return nil
}

// ParseTicket decodes one ticket strictly (unknown fields and trailing data are errors)
// and validates it.
func ParseTicket(data []byte) (feedback.Ticket, error) {
	var t feedback.Ticket
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&t); err != nil {
		return t, fmt.Errorf("sla: ticket %s: %w", snippet(data), err)
	}
	if d.More() {
		return t, fmt.Errorf("sla: ticket %s: trailing data after the object", snippet(data))
	}
	if err := t.Validate(); err != nil {
		return t, err
	}
	return t, nil
}

// snippet returns the start of a bad input for an error message.
func snippet(b []byte) string {
	const n = 80
	if len(b) > n {
		return fmt.Sprintf("%q...", b[:n])
	}
	return fmt.Sprintf("%q", b)
}

// mergeFn merges encoded breakdowns.
type mergeFn struct{}

func (mergeFn) MergeAccumulators(a, b []byte) ([]byte, error) {
	var x, y feedback.SLABreakdown
	if err := x.UnmarshalBinary(a); err != nil {
		return nil, err
	}
	if err := y.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	if err := x.Merge(&y); err != nil {
		return nil, err
	}
	return x.MarshalBinary()
}

// Decode returns the breakdown a Compliance output element holds; no element (no tickets
// had results) is an empty breakdown.
func Decode(elems ...[]byte) (*feedback.SLABreakdown, error) {
	var out feedback.SLABreakdown
	for _, e := range elems {
		var b feedback.SLABreakdown
		if err := b.UnmarshalBinary(e); err != nil {
			return nil, err
		}
		if err := out.Merge(&b); err != nil {
			return nil, err
		}
	}
	return &out, nil
}
