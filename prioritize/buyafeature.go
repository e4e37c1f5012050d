package prioritize

import (
	"maps"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Feature is an item on sale in a Buy a Feature game (Luke Hohmann's Innovation Games).
type Feature struct {
	// ID names the feature; required and unique.
	ID ItemID `json:"id" validate:"required"`
	// Price is what the players must pool to buy it, > 0 (usually from its cost).
	Price decimal.Decimal `json:"price" validate:"dbound,dgt=0"`
}

// Allocation is money one player puts on one feature.
type Allocation struct {
	// Player names a player of BuyAFeatureInput.Budgets.
	Player string `json:"player" validate:"required"`
	// Feature names a feature of BuyAFeatureInput.Features.
	Feature ItemID `json:"feature" validate:"required"`
	// Amount is > 0.
	Amount decimal.Decimal `json:"amount" validate:"dbound,dgt=0"`
}

// BuyAFeatureInput is one round of the game.
type BuyAFeatureInput struct {
	// Features on sale.
	Features []Feature `json:"features"`
	// Budgets gives each player's money, ≥ 0.
	Budgets map[string]decimal.Decimal `json:"budgets"`
	// Allocations are the players' bids; a player's total must not exceed their budget.
	Allocations []Allocation `json:"allocations"`
}

// BuyAFeatureResult is the tally of a round.
type BuyAFeatureResult struct {
	// Funding is the money pooled on each feature.
	Funding map[ItemID]decimal.Decimal `json:"funding"`
	// Bought lists, in ID order, the features whose funding reached their price. Partial
	// funding never buys a feature.
	Bought []ItemID `json:"bought"`
	// Surplus is, for each bought feature, the funding above its price (kept, not
	// returned: how to refund it is a facilitation choice).
	Surplus map[ItemID]decimal.Decimal `json:"surplus"`
	// Spent is each player's money on bought features.
	Spent map[string]decimal.Decimal `json:"spent"`
	// Returned is each player's money on features that were not bought: it goes back to
	// them (for another round).
	Returned map[string]decimal.Decimal `json:"returned"`
	// Unallocated is each player's budget left unbid.
	Unallocated map[string]decimal.Decimal `json:"unallocated"`
}

// BuyAFeature tallies one round: a feature is bought when the money pooled on it reaches
// its price; money on unbought features is returned to its players. Errors name the bad
// fields: unknown players or features, duplicate feature IDs, and a player who bids more
// than their budget (rule "budget").
func BuyAFeature(in BuyAFeatureInput) (BuyAFeatureResult, error) {
	e := validation.New("prioritize: buy a feature")
	price := map[ItemID]decimal.Decimal{}
	ids := make([]ItemID, len(in.Features))
	for i, f := range in.Features {
		p := index("features", i)
		e.Struct(p, f)
		ids[i] = f.ID
		if _, dup := price[f.ID]; !dup {
			price[f.ID] = f.Price
		}
	}
	uniqueIDs(e, "features", ids)
	players := slices.Sorted(maps.Keys(in.Budgets))
	okBudget := map[string]bool{}
	for _, p := range players {
		bp := "budgets[" + quote(ItemID(p)) + "]"
		if b := in.Budgets[p]; bounded(e, "", bp, b) {
			if b.Sign() < 0 {
				e.Add(bp, "dgte", "0", "must be at least 0")
			} else {
				okBudget[p] = true
			}
		}
	}
	bid := map[string]decimal.Decimal{}
	for i, a := range in.Allocations {
		p := index("allocations", i)
		e.Struct(p, a)
		if _, ok := in.Budgets[a.Player]; !ok && a.Player != "" {
			e.Add(p+".player", ruleExists, "", "unknown player "+quote(ItemID(a.Player)))
		}
		if _, ok := price[a.Feature]; !ok && a.Feature != "" {
			e.Add(p+".feature", ruleExists, "", "unknown feature "+quote(a.Feature))
		}
		if validation.DecimalBounded(a.Amount) {
			bid[a.Player] = bid[a.Player].Add(a.Amount)
		}
	}
	for _, p := range players {
		if b := in.Budgets[p]; okBudget[p] && bid[p].GreaterThan(b) {
			e.Add("budgets["+quote(ItemID(p))+"]", "budget", in.Budgets[p].String(),
				"bids total "+bid[p].String()+", more than the budget "+in.Budgets[p].String())
		}
	}
	if err := withSentinels(e); err != nil {
		return BuyAFeatureResult{}, err
	}
	r := BuyAFeatureResult{Funding: map[ItemID]decimal.Decimal{}, Surplus: map[ItemID]decimal.Decimal{},
		Spent: map[string]decimal.Decimal{}, Returned: map[string]decimal.Decimal{}, Unallocated: map[string]decimal.Decimal{}}
	for _, f := range in.Features {
		r.Funding[f.ID] = decimal.Zero
	}
	for _, a := range in.Allocations {
		r.Funding[a.Feature] = r.Funding[a.Feature].Add(a.Amount)
	}
	bought := map[ItemID]bool{}
	for _, f := range in.Features {
		if !r.Funding[f.ID].LessThan(f.Price) {
			bought[f.ID] = true
			r.Bought = append(r.Bought, f.ID)
			r.Surplus[f.ID] = r.Funding[f.ID].Sub(f.Price)
		}
	}
	slices.Sort(r.Bought)
	for _, p := range players {
		r.Spent[p], r.Returned[p] = decimal.Zero, decimal.Zero
		r.Unallocated[p] = in.Budgets[p].Sub(bid[p])
	}
	for _, a := range in.Allocations {
		if bought[a.Feature] {
			r.Spent[a.Player] = r.Spent[a.Player].Add(a.Amount)
		} else {
			r.Returned[a.Player] = r.Returned[a.Player].Add(a.Amount)
		}
	}
	return r, nil
}
