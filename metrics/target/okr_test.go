package target

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/fuzzguard"
	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/metrics"
)

var d = decimal.RequireFromString

func ptr(x decimal.Decimal) *decimal.Decimal { return &x }

func TestGoogleBandsBetweenTenths(t *testing.T) {
	var op OKROptions
	for _, c := range []struct {
		s    string
		want Grade
	}{{"-0.2", GradeRed}, {"0", GradeRed}, {"0.3", GradeRed}, {"0.35", GradeRed}, {"0.399999", GradeRed},
		{"0.4", GradeYellow}, {"0.6", GradeYellow}, {"0.65", GradeYellow}, {"0.699999", GradeYellow},
		{"0.7", GradeGreen}, {"1", GradeGreen}, {"1.3", GradeGreen}} {
		if got := op.Grade(metrics.NewDecimalRatio(d(c.s), d("1"), 6)); got != c.want {
			t.Errorf("google %s = %v, want %v", c.s, got, c.want)
		}
	}
	if got := op.Grade(metrics.DecimalRatio{}); got != GradeUnknown {
		t.Errorf("undefined = %v", got)
	}
	c := OKROptions{Bands: BandsCommitted}
	if c.Grade(metrics.NewDecimalRatio(d("0.99"), d("1"), 6)) != GradeRed || c.Grade(metrics.NewDecimalRatio(d("1"), d("1"), 6)) != GradeGreen {
		t.Error("committed bands")
	}
	cu := OKROptions{Bands: BandsCustom, YellowFrom: d("0.5"), GreenFrom: d("0.8")}
	if cu.Grade(metrics.NewDecimalRatio(d("0.49"), d("1"), 6)) != GradeRed || cu.Grade(metrics.NewDecimalRatio(d("0.5"), d("1"), 6)) != GradeYellow || cu.Grade(metrics.NewDecimalRatio(d("0.8"), d("1"), 6)) != GradeGreen {
		t.Error("custom bands")
	}
}

// Hand-worked: KR1 0→100 at 65 scores 0.65; KR2 (lower is better) 10→4 at 7 scores 0.5;
// KR3 binary done scores 1. Mean (0.65+0.5+1)/3 = 0.716667; weighted 2,1,1:
// (1.3+0.5+1)/4 = 0.7.
func TestGradeObjectiveHandWorked(t *testing.T) {
	o := Objective{Name: "Grow", KeyResults: []KeyResult{
		{Name: "signups", Start: d("0"), Target: d("100"), Current: d("65")},
		{Name: "latency", Start: d("10"), Target: d("4"), Current: d("7")},
		{Name: "launch", Kind: KeyResultBinary, Done: true},
	}}
	asOf := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	g, err := GradeObjective(o, asOf, OKROptions{})
	if err != nil {
		t.Fatal(err)
	}
	if g.Score.String() != "0.716667" || g.Grade != GradeGreen || g.Status != OKRAtRisk {
		t.Fatalf("got %v", g)
	}
	if g.KeyResults[0].Score.String() != "0.65" || g.KeyResults[1].Score.String() != "0.5" || g.KeyResults[2].Status != OKRAchieved {
		t.Fatalf("key results %v", g)
	}
	o.KeyResults[0].Weight = ptr(d("2"))
	g, _ = GradeObjective(o, asOf, OKROptions{})
	if g.Score.String() != "0.7" {
		t.Fatalf("weighted %v", g.Score)
	}
	// A zero weight drops the key result from the score, even when undefined.
	o.KeyResults = append(o.KeyResults, KeyResult{Name: "flat", Start: d("5"), Target: d("5"), Weight: ptr(decimal.NewFromInt(0))})
	g, _ = GradeObjective(o, asOf, OKROptions{})
	if g.Score.String() != "0.7" || g.KeyResults[3].Status != OKRStatusUnknown || g.KeyResults[3].Grade != GradeUnknown {
		t.Fatalf("zero weight %v", g)
	}
	// With weight, an undefined key result makes the objective undefined, not 0.
	o.KeyResults[3].Weight = nil
	g, _ = GradeObjective(o, asOf, OKROptions{})
	if g.Score.Defined || g.Grade != GradeUnknown || g.Status != OKRStatusUnknown {
		t.Fatalf("undefined %v", g)
	}
	if !strings.Contains(g.String(), "undefined unknown") {
		t.Fatal(g.String())
	}
}

func TestProgressModes(t *testing.T) {
	kr := func(cur string) Objective {
		return Objective{Name: "o", KeyResults: []KeyResult{{Name: "k", Start: d("0"), Target: d("10"), Current: d(cur)}}}
	}
	asOf := time.Unix(1, 0)
	for _, c := range []struct {
		mode     ProgressMode
		cur, out string
	}{{ProgressRaw, "15", "1.5"}, {ProgressRaw, "-5", "-0.5"}, {ProgressCapped, "15", "1"}, {ProgressCapped, "-5", "-0.5"},
		{ProgressFloored, "15", "1.5"}, {ProgressFloored, "-5", "0"}, {ProgressClamped, "15", "1"}, {ProgressClamped, "-5", "0"}} {
		g, err := GradeObjective(kr(c.cur), asOf, OKROptions{Progress: c.mode})
		if err != nil {
			t.Fatal(err)
		}
		if g.Score.String() != c.out {
			t.Errorf("%v %s = %v, want %s", c.mode, c.cur, g.Score, c.out)
		}
		if c.cur == "15" && g.Status != OKRAchieved {
			t.Errorf("%v overshoot status %v", c.mode, g.Status)
		}
	}
}

// Half the period elapsed: expected 0.5. Proportional (share 0.7) puts the at-risk line at
// 0.35; a 10-point gap puts it at 0.4. A score of 0.37 is at risk proportionally, off
// track by the gap.
func TestPacing(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.Add(100 * 24 * time.Hour)
	mk := func(cur string) Objective {
		return Objective{Name: "o", Start: start, End: end, KeyResults: []KeyResult{{Name: "k", Target: d("100"), Current: d(cur)}}}
	}
	mid := start.Add(50 * 24 * time.Hour)
	for _, c := range []struct {
		cur  string
		opts OKROptions
		want OKRStatus
	}{
		{"50", OKROptions{}, OKROnTrack},
		{"37", OKROptions{}, OKRAtRisk},
		{"34", OKROptions{}, OKROffTrack},
		{"37", OKROptions{Pacing: PacingGap}, OKROffTrack},
		{"40", OKROptions{Pacing: PacingGap}, OKRAtRisk},
		{"37", OKROptions{Pacing: PacingGap, GapPoints: d("15")}, OKRAtRisk},
		{"37", OKROptions{AtRiskShare: d("0.8")}, OKROffTrack},
		{"100", OKROptions{}, OKRAchieved},
	} {
		g, err := GradeObjective(mk(c.cur), mid, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if g.Expected.String() != "0.5" || g.Status != c.want || g.KeyResults[0].Status != c.want {
			t.Errorf("%s %+v: %v", c.cur, c.opts, g)
		}
	}
	g, _ := GradeObjective(mk("0"), start.Add(-time.Hour), OKROptions{})
	if !g.Expected.IsZero() || g.Status != OKROnTrack {
		t.Errorf("before start %v", g)
	}
	g, _ = GradeObjective(mk("0"), end, OKROptions{})
	if g.Expected.String() != "1" || g.Status != OKROffTrack {
		t.Errorf("at end %v", g)
	}
}

func TestGradeObjectiveInvalid(t *testing.T) {
	huge := decimal.New(1, -(1 << 30))
	o := Objective{Start: time.Unix(10, 0), End: time.Unix(5, 0), KeyResults: []KeyResult{
		{Current: huge, Weight: ptr(d("-1"))},
		{Name: "k", Kind: KeyResultKind(9)},
	}}
	_, err := GradeObjective(o, time.Time{}, OKROptions{Progress: 9, Bands: 9, Pacing: 9, AtRiskShare: d("2"), GapPoints: d("-1")})
	if !errors.Is(err, productops.ErrInvalid) {
		t.Fatal(err)
	}
	got := strings.Join(fieldtest.Paths(t, err), " ")
	for _, want := range []string{"name", "end", "key_results[0].name", "key_results[0].current", "key_results[0].weight", "key_results[1].kind",
		"options.progress", "options.bands", "options.pacing", "options.at_risk_share", "options.gap_points", "as_of"} {
		if !strings.Contains(" "+got+" ", " "+want+" ") {
			t.Errorf("missing %s in %s", want, got)
		}
	}
	for _, c := range []struct {
		o    Objective
		opts OKROptions
		path string
	}{
		{Objective{Name: "o"}, OKROptions{}, "key_results"},
		{Objective{Name: "o", KeyResults: make([]KeyResult, MaxKeyResults+1)}, OKROptions{}, "key_results"},
		{Objective{Name: "o", Start: time.Unix(1, 0), KeyResults: []KeyResult{{Name: "k"}}}, OKROptions{}, "end"},
		{Objective{Name: "o", KeyResults: []KeyResult{{Name: "k", Weight: ptr(decimal.Zero)}}}, OKROptions{}, "key_results"},
		{Objective{Name: "o", KeyResults: []KeyResult{{Name: "k"}}}, OKROptions{Bands: BandsCustom, YellowFrom: d("-1")}, "options.yellow_from"},
		{Objective{Name: "o", KeyResults: []KeyResult{{Name: "k"}}}, OKROptions{Bands: BandsCustom, YellowFrom: d("0.5"), GreenFrom: d("0.4")}, "options.green_from"},
	} {
		_, err := GradeObjective(c.o, time.Unix(1, 0), c.opts)
		if p := fieldtest.Paths(t, err); len(p) != 1 || p[0] != c.path {
			t.Errorf("%+v: %v", c.o, p)
		}
	}
}

func TestParseObjective(t *testing.T) {
	o, err := ParseObjective([]byte(`{"name":"o","key_results":[{"name":"k","kind":"boolean","done":true},{"name":"m","target":"10","current":"5","weight":"2"}]}`))
	if err != nil || o.KeyResults[0].Kind != KeyResultBinary || !o.KeyResults[1].Weight.Equal(d("2")) {
		t.Fatal(o, err)
	}
	for _, bad := range []string{`{"name":"o","key_results":[{"name":"k"}],"x":1}`, `{"name":"o","key_results":[{"name":"k"}]} {}`,
		`{"name":"o","key_results":[{"name":"k","kind":"nope"}]}`, `{"name":3}`, `{`, `{"name":"o"}`} {
		if _, err := ParseObjective([]byte(bad)); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestOKREnumsRoundTrip(t *testing.T) {
	b, err := json.Marshal(ObjectiveGrade{KeyResults: []KeyResultGrade{{Kind: KeyResultBinary, Grade: GradeYellow, Status: OKRAtRisk}}})
	if err != nil || !strings.Contains(string(b), `"grade":"yellow"`) || !strings.Contains(string(b), `"kind":"binary"`) {
		t.Fatal(string(b), err)
	}
	var op OKROptions
	if err := json.Unmarshal([]byte(`{"progress":"Capped","bands":"aspirational","pacing":"constant-gap"}`), &op); err != nil || op.Progress != ProgressCapped || op.Bands != BandsGoogle || op.Pacing != PacingGap {
		t.Fatal(op, err)
	}
	var g Grade
	var s OKRStatus
	if g.UnmarshalText([]byte("green")) != nil || g != GradeGreen || s.UnmarshalText([]byte("achieved")) != nil || s != OKRAchieved {
		t.Fatal(g, s)
	}
	if _, err := Grade(9).MarshalText(); err == nil {
		t.Fatal("bad grade marshalled")
	}
	for _, x := range []string{ProgressFloored.String(), BandsCustom.String(), PacingProportional.String(), KeyResultMetric.String(), OKROffTrack.String(), GradeRed.String()} {
		if x == "" {
			t.Fatal("empty name")
		}
	}
}

// Grading is monotone: raising a key result's current value (higher is better) never
// lowers its score, the objective's score or grade, under every progress mode and band.
func TestGradingMonotone(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("monotone", prop.ForAll(func(a, b, target int64, mode, bands int) bool {
		if a > b {
			a, b = b, a
		}
		if target == 0 {
			target = 1
		}
		if target < 0 {
			target = -target
		}
		opts := OKROptions{Progress: ProgressMode(mode), Bands: GradingBands(bands), YellowFrom: d("0.3"), GreenFrom: d("0.9")}
		grade := func(cur int64) ObjectiveGrade {
			o := Objective{Name: "o", KeyResults: []KeyResult{
				{Name: "k", Target: decimal.NewFromInt(target), Current: decimal.NewFromInt(cur)},
				{Name: "b", Kind: KeyResultBinary, Done: true},
			}}
			g, err := GradeObjective(o, time.Unix(1, 0), opts)
			if err != nil {
				t.Fatal(err)
			}
			return g
		}
		ga, gb := grade(a), grade(b)
		return !gb.Score.Value.LessThan(ga.Score.Value) && gb.Grade >= ga.Grade &&
			!gb.KeyResults[0].Score.Value.LessThan(ga.KeyResults[0].Score.Value) && gb.KeyResults[0].Grade >= ga.KeyResults[0].Grade
	}, proptest.Int64s(gen.Int64Range(-1000, 1000)), proptest.Int64s(gen.Int64Range(-1000, 1000)), gen.Int64Range(-500, 500),
		gen.IntRange(0, 3), gen.IntRange(0, 2)))
	props.TestingRun(t)
}

// FuzzGradeObjective decodes an objective and options and grades them under a time and
// memory guard.
func FuzzGradeObjective(f *testing.F) {
	f.Add([]byte(`{"name":"o","key_results":[{"name":"k","target":"10","current":"5"}]}`), []byte(`{}`), int64(1))
	f.Add([]byte(`{"name":"o","start":"2026-01-01T00:00:00Z","end":"2026-04-01T00:00:00Z","key_results":[{"name":"k","kind":"binary","done":true,"weight":"0"},{"name":"m","start":"1e40","target":"-1e40","current":"0"}]}`),
		[]byte(`{"progress":"clamped","bands":"custom","yellow_from":"0.2","green_from":"0.5","pacing":"gap","gap_points":"5"}`), int64(1767900000))
	f.Fuzz(func(t *testing.T, ob, opb []byte, asOf int64) {
		o, err := ParseObjective(ob)
		if err != nil {
			return
		}
		var opts OKROptions
		if json.Unmarshal(opb, &opts) != nil {
			return
		}
		fuzzguard.Run(t, func() {
			g, err := GradeObjective(o, time.Unix(asOf, 0), opts)
			if err == nil && len(g.KeyResults) != len(o.KeyResults) {
				t.Error("lost key results")
			}
		})
	})
}
