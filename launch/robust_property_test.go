package launch

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/proptest"
)

// zonesForProps are the zones the properties draw from, nil included (an error, not a
// panic); Sao Paulo skipped midnight on DST days.
func zonesForProps(t *testing.T) []*time.Location {
	out := []*time.Location{nil, time.UTC}
	for _, name := range []string{"America/Sao_Paulo", "Europe/Berlin", "Pacific/Kiritimati", "America/New_York"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, loc)
	}
	return out
}

// Date.End, for any year, month and day including 1, 9999 and ±MaxInt, either rejects the
// date (ErrInvalid) or returns the first instant after the day: one nanosecond earlier is
// still the same date in loc, and the instant itself is on a later date.
func TestPropertyDateEnd(t *testing.T) {
	locs := zonesForProps(t)
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("End is the end of the day or an error", prop.ForAll(
		func(y, m, d, z int) bool {
			date := Date{Year: y, Month: time.Month(m), Day: d}
			loc := locs[z]
			end, err := date.End(loc)
			if err != nil {
				return errors.Is(err, productops.ErrInvalid) && (loc == nil || date.Validate() != nil)
			}
			last := end.Add(-time.Nanosecond).In(loc)
			ly, lm, ld := last.Date()
			ny, nm, nd := end.In(loc).Date()
			return ly == y && lm == time.Month(m) && ld == d && (ny != y || nm != time.Month(m) || nd != d)
		},
		proptest.Ints(gen.OneConstOf(1, 2, 1970, 2024, 2026, 9998, 9999, 0, 10000)),
		proptest.Ints(gen.IntRange(0, 13)),
		proptest.Ints(gen.IntRange(0, 32)),
		gen.IntRange(0, len(locs)-1),
	))
	props.TestingRun(t)
}

// Evaluate at any instant (years 1 and 9999, Unix ±9223372036, DST edges, the zero
// time) with waivers and due instants at the same extremes either rejects the input
// (ErrInvalid) or returns an evaluation that marshals to JSON.
func TestPropertyEvaluateExtremeInstants(t *testing.T) {
	ordinary := gen.Int64Range(-1e10, 1e10).Map(func(s int64) time.Time { return time.Unix(s, 0).UTC() })
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("evaluation or ErrInvalid", prop.ForAll(
		func(asOf, granted, expires, due time.Time, weight int64) bool {
			w := decimal.NewFromInt(weight)
			p := Plan{Name: "x", Items: []Item{
				{ID: "a", Function: QA, Due: &Deadline{At: due}, Weight: &w},
				{ID: "b", Function: Docs, Kind: Advisory, Due: &Deadline{Date: Date{9999, 12, 30}, Zone: "Pacific/Kiritimati"}},
			}, Waivers: []Waiver{{Item: "a", Approver: "v", Reason: "r", GrantedAt: granted, ExpiresAt: expires}}}
			ev, err := Evaluate(p, asOf)
			if err != nil {
				return errors.Is(err, productops.ErrInvalid)
			}
			_, err = json.Marshal(ev)
			return err == nil && ev.Verdict != 0
		},
		proptest.Times(ordinary), proptest.Times(ordinary), proptest.Times(ordinary), proptest.Times(ordinary),
		proptest.Int64s(gen.Int64Range(-2, 5)),
	))
	props.TestingRun(t)
}

// A guardrail whose int options and counts are drawn with their extremes (0, ±1,
// ±MaxInt64, MinInt64) validates without overflow: it either fails with ErrInvalid or
// analyses to a result that marshals, and never panics.
func TestPropertyGuardrailIntExtremes(t *testing.T) {
	small := gen.Int64Range(-3, 40)
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("result or ErrInvalid", prop.ForAll(
		func(threshold, errLimit int, minSample, sample, events, trials int64) bool {
			g := Guardrail{Checks: []Check{
				{ID: "t", Metric: "m", Max: new(decimal.NewFromInt(10)), MinSample: minSample},
				{ID: "r", Metric: "c", Regression: &RegressionTest{Direction: HigherIsBetter}, MinSample: minSample},
			}, FailureThreshold: threshold, ConsecutiveErrorLimit: &errLimit}
			ticks := []Tick{{At: tickAt(0), Observations: []Observation{
				{Check: "t", Value: float64(sample), Sample: sample},
				{Check: "r", Control: Proportion{events, trials}, Treatment: Proportion{events / 2, trials}},
			}}, {At: tickAt(1)}}
			res, err := Analyze(g, ticks)
			if err != nil {
				return errors.Is(err, productops.ErrInvalid)
			}
			_, err = json.Marshal(res)
			return err == nil && res.Decision != 0
		},
		proptest.Ints(gen.IntRange(-1, 3)), proptest.Ints(gen.IntRange(-1, 3)),
		proptest.Int64s(small), proptest.Int64s(small), proptest.Int64s(small), proptest.Int64s(small),
	))
	props.TestingRun(t)
}

// Assessment.Score with likelihood and impacts at their int extremes is either ErrInvalid
// or a score in 1..25 whose band agrees with Bands.Band.
func TestPropertyAssessmentExtremes(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("score in 1..25 or ErrInvalid", prop.ForAll(
		func(l, i1, i2 int, mean bool) bool {
			a := Assessment{Likelihood: l, Impacts: []Impact{{Dimension: "cost", Level: i1}, {Dimension: "time", Level: i2}}}
			m := Highest
			if mean {
				m = MeanImpact
			}
			s, err := a.Score(m, Bands{})
			if err != nil {
				return errors.Is(err, productops.ErrInvalid) && (l < 1 || l > 5 || i1 < 1 || i1 > 5 || i2 < 1 || i2 > 5)
			}
			if s.Value.LessThan(decimal.NewFromInt(1)) || s.Value.GreaterThan(decimal.NewFromInt(25)) {
				return false
			}
			if m == Highest {
				b, err := Bands{}.Band(s.Value)
				return err == nil && b == s.Band
			}
			return true
		},
		proptest.Ints(gen.IntRange(1, 5)), proptest.Ints(gen.IntRange(1, 5)), proptest.Ints(gen.IntRange(1, 5)), gen.Bool(),
	))
	props.TestingRun(t)
}
