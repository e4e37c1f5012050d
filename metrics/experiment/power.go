package experiment

import (
	"math"

	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
)

// SampleSizeInput describes the experiment a sample size is planned for. The zero values
// of Alpha, Power and Allocation are the conventional 0.05, 0.8 and 1 (equal arms).
type SampleSizeInput struct {
	// Baseline is the control's expected value: a conversion rate in (0, 1) for
	// SampleSizeProportions, a mean for SampleSizeMeans (any finite value).
	Baseline float64 `json:"baseline"`
	// MinimumEffect is the smallest difference worth detecting, > 0: a fraction of Baseline
	// when Lift is LiftRelative (0.1 = +10%), else in Baseline's units.
	MinimumEffect float64 `json:"minimum_effect"`
	// Lift says how MinimumEffect is expressed; zero is LiftRelative.
	Lift LiftType `json:"lift"`
	// StdDev is the per-unit standard deviation, > 0; used by SampleSizeMeans only.
	StdDev float64 `json:"std_dev"`
	// Alpha is the two-sided significance level in (0, 1); 0 means 0.05.
	Alpha float64 `json:"alpha"`
	// Power is the probability of detecting the effect, in (0, 1); 0 means 0.8.
	Power float64 `json:"power"`
	// Allocation is treatment units per control unit, > 0; 0 means 1.
	Allocation float64 `json:"allocation"`
}

// Validate reports every bad field that both SampleSizeProportions and SampleSizeMeans
// reject; SampleSizeProportions further needs Baseline and the treated rate in (0, 1), and
// SampleSizeMeans a positive StdDev.
func (in SampleSizeInput) Validate() error {
	_, _, _, _, err := in.params("experiment: sample size input", false, false)
	return err
}

// SampleSizeResult is the minimum number of units per arm, rounded up.
type SampleSizeResult struct {
	// Control and Treatment are the units needed in each arm; Total is their sum.
	Control   int64 `json:"control"`
	Treatment int64 `json:"treatment"`
	Total     int64 `json:"total"`
	// Treated is the treatment value the plan detects (Baseline moved by the effect).
	Treated float64 `json:"treated"`
	// Alpha, Power and Allocation echo the values used after defaults.
	Alpha      float64 `json:"alpha"`
	Power      float64 `json:"power"`
	Allocation float64 `json:"allocation"`
}

// params validates in and returns the defaults applied and the treated value.
func (in SampleSizeInput) params(subject string, proportions, means bool) (alpha, power, k, treated float64, err error) {
	v := validation.New(subject)
	if !validation.Finite(in.Baseline) {
		v.Addf("baseline", "finite", "must be a finite number")
	} else if proportions && !(in.Baseline > 0 && in.Baseline < 1) {
		v.Addf("baseline", "range", "must be a rate strictly between 0 and 1")
	}
	if !validation.Finite(in.MinimumEffect) || !(in.MinimumEffect > 0) {
		v.Addf("minimum_effect", "gt", "must be a finite number greater than 0")
	}
	if in.Lift != LiftRelative && in.Lift != LiftAbsolute {
		v.Addf("lift", "oneof", "must be relative or absolute")
	}
	if means && (!validation.Finite(in.StdDev) || !(in.StdDev > 0)) {
		v.Addf("std_dev", "gt", "must be a finite number greater than 0")
	}
	if in.Alpha != 0 && !(in.Alpha > 0 && in.Alpha < 1) {
		v.Addf("alpha", "range", "must be 0 (meaning 0.05) or strictly between 0 and 1")
	}
	if in.Power != 0 && !(in.Power > 0 && in.Power < 1) {
		v.Addf("power", "range", "must be 0 (meaning 0.8) or strictly between 0 and 1")
	}
	if !validation.Finite(in.Allocation) || in.Allocation < 0 {
		v.Addf("allocation", "gte", "must be 0 (meaning 1) or a finite number greater than 0")
	}
	treated = in.Baseline + in.MinimumEffect
	if in.Lift == LiftRelative {
		treated = in.Baseline * (1 + in.MinimumEffect)
		if means && in.Baseline == 0 {
			v.Addf("baseline", "ne", "must not be 0 with a relative effect")
		}
	}
	if v.Len() == 0 && proportions && !(treated > 0 && treated < 1) {
		v.Addf("minimum_effect", "range", "moves the rate to %g, outside (0, 1)", treated)
	}
	if err = v.Err(); err != nil {
		return 0, 0, 0, 0, err
	}
	alpha, power, k = in.Alpha, in.Power, in.Allocation
	if alpha == 0 {
		alpha = 0.05
	}
	if power == 0 {
		power = 0.8
	}
	if k == 0 {
		k = 1
	}
	return alpha, power, k, treated, nil
}

// SampleSizeProportions returns the units per arm a two-sided two-proportion z-test needs
// to detect a move from Baseline to the treated rate with the given power (normal
// approximation without continuity correction, pooled variance under the null):
//
//	n_C = (z_{1−α/2}·sqrt(p̄(1−p̄)(1+1/k)) + z_{power}·sqrt(p₁(1−p₁) + p₂(1−p₂)/k))² / (p₂−p₁)²
//
// with k = Allocation, p̄ = (p₁ + k·p₂)/(1+k) and n_T = k·n_C, each rounded up. A 10% → 12%
// test at α 0.05 and 80% power needs 3,841 users per arm.
func SampleSizeProportions(in SampleSizeInput) (SampleSizeResult, error) {
	alpha, power, k, p2, err := in.params("experiment: sample size (proportions)", true, false)
	if err != nil {
		return SampleSizeResult{}, err
	}
	p1 := in.Baseline
	za, zb := stats.NormalQuantile(1-alpha/2), stats.NormalQuantile(power)
	pbar := (p1 + k*p2) / (1 + k)
	s := za*math.Sqrt(pbar*(1-pbar)*(1+1/k)) + zb*math.Sqrt(p1*(1-p1)+p2*(1-p2)/k)
	n := s * s / ((p2 - p1) * (p2 - p1))
	return sampleSizeResult(n, k, p2, alpha, power), nil
}

// SampleSizeMeans returns the units per arm a two-sided test of means needs to detect the
// difference with the given power (normal approximation, equal per-unit standard deviation
// in both arms):
//
//	n_C = (z_{1−α/2} + z_{power})² · σ²·(1 + 1/k) / δ²
//
// A difference of a quarter standard deviation at α 0.05 and 80% power needs 252 units per arm.
func SampleSizeMeans(in SampleSizeInput) (SampleSizeResult, error) {
	alpha, power, k, treated, err := in.params("experiment: sample size (means)", false, true)
	if err != nil {
		return SampleSizeResult{}, err
	}
	za, zb := stats.NormalQuantile(1-alpha/2), stats.NormalQuantile(power)
	d := treated - in.Baseline
	n := (za + zb) * (za + zb) * in.StdDev * in.StdDev * (1 + 1/k) / (d * d)
	return sampleSizeResult(n, k, treated, alpha, power), nil
}

// sampleSizeResult rounds the control size up and derives the treatment size. The tiny
// tolerance keeps an exact integer from being pushed up by rounding noise.
func sampleSizeResult(n, k, treated, alpha, power float64) SampleSizeResult {
	c := int64(math.Ceil(n - 1e-9))
	t := int64(math.Ceil(k*float64(c) - 1e-9))
	return SampleSizeResult{Control: c, Treatment: t, Total: c + t, Treated: treated, Alpha: alpha, Power: power, Allocation: k}
}

// PowerProportions returns the power of a two-sided two-proportion z-test (pooled null
// variance) with the given users per arm to detect a true move from control rate p1 to
// treatment rate p2, at significance alpha (0 means 0.05). The far tail is ignored, as in
// the sample-size formula, so PowerProportions inverts SampleSizeProportions.
func PowerProportions(p1, p2 float64, control, treatment int64, alpha float64) (float64, error) {
	v := validation.New("experiment: power (proportions)")
	if !(p1 > 0 && p1 < 1) {
		v.Addf("p1", "range", "must be a rate strictly between 0 and 1")
	}
	if !(p2 > 0 && p2 < 1) {
		v.Addf("p2", "range", "must be a rate strictly between 0 and 1")
	}
	if control < 1 {
		v.Addf("control", "gte", "must be at least 1")
	}
	if treatment < 1 {
		v.Addf("treatment", "gte", "must be at least 1")
	}
	if alpha != 0 && !(alpha > 0 && alpha < 1) {
		v.Addf("alpha", "range", "must be 0 (meaning 0.05) or strictly between 0 and 1")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	if alpha == 0 {
		alpha = 0.05
	}
	n1, n2 := float64(control), float64(treatment)
	pbar := (n1*p1 + n2*p2) / (n1 + n2)
	null := math.Sqrt(pbar * (1 - pbar) * (1/n1 + 1/n2))
	alt := math.Sqrt(p1*(1-p1)/n1 + p2*(1-p2)/n2)
	za := stats.NormalQuantile(1 - alpha/2)
	return stats.NormalCDF((math.Abs(p2-p1) - za*null) / alt), nil
}
