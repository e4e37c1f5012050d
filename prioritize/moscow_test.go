package prioritize

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops/internal/fieldtest"
)

// TestMoSCoW: shares of effort, Won't excluded, 60% inclusive (§1.6, P16).
func TestMoSCoW(t *testing.T) {
	items := []MoSCoWItem{
		{ID: "a", Category: Must, Effort: d("4")}, {ID: "b", Category: Must, Effort: d("2")},
		{ID: "c", Category: Should, Effort: d("2")}, {ID: "d", Category: Could, Effort: d("2")},
		{ID: "e", Category: Wont, Effort: d("50")},
	}
	r, err := CheckMoSCoW(items, MoSCoWOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Pass || !r.MustShare.Value.Equal(d("0.6")) || !r.Capacity.Equal(d("10")) || len(r.Notes) != 0 || r.CouldBelowAdvice {
		t.Errorf("%+v", r)
	}
	items[0].Effort = d("4.1")
	r, _ = CheckMoSCoW(items, MoSCoWOptions{})
	if r.Pass || len(r.Notes) != 2 || !r.CouldBelowAdvice {
		t.Errorf("4.1+2 of 10.1 should fail, with could below 20%%: %+v", r)
	}
	r, _ = CheckMoSCoW(items, MoSCoWOptions{Capacity: d("20"), MaxMustShare: d("0.5")})
	if !r.Pass || !r.MustShare.Exact.Equal(fr(t, "61/200")) {
		t.Errorf("%+v", r)
	}
	r, _ = CheckMoSCoW(nil, MoSCoWOptions{})
	if r.Pass || r.MustShare.Defined {
		t.Errorf("empty timeframe: %+v", r)
	}
	_, err = CheckMoSCoW([]MoSCoWItem{{ID: "a", Category: 7, Effort: d("-1")}, {ID: "a", Effort: d("1")}}, MoSCoWOptions{MaxMustShare: d("2")})
	if diff := cmp.Diff([]string{"items[0].category lte", "items[0].effort dgte", "items[1].id unique", "max_must_share range"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
