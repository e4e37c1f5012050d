package experiment

import (
	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/stats"
	"github.com/productops/productops/internal/validation"
)

// SRMVariant names how a sample-ratio-mismatch test treats arms configured with weight 0.
// The variants agree whenever every weight is positive.
type SRMVariant int

const (
	// SRMSkipZeroWeight drops arms whose weight is 0 entirely (their users leave the total)
	// and uses degrees of freedom = remaining arms − 1; fewer than 2 remaining arms, or no
	// users among them, gives no test (p = 1). GrowthBook's back end (checkSrm) does this;
	// so does a plain chi-square goodness-of-fit test such as Statsig's. The zero value.
	SRMSkipZeroWeight SRMVariant = iota
	// SRMKeepZeroWeightUsers drops zero-weight arms from the sum of squares but keeps their
	// users in the total that the expected counts are taken from, with degrees of freedom
	// = all arms − 1, as GrowthBook's Python gbstats check_srm does.
	SRMKeepZeroWeightUsers
)

var srmVariantText = enum.Set[SRMVariant]{
	Subject: "experiment: SRM variant", Kind: "SRM variant",
	Names: []string{"skip_zero_weight", "keep_zero_weight_users"},
}

// String returns "skip_zero_weight" or "keep_zero_weight_users".
func (s SRMVariant) String() string { return srmVariantText.String(s) }

// MarshalText encodes the variant as its String form.
func (s SRMVariant) MarshalText() ([]byte, error) { return srmVariantText.Marshal(s) }

// UnmarshalText decodes "skip_zero_weight" or "keep_zero_weight_users".
func (s *SRMVariant) UnmarshalText(b []byte) error { return srmVariantText.Unmarshal(s, b) }

// DefaultSRMThreshold is GrowthBook's default p-value below which a split is flagged as a
// sample ratio mismatch.
const DefaultSRMThreshold = 0.001

// SRMOptions configures SampleRatioMismatch; the zero value is GrowthBook's back end with
// threshold 0.001.
type SRMOptions struct {
	// Variant picks the zero-weight handling; zero is SRMSkipZeroWeight.
	Variant SRMVariant `json:"variant"`
	// Threshold is the p-value below which Mismatch is set, in (0, 1); 0 means 0.001.
	Threshold float64 `json:"threshold"`
}

// Validate reports an unknown variant and a threshold outside (0, 1).
func (o SRMOptions) Validate() error {
	v := validation.New("experiment: SRM options")
	o.validateInto(v, "")
	return v.Err()
}

func (o SRMOptions) validateInto(v *validation.Errors, prefix string) {
	if o.Variant != SRMSkipZeroWeight && o.Variant != SRMKeepZeroWeightUsers {
		v.Addf(validation.Path(prefix, "variant"), "oneof", "must be skip_zero_weight or keep_zero_weight_users")
	}
	if o.Threshold != 0 && !(o.Threshold > 0 && o.Threshold < 1) {
		v.Addf(validation.Path(prefix, "threshold"), "range", "must be 0 (meaning 0.001) or strictly between 0 and 1")
	}
}

// SRMResult is a chi-square goodness-of-fit test of observed arm sizes against the
// configured split.
type SRMResult struct {
	// Defined is false when no test is possible (fewer than 2 arms with weight, or no
	// users); PValue is then 1 and Mismatch false, as GrowthBook reports.
	Defined bool `json:"defined"`
	// Reason says why the test is undefined; empty when Defined.
	Reason string `json:"reason,omitempty"`
	// Expected holds each arm's expected users (0 for skipped arms).
	Expected []float64 `json:"expected"`
	// ChiSquare is Σ (observed − expected)²/expected over the tested arms.
	ChiSquare float64 `json:"chi_square"`
	// DoF is the degrees of freedom of the test.
	DoF int `json:"dof"`
	// PValue is P(χ²_DoF > ChiSquare).
	PValue float64 `json:"p_value"`
	// Threshold echoes the threshold used; Mismatch is PValue < Threshold.
	Threshold float64 `json:"threshold"`
	Mismatch  bool    `json:"mismatch"`
}

// SampleRatioMismatch tests whether users per arm match the configured weights (any
// positive scale: 50/50 or 0.5/0.5). users and weights are parallel, one entry per arm.
// Use exact unique-user counts, not sketches.
func SampleRatioMismatch(users []int64, weights []float64, opt SRMOptions) (SRMResult, error) {
	v := validation.New("experiment: sample ratio mismatch")
	if len(users) != len(weights) {
		v.Addf("weights", "len", "must have one weight per arm (%d users, %d weights)", len(users), len(weights))
	}
	for i, u := range users {
		if u < 0 {
			v.Addf(validation.Index("users", i), "gte", "must be at least 0")
		}
	}
	for i, w := range weights {
		if !validation.Finite(w) || w < 0 {
			v.Addf(validation.Index("weights", i), "gte", "must be a finite number at least 0")
		}
	}
	opt.validateInto(v, "options")
	if err := v.Err(); err != nil {
		return SRMResult{}, err
	}
	r := SRMResult{Expected: make([]float64, len(users)), PValue: 1, Threshold: opt.Threshold}
	if r.Threshold == 0 {
		r.Threshold = DefaultSRMThreshold
	}
	var total int64
	var totalWeight float64
	arms := 0
	for i, u := range users {
		if weights[i] > 0 {
			arms++
			totalWeight += weights[i]
			total += u
		} else if opt.Variant == SRMKeepZeroWeightUsers {
			total += u
		}
	}
	switch {
	case arms < 2:
		r.Reason = "fewer than 2 arms with a positive weight"
		return r, nil
	case total == 0:
		r.Reason = "no users"
		return r, nil
	}
	for i, u := range users {
		if weights[i] <= 0 {
			continue
		}
		e := weights[i] / totalWeight * float64(total)
		r.Expected[i] = e
		d := float64(u) - e
		r.ChiSquare += d * d / e
	}
	r.DoF = arms - 1
	if opt.Variant == SRMKeepZeroWeightUsers {
		r.DoF = len(users) - 1
	}
	r.Defined = true
	r.PValue = stats.ChiSquareSurvival(r.ChiSquare, float64(r.DoF))
	r.Mismatch = r.PValue < r.Threshold
	return r, nil
}
