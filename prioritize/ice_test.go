package prioritize

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops/internal/fieldtest"
)

// TestICEVariantsDisagree: the product punishes one weak factor, the mean compensates
func TestICEVariantsDisagree(t *testing.T) {
	a := ICEInput{ID: "A", Impact: d("10"), Confidence: d("10"), Ease: d("1")}
	b := ICEInput{ID: "B", Impact: d("5"), Confidence: d("5"), Ease: d("5")}
	got := map[string]string{}
	for _, v := range []ICEVariant{ICEProduct, ICEMean} {
		for _, in := range []ICEInput{a, b} {
			s, err := ICE(in, ICEOptions{Variant: v})
			if err != nil {
				t.Fatal(err)
			}
			got[v.String()+" "+string(in.ID)] = s.Exact.String()
		}
	}
	want := map[string]string{"product A": "100", "product B": "125", "mean A": "7", "mean B": "5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err := ICE(ICEInput{ID: "x", Impact: d("0"), Confidence: d("11"), Ease: d("5")}, ICEOptions{Variant: 9})
	if diff := cmp.Diff([]string{"impact dgte", "confidence dlte", "variant oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
