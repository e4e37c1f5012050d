package target

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

func utc(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func nrrKPI() KPI {
	return KPI{Name: "NRR", Unit: "%", Direction: HigherIsBetter, Target: dec("110"),
		Thresholds: KPIThresholds{OnTrack: dec("105"), AtRisk: dec("100")}}
}

func churnKPI() KPI {
	return KPI{Name: "churn", Unit: "%", Direction: LowerIsBetter, Target: dec("2"),
		Thresholds: KPIThresholds{OnTrack: dec("2.5"), AtRisk: dec("4")}}
}

func TestKPIStatus(t *testing.T) {
	asOf := utc(2026, 3, 31, 0)
	tests := []struct {
		name   string
		kpi    KPI
		value  string
		status KPIStatus
		reason string
	}{
		{"above on track", nrrKPI(), "112", KPIOnTrack, "NRR is 112%, at or above the on-track line 105%"},
		{"exactly on track is on track", nrrKPI(), "105", KPIOnTrack, "NRR is 105%, at or above the on-track line 105%"},
		{"between is at risk", nrrKPI(), "104.9", KPIAtRisk, "NRR is 104.9%, short of the on-track line 105% but at or above the at-risk line 100%"},
		{"exactly at risk", nrrKPI(), "100", KPIAtRisk, "NRR is 100%, short of the on-track line 105% but at or above the at-risk line 100%"},
		{"below is off track", nrrKPI(), "99.99", KPIOffTrack, "NRR is 99.99%, short of the at-risk line 100%"},
		{"lower is better on track", churnKPI(), "2.5", KPIOnTrack, "churn is 2.5%, at or below the on-track line 2.5%"},
		{"lower is better at risk", churnKPI(), "3", KPIAtRisk, "churn is 3%, short of the on-track line 2.5% but at or below the at-risk line 4%"},
		{"lower is better off track", churnKPI(), "4.01", KPIOffTrack, "churn is 4.01%, short of the at-risk line 4%"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := tc.kpi.Status(dec(tc.value), asOf)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]any{tc.status, tc.reason, true}, []any{e.Status, e.Reason, e.HasValue}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// Progress towards the target from 0: 112/110.
	e, _ := nrrKPI().Status(dec("112"), asOf)
	if e.Progress.String() != "1.018182" {
		t.Errorf("progress %v", e.Progress)
	}
}

// Paced thresholds: from baseline 100 on 2026-01-01 to on-track 160 / at-risk 140 on
// 2026-07-01 (181 days). On 2026-04-01 (90 days, 0.497238) the lines are 100 + 60·0.497238
// = 129.83428 and 100 + 40·0.497238 = 119.88952.
func TestKPIPacedStatus(t *testing.T) {
	k := KPI{Name: "MRR", Unit: "kUSD", Target: dec("160"), Thresholds: KPIThresholds{OnTrack: dec("160"), AtRisk: dec("140")},
		Pace: &KPIPace{Baseline: dec("100"), Start: utc(2026, 1, 1, 0), Deadline: utc(2026, 7, 1, 0)}}
	series := []KPIPoint{
		{At: utc(2026, 2, 1, 0), Value: dec("108")},
		{At: utc(2026, 3, 1, 0), Value: dec("115")},
		{At: utc(2026, 4, 1, 0), Value: dec("125")},
		{At: utc(2026, 5, 1, 0), Value: dec("150")}, // after as_of: ignored
	}
	e, err := k.StatusOf(series, utc(2026, 4, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{e.Status.String(), e.Value.String(), e.Elapsed.String(), e.OnTrackLine.String(), e.AtRiskLine.String(), e.Progress.String(), e.Reason}
	want := []string{"at_risk", "125", "0.497238", "129.83428", "119.88952", "0.416667",
		"MRR is 125 kUSD, short of the on-track line 129.83428 kUSD but at or above the at-risk line 119.88952 kUSD (lines paced at 49.7% of the period)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Before the start the lines sit at the baseline; after the deadline they are full.
	early, _ := k.Status(dec("100"), utc(2025, 12, 1, 0))
	late, _ := k.Status(dec("150"), utc(2026, 8, 1, 0))
	if early.Status != KPIOnTrack || !early.OnTrackLine.Equal(dec("100")) || late.Status != KPIAtRisk || !late.OnTrackLine.Equal(dec("160")) {
		t.Errorf("early %v %v, late %v %v", early.Status, early.OnTrackLine, late.Status, late.OnTrackLine)
	}
	none, err := k.StatusOf(series, utc(2026, 1, 15, 0))
	if err != nil || none.Status != KPIStatusUnknown || none.HasValue || none.Reason != "MRR has no value at or before 2026-01-15T00:00:00Z" || none.Progress.Defined {
		t.Errorf("no data: %+v %v", none, err)
	}
}

func TestKPIInvalid(t *testing.T) {
	bad := KPI{Direction: HigherIsBetter, Thresholds: KPIThresholds{OnTrack: dec("1"), AtRisk: dec("2")},
		Pace: &KPIPace{Baseline: dec("0"), Start: utc(2026, 2, 1, 0), Deadline: utc(2026, 1, 1, 0)}}
	err := bad.Validate()
	fields := fieldtest.Paths(t, err)
	want := []string{"name", "target", "thresholds.at_risk", "pace.deadline"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	lower := churnKPI()
	lower.Thresholds.AtRisk = dec("1")
	if err := lower.Validate(); err == nil {
		t.Error("lower-is-better thresholds in the wrong order accepted")
	}
	odd := nrrKPI()
	odd.Direction = 5
	if _, err := odd.Status(dec("1"), time.Time{}); len(fieldtest.Paths(t, err)) != 2 {
		t.Errorf("bad direction and zero as_of: %v", err)
	}
	if _, err := nrrKPI().StatusOf([]KPIPoint{{Value: dec("1")}}, utc(2026, 1, 1, 0)); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("zero point time: %v", err)
	}
	if _, err := nrrKPI().Trend(nil, time.Time{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("trend zero as_of: %v", err)
	}
	if err := nrrKPI().Validate(); err != nil {
		t.Error(err)
	}
}

func TestKPITrend(t *testing.T) {
	series := []KPIPoint{
		{At: utc(2026, 3, 1, 0), Value: dec("3.0")},
		{At: utc(2026, 1, 1, 0), Value: dec("4.0")}, // out of order on purpose
		{At: utc(2026, 2, 1, 0), Value: dec("3.5")},
		{At: utc(2026, 4, 1, 0), Value: dec("3.0")},
		{At: utc(2026, 5, 1, 0), Value: dec("9")}, // after as_of
	}
	tr, err := churnKPI().Trend(series, utc(2026, 4, 15, 0))
	if err != nil {
		t.Fatal(err)
	}
	type ch struct{ Delta, Rel, Dir string }
	var got []ch
	for _, c := range tr.Changes {
		got = append(got, ch{c.Delta.String(), c.Relative.String(), c.Direction.String()})
	}
	want := []ch{{"-0.5", "-0.125", "improving"}, {"-0.5", "-0.142857", "improving"}, {"0", "0", "flat"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if tr.Latest != TrendFlat || tr.Overall != TrendImproving || tr.Streak != 1 || tr.OverallDelta.String() != "-1" {
		t.Errorf("latest %v overall %v streak %d delta %v", tr.Latest, tr.Overall, tr.Streak, tr.OverallDelta)
	}
	up, _ := nrrKPI().Trend([]KPIPoint{{At: utc(2026, 1, 1, 0), Value: dec("0")}, {At: utc(2026, 2, 1, 0), Value: dec("-3")}}, utc(2026, 3, 1, 0))
	if up.Latest != TrendWorsening || up.Changes[0].Relative.Defined {
		t.Errorf("from zero: %+v", up)
	}
	one, _ := nrrKPI().Trend(series[:1], utc(2026, 12, 1, 0))
	if one.Latest != TrendUnknown || one.Overall != TrendUnknown || len(one.Changes) != 0 {
		t.Errorf("single point: %+v", one)
	}
}

func TestComposeEngagement(t *testing.T) {
	// DAU/MAU 0.25 on [0, 0.5] → 50; feature adoption 30 on [0, 60] → 50 weighted 2;
	// tickets per account 4 on [0, 10], lower is better → 60. Score (50 + 100 + 60)/4 = 52.5.
	got, err := ComposeEngagement([]EngagementComponent{
		{Name: "stickiness", Value: dec("0.25"), Min: dec("0"), Max: dec("0.5"), Weight: dec("1")},
		{Name: "adoption", Value: dec("30"), Min: dec("0"), Max: dec("60"), Weight: dec("2")},
		{Name: "tickets", Value: dec("4"), Min: dec("0"), Max: dec("10"), Direction: LowerIsBetter, Weight: dec("1")},
	})
	if err != nil {
		t.Fatal(err)
	}
	type part struct{ Name, Norm, Share, Contrib string }
	var parts []part
	for _, p := range got.Parts {
		parts = append(parts, part{p.Name, p.Normalized.String(), p.Share.String(), p.Contribution.String()})
	}
	want := []part{{"stickiness", "50", "0.25", "12.5"}, {"adoption", "50", "0.5", "25"}, {"tickets", "60", "0.25", "15"}}
	if diff := cmp.Diff(want, parts); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !got.Defined || got.Score.String() != "52.5" {
		t.Errorf("score %v", got.Score)
	}
	// Pendo PES: the plain average of three 0–100 components; out-of-range values clamp.
	pes, _ := ComposeEngagement(PESComponents(dec("40"), dec("25"), dec("130")))
	if pes.Score.String() != "55" || !pes.Parts[2].Clamped {
		t.Errorf("PES = %v (%+v)", pes.Score, pes.Parts[2])
	}
	zero, err := ComposeEngagement([]EngagementComponent{{Name: "x", Value: dec("1"), Min: dec("0"), Max: dec("2")}})
	if err != nil || zero.Defined {
		t.Errorf("all weights 0: %+v %v", zero, err)
	}
	_, err = ComposeEngagement([]EngagementComponent{{Min: dec("1"), Max: dec("1"), Weight: dec("-1"), Direction: 4}})
	if len(fieldtest.Paths(t, err)) != 4 {
		t.Errorf("bad components: %v", err)
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
		{"KPI", nrrKPI(), KPI{}, 4},
		{"KPIPoint", KPIPoint{At: utc(2026, 1, 1, 0)}, KPIPoint{}, 1},
		{"EngagementComponent", EngagementComponent{Name: "x", Max: dec("1")}, EngagementComponent{Min: dec("2"), Max: dec("1"), Weight: dec("-1"), Direction: 3}, 4},
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
