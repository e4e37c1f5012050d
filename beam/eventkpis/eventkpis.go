// Package eventkpis computes the event KPIs of the benchmark kit (weekly cohort retention,
// an ordered funnel, daily and monthly actives with stickiness) on Apache Beam, with the
// library's mergeable aggregates, and writes the same canonical report as
// examples/eventkpis.
//
// The pipeline, and what each step moves between workers:
//
//  1. Match the input files (a glob, on any Beam file system) and read each file with the
//     library's reader (events.ReadCSV or events.ReadJSONLines: the same parsing,
//     validation and limits as in memory). Each file becomes one element, so a large
//     input should be many files (exports usually are).
//  2. Emit, per user of a file, the user's events in a compact block (a table of event
//     names, then a name index and a time gap per event: 10.6 bytes an event on the kit's
//     data, plus the user ID once per user and file), and
//     the file's first and last event time.
//  3. Group the blocks by user: the one shuffle that scales with the data. Every KPI here
//     needs all of a user's events in one place (a cohort starts at the user's first
//     event, a funnel path is the user's own sequence, a distinct count must see each user
//     once), so users are the unit of parallelism.
//  4. Per bundle of users, build an event log and add it to a retention, a funnel and an
//     activity aggregate (the activity range comes from the global first and last event
//     times, a side input); emit the three partials in their binary form.
//  5. Merge the partials on one worker (a few kilobytes per bundle, plus 8 bytes per funnel
//     conversion for the time-to-convert distributions) and write the report.
package eventkpis

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/productops/productops/metrics/events"
)

// Format is the format of the input files.
type Format string

// Input formats.
const (
	// CSV is a CSV file with a header (events.ReadCSV).
	CSV Format = "csv"
	// JSONLines is one JSON object per line (events.ReadJSONLines).
	JSONLines Format = "jsonl"
)

// Options configures the pipeline. The zero value computes the kit's KPIs from kit CSV files.
type Options struct {
	// Format is the input format; "" means CSV.
	Format Format `json:"format"`
	// Read configures the reader; the zero value reads user_id, event, ts with TimeAuto.
	Read events.ReadOptions `json:"read"`
	// Location is the IANA time zone of the calendar buckets; "" means UTC.
	Location string `json:"location"`
	// Retention, Funnel and Activity configure the three KPIs; the zero value of the
	// whole Options means the kit's: weekly retention from Monday over 12 weeks, the
	// funnel signup, view_item, add_to_cart, purchase within 7 days, and daily activity
	// over every day with data. Their Location fields are ignored (use Location), the
	// funnel cannot break down by a property, and the activity range may be left zero (it
	// is then the days from the first to the last event, as in memory).
	Retention events.RetentionOptions `json:"retention"`
	Funnel    events.FunnelOptions    `json:"funnel"`
	Activity  events.ActivityOptions  `json:"activity"`
	// StickinessDays is the number of last days whose DAU/MAU the report averages; 0 means 30.
	StickinessDays int `json:"stickiness_days"`
	// FlushEvents is how many events a worker gathers before adding them to its
	// aggregates (memory per worker, about 40 bytes an event); 0 means 1,000,000.
	FlushEvents int `json:"flush_events"`
}

// Kit returns the options of the benchmark kit's report.
func Kit() Options {
	return Options{
		Read:      events.ReadOptions{TimeFormat: events.TimeUnixSeconds},
		Retention: events.RetentionOptions{Granularity: events.Weekly, WeekStart: time.Monday, Periods: 12},
		Funnel:    events.FunnelOptions{Steps: []string{"signup", "view_item", "add_to_cart", "purchase"}, Window: 7 * 24 * time.Hour},
	}
}

func (o Options) withDefaults() Options {
	if o.Format == "" {
		o.Format = CSV
	}
	if o.StickinessDays == 0 {
		o.StickinessDays = 30
	}
	if o.FlushEvents == 0 {
		o.FlushEvents = 1_000_000
	}
	return o
}

// resolved returns the options with the location applied to the KPIs.
func (o Options) resolved() (Options, *time.Location, error) {
	o = o.withDefaults()
	loc := time.UTC
	if o.Location != "" {
		l, err := time.LoadLocation(o.Location)
		if err != nil {
			return o, nil, fmt.Errorf("eventkpis: location: %w", err)
		}
		loc = l
	}
	o.Retention.Location, o.Activity.Location = loc, loc
	return o, loc, nil
}

// Validate reports bad options: an unknown format or location, a funnel breakdown, a
// non-positive StickinessDays or FlushEvents, and each KPI's own validation error.
func (o Options) Validate() error {
	o, _, err := o.resolved()
	if err != nil {
		return err
	}
	switch {
	case o.Format != CSV && o.Format != JSONLines:
		return fmt.Errorf("eventkpis: format %q: want csv or jsonl", o.Format)
	case o.Funnel.Breakdown != "":
		return fmt.Errorf("eventkpis: a funnel breakdown needs event properties, which the pipeline does not carry")
	case o.StickinessDays < 0 || o.FlushEvents < 0:
		return fmt.Errorf("eventkpis: stickiness_days and flush_events must not be negative")
	}
	if err := o.Retention.Validate(); err != nil {
		return err
	}
	if err := o.Funnel.Validate(); err != nil {
		return err
	}
	return o.Activity.Validate()
}

// Span is the first and last event time (Unix ns) of some events; Events is their number.
type Span struct {
	Min, Max int64
	Events   int64
}

// Partial is one bundle's three aggregates in their binary form.
type Partial struct {
	Retention, Funnel, Activity []byte
}

func init() {
	beam.RegisterType(reflect.TypeOf((*Span)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Partial)(nil)).Elem())
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(string, []byte), func(Span), error](&readFn{})
	register.Function2x1(mergeSpans)
	register.DoFn4x1[string, func(*[]byte) bool, func(*Span) bool, func(Partial), error](&partialFn{})
	register.DoFn4x1[int, func(*Partial) bool, func(*Span) bool, func(string), error](&reportFn{})
	register.DoFn3x1[context.Context, string, func(string), error](&writeFn{})
	register.Emitter2[string, []byte]()
	register.Emitter1[Span]()
	register.Emitter1[Partial]()
	register.Emitter1[string]()
	register.Iter1[[]byte]()
	register.Iter1[Span]()
	register.Iter1[Partial]()
}

// Report reads the files matching glob and returns a PCollection<string> of one element:
// the canonical report. Options are checked when the pipeline is built; a bad row fails
// the pipeline (or is skipped, with Read.OnBadRow = events.CollectBadRows).
func Report(s beam.Scope, glob string, opts Options) (beam.PCollection, error) {
	s = s.Scope("eventkpis.Report")
	if err := opts.Validate(); err != nil {
		return beam.PCollection{}, err
	}
	cfg, err := json.Marshal(opts.withDefaults())
	if err != nil {
		return beam.PCollection{}, err
	}
	matches, err := matchFiles(s, glob)
	if err != nil {
		return beam.PCollection{}, err
	}
	return FromFiles(s, fileio.ReadMatches(s, matches), string(cfg)), nil
}

// matchFiles is fileio.MatchFiles, with an unknown file system an error, not a panic.
func matchFiles(s beam.Scope, glob string) (col beam.PCollection, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("eventkpis: input %s: %v", strconv.Quote(glob), r)
		}
	}()
	return fileio.MatchFiles(s, glob), nil
}

// FromFiles is Report from a PCollection<fileio.ReadableFile> and the JSON of valid Options.
func FromFiles(s beam.Scope, files beam.PCollection, cfg string) beam.PCollection {
	users, spans := beam.ParDo2(s, &readFn{Options: cfg}, files)
	span := beam.Combine(s, mergeSpans, spans)
	partials := beam.ParDo(s, &partialFn{Options: cfg}, beam.GroupByKey(s, users), beam.SideInput{Input: span})
	return beam.ParDo(s, &reportFn{Options: cfg}, beam.GroupByKey(s, beam.AddFixedKey(s, partials)), beam.SideInput{Input: span})
}

// Write writes each element of col (a report) to path, on any Beam file system.
func Write(s beam.Scope, path string, col beam.PCollection) beam.PCollection {
	return beam.ParDo(s, &writeFn{Path: path}, col)
}

func mergeSpans(a, b Span) Span {
	return Span{Min: min(a.Min, b.Min), Max: max(a.Max, b.Max), Events: a.Events + b.Events}
}

// readFn reads one file with the library's reader and emits each user's events as a block.
type readFn struct {
	Options string
	opts    Options
}

func (fn *readFn) Setup() error { return json.Unmarshal([]byte(fn.Options), &fn.opts) }

func (fn *readFn) ProcessElement(ctx context.Context, f fileio.ReadableFile, emit func(string, []byte), emitSpan func(Span)) error {
	rc, err := f.Open(ctx)
	if err != nil {
		return err
	}
	defer rc.Close()
	r := bufio.NewReaderSize(rc, 1<<20)
	var l *events.Log
	if fn.opts.Format == JSONLines {
		l, err = events.ReadJSONLines(r, fn.opts.Read)
	} else {
		l, err = events.ReadCSV(r, fn.opts.Read)
	}
	if err != nil && l == nil {
		return fmt.Errorf("eventkpis: %s: %w", f.Metadata.Path, err)
	}
	first, last, ok := l.Span()
	if !ok {
		return nil
	}
	emitSpan(Span{Min: first.UnixNano(), Max: last.UnixNano(), Events: int64(l.Len())})
	var user events.UserID
	var block []events.Event
	flush := func() {
		if len(block) > 0 {
			emit(string(user), encodeBlock(block))
		}
		block = block[:0]
	}
	for e := range l.All() {
		if e.User != user {
			flush()
			user = e.User
		}
		block = append(block, e)
	}
	flush()
	return nil
}

// A block is one user's events: the number of distinct names, the names, the number of
// events, then per event its name's index and its time as a gap from the previous one
// (the first as Unix ns), all varints.

func encodeBlock(evs []events.Event) []byte {
	var names []string
	idx := make([]int, len(evs))
	for i, e := range evs {
		j := slices.Index(names, e.Name)
		if j < 0 {
			j = len(names)
			names = append(names, e.Name)
		}
		idx[i] = j
	}
	b := make([]byte, 0, 16+8*len(names)+4*len(evs))
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, n := range names {
		b = binary.AppendUvarint(b, uint64(len(n)))
		b = append(b, n...)
	}
	b = binary.AppendUvarint(b, uint64(len(evs)))
	prev := int64(0)
	for i, e := range evs {
		t := e.Time.UnixNano()
		b = binary.AppendUvarint(b, uint64(idx[i]))
		b = binary.AppendVarint(b, t-prev)
		prev = t
	}
	return b
}

// decodeBlock appends the events of block, for user, to dst.
func decodeBlock(dst []events.Event, user events.UserID, block []byte) ([]events.Event, error) {
	r := bytes.NewReader(block)
	bad := fmt.Errorf("eventkpis: user %s: malformed event block", strconv.Quote(string(user)))
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(r.Len()) {
		return nil, bad
	}
	names := make([]string, n)
	for i := range names {
		m, err := binary.ReadUvarint(r)
		if err != nil || m > uint64(r.Len()) {
			return nil, bad
		}
		b := make([]byte, m)
		_, _ = io.ReadFull(r, b)
		names[i] = string(b)
	}
	ne, err := binary.ReadUvarint(r)
	if err != nil || ne > uint64(r.Len())/2 {
		return nil, bad
	}
	t := int64(0)
	for range ne {
		j, err1 := binary.ReadUvarint(r)
		d, err2 := binary.ReadVarint(r)
		if err1 != nil || err2 != nil || j >= n {
			return nil, bad
		}
		t += d
		dst = append(dst, events.Event{User: user, Name: names[j], Time: time.Unix(0, t).UTC()})
	}
	if r.Len() != 0 {
		return nil, bad
	}
	return dst, nil
}

// aggregates are the three partial KPIs.
type aggregates struct {
	ret *events.RetentionAggregate
	fun *events.FunnelAggregate
	act *events.ActivityAggregate
}

// newAggregates makes empty aggregates for o over the span's days.
func newAggregates(o Options, loc *time.Location, sp Span) (aggregates, error) {
	var a aggregates
	var err error
	if a.ret, err = events.NewRetentionAggregate(o.Retention); err != nil {
		return a, err
	}
	if a.fun, err = events.NewFunnelAggregate(o.Funnel); err != nil {
		return a, err
	}
	ao := o.Activity
	if ao.From.IsZero() {
		y, m, d := time.Unix(0, sp.Min).In(loc).Date()
		ao.From = time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	if ao.To.IsZero() {
		y, m, d := time.Unix(0, sp.Max).In(loc).Date()
		ao.To = time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	}
	a.act, err = events.NewActivityAggregate(ao)
	return a, err
}

func (a aggregates) addLog(l *events.Log) {
	a.ret.AddLog(l)
	a.fun.AddLog(l)
	a.act.AddLog(l)
}

func (a aggregates) marshal() (Partial, error) {
	var p Partial
	var err error
	if p.Retention, err = a.ret.MarshalBinary(); err != nil {
		return p, err
	}
	if p.Funnel, err = a.fun.MarshalBinary(); err != nil {
		return p, err
	}
	p.Activity, err = a.act.MarshalBinary()
	return p, err
}

// merge decodes p into fresh aggregates made like a's and merges them into a.
func (a aggregates) merge(o Options, loc *time.Location, sp Span, p Partial) error {
	b, err := newAggregates(o, loc, sp)
	if err != nil {
		return err
	}
	for _, e := range []error{b.ret.UnmarshalBinary(p.Retention), b.fun.UnmarshalBinary(p.Funnel), b.act.UnmarshalBinary(p.Activity)} {
		if e != nil {
			return e
		}
	}
	for _, e := range []error{a.ret.Merge(b.ret), a.fun.Merge(b.fun), a.act.Merge(b.act)} {
		if e != nil {
			return e
		}
	}
	return nil
}

func onlySpan(iter func(*Span) bool) (Span, bool) {
	var sp Span
	return sp, iter(&sp)
}

// partialFn adds the users of a bundle to one set of aggregates and emits it.
type partialFn struct {
	Options string
	opts    Options
	loc     *time.Location

	aggs    *aggregates
	b       *events.LogBuilder
	scratch []events.Event
}

func (fn *partialFn) Setup() error {
	if err := json.Unmarshal([]byte(fn.Options), &fn.opts); err != nil {
		return err
	}
	var err error
	fn.opts, fn.loc, err = fn.opts.resolved()
	return err
}

func (fn *partialFn) ProcessElement(user string, blocks func(*[]byte) bool, span func(*Span) bool, _ func(Partial)) error {
	if fn.aggs == nil {
		sp, _ := onlySpan(span)
		a, err := newAggregates(fn.opts, fn.loc, sp)
		if err != nil {
			return err
		}
		fn.aggs, fn.b = &a, events.NewLogBuilder()
	}
	evs := fn.scratch[:0]
	var block []byte
	var err error
	for blocks(&block) {
		if evs, err = decodeBlock(evs, events.UserID(user), block); err != nil {
			return err
		}
	}
	// A user's blocks come from different files in any order: sort by time, then name,
	// so ties are in one order whatever the split (the KPIs do not depend on it).
	slices.SortStableFunc(evs, func(x, y events.Event) int {
		if c := x.Time.Compare(y.Time); c != 0 {
			return c
		}
		return cmpString(x.Name, y.Name)
	})
	for _, e := range evs {
		if err := fn.b.Add(e); err != nil {
			return err
		}
	}
	fn.scratch = evs
	if fn.b.Len() >= fn.opts.FlushEvents {
		fn.aggs.addLog(fn.b.Build())
		fn.b = events.NewLogBuilder()
	}
	return nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (fn *partialFn) FinishBundle(_ func(*Span) bool, emit func(Partial)) error {
	if fn.aggs == nil {
		return nil
	}
	if fn.b.Len() > 0 {
		fn.aggs.addLog(fn.b.Build())
	}
	p, err := fn.aggs.marshal()
	if err != nil {
		return err
	}
	emit(p)
	fn.aggs, fn.b = nil, nil
	return nil
}

// reportFn merges every partial and writes the report.
type reportFn struct {
	Options string
}

func (fn *reportFn) ProcessElement(_ int, partials func(*Partial) bool, span func(*Span) bool, emit func(string)) error {
	var o Options
	if err := json.Unmarshal([]byte(fn.Options), &o); err != nil {
		return err
	}
	o, loc, err := o.resolved()
	if err != nil {
		return err
	}
	sp, _ := onlySpan(span)
	all, err := newAggregates(o, loc, sp)
	if err != nil {
		return err
	}
	var p Partial
	for partials(&p) {
		if err := all.merge(o, loc, sp, p); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	WriteReport(&buf, all.ret.Result(), all.fun.Result(), all.act.Result(), o.StickinessDays)
	emit(buf.String())
	return nil
}

// writeFn writes each element to Path.
type writeFn struct {
	Path string
}

func (fn *writeFn) ProcessElement(ctx context.Context, report string, emit func(string)) error {
	fs, err := filesystem.New(ctx, fn.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	if err := filesystem.Write(ctx, fs, fn.Path, []byte(report)); err != nil {
		return err
	}
	emit(fn.Path)
	return nil
}
