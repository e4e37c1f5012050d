package prioritize

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/fieldtest"
)

// TestBuyAFeature: pooled money buys X exactly at its price; Y is only partly funded and
// its money goes back (§1.10, P27-style).
func TestBuyAFeature(t *testing.T) {
	in := BuyAFeatureInput{
		Features: []Feature{{ID: "X", Price: d("100")}, {ID: "Y", Price: d("60")}, {ID: "Z", Price: d("15")}},
		Budgets:  map[string]decimal.Decimal{"alice": d("60"), "bob": d("50"), "carol": d("45")},
		Allocations: []Allocation{
			{Player: "alice", Feature: "X", Amount: d("50")}, {Player: "bob", Feature: "X", Amount: d("30")},
			{Player: "carol", Feature: "X", Amount: d("20")}, {Player: "alice", Feature: "Y", Amount: d("10")},
			{Player: "bob", Feature: "Y", Amount: d("20")}, {Player: "carol", Feature: "Z", Amount: d("20")},
		},
	}
	r, err := BuyAFeature(in)
	if err != nil {
		t.Fatal(err)
	}
	m := func(kv ...string) map[string]decimal.Decimal {
		out := map[string]decimal.Decimal{}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = d(kv[i+1])
		}
		return out
	}
	want := BuyAFeatureResult{
		Funding: map[ItemID]decimal.Decimal{"X": d("100"), "Y": d("30"), "Z": d("20")},
		Bought:  []ItemID{"X", "Z"}, Surplus: map[ItemID]decimal.Decimal{"X": d("0"), "Z": d("5")},
		Spent:       m("alice", "50", "bob", "30", "carol", "40"),
		Returned:    m("alice", "10", "bob", "20", "carol", "0"),
		Unallocated: m("alice", "0", "bob", "0", "carol", "5"),
	}
	if diff := cmp.Diff(want, r, decimalEqual); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	in.Allocations = append(in.Allocations, Allocation{Player: "bob", Feature: "Z", Amount: d("1")},
		Allocation{Player: "dave", Feature: "W", Amount: d("-1")})
	in.Features = append(in.Features, Feature{ID: "X", Price: d("0")})
	in.Budgets["erin"] = d("-3")
	_, err = BuyAFeature(in)
	want2 := []string{"features[3].price dgt", "features[3].id unique", `budgets["erin"] dgte`, "allocations[7].amount dgt",
		"allocations[7].player exists", "allocations[7].feature exists", `budgets["bob"] budget`}
	if diff := cmp.Diff(want2, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
