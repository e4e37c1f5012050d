package experiment_test

import (
	"fmt"

	"github.com/productops/productops/metrics/experiment"
)

// GrowthBook's own test vector: Welch t-test on per-user revenue, relative lift.
// Example reads out a conversion test: check the split first, then compare the arms.
func Example() {
	control := experiment.ProportionSample{Conversions: 512, Users: 5021}
	treatment := experiment.ProportionSample{Conversions: 579, Users: 4979}

	srm, err := experiment.SampleRatioMismatch([]int64{control.Users, treatment.Users}, []float64{0.5, 0.5}, experiment.SRMOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("sample ratio mismatch: %v (p = %.3f)\n", srm.Mismatch, srm.PValue)

	a, err := control.Estimate()
	if err != nil {
		panic(err)
	}
	b, err := treatment.Estimate()
	if err != nil {
		panic(err)
	}
	c, err := experiment.Compare(a, b, experiment.GrowthBook) // or experiment.Statsig
	if err != nil {
		panic(err)
	}
	lift := c.Primary()
	fmt.Println("control", control.Rate())
	fmt.Println("treatment", treatment.Rate())
	fmt.Printf("relative lift %+.1f%% (95%% CI %+.1f%% to %+.1f%%), p = %.3f\n", 100*lift.Estimate, 100*lift.Low, 100*lift.High, lift.PValue)
	// Output:
	// sample ratio mismatch: false (p = 0.674)
	// control 10.20% (512/5021, 95% CI 9.39%–11.06%)
	// treatment 11.63% (579/4979, 95% CI 10.77%–12.55%)
	// relative lift +14.0% (95% CI +1.2% to +26.8%), p = 0.032
}

func ExampleCompare() {
	control, _ := experiment.MeanSample{N: 3407, Sum: 1396.87, SumSquares: 52377.9767}.Estimate()
	treatment, _ := experiment.MeanSample{N: 3461, Sum: 2422.7, SumSquares: 134698.29}.Estimate()
	c, _ := experiment.Compare(control, treatment, experiment.GrowthBook)
	lift := c.Primary()
	fmt.Printf("%s test, lift %+.5f, 95%% CI [%.5f, %.5f], p = %.5f\n", c.Test, lift.Estimate, lift.Low, lift.High, lift.PValue)
	fmt.Printf("absolute %+.2f, p = %.5f\n", c.Absolute.Estimate, c.Absolute.PValue)
	// Output:
	// welch_t test, lift +0.70732, 95% CI [-0.03526, 1.44989], p = 0.06191
	// absolute +0.29, p = 0.02016
}

func ExampleCompare_statsig() {
	control, _ := experiment.ProportionSample{Conversions: 200, Users: 1000}.Estimate()
	treatment, _ := experiment.ProportionSample{Conversions: 250, Users: 1000}.Estimate()
	c, _ := experiment.Compare(control, treatment, experiment.Statsig)
	fmt.Printf("%s test: +%.1f pp, z = %.3f, p = %.5f; relative %+.1f%% [%.1f%%, %.1f%%]\n",
		c.Test, 100*c.Absolute.Estimate, c.Absolute.Statistic, c.Absolute.PValue, 100*c.Relative.Estimate, 100*c.Relative.Low, 100*c.Relative.High)
	// Output:
	// z test: +5.0 pp, z = 2.682, p = 0.00731; relative +25.0% [4.5%, 45.5%]
}

func ExampleWelchTTest() {
	a := experiment.MeanSampleOf([]float64{12, 15, 11, 14, 13, 12})
	b := experiment.MeanSampleOf([]float64{16, 14, 18, 15, 17, 19, 16})
	c, _ := experiment.WelchTTest(a, b, 0)
	e := c.Absolute
	fmt.Printf("diff %.3f, t = %.3f, dof = %.2f, p = %.5f\n", e.Estimate, e.Statistic, e.DoF, e.PValue)
	// Output:
	// diff 3.595, t = 4.063, dof = 11.00, p = 0.00187
}

func ExampleMeanSampleOf() {
	s := experiment.MeanSampleOf([]float64{2, 4, 4, 4, 5, 5, 7, 9})
	est, _ := s.Estimate()
	fmt.Printf("n %d, sum %g, sum of squares %g, mean %g, variance %.4f\n", s.N, s.Sum, s.SumSquares, est.Mean, est.Variance)
	// Output:
	// n 8, sum 40, sum of squares 232, mean 5, variance 4.5714
}

func ExampleProportionSample_Estimate() {
	p := experiment.ProportionSample{Conversions: 45, Users: 300}
	est, _ := p.Estimate()
	fmt.Printf("mean %.2f, per-unit variance %.4f, %s\n", est.Mean, est.Variance, p.Rate())
	// Output:
	// mean 0.15, per-unit variance 0.1275, 15.00% (45/300, 95% CI 11.40%–19.48%)
}

func ExampleTwoProportionZTest() {
	control := experiment.ProportionSample{Conversions: 200, Users: 1000}
	treatment := experiment.ProportionSample{Conversions: 250, Users: 1000}
	for _, v := range []experiment.ZVariance{experiment.ZPooled, experiment.ZUnpooled} {
		r, _ := experiment.TwoProportionZTest(control, treatment, v, 0)
		fmt.Printf("%-8s z = %.4f, p = %.5f, diff CI [%.4f, %.4f]\n", v, r.Z, r.PValue, r.Low, r.High)
	}
	// Output:
	// pooled   z = 2.6774, p = 0.00742, diff CI [0.0135, 0.0865]
	// unpooled z = 2.6822, p = 0.00731, diff CI [0.0135, 0.0865]
}

func ExampleNewProportionInterval() {
	for _, m := range []experiment.IntervalMethod{experiment.IntervalWilson, experiment.IntervalNormal} {
		r, _ := experiment.NewProportionInterval(1, 20, m, 0.95)
		fmt.Printf("%-6s %.4f [%.4f, %.4f]\n", m, r.Estimate, r.Low, r.High)
	}
	// Output:
	// wilson 0.0500 [0.0089, 0.2361]
	// normal 0.0500 [0.0000, 0.1455]
}

func ExampleRatioSample_Estimate() {
	// Revenue per order: per user, revenue m and orders d.
	r := experiment.RatioSample{
		N:           5,
		Numerator:   experiment.MeanSampleOf([]float64{1, 4, 0, 3, 6}),
		Denominator: experiment.MeanSampleOf([]float64{2, 3, 1, 2, 4}),
		SumProducts: 1*2 + 4*3 + 0*1 + 3*2 + 6*4,
	}
	est, _ := r.Estimate()
	fmt.Printf("ratio %.4f, delta-method variance %.4f\n", est.Mean, est.Variance)
	// Output:
	// ratio 1.1667, delta-method variance 0.2435
}

func ExampleCUPED() {
	control := experiment.CUPEDSample{Post: experiment.MeanSample{N: 6, Sum: 28, SumSquares: 154}, Pre: experiment.MeanSample{N: 6, Sum: 23, SumSquares: 111}, SumProducts: 130}
	treatment := experiment.CUPEDSample{Post: experiment.MeanSample{N: 7, Sum: 46, SumSquares: 320}, Pre: experiment.MeanSample{N: 7, Sum: 29, SumSquares: 143}, SumProducts: 210}
	r, _ := experiment.CUPED(control, treatment)
	fmt.Printf("theta %.4f, variance reduction %.1f%%\n", r.Theta, 100*r.VarianceReduction)
	c, _ := experiment.Compare(r.Control, r.Treatment, experiment.Options{Lift: experiment.LiftAbsolute})
	fmt.Printf("adjusted difference %.3f, p = %.5f\n", c.Absolute.Estimate, c.Absolute.PValue)
	// Output:
	// theta 0.9565, variance reduction 94.7%
	// adjusted difference 1.609, p = 0.00005
}

func ExampleSampleRatioMismatch() {
	r, _ := experiment.SampleRatioMismatch([]int64{1000, 1200}, []float64{50, 50}, experiment.SRMOptions{})
	fmt.Printf("chi2 %.3f, p = %.9f, mismatch %v\n", r.ChiSquare, r.PValue, r.Mismatch)
	py, _ := experiment.SampleRatioMismatch([]int64{1000, 1000, 50}, []float64{0.5, 0.5, 0}, experiment.SRMOptions{Variant: experiment.SRMKeepZeroWeightUsers})
	fmt.Printf("%s: p = %.6f\n", experiment.SRMKeepZeroWeightUsers, py.PValue)
	// Output:
	// chi2 18.182, p = 0.000020079, mismatch true
	// keep_zero_weight_users: p = 0.543483
}

func ExampleSampleSizeProportions() {
	r, _ := experiment.SampleSizeProportions(experiment.SampleSizeInput{Baseline: 0.10, MinimumEffect: 0.20})
	fmt.Printf("detect 10%% → %.0f%%: %d per arm, %d total\n", 100*r.Treated, r.Control, r.Total)
	// Output:
	// detect 10% → 12%: 3841 per arm, 7682 total
}

func ExampleSampleSizeMeans() {
	r, _ := experiment.SampleSizeMeans(experiment.SampleSizeInput{Baseline: 40, StdDev: 20, MinimumEffect: 5, Lift: experiment.LiftAbsolute, Power: 0.9})
	fmt.Println(r.Control, "per arm")
	// Output:
	// 337 per arm
}

func ExamplePowerProportions() {
	p, _ := experiment.PowerProportions(0.10, 0.12, 2000, 2000, 0)
	fmt.Printf("power %.3f\n", p)
	// Output:
	// power 0.524
}

func ExampleArmEstimate_Validate() {
	fmt.Println(experiment.ArmEstimate{N: -1, Variance: -2}.Validate())
	// Output:
	// experiment: arm estimate: invalid: n: must be at least 0; variance: must be a finite number at least 0
}

func ExampleOptions_Validate() {
	fmt.Println(experiment.Options{Confidence: 95}.Validate())
	// Output:
	// experiment: options: invalid: confidence: must be 0 (meaning 0.95) or strictly between 0 and 1
}

func ExampleProportionSample_Validate() {
	fmt.Println(experiment.ProportionSample{Conversions: 12, Users: 10}.Validate())
	// Output:
	// experiment: proportion sample: invalid: conversions: must not exceed users
}

func ExampleMeanSample_Validate() {
	fmt.Println(experiment.MeanSample{N: 3, Sum: 6, SumSquares: -1}.Validate())
	// Output:
	// experiment: mean sample: invalid: sum_squares: must be a finite number at least 0
}

func ExampleRatioSample_Validate() {
	fmt.Println(experiment.RatioSample{N: 4, Numerator: experiment.MeanSample{N: 4}, Denominator: experiment.MeanSample{N: 3}}.Validate())
	// Output:
	// experiment: ratio sample: invalid: denominator.n: must equal n
}

func ExampleCUPEDSample_Validate() {
	fmt.Println(experiment.CUPEDSample{Post: experiment.MeanSample{N: 10}, Pre: experiment.MeanSample{N: 9}}.Validate())
	// Output:
	// experiment: CUPED sample: invalid: pre.n: must equal post.n
}

func ExampleSRMOptions_Validate() {
	fmt.Println(experiment.SRMOptions{Threshold: 5}.Validate())
	// Output:
	// experiment: SRM options: invalid: threshold: must be 0 (meaning 0.001) or strictly between 0 and 1
}

func ExampleSampleSizeInput_Validate() {
	fmt.Println(experiment.SampleSizeInput{Baseline: 0.1, MinimumEffect: -0.05}.Validate())
	// Output:
	// experiment: sample size input: invalid: minimum_effect: must be a finite number greater than 0
}

func ExampleTest_String() {
	fmt.Println(experiment.TestZ.String())
	// Output:
	// z
}

func ExampleTest_MarshalText() {
	b, _ := experiment.TestZ.MarshalText()
	fmt.Println(string(b))
	// Output:
	// z
}

func ExampleTest_UnmarshalText() {
	var v experiment.Test
	err := v.UnmarshalText([]byte("welch_t"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// welch_t <nil>
	// experiment: test: invalid: unknown test "bogus"; want one of welch_t, z
}

func ExampleLiftType_String() {
	fmt.Println(experiment.LiftAbsolute.String())
	// Output:
	// absolute
}

func ExampleLiftType_MarshalText() {
	b, _ := experiment.LiftAbsolute.MarshalText()
	fmt.Println(string(b))
	// Output:
	// absolute
}

func ExampleLiftType_UnmarshalText() {
	var v experiment.LiftType
	err := v.UnmarshalText([]byte("relative"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// relative <nil>
	// experiment: lift type: invalid: unknown lift type "bogus"; want one of relative, absolute
}

func ExampleZVariance_String() {
	fmt.Println(experiment.ZUnpooled.String())
	// Output:
	// unpooled
}

func ExampleZVariance_MarshalText() {
	b, _ := experiment.ZUnpooled.MarshalText()
	fmt.Println(string(b))
	// Output:
	// unpooled
}

func ExampleZVariance_UnmarshalText() {
	var v experiment.ZVariance
	err := v.UnmarshalText([]byte("pooled"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// pooled <nil>
	// experiment: z-test variance: invalid: unknown z-test variance "bogus"; want one of pooled, unpooled
}

func ExampleIntervalMethod_String() {
	fmt.Println(experiment.IntervalNormal.String())
	// Output:
	// normal
}

func ExampleIntervalMethod_MarshalText() {
	b, _ := experiment.IntervalNormal.MarshalText()
	fmt.Println(string(b))
	// Output:
	// normal
}

func ExampleIntervalMethod_UnmarshalText() {
	var v experiment.IntervalMethod
	err := v.UnmarshalText([]byte("wilson"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// wilson <nil>
	// experiment: interval method: invalid: unknown interval method "bogus"; want one of wilson, normal
}

func ExampleSRMVariant_String() {
	fmt.Println(experiment.SRMKeepZeroWeightUsers.String())
	// Output:
	// keep_zero_weight_users
}

func ExampleSRMVariant_MarshalText() {
	b, _ := experiment.SRMKeepZeroWeightUsers.MarshalText()
	fmt.Println(string(b))
	// Output:
	// keep_zero_weight_users
}

func ExampleSRMVariant_UnmarshalText() {
	var v experiment.SRMVariant
	err := v.UnmarshalText([]byte("skip_zero_weight"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// skip_zero_weight <nil>
	// experiment: SRM variant: invalid: unknown SRM variant "bogus"; want one of skip_zero_weight, keep_zero_weight_users
}

func ExampleMeanSample_Add() {
	s := experiment.MeanSample{}.Add(3).Add(5)
	fmt.Printf("%+v\n", s)
	// Output:
	// {N:2 Sum:8 SumSquares:34}
}

func ExampleMeanSample_Merge() {
	shard1 := experiment.MeanSampleOf([]float64{1, 2, 3})
	shard2 := experiment.MeanSampleOf([]float64{4, 5})
	fmt.Printf("%+v\n", shard1.Merge(shard2))
	// Output:
	// {N:5 Sum:15 SumSquares:55}
}

func ExampleMeanSample_Estimate() {
	est, _ := experiment.MeanSample{N: 4, Sum: 10, SumSquares: 30}.Estimate()
	fmt.Printf("mean %g, variance %.4f\n", est.Mean, est.Variance)
	// Output:
	// mean 2.5, variance 1.6667
}

func ExampleProportionSample_Rate() {
	fmt.Println(experiment.ProportionSample{Conversions: 9, Users: 20}.Rate())
	// Output:
	// 45.00% (9/20, 95% CI 25.82%–65.79%)
}

func ExampleComparison_Primary() {
	a, _ := experiment.ProportionSample{Conversions: 14, Users: 28}.Estimate()
	b, _ := experiment.ProportionSample{Conversions: 16, Users: 30}.Estimate()
	c, _ := experiment.Compare(a, b, experiment.Options{})
	p := c.Primary()
	fmt.Printf("relative %.5f [%.5f, %.5f], p = %.5f\n", p.Estimate, p.Low, p.High, p.PValue)
	// Output:
	// relative 0.06667 [-0.47767, 0.61101], p = 0.80707
}

func ExampleCompareCUPED() {
	control := experiment.CUPEDSample{Post: experiment.MeanSample{N: 6, Sum: 28, SumSquares: 154}, Pre: experiment.MeanSample{N: 6, Sum: 23, SumSquares: 111}, SumProducts: 130}
	treatment := experiment.CUPEDSample{Post: experiment.MeanSample{N: 7, Sum: 46, SumSquares: 320}, Pre: experiment.MeanSample{N: 7, Sum: 29, SumSquares: 143}, SumProducts: 210}
	c, r, _ := experiment.CompareCUPED(control, treatment, experiment.GrowthBook)
	fmt.Printf("theta %.3f, lift %+.1f%% [%+.1f%%, %+.1f%%], p = %.4f\n", r.Theta, 100*c.Relative.Estimate, 100*c.Relative.Low, 100*c.Relative.High, c.Relative.PValue)
	// Output:
	// theta 0.957, lift +34.5% [+11.5%, +57.5%], p = 0.0071
}
