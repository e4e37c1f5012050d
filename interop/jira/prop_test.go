package jira

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/interop/internal/tabular"
)

// Any split of a file into chunks reads the same issues.
func TestPropertyChunks(t *testing.T) {
	files := map[string]func([]byte) ([]Issue, error){
		"export.csv": func(b []byte) ([]Issue, error) {
			return ReadCSV(tabular.Chunks(b, nil), Options{Mapping: riceCSV})
		},
		"search.json": func(b []byte) ([]Issue, error) {
			return ReadSearch(tabular.Chunks(b, nil), Options{Mapping: riceJSON})
		},
	}
	for name, read := range files {
		data := open(t, name)
		whole, err := read(data)
		if err != nil {
			t.Fatal(err)
		}
		props := gopter.NewProperties(proptest.Parameters(t))
		props.Property(name+" reads the same in any chunks", prop.ForAll(func(sizes []int) bool {
			var got []Issue
			var err error
			if name == "export.csv" {
				got, err = ReadCSV(tabular.Chunks(data, sizes), Options{Mapping: riceCSV})
			} else {
				got, err = ReadSearch(tabular.Chunks(data, sizes), Options{Mapping: riceJSON})
			}
			return err == nil && cmp.Diff(whole, got, cmpDec) == ""
		}, gen.SliceOf(gen.IntRange(1, 97))))
		props.TestingRun(t)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("Issue key,Summary,Custom field (Story Points),Due date\nA-1,x,5,06/Jul/26\n"), []byte(`{}`))
	f.Add([]byte("Issue key,Custom field (Confidence)\nA-1,80%\nA-2,0.5\n"), []byte(`{"mapping":{"scores":{"confidence":"Custom field (Confidence)","confidence_unit":"percent"}}}`))
	f.Add(open(f, "export.csv"), []byte(`{"limits":{"max_records":2}}`))
	f.Fuzz(func(t *testing.T, in, opts []byte) {
		var o Options
		_ = jsonUnmarshal(opts, &o)
		tabular.Guard(t, 2*time.Second, 256<<20, func() {
			issues, err := ReadCSV(bytes.NewReader(in), o)
			if err == nil {
				_, _, _ = Items(issues)
				_, _ = RICE(issues)
			}
		})
	})
}

func FuzzReadSearch(f *testing.F) {
	f.Add(open(f, "search.json"), []byte(`{"mapping":{"scores":{"reach":"Reach","confidence":"Confidence","confidence_unit":"percent"}}}`))
	f.Add(open(f, "search_jql.json"), []byte(`{}`))
	f.Add([]byte(`{"issues":[{"key":"A","fields":{"issuelinks":[{"type":{"name":"Blocks"},"inwardIssue":{"key":"B"}}]}}]}`), []byte(`{"limits":{"max_record_bytes":50}}`))
	f.Fuzz(func(t *testing.T, in, opts []byte) {
		var o Options
		_ = jsonUnmarshal(opts, &o)
		tabular.Guard(t, 2*time.Second, 256<<20, func() {
			issues, err := ReadSearch(bytes.NewReader(in), o)
			if err == nil {
				_, _, _ = Items(issues)
				_, _ = WSJF(issues)
			}
		})
	})
}
