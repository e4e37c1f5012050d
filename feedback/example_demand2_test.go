package feedback_test

import (
	"fmt"
	"os"
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

func ExampleDemandReport_WriteCSV() {
	ds := feedback.Dataset{
		Accounts: []feedback.Account{{ID: "acme", AccountState: feedback.AccountState{MRR: decimal.NewFromInt(1000), Currency: "USD"}}},
		People:   []feedback.Person{{ID: "ann", Account: "acme"}},
		Requests: []feedback.Request{{ID: "sso", Title: "Single sign-on"}},
		Votes:    []feedback.Vote{{Request: "sso", Person: "ann", CreatedAt: day(1), Importance: importance(3)}},
	}
	r, _ := feedback.Demand(&ds, day(10), feedback.DemandOptions{})
	if err := r.WriteCSV(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// request,title,status,duplicate_of,merged_from,volume,anonymous,anonymous_points,people,accounts,points,score,account_score,revenue_aggregation,revenue_measure,revenue,revenue_currency,revenue_accounts,revenue_defined,revenue_importance,pipeline,pipeline_currency,pipeline_opportunities,superseded,importance_ignored,outside_window,after_as_of
	// sso,Single sign-on,new,,,1,0,0,1,1,3,3,3,sum,mrr,1000,USD,1,true,3000,0,,0,0,0,0,0
}

func ExampleDemandReport_WriteAccountsCSV() {
	ds := feedback.Dataset{
		Accounts: []feedback.Account{{ID: "acme", AccountState: feedback.AccountState{Segment: "enterprise", MRR: decimal.NewFromInt(1000), Currency: "USD"}}},
		People:   []feedback.Person{{ID: "ann", Account: "acme"}, {ID: "al", Account: "acme"}},
		Requests: []feedback.Request{{ID: "sso"}},
		Votes: []feedback.Vote{{Request: "sso", Person: "ann", CreatedAt: day(1), Importance: importance(3)},
			{Request: "sso", Person: "al", CreatedAt: day(1), Importance: importance(1)}},
	}
	r, _ := feedback.Demand(&ds, day(10), feedback.DemandOptions{})
	if err := r.WriteAccountsCSV(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// request,account,segment,plan,lifecycle,revenue,currency,has_revenue,people,points,score,importance,weight,account_score,revenue_importance,pipeline,pipeline_opportunities
	// sso,acme,enterprise,,unknown,1000,USD,true,2,4,4,3,1,3,3000,0,0
}

func ExampleDuplicateReport_WriteCSV() {
	r, _ := feedback.FindDuplicates([]feedback.Item{{ID: "a", Text: "Dark mode please"}, {ID: "b", Text: "dark mode, please!"}}, feedback.DedupeOptions{})
	if err := r.WriteCSV(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// a,b,similarity,kind,shingling,measure
	// a,b,1,exact,word_unigrams,jaccard
}

func ExampleSLABatch_WriteCSV() {
	e, _ := feedback.NewSLAEvaluator([]feedback.SLAPolicy{{Name: "standard", Targets: []feedback.SLATarget{
		{Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityNormal, Target: time.Hour}}}}, nil)
	c := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	b, _ := e.EvaluateAll([]feedback.Ticket{{ID: "T-1", CreatedAt: c, Priority: feedback.TicketPriorityNormal, Events: []feedback.TicketEvent{
		{At: c.Add(90 * time.Minute), Kind: feedback.TicketPublicComment, Actor: feedback.ActorAgent}}}}, c.Add(2*time.Hour))
	if err := b.WriteCSV(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// ticket_id,policy,metric,cycle,priority,target_seconds,business_hours,started_at,fulfilled,fulfilled_at,fulfilled_by,paused,elapsed_seconds,due_at,state,breached,overdue_seconds
	// T-1,standard,first_reply_time,0,normal,3600,false,2026-06-01T09:00:00Z,true,2026-06-01T10:30:00Z,reply,false,5400,2026-06-01T10:00:00Z,breached,true,1800
}

func ExampleSLACompliance_WriteCSV() {
	var c feedback.SLACompliance
	c.Add(feedback.SLAResult{Metric: feedback.SLAFirstReply, State: feedback.SLAAchieved},
		feedback.SLAResult{Metric: feedback.SLAFirstReply, State: feedback.SLABreached})
	if err := c.WriteCSV(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// metric,achieved,breached,active,paused,results,compliance_numerator,compliance_denominator,compliance_defined,compliance
	// first_reply_time,1,1,0,0,2,1,2,true,0.5
	// total,1,1,0,0,2,1,2,true,0.5
}
