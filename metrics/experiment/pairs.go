package experiment

import (
	"math"

	"github.com/productops/productops/internal/stats"
)

// keptPairs holds the stable co-moments of paired values (stats.CoMoments) that
// CUPEDSampleOf and RatioSampleOf build alongside the sums, and the Σxy they set, so that a
// sample whose fields were changed afterwards is read as sums instead.
type keptPairs struct {
	co   stats.CoMoments
	ok   bool
	prod float64
}

// pairsOf returns the two MeanSamples, Σxy and the kept co-moments of xs and ys, which
// must have the same length.
func pairsOf(xs, ys []float64) (x, y MeanSample, sumXY float64, k keptPairs) {
	co := stats.CoMomentsOf(xs, ys)
	var sx, sxx, sy, syy float64
	for i := range xs {
		sx += xs[i]
		sxx += xs[i] * xs[i]
		sy += ys[i]
		syy += ys[i] * ys[i]
		sumXY += xs[i] * ys[i]
	}
	return withMoments(co.X, sx, sxx), withMoments(co.Y, sy, syy), sumXY, keptPairs{co: co, ok: true, prod: sumXY}
}

// pairMoments returns the co-moments of x and y: the kept ones while x, y and sumXY are
// unchanged, else those of the summaries with the co-sum Σxy − Σx·Σy/n (a fused
// multiply-add; the variances were already checked not to have cancelled, which bounds the
// co-sum's error against √(M2x·M2y)). An arm with zero variance has zero covariance.
func pairMoments(x, y MeanSample, sumXY float64, k keptPairs) stats.CoMoments {
	_, okX := x.kepts()
	_, okY := y.kepts()
	if k.ok && okX && okY && sumXY == k.prod && k.co.N() == x.N {
		return k.co
	}
	mx, _ := x.moments()
	my, _ := y.moments()
	cov := 0.0
	if n := x.N; n > 1 && mx.Variance() > 0 && my.Variance() > 0 {
		cov = math.FMA(-x.Sum, y.Sum/float64(n), sumXY) / float64(n-1)
	}
	return stats.CoMomentsFromSummary(x.N, mx.Mean(), mx.Variance(), my.Mean(), my.Variance(), cov)
}
