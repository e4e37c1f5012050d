package launch

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/proptest"
)

// itemSpec, waiverSpec and riskSpec are shrinkable primitives that build a plan.
type itemSpec struct {
	Status, Kind, Weight, Tier, Due int
	NAReason                        bool
}

type waiverSpec struct {
	Item, Start, Length int
	Approved            bool
}

type riskSpec struct {
	L, I, Status int
	Approved     bool
}

type planSpec struct {
	Items   []itemSpec
	Waivers []waiverSpec
	Risks   []riskSpec
	Floor   int // -1: none, else tenths
	Tier    int
}

var propAsOf = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func genPlanSpec() gopter.Gen {
	item := gen.Struct(reflect.TypeFor[itemSpec](), map[string]gopter.Gen{
		"Status":   gen.IntRange(0, 6),
		"Kind":     gen.IntRange(0, 1),
		"Weight":   gen.IntRange(0, 5),
		"Tier":     gen.IntRange(0, 3),
		"Due":      gen.IntRange(-3, 3),
		"NAReason": gen.Bool(),
	})
	waiver := gen.Struct(reflect.TypeFor[waiverSpec](), map[string]gopter.Gen{
		"Item":     gen.IntRange(0, 11),
		"Start":    gen.IntRange(-3, 1),
		"Length":   gen.IntRange(1, 4),
		"Approved": gen.Bool(),
	})
	risk := gen.Struct(reflect.TypeFor[riskSpec](), map[string]gopter.Gen{
		"L":        gen.IntRange(1, 5),
		"I":        gen.IntRange(1, 5),
		"Status":   gen.IntRange(0, 3),
		"Approved": gen.Bool(),
	})
	return gen.Struct(reflect.TypeFor[planSpec](), map[string]gopter.Gen{
		"Items":   gen.SliceOfN(12, item),
		"Waivers": gen.SliceOf(waiver),
		"Risks":   gen.SliceOf(risk),
		"Floor":   gen.IntRange(-1, 10),
		"Tier":    gen.IntRange(0, 3),
	})
}

// build turns a spec into a valid plan; item IDs are i00..i19.
func (s planSpec) build() Plan {
	tiers := []Tier{"", TierMinor, TierStandard, TierMajor}
	funcs := []Function{Engineering, QA, Security, Docs, "design"}
	p := Plan{Name: "prop", Zone: "UTC", Tier: tiers[s.Tier], Functions: []Function{"design"}}
	if s.Floor >= 0 {
		p.Policy.MinScore = new(decimal.New(int64(s.Floor), -1))
	}
	for i, it := range s.Items {
		x := Item{ID: ItemID(fmt.Sprintf("i%02d", i)), Function: funcs[i%len(funcs)], Status: Status(it.Status), Kind: Kind(it.Kind), MinTier: tiers[it.Tier]}
		if it.Weight > 0 {
			x.Weight = new(decimal.NewFromInt(int64(it.Weight)))
		}
		if it.NAReason {
			x.NAReason = "out of scope"
		}
		if it.Due != 0 {
			d := propAsOf.AddDate(0, 0, it.Due)
			x.Due = &Deadline{Date: Date{d.Year(), d.Month(), d.Day()}}
		}
		p.Items = append(p.Items, x)
	}
	for _, w := range s.Waivers {
		if w.Item >= len(p.Items) {
			continue
		}
		start := propAsOf.AddDate(0, 0, w.Start)
		wv := Waiver{Item: p.Items[w.Item].ID, Reason: "r", GrantedAt: start, ExpiresAt: start.AddDate(0, 0, w.Length)}
		if w.Approved {
			wv.Approver = "vp"
		}
		p.Waivers = append(p.Waivers, wv)
	}
	for i, r := range s.Risks {
		rk := Risk{ID: RiskID(fmt.Sprintf("r%02d", i)), Inherent: Assessment{Likelihood: r.L, Impact: r.I}, Status: RiskStatus(r.Status)}
		if r.Approved {
			rk.Approver = "vp"
		}
		p.Risks = append(p.Risks, rk)
	}
	return p
}

func mustEvaluate(p Plan) Evaluation {
	ev, err := Evaluate(p, propAsOf)
	if err != nil {
		panic(err)
	}
	return ev
}

// Adding a Done advisory item never lowers the verdict: it adds the same weight to the
// numerator and the denominator (score can only rise) and raises no reason.
func TestPropertyPassingAdvisoryNeverLowersVerdict(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("verdict(plan + done advisory) <= verdict(plan)", prop.ForAll(
		func(s planSpec, w int) bool {
			p := s.build()
			before := mustEvaluate(p)
			p.Items = append(p.Items, Item{ID: "zz-added", Function: Docs, Status: Done, Kind: Advisory, Weight: new(decimal.NewFromInt(int64(w)))})
			after := mustEvaluate(p)
			return after.Verdict <= before.Verdict
		},
		genPlanSpec(), gen.IntRange(1, 50),
	))
	props.TestingRun(t)
}

// A required gate that fails (with no waiver) never improves the verdict; in fact it
// always gives No-go, whatever the score.
func TestPropertyFailingGateNeverImproves(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("failing gate: verdict after >= before, and no-go", prop.ForAll(
		func(s planSpec, pick int) bool {
			p := s.build()
			if len(p.Items) == 0 {
				return true
			}
			i := pick % len(p.Items)
			before := mustEvaluate(p)
			p.Items[i].Kind, p.Items[i].Status, p.Items[i].MinTier = Gate, Failed, ""
			p.Waivers = slices.DeleteFunc(slices.Clone(p.Waivers), func(w Waiver) bool { return w.Item == p.Items[i].ID })
			after := mustEvaluate(p)
			return after.Verdict >= before.Verdict && after.Verdict == NoGo
		},
		genPlanSpec(), gen.IntRange(0, 1000),
	))
	props.TestingRun(t)
}

// Evaluation does not depend on the order of items, waivers or risks: the JSON bytes are
// identical after a rotation and a reversal.
func TestPropertyOrderIndependent(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("same bytes whatever the order", prop.ForAll(
		func(s planSpec, rot int) bool {
			p := s.build()
			want, _ := json.Marshal(mustEvaluate(p))
			q := p
			q.Items = rotate(p.Items, rot)
			q.Waivers = slices.Clone(p.Waivers)
			slices.Reverse(q.Waivers)
			q.Risks = rotate(p.Risks, rot+1)
			got, _ := json.Marshal(mustEvaluate(q))
			return string(got) == string(want)
		},
		genPlanSpec(), gen.IntRange(0, 100),
	))
	props.TestingRun(t)
}

func rotate[T any](s []T, k int) []T {
	if len(s) == 0 {
		return s
	}
	k %= len(s)
	return append(slices.Clone(s[k:]), s[:k]...)
}

// The score is always within [0, 1] when defined, and Num <= Den.
func TestPropertyScoreBounds(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("0 <= num <= den", prop.ForAll(
		func(s planSpec) bool {
			ev := mustEvaluate(s.build())
			sc := ev.Score
			if !sc.Defined {
				return sc.Den.IsZero() && sc.Value == nil
			}
			return sc.Num.Sign() >= 0 && sc.Num.Cmp(sc.Den) <= 0 && sc.Value.Sign() >= 0 && sc.Value.Cmp(decimal.NewFromInt(1)) <= 0
		},
		genPlanSpec(),
	))
	props.TestingRun(t)
}

// Analyze (fast path, explaining only the last interval) gives exactly what Step gives
// interval by interval.
func TestPropertyAnalyzeMatchesStep(t *testing.T) {
	type obsSpec struct {
		Value, Sample, Events int
		Missing, Absent       bool
	}
	obsGen := gen.Struct(reflect.TypeFor[obsSpec](), map[string]gopter.Gen{
		"Value":   gen.IntRange(0, 12),
		"Sample":  gen.IntRange(0, 30),
		"Events":  gen.IntRange(0, 30),
		"Missing": gen.Weighted([]gen.WeightedGen{{Weight: 9, Gen: gen.Const(false)}, {Weight: 1, Gen: gen.Const(true)}}),
		"Absent":  gen.Weighted([]gen.WeightedGen{{Weight: 19, Gen: gen.Const(false)}, {Weight: 1, Gen: gen.Const(true)}}),
	})
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("Analyze == Step loop", prop.ForAll(
		func(specs []obsSpec, threshold, errLimit int, critical, holdPolicy, noDataFail bool) bool {
			g := Guardrail{Checks: []Check{
				{ID: "a", Metric: "m1", Max: new(decimal.NewFromInt(8)), MinSample: 5, Critical: critical},
				{ID: "b", Metric: "m1", Min: new(decimal.NewFromInt(2))},
				{ID: "c", Metric: "m2", Regression: &RegressionTest{Direction: LowerIsBetter}, MinSample: 10},
				{ID: "d", Metric: "m3", Max: new(decimal.NewFromInt(5)), DryRun: true},
			}, FailureThreshold: threshold, ConsecutiveErrorLimit: &errLimit, Deadline: tickAt(len(specs) / 8)}
			if holdPolicy {
				g.OnInsufficient = HoldOnInsufficient
			}
			if noDataFail {
				g.NoData = NoDataFail
			}
			var ticks []Tick
			for k := 0; k+4 <= len(specs); k += 4 {
				var obs []Observation
				for j, id := range []CheckID{"a", "b", "c", "d"} {
					s := specs[k+j]
					if s.Absent {
						continue
					}
					o := Observation{Check: id, Value: float64(s.Value), Sample: int64(s.Sample), Missing: s.Missing}
					if id == "c" {
						o.Control = Proportion{Events: 5, Trials: int64(s.Sample)*10 + 5}
						o.Treatment = Proportion{Events: int64(s.Events), Trials: int64(s.Sample)*10 + 30}
					}
					obs = append(obs, o)
				}
				ticks = append(ticks, Tick{At: tickAt(k / 4), Observations: obs})
			}
			fast, err := Analyze(g, ticks)
			if err != nil {
				t.Log(err)
				return false
			}
			a, _ := NewAnalysis(g)
			for _, tk := range ticks {
				r, err := a.Step(tk)
				if err != nil {
					t.Log(err)
					return false
				}
				if r.Decision == Rollback {
					break
				}
			}
			slow := a.Result()
			want, _ := json.Marshal(slow)
			got, _ := json.Marshal(fast)
			if string(want) != string(got) {
				t.Logf("step:    %s\nanalyze: %s", want, got)
				return false
			}
			return true
		},
		gen.SliceOf(obsGen), gen.IntRange(0, 3), gen.IntRange(0, 3), gen.Bool(), gen.Bool(), gen.Bool(),
	))
	props.TestingRun(t)
}
