package stats

import "math"

// CoMoments summarises paired values (x, y) — a metric and its pre-period covariate, or a
// ratio's numerator and denominator per unit — by the Moments of each and the centred
// co-sum C = Σ(x − x̄)(y − ȳ), with the same pivots, so covariances do not cancel either.
// The zero value is the empty sample.
type CoMoments struct {
	X, Y Moments
	c    float64 // Σ(x − x̄)(y − ȳ)
}

// CoMomentsOf returns the co-moments of paired values in two passes; xs and ys must have
// the same length (the shorter length is used otherwise).
func CoMomentsOf(xs, ys []float64) CoMoments {
	n := min(len(xs), len(ys))
	xs, ys = xs[:n], ys[:n]
	if n == 0 {
		return CoMoments{}
	}
	mx, my := MomentsOf(xs), MomentsOf(ys)
	// Deviations from the exact means' float representation pivot + dev: x − pivot is
	// exact near the pivot, so (x − px) − dx is the deviation with one rounding.
	px, dx, py, dy := mx.pivot, mx.dev, my.pivot, my.dev
	var c, ex, ey float64
	for i := range xs {
		u, v := (xs[i]-px)-dx, (ys[i]-py)-dy
		c += u * v
		ex += u
		ey += v
	}
	return CoMoments{X: mx, Y: my, c: c - ex*ey/float64(n)}
}

// Add returns the co-moments with one more pair (Welford's update).
func (m CoMoments) Add(x, y float64) CoMoments {
	if m.X.n == 0 {
		return CoMoments{X: Moments{n: 1, pivot: x}, Y: Moments{n: 1, pivot: y}}
	}
	// The co-sum update uses x's deviation before and y's after their mean updates.
	deltaX := (x - m.X.pivot) - m.X.dev
	nx := m.X.Add(x)
	ny := m.Y.Add(y)
	return CoMoments{X: nx, Y: ny, c: m.c + deltaX*((y-ny.pivot)-ny.dev)}
}

// Merge returns the co-moments of the union of two disjoint samples.
func (m CoMoments) Merge(o CoMoments) CoMoments {
	switch {
	case o.X.n == 0:
		return m
	case m.X.n == 0:
		return o
	}
	dx := MeanDiff(m.X, o.X)
	dy := MeanDiff(m.Y, o.Y)
	fm, fo := float64(m.X.n), float64(o.X.n)
	return CoMoments{X: m.X.Merge(o.X), Y: m.Y.Merge(o.Y), c: m.c + o.c + dx*dy*(fm*fo/(fm+fo))}
}

// CoMomentsFromSummary returns the co-moments of n pairs with the given means, unbiased
// variances and unbiased covariance (divisor n − 1).
func CoMomentsFromSummary(n int64, meanX, varX, meanY, varY, cov float64) CoMoments {
	m := CoMoments{X: MomentsFromMeanVariance(n, meanX, varX), Y: MomentsFromMeanVariance(n, meanY, varY)}
	if n > 1 {
		m.c = cov * float64(n-1)
	}
	return m
}

// CoMomentsFromSums returns the co-moments of n pairs from Σx, Σx², Σy, Σy² and Σxy (the
// GrowthBook form). ok is false when either variance has cancelled (see MomentsFromSums);
// when both pass, the co-sum's rounding is below 2·MaxSumsCondition ulps of √(M2x·M2y),
// since |Σxy| ≤ √(Σx²·Σy²).
func CoMomentsFromSums(n int64, sumX, sumSqX, sumY, sumSqY, sumXY float64) (m CoMoments, ok bool) {
	mx, okx := MomentsFromSums(n, sumX, sumSqX)
	my, oky := MomentsFromSums(n, sumY, sumSqY)
	m = CoMoments{X: mx, Y: my}
	if n > 1 {
		m.c = math.FMA(-sumX, sumY/float64(n), sumXY)
	}
	return m, okx && oky
}

// N returns the number of pairs.
func (m CoMoments) N() int64 { return m.X.n }

// C returns the centred co-sum Σ(x − x̄)(y − ȳ).
func (m CoMoments) C() float64 { return m.c }

// Covariance returns the unbiased sample covariance C/(n − 1), 0 when n ≤ 1.
func (m CoMoments) Covariance() float64 {
	if m.X.n <= 1 {
		return 0
	}
	return m.c / float64(m.X.n-1)
}
