package proptest

import (
	"math"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
)

// Int64s generates int64 values where one case in three is an extreme: 0, ±1, ±MaxInt64,
// MinInt64, ±MaxInt32, and the rest come from ordinary.
func Int64s(ordinary gopter.Gen) gopter.Gen {
	return gen.Weighted([]gen.WeightedGen{
		{Weight: 2, Gen: ordinary},
		{Weight: 1, Gen: gen.OneConstOf(int64(0), int64(1), int64(-1), int64(math.MaxInt64),
			int64(math.MinInt64), int64(math.MaxInt64-1), int64(math.MinInt64+1),
			int64(math.MaxInt32), int64(math.MinInt32))},
	})
}

// Ints is Int64s for int.
func Ints(ordinary gopter.Gen) gopter.Gen {
	return gen.Weighted([]gen.WeightedGen{
		{Weight: 2, Gen: ordinary},
		{Weight: 1, Gen: gen.OneConstOf(0, 1, -1, math.MaxInt, math.MinInt, math.MaxInt-1,
			math.MinInt+1, math.MaxInt32, math.MinInt32)},
	})
}

// ExtremeUnix is the largest Unix second count whose nanoseconds fit in an int64
// (year 2262); events at ±ExtremeUnix seconds are the edge of time.Time's UnixNano.
const ExtremeUnix = 9223372036

// Times generates instants where one case in three is an extreme: years 1 and 9999 (UTC),
// Unix ±ExtremeUnix seconds, the zero time, and the edges of DST gaps and overlaps in
// Europe/Berlin, America/New_York and America/Sao_Paulo (a zone whose clocks skipped
// midnight). The rest come from ordinary.
func Times(ordinary gopter.Gen) gopter.Gen {
	return gen.Weighted([]gen.WeightedGen{
		{Weight: 2, Gen: ordinary},
		{Weight: 1, Gen: gen.OneConstOf(ExtremeTimes()...)},
	})
}

// ExtremeTimes lists the extreme instants Times draws from, for table tests.
func ExtremeTimes() []any {
	out := []any{
		time.Time{},
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Unix(ExtremeUnix, 0).UTC(),
		time.Unix(-ExtremeUnix, 0).UTC(),
		time.Unix(0, 0).UTC(),
	}
	for _, z := range []struct {
		name string
		gap  time.Time // a wall time inside or at the edge of a DST change (UTC fields)
	}{
		{"Europe/Berlin", time.Date(2026, 3, 29, 2, 30, 0, 0, time.UTC)},
		{"Europe/Berlin", time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC)},
		{"America/New_York", time.Date(2026, 3, 8, 2, 30, 0, 0, time.UTC)},
		{"America/New_York", time.Date(2026, 11, 1, 1, 30, 0, 0, time.UTC)},
		{"America/Sao_Paulo", time.Date(2018, 11, 4, 0, 0, 0, 0, time.UTC)},
	} {
		loc, err := time.LoadLocation(z.name)
		if err != nil {
			continue
		}
		g := z.gap
		out = append(out, time.Date(g.Year(), g.Month(), g.Day(), g.Hour(), g.Minute(), 0, 0, loc))
	}
	return out
}
