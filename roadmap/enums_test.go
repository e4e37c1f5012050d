package roadmap

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops"
)

func TestEnumStrings(t *testing.T) {
	got := []string{Initiative.String(), InProgress.String(), Later.String(), OffTrack.String(), FinishToStart.String(),
		HalfYear.String(), Concurrent.String(), ReasonChildren.String(), Aspirational.String(), LowerIsBetter.String(),
		Yellow.String(), Unweighted.String(), Kind(9).String()}
	want := []string{"initiative", "in_progress", "later", "off_track", "finish_to_start", "half_year", "concurrent", "children", "aspirational", "lower", "yellow", "unweighted", "kind(9)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := Kind(9).MarshalText(); err == nil {
		t.Error("out-of-range kind marshalled")
	}
	var c Category
	if err := c.UnmarshalText([]byte("Cancelled")); err != nil || c != Canceled {
		t.Errorf("cancelled alias: %v %v", c, err)
	}
	err := c.UnmarshalText([]byte("shipped"))
	if want := `roadmap: status category: invalid: unknown status category "shipped"; want one of backlog, planned, in_progress, paused, done, canceled`; err == nil || err.Error() != want || !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("unknown category error = %v, want %s", err, want)
	}
	var p Period
	if err := json.Unmarshal([]byte(`"Q5 2026"`), &p); !errors.Is(err, ErrPeriodSyntax) {
		t.Errorf("bad fuzzy date in JSON: %v", err)
	}
	var it Item
	err = json.Unmarshal([]byte(`{"id":"A","target":"next quarter"}`), &it)
	if err == nil || !errors.Is(err, ErrPeriodSyntax) || err.Error() != `roadmap: item "A": target: unparseable period "next quarter": want a four-digit year` {
		t.Errorf("item with an unparseable target: %v", err)
	}
	var items []Item
	err = json.Unmarshal([]byte(`[{"id":"A","start":"2026-Q1"},{"id":"B","start":"2026-Q7"}]`), &items)
	var fe *ItemFieldError
	if !errors.As(err, &fe) || fe.ID != "B" || fe.Field != "start" {
		t.Errorf("second item's bad start: %v", err)
	}
	if err := json.Unmarshal([]byte(`{"id":"A","start":null,"target":"","kind":"story"}`), &it); err == nil {
		t.Error("unknown kind: want an error")
	}
	if s := (Period{Resolution: Quarter, Year: 2026, Index: 9}).String(); s != "roadmap.Period{3 2026 9 0}" {
		t.Errorf("invalid period String = %q", s)
	}
}

// Every spelling the package accepted before the move to internal/enum still decodes to
// the same value: canonical names in any case and with any separators, the other tools'
// words, and the empty text of the enums whose zero value means "not set".
func TestEnumSpellings(t *testing.T) {
	type tc struct {
		in   string
		want int
	}
	check := func(name string, parse func([]byte) (int, error), cases []tc) {
		t.Helper()
		for _, c := range cases {
			got, err := parse([]byte(c.in))
			if err != nil || got != c.want {
				t.Errorf("%s %q = %d, %v; want %d", name, c.in, got, err, c.want)
			}
		}
	}
	parser := func(u interface{ UnmarshalText([]byte) error }, get func() int) func([]byte) (int, error) {
		return func(b []byte) (int, error) { err := u.UnmarshalText(b); return get(), err }
	}
	var k Kind
	check("kind", parser(&k, func() int { return int(k) }), []tc{{"feature", 0}, {"EPIC", 1}, {"Initiative", 2}})
	var c Category
	check("category", parser(&c, func() int { return int(c) }), []tc{
		{"backlog", 0}, {"planned", 1}, {"in_progress", 2}, {"In Progress", 2}, {"in-progress", 2}, {"paused", 3}, {"done", 4}, {"canceled", 5},
		{"unstarted", 1}, {"todo", 1}, {"To Do", 1}, {"started", 2}, {"active", 2}, {"completed", 4}, {"cancelled", 5}, {"triage", 0}, {"proposed", 0},
	})
	var h Horizon
	check("horizon", parser(&h, func() int { return int(h) }), []tc{{"", 0}, {" ", 0}, {"now", 1}, {"Next", 2}, {"LATER", 3}})
	var hs HealthStatus
	check("health", parser(&hs, func() int { return int(hs) }), []tc{{"", 0}, {"on_track", 1}, {"On Track", 1}, {"at-risk", 2}, {"offtrack", 3}})
	var dt DependencyType
	check("dependency", parser(&dt, func() int { return int(dt) }), []tc{
		{"blocks", 0}, {"finish_to_start", 1}, {"relates", 2}, {"fs", 1}, {"FS", 1}, {"relatesto", 2}, {"relates_to", 2}, {"related", 2}, {"blockedby", 0}, {"Blocked By", 0},
	})
	var r Resolution
	check("resolution", parser(&r, func() int { return int(r) }), []tc{{"", 0}, {"day", 1}, {"month", 2}, {"quarter", 3}, {"half-year", 4}, {"halfYear", 4}, {"year", 5}})
	var m DependencyMode
	check("mode", parser(&m, func() int { return int(m) }), []tc{{"sequential", 0}, {"Concurrent", 1}})
	var up UnestimatedPolicy
	check("unestimated", parser(&up, func() int { return int(up) }), []tc{{"reject", 0}, {"FREE", 1}})
	var rs Reason
	check("reason", parser(&rs, func() int { return int(rs) }), []tc{{"capacity", 0}, {"too_large", 1}, {"TooLarge", 1}, {"dependency", 2}, {"children", 3}})
	var x Expectation
	check("expectation", parser(&x, func() int { return int(x) }), []tc{{"committed", 0}, {"Aspirational", 1}})
	var dir Direction
	check("direction", parser(&dir, func() int { return int(dir) }), []tc{
		{"", 0}, {"higher", 1}, {"lower", 2}, {"higherisbetter", 1}, {"higher_is_better", 1}, {"lowerisbetter", 2}, {"increase", 1}, {"decrease", 2},
	})
	var b Band
	check("band", parser(&b, func() int { return int(b) }), []tc{{"red", 0}, {"Yellow", 1}, {"GREEN", 2}})
	var ru RollUp
	check("roll-up", parser(&ru, func() int { return int(ru) }), []tc{{"weighted", 0}, {"Unweighted", 1}})

	// Unknown text and out-of-range values are validation errors naming the valid names.
	for _, u := range []interface{ UnmarshalText([]byte) error }{&k, &c, &h, &hs, &dt, &r, &m, &up, &rs, &x, &dir, &b, &ru} {
		if err := u.UnmarshalText([]byte("nope")); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%T: unknown text: err = %v, want ErrInvalid", u, err)
		}
	}
	for _, v := range []interface{ MarshalText() ([]byte, error) }{Kind(-1), Category(6), Horizon(4), HealthStatus(9), DependencyType(3), Resolution(6), DependencyMode(2), UnestimatedPolicy(2), Reason(4), Expectation(2), Direction(3), Band(3), RollUp(2)} {
		if _, err := v.MarshalText(); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%T(%v): marshal err = %v, want ErrInvalid", v, v, err)
		}
	}
	// The "not set" zero values print and marshal as "".
	for _, v := range []interface {
		String() string
		MarshalText() ([]byte, error)
	}{NoHorizon, HealthUnknown, NoResolution, AutoDirection} {
		if b, err := v.MarshalText(); v.String() != "" || string(b) != "" || err != nil {
			t.Errorf("%T zero: String %q, MarshalText %q, %v", v, v.String(), b, err)
		}
	}
}
