package outcome

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/fuzzguard"
	"github.com/productops/productops/internal/proptest"
)

var d = decimal.RequireFromString

func sample() Initiative {
	return Initiative{
		ID: "RM-42", Name: "Self-serve onboarding", Currency: "USD",
		Cost: &Cost{Money: d("5000"), Effort: d("10"), LoadedRate: d("800")},
		KPIs: []KPITarget{{Name: "activation", Unit: "%", Baseline: d("10"), Target: d("12")}},
		Measurements: []Measurement{
			{KPI: "activation", Before: Window{N: 100, Mean: 10, SD: 2}, After: Window{N: 100, Mean: 11, SD: 2}},
			{KPI: "activation", Before: Window{N: 100, Mean: 10, SD: 2}, After: Window{N: 100, Mean: 11, SD: 2},
				ControlBefore: &Window{N: 100, Mean: 10, SD: 2}, ControlAfter: &Window{N: 100, Mean: 10.4, SD: 2}},
		},
		Revenue: []RevenuePeriod{{"2026-01", d("4000")}, {"2026-02", d("5000")}, {"2026-03", d("6000")}, {"2026-04", d("6000")}},
	}
}

// Hand-worked: cost 5000 + 10 × 800 = 13000; value 21000; ROI 8000/13000 = 0.615385;
// cumulative 9000 after two periods, 4000 of the third's 6000 needed: payback 2.67.
// Before/after: SE √(4/100 + 4/100) = 0.282843, Welch dof 198, t 1.972017: change 1 ±
// 0.557771. Difference in differences: 1 − 0.4 = 0.6 ± 1.959964 × 0.4 = 0.783986.
func TestEvaluateHandWorked(t *testing.T) {
	r, err := Evaluate(sample(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Cost.String() != "13000" || r.Value.String() != "21000" || r.ROI.String() != "0.615385" || r.Payback.String() != "2.67" || len(r.Missing) != 0 {
		t.Fatalf("%+v", r)
	}
	if !r.ROI.Numerator.Equal(d("8000")) || !r.ROI.Denominator.Equal(d("13000")) {
		t.Fatal(r.ROI)
	}
	ba, did := r.KPIs[0], r.KPIs[1]
	if ba.Method != BeforeAfter || !ba.Defined || ba.Change != 1 || math.Abs(ba.High-1.557771) > 1e-6 || math.Abs(ba.Low-0.442229) > 1e-6 || ba.Progress != 0.5 {
		t.Fatalf("%+v", ba)
	}
	if did.Method != DifferenceInDifferences || math.Abs(did.Change-0.6) > 1e-12 || math.Abs(did.High-1.383986) > 1e-6 || math.Abs(did.Low+0.183986) > 1e-6 {
		t.Fatalf("%+v", did)
	}
	if r.Timeline[1].ROI.String() != "-0.307692" || r.Timeline[3].Cumulative.String() != "21000" {
		t.Fatalf("%+v", r.Timeline)
	}
	s := r.String()
	for _, want := range []string{"RM-42 Self-serve onboarding", "cost 13000.00 USD", "ROI 61.54%, payback 2.67", "difference_in_differences", "50% of the way"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	b, err := json.Marshal(r)
	if err != nil || !strings.Contains(string(b), `"method":"difference_in_differences"`) || !strings.Contains(string(b), `"missing":[]`) {
		t.Fatal(string(b), err)
	}
}

func TestEvaluateMissingParts(t *testing.T) {
	in := sample()
	in.Cost = nil
	in.Revenue = nil
	r, err := Evaluate(in, Options{Confidence: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if r.ROI.Defined || r.Payback.Defined || r.HasCost || r.HasValue || len(r.Missing) != 2 || r.Missing[0] != MissingCost || r.Missing[1] != MissingValue {
		t.Fatalf("%+v", r)
	}
	if !strings.Contains(r.String(), "cost unknown") || !strings.Contains(r.String(), "value unknown") || !strings.Contains(r.String(), "ROI undefined") {
		t.Fatal(r.String())
	}
	in = sample()
	in.Cost = &Cost{}
	r, _ = Evaluate(in, Options{})
	if r.ROI.Defined || r.Payback.Defined || len(r.Missing) != 1 || r.Missing[0] != ZeroCost || r.Timeline[0].ROI.Defined {
		t.Fatalf("%+v", r)
	}
	// Value never reaches the cost: ROI defined (negative), payback undefined.
	in = sample()
	in.Revenue = in.Revenue[:2]
	in.Currency = ""
	r, _ = Evaluate(in, Options{})
	if r.ROI.String() != "-0.307692" || r.Payback.Defined {
		t.Fatalf("%+v", r)
	}
	// Exact payback at a period boundary: 9000 reached after exactly two periods.
	in.Cost = &Cost{Money: d("9000")}
	r, _ = Evaluate(in, Options{})
	if r.Payback.String() != "2" || r.ROI.String() != "0" {
		t.Fatalf("%+v", r)
	}
	// Undefined changes: too few units, no spread.
	in.Measurements = []Measurement{
		{KPI: "activation", Before: Window{N: 1, Mean: 1}, After: Window{N: 5, Mean: 2, SD: 1}},
		{KPI: "activation", Before: Window{N: 5, Mean: 1}, After: Window{N: 5, Mean: 2}, ControlBefore: &Window{N: 5}, ControlAfter: &Window{N: 5}},
	}
	in.KPIs[0].Target = in.KPIs[0].Baseline
	r, _ = Evaluate(in, Options{})
	if r.KPIs[0].Defined || r.KPIs[1].Defined || r.KPIs[0].ProgressDefined || !strings.Contains(r.String(), "change undefined") {
		t.Fatalf("%+v", r.KPIs)
	}
}

func TestEvaluateInvalid(t *testing.T) {
	huge := decimal.New(1, -(1 << 30))
	in := Initiative{
		Cost: &Cost{Money: huge, Effort: d("-1")},
		KPIs: []KPITarget{{Name: "a", Target: huge}, {Name: "a"}, {}},
		Measurements: []Measurement{
			{KPI: "zzz", Before: Window{N: -1, Mean: math.NaN(), SD: -1}, ControlBefore: &Window{SD: math.Inf(1)}},
			{Before: Window{}, ControlAfter: &Window{Mean: math.Inf(-1)}},
		},
		Revenue: []RevenuePeriod{{Amount: huge}},
	}
	_, err := Evaluate(in, Options{Confidence: 1})
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatal(err)
	}
	got := " " + strings.Join(fieldtest.Paths(t, err), " ") + " "
	for _, want := range []string{"id", "cost.money", "cost.effort", "kpis[0].target", "kpis[1].name", "kpis[2].name",
		"measurements[0].kpi", "measurements[0].before.n", "measurements[0].before.mean", "measurements[0].before.sd",
		"measurements[0].control_after", "measurements[0].control_before.sd", "measurements[1].kpi", "measurements[1].control_after.mean",
		"revenue[0].label", "revenue[0].amount", "options.confidence"} {
		if !strings.Contains(got, " "+want+" ") {
			t.Errorf("missing %s in %s", want, got)
		}
	}
	_, err = Evaluate(Initiative{ID: "x", Revenue: make([]RevenuePeriod, MaxItems+1)}, Options{})
	if p := fieldtest.Paths(t, err); len(p) != 1 || p[0] != "revenue" {
		t.Fatal(p)
	}
}

func TestParseInitiative(t *testing.T) {
	in, err := ParseInitiative([]byte(`{"id":"RM-1","cost":{"money":"100"},"kpis":[{"name":"k","target":"1"}],
		"measurements":[{"kpi":"k","before":{"n":3,"mean":1,"sd":1},"after":{"n":3,"mean":2,"sd":1}}],"revenue":[{"label":"m1","amount":"50"}]}`))
	if err != nil || in.Cost.Total().String() != "100" || len(in.Measurements) != 1 {
		t.Fatal(in, err)
	}
	for _, bad := range []string{`{"id":"x","y":1}`, `{"id":"x"} []`, `{"id":""}`, `{"id":1}`, `{`} {
		if _, err := ParseInitiative([]byte(bad)); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: %v", bad, err)
		}
	}
	var m Method
	if m.UnmarshalText([]byte("DiD")) != nil || m != DifferenceInDifferences || Method(5).String() != "method(5)" {
		t.Fatal(m)
	}
	var ms Missing
	if ms.UnmarshalText([]byte("zero-cost")) != nil || ms != ZeroCost || MissingValue.String() != "value" {
		t.Fatal(ms)
	}
	if _, err := Missing(7).MarshalText(); err == nil {
		t.Fatal("bad missing part marshalled")
	}
}

// ROI is linear in value: for a fixed cost c, the exact numerator of ROI(v1 + v2) is the
// sum of the numerators of ROI(v1) and ROI(v2) plus c, and the denominator is always c.
func TestROILinearInValue(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("linear", prop.ForAll(func(v1, v2, c int64) bool {
		cost := &Cost{Money: decimal.NewFromInt(c)}
		eval := func(vs ...int64) Report {
			in := Initiative{ID: "x", Cost: cost}
			for _, v := range vs {
				in.Revenue = append(in.Revenue, RevenuePeriod{Label: "p", Amount: decimal.NewFromInt(v)})
			}
			r, err := Evaluate(in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		a, b, ab := eval(v1), eval(v2), eval(v1, v2)
		if !ab.ROI.Defined || !ab.ROI.Denominator.Equal(decimal.NewFromInt(c)) {
			return false
		}
		return ab.ROI.Numerator.Equal(a.ROI.Numerator.Add(b.ROI.Numerator).Add(decimal.NewFromInt(c)))
	}, proptest.Int64s(gen.Int64Range(-1e12, 1e12)), proptest.Int64s(gen.Int64Range(-1e12, 1e12)), gen.Int64Range(1, 1e12)))
	props.TestingRun(t)
}

func FuzzEvaluate(f *testing.F) {
	f.Add([]byte(`{"id":"RM-1","cost":{"effort":"3","loaded_rate":"700"},"kpis":[{"name":"k","baseline":"1","target":"2"}],
		"measurements":[{"kpi":"k","before":{"n":30,"mean":1,"sd":0.5},"after":{"n":30,"mean":1.4,"sd":0.5},"control_before":{"n":30,"mean":1,"sd":0.5},"control_after":{"n":30,"mean":1.1,"sd":0.5}}],
		"revenue":[{"label":"a","amount":"1000"},{"label":"b","amount":"1e39"}]}`), 0.9)
	f.Add([]byte(`{"id":"x","measurements":[],"revenue":[{"label":"a","amount":"-1e-40"}]}`), 0.0)
	f.Fuzz(func(t *testing.T, b []byte, conf float64) {
		in, err := ParseInitiative(b)
		if err != nil {
			return
		}
		fuzzguard.Run(t, func() {
			r, err := Evaluate(in, Options{Confidence: conf})
			if err == nil {
				if _, err := json.Marshal(r); err != nil {
					t.Error(err)
				}
				_ = r.String()
			}
		})
	})
}

// Extreme but finite statistics never leak Inf into a report (JSON has no Inf).
func TestEvaluateExtremeWindows(t *testing.T) {
	in := Initiative{ID: "x", KPIs: []KPITarget{{Name: "k", Target: d("1")}}, Measurements: []Measurement{
		{KPI: "k", Before: Window{N: 2, Mean: -1.7e308, SD: 1}, After: Window{N: 2, Mean: 1.7e308, SD: 1}},
		{KPI: "k", Before: Window{N: 2, Mean: -1.7e308, SD: 1}, After: Window{N: 2, Mean: 1.7e308, SD: 1}, ControlBefore: &Window{N: 2, SD: 1}, ControlAfter: &Window{N: 2, SD: 1}},
		{KPI: "k", Before: Window{N: 2, Mean: 0, SD: 1e300}, After: Window{N: 2, Mean: 1, SD: 1e300}},
	}}
	r, err := Evaluate(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
	if r.KPIs[0].Defined || r.KPIs[1].Defined {
		t.Fatalf("%+v", r.KPIs)
	}
}
