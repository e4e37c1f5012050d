// Package linear reads Linear's issues CSV export (a view's or project's "Export issues as
// CSV…", or Settings › Import / Export › Export) into Issues that convert to roadmap items.
//
// # Columns
//
// Columns are found by header name, so exports of either published shape read the same:
// ID, Team, Title, Description, Status, Estimate, Priority, Project ID, Project, Creator,
// Assignee, Labels, Cycle Number, Cycle Name, Cycle Start, Cycle End, Created, Updated,
// Started, Triaged, Completed, Canceled, Archived, Due Date, Parent issue, Initiatives,
// Project Milestone ID, Project Milestone, SLA Status, and in the wider shape UUID,
// Related to, Blocked by, Duplicate of. Only ID is required. Labels are joined by ", ";
// Priority is one of "No priority", "Urgent", "High", "Medium", "Low"; a leading "'" that
// Linear adds before text a spreadsheet could read as a formula ("'=", "'+", "'-", "'@")
// is removed, as Linear's own importer does.
//
// # Identity and dedupe
//
// An issue is identified by its identifier ("ENG-123", the ID column). An identifier that
// appears twice in one read is an error. Items leaves out archived issues, as Linear's
// importer does.
package linear

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
	"github.com/productops/productops/roadmap"
)

// Issue is one Linear issue as exported.
type Issue struct {
	// ID is the issue identifier ("ENG-123"), its identity.
	ID string `json:"id"`
	// UUID is Linear's internal ID; empty in exports without the column.
	UUID        string `json:"uuid,omitempty"`
	Team        string `json:"team,omitempty"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// Status is the workflow state's name ("Todo", "In Review").
	Status string `json:"status,omitempty"`
	// Estimate is the estimate in the team's points; nil when empty.
	Estimate *decimal.Decimal `json:"estimate,omitempty"`
	// Priority is Linear's: 0 no priority, 1 urgent, 2 high, 3 medium, 4 low.
	Priority int      `json:"priority,omitempty"`
	Project  string   `json:"project,omitempty"`
	Creator  string   `json:"creator,omitempty"`
	Assignee string   `json:"assignee,omitempty"`
	Labels   []string `json:"labels,omitempty"`
	// Cycle is the cycle number; 0 when the issue is in no cycle.
	Cycle     int    `json:"cycle,omitempty"`
	CycleName string `json:"cycle_name,omitempty"`
	// Timestamps; zero when empty.
	Created   time.Time `json:"created,omitzero"`
	Updated   time.Time `json:"updated,omitzero"`
	Started   time.Time `json:"started,omitzero"`
	Completed time.Time `json:"completed,omitzero"`
	Canceled  time.Time `json:"canceled,omitzero"`
	Archived  time.Time `json:"archived,omitzero"`
	// Due is the due date at midnight UTC; zero for none.
	Due time.Time `json:"due,omitzero"`
	// Parent is the parent issue's identifier.
	Parent string `json:"parent,omitempty"`
	// BlockedBy lists the identifiers of issues blocking this one.
	BlockedBy []string `json:"blocked_by,omitempty"`
	// RelatedTo lists related issues' identifiers.
	RelatedTo []string `json:"related_to,omitempty"`
}

// Options configures a read. The zero value reads every column by its export name with
// the default limits.
type Options struct {
	// Limits bounds the read; zero fields mean the defaults.
	Limits column.Limits `json:"limits,omitzero"`
}

var priorities = map[string]int{"no priority": 0, "": 0, "urgent": 1, "high": 2, "medium": 3, "low": 4}

// ReadCSV reads a Linear CSV export; see ReadCSVContext.
func ReadCSV(r io.Reader, opts Options) ([]Issue, error) {
	return ReadCSVContext(context.Background(), r, opts)
}

// ReadCSVContext reads a Linear issues CSV export. Timestamps are RFC 3339 ("2024-05-14T08:53:33.000Z");
// the due date is a date ("2024-05-30") or a timestamp, whose calendar date is kept.
// Every bad cell is reported (up to 50) in one *productops.ValidationError naming its line
// and column. ctx is checked every 1024 records.
func ReadCSVContext(ctx context.Context, r io.Reader, opts Options) ([]Issue, error) {
	if err := opts.Limits.Validate(); err != nil {
		e := validation.New("linear: options")
		e.Merge("limits", err)
		return nil, e.Err()
	}
	if r == nil {
		e := validation.New("linear: csv")
		e.Add("reader", "required", "", "is nil")
		return nil, e.Err()
	}
	t, err := tabular.NewCSV(r, "linear: csv", opts.Limits.Or())
	if err != nil {
		return nil, err
	}
	names := []string{"ID", "UUID", "Team", "Title", "Description", "Status", "Estimate", "Priority", "Project",
		"Creator", "Assignee", "Labels", "Cycle Number", "Cycle Name", "Created", "Updated", "Started",
		"Completed", "Canceled", "Archived", "Due Date", "Parent issue", "Blocked by", "Related to"}
	cols := make([]tabular.Col, len(names))
	for i, n := range names {
		cols[i] = tabular.Col{Field: strings.ToLower(strings.ReplaceAll(n, " ", "_")), Name: n, Required: i == 0}
	}
	idx := t.Resolve(cols)
	if t.Errs.Len() > 0 {
		return nil, t.Errs.Err()
	}
	header := t.Header()
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
		get := func(k int) string {
			if len(idx[k]) == 0 {
				return ""
			}
			return unquote(strings.TrimSpace(tabular.Cell(rec, idx[k][0])))
		}
		bad := func(k int, rule, msg string) { t.Errs.Add(tabular.Where(line, header[idx[k][0]]), rule, msg) }
		is := Issue{ID: get(0), UUID: get(1), Team: get(2), Title: get(3), Description: get(4), Status: get(5),
			Project: get(8), Creator: get(9), Assignee: get(10), CycleName: get(13), Parent: get(21)}
		if is.ID == "" {
			bad(0, "required", "the issue identifier is empty")
			continue
		}
		if prev, dup := seen[is.ID]; dup {
			bad(0, "unique", "issue "+tabular.Quote(is.ID)+" repeats line "+strconv.Itoa(prev))
			continue
		}
		seen[is.ID] = line
		if v := get(6); v != "" {
			d, err := column.ParseNumber(v)
			if err != nil {
				bad(6, "number", err.Error())
			} else {
				is.Estimate = &d
			}
		}
		if p, ok := priorities[strings.ToLower(get(7))]; ok {
			is.Priority = p
		} else {
			bad(7, "oneof", tabular.Quote(get(7))+" is not a Linear priority: want No priority, Urgent, High, Medium or Low")
		}
		is.Labels = split(get(11))
		if v := get(12); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				bad(12, "number", tabular.Quote(v)+" is not a cycle number")
			}
			is.Cycle = n
		}
		for k, dst := range []*time.Time{&is.Created, &is.Updated, &is.Started, &is.Completed, &is.Canceled, &is.Archived} {
			k += 14
			if v := get(k); v != "" {
				ts, ok := parseTime(v)
				if !ok {
					bad(k, "time", tabular.Quote(v)+" is not an RFC 3339 timestamp such as 2024-05-14T08:53:33.000Z")
				}
				*dst = ts
			}
		}
		if v := get(20); v != "" {
			if d, err := time.Parse("2006-01-02", v); err == nil {
				is.Due = d
			} else if ts, ok := parseTime(v); ok {
				y, m, d := ts.Date()
				is.Due = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			} else {
				bad(20, "date", tabular.Quote(v)+" is not a date such as 2024-05-30")
			}
		}
		is.BlockedBy = split(get(22))
		is.RelatedTo = split(get(23))
		out = append(out, is)
	}
	if err := t.Errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// unquote removes the "'" Linear puts before text that starts with =, +, - or @.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		return s[1:]
	}
	return s
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseTime(s string) (time.Time, bool) {
	for _, l := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "Mon Jan 02 2006 15:04:05 GMT-0700"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// JavaScript's Date.toString adds the zone's name: "... GMT+0000 (Coordinated Universal Time)".
	if i := strings.Index(s, " ("); i > 0 {
		if t, err := time.Parse("Mon Jan 02 2006 15:04:05 GMT-0700", s[:i]); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Category maps an issue to a roadmap status category from its timestamps, then its
// status name: Canceled when canceled, Done when completed, InProgress when started;
// otherwise the category the status name spells ("Backlog", "Todo", "Triage", "In
// Progress", "Done", "Canceled", "Duplicate" is Canceled), and Planned for any other name
// when the issue is in a cycle, else Backlog.
func (is Issue) Category() roadmap.Category {
	switch {
	case !is.Canceled.IsZero():
		return roadmap.Canceled
	case !is.Completed.IsZero():
		return roadmap.Done
	case !is.Started.IsZero():
		return roadmap.InProgress
	}
	if strings.EqualFold(is.Status, "duplicate") {
		return roadmap.Canceled
	}
	var c roadmap.Category
	if err := c.UnmarshalText([]byte(is.Status)); err == nil {
		return c
	}
	if is.Cycle > 0 {
		return roadmap.Planned
	}
	return roadmap.Backlog
}

// Items converts issues to roadmap items, leaving out archived ones: ID is the
// identifier, Title, Status (Category), StatusName, Priority (Linear's numbers, 0 none),
// Owner the assignee, Team, Estimate and Target (the due date). DependsOn lists the
// "Blocked by" issues among the items (type roadmap.Blocks, each once); blockers that are
// not among the items are returned as external pairs (blocker, blocked).
func Items(issues []Issue) (items []roadmap.Item, external [][2]string) {
	keep := map[string]bool{}
	for _, is := range issues {
		if is.Archived.IsZero() {
			keep[is.ID] = true
		}
	}
	for _, is := range issues {
		if !is.Archived.IsZero() {
			continue
		}
		it := roadmap.Item{ID: roadmap.ItemID(is.ID), Title: is.Title, Status: is.Category(), StatusName: is.Status,
			Priority: roadmap.Priority(is.Priority), Owner: is.Assignee, Team: roadmap.TeamID(is.Team), Estimate: is.Estimate}
		if !is.Due.IsZero() {
			it.Target = roadmap.DayOf(is.Due)
		}
		seen := map[string]bool{}
		for _, b := range is.BlockedBy {
			switch {
			case seen[b] || b == is.ID:
			case keep[b]:
				it.DependsOn = append(it.DependsOn, roadmap.Dependency{On: roadmap.ItemID(b), Type: roadmap.Blocks})
			default:
				external = append(external, [2]string{b, is.ID})
			}
			seen[b] = true
		}
		items = append(items, it)
	}
	return items, external
}
