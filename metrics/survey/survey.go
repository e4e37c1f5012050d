package survey

import (
	"math"

	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// NoAnswer marks a survey response that skipped the scored question. Such responses are
// counted (Responses.Unanswered in results) but excluded from every score.
const NoAnswer = -1

// Responses is the input of NPS, CSAT and CES: one integer per response on the
// question's scale, or NoAnswer.
type Responses struct {
	// Scores holds one entry per response: a score on the question's scale (0–10 for NPS,
	// 1–5 or 1–7 for CSAT and CES, 0/1 for binary CSAT) or NoAnswer.
	Scores []int `json:"scores"`
	// Invited counts the people the survey was sent to, for the response rate; 0 means
	// unknown (the rate is then undefined). When set it must be at least len(Scores).
	Invited int64 `json:"invited"`
}

// Validate reports scores below NoAnswer and an Invited count that is negative or below
// the number of responses. Whether a score fits the question's scale (0–10, 1–5, ...) is
// checked by NPS, CSAT and CES, which know the scale.
func (s Responses) Validate() error {
	v := validation.New("survey: responses")
	for i, x := range s.Scores {
		if x < NoAnswer && v.Len() < 20 {
			v.Addf(validation.Index("scores", i), "gte", "must be a score (0 or more) or NoAnswer (-1); got %d", x)
		}
	}
	s.validateInvited(v)
	return v.Err()
}

func (s Responses) validateInvited(v *validation.Errors) {
	if s.Invited < 0 {
		v.Addf("invited", "gte", "must be at least 0")
	} else if s.Invited > 0 && s.Invited < int64(len(s.Scores)) {
		v.Addf("invited", "gte", "must be 0 (unknown) or at least the number of responses (%d)", len(s.Scores))
	}
}

// tally counts scores in [lo, hi] into counts[score-lo] after validating them.
func (s Responses) tally(subject string, lo, hi int) (counts []int64, unanswered int64, err error) {
	v := validation.New(subject)
	counts = make([]int64, hi-lo+1)
	for i, x := range s.Scores {
		switch {
		case x == NoAnswer:
			unanswered++
		case x < lo || x > hi:
			if v.Len() < 20 {
				v.Addf(validation.Index("scores", i), "range", "must be between %d and %d, or NoAnswer (-1); got %d", lo, hi, x)
			}
		default:
			counts[x-lo]++
		}
	}
	s.validateInvited(v)
	if err := v.Err(); err != nil {
		return nil, 0, err
	}
	return counts, unanswered, nil
}

// response_rate is answered responses per invitation, undefined when Invited is 0.
func (s Responses) responseRate(answered int64) metrics.Rate {
	if s.Invited == 0 {
		return metrics.Rate{Numerator: answered}
	}
	return metrics.NewRate(answered, s.Invited)
}

// ScoreMean is the mean of answered scores with a two-sided 95% Student t interval.
type ScoreMean struct {
	// Defined is false when no score was answered; every other field is then 0.
	Defined bool `json:"defined"`
	// Mean is the average answered score, on the question's scale.
	Mean float64 `json:"mean"`
	// StdDev is the sample standard deviation (n−1); 0 with a single answer.
	StdDev float64 `json:"std_dev"`
	// IntervalDefined is false with fewer than 2 answers; Low = High = Mean then.
	IntervalDefined bool `json:"interval_defined"`
	// Low and High bound Mean ± t_{0.975, n−1}·StdDev/sqrt(n), clamped to the scale.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// scoreMean summarises counts of scores lo..hi.
func scoreMean(counts []int64, lo int) ScoreMean {
	var n int64
	var sum float64
	for i, c := range counts {
		n += c
		sum += float64(c) * float64(lo+i)
	}
	if n == 0 {
		return ScoreMean{}
	}
	m := ScoreMean{Defined: true, Mean: sum / float64(n)}
	m.Low, m.High = m.Mean, m.Mean
	if n < 2 {
		return m
	}
	var ss float64
	for i, c := range counts {
		d := float64(lo+i) - m.Mean
		ss += float64(c) * d * d
	}
	m.StdDev = math.Sqrt(ss / float64(n-1))
	h := stats.StudentTQuantile(0.975, float64(n-1)) * m.StdDev / math.Sqrt(float64(n))
	hi := float64(lo + len(counts) - 1)
	m.IntervalDefined = true
	m.Low, m.High = max(m.Mean-h, float64(lo)), min(m.Mean+h, hi)
	return m
}

// sumCounts adds counts[i] for i in [from, to].
func sumCounts(counts []int64, from, to int) int64 {
	var s int64
	for i := from; i <= to; i++ {
		s += counts[i]
	}
	return s
}

// validateConfidence accepts 0 (the default, 0.95) or a level strictly inside (0, 1).
func validateConfidence(v *validation.Errors, field string, c float64) {
	if !stats.ValidConfidence(c) {
		v.Addf(field, "range", "must be 0 (meaning 0.95) or strictly between 0 and 1")
	}
}
