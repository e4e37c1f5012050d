package tabular

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/interop/column"
)

func TestCSVHeaderAndCells(t *testing.T) {
	c, err := NewCSV(strings.NewReader("A, b ,A\n1,2\n"), "t: csv", column.Limits{}.Or())
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Cols("a"); len(got) != 2 || got[1] != 2 {
		t.Errorf("Cols(a) = %v", got)
	}
	if got := c.Cols("B"); len(got) != 1 {
		t.Errorf("Cols(B) = %v", got)
	}
	rec, ok, err := c.Next(context.Background())
	if !ok || err != nil || Cell(rec, 2) != "" || Cell(rec, -1) != "" || Cell(rec, 1) != "2" {
		t.Errorf("%v %v %v", rec, ok, err)
	}
	if _, ok, _ := c.Next(context.Background()); ok {
		t.Error("a second record")
	}
	idx := c.Resolve([]Col{{Field: "x", Name: "", Required: true}, {Field: "y", Name: "nope", Required: true}, {Field: "z", Name: "a"}, {Field: "w", Name: "a", Multi: true}})
	if len(idx[3]) != 2 {
		t.Errorf("multi %v", idx)
	}
	if got := fieldtest.Paths(t, c.Errs.Err()); strings.Join(got, ",") != "mapping.x,mapping.y,mapping.z" {
		t.Errorf("paths %v", got)
	}
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestCSVReadError(t *testing.T) {
	_, err := NewCSV(failing{}, "t: csv", column.Limits{}.Or())
	if errors.Is(err, productops.ErrInvalid) || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("%v", err)
	}
	c, err := NewCSV(io.MultiReader(strings.NewReader("a\n1\n"), failing{}), "t: csv", column.Limits{}.Or())
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, ok, err := c.Next(context.Background())
		if err != nil {
			if !strings.Contains(err.Error(), "disk on fire") {
				t.Error(err)
			}
			break
		}
		if !ok {
			t.Fatal("the read error was lost")
		}
	}
}

func TestPagesErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a":[1,2]}{"a":3}`, "want an array"},
		{`{"a":[1,2]} 5`, "want a JSON object"},
		{`{"a":[1,}`, "malformed JSON"},
		{`{"a":null,"b":{"c":1}}`, ""},
	} {
		errs := NewErrors("t: json")
		n := 0
		err := Pages(context.Background(), strings.NewReader(tc.in), column.Limits{}.Or(), errs, map[string]Handler{
			"a": {Each: func(json.RawMessage, int) error { n++; return nil }},
			"b": {Whole: func(json.RawMessage) error { return nil }},
		})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if e := errs.Err(); e != nil {
			got = e.Error()
		}
		if !strings.Contains(got, tc.want) || (tc.want == "" && got != "") {
			t.Errorf("%s: %q, want %q", tc.in, got, tc.want)
		}
	}
	errs := NewErrors("t: json")
	stop := errors.New("stop")
	if err := Pages(context.Background(), strings.NewReader(`{"a":[1]}`), column.Limits{}.Or(), errs, map[string]Handler{
		"a": {Each: func(json.RawMessage, int) error { return stop }}}); err != stop {
		t.Errorf("handler error: %v", err)
	}
	if err := Pages(context.Background(), strings.NewReader(`{"b":1}`), column.Limits{}.Or(), errs, map[string]Handler{
		"b": {Whole: func(json.RawMessage) error { return stop }}}); err != stop {
		t.Errorf("handler error: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Pages(ctx, strings.NewReader(`{"a":[1]}`), column.Limits{}.Or(), errs, map[string]Handler{
		"a": {Each: func(json.RawMessage, int) error { return nil }}}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
	errs = NewErrors("t: json")
	if err := Pages(context.Background(), failing{}, column.Limits{}.Or(), errs, nil); err == nil || errs.Len() != 0 {
		t.Errorf("read error: %v", err)
	}
	errs = NewErrors("t: json")
	_ = Pages(context.Background(), strings.NewReader(`{"a":["x"]}`), column.Limits{}.Or(), errs, map[string]Handler{
		"a": {Each: func(json.RawMessage, int) error { return nil }}, "b": {}})
	errs = NewErrors("t: json")
	_ = Pages(context.Background(), strings.NewReader(`{"a":[{"k":1},{"k":"x"}]}`), column.Limits{}.Or(), errs, map[string]Handler{
		"a": {Each: func(raw json.RawMessage, i int) error {
			var v struct{ K int }
			return json.Unmarshal(raw, &v)
		}}})
}

func TestText(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{`"x"`, "x", true}, {`5`, "5", true}, {`null`, "", true}, {``, "", true}, {`true`, "true", true},
		{`{"value":"High","id":"1"}`, "High", true}, {`{"name":"Sprint 1"}`, "Sprint 1", true},
		{`{"displayName":"Ann"}`, "Ann", true}, {`{"value":{"x":1}}`, "", false}, {`[1]`, "", false},
		{`"bad`, "", false}, {`{bad`, "", false},
	} {
		got, ok := Text(json.RawMessage(tc.in))
		if got != tc.want || ok != tc.ok {
			t.Errorf("Text(%s) = %q, %v", tc.in, got, ok)
		}
	}
	if got, ok := Texts(json.RawMessage(`["a",{"name":"b"},null]`)); !ok || strings.Join(got, ",") != "a,b" {
		t.Errorf("Texts = %v, %v", got, ok)
	}
	if got, ok := Texts(json.RawMessage(`"a"`)); !ok || len(got) != 1 {
		t.Errorf("Texts = %v, %v", got, ok)
	}
	for _, in := range []string{`[[1]]`, `[`, `{}`} {
		if _, ok := Texts(json.RawMessage(in)); ok && in != `{}` {
			t.Errorf("Texts(%s) ok", in)
		}
	}
}

func TestChunksAndGuard(t *testing.T) {
	b, err := io.ReadAll(Chunks([]byte("hello world"), []int{0, 3, 100}))
	if err != nil || string(b) != "hello world" {
		t.Errorf("%q %v", b, err)
	}
	Guard(t, time.Second, 1<<20, func() {})
	Where(3, "")
}

func TestScoreCSV(t *testing.T) {
	in := "Key,R,I,C,E,ii,ic,ie,bv,tc,rr,js\nA,100,2,80%,4,7,6,5,8,3,1,5\nB,x,,0.5,,,,,,,,\n"
	c, err := NewCSV(strings.NewReader(in), "t: csv", column.Limits{}.Or())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Header()) != 12 {
		t.Fatal(c.Header())
	}
	s := NewScoreCSV(c, column.ScoreColumns{Reach: "R", Impact: "I", Confidence: "C", ConfidenceUnit: column.UnitPercent, Effort: "E",
		ICEImpact: "ii", ICEConfidence: "ic", ICEEase: "ie", BusinessValue: "bv", TimeCriticality: "tc", RiskReduction: "rr", JobSize: "js"})
	var got []column.Scores
	for {
		rec, ok, err := c.Next(context.Background())
		if err != nil || !ok {
			break
		}
		var sc column.Scores
		s.Read(c, rec, &sc)
		got = append(got, sc)
	}
	if len(got) != 2 || got[0].Confidence.String() != "0.8" || got[0].JobSize.String() != "5" || got[0].ICEEase.String() != "5" {
		t.Errorf("%+v", got)
	}
	if p := fieldtest.Paths(t, c.Errs.Err()); strings.Join(p, ",") != "line 3: R,line 3: C" {
		t.Errorf("paths %v", p)
	}
	c, _ = NewCSV(strings.NewReader("Key\nA\n"), "t: csv", column.Limits{}.Or())
	s = NewScoreCSV(c, column.ScoreColumns{Reach: "R"})
	rec, _, _ := c.Next(context.Background())
	var sc column.Scores
	s.Read(c, rec, &sc)
	if c.Line() != 2 || sc.Reach != nil || c.Errs.Len() != 1 {
		t.Errorf("line %d, %+v, %v", c.Line(), sc, c.Errs.Err())
	}
}

func TestCSVLimits(t *testing.T) {
	lim := column.Limits{MaxRecordBytes: 10, MaxRecords: 2, MaxFields: 3}.Or()
	for _, tc := range []struct{ in, want string }{
		{"a,b\n1,2\n3,4\n5,6\n", "Limits.MaxRecords"},
		{"a,b\n1,2,3,4\n", "Limits.MaxFields"},
		{"a,b\n\"" + strings.Repeat("x", 200000) + "\"\n", "Limits.MaxRecordBytes"},
		{"a,b\n12345,67890\n", "Limits.MaxRecordBytes"},
	} {
		c, err := NewCSV(strings.NewReader(tc.in), "t: csv", lim)
		if err != nil {
			t.Fatal(err)
		}
		for {
			_, ok, _ := c.Next(context.Background())
			if !ok {
				break
			}
		}
		if err := c.Errs.Err(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.20q: %v", tc.in, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c, _ := NewCSV(strings.NewReader("a\n1\n"), "t: csv", lim)
	if _, _, err := c.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
	errs := NewErrors("t: json")
	_ = Pages(context.Background(), strings.NewReader(`{"a":[1,2,3]}`), lim, errs, map[string]Handler{"a": {Each: func(json.RawMessage, int) error { return nil }}})
	if err := errs.Err(); err == nil || !strings.Contains(err.Error(), "Limits.MaxRecords") {
		t.Errorf("json records: %v", err)
	}
	errs = NewErrors("t: json")
	_ = Pages(context.Background(), strings.NewReader(`{"a":["`+strings.Repeat("x", 100000)+`"]}`), lim, errs, map[string]Handler{"a": {Each: func(json.RawMessage, int) error { return nil }}})
	if err := errs.Err(); err == nil || !strings.Contains(err.Error(), "Limits.MaxRecordBytes") {
		t.Errorf("json record bytes: %v", err)
	}
	errs = NewErrors("t: json")
	_ = Pages(context.Background(), strings.NewReader("\uFEFF"+`{"a":[{"k":"x"}]}`), lim, errs, map[string]Handler{"a": {Each: func(raw json.RawMessage, _ int) error {
		var v struct{ K int }
		if err := json.Unmarshal(raw, &v); err != nil {
			errs.Add("a", "json", err.Error())
		}
		return nil
	}}})
	if errs.Len() != 1 {
		t.Errorf("bom: %v", errs.Err())
	}
}
