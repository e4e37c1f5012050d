package survey

import (
	"fmt"
	"testing"
)

// BenchmarkNPS scores n answers.
func BenchmarkNPS(b *testing.B) {
	for _, n := range []int{10, 1000, 100000, 1000000} {
		scores := make([]int, n)
		for i := range scores {
			scores[i] = (i*7 + i/3) % 11
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NPS(Responses{Scores: scores}, NPSOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
