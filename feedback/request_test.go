package feedback

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRequestLifecycle(t *testing.T) {
	r := Request{ID: "R"}
	steps := []struct {
		to  RequestStatus
		day int
		ok  bool
	}{
		{RequestUnderReview, 2, true},
		{RequestUnderReview, 3, false}, // same status
		{RequestNew, 3, false},         // never back to new
		{RequestPlanned, 1, false},     // before the last change
		{RequestPlanned, 4, true},
		{RequestCompleted, 8, true},
		{RequestInProgress, 9, false}, // an ended request reopens only to review or planned
		{RequestPlanned, 10, true},
		{RequestStatus(42), 11, false},
	}
	for _, s := range steps {
		err := r.SetStatus(s.to, day(s.day), "pm", "")
		if (err == nil) != s.ok || (err != nil && !errors.Is(err, ErrStatusTransition)) {
			t.Errorf("to %v on day %d: %v", s.to, s.day, err)
		}
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	got := []RequestStatus{r.StatusAt(day(1)), r.StatusAt(day(3)), r.StatusAt(day(8)), r.StatusAt(day(20))}
	if diff := cmp.Diff([]RequestStatus{RequestNew, RequestUnderReview, RequestCompleted, RequestPlanned}, got); diff != "" {
		t.Errorf("StatusAt (-want +got)\n%s", diff)
	}
	if !RequestInProgress.Open() || RequestDeclined.Open() {
		t.Error("Open")
	}
}

func TestImportanceScale(t *testing.T) {
	var zero ImportanceScale
	if !zero.Contains(0) || !zero.Contains(3) || zero.Contains(4) || zero.Label(3) != "critical" || zero.Label(7) != "7" {
		t.Error("zero scale is not Productboard's")
	}
	if UserVoiceScale.Label(2) != "2" || !UserVoiceScale.Contains(3) || UserVoiceScale.Contains(0) {
		t.Error("uservoice scale")
	}
	for _, c := range []struct {
		s    ImportanceScale
		want string
	}{
		{ImportanceScale{Min: -1, Max: 2}, "min -1 is negative"},
		{ImportanceScale{Min: 1, Max: 5, Default: 9}, "default 9 is outside 1..5"},
		{ImportanceScale{Min: 1, Max: 2, Default: 1, Labels: []string{"x"}}, "1 labels for 2 levels"},
		{VoteCountScale, ""},
	} {
		if got := c.s.resolved().check(); got != c.want {
			t.Errorf("check(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}
