// Package jira reads Jira and Jira Product Discovery exports: the issue navigator's CSV
// export ("Export Excel CSV (all fields)" or "(current fields)") and the JSON of the REST
// issue search (GET /rest/api/3/search and /rest/api/3/search/jql, one page or several
// pages one after another), into Issues that convert to prioritize inputs (RICE, ICE,
// WSJF, from custom fields mapped by name) and roadmap items (status category, story
// points, due date, parent, and "blocks" / "is blocked by" links as dependencies).
//
// # Identity and dedupe
//
// An issue is identified by its key ("PROJ-12"). A key that appears twice in one read
// (overlapping search pages, a CSV concatenated twice) is an error, never a second issue.
// A dependency is the pair (blocker, blocked): Jira stores a "Blocks" link once and shows it
// on both issues (outward "blocks" on the blocker, inward "is blocked by" on the blocked),
// so Items merges both sides and counts the pair once.
//
// # Columns and fields
//
// CSV columns and custom fields are found by name through a Mapping (see DefaultMapping);
// the export's repeated columns (Sprint, Labels, "Inward issue link (Blocks)") are read
// as lists. In a search response, system fields are read by their IDs and custom fields by
// display name through the response's "names" (request it with expand=names) or by field
// ID ("customfield_10016").
//
// Readers are bounded (column.Limits); bad input is a *productops.ValidationError naming
// each bad cell by line and column (CSV) or JSON path (search), with the value quoted and
// bounded; errors.Is(err, productops.ErrInvalid) holds.
package jira

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/interop/column"
)

// Issue is one Jira issue (or Jira Product Discovery idea) as exported.
type Issue struct {
	// Key is the issue key ("PROJ-12"), its identity.
	Key string `json:"key"`
	// ID is Jira's numeric issue ID, as text; empty if not exported.
	ID string `json:"id,omitempty"`
	// Summary is the issue's title.
	Summary string `json:"summary,omitempty"`
	// Type is the issue type name ("Story", "Epic", "Idea").
	Type string `json:"type,omitempty"`
	// Status is the workflow status name ("In Review").
	Status string `json:"status,omitempty"`
	// StatusCategory is the status's category as exported: "To Do", "In Progress" or "Done"
	// in CSV, "new", "indeterminate" or "done" in JSON; empty if not exported.
	StatusCategory string `json:"status_category,omitempty"`
	// Parent is the parent issue's key; empty for none.
	Parent string `json:"parent,omitempty"`
	// StoryPoints is the estimate in story points; nil when empty.
	StoryPoints *decimal.Decimal `json:"story_points,omitempty"`
	// Sprints lists the sprint names the issue was in, oldest first as exported.
	Sprints []string `json:"sprints,omitempty"`
	// Due is the due date at midnight UTC (a calendar date); zero for none.
	Due time.Time `json:"due,omitzero"`
	// Labels are the issue's labels.
	Labels []string `json:"labels,omitempty"`
	// Blocks lists the keys this issue blocks (outward links of the blocking type).
	Blocks []string `json:"blocks,omitempty"`
	// BlockedBy lists the keys that block this issue (inward "is blocked by" links).
	BlockedBy []string `json:"blocked_by,omitempty"`
	// Scores holds the prioritization inputs read through Mapping.Scores.
	Scores column.Scores `json:"scores,omitzero"`
}

// Mapping names the columns (CSV) or fields (search JSON) to read. An empty name means the
// default listed on the field; names match case-insensitively. The zero value reads Jira
// Cloud's English export with no scoring inputs.
type Mapping struct {
	// Key: default "Issue key" (also "Work item key").
	Key string `json:"key,omitempty"`
	// ID: default "Issue id" (also "Work item id").
	ID string `json:"id,omitempty"`
	// Summary: default "Summary".
	Summary string `json:"summary,omitempty"`
	// IssueType: default "Issue Type" (also "Work type").
	IssueType string `json:"issue_type,omitempty"`
	// Status: default "Status".
	Status string `json:"status,omitempty"`
	// StatusCategory: default "Status Category".
	StatusCategory string `json:"status_category,omitempty"`
	// Parent: default "Parent key" (also "Parent").
	Parent string `json:"parent,omitempty"`
	// StoryPoints: default "Custom field (Story Points)" (also "Custom field (Story point
	// estimate)"); in JSON the custom field named "Story Points" or "Story point estimate".
	StoryPoints string `json:"story_points,omitempty"`
	// Sprint: default "Sprint" (a repeated column, or the custom field named "Sprint").
	Sprint string `json:"sprint,omitempty"`
	// DueDate: default "Due date" (the system field duedate in JSON).
	DueDate string `json:"due_date,omitempty"`
	// Labels: default "Labels".
	Labels string `json:"labels,omitempty"`
	// LinkType is the issue link type read as dependencies: default "Blocks", whose
	// outward description is "blocks" and inward "is blocked by". CSV columns are
	// "Outward issue link (<LinkType>)" and "Inward issue link (<LinkType>)".
	LinkType string `json:"link_type,omitempty"`
	// Scores names the custom fields holding RICE, ICE and WSJF inputs, such as
	// "Custom field (Reach)" in CSV or "Reach" in JSON.
	Scores column.ScoreColumns `json:"scores,omitzero"`
	// DateLayouts are the Go layouts tried, in order, for the CSV due date; default
	// DefaultDateLayouts. The date is the one written; the time of day is ignored.
	DateLayouts []string `json:"date_layouts,omitempty"`
}

// DefaultDateLayouts are the CSV date layouts tried by default: Jira's default date-time
// format "dd/MMM/yy h:mm a" ("06/Jul/26 10:00 AM"), the date alone, and ISO dates.
var DefaultDateLayouts = []string{"02/Jan/06 3:04 PM", "02/Jan/06", "2006-01-02", "2006-01-02 15:04", "2006-01-02T15:04:05.000-0700"}

// Options configures a read. The zero value reads with the default mapping and limits.
type Options struct {
	// Mapping names the columns or fields to read.
	Mapping Mapping `json:"mapping,omitzero"`
	// Limits bounds the read; zero fields mean the defaults.
	Limits column.Limits `json:"limits,omitzero"`
}

// Validate reports negative limits and a percent column without a unit.
func (o Options) Validate() error {
	e := validation.New("jira: options")
	e.Merge("limits", o.Limits.Validate())
	e.Merge("mapping.scores", o.Mapping.Scores.Validate())
	for i, l := range o.Mapping.DateLayouts {
		if strings.TrimSpace(l) == "" {
			e.Addf("mapping.date_layouts["+strconv.Itoa(i)+"]", "required", "is empty")
		}
	}
	return e.Err()
}

// names returns the candidate names of a mapping field: the given one, or the defaults.
func names(given string, defaults ...string) []string {
	if strings.TrimSpace(given) != "" {
		return []string{given}
	}
	return defaults
}

func (m Mapping) linkType() string {
	if strings.TrimSpace(m.LinkType) == "" {
		return "Blocks"
	}
	return m.LinkType
}

func (m Mapping) layouts() []string {
	if len(m.DateLayouts) == 0 {
		return DefaultDateLayouts
	}
	return m.DateLayouts
}

// parseDate reads a due date with the layouts; the calendar date as written.
func parseDate(s string, layouts []string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			y, mo, d := t.Date()
			return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// readerNil is the error for a nil reader.
func readerNil(subject string) error {
	e := validation.New(subject)
	e.Add("reader", "required", "", "is nil")
	return e.Err()
}

func quote(s string) string { return strconv.Quote(validation.Truncate(s)) }

func itoa(i int) string { return strconv.Itoa(i) }
