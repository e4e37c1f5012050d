package events

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"
)

// eventBenchNames are the event names of the synthetic benchmark log (as in the bench kit).
var eventBenchNames = []string{"signup", "login", "app_open", "view_item", "search", "add_to_cart", "purchase", "logout"}

// eventBenchCSV returns a synthetic kit-like CSV of n events ("user_id,event,ts", Unix
// seconds): n/20 users with sparse numeric ids, 90 days, each user a signup followed by
// sessions of browsing with occasional carts and purchases. Generated once per size.
var eventBenchCSV = sync.OnceValue(func() map[int][]byte { return map[int][]byte{} })
var eventBenchMu sync.Mutex

func eventBenchData(b *testing.B, n int) []byte {
	b.Helper()
	eventBenchMu.Lock()
	defer eventBenchMu.Unlock()
	if d, ok := eventBenchCSV()[n]; ok {
		return d
	}
	r := rand.New(rand.NewPCG(uint64(n), 1))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	type row struct {
		u    int64
		name int
		ts   int64
	}
	rows := make([]row, 0, n)
	for len(rows) < n {
		u := int64(r.Uint32()>>1) + 1
		t := start + r.Int64N(90*86400)
		rows = append(rows, row{u, 0, t})
		for k := 0; k < 19 && len(rows) < n; k++ {
			t += r.Int64N(2 * 86400)
			name := 1 + r.IntN(len(eventBenchNames)-1)
			rows = append(rows, row{u, name, t})
		}
	}
	// sort by time like the kit (counting sort by hour keeps it quick)
	var buf bytes.Buffer
	buf.Grow(n * 32)
	buf.WriteString("user_id,event,ts\n")
	byHour := map[int64][]int{}
	minH, maxH := int64(1<<62), int64(-1<<62)
	for i, rw := range rows {
		h := rw.ts / 3600
		byHour[h] = append(byHour[h], i)
		minH, maxH = min(minH, h), max(maxH, h)
	}
	line := make([]byte, 0, 64)
	for h := minH; h <= maxH; h++ {
		for _, i := range byHour[h] {
			rw := rows[i]
			line = strconv.AppendInt(line[:0], rw.u, 10)
			line = append(line, ',')
			line = append(line, eventBenchNames[rw.name]...)
			line = append(line, ',')
			line = strconv.AppendInt(line, rw.ts, 10)
			line = append(line, '\n')
			buf.Write(line)
		}
	}
	eventBenchCSV()[n] = buf.Bytes()
	return buf.Bytes()
}

var eventBenchSizes = []struct {
	name string
	n    int
}{{"10k", 10_000}, {"1M", 1_000_000}, {"10M", 10_000_000}}

var eventBenchLogs = map[int]*Log{}

func eventBenchLog(b *testing.B, n int) *Log {
	b.Helper()
	data := eventBenchData(b, n)
	eventBenchMu.Lock()
	defer eventBenchMu.Unlock()
	if l, ok := eventBenchLogs[n]; ok {
		return l
	}
	l, err := ReadCSV(bytes.NewReader(data), ReadOptions{TimeFormat: TimeUnixSeconds})
	if err != nil {
		b.Fatal(err)
	}
	eventBenchLogs[n] = l
	return l
}

func BenchmarkReadCSV(b *testing.B) {
	for _, s := range eventBenchSizes {
		b.Run(s.name, func(b *testing.B) {
			data := eventBenchData(b, s.n)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadCSV(bytes.NewReader(data), ReadOptions{TimeFormat: TimeUnixSeconds}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The three kit KPIs: weekly first-time retention (offsets 0-12), the 4-step ordered funnel
// within 7 days, and daily activity (DAU, rolling WAU and MAU).
func BenchmarkRetention(b *testing.B) {
	for _, s := range eventBenchSizes {
		b.Run(s.name, func(b *testing.B) {
			l := eventBenchLog(b, s.n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Retention(l, RetentionOptions{Granularity: Weekly, WeekStart: time.Monday, Periods: 12}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFunnel(b *testing.B) {
	for _, s := range eventBenchSizes {
		b.Run(s.name, func(b *testing.B) {
			l := eventBenchLog(b, s.n)
			opts := FunnelOptions{Steps: []string{"signup", "view_item", "add_to_cart", "purchase"}, Window: 7 * 24 * time.Hour}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Funnel(l, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDailyActivity(b *testing.B) {
	for _, s := range eventBenchSizes {
		b.Run(s.name, func(b *testing.B) {
			l := eventBenchLog(b, s.n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DailyActivity(l, ActivityOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLifecycle(b *testing.B) {
	for _, s := range eventBenchSizes[:2] {
		b.Run(s.name, func(b *testing.B) {
			l := eventBenchLog(b, s.n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Lifecycle(l, LifecycleOptions{Granularity: Weekly}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRetentionNewYork(b *testing.B) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Skip(err)
	}
	l := eventBenchLog(b, 1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Retention(l, RetentionOptions{Granularity: Daily, Location: ny, Periods: 30}); err != nil {
			b.Fatal(err)
		}
	}
}
