package events

import (
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"
)

// Fuzz guard limits (the brief's): a computation must finish within fuzzTimeout and
// allocate less than fuzzAlloc.
const (
	fuzzTimeout = 2 * time.Second
	fuzzAlloc   = 256 << 20
)

// guard runs f in a goroutine and fails on a panic, a hang or runaway allocation.
func guard(t testing.TB, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("panic: %v", p)
		}
	case <-time.After(fuzzTimeout):
		t.Fatal("hang: still running after", fuzzTimeout)
	}
	runtime.ReadMemStats(&after)
	if d := after.TotalAlloc - before.TotalAlloc; d > fuzzAlloc {
		t.Fatalf("allocated %d MiB", d>>20)
	}
}

var fuzzZones = []string{"UTC", "America/Sao_Paulo", "Europe/Berlin", "Pacific/Kiritimati"}

// fuzzLog builds a log of at most 64 events from data: each 3 bytes give a user (of 4),
// a name (of "a".."d") and a time base + byte×step (times outside the event range are
// dropped).
func fuzzLog(data []byte, base, step int64) *Log {
	b := NewLogBuilder()
	for i := 0; i+2 < len(data) && i < 3*64; i += 3 {
		ts := satAdd(base, satMul(int64(data[i+2]), step))
		_ = b.Add(Event{User: UserID(fmt.Sprint(data[i] % 4)), Name: string(rune('a' + data[i+1]%4)), Time: time.Unix(0, ts)})
	}
	return b.Build()
}

func fuzzZone(z uint8) *time.Location {
	loc, err := time.LoadLocation(fuzzZones[int(z)%len(fuzzZones)])
	if err != nil {
		return time.UTC
	}
	return loc
}

// fuzzKPI registers seeds and runs one KPI on fuzzed JSON options and a fuzzed log.
func fuzzKPI[O any](f *testing.F, seeds []string, set func(*O, *time.Location), run func(*Log, O)) {
	day := int64(24 * time.Hour)
	jan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	logs := []struct {
		data       []byte
		base, step int64
	}{
		{[]byte{0, 0, 0, 0, 1, 1, 1, 0, 2, 1, 1, 9, 2, 2, 30}, jan, day},
		{[]byte{0, 0, 0, 0, 1, 255, 1, 0, 0, 1, 1, 255}, -9223372036 * int64(time.Second), int64(time.Hour)},
		{[]byte{3, 0, 0, 3, 1, 1, 3, 2, 2, 3, 3, 3}, 9223372036 * int64(time.Second), 1},
	}
	for _, s := range seeds {
		for i, l := range logs {
			f.Add([]byte(s), l.data, l.base, l.step, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, opts, data []byte, base, step int64, zone uint8) {
		var o O
		if json.Unmarshal(opts, &o) != nil {
			return
		}
		set(&o, fuzzZone(zone))
		l := fuzzLog(data, base, step)
		guard(t, func() { run(l, o) })
	})
}

func FuzzRetention(f *testing.F) {
	fuzzKPI(f, []string{`{}`, `{"brackets":[9223372036854775807,2]}`, `{"window":1,"anchors":1,"hour_floor":true,"granularity":"month","cohort":1}`,
		`{"periods":1000,"window":1,"criterion":1,"day_zero":1,"from":"0001-01-01T00:00:00Z","to":"9999-01-01T00:00:00Z"}`},
		func(o *RetentionOptions, loc *time.Location) { o.Location = loc },
		func(l *Log, o RetentionOptions) {
			r, err := Retention(l, o)
			if err == nil {
				for _, c := range r.Cohorts {
					for _, cell := range c.Cells {
						if cell.Retained < 0 || cell.Retained > c.Size {
							panic(fmt.Sprintf("retained %d of %d", cell.Retained, c.Size))
						}
					}
				}
			}
		})
}

func FuzzFunnel(f *testing.F) {
	fuzzKPI(f, []string{`{"steps":["a","b"]}`, `{"steps":["a","b","c"],"window":9223372036854775807,"order":2,"anchor":1}`,
		`{"steps":["a","b","a"],"order":1,"exclusions":[{"event":"d","from_step":0,"to_step":2}],"breakdown":"p"}`},
		func(*FunnelOptions, *time.Location) {},
		func(l *Log, o FunnelOptions) {
			r, err := Funnel(l, o)
			if err == nil {
				for k := 1; k < len(r.Steps); k++ {
					if r.Steps[k].Users > r.Steps[k-1].Users {
						panic(fmt.Sprintf("step %d has more users than the previous", k))
					}
				}
			}
		})
}

func FuzzDailyActivity(f *testing.F) {
	fuzzKPI(f, []string{`{}`, `{"from":"1678-01-01T00:00:00Z","to":"1800-01-01T00:00:00Z"}`, `{"events":["a"]}`},
		func(o *ActivityOptions, loc *time.Location) { o.Location = loc },
		func(l *Log, o ActivityOptions) {
			// Stickiness is DailyActivity's result read two ways; derive both from one run
			r, err := DailyActivity(l, o)
			if err == nil {
				for _, def := range []StickinessDefinition{AverageOfRatios, RatioOfAverages} {
					if s := r.Stickiness(def); s.Defined && (s.Value < 0 || s.Value > 1) {
						panic(fmt.Sprintf("stickiness %v out of [0, 1]", s.Value))
					}
				}
			}
		})
}

func FuzzActiveUsers(f *testing.F) {
	fuzzKPI(f, []string{`{}`, `{"granularity":"month","week_start":3}`, `{"from":"2262-01-01T00:00:00Z"}`},
		func(o *ActiveUsersOptions, loc *time.Location) { o.Location = loc },
		func(l *Log, o ActiveUsersOptions) { _, _ = ActiveUsers(l, o) })
}

func FuzzDaysActive(f *testing.F) {
	fuzzKPI(f, []string{`{}`, `{"scope":1}`, `{"scope":2,"to":"2024-02-01T00:00:00Z"}`},
		func(o *DaysActiveOptions, loc *time.Location) { o.Location = loc },
		func(l *Log, o DaysActiveOptions) { _, _ = DaysActive(l, o) })
}

func FuzzLifecycle(f *testing.F) {
	fuzzKPI(f, []string{`{}`, `{"granularity":"week","event":"a"}`, `{"from":"1700-01-01T00:00:00Z","to":"1800-01-01T00:00:00Z"}`},
		func(o *LifecycleOptions, loc *time.Location) { o.Location = loc },
		func(l *Log, o LifecycleOptions) { _, _ = Lifecycle(l, o) })
}

func FuzzAdoptionActivation(f *testing.F) {
	type both struct {
		Adoption AdoptionOptions `json:"adoption"`
		Signup   SignupOptions   `json:"signup"`
	}
	fuzzKPI(f, []string{`{"adoption":{"feature":"a","from":"2024-01-01T00:00:00Z","to":"2024-02-01T00:00:00Z"},"signup":{"signup":"a","target":"b"}}`,
		`{"adoption":{"feature":"b","min_uses":9223372036854775807,"from":"0001-01-01T00:00:00Z","to":"9999-01-01T00:00:00Z"},"signup":{"signup":"a","target":"b","window":9223372036854775807}}`},
		func(*both, *time.Location) {},
		func(l *Log, o both) {
			_, _ = Adoption(l, o.Adoption)
			if r, err := Activation(l, o.Signup); err == nil && r.Activated > r.Eligible {
				panic("activated above eligible")
			}
			_, _ = TimeToValue(l, o.Signup)
		})
}
