package jira_test

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/jira"
	"github.com/productops/productops/prioritize"
)

func ExampleReadCSV() {
	export := "Issue key,Summary,Status,Status Category,Custom field (Story Points),Custom field (Reach),Custom field (Impact),Custom field (Confidence),Custom field (Effort),Inward issue link (Blocks)\r\n" +
		"SHOP-2,Saved cards,To Do,To Do,5,1200,2,80%,3,\r\n" +
		"SHOP-3,Apple Pay,Backlog,To Do,3,400,1,50,2,SHOP-2\r\n"
	issues, err := jira.ReadCSV(strings.NewReader(export), jira.Options{Mapping: jira.Mapping{Scores: column.ScoreColumns{
		Reach: "Custom field (Reach)", Impact: "Custom field (Impact)", Effort: "Custom field (Effort)",
		Confidence: "Custom field (Confidence)", ConfidenceUnit: column.UnitPercent, // "80%" and "50" are both whole percent
	}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	inputs, _ := jira.RICE(issues)
	for _, in := range inputs {
		s, _ := prioritize.RICE(in, prioritize.RICEOptions{})
		fmt.Println(in.ID, "confidence", in.Confidence, "RICE", s.Value)
	}
	items, _, _ := jira.Items(issues)
	fmt.Println(items[1].ID, "depends on", items[1].DependsOn[0].On)
	// Output:
	// SHOP-2 confidence 0.8 RICE 640
	// SHOP-3 confidence 0.5 RICE 100
	// SHOP-3 depends on SHOP-2
}

func ExampleReadSearch() {
	page := `{"startAt":0,"maxResults":50,"total":1,"issues":[{"id":"10002","key":"SHOP-2","fields":{
		"summary":"Saved cards","status":{"name":"In Review","statusCategory":{"key":"indeterminate"}},
		"duedate":"2026-07-06","customfield_10016":5,
		"issuelinks":[{"type":{"name":"Blocks","inward":"is blocked by","outward":"blocks"},"outwardIssue":{"key":"SHOP-3"}}]}}],
		"names":{"customfield_10016":"Story point estimate"}}`
	issues, err := jira.ReadSearch(strings.NewReader(page), jira.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	is := issues[0]
	fmt.Println(is.Key, is.Status, is.StoryPoints, is.Due.Format("2006-01-02"), "blocks", is.Blocks)
	// Output: SHOP-2 In Review 5 2026-07-06 blocks [SHOP-3]
}

func ExampleItems() {
	issues := []jira.Issue{
		{Key: "A-1", Summary: "API", StatusCategory: "Done"},
		{Key: "A-2", Summary: "UI", StatusCategory: "In Progress", BlockedBy: []string{"A-1", "B-9"}},
	}
	items, external, err := jira.Items(issues)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(items[1].ID, items[1].Status, "depends on", items[1].DependsOn[0].On)
	fmt.Println("outside the export:", external)
	// Output:
	// A-2 in_progress depends on A-1
	// outside the export: [{B-9 A-2}]
}

func ExampleIssue_Category() {
	c, _ := jira.Issue{Key: "A-1", StatusCategory: "new", Sprints: []string{"Sprint 3"}}.Category()
	fmt.Println(c)
	// Output: planned
}

func ExampleRICE() {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	inputs, err := jira.RICE([]jira.Issue{{Key: "A-1", Scores: column.Scores{Reach: d("500"), Impact: d("2"), Confidence: d("0.8"), Effort: d("4")}}})
	fmt.Println(inputs[0].ID, inputs[0].Reach, inputs[0].Confidence, err)
	_, err = jira.RICE([]jira.Issue{{Key: "A-2"}})
	fmt.Println(err != nil)
	// Output:
	// A-1 500 0.8 <nil>
	// true
}

func ExampleICE() {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	ice, err := jira.ICE([]jira.Issue{{Key: "DISC-1", Scores: column.Scores{ICEImpact: d("8"), ICEConfidence: d("6"), ICEEase: d("5")}}})
	fmt.Println(ice[0].ID, ice[0].Impact, ice[0].Confidence, ice[0].Ease, err)
	// Output: DISC-1 8 6 5 <nil>
}

func ExampleWSJF() {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	w, err := jira.WSJF([]jira.Issue{{Key: "A-1", Scores: column.Scores{BusinessValue: d("8"), TimeCriticality: d("5"), RiskReduction: d("3"), JobSize: d("5")}}})
	fmt.Println(w[0].ID, w[0].JobSize, err)
	// Output: A-1 5 <nil>
}

func ExampleIssue_Kind() {
	fmt.Println(jira.Issue{Type: "Epic"}.Kind(), jira.Issue{Type: "Story"}.Kind())
	// Output: epic feature
}

func ExampleOptions_Validate() {
	err := jira.Options{Mapping: jira.Mapping{Scores: column.ScoreColumns{Confidence: "Confidence"}}}.Validate()
	fmt.Println(err)
	// Output: jira: options: invalid: mapping.scores.confidence_unit: declare the unit of the confidence column: percent (80 = 80%) or fraction (0.8 = 80%)
}
