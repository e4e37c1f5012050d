package feedback

import (
	"errors"
	"github.com/productops/productops/internal/fieldtest"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAccountStateAt(t *testing.T) {
	a := Account{ID: "A", AccountState: AccountState{Segment: "now", MRR: dec("300"), Currency: "USD"},
		Snapshots: []AccountSnapshot{
			{At: day(10), AccountState: AccountState{Segment: "s10", MRR: dec("200"), Currency: "USD"}},
			{At: day(5), AccountState: AccountState{Segment: "s5", MRR: dec("100"), Currency: "USD"}},
		}}
	for _, c := range []struct {
		d    int
		want string
	}{{1, "now"}, {5, "s5"}, {9, "s5"}, {10, "s10"}, {30, "s10"}} {
		if got := a.StateAt(day(c.d)).Segment; got != c.want {
			t.Errorf("StateAt(day %d) = %s, want %s", c.d, got, c.want)
		}
	}
}

func TestRecordValidate(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"account", Account{AccountState: AccountState{ARR: dec("5"), Lifecycle: 9}, Snapshots: []AccountSnapshot{
			{AccountState: AccountState{MRR: dec("1"), Currency: "EUR"}},
			{At: day(1), AccountState: AccountState{ARR: dec("-1"), Currency: "USD"}},
			{At: day(1)},
		}}.Validate(), []string{"id", "currency", "lifecycle", "snapshots[0].at", "snapshots[1].arr", "snapshots[1].currency", "snapshots[2].at"}},
		{"person", Person{Email: "not-an-email", Role: 7}.Validate(), []string{"id", "email", "role"}},
		{"item", Item{Rating: &Rating{Min: 5, Max: 5}, Tags: []string{"a", "", "a"}, State: 4}.Validate(),
			// No author: anonymous feedback is valid.
			[]string{"id", "source", "source_record", "created_at", "rating.max", "tags[1]", "tags[2]", "state"}},
		{"link", Link{Importance: imp(-1)}.Validate(), []string{"item", "request", "importance"}},
		{"vote", Vote{Importance: imp(-2)}.Validate(), []string{"request", "person", "created_at", "importance"}},
		{"theme", Theme{ID: "t", Parent: "t"}.Validate(), []string{"parent"}},
		{"request", Request{ID: "R", MergedInto: "R", Status: RequestPlanned, History: []StatusChange{
			{From: RequestNew, To: RequestPlanned, At: day(5)},
			{From: RequestNew, To: RequestDeclined, At: day(4)},
			{From: RequestDeclined, To: RequestNew},
		}}.Validate(), []string{"history[1].from", "history[1].at", "history[2].to", "history[2].at", "status", "merged_into"}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, fieldtest.Paths(t, tc.err)); diff != "" {
			t.Errorf("%s (-want +got)\n%s\n%v", tc.name, diff, tc.err)
		}
	}
	good := []error{
		Account{ID: "A"}.Validate(), Person{ID: "p"}.Validate(), Link{Item: "i", Request: "r"}.Validate(),
		Vote{Request: "r", Person: "p", CreatedAt: day(1)}.Validate(), Theme{ID: "t"}.Validate(), Request{ID: "r"}.Validate(),
		Item{ID: "i", Source: "s", SourceRecord: "1", Author: "p", CreatedAt: day(1), Rating: &Rating{Value: 3, Min: 1, Max: 5}}.Validate(),
	}
	for i, err := range good {
		if err != nil {
			t.Errorf("good[%d]: %v", i, err)
		}
	}
}

func TestDatasetValidateThemesAndMerges(t *testing.T) {
	ds := &Dataset{
		Themes:   []Theme{{ID: "a", Parent: "b"}, {ID: "b", Parent: "a"}, {ID: "c", Parent: "zz"}, {ID: "c"}},
		Requests: []Request{{ID: "R1", MergedInto: "R2"}, {ID: "R2", MergedInto: "R1"}, {ID: "R3", MergedInto: "R9"}},
		Votes:    []Vote{{Request: "R3", Person: "p", CastBy: "q", CreatedAt: day(1)}},
		Links:    []Link{{Item: "nope", Request: "R1"}},
	}
	want := []string{"links[0].item", "votes[0].person", "votes[0].cast_by", "requests[2].merged_into",
		"requests[0].merged_into", "requests[1].merged_into",
		"themes[0].parent", "themes[1].parent", "themes[2].parent", "themes[3].id"}
	if diff := cmp.Diff(want, fieldtest.Paths(t, ds.Validate())); diff != "" {
		t.Errorf("(-want +got)\n%s\n%v", diff, ds.Validate())
	}
	if _, err := ds.Canonical("R1"); !errors.Is(err, ErrMergeCycle) {
		t.Errorf("Canonical on a cycle: %v", err)
	}
	if _, err := ds.Canonical("R3"); !errors.Is(err, ErrUnknownRequest) {
		t.Errorf("Canonical to unknown: %v", err)
	}
}
