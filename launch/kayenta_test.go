package launch

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/internal/stats"
)

// Series that force a classification: identical series pass, a shift of +10 over 1..10
// is high, -10 low, and no points is nodata.
var (
	base    = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	shifted = func(d float64) []float64 {
		out := make([]float64, len(base))
		for i, v := range base {
			out[i] = v + d
		}
		return out
	}
)

func passData(m string) CanaryData { return CanaryData{Metric: m, Control: base, Experiment: base} }
func highData(m string) CanaryData {
	return CanaryData{Metric: m, Control: base, Experiment: shifted(10)}
}
func lowData(m string) CanaryData {
	return CanaryData{Metric: m, Control: shifted(10), Experiment: base}
}
func emptyData(m string) CanaryData { return CanaryData{Metric: m} }

type canaryWant struct {
	Score    string
	Verdict  CanaryVerdict
	Rule     CanaryRule
	Reason   string
	Critical string
	Classes  []CanaryClass
	Groups   map[string]string // group -> score
}

func canarySummary(r CanaryResult) canaryWant {
	w := canaryWant{Score: r.Score.StringFixed(2), Verdict: r.Verdict, Rule: r.Rule, Reason: r.Reason, Critical: r.CriticalMetric, Groups: map[string]string{}}
	for _, m := range r.Metrics {
		w.Classes = append(w.Classes, m.Classification)
	}
	for _, g := range r.Groups {
		w.Groups[g.Group] = g.Score.StringFixed(2)
	}
	return w
}

// TestKayentaVectors works WeightedSumScorer and ThresholdScoreClassifier by hand.
func TestKayentaVectors(t *testing.T) {
	w := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	metrics := func(ms ...CanaryMetric) []CanaryMetric { return ms }
	for _, c := range []struct {
		name string
		cfg  CanaryConfig
		data []CanaryData
		want canaryWant
	}{
		{
			// A (weight 60): pass, high, pass = 2/3 → 66.67. B and C share (100-60)/2 = 20:
			// B pass + nodata → 1/1 = 100; C only nodata → score 0 but counts as 100.
			// Summary = 66.666…×0.6 + 100×0.2 + 100×0.2 = 80.00; nodata 2/6 < 50%;
			// thresholds 95/75 → marginal.
			name: "weighted groups",
			cfg: CanaryConfig{GroupWeights: map[string]decimal.Decimal{"A": w("60")}, Metrics: metrics(
				CanaryMetric{Name: "a1", Groups: []string{"A"}}, CanaryMetric{Name: "a2", Groups: []string{"A"}},
				CanaryMetric{Name: "a3", Groups: []string{"A"}}, CanaryMetric{Name: "b1", Groups: []string{"B"}},
				CanaryMetric{Name: "b2", Groups: []string{"B"}}, CanaryMetric{Name: "c1", Groups: []string{"C"}})},
			data: []CanaryData{passData("a1"), highData("a2"), passData("a3"), passData("b1"), emptyData("b2")},
			want: canaryWant{Score: "80.00", Verdict: CanaryVerdictMarginal, Rule: CanaryRuleWeightedScore,
				Classes: []CanaryClass{CanaryPass, CanaryHigh, CanaryPass, CanaryPass, CanaryNodata, CanaryNodata},
				Groups:  map[string]string{"A": "66.67", "B": "100.00", "C": "0.00"}},
		},
		{
			// A critical metric classified high fails the canary whatever the rest.
			name: "critical metric",
			cfg: CanaryConfig{Metrics: metrics(CanaryMetric{Name: "lat", Groups: []string{"perf"}, Critical: true, Direction: DirectionIncrease},
				CanaryMetric{Name: "ok", Groups: []string{"perf"}})},
			data: []CanaryData{highData("lat"), passData("ok")},
			want: canaryWant{Score: "0.00", Verdict: CanaryVerdictFail, Rule: CanaryRuleCriticalFailure,
				Reason: "Canary Failed: the metric lat was classified as high (critical)", Critical: "lat",
				Classes: []CanaryClass{CanaryHigh, CanaryPass}, Groups: map[string]string{"perf": "50.00"}},
		},
		{
			// A critical metric without data fails the canary too.
			name: "critical nodata",
			cfg:  CanaryConfig{Metrics: metrics(CanaryMetric{Name: "x", Groups: []string{"g"}, Critical: true}, CanaryMetric{Name: "y", Groups: []string{"g"}})},
			data: []CanaryData{passData("y")},
			want: canaryWant{Score: "0.00", Verdict: CanaryVerdictFail, Rule: CanaryRuleCriticalFailure,
				Reason: "Canary Failed: missing data for x", Critical: "x",
				Classes: []CanaryClass{CanaryNodata, CanaryPass}, Groups: map[string]string{"g": "100.00"}},
		},
		{
			// Half the metrics nodata: "50% or more" fails with score 0.
			name: "too much nodata",
			cfg:  CanaryConfig{Metrics: metrics(CanaryMetric{Name: "x", Groups: []string{"g"}}, CanaryMetric{Name: "y", Groups: []string{"g"}})},
			data: []CanaryData{passData("y")},
			want: canaryWant{Score: "0.00", Verdict: CanaryVerdictFail, Rule: CanaryRuleTooMuchNodata,
				Reason: "Canary Failed: 50% or more metrics returned NODATA", Classes: []CanaryClass{CanaryNodata, CanaryPass},
				Groups: map[string]string{"g": "100.00"}},
		},
		{
			// mustHaveData: no data counts against the group (1 pass / 2 = 50), and the
			// 50% nodata rule does not see it.
			name: "must have data",
			cfg: CanaryConfig{Metrics: metrics(CanaryMetric{Name: "x", Groups: []string{"g"}, MustHaveData: true},
				CanaryMetric{Name: "y", Groups: []string{"g"}})},
			data: []CanaryData{emptyData("x"), passData("y")},
			want: canaryWant{Score: "50.00", Verdict: CanaryVerdictFail, Rule: CanaryRuleWeightedScore,
				Classes: []CanaryClass{CanaryNodataFailMetric, CanaryPass}, Groups: map[string]string{"g": "50.00"}},
		},
		{
			// Directions: a decrease of a metric where only increases hurt passes; the
			// same decrease under "either" is low. A muted high metric is ignored. Custom
			// thresholds: 2 of 3 = 66.67 passes a 60 pass threshold.
			name: "directions, muted, thresholds",
			cfg: CanaryConfig{PassThreshold: new(w("60")), MarginalThreshold: new(w("10")), Metrics: metrics(
				CanaryMetric{Name: "inc", Groups: []string{"g"}, Direction: DirectionIncrease},
				CanaryMetric{Name: "either", Groups: []string{"g"}},
				CanaryMetric{Name: "dec", Groups: []string{"g"}, Direction: DirectionDecrease},
				CanaryMetric{Name: "muted", Groups: []string{"g"}, Muted: true})},
			data: []CanaryData{lowData("inc"), lowData("either"), highData("dec"), highData("muted")},
			want: canaryWant{Score: "66.67", Verdict: CanaryVerdictPass, Rule: CanaryRuleWeightedScore,
				Classes: []CanaryClass{CanaryPass, CanaryLow, CanaryPass, CanaryHigh}, Groups: map[string]string{"g": "66.67"}},
		},
		{
			// A critical metric whose ratio (20.5/5.5 ≈ 3.73 with +15) is below its
			// critical increase of 5 is an ordinary high; allowed increase 4 makes a +10
			// shift (ratio 15.5/5.5 ≈ 2.82) pass.
			name: "effect sizes",
			cfg: CanaryConfig{Metrics: metrics(
				CanaryMetric{Name: "crit", Groups: []string{"g"}, Critical: true, CriticalIncrease: new(w("5"))},
				CanaryMetric{Name: "allowed", Groups: []string{"g"}, AllowedIncrease: new(w("4"))})},
			data: []CanaryData{{Metric: "crit", Control: base, Experiment: shifted(15)}, highData("allowed")},
			want: canaryWant{Score: "50.00", Verdict: CanaryVerdictFail, Rule: CanaryRuleWeightedScore,
				Classes: []CanaryClass{CanaryHigh, CanaryPass}, Groups: map[string]string{"g": "50.00"}},
		},
		{
			// NaN handling: removed by default (all-NaN control → nodata); replaced by 0
			// under replace (an originally empty series then passes).
			name: "nan strategies",
			cfg: CanaryConfig{Metrics: metrics(
				CanaryMetric{Name: "rm", Groups: []string{"g"}},
				CanaryMetric{Name: "rep", Groups: []string{"g"}, NaNStrategy: NaNReplace},
				CanaryMetric{Name: "rep-empty", Groups: []string{"g"}, NaNStrategy: NaNReplace},
				CanaryMetric{Name: "ok", Groups: []string{"g"}})},
			data: []CanaryData{{Metric: "rm", Control: []float64{math.NaN()}, Experiment: base},
				{Metric: "rep", Control: []float64{math.NaN(), 0}, Experiment: []float64{0, math.NaN()}}, passData("ok")},
			want: canaryWant{Score: "100.00", Verdict: CanaryVerdictPass, Rule: CanaryRuleWeightedScore,
				Classes: []CanaryClass{CanaryNodata, CanaryPass, CanaryPass, CanaryPass}, Groups: map[string]string{"g": "100.00"}},
		},
		{
			// Constant series that differ: Kayenta adds noise; the judge uses its limit,
			// estimate = interval = 5 - 3 = 2 > 0.25 × 2, so high.
			name: "constant series",
			cfg:  CanaryConfig{Metrics: metrics(CanaryMetric{Name: "c", Groups: []string{"g"}})},
			data: []CanaryData{{Metric: "c", Control: []float64{3, 3, 3}, Experiment: []float64{5, 5}}},
			want: canaryWant{Score: "0.00", Verdict: CanaryVerdictFail, Rule: CanaryRuleWeightedScore,
				Classes: []CanaryClass{CanaryHigh}, Groups: map[string]string{"g": "0.00"}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := JudgeCanary(c.cfg, c.data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, canarySummary(res)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// bruteHL solves the same rank equation by brute force: U counted over all pairs, the
// roots found among the pairwise differences and the midpoints between them.
func bruteHL(x, y []float64, zq float64) (est, lo, hi float64) {
	n, m := float64(len(x)), float64(len(y))
	all := append(slices.Clone(x), y...)
	f := func(mu, q float64) float64 {
		u := 0.0
		for _, a := range x {
			for _, b := range y {
				switch {
				case a-mu > b:
					u++
				case a-mu == b:
					u += 0.5
				}
			}
		}
		vals := make([]float64, 0, len(all))
		for _, a := range x {
			vals = append(vals, a-mu)
		}
		vals = append(vals, y...)
		slices.Sort(vals)
		ties := 0.0
		for i := 0; i < len(vals); {
			j := i
			for j < len(vals) && vals[j] == vals[i] {
				j++
			}
			t := float64(j - i)
			ties += t*t*t - t
			i = j
		}
		dz := u - n*m/2
		corr := 0.0
		if dz > 0 {
			corr = 0.5
		} else if dz < 0 {
			corr = -0.5
		}
		sigma := math.Sqrt(n * m / 12 * ((n + m + 1) - ties/((n+m)*(n+m-1))))
		return (dz-corr)/sigma - q
	}
	var diffs []float64
	for _, a := range x {
		for _, b := range y {
			diffs = append(diffs, a-b)
		}
	}
	slices.Sort(diffs)
	diffs = slices.Compact(diffs)
	// Candidate points: each difference and the midpoints between neighbours.
	var pts []float64
	for i, d := range diffs {
		pts = append(pts, d)
		if i+1 < len(diffs) {
			pts = append(pts, (d+diffs[i+1])/2)
		}
	}
	root := func(q float64, clamp bool) float64 {
		muMin, muMax := pts[0], pts[len(pts)-1]
		fl, fu := f(muMin, q), f(muMax, q)
		if clamp || !(fl > 0 && fu < 0) {
			if fl <= 0 {
				return muMin
			}
			if fu >= 0 {
				return muMax
			}
		}
		a, b := muMin, muMax
		for _, p := range pts {
			if f(p, q) > 0 {
				a = p
			}
		}
		for i := len(pts) - 1; i >= 0; i-- {
			if f(pts[i], q) < 0 {
				b = pts[i]
			}
		}
		// pts alternates differences (even index) and midpoints (odd). f is constant
		// between differences, so a last positive midpoint puts the sup at the next
		// difference, and a first negative midpoint puts the inf at the previous one.
		if ia := slices.Index(pts, a); ia%2 == 1 {
			a = pts[ia+1]
		}
		if ib := slices.Index(pts, b); ib%2 == 1 {
			b = pts[ib-1]
		}
		return a + (b-a)/2
	}
	return root(0, false), root(-zq, true), root(zq, true)
}

// TestHodgesLehmannAgainstBruteForce checks the bisection against a brute-force solution
// of the same equation on random small samples with ties.
func TestHodgesLehmannAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	zq := stats.NormalQuantile(0.01)
	for trial := range 300 {
		x := make([]float64, 2+rng.IntN(8))
		y := make([]float64, 2+rng.IntN(8))
		for i := range x {
			x[i] = float64(rng.IntN(12))
		}
		for i := range y {
			y[i] = float64(rng.IntN(12) - 3)
		}
		slices.Sort(x)
		slices.Sort(y)
		est, lo, hi, ok, err := hodgesLehmann(context.Background(), x, y, zq)
		if err != nil || !ok {
			continue
		}
		be, bl, bh := bruteHL(x, y, zq)
		for _, p := range [][2]float64{{est, be}, {lo, bl}, {hi, bh}} {
			if math.Abs(p[0]-p[1]) > 1e-6 {
				t.Fatalf("trial %d x=%v y=%v: got (%v, %v, %v), brute force (%v, %v, %v)", trial, x, y, est, lo, hi, be, bl, bh)
			}
		}
	}
	// The estimate is the median of the pairwise differences: 10 for a +10 shift.
	x, y := shifted(10), base
	est, lo, hi, ok, _ := hodgesLehmann(context.Background(), x, y, zq)
	if !ok || math.Abs(est-10) > 1e-9 || !(lo < 10 && hi > 10) {
		t.Errorf("shift 10: %v [%v, %v]", est, lo, hi)
	}
}

func TestKayentaInvalid(t *testing.T) {
	w := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	cfg := CanaryConfig{
		Metrics: []CanaryMetric{
			{Name: "a", Groups: []string{"g", "g"}, Direction: CanaryDirection(7), NaNStrategy: NaNStrategy(3)},
			{Name: "a"},
			{Name: "b", Groups: []string{"h"}, AllowedIncrease: new(w("0"))},
		},
		GroupWeights:      map[string]decimal.Decimal{"g": w("80"), "h": w("30"), "ghost": w("-1"), "huge": huge},
		PassThreshold:     new(w("50")),
		Tolerance:         w("2"),
		Confidence:        w("0.3"),
		MaxSamples:        -1,
		MarginalThreshold: new(w("101")),
	}
	_, err := JudgeCanary(cfg, nil)
	invalid(t, err,
		"metrics[0].groups unique", "metrics[1].groups required", "metrics[2].allowed_increase dgt", "marginal_threshold dlte",
		"tolerance dlte", "max_samples gte",
		"metrics[0].direction oneof", "metrics[0].nan_strategy oneof", "metrics[1].name unique",
		`group_weights["ghost"] dgte`, `group_weights["ghost"] exists`, `group_weights["huge"] dbound`,
		"marginal_threshold ltefield", "confidence range")
	cfg = CanaryConfig{Metrics: []CanaryMetric{{Name: "m", Groups: []string{"g"}}}, GroupWeights: map[string]decimal.Decimal{"g": w("100.5")}, MaxSamples: 3}
	_, err = JudgeCanary(cfg, []CanaryData{{Metric: "m"}})
	invalid(t, err, "group_weights dlte")
	cfg.GroupWeights = nil
	_, err = JudgeCanary(cfg, []CanaryData{{Metric: "x"}, {Metric: "m", Control: []float64{1, 2, 3, 4}, Experiment: []float64{math.Inf(1)}}, {Metric: "m"}})
	invalid(t, err, "data[0].metric exists", "data[1].control max", "data[1].experiment[0] range", "data[2].metric unique")
	invalid(t, (*CanaryConfig)(nil).Validate(), " required")
	// Found by FuzzCanaryJSON: points near ±MaxFloat64 made means and differences
	// infinite, and the result failed to marshal.
	_, err = JudgeCanary(cfg, []CanaryData{{Metric: "m", Control: []float64{1e308, -1e308, 0}, Experiment: []float64{1}}})
	invalid(t, err, "data[0].control[0] range")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := make([]float64, 2000)
	for i := range big {
		big[i] = float64(i % 97)
	}
	_, err = JudgeCanaryContext(ctx, CanaryConfig{Metrics: []CanaryMetric{{Name: "m", Groups: []string{"g"}}}},
		[]CanaryData{{Metric: "m", Control: big, Experiment: big[1:]}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// A Kayenta score is monotone in passing metrics: turning any metric's data into a pass
// never lowers the summary score.
func TestPropertyKayentaMonotone(t *testing.T) {
	kinds := []func(string) CanaryData{passData, highData, lowData, emptyData}
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("pass never lowers the score", prop.ForAll(func(ks []int, groups []int, crit []bool, flip int, weightA int) bool {
		n := min(len(ks), len(groups), len(crit))
		if n == 0 {
			return true
		}
		cfg := CanaryConfig{GroupWeights: map[string]decimal.Decimal{}}
		var data []CanaryData
		names := []string{"A", "B", "C"}
		used := map[string]bool{}
		for i := range n {
			name := string(rune('a' + i))
			g := names[groups[i]%3]
			used[g] = true
			cfg.Metrics = append(cfg.Metrics, CanaryMetric{Name: name, Groups: []string{g}, Critical: crit[i], MustHaveData: ks[i]%5 == 4})
			data = append(data, kinds[ks[i]%4](name))
		}
		if used["A"] {
			cfg.GroupWeights["A"] = decimal.NewFromInt(int64(weightA))
		}
		before, err := JudgeCanary(cfg, data)
		if err != nil {
			t.Log(err)
			return false
		}
		i := flip % n
		data[i] = passData(data[i].Metric)
		after, err := JudgeCanary(cfg, data)
		if err != nil {
			t.Log(err)
			return false
		}
		return after.Score.Cmp(before.Score) >= 0 && after.Verdict <= before.Verdict
	}, gen.SliceOfN(6, gen.IntRange(0, 9)), gen.SliceOfN(6, gen.IntRange(0, 2)), gen.SliceOfN(6, gen.Bool()),
		gen.IntRange(0, 100), gen.IntRange(0, 100)))
	props.TestingRun(t)
}
