package feedback

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/productops/productops/internal/proptest"
	"github.com/shopspring/decimal"
)

// randomDataset builds a valid dataset from a seed: 3 accounts, 6 people, 3 requests (one
// possibly merged), random links and votes.
func randomDataset(seed uint64) *Dataset {
	rng := rand.New(rand.NewPCG(seed, 3))
	ds := &Dataset{
		Accounts: []Account{
			{ID: "A", AccountState: AccountState{Segment: "ent", MRR: decimal.NewFromInt(int64(rng.IntN(1000))), Currency: "USD"},
				Snapshots: []AccountSnapshot{{At: day(1 + rng.IntN(10)), AccountState: AccountState{Segment: "smb", MRR: decimal.NewFromInt(5), Currency: "USD"}}}},
			{ID: "B", AccountState: AccountState{Segment: "smb", MRR: decimal.NewFromInt(int64(rng.IntN(1000))), Currency: "USD"}},
			{ID: "C"},
		},
		Requests: []Request{{ID: "R1"}, {ID: "R2"}, {ID: "R3"}},
	}
	if rng.IntN(2) == 0 {
		ds.Requests[2].MergedInto = "R1"
	}
	if rng.IntN(3) == 0 {
		ds.Requests[2].MergedAt = day(1 + rng.IntN(20))
	}
	accts := []AccountID{"A", "B", "C", ""}
	segs := []string{"", "admin", "beta"}
	for i := range 6 {
		ds.People = append(ds.People, Person{ID: PersonID(fmt.Sprint("p", i)), Account: accts[rng.IntN(len(accts))], Segment: segs[rng.IntN(3)]})
	}
	for i := range rng.IntN(12) {
		it := Item{ID: ItemID(fmt.Sprint("i", i)), Source: "s", SourceRecord: fmt.Sprint(i), Author: ds.People[rng.IntN(6)].ID, CreatedAt: day(1 + rng.IntN(20))}
		if rng.IntN(5) == 0 {
			it.Author = "" // anonymous
		}
		ds.Items = append(ds.Items, it)
		l := Link{Item: it.ID, Request: ds.Requests[rng.IntN(3)].ID, Channel: SignalChannel(rng.IntN(3))}
		if rng.IntN(3) > 0 {
			l.Importance = imp(rng.IntN(4))
		}
		ds.Links = append(ds.Links, l)
	}
	for range rng.IntN(12) {
		v := Vote{Request: ds.Requests[rng.IntN(3)].ID, Person: ds.People[rng.IntN(6)].ID, CreatedAt: day(1 + rng.IntN(20)), Channel: SignalChannel(rng.IntN(3))}
		if rng.IntN(2) == 0 {
			v.Importance = imp(rng.IntN(4))
		}
		ds.Votes = append(ds.Votes, v)
	}
	for i := range rng.IntN(4) {
		o := Opportunity{ID: OpportunityID(fmt.Sprint("o", i)), Account: accts[rng.IntN(3)], Value: decimal.NewFromInt(int64(rng.IntN(10000))), Currency: "USD",
			Requests: []RequestID{ds.Requests[rng.IntN(3)].ID}}
		if rng.IntN(3) == 0 {
			o.ClosedAt = day(1 + rng.IntN(30))
		}
		ds.Opportunities = append(ds.Opportunities, o)
	}
	return ds
}

// Properties: demand is invariant to duplicated votes and links and to the order of
// records; people never exceed the distinct people behind a request; merging never counts a
// person twice.
func TestDemandProperties(t *testing.T) {
	optsFor := func(seed uint64) DemandOptions {
		o := DemandOptions{AccountsAsOf: AccountsAsOf(seed % 2), Revenue: RevenueAggregation(seed % 4),
			SegmentWeights: map[string]decimal.Decimal{"ent": decimal.NewFromInt(3)}, From: day(int(seed%5) + 1),
			Merges: MergeMode(seed / 2 % 2), CountAnonymous: seed%3 == 0}
		if seed%5 == 0 {
			o.PersonSegmentWeights = map[string]decimal.Decimal{"admin": decimal.RequireFromString("0.5")}
			o.Channels = ChannelRules{Portal: ImportanceLatest, Insight: ImportanceFirst}
		}
		return o
	}
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("duplicate votes and links change nothing but the superseded count", prop.ForAll(
		func(seed uint64) bool {
			ds := randomDataset(seed)
			a, err := Demand(ds, day(25), optsFor(seed))
			if err != nil {
				t.Log(err)
				return false
			}
			dup := *ds
			dup.Votes = append(slices.Clone(ds.Votes), ds.Votes...)
			dup.Links = append(slices.Clone(ds.Links), ds.Links...)
			b, err := Demand(&dup, day(25), optsFor(seed))
			if err != nil {
				return false
			}
			sa, sb := summarize(a), summarize(b)
			for i := range sa {
				sa[i].Excluded, sb[i].Excluded = DemandExclusions{}, DemandExclusions{}
			}
			return cmp.Equal(sa, sb)
		}, gen.UInt64()))
	props.Property("record order does not matter", prop.ForAll(
		func(seed uint64) bool {
			ds := randomDataset(seed)
			a, err := Demand(ds, day(25), optsFor(seed))
			if err != nil {
				return false
			}
			rng := rand.New(rand.NewPCG(seed, 9))
			sh := *ds
			sh.Votes, sh.Links, sh.People, sh.Requests = slices.Clone(ds.Votes), slices.Clone(ds.Links), slices.Clone(ds.People), slices.Clone(ds.Requests)
			sh.Items, sh.Accounts, sh.Opportunities = slices.Clone(ds.Items), slices.Clone(ds.Accounts), slices.Clone(ds.Opportunities)
			shuffle := func(n int, swap func(i, j int)) { rng.Shuffle(n, swap) }
			shuffle(len(sh.Votes), func(i, j int) { sh.Votes[i], sh.Votes[j] = sh.Votes[j], sh.Votes[i] })
			shuffle(len(sh.Links), func(i, j int) { sh.Links[i], sh.Links[j] = sh.Links[j], sh.Links[i] })
			shuffle(len(sh.People), func(i, j int) { sh.People[i], sh.People[j] = sh.People[j], sh.People[i] })
			shuffle(len(sh.Requests), func(i, j int) { sh.Requests[i], sh.Requests[j] = sh.Requests[j], sh.Requests[i] })
			shuffle(len(sh.Items), func(i, j int) { sh.Items[i], sh.Items[j] = sh.Items[j], sh.Items[i] })
			shuffle(len(sh.Accounts), func(i, j int) { sh.Accounts[i], sh.Accounts[j] = sh.Accounts[j], sh.Accounts[i] })
			shuffle(len(sh.Opportunities), func(i, j int) { sh.Opportunities[i], sh.Opportunities[j] = sh.Opportunities[j], sh.Opportunities[i] })
			b, err := Demand(&sh, day(25), optsFor(seed))
			if err != nil {
				return false
			}
			// The whole report, every field of every row, is the same bytes.
			ja, _ := json.Marshal(a.Requests)
			jb, _ := json.Marshal(b.Requests)
			if !bytes.Equal(ja, jb) {
				t.Logf("seed %d: the reports differ", seed)
			}
			return bytes.Equal(ja, jb)
		}, gen.UInt64()))
	props.Property("a merged class counts each person once", prop.ForAll(
		func(seed uint64) bool {
			ds := randomDataset(seed)
			ds.Requests[2].MergedInto = ""
			sep, err := Demand(ds, day(25), DemandOptions{})
			if err != nil {
				return false
			}
			if err := ds.Merge("R3", "R1", day(25)); err != nil {
				return false
			}
			merged, err := Demand(ds, day(25), DemandOptions{})
			if err != nil {
				return false
			}
			r1, _ := sep.Request("R1")
			r3, _ := sep.Request("R3")
			m, _ := merged.Request("R1")
			union := map[PersonID]bool{}
			for _, c := range append(r1.Contributors, r3.Contributors...) {
				union[c.Person] = true
			}
			return m.People == len(union) && m.People <= r1.People+r3.People
		}, gen.UInt64()))
	props.TestingRun(t)
}
