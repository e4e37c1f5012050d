package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/jira"
	"github.com/productops/productops/interop/productboard"
	"github.com/productops/productops/prioritize"
)

// backlogSources are the vendor exports rank reads with --from.
var backlogSources = []string{"jira-csv", "jira-search", "productboard"}

// vendorRecord is one record of a vendor export: its ID, title, prerequisites and scores.
type vendorRecord struct {
	id, title string
	requires  []string
	scores    column.Scores
}

// loadVendorBacklog reads a Jira CSV export, a Jira REST search response or a
// Productboard features CSV into backlog items for framework fw. Records with none of the
// framework's inputs (an epic, a component) are skipped and listed; a record with some
// but not all of them is an error naming it.
func loadVendorBacklog(src source, from, fw string, cols column.ScoreColumns) (backlogFile, []string, error) {
	var recs []vendorRecord
	switch from {
	case "jira-csv", "jira-search":
		read := jira.ReadCSV
		if from == "jira-search" {
			read = jira.ReadSearch
		}
		issues, err := read(bytes.NewReader(src.data), jira.Options{Mapping: jira.Mapping{Scores: cols}})
		if err != nil {
			return backlogFile{}, nil, fmt.Errorf("%s: %w", src.name, err)
		}
		for _, is := range issues {
			recs = append(recs, vendorRecord{id: is.Key, title: is.Summary, requires: is.BlockedBy, scores: is.Scores})
		}
	case "productboard":
		fs, err := productboard.ReadFeatures(bytes.NewReader(src.data), productboard.Options{Mapping: productboard.Mapping{Scores: cols}})
		if err != nil {
			return backlogFile{}, nil, fmt.Errorf("%s: %w", src.name, err)
		}
		for _, f := range fs {
			title := f.Name
			if f.Parent != "" {
				title += " (" + f.Parent + ")"
			}
			recs = append(recs, vendorRecord{id: f.ID, title: title, scores: f.Scores})
		}
	default:
		return backlogFile{}, nil, usagef("--from %q: must be one of %s", from, strings.Join(backlogSources, ", "))
	}
	var bf backlogFile
	var skipped []string
	ids := map[string]bool{}
	for _, r := range recs {
		ids[r.id] = true
	}
	for _, r := range recs {
		s := r.scores
		var fields []*decimal.Decimal
		it := backlogItem{ID: prioritize.ItemID(r.id), Title: r.title}
		switch fw {
		case "ice":
			it.Impact, it.Confidence, it.Ease, it.Effort = s.ICEImpact, s.ICEConfidence, s.ICEEase, s.Effort
			fields = []*decimal.Decimal{s.ICEImpact, s.ICEConfidence, s.ICEEase}
		case "wsjf":
			it.UserBusinessValue, it.TimeCriticality, it.RiskReduction, it.JobSize = s.BusinessValue, s.TimeCriticality, s.RiskReduction, s.JobSize
			fields = []*decimal.Decimal{s.BusinessValue, s.TimeCriticality, s.RiskReduction, s.JobSize}
		default:
			it.Reach, it.Impact, it.Confidence, it.Effort = s.Reach, s.Impact, s.Confidence, s.Effort
			fields = []*decimal.Decimal{s.Reach, s.Impact, s.Confidence, s.Effort}
		}
		set := 0
		for _, f := range fields {
			if f != nil {
				set++
			}
		}
		if set == 0 {
			skipped = append(skipped, r.id)
			continue
		}
		for _, q := range r.requires {
			if ids[q] {
				it.Requires = append(it.Requires, prioritize.ItemID(q))
			}
		}
		bf.Items = append(bf.Items, it)
	}
	return bf, skipped, nil
}

// defaultScoreColumns names the columns a vendor export holds the framework's inputs in
// by default: Jira's CSV "Custom field (Reach)", its search JSON's "Reach", Productboard's
// "Reach". unit is the confidence column's unit (percent or fraction); it has no default,
// since "80" and "0.8" cannot be told apart safely.
func defaultScoreColumns(from, fw, unit string) (column.ScoreColumns, error) {
	name := func(s string) string {
		if from == "jira-csv" {
			return "Custom field (" + s + ")"
		}
		return s
	}
	var c column.ScoreColumns
	switch fw {
	case "ice":
		c.ICEImpact, c.ICEConfidence, c.ICEEase, c.Effort = name("Impact"), name("Confidence"), name("Ease"), name("Effort")
	case "wsjf":
		c.BusinessValue, c.TimeCriticality, c.RiskReduction, c.JobSize = name("Business Value"), name("Time Criticality"), name("Risk Reduction"), name("Job Size")
	default:
		c.Reach, c.Impact, c.Confidence, c.Effort = name("Reach"), name("Impact"), name("Confidence"), name("Effort")
		if unit == "" {
			return c, usagef("--from %s with RICE: say how the confidence column is written with --confidence-unit percent (80%% or 80) or fraction (0.8)", from)
		}
		if err := c.ConfidenceUnit.UnmarshalText([]byte(unit)); err != nil {
			return c, usagef("--confidence-unit %q: want percent or fraction", unit)
		}
	}
	return c, nil
}
