package events

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
)

func TestLogSortsAndInterns(t *testing.T) {
	in := []Event{
		ev(t, "42", "b", "2024-01-02T00:00:00Z"),
		ev(t, "alice", "a", "2024-01-01T00:00:00Z"),
		ev(t, "42", "a", "2024-01-01T00:00:00Z"),
		ev(t, "042", "a", "2024-01-03T00:00:00Z"), // not the same user as "42"
		{User: "alice", Name: "c", Time: at(t, "2024-01-01T00:00:00Z"), Props: map[string]string{"plan": "pro"}},
	}
	l := mustLog(t, in...)
	if l.Len() != 5 || l.NumUsers() != 3 {
		t.Fatalf("len %d users %d", l.Len(), l.NumUsers())
	}
	got := slices.Collect(l.All())
	want := []Event{in[2], in[0], in[1], in[4], in[3]} // by user (first appearance), then time, ties stable
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"b", "a", "c"}, l.EventNames()); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	first, last, ok := l.Span()
	if !ok || !first.Equal(at(t, "2024-01-01T00:00:00Z")) || !last.Equal(at(t, "2024-01-03T00:00:00Z")) {
		t.Errorf("span %v %v %v", first, last, ok)
	}
	if _, _, ok := mustLog(t).Span(); ok {
		t.Error("empty log has a span")
	}
	n := 0
	for range l.All() {
		n++
		break
	}
	if n != 1 {
		t.Error("All does not stop")
	}
}

func TestNewLogError(t *testing.T) {
	_, err := NewLog(slices.Values([]Event{ev(t, "u", "a", "2024-01-01T00:00:00Z"), {User: "u"}}))
	var ee *EventError
	if !errors.As(err, &ee) || ee.Index != 1 {
		t.Fatalf("want EventError at 1, got %v", err)
	}
	if !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("want ErrInvalid: %v", err)
	}
	if ee.Error() == "" {
		t.Error("empty message")
	}
}

func TestUserTableGrowth(t *testing.T) {
	b := NewLogBuilder()
	base := time.Unix(1_700_000_000, 0)
	for i := range 5000 {
		for _, id := range []string{strconv.Itoa(i), "x" + strconv.Itoa(i)} {
			if err := b.Add(Event{User: UserID(id), Name: "e", Time: base.Add(time.Duration(-i) * time.Second)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if b.Len() != 10000 {
		t.Fatal(b.Len())
	}
	l := b.Build()
	if l.NumUsers() != 10000 {
		t.Fatalf("users %d", l.NumUsers())
	}
	// re-adding finds the same users
	b2 := NewLogBuilder()
	for e := range l.All() {
		if err := b2.Add(e); err != nil {
			t.Fatal(err)
		}
		if err := b2.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if l2 := b2.Build(); l2.NumUsers() != 10000 || l2.Len() != 20000 {
		t.Fatalf("users %d len %d", l2.NumUsers(), l2.Len())
	}
}

// TestBuildParallelScatter: the parallel scatter of Build gives the same log as the
// sequential one (shuffled input, so users' events also get sorted).
func TestBuildParallelScatter(t *testing.T) {
	events := shuffled(randomEvents(3, 12000), 5)
	for i := range events {
		events[i].Props = nil
		events[i].User = UserID(strconv.Itoa(i % 4500))
	}
	seq, par := NewLogBuilder(), NewLogBuilder()
	seq.scatterMin, par.scatterMin = 1<<62, 1
	for _, e := range events {
		if seq.Add(e) != nil || par.Add(e) != nil {
			t.Fatal("add")
		}
	}
	a, b := seq.Build(), par.Build()
	if !slices.EqualFunc(slices.Collect(a.All()), slices.Collect(b.All()), func(x, y Event) bool {
		return x.User == y.User && x.Name == y.Name && x.Time.Equal(y.Time)
	}) {
		t.Error("sequential and parallel scatter differ")
	}
	if par.scatterMin != 1 {
		t.Error("Build reset scatterMin")
	}
}
