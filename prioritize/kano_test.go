package prioritize

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/productops/productops/internal/fieldtest"
)

// TestKanoTable checks every cell of the evaluation table (§1.5): A 3, O 1, M 3, I 9, R 7,
// Q 2, with Like/Like Questionable.
func TestKanoTable(t *testing.T) {
	want := []string{
		"QAAAO",
		"RIIIM",
		"RIIIM",
		"RIIIM",
		"RRRRQ",
	}
	var got []string
	for f := AnswerLike; f <= AnswerDislike; f++ {
		row := ""
		for dy := AnswerLike; dy <= AnswerDislike; dy++ {
			c, err := Kano(f, dy)
			if err != nil {
				t.Fatal(err)
			}
			row += c.Letter()
		}
		got = append(got, row)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err := Kano(0, 6)
	if diff := cmp.Diff([]string{"functional oneof", "dysfunctional oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

func TestKanoAggregate(t *testing.T) {
	cats := []KanoCategory{KanoAttractive, KanoAttractive, KanoAttractive, KanoOneDimensional, KanoOneDimensional,
		KanoOneDimensional, KanoMustBe, KanoMustBe, KanoIndifferent, KanoIndifferent, KanoReverse, KanoQuestionable}
	r, err := KanoAggregate(cats)
	if err != nil {
		t.Fatal(err)
	}
	want := KanoResult{
		Responses: 12, Counts: KanoCounts{3, 3, 2, 2, 1, 1}, Defined: true,
		Category: KanoOneDimensional, Tie: true, Tied: []KanoCategory{KanoOneDimensional, KanoAttractive},
		CategoryStrength: newRatio(intF(0)), TotalStrength: newRatio(fr(t, "2/3")),
		Better: newRatio(fr(t, "3/5")), Worse: newRatio(fr(t, "-1/2")),
	}
	if diff := cmp.Diff(want, r, decimalEqual); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	onlyRQ, _ := KanoAggregate([]KanoCategory{KanoReverse, KanoQuestionable, KanoReverse})
	if onlyRQ.Better.Defined || onlyRQ.Worse.Defined || onlyRQ.Category != KanoReverse || onlyRQ.Tie {
		t.Errorf("all R/Q: %+v", onlyRQ)
	}
	none, _ := KanoAggregate(nil)
	if none.Defined {
		t.Error("no responses must be undefined")
	}
	if _, err := KanoAggregate([]KanoCategory{9}); err == nil {
		t.Error("want error for category 9")
	}
	s, err := KanoSurvey([]KanoResponse{{AnswerLike, AnswerDislike}, {AnswerNeutral, AnswerDislike}, {AnswerNeutral, AnswerDislike}})
	if err != nil || s.Category != KanoMustBe || s.Tie || !s.CategoryStrength.Exact.Equal(fr(t, "1/3")) {
		t.Errorf("survey %+v %v", s, err)
	}
	_, err = KanoSurvey([]KanoResponse{{AnswerLike, AnswerDislike}, {0, AnswerDislike}})
	if diff := cmp.Diff([]string{"responses[1].functional oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}

func TestKanoThreePoint(t *testing.T) {
	var got []string
	for f := 1; f <= 3; f++ {
		row := ""
		for dy := 1; dy <= 3; dy++ {
			c, err := KanoThreePoint(f, dy)
			if err != nil {
				t.Fatal(err)
			}
			row += c.Letter()
		}
		got = append(got, row)
	}
	if diff := cmp.Diff([]string{"AAO", "IIM", "IIM"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err := KanoThreePoint(0, 4)
	if diff := cmp.Diff([]string{"functional oneof", "dysfunctional oneof"}, fieldtest.Rules(t, err)); diff != "" {
		t.Error(diff)
	}
}
