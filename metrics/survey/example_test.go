package survey_test

import (
	"errors"
	"fmt"

	"github.com/productops/productops"
	"github.com/productops/productops/metrics/survey"
)

// Example scores one quarter's survey answers and compares NPS with the previous quarter.
func Example() {
	q1 := survey.Responses{Scores: []int{10, 9, 9, 10, 8, 7, 6, 3, 10, 9, survey.NoAnswer}, Invited: 40}
	nps, err := survey.NPS(q1, survey.NPSOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(nps)
	fmt.Println("response rate", nps.ResponseRate)

	q4, err := survey.NPSFromCounts(30, 40, 30, survey.NPSOptions{})
	if err != nil {
		panic(err)
	}
	diff, err := survey.CompareNPS(q4, nps, 0)
	if err != nil {
		panic(err)
	}
	fmt.Printf("change %+.1f points, p = %.3f\n", diff.Difference, diff.PValue)

	csat, err := survey.CSAT(survey.Responses{Scores: []int{5, 4, 4, 3, 5, 2, 4}}, survey.CSATOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println("CSAT", csat.Satisfied)
	// Output:
	// NPS 40.0 ± 49.6 (95% CI -9.6 to 89.6, n=10)
	// response rate 25.00% (10/40, 95% CI 14.19%–40.19%)
	// change +40.0 points, p = 0.131
	// CSAT 71.43% (5/7, 95% CI 35.89%–91.78%)
}

func ExampleNPS() {
	scores := []int{10, 9, 9, 10, 8, 7, 6, 3, 10, 9, survey.NoAnswer}
	r, err := survey.NPS(survey.Responses{Scores: scores, Invited: 40}, survey.NPSOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(r)
	fmt.Printf("promoters %d, passives %d, detractors %d, unanswered %d\n", r.Promoters, r.Passives, r.Detractors, r.Unanswered)
	fmt.Printf("SE %.2f, response rate %s\n", r.SE, r.ResponseRate)
	// Output:
	// NPS 40.0 ± 49.6 (95% CI -9.6 to 89.6, n=10)
	// promoters 6, passives 2, detractors 2, unanswered 1
	// SE 25.30, response rate 25.00% (10/40, 95% CI 14.19%–40.19%)
}

func ExampleNPS_offScale() {
	_, err := survey.NPS(survey.Responses{Scores: []int{10, 11}}, survey.NPSOptions{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, productops.ErrInvalid))
	// Output:
	// survey: NPS responses: invalid: scores[1]: must be between 0 and 10, or NoAnswer (-1); got 11
	// true
}

func ExampleNPSFromCounts() {
	r, _ := survey.NPSFromCounts(120, 50, 30, survey.NPSOptions{Confidence: 0.9})
	fmt.Println(r)
	empty, _ := survey.NPSFromCounts(0, 0, 0, survey.NPSOptions{})
	fmt.Println(empty)
	// Output:
	// NPS 45.0 ± 8.6 (90% CI 36.4 to 53.6, n=200)
	// NPS undefined (n=0)
}

func ExampleCompareNPS() {
	q1, _ := survey.NPSFromCounts(20, 20, 10, survey.NPSOptions{})
	q2, _ := survey.NPSFromCounts(30, 10, 10, survey.NPSOptions{})
	d, _ := survey.CompareNPS(q1, q2, 0)
	fmt.Printf("change %+.1f points, 95%% CI %.1f to %.1f, p = %.3f\n", d.Difference, d.Low, d.High, d.PValue)
	// Output:
	// change +20.0 points, 95% CI -10.4 to 50.4, p = 0.197
}

func ExampleCSAT() {
	responses := survey.Responses{Scores: []int{5, 4, 3, 5, 2, 4, survey.NoAnswer, 1, 5}, Invited: 18}
	top2, _ := survey.CSAT(responses, survey.CSATOptions{})
	mean, _ := survey.CSAT(responses, survey.CSATOptions{Mode: survey.CSATMean})
	fmt.Printf("CSAT %.1f%% (%s)\n", top2.Score, top2.Satisfied)
	fmt.Printf("mean %.3f (95%% CI %.2f–%.2f), response rate %s\n", mean.Score, mean.Mean.Low, mean.Mean.High, mean.ResponseRate)
	// Output:
	// CSAT 62.5% (62.50% (5/8, 95% CI 30.57%–86.32%))
	// mean 3.625 (95% CI 2.37–4.88), response rate 44.44% (8/18, 95% CI 24.56%–66.28%)
}

func ExampleCES() {
	r, _ := survey.CES(survey.Responses{Scores: []int{7, 6, 5, 4, 3, 2, 7, 7}}, survey.CESOptions{})
	fmt.Printf("CES %.3f on 1–7, agree %.1f%%, net easy %+.1f\n", r.Score, 100*r.Agree.Value, r.NetEasy)
	// Output:
	// CES 5.125 on 1–7, agree 62.5%, net easy +37.5
}

func ExampleNPSOptions_Validate() {
	fmt.Println(survey.NPSOptions{Confidence: 1.2}.Validate())
	// Output:
	// survey: NPS options: invalid: confidence: must be 0 (meaning 0.95) or strictly between 0 and 1
}

func ExampleCSATOptions_Validate() {
	fmt.Println(survey.CSATOptions{Scale: 9}.Validate())
	// Output:
	// survey: CSAT options: invalid: scale: must be five_point, seven_point or binary
}

func ExampleCESOptions_Validate() {
	fmt.Println(survey.CESOptions{Mode: 9}.Validate())
	// Output:
	// survey: CES options: invalid: mode: must be mean, percent_agree or net_easy
}

func ExampleResponses_Validate() {
	fmt.Println(survey.Responses{Scores: []int{5, 4, 3}, Invited: 2}.Validate())
	// Output:
	// survey: responses: invalid: invited: must be 0 (unknown) or at least the number of responses (3)
}

func ExampleCSATScale_String() {
	fmt.Println(survey.CSATSevenPoint.String())
	// Output:
	// seven_point
}

func ExampleCSATScale_MarshalText() {
	b, _ := survey.CSATSevenPoint.MarshalText()
	fmt.Println(string(b))
	// Output:
	// seven_point
}

func ExampleCSATScale_UnmarshalText() {
	var v survey.CSATScale
	err := v.UnmarshalText([]byte("binary"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// binary <nil>
	// survey: CSAT scale: invalid: unknown CSAT scale "bogus"; want one of five_point, seven_point, binary
}

func ExampleCSATMode_String() {
	fmt.Println(survey.CSATMean.String())
	// Output:
	// mean
}

func ExampleCSATMode_MarshalText() {
	b, _ := survey.CSATMean.MarshalText()
	fmt.Println(string(b))
	// Output:
	// mean
}

func ExampleCSATMode_UnmarshalText() {
	var v survey.CSATMode
	err := v.UnmarshalText([]byte("top_box"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// top_box <nil>
	// survey: CSAT mode: invalid: unknown CSAT mode "bogus"; want one of top_box, mean
}

func ExampleCESScale_String() {
	fmt.Println(survey.CESFivePoint.String())
	// Output:
	// five_point
}

func ExampleCESScale_MarshalText() {
	b, _ := survey.CESFivePoint.MarshalText()
	fmt.Println(string(b))
	// Output:
	// five_point
}

func ExampleCESScale_UnmarshalText() {
	var v survey.CESScale
	err := v.UnmarshalText([]byte("seven_point"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// seven_point <nil>
	// survey: CES scale: invalid: unknown CES scale "bogus"; want one of seven_point, five_point
}

func ExampleCESMode_String() {
	fmt.Println(survey.CESNetEasy.String())
	// Output:
	// net_easy
}

func ExampleCESMode_MarshalText() {
	b, _ := survey.CESNetEasy.MarshalText()
	fmt.Println(string(b))
	// Output:
	// net_easy
}

func ExampleCESMode_UnmarshalText() {
	var v survey.CESMode
	err := v.UnmarshalText([]byte("percent_agree"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// percent_agree <nil>
	// survey: CES mode: invalid: unknown CES mode "bogus"; want one of mean, percent_agree, net_easy
}

func ExampleNPSResult_String() {
	r, _ := survey.NPSFromCounts(9, 4, 2, survey.NPSOptions{})
	fmt.Println(r.String())
	// Output:
	// NPS 46.7 ± 36.3 (95% CI 10.3 to 83.0, n=15)
}
