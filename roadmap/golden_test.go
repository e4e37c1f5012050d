package roadmap

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/golden"
)

// The JSON of a schedule, a critical path and a cycle error: decimals as strings,
// enums as names, times in RFC 3339.
func TestGoldenJSON(t *testing.T) {
	sched, err := Schedule(schedItems(), []Team{{ID: "T", Sprints: sprints("5", "5", "5")}}, ScheduleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cpm, err := CriticalPath(cpmItems(), CPMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ce := CheckDependencies([]Item{node("A", "B"), node("B", "A")})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	for _, v := range []any{sched, cpm, ce} {
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	golden.Check(t, "results.golden.json", buf.Bytes())
	// Decoding gives the same results back.
	dec := json.NewDecoder(&buf)
	var s2 ScheduleResult
	var c2 CPM
	if err := dec.Decode(&s2); err != nil {
		t.Fatal(err)
	}
	if err := dec.Decode(&c2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sched, s2, decEq); diff != "" {
		t.Errorf("schedule round trip (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(cpm, c2, decEq); diff != "" {
		t.Errorf("CPM round trip (-want +got):\n%s", diff)
	}
}
