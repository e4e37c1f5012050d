package jira

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/roadmap"
)

func dec(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var riceCSV = Mapping{Scores: column.ScoreColumns{
	Reach: "Custom field (Reach)", Impact: "Custom field (Impact)", Confidence: "Custom field (Confidence)",
	ConfidenceUnit: column.UnitPercent, Effort: "Custom field (Effort)",
}}

var riceJSON = Mapping{Scores: column.ScoreColumns{
	Reach: "Reach", Impact: "Impact", Confidence: "Confidence", ConfidenceUnit: column.UnitPercent, Effort: "Effort",
}}

// cmpDec compares decimals by value.
var cmpDec = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func open(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadCSVFixture(t *testing.T) {
	got, err := ReadCSV(bytes.NewReader(open(t, "export.csv")), Options{Mapping: riceCSV})
	if err != nil {
		t.Fatal(err)
	}
	want := []Issue{
		{Key: "SHOP-1", ID: "10001", Summary: "Checkout redesign", Type: "Epic", Status: "In Progress", StatusCategory: "In Progress", Labels: []string{"checkout"}},
		{Key: "SHOP-2", ID: "10002", Summary: "Saved cards, one click", Type: "Story", Status: "To Do", StatusCategory: "To Do", Parent: "SHOP-1",
			StoryPoints: dec("5"), Sprints: []string{"Sprint 14", "Sprint 15"}, Due: day(2026, 7, 6), Labels: []string{"checkout", "payments"},
			Blocks: []string{"SHOP-3"}, Scores: column.Scores{Reach: dec("1200"), Impact: dec("2"), Confidence: dec("0.8"), Effort: dec("3")}},
		{Key: "SHOP-3", ID: "10003", Summary: "Apple Pay", Type: "Story", Status: "Backlog", StatusCategory: "To Do", Parent: "SHOP-1",
			StoryPoints: dec("3"), Labels: []string{"payments"}, BlockedBy: []string{"SHOP-2"},
			Scores: column.Scores{Reach: dec("400"), Impact: dec("1"), Confidence: dec("0.5"), Effort: dec("2")}},
		{Key: "SHOP-4", ID: "10004", Summary: "Guest checkout", Type: "Story", Status: "Done", StatusCategory: "Done", Parent: "SHOP-1",
			StoryPoints: dec("2"), Sprints: []string{"Sprint 14"}, Due: day(2026, 6, 30), BlockedBy: []string{"OPS-7"},
			Scores: column.Scores{Reach: dec("900"), Impact: dec("0.5"), Confidence: dec("1"), Effort: dec("1")}},
	}
	if d := cmp.Diff(want, got, cmpDec); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
}

func TestReadSearchFixtures(t *testing.T) {
	got, err := ReadSearch(bytes.NewReader(open(t, "search.json")), Options{Mapping: riceJSON})
	if err != nil {
		t.Fatal(err)
	}
	want := []Issue{
		{Key: "SHOP-2", ID: "10002", Summary: "Saved cards, one click", Type: "Story", Status: "To Do", StatusCategory: "new", Parent: "SHOP-1",
			StoryPoints: dec("5"), Sprints: []string{"Sprint 14", "Sprint 15"}, Due: day(2026, 7, 6), Labels: []string{"checkout", "payments"},
			Blocks: []string{"SHOP-3"}, Scores: column.Scores{Reach: dec("1200"), Impact: dec("2"), Confidence: dec("0.8"), Effort: dec("3")}},
		{Key: "SHOP-3", ID: "10003", Summary: "Apple Pay", Type: "Story", Status: "Backlog", StatusCategory: "new", Parent: "SHOP-1",
			StoryPoints: dec("3"), BlockedBy: []string{"SHOP-2"},
			Scores: column.Scores{Reach: dec("400"), Impact: dec("1"), Confidence: dec("0.5"), Effort: dec("2")}},
		{Key: "SHOP-1", ID: "10001", Summary: "Checkout redesign", Type: "Epic", Status: "In Progress", StatusCategory: "indeterminate", Labels: []string{"checkout"}},
	}
	if d := cmp.Diff(want, got, cmpDec); d != "" {
		t.Errorf("search.json (-want +got)\n%s", d)
	}

	got, err = ReadSearch(bytes.NewReader(open(t, "search_jql.json")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want = []Issue{
		{Key: "SHOP-4", ID: "10004", Summary: "Guest checkout", Type: "Story", Status: "Done", StatusCategory: "done", Due: day(2026, 6, 30), BlockedBy: []string{"OPS-7"}},
		{Key: "SHOP-5", ID: "10005", Summary: "Order history export", Type: "Task", Status: "Selected for Development", StatusCategory: "new", Labels: []string{"reporting"}},
	}
	// Without expand=names the story points field is not known by name: it is not read.
	if d := cmp.Diff(want, got, cmpDec); d != "" {
		t.Errorf("search_jql.json (-want +got)\n%s", d)
	}
	got, err = ReadSearch(bytes.NewReader(open(t, "search_jql.json")), Options{Mapping: Mapping{StoryPoints: "customfield_10016"}})
	if err != nil || got[0].StoryPoints == nil || !got[0].StoryPoints.Equal(decimal.NewFromInt(2)) {
		t.Errorf("story points by field ID: %v, %v", got, err)
	}

	jpd, err := ReadSearch(bytes.NewReader(open(t, "jpd_search.json")), Options{Mapping: Mapping{Scores: column.ScoreColumns{ICEImpact: "Impact", ICEConfidence: "Confidence", ICEEase: "Ease"}}})
	if err != nil {
		t.Fatal(err)
	}
	ice, err := ICE(jpd)
	if err != nil {
		t.Fatal(err)
	}
	if len(ice) != 2 || ice[1].ID != "DISC-2" || !ice[1].Impact.Equal(decimal.NewFromInt(5)) || !ice[1].Confidence.Equal(decimal.NewFromInt(6)) || !ice[1].Ease.Equal(decimal.NewFromInt(2)) {
		t.Errorf("ICE = %+v", ice)
	}
}

func TestCSVAndSearchAgree(t *testing.T) {
	csv, err := ReadCSV(bytes.NewReader(open(t, "export.csv")), Options{Mapping: riceCSV})
	if err != nil {
		t.Fatal(err)
	}
	js, err := ReadSearch(bytes.NewReader(open(t, "search.json")), Options{Mapping: riceJSON})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := RICE(csv[1:3])
	b, _ := RICE(js[:2])
	if d := cmp.Diff(a, b, cmpDec); d != "" {
		t.Errorf("RICE inputs differ between CSV and JSON (-csv +json)\n%s", d)
	}
}

func TestItems(t *testing.T) {
	issues, err := ReadCSV(bytes.NewReader(open(t, "export.csv")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	items, ext, err := Items(issues)
	if err != nil {
		t.Fatal(err)
	}
	want := []roadmap.Item{
		{ID: "SHOP-1", Title: "Checkout redesign", Kind: roadmap.Epic, Status: roadmap.InProgress, StatusName: "In Progress"},
		{ID: "SHOP-2", Title: "Saved cards, one click", Kind: roadmap.Feature, Status: roadmap.Planned, StatusName: "To Do", Parent: "SHOP-1",
			Estimate: dec("5"), Target: roadmap.DayOf(day(2026, 7, 6))},
		{ID: "SHOP-3", Title: "Apple Pay", Kind: roadmap.Feature, Status: roadmap.Backlog, StatusName: "Backlog", Parent: "SHOP-1",
			Estimate: dec("3"), DependsOn: []roadmap.Dependency{{On: "SHOP-2", Type: roadmap.Blocks}}},
		{ID: "SHOP-4", Title: "Guest checkout", Kind: roadmap.Feature, Status: roadmap.Done, StatusName: "Done", Parent: "SHOP-1",
			Estimate: dec("2"), Target: roadmap.DayOf(day(2026, 6, 30))},
	}
	if d := cmp.Diff(want, items, cmpDec); d != "" {
		t.Errorf("items (-want +got)\n%s", d)
	}
	if d := cmp.Diff([]Link{{Blocker: "OPS-7", Blocked: "SHOP-4"}}, ext); d != "" {
		t.Errorf("external (-want +got)\n%s", d)
	}
	if err := roadmap.CheckItems(items); err != nil {
		t.Errorf("roadmap rejects the items: %v", err)
	}
	// The link is stored on both sides; it counts once.
	if n := len(items[2].DependsOn); n != 1 {
		t.Errorf("SHOP-3 has %d dependencies, want 1", n)
	}
	rice, err := RICE(issues)
	if err == nil || rice != nil {
		t.Fatalf("RICE without mapped inputs: %v, %v", rice, err)
	}
	if got := fieldtest.Paths(t, err); len(got) != 16 || got[0] != "issues[0].reach" {
		t.Errorf("paths = %v", got)
	}
}

func TestCategory(t *testing.T) {
	for _, tc := range []struct {
		is   Issue
		want roadmap.Category
		ok   bool
	}{
		{Issue{StatusCategory: "To Do"}, roadmap.Backlog, true},
		{Issue{StatusCategory: "new", Sprints: []string{"S1"}}, roadmap.Planned, true},
		{Issue{StatusCategory: "indeterminate"}, roadmap.InProgress, true},
		{Issue{StatusCategory: "Done", Status: "Won't Do"}, roadmap.Done, true},
		{Issue{Status: "In Progress"}, roadmap.InProgress, true},
		{Issue{Status: "Canceled"}, roadmap.Canceled, true},
		{Issue{Status: "QA"}, 0, false},
		{Issue{StatusCategory: "weird"}, 0, false},
	} {
		got, err := tc.is.Category()
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%+v: %v, %v", tc.is, got, err)
		}
		if err != nil && !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("error %v is not ErrInvalid", err)
		}
	}
	if _, _, err := Items([]Issue{{Key: "A-1", Status: "QA"}}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("Items with an unmapped status: %v", err)
	}
	if k := (Issue{Type: "Initiative"}).Kind(); k != roadmap.Initiative {
		t.Errorf("kind %v", k)
	}
}

func TestReadCSVErrors(t *testing.T) {
	const head = "Issue key,Summary,Custom field (Story Points),Due date,Custom field (Confidence)\n"
	for _, tc := range []struct {
		name, in string
		opts     Options
		paths    []string
		contains string
	}{
		{"no key column", "Summary\nx\n", Options{}, []string{"mapping.key"}, `no column "Issue key"`},
		{"empty", "", Options{}, []string{"line 1"}, "no header row"},
		{"bad number", head + "A-1,x,5 pts,,\n", Options{}, []string{"line 2: Custom field (Story Points)"}, `"5 pts"`},
		{"bad date", head + "A-1,x,,July 6,\n", Options{}, []string{"line 2: Due date"}, `"July 6"`},
		{"empty key", head + ",x,,,\n", Options{}, []string{"line 2: Issue key"}, "empty"},
		{"duplicate key", head + "A-1,x,,,\nA-1,y,,,\n", Options{}, []string{"line 3: Issue key"}, "repeats line 2"},
		{"ambiguous percent", head + "A-1,x,,,0.8\n", Options{Mapping: Mapping{Scores: column.ScoreColumns{Confidence: "Custom field (Confidence)", ConfidenceUnit: column.UnitPercent}}},
			[]string{"line 2: Custom field (Confidence)"}, "ambiguous"},
		{"fraction above one", head + "A-1,x,,,80\n", Options{Mapping: Mapping{Scores: column.ScoreColumns{Confidence: "Custom field (Confidence)", ConfidenceUnit: column.UnitFraction}}},
			[]string{"line 2: Custom field (Confidence)"}, "above 1"},
		{"unit not declared", head, Options{Mapping: Mapping{Scores: column.ScoreColumns{Confidence: "Custom field (Confidence)"}}},
			[]string{"mapping.scores.confidence_unit"}, "declare the unit"},
		{"score column missing", head, Options{Mapping: Mapping{Scores: column.ScoreColumns{Reach: "Custom field (Reach)"}}},
			[]string{"mapping.scores.reach"}, "no column"},
		{"malformed csv", head + "A-1,\"x,,,\n", Options{}, []string{"line 2"}, "malformed CSV"},
		{"too many records", head + "A-1,x,,,\nA-2,y,,,\n", Options{Limits: column.Limits{MaxRecords: 1}}, []string{"line 3"}, "Limits.MaxRecords"},
		{"record too long", head + "A-1," + strings.Repeat("x", 200) + ",,,\n", Options{Limits: column.Limits{MaxRecordBytes: 100}}, []string{"line 2"}, "Limits.MaxRecordBytes"},
		{"too many fields", head, Options{Limits: column.Limits{MaxFields: 3}}, []string{"line 1"}, "Limits.MaxFields"},
		{"negative limit", head, Options{Limits: column.Limits{MaxRecords: -1}}, []string{"limits.max_records"}, "at least 0"},
		{"empty layout", head, Options{Mapping: Mapping{DateLayouts: []string{" "}}}, []string{"mapping.date_layouts[0]"}, "empty"},
		{"duplicate single column", "Issue key,Summary,Summary\nA-1,x,y\n", Options{}, []string{"mapping.summary"}, "appears 2 times"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tc.in), tc.opts)
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if d := cmp.Diff(tc.paths, fieldtest.Paths(t, err)); d != "" {
				t.Errorf("paths (-want +got)\n%s", d)
			}
			if !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("%v does not mention %q", err, tc.contains)
			}
		})
	}
	if _, err := ReadCSV(nil, Options{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("nil reader: %v", err)
	}
	if _, err := ReadSearch(nil, Options{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("nil reader: %v", err)
	}
}

func TestReadCSVBOMAndLF(t *testing.T) {
	in := "\uFEFFIssue key,Summary\nA-1,first\r\nA-2,second"
	got, err := ReadCSV(strings.NewReader(in), Options{})
	if err != nil || len(got) != 2 || got[1].Summary != "second" {
		t.Fatalf("%v, %v", got, err)
	}
}

func TestReadCSVTooManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("Issue key,Custom field (Story Points)\n")
	for i := 0; i < 200; i++ {
		b.WriteString("A-" + strings.Repeat("1", i+1) + ",x\n")
	}
	_, err := ReadCSV(strings.NewReader(b.String()), Options{})
	if n := len(fieldtest.Paths(t, err)); n != 50 {
		t.Errorf("%d errors reported, want the cap of 50", n)
	}
}

func TestReadSearchErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		opts     Options
		paths    []string
	}{
		{"not json", "hello", Options{}, []string{"offset 1"}},
		{"array", "[]", Options{}, []string{"offset 1"}},
		{"nothing", "  ", Options{}, []string{"offset 0"}},
		{"truncated", `{"issues":[{"key":"A-1"`, Options{}, []string{"offset 11"}},
		{"issues not array", `{"issues":{}}`, Options{}, []string{"issues"}},
		{"issue not object", `{"issues":[1]}`, Options{}, []string{"issues[0]"}},
		{"no key", `{"issues":[{"fields":{}}]}`, Options{}, []string{"issues[0].key"}},
		{"duplicate", `{"issues":[{"key":"A-1"}]}{"issues":[{"key":"A-1"}]}`, Options{}, []string{"issues[1].key"}},
		{"bad names", `{"names":[],"issues":[]}`, Options{}, []string{"names"}},
		{"unknown field name", `{"issues":[]}`, Options{Mapping: Mapping{Scores: column.ScoreColumns{Reach: "Reach"}}}, []string{"mapping.scores.reach"}},
		{"bad story points", `{"issues":[{"key":"A-1","fields":{"customfield_1":"many"}}]}`, Options{Mapping: Mapping{StoryPoints: "customfield_1"}}, []string{"issues[0].fields.customfield_1"}},
		{"bad due", `{"issues":[{"key":"A-1","fields":{"duedate":"soon"}}]}`, Options{}, []string{"issues[0].fields.duedate"}},
		{"bad status", `{"issues":[{"key":"A-1","fields":{"status":"x"}}]}`, Options{}, []string{"issues[0].fields.status"}},
		{"bad parent", `{"issues":[{"key":"A-1","fields":{"parent":"x"}}]}`, Options{}, []string{"issues[0].fields.parent"}},
		{"bad summary", `{"issues":[{"key":"A-1","fields":{"summary":[1]}}]}`, Options{}, []string{"issues[0].fields.summary"}},
		{"bad labels", `{"issues":[{"key":"A-1","fields":{"labels":[[1]]}}]}`, Options{}, []string{"issues[0].fields.labels"}},
		{"bad links", `{"issues":[{"key":"A-1","fields":{"issuelinks":{}}}]}`, Options{}, []string{"issues[0].fields.issuelinks"}},
		{"ambiguous confidence", `{"issues":[{"key":"A-1","fields":{"customfield_9":0.5}}]}`, Options{Mapping: Mapping{Scores: column.ScoreColumns{Confidence: "customfield_9", ConfidenceUnit: column.UnitPercent}}}, []string{"issues[0].fields.customfield_9"}},
		{"too many", `{"issues":[{"key":"A-1"},{"key":"A-2"}]}`, Options{Limits: column.Limits{MaxRecords: 1}}, []string{"issues[1]"}},
		{"too big", `{"issues":[{"key":"A-1"},{"key":"A-2"}]}`, Options{Limits: column.Limits{MaxDocumentBytes: 20}}, []string{"issues[1]"}},
		{"record too long", `{"issues":[{"key":"` + strings.Repeat("x", 70000) + `"}]}`, Options{Limits: column.Limits{MaxRecordBytes: 10}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadSearch(strings.NewReader(tc.in), tc.opts)
			if !errors.Is(err, productops.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if tc.paths == nil {
				return
			}
			if d := cmp.Diff(tc.paths, fieldtest.Paths(t, err)); d != "" {
				t.Errorf("paths (-want +got)\n%s\n%v", d, err)
			}
		})
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadCSVContext(ctx, bytes.NewReader(open(t, "export.csv")), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("csv: %v", err)
	}
	if _, err := ReadSearchContext(ctx, bytes.NewReader(open(t, "search.json")), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("search: %v", err)
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
