package roadmap

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
)

// The fuzz targets below decode fuzzed JSON into options and inputs and run the
// computations under guard (a time and allocation limit), so a hang or a blow-up fails
// like a panic does. A decimal built in Go from (coef, exp), which no JSON decoder would
// let through, is injected into one decimal field of each input. Run one locally for
// longer with, for example:
//
//	go test ./roadmap -run '^$' -fuzz '^FuzzSchedule$' -fuzztime 1h

// wantInvalid fails the test unless err is nil or matches productops.ErrInvalid.
func wantInvalid(t *testing.T, err error) {
	t.Helper()
	if err != nil && !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("error %v (%T) does not match productops.ErrInvalid", err, err)
	}
}

func FuzzCriticalPath(f *testing.F) {
	f.Add(`{"items":[{"id":"A","estimate":"3"},{"id":"B","estimate":"2","depends_on":[{"on":"A","type":"fs","lag":2}]},{"id":"M","estimate":"0","depends_on":[{"on":"B"}]}],"options":{"deadline":"4"}}`, int64(1), int32(0), uint8(0))
	f.Add(`{"items":[{"id":"A"},{"id":"B","depends_on":[{"on":"A"}]}],"options":{"unestimated":"0.5"}}`, int64(1), int32(-1<<30), uint8(1))
	f.Add(`{"items":[{"id":"A","depends_on":[{"on":"A"}]}]}`, int64(-5), int32(1<<30), uint8(2))
	f.Fuzz(func(t *testing.T, data string, coef int64, exp int32, slot uint8) {
		var in struct {
			Items   []Item     `json:"items"`
			Options CPMOptions `json:"options"`
		}
		if json.Unmarshal([]byte(data), &in) != nil {
			return
		}
		x := decimal.New(coef, exp)
		switch slot % 4 {
		case 1:
			in.Options.Deadline = &x
		case 2:
			in.Options.Unestimated = &x
		case 3:
			if len(in.Items) > 0 {
				in.Items[0].Estimate = &x
			}
		}
		var r CPM
		var err error
		guard(t, func() { r, err = CriticalPath(in.Items, in.Options) })
		wantInvalid(t, err)
		if err != nil {
			return
		}
		if len(r.Activities) != len(in.Items) || (len(in.Items) > 0 && len(r.Path) == 0) {
			t.Fatalf("%d activities, path %v for %d items", len(r.Activities), r.Path, len(in.Items))
		}
		for _, a := range r.Activities {
			if a.EarlyFinish.GreaterThan(r.Duration) || a.EarlyStart.Sign() < 0 || a.FreeFloat.Sign() < 0 {
				t.Fatalf("activity %+v outside the project (duration %s)", a, r.Duration)
			}
		}
	})
}

func FuzzSchedule(f *testing.F) {
	f.Add(`{"items":[{"id":"A","team":"T","estimate":"3","priority":1},{"id":"B","team":"T","estimate":"4","depends_on":[{"on":"A","type":"fs","lag":1}]},{"id":"E","kind":"epic"},{"id":"C","parent":"E","team":"T"}],
		"teams":[{"id":"T","sprints":[{"id":"S1","start":"2026-01-05T00:00:00Z","end":"2026-01-19T00:00:00Z","capacity":"5"},{"id":"S2","start":"2026-01-19T00:00:00Z","end":"2026-02-02T00:00:00Z","capacity":"5"}]}],
		"options":{"mode":"concurrent","unestimated":"free","horizon":"2026-01-25T00:00:00Z"}}`, int64(5), int32(0), uint8(0))
	f.Add(`{"items":[{"id":"A","team":"T","estimate":"1"}],"teams":[{"id":"T","sprints":[{"id":"S","start":"2026-01-05T00:00:00Z","end":"2026-01-06T00:00:00Z","capacity":"1"}]}],"options":{"max_work":1}}`, int64(1), int32(-1<<30), uint8(1))
	f.Add(`{"items":[{"id":"A","team":"T","status":"done"}],"teams":[{"id":"T","sprints":[]}],"options":{"max_work":-1}}`, int64(0), int32(0), uint8(2))
	f.Fuzz(func(t *testing.T, data string, coef int64, exp int32, slot uint8) {
		var in struct {
			Items   []Item          `json:"items"`
			Teams   []Team          `json:"teams"`
			Options ScheduleOptions `json:"options"`
		}
		if json.Unmarshal([]byte(data), &in) != nil {
			return
		}
		x := decimal.New(coef, exp)
		switch slot % 3 {
		case 1:
			if len(in.Items) > 0 {
				in.Items[0].Estimate = &x
			}
		case 2:
			if len(in.Teams) > 0 && len(in.Teams[0].Sprints) > 0 {
				in.Teams[0].Sprints[0].Capacity = x
			}
		}
		var r ScheduleResult
		var err error
		guard(t, func() { r, err = ScheduleContext(context.Background(), in.Items, in.Teams, in.Options) })
		wantInvalid(t, err)
		if err != nil {
			return
		}
		// Every item is placed, unfit or skipped, exactly once.
		seen := map[ItemID]int{}
		for _, p := range r.Placements {
			seen[p.ID]++
		}
		for _, u := range r.Unfit {
			seen[u.ID]++
		}
		for _, id := range r.Skipped {
			seen[id]++
		}
		for _, it := range in.Items {
			if seen[it.ID] != 1 {
				t.Fatalf("item %q appears %d times in the result", it.ID, seen[it.ID])
			}
		}
		for _, l := range r.Load {
			if l.Used.GreaterThan(l.Capacity) {
				t.Fatalf("bucket %+v over capacity", l)
			}
		}
		if cs, err := r.Conflicts(in.Items, in.Options.Mode); err != nil || len(cs) != 0 {
			t.Fatalf("a fresh schedule conflicts: %v, %v", cs, err)
		}
	})
}

func FuzzProgress(f *testing.F) {
	f.Add(`{"items":[{"id":"E","kind":"epic"},{"id":"A","parent":"E","status":"done","estimate":"3"},{"id":"B","parent":"E","status":"in_progress"},{"id":"C","parent":"E","status":"canceled","estimate":"9"}],"formula":{"in_progress_credit":"0.25","unestimated_points":"1"},"root":"E"}`, int64(1), int32(0), uint8(0))
	f.Add(`{"items":[{"id":"A"}],"formula":{"count_based":true}}`, int64(3), int32(-1<<30), uint8(1))
	f.Fuzz(func(t *testing.T, data string, coef int64, exp int32, slot uint8) {
		var in struct {
			Items   []Item  `json:"items"`
			Formula Formula `json:"formula"`
			Root    ItemID  `json:"root"`
		}
		if json.Unmarshal([]byte(data), &in) != nil {
			return
		}
		x := decimal.New(coef, exp)
		switch slot % 3 {
		case 1:
			in.Formula.InProgressCredit = x
		case 2:
			in.Formula.UnestimatedPoints = &x
		}
		var r ProgressResult
		var err error
		guard(t, func() { r, err = Progress(in.Items, in.Root, in.Formula) })
		wantInvalid(t, err)
		if err == nil && (r.Value.Sign() < 0 || r.Value.GreaterThan(decimal.NewFromInt(1)) || r.Defined != (r.Total.Sign() > 0)) {
			t.Fatalf("progress %+v", r)
		}
	})
}

func FuzzCadence(f *testing.F) {
	f.Add(`{"start":"2026-01-05T00:00:00Z","weeks":2,"count":4,"capacity":"20","holidays":["2026-01-06T00:00:00Z"],"absences":[{"from":"2026-01-12T00:00:00Z","to":"2026-01-16T00:00:00Z","available":"0.5"}],"id_prefix":"S"}`, "Europe/Berlin", int64(1), int32(0), uint8(0))
	f.Add(`{"start":"2018-10-29T00:00:00-03:00","weeks":52,"count":10000,"capacity":"1"}`, "America/Sao_Paulo", int64(7), int32(-1<<30), uint8(1))
	f.Fuzz(func(t *testing.T, data, zone string, coef int64, exp int32, slot uint8) {
		var c Cadence
		if json.Unmarshal([]byte(data), &c) != nil {
			return
		}
		if loc, err := time.LoadLocation(zone); err == nil && len(zone) < 40 {
			c.Location = loc
		}
		x := decimal.New(coef, exp)
		switch slot % 3 {
		case 1:
			c.Capacity = x
		case 2:
			if len(c.Absences) > 0 {
				c.Absences[0].Available = x
			}
		}
		var s []Sprint
		var err error
		guard(t, func() { s, err = c.Sprints() })
		wantInvalid(t, err)
		if err != nil {
			return
		}
		if err := (Team{ID: "T", Sprints: s}).Validate(); err != nil {
			t.Fatalf("Sprints built an invalid team: %v", err)
		}
	})
}

func FuzzScheduleHealth(f *testing.F) {
	f.Add(int64(1774994400), int64(1782864000), int64(1778000000), "Europe/Berlin", int64(25), int32(-2), uint8(2))
	f.Add(int64(-62135596800), int64(253402300799), int64(0), "America/Sao_Paulo", int64(1), int32(-1<<30), uint8(0))
	f.Add(int64(0), int64(1), int64(9223372036), "", int64(1), int32(0), uint8(4))
	f.Fuzz(func(t *testing.T, start, end, asOf int64, zone string, coef int64, exp int32, status uint8) {
		loc := time.UTC
		if l, err := time.LoadLocation(zone); err == nil && len(zone) < 40 {
			loc = l
		}
		span := DateRange{Start: time.Unix(start, 0).In(loc), End: time.Unix(end, 0).In(loc)}
		progress := decimal.New(coef, exp)
		var h ScheduleHealthResult
		var err error
		guard(t, func() { h, err = ScheduleHealth(span, progress, Category(status%7), time.Unix(asOf, 0)) })
		wantInvalid(t, err)
		if err == nil && (h.Expected.Sign() < 0 || h.Expected.GreaterThan(decimal.NewFromInt(1)) || (h.Rule >= RulePastEnd && !h.Gap.Equal(h.Expected.Sub(h.Progress)))) {
			t.Fatalf("health %+v", h)
		}
	})
}

func FuzzObjectives(f *testing.F) {
	f.Add(`{"objectives":[{"id":"O","key_results":[{"id":"k1","start":"0","target":"10","current":"4","weight":"2"},{"id":"k2","start":"100","target":"50","current":"80","direction":"lower"}]},{"id":"P","parent":"O","weight":"3"},{"id":"C","parent":"P","expectation":"aspirational","key_results":[{"id":"k3","start":"0","target":"1","current":"1"}]}],
		"items":[{"id":"A","key_results":["k1"],"estimate":"3"},{"id":"B","objectives":["C"]}],"options":{"key_results":"unweighted","blend_children":true}}`, int64(1), int32(0), uint8(0))
	f.Add(`{"objectives":[{"id":"O","key_results":[{"id":"k","start":"0","target":"1"}]}]}`, int64(1), int32(-1<<30), uint8(1))
	f.Add(`{"objectives":[{"id":"O","key_results":[{"id":"k","kind":"binary","current":"1"}]},{"id":"C","parent":"O"}],"options":{"children":"unweighted"}}`, int64(-3), int32(0), uint8(2))
	f.Fuzz(func(t *testing.T, data string, coef int64, exp int32, slot uint8) {
		var in struct {
			Objectives []Objective  `json:"objectives"`
			Items      []Item       `json:"items"`
			Options    ScoreOptions `json:"options"`
		}
		if json.Unmarshal([]byte(data), &in) != nil {
			return
		}
		x := decimal.New(coef, exp)
		if len(in.Objectives) > 0 {
			o := &in.Objectives[0]
			switch slot % 4 {
			case 1:
				o.Weight = x
			case 2, 3:
				if len(o.KeyResults) > 0 {
					if slot%4 == 2 {
						o.KeyResults[0].Current = x
					} else {
						o.KeyResults[0].Weight = x
					}
				}
			}
		}
		guard(t, func() {
			scores, err := ScoreObjectivesWith(in.Objectives, in.Options)
			wantInvalid(t, err)
			for _, s := range scores {
				if s.Score.Sign() < 0 || s.Score.GreaterThan(decimal.NewFromInt(1)) || s.Band != BandOf(s.Score) ||
					(s.Defined && !s.Score.Equal(s.Numerator.DivRound(s.Denominator, RatioScale))) {
					t.Fatalf("score %+v", s)
				}
			}
			_, err = Alignment(in.Items, in.Objectives)
			wantInvalid(t, err)
			_, err = ByObjective(in.Items, in.Objectives)
			wantInvalid(t, err)
		})
	})
}

// FuzzParsePlan: the strict decoder never panics or hangs; what it accepts is a valid
// plan that marshals and parses back to the same JSON.
func FuzzParsePlan(f *testing.F) {
	f.Add(`{"items":[{"id":"A","team":"T","start":"2026-Q1","estimate":"2"}],"teams":[{"id":"T","sprints":[]}],"calendar":{"fiscal_start_month":7}}`)
	f.Add(`{"items":[{"id":"A","extra":1}]}`)
	f.Add(`{"objectives":[{"id":"O","key_results":[{"id":"k","start":"0","target":"1e-9000"}]}]}`)
	f.Fuzz(func(t *testing.T, data string) {
		var p Plan
		var err error
		guard(t, func() { p, err = ParsePlan([]byte(data)) })
		wantInvalid(t, err)
		if err != nil {
			return
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("marshal a parsed plan: %v", err)
		}
		q, err := ParsePlan(b)
		if err != nil {
			t.Fatalf("parse back %s: %v", b, err)
		}
		c, _ := json.Marshal(q)
		if string(b) != string(c) {
			t.Fatalf("round trip:\n%s\n%s", b, c)
		}
	})
}
