package linear_test

import (
	"fmt"
	"strings"

	"github.com/productops/productops/interop/linear"
)

func ExampleReadCSV() {
	export := "ID,Team,Title,Status,Estimate,Priority,Labels,Started,Due Date,Blocked by\n" +
		"ENG-1,Core,Saved cards,In Progress,5,High,\"Feature, Payments\",2026-06-02T10:00:00.000Z,2026-07-06,\n" +
		"ENG-2,Core,Apple Pay,Todo,3,Medium,Payments,,,ENG-1\n"
	issues, err := linear.ReadCSV(strings.NewReader(export), linear.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(issues[0].ID, issues[0].Priority, issues[0].Labels, issues[0].Due.Format("2006-01-02"))
	items, _ := linear.Items(issues)
	for _, it := range items {
		fmt.Println(it.ID, it.Status, it.DependsOn)
	}
	// Output:
	// ENG-1 2 [Feature Payments] 2026-07-06
	// ENG-1 in_progress []
	// ENG-2 planned [{ENG-1 blocks 0}]
}

func ExampleIssue_Category() {
	fmt.Println(linear.Issue{Status: "Ready", Cycle: 12}.Category())
	// Output: planned
}

func ExampleItems() {
	items, external := linear.Items([]linear.Issue{{ID: "A-1", Status: "Backlog", BlockedBy: []string{"B-7"}}})
	fmt.Println(items[0].ID, items[0].Status, external)
	// Output: A-1 backlog [[B-7 A-1]]
}
