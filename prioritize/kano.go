package prioritize

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// KanoAnswer is one answer to a Kano question, on the five options in Sauerwein et al.'s
// (1996) order. The zero value means "no answer" and is invalid.
type KanoAnswer uint8

// Kano answers, numbered 1–5 as in the questionnaire.
const (
	AnswerLike     KanoAnswer = 1 + iota // "I like it that way"
	AnswerMustBe                         // "it must be that way" (I expect it)
	AnswerNeutral                        // "I am neutral"
	AnswerLiveWith                       // "I can live with it that way" (I tolerate it)
	AnswerDislike                        // "I dislike it that way"
)

var kanoAnswerSet = enum.Set[KanoAnswer]{Subject: "prioritize: kano answer", Kind: "kano answer", Names: []string{"", "like", "must_be", "neutral", "live_with", "dislike"}}

// String returns "like", "must_be", "neutral", "live_with" or "dislike".
func (a KanoAnswer) String() string { return kanoAnswerSet.String(a) }

// MarshalText encodes the name given by String; the zero value is an error.
func (a KanoAnswer) MarshalText() ([]byte, error) {
	return kanoAnswerSet.Marshal(a)
}

// UnmarshalText decodes a name given by String.
func (a *KanoAnswer) UnmarshalText(b []byte) error {
	return kanoAnswerSet.Unmarshal(a, b)
}

// KanoCategory is the Kano classification of a feature for one respondent or a population.
type KanoCategory uint8

// Kano categories. Aggregation breaks exact ties in the order MustBe > OneDimensional >
// Attractive > Indifferent > Reverse > Questionable (Berger et al. 1993's M > O > A > I,
// extended with R and Q).
const (
	KanoAttractive     KanoCategory = iota // A: delights when present, no harm when absent
	KanoOneDimensional                     // O: performance; more is better
	KanoMustBe                             // M: expected; its absence dissatisfies
	KanoIndifferent                        // I: nobody cares either way
	KanoReverse                            // R: the respondent prefers its absence
	KanoQuestionable                       // Q: contradictory answers
)

var kanoCategorySet = enum.Set[KanoCategory]{Subject: "prioritize: kano category", Kind: "kano category", Names: []string{"attractive", "one_dimensional", "must_be", "indifferent", "reverse", "questionable"},
	Aliases: map[string]KanoCategory{"a": KanoAttractive, "o": KanoOneDimensional, "m": KanoMustBe, "i": KanoIndifferent, "r": KanoReverse, "q": KanoQuestionable, "performance": KanoOneDimensional}}

// String returns the category's name, e.g. "one_dimensional".
func (c KanoCategory) String() string { return kanoCategorySet.String(c) }

// Letter returns the category's usual letter: A, O, M, I, R or Q.
func (c KanoCategory) Letter() string {
	if int(c) < 6 {
		return "AOMIRQ"[c : c+1]
	}
	return "?"
}

// MarshalText encodes the name given by String.
func (c KanoCategory) MarshalText() ([]byte, error) {
	return kanoCategorySet.Marshal(c)
}

// UnmarshalText decodes a name given by String.
func (c *KanoCategory) UnmarshalText(b []byte) error {
	return kanoCategorySet.Unmarshal(c, b)
}

// kanoTable is the evaluation table: rows functional answer, columns dysfunctional answer.
var kanoTable = [5][5]KanoCategory{
	{KanoQuestionable, KanoAttractive, KanoAttractive, KanoAttractive, KanoOneDimensional},
	{KanoReverse, KanoIndifferent, KanoIndifferent, KanoIndifferent, KanoMustBe},
	{KanoReverse, KanoIndifferent, KanoIndifferent, KanoIndifferent, KanoMustBe},
	{KanoReverse, KanoIndifferent, KanoIndifferent, KanoIndifferent, KanoMustBe},
	{KanoReverse, KanoReverse, KanoReverse, KanoReverse, KanoQuestionable},
}

// kanoTieOrder lists categories from the strongest to the weakest for tie-breaking.
var kanoTieOrder = []KanoCategory{KanoMustBe, KanoOneDimensional, KanoAttractive, KanoIndifferent, KanoReverse, KanoQuestionable}

// KanoResponse is one respondent's answer pair for one feature.
type KanoResponse struct {
	// Functional answers "how do you feel if the product has it?".
	Functional KanoAnswer `json:"functional"`
	// Dysfunctional answers "how do you feel if it does not?".
	Dysfunctional KanoAnswer `json:"dysfunctional"`
}

// Kano classifies one answer pair with the five-by-five evaluation table of Sauerwein et al.
// (1996): Like/Like and Dislike/Dislike are Questionable; Like with Dislike is
// One-dimensional; Like with Must-be, Neutral or Live-with is Attractive; Must-be, Neutral or
// Live-with with Dislike is Must-be; Dislike, or anything with Like as the dysfunctional
// answer, is Reverse; the rest is Indifferent.
func Kano(functional, dysfunctional KanoAnswer) (KanoCategory, error) {
	e := validation.New("prioritize: kano answer")
	if functional < AnswerLike || functional > AnswerDislike {
		e.Add("functional", "oneof", "1 2 3 4 5", "must be an answer from like (1) to dislike (5)")
	}
	if dysfunctional < AnswerLike || dysfunctional > AnswerDislike {
		e.Add("dysfunctional", "oneof", "1 2 3 4 5", "must be an answer from like (1) to dislike (5)")
	}
	if err := e.Err(); err != nil {
		return 0, err
	}
	return kanoTable[functional-1][dysfunctional-1], nil
}

// KanoThreePoint classifies an answer pair of the three-option short questionnaire, where
// each answer is 1 (like), 2 (neutral) or 3 (dislike): like/like, like/neutral →
// Attractive; like/dislike → One-dimensional; neutral/dislike, dislike/dislike → Must-be;
// every other pair → Indifferent. The short form has no Reverse or Questionable.
func KanoThreePoint(functional, dysfunctional int) (KanoCategory, error) {
	e := validation.New("prioritize: kano three-point answer")
	if functional < 1 || functional > 3 {
		e.Add("functional", "oneof", "1 2 3", "must be 1 (like), 2 (neutral) or 3 (dislike)")
	}
	if dysfunctional < 1 || dysfunctional > 3 {
		e.Add("dysfunctional", "oneof", "1 2 3", "must be 1 (like), 2 (neutral) or 3 (dislike)")
	}
	if err := e.Err(); err != nil {
		return 0, err
	}
	switch {
	case functional == 1 && dysfunctional < 3:
		return KanoAttractive, nil
	case functional == 1:
		return KanoOneDimensional, nil
	case dysfunctional == 3:
		return KanoMustBe, nil
	}
	return KanoIndifferent, nil
}

// KanoCounts counts respondents per category.
type KanoCounts struct {
	Attractive     int `json:"attractive"`      // A
	OneDimensional int `json:"one_dimensional"` // O
	MustBe         int `json:"must_be"`         // M
	Indifferent    int `json:"indifferent"`     // I
	Reverse        int `json:"reverse"`         // R
	Questionable   int `json:"questionable"`    // Q
}

func (c *KanoCounts) at(k KanoCategory) *int {
	return [...]*int{&c.Attractive, &c.OneDimensional, &c.MustBe, &c.Indifferent, &c.Reverse, &c.Questionable}[k]
}

// Ratio is an exact share or coefficient that may be undefined (0 of 0).
type Ratio struct {
	// Defined is false when the denominator is zero; Exact and Value are then zero and
	// must not be read as a result.
	Defined bool `json:"defined"`
	// Exact is the ratio as a reduced fraction.
	Exact Fraction `json:"exact"`
	// Value is Exact rounded half away from zero to DisplayScale places.
	Value decimal.Decimal `json:"value"`
}

func newRatio(f Fraction) Ratio {
	return Ratio{Defined: true, Exact: f, Value: f.Decimal(DisplayScale)}
}

func ratioOf(num, den int) Ratio {
	if den == 0 {
		return Ratio{}
	}
	return newRatio(reduceInts(int64(num), int64(den)))
}

func reduceInts(n, d int64) Fraction { return quoF(intF(n), intF(d)) }

// KanoResult summarizes one feature's classifications over respondents.
type KanoResult struct {
	// Responses is the number of classifications aggregated.
	Responses int `json:"responses"`
	// Counts per category.
	Counts KanoCounts `json:"counts"`
	// Defined is false when there were no responses; Category is then meaningless.
	Defined bool `json:"defined"`
	// Category is the mode over all six categories; an exact tie is broken by
	// M > O > A > I > R > Q.
	Category KanoCategory `json:"category"`
	// Tie is true when another category had the same (top) count; Tied lists all of them
	// in tie-break order.
	Tie  bool           `json:"tie"`
	Tied []KanoCategory `json:"tied,omitempty"` // nil without a tie
	// CategoryStrength is the top share minus the runner-up share, so callers can apply a
	// threshold rule (some analysts treat gaps up to 6 points as ties).
	CategoryStrength Ratio `json:"category_strength"`
	// TotalStrength is the share of A + O + M among all responses.
	TotalStrength Ratio `json:"total_strength"`
	// Better is (A + O) ÷ (A + O + M + I), in [0, 1]; R and Q are excluded. Undefined when
	// A + O + M + I is zero.
	Better Ratio `json:"better"`
	// Worse is −(O + M) ÷ (A + O + M + I), in [−1, 0] (published negative). Undefined when
	// A + O + M + I is zero.
	Worse Ratio `json:"worse"`
}

// KanoAggregate summarizes respondents' categories for one feature: counts, the mode with
// its tie rule, strengths and the Better/Worse coefficients (Berger et al. 1993). No
// categories give a result with Defined false, not an error.
func KanoAggregate(categories []KanoCategory) (KanoResult, error) {
	var r KanoResult
	e := validation.New("prioritize: kano categories")
	for i, c := range categories {
		if c > KanoQuestionable {
			e.Add(index("categories", i), "oneof", "", fmt.Sprintf("must be a kano category, not %d", c))
			continue
		}
		*r.Counts.at(c)++
	}
	if err := e.Err(); err != nil {
		return KanoResult{}, err
	}
	r.Responses = len(categories)
	if r.Responses == 0 {
		return r, nil
	}
	r.Defined = true
	top, second := -1, 0
	for _, c := range kanoTieOrder {
		n := *r.Counts.at(c)
		switch {
		case n > top:
			second = max(top, 0)
			top = n
			r.Category, r.Tied = c, []KanoCategory{c}
		case n == top:
			second = n
			r.Tied = append(r.Tied, c)
		case n > second:
			second = n
		}
	}
	r.Tie = len(r.Tied) > 1
	if !r.Tie {
		r.Tied = nil
	}
	r.CategoryStrength = ratioOf(top-second, r.Responses)
	c := r.Counts
	r.TotalStrength = ratioOf(c.Attractive+c.OneDimensional+c.MustBe, r.Responses)
	den := c.Attractive + c.OneDimensional + c.MustBe + c.Indifferent
	r.Better = ratioOf(c.Attractive+c.OneDimensional, den)
	r.Worse = ratioOf(-(c.OneDimensional + c.MustBe), den)
	return r, nil
}

// KanoSurvey classifies every response with Kano and aggregates them with KanoAggregate.
// Errors name responses[i] and the bad answer.
func KanoSurvey(responses []KanoResponse) (KanoResult, error) {
	e := validation.New("prioritize: kano survey")
	cats := make([]KanoCategory, len(responses))
	for i, r := range responses {
		c, err := Kano(r.Functional, r.Dysfunctional)
		e.Merge(index("responses", i), err)
		cats[i] = c
	}
	if err := e.Err(); err != nil {
		return KanoResult{}, err
	}
	return KanoAggregate(cats)
}
