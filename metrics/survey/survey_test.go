package survey

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/metrics"
)

// repeat returns n copies of score.
func repeat(score, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = score
	}
	return s
}

// concat joins score slices.
func concat(parts ...[]int) []int {
	var s []int
	for _, p := range parts {
		s = append(s, p...)
	}
	return s
}

// Hand-worked (metrics.md §3.1): 20 promoters, 20 passives, 10 detractors, n = 50:
// p = 0.4, d = 0.2, NPS = 20, Var = p + d − (p − d)² = 0.56, SE = 100·sqrt(0.56/50) =
// 10.583005244258363; with n − 1: 100·sqrt(0.56/49) = 10.690449676496975.
func TestNPS(t *testing.T) {
	scores := concat(repeat(10, 12), repeat(9, 8), repeat(8, 15), repeat(7, 5), repeat(6, 4), repeat(0, 6), repeat(NoAnswer, 3))
	got, err := NPS(Responses{Scores: scores, Invited: 100}, NPSOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := NPSResult{
		Responses: 50, Unanswered: 3, ResponseRate: metrics.NewRate(50, 100),
		Promoters: 20, Passives: 20, Detractors: 10,
		Defined: true, Score: 20, SE: 10.583005244258363, Confidence: 0.95,
		Low: -0.7423091269449102, High: 40.74230912694491,
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if s := got.String(); s != "NPS 20.0 ± 20.7 (95% CI -0.7 to 40.7, n=50)" {
		t.Errorf("String() = %q", s)
	}
	unbiased, _ := NPSFromCounts(20, 20, 10, NPSOptions{SampleVariance: true})
	if math.Abs(unbiased.SE-10.690449676496975) > 1e-12 {
		t.Errorf("n−1 SE = %v", unbiased.SE)
	}

	tests := []struct {
		name          string
		p, a, d       int64
		defined       bool
		score, se     float64
		degenerateCI  bool
		lowAt, highAt float64
	}{
		{"no responses", 0, 0, 0, false, 0, 0, false, 0, 0},
		{"all passives", 0, 7, 0, true, 0, 0, true, 0, 0},
		{"all promoters", 5, 0, 0, true, 100, 0, true, 100, 100},
		{"all detractors", 0, 0, 4, true, -100, 0, true, -100, -100},
		// p = d = 0.5: Var = 1, SE = 100·sqrt(1/2), interval clamped to [−100, 100].
		{"split", 1, 0, 1, true, 0, 100 * math.Sqrt(0.5), false, -100, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NPSFromCounts(tc.p, tc.a, tc.d, NPSOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := []any{r.Defined, r.Score, r.SE, r.DegenerateInterval, r.Low, r.High}
			want := []any{tc.defined, tc.score, tc.se, tc.degenerateCI, tc.lowAt, tc.highAt}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if r, _ := NPS(Responses{Scores: []int{NoAnswer}}, NPSOptions{}); r.Defined || r.String() != "NPS undefined (n=0)" || r.ResponseRate.Defined {
		t.Errorf("only unanswered: %+v", r)
	}
	if r, _ := NPSFromCounts(1, 0, 0, NPSOptions{SampleVariance: true}); r.Defined {
		t.Error("one response with n−1 variance should be undefined")
	}
}

func TestNPSInvalid(t *testing.T) {
	_, err := NPS(Responses{Scores: []int{11, -2, 5, 10}, Invited: 2}, NPSOptions{})
	want := []string{"scores[0]", "scores[1]", "invited"}
	got := fieldtest.Paths(t, err)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if _, err := NPS(Responses{Invited: -1}, NPSOptions{Confidence: 2}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad confidence: %v", err)
	}
	if _, err := NPSFromCounts(-1, -1, -1, NPSOptions{}); len(fieldtest.Paths(t, err)) != 3 {
		t.Errorf("negative counts: %v", err)
	}
}

func TestCompareNPS(t *testing.T) {
	before, _ := NPSFromCounts(20, 20, 10, NPSOptions{})
	after, _ := NPSFromCounts(30, 10, 10, NPSOptions{})
	d, err := CompareNPS(before, after, 0)
	if err != nil {
		t.Fatal(err)
	}
	// after: p = 0.6, d = 0.2, Var = 0.8 − 0.16 = 0.64, SE = 100·sqrt(0.64/50) = 11.3137;
	// SE(Δ) = sqrt(10.5830² + 11.3137²) = 15.49193338482967.
	z := 1.959963984540054
	want := NPSDifference{Defined: true, Difference: 20, SE: 15.49193338482967, Confidence: 0.95,
		Low: 20 - z*15.49193338482967, High: 20 + z*15.49193338482967, Z: 20 / 15.49193338482967,
		PValue: math.Erfc(20 / 15.49193338482967 / math.Sqrt2)}
	if diff := cmp.Diff(want, d, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	empty, _ := NPSFromCounts(0, 0, 0, NPSOptions{})
	if d, _ := CompareNPS(empty, after, 0); d.Defined || d.PValue != 1 {
		t.Errorf("undefined before: %+v", d)
	}
	if _, err := CompareNPS(NPSResult{Score: 300, SE: -1}, after, 5); len(fieldtest.Paths(t, err)) != 3 {
		t.Errorf("bad input: %v", err)
	}
}

// NPS stays within [−100, 100], its interval contains it, and it equals 100·(P − D)/n.
func TestNPSProperties(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("bounded and consistent", prop.ForAll(
		func(scores []int) bool {
			r, err := NPS(Responses{Scores: scores}, NPSOptions{})
			if err != nil {
				return false
			}
			if r.Responses+r.Unanswered != int64(len(scores)) || r.Promoters+r.Passives+r.Detractors != r.Responses {
				return false
			}
			if !r.Defined {
				return r.Responses == 0
			}
			return r.Score >= -100 && r.Score <= 100 && r.Low <= r.Score && r.Score <= r.High &&
				r.Low >= -100 && r.High <= 100 && r.SE >= 0
		},
		gen.SliceOf(gen.IntRange(-1, 10)),
	))
	props.TestingRun(t)
}

func TestCSAT(t *testing.T) {
	// 8 answers 5,4,3,5,2,4,1,5 (+1 unanswered): top-2-box 5/8 = 62.5%, mean 3.625,
	// sample SD 1.5059406173077154, t_{0.975,7} = 2.3646242515927849.
	r := Responses{Scores: []int{5, 4, 3, 5, 2, 4, NoAnswer, 1, 5}, Invited: 18}
	got, err := CSAT(r, CSATOptions{})
	if err != nil {
		t.Fatal(err)
	}
	h := 2.3646242515927849 * 1.5059406173077154 / math.Sqrt(8)
	want := CSATResult{
		Responses: 8, Unanswered: 1, ResponseRate: metrics.NewRate(8, 18), Satisfied: metrics.NewRate(5, 8),
		Mean:    ScoreMean{Defined: true, Mean: 3.625, StdDev: 1.5059406173077154, IntervalDefined: true, Low: 3.625 - h, High: 3.625 + h},
		Defined: true, Score: 62.5,
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	mean, _ := CSAT(r, CSATOptions{Mode: CSATMean})
	if mean.Score != 3.625 {
		t.Errorf("mean mode score %v", mean.Score)
	}
	tests := []struct {
		name   string
		scores []int
		opt    CSATOptions
		score  float64
	}{
		{"seven point top-2 is 6–7", []int{7, 6, 5, 1}, CSATOptions{Scale: CSATSevenPoint}, 50},
		{"binary", []int{1, 1, 0, 1}, CSATOptions{Scale: CSATBinary}, 75},
		{"binary mean", []int{1, 1, 0, 1}, CSATOptions{Scale: CSATBinary, Mode: CSATMean}, 0.75},
		{"five point 3 is not satisfied", []int{3, 3, 4}, CSATOptions{}, 100.0 / 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CSAT(Responses{Scores: tc.scores}, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got.Score-tc.score) > 1e-12 || got.ResponseRate.Defined {
				t.Errorf("score %v (rate %v), want %v", got.Score, got.ResponseRate, tc.score)
			}
		})
	}
	one, _ := CSAT(Responses{Scores: []int{4}}, CSATOptions{})
	if !one.Mean.Defined || one.Mean.IntervalDefined || one.Mean.Low != 4 {
		t.Errorf("single answer mean: %+v", one.Mean)
	}
	none, _ := CSAT(Responses{Scores: []int{NoAnswer}}, CSATOptions{})
	if none.Defined || none.Satisfied.Defined || none.Mean.Defined {
		t.Errorf("no answers: %+v", none)
	}
	for _, bad := range []struct {
		s   []int
		opt CSATOptions
	}{{[]int{0}, CSATOptions{}}, {[]int{6}, CSATOptions{}}, {[]int{8}, CSATOptions{Scale: CSATSevenPoint}}, {[]int{2}, CSATOptions{Scale: CSATBinary}}, {nil, CSATOptions{Scale: 9, Mode: 9}}} {
		if _, err := CSAT(Responses{Scores: bad.s}, bad.opt); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%v %+v: err = %v", bad.s, bad.opt, err)
		}
	}
}

func TestCES(t *testing.T) {
	// 1–7: agree 5–7, disagree 1–3. Answers 7,6,5,4,3,2,7,7 → agree 5/8, disagree 2/8,
	// net easy 37.5, mean 41/8 = 5.125.
	r := Responses{Scores: []int{7, 6, 5, 4, 3, 2, 7, 7, NoAnswer}}
	tests := []struct {
		opt   CESOptions
		score float64
	}{
		{CESOptions{}, 5.125},
		{CESOptions{Mode: CESPercentAgree}, 62.5},
		{CESOptions{Mode: CESNetEasy}, 37.5},
	}
	for _, tc := range tests {
		got, err := CES(r, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got.Score-tc.score) > 1e-12 || got.Responses != 8 || got.Unanswered != 1 || got.Agree.Numerator != 5 || got.Disagree.Numerator != 2 || got.NetEasy != 37.5 {
			t.Errorf("%v: %+v, want score %v", tc.opt.Mode, got, tc.score)
		}
	}
	// 1–5: agree 4–5, disagree 1–2.
	five, _ := CES(Responses{Scores: []int{5, 4, 3, 2, 1}}, CESOptions{Scale: CESFivePoint, Mode: CESNetEasy})
	if five.Agree.Numerator != 2 || five.Disagree.Numerator != 2 || five.Score != 0 {
		t.Errorf("five point: %+v", five)
	}
	none, _ := CES(Responses{}, CESOptions{})
	if none.Defined || none.Mean.Defined {
		t.Errorf("empty: %+v", none)
	}
	if _, err := CES(Responses{Scores: []int{0, 8}}, CESOptions{}); len(fieldtest.Paths(t, err)) != 2 {
		t.Errorf("off scale: %v", err)
	}
	if _, err := CES(Responses{Scores: []int{6}}, CESOptions{Scale: CESFivePoint}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("6 on a five-point scale: %v", err)
	}
	if err := (CESOptions{Scale: 3, Mode: 4}).Validate(); err == nil {
		t.Error("bad options accepted")
	}
}

// Every input type's Validate accepts a good value and rejects a bad one with
// productops.ErrInvalid and the expected number of field errors.
func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		good   interface{ Validate() error }
		bad    interface{ Validate() error }
		fields int
	}{
		{"NPSOptions", NPSOptions{Confidence: 0.9}, NPSOptions{Confidence: 1.5}, 1},
		{"CSATOptions", CSATOptions{Scale: CSATBinary}, CSATOptions{Scale: 7, Mode: 7}, 2},
		{"CESOptions", CESOptions{Mode: CESNetEasy}, CESOptions{Scale: 7, Mode: 7}, 2},
		{"Responses", Responses{Scores: []int{NoAnswer, 3}, Invited: 2}, Responses{Scores: []int{-2, 4}, Invited: 1}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.good.Validate(); err != nil {
				t.Errorf("good value: %v", err)
			}
			err := tc.bad.Validate()
			if got := fieldtest.Paths(t, err); len(got) != tc.fields {
				t.Errorf("got %d field errors, want %d: %v", len(got), tc.fields, err)
			}
		})
	}
}

// Results serialise to JSON without NaN or infinities, even when undefined.
func TestResultsJSON(t *testing.T) {
	nps, _ := NPSFromCounts(0, 0, 0, NPSOptions{})
	csat, _ := CSAT(Responses{}, CSATOptions{})
	ces, _ := CES(Responses{}, CESOptions{})
	for _, v := range []any{nps, csat, ces} {
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("%T: %v", v, err)
		}
	}
}
