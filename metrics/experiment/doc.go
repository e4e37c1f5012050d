// Package experiment reads out A/B tests: each effect with its interval and p-value, and the
// checks around a test (sample-ratio mismatch, sample size, power).
//
// Map, in the order a program meets it:
//
//   - Summarise each arm: a [ProportionSample] (conversions of users), a [MeanSample]
//     ([MeanSampleOf], Add, Merge) or a [RatioSample] (a ratio metric, delta method); each
//     Estimate gives an [ArmEstimate]. [CUPED] adjusts two [CUPEDSample] arms with a
//     pre-experiment covariate.
//   - Compare: [Compare] reads treatment against control under [Options] and returns a
//     [Comparison] with the absolute and relative [Effect]. Presets: [GrowthBook] (the zero
//     value: Welch t, relative lift) and [Statsig] (unpooled z, Welch below 100 degrees of
//     freedom). [CompareCUPED] adjusts and compares in one call.
//   - Classic tests: [TwoProportionZTest] (pooled or unpooled), [WelchTTest] and
//     [NewProportionInterval] (Wilson or normal).
//   - Checks and planning: [SampleRatioMismatch] (GrowthBook's two zero-weight rules),
//     [SampleSizeProportions], [SampleSizeMeans] and [PowerProportions].
//
// Counts are int64 and statistics float64. An effect that cannot be estimated (an arm with
// fewer than 2 units, zero variance, a zero control mean for a relative lift) is undefined:
// Defined is false, Reason says why and PValue is 1, never NaN. Conversion rates are
// [metrics.Rate] values with their Wilson intervals.
package experiment
