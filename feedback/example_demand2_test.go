package feedback_test

import (
	"fmt"
	"time"

	"github.com/productops/productops/feedback"
	"github.com/shopspring/decimal"
)

func day(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }

// Productboard's channel rules: the portal can create an importance, never update one.
func ExampleSignalChannel() {
	ds := feedback.Dataset{
		People:   []feedback.Person{{ID: "ann"}},
		Requests: []feedback.Request{{ID: "sso"}},
		Votes: []feedback.Vote{
			{Request: "sso", Person: "ann", CreatedAt: day(1), Importance: importance(2)},                                  // set in the app
			{Request: "sso", Person: "ann", CreatedAt: day(2), Importance: importance(3), Channel: feedback.ChannelPortal}, // later, from the portal
		},
	}
	r, _ := feedback.Demand(&ds, day(10), feedback.DemandOptions{})
	d, _ := r.Request("sso")
	fmt.Println(d.Points, d.Excluded.ImportanceIgnored)
	r, _ = feedback.Demand(&ds, day(10), feedback.DemandOptions{Channels: feedback.ChannelRules{Portal: feedback.ImportanceLatest}})
	d, _ = r.Request("sso")
	fmt.Println(d.Points, d.Excluded.ImportanceIgnored)
	// Output:
	// 2 1
	// 3 0
}

// Anonymous feedback is volume, not people.
func ExampleDemandOptions_countAnonymous() {
	ds := feedback.Dataset{
		People:   []feedback.Person{{ID: "ann"}},
		Items:    []feedback.Item{{ID: "n1", Source: "widget", SourceRecord: "1", CreatedAt: day(1)}, {ID: "n2", Source: "widget", SourceRecord: "2", Author: "ann", CreatedAt: day(1)}},
		Links:    []feedback.Link{{Item: "n1", Request: "sso"}, {Item: "n2", Request: "sso", Importance: importance(3)}},
		Requests: []feedback.Request{{ID: "sso"}},
	}
	for _, count := range []bool{false, true} {
		r, _ := feedback.Demand(&ds, day(10), feedback.DemandOptions{CountAnonymous: count})
		d, _ := r.Request("sso")
		fmt.Printf("volume %d, anonymous %d, people %d, points %d\n", d.Volume, d.Anonymous, d.People, d.Points)
	}
	// Output:
	// volume 2, anonymous 1, people 1, points 3
	// volume 2, anonymous 1, people 1, points 4
}

// Revenue × importance, pipeline, and weights per account and per person.
func ExampleOpportunity() {
	ds := feedback.Dataset{
		Accounts: []feedback.Account{
			{ID: "acme", AccountState: feedback.AccountState{Segment: "enterprise", MRR: decimal.NewFromInt(1000), Currency: "USD"}},
			{ID: "initech", AccountState: feedback.AccountState{Segment: "smb", MRR: decimal.NewFromInt(200), Currency: "USD"}},
		},
		People: []feedback.Person{{ID: "ann", Account: "acme", Segment: "admin"}, {ID: "bob", Account: "initech"}},
		Votes: []feedback.Vote{
			{Request: "sso", Person: "ann", CreatedAt: day(1), Importance: importance(3)},
			{Request: "sso", Person: "bob", CreatedAt: day(1), Importance: importance(1)},
		},
		Opportunities: []feedback.Opportunity{
			{ID: "deal-1", Account: "initech", Requests: []feedback.RequestID{"sso"}, Value: decimal.NewFromInt(24000), Currency: "USD"},
			{ID: "deal-2", Account: "acme", Requests: []feedback.RequestID{"sso"}, Value: decimal.NewFromInt(5000), Currency: "USD", ClosedAt: day(5), Won: true},
		},
		Requests: []feedback.Request{{ID: "sso"}},
	}
	r, err := feedback.Demand(&ds, day(10), feedback.DemandOptions{
		SegmentWeights:       map[string]decimal.Decimal{"enterprise": decimal.NewFromInt(2)},
		PersonSegmentWeights: map[string]decimal.Decimal{"admin": decimal.RequireFromString("1.5")},
	})
	if err != nil {
		panic(err)
	}
	d, _ := r.Request("sso")
	fmt.Println("score", d.Score, "account score", d.AccountScore)
	fmt.Println("revenue × importance", d.RevenueImportance.Value, d.RevenueImportance.Currency)
	fmt.Println("open pipeline", d.Pipeline.Value, "in", d.Pipeline.Opportunities, "deal")
	fmt.Println(ds.Opportunities[1].OpenAt(day(10)))
	// Output:
	// score 10 account score 7
	// revenue × importance 3200 USD
	// open pipeline 24000 in 1 deal
	// false
}

func ExampleOpportunity_Validate() {
	fmt.Println(feedback.Opportunity{ID: "d", Account: "acme", Requests: []feedback.RequestID{"sso"}, Value: decimal.NewFromInt(100)}.Validate())
	// Output: feedback: opportunity "d": invalid: currency: required when value is set
}

// Fider copies the duplicate's voters to the original; as links, the class counts once.
func ExampleMergeMode() {
	ds := feedback.Dataset{
		People:   []feedback.Person{{ID: "ann"}, {ID: "bob"}},
		Requests: []feedback.Request{{ID: "sso"}, {ID: "saml", MergedInto: "sso", MergedAt: day(5)}},
		Votes:    []feedback.Vote{{Request: "sso", Person: "ann", CreatedAt: day(1)}, {Request: "saml", Person: "bob", CreatedAt: day(2)}},
	}
	for _, m := range []feedback.MergeMode{feedback.MergeAsLink, feedback.MergeFider} {
		r, _ := feedback.Demand(&ds, day(10), feedback.DemandOptions{Merges: m})
		for _, d := range r.Requests {
			fmt.Printf("%s: %s %d people %v\n", m, d.Request, d.People, d.MergedFrom)
		}
	}
	// Output:
	// link: sso 2 people [saml]
	// fider: sso 2 people [saml]
	// fider: saml 1 people []
}

func ExampleSimilarity() {
	a, b := "Dark mode, please", "dark mode now please please"
	for _, m := range []feedback.SimilarityMeasure{feedback.SimilarityJaccard, feedback.SimilarityCosineTF, feedback.SimilarityCosineTFIDF} {
		s, _ := feedback.Similarity(a, b, feedback.DedupeOptions{Measure: m})
		fmt.Printf("%s %.3f\n", m, s)
	}
	// Output:
	// jaccard 0.750
	// cosine_tf 0.873
	// cosine_tfidf 0.818
}

// Word bigrams tell word order apart, where unigrams do not.
func ExampleShingling() {
	for _, sh := range []feedback.Shingling{feedback.WordUnigrams, feedback.WordBigrams} {
		j, _ := feedback.Jaccard("export csv to excel", "export excel to csv", feedback.DedupeOptions{Shingling: sh})
		fmt.Printf("%s %.2f\n", sh, j)
	}
	// Output:
	// word_unigrams 1.00
	// word_bigrams 0.00
}
