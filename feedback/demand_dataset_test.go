package feedback

import (
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
)

func TestDatasetJSON(t *testing.T) {
	b, err := os.ReadFile("testdata/dataset.json")
	if err != nil {
		t.Fatal(err)
	}
	var ds Dataset
	if err := json.Unmarshal(b, &ds); err != nil {
		t.Fatal(err)
	}
	if err := ds.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := Demand(&ds, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), DemandOptions{})
	if err != nil {
		t.Fatal(err)
	}
	top := r.Requests[0]
	if top.Request != "sso" || top.People != 3 || top.Accounts != 2 || !top.Revenue.Value.Equal(dec("1250")) {
		t.Errorf("top request %+v", top)
	}
	// Round trip: marshal and decode again gives the same report.
	out, err := json.Marshal(&ds)
	if err != nil {
		t.Fatal(err)
	}
	var again Dataset
	if err := json.Unmarshal(out, &again); err != nil {
		t.Fatal(err)
	}
	r2, err := Demand(&again, r.AsOf, DemandOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(summarize(r), summarize(r2)); diff != "" {
		t.Errorf("round trip (-want +got)\n%s", diff)
	}
	rb, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back DemandReport
	if err := json.Unmarshal(rb, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(summarize(r), summarize(&back)); diff != "" {
		t.Errorf("report JSON round trip (-want +got)\n%s", diff)
	}
}

func FuzzDatasetJSON(f *testing.F) {
	if b, err := os.ReadFile("testdata/dataset.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"accounts":[{"id":"A","mrr":"1e99999999","currency":"USD"}]}`))
	f.Add([]byte(`{"requests":[{"id":"R","merged_into":"R"}],"votes":[{"request":"R","person":"p","importance":-3}]}`))
	f.Add([]byte(`{"themes":[{"id":"a","parent":"b"},{"id":"b","parent":"a"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var ds Dataset
		if err := json.Unmarshal(b, &ds); err != nil {
			return
		}
		guard(t, guardTime, guardAlloc, func() { checkDataset(t, &ds) })
	})
}

// checkDataset runs validation, demand and the theme roll-up on a decoded dataset.
func checkDataset(t *testing.T, ds *Dataset) {
	{
		verr := ds.Validate()
		if verr != nil && !errors.Is(verr, productops.ErrInvalid) {
			t.Fatalf("Validate returned %v", verr)
		}
		r, err := Demand(ds, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), DemandOptions{})
		if verr != nil {
			if err == nil {
				t.Fatal("Demand accepted an invalid dataset")
			}
			return
		}
		if err != nil && !errors.Is(err, productops.ErrInvalid) && !errors.Is(err, ErrMixedCurrency) {
			t.Fatalf("Demand: %v", err)
		}
		if err == nil {
			for _, d := range r.Requests {
				if d.People < d.Accounts || d.People > len(ds.People) {
					t.Fatalf("request %s: %d people, %d accounts", d.Request, d.People, d.Accounts)
				}
			}
		}
		if _, err := ThemeRollup(ds); err != nil {
			t.Fatalf("ThemeRollup on a valid dataset: %v", err)
		}
	}
}
