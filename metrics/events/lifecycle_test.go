package events

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
)

// TestLifecycleVectors works PostHog's lifecycle rules (§1.4) by hand, including the quirk
// that a user created in an earlier period whose first activity is now is resurrecting.
// n: created and active 01-01, active 01-02 and 01-04. r: created 12-31 (from Created),
// first active 01-02.
func TestLifecycleVectors(t *testing.T) {
	l := mustLog(t,
		ev(t, "n", "e", "2024-01-01T10:00:00Z"), ev(t, "n", "e", "2024-01-02T10:00:00Z"), ev(t, "n", "e", "2024-01-04T10:00:00Z"),
		ev(t, "r", "e", "2024-01-02T10:00:00Z"),
	)
	got, err := Lifecycle(l, LifecycleOptions{Created: map[UserID]time.Time{"r": at(t, "2023-12-31T10:00:00Z")}})
	if err != nil {
		t.Fatal(err)
	}
	want := []LifecycleBucket{
		{Start: at(t, "2024-01-01T00:00:00Z"), New: 1},
		{Start: at(t, "2024-01-02T00:00:00Z"), Returning: 1, Resurrecting: 1},
		{Start: at(t, "2024-01-03T00:00:00Z"), Dormant: 2},
		{Start: at(t, "2024-01-04T00:00:00Z"), Resurrecting: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// without Created, r is new on its first day
	got, _ = Lifecycle(l, LifecycleOptions{From: at(t, "2024-01-02T00:00:00Z"), To: at(t, "2024-01-03T00:00:00Z")})
	if diff := cmp.Diff([]LifecycleBucket{{Start: at(t, "2024-01-02T00:00:00Z"), New: 1, Returning: 1}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// weekly, one event filter: n's "e" weeks
	got, _ = Lifecycle(l, LifecycleOptions{Event: "e", Granularity: Weekly, WeekStart: time.Monday})
	if len(got) != 1 || got[0].New != 2 {
		t.Errorf("weekly %+v", got)
	}
	if got, _ := Lifecycle(l, LifecycleOptions{Event: "none"}); got[0] != (LifecycleBucket{Start: got[0].Start}) {
		t.Errorf("unknown event %+v", got)
	}
	if _, err := Lifecycle(l, LifecycleOptions{Granularity: 4, WeekStart: -1, From: at(t, "2024-01-02T00:00:00Z"), To: at(t, "2024-01-01T00:00:00Z")}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad options: %v", err)
	}
	if got, err := Lifecycle(mustLog(t), LifecycleOptions{}); got != nil || err != nil {
		t.Errorf("empty %v %v", got, err)
	}
}
