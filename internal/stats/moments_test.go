package stats

import (
	"math"
	"testing"
)

func TestMomentsOfIssueExamples(t *testing.T) {
	// Issue 18: sums and sums of squares cancel here; the centred form is exact.
	c := MomentsOf([]float64{1e8, 1e8 + 0.5, 1e8 + 1})
	tr := MomentsOf([]float64{1e8 + 0.25, 1e8 + 0.75, 1e8 + 1.25})
	if c.Variance() != 0.25 || tr.Variance() != 0.25 {
		t.Errorf("variances %v, %v, want exactly 0.25", c.Variance(), tr.Variance())
	}
	if c.Mean() != 1e8+0.5 || MeanDiff(c, tr) != 0.25 {
		t.Errorf("mean %v, diff %v", c.Mean(), MeanDiff(c, tr))
	}
	w, ok := Welch(c, tr)
	if !ok || math.Abs(w.T-0.6123724356957945) > 1e-15 || w.DoF != 4 || math.Abs(w.P-0.5733922538253555) > 1e-15 {
		t.Errorf("Welch = %+v, %v; want t 0.612372, dof 4, p 0.573392 (scipy)", w, ok)
	}
	// Constant arms are exactly constant, whatever the rounding of their sums.
	for _, v := range []float64{0.1, 0.2, 1e8 + 0.1, -3.3e-300, 1e300} {
		vals := []float64{v, v, v, v, v}
		m := MomentsOf(vals)
		if !m.Constant() || m.Variance() != 0 || m.M2() != 0 || m.Mean() != v {
			t.Errorf("MomentsOf(%v×5) = %+v", v, m)
		}
		var s Moments
		for _, x := range vals {
			s = s.Add(x)
		}
		if !s.Constant() || s.Variance() != 0 || s.Mean() != v {
			t.Errorf("Add(%v)×5 = %+v", v, s)
		}
		if g := m.Merge(s); !g.Constant() || g.Variance() != 0 || g.N() != 10 {
			t.Errorf("Merge of constants = %+v", g)
		}
	}
	if _, ok := Welch(MomentsOf([]float64{0.1, 0.1, 0.1, 0.1, 0.1}), MomentsOf([]float64{0.2, 0.2, 0.2, 0.2, 0.2})); ok {
		t.Error("two constant arms must have no Welch test")
	}
	// Symmetric deviations sum to 0 but the values differ.
	if m := MomentsOf([]float64{5, 4, 6}); m.Constant() || m.Variance() != 1 {
		t.Errorf("MomentsOf(5, 4, 6) = %+v", m)
	}
}

func TestMomentsAgree(t *testing.T) {
	vals := []float64{3.5, -1, 2.25, 8, 8, 0.125, -4.75, 6, 1e3, 2}
	ref := MomentsOf(vals)
	// Mean 101.5... computed by hand: sum = 1023.375 − ... use a direct two-pass in big steps.
	var sum float64
	for _, x := range vals {
		sum += x
	}
	mean := sum / float64(len(vals))
	var m2 float64
	for _, x := range vals {
		m2 += (x - mean) * (x - mean)
	}
	if relErr(ref.Mean(), mean) > 1e-15 || relErr(ref.M2(), m2) > 1e-14 {
		t.Fatalf("MomentsOf = mean %v m2 %v, want %v %v", ref.Mean(), ref.M2(), mean, m2)
	}
	var w Moments
	for _, x := range vals {
		w = w.Add(x)
	}
	merged := MomentsOf(vals[:3]).Merge(MomentsOf(vals[3:7])).Merge(Moments{}).Merge(MomentsOf(vals[7:]))
	merged2 := Moments{}.Merge(MomentsOf(vals[:5])).Merge(MomentsOf(vals[5:]))
	for name, m := range map[string]Moments{"welford": w, "merge": merged, "merge2": merged2} {
		if m.N() != 10 || relErr(m.Mean(), mean) > 1e-14 || relErr(m.M2(), m2) > 1e-13 || relErr(m.Variance(), m2/9) > 1e-13 {
			t.Errorf("%s: n %d mean %v m2 %v var %v", name, m.N(), m.Mean(), m.M2(), m.Variance())
		}
	}
	if got := ref.PopulationVariance(); relErr(got, m2/10) > 1e-14 {
		t.Errorf("PopulationVariance = %v", got)
	}
	var empty Moments
	if empty.N() != 0 || empty.Mean() != 0 || empty.Variance() != 0 || empty.PopulationVariance() != 0 || !empty.Constant() {
		t.Errorf("empty = %+v", empty)
	}
	if MomentsOf(nil) != empty {
		t.Error("MomentsOf(nil) is not empty")
	}
	one := MomentsOf([]float64{7})
	if one.Variance() != 0 || one.Mean() != 7 || one.PopulationVariance() != 0 {
		t.Errorf("one value: %+v", one)
	}
	if nan := MomentsOf([]float64{1, math.NaN(), 3}); !math.IsNaN(nan.Variance()) || !math.IsNaN(nan.Mean()) {
		t.Errorf("NaN input: %+v", nan)
	}
}

func TestMomentsFromSummaries(t *testing.T) {
	m := MomentsFromMeanVariance(4, 1e12+0.5, 2.5)
	if m.N() != 4 || m.Mean() != 1e12+0.5 || m.Variance() != 2.5 || m.M2() != 7.5 || m.Constant() {
		t.Errorf("MomentsFromMeanVariance = %+v", m)
	}
	if z := MomentsFromMeanVariance(4, 3, 0); !z.Constant() || z.Variance() != 0 {
		t.Errorf("zero variance summary = %+v", z)
	}
	if z := MomentsFromMeanVariance(1, 3, 5); z.Variance() != 0 || z.Mean() != 3 {
		t.Errorf("n = 1 summary = %+v", z)
	}
	if z := MomentsFromMeanVariance(0, 3, 5); z != (Moments{}) {
		t.Errorf("n = 0 summary = %+v", z)
	}

	// Sums of 1, 2, 3, 4: well conditioned.
	s, ok := MomentsFromSums(4, 10, 30)
	if !ok || s.Mean() != 2.5 || relErr(s.Variance(), 5.0/3) > 1e-15 {
		t.Errorf("MomentsFromSums(4, 10, 30) = %+v, %v", s, ok)
	}
	// Issue 18: the sums of [1e8, 1e8+0.5, 1e8+1] have cancelled: refused, not guessed.
	var sum, sq float64
	for _, x := range []float64{1e8, 1e8 + 0.5, 1e8 + 1} {
		sum += x
		sq += x * x
	}
	if _, ok := MomentsFromSums(3, sum, sq); ok {
		t.Error("cancelled sums were accepted")
	}
	// [0.1]×5: the sums leave a rounding residue, which is no variance at all.
	sum, sq = 0, 0
	for range 5 {
		sum += 0.1
		sq += 0.1 * 0.1
	}
	if _, ok := MomentsFromSums(5, sum, sq); ok {
		t.Error("the rounding residue of a constant sample was accepted as a variance")
	}
	// The condition number bound itself: mean 1e4, sd 1 is fine (κ ≈ 1e8).
	n := int64(1000)
	mean, sd := 1e4, 1.0
	fn := float64(n)
	if _, ok := MomentsFromSums(n, mean*fn, fn*(mean*mean)+(fn-1)*sd*sd); !ok {
		t.Error("well-enough conditioned sums were refused")
	}
	if m, ok := MomentsFromSums(1, 3, 9); !ok || m.Mean() != 3 || m.Variance() != 0 {
		t.Errorf("n = 1 sums = %+v, %v", m, ok)
	}
	if m, ok := MomentsFromSums(0, 0, 0); !ok || m != (Moments{}) {
		t.Errorf("n = 0 sums = %+v, %v", m, ok)
	}
}

func TestWelchEdges(t *testing.T) {
	a := MomentsOf([]float64{1, 2, 3})
	if _, ok := Welch(a, MomentsOf([]float64{4})); ok {
		t.Error("an arm of 1 must have no test")
	}
	// One constant arm: the other's variance carries the test.
	w, ok := Welch(a, MomentsOf([]float64{5, 5, 5, 5}))
	if !ok || w.DoF != 2 || w.Diff != 3 {
		t.Errorf("Welch with a constant arm = %+v, %v", w, ok)
	}
	if _, ok := Welch(MomentsOf([]float64{1, math.NaN()}), a); ok {
		t.Error("NaN input must have no test")
	}
	if d := WelchDoF(0, 5, 0, 7); !math.IsInf(d, 1) {
		t.Errorf("WelchDoF of zero variances = %v", d)
	}
	// Scaling keeps tiny and huge squared errors finite: equal arms give na + nb − 2.
	for _, s := range []float64{1e-320, 1e-200, 1, 1e200, 1e307} {
		if d := WelchDoF(s, 10, s, 10); relErr(d, 18) > 1e-15 {
			t.Errorf("WelchDoF(%g, 10, %g, 10) = %v, want 18", s, s, d)
		}
	}
}
