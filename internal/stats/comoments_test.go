package stats

import (
	"math"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/productops/productops/internal/proptest"
)

func TestCoMoments(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6}
	ys := []float64{2, 1, 4, 3, 6, 8}
	// By hand: x̄ = 3.5, ȳ = 4; Σ(x−x̄)(y−ȳ) = (−2.5)(−2) + (−1.5)(−3) + (−0.5)(0) +
	// (0.5)(−1) + (1.5)(2) + (2.5)(4) = 5 + 4.5 + 0 − 0.5 + 3 + 10 = 22.
	want := 22.0
	m := CoMomentsOf(xs, ys)
	if m.N() != 6 || m.C() != want || m.Covariance() != want/5 {
		t.Errorf("CoMomentsOf: n %d, C %v, cov %v", m.N(), m.C(), m.Covariance())
	}
	var w CoMoments
	for i := range xs {
		w = w.Add(xs[i], ys[i])
	}
	g := CoMomentsOf(xs[:2], ys[:2]).Merge(CoMoments{}).Merge(CoMomentsOf(xs[2:], ys[2:]))
	g2 := CoMoments{}.Merge(CoMomentsOf(xs[:4], ys[:4])).Merge(CoMomentsOf(xs[4:], ys[4:]))
	for name, c := range map[string]CoMoments{"welford": w, "merge": g, "merge2": g2} {
		if c.N() != 6 || relErr(c.C(), want) > 1e-15 || relErr(c.X.Variance(), 3.5) > 1e-15 || relErr(c.Y.Mean(), 4) > 1e-15 {
			t.Errorf("%s: n %d C %v var x %v mean y %v", name, c.N(), c.C(), c.X.Variance(), c.Y.Mean())
		}
	}
	var sx, sxx, sy, syy, sxy float64
	for i := range xs {
		sx += xs[i]
		sxx += xs[i] * xs[i]
		sy += ys[i]
		syy += ys[i] * ys[i]
		sxy += xs[i] * ys[i]
	}
	s, ok := CoMomentsFromSums(6, sx, sxx, sy, syy, sxy)
	if !ok || relErr(s.C(), want) > 1e-15 || relErr(s.Covariance(), want/5) > 1e-15 {
		t.Errorf("CoMomentsFromSums = %+v, %v", s, ok)
	}
	// Shifted by 1e12 the sums cancel and are refused.
	if _, ok := CoMomentsFromSums(6, sx+6e12, 6e24, sy, syy, sxy); ok {
		t.Error("cancelled sums accepted")
	}
	f := CoMomentsFromSummary(6, 3.5, 3.5, 4, 6.4, 4.4)
	if f.Covariance() != 4.4 || f.X.Variance() != 3.5 || f.Y.Mean() != 4 {
		t.Errorf("CoMomentsFromSummary = %+v", f)
	}
	if z := CoMomentsFromSummary(1, 3, 0, 4, 0, 9); z.Covariance() != 0 {
		t.Errorf("one pair: covariance %v", z.Covariance())
	}
	if z := CoMomentsOf(nil, ys); z.N() != 0 || z.Covariance() != 0 {
		t.Errorf("empty: %+v", z)
	}
	if z := CoMomentsOf(xs, ys[:1]); z.N() != 1 || z.Covariance() != 0 {
		t.Errorf("one pair: %+v", z)
	}
}

// Property: the covariance and both variances are unchanged, to 1e-9 relative, when x and
// y are shifted by independent constants up to ±1.1e12 (exactly, on the dyadic grid).
func TestPropertyCoMomentsShiftInvariant(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	pairs := gen.SliceOfN(40, gen.Int64Range(-(1<<22)+1, (1<<22)-1)).SuchThat(func(v []int64) bool { return len(v) >= 2 })
	shift := proptest.Int64s(gen.Int64Range(-(1 << 52), 1<<52))
	props.Property("co-moments are shift invariant", prop.ForAll(
		func(kx, ky []int64, sx, sy int64) bool {
			n := min(len(kx), len(ky))
			xs, ys := grid(kx[:n]), grid(ky[:n])
			cx, cy := float64(sx%(1<<52))/4096, float64(sy%(1<<52))/4096
			a := CoMomentsOf(xs, ys)
			b := CoMomentsOf(shifted(xs, cx), shifted(ys, cy))
			var w CoMoments
			for i := range xs {
				w = w.Add(xs[i]+cx, ys[i]+cy)
			}
			scale := math.Sqrt(a.X.M2() * a.Y.M2()) // covariance precision is relative to this
			for _, c := range []CoMoments{b, w} {
				if math.Abs(c.C()-a.C()) > 1e-9*scale || relErr(c.X.M2(), a.X.M2()) > 1e-9 || relErr(c.Y.M2(), a.Y.M2()) > 1e-9 {
					t.Logf("shift (%v, %v): C %v vs %v, M2x %v vs %v", cx, cy, c.C(), a.C(), c.X.M2(), a.X.M2())
					return false
				}
			}
			return true
		},
		pairs, pairs, shift, shift,
	))
	props.TestingRun(t)
}
