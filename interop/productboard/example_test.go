package productboard_test

import (
	"fmt"
	"strings"

	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/productboard"
)

func ExampleReadFeatures() {
	export := "ID,Name,Status,Reach,Impact,Confidence,Effort\n" +
		"f-1,Saved cards,In progress,1200,2,0.8,3\n" +
		"f-2,Apple Pay,Candidate,400,1,0.5,2\n"
	features, err := productboard.ReadFeatures(strings.NewReader(export), productboard.Options{Mapping: productboard.Mapping{
		Scores: column.ScoreColumns{Reach: "Reach", Impact: "Impact", Effort: "Effort",
			Confidence: "Confidence", ConfidenceUnit: column.UnitFraction}, // 0.8 means 80%
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	inputs, _ := productboard.RICE(features)
	fmt.Println(inputs[0].ID, inputs[0].Confidence)
	items, _ := productboard.Items(features, nil)
	fmt.Println(items[1].ID, items[1].Status)
	// Output:
	// f-1 0.8
	// f-2 backlog
}

func ExampleReadNotes() {
	page := `{"data":[{"id":"n-1","title":"Remember my card","content":"","user":{"id":"u-1"},"company":{"id":"acme"},
		"state":"unprocessed","source":{"origin":"zendesk","record_id":"4812"},"tags":[],
		"features":[{"id":"f-1","importance":"critical","type":"feature"}],"createdAt":"2026-06-01T10:00:00.000Z"}],
		"pageCursor":null,"totalResults":1}`
	notes, err := productboard.ReadNotes(strings.NewReader(page), productboard.NotesOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	it, l := notes.Items[0], notes.Links[0]
	fmt.Println(it.ID, it.Source, it.SourceRecord, it.Author, it.Account, l.Request, *l.Importance)
	// Output: n-1 zendesk 4812 u-1 acme f-1 3
}

func ExampleItems() {
	items, err := productboard.Items([]productboard.Feature{{ID: "f-1", Status: "Launched"}}, nil)
	fmt.Println(items[0].Status, err)
	// Output: done <nil>
}

func ExampleRequests() {
	reqs := productboard.Requests([]productboard.Feature{{ID: "f-1", Name: "Saved cards"}})
	fmt.Println(reqs[0].ID, reqs[0].Title, reqs[0].Status)
	// Output: f-1 Saved cards new
}

func ExampleRICE() {
	_, err := productboard.RICE([]productboard.Feature{{ID: "f-1"}})
	fmt.Println(err != nil)
	// Output: true
}
