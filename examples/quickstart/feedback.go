package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/productops/productops/feedback"
)

//go:embed data/feedback.json
var feedbackJSON []byte

// feedbackAsOf is the instant the sample is scored at (the library never reads the clock).
var feedbackAsOf = time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)

// feedbackSection scores the embedded feedback by request (Productboard's importance, one
// count per person, MRR once per account, a merged duplicate counted as a union) and lists
// the accounts behind each request, then finds near-duplicate feedback items.
func feedbackSection(w io.Writer) error {
	var ds feedback.Dataset
	if err := json.Unmarshal(feedbackJSON, &ds); err != nil {
		return fmt.Errorf("feedback sample: %w", err)
	}
	fmt.Fprintf(w, "== Feedback demand: %d items, %d votes, %d people at %d accounts ==\n",
		len(ds.Items), len(ds.Votes), len(ds.People), len(ds.Accounts))
	fmt.Fprintln(w, "points = latest importance per person (0-3, none = 1); MRR counted once per account; merged duplicates are one request")
	report, err := feedback.Demand(&ds, feedbackAsOf, feedback.DemandOptions{})
	if err != nil {
		return err
	}
	if err := report.WriteText(w, 4); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "Near-duplicate feedback (word Jaccard after NFKC, case and accent folding; MinHash 64×4 bands, verified):")
	dups, err := feedback.FindDuplicates(ds.Items, feedback.DedupeOptions{SimilarThreshold: 0.4})
	if err != nil {
		return err
	}
	text := make(map[feedback.ItemID]string, len(ds.Items))
	for _, it := range ds.Items {
		text[it.ID] = it.Text
	}
	for _, p := range dups.Pairs {
		fmt.Fprintf(w, "  %.2f %-9s %q ~ %q\n", p.Similarity, p.Kind, text[p.A], text[p.B])
	}
	return nil
}
