package events

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
	"github.com/productops/productops/metrics"
)

// activationLog: a activates 3 days after signup, b 8 days after, c signed up a day before
// AsOf and has not activated yet, d activated in the same second as signup (listed first),
// e never signed up.
func activationLog(t *testing.T) *Log {
	return mustLog(t,
		ev(t, "a", "signup", "2024-01-01T10:00:00Z"), ev(t, "a", "activate", "2024-01-04T10:00:00Z"),
		ev(t, "b", "signup", "2024-01-01T10:00:00Z"), ev(t, "b", "activate", "2024-01-09T10:00:00Z"),
		ev(t, "c", "signup", "2024-01-19T10:00:00Z"),
		ev(t, "d", "activate", "2024-01-02T10:00:00Z"), ev(t, "d", "signup", "2024-01-02T10:00:00Z"),
		ev(t, "e", "activate", "2024-01-02T10:00:00Z"),
	)
}

func TestActivation(t *testing.T) {
	l := activationLog(t)
	got, err := Activation(l, SignupOptions{Signup: "signup", Target: "activate", AsOf: at(t, "2024-01-20T10:00:00Z")})
	if err != nil {
		t.Fatal(err)
	}
	want := ActivationResult{Activated: 2, Eligible: 3, Pending: 1, Rate: metrics.NewRate(2, 3)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	got, _ = Activation(l, SignupOptions{Signup: "signup", Target: "activate", Window: 10 * 24 * time.Hour, To: at(t, "2024-01-10T00:00:00Z")})
	if got.Activated != 3 || got.Eligible != 3 {
		t.Errorf("10-day window %+v", got)
	}
	got, _ = Activation(l, SignupOptions{Signup: "nope", Target: "activate"})
	if got.Rate.Defined {
		t.Errorf("no cohort %+v", got)
	}
	if _, err := Activation(l, SignupOptions{Window: -1}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad options: %v", err)
	}
}

func TestTimeToValue(t *testing.T) {
	l := activationLog(t)
	got, err := TimeToValue(l, SignupOptions{Signup: "signup", Target: "activate"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Cohort != 4 || got.Reached != 3 || got.Times.Median != 3*24*time.Hour || got.Times.Min != 0 {
		t.Errorf("%+v", got)
	}
	got, _ = TimeToValue(l, SignupOptions{Signup: "signup", Target: "activate", Window: 5 * 24 * time.Hour, From: at(t, "2024-01-01T00:00:00Z")})
	if got.Reached != 2 || got.Rate != metrics.NewRate(2, 4) {
		t.Errorf("window %+v", got)
	}
	got, _ = TimeToValue(l, SignupOptions{Signup: "signup", Target: "signup"})
	if got.Reached != 4 || got.Times.Max != 0 {
		t.Errorf("same event %+v", got)
	}
	if _, err := TimeToValue(l, SignupOptions{Signup: "s", Target: "t", From: at(t, "2024-01-02T00:00:00Z"), To: at(t, "2024-01-01T00:00:00Z")}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad range: %v", err)
	}
}

func TestAdoption(t *testing.T) {
	l := mustLog(t,
		ev(t, "a", "export", "2024-01-01T10:00:00Z"), ev(t, "a", "export", "2024-01-02T10:00:00Z"),
		ev(t, "b", "export", "2024-01-01T10:00:00Z"),
		ev(t, "c", "view", "2024-01-01T10:00:00Z"),
		ev(t, "d", "view", "2023-12-01T10:00:00Z"), // outside the window
	)
	w := AdoptionOptions{Feature: "export", From: at(t, "2024-01-01T00:00:00Z"), To: at(t, "2024-02-01T00:00:00Z")}
	got, err := Adoption(l, w)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(AdoptionResult{Adopters: 2, Active: 3, Rate: metrics.NewRate(2, 3)}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	w.MinUses, w.ActiveEvents = 2, []string{"view"}
	got, _ = Adoption(l, w)
	if diff := cmp.Diff(AdoptionResult{Adopters: 1, Active: 3, Rate: metrics.NewRate(1, 3)}, got); diff != "" {
		t.Errorf("threshold (-want +got):\n%s", diff)
	}
	w.ActiveEvents = []string{"unknown"}
	if got, _ = Adoption(l, w); got.Active != 2 {
		t.Errorf("unknown active event %+v", got)
	}
	if _, err := Adoption(l, AdoptionOptions{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad options: %v", err)
	}
}
