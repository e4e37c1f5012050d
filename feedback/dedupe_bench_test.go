package feedback

import (
	"fmt"
	"testing"
)

// BenchmarkDedupe compares FindDuplicates (MinHash + LSH, verified) with the exact all-pairs
// baseline on the same synthetic short items, and reports the recall of the LSH run against
// the baseline at the duplicate and at the similar threshold.
//
//	go test -run '^$' -bench 'Dedupe' -benchtime 3x ./feedback/
func BenchmarkDedupe(b *testing.B) {
	for _, sh := range []Shingling{WordUnigrams, CharTrigrams} {
		opts := DedupeOptions{Shingling: sh}
		for _, n := range []int{1000, 20000} {
			items := syntheticItems(n, 1)
			var base *DuplicateReport
			b.Run(fmt.Sprintf("%s/allpairs/n=%d", sh, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					base = allPairs(items, opts)
				}
				b.ReportMetric(float64(len(base.Pairs)), "pairs")
			})
			b.Run(fmt.Sprintf("%s/lsh/n=%d", sh, n), func(b *testing.B) {
				b.ReportAllocs()
				var r *DuplicateReport
				for b.Loop() {
					var err error
					if r, err = FindDuplicates(items, opts); err != nil {
						b.Fatal(err)
					}
				}
				if base == nil {
					base = allPairs(items, opts)
				}
				rd, _ := recall(r, base, opts.duplicate())
				rs, _ := recall(r, base, opts.similar())
				b.ReportMetric(rd, "recall@dup")
				b.ReportMetric(rs, "recall@similar")
				b.ReportMetric(float64(r.Candidates), "candidates")
			})
		}
		items := syntheticItems(100000, 1)
		b.Run(fmt.Sprintf("%s/lsh/n=100000", sh), func(b *testing.B) {
			b.ReportAllocs()
			var r *DuplicateReport
			for b.Loop() {
				var err error
				if r, err = FindDuplicates(items, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(r.Candidates), "candidates")
			b.ReportMetric(float64(len(r.Pairs)), "pairs")
		})
	}
}
