package column

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

func TestParseFraction(t *testing.T) {
	for _, tc := range []struct {
		in   string
		unit Unit
		want string
		err  error
	}{
		{"80%", UnitPercent, "0.8", nil},
		{"80 %", UnitFraction, "0.8", nil},
		{"80", UnitPercent, "0.8", nil},
		{" 12.5 ", UnitPercent, "0.125", nil},
		{"0", UnitPercent, "0", nil},
		{"0.8%", UnitPercent, "0.008", nil},
		{"100", UnitPercent, "1", nil},
		{"0.8", UnitPercent, "", ErrAmbiguous},
		{"1", UnitPercent, "", ErrAmbiguous},
		{"0.8", UnitFraction, "0.8", nil},
		{"1", UnitFraction, "1", nil},
		{"80", UnitFraction, "", ErrAmbiguous},
		{"1.01", UnitFraction, "", ErrAmbiguous},
		{"80", UnitUnset, "", ErrUnit},
		{"80%", UnitUnset, "0.8", nil},
		{"eighty", UnitPercent, "", ErrNumber},
		{"%", UnitPercent, "", ErrNumber},
		{"8e1", UnitPercent, "", ErrNumber},
		{"1,000", UnitPercent, "", ErrNumber},
		{"0,8", UnitFraction, "", ErrNumber},
		{"NaN", UnitFraction, "", ErrNumber},
		{"-5", UnitPercent, "-0.05", nil},
	} {
		got, err := ParseFraction(tc.in, tc.unit)
		if !errors.Is(err, tc.err) || (err == nil && !got.Equal(decimal.RequireFromString(tc.want))) {
			t.Errorf("ParseFraction(%q, %v) = %v, %v; want %s, %v", tc.in, tc.unit, got, err, tc.want, tc.err)
		}
		if err != nil && !strings.Contains(err.Error(), `"`) {
			t.Errorf("error %q does not quote the cell", err)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"5", "5", true}, {"-2.50", "-2.5", true}, {"+3", "3", true}, {".5", "0.5", true}, {"3.", "3", true},
		{" 7 ", "7", true}, {"\t7", "7", true},
		{"12345678901234567890123456789012345678.9", "12345678901234567890123456789012345678.9", true},
		{"-99999999999999999999", "-99999999999999999999", true},
		{"", "", false}, {"-", "", false}, {".", "", false}, {"1.2.3", "", false}, {"1e5", "", false},
		{"1_000", "", false}, {"inf", "", false}, {"0x10", "", false},
		{strings.Repeat("9", 41), "", false}, {strings.Repeat("1", 1000), "", false},
	} {
		got, err := ParseNumber(tc.in)
		if (err == nil) != tc.ok || (tc.ok && !got.Equal(decimal.RequireFromString(tc.want))) {
			t.Errorf("ParseNumber(%q) = %v, %v", tc.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrNumber) {
			t.Errorf("ParseNumber(%q) error %v is not ErrNumber", tc.in, err)
		}
	}
	_, err := ParseNumber(strings.Repeat("x", 500))
	if len(err.Error()) > 200 {
		t.Errorf("error echoes %d bytes", len(err.Error()))
	}
}

func TestUnitText(t *testing.T) {
	for _, s := range []string{"percent", "Fraction", "pct", "%", "ratio"} {
		var u Unit
		if err := u.UnmarshalText([]byte(s)); err != nil || u == UnitUnset {
			t.Errorf("%q: %v, %v", s, u, err)
		}
		b, err := u.MarshalText()
		if err != nil || (string(b) != "percent" && string(b) != "fraction") || u.String() != string(b) {
			t.Errorf("%v marshals to %q, %v", u, b, err)
		}
	}
	var u Unit
	if err := u.UnmarshalText([]byte("per mille")); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("unknown unit: %v", err)
	}
	if _, err := UnitUnset.MarshalText(); err == nil {
		t.Error("UnitUnset marshals")
	}
}

func TestLimits(t *testing.T) {
	if err := (Limits{}).Validate(); err != nil {
		t.Fatal(err)
	}
	err := Limits{MaxRecordBytes: -1, MaxRecords: -1, MaxFields: -1, MaxDocumentBytes: -1}.Validate()
	if got := fieldtest.Paths(t, err); len(got) != 4 {
		t.Errorf("paths %v", got)
	}
	l := Limits{MaxRecords: 7}.Or()
	if l != (Limits{DefaultMaxRecordBytes, 7, DefaultMaxFields, DefaultMaxDocumentBytes}) {
		t.Errorf("Or = %+v", l)
	}
}

func TestScores(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	s := Scores{Reach: d("100"), Impact: d("2"), Confidence: d("0.5"), Effort: d("4"),
		ICEImpact: d("7"), ICEConfidence: d("6"), ICEEase: d("5"),
		BusinessValue: d("8"), TimeCriticality: d("3"), RiskReduction: d("1"), JobSize: d("5")}
	r, err := s.RICE("A")
	if err != nil || r.ID != "A" || !r.Confidence.Equal(decimal.RequireFromString("0.5")) {
		t.Errorf("RICE %+v, %v", r, err)
	}
	i, err := s.ICE("A")
	if err != nil || !i.Ease.Equal(decimal.NewFromInt(5)) {
		t.Errorf("ICE %+v, %v", i, err)
	}
	w, err := s.WSJF("A")
	if err != nil || !w.JobSize.Equal(decimal.NewFromInt(5)) {
		t.Errorf("WSJF %+v, %v", w, err)
	}
	var empty Scores
	for _, f := range []func() error{
		func() error { _, err := empty.RICE("x"); return err },
		func() error { _, err := empty.ICE("x"); return err },
		func() error { _, err := empty.WSJF("x"); return err },
	} {
		if err := f(); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("missing inputs: %v", err)
		}
	}
	if err := (ScoreColumns{Confidence: "C"}).Validate(); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("no unit: %v", err)
	}
	if err := (ScoreColumns{ConfidenceUnit: 9}).Validate(); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad unit: %v", err)
	}
	if err := (ScoreColumns{Confidence: "C", ConfidenceUnit: UnitFraction}).Validate(); err != nil {
		t.Error(err)
	}
}

func FuzzParseFraction(f *testing.F) {
	for _, s := range []string{"80%", "0.8", "1", "12.5", "-3", "1e3", "", "99999999999999999999999.5%"} {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, u uint8) {
		d, err := ParseFraction(s, Unit(u))
		if err != nil {
			if len(err.Error()) > 400 {
				t.Fatalf("error echoes %d bytes", len(err.Error()))
			}
			return
		}
		if d.NumDigits() > 45 {
			t.Fatalf("%q: unbounded %v", s, d)
		}
		// Never a silent 100x: a bare value is read in the declared unit only.
		if !strings.Contains(s, "%") {
			n, err := ParseNumber(s)
			if err != nil {
				t.Fatalf("%q parses as a fraction but not as a number", s)
			}
			switch Unit(u) {
			case UnitPercent:
				if !d.Equal(n.Shift(-2)) {
					t.Fatalf("%q percent gave %v", s, d)
				}
			case UnitFraction:
				if !d.Equal(n) {
					t.Fatalf("%q fraction gave %v", s, d)
				}
			default:
				t.Fatalf("%q read without a unit", s)
			}
		}
	})
}
