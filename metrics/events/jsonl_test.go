package events

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadJSONLines(t *testing.T) {
	in := `{"user_id":"u1","event":"signup","ts":1704067200,"plan":"pro"}
{"user_id":7,"event":"view","ts":"2024-01-01T00:01:00Z","plan":null,"n":1}

{"user_id":"u1","event":"buy","ts":"1704067320","plan":true}
`
	l, err := ReadJSONLines(strings.NewReader(in), ReadOptions{PropColumns: []string{"plan"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Event{
		{User: "u1", Name: "signup", Time: at(t, "2024-01-01T00:00:00Z"), Props: map[string]string{"plan": "pro"}},
		{User: "u1", Name: "buy", Time: at(t, "2024-01-01T00:02:00Z"), Props: map[string]string{"plan": "true"}},
		{User: "7", Name: "view", Time: at(t, "2024-01-01T00:01:00Z")},
	}
	if diff := cmp.Diff(want, slices.Collect(l.All())); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	l, err = ReadJSONLines(strings.NewReader(`{"u":"a","e":"x","t":1704067200123}`), ReadOptions{UserColumn: "u", NameColumn: "e", TimeColumn: "t", TimeFormat: TimeUnixMillis})
	if err != nil || l.Len() != 1 {
		t.Fatal(err)
	}
}

func TestReadJSONLinesBadRows(t *testing.T) {
	in := `{"user_id":"u1","event":"a","ts":1}
not json
{"event":"a","ts":1}
{"user_id":"u","event":"","ts":1}
{"user_id":"u","event":"a"}
{"user_id":"u","event":"a","ts":"later"}
{"user_id":"u","event":"a","ts":1.5}
{"user_id":"u","event":"a","ts":2}`
	_, err := ReadJSONLines(strings.NewReader(in), ReadOptions{})
	var re *RowError
	if !errors.As(err, &re) || re.Line != 2 {
		t.Fatalf("stop: %v", err)
	}
	l, err := ReadJSONLines(strings.NewReader(in), ReadOptions{OnBadRow: CollectBadRows})
	var be *BadRowsError
	if !errors.As(err, &be) {
		t.Fatalf("collect: %v", err)
	}
	var got []string
	for _, r := range be.Rows {
		got = append(got, r.Column)
	}
	if diff := cmp.Diff([]string{"", "user_id", "event", "ts", "ts", "ts"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if l.Len() != 2 {
		t.Errorf("len %d", l.Len())
	}
	_, err = ReadJSONLines(strings.NewReader(`{"user_id":"u","event":"a","ts":1}`), ReadOptions{TimeFormat: TimeRFC3339})
	if !errors.Is(err, ErrBadRow) {
		t.Errorf("number for rfc3339: %v", err)
	}
	long := `{"user_id":"` + strings.Repeat("u", 1<<20+100) + `","event":"a","ts":1}`
	if l, err := ReadJSONLines(strings.NewReader(long), ReadOptions{}); err != nil || l.Len() != 1 {
		t.Errorf("long line: %v", err)
	}
}

func FuzzReadJSONLines(f *testing.F) {
	f.Add(`{"user_id":"u","event":"e","ts":1}`)
	f.Add("{\"user_id\":1,\"event\":\"e\",\"ts\":\"2024-01-01T00:00:00Z\"}\n\n[]")
	f.Fuzz(func(t *testing.T, in string) {
		for _, mode := range []BadRowPolicy{StopAtFirst, CollectBadRows} {
			l, err := ReadJSONLines(strings.NewReader(in), ReadOptions{OnBadRow: mode})
			if err != nil && !errors.Is(err, ErrBadRow) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			if l != nil && l.Len() != len(slices.Collect(l.All())) {
				t.Fatal("All disagrees with Len")
			}
		}
	})
}
