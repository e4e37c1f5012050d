package launch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// sampleResults returns one of every result type, from the golden inputs and the judges.
func sampleResults(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("testdata/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParsePlan(data)
	if err != nil {
		t.Fatal(err)
	}
	before, err := Evaluate(p, time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	after, _ := Evaluate(p, time.Date(2026, 12, 9, 8, 0, 0, 0, time.UTC))
	gdata, err := os.ReadFile("testdata/guardrail.json")
	if err != nil {
		t.Fatal(err)
	}
	var in struct {
		Guardrail Guardrail `json:"guardrail"`
		Ticks     []Tick    `json:"ticks"`
	}
	if err := json.Unmarshal(gdata, &in); err != nil {
		t.Fatal(err)
	}
	gr, err := Analyze(in.Guardrail, in.Ticks)
	if err != nil {
		t.Fatal(err)
	}
	argo, err := AnalyzeArgo(ArgoAnalysis{Metrics: []ArgoMetric{{Name: "a", Count: 3}, {Name: "b", DryRun: true}}},
		[]ArgoMeasurement{{"a", aS}, {"b", aF}, {"a", aF}}, false)
	if err != nil {
		t.Fatal(err)
	}
	canary, err := JudgeCanary(CanaryConfig{Metrics: []CanaryMetric{{Name: "m", Groups: []string{"g"}}, {Name: "n", Groups: []string{"g"}}}},
		[]CanaryData{highData("m")})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := ScorecardAggregate([]ScorecardCheck{{Name: "x", Risk: RiskHigh, Score: 7}, {Name: "y", Risk: RiskLow, Score: -1}})
	if err != nil {
		t.Fatal(err)
	}
	p.Policy.Readiness = ReadinessScorecard
	for i := range p.Items {
		p.Items[i].Weight = nil
	}
	scEv, err := Evaluate(p, time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{
		"evaluation": before, "scorecard evaluation": scEv, "change": Diff(before, after), "guardrail": gr,
		"tick": *gr.Last, "argo": argo, "canary": canary, "scorecard": sc,
	}
}

var snake = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// walkKeys calls f with every object key of a decoded JSON value.
func walkKeys(v any, path string, f func(path, key string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			f(path, k)
			walkKeys(e, path+"."+k, f)
		}
	case []any:
		for _, e := range x {
			walkKeys(e, path+"[]", f)
		}
	}
}

// TestResultJSON: every result marshals with snake_case keys only, never a null list,
// and decodes back to a value that marshals to the same bytes (issue 13 item 3).
func TestResultJSON(t *testing.T) {
	for name, res := range sampleResults(t) {
		t.Run(name, func(t *testing.T) {
			b, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			var tree any
			if err := json.Unmarshal(b, &tree); err != nil {
				t.Fatal(err)
			}
			walkKeys(tree, "", func(path, key string) {
				if !snake.MatchString(key) {
					t.Errorf("%s: key %q is not snake_case", path, key)
				}
			})
			if bytes.Contains(b, []byte(`:null`)) {
				// Only documented optional values may be null: pointers to numbers and
				// decimals, and the last interval of a guardrail.
				for _, m := range regexp.MustCompile(`"([a-z_]+)":null`).FindAllSubmatch(b, -1) {
					switch string(m[1]) {
					case "value", "ratio", "estimate", "lower", "upper", "z", "last", "score_delta", "before", "after":
					default:
						t.Errorf("field %q is null", m[1])
					}
				}
			}
			back := reflect.New(reflect.TypeOf(res))
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.DisallowUnknownFields()
			if err := dec.Decode(back.Interface()); err != nil {
				t.Fatalf("decode: %v", err)
			}
			again, err := json.Marshal(back.Elem().Interface())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(b), string(again)); diff != "" {
				t.Errorf("round trip (-first +second)\n%s", diff)
			}
		})
	}
}

// TestWriteCSV: readiness per function through encoding/csv, read back with
// encoding/csv and compared with the evaluation.
func TestWriteCSV(t *testing.T) {
	ev := sampleResults(t)["evaluation"].(Evaluation)
	var buf bytes.Buffer
	if err := ev.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(CSVHeader, rows[0]); diff != "" {
		t.Errorf("header (-want +got)\n%s", diff)
	}
	if len(rows) != 2+len(ev.Functions) {
		t.Fatalf("%d rows for %d functions", len(rows), len(ev.Functions))
	}
	blockers := 0
	for _, r := range ev.Reasons {
		if r.Severity == SeverityBlocker {
			blockers++
		}
	}
	if got, want := strings.Join(rows[1], ","), "overall,,"+strconv.Itoa(len(ev.Items))+","+strconv.Itoa(blockers)+","+
		ev.Score.Num.String()+","+ev.Score.Den.String()+","+ev.Score.Value.StringFixed(ScoreScale); got != want || blockers == 0 {
		t.Errorf("overall row %q", got)
	}
	for i, f := range ev.Functions {
		r := rows[2+i]
		want := []string{"function", string(f.Function), strconv.Itoa(f.Items), strconv.Itoa(f.Blockers), f.Score.Num.String(), f.Score.Den.String(), ""}
		if f.Score.Defined {
			want[6] = f.Score.Value.StringFixed(ScoreScale)
		}
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("row %d (-want +got)\n%s", i, diff)
		}
	}
	// Caller text with commas, quotes and newlines survives; an undefined score is empty.
	odd := Evaluation{Functions: []FunctionScore{{Function: "a,\"b\"\nc", Items: 1}}}
	buf.Reset()
	if err := odd.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err = csv.NewReader(&buf).ReadAll()
	if err != nil || rows[2][1] != "a,\"b\"\nc" || rows[2][6] != "" || rows[1][4] != "0" {
		t.Errorf("quoted rows %q, %v", rows, err)
	}
	if err := ev.WriteCSV(failWriter{}); err == nil {
		t.Error("a failing writer gave no error")
	}
	huge := Evaluation{Score: Score{Defined: true, Num: huge, Den: huge}}
	buf.Reset()
	guard(t, func() { _ = huge.WriteCSV(&buf) })
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

// TestParseInputs: the strict parsers reject unknown fields and trailing data, and what is
// written decodes back to the same input.
func TestParseInputs(t *testing.T) {
	g := Guardrail{Checks: []Check{{ID: "c", Metric: "m", Max: dec("0.5"), MinSample: 10}}, FailureThreshold: 2}
	a := ArgoAnalysis{Metrics: []ArgoMetric{{Name: "m", Count: 3, FailureLimit: 1}}}
	c := CanaryConfig{Metrics: []CanaryMetric{{Name: "m", Groups: []string{"g"}, Critical: true, AllowedIncrease: dec("1.2")}}, PassThreshold: dec("90")}
	for name, tc := range map[string]struct {
		in    any
		parse func([]byte) (any, error)
	}{
		"guardrail": {g, func(b []byte) (any, error) { return ParseGuardrail(b) }},
		"argo":      {a, func(b []byte) (any, error) { return ParseArgoAnalysis(b) }},
		"canary":    {c, func(b []byte) (any, error) { return ParseCanaryConfig(b) }},
	} {
		b, err := json.Marshal(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tc.parse(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, _ := json.Marshal(got)
		if string(again) != string(b) {
			t.Errorf("%s round trip:\n%s\n%s", name, b, again)
		}
		_, err = tc.parse(append(b[:len(b)-1:len(b)-1], []byte(`,"surprise":1}`)...))
		invalid(t, err, " json")
		_, err = tc.parse(append(b, []byte(` {}`)...))
		invalid(t, err, " json")
		_, err = tc.parse([]byte(`{}`))
		if err == nil {
			t.Errorf("%s: empty input accepted", name)
		}
	}
}
