package prioritize

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
)

// TestRICEVectors works Intercom's own examples (domain study §1.1, as summarised in the
// juno gist) and the division-order trap of §3.2 (P04b: 100·(1/0.3) = 200·(0.5/0.3)).
func TestRICEVectors(t *testing.T) {
	tests := []struct {
		name                              string
		reach, impact, conf, effort, want string
		variant                           RICEVariant
	}{
		{"massive-low-conf", "500", "3", "0.5", "1", "750", RICEStrict},
		{"high-low-conf", "500", "2", "0.5", "1", "500", RICEStrict},
		{"high-medium-conf", "500", "2", "0.8", "1", "800", RICEStrict},
		{"P01", "100", "3", "0.8", "1", "240", RICEStrict},
		{"thirds-a", "100", "1", "1", "0.3", "1000/3", RICEStrict},
		{"thirds-b", "200", "0.5", "1", "0.3", "1000/3", RICEStrict},
		{"zero-reach", "0", "3", "1", "2", "0", RICEStrict},
		{"lenient-impact", "10", "1.5", "1", "1", "15", RICELenient},
		{"half-month", "40", "0.25", "1", "0.5", "20", RICEStrict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := RICE(RICEInput{ID: "x", Reach: d(tt.reach), Impact: d(tt.impact), Confidence: d(tt.conf), Effort: d(tt.effort)},
				RICEOptions{Variant: tt.variant})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(fr(t, tt.want), s.Exact); diff != "" {
				t.Errorf("exact (-want +got):\n%s", diff)
			}
			if !s.Value.Equal(fr(t, tt.want).Decimal(DisplayScale)) {
				t.Errorf("value %s", s.Value)
			}
		})
	}
}

func TestRICEBreakdown(t *testing.T) {
	s, err := RICE(RICEInput{ID: "A", Reach: d("500"), Impact: d("2"), Confidence: Percent(40), Effort: d("3")}, RICEOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "rice/strict A: 133.333333\n" +
		"  500 × 2 × 0.4 ÷ 3 = 400/3 ≈ 133.333333\n" +
		"  reach       500  ×\n" +
		"  impact      2    ×\n" +
		"  confidence  0.4  ×\n" +
		"  effort      3    ÷\n" +
		"  note: confidence below 50%: a moonshot in Intercom's terms\n"
	if diff := cmp.Diff(want, s.Explain()); diff != "" {
		t.Errorf("Explain (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{`"exact":"400/3"`, `"value":"133.333333"`, `"framework":"rice"`, `"op":"divide"`} {
		if !strings.Contains(string(b), sub) {
			t.Errorf("JSON %s lacks %s", b, sub)
		}
	}
	var back Score
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, back, decimalEqual); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
}

func TestRICEErrors(t *testing.T) {
	tests := []struct {
		name string
		in   RICEInput
		opts RICEOptions
		want []string
		zero bool
	}{
		{"zero effort", RICEInput{ID: "a", Reach: d("1"), Impact: d("1"), Confidence: d("1"), Effort: d("0")}, RICEOptions{},
			[]string{"effort nonzero"}, true},
		{"everything wrong", RICEInput{Reach: d("-1"), Impact: d("1.5"), Confidence: d("1.2"), Effort: d("-2")}, RICEOptions{},
			[]string{"id required", "reach dgte", "confidence dlte", "effort dgte", "impact scale"}, false},
		{"off scale", RICEInput{ID: "a", Reach: d("1"), Impact: d("1.5"), Confidence: d("1"), Effort: d("1")}, RICEOptions{},
			[]string{"impact scale"}, false},
		// Zero is a value: the zero decimals are 0, so only impact (off the scale) and
		// effort (a zero divisor) fail, exactly as decimal.NewFromInt(0) would.
		{"zero values", RICEInput{ID: "a"}, RICEOptions{},
			[]string{"impact scale", "effort nonzero"}, true},
		{"explicit zeros", RICEInput{ID: "a", Reach: decimal.NewFromInt(0), Impact: decimal.NewFromInt(0), Confidence: decimal.NewFromInt(0), Effort: decimal.NewFromInt(0)}, RICEOptions{},
			[]string{"impact scale", "effort nonzero"}, true},
		// Issue 12: a comparison on an unbounded decimal used to hang validation.
		{"unbounded", RICEInput{ID: "a", Reach: decimal.New(1, -(1 << 30)), Impact: decimal.New(1, 1<<30), Confidence: decimal.New(1, -(1 << 30)), Effort: decimal.New(3, -(1 << 30))}, RICEOptions{},
			[]string{"reach dbound", "impact dbound", "confidence dbound", "effort dbound"}, false},
		{"confidence as percent", RICEInput{ID: "a", Reach: d("100"), Impact: d("1"), Confidence: d("80"), Effort: d("1")}, RICEOptions{},
			[]string{"confidence dlte"}, false},
		{"huge exponent", RICEInput{ID: "a", Reach: d("1e50"), Impact: d("1"), Confidence: d("1"), Effort: d("1")}, RICEOptions{},
			[]string{"reach dbound"}, false},
		{"bad variant", RICEInput{ID: "a", Reach: d("1"), Impact: d("1"), Confidence: d("1"), Effort: d("1")}, RICEOptions{Variant: 7},
			[]string{"variant oneof"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RICE(tt.in, tt.opts)
			if diff := cmp.Diff(tt.want, fieldtest.Rules(t, err)); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			if got := errors.Is(err, ErrZeroEffort); got != tt.zero {
				t.Errorf("errors.Is(ErrZeroEffort) = %v, want %v (%v)", got, tt.zero, err)
			}
		})
	}
}

func TestRICEFromFloat(t *testing.T) {
	in, err := RICEFromFloat("a", 500, 0.5, 0.8, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	s, err := RICE(in, RICEOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fr(t, "2000"), s.Exact); diff != "" {
		t.Error(diff)
	}
	_, err = RICEFromFloat("a", math.NaN(), 1, math.Inf(1), math.Inf(-1))
	if diff := cmp.Diff([]string{"reach finite", "effort finite", "confidence finite"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Issue 12: 0.8 meant as 80% used to be read as 0.8% (a score 100× too low) and 80
	// typed into RICEInput was rejected: one convention now, a fraction everywhere.
	for _, c := range []float64{80, 1.01, -0.1} {
		_, err = RICEFromFloat("a", 500, 1, c, 1)
		if diff := cmp.Diff([]string{"confidence range"}, fieldtest.Rules(t, err)); diff != "" {
			t.Errorf("confidence %v (-want +got):\n%s", c, diff)
		}
	}
	a, _ := RICEFromFloat("a", 500, 1, 0.8, 1)
	b := RICEInput{ID: "a", Reach: d("500"), Impact: d("1"), Confidence: Percent(80), Effort: d("1")}
	sa, _ := RICE(a, RICEOptions{})
	sb, _ := RICE(b, RICEOptions{})
	if !sa.Exact.Equal(sb.Exact) || sa.Exact.String() != "400" {
		t.Errorf("float %s, percent %s", sa.Exact, sb.Exact)
	}
}

func TestPercent(t *testing.T) {
	for p, want := range map[float64]string{80: "0.8", 87.5: "0.875", 100: "1", 0: "0", 0.1: "0.001", 33.3: "0.333", 1e-7: "0.000000001"} {
		if got := Percent(p); !got.Equal(d(want)) {
			t.Errorf("Percent(%v) = %s, want %s", p, got, want)
		}
	}
	for _, p := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, err := RICE(RICEInput{ID: "a", Reach: d("1"), Impact: d("1"), Confidence: Percent(p), Effort: d("1")}, RICEOptions{})
		if diff := cmp.Diff([]string{"confidence dbound"}, fieldtest.Rules(t, err)); diff != "" {
			t.Errorf("Percent(%v) (-want +got):\n%s", p, diff)
		}
	}
}
