package roadmap

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
)

// Schedule health (§8.4) over April (30 days): on the 16th, 15 of 30 days have elapsed,
// expected 0.5.
func TestScheduleHealth(t *testing.T) {
	r, _ := Calendar{}.Range(MonthOf(2026, time.April))
	mid := time.Date(2026, 4, 16, 0, 0, 0, 0, time.UTC)
	res := func(st HealthStatus, rule HealthRule, exp, prog, gap, el, tot, reason string) ScheduleHealthResult {
		return ScheduleHealthResult{Status: st, Rule: rule, Expected: d(exp), Progress: d(prog), Gap: d(gap), ElapsedDays: d(el), TotalDays: d(tot), Reason: reason}
	}
	tests := []struct {
		name     string
		progress string
		status   Category
		asOf     time.Time
		want     ScheduleHealthResult
	}{
		{"ahead", "0.6", InProgress, mid, res(OnTrack, RuleGap, "0.5", "0.6", "-0.1", "15", "30", "expected 0.5 by now (day 15 of 30), progress 0.6 (gap -0.1)")},
		{"gap 0.165 is on track", "0.335", InProgress, mid, res(OnTrack, RuleGap, "0.5", "0.335", "0.165", "15", "30", "expected 0.5 by now (day 15 of 30), progress 0.335 (gap 0.165)")},
		{"gap 0.166 is at risk", "0.334", InProgress, mid, res(AtRisk, RuleGap, "0.5", "0.334", "0.166", "15", "30", "expected 0.5 by now (day 15 of 30), progress 0.334 (gap 0.166)")},
		{"gap 0.33 is at risk", "0.17", InProgress, mid, res(AtRisk, RuleGap, "0.5", "0.17", "0.33", "15", "30", "expected 0.5 by now (day 15 of 30), progress 0.17 (gap 0.33)")},
		{"gap 0.331 is off track", "0.169", InProgress, mid, res(OffTrack, RuleGap, "0.5", "0.169", "0.331", "15", "30", "expected 0.5 by now (day 15 of 30), progress 0.169 (gap 0.331)")},
		{"noon counts half a day", "0.5", InProgress, mid.Add(12 * time.Hour), res(OnTrack, RuleGap, "0.516667", "0.5", "0.016667", "15.5", "30", "expected 0.516667 by now (day 15.5 of 30), progress 0.5 (gap 0.016667)")},
		{"not started yet", "0", Planned, r.Start.AddDate(0, 0, -3), res(OnTrack, RuleGap, "0", "0", "0", "0", "30", "expected 0 by now (day 0 of 30), progress 0 (gap 0)")},
		{"past the end", "0.9", InProgress, r.End, res(OffTrack, RulePastEnd, "1", "0.9", "0.1", "30", "30", "past its end (2026-05-01) at progress 0.9")},
		{"done", "1", Done, r.End.AddDate(0, 1, 0), res(HealthUnknown, RuleClosed, "0", "1", "0", "0", "0", "done: no schedule health")},
		{"canceled", "0", Canceled, mid, res(HealthUnknown, RuleClosed, "0", "0", "0", "0", "0", "canceled: no schedule health")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ScheduleHealth(r, d(tt.progress), tt.status, tt.asOf)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.At = tt.asOf
			if diff := cmp.Diff(tt.want, got, decEq); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if h := got.Health(); h.Status != got.Status || h.Reason != got.Reason || !h.At.Equal(tt.asOf) {
				t.Errorf("Health() = %+v", h)
			}
		})
	}
	h, err := ScheduleHealth(DateRange{}, d("0"), Backlog, mid)
	if err != nil || h.Status != HealthUnknown || h.Rule != RuleNoRange {
		t.Errorf("empty span: %+v, %v", h, err)
	}
}

// Regression (issue 12): elapsed time was measured in seconds, so in a quarter with a DST
// change day 45 of 90 was not 0.5. Calendar days in the plan's zone make it exact, in
// zones where the change is at 02:00 and where it skips midnight.
func TestScheduleHealthCalendarDays(t *testing.T) {
	for _, tc := range []struct {
		zone string
		q    Period
	}{
		{"Europe/Berlin", QuarterOf(2026, 1)},    // 90 days, spring forward on 29 March
		{"America/New_York", QuarterOf(2026, 4)}, // 92 days, fall back on 1 November
		{"America/Sao_Paulo", QuarterOf(2018, 4)},
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Skip(err)
		}
		cal := Calendar{Location: loc}
		r, err := cal.Range(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		y, m, dd := r.Start.Date()
		total := int(dayNumber(r.End.Date()) - dayNumber(y, m, dd))
		for day := 0; day <= total; day++ {
			asOf := midnight(y, m, dd+day, loc)
			got, err := ScheduleHealth(r, decimal.Zero, InProgress, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if day == total {
				if got.Rule != RulePastEnd {
					t.Errorf("%s day %d: rule %v", tc.zone, day, got.Rule)
				}
				continue
			}
			want := decimal.NewFromInt(int64(day)).DivRound(decimal.NewFromInt(int64(total)), RatioScale)
			if !got.Expected.Equal(want) || !got.ElapsedDays.Equal(decimal.NewFromInt(int64(day))) || !got.TotalDays.Equal(decimal.NewFromInt(int64(total))) {
				t.Errorf("%s day %d of %d: expected %s (days %s of %s), want %s", tc.zone, day, total, got.Expected, got.ElapsedDays, got.TotalDays, want)
			}
		}
	}
}

func TestScheduleHealthErrors(t *testing.T) {
	r, _ := Calendar{}.Range(MonthOf(2026, time.April))
	at := r.Start.AddDate(0, 0, 3)
	for _, tc := range []struct {
		name     string
		span     DateRange
		progress decimal.Decimal
		status   Category
		want     []string
	}{
		{"progress above 1", r, d("1.01"), InProgress, []string{"progress"}},
		{"negative progress", r, d("-0.1"), InProgress, []string{"progress"}},
		{"unbounded progress", r, decimal.New(1, -(1 << 30)), InProgress, []string{"progress"}},
		{"bad status", r, d("0.5"), Category(17), []string{"status"}},
		{"reversed span", DateRange{Start: r.End, End: r.Start}, d("0.5"), InProgress, []string{"span.end"}},
		{"empty span", DateRange{Start: r.Start, End: r.Start}, d("0.5"), InProgress, []string{"span.end"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ScheduleHealth(tc.span, tc.progress, tc.status, at)
			if diff := cmp.Diff(tc.want, fieldtest.Paths(t, err)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// A span shorter than a billionth of a day is measured in nanoseconds.
	tiny := DateRange{Start: r.Start, End: r.Start.Add(10)}
	got, err := ScheduleHealth(tiny, decimal.Zero, InProgress, r.Start.Add(5))
	if err != nil || !got.Expected.Equal(d("0.5")) {
		t.Errorf("tiny span: %+v, %v", got, err)
	}
}
