package roadmap

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/proptest"
)

// zones are the time zones the properties draw from: UTC, two ordinary DST zones, a zone
// whose DST change skipped midnight, and one with a 30-minute DST shift.
func zones(t *testing.T) []*time.Location {
	out := []*time.Location{time.UTC}
	for _, name := range []string{"Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skipf("tz database: %v", err)
		}
		out = append(out, loc)
	}
	return out
}

// genPeriod draws valid periods, one in three with year 1 or 9999.
func genPeriod() gopter.Gen {
	return gopter.CombineGens(gen.IntRange(1, 5), gen.Weighted([]gen.WeightedGen{
		{Weight: 2, Gen: gen.IntRange(1900, 2100)},
		{Weight: 1, Gen: gen.OneConstOf(1, 2, 9998, 9999)},
	}), gen.IntRange(1, 12), gen.IntRange(1, 31)).Map(func(v []any) Period {
		r, y, i, d := Resolution(v[0].(int)), v[1].(int), v[2].(int), v[3].(int)
		switch r {
		case Day:
			return Period{Day, y, i, min(d, daysIn(y, time.Month(i)))}
		case Month:
			return MonthOf(y, time.Month(i))
		case Quarter:
			return QuarterOf(y, (i-1)%4+1)
		case HalfYear:
			return HalfOf(y, (i-1)%2+1)
		}
		return YearOf(y)
	})
}

func TestPeriodProperties(t *testing.T) {
	locs := zones(t)
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("Add stays valid for any step and undoes itself unless it saturated", prop.ForAll(func(p Period, n int) bool {
		q := p.Add(n)
		if q.Validate() != nil || q.Resolution != p.Resolution {
			return false
		}
		back := q.Add(-n)
		if n == -n && n != 0 { // MinInt: -n overflows; saturation covers it
			return back.Validate() == nil
		}
		edge := q == p.Add(1<<62) || q == p.Add(-(1<<62))
		return back == p || edge
	}, genPeriod(), proptest.Ints(gen.IntRange(-500, 500))))
	props.Property("PeriodOf is valid for any instant and, inside years 1-9999, its range contains it", prop.ForAll(func(tm time.Time, r, z, fs int) bool {
		cal := Calendar{Location: locs[z], FiscalStartMonth: time.Month(fs)}
		p := cal.PeriodOf(Resolution(r), tm)
		if p.Validate() != nil || p.IsZero() {
			return false
		}
		rg, err := cal.Range(p)
		if err != nil {
			return false
		}
		if y := tm.In(locs[z]).Year(); y < 2 || y > 9998 {
			return true // saturated or at the edge of a fiscal year outside 1-9999
		}
		return rg.Contains(tm)
	}, proptest.Times(gen.Int64Range(-1e11, 1e11).Map(func(s int64) time.Time { return time.Unix(s, 0) })), gen.IntRange(1, 5), gen.IntRange(0, len(locs)-1), gen.IntRange(0, 12)))
	props.Property("a day's range starts at its first instant and ends at the next day's", prop.ForAll(func(p Period, z int) bool {
		if p.Resolution != Day {
			p = Period{Day, p.Year, max(1, min(p.Index, 12)), 1}
		}
		rg, err := Calendar{Location: locs[z]}.Range(p)
		if err != nil {
			return false
		}
		y, m, d := rg.Start.Date()
		py, pm, pd := rg.Start.Add(-time.Nanosecond).Date()
		ly, lm, ld := rg.LastDay().Date()
		return y == p.Year && int(m) == p.Index && d == p.Day && (py != y || pm != m || pd != d) &&
			ly == y && lm == m && ld == d && rg.Start.Before(rg.End) && DayOf(rg.Start) == p
	}, genPeriod(), gen.IntRange(0, len(locs)-1)))
	props.TestingRun(t)
}

func TestScheduleHealthProperties(t *testing.T) {
	locs := zones(t)
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("expected is 0-1, grows with asOf, and the status follows the gap", prop.ForAll(func(p Period, z int, a, b time.Time, prog int) bool {
		rg, err := Calendar{Location: locs[z]}.Range(p)
		if err != nil {
			return false
		}
		progress := decimal.New(int64(prog), -3)
		if a.After(b) {
			a, b = b, a
		}
		ha, err1 := ScheduleHealth(rg, progress, InProgress, a)
		hb, err2 := ScheduleHealth(rg, progress, InProgress, b)
		if err1 != nil || err2 != nil {
			return false
		}
		for _, h := range []ScheduleHealthResult{ha, hb} {
			if h.Expected.Sign() < 0 || h.Expected.Cmp(decimal.NewFromInt(1)) > 0 || !h.Gap.Equal(h.Expected.Sub(progress)) {
				return false
			}
			want := OffTrack
			switch {
			case h.Rule == RulePastEnd:
			case h.Gap.Cmp(onTrackGap()) <= 0:
				want = OnTrack
			case h.Gap.Cmp(atRiskGap()) <= 0:
				want = AtRisk
			}
			if h.Status != want {
				return false
			}
		}
		return ha.Expected.Cmp(hb.Expected) <= 0 && ha.ElapsedDays.Cmp(hb.ElapsedDays) <= 0
	}, genPeriod(), gen.IntRange(0, len(locs)-1),
		proptest.Times(gen.Int64Range(-62e9, 253e9).Map(func(s int64) time.Time { return time.Unix(s, 0) })),
		proptest.Times(gen.Int64Range(-62e9, 253e9).Map(func(s int64) time.Time { return time.Unix(s, 0) })),
		gen.IntRange(0, 1000)))
	props.TestingRun(t)
}

// naiveSprints is the per-day definition of Cadence's capacity rule, the reference for
// Sprints: every day of every bucket, the smallest Available among the absences covering
// it.
func naiveSprints(c Cadence) []decimal.Decimal {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	key := func(t time.Time) int64 { y, m, d := t.In(loc).Date(); return dayNumber(y, m, d) }
	hol := map[int64]bool{}
	for _, h := range c.Holidays {
		hol[key(h)] = true
	}
	y, m, d := c.Start.In(loc).Date()
	var out []decimal.Decimal
	for b := range c.Count {
		avail := decimal.Zero
		for i := range 7 * c.Weeks {
			day := time.Date(y, m, d+7*c.Weeks*b+i, 12, 0, 0, 0, time.UTC)
			dn := dayNumber(day.Date())
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday || hol[dn] {
				continue
			}
			share := decimal.NewFromInt(1)
			for _, a := range c.Absences {
				if key(a.From) <= dn && dn <= key(a.To) && a.Available.Cmp(share) < 0 {
					share = a.Available
				}
			}
			avail = avail.Add(share)
		}
		out = append(out, c.Capacity.Mul(avail).DivRound(decimal.NewFromInt(int64(5*c.Weeks)), EstimateScale))
	}
	return out
}

func TestCadenceMatchesPerDayRule(t *testing.T) {
	locs := zones(t)
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("Sprints equals the per-day rule", prop.ForAll(func(seed uint64, z int) bool {
		rng := rand.New(rand.NewPCG(seed, 7))
		loc := locs[z]
		start := time.Date(2018, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, loc)
		c := Cadence{Start: start, Weeks: 1 + rng.IntN(3), Count: 1 + rng.IntN(6), Capacity: decimal.NewFromInt(int64(rng.IntN(50))), Location: loc}
		for range rng.IntN(5) {
			c.Holidays = append(c.Holidays, start.AddDate(0, 0, rng.IntN(60)-5))
		}
		for range rng.IntN(8) {
			from := start.AddDate(0, 0, rng.IntN(70)-10)
			c.Absences = append(c.Absences, Absence{From: from, To: from.AddDate(0, 0, rng.IntN(20)), Available: decimal.New(int64(rng.IntN(11)), -1)})
		}
		got, err := c.Sprints()
		if err != nil {
			t.Log(err)
			return false
		}
		want := naiveSprints(c)
		for i := range got {
			if !got[i].Capacity.Equal(want[i]) {
				t.Logf("bucket %d: %s, want %s (%+v)", i, got[i].Capacity, want[i], c)
				return false
			}
		}
		return true
	}, gen.UInt64(), gen.IntRange(0, len(locs)-1)))
	props.TestingRun(t)
}

// genObjectives builds a random objective forest: n objectives, each with a parent among
// the earlier ones (or none), 0-3 key results (numeric or binary, higher or lower is
// better) and weights 0-4 (0 meaning 1).
func genObjectives(seed uint64, n int) []Objective {
	rng := rand.New(rand.NewPCG(seed, 11))
	objs := make([]Objective, n)
	for i := range objs {
		o := Objective{ID: ObjectiveID("o" + itoa(i)), Weight: decimal.NewFromInt(int64(rng.IntN(5)))}
		if i > 0 && rng.IntN(3) > 0 {
			o.Parent = objs[rng.IntN(i)].ID
		}
		for k := range rng.IntN(4) {
			start, target := int64(rng.IntN(50)), int64(50+rng.IntN(50))
			if rng.IntN(2) == 0 {
				start, target = target, start
			}
			kr := KeyResult{ID: KeyResultID(string(o.ID) + "k" + itoa(k)), Start: decimal.NewFromInt(start), Target: decimal.NewFromInt(target),
				Current: decimal.NewFromInt(int64(rng.IntN(120))), Weight: decimal.NewFromInt(int64(rng.IntN(5)))}
			if rng.IntN(4) == 0 {
				kr.Kind = BinaryKR
			}
			o.KeyResults = append(o.KeyResults, kr)
		}
		objs[i] = o
	}
	return objs
}

func TestObjectiveProperties(t *testing.T) {
	one := decimal.NewFromInt(1)
	opts := func(k, c, blend int) ScoreOptions {
		return ScoreOptions{KeyResults: RollUp(k), Children: RollUp(c), BlendChildren: blend == 1}
	}
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("a score is its numerator over its denominator, within its terms' range, and binary KRs score 0 or 1",
		prop.ForAll(func(seed uint64, n, k, c, blend int) bool {
			scores, err := ScoreObjectivesWith(genObjectives(seed, n), opts(k, c, blend))
			if err != nil {
				t.Log(err)
				return false
			}
			for _, s := range scores {
				if !s.Defined {
					if len(s.Terms) != 0 || !s.Score.IsZero() {
						return false
					}
					continue
				}
				if !s.Score.Equal(s.Numerator.DivRound(s.Denominator, RatioScale)) {
					return false
				}
				lo, hi := one, decimal.Zero
				for _, term := range s.Terms {
					lo, hi = decimal.Min(lo, term.Score), decimal.Max(hi, term.Score)
				}
				if s.Score.LessThan(lo.Round(RatioScale).Sub(decimal.New(1, -RatioScale))) || s.Score.GreaterThan(hi) {
					return false
				}
				for _, kr := range s.KeyResults {
					if kr.Kind == BinaryKR && !kr.Score.Equal(map[bool]decimal.Decimal{true: one, false: decimal.Zero}[kr.Achieved]) {
						return false
					}
				}
			}
			return true
		}, gen.UInt64(), gen.IntRange(0, 30), gen.IntRange(0, 1), gen.IntRange(0, 1), gen.IntRange(0, 1)))
	props.Property("moving one key result towards its target never lowers any objective's score",
		prop.ForAll(func(seed uint64, n, k, c, blend int, step int64) bool {
			objs := genObjectives(seed, n)
			var at *KeyResult
			for i := range objs {
				if len(objs[i].KeyResults) > 0 {
					at = &objs[i].KeyResults[0]
					break
				}
			}
			if at == nil {
				return true
			}
			before, err := ScoreObjectivesWith(objs, opts(k, c, blend))
			if err != nil {
				return false
			}
			delta := decimal.NewFromInt(step)
			if at.Target.LessThan(at.Start) {
				delta = delta.Neg()
			}
			at.Current = at.Current.Add(delta)
			after, err := ScoreObjectivesWith(objs, opts(k, c, blend))
			if err != nil {
				return false
			}
			for i := range before {
				if after[i].Score.LessThan(before[i].Score) {
					t.Logf("%s: %s -> %s", before[i].ID, before[i].Score, after[i].Score)
					return false
				}
			}
			return true
		}, gen.UInt64(), gen.IntRange(1, 30), gen.IntRange(0, 1), gen.IntRange(0, 1), gen.IntRange(0, 1), gen.Int64Range(0, 60)))
	props.TestingRun(t)
}

func TestProgressNumeratorProperty(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("progress is its numerator over its total, and the numerator never exceeds the total",
		prop.ForAll(func(seed uint64, credit int, formula int) bool {
			items, _ := genPlan(seed, 30)
			rng := rand.New(rand.NewPCG(seed, 3))
			for i := range items {
				items[i].Status = Category(rng.IntN(6))
			}
			f := []Formula{LinearFormula(), EstimateFormula(), CountFormula(), {InProgressCredit: decimal.New(int64(credit), -2)}}[formula]
			r, err := Progress(items, "", f)
			if err != nil {
				t.Log(err)
				return false
			}
			if !r.Numerator.Equal(r.Done.Add(r.Credit.Mul(r.InProgress))) || r.Numerator.GreaterThan(r.Total) {
				return false
			}
			return !r.Defined || r.Value.Equal(r.Numerator.DivRound(r.Total, RatioScale))
		}, gen.UInt64(), gen.IntRange(0, 100), gen.IntRange(0, 3)))
	props.TestingRun(t)
}
