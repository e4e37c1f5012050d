package linear

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
	"github.com/productops/productops/roadmap"
)

var cmpDec = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func dec(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func fixture(t testing.TB) []byte {
	b, err := os.ReadFile("testdata/issues.csv")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadCSVFixture(t *testing.T) {
	got, err := ReadCSV(bytes.NewReader(fixture(t)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Issue{
		{ID: "ENG-101", UUID: "2f1d9a4e-5c6b-4a7d-9e8f-1a2b3c4d5e6f", Team: "Engineering", Title: "Saved cards",
			Description: "Store cards with the processor's vault.\nSecond line.", Status: "In Progress", Estimate: dec("5"), Priority: 2,
			Project: "Checkout", Creator: "ana@example.com", Assignee: "ben@example.com", Labels: []string{"Feature", "Payments"},
			Cycle: 14, CycleName: "Sprint 14", Created: ts("2026-05-20T09:12:00Z"), Updated: ts("2026-06-03T16:40:12Z"),
			Started: ts("2026-06-02T10:00:00Z"), Due: ts("2026-07-06T00:00:00Z"), BlockedBy: []string{"ENG-100"}},
		{ID: "ENG-102", UUID: "3a2e8b5f-6d7c-4b8e-af90-2b3c4d5e6f70", Team: "Engineering", Title: "Apple Pay", Status: "Todo",
			Estimate: dec("3"), Priority: 3, Project: "Checkout", Creator: "ana@example.com", Labels: []string{"Payments"},
			Cycle: 15, CycleName: "Sprint 15", Created: ts("2026-05-21T11:00:00Z"), Updated: ts("2026-05-21T11:00:00Z"),
			Parent: "ENG-101", RelatedTo: []string{"ENG-103"}, BlockedBy: []string{"ENG-101", "ENG-999"}},
		{ID: "ENG-103", UUID: "4b3f9c60-7e8d-4c9f-b0a1-3c4d5e6f7081", Team: "Engineering", Title: "=SUM(A1) in report names",
			Description: "Escape formulas in CSV reports", Status: "Done", Estimate: dec("1"), Priority: 1, Creator: "ben@example.com",
			Assignee: "ben@example.com", Labels: []string{"Bug"}, Created: ts("2026-05-10T08:00:00Z"), Updated: ts("2026-05-12T17:30:00Z"),
			Started: ts("2026-05-11T09:00:00Z"), Completed: ts("2026-05-12T17:30:00Z")},
		{ID: "ENG-104", UUID: "5c4a0d71-8f9e-4d0a-81b2-4d5e6f708192", Team: "Engineering", Title: "Old experiment", Status: "Canceled",
			Creator: "ana@example.com", Created: ts("2026-04-01T08:00:00Z"), Updated: ts("2026-04-20T08:00:00Z"),
			Canceled: ts("2026-04-20T08:00:00Z"), Archived: ts("2026-05-01T08:00:00Z")},
	}
	if d := cmp.Diff(want, got, cmpDec); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	items, ext := Items(got)
	wantItems := []roadmap.Item{
		{ID: "ENG-101", Title: "Saved cards", Status: roadmap.InProgress, StatusName: "In Progress", Priority: 2, Owner: "ben@example.com",
			Team: "Engineering", Estimate: dec("5"), Target: roadmap.DayOf(ts("2026-07-06T00:00:00Z"))},
		{ID: "ENG-102", Title: "Apple Pay", Status: roadmap.Planned, StatusName: "Todo", Priority: 3, Team: "Engineering", Estimate: dec("3"),
			DependsOn: []roadmap.Dependency{{On: "ENG-101"}}},
		{ID: "ENG-103", Title: "=SUM(A1) in report names", Status: roadmap.Done, StatusName: "Done", Priority: 1, Owner: "ben@example.com",
			Team: "Engineering", Estimate: dec("1")},
	}
	if d := cmp.Diff(wantItems, items, cmpDec); d != "" {
		t.Errorf("items (-want +got)\n%s", d)
	}
	if d := cmp.Diff([][2]string{{"ENG-100", "ENG-101"}, {"ENG-999", "ENG-102"}}, ext); d != "" {
		t.Errorf("external (-want +got)\n%s", d)
	}
	if err := roadmap.CheckItems(items); err != nil {
		t.Error(err)
	}
}

func TestCategory(t *testing.T) {
	now := ts("2026-01-01T00:00:00Z")
	for _, tc := range []struct {
		is   Issue
		want roadmap.Category
	}{
		{Issue{Status: "Backlog"}, roadmap.Backlog},
		{Issue{Status: "Triage"}, roadmap.Backlog},
		{Issue{Status: "Ready", Cycle: 3}, roadmap.Planned},
		{Issue{Status: "Ready"}, roadmap.Backlog},
		{Issue{Status: "Duplicate"}, roadmap.Canceled},
		{Issue{Status: "In Review", Started: now}, roadmap.InProgress},
		{Issue{Status: "Shipped", Completed: now}, roadmap.Done},
		{Issue{Status: "Won't do", Canceled: now}, roadmap.Canceled},
	} {
		if got := tc.is.Category(); got != tc.want {
			t.Errorf("%+v: %v, want %v", tc.is, got, tc.want)
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	const head = "ID,Priority,Estimate,Created,Due Date,Cycle Number\n"
	for _, tc := range []struct {
		name, in string
		opts     Options
		paths    []string
	}{
		{"no id column", "Title\nx\n", Options{}, []string{"mapping.id"}},
		{"empty id", head + ",,,,,\n", Options{}, []string{"line 2: ID"}},
		{"duplicate", head + "A-1,,,,,\nA-1,,,,,\n", Options{}, []string{"line 3: ID"}},
		{"priority", head + "A-1,P1,,,,\n", Options{}, []string{"line 2: Priority"}},
		{"estimate", head + "A-1,,three,,,\n", Options{}, []string{"line 2: Estimate"}},
		{"created", head + "A-1,,,yesterday,,\n", Options{}, []string{"line 2: Created"}},
		{"due", head + "A-1,,,,next week,\n", Options{}, []string{"line 2: Due Date"}},
		{"cycle", head + "A-1,,,,,-2\n", Options{}, []string{"line 2: Cycle Number"}},
		{"limits", head, Options{Limits: column.Limits{MaxFields: -1}}, []string{"limits.max_fields"}},
		{"too many", head + "A-1,,,,,\nA-2,,,,,\n", Options{Limits: column.Limits{MaxRecords: 1}}, []string{"line 3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tc.in), tc.opts)
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("%v", err)
			}
			if d := cmp.Diff(tc.paths, fieldtest.Paths(t, err)); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
	if _, err := ReadCSV(nil, Options{}); !errors.Is(err, productops.ErrInvalid) {
		t.Error(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadCSVContext(ctx, bytes.NewReader(fixture(t)), Options{}); !errors.Is(err, context.Canceled) {
		t.Error(err)
	}
}

func TestTimes(t *testing.T) {
	for _, s := range []string{"2024-05-14T08:53:33Z", "2024-05-14T08:53:33.000Z", "2024-05-14 08:53:33",
		"Tue May 14 2024 08:53:33 GMT+0000 (Coordinated Universal Time)", "Tue May 14 2024 08:53:33 GMT+0000"} {
		got, ok := parseTime(s)
		if !ok || !got.Equal(ts("2024-05-14T08:53:33Z")) {
			t.Errorf("%q: %v %v", s, got, ok)
		}
	}
	in := "ID,Due Date\nA-1,2024-05-30T22:00:00.000Z\n"
	got, err := ReadCSV(strings.NewReader(in), Options{})
	if err != nil || !got[0].Due.Equal(ts("2024-05-30T00:00:00Z")) {
		t.Errorf("%v %v", got, err)
	}
}

func TestPropertyChunks(t *testing.T) {
	data := fixture(t)
	whole, err := ReadCSV(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("issues.csv reads the same in any chunks", prop.ForAll(func(sizes []int) bool {
		got, err := ReadCSV(tabular.Chunks(data, sizes), Options{})
		return err == nil && cmp.Diff(whole, got, cmpDec) == ""
	}, gen.SliceOf(gen.IntRange(1, 97))))
	props.TestingRun(t)
}

func FuzzReadCSV(f *testing.F) {
	f.Add(fixture(f), uint16(0))
	f.Add([]byte("ID,Blocked by,Priority\nA-1,\"A-2, A-1\",Low\nA-2,,\n"), uint16(1))
	f.Fuzz(func(t *testing.T, in []byte, maxRecords uint16) {
		tabular.Guard(t, 2*time.Second, 256<<20, func() {
			issues, err := ReadCSV(bytes.NewReader(in), Options{Limits: column.Limits{MaxRecords: int(maxRecords)}})
			if err == nil {
				items, _ := Items(issues)
				if len(items) > len(issues) {
					t.Fatal("more items than issues")
				}
			}
		})
	})
}
