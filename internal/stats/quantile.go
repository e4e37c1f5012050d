package stats

import (
	"math"

	"golang.org/x/exp/constraints"
	xstats "golang.org/x/exp/stats"
)

// Quantiles returns the qs-quantiles of values by linear interpolation between the closest
// ranks: Hyndman and Fan's type 7, the default of R, NumPy and pandas. values may be counts,
// durations or floats, in any order; it is not modified. The result has one entry per q.
// With no values, or a q outside [0, 1] or NaN, the corresponding entries are NaN.
func Quantiles[T constraints.Integer | constraints.Float](values []T, qs ...float64) []float64 {
	out := make([]float64, len(qs))
	f := make([]float64, len(values))
	for i, v := range values {
		f[i] = float64(v)
	}
	valid := make([]float64, 0, len(qs))
	for _, q := range qs {
		if q >= 0 && q <= 1 {
			valid = append(valid, q)
		}
	}
	var got []float64
	if len(f) > 0 && len(valid) > 0 {
		got = xstats.Quantiles(f, valid...)
	}
	j := 0
	for i, q := range qs {
		if len(f) == 0 || !(q >= 0 && q <= 1) {
			out[i] = math.NaN()
			continue
		}
		out[i] = got[j]
		j++
	}
	return out
}
