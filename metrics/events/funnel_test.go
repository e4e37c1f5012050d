package events

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/fieldtest"
)

func stepUsers(r FunnelResult) []int {
	var out []int
	for _, s := range r.Steps {
		out = append(out, s.Users)
	}
	return out
}

// TestFunnelVectors works the funnel definitions of the domain study §1.2 and §11 item 5
// by hand.
func TestFunnelVectors(t *testing.T) {
	abc := []string{"A", "B", "C"}
	// Mixpanel's documented example: A 1:00, A 1:30, B 1:45, C 2:15, 1-hour window.
	mix := []Event{
		ev(t, "u", "A", "2024-01-01T01:00:00Z"), ev(t, "u", "A", "2024-01-01T01:30:00Z"),
		ev(t, "u", "B", "2024-01-01T01:45:00Z"), ev(t, "u", "C", "2024-01-01T02:15:00Z"),
	}
	for _, tc := range []struct {
		name   string
		events []Event
		opts   FunnelOptions
		want   []int
	}{
		{"first anchor: window not reset by a later step 1", mix, FunnelOptions{Steps: abc, Window: time.Hour}, []int{1, 1, 0}},
		{"freshest anchor: the later step 1 restarts the window", mix, FunnelOptions{Steps: abc, Window: time.Hour, Anchor: AnchorFreshest}, []int{1, 1, 1}},
		{"window is inclusive", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "u", "B", "2024-01-08T00:00:00Z"),
		}, FunnelOptions{Steps: abc[:2]}, []int{1, 1}},
		{"one second past the window", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "u", "B", "2024-01-08T00:00:01Z"),
		}, FunnelOptions{Steps: abc[:2]}, []int{1, 0}},
		{"window measured from step 1, not the previous step", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "u", "B", "2024-01-07T00:00:00Z"), ev(t, "u", "C", "2024-01-09T00:00:00Z"),
		}, FunnelOptions{Steps: abc}, []int{1, 1, 0}},
		{"ordered allows other events between steps", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "u", "X", "2024-01-01T00:01:00Z"), ev(t, "u", "B", "2024-01-01T00:02:00Z"),
		}, FunnelOptions{Steps: abc[:2]}, []int{1, 1}},
		{"strict: another event resets", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "u", "X", "2024-01-01T00:01:00Z"), ev(t, "u", "B", "2024-01-01T00:02:00Z"),
		}, FunnelOptions{Steps: abc[:2], Order: Strict}, []int{1, 0}},
		{"strict: consecutive steps convert", []Event{
			ev(t, "u", "X", "2024-01-01T00:00:00Z"), ev(t, "u", "A", "2024-01-01T00:01:00Z"), ev(t, "u", "B", "2024-01-01T00:02:00Z"),
		}, FunnelOptions{Steps: abc[:2], Order: Strict}, []int{1, 1}},
		{"out of order: ordered stops at B", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "u", "C", "2024-01-01T01:00:00Z"), ev(t, "u", "B", "2024-01-01T02:00:00Z"),
		}, FunnelOptions{Steps: abc}, []int{1, 1, 0}},
		{"out of order: any order converts", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "u", "C", "2024-01-01T01:00:00Z"), ev(t, "u", "B", "2024-01-01T02:00:00Z"),
		}, FunnelOptions{Steps: abc, Order: AnyOrder}, []int{1, 1, 1}},
		{"any order needs step 1 first", []Event{
			ev(t, "u", "C", "2024-01-01T00:00:00Z"), ev(t, "u", "A", "2024-01-01T01:00:00Z"),
		}, FunnelOptions{Steps: abc, Order: AnyOrder}, []int{1, 0, 0}},
		{"any order, freshest anchor", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "u", "A", "2024-01-05T00:00:00Z"),
			ev(t, "u", "B", "2024-01-09T00:00:00Z"), ev(t, "u", "C", "2024-01-10T00:00:00Z"),
		}, FunnelOptions{Steps: abc, Order: AnyOrder, Anchor: AnchorFreshest}, []int{1, 1, 1}},
		{"ties convert whatever the stored order", []Event{
			ev(t, "u", "B", "2024-01-01T00:00:00Z"), ev(t, "u", "A", "2024-01-01T00:00:00Z"),
		}, FunnelOptions{Steps: abc[:2]}, []int{1, 1}},
		{"repeated step needs two events", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "v", "A", "2024-01-01T00:00:00Z"), ev(t, "v", "A", "2024-01-01T01:00:00Z"),
		}, FunnelOptions{Steps: []string{"A", "A"}}, []int{2, 1}},
		{"exclusion removes the user from every step", []Event{
			ev(t, "u", "A", "2024-01-01T00:00:00Z"), ev(t, "u", "X", "2024-01-01T00:01:00Z"), ev(t, "u", "B", "2024-01-01T00:02:00Z"),
			ev(t, "v", "A", "2024-01-01T00:00:00Z"), ev(t, "v", "B", "2024-01-01T00:02:00Z"), ev(t, "v", "X", "2024-01-01T00:03:00Z"),
		}, FunnelOptions{Steps: abc[:2], Exclusions: []FunnelExclusion{{Event: "X", FromStep: 0, ToStep: 1}}}, []int{1, 1}},
		{"range limits step 1", mix, FunnelOptions{Steps: abc, Window: time.Hour, From: at(t, "2024-01-01T01:15:00Z")}, []int{1, 1, 1}},
		{"no step 1", mix, FunnelOptions{Steps: []string{"Z", "A"}}, []int{0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Funnel(mustLog(t, tc.events...), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, stepUsers(r)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestFunnelRatesTimesBreakdown(t *testing.T) {
	pro := map[string]string{"plan": "pro"}
	l := mustLog(t,
		Event{User: "a", Name: "A", Time: at(t, "2024-01-01T00:00:00Z"), Props: pro},
		ev(t, "a", "B", "2024-01-01T01:00:00Z"),
		Event{User: "b", Name: "A", Time: at(t, "2024-01-01T00:00:00Z"), Props: pro},
		ev(t, "b", "B", "2024-01-01T03:00:00Z"),
		ev(t, "c", "A", "2024-01-01T00:00:00Z"),
		ev(t, "d", "X", "2024-01-01T00:00:00Z"),
	)
	r, err := Funnel(l, FunnelOptions{Steps: []string{"A", "B"}, Breakdown: "plan"})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Steps[1].FromPrevious; got.Numerator != 2 || got.Denominator != 3 {
		t.Errorf("from previous %+v", got)
	}
	if r.Overall != r.Steps[1].FromStart || !r.Steps[0].FromStart.Defined || r.Steps[0].FromStart.Value != 1 {
		t.Errorf("overall %+v", r.Overall)
	}
	ttc := r.Steps[1].TimeToConvert
	want := TimeDistribution{N: 2, Mean: 2 * time.Hour, Median: 2 * time.Hour, P25: 90 * time.Minute, P75: 150 * time.Minute,
		P90: 168 * time.Minute, Min: time.Hour, Max: 3 * time.Hour}
	if diff := cmp.Diff(want, ttc); diff != "" {
		t.Errorf("time to convert (-want +got):\n%s", diff)
	}
	if r.TotalTime != ttc {
		t.Errorf("total %+v", r.TotalTime)
	}
	var by []string
	for _, b := range r.Breakdown {
		by = append(by, b.Value)
		if b.Value == "pro" && !cmp.Equal(stepUsers(b.Funnel), []int{2, 2}) {
			t.Errorf("pro %v", stepUsers(b.Funnel))
		}
	}
	if diff := cmp.Diff([]string{"", "pro"}, by); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	// an empty funnel is undefined, not 0%
	r, _ = Funnel(mustLog(t), FunnelOptions{Steps: []string{"A", "B"}})
	if r.Overall.Defined || r.Steps[1].TimeToConvert.N != 0 {
		t.Errorf("empty %+v", r)
	}
}

func TestFunnelOptionsValidate(t *testing.T) {
	err := FunnelOptions{Steps: []string{"A"}, Window: -1, Order: 7, Anchor: 7,
		Exclusions: []FunnelExclusion{{Event: "", FromStep: 1, ToStep: 1}, {Event: "x", FromStep: 0, ToStep: 5}},
		From:       at(t, "2024-01-02T00:00:00Z"), To: at(t, "2024-01-01T00:00:00Z")}.Validate()
	fields := fieldtest.Paths(t, err)
	want := []string{"steps", "window", "exclusions[0].event", "exclusions[0].to_step", "order", "anchor", "exclusions[0].to_step", "exclusions[1].to_step", "to"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSortInt64(t *testing.T) {
	in := make([]int64, 5000)
	for i := range in {
		in[i] = int64((i*7919)%5003) << 20
	}
	got := sortInt64(append([]int64(nil), in...))
	for i := 1; i < len(got); i++ {
		if got[i-1] > got[i] {
			t.Fatalf("not sorted at %d", i)
		}
	}
	neg := sortInt64([]int64{3, -1, 2})
	if !cmp.Equal(neg, []int64{-1, 2, 3}) {
		t.Errorf("negatives %v", neg)
	}
}
