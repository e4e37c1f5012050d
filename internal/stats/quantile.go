package stats

import (
	"math"

	"golang.org/x/exp/constraints"
)

// QuantileSorted returns the q-quantile of sorted (ascending) values by linear
// interpolation between the closest ranks: Hyndman and Fan's type 7, the default of R,
// NumPy and pandas. Counts, durations and floats all work. It returns NaN when sorted is
// empty or q is outside [0, 1]; it does not check that sorted is sorted.
func QuantileSorted[T constraints.Integer | constraints.Float](sorted []T, q float64) float64 {
	if len(sorted) == 0 || !(q >= 0 && q <= 1) {
		return math.NaN()
	}
	h := q * float64(len(sorted)-1)
	i := int(h)
	if i+1 >= len(sorted) {
		return float64(sorted[len(sorted)-1])
	}
	return float64(sorted[i]) + (h-float64(i))*float64(sorted[i+1]-sorted[i])
}
