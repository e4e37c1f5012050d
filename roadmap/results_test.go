package roadmap

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/golden"
)

// allResults computes one of every result type from small hand-worked inputs.
type allResults struct {
	Schedule       ScheduleResult       `json:"schedule"`
	CriticalPath   CPM                  `json:"critical_path"`
	Diff           ScheduleDiff         `json:"diff"`
	Progress       ProgressResult       `json:"progress"`
	KeyResult      KRScore              `json:"key_result"`
	Objectives     []ObjectiveScore     `json:"objectives"`
	Alignment      AlignmentReport      `json:"alignment"`
	Quarters       []Group              `json:"quarters"`
	Dates          []Span               `json:"dates"`
	Conflicts      []Conflict           `json:"conflicts"`
	Bars           []Bar                `json:"bars"`
	ScheduleHealth ScheduleHealthResult `json:"schedule_health"`
	Range          DateRange            `json:"range"`
	Cycle          *CycleError          `json:"cycle"`
	Transition     *TransitionError     `json:"transition"`
	ItemField      *ItemFieldError      `json:"item_field"`
}

func computeAll(t *testing.T) allResults {
	t.Helper()
	var r allResults
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	teams := []Team{{ID: "T", Sprints: sprints("5", "5", "5")}}
	r.Schedule, err = Schedule(schedItems(), teams, ScheduleOptions{})
	must(err)
	r.CriticalPath, err = CriticalPath(cpmItems(), CPMOptions{})
	must(err)
	after, err := Schedule(schedItems(), []Team{{ID: "T", Sprints: sprints("8", "8")}}, ScheduleOptions{})
	must(err)
	r.Diff = Diff(r.Schedule, after)
	r.Progress, err = Progress(progressItems(), "E", LinearFormula())
	must(err)
	r.KeyResult, err = ScoreKeyResult(KeyResult{ID: "K", Kind: BinaryKR, Current: d("1")})
	must(err)
	r.Objectives, err = ScoreObjectivesWith(okrObjectives(), ScoreOptions{Children: Unweighted})
	must(err)
	objs := []Objective{{ID: "O1"}, {ID: "O2", KeyResults: []KeyResult{{ID: "K2", Start: d("0"), Target: d("1")}}}, {ID: "O3"}}
	r.Alignment, err = Alignment(viewItems(), objs)
	must(err)
	cal := Calendar{FiscalStartMonth: time.October}
	r.Quarters, err = ByQuarter(viewItems(), cal)
	must(err)
	r.Dates, err = Dates(viewItems(), cal)
	must(err)
	r.Conflicts, err = Conflicts([]Item{{ID: "A", Target: MonthOf(2026, 9)}, {ID: "B", Start: MonthOf(2026, 9), DependsOn: []Dependency{{On: "A", Type: FinishToStart, Lag: 2}}}}, cal)
	must(err)
	r.Bars = r.Schedule.Bars()
	r.Range, err = cal.Range(QuarterOf(2026, 3))
	must(err)
	r.ScheduleHealth, err = ScheduleHealth(r.Range, d("0.2"), InProgress, time.Date(2026, 5, 16, 0, 0, 0, 0, time.UTC))
	must(err)
	errors.As(CheckDependencies([]Item{node("A", "B"), node("B", "A")}), &r.Cycle)
	it := Item{ID: "A", Status: Done}
	errors.As(DefaultLifecycle().Move(&it, "Backlog", jan5, "ann"), &r.Transition)
	var tmp Item
	errors.As(json.Unmarshal([]byte(`{"id":"A","target":"soon"}`), &tmp), &r.ItemField)
	return r
}

// Every result type marshals to stable JSON with snake_case names (decimals as strings,
// enums as names, times in RFC 3339, empty lists as []), kept in a golden file, and decodes
// back to the same value.
func TestResultsJSON(t *testing.T) {
	r := computeAll(t)
	b := golden.JSON(t, r)
	golden.Check(t, "all_results.golden.json", b)
	var back allResults
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	// The cause of an ItemFieldError is an error value, which JSON cannot carry back.
	back.ItemField.Err, r.ItemField.Err = nil, nil
	if diff := cmp.Diff(r, back, decEq); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	// Every JSON name of every result field is snake_case.
	var walk func(rt reflect.Type, seen map[reflect.Type]bool)
	walk = func(rt reflect.Type, seen map[reflect.Type]bool) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] || rt.PkgPath() != reflect.TypeFor[Item]().PkgPath() {
			return
		}
		seen[rt] = true
		for f := range rt.Fields() {
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || (name != "-" && strings.ToLower(name) != name) || strings.ContainsAny(name, " -") && name != "-" {
				t.Errorf("%s.%s: json name %q is not snake_case", rt.Name(), f.Name, name)
			}
			walk(f.Type, seen)
		}
	}
	walk(reflect.TypeFor[allResults](), map[reflect.Type]bool{})
}

// The tabular results write CSV that encoding/csv reads back to the same values.
func TestResultsCSV(t *testing.T) {
	r := computeAll(t)
	read := func(name string, write func(*bytes.Buffer) error) [][]string {
		t.Helper()
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, name, buf.Bytes())
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	rows := read("schedule.golden.csv", func(b *bytes.Buffer) error { return r.Schedule.WriteCSV(b) })
	if len(rows) != 1+len(r.Schedule.Placements)+len(r.Schedule.Unfit)+len(r.Schedule.Skipped) || !cmp.Equal(rows[0], scheduleCSVHeader) {
		t.Fatalf("schedule csv: %d rows, header %v", len(rows), rows[0])
	}
	for i, p := range r.Schedule.Placements {
		row := rows[1+i]
		start, err1 := time.Parse(time.RFC3339Nano, row[5])
		end, err2 := time.Parse(time.RFC3339Nano, row[6])
		if row[0] != string(p.ID) || row[1] != "placed" || row[3] != p.Sprint || err1 != nil || err2 != nil || !start.Equal(p.Start) || !end.Equal(p.End) {
			t.Errorf("placement row %v for %+v", row, p)
		}
	}
	for i, u := range r.Schedule.Unfit {
		row := rows[1+len(r.Schedule.Placements)+i]
		var reason Reason
		est, err := decimal.NewFromString(row[12])
		if row[0] != string(u.ID) || row[1] != "unfit" || reason.UnmarshalText([]byte(row[8])) != nil || reason != u.Reason || row[9] != string(u.Blocker) || err != nil || !est.Equal(*u.Estimate) || row[14] != u.Detail {
			t.Errorf("unfit row %v for %+v", row, u)
		}
	}
	rows = read("load.golden.csv", func(b *bytes.Buffer) error { return r.Schedule.WriteLoadCSV(b) })
	if len(rows) != 1+len(r.Schedule.Load) || !cmp.Equal(rows[0], loadCSVHeader) {
		t.Fatalf("load csv: %d rows", len(rows))
	}
	for i, l := range r.Schedule.Load {
		if used, err := decimal.NewFromString(rows[1+i][5]); err != nil || !used.Equal(l.Used) {
			t.Errorf("load row %v for %+v", rows[1+i], l)
		}
	}
	rows = read("critical_path.golden.csv", func(b *bytes.Buffer) error { return r.CriticalPath.WriteCSV(b) })
	if len(rows) != 1+len(r.CriticalPath.Activities) || !cmp.Equal(rows[0], cpmCSVHeader) {
		t.Fatalf("critical path csv: %d rows", len(rows))
	}
	var path []ItemID
	for i, a := range r.CriticalPath.Activities {
		row := rows[1+i]
		tf, err := decimal.NewFromString(row[6])
		if row[0] != string(a.ID) || err != nil || !tf.Equal(a.TotalFloat) || row[8] != map[bool]string{true: "true", false: "false"}[a.Critical] {
			t.Errorf("activity row %v for %+v", row, a)
		}
		if row[9] != "" {
			path = append(path, a.ID)
		}
	}
	if !cmp.Equal(path, r.CriticalPath.Path) {
		t.Errorf("path from csv %v, want %v", path, r.CriticalPath.Path)
	}
	// Commas, quotes and new lines in IDs and details are quoted, not split.
	odd := ScheduleResult{Unfit: []Unfit{{ID: "a,\"b\"\nc", Reason: ReasonCapacity, Detail: "x, y"}}}
	var buf bytes.Buffer
	if err := odd.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(got) != 2 || got[1][0] != "a,\"b\"\nc" || got[1][14] != "x, y" {
		t.Errorf("quoting: %q, %v", got, err)
	}
	for _, f := range []func() error{
		func() error { return r.Schedule.WriteCSV(nil) },
		func() error { return r.Schedule.WriteLoadCSV(nil) },
		func() error { return r.CriticalPath.WriteCSV(nil) },
	} {
		if diff := cmp.Diff([]string{"writer required"}, fieldtest.Rules(t, f())); diff != "" {
			t.Errorf("nil writer (-want +got):\n%s", diff)
		}
	}
	if err := r.CriticalPath.WriteCSV(failWriter{}); err == nil {
		t.Error("a failing writer's error was lost")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
