package dedupe

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/productops/productops"
	"github.com/productops/productops/beam/internal/testdata"
	"github.com/productops/productops/feedback"
)

func TestMain(m *testing.M) { ptest.Main(m) }

// want returns the JSON of FindDuplicates' report (pairs as [] when there are none).
func want(t *testing.T, items []testdata.Item, opts feedback.DedupeOptions) string {
	t.Helper()
	r, err := feedback.FindDuplicates(testdata.FeedbackItems(items), opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.Pairs == nil {
		r.Pairs = []feedback.DuplicatePair{}
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDuplicatesEqualsFindDuplicates(t *testing.T) {
	items := testdata.Items(1000, 3)
	for _, opts := range []feedback.DedupeOptions{{}, {Shingling: feedback.CharTrigrams, Seed: 5, SimilarThreshold: 0.4}} {
		w := want(t, items, opts)
		var r feedback.DuplicateReport
		_ = json.Unmarshal([]byte(w), &r)
		kinds := map[feedback.MatchKind]int{}
		for _, p := range r.Pairs {
			kinds[p.Kind]++
		}
		if len(kinds) < 3 || len(r.Empty) == 0 {
			t.Fatalf("%+v: pairs of kinds %v and %d empty items: the data cannot tell a wrong report", opts, kinds, len(r.Empty))
		}
		p, s := beam.NewPipelineWithRoot()
		out, err := Duplicates(s, beam.CreateList(s, testdata.Lines(items)), opts)
		if err != nil {
			t.Fatal(err)
		}
		passert.Equals(s, out, w)
		ptest.RunAndValidate(t, p)
	}
}

func TestDuplicatesNoPairs(t *testing.T) {
	items := []testdata.Item{{ID: "a", Text: "dark mode"}, {ID: "b", Text: "export csv"}}
	p, s := beam.NewPipelineWithRoot()
	out, err := Duplicates(s, beam.CreateList(s, testdata.Lines(items)), feedback.DedupeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	passert.Equals(s, out, want(t, items, feedback.DedupeOptions{}))
	ptest.RunAndValidate(t, p)
}

func TestDuplicatesErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  string
	}{
		{"repeated id", []string{`{"id":"a","text":"x"}`, `{"id":"a","text":"y"}`}, `item id "a" appears 2 times`},
		{"no id", []string{`{"text":"x"}`}, "id is required"},
		{"unknown field", []string{`{"id":"a","txt":"x"}`}, `unknown field "txt"`},
		{"trailing", []string{`{"id":"a"} {}`}, "trailing data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, s := beam.NewPipelineWithRoot()
			if _, err := Duplicates(s, beam.CreateList(s, tc.lines), feedback.DedupeOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := ptest.Run(p); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	_, s := beam.NewPipelineWithRoot()
	if _, err := Duplicates(s, beam.Create(s, "x"), feedback.DedupeOptions{Rows: -1}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad options: err = %v", err)
	}
}

func TestPairKey(t *testing.T) {
	for _, tc := range [][2]string{{"a", "b"}, {"", "x"}, {"12:3", "4:5"}, {"é:", ""}} {
		a, b := splitPairKey(pairKey(tc[0], tc[1]))
		if a != tc[0] || b != tc[1] {
			t.Errorf("split(pairKey(%q, %q)) = %q, %q", tc[0], tc[1], a, b)
		}
	}
	if got := snippet(strings.Repeat("x", 100)); !strings.HasSuffix(got, `"...`) || len(got) > 90 {
		t.Errorf("snippet = %s", got)
	}
}
