// Package dedupe finds near-duplicate feedback on Apache Beam with the same result as
// feedback.FindDuplicates: the same pairs, similarities and kinds, the same counts.
//
// The steps, and what each shuffles:
//
//  1. Parse and normalize every item (no shuffle); check that IDs are unique (a shuffle of
//     the IDs).
//  2. Group items by normalized text (a shuffle of text and ID per item): each group is
//     exact duplicates, reported as pairs of similarity 1, and is sketched once
//     (feedback.DedupeSketcher: shingles and one LSH bucket key per band).
//  3. Group texts by bucket key (a shuffle of bands × (8 bytes + text) per distinct text):
//     the texts sharing a key are candidate pairs, made distinct by a shuffle on the pair.
//  4. Join each candidate pair with both texts' sketches (two shuffles of one sketch per
//     candidate) and compare them exactly; a pair of texts at or above the similar
//     threshold gives every pair of their items.
//  5. Collect the pairs, the empty items and the counts into one feedback.DuplicateReport
//     on one worker (its size bounds what fits: about 50 bytes a pair).
package dedupe

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/filter"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/productops/productops/feedback"
)

// Group is one distinct normalized text: its sketch and the IDs of its items.
type Group struct {
	Text     string
	Shingles []string
	IDs      []string
}

// Pair is one reported pair of items, A < B.
type Pair struct {
	A, B       string
	Similarity float64
	Kind       uint8
}

func init() {
	beam.RegisterType(reflect.TypeOf((*Group)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Pair)(nil)).Elem())
	register.DoFn4x1[string, func(string, string), func(string), func(string), error](&parseFn{})
	register.DoFn2x1[string, int, error](&uniqueFn{})
	register.DoFn5x0[string, func(*string) bool, func(Pair), func(string, Group), func(uint64, string)](&groupFn{})
	register.Function3x0(candidatesFn)
	register.Function1x2(splitPairFn)
	register.Function4x0(joinFirstFn)
	register.DoFn4x1[string, func(*Group) bool, func(*Group) bool, func(Pair), error](&compareFn{})
	register.DoFn7x1[[]byte, func(*Pair) bool, func(*string) bool, func(*int) bool, func(*int) bool, func(*int) bool, func(string), error](&reportFn{})
	register.Function1x1(oneString)
	register.Function1x1(oneGroup)
	register.Emitter2[string, string]()
	register.Emitter1[string]()
	register.Emitter1[Pair]()
	register.Emitter2[string, Group]()
	register.Emitter2[uint64, string]()
	register.Iter1[string]()
	register.Iter1[Group]()
	register.Iter1[Pair]()
	register.Iter1[int]()
}

// Duplicates finds the near-duplicate pairs among items, a PCollection<string> of
// feedback.Item JSON objects (one per element; only id and text are used; unknown fields
// are errors), and returns a PCollection<string> of one element: the JSON of the
// feedback.DuplicateReport that feedback.FindDuplicates gives for the same items and
// options. The options are checked when the pipeline is built; an item that does not
// decode, has no ID or repeats an ID fails the pipeline with an error naming it.
func Duplicates(s beam.Scope, items beam.PCollection, opts feedback.DedupeOptions) (beam.PCollection, error) {
	s = s.Scope("dedupe.Duplicates")
	if _, err := feedback.NewDedupeSketcher(opts); err != nil {
		return beam.PCollection{}, err // invalid options, or a measure sketches cannot compute
	}
	cfg, err := json.Marshal(opts)
	if err != nil {
		return beam.PCollection{}, err
	}
	byText, empty, ids := beam.ParDo3(s, &parseFn{Options: string(cfg)}, items)
	beam.ParDo0(s, &uniqueFn{}, stats.Count(s, ids))

	exact, groups, keyed := beam.ParDo3(s, &groupFn{Options: string(cfg)}, beam.GroupByKey(s, byText))
	candidates := beam.ParDo(s, candidatesFn, beam.GroupByKey(s, keyed))
	distinct := filter.Distinct(s, candidates)
	firstKeyed := beam.ParDo(s, splitPairFn, distinct)
	halfJoined := beam.ParDo(s, joinFirstFn, beam.CoGroupByKey(s, firstKeyed, groups))
	similar := beam.ParDo(s, &compareFn{Options: string(cfg)}, beam.CoGroupByKey(s, halfJoined, groups))
	pairs := beam.Flatten(s, exact, similar)

	count := func(col beam.PCollection, fn any) beam.PCollection {
		return stats.Sum(s, beam.ParDo(s, fn, col))
	}
	return beam.ParDo(s, &reportFn{Options: string(cfg)}, beam.Impulse(s),
		beam.SideInput{Input: pairs}, beam.SideInput{Input: empty},
		beam.SideInput{Input: count(ids, oneString)},
		beam.SideInput{Input: count(beam.DropKey(s, groups), oneGroup)},
		beam.SideInput{Input: count(distinct, oneString)}), nil
}

// parseFn decodes items, emitting (normalized text, id) for items with text to compare,
// the IDs of items without, and every ID.
type parseFn struct {
	Options string
	opts    feedback.DedupeOptions
}

func (fn *parseFn) Setup() error { return json.Unmarshal([]byte(fn.Options), &fn.opts) }

func (fn *parseFn) ProcessElement(line string, byText func(string, string), empty, ids func(string)) error {
	var it feedback.Item
	d := json.NewDecoder(strings.NewReader(line))
	d.DisallowUnknownFields()
	if err := d.Decode(&it); err != nil {
		return fmt.Errorf("dedupe: item %s: %w", snippet(line), err)
	}
	if d.More() {
		return fmt.Errorf("dedupe: item %s: trailing data after the object", snippet(line))
	}
	if it.ID == "" {
		return fmt.Errorf("dedupe: item %s: id is required", snippet(line))
	}
	ids(string(it.ID))
	if t := feedback.Normalize(it.Text, fn.opts.Normalize); t != "" {
		byText(t, string(it.ID))
	} else {
		empty(string(it.ID))
	}
	return nil
}

func snippet(s string) string {
	const n = 80
	if len(s) > n {
		return strconv.Quote(s[:n]) + "..."
	}
	return strconv.Quote(s)
}

// uniqueFn fails on an ID seen more than once.
type uniqueFn struct{}

func (uniqueFn) ProcessElement(id string, n int) error {
	if n > 1 {
		return fmt.Errorf("dedupe: item id %s appears %d times", snippet(id), n)
	}
	return nil
}

// groupFn turns one distinct text and its items into the exact pairs, the group keyed by
// its text, and its bucket keys.
type groupFn struct {
	Options string
	s       *feedback.DedupeSketcher
}

func (fn *groupFn) Setup() error {
	var o feedback.DedupeOptions
	if err := json.Unmarshal([]byte(fn.Options), &o); err != nil {
		return err
	}
	s, err := feedback.NewDedupeSketcher(o)
	fn.s = s
	return err
}

func (fn *groupFn) ProcessElement(text string, iter func(*string) bool, exact func(Pair), group func(string, Group), keys func(uint64, string)) {
	var ids []string
	var id string
	for iter(&id) {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			exact(Pair{A: a, B: b, Similarity: 1, Kind: uint8(feedback.MatchExact)})
		}
	}
	sk := fn.s.SketchNormalized(text)
	group(text, Group{Text: text, Shingles: sk.Shingles, IDs: ids})
	for _, k := range sk.Keys {
		keys(k, text)
	}
}

// candidatesFn emits every pair of distinct texts in one bucket, as a pair key.
func candidatesFn(_ uint64, iter func(*string) bool, emit func(string)) {
	var texts []string
	var t string
	for iter(&t) {
		texts = append(texts, t)
	}
	slices.Sort(texts)
	texts = slices.Compact(texts)
	for i, a := range texts {
		for _, b := range texts[i+1:] {
			emit(pairKey(a, b))
		}
	}
}

// pairKey encodes two texts, a < b, in one string: len(a), a colon, a, b.
func pairKey(a, b string) string { return strconv.Itoa(len(a)) + ":" + a + b }

func splitPairKey(k string) (a, b string) {
	n, rest, _ := strings.Cut(k, ":")
	i, _ := strconv.Atoi(n)
	return rest[:i], rest[i:]
}

func oneString(string) int { return 1 }

func oneGroup(Group) int { return 1 }

// splitPairFn keys a candidate by its first text.
func splitPairFn(k string) (string, string) { return splitPairKey(k) }

// joinFirstFn pairs each candidate's first group with its second text: (b, group a).
func joinFirstFn(a string, bs func(*string) bool, groups func(*Group) bool, emit func(string, Group)) {
	var g Group
	if !groups(&g) {
		return
	}
	var b string
	for bs(&b) {
		emit(b, g)
	}
}

// compareFn compares each candidate's groups and emits the pairs of their items.
type compareFn struct {
	Options string
	s       *feedback.DedupeSketcher
}

func (fn *compareFn) Setup() error {
	var o feedback.DedupeOptions
	if err := json.Unmarshal([]byte(fn.Options), &o); err != nil {
		return err
	}
	s, err := feedback.NewDedupeSketcher(o)
	fn.s = s
	return err
}

func (fn *compareFn) ProcessElement(_ string, as func(*Group) bool, bs func(*Group) bool, emit func(Pair)) error {
	var gb Group
	if !bs(&gb) {
		return fmt.Errorf("dedupe: a candidate's group is missing")
	}
	skb := feedback.DedupeSketch{Text: gb.Text, Shingles: gb.Shingles}
	var ga Group
	for as(&ga) {
		j, kind, ok := fn.s.Compare(feedback.DedupeSketch{Text: ga.Text, Shingles: ga.Shingles}, skb)
		if !ok {
			continue
		}
		for _, a := range ga.IDs {
			for _, b := range gb.IDs {
				emit(Pair{A: min(a, b), B: max(a, b), Similarity: j, Kind: uint8(kind)})
			}
		}
	}
	return nil
}

// reportFn assembles the report from its side inputs; the options (JSON) name the report's
// shingling and measure.
type reportFn struct {
	Options string
}

func (fn *reportFn) ProcessElement(_ []byte, pairs func(*Pair) bool, empty func(*string) bool, items, distinct, candidates func(*int) bool, emit func(string)) error {
	var opts feedback.DedupeOptions
	if err := json.Unmarshal([]byte(fn.Options), &opts); err != nil {
		return err
	}
	r := feedback.DuplicateReport{Shingling: opts.Shingling, Measure: opts.Measure, Pairs: []feedback.DuplicatePair{}}
	var p Pair
	for pairs(&p) {
		r.Pairs = append(r.Pairs, feedback.DuplicatePair{A: feedback.ItemID(p.A), B: feedback.ItemID(p.B), Similarity: p.Similarity, Kind: feedback.MatchKind(p.Kind)})
	}
	slices.SortFunc(r.Pairs, func(p, q feedback.DuplicatePair) int { return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B)) })
	var id string
	for empty(&id) {
		r.Empty = append(r.Empty, feedback.ItemID(id))
	}
	slices.Sort(r.Empty)
	r.Items, r.Distinct, r.Candidates = sum(items), sum(distinct), sum(candidates)
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(r); err != nil {
		return err
	}
	emit(strings.TrimSuffix(buf.String(), "\n"))
	return nil
}

func sum(iter func(*int) bool) int {
	t, n := 0, 0
	for iter(&n) {
		t += n
	}
	return t
}
