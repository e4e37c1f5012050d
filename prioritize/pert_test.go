package prioritize

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops/internal/fieldtest"
)

func TestPERT(t *testing.T) {
	e, err := PERT(ThreePoint{Optimistic: d("1"), MostLikely: d("2"), Pessimistic: d("9")})
	if err != nil || e.Mean.String() != "3" || e.StdDev.String() != "4/3" || !e.StdDevValue.Equal(d("1.333333")) {
		t.Errorf("%+v %v", e, err)
	}
	_, err = PERT(ThreePoint{Optimistic: d("3"), MostLikely: d("2"), Pessimistic: d("1")})
	if diff := cmp.Diff([]string{"most_likely gtefield", "pessimistic gtefield"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

func TestSimulateRanks(t *testing.T) {
	tp := func(o, m, p string) ThreePoint {
		return ThreePoint{Optimistic: d(o), MostLikely: d(m), Pessimistic: d(p)}
	}
	items := []UncertainItem{
		{ID: "sure", Value: d("1000"), Effort: tp("1", "1", "1")},
		{ID: "a", Value: d("100"), Effort: tp("1", "2", "6")},
		{ID: "b", Value: d("100"), Effort: tp("1", "2", "6")},
		{ID: "never", Value: d("0"), Effort: tp("1", "2", "3")},
	}
	for _, dist := range []Distribution{DistributionPERT, DistributionTriangular} {
		opts := SimulateOptions{K: 2, Runs: 4000, Seed: 7, Distribution: dist}
		r1, err := SimulateRanks(items, opts)
		if err != nil {
			t.Fatal(err)
		}
		r2, _ := SimulateRanks(items, opts)
		if diff := cmp.Diff(r1, r2); diff != "" {
			t.Errorf("same seed must give the same result (-want +got):\n%s", diff)
		}
		hits := 0
		for _, r := range r1 {
			hits += r.Hits
		}
		if hits != 2*4000 || r1[0].P != 1 || r1[3].P != 0 || r1[0].StdErr != 0 {
			t.Errorf("%v: %+v", dist, r1)
		}
		// a and b are exchangeable: each should be in the top 2 about half the time.
		if r1[1].P < 0.45 || r1[1].P > 0.55 {
			t.Errorf("%v: P(a) = %v", dist, r1[1].P)
		}
	}
	_, err := SimulateRanks([]UncertainItem{{ID: "x", Value: d("1"), Effort: tp("0", "1", "2")}, {ID: "x", Value: d("1"), Effort: tp("1", "1", "1")}}, SimulateOptions{})
	if diff := cmp.Diff([]string{"k gte", "items[0].effort.optimistic nonzero", "items[1].id unique"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestTriangular: 2/4/12 has triangular mean 6 beside PERT's 5, and standard deviation
// sqrt((4 + 16 + 144 − 8 − 24 − 48) ÷ 18) = sqrt(84/18).
func TestTriangular(t *testing.T) {
	tp := ThreePoint{Optimistic: d("2"), MostLikely: d("4"), Pessimistic: d("12")}
	tr, err := Triangular(tp)
	if err != nil || tr.Mean.String() != "6" || !tr.MeanValue.Equal(d("6")) || math.Abs(tr.StdDev-math.Sqrt(84.0/18)) > 1e-12 {
		t.Errorf("%+v %v", tr, err)
	}
	pe, _ := PERT(tp)
	if pe.Mean.String() != "5" {
		t.Errorf("PERT mean %s", pe.Mean)
	}
	tr, err = Triangular(ThreePoint{Optimistic: d("1"), MostLikely: d("1"), Pessimistic: d("2")})
	if err != nil || tr.Mean.String() != "4/3" || !tr.MeanValue.Equal(d("1.333333")) || math.Abs(tr.StdDev-math.Sqrt(1.0/18)) > 1e-12 {
		t.Errorf("%+v %v", tr, err)
	}
	_, err = Triangular(ThreePoint{Optimistic: d("3"), MostLikely: d("2"), Pessimistic: d("1")})
	if diff := cmp.Diff([]string{"most_likely gtefield", "pessimistic gtefield"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}
