package launch

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

// guard runs f in a goroutine and fails the test if it panics, runs longer than 2 s or
// allocates more than 256 MiB: a hang or a blow-up is a failure, not a stuck test.
func guard(t testing.TB, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("panic: %v", p)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("hang: the computation did not finish within 2s")
	}
	runtime.ReadMemStats(&after)
	if d := after.TotalAlloc - before.TotalAlloc; d > 256<<20 {
		t.Fatalf("allocated %d MiB (> 256 MiB)", d>>20)
	}
}

// invalid asserts err is a ValidationError naming exactly the given "path rule"s.
func invalid(t *testing.T, err error, want ...string) {
	t.Helper()
	if diff := cmp.Diff(want, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("fields (-want +got)\n%s\nerror: %v", diff, err)
	}
}

// huge is a decimal built in Go that no JSON decoder would produce: comparing it with an
// ordinary decimal rescales a coefficient to a billion digits.
var huge = decimal.New(1, -(1 << 30))

// Issue 12: Date.End(nil) panicked inside time.Date, and Date{2025, 2, 30} was normalised
// to March 2 (3 in a leap year) instead of rejected.
func TestDateEndRejects(t *testing.T) {
	_, err := Date{2026, 12, 1}.End(nil)
	invalid(t, err, "loc required")
	for _, d := range []Date{{2025, 2, 30}, {2025, 2, 29}, {2026, 13, 1}, {2026, 0, 1}, {2026, 4, 31}, {}, {0, 1, 1},
		{10000, 1, 1}, {math.MaxInt, 1, 1}, {math.MinInt, 1, 1}, {2026, 1, math.MaxInt}, {2026, time.Month(math.MinInt), 1}} {
		if _, err := d.End(time.UTC); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%+v.End: err = %v, want ErrInvalid", d, err)
		}
		if err := d.Validate(); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%+v.Validate: err = %v, want ErrInvalid", d, err)
		}
	}
	for _, c := range []struct {
		d    Date
		want time.Time
	}{
		{Date{2024, 2, 29}, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{Date{1, 1, 1}, time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)},
		{Date{9999, 12, 31}, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		got, err := c.d.End(time.UTC)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("%v.End = %v, %v; want %v", c.d, got, err, c.want)
		}
	}
}

// Issue 12: an empty checklist evaluated to GO with no reason.
func TestEmptyChecklist(t *testing.T) {
	asOf := utc("2026-11-30T12:00:00Z")
	for _, c := range []struct {
		name string
		p    Plan
	}{
		{"no items", Plan{Name: "empty"}},
		{"every item above the tier", Plan{Name: "above", Tier: TierMinor, Items: []Item{{ID: "a", Function: QA, Status: Done, MinTier: TierMajor}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ev, err := Evaluate(c.p, asOf)
			if err != nil {
				t.Fatal(err)
			}
			want := summary{Verdict: NoGo, Num: "0", Den: "0", Reasons: []string{"blocker empty_checklist "}}
			if diff := cmp.Diff(want, summarize(ev)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	// Risks alone do not make a checklist: the empty-checklist blocker sorts after the
	// others and the verdict stays No-go.
	ev, err := Evaluate(Plan{Name: "r", Risks: []Risk{{ID: "r", Inherent: Assessment{Likelihood: 5, Impact: 5}}}}, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if got := summarize(ev).Reasons; !cmp.Equal(got, []string{"blocker risk_extreme_open r", "blocker empty_checklist "}) {
		t.Errorf("reasons = %q", got)
	}
}

// Issue 12: "enginering" was silently a new function.
func TestFunctionsClosed(t *testing.T) {
	p := Plan{Name: "f", Items: []Item{{ID: "a", Function: "enginering", Status: Done}, {ID: "b", Function: "Engineering", Status: Done}}}
	invalid(t, p.Validate(), "items[0].function oneof", "items[1].function oneof")
	p.Functions = []Function{"enginering", "Engineering"}
	if err := p.Validate(); err != nil {
		t.Fatalf("listed functions: %v", err)
	}
	p.Functions = []Function{"design", "design", ""}
	invalid(t, p.Validate(), "functions[1] unique", "functions[2] required", "items[0].function oneof", "items[1].function oneof")
	many := make([]Function, MaxExtraFunctions+1)
	for i := range many {
		many[i] = Function(rune('A'+i%26)) + Function(rune('a'+i/26))
	}
	invalid(t, (&Plan{Name: "m", Functions: many}).Validate(), "functions max")
}

// Issue 12: Assessment.Score and Bands.Band accepted out-of-range values silently.
func TestAssessmentAndBandsValidate(t *testing.T) {
	for _, a := range []Assessment{
		{Likelihood: 0, Impact: 3}, {Likelihood: 6, Impact: 3}, {Likelihood: 3, Impact: 6}, {Likelihood: 3},
		{Likelihood: math.MaxInt, Impact: math.MaxInt}, {Likelihood: math.MinInt, Impact: 1},
		{Likelihood: 2, Impacts: []Impact{{Dimension: "cost", Level: math.MaxInt}}},
	} {
		if err := a.Validate(); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%+v.Validate: %v", a, err)
		}
		if s, err := a.Score(Highest, Bands{}); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%+v.Score = %v, %v; want ErrInvalid", a, s, err)
		}
	}
	_, err := Assessment{Likelihood: 2, Impact: 2}.Score(ImpactMethod(9), Bands{LowMax: decimal.NewFromInt(9)})
	invalid(t, err, "method oneof", "bands.moderate_max gtfield", "bands.high_max gtfield")
	many := Assessment{Likelihood: 1}
	for i := range MaxImpacts + 1 {
		many.Impacts = append(many.Impacts, Impact{Dimension: string(rune('a' + i)), Level: 1})
	}
	invalid(t, many.Validate(), "impacts max")

	for _, s := range []decimal.Decimal{decimal.Zero, decimal.NewFromInt(26), decimal.NewFromInt(-3), decimal.New(5, -1), huge} {
		if b, err := NHSBands().Band(s); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("Band(exp %d) = %v, %v; want ErrInvalid", s.Exponent(), b, err)
		}
	}
	if b, err := (Bands{}).Band(decimal.RequireFromString("12.5")); err != nil || b != Extreme {
		t.Errorf("Band(12.5) = %v, %v; want extreme", b, err)
	}
	// Zero is a value: decimal.Zero and decimal.NewFromInt(0) are the same "use NHS" bands.
	zeroA := Bands{LowMax: decimal.Zero, ModerateMax: decimal.Zero, HighMax: decimal.Zero}
	zeroB := Bands{LowMax: decimal.NewFromInt(0), ModerateMax: decimal.NewFromInt(0), HighMax: decimal.NewFromInt(0)}
	for _, z := range []Bands{zeroA, zeroB} {
		if b, err := z.Band(decimal.NewFromInt(15)); err != nil || b != Extreme {
			t.Errorf("zero bands: %v %v", b, err)
		}
	}
}

// Issue 12: decimals built in Go with huge exponents must fail fast, before any comparison.
func TestUnboundedDecimalsFailFast(t *testing.T) {
	asOf := utc("2026-11-30T12:00:00Z")
	plans := map[string]Plan{
		"items[0].weight dbound":  {Name: "w", Items: []Item{{ID: "a", Function: QA, Weight: &huge}}},
		"policy.min_score dbound": {Name: "m", Items: []Item{{ID: "a", Function: QA}}, Policy: Policy{MinScore: &huge}},
		"policy.bands.low_max dbound": {Name: "b", Items: []Item{{ID: "a", Function: QA}},
			Policy: Policy{Bands: Bands{LowMax: huge, ModerateMax: decimal.NewFromInt(6), HighMax: decimal.NewFromInt(12)}}},
	}
	for want, p := range plans {
		guard(t, func() {
			_, err := Evaluate(p, asOf)
			invalid(t, err, want)
		})
	}
	guards := map[string]Check{
		"checks[0].min dbound":                   {ID: "c", Metric: "m", Min: &huge},
		"checks[0].max dbound":                   {ID: "c", Metric: "m", Max: &huge, Min: new(decimal.NewFromInt(1))},
		"checks[0].regression.tolerance dbound":  {ID: "c", Metric: "m", Regression: &RegressionTest{Direction: HigherIsBetter, Tolerance: huge}},
		"checks[0].regression.confidence dbound": {ID: "c", Metric: "m", Regression: &RegressionTest{Direction: HigherIsBetter, Confidence: huge}},
	}
	for want, c := range guards {
		guard(t, func() {
			_, err := NewAnalysis(Guardrail{Checks: []Check{c}})
			invalid(t, err, want)
		})
	}
	guard(t, func() {
		_, err := NHSBands().Band(huge)
		invalid(t, err, "score dbound")
		err = Bands{LowMax: huge, ModerateMax: huge, HighMax: huge}.Validate()
		invalid(t, err, "low_max dbound", "moderate_max dbound", "high_max dbound")
	})
	guard(t, func() {
		s := Score{Defined: true, Num: huge, Den: decimal.NewFromInt(1), Value: &huge}
		if got := s.Percent(); got != "n/a" {
			t.Errorf("Percent = %q", got)
		}
		ev := Evaluation{Score: s}
		c := Diff(ev, ev)
		if c.ScoreDelta != nil || !c.Changed() {
			t.Errorf("diff of unbounded scores: delta %v changed %v", c.ScoreDelta, c.Changed())
		}
		_ = ev.Text()
		_ = c.Text()
	})
}

// Issue 12: zero is a value. A zero tolerance and a zero bound given as decimal.Zero or
// decimal.NewFromInt(0) behave the same; no non-pointer decimal is "required".
func TestZeroIsAValue(t *testing.T) {
	for _, z := range []decimal.Decimal{decimal.Zero, decimal.NewFromInt(0), decimal.RequireFromString("0.000")} {
		g := Guardrail{Checks: []Check{
			{ID: "r", Metric: "conv", Regression: &RegressionTest{Direction: HigherIsBetter, Tolerance: z}},
			{ID: "t", Metric: "err", Max: &z},
		}}
		res, err := Analyze(g, []Tick{{At: tickAt(0), Observations: []Observation{
			{Check: "r", Control: Proportion{50, 100}, Treatment: Proportion{50, 100}},
			{Check: "t", Value: 0, Sample: 1},
		}}})
		if err != nil || res.Decision != Promote {
			t.Errorf("zero %q: %v %v", z.String(), res.Decision, err)
		}
	}
}

// Issue 12: int options at their extremes validate without overflow and never panic.
func TestIntOptionExtremes(t *testing.T) {
	maxInt := math.MaxInt
	minInt := math.MinInt
	g := Guardrail{Checks: []Check{{ID: "c", Metric: "m", Max: new(decimal.NewFromInt(1)), MinSample: math.MaxInt64}},
		FailureThreshold: math.MaxInt, ConsecutiveErrorLimit: &maxInt}
	res, err := Analyze(g, []Tick{{At: tickAt(0), Observations: []Observation{{Check: "c", Value: 5, Sample: math.MaxInt64}}},
		{At: tickAt(1)}})
	if err != nil || res.Decision != Hold || res.FailedChecks != 1 {
		t.Errorf("max options: %v %d %v", res.Decision, res.FailedChecks, err)
	}
	g = Guardrail{Checks: []Check{{ID: "c", Metric: "m", Max: new(decimal.NewFromInt(1)), MinSample: math.MinInt64}},
		FailureThreshold: math.MinInt, ConsecutiveErrorLimit: &minInt}
	_, err = NewAnalysis(g)
	invalid(t, err, "checks[0].min_sample gte", "failure_threshold gte", "consecutive_error_limit gte")
	a, err := NewAnalysis(Guardrail{Checks: []Check{{ID: "r", Metric: "m", Regression: &RegressionTest{Direction: LowerIsBetter}}}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.Step(Tick{At: tickAt(0), Observations: []Observation{{Check: "r",
		Control: Proportion{math.MaxInt64, math.MaxInt64}, Treatment: Proportion{0, math.MaxInt64}}}})
	if err != nil || r.Decision != Promote {
		t.Errorf("extreme counts: %v %v", r.Decision, err)
	}
}

// Issue 12: instants outside years 1..9999 would give results that do not marshal.
func TestInstantsOutsideYears(t *testing.T) {
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := Evaluate(Plan{Name: "x", Items: []Item{{ID: "a", Function: QA}}}, far)
	invalid(t, err, "as_of range")
	p := Plan{Name: "x", Items: []Item{{ID: "a", Function: QA, Due: &Deadline{At: far}}},
		Waivers: []Waiver{{Item: "a", Approver: "v", Reason: "r", GrantedAt: time.Unix(-1<<62, 0), ExpiresAt: far}}}
	invalid(t, p.Validate(), "items[0].due.at range", "waivers[0].granted_at range", "waivers[0].expires_at range")
	// Found by TestPropertyEvaluateExtremeInstants: 9999-12-31 in UTC+14 ends at
	// 10000-01-01T00:00+14:00, which is 9999 in UTC but cannot be marshalled in its zone.
	kir, err := time.LoadLocation("Pacific/Kiritimati")
	if err != nil {
		t.Fatal(err)
	}
	p = Plan{Name: "x", Items: []Item{{ID: "a", Function: QA, Due: &Deadline{Date: Date{9999, 12, 31}, Zone: "Pacific/Kiritimati"}},
		{ID: "b", Function: QA, Due: &Deadline{At: time.Date(10000, 1, 1, 0, 0, 0, 0, kir)}}}}
	invalid(t, p.Validate(), "items[0].due.date range", "items[1].due.at range")
	_, err = NewAnalysis(Guardrail{Checks: []Check{{ID: "c", Metric: "m", Max: new(decimal.NewFromInt(1))}}, Deadline: far})
	invalid(t, err, "deadline range")
	a, _ := NewAnalysis(Guardrail{Checks: []Check{{ID: "c", Metric: "m", Max: new(decimal.NewFromInt(1))}}})
	_, err = a.Step(Tick{At: far})
	invalid(t, err, "at range")
}

// Issue 12: nil and zero arguments give errors, never panics.
func TestNilAndZeroArguments(t *testing.T) {
	var p *Plan
	invalid(t, p.Validate(), " required")
	var g *Guardrail
	invalid(t, g.Validate(), " required")
	var a *Analysis
	_, err := a.Step(Tick{At: tickAt(0)})
	invalid(t, err, " required")
	if a.FailedChecks() != 0 || a.Result().Ticks != 0 {
		t.Error("nil analysis has state")
	}
	var zero Analysis
	_, err = zero.Step(Tick{At: tickAt(0)})
	invalid(t, err, " required")
	if r := zero.Result(); r.Decision != 0 || r.Metrics == nil || r.Reasons == nil {
		t.Errorf("zero analysis result %+v", r)
	}
	if got := (Score{Defined: true}).Percent(); got != "n/a" {
		t.Errorf("defined score without denominator: %q", got)
	}
	c := Diff(Evaluation{Score: Score{Defined: true}}, Evaluation{Score: Score{Defined: true}})
	if c.ScoreDelta != nil {
		t.Error("delta from scores without values")
	}
	_ = Evaluation{}.Text()
	_ = Change{}.Text()
	_, err = ParsePlan(nil)
	invalid(t, err, " json")
	_, err = Analyze(Guardrail{}, nil)
	invalid(t, err, "checks required")
}

// Issue 12: every input error of the package matches productops.ErrInvalid.
func TestEveryInputErrorIsErrInvalid(t *testing.T) {
	var d Date
	var st Status
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	a, _ := NewAnalysis(Guardrail{Checks: []Check{{ID: "c", Metric: "m", Max: new(decimal.NewFromInt(1))}}})
	errs := map[string]error{
		"ParsePlan":          func() error { _, err := ParsePlan([]byte(`{"name":"x","items":[],"extra":1}`)); return err }(),
		"ParsePlan trailing": func() error { _, err := ParsePlan([]byte(`{"name":"x","items":[]} {}`)); return err }(),
		"ParsePlan type":     func() error { _, err := ParsePlan([]byte(`{"name":1}`)); return err }(),
		"Plan.Validate":      (&Plan{}).Validate(),
		"Evaluate": func() error {
			_, err := Evaluate(Plan{Name: "x", Items: []Item{{ID: "a", Function: QA}}}, time.Time{})
			return err
		}(),
		"Date.UnmarshalText":    d.UnmarshalText([]byte("2026-02-30")),
		"Date.Validate":         Date{2026, 2, 30}.Validate(),
		"Date.End":              func() error { _, err := Date{2026, 1, 1}.End(nil); return err }(),
		"Status.UnmarshalText":  st.UnmarshalText([]byte("finished")),
		"Status.MarshalText":    func() error { _, err := Status(99).MarshalText(); return err }(),
		"Assessment.Validate":   Assessment{}.Validate(),
		"Assessment.Score":      func() error { _, err := Assessment{}.Score(Highest, Bands{}); return err }(),
		"Bands.Validate":        Bands{LowMax: decimal.NewFromInt(-1)}.Validate(),
		"Bands.Band":            func() error { _, err := Bands{}.Band(decimal.Zero); return err }(),
		"Guardrail.Validate":    (&Guardrail{}).Validate(),
		"NewAnalysis":           func() error { _, err := NewAnalysis(Guardrail{}); return err }(),
		"Analyze":               func() error { _, err := Analyze(Guardrail{}, nil); return err }(),
		"Analysis.Step":         func() error { _, err := a.Step(Tick{At: far}); return err }(),
		"Analysis.Step nil":     func() error { _, err := (*Analysis)(nil).Step(Tick{}); return err }(),
		"WaiverState.Unmarshal": new(WaiverState).UnmarshalText([]byte("x")),
	}
	for name, err := range errs {
		if !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
}

// TestLengthLimits: names that reach error messages and zone loading are bounded.
func TestLengthLimits(t *testing.T) {
	long := strings.Repeat("x", 65)
	tiers := make([]Tier, 65)
	for i := range tiers {
		tiers[i] = Tier(strings.Repeat("t", i+1))
	}
	p := Plan{Name: "l", Zone: long, Tier: Tier(long), Tiers: tiers, Functions: []Function{Function(long)},
		Items: []Item{{ID: "a", Function: QA, MinTier: Tier(long), Due: &Deadline{Date: Date{2026, 1, 1}, Zone: long}}}}
	invalid(t, p.Validate(), "zone max", "tier max", "tiers max", "tiers[64] max", "functions[0] max", "tier oneof",
		"items[0].min_tier max", "items[0].due.zone max")
}
