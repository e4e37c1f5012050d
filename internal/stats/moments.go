package stats

import "math"

// Moments summarises a sample by its count, mean and centred sum of squares
// M2 = Σ(x − mean)², the form whose variance does not cancel. The mean is held as a pivot
// (a value of the sample, or a given mean) plus the mean deviation from it, so the
// difference of two means far from zero (1e12 + 0.25 against 1e12) is taken between small
// deviations and keeps its precision; shifting every value by a constant that keeps them
// exact shifts only the pivots.
//
// Build it from raw values with MomentsOf (two passes) or Add (Welford's update), from a
// summary with MomentsFromMeanVariance, or from GrowthBook-style sums with
// MomentsFromSums, which refuses sums that have cancelled. The zero value is the empty
// sample. Moments is a value; methods never modify it.
//
// Constant (all values equal, so the variance is exactly 0) is decided by comparing
// values, not by rounding: it holds when M2 and the mean deviation are both exactly 0,
// which every path keeps for equal values and no path produces for distinct ones unless
// all deviations are below 1e-162, where the variance underflows to 0 anyway.
type Moments struct {
	// Four fields, so that the compiler keeps a Moments in registers through Add.
	n     int64
	pivot float64 // reference value
	dev   float64 // mean − pivot
	m2    float64 // Σ(x − mean)²
}

// MomentsOf returns the moments of values in two passes with the Chan–Golub–LeVeque
// correction (M2 = Σd² − (Σd)²/n with d = x − mean), taking deviations from the first value.
// The relative error of the variance is a few ulps times n for any offset: the data
// [1e8, 1e8+0.5, 1e8+1] give exactly 0.25. Values that are all equal give exactly zero
// variance. NaN or ±Inf values propagate to the mean and variance.
func MomentsOf(values []float64) Moments {
	n := len(values)
	if n == 0 {
		return Moments{}
	}
	k := values[0]
	if n < 32 {
		return momentsShort(values, k)
	}
	// Pass 1: the mean deviation from the pivot, with four accumulators for speed.
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= n; i += 4 {
		s0 += values[i] - k
		s1 += values[i+1] - k
		s2 += values[i+2] - k
		s3 += values[i+3] - k
	}
	for ; i < n; i++ {
		s0 += values[i] - k
	}
	s := (s0 + s1) + (s2 + s3)
	if s == 0 && allEqual(values, k) {
		return Moments{n: int64(n), pivot: k}
	}
	r := 1 / float64(n)
	dev := s * r
	// Pass 2: centred sums of (x − pivot) − dev, corrected for the rounding of dev.
	var q0, q1, q2, q3, e0, e1 float64
	i = 0
	for ; i+4 <= n; i += 4 {
		d0 := (values[i] - k) - dev
		d1 := (values[i+1] - k) - dev
		d2 := (values[i+2] - k) - dev
		d3 := (values[i+3] - k) - dev
		q0 += d0 * d0
		q1 += d1 * d1
		q2 += d2 * d2
		q3 += d3 * d3
		e0 += d0 + d1
		e1 += d2 + d3
	}
	for ; i < n; i++ {
		d := (values[i] - k) - dev
		q0 += d * d
		e0 += d
	}
	return finishMoments(n, k, dev, (q0+q1)+(q2+q3), e0+e1, r)
}

// momentsShort is MomentsOf's two passes without unrolling, faster below 32 values.
func momentsShort(values []float64, k float64) Moments {
	var s float64
	for _, x := range values {
		s += x - k
	}
	if s == 0 && allEqual(values, k) {
		return Moments{n: int64(len(values)), pivot: k}
	}
	r := 1 / float64(len(values))
	dev := s * r
	var q, e float64
	for _, x := range values {
		d := (x - k) - dev
		q += d * d
		e += d
	}
	return finishMoments(len(values), k, dev, q, e, r)
}

// finishMoments applies the correction: with d = x − pivot − dev summing to e,
// Σ(x − mean)² = Σd² − e²/n and mean = pivot + dev + e/n.
func finishMoments(n int, k, dev, q, e, r float64) Moments {
	m2 := q - e*e*r
	if !(m2 >= 0) && m2 == m2 {
		m2 = 0
	}
	return Moments{n: int64(n), pivot: k, dev: dev + e*r, m2: m2}
}

// allEqual reports whether every value equals k.
func allEqual(values []float64, k float64) bool {
	for _, x := range values {
		if x != k {
			return false
		}
	}
	return true
}

// Add returns the moments with one more value x (Welford's update on deviations from the
// first value). Adding a value equal to every previous one keeps the variance exactly 0.
func (m Moments) Add(x float64) Moments {
	if m.n == 0 {
		return Moments{n: 1, pivot: x}
	}
	d := x - m.pivot
	n := m.n + 1
	r := 1 / float64(n) // off the dependency chain through dev, unlike delta/n
	delta := d - m.dev
	dev := m.dev + delta*r
	return Moments{n: n, pivot: m.pivot, dev: dev, m2: m.m2 + delta*(d-dev)}
}

// Merge returns the moments of the union of two disjoint samples (Chan et al.'s pairwise
// update), so partial moments computed on shards combine as one pass would, up to rounding.
func (m Moments) Merge(o Moments) Moments {
	switch {
	case o.n == 0:
		return m
	case m.n == 0:
		return o
	}
	// o's mean deviation relative to m's pivot; the pivots' difference is exact when they
	// are within a factor of two (Sterbenz), the case where precision matters.
	od := (o.pivot - m.pivot) + o.dev
	delta := od - m.dev
	n := m.n + o.n
	fm, fo, fn := float64(m.n), float64(o.n), float64(n)
	return Moments{
		n:     n,
		pivot: m.pivot,
		dev:   m.dev + delta*(fo/fn),
		m2:    m.m2 + o.m2 + delta*delta*(fm*fo/fn),
	}
}

// MomentsFromMeanVariance returns the moments of n values with the given mean and unbiased
// sample variance (divisor n − 1), the summary form that carries no cancellation. The
// variance is ignored when n ≤ 1; a variance of exactly 0 means all values are equal.
func MomentsFromMeanVariance(n int64, mean, variance float64) Moments {
	if n <= 0 {
		return Moments{}
	}
	m := Moments{n: n, pivot: mean}
	if n > 1 {
		m.m2 = variance * float64(n-1)
	}
	return m
}

// MaxSumsCondition bounds the condition number κ = Σx²/Σ(x − mean)² of a variance taken
// from sums. The variance's relative error is about κ times the relative error of the
// sums (at least 1.1e-16 even when they are correctly rounded), so at κ = 2³² ≈ 4.3e9
// at most about six significant digits are left. The condition is 1 + mean²/σ² up to
// the factor n/(n − 1).
const MaxSumsCondition = 1 << 32

// MomentsFromSums returns the moments of n values from their sum and sum of squares, the
// form GrowthBook's SampleMeanStatistic and warehouse queries produce. Its variance
// (Σx² − (Σx)²/n)/(n − 1) is safe only while the mean is small against the spread:
// ok is false when the centred sum is not positive or the condition number exceeds
// MaxSumsCondition (roughly |mean| > 65,000·σ), because then the variance is mostly
// rounding error of the sums. Use MomentsFromMeanVariance or raw values in that case.
// n ≤ 1 gives zero variance and ok true.
func MomentsFromSums(n int64, sum, sumSquares float64) (m Moments, ok bool) {
	if n <= 0 {
		return Moments{}, true
	}
	fn := float64(n)
	mean := sum / fn
	m = Moments{n: n, pivot: mean}
	if n == 1 {
		return m, true
	}
	// Σx² − sum·mean, with the product's rounding error removed by a fused multiply-add.
	m2 := math.FMA(-sum, mean, sumSquares)
	if !(m2 > 0) || sumSquares > m2*MaxSumsCondition {
		return m, false
	}
	m.m2 = m2
	return m, true
}

// N returns the number of values.
func (m Moments) N() int64 { return m.n }

// Mean returns the sample mean, 0 for an empty sample.
func (m Moments) Mean() float64 { return m.pivot + m.dev }

// M2 returns the centred sum of squares Σ(x − mean)².
func (m Moments) M2() float64 { return m.m2 }

// Variance returns the unbiased sample variance M2/(n − 1), 0 when n ≤ 1 or when every
// value is equal (decided exactly, not by rounding).
func (m Moments) Variance() float64 {
	if m.n <= 1 {
		return 0
	}
	return m.m2 / float64(m.n-1)
}

// PopulationVariance returns M2/n, 0 for an empty sample.
func (m Moments) PopulationVariance() float64 {
	if m.n == 0 {
		return 0
	}
	return m.m2 / float64(m.n)
}

// Constant reports whether every value is equal, which makes the variance exactly 0.
// From raw values it is decided exactly (see Moments); from a summary, by a given
// variance of 0.
func (m Moments) Constant() bool { return m.m2 == 0 && m.dev == 0 }

// MeanDiff returns mean(b) − mean(a), taken between the pivots and the deviations so that
// two large, nearly equal means keep the precision of their difference.
func MeanDiff(a, b Moments) float64 {
	return (b.pivot - a.pivot) + (b.dev - a.dev)
}
