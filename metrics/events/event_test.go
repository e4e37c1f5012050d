package events

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

// at parses an RFC 3339 time for test vectors.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// ev is a compact event constructor for test vectors.
func ev(t testing.TB, user, name, when string) Event {
	return Event{User: UserID(user), Name: name, Time: at(t, when)}
}

func mustLog(t testing.TB, events ...Event) *Log {
	t.Helper()
	l, err := NewLog(slices.Values(events))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestEventValidate(t *testing.T) {
	err := Event{}.Validate()
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("want ErrInvalid, got %v", err)
	}
	fields := fieldtest.Paths(t, err)
	if diff := cmp.Diff([]string{"user", "name", "time"}, fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if err := ev(t, "u", "e", "2024-01-01T00:00:00Z").Validate(); err != nil {
		t.Errorf("valid event: %v", err)
	}
	far := Event{User: "u", Name: "e", Time: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := far.Validate(); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("year 3000: want ErrInvalid, got %v", err)
	}
}
