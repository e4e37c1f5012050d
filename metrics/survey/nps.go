package survey

import (
	"fmt"
	"math"

	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// NPSOptions configures NPS; the zero value gives a 95% interval with the population
// variance (divide by n), as the usual NPS margin-of-error formula does.
type NPSOptions struct {
	// Confidence is the two-sided level of the interval, in (0, 1); 0 means 0.95.
	Confidence float64 `json:"confidence"`
	// SampleVariance divides by n−1 instead of n (the unbiased variance): the standard
	// error grows by sqrt(n/(n−1)). Undefined (no interval) with one response.
	SampleVariance bool `json:"sample_variance"`
}

// Validate reports a confidence outside (0, 1).
func (o NPSOptions) Validate() error {
	v := validation.New("survey: NPS options")
	validateConfidence(v, "confidence", o.Confidence)
	return v.Err()
}

// NPSResult is a Net Promoter Score with its uncertainty. Each answered response scores +1
// (promoter, 9–10), 0 (passive, 7–8) or −1 (detractor, 0–6); NPS is 100 times their mean.
type NPSResult struct {
	// Responses counts answered responses (the n of every share below); Unanswered counts
	// responses that skipped the question and are excluded.
	Responses  int64 `json:"responses"`
	Unanswered int64 `json:"unanswered"`
	// ResponseRate is Responses/Invited; undefined when Invited is unknown (0).
	ResponseRate metrics.Rate `json:"response_rate"`
	// Promoters (9–10), Passives (7–8) and Detractors (0–6) count answered responses.
	Promoters  int64 `json:"promoters"`
	Passives   int64 `json:"passives"`
	Detractors int64 `json:"detractors"`
	// Defined is false with no answered responses (or one, with SampleVariance); Score,
	// SE, Low and High are then 0.
	Defined bool `json:"defined"`
	// Score is 100·(P − D)/n, in [−100, 100].
	Score float64 `json:"score"`
	// SE is the standard error of Score on the same −100..100 scale:
	// 100·sqrt((p + d − (p − d)²)/n) with p = P/n, d = D/n (n−1 with SampleVariance).
	SE float64 `json:"se"`
	// Confidence is the interval's level; Low and High are Score ± z·SE clamped to
	// [−100, 100].
	Confidence float64 `json:"confidence"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
	// DegenerateInterval is true when SE is 0 with responses (everyone in one bucket): the
	// normal interval collapses to a point and says nothing about the uncertainty.
	DegenerateInterval bool `json:"degenerate_interval"`
}

// String formats the score as "NPS 20.0 ± 16.0 (95% CI 4.0 to 36.0, n=50)".
func (r NPSResult) String() string {
	if !r.Defined {
		return fmt.Sprintf("NPS undefined (n=%d)", r.Responses)
	}
	return fmt.Sprintf("NPS %.1f ± %.1f (%g%% CI %.1f to %.1f, n=%d)", r.Score, (r.High-r.Low)/2, 100*r.Confidence, r.Low, r.High, r.Responses)
}

// NPS scores survey responses on the 0–10 "how likely are you to recommend" scale. Scores
// outside 0–10 (other than NoAnswer) are a *productops.ValidationError: a 1–10 or 1–5
// question is not an NPS question.
func NPS(responses Responses, opt NPSOptions) (NPSResult, error) {
	if err := opt.Validate(); err != nil {
		return NPSResult{}, err
	}
	counts, unanswered, err := responses.tally("survey: NPS responses", 0, 10)
	if err != nil {
		return NPSResult{}, err
	}
	r := npsFromCounts(sumCounts(counts, 9, 10), sumCounts(counts, 7, 8), sumCounts(counts, 0, 6), opt)
	r.Unanswered = unanswered
	r.ResponseRate = responses.responseRate(r.Responses)
	return r, nil
}

// NPSFromCounts scores already bucketed responses. Negative counts are a
// *productops.ValidationError. The response rate is undefined (no invitation count).
func NPSFromCounts(promoters, passives, detractors int64, opt NPSOptions) (NPSResult, error) {
	v := validation.New("survey: NPS counts")
	for _, f := range []struct {
		name string
		n    int64
	}{{"promoters", promoters}, {"passives", passives}, {"detractors", detractors}} {
		if f.n < 0 {
			v.Addf(f.name, "gte", "must be at least 0")
		}
	}
	validateConfidence(v, "confidence", opt.Confidence)
	if err := v.Err(); err != nil {
		return NPSResult{}, err
	}
	r := npsFromCounts(promoters, passives, detractors, opt)
	r.ResponseRate = metrics.Rate{Numerator: r.Responses}
	return r, nil
}

func npsFromCounts(p, a, d int64, opt NPSOptions) NPSResult {
	conf := stats.Confidence(opt.Confidence)
	r := NPSResult{Responses: p + a + d, Promoters: p, Passives: a, Detractors: d, Confidence: conf}
	n := r.Responses
	if n == 0 || (opt.SampleVariance && n < 2) {
		return r
	}
	fn := float64(n)
	pp, dd := float64(p)/fn, float64(d)/fn
	r.Defined = true
	r.Score = 100 * float64(p-d) / fn
	variance := max(pp+dd-(pp-dd)*(pp-dd), 0)
	den := fn
	if opt.SampleVariance {
		den = fn - 1
	}
	r.SE = 100 * math.Sqrt(variance/den)
	z := stats.NormalQuantile(1 - (1-conf)/2)
	r.Low, r.High = max(r.Score-z*r.SE, -100), min(r.Score+z*r.SE, 100)
	r.DegenerateInterval = r.SE == 0
	return r
}

// NPSDifference is the change in NPS between two independent surveys.
type NPSDifference struct {
	// Defined is false when either survey's score is undefined.
	Defined bool `json:"defined"`
	// Difference is after.Score − before.Score, in [−200, 200].
	Difference float64 `json:"difference"`
	// SE is sqrt(SE_before² + SE_after²).
	SE float64 `json:"se"`
	// Confidence, Low and High give Difference ± z·SE.
	Confidence float64 `json:"confidence"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
	// Z is Difference/SE and PValue its two-sided p-value; 0 and 1 when SE is 0.
	Z      float64 `json:"z"`
	PValue float64 `json:"p_value"`
}

// CompareNPS returns after − before for two independent surveys with the interval of the
// difference at the given confidence (0 means 0.95).
func CompareNPS(before, after NPSResult, confidence float64) (NPSDifference, error) {
	v := validation.New("survey: NPS comparison")
	validateConfidence(v, "confidence", confidence)
	for _, f := range []struct {
		name string
		r    NPSResult
	}{{"before", before}, {"after", after}} {
		if !validation.Finite(f.r.Score) || f.r.Score < -100 || f.r.Score > 100 {
			v.Addf(f.name+".score", "range", "must be between -100 and 100")
		}
		if !validation.Finite(f.r.SE) || f.r.SE < 0 {
			v.Addf(f.name+".se", "gte", "must be a finite number at least 0")
		}
	}
	if err := v.Err(); err != nil {
		return NPSDifference{}, err
	}
	conf := stats.Confidence(confidence)
	d := NPSDifference{Confidence: conf, PValue: 1}
	if !before.Defined || !after.Defined {
		return d, nil
	}
	d.Defined = true
	d.Difference = after.Score - before.Score
	d.SE = math.Hypot(before.SE, after.SE)
	z := stats.NormalQuantile(1 - (1-conf)/2)
	d.Low, d.High = d.Difference-z*d.SE, d.Difference+z*d.SE
	if d.SE > 0 {
		d.Z = d.Difference / d.SE
		d.PValue = math.Erfc(math.Abs(d.Z) / math.Sqrt2)
	}
	return d, nil
}
