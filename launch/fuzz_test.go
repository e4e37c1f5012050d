package launch

import (
	"encoding"
	"encoding/json"
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
)

// FuzzParsePlan: any input either fails with ErrInvalid or gives a plan that evaluates,
// survives a JSON round trip and evaluates to the same bytes again.
func FuzzParsePlan(f *testing.F) {
	f.Add([]byte(`{"name":"p","zone":"Europe/Berlin","tier":"standard","items":[{"id":"a","function":"qa","status":"done","weight":"2","due":{"date":"2026-11-30"}},{"id":"b","function":"docs","kind":"advisory","min_tier":"major"}],"waivers":[{"item":"a","approver":"x","reason":"y","expires_at":"2026-12-01T00:00:00Z"}],"risks":[{"id":"r","inherent":{"likelihood":3,"impacts":[{"dimension":"cost","level":5}]},"status":"accepted","approver":"z"}],"policy":{"min_score":"0.7","impact_method":"mean_impact"}}`))
	f.Add([]byte(`{"name":"p","items":[{"id":"a","function":"qa","due":{"at":"2026-11-30T10:00:00+09:00"}}],"tiers":["alpha","beta"],"tier":"alpha"}`))
	f.Add([]byte(`{"name":"p","items":[{"id":"a","function":"qa","status":"finished"}]}`))
	f.Add([]byte(`{"name":"p","items":[],"policy":{"bands":{"low_max":"4","moderate_max":"10","high_max":"25"}}}`))
	f.Add([]byte(`{"name":"p","items":[{"id":"a","function":"qa","weight":"1e-9999"}]} trailing`))
	f.Add([]byte(`[1,2`))
	f.Fuzz(func(t *testing.T, data []byte) {
		guard(t, func() { fuzzPlan(t, data) })
	})
}

func fuzzPlan(t *testing.T, data []byte) {
	{
		p, err := ParsePlan(data)
		if err != nil {
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		ev, err := Evaluate(p, propAsOf)
		if err != nil {
			t.Fatalf("valid plan does not evaluate: %v", err)
		}
		first, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("evaluation does not marshal: %v", err)
		}
		_ = ev.Text()
		raw, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("plan does not marshal: %v", err)
		}
		q, err := ParsePlan(raw)
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, raw)
		}
		ev2, err := Evaluate(q, propAsOf)
		if err != nil {
			t.Fatal(err)
		}
		second, _ := json.Marshal(ev2)
		if string(first) != string(second) {
			t.Fatalf("round trip changed the evaluation:\n%s\n%s", first, second)
		}
		d := Diff(ev, ev2)
		if d.Changed() {
			t.Fatalf("an evaluation differs from itself: %s", d.Text())
		}
	}
}

// textEnum is implemented by every enum's pointer.
type textEnum interface {
	encoding.TextMarshaler
	encoding.TextUnmarshaler
}

// FuzzEnumText: UnmarshalText accepts only known spellings (ErrInvalid otherwise), and
// a parsed value marshals back to a spelling that parses to the same value.
func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"done", "pending", "gate", "advisory", "open", "accept", "high", "mean_impact", "go_with_risks", "blocker",
		"waiver_expired", "lower_is_better", "hold", "insufficient_data", "inconclusive", "rollback", "", "DONE", "none"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		makers := []func() textEnum{
			func() textEnum { return new(Status) }, func() textEnum { return new(Kind) },
			func() textEnum { return new(RiskStatus) }, func() textEnum { return new(Response) },
			func() textEnum { return new(RiskBand) }, func() textEnum { return new(ImpactMethod) },
			func() textEnum { return new(Verdict) }, func() textEnum { return new(Severity) },
			func() textEnum { return new(ReasonKind) }, func() textEnum { return new(Direction) },
			func() textEnum { return new(InsufficientPolicy) }, func() textEnum { return new(Outcome) },
			func() textEnum { return new(Phase) }, func() textEnum { return new(Decision) },
			func() textEnum { return new(NoDataPolicy) }, func() textEnum { return new(WaiverState) },
			func() textEnum { return new(GuardrailRule) }, func() textEnum { return new(AnalysisPhase) },
			func() textEnum { return new(Condition) }, func() textEnum { return new(ArgoRule) },
			func() textEnum { return new(ArgoAction) }, func() textEnum { return new(CanaryDirection) },
			func() textEnum { return new(NaNStrategy) }, func() textEnum { return new(CanaryClass) },
			func() textEnum { return new(CanaryVerdict) }, func() textEnum { return new(CanaryRule) },
			func() textEnum { return new(ScorecardRisk) }, func() textEnum { return new(ReadinessMethod) },
		}
		for _, mk := range makers {
			v := mk()
			if err := v.UnmarshalText(b); err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("%T: error %v is not ErrInvalid", v, err)
				}
				continue
			}
			out, err := v.MarshalText()
			if err != nil {
				t.Fatalf("%T parsed %q but does not marshal: %v", v, b, err)
			}
			w := mk()
			if err := w.UnmarshalText(out); err != nil {
				t.Fatalf("%T: %q does not parse back: %v", v, out, err)
			}
			if again, _ := w.MarshalText(); string(again) != string(out) {
				t.Fatalf("%T: %q -> %q", v, out, again)
			}
		}
	})
}

// FuzzDateText: a parsed date prints back exactly as given.
func FuzzDateText(f *testing.F) {
	for _, s := range []string{"2026-02-28", "2024-02-29", "2026-02-29", "0000-01-01", "9999-12-31", "2026-1-01", "+026-01-01", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Date
		if err := d.UnmarshalText(b); err != nil {
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		out, err := d.MarshalText()
		if err != nil || string(out) != string(b) {
			t.Fatalf("%q -> %q, %v", b, out, err)
		}
	})
}

// FuzzAnalyzeJSON: a guardrail and ticks decoded from JSON either fail with ErrInvalid or
// analyse to a result that marshals (no NaN or Inf reaches JSON).
func FuzzAnalyzeJSON(f *testing.F) {
	f.Add([]byte(`{"g":{"checks":[{"id":"e","metric":"err","max":"0.01","min_sample":10},{"id":"r","metric":"conv","regression":{"direction":"higher_is_better","tolerance":"0.01","confidence":"0.9"}}],"failure_threshold":2,"deadline":"2026-12-01T10:03:00Z"},
"ticks":[{"at":"2026-12-01T10:00:00Z","observations":[{"check":"e","value":0.02,"sample":50},{"check":"r","control":{"events":50,"trials":100},"treatment":{"events":10,"trials":100}}]},{"at":"2026-12-01T10:05:00Z","observations":[{"check":"e","missing":true}]}]}`))
	f.Add([]byte(`{"g":{"checks":[{"id":"e","metric":"err","min":"1e400"}]},"ticks":[{"at":"2026-12-01T10:00:00Z","observations":[{"check":"e","value":1e308,"sample":1}]}]}`))
	f.Add([]byte(`{"g":{"checks":[]},"ticks":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in struct {
			G     Guardrail `json:"g"`
			Ticks []Tick    `json:"ticks"`
		}
		if err := json.Unmarshal(data, &in); err != nil {
			return
		}
		guard(t, func() {
			res, err := Analyze(in.G, in.Ticks)
			if err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("error %v is not ErrInvalid", err)
				}
				return
			}
			if _, err := json.Marshal(res); err != nil {
				t.Fatalf("result does not marshal: %v", err)
			}
			// Step by step gives the same decision as Analyze.
			a, err := NewAnalysis(in.G)
			if err != nil {
				t.Fatal(err)
			}
			var last TickResult
			for _, tk := range in.Ticks {
				if last, err = a.Step(tk); err != nil || last.Decision == Rollback {
					break
				}
			}
			if err != nil {
				t.Fatalf("Step failed where Analyze did not: %v", err)
			}
			if last.Decision != res.Decision {
				t.Fatalf("Step decided %v, Analyze %v", last.Decision, res.Decision)
			}
		})
	})
}

// FuzzRiskScoreJSON: an assessment, method, bands and score decoded from JSON either fail
// with ErrInvalid or grade to a band, and a valid score lies in 1..25.
func FuzzRiskScoreJSON(f *testing.F) {
	f.Add([]byte(`{"a":{"likelihood":3,"impacts":[{"dimension":"cost","level":4},{"dimension":"time","level":5}]},"method":"mean_impact","score":"13.5"}`))
	f.Add([]byte(`{"a":{"likelihood":9223372036854775807,"impact":-9223372036854775808},"bands":{"low_max":"1e-40","moderate_max":"2","high_max":"25"},"score":"0"}`))
	f.Add([]byte(`{"a":{"likelihood":2,"impact":2},"bands":{"low_max":"4","moderate_max":"10","high_max":"25"},"score":"25"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in struct {
			A      Assessment      `json:"a"`
			Method ImpactMethod    `json:"method"`
			Bands  Bands           `json:"bands"`
			Score  decimal.Decimal `json:"score"`
		}
		if err := json.Unmarshal(data, &in); err != nil {
			return
		}
		guard(t, func() {
			rs, err := in.A.Score(in.Method, in.Bands)
			if err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("error %v is not ErrInvalid", err)
				}
			} else if rs.Value.LessThan(decimal.NewFromInt(1)) || rs.Value.GreaterThan(decimal.NewFromInt(25)) || !bandEnum.Valid(rs.Band) {
				t.Fatalf("score %v out of range", rs)
			}
			b, err := in.Bands.Band(in.Score)
			if err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("error %v is not ErrInvalid", err)
				}
			} else if !bandEnum.Valid(b) {
				t.Fatalf("band %v", b)
			}
		})
	})
}

// FuzzArgoJSON: an Argo analysis and measurements decoded from JSON either fail with
// ErrInvalid or run, under the guard, to a result that marshals; feeding the measurements
// one by one gives the same result.
func FuzzArgoJSON(f *testing.F) {
	f.Add([]byte(`{"cfg":{"metrics":[{"name":"a","count":4,"failure_limit":1,"consecutive_success_limit":2},{"name":"b","indefinite":true,"dry_run":true,"failure_limit":-1,"consecutive_success_limit":1}]},"ms":[{"metric":"a","phase":"successful"},{"metric":"b","phase":"error"},{"metric":"a","phase":"failed"}],"terminate":true}`))
	f.Add([]byte(`{"cfg":{"metrics":[{"name":"a","count":9223372036854775807,"failure_limit":9223372036854775806,"consecutive_success_limit":1,"consecutive_error_limit":0}]},"ms":[{"metric":"a","phase":"inconclusive"}]}`))
	f.Add([]byte(`{"cfg":{"metrics":[]},"ms":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in struct {
			Cfg       ArgoAnalysis      `json:"cfg"`
			Ms        []ArgoMeasurement `json:"ms"`
			Terminate bool              `json:"terminate"`
		}
		if err := json.Unmarshal(data, &in); err != nil {
			return
		}
		guard(t, func() {
			res, err := AnalyzeArgo(in.Cfg, in.Ms, in.Terminate)
			if err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("error %v is not ErrInvalid", err)
				}
				return
			}
			first, err := json.Marshal(res)
			if err != nil {
				t.Fatalf("result does not marshal: %v", err)
			}
			r, err := NewArgoRun(in.Cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range in.Ms {
				if _, err := r.Measure(m); err != nil {
					t.Fatal(err)
				}
			}
			step := r.Result()
			if in.Terminate {
				step = r.Terminate()
			}
			second, _ := json.Marshal(step)
			if string(first) != string(second) {
				t.Fatalf("Measure differs from AnalyzeArgo:\n%s\n%s", first, second)
			}
		})
	})
}

// FuzzCanaryJSON: a canary config and data decoded from JSON either fail with ErrInvalid
// or judge, under the guard, to a score within 0..100 that marshals.
func FuzzCanaryJSON(f *testing.F) {
	f.Add([]byte(`{"cfg":{"metrics":[{"name":"a","groups":["g","h"],"critical":true,"direction":"increase","critical_increase":"2"},{"name":"b","groups":["h"],"must_have_data":true}],"group_weights":{"g":"60"},"pass_threshold":"90","marginal_threshold":"50"},"data":[{"metric":"a","control":[1,2,3,4],"experiment":[5,6,7,8]},{"metric":"b","control":[],"experiment":[1]}]}`))
	f.Add([]byte(`{"cfg":{"metrics":[{"name":"a","groups":["g"],"nan_strategy":"replace"}],"tolerance":"1","confidence":"0.9999","max_samples":3},"data":[{"metric":"a","control":[1e308,-1e308,0],"experiment":[5e-324,1e308]}]}`))
	f.Add([]byte(`{"cfg":{"metrics":[{"name":"a","groups":["g"]}]},"data":[{"metric":"a","control":[3,3,3],"experiment":[3,3]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in struct {
			Cfg  CanaryConfig `json:"cfg"`
			Data []CanaryData `json:"data"`
		}
		if err := json.Unmarshal(data, &in); err != nil {
			return
		}
		guard(t, func() {
			res, err := JudgeCanary(in.Cfg, in.Data)
			if err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("error %v is not ErrInvalid", err)
				}
				return
			}
			if res.Score.Sign() < 0 || res.Score.GreaterThan(decimal.NewFromInt(100)) {
				t.Fatalf("score %s out of 0..100", res.Score)
			}
			if _, err := json.Marshal(res); err != nil {
				t.Fatalf("result does not marshal: %v", err)
			}
		})
	})
}

// FuzzScorecardJSON: checks and groups decoded from JSON either fail with ErrInvalid or
// score within OpenSSF's range.
func FuzzScorecardJSON(f *testing.F) {
	f.Add([]byte(`{"checks":[{"name":"a","risk":"critical","score":10},{"name":"b","risk":"low","score":-1}],"groups":[{"success":2,"total":3,"weight":1}],"success":2,"total":3}`))
	f.Add([]byte(`{"checks":[],"groups":[{"success":9223372036854775807,"total":9223372036854775807,"weight":9223372036854775807}],"success":-1,"total":0}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in struct {
			Checks  []ScorecardCheck    `json:"checks"`
			Groups  []ProportionalGroup `json:"groups"`
			Success int                 `json:"success"`
			Total   int                 `json:"total"`
		}
		if err := json.Unmarshal(data, &in); err != nil {
			return
		}
		guard(t, func() {
			ok := func(err error) bool {
				if err != nil && !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("error %v is not ErrInvalid", err)
				}
				return err == nil
			}
			if r, err := ScorecardAggregate(in.Checks); ok(err) && r.Defined &&
				(r.Value.Sign() < 0 || r.Value.GreaterThan(decimal.NewFromInt(10))) {
				t.Fatalf("aggregate %s", r.Value)
			}
			if s, err := ProportionalScoreWeighted(in.Groups); ok(err) && (s < -1 || s > 10) {
				t.Fatalf("weighted %d", s)
			}
			if s, err := ProportionalScore(in.Success, in.Total); ok(err) && (s < 0 || s > 10) {
				t.Fatalf("proportional %d", s)
			}
		})
	})
}

// FuzzParseInputs: the strict decoders of guardrails, Argo analyses and canary configs
// accept only what validates (ErrInvalid otherwise), and what they accept re-encodes to
// input they accept again.
func FuzzParseInputs(f *testing.F) {
	f.Add(byte(0), []byte(`{"checks":[{"id":"c","metric":"m","max":"0.5","min_sample":10}],"failure_threshold":2}`))
	f.Add(byte(1), []byte(`{"metrics":[{"name":"m","count":3,"failure_limit":1}]}`))
	f.Add(byte(2), []byte(`{"metrics":[{"name":"m","groups":["g"],"critical":true}],"group_weights":{"g":"100"}}`))
	f.Add(byte(2), []byte(`{"metrics":[{"name":"m","groups":["g"]}]} {}`))
	f.Fuzz(func(t *testing.T, which byte, data []byte) {
		parse := []func([]byte) (any, error){
			func(b []byte) (any, error) { return ParseGuardrail(b) },
			func(b []byte) (any, error) { return ParseArgoAnalysis(b) },
			func(b []byte) (any, error) { return ParseCanaryConfig(b) },
		}[int(which)%3]
		guard(t, func() {
			v, err := parse(data)
			if err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("error %v is not ErrInvalid", err)
				}
				return
			}
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("does not marshal: %v", err)
			}
			if _, err := parse(b); err != nil {
				t.Fatalf("re-encoded input rejected: %v\n%s", err, b)
			}
		})
	})
}
