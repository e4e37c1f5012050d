package roadmap

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Schedule health (§8.4) over April (30 days): on the 16th, 15 of 30 days have elapsed,
// expected 0.5.
func TestScheduleHealth(t *testing.T) {
	r, _ := Calendar{}.Range(MonthOf(2026, time.April))
	mid := time.Date(2026, 4, 16, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		progress string
		status   Category
		asOf     time.Time
		want     Health
	}{
		{"ahead", "0.6", InProgress, mid, Health{Status: OnTrack, Reason: "expected 0.5 by now, progress 0.6 (gap -0.1)"}},
		{"gap 0.165 is on track", "0.335", InProgress, mid, Health{Status: OnTrack, Reason: "expected 0.5 by now, progress 0.335 (gap 0.165)"}},
		{"gap 0.166 is at risk", "0.334", InProgress, mid, Health{Status: AtRisk, Reason: "expected 0.5 by now, progress 0.334 (gap 0.166)"}},
		{"gap 0.33 is at risk", "0.17", InProgress, mid, Health{Status: AtRisk, Reason: "expected 0.5 by now, progress 0.17 (gap 0.33)"}},
		{"gap 0.331 is off track", "0.169", InProgress, mid, Health{Status: OffTrack, Reason: "expected 0.5 by now, progress 0.169 (gap 0.331)"}},
		{"not started yet", "0", Planned, r.Start.AddDate(0, 0, -3), Health{Status: OnTrack, Reason: "expected 0 by now, progress 0 (gap 0)"}},
		{"past the end", "0.9", InProgress, r.End, Health{Status: OffTrack, Reason: "past its end (2026-05-01) at progress 0.9"}},
		{"done", "1", Done, r.End.AddDate(0, 1, 0), Health{Reason: "done: no schedule health"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ScheduleHealth(r, d(tt.progress), tt.status, tt.asOf)
			tt.want.At = tt.asOf
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if h := ScheduleHealth(DateRange{}, d("0"), Backlog, mid); h.Status != HealthUnknown {
		t.Errorf("empty span: %+v", h)
	}
}
