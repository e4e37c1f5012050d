package roadmap

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops/internal/fieldtest"
)

func TestParseItems(t *testing.T) {
	good := `[{"id":"A","kind":"epic","status":"in_progress","start":"2026-Q1","target":"2026-03"},
	          {"id":"B","parent":"A","estimate":"2.5","depends_on":[{"on":"C","type":"fs","lag":1}]},
	          {"id":"C","health":{"status":"at_risk","reason":"vendor"}}]`
	items, err := ParseItems([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	var lenient []Item
	if err := json.Unmarshal([]byte(good), &lenient); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(lenient, items, decEq); diff != "" {
		t.Errorf("strict and lenient decoding differ on valid input (-lenient +strict):\n%s", diff)
	}
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		// Regression (issue 12): json.Unmarshal drops these silently.
		{"unknown item field", `[{"id":"A"},{"id":"B","titel":"typo"}]`, []string{"items[1] unknown"}},
		{"unknown nested field", `[{"id":"A","depends_on":[{"on":"B","lagg":2}]},{"id":"B"}]`, []string{"items[0] unknown"}},
		{"unknown health field", `[{"id":"A","health":{"status":"on_track","why":"x"}}]`, []string{"items[0] unknown"}},
		{"wrong type", `[{"id":"A","priority":"high"}]`, []string{"items[0].priority type"}},
		{"bad period", `[{"id":"A","target":"next quarter"}]`, []string{"items[0].target period"}},
		{"bad enum", `[{"id":"A","kind":"story"}]`, []string{"items[0] oneof"}},
		{"bad estimate", `[{"id":"A","estimate":true}]`, []string{"items[0] json"}},
		{"not an array", `{"id":"A"}`, []string{"items type"}},
		{"trailing data", `[{"id":"A"}] [{"id":"B"}]`, []string{"items json"}},
		{"malformed", `[{"id":"A"`, []string{"items json"}},
		{"empty input", ``, []string{"items json"}},
		{"validation", `[{"id":"A"},{"id":"A","estimate":"-1"}]`, []string{"items[1].estimate dgte", "items[1].id unique"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseItems([]byte(tc.in))
			if diff := cmp.Diff(tc.want, fieldtest.Rules(t, err)); diff != "" {
				t.Errorf("(-want +got):\n%s\n%v", diff, err)
			}
		})
	}
	if items, err := ParseItems([]byte(`null`)); err != nil || items != nil {
		t.Errorf("null: %v, %v", items, err)
	}
}

func TestParsePlan(t *testing.T) {
	good := `{"items":[{"id":"A","team":"T","key_results":["kr1"]},{"id":"B","team":"T","depends_on":[{"on":"A"}]}],
	          "objectives":[{"id":"O","key_results":[{"id":"kr1","start":"0","target":"10","current":"4"}]}],
	          "teams":[{"id":"T","sprints":[{"id":"S1","start":"2026-01-05T00:00:00Z","end":"2026-01-19T00:00:00Z","capacity":"10"}]}],
	          "lifecycle":{"statuses":[{"name":"Backlog","category":"backlog"}]},
	          "calendar":{"fiscal_start_month":10}}`
	p, err := ParsePlan([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 2 || p.Items[1].DependsOn[0].On != "A" || p.Calendar.FiscalStartMonth != 10 || len(p.Teams[0].Sprints) != 1 || p.Lifecycle == nil {
		t.Errorf("plan = %+v", p)
	}
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"unknown top-level field", `{"items":[],"teams":[],"owner":"x"}`, []string{" unknown"}},
		{"unknown key result field", `{"objectives":[{"id":"O","key_results":[{"id":"k","start":"0","target":"1","goal":"2"}]}]}`, []string{" unknown"}},
		{"unknown sprint field", `{"teams":[{"id":"T","sprints":[{"id":"S","cap":"3"}]}]}`, []string{" unknown"}},
		{"unknown item field", `{"items":[{"id":"A","tags":["x"]}]}`, []string{"items[0] unknown"}},
		{"bad item period", `{"items":[{"id":"A","start":"Q7 2026"}]}`, []string{"items[0].start period"}},
		{"wrong type", `{"calendar":{"fiscal_start_month":"oct"}}`, []string{"calendar.fiscal_start_month type"}},
		{"trailing data", `{} {}`, []string{" json"}},
		{"validation", `{"items":[{"id":"A","objectives":["nope"]}],"calendar":{"fiscal_start_month":13}}`, []string{"calendar.fiscal_start_month range", "items[0].objectives[0] exists"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(tc.in))
			if diff := cmp.Diff(tc.want, fieldtest.Rules(t, err)); diff != "" {
				t.Errorf("(-want +got):\n%s\n%v", diff, err)
			}
		})
	}
	_, err = ParsePlan([]byte(`{"items":[{"id":"A","depends_on":[{"on":"B"}]},{"id":"B","depends_on":[{"on":"A"}]}]}`))
	var ce *CycleError
	if !errors.As(err, &ce) {
		t.Errorf("cycle: %v", err)
	}
}

// A calendar carries its zone in JSON by IANA name, so a parsed plan computes dates and
// schedule health in its own zone, not in UTC.
func TestCalendarJSON(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	for _, c := range []Calendar{{}, {Location: time.UTC}, {Location: berlin, FiscalStartMonth: time.October}} {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var back Calendar
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if back.loc().String() != c.loc().String() || back.FiscalStartMonth != c.FiscalStartMonth {
			t.Errorf("%s decoded to %v", b, back)
		}
	}
	if b, _ := json.Marshal(Calendar{Location: berlin, FiscalStartMonth: 7}); string(b) != `{"location":"Europe/Berlin","fiscal_start_month":7}` {
		t.Errorf("JSON = %s", b)
	}
	p, err := ParsePlan([]byte(`{"items":[{"id":"A","target":"2026-03-29"}],"calendar":{"location":"Europe/Berlin"}}`))
	if err != nil {
		t.Fatal(err)
	}
	spans, _ := p.Dates()
	if r, _ := p.Calendar.Range(p.Items[0].Target); !spans[0].End.Equal(r.End) || r.End.Sub(r.Start) != 23*time.Hour {
		t.Errorf("the DST day in Berlin: %v (%v)", r, r.End.Sub(r.Start))
	}
	for _, tc := range []struct{ in, want string }{
		{`{"calendar":{"location":"Mars/Olympus_Mons"}}`, "calendar.location timezone"},
		{`{"calendar":{"location":"../../etc/passwd"}}`, "calendar.location timezone"},
		{`{"calendar":{"zone":"UTC"}}`, "calendar unknown"},
		{`{"calendar":{"fiscal_start_month":"oct"}}`, "calendar.fiscal_start_month type"},
	} {
		_, err := ParsePlan([]byte(tc.in))
		if diff := cmp.Diff([]string{tc.want}, fieldtest.Rules(t, err)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.in, diff)
		}
	}
	var c Calendar
	if err := json.Unmarshal([]byte(`{"location":"Nowhere/Else"}`), &c); err == nil {
		t.Error("json.Unmarshal accepted an unknown zone")
	}
}

func TestCadenceJSON(t *testing.T) {
	sp, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Skip(err)
	}
	c := Cadence{Start: time.Date(2018, 10, 29, 0, 0, 0, 0, sp), Weeks: 1, Count: 2, Capacity: d("5"), Location: sp, IDPrefix: "W"}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back Cadence
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	s1, err1 := c.Sprints()
	s2, err2 := back.Sprints()
	if err1 != nil || err2 != nil || !cmp.Equal(s1, s2, decEq) || back.Location.String() != "America/Sao_Paulo" {
		t.Errorf("round trip through %s: %v %v", b, s2, err2)
	}
	for _, tc := range []struct{ in, want string }{
		{`{"weeks":1,"location":"Atlantis/Central"}`, "location timezone"},
		{`{"weeks":1,"cout":3}`, " unknown"},
		{`{"weeks":"two"}`, "weeks type"},
	} {
		var c Cadence
		err := json.Unmarshal([]byte(tc.in), &c)
		if diff := cmp.Diff([]string{tc.want}, fieldtest.Rules(t, err)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.in, diff)
		}
	}
}
