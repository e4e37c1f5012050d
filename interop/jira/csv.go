package jira

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
)

// ReadCSV reads a Jira CSV export; see ReadCSVContext.
func ReadCSV(r io.Reader, opts Options) ([]Issue, error) {
	return ReadCSVContext(context.Background(), r, opts)
}

// ReadCSVContext reads a Jira CSV export (issue navigator › Export › Export Excel CSV): a
// header row, then one issue per record. Columns are found by the names in opts.Mapping;
// the key column is required. Empty cells are empty values. Numbers are plain decimals
// ("5", "2.5"); the confidence column is read under its declared unit; the due date under
// Mapping.DateLayouts. A UTF-8 byte order mark and CRLF line ends are accepted.
//
// Every bad cell is reported (up to 50) in one *productops.ValidationError with its line
// and column. ctx is checked every 1024 records; its error is returned as is.
func ReadCSVContext(ctx context.Context, r io.Reader, opts Options) ([]Issue, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, readerNil("jira: csv")
	}
	lim := opts.Limits.Or()
	t, err := tabular.NewCSV(r, "jira: csv", lim)
	if err != nil {
		return nil, err
	}
	m := opts.Mapping
	first := func(field string, required bool, cands ...string) []int {
		for _, c := range cands {
			if idx := t.Cols(c); len(idx) > 0 {
				return t.Resolve([]tabular.Col{{Field: field, Name: c}})[0]
			}
		}
		if required {
			t.Errs.Add("mapping."+field, "column", "no column "+tabular.Quote(cands[0])+" in the header")
		}
		return nil
	}
	cKey := first("key", true, names(m.Key, "Issue key", "Work item key")...)
	cID := first("id", false, names(m.ID, "Issue id", "Work item id")...)
	cSummary := first("summary", false, names(m.Summary, "Summary")...)
	cType := first("issue_type", false, names(m.IssueType, "Issue Type", "Work type")...)
	cStatus := first("status", false, names(m.Status, "Status")...)
	cCat := first("status_category", false, names(m.StatusCategory, "Status Category")...)
	cParent := first("parent", false, names(m.Parent, "Parent key", "Parent")...)
	cPoints := first("story_points", false, names(m.StoryPoints, "Custom field (Story Points)", "Custom field (Story point estimate)")...)
	cDue := first("due_date", false, names(m.DueDate, "Due date")...)
	multi := t.Resolve([]tabular.Col{
		{Field: "sprint", Name: names(m.Sprint, "Sprint")[0], Multi: true},
		{Field: "labels", Name: names(m.Labels, "Labels")[0], Multi: true},
		{Field: "link_type", Name: "Outward issue link (" + m.linkType() + ")", Multi: true},
		{Field: "link_type", Name: "Inward issue link (" + m.linkType() + ")", Multi: true},
	})
	sc := tabular.NewScoreCSV(t, m.Scores)
	if t.Errs.Len() > 0 {
		return nil, t.Errs.Err()
	}
	header := t.Header()
	layouts := m.layouts()
	seen := map[string]int{}
	var out []Issue
	for {
		rec, ok, err := t.Next(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		line := t.Line()
		one := func(idx []int) string {
			if len(idx) == 0 {
				return ""
			}
			return strings.TrimSpace(tabular.Cell(rec, idx[0]))
		}
		is := Issue{Key: one(cKey), ID: one(cID), Summary: one(cSummary), Type: one(cType),
			Status: one(cStatus), StatusCategory: one(cCat), Parent: one(cParent)}
		if is.Key == "" {
			t.Errs.Add(tabular.Where(line, header[cKey[0]]), "required", "the issue key is empty")
			continue
		}
		if prev, dup := seen[is.Key]; dup {
			t.Errs.Add(tabular.Where(line, header[cKey[0]]), "unique", "issue "+tabular.Quote(is.Key)+" repeats line "+strconv.Itoa(prev))
			continue
		}
		seen[is.Key] = line
		if v := one(cPoints); v != "" {
			d, err := column.ParseNumber(v)
			if err != nil {
				t.Errs.Add(tabular.Where(line, header[cPoints[0]]), "number", err.Error())
			} else {
				is.StoryPoints = &d
			}
		}
		if v := one(cDue); v != "" {
			d, ok := parseDate(v, layouts)
			if !ok {
				t.Errs.Add(tabular.Where(line, header[cDue[0]]), "date", tabular.Quote(v)+" matches none of the date layouts "+strings.Join(layouts, ", "))
			} else {
				is.Due = d
			}
		}
		is.Sprints = cells(rec, multi[0], false)
		is.Labels = cells(rec, multi[1], false)
		is.Blocks = cells(rec, multi[2], true)
		is.BlockedBy = cells(rec, multi[3], true)
		sc.Read(t, rec, &is.Scores)
		out = append(out, is)
	}
	if err := t.Errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// cells returns the non-empty cells of the columns idx; split splits each on commas (link
// columns may list several keys).
func cells(rec []string, idx []int, split bool) []string {
	var out []string
	for _, i := range idx {
		v := strings.TrimSpace(tabular.Cell(rec, i))
		if v == "" {
			continue
		}
		if !split {
			out = append(out, v)
			continue
		}
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
