package jira

import (
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
)

// searchIssue is one issue of a search response; fields are kept raw until the response's
// "names" are known.
type searchIssue struct {
	ID     string                     `json:"id"`
	Key    string                     `json:"key"`
	Fields map[string]json.RawMessage `json:"fields"`
}

type searchLink struct {
	Type struct {
		Name string `json:"name"`
	} `json:"type"`
	InwardIssue  *struct{ Key string } `json:"inwardIssue"`
	OutwardIssue *struct{ Key string } `json:"outwardIssue"`
}

type searchStatus struct {
	Name           string `json:"name"`
	StatusCategory struct {
		Key string `json:"key"`
	} `json:"statusCategory"`
}

// ReadSearch reads REST search responses; see ReadSearchContext.
func ReadSearch(r io.Reader, opts Options) ([]Issue, error) {
	return ReadSearchContext(context.Background(), r, opts)
}

// ReadSearchContext reads the JSON of Jira's issue search, GET /rest/api/3/search (with
// startAt, maxResults, total) or /rest/api/3/search/jql (with nextPageToken, isLast): one
// response page, or several pages one after another. From each issue it reads key, id and
// the fields summary, issuetype.name, status.name, status.statusCategory.key, parent.key,
// duedate ("2026-07-06"), labels, issuelinks (the link type named Mapping.LinkType:
// outwardIssue is an issue this one blocks, inwardIssue one that blocks it), and the
// custom fields named in the Mapping (story points, sprint, scoring inputs), found by
// display name in the response's "names" (request expand=names) or given as field IDs
// ("customfield_10016"). Custom field values may be numbers, strings, or objects with a
// "value" or "name" (select lists, sprints).
//
// The pages are held in memory until their "names" are read, bounded by
// Limits.MaxDocumentBytes in total. Every bad value is reported (up to 50) by JSON path
// ("issues[3].fields.customfield_10016"). ctx is checked every 1024 issues.
func ReadSearchContext(ctx context.Context, r io.Reader, opts Options) ([]Issue, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, readerNil("jira: search")
	}
	lim := opts.Limits.Or()
	errs := tabular.NewErrors("jira: search")
	var raws []json.RawMessage
	total := 0
	fieldNames := map[string]string{}
	err := tabular.Pages(ctx, r, lim, errs, map[string]tabular.Handler{
		"issues": {Each: func(raw json.RawMessage, i int) error {
			total += len(raw)
			if total > lim.MaxDocumentBytes {
				errs.Add("issues["+strconv.Itoa(i)+"]", "max_document_bytes", "the issues take more than "+strconv.Itoa(lim.MaxDocumentBytes)+" bytes (raise Limits.MaxDocumentBytes)")
				return errStop
			}
			raws = append(raws, raw)
			return nil
		}},
		"names": {Whole: func(raw json.RawMessage) error {
			var m map[string]string
			if err := json.Unmarshal(raw, &m); err != nil {
				errs.Add("names", "json", "want an object of field IDs to names")
				return nil
			}
			for k, v := range m {
				fieldNames[k] = v
			}
			return nil
		}},
	})
	if err != nil && err != errStop {
		return nil, err
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	m := opts.Mapping
	byName := map[string]string{}
	for id, n := range fieldNames {
		k := tabular.Key(n)
		if prev, ok := byName[k]; !ok || id < prev {
			byName[k] = id
		}
	}
	resolve := func(field, given string, required bool, defaults ...string) string {
		for _, n := range names(given, defaults...) {
			if strings.HasPrefix(n, "customfield_") || isSystem(n) {
				return n
			}
			if id, ok := byName[tabular.Key(n)]; ok {
				return id
			}
		}
		if required || strings.TrimSpace(given) != "" {
			errs.Add("mapping."+field, "field", "no field named "+tabular.Quote(names(given, defaults...)[0])+" in the response's names (request expand=names, or give the field ID)")
		}
		return ""
	}
	fPoints := resolve("story_points", m.StoryPoints, false, "Story Points", "Story point estimate")
	fSprint := resolve("sprint", m.Sprint, false, "Sprint")
	fDue := resolve("due_date", m.DueDate, false, "duedate")
	type scoreID struct {
		f  tabular.ScoreField
		id string
	}
	var scores []scoreID
	for _, f := range tabular.ScoreFields(m.Scores) {
		scores = append(scores, scoreID{f, resolve("scores."+f.Field, f.Name, true)})
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	linkType := m.linkType()
	seen := map[string]int{}
	out := make([]Issue, 0, len(raws))
	for i, raw := range raws {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if errs.Full() {
			break
		}
		p := "issues[" + strconv.Itoa(i) + "]"
		var si searchIssue
		if err := json.Unmarshal(raw, &si); err != nil {
			errs.Add(p, "json", "want an issue object with key and fields")
			continue
		}
		if si.Key == "" {
			errs.Add(p+".key", "required", "the issue key is empty")
			continue
		}
		if prev, dup := seen[si.Key]; dup {
			errs.Add(p+".key", "unique", "issue "+tabular.Quote(si.Key)+" repeats issues["+strconv.Itoa(prev)+"]")
			continue
		}
		seen[si.Key] = i
		is := Issue{Key: si.Key, ID: si.ID}
		f := si.Fields
		text := func(name string) string {
			if v, ok := f[name]; ok {
				s, ok := tabular.Text(v)
				if !ok {
					errs.Add(p+".fields."+name, "json", "want a string, a number or an object with a value")
				}
				return strings.TrimSpace(s)
			}
			return ""
		}
		is.Summary = text("summary")
		is.Type = text("issuetype")
		if v, ok := f["status"]; ok && string(v) != "null" {
			var st searchStatus
			if json.Unmarshal(v, &st) != nil {
				errs.Add(p+".fields.status", "json", "want an object with name and statusCategory")
			}
			is.Status, is.StatusCategory = st.Name, st.StatusCategory.Key
		}
		if v, ok := f["parent"]; ok && string(v) != "null" {
			var pa struct{ Key string }
			if json.Unmarshal(v, &pa) != nil {
				errs.Add(p+".fields.parent", "json", "want an object with a key")
			}
			is.Parent = pa.Key
		}
		if fPoints != "" {
			if v := text(fPoints); v != "" {
				d, err := column.ParseNumber(v)
				if err != nil {
					errs.Add(p+".fields."+fPoints, "number", err.Error())
				} else {
					is.StoryPoints = &d
				}
			}
		}
		if fDue != "" {
			if v := text(fDue); v != "" {
				d, ok := parseDate(v, []string{"2006-01-02", "2006-01-02T15:04:05.000-0700", "2006-01-02T15:04:05Z07:00"})
				if !ok {
					errs.Add(p+".fields."+fDue, "date", tabular.Quote(v)+" is not a date such as 2026-07-06")
				} else {
					is.Due = d
				}
			}
		}
		list := func(name string) []string {
			v, ok := f[name]
			if !ok {
				return nil
			}
			l, ok := tabular.Texts(v)
			if !ok {
				errs.Add(p+".fields."+name, "json", "want a list of strings or of objects with a name")
			}
			return l
		}
		is.Labels = list("labels")
		if fSprint != "" {
			is.Sprints = list(fSprint)
		}
		if v, ok := f["issuelinks"]; ok && string(v) != "null" {
			var links []searchLink
			if json.Unmarshal(v, &links) != nil {
				errs.Add(p+".fields.issuelinks", "json", "want a list of issue links")
			}
			for _, l := range links {
				if !strings.EqualFold(l.Type.Name, linkType) {
					continue
				}
				if l.OutwardIssue != nil && l.OutwardIssue.Key != "" {
					is.Blocks = append(is.Blocks, l.OutwardIssue.Key)
				}
				if l.InwardIssue != nil && l.InwardIssue.Key != "" {
					is.BlockedBy = append(is.BlockedBy, l.InwardIssue.Key)
				}
			}
		}
		for _, s := range scores {
			if err := s.f.Read(text(s.id), m.Scores.ConfidenceUnit, &is.Scores); err != nil {
				errs.Add(p+".fields."+s.id, "number", err.Error())
			}
		}
		out = append(out, is)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// errStop ends a read early after its failure was recorded.
var errStop = stopError{}

type stopError struct{}

func (stopError) Error() string { return "jira: stop" }

// isSystem reports whether n is the ID of a system field the mapping may name.
func isSystem(n string) bool {
	switch n {
	case "duedate", "summary", "labels", "created", "updated", "resolutiondate":
		return true
	}
	return false
}
