package roadmap

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Sprint is one capacity bucket of a team: a sprint, or a week for a Kanban team.
type Sprint struct {
	// ID names the bucket in results ("Sprint 14", "2026-01-05").
	ID string `json:"id"`
	// Start is the first instant of the bucket; End is the first instant after it.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"` // first instant after the bucket.
	// Capacity is how much estimate the team can finish in the bucket, in the items'
	// estimate unit: 0 to MaxEstimate, at most EstimateScale fractional digits. Lower it
	// for holidays and partial availability, or build buckets with Cadence.
	Capacity decimal.Decimal `json:"capacity"`
}

// Team is a team and its capacity buckets.
type Team struct {
	ID TeamID `json:"id"` // unique among teams; items name it in Team.
	// Sprints are the team's buckets in time order, not overlapping.
	Sprints []Sprint `json:"sprints"`
}

// Validate reports a missing ID and bad buckets: empty or reversed ranges, overlaps or
// disorder, and negative or over-precise capacity.
func (t Team) Validate() error {
	e := validation.New(fmt.Sprintf("roadmap: team %q", validation.Truncate(string(t.ID))))
	t.check(e, "")
	return e.Err()
}

func (t Team) check(e *validation.Errors, prefix string) {
	p := func(s string) string {
		if prefix == "" {
			return s
		}
		return prefix + "." + s
	}
	if t.ID == "" {
		e.Add(p("id"), "required", "", "is required")
	}
	for i, s := range t.Sprints {
		sp := fmt.Sprintf("%s[%d]", p("sprints"), i)
		if !s.Start.Before(s.End) {
			e.Addf(sp+".end", "gtfield", "team %q sprint %q must end after it starts", validation.Truncate(string(t.ID)), validation.Truncate(s.ID))
		}
		if i > 0 && s.Start.Before(t.Sprints[i-1].End) {
			e.Addf(sp+".start", "order", "team %q sprint %q starts before the previous sprint ends", validation.Truncate(string(t.ID)), validation.Truncate(s.ID))
		}
		if !validation.DecimalBounded(s.Capacity) {
			bounded(e, sp+".capacity", s.Capacity)
			continue
		}
		if s.Capacity.Sign() < 0 {
			e.Addf(sp+".capacity", "dgte", "team %q sprint %q: capacity must be at least 0, got %s", validation.Truncate(string(t.ID)), validation.Truncate(s.ID), validation.Truncate(s.Capacity.String()))
		} else {
			checkAmount(e, sp+".capacity", s.Capacity)
		}
	}
}

// Absence lowers availability over a range of days (vacation, part-time, a shared team
// member).
type Absence struct {
	// From and To are the first and last day affected (inclusive), read as dates in the
	// Cadence's Location.
	From time.Time `json:"from"`
	To   time.Time `json:"to"` // last day affected (inclusive).
	// Available is the share of the team's capacity left on those days, 0 to 1
	// (0.8 = one of five people away).
	Available decimal.Decimal `json:"available"`
}

// Cadence generates a team's buckets: Count buckets of Weeks weeks each from Start, every
// bucket's capacity prorated by the working days actually available:
//
//	capacity = Capacity × available days / (5 × Weeks)
//
// where working days are Monday to Friday, a holiday counts 0, and a day covered by
// absences counts the smallest Available among them (1 otherwise). The result is
// rounded half away from zero to EstimateScale digits. Days are built on the wall clock
// (time.Date), so DST changes never shift a bucket.
type Cadence struct {
	// Start is the first day of the first bucket (its date in Location).
	Start time.Time `json:"start"`
	// Weeks is the bucket length: 1 for weekly capacity, 2 for two-week sprints; 1-52.
	Weeks int `json:"weeks"`
	// Count is the number of buckets, 1-10000.
	Count int `json:"count"`
	// Capacity is a full bucket's capacity with everyone available, >= 0.
	Capacity decimal.Decimal `json:"capacity"`
	// Holidays are non-working days (dates in Location).
	Holidays []time.Time `json:"holidays,omitempty"`
	// Absences lower availability over ranges of days.
	Absences []Absence `json:"absences,omitempty"`
	// Location is the zone of the dates; nil means UTC. In JSON it is the zone's IANA
	// name, "location" ("Europe/Berlin"), as for Calendar.
	Location *time.Location `json:"-"`
	// IDPrefix makes bucket i's ID (from 1) IDPrefix + i; empty gives buckets their
	// start date as ID ("2026-01-05").
	IDPrefix string `json:"id_prefix,omitempty"`
}

// MarshalJSON encodes the cadence with its zone by IANA name ("location", omitted for UTC
// and nil), like Calendar.
func (c Cadence) MarshalJSON() ([]byte, error) {
	type plain Cadence
	aux := struct {
		plain
		Location string `json:"location,omitempty"`
	}{plain: plain(c)}
	if c.Location != nil && c.Location != time.UTC {
		aux.Location = c.Location.String()
	}
	return json.Marshal(aux)
}

// UnmarshalJSON decodes a cadence strictly: unknown fields, wrong types and an unknown
// zone name are a *productops.ValidationError.
func (c *Cadence) UnmarshalJSON(b []byte) error {
	e := validation.New("roadmap: cadence")
	type plain Cadence
	var aux struct {
		plain
		Location string `json:"location,omitempty"`
	}
	if !decodeStrict(e, "", b, &aux) {
		return e.Err()
	}
	out := Cadence(aux.plain)
	out.Location = nil
	if aux.Location != "" && aux.Location != "UTC" {
		loc, err := loadZone(aux.Location)
		if err != nil {
			e.Addf("location", "timezone", "unknown time zone %q", validation.Truncate(aux.Location))
			return e.Err()
		}
		out.Location = loc
	}
	*c = out
	return nil
}

// Validate reports out-of-range fields.
func (c Cadence) Validate() error {
	e := validation.New("roadmap: cadence")
	if c.Start.IsZero() {
		e.Add("start", "required", "", "is required")
	}
	if c.Weeks < 1 || c.Weeks > 52 {
		e.Addf("weeks", "range", "must be between 1 and 52, got %d", c.Weeks)
	}
	if c.Count < 1 || c.Count > 10000 {
		e.Addf("count", "range", "must be between 1 and 10000, got %d", c.Count)
	}
	checkAmount(e, "capacity", c.Capacity)
	for i, a := range c.Absences {
		p := fmt.Sprintf("absences[%d]", i)
		if a.To.Before(a.From) {
			e.Addf(p+".to", "gtefield", "must not be before from")
		}
		if bounded(e, p+".available", a.Available) && (a.Available.Sign() < 0 || a.Available.Cmp(decimal.NewFromInt(1)) > 0) {
			e.Addf(p+".available", "range", "must be between 0 and 1, got %s", validation.Truncate(a.Available.String()))
		}
	}
	return e.Err()
}

// Sprints builds the buckets. See Cadence for the capacity rule. It runs in time linear
// in the days covered plus O(a log a) for a absences, whatever the absences overlap.
func (c Cadence) Sprints() ([]Sprint, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	dayOf := func(t time.Time) int64 {
		y, m, d := t.In(loc).Date()
		return dayNumber(y, m, d)
	}
	sy, sm, sd := c.Start.In(loc).Date()
	base := dayNumber(sy, sm, sd)
	days := 7 * c.Weeks * c.Count
	holiday := make(map[int64]bool, len(c.Holidays))
	for _, h := range c.Holidays {
		holiday[dayOf(h)] = true
	}
	// owner[i] is the absence with the smallest Available covering day i (-1: none).
	// Absences are applied from the smallest Available up, each claiming only the days no
	// earlier one claimed; next skips claimed days (union-find with path halving), so every
	// day is claimed once.
	var owner []int32
	if len(c.Absences) > 0 {
		owner = make([]int32, days)
		next := make([]int32, days+1)
		for i := range owner {
			owner[i] = -1
			next[i] = int32(i)
		}
		next[days] = int32(days)
		find := func(i int32) int32 {
			for next[i] != i {
				next[i] = next[next[i]]
				i = next[i]
			}
			return i
		}
		order := make([]int, len(c.Absences))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return c.Absences[a].Available.Cmp(c.Absences[b].Available) })
		for _, a := range order {
			from := max(dayOf(c.Absences[a].From)-base, 0)
			to := min(dayOf(c.Absences[a].To)-base, int64(days-1))
			if from > to {
				continue
			}
			for i := find(int32(from)); int64(i) <= to; i = find(i + 1) {
				owner[i] = int32(a)
				next[i] = i + 1
			}
		}
	}
	nominal := decimal.NewFromInt(int64(5 * c.Weeks))
	out := make([]Sprint, c.Count)
	for b := range c.Count {
		first := 7 * c.Weeks * b
		start := midnight(sy, sm, sd+first, loc)
		end := midnight(sy, sm, sd+first+7*c.Weeks, loc)
		// Working days per owner, added up in runs of the same owner (-1: full days).
		avail := decimal.Zero
		run, runOwner := int64(0), int32(-1)
		flush := func() {
			if run == 0 {
				return
			}
			share := decimal.NewFromInt(1)
			if runOwner >= 0 {
				share = c.Absences[runOwner].Available
			}
			avail = avail.Add(share.Mul(decimal.NewFromInt(run)))
			run = 0
		}
		for i := first; i < first+7*c.Weeks; i++ {
			dn := base + int64(i)
			// Day 0 (0001-01-01) was a Monday: weekday 5 and 6 are Saturday and Sunday.
			if wd := (dn%7 + 7) % 7; wd >= 5 || holiday[dn] {
				continue
			}
			o := int32(-1)
			if owner != nil {
				o = owner[i]
			}
			if o != runOwner {
				flush()
				runOwner = o
			}
			run++
		}
		flush()
		name := start.Format("2006-01-02")
		if c.IDPrefix != "" {
			name = fmt.Sprintf("%s%d", c.IDPrefix, b+1)
		}
		out[b] = Sprint{ID: name, Start: start, End: end, Capacity: c.Capacity.Mul(avail).DivRound(nominal, EstimateScale)}
	}
	return out, nil
}

// CapacityIn sums the capacity of the team's sprints that start within r (a quarter's
// capacity is that of the sprints starting in it; a sprint is never split). Errors: those
// of Team.Validate.
func (t Team) CapacityIn(r DateRange) (decimal.Decimal, error) {
	if err := t.Validate(); err != nil {
		return decimal.Decimal{}, err
	}
	sum := decimal.Zero // the capacities are bounded now, so adding them is cheap and exact
	for _, s := range t.Sprints {
		if r.Contains(s.Start) {
			sum = sum.Add(s.Capacity)
		}
	}
	return sum, nil
}
