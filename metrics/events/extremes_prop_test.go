package events

import (
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/productops/productops/internal/proptest"
)

func clampBig(x *big.Int) int64 {
	switch {
	case x.Cmp(big.NewInt(math.MaxInt64)) > 0:
		return math.MaxInt64
	case x.Cmp(big.NewInt(math.MinInt64)) < 0:
		return math.MinInt64
	}
	return x.Int64()
}

// TestSaturatingProperties checks the overflow-safe helpers against big.Int arithmetic
// on the proptest extremes.
func TestSaturatingProperties(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	ints := proptest.Int64s(gen.Int64())
	props.Property("satAdd, satSub and satMul clamp the exact result", prop.ForAll(func(a, b int64) bool {
		x, y := big.NewInt(a), big.NewInt(b)
		return satAdd(a, b) == clampBig(new(big.Int).Add(x, y)) &&
			satSub(a, b) == clampBig(new(big.Int).Sub(x, y)) &&
			satMul(a, b) == clampBig(new(big.Int).Mul(x, y))
	}, ints, ints))
	units := gen.OneConstOf(int64(1), int64(3), hourNs, dayNs, 7*dayNs, 30*dayNs)
	props.Property("periods and localFloor are exact floor divisions", prop.ForAll(func(a, b, p int64) bool {
		d := new(big.Int).Sub(big.NewInt(b), big.NewInt(a))
		q := new(big.Int)
		q.Div(d, big.NewInt(p)) // Euclidean division is floor division for p > 0
		off := a % p            // |off| < p
		s := new(big.Int).Add(big.NewInt(b), big.NewInt(off))
		f := new(big.Int).Div(s, big.NewInt(p))
		return periods(a, b, p) == clampBig(q) && localFloor(b, off, p) == f.Int64()
	}, ints, ints, units))
	props.TestingRun(t)
}

// TestExtremeKPIProperties runs retention and funnels on logs whose times are drawn with
// proptest.Times (extremes of the time range and DST edges), with windows drawn with
// proptest.Int64s.
func TestExtremeKPIProperties(t *testing.T) {
	params := proptest.Parameters(t)
	params.MinSuccessfulTests = min(params.MinSuccessfulTests, 60)
	props := gopter.NewProperties(params)
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	times := gen.SliceOfN(8, proptest.Times(gen.Int64Range(0, 90*dayNs).Map(func(d int64) time.Time { return base.Add(time.Duration(d)) })))
	build := func(ts []time.Time) *Log {
		b := NewLogBuilder()
		for i, tm := range ts {
			_ = b.Add(Event{User: UserID(rune('u' + i%3)), Name: string(rune('a' + i%3)), Time: tm})
		}
		return b.Build()
	}
	windows := proptest.Int64s(gen.Int64Range(0, 60*dayNs))
	props.Property("a longer funnel window never converts fewer users", prop.ForAll(func(ts []time.Time, w int64, order int) bool {
		l := build(ts)
		w = max(w, 1) // negative windows are invalid (a validation error, tested elsewhere)
		o := FunnelOptions{Steps: []string{"a", "b", "c"}, Order: FunnelOrder(order), Window: time.Duration(w)}
		short, err := Funnel(l, o)
		if err != nil {
			return false
		}
		o.Window = math.MaxInt64
		long, err := Funnel(l, o)
		if err != nil {
			return false
		}
		for k := range short.Steps {
			if long.Steps[k].Users < short.Steps[k].Users {
				return false
			}
		}
		return true
	}, times, windows, gen.OneConstOf(int(Ordered), int(AnyOrder))))
	props.Property("retention at the extremes stays within the cohort", prop.ForAll(func(ts []time.Time, w, g int, hf bool) bool {
		for _, c := range []CohortType{FirstTime, Recurring} {
			r, err := Retention(build(ts), RetentionOptions{Window: RetentionWindow(w), Granularity: Granularity(g), HourFloor: hf,
				Cohort: c, Anchors: AnchorEveryStart, Location: time.UTC})
			if err != nil {
				return false
			}
			for _, co := range r.Cohorts {
				for _, cell := range co.Cells {
					if cell.Retained < 0 || cell.Retained > co.Size {
						return false
					}
				}
			}
		}
		return true
	}, times, gen.IntRange(0, 1), gen.IntRange(0, 2), gen.Bool()))
	props.TestingRun(t)
}
