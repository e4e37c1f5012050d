package stats

import (
	"math"
	"testing"
)

// Reference values are textbook table entries (t and chi-square critical values) and
// closed forms (t with 1 and 2 degrees of freedom, chi-square with 2 degrees of freedom).
func TestStudentTCDF(t *testing.T) {
	tests := []struct {
		name  string
		t, nu float64
		want  float64
	}{
		// nu = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/pi.
		{"cauchy 1", 1, 1, 0.75},
		{"cauchy -3", -3, 1, 0.5 + math.Atan(-3)/math.Pi},
		// nu = 2: F(t) = 1/2 + t/(2 sqrt(2 + t^2)).
		{"nu2 1.5", 1.5, 2, 0.5 + 1.5/(2*math.Sqrt(2+2.25))},
		{"nu2 -0.3", -0.3, 2, 0.5 - 0.3/(2*math.Sqrt(2+0.09))},
		// Table: t_{0.975, 10} = 2.228138851986274, t_{0.995, 30} = 2.749995653567...
		{"table 10", 2.228138851986274, 10, 0.975},
		{"zero", 0, 7.3, 0.5},
		{"normal limit", 1.959963984540054, math.Inf(1), 0.975},
		{"+inf", math.Inf(1), 4, 1},
		{"-inf", math.Inf(-1), 4, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := StudentTCDF(tc.t, tc.nu)
			if math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("StudentTCDF(%v, %v) = %.16g, want %.16g", tc.t, tc.nu, got, tc.want)
			}
		})
	}
	for _, bad := range [][2]float64{{math.NaN(), 3}, {1, 0}, {1, -2}, {1, math.NaN()}} {
		if got := StudentTCDF(bad[0], bad[1]); !math.IsNaN(got) {
			t.Errorf("StudentTCDF(%v, %v) = %v, want NaN", bad[0], bad[1], got)
		}
	}
}

func TestStudentTQuantile(t *testing.T) {
	tests := []struct {
		p, nu, want float64
	}{
		{0.975, 1, 12.706204736174698},
		{0.975, 10, 2.228138851986274},
		{0.975, 30, 2.0422724563012373},
		{0.025, 10, -2.228138851986274},
		{0.95, 2, 2.919985580353726},
		{0.5, 3, 0},
		{0.975, math.Inf(1), 1.959963984540054},
	}
	for _, tc := range tests {
		got := StudentTQuantile(tc.p, tc.nu)
		if math.Abs(got-tc.want) > 1e-9*math.Max(1, math.Abs(tc.want)) {
			t.Errorf("StudentTQuantile(%v, %v) = %.16g, want %.16g", tc.p, tc.nu, got, tc.want)
		}
	}
	// Round trip on a grid, including fractional Welch degrees of freedom.
	for _, nu := range []float64{0.7, 1, 2.5, 9.3, 57.1, 6000.4, 1e6} {
		for _, p := range []float64{1e-8, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999} {
			x := StudentTQuantile(p, nu)
			if got := StudentTCDF(x, nu); math.Abs(got-p) > 1e-9*math.Max(p, 1e-6) {
				t.Errorf("StudentTCDF(StudentTQuantile(%v, %v)) = %v", p, nu, got)
			}
		}
	}
	if !math.IsInf(StudentTQuantile(0, 3), -1) || !math.IsInf(StudentTQuantile(1, 3), 1) {
		t.Error("quantile at 0 and 1 should be infinite")
	}
	for _, bad := range [][2]float64{{-0.1, 3}, {1.1, 3}, {math.NaN(), 3}, {0.5, 0}} {
		if got := StudentTQuantile(bad[0], bad[1]); !math.IsNaN(got) {
			t.Errorf("StudentTQuantile(%v, %v) = %v, want NaN", bad[0], bad[1], got)
		}
	}
}

func TestChiSquare(t *testing.T) {
	tests := []struct {
		x, k, wantSF float64
	}{
		// k = 2: survival is exp(-x/2).
		{3, 2, math.Exp(-1.5)},
		{40, 2, math.Exp(-20)},
		// Table critical values.
		{3.841458820694124, 1, 0.05},
		{6.634896601021214, 1, 0.01},
		{11.070497693516351, 5, 0.05},
		{0, 3, 1},
		{-1, 3, 1},
	}
	for _, tc := range tests {
		got := ChiSquareSurvival(tc.x, tc.k)
		if math.Abs(got-tc.wantSF) > 1e-12*math.Max(1, tc.wantSF) && math.Abs(got/tc.wantSF-1) > 1e-9 {
			t.Errorf("ChiSquareSurvival(%v, %v) = %.16g, want %.16g", tc.x, tc.k, got, tc.wantSF)
		}
		if c := ChiSquareCDF(tc.x, tc.k); math.Abs(c+got-1) > 1e-15 {
			t.Errorf("ChiSquareCDF + Survival = %v", c+got)
		}
	}
	if !math.IsNaN(ChiSquareSurvival(1, 0)) || !math.IsNaN(ChiSquareCDF(math.NaN(), 1)) {
		t.Error("bad arguments should give NaN")
	}
}

func TestRegIncDomain(t *testing.T) {
	if !math.IsNaN(RegIncBeta(-0.1, 1, 1)) || !math.IsNaN(RegIncBeta(0.5, 0, 1)) {
		t.Error("RegIncBeta outside its domain should be NaN")
	}
	if RegIncBeta(0, 2, 3) != 0 || RegIncBeta(1, 2, 3) != 1 {
		t.Error("RegIncBeta ends")
	}
	// I_x(1, 1) = x; I_x(a, 1) = x^a.
	if got := RegIncBeta(0.3, 1, 1); math.Abs(got-0.3) > 1e-15 {
		t.Errorf("I_0.3(1,1) = %v", got)
	}
	if got := RegIncBeta(0.8, 3, 1); math.Abs(got-0.512) > 1e-14 {
		t.Errorf("I_0.8(3,1) = %v", got)
	}
	if !math.IsNaN(RegIncGammaQ(0, 1)) || RegIncGammaQ(2, math.Inf(1)) != 0 || RegIncGammaQ(2, 0) != 1 {
		t.Error("RegIncGammaQ domain")
	}
}

func BenchmarkStudentTQuantile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = StudentTQuantile(0.975, 6743.2)
	}
}

func TestStudentTSurvival(t *testing.T) {
	// Far tail: 1 - CDF would round; the survival keeps its precision. nu = 1: atan form.
	got := StudentTSurvival(1e6, 1)
	want := 0.5 - math.Atan(1e6)/math.Pi
	if math.Abs(got/want-1) > 1e-9 {
		t.Errorf("StudentTSurvival(1e6, 1) = %v, want %v", got, want)
	}
}
