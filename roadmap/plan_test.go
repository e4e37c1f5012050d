package roadmap

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/fieldtest"
)

// The bad inputs the issue names, all in one plan: every one is reported, naming its item.
func TestPlanValidate(t *testing.T) {
	bad := Plan{
		Items: []Item{
			{ID: "A", Parent: "ghost", Team: "web"},
			{ID: "B", Team: "mobile", DependsOn: []Dependency{{On: "nope"}}},
			{ID: "C", Status: Done, StatusName: "Done", History: []StatusChange{{From: "Backlog", To: "Done", At: t0}}},
			{ID: "D", KeyResults: []KeyResultID{"K9"}},
		},
		Objectives: []Objective{{ID: "O", KeyResults: []KeyResult{{ID: "K", Start: d("3"), Target: d("3")}}}},
		Teams:      []Team{{ID: "web", Sprints: sprints("-4")}},
		Calendar:   Calendar{FiscalStartMonth: 15},
	}
	got := fieldtest.Paths(t, bad.Validate())
	want := []string{
		"calendar.fiscal_start_month",
		"items[0].parent", "items[1].depends_on[0].on",
		"items[2].history[0]",
		"objectives[0].key_results[0].target",
		"items[3].key_results[0]",
		"teams[0].sprints[0].capacity",
		"items[1].team",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	msg := bad.Validate().Error()
	for _, frag := range []string{`item "A" has unknown parent "ghost"`, `item "B" depends on unknown item "nope"`, `item "C": "Backlog" -> "Done" is not allowed`,
		`key result "K": target must differ from start`, `team "web" sprint "S1": capacity must be at least 0`, `item "D" links unknown key result "K9"`, `item "B" has unknown team "mobile"`} {
		if !strings.Contains(msg, frag) {
			t.Errorf("message lacks %q:\n%s", frag, msg)
		}
	}
	cyclic := Plan{Items: []Item{node("A", "B"), node("B", "A")}}
	if err := cyclic.Validate(); !errors.Is(err, ErrCycle) {
		t.Errorf("cycle: err = %v", err)
	}
	lc := Lifecycle{Statuses: []Status{{"Open", Backlog}, {"Open", Done}}}
	if got := fieldtest.Paths(t, (Plan{Lifecycle: &lc}).Validate()); !slices.Equal(got, []string{"lifecycle.statuses[1].name"}) {
		t.Errorf("bad lifecycle: %v", got)
	}
	good := Plan{Items: []Item{{ID: "b", Team: "web"}, {ID: "a", DependsOn: []Dependency{{On: "b"}}}}, Teams: []Team{{ID: "web", Sprints: sprints("5")}}}
	if err := good.Validate(); err != nil {
		t.Fatalf("good plan: %v", err)
	}
	var order []ItemID
	for it := range good.All() {
		order = append(order, it.ID)
		if it.ID == "a" {
			break
		}
	}
	if !slices.Equal(order, ids("a")) {
		t.Errorf("All() = %v", order)
	}
}
