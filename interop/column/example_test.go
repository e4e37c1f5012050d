package column_test

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/interop/column"
)

func ExampleParseFraction() {
	for _, cell := range []string{"80%", "80", "0.8"} {
		f, err := column.ParseFraction(cell, column.UnitPercent)
		fmt.Println(cell, f, errors.Is(err, column.ErrAmbiguous))
	}
	f, _ := column.ParseFraction("0.8", column.UnitFraction)
	fmt.Println("0.8 as a fraction:", f)
	// Output:
	// 80% 0.8 false
	// 80 0.8 false
	// 0.8 0 true
	// 0.8 as a fraction: 0.8
}

func ExampleParseNumber() {
	d, _ := column.ParseNumber(" 2.50 ")
	_, err := column.ParseNumber("1,000")
	fmt.Println(d, errors.Is(err, column.ErrNumber))
	// Output: 2.5 true
}

func ExampleScores_RICE() {
	s := column.Scores{}
	for _, v := range []struct {
		dst **decimal.Decimal
		val string
	}{{&s.Reach, "1200"}, {&s.Impact, "2"}, {&s.Confidence, "0.8"}} {
		d := decimal.RequireFromString(v.val)
		*v.dst = &d
	}
	_, err := s.RICE("A-1")
	fmt.Println(err)
	// Output: column: rice input of "A-1": invalid: effort: no value read for this input
}

func ExampleLimits_Or() {
	l := column.Limits{MaxRecords: 1000}.Or()
	fmt.Println(l.MaxRecords, l.MaxRecordBytes)
	// Output: 1000 1048576
}

func ExampleUnit_UnmarshalText() {
	var u column.Unit
	err := u.UnmarshalText([]byte("Percent"))
	fmt.Println(u, err)
	// Output: percent <nil>
}

func ExampleScoreColumns_Validate() {
	fmt.Println(column.ScoreColumns{Confidence: "Confidence"}.Validate() != nil)
	fmt.Println(column.ScoreColumns{Confidence: "Confidence", ConfidenceUnit: column.UnitFraction}.Validate())
	// Output:
	// true
	// <nil>
}

func ExampleLimits_Validate() {
	fmt.Println(column.Limits{MaxRecords: -1}.Validate())
	// Output: column: limits: invalid: max_records: must be at least 0 (0 = default), got -1
}

func ExampleScores_ICE() {
	d := decimal.NewFromInt(7)
	in, err := column.Scores{ICEImpact: &d, ICEConfidence: &d, ICEEase: &d}.ICE("A-1")
	fmt.Println(in.ID, in.Ease, err)
	// Output: A-1 7 <nil>
}

func ExampleScores_WSJF() {
	d := decimal.NewFromInt(3)
	in, err := column.Scores{BusinessValue: &d, TimeCriticality: &d, RiskReduction: &d, JobSize: &d}.WSJF("A-1")
	fmt.Println(in.ID, in.JobSize, err)
	// Output: A-1 3 <nil>
}
