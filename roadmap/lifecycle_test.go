package roadmap

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// The category table of §8.1, row by row.
func TestCategoryAllowed(t *testing.T) {
	want := map[Category][]Category{
		Backlog:    {Backlog, Planned, InProgress, Canceled},
		Planned:    {Backlog, Planned, InProgress, Canceled},
		InProgress: {Planned, InProgress, Paused, Done, Canceled},
		Paused:     {Backlog, InProgress, Paused, Canceled},
		Done:       {InProgress, Done},
		Canceled:   {Backlog, Canceled},
	}
	for from := Backlog; from <= Canceled; from++ {
		var got []Category
		for to := Backlog; to <= Canceled; to++ {
			if CategoryAllowed(from, to) {
				got = append(got, to)
			}
		}
		if diff := cmp.Diff(want[from], got); diff != "" {
			t.Errorf("from %v (-want +got):\n%s", from, diff)
		}
	}
	if CategoryAllowed(Category(9), Done) {
		t.Error("invalid category allowed")
	}
}

func TestMove(t *testing.T) {
	lc := DefaultLifecycle()
	it := Item{ID: "A"}
	steps := []struct {
		to      string
		wantErr bool
		cause   TransitionCause
	}{
		{"Done", true, NotAllowed}, // done without being started
		{"Planned", false, 0},
		{"In Progress", false, 0},
		{"Backlog", true, NotAllowed},
		{"Done", false, 0},
		{"Paused", true, NotAllowed},
		{"Canceled", true, NotAllowed},
		{"In Progress", false, 0}, // reopen
		{"In Progress", false, 0}, // no-op, not recorded
		{"Canceled", false, 0},
		{"Done", true, NotAllowed},
		{"Backlog", false, 0},            // revive
		{"Shipped", true, UnknownStatus}, // unknown
	}
	for i, s := range steps {
		before := it
		before.History = append([]StatusChange(nil), it.History...)
		err := lc.Move(&it, s.to, t0.Add(time.Duration(i)*time.Hour), "ana")
		if s.wantErr {
			var te *TransitionError
			if !errors.As(err, &te) || !errors.Is(err, ErrInvalidTransition) || !errors.Is(err, productops.ErrInvalid) || te.ID != "A" || te.To != s.to || te.Cause != s.cause {
				t.Fatalf("step %d: move to %q: err = %v, want *TransitionError", i, s.to, err)
			}
			if diff := cmp.Diff(before, it); diff != "" {
				t.Fatalf("step %d: item changed on error (-before +after):\n%s", i, diff)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d: move to %q: %v", i, s.to, err)
		}
	}
	want := []StatusChange{
		{"Backlog", "Planned", t0.Add(1 * time.Hour), "ana"},
		{"Planned", "In Progress", t0.Add(2 * time.Hour), "ana"},
		{"In Progress", "Done", t0.Add(4 * time.Hour), "ana"},
		{"Done", "In Progress", t0.Add(7 * time.Hour), "ana"},
		{"In Progress", "Canceled", t0.Add(9 * time.Hour), "ana"},
		{"Canceled", "Backlog", t0.Add(11 * time.Hour), "ana"},
	}
	if diff := cmp.Diff(want, it.History); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if it.Status != Backlog || it.StatusName != "Backlog" {
		t.Errorf("status = %v %q", it.Status, it.StatusName)
	}
	if err := lc.Check([]Item{it}); err != nil {
		t.Errorf("Check of a moved item: %v", err)
	}
	odd := Item{ID: "B", StatusName: "Shipped"}
	var te *TransitionError
	if err := lc.Move(&odd, "Done", t0, ""); !errors.As(err, &te) || te.Cause != UnknownCurrent {
		t.Errorf("unknown current status: %v", err)
	}
	msg := (&TransitionError{ID: "A", From: "Done", To: "Backlog", Reason: "not allowed"}).Error()
	if msg != `roadmap: invalid transition: item "A": "Done" -> "Backlog": not allowed` {
		t.Errorf("message = %q", msg)
	}
	// Time must not go backwards and must be set.
	if err := lc.Move(&it, "Planned", t0, "bo"); !errors.Is(err, productops.ErrInvalid) || errors.Is(err, ErrInvalidTransition) {
		t.Errorf("move back in time: err = %v", err)
	}
	if err := lc.Move(&it, "Planned", time.Time{}, "bo"); err == nil {
		t.Error("zero time: want an error")
	}
}

func TestCustomLifecycle(t *testing.T) {
	lc := Lifecycle{
		Statuses: []Status{{"Idea", Backlog}, {"Ready", Planned}, {"Building", InProgress}, {"Review", InProgress}, {"Shipped", Done}, {"Dropped", Canceled}},
	}
	if err := lc.Validate(); err != nil {
		t.Fatal(err)
	}
	// Category rules: two names in InProgress may swap.
	if !lc.Allowed("Building", "Review") || lc.Allowed("Idea", "Shipped") {
		t.Error("category-level rules not applied")
	}
	// A fixed workflow allows exactly the listed moves.
	lc.Transitions = []Transition{{"Idea", "Ready"}, {"Ready", "Building"}, {"Building", "Review"}, {"Review", "Shipped"}}
	if lc.Allowed("Building", "Shipped") || !lc.Allowed("Review", "Shipped") || !lc.Allowed("Idea", "Idea") {
		t.Error("fixed workflow not applied")
	}
	it := Item{ID: "X", StatusName: "Review", Status: InProgress,
		History: []StatusChange{{"Idea", "Ready", t0, ""}, {"Ready", "Building", t0, ""}, {"Building", "Review", t0, ""}}}
	if err := lc.Check([]Item{it}); err != nil {
		t.Errorf("valid history: %v", err)
	}
	bad := []Item{
		{ID: "Y", StatusName: "Nope"},
		{ID: "Z", StatusName: "Shipped", Status: InProgress},
		{ID: "W", StatusName: "Shipped", Status: Done, History: []StatusChange{{"Idea", "Shipped", t0, ""}, {"Ready", "Review", t0, ""}}},
	}
	got := fieldtest.Paths(t, lc.Check(bad))
	want := []string{"items[0].status_name", "items[1].status", "items[2].history[0]", "items[2].history[1].from", "items[2].history[1]", "items[2].history"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	broken := Lifecycle{Statuses: []Status{{"", Backlog}, {"A", Category(8)}, {"A", Done}}, Transitions: []Transition{{"A", "Q"}}}
	got = fieldtest.Paths(t, broken.Validate())
	want = []string{"statuses[0].name", "statuses[1].category", "statuses[2].name", "transitions[0].to"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lifecycle fields (-want +got):\n%s", diff)
	}
	if err := (Lifecycle{}).Move(&Item{ID: "Q"}, "x", t0, ""); !errors.Is(err, ErrInvalidTransition) {
		t.Errorf("empty lifecycle: err = %v", err)
	}
}
