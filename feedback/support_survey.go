package feedback

import (
	"fmt"
	"github.com/productops/productops/internal/enum"
	"strconv"

	"github.com/productops/productops/internal/validation"
)

// CSATScale is the answer scale of a satisfaction survey.
type CSATScale uint8

// CSAT scales. Text forms: "binary", "five_point", "seven_point".
const (
	// CSATBinary: 0 = bad, 1 = good (Zendesk's survey); satisfied = good.
	CSATBinary CSATScale = iota
	// CSATFivePoint: 1-5; satisfied = 4 or 5 (top-2-box).
	CSATFivePoint
	// CSATSevenPoint: 1-7; satisfied = 6 or 7 (top-2-box).
	CSATSevenPoint
)

var csatScaleSet = enum.Set[CSATScale]{Subject: "feedback: CSAT scale", Kind: "CSAT scale", Names: []string{"binary", "five_point", "seven_point"}}

// String returns the scale's text form.
func (s CSATScale) String() string { return csatScaleSet.String(s) }

// MarshalText encodes a defined scale as its text form.
func (s CSATScale) MarshalText() ([]byte, error) { return csatScaleSet.Marshal(s) }

// UnmarshalText decodes a text form.
func (s *CSATScale) UnmarshalText(b []byte) error { return csatScaleSet.Unmarshal(s, b) }

// bounds returns the lowest and highest score and the lowest satisfied score.
func (s CSATScale) bounds() (lo, hi, satisfied int) {
	switch s {
	case CSATBinary:
		return 0, 1, 1
	case CSATFivePoint:
		return 1, 5, 4
	default:
		return 1, 7, 6
	}
}

// CSATSurvey is one satisfaction survey that was offered for a ticket. Tickets never
// offered a survey are not listed: they are outside every CSAT ratio.
type CSATSurvey struct {
	// TicketID is the surveyed ticket (named in errors).
	TicketID TicketID `json:"ticket_id"`
	// Scale is the survey's scale; all surveys of one computation share it.
	Scale CSATScale `json:"scale"`
	// Answered says whether the requester answered; Score is ignored when not.
	Answered bool `json:"answered"`
	// Score is the answer on Scale.
	Score int `json:"score"`
}

// CSATResult is customer satisfaction over answered surveys, with the response rate
// kept separate (unoffered and unanswered surveys are not in the denominator).
type CSATResult struct {
	// Scale is the surveys' scale.
	Scale CSATScale `json:"scale"`
	// Satisfied is satisfied answers ÷ answers: good ÷ (good + bad) on the binary scale,
	// top-2-box on the others.
	Satisfied SupportRate `json:"satisfied"`
	// MeanScore is the mean answer on Scale; MeanDefined is false without answers.
	MeanScore   float64 `json:"mean_score"`
	MeanDefined bool    `json:"mean_defined"`
	// ResponseRate is answered ÷ offered surveys.
	ResponseRate SupportRate `json:"response_rate"`
}

// CSAT computes satisfaction over offered surveys. A score off the scale or a survey on
// another scale than the first is an error naming the survey.
func CSAT(surveys []CSATSurvey) (CSATResult, error) {
	var res CSATResult
	if len(surveys) > 0 {
		res.Scale = surveys[0].Scale
	}
	e := validation.New("feedback: CSAT surveys")
	lo, hi, sat := res.Scale.bounds()
	answered, satisfied, sum := 0, 0, 0
	for i, s := range surveys {
		p := fmt.Sprintf("[%d]", i)
		if s.Scale != res.Scale {
			e.Addf(p+".scale", "eqfield", "survey for ticket %s is on scale %s, not %s like [0]", strconv.Quote(validation.Truncate(string(s.TicketID))), s.Scale, res.Scale)
			continue
		}
		if !s.Answered {
			continue
		}
		if s.Score < lo || s.Score > hi {
			e.Addf(p+".score", "range", "score %d for ticket %s is off the %s scale (%d-%d)", s.Score, strconv.Quote(validation.Truncate(string(s.TicketID))), s.Scale, lo, hi)
			continue
		}
		answered++
		sum += s.Score
		if s.Score >= sat {
			satisfied++
		}
	}
	if res.Scale > CSATSevenPoint {
		e.Addf("[0].scale", "oneof", "undefined scale %d", res.Scale)
	}
	if err := e.Err(); err != nil {
		return CSATResult{}, err
	}
	res.Satisfied = newRate(satisfied, answered)
	res.ResponseRate = newRate(answered, len(surveys))
	if answered > 0 {
		res.MeanScore, res.MeanDefined = float64(sum)/float64(answered), true
	}
	return res, nil
}

// CESResult is the customer effort score over answers on a 1-7 scale where 7 means "very
// easy" (agreement with "the company made it easy to handle my issue"), with both
// published read-outs.
type CESResult struct {
	// Responses counts the answers.
	Responses int `json:"responses"`
	// Mean is the mean answer (1-7); MeanDefined is false without answers.
	Mean        float64 `json:"mean"`
	MeanDefined bool    `json:"mean_defined"`
	// LowEffort is answers of 5-7 ÷ answers ("% agree"); Neutral is 4s; HighEffort is
	// 1-3 (the bands GitLab's support handbook reads).
	LowEffort  SupportRate `json:"low_effort"`
	Neutral    SupportRate `json:"neutral"`
	HighEffort SupportRate `json:"high_effort"`
}

// CES computes the customer effort score of answers on the 1-7 scale. An answer off the
// scale is an error naming its index.
func CES(scores []int) (CESResult, error) {
	e := validation.New("feedback: CES answers")
	low, neutral, high, sum := 0, 0, 0, 0
	for i, s := range scores {
		switch {
		case s < 1 || s > 7:
			e.Addf(fmt.Sprintf("[%d]", i), "range", "score %d is off the 1-7 scale", s)
			continue
		case s >= 5:
			low++
		case s == 4:
			neutral++
		default:
			high++
		}
		sum += s
	}
	if err := e.Err(); err != nil {
		return CESResult{}, err
	}
	n := len(scores)
	r := CESResult{Responses: n, LowEffort: newRate(low, n), Neutral: newRate(neutral, n), HighEffort: newRate(high, n)}
	if n > 0 {
		r.Mean, r.MeanDefined = float64(sum)/float64(n), true
	}
	return r, nil
}

// DeflectionCounts are the counts of a period that ticket deflection is computed from.
// All are counts of distinct users or resolutions, never negative.
type DeflectionCounts struct {
	// HelpCenterUsers is the number of users who used self-service (help centre, bot).
	HelpCenterUsers int `json:"help_center_users"`
	// TicketUsers is the number of users who submitted at least one ticket.
	TicketUsers int `json:"ticket_users"`
	// SelfServiceResolutions counts issues resolved by self-service.
	SelfServiceResolutions int `json:"self_service_resolutions"`
	// Tickets counts tickets created.
	Tickets int `json:"tickets"`
}

// DeflectionResult holds both published deflection measures.
type DeflectionResult struct {
	// SelfServiceScore is HelpCenterUsers ÷ TicketUsers, a ratio such as 40 (read 40:1)
	// as Zendesk's self-service score; undefined without ticket users.
	SelfServiceScore SupportRate `json:"self_service_score"`
	// DeflectionRate is SelfServiceResolutions ÷ (SelfServiceResolutions + Tickets).
	DeflectionRate SupportRate `json:"deflection_rate"`
}

// Deflection computes the self-service score and the deflection rate. Negative counts are
// an error.
func Deflection(c DeflectionCounts) (DeflectionResult, error) {
	e := validation.New("feedback: deflection counts")
	for _, f := range []struct {
		name string
		v    int
	}{{"help_center_users", c.HelpCenterUsers}, {"ticket_users", c.TicketUsers}, {"self_service_resolutions", c.SelfServiceResolutions}, {"tickets", c.Tickets}} {
		if f.v < 0 {
			e.Addf(f.name, "gte", "must be at least 0, not %d", f.v)
		}
	}
	if err := e.Err(); err != nil {
		return DeflectionResult{}, err
	}
	return DeflectionResult{
		SelfServiceScore: newRate(c.HelpCenterUsers, c.TicketUsers),
		DeflectionRate:   newRate(c.SelfServiceResolutions, c.SelfServiceResolutions+c.Tickets),
	}, nil
}
