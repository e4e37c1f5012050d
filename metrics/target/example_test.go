package target_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/metrics/target"
)

func bizNRR() target.KPI {
	return target.KPI{Name: "NRR", Unit: "%", Target: decimal.RequireFromString("110"),
		Thresholds: target.KPIThresholds{OnTrack: decimal.RequireFromString("105"), AtRisk: decimal.RequireFromString("100")}}
}

// Example judges a paced revenue target at the end of March and describes its trend.
func Example() {
	d := decimal.RequireFromString
	month := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	mrr := target.KPI{
		Name: "MRR", Unit: "kUSD", Target: d("160"),
		Thresholds: target.KPIThresholds{OnTrack: d("160"), AtRisk: d("140")},
		// The thresholds grow linearly from the baseline on Jan 1 to their full value on Jul 1.
		Pace: &target.KPIPace{Baseline: d("100"), Start: month(1), Deadline: month(7)},
	}
	series := []target.KPIPoint{
		{At: month(2), Value: d("108")},
		{At: month(3), Value: d("119")},
		{At: month(4), Value: d("124")},
	}
	e, err := mrr.StatusOf(series, month(4))
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Status, "-", e.Reason)
	fmt.Println("progress", e.Progress.Percent())

	tr, err := mrr.Trend(series, month(4))
	if err != nil {
		panic(err)
	}
	fmt.Println("trend", tr.Latest, "for", tr.Streak, "months")
	// Output:
	// at_risk - MRR is 124 kUSD, short of the on-track line 129.83428 kUSD but at or above the at-risk line 119.88952 kUSD (lines paced at 49.7% of the period)
	// progress 40.00%
	// trend improving for 2 months
}

func ExampleKPI_Status() {
	for _, v := range []string{"107", "102.5", "96"} {
		e, _ := bizNRR().Status(decimal.RequireFromString(v), bizDay(2026, 3, 31))
		fmt.Printf("%-9s %s\n", e.Status, e.Reason)
	}
	// Output:
	// on_track  NRR is 107%, at or above the on-track line 105%
	// at_risk   NRR is 102.5%, short of the on-track line 105% but at or above the at-risk line 100%
	// off_track NRR is 96%, short of the at-risk line 100%
}

func ExampleKPI_StatusOf() {
	k := target.KPI{Name: "MRR", Unit: "kUSD", Target: decimal.RequireFromString("160"),
		Thresholds: target.KPIThresholds{OnTrack: decimal.RequireFromString("160"), AtRisk: decimal.RequireFromString("140")},
		Pace:       &target.KPIPace{Baseline: decimal.RequireFromString("100"), Start: bizDay(2026, 1, 1), Deadline: bizDay(2026, 7, 1)}}
	series := []target.KPIPoint{{At: bizDay(2026, 2, 1), Value: decimal.RequireFromString("110")}, {At: bizDay(2026, 4, 1), Value: decimal.RequireFromString("131")}}
	e, _ := k.StatusOf(series, bizDay(2026, 4, 1))
	fmt.Println(e.Status, "-", e.Reason)
	e, _ = k.StatusOf(series, bizDay(2025, 12, 1))
	fmt.Println(e.Status, "-", e.Reason)
	// Output:
	// on_track - MRR is 131 kUSD, at or above the on-track line 129.83428 kUSD (lines paced at 49.7% of the period)
	// unknown - MRR has no value at or before 2025-12-01T12:00:00Z
}

func ExampleKPI_Trend() {
	churn := target.KPI{Name: "churn", Unit: "%", Direction: target.LowerIsBetter, Target: decimal.RequireFromString("2"),
		Thresholds: target.KPIThresholds{OnTrack: decimal.RequireFromString("2.5"), AtRisk: decimal.RequireFromString("4")}}
	series := []target.KPIPoint{
		{At: bizDay(2026, 1, 31), Value: decimal.RequireFromString("4.1")},
		{At: bizDay(2026, 2, 28), Value: decimal.RequireFromString("3.6")},
		{At: bizDay(2026, 3, 31), Value: decimal.RequireFromString("3.2")},
	}
	tr, _ := churn.Trend(series, bizDay(2026, 4, 1))
	for _, c := range tr.Changes {
		fmt.Printf("%s: %s (%s)\n", c.To.Format("2006-01"), c.Delta, c.Direction)
	}
	fmt.Println("latest", tr.Latest, "streak", tr.Streak, "overall", tr.OverallDelta)
	// Output:
	// 2026-02: -0.5 (improving)
	// 2026-03: -0.4 (improving)
	// latest improving streak 2 overall -0.9
}

func ExampleKPI_Validate() {
	err := target.KPI{Thresholds: target.KPIThresholds{OnTrack: decimal.RequireFromString("1"), AtRisk: decimal.RequireFromString("2")}}.Validate()
	fmt.Println(err)
	// Output:
	// target: KPI: invalid: name: is required; target: is required; thresholds.at_risk: must be at most on_track when higher is better
}

func ExampleComposeEngagement() {
	d := decimal.RequireFromString
	s, _ := target.ComposeEngagement([]target.EngagementComponent{
		{Name: "DAU/MAU", Value: d("0.22"), Min: d("0"), Max: d("0.5"), Weight: d("2")},
		{Name: "core features adopted", Value: d("3"), Min: d("0"), Max: d("5"), Weight: d("1")},
		{Name: "tickets per account", Value: d("1.5"), Min: d("0"), Max: d("5"), Direction: target.LowerIsBetter, Weight: d("1")},
	})
	for _, p := range s.Parts {
		fmt.Printf("%-22s %8s × %s = %s\n", p.Name, p.Normalized, p.Share, p.Contribution)
	}
	fmt.Println("score", s.Score)
	// Output:
	// DAU/MAU                      44 × 0.5 = 22
	// core features adopted        60 × 0.25 = 15
	// tickets per account          70 × 0.25 = 17.5
	// score 54.5
}

func ExamplePESComponents() {
	d := decimal.RequireFromString
	s, _ := target.ComposeEngagement(target.PESComponents(d("42"), d("18"), d("60")))
	fmt.Println("PES", s.Score)
	// Output:
	// PES 40
}

func ExampleKPIPoint_Validate() {
	fmt.Println(target.KPIPoint{}.Validate())
	// Output:
	// target: KPI point: invalid: at: is required
}

func ExampleEngagementComponent_Validate() {
	fmt.Println(target.EngagementComponent{Name: "DAU/MAU", Min: decimal.RequireFromString("1"), Max: decimal.RequireFromString("0")}.Validate())
	// Output:
	// target: engagement component: invalid: max: must be greater than min
}

func ExampleKPIDirection_String() {
	fmt.Println(target.LowerIsBetter.String())
	// Output:
	// lower_is_better
}

func ExampleKPIDirection_MarshalText() {
	b, _ := target.LowerIsBetter.MarshalText()
	fmt.Println(string(b))
	// Output:
	// lower_is_better
}

func ExampleKPIDirection_UnmarshalText() {
	var v target.KPIDirection
	err := v.UnmarshalText([]byte("higher_is_better"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// higher_is_better <nil>
	// target: KPI direction: invalid: unknown KPI direction "bogus"; want one of higher_is_better, lower_is_better
}

func ExampleKPIStatus_String() {
	fmt.Println(target.KPIAtRisk.String())
	// Output:
	// at_risk
}

func ExampleKPIStatus_MarshalText() {
	b, _ := target.KPIAtRisk.MarshalText()
	fmt.Println(string(b))
	// Output:
	// at_risk
}

func ExampleKPIStatus_UnmarshalText() {
	var v target.KPIStatus
	err := v.UnmarshalText([]byte("off_track"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// off_track <nil>
	// target: KPI status: invalid: unknown KPI status "bogus"; want one of unknown, on_track, at_risk, off_track
}

func ExampleKPITrendDirection_String() {
	fmt.Println(target.TrendImproving.String())
	// Output:
	// improving
}

func ExampleKPITrendDirection_MarshalText() {
	b, _ := target.TrendImproving.MarshalText()
	fmt.Println(string(b))
	// Output:
	// improving
}

func ExampleKPITrendDirection_UnmarshalText() {
	var v target.KPITrendDirection
	err := v.UnmarshalText([]byte("worsening"))
	fmt.Println(v, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// worsening <nil>
	// target: KPI trend: invalid: unknown KPI trend "bogus"; want one of unknown, improving, flat, worsening
}

func bizDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
