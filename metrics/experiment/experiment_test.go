package experiment

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
)

// round5 rounds to 5 decimals, the precision GrowthBook's tests assert.
func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }

type effect5 struct {
	Estimate, SE, Low, High, PValue float64
}

func toEffect5(e Effect) effect5 {
	return effect5{round5(e.Estimate), round5(e.SE), round5(e.Low), round5(e.High), round5(e.PValue)}
}

// GrowthBook's asserted numbers (packages/stats/tests/frequentist/test_tests.py,
// TestTwoSidedTTest; metrics.md §5.1): stat_a sum 1396.87, sum of squares 52377.9767,
// n 3407; stat_b 2422.7, 134698.29, 3461.
func TestCompareGrowthBookVectors(t *testing.T) {
	a, err := MeanSample{N: 3407, Sum: 1396.87, SumSquares: 52377.9767}.Estimate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := MeanSample{N: 3461, Sum: 2422.7, SumSquares: 134698.29}.Estimate()
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare(a, b, GrowthBook)
	if err != nil {
		t.Fatal(err)
	}
	// test_two_sided_ttest (relative): expected 0.70732, ci (-0.03526, 1.44989),
	// uplift stddev 0.37879, p 0.06191.
	if diff := cmp.Diff(effect5{0.70732, 0.37879, -0.03526, 1.44989, 0.06191}, toEffect5(c.Relative)); diff != "" {
		t.Errorf("relative (-want +got):\n%s", diff)
	}
	// test_two_sided_ttest_absolute: 0.29, ci (0.04538, 0.53462), stddev 0.12478, p 0.02016.
	if diff := cmp.Diff(effect5{0.29, 0.12478, 0.04538, 0.53462, 0.02016}, toEffect5(c.Absolute)); diff != "" {
		t.Errorf("absolute (-want +got):\n%s", diff)
	}
	if c.Primary() != c.Relative || c.Test != TestWelchT || c.Confidence != 0.95 {
		t.Errorf("primary/test/confidence = %v %v", c.Test, c.Confidence)
	}

	// test_two_sided_ttest_binom: 14/28 vs 16/30, relative: 0.06667, ci (-0.47767,
	// 0.61101), stddev 0.2717, p 0.80707. Proportions also go through Welch t.
	pa, _ := ProportionSample{Conversions: 14, Users: 28}.Estimate()
	pb, _ := ProportionSample{Conversions: 16, Users: 30}.Estimate()
	cb, err := Compare(pa, pb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(effect5{0.06667, 0.2717, -0.47767, 0.61101, 0.80707}, toEffect5(cb.Relative)); diff != "" {
		t.Errorf("binomial relative (-want +got):\n%s", diff)
	}

	// test_two_sided_ttest_missing_variance: n = 2 with these sums gives a negative
	// variance, so GrowthBook returns its default output.
	bad, _ := MeanSample{N: 2, Sum: 1396.87, SumSquares: 52377.9767}.Estimate()
	cm, err := Compare(bad, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cm.Relative.Defined || cm.Relative.PValue != 1 || cm.Relative.Reason == "" {
		t.Errorf("missing variance: got %+v, want undefined with p 1", cm.Relative)
	}
}

// Welch t-test with the one-sided GrowthBook setup (n_A = 3000) checks the absolute
// estimate and its standard error (test_one_sided_ttest_absolute: 0.23437666666666668,
// stddev 0.12983081254184736).
func TestWelchTTestGrowthBook(t *testing.T) {
	c, err := WelchTTest(MeanSample{N: 3000, Sum: 1396.87, SumSquares: 52377.9767}, MeanSample{N: 3461, Sum: 2422.7, SumSquares: 134698.29}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.Absolute.Estimate-0.23437666666666668) > 1e-12 || math.Abs(c.Absolute.SE-0.12983081254184736) > 1e-12 {
		t.Errorf("absolute = %v ± %v", c.Absolute.Estimate, c.Absolute.SE)
	}
	// Relative: 0.5033610858562358 ± 0.3334122146400735.
	if math.Abs(c.Relative.Estimate-0.5033610858562358) > 1e-12 || math.Abs(c.Relative.SE-0.3334122146400735) > 1e-12 {
		t.Errorf("relative = %v ± %v", c.Relative.Estimate, c.Relative.SE)
	}
	if c.Primary() != c.Absolute {
		t.Error("WelchTTest should lead with the absolute difference")
	}
	if _, err := WelchTTest(MeanSample{N: -1}, MeanSample{Sum: math.NaN()}, 2); len(fieldtest.Paths(t, err)) != 3 {
		t.Errorf("want 3 field errors, got %v", err)
	}
}

// Statsig: unpooled z unless the Welch degrees of freedom are below 100.
func TestCompareStatsig(t *testing.T) {
	a, _ := ProportionSample{Conversions: 200, Users: 1000}.Estimate()
	b, _ := ProportionSample{Conversions: 250, Users: 1000}.Estimate()
	c, err := Compare(a, b, Statsig)
	if err != nil {
		t.Fatal(err)
	}
	// Hand-worked (metrics.md §5.4): SE = sqrt(.2·.8/1000 + .25·.75/1000) = 0.018641351882,
	// z = 2.68220890393, p = 0.00731377722.
	if c.Test != TestZ || c.Absolute.DoF != 0 {
		t.Errorf("test = %v dof %v, want z", c.Test, c.Absolute.DoF)
	}
	if math.Abs(c.Absolute.SE-0.01864135188230725) > 1e-15 || math.Abs(c.Absolute.Statistic-2.6822089039291006) > 1e-12 || math.Abs(c.Absolute.PValue-0.00731377722171066) > 1e-12 {
		t.Errorf("absolute = %+v", c.Absolute)
	}
	small, _ := ProportionSample{Conversions: 10, Users: 40}.Estimate()
	small2, _ := ProportionSample{Conversions: 15, Users: 40}.Estimate()
	cs, _ := Compare(small, small2, Statsig)
	if cs.Test != TestWelchT || !(cs.Absolute.DoF > 0 && cs.Absolute.DoF < 100) {
		t.Errorf("small sample: test %v dof %v, want Welch below 100", cs.Test, cs.Absolute.DoF)
	}
}

func TestCompareUndefined(t *testing.T) {
	one := ArmEstimate{N: 1, Mean: 1, UnadjustedMean: 1, Variance: 1}
	two := ArmEstimate{N: 10, Mean: 0, UnadjustedMean: 0, Variance: 1}
	c, err := Compare(one, two, Options{})
	if err != nil || c.Absolute.Defined || c.Relative.Defined || c.Absolute.PValue != 1 {
		t.Errorf("n=1: %+v %v", c, err)
	}
	c, err = Compare(two, ArmEstimate{N: 10, Mean: 1, UnadjustedMean: 1, Variance: 1}, Options{Lift: LiftAbsolute})
	if err != nil || !c.Absolute.Defined || c.Relative.Defined || c.Relative.Reason != "control mean is 0" {
		t.Errorf("zero control: %+v %v", c, err)
	}
	_, err = Compare(ArmEstimate{N: -1, Mean: math.NaN(), UnadjustedMean: math.Inf(1), Variance: -1}, two, Options{Test: 7, Lift: 9, Confidence: 1.5, WelchBelowDoF: -1})
	if len(fieldtest.Paths(t, err)) != 8 {
		t.Errorf("want 8 field errors, got %v", err)
	}
	if err := (ArmEstimate{N: -1}).Validate(); err == nil {
		t.Error("ArmEstimate.Validate accepted N -1")
	}
	if err := (Options{Confidence: -0.1}).Validate(); err == nil {
		t.Error("Options.Validate accepted confidence -0.1")
	}
	if err := GrowthBook.Validate(); err != nil {
		t.Error(err)
	}
}

// Ratio metric, delta method, against a hand computation on raw per-user data
// m = [1 4 0 3 6], d = [2 3 1 2 4]: ratio 14/12, per-unit variance 0.24353780864197..
// (equal to the variance of the linearised values (m − R·d)/μd).
func TestRatioEstimate(t *testing.T) {
	r := RatioSample{N: 5, Numerator: MeanSample{N: 5, Sum: 14, SumSquares: 62}, Denominator: MeanSample{N: 5, Sum: 12, SumSquares: 34}, SumProducts: 44}
	got, err := r.Estimate()
	if err != nil {
		t.Fatal(err)
	}
	want := ArmEstimate{N: 5, Mean: 14.0 / 12, UnadjustedMean: 14.0 / 12, Variance: 0.2435378086419755}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	zero, err := RatioSample{N: 2, Numerator: MeanSample{N: 2, Sum: 3, SumSquares: 5}, Denominator: MeanSample{N: 2}}.Estimate()
	if err != nil || zero.Mean != 0 || zero.Variance != 0 {
		t.Errorf("zero denominator: %+v %v", zero, err)
	}
	if _, err := (RatioSample{N: 3, Numerator: MeanSample{N: 2}, Denominator: MeanSample{N: 3}, SumProducts: math.NaN()}).Estimate(); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("mismatched n: err = %v", err)
	}
}

// CUPED against a hand computation on raw data (control post [3 5 2 8 6 4], pre
// [2 4 1 7 5 4]; treatment post [5 7 4 9 6 8 7], pre [2 5 1 6 4 6 5]): pooled θ =
// 0.95652173913, adjusted means 1.0 and 2.60869565217, variances equal to the sample
// variances of post − θ·pre.
func TestCUPED(t *testing.T) {
	ctl := CUPEDSample{Post: MeanSample{N: 6, Sum: 28, SumSquares: 154}, Pre: MeanSample{N: 6, Sum: 23, SumSquares: 111}, SumProducts: 130}
	trt := CUPEDSample{Post: MeanSample{N: 7, Sum: 46, SumSquares: 320}, Pre: MeanSample{N: 7, Sum: 29, SumSquares: 143}, SumProducts: 210}
	got, err := CUPED(ctl, trt)
	if err != nil {
		t.Fatal(err)
	}
	want := CUPEDResult{
		Theta:     0.9565217391304346,
		Control:   ArmEstimate{N: 6, Mean: 1, UnadjustedMean: 28.0 / 6, Variance: 0.17240075614366823},
		Treatment: ArmEstimate{N: 7, Mean: 2.608695652173913, UnadjustedMean: 46.0 / 7, Variance: 0.2432262129804652},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12), cmpopts.IgnoreFields(CUPEDResult{}, "VarianceReduction", "VarianceReductionDefined")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !got.VarianceReductionDefined || !(got.VarianceReduction > 0.9 && got.VarianceReduction < 1) {
		t.Errorf("variance reduction %v", got.VarianceReduction)
	}
	// No pre-period variance: θ = 0, nothing adjusted.
	flat := CUPEDSample{Post: ctl.Post, Pre: MeanSample{N: 6, Sum: 6, SumSquares: 6}, SumProducts: 28}
	got, err = CUPED(flat, CUPEDSample{Post: trt.Post, Pre: MeanSample{N: 7, Sum: 7, SumSquares: 7}, SumProducts: 46})
	if err != nil || got.Theta != 0 || got.Control.Mean != 28.0/6 {
		t.Errorf("flat pre: %+v %v", got, err)
	}
	if _, err := CUPED(CUPEDSample{Post: MeanSample{N: 3}, Pre: MeanSample{N: 2}}, trt); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("mismatched n: %v", err)
	}
	if err := ctl.Validate(); err != nil {
		t.Error(err)
	}
}

func TestTwoProportionZTest(t *testing.T) {
	ctl := ProportionSample{Conversions: 200, Users: 1000}
	trt := ProportionSample{Conversions: 250, Users: 1000}
	tests := []struct {
		name     string
		variance ZVariance
		se, z, p float64
	}{
		// Hand-worked (metrics.md §5.4): pooled p̂ = 0.225, SE = sqrt(.225·.775·(2/1000)).
		{"pooled", ZPooled, 0.0186748493969831, 2.6773977630083294, 0.007419649261025679},
		{"unpooled", ZUnpooled, 0.01864135188230725, 2.6822089039291006, 0.00731377722171066},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := TwoProportionZTest(ctl, trt, tc.variance, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := []float64{r.SE, r.Z, r.PValue, r.Low, r.High}
			want := []float64{tc.se, tc.z, tc.p, 0.013463621687539853, 0.08653637831246015}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	r, err := TwoProportionZTest(ProportionSample{Users: 10}, ProportionSample{Users: 10}, ZPooled, 0)
	if err != nil || r.Defined || r.PValue != 1 {
		t.Errorf("both zero: %+v %v", r, err)
	}
	r, err = TwoProportionZTest(ProportionSample{}, trt, ZPooled, 0)
	if err != nil || r.Defined || r.Control.Defined {
		t.Errorf("empty arm: %+v %v", r, err)
	}
	_, err = TwoProportionZTest(ProportionSample{Conversions: 5, Users: 3}, ProportionSample{Conversions: -1, Users: -1}, 4, 7)
	if len(fieldtest.Paths(t, err)) != 5 {
		t.Errorf("want 5 field errors, got %v", err)
	}
}

// Swapping the arms flips Z and the difference and keeps the p-value; every interval
// contains its point estimate.
func TestZTestProperties(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("swap symmetry and interval", prop.ForAll(
		func(n1, n2 int64, f1, f2 float64, pooled bool) bool {
			a := ProportionSample{Conversions: int64(f1 * float64(n1)), Users: n1}
			b := ProportionSample{Conversions: int64(f2 * float64(n2)), Users: n2}
			v := ZUnpooled
			if pooled {
				v = ZPooled
			}
			ab, err1 := TwoProportionZTest(a, b, v, 0)
			ba, err2 := TwoProportionZTest(b, a, v, 0)
			if err1 != nil || err2 != nil {
				return false
			}
			return ab.Z == -ba.Z && ab.Difference == -ba.Difference && ab.PValue == ba.PValue &&
				ab.Low <= ab.Difference && ab.Difference <= ab.High && ab.PValue >= 0 && ab.PValue <= 1
		},
		gen.Int64Range(1, 100000), gen.Int64Range(1, 100000), gen.Float64Range(0, 1), gen.Float64Range(0, 1), gen.Bool(),
	))
	props.Property("proportion intervals contain the estimate", prop.ForAll(
		func(n int64, f float64, normal bool, conf float64) bool {
			m := IntervalWilson
			if normal {
				m = IntervalNormal
			}
			r, err := NewProportionInterval(int64(f*float64(n)), n, m, conf)
			return err == nil && r.Defined && 0 <= r.Low && r.Low <= r.Estimate && r.Estimate <= r.High && r.High <= 1
		},
		gen.Int64Range(1, 1000000), gen.Float64Range(0, 1), gen.Bool(), gen.Float64Range(0.5, 0.999),
	))
	props.Property("effect intervals contain the estimate", prop.ForAll(
		func(n1, n2 int64, m1, m2, v1, v2 float64, z bool) bool {
			opt := GrowthBook
			if z {
				opt = Statsig
			}
			c, err := Compare(ArmEstimate{N: n1, Mean: m1, UnadjustedMean: m1, Variance: v1}, ArmEstimate{N: n2, Mean: m2, UnadjustedMean: m2, Variance: v2}, opt)
			if err != nil {
				return false
			}
			for _, e := range []Effect{c.Absolute, c.Relative} {
				if e.Defined && !(e.Low <= e.Estimate && e.Estimate <= e.High && e.PValue >= 0 && e.PValue <= 1) {
					return false
				}
			}
			return true
		},
		gen.Int64Range(2, 100000), gen.Int64Range(2, 100000), gen.Float64Range(-100, 100), gen.Float64Range(-100, 100), gen.Float64Range(0.001, 1000), gen.Float64Range(0.001, 1000), gen.Bool(),
	))
	props.TestingRun(t)
}

func TestProportionInterval(t *testing.T) {
	tests := []struct {
		name          string
		k, n          int64
		method        IntervalMethod
		low, est, hig float64
	}{
		// Hand-worked (metrics.md §5.5) with z = 1.959963984540054.
		{"wilson 9/20", 9, 20, IntervalWilson, 0.2581978582556243, 0.45, 0.6579146575496577},
		{"normal 9/20", 9, 20, IntervalNormal, 0.23196777094638096, 0.45, 0.668032229053619},
		{"wilson 0/10 starts at 0", 0, 10, IntervalWilson, 0, 0, 0.27753279986288},
		{"normal 0/10 collapses", 0, 10, IntervalNormal, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewProportionInterval(tc.k, tc.n, tc.method, 0)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]float64{tc.low, tc.est, tc.hig}, []float64{r.Low, r.Estimate, r.High}, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	r, err := NewProportionInterval(0, 0, IntervalWilson, 0)
	if err != nil || r.Defined {
		t.Errorf("0/0: %+v %v", r, err)
	}
	if _, err := NewProportionInterval(3, 2, 5, 1); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad: %v", err)
	}
}

func TestSampleSize(t *testing.T) {
	// 10% → 12% (relative +20%), α 0.05, power 0.8: 3,840.85 → 3,841 per arm (pooled
	// normal approximation, no continuity correction).
	got, err := SampleSizeProportions(SampleSizeInput{Baseline: 0.10, MinimumEffect: 0.20})
	if err != nil {
		t.Fatal(err)
	}
	want := SampleSizeResult{Control: 3841, Treatment: 3841, Total: 7682, Treated: 0.12, Alpha: 0.05, Power: 0.8, Allocation: 1}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	abs, _ := SampleSizeProportions(SampleSizeInput{Baseline: 0.10, MinimumEffect: 0.01, Lift: LiftAbsolute})
	if abs.Control != 14751 {
		t.Errorf("10%%→11%%: %d, want 14751", abs.Control)
	}
	// Means: δ = σ/4 → 2·(1.95996 + 0.84162)²·16 = 251.16 → 252.
	m, err := SampleSizeMeans(SampleSizeInput{Baseline: 10, MinimumEffect: 0.25, Lift: LiftAbsolute, StdDev: 1})
	if err != nil || m.Control != 252 {
		t.Errorf("means: %+v %v", m, err)
	}
	// Power at the planned size is at least the target, one unit fewer falls short.
	pw, err := PowerProportions(0.10, 0.12, 3841, 3841, 0)
	if err != nil || pw < 0.8 || pw > 0.8001 {
		t.Errorf("power = %v %v", pw, err)
	}
	pw2, _ := PowerProportions(0.10, 0.12, 3840, 3840, 0)
	if pw2 >= 0.8 {
		t.Errorf("power at 3840 = %v", pw2)
	}
	// Unequal allocation: more treatment units, fewer control units than 1:1.
	k2, _ := SampleSizeProportions(SampleSizeInput{Baseline: 0.10, MinimumEffect: 0.20, Allocation: 2})
	if !(k2.Control < 3841 && k2.Treatment == 2*k2.Control) {
		t.Errorf("allocation 2: %+v", k2)
	}
	for _, in := range []SampleSizeInput{
		{Baseline: 1.2, MinimumEffect: -1, Lift: 5, Alpha: 2, Power: -1, Allocation: math.NaN()},
		{Baseline: 0.9, MinimumEffect: 0.5},
	} {
		if _, err := SampleSizeProportions(in); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%+v: err = %v", in, err)
		}
	}
	if _, err := SampleSizeMeans(SampleSizeInput{Baseline: 0, MinimumEffect: 0.1}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("means without stddev: %v", err)
	}
	if _, err := PowerProportions(0, 1, 0, 0, 3); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("power bad input: %v", err)
	}
}

// GrowthBook's asserted SRM p-values: back end (packages/back-end/test/stats.test.ts) and,
// for the zero-weight arm, gbstats check_srm (the old back-end test asserted the same
// 0.5434834098395639 before the back end switched to skipping).
func TestSampleRatioMismatch(t *testing.T) {
	tests := []struct {
		name    string
		users   []int64
		weights []float64
		variant SRMVariant
		want    float64
		defined bool
	}{
		{"2-way", []int64{1000, 1200}, []float64{0.5, 0.5}, SRMSkipZeroWeight, 0.000020079, true},
		{"2-way b", []int64{135, 115}, []float64{0.5, 0.5}, SRMSkipZeroWeight, 0.205903211, true},
		{"uneven", []int64{310, 98}, []float64{0.75, 0.25}, SRMSkipZeroWeight, 0.647434186, true},
		{"not enough weights", []int64{1000, 900, 800}, []float64{1, 0, 0}, SRMSkipZeroWeight, 1, false},
		{"skip empty weight", []int64{1000, 1200, 900}, []float64{0.5, 0.5, 0}, SRMSkipZeroWeight, 0.000020079, true},
		{"all zero users", []int64{0, 0, 0}, []float64{0.34, 0.33, 0.33}, SRMSkipZeroWeight, 1, false},
		{"empty arm counts", []int64{0, 10, 10}, []float64{0.34, 0.33, 0.33}, SRMSkipZeroWeight, 0.005790624, true},
		{"3 arms", []int64{500, 500, 600}, []float64{0.34, 0.33, 0.33}, SRMSkipZeroWeight, 0.000592638, true},
		{"equal", []int64{500, 500}, []float64{0.5, 0.5}, SRMSkipZeroWeight, 1, true},
		{"older 2-way", []int64{1025, 950}, []float64{0.5, 0.5}, SRMSkipZeroWeight, 0.091481921, true},
		{"python keeps zero-weight users", []int64{1000, 1000, 50}, []float64{0.5, 0.5, 0}, SRMKeepZeroWeightUsers, 0.543483410, true},
		{"back end skips them", []int64{1000, 1000, 50}, []float64{0.5, 0.5, 0}, SRMSkipZeroWeight, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := SampleRatioMismatch(tc.users, tc.weights, SRMOptions{Variant: tc.variant})
			if err != nil {
				t.Fatal(err)
			}
			if got := math.Round(r.PValue*1e9) / 1e9; got != tc.want || r.Defined != tc.defined {
				t.Errorf("p = %.9f defined %v, want %.9f %v", r.PValue, r.Defined, tc.want, tc.defined)
			}
			if r.Mismatch != (r.PValue < 0.001) {
				t.Errorf("mismatch flag %v at p %v", r.Mismatch, r.PValue)
			}
		})
	}
	if _, err := SampleRatioMismatch([]int64{-1, 2}, []float64{0.5}, SRMOptions{Variant: 3, Threshold: 2}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad input: %v", err)
	}
}

// GrowthBook's relative-CUPED variance, worked by hand on the TestCUPED data: relative lift
// (2.6086957 − 1.0)/(28/6) = 0.34472049689440976, SE 0.104542622116508, Welch dof
// 10.999838503216194.
func TestCompareCUPED(t *testing.T) {
	ctl := CUPEDSample{Post: MeanSample{N: 6, Sum: 28, SumSquares: 154}, Pre: MeanSample{N: 6, Sum: 23, SumSquares: 111}, SumProducts: 130}
	trt := CUPEDSample{Post: MeanSample{N: 7, Sum: 46, SumSquares: 320}, Pre: MeanSample{N: 7, Sum: 29, SumSquares: 143}, SumProducts: 210}
	c, r, err := CompareCUPED(ctl, trt, GrowthBook)
	if err != nil {
		t.Fatal(err)
	}
	got := []float64{c.Relative.Estimate, c.Relative.SE, c.Relative.DoF, r.Theta}
	want := []float64{0.34472049689440976, 0.104542622116508, 10.999838503216194, 0.9565217391304346}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !(c.Relative.Low < c.Relative.Estimate && c.Relative.Estimate < c.Relative.High) || c.Absolute.Estimate != r.Treatment.Mean-r.Control.Mean {
		t.Errorf("comparison %+v", c)
	}
	cz, _, err := CompareCUPED(ctl, trt, Statsig)
	if err != nil || cz.Relative.SE != c.Relative.SE {
		t.Errorf("statsig: %+v %v", cz.Relative, err)
	}
	zero := CUPEDSample{Post: MeanSample{N: 6}, Pre: MeanSample{N: 6}}
	if cu, _, err := CompareCUPED(zero, trt, GrowthBook); err != nil || cu.Relative.Defined {
		t.Errorf("zero control: %+v %v", cu.Relative, err)
	}
	if _, _, err := CompareCUPED(CUPEDSample{Post: MeanSample{N: -1}}, trt, Options{Confidence: 3}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad input: %v", err)
	}
}
