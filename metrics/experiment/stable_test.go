package experiment

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
)

// reference is the part of internal/stats/testdata/reference.json (mpmath values, see its
// README) that the public API is checked against.
type reference struct {
	Welch []struct {
		Name      string    `json:"name"`
		Control   []float64 `json:"control"`
		Treatment []float64 `json:"treatment"`
		Diff      float64   `json:"diff"`
		T         float64   `json:"t"`
		DoF       float64   `json:"dof"`
		P         float64   `json:"p"`
	} `json:"welch"`
	Wilson         []intervalRow `json:"wilson"`
	NormalInterval []intervalRow `json:"normal_interval"`
	NormalCritical []struct {
		Confidence float64 `json:"confidence"`
		Want       float64 `json:"want"`
	} `json:"normal_critical"`
	SRM []struct {
		Arms int     `json:"arms"`
		High int64   `json:"high"`
		Low  int64   `json:"low"`
		Chi  float64 `json:"chi_square"`
		P    float64 `json:"p"`
	} `json:"srm"`
}

type intervalRow struct {
	K          int64   `json:"k"`
	N          int64   `json:"n"`
	Confidence float64 `json:"confidence"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
}

func loadReference(t *testing.T) reference {
	t.Helper()
	b, err := os.ReadFile("../../internal/stats/testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var r reference
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Welch) == 0 || len(r.Wilson) == 0 || len(r.SRM) == 0 || len(r.NormalCritical) == 0 {
		t.Fatal("reference tables missing")
	}
	return r
}

// relErr is |got − want|/|want|, or |got| when want is 0.
func relErr(got, want float64) float64 {
	if got == want {
		return 0
	}
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

// Issue 18, finding 1: Welch from raw values matches mpmath at every offset up to 1e12.
func TestWelchReference(t *testing.T) {
	ref := loadReference(t)
	for _, row := range ref.Welch {
		c, err := WelchTTest(MeanSampleOf(row.Control), MeanSampleOf(row.Treatment), 0)
		if err != nil {
			t.Fatalf("%s: %v", row.Name, err)
		}
		e := c.Absolute
		if !e.Defined {
			t.Errorf("%s: undefined (%s)", row.Name, e.Reason)
			continue
		}
		for _, q := range []struct {
			name      string
			got, want float64
			tol       float64
		}{
			{"diff", e.Estimate, row.Diff, 1e-12},
			{"t", e.Statistic, row.T, 1e-12},
			{"dof", e.DoF, row.DoF, 1e-12},
			{"p", e.PValue, row.P, 1e-11},
		} {
			if r := relErr(q.got, q.want); !(r <= q.tol) {
				t.Errorf("%s: %s = %.17g, want %.17g (rel %.2g)", row.Name, q.name, q.got, q.want, r)
			}
		}
	}
}

// The issue's example: scipy gives t = 0.612, p = 0.573 — from raw values, from (n, mean,
// variance), and from Add/Merge. The same data as GrowthBook sums has cancelled: an error,
// not "zero variance".
func TestWelchIssueExample(t *testing.T) {
	control := []float64{1e8, 1e8 + 0.5, 1e8 + 1}
	treatment := []float64{1e8 + 0.25, 1e8 + 0.75, 1e8 + 1.25}
	const wantT, wantP = 0.6123724356957945, 0.5733922538253555
	nc, _ := NewMeanSample(3, 1e8+0.5, 0.25)
	nt, _ := NewMeanSample(3, 1e8+0.75, 0.25)
	added := MeanSample{}.Add(treatment[0]).Merge(MeanSample{}.Add(treatment[1]).Add(treatment[2]))
	for name, pair := range map[string][2]MeanSample{
		"raw":       {MeanSampleOf(control), MeanSampleOf(treatment)},
		"summary":   {nc, nt},
		"add/merge": {MeanSampleOf(control), added},
	} {
		c, err := WelchTTest(pair[0], pair[1], 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if e := c.Absolute; !e.Defined || relErr(e.Statistic, wantT) > 1e-12 || relErr(e.PValue, wantP) > 1e-11 || e.Estimate != 0.25 {
			t.Errorf("%s: %+v, want t %.4g p %.4g", name, e, wantT, wantP)
		}
	}
	sums := func(xs []float64) MeanSample {
		var s MeanSample
		s.N = int64(len(xs))
		for _, x := range xs {
			s.Sum += x
			s.SumSquares += x * x
		}
		return s
	}
	_, err := WelchTTest(sums(control), sums(treatment), 0)
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("cancelled sums: err = %v, want a validation error", err)
	}
	if got := fieldtest.Rules(t, err); len(got) != 2 || got[0] != "control.sum_squares cancelled" {
		t.Errorf("rules = %v", got)
	}
	if _, err := sums(control).Estimate(); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("Estimate of cancelled sums: err = %v", err)
	}
}

// Issue 18, finding 1 conversely: constant arms are exactly zero variance from raw values,
// so [0.1]×5 vs [0.2]×5 is the documented undefined effect, not t = 7.6e7.
func TestZeroVarianceExact(t *testing.T) {
	a := MeanSampleOf([]float64{0.1, 0.1, 0.1, 0.1, 0.1})
	b := MeanSample{}
	for range 5 {
		b = b.Add(0.2)
	}
	for _, s := range []MeanSample{a, b, a.Merge(a)} {
		if e, err := s.Estimate(); err != nil || e.Variance != 0 {
			t.Errorf("constant sample: variance %g, err %v", e.Variance, err)
		}
	}
	c, err := WelchTTest(a, b, 0)
	if err != nil {
		t.Fatal(err)
	}
	if c.Absolute.Defined || c.Absolute.Reason != "an arm has zero variance" || c.Absolute.PValue != 1 {
		t.Errorf("constant arms: %+v", c.Absolute)
	}
	// The same data as sums is either exactly consistent (zero variance) or refused.
	s := MeanSample{N: 5, Sum: 0.5, SumSquares: 5 * 0.1 * 0.1}
	if e, err := s.Estimate(); err == nil && e.Variance != 0 {
		t.Errorf("sums of a constant arm: variance %g", e.Variance)
	}
	// Sums exactly consistent with equal values mean zero variance.
	if e, err := (MeanSample{N: 4, Sum: 8, SumSquares: 16}).Estimate(); err != nil || e.Variance != 0 || e.Mean != 2 {
		t.Errorf("exact constant sums: %+v, %v", e, err)
	}
}

// Issue 18, finding 2: SRM over up to 1e6 arms matches mpmath (p ≈ 0.4998 at 1e6 arms).
func TestSRMReference(t *testing.T) {
	ref := loadReference(t)
	for _, row := range ref.SRM {
		users := make([]int64, row.Arms)
		weights := make([]float64, row.Arms)
		for i := range users {
			users[i], weights[i] = row.High, 1
			if i%2 == 1 {
				users[i] = row.Low
			}
		}
		r, err := SampleRatioMismatch(users, weights, SRMOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if relErr(r.ChiSquare, row.Chi) > 1e-9 || relErr(r.PValue, row.P) > 1e-9 {
			t.Errorf("%d arms: chi %g p %.17g, want %g %.17g", row.Arms, r.ChiSquare, r.PValue, row.Chi, row.P)
		}
		if row.Arms == 1_000_000 && math.Abs(r.PValue-0.4998) > 1e-3 {
			t.Errorf("1e6 arms: p %g, want about 0.4998", r.PValue)
		}
	}
}

// Issue 18, finding 4: intervals at confidences up to 1 − 1e-15 match mpmath.
func TestIntervalReference(t *testing.T) {
	ref := loadReference(t)
	for _, tc := range []struct {
		method IntervalMethod
		rows   []intervalRow
	}{{IntervalWilson, ref.Wilson}, {IntervalNormal, ref.NormalInterval}} {
		for _, row := range tc.rows {
			r, err := NewProportionInterval(row.K, row.N, tc.method, row.Confidence)
			if err != nil {
				t.Fatal(err)
			}
			if math.IsNaN(r.Low) || math.IsNaN(r.High) {
				t.Fatalf("%v %d/%d at %v: NaN bounds", tc.method, row.K, row.N, row.Confidence)
			}
			// The normal interval's bounds are p ± h, each rounded once: the error is
			// relative to h plus an ulp of the bound.
			tolLo, tolHi := 1e-14*math.Abs(row.Low), 1e-14*math.Abs(row.High)
			if tc.method == IntervalNormal {
				h := (row.High - row.Low) / 2
				tolLo, tolHi = 1e-14*h+0x1p-52*row.Low, 1e-14*h+0x1p-52*row.High
			}
			if math.Abs(r.Low-row.Low) > tolLo || math.Abs(r.High-row.High) > tolHi {
				t.Errorf("%v %d/%d at %v: [%.17g, %.17g], want [%.17g, %.17g]", tc.method, row.K, row.N, row.Confidence, r.Low, r.High, row.Low, row.High)
			}
		}
	}
}

// Effects at extreme confidence use the two-sided critical value from the tail: at
// 1 − 1e-12 the half-width is NormalCritical to 1e-15, where 1 − (1 − c)/2 was off.
func TestEffectExtremeConfidence(t *testing.T) {
	ref := loadReference(t)
	for _, row := range ref.NormalCritical {
		c, err := Compare(ArmEstimate{N: 100, Mean: 1, UnadjustedMean: 1, Variance: 50}, ArmEstimate{N: 100, Mean: 2, UnadjustedMean: 2, Variance: 50},
			Options{Test: TestZ, Confidence: row.Confidence})
		if err != nil {
			t.Fatal(err)
		}
		crit := (c.Absolute.High - c.Absolute.Estimate) / c.Absolute.SE
		if relErr(crit, row.Want) > 1e-14 {
			t.Errorf("confidence %v: critical %.17g, want %.17g", row.Confidence, crit, row.Want)
		}
	}
	z, err := TwoProportionZTest(ProportionSample{Conversions: 10, Users: 100}, ProportionSample{Conversions: 20, Users: 100}, ZUnpooled, 1-1e-12)
	if err != nil || math.IsNaN(z.Low) || !(z.Low < z.Difference && z.Difference < z.High) {
		t.Errorf("z test at 1 − 1e-12: %+v, %v", z, err)
	}
}

// NaN from a distribution function is an error, never a number.
func TestMakeEffectNaN(t *testing.T) {
	if _, err := makeEffect(1, 1, -1, 0.95); !errors.Is(err, ErrNotEvaluated) {
		t.Errorf("negative dof: err = %v", err)
	}
	if e, err := makeEffect(1, 1, 10, 0.95); err != nil || !e.Defined {
		t.Errorf("ordinary effect: %+v, %v", e, err)
	}
}

// A tiny effect needs more units than an int64 holds: a validation error, not MinInt64.
func TestSampleSizeOverflow(t *testing.T) {
	for _, f := range []func(SampleSizeInput) (SampleSizeResult, error){SampleSizeProportions, SampleSizeMeans} {
		r, err := f(SampleSizeInput{Baseline: 0.5, MinimumEffect: 1e-12, StdDev: 1})
		if !errors.Is(err, productops.ErrInvalid) || r.Control != 0 {
			t.Errorf("tiny effect: %+v, %v", r, err)
		}
		if got := fieldtest.Paths(t, err); len(got) != 1 || got[0] != "minimum_effect" {
			t.Errorf("paths %v", got)
		}
	}
}

// CUPEDSampleOf and RatioSampleOf agree with the sums for ordinary data and reject
// mismatched lengths.
func TestPairedConstructors(t *testing.T) {
	post, pre := []float64{1, 5, 3, 8, 2, 9}, []float64{2, 4, 4, 6, 1, 6}
	c, err := CUPEDSampleOf(post, pre)
	if err != nil {
		t.Fatal(err)
	}
	plain := CUPEDSample{Post: MeanSample{N: c.Post.N, Sum: c.Post.Sum, SumSquares: c.Post.SumSquares},
		Pre: MeanSample{N: c.Pre.N, Sum: c.Pre.Sum, SumSquares: c.Pre.SumSquares}, SumProducts: c.SumProducts}
	t1, _ := CUPEDSampleOf([]float64{4, 6, 9, 3, 7, 8, 9}, []float64{3, 5, 6, 2, 4, 5, 4})
	r1, err1 := CUPED(c, t1)
	r2, err2 := CUPED(plain, t1)
	if err1 != nil || err2 != nil || relErr(r1.Theta, r2.Theta) > 1e-12 || relErr(r1.Control.Variance, r2.Control.Variance) > 1e-12 {
		t.Errorf("kept %+v vs sums %+v (%v, %v)", r1, r2, err1, err2)
	}
	rs, err := RatioSampleOf(post, pre)
	if err != nil {
		t.Fatal(err)
	}
	rp := RatioSample{N: rs.N, Numerator: MeanSample{N: rs.N, Sum: rs.Numerator.Sum, SumSquares: rs.Numerator.SumSquares},
		Denominator: MeanSample{N: rs.N, Sum: rs.Denominator.Sum, SumSquares: rs.Denominator.SumSquares}, SumProducts: rs.SumProducts}
	e1, _ := rs.Estimate()
	e2, _ := rp.Estimate()
	if relErr(e1.Mean, e2.Mean) > 1e-14 || relErr(e1.Variance, e2.Variance) > 1e-12 {
		t.Errorf("ratio kept %+v vs sums %+v", e1, e2)
	}
	if _, err := CUPEDSampleOf([]float64{1}, nil); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("CUPED length mismatch: %v", err)
	}
	if _, err := RatioSampleOf([]float64{1}, nil); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("ratio length mismatch: %v", err)
	}
	if _, err := NewMeanSample(-1, math.NaN(), -1); len(fieldtest.Paths(t, err)) != 3 {
		t.Errorf("NewMeanSample bad input: %v", err)
	}
	if s, err := NewMeanSample(0, 5, 1); err != nil || s.N != 0 {
		t.Errorf("NewMeanSample(0): %+v, %v", s, err)
	}
}

// Shifting every value by a constant (on the grid k/4096, where the shifted values are
// exact) changes no Welch or CUPED result beyond 1e-9 relative.
func TestShiftInvariance(t *testing.T) {
	grid := func(n int) gopter.Gen {
		return gen.SliceOfN(n, gen.Int64Range(-40960, 40960)).Map(func(ks []int64) []float64 {
			xs := make([]float64, len(ks))
			for i, k := range ks {
				xs[i] = float64(k) / 4096
			}
			return xs
		})
	}
	shifted := func(xs []float64, d float64) []float64 {
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = x + d
		}
		return out
	}
	same := func(a, b Effect) bool {
		if a.Defined != b.Defined {
			return false
		}
		for _, p := range [][2]float64{{a.Estimate, b.Estimate}, {a.SE, b.SE}, {a.Statistic, b.Statistic}, {a.DoF, b.DoF}, {a.PValue, b.PValue}, {a.Low, b.Low}, {a.High, b.High}} {
			if math.Abs(p[0]-p[1]) > 1e-9*max(math.Abs(p[0]), math.Abs(p[1]), 1e-300) && relErr(p[1], p[0]) > 1e-9 {
				return false
			}
		}
		return true
	}
	shifts := gen.OneConstOf(1.0, -3.0, 1e3, 1e6, -1e8, 1e9, 1e12)
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("welch is shift-invariant", prop.ForAll(
		func(a, b []float64, d float64) bool {
			c0, err0 := WelchTTest(MeanSampleOf(a), MeanSampleOf(b), 0)
			c1, err1 := WelchTTest(MeanSampleOf(shifted(a, d)), MeanSampleOf(shifted(b, d)), 0)
			return err0 == nil && err1 == nil && same(c0.Absolute, c1.Absolute)
		}, grid(5), grid(7), shifts))
	props.Property("CUPED is shift-invariant", prop.ForAll(
		func(a, ap, b, bp []float64, d float64) bool {
			ca, _ := CUPEDSampleOf(a, ap)
			cb, _ := CUPEDSampleOf(b, bp)
			sa, _ := CUPEDSampleOf(shifted(a, d), shifted(ap, -d/2))
			sb, _ := CUPEDSampleOf(shifted(b, d), shifted(bp, -d/2))
			c0, _, err0 := CompareCUPED(ca, cb, Options{Lift: LiftAbsolute})
			c1, _, err1 := CompareCUPED(sa, sb, Options{Lift: LiftAbsolute})
			return err0 == nil && err1 == nil && same(c0.Absolute, c1.Absolute)
		}, grid(6), grid(6), grid(8), grid(8), shifts))
	props.TestingRun(t)
}
