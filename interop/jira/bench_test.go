package jira

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/productops/productops/interop/column"
)

// csvOf returns a Jira CSV export of n issues with story points, a sprint, a due date,
// RICE custom fields and a blocking link.
func csvOf(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Summary,Issue key,Issue id,Issue Type,Status,Due date,Sprint,Custom field (Story Points),Custom field (Reach),Custom field (Impact),Custom field (Confidence),Custom field (Effort),Inward issue link (Blocks),Status Category\r\n")
	for i := range n {
		fmt.Fprintf(&b, "Issue %d,P-%d,%d,Story,To Do,%02d/Jul/26 12:00 AM,Sprint %d,%d,%d,2,%d%%,3,P-%d,To Do\r\n", i, i, 10000+i, i%28+1, i%10, i%8+1, i*7%5000, 50+i%50, max(i-1, 0))
	}
	return b.Bytes()
}

func BenchmarkReadCSV(b *testing.B) {
	opts := Options{Mapping: Mapping{Scores: column.ScoreColumns{Reach: "Custom field (Reach)", Impact: "Custom field (Impact)",
		Confidence: "Custom field (Confidence)", ConfidenceUnit: column.UnitPercent, Effort: "Custom field (Effort)"}}}
	for _, n := range []int{10_000, 1_000_000} {
		data := csvOf(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				issues, err := ReadCSV(bytes.NewReader(data), opts)
				if err != nil || len(issues) != n {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadSearch(b *testing.B) {
	for _, n := range []int{10_000} {
		var sb strings.Builder
		sb.WriteString(`{"startAt":0,"maxResults":100,"total":1,"issues":[`)
		for i := range n {
			if i > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, `{"id":"%d","key":"P-%d","fields":{"summary":"Issue %d","status":{"name":"To Do","statusCategory":{"key":"new"}},"duedate":"2026-07-06","customfield_10016":%d,"issuelinks":[{"type":{"name":"Blocks"},"inwardIssue":{"key":"P-%d"}}]}}`, i, i, i, i%8, max(i-1, 0))
		}
		sb.WriteString(`],"names":{"customfield_10016":"Story point estimate"}}`)
		data := []byte(sb.String())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				issues, err := ReadSearch(bytes.NewReader(data), Options{})
				if err != nil || len(issues) != n {
					b.Fatal(err)
				}
			}
		})
	}
}
