package roadmap

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// The CSV writers below write RFC 4180 CSV through encoding/csv: a header row of
// snake_case names (the JSON names of the fields), then one row per record. Times are RFC
// 3339 with the zone's offset, decimals as plain numbers ("2.5"), booleans as true and
// false, enums as their names; an absent value is an empty cell.

var scheduleCSVHeader = []string{"id", "outcome", "team", "sprint", "bucket", "start", "end", "parent",
	"reason", "blocker", "blocker_placed", "no_bucket_left", "estimate", "max_capacity", "detail"}

// WriteCSV writes the schedule as one table with a row per item: placed items first (in
// Placements order: by start, then ID), then those that do not fit and why (by ID), then
// the skipped ones (by ID). Columns:
//
//	id, outcome (placed, unfit or skipped), team, sprint, bucket (-1 for a parent), start,
//	end, parent (true for a parent placed by its children), reason, blocker,
//	blocker_placed, no_bucket_left, estimate, max_capacity, detail
//
// Placement columns are empty for unfit and skipped rows, Unfit columns for the others.
// A nil writer is a *productops.ValidationError; write errors are returned as they are.
func (r ScheduleResult) WriteCSV(w io.Writer) error {
	cw, err := csvWriter(w, "roadmap: schedule csv")
	if err != nil {
		return err
	}
	cw.write(scheduleCSVHeader)
	for _, p := range r.Placements {
		cw.write([]string{string(p.ID), "placed", string(p.Team), p.Sprint, strconv.Itoa(p.Bucket),
			csvTime(p.Start), csvTime(p.End), strconv.FormatBool(p.Parent), "", "", "", "", "", "", ""})
	}
	for _, u := range r.Unfit {
		cw.write([]string{string(u.ID), "unfit", string(u.Team), "", "", "", "", "",
			u.Reason.String(), string(u.Blocker), strconv.FormatBool(u.BlockerPlaced), strconv.FormatBool(u.NoBucketLeft),
			csvDecimal(u.Estimate), csvDecimal(u.MaxCapacity), u.Detail})
	}
	for _, id := range r.Skipped {
		cw.write([]string{string(id), "skipped", "", "", "", "", "", "", "", "", "", "", "", "", ""})
	}
	return cw.flush()
}

var loadCSVHeader = []string{"team", "sprint", "start", "end", "capacity", "used", "items"}

// WriteLoadCSV writes the schedule's buckets, one row each in Load order (by start, then
// team): team, sprint, start, end, capacity, used, and items (how many were placed in
// the bucket; the schedule table of WriteCSV says which). Errors as for WriteCSV.
func (r ScheduleResult) WriteLoadCSV(w io.Writer) error {
	cw, err := csvWriter(w, "roadmap: load csv")
	if err != nil {
		return err
	}
	cw.write(loadCSVHeader)
	for _, l := range r.Load {
		cw.write([]string{string(l.Team), l.Sprint, csvTime(l.Start), csvTime(l.End),
			l.Capacity.String(), l.Used.String(), strconv.Itoa(len(l.Items))})
	}
	return cw.flush()
}

var cpmCSVHeader = []string{"id", "duration", "early_start", "early_finish", "late_start", "late_finish",
	"total_float", "free_float", "critical", "path_position"}

// WriteCSV writes the critical path method's activities, one row each in Activities order
// (topological): id, duration, early_start, early_finish, late_start, late_finish,
// total_float, free_float, critical, and path_position (the activity's 0-based position
// in Path, empty when it is not on it). Errors as for ScheduleResult.WriteCSV.
func (c CPM) WriteCSV(w io.Writer) error {
	cw, err := csvWriter(w, "roadmap: critical path csv")
	if err != nil {
		return err
	}
	onPath := make(map[ItemID]int, len(c.Path))
	for i, id := range c.Path {
		onPath[id] = i
	}
	cw.write(cpmCSVHeader)
	for _, a := range c.Activities {
		pos := ""
		if i, ok := onPath[a.ID]; ok {
			pos = strconv.Itoa(i)
		}
		cw.write([]string{string(a.ID), a.Duration.String(), a.EarlyStart.String(), a.EarlyFinish.String(),
			a.LateStart.String(), a.LateFinish.String(), a.TotalFloat.String(), a.FreeFloat.String(),
			strconv.FormatBool(a.Critical), pos})
	}
	return cw.flush()
}

// rowWriter streams rows and keeps the first error.
type rowWriter struct {
	cw  *csv.Writer
	err error
}

func csvWriter(w io.Writer, subject string) (*rowWriter, error) {
	if w == nil {
		e := validation.New(subject)
		e.Add("writer", "required", "", "is required")
		return nil, e.Err()
	}
	return &rowWriter{cw: csv.NewWriter(w)}, nil
}

func (r *rowWriter) write(row []string) {
	if r.err == nil {
		r.err = r.cw.Write(row)
	}
}

func (r *rowWriter) flush() error {
	r.cw.Flush()
	if r.err != nil {
		return r.err
	}
	return r.cw.Error()
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func csvDecimal(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}
