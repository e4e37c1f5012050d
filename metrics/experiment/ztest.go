package experiment

import (
	"math"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/metrics"
)

// ZVariance names how a two-proportion z-test estimates the standard error under the null.
type ZVariance int

const (
	// ZPooled is the classical hypothesis test: p̂ = (x₁+x₂)/(n₁+n₂) and
	// SE = sqrt(p̂(1−p̂)(1/n₁ + 1/n₂)). The zero value.
	ZPooled ZVariance = iota
	// ZUnpooled uses each arm's own variance, SE = sqrt(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂), as
	// Statsig's z-test and every confidence interval do.
	ZUnpooled
)

var zVarianceText = enum.Set[ZVariance]{
	Subject: "experiment: z-test variance", Kind: "z-test variance",
	Names: []string{"pooled", "unpooled"},
}

// String returns "pooled" or "unpooled".
func (z ZVariance) String() string { return zVarianceText.String(z) }

// MarshalText encodes the variance as its String form.
func (z ZVariance) MarshalText() ([]byte, error) { return zVarianceText.Marshal(z) }

// UnmarshalText decodes "pooled" or "unpooled".
func (z *ZVariance) UnmarshalText(b []byte) error { return zVarianceText.Unmarshal(z, b) }

// ZTestResult is a two-proportion z-test of treatment against control.
type ZTestResult struct {
	// Control and Treatment are the arms' conversion rates with 95% Wilson intervals.
	Control   metrics.Rate `json:"control"`
	Treatment metrics.Rate `json:"treatment"`
	// Variance is the standard-error form used for Z.
	Variance ZVariance `json:"variance"`
	// Defined is false when either arm has no users or the standard error is 0 (both arms
	// at 0% or both at 100% when pooled); the statistics are then 0 with PValue 1.
	Defined bool `json:"defined"`
	// Difference is p_treatment − p_control.
	Difference float64 `json:"difference"`
	// SE is the standard error used for Z (pooled or unpooled, per Variance).
	SE float64 `json:"se"`
	// Z is Difference/SE.
	Z float64 `json:"z"`
	// PValue is the two-sided p-value erfc(|Z|/√2).
	PValue float64 `json:"p_value"`
	// Low and High bound the confidence interval of Difference, always with the unpooled
	// standard error (the pooled one only holds under the null). Both 0 when the unpooled
	// standard error is 0.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// TwoProportionZTest compares two conversion rates with a z-test whose null standard error
// is pooled or unpooled, and a confidence interval (0 means 0.95) from the unpooled
// standard error. Swapping the arms flips the signs of Difference and Z and keeps PValue.
func TwoProportionZTest(control, treatment ProportionSample, variance ZVariance, confidence float64) (ZTestResult, error) {
	v := validation.New("experiment: two-proportion z-test")
	control.validateInto(v, "control")
	treatment.validateInto(v, "treatment")
	if variance != ZPooled && variance != ZUnpooled {
		v.Addf("variance", "oneof", "must be pooled or unpooled")
	}
	validateConfidence(v, "confidence", confidence)
	if err := v.Err(); err != nil {
		return ZTestResult{}, err
	}
	r := ZTestResult{Control: control.Rate(), Treatment: treatment.Rate(), Variance: variance, PValue: 1}
	if control.Users == 0 || treatment.Users == 0 {
		return r, nil
	}
	n1, n2 := float64(control.Users), float64(treatment.Users)
	p1, p2 := float64(control.Conversions)/n1, float64(treatment.Conversions)/n2
	unpooled := math.Sqrt(p1*(1-p1)/n1 + p2*(1-p2)/n2)
	se := unpooled
	if variance == ZPooled {
		p := float64(control.Conversions+treatment.Conversions) / (n1 + n2)
		se = math.Sqrt(p * (1 - p) * (1/n1 + 1/n2))
	}
	r.Difference = p2 - p1
	if unpooled > 0 {
		z := stats.NormalQuantile(1 - (1-stats.Confidence(confidence))/2)
		r.Low, r.High = r.Difference-z*unpooled, r.Difference+z*unpooled
	} else {
		r.Low, r.High = r.Difference, r.Difference
	}
	if se == 0 {
		return r, nil
	}
	r.Defined = true
	r.SE = se
	r.Z = r.Difference / se
	r.PValue = math.Erfc(math.Abs(r.Z) / math.Sqrt2)
	return r, nil
}

// IntervalMethod names a confidence interval for a proportion.
type IntervalMethod int

const (
	// IntervalWilson is the Wilson score interval, clamped to [0, 1]. The zero value.
	IntervalWilson IntervalMethod = iota
	// IntervalNormal is the normal-approximation (Wald) interval p̂ ± z·sqrt(p̂(1−p̂)/n),
	// clamped to [0, 1]; it collapses to a point at 0% and 100%.
	IntervalNormal
)

var intervalMethodText = enum.Set[IntervalMethod]{
	Subject: "experiment: interval method", Kind: "interval method",
	Names: []string{"wilson", "normal"},
}

// String returns "wilson" or "normal".
func (m IntervalMethod) String() string { return intervalMethodText.String(m) }

// MarshalText encodes the method as its String form.
func (m IntervalMethod) MarshalText() ([]byte, error) { return intervalMethodText.Marshal(m) }

// UnmarshalText decodes "wilson" or "normal".
func (m *IntervalMethod) UnmarshalText(b []byte) error { return intervalMethodText.Unmarshal(m, b) }

// ProportionInterval is a proportion with a two-sided confidence interval.
type ProportionInterval struct {
	// Successes and Trials echo the input.
	Successes int64 `json:"successes"`
	Trials    int64 `json:"trials"`
	// Method and Confidence echo the options used.
	Method     IntervalMethod `json:"method"`
	Confidence float64        `json:"confidence"`
	// Defined is false when Trials is 0; Estimate, Low and High are then 0.
	Defined bool `json:"defined"`
	// Estimate is Successes/Trials; Low ≤ Estimate ≤ High, all within [0, 1].
	Estimate float64 `json:"estimate"`
	Low      float64 `json:"low"`
	High     float64 `json:"high"`
}

// NewProportionInterval returns successes/trials with a Wilson or normal interval at the
// given confidence (0 means 0.95, z = 1.959963984540054).
func NewProportionInterval(successes, trials int64, method IntervalMethod, confidence float64) (ProportionInterval, error) {
	v := validation.New("experiment: proportion interval")
	ProportionSample{Conversions: successes, Users: trials}.validateIntoNames(v, "successes", "trials")
	if method != IntervalWilson && method != IntervalNormal {
		v.Addf("method", "oneof", "must be wilson or normal")
	}
	validateConfidence(v, "confidence", confidence)
	if err := v.Err(); err != nil {
		return ProportionInterval{}, err
	}
	conf := stats.Confidence(confidence)
	r := ProportionInterval{Successes: successes, Trials: trials, Method: method, Confidence: conf}
	if trials == 0 {
		return r, nil
	}
	z := stats.NormalQuantile(1 - (1-conf)/2)
	r.Defined = true
	r.Estimate = float64(successes) / float64(trials)
	switch method {
	case IntervalWilson:
		r.Low, r.High = stats.Wilson(successes, trials, z)
	case IntervalNormal:
		h := z * math.Sqrt(r.Estimate*(1-r.Estimate)/float64(trials))
		r.Low, r.High = max(r.Estimate-h, 0), min(r.Estimate+h, 1)
	}
	// Rounding must never put the estimate outside its interval.
	r.Low, r.High = min(r.Low, r.Estimate), max(r.High, r.Estimate)
	return r, nil
}

// validateIntoNames validates counts under caller-chosen field names.
func (p ProportionSample) validateIntoNames(v *validation.Errors, num, den string) {
	if p.Users < 0 {
		v.Addf(den, "gte", "must be at least 0")
	}
	if p.Conversions < 0 {
		v.Addf(num, "gte", "must be at least 0")
	} else if p.Users >= 0 && p.Conversions > p.Users {
		v.Addf(num, "ltefield", "must not exceed %s", den)
	}
}
