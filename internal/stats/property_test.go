package stats

import (
	"math"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/productops/productops/internal/proptest"
)

// grid maps integers to values on the dyadic grid k/4096. Values up to 2^22/4096 = 1024 in
// size plus shifts up to 2^40 ≈ 1.1e12 stay exact in float64 (52 bits), so a shifted
// sample is exactly the same data moved: any change in a result is the algorithm's.
func grid(ks []int64) []float64 {
	out := make([]float64, len(ks))
	for i, k := range ks {
		out[i] = float64(k%(1<<22)) / 4096
	}
	return out
}

func shifted(xs []float64, c float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x + c
	}
	return out
}

// Property (issue 18): shifting every value of both arms by the same constant, up to
// ±1.1e12, never changes Welch's difference, t, dof or p beyond 1e-9 relative, whether the
// moments come from two passes, Welford's updates or merged shards.
func TestPropertyWelchShiftInvariant(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	build := map[string]func([]float64) Moments{
		"two-pass": MomentsOf,
		"welford": func(xs []float64) Moments {
			var m Moments
			for _, x := range xs {
				m = m.Add(x)
			}
			return m
		},
		"merged": func(xs []float64) Moments {
			h := len(xs) / 2
			return MomentsOf(xs[:h]).Merge(MomentsOf(xs[h:]))
		},
	}
	samples := gen.SliceOfN(40, gen.Int64Range(-(1<<22)+1, (1<<22)-1)).SuchThat(func(v []int64) bool { return len(v) >= 2 })
	shifts := proptest.Int64s(gen.Int64Range(-(1 << 52), 1<<52))
	props.Property("welch is shift invariant", prop.ForAll(
		func(ka, kb []int64, ks int64, small int64) bool {
			a, b := grid(ka), grid(kb)
			// Shifts: a grid multiple up to 2^40 in size, or a small one.
			c := float64(ks%(1<<52)) / 4096
			if small%3 == 0 {
				c = float64(small%4096) / 4096
			}
			for name, mk := range build {
				w0, ok0 := Welch(mk(a), mk(b))
				w1, ok1 := Welch(mk(shifted(a, c)), mk(shifted(b, c)))
				if ok0 != ok1 {
					t.Logf("%s: defined %v vs %v after shift %v", name, ok0, ok1, c)
					return false
				}
				if !ok0 {
					continue
				}
				for _, pair := range [][2]float64{{w0.Diff, w1.Diff}, {w0.T, w1.T}, {w0.DoF, w1.DoF}, {w0.P, w1.P}, {w0.SE, w1.SE}} {
					if relErr(pair[1], pair[0]) > 1e-9 {
						t.Logf("%s: shift %v changed %v to %v", name, c, pair[0], pair[1])
						return false
					}
				}
			}
			return true
		},
		samples, samples, shifts, gen.Int64(),
	))
	props.TestingRun(t)
}

// Property: intervals nest as the confidence grows (Wilson, Wald, and the critical values
// behind every z and t interval).
func TestPropertyIntervalsNest(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	conf := gen.OneGenOf(gen.Float64Range(0.001, 0.999),
		gen.Float64Range(0, 15).Map(func(e float64) float64 { return 1 - math.Pow(10, -e) }),
		gen.OneConstOf(0.5, 0.95, 0.99, 1-1e-12, 1-1e-15, 1-0x1p-53))
	props.Property("nesting", prop.ForAll(
		func(c1, c2 float64, k, n int64, nu float64) bool {
			if !(c1 > 0 && c1 < 1 && c2 > 0 && c2 < 1) {
				return true
			}
			if c1 > c2 {
				c1, c2 = c2, c1
			}
			if n < 1 || n > 1<<53 {
				n = 1 << 53 // the extremes of Int64s, clamped to counts a float64 holds exactly
			}
			k = int64(uint64(k) % uint64(n+1))
			z1, z2 := NormalCritical(c1), NormalCritical(c2)
			t1, t2 := StudentTCritical(c1, nu), StudentTCritical(c2, nu)
			if !(z1 <= z2) || !(t1 <= t2) || !(z1 <= t1*(1+1e-15)) {
				t.Logf("critical values: z %v, %v; t %v, %v (nu %v)", z1, z2, t1, t2, nu)
				return false
			}
			l1, h1 := Wilson(k, n, z1)
			l2, h2 := Wilson(k, n, z2)
			w1, v1 := WaldInterval(k, n, z1)
			w2, v2 := WaldInterval(k, n, z2)
			p := float64(k) / float64(n)
			ok := l2 <= l1 && h1 <= h2 && w2 <= w1 && v1 <= v2 && l1 <= p && p <= h1 && 0 <= l2 && h2 <= 1
			if !ok {
				t.Logf("Wilson %v/%v: [%v, %v] at %v, [%v, %v] at %v; Wald [%v, %v], [%v, %v]", k, n, l1, h1, c1, l2, h2, c2, w1, v1, w2, v2)
			}
			return ok
		},
		conf, conf, proptest.Int64s(gen.Int64Range(0, 1e12)), proptest.Int64s(gen.Int64Range(1, 1e12)),
		gen.OneGenOf(gen.Float64Range(0.5, 50), gen.Float64Range(1, 10).Map(func(e float64) float64 { return math.Pow(10, e) }),
			gen.OneConstOf(1.0, 2.0, 2.0*bgratMinA, math.Inf(1))),
	))
	props.TestingRun(t)
}

// Property: p-values are non-increasing in |statistic| for t (any dof, fractional and
// huge), z and chi-square statistics, and quantiles invert the tails.
func TestPropertyPValuesMonotone(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	stat := gen.OneGenOf(gen.Float64Range(0, 10), gen.Float64Range(-3, 3).Map(func(e float64) float64 { return math.Pow(10, e) }))
	dof := gen.OneGenOf(gen.Float64Range(0.5, 50), gen.Float64Range(0, 10).Map(func(e float64) float64 { return math.Pow(10, e) }),
		gen.OneConstOf(0.0, 1.0, 2.0, 2.0*bgratMinA, math.Nextafter(2*bgratMinA, 0), math.Inf(1)))
	props.Property("monotone", prop.ForAll(
		func(s1, s2, nu float64, neg bool) bool {
			if s1 > s2 {
				s1, s2 = s2, s1
			}
			if neg {
				s1, s2 = -s1, -s2 // the two-sided p-value depends on |stat|
			}
			p1, p2 := TwoSidedP(s1, nu), TwoSidedP(s2, nu)
			if !(p1 >= p2) || p1 > 1 || p2 < 0 {
				t.Logf("TwoSidedP(%v, %v) = %v < TwoSidedP(%v) = %v", s1, nu, p1, s2, p2)
				return false
			}
			if nu > 0 && !math.IsInf(nu, 1) {
				c1, c2 := ChiSquareSurvival(math.Abs(s1)*math.Abs(s1), nu), ChiSquareSurvival(math.Abs(s2)*math.Abs(s2), nu)
				if !(c1 >= c2) {
					t.Logf("ChiSquareSurvival not monotone at %v, %v (k %v): %v, %v", s1*s1, s2*s2, nu, c1, c2)
					return false
				}
				// Quantile round trip on the tail the p-value came from.
				if q := p2 / 2; q > 1e-300 && q < 0.5 {
					x := StudentTUpperQuantile(q, nu)
					if relErr(x, math.Abs(s2)) > 1e-9 && relErr(StudentTSurvival(x, nu), q) > 1e-12 {
						t.Logf("StudentTUpperQuantile(%v, %v) = %v, want %v", q, nu, x, math.Abs(s2))
						return false
					}
				}
			}
			return true
		},
		stat, stat, dof, gen.Bool(),
	))
	props.TestingRun(t)
}
