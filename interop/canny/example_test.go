package canny_test

import (
	"fmt"
	"strings"

	"github.com/productops/productops/interop/canny"
)

const posts = `{"hasMore":false,"posts":[{"id":"p1","title":"CSV export","details":"","status":"planned",
	"statusChangedAt":"2026-05-20T09:00:00.000Z","created":"2026-05-02T08:10:00.000Z","score":2,"tags":[],
	"author":{"id":"c-1","userID":"user-1","name":"Sally","isAdmin":false,"companies":[{"id":"acme","name":"Acme","monthlySpend":1250}]}}]}`

const votes = `{"hasMore":false,"votes":[
	{"id":"v1","post":{"id":"p1"},"by":null,"created":"2026-05-03T09:00:00.000Z","voter":{"id":"c-1","userID":"user-1","name":"Sally"}},
	{"id":"v2","post":{"id":"p1"},"by":{"id":"c-9","userID":"staff-9","isAdmin":true},"created":"2026-05-04T15:30:00.000Z","voter":{"id":"c-2","userID":null,"name":"Dana"}}]}`

func ExampleReadPosts() {
	ps, err := canny.ReadPosts(strings.NewReader(posts), canny.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ps[0].ID, ps[0].Status, ps[0].Author.Key(), ps[0].Author.Companies[0].MonthlySpend)
	// Output: p1 planned user-1 1250
}

func ExampleReadVotes() {
	vs, _ := canny.ReadVotes(strings.NewReader(votes), canny.Options{})
	for _, v := range vs {
		fmt.Println(v.ID, v.Voter.Key(), v.By != nil)
	}
	// Output:
	// v1 user-1 false
	// v2 c-2 true
}

func ExampleDataset() {
	ps, _ := canny.ReadPosts(strings.NewReader(posts), canny.Options{})
	vs, _ := canny.ReadVotes(strings.NewReader(votes), canny.Options{})
	ds, err := canny.Dataset(ps, vs, canny.DatasetOptions{Currency: "USD"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ds.Requests[0].ID, ds.Requests[0].Status, len(ds.Votes), ds.Votes[1].Person, "cast by", ds.Votes[1].CastBy)
	fmt.Println(ds.Accounts[0].ID, ds.Accounts[0].MRR, ds.Accounts[0].Currency, ds.Validate())
	// Output:
	// p1 planned 2 c-2 cast by staff-9
	// acme 1250 USD <nil>
}

func ExampleUser_Key() {
	fmt.Println(canny.User{ID: "c-1", UserID: "user-1"}.Key(), canny.User{ID: "c-2"}.Key())
	// Output: user-1 c-2
}
