package jira_test

import (
	"fmt"
	"strings"

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

func ExampleICE() {
	ice, _ := jira.ICE([]jira.Issue{{Key: "DISC-1", Scores: column.Scores{}}})
	fmt.Println(len(ice))
	_, err := jira.WSJF([]jira.Issue{{Key: "DISC-1"}})
	fmt.Println(err != nil)
	// Output:
	// 0
	// true
}
