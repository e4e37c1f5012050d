package feedback

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

// bigDataset has n votes and n/2 links by n/10 people at n/100 accounts on n/50 requests.
func bigDataset(n int) *Dataset {
	ds := &Dataset{}
	nAcc, nPeople, nReq := max(n/100, 1), max(n/10, 1), max(n/50, 1)
	for i := range nAcc {
		ds.Accounts = append(ds.Accounts, Account{ID: AccountID(fmt.Sprint("a", i)),
			AccountState: AccountState{Segment: []string{"ent", "smb"}[i%2], MRR: decimal.NewFromInt(int64(100 * (i + 1))), Currency: "USD"}})
	}
	for i := range nPeople {
		ds.People = append(ds.People, Person{ID: PersonID(fmt.Sprint("p", i)), Account: AccountID(fmt.Sprint("a", i%nAcc))})
	}
	for i := range nReq {
		ds.Requests = append(ds.Requests, Request{ID: RequestID(fmt.Sprint("r", i))})
	}
	for i := range n {
		ds.Votes = append(ds.Votes, Vote{Request: RequestID(fmt.Sprint("r", i*7%nReq)), Person: PersonID(fmt.Sprint("p", i*13%nPeople)),
			CreatedAt: day(1 + i%20), Importance: imp(i % 4)})
	}
	for i := range n / 2 {
		it := Item{ID: ItemID(fmt.Sprint("i", i)), Source: "s", SourceRecord: fmt.Sprint(i), Author: PersonID(fmt.Sprint("p", i%nPeople)), CreatedAt: day(1 + i%25)}
		ds.Items = append(ds.Items, it)
		ds.Links = append(ds.Links, Link{Item: it.ID, Request: RequestID(fmt.Sprint("r", i*3%nReq))})
	}
	return ds
}

// BenchmarkDemand scores every request of a dataset of n votes and n/2 links (validation
// included).
//
//	go test -run '^$' -bench 'Demand' ./feedback/
func BenchmarkDemand(b *testing.B) {
	for _, n := range []int{10, 1000, 100000} {
		ds := bigDataset(n)
		b.Run(fmt.Sprint("votes=", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Demand(ds, day(30), DemandOptions{AccountsAsOf: AccountsAsOfFeedback}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSuggest queries an index of n short items.
func BenchmarkSuggest(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		items := syntheticItems(n, 3)
		x, err := NewDedupeIndex(DedupeOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for _, it := range items {
			if err := x.Add(it.ID, it.Text); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				x.Suggest(items[i%n].Text, 5)
				i++
			}
		})
	}
}
