package proptest

import (
	"math"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

func TestExtremesAppear(t *testing.T) {
	p := Parameters(t)
	p.MinSuccessfulTests = 300
	seenMax, seenYear1 := false, false
	props := gopter.NewProperties(p)
	props.Property("draws", prop.ForAll(func(v int64, tm time.Time) bool {
		seenMax = seenMax || v == math.MaxInt64
		seenYear1 = seenYear1 || tm.Year() == 1
		return true
	}, Int64s(gen.Int64Range(-10, 10)), Times(gen.Const(time.Unix(0, 0)))))
	props.TestingRun(t)
	if !seenMax || !seenYear1 {
		t.Errorf("300 draws never gave MaxInt64 (%v) or year 1 (%v)", seenMax, seenYear1)
	}
	if n := len(ExtremeTimes()); n < 11 {
		t.Errorf("ExtremeTimes has %d instants, want 11 (is the tz database missing?)", n)
	}
	for _, g := range []gopter.Gen{Ints(gen.IntRange(0, 3))} {
		if _, ok := g.Sample(); !ok {
			t.Error("Ints gave no sample")
		}
	}
}
