package feedback

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

// bands × rows used to wrap (MaxInt bands × 2 rows is -2) and pass validation, then
// panic in makeslice. The check is now overflow-safe.
func TestDedupeOptionsOverflow(t *testing.T) {
	for _, o := range []DedupeOptions{
		{Bands: math.MaxInt, Rows: 2},
		{Bands: math.MaxInt/2 + 1, Rows: 2},
		{Bands: 2, Rows: math.MaxInt},
		{Bands: math.MaxInt, Rows: math.MaxInt},
		{Bands: 4097, Rows: 1},
	} {
		guard(t, guardTime, 1<<20, func() {
			if _, err := NewDedupeIndex(o); !errors.Is(err, productops.ErrInvalid) {
				t.Errorf("%+v: NewDedupeIndex error %v", o, err)
			}
			if _, err := FindDuplicates([]Item{{ID: "a", Text: "x"}}, o); !errors.Is(err, productops.ErrInvalid) {
				t.Errorf("%+v: FindDuplicates error %v", o, err)
			}
		})
	}
	if err := (DedupeOptions{Bands: 4096, Rows: 1}).Validate(); err != nil {
		t.Errorf("4096 × 1 refused: %v", err)
	}
	err := DedupeOptions{MaxBandKeys: -1, MaxCandidates: -1, MaxPairs: -1}.Validate()
	if diff := cmp.Diff([]string{"max_band_keys", "max_candidates", "max_pairs"}, fieldtest.Paths(t, err)); diff != "" {
		t.Errorf("negative caps (-want +got)\n%s", diff)
	}
}

func limitOf(t *testing.T, err error) string {
	t.Helper()
	var le *LimitError
	if !errors.As(err, &le) || !errors.Is(err, ErrLimit) || !errors.Is(err, productops.ErrInvalid) {
		t.Fatalf("error %v is not a *LimitError matching ErrLimit and ErrInvalid", err)
	}
	return le.Limit
}

// The caps are checked before the work they bound: the size of the index, the candidates
// verified, the pairs reported.
func TestDedupeCaps(t *testing.T) {
	items := make([]Item, 100)
	for i := range items {
		items[i] = Item{ID: ItemID(fmt.Sprintf("i%03d", i)), Text: "please add dark mode"}
	}
	_, err := FindDuplicates(items, DedupeOptions{MaxBandKeys: 64 * 99})
	if l := limitOf(t, err); l != "max_band_keys" {
		t.Errorf("limit %s", l)
	}
	x, _ := NewDedupeIndex(DedupeOptions{Bands: 8, MaxBandKeys: 16})
	for i := range 2 {
		if err := x.Add(items[i].ID, items[i].Text); err != nil {
			t.Fatal(err)
		}
	}
	if l := limitOf(t, x.Add("c", "c")); l != "max_band_keys" || x.Len() != 2 {
		t.Errorf("limit %s, len %d", l, x.Len())
	}
	// 100 copies are 4950 exact pairs.
	if _, err := FindDuplicates(items, DedupeOptions{MaxPairs: 4950}); err != nil {
		t.Errorf("4950 pairs at the cap: %v", err)
	}
	if l := limitOf(t, mustErr(FindDuplicates(items, DedupeOptions{MaxPairs: 4949}))); l != "max_pairs" {
		t.Errorf("limit %s", l)
	}
	// Distinct near-identical texts: every pair is a candidate and a similar pair.
	for i := range items {
		items[i].Text = fmt.Sprintf("please add dark mode to the app now %d", i)
	}
	if l := limitOf(t, mustErr(FindDuplicates(items, DedupeOptions{MaxCandidates: 10}))); l != "max_candidates" {
		t.Errorf("limit %s", l)
	}
	if l := limitOf(t, mustErr(FindDuplicates(items, DedupeOptions{MaxPairs: 10}))); l != "max_pairs" {
		t.Errorf("limit %s", l)
	}
	r, err := FindDuplicates(items, DedupeOptions{})
	if err != nil || len(r.Pairs) != 4950 {
		t.Errorf("defaults: %d pairs, %v", len(r.Pairs), err)
	}
	if e := (&LimitError{Limit: "max_pairs", Max: 3}).Error(); e != "feedback: limit exceeded: more than 3 allowed by max_pairs (raise the option to allow more)" {
		t.Errorf("Error() = %q", e)
	}
}

func mustErr[T any](_ T, err error) error { return err }

func TestDedupeContext(t *testing.T) {
	items := syntheticItems(3000, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := FindDuplicatesContext(ctx, items, DedupeOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("FindDuplicatesContext: %v", err)
	}
	x, _ := NewDedupeIndex(DedupeOptions{})
	for _, it := range items {
		_ = x.Add(it.ID, it.Text)
	}
	if _, err := x.PairsContext(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("PairsContext: %v", err)
	}
	//lint:ignore SA1012 a nil context is what is tested
	if _, err := x.PairsContext(nil); !errors.Is(err, productops.ErrInvalid) { //nolint:staticcheck
		t.Errorf("nil ctx: %v", err)
	}
	// Cancellation inside the candidate sweep, after the bands are sorted.
	calls := 0
	err := x.eachCandidate(context.Background(), func(g, h int32) error {
		calls++
		if calls == 5 {
			return context.Canceled
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 5 {
		t.Errorf("sweep: %v after %d calls", err, calls)
	}
}
