package launch

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// ScoreScale is the number of decimal places of Score.Value (rounded half away from zero).
// Decisions never use the rounded value; they compare Num and Den exactly.
const ScoreScale = 6

// Score is a weighted readiness fraction: Num is the weight of satisfied (Done) items,
// Den the weight of every counted item. Not-applicable items with a reason, waived items
// and inconclusive items are in neither (OpenSSF Scorecard's rule for inconclusive checks).
type Score struct {
	// Defined is false when Den is 0 (nothing counted); Value is then nil. OpenSSF reports
	// -1 in that case; an undefined score is never shown as 0 or 1.
	Defined bool `json:"defined"`
	// Num is the total weight of Done items.
	Num decimal.Decimal `json:"num"`
	// Den is the total weight of counted items.
	Den decimal.Decimal `json:"den"`
	// Value is Num/Den in [0, 1], rounded to ScoreScale places; nil when undefined.
	Value *decimal.Decimal `json:"value"`
}

func newScore(num, den decimal.Decimal) Score {
	s := Score{Num: num, Den: den}
	if den.Sign() > 0 {
		v := num.DivRound(den, ScoreScale)
		s.Defined, s.Value = true, &v
	}
	return s
}

// Percent formats the score as a percentage with two decimals ("87.50%"), or "n/a"
// when undefined. A hand-built Score that is not what Evaluate returns (Defined with a
// denominator <= 0, or Num or Den beyond validation.MaxDecimalDigits digits or an exponent
// beyond ±40) also prints "n/a", never panics or hangs.
func (s Score) Percent() string {
	if !s.usable() {
		return "n/a"
	}
	return s.Num.Mul(decimal.NewFromInt(100)).DivRound(s.Den, 2).StringFixed(2) + "%"
}

// usable reports whether the score can be divided: defined, with bounded parts and a
// positive denominator.
func (s Score) usable() bool {
	return s.Defined && validation.DecimalBounded(s.Num) && validation.DecimalBounded(s.Den) && s.Den.Sign() > 0
}

// FunctionScore is the readiness of one function's required items.
type FunctionScore struct {
	Function Function `json:"function"` // the function
	Score    Score    `json:"score"`    // readiness of its required items
	// Items counts the function's required items, counted in the score or not.
	Items int `json:"items"`
	// Blockers counts the function's items that raised a Blocker.
	Blockers int `json:"blockers"`
}

// ItemResult is how one required item was classified (domain study §6.2 step 2).
type ItemResult struct {
	ID       ItemID   `json:"id"`       // the item
	Function Function `json:"function"` // copied from the item
	Kind     Kind     `json:"kind"`     // gate or advisory
	Status   Status   `json:"status"`   // copied from the item
	// Weight is the effective weight: the item's (1 when unset), or its risk's weight
	// under ReadinessScorecard.
	Weight decimal.Decimal `json:"weight"`
	// CheckScore is the item's OpenSSF check score under ReadinessScorecard: 10 when
	// Done, the item's Score (else 0) when counted, -1 (inconclusive) when excluded; nil
	// under the weighted readiness.
	CheckScore *int `json:"check_score,omitempty"`
	// Counted is true when the item's weight is in the score's denominator.
	Counted bool `json:"counted"`
	// Satisfied is true for Done, NotApplicable with a reason, or an active waiver.
	Satisfied bool `json:"satisfied"`
	// Reason is the item's reason kind, or zero (none) for a satisfied item.
	Reason ReasonKind `json:"reason"`
	// WaiverState is what the item's waivers amount to at asOf, whether or not it decided
	// the classification (a Done item may still carry an expired waiver).
	WaiverState WaiverState `json:"waiver_state"`
	// Waiver is the waiver that WaiverState names (active, invalid, expired or not yet
	// active); nil for WaiverNone.
	Waiver *Waiver `json:"waiver,omitempty"`
	// Due is the deadline instant; zero when the item has no due date.
	Due time.Time `json:"due,omitzero"`
	// Overdue is true when the item is unsatisfied and asOf >= Due.
	Overdue bool `json:"overdue"`
}

// RiskResult is how one risk was graded and what it did.
type RiskResult struct {
	ID       RiskID     `json:"id"`                 // the risk
	Title    string     `json:"title,omitempty"`    // copied from the risk
	Owner    string     `json:"owner,omitempty"`    // copied from the risk
	Status   RiskStatus `json:"status"`             // copied from the risk
	Response Response   `json:"response"`           // copied from the risk
	Approver string     `json:"approver,omitempty"` // copied from the risk
	// Inherent is the graded inherent assessment.
	Inherent RiskScore `json:"inherent"`
	// Residual is the graded residual assessment; nil when not assessed.
	Residual *RiskScore `json:"residual,omitempty"`
	// Band is the band that decided: residual when assessed, else inherent.
	Band RiskBand `json:"band"`
	// Reason is the reason the risk raised, or zero (none).
	Reason ReasonKind `json:"reason"`
}

// Reason is one entry of an evaluation's explanation.
type Reason struct {
	Severity Severity   `json:"severity"` // blocker or risk
	Kind     ReasonKind `json:"kind"`     // what happened; its rank orders reasons
	// Subject is the item or risk ID the reason concerns; empty for ReasonScoreBelowMin and
	// ReasonEmptyChecklist.
	Subject string `json:"subject,omitempty"`
	// Function is the item's function; empty for risks and the score floor.
	Function Function `json:"function,omitempty"`
	// Message explains the reason in one lowercase sentence.
	Message string `json:"message"`
}

// OverdueItem is a required, unsatisfied item whose deadline has passed at asOf.
type OverdueItem struct {
	ID       ItemID    `json:"id"`              // the item
	Function Function  `json:"function"`        // copied from the item
	Owner    string    `json:"owner,omitempty"` // copied from the item
	Kind     Kind      `json:"kind"`            // gate or advisory
	Status   Status    `json:"status"`          // copied from the item
	Due      time.Time `json:"due"`             // the deadline instant
}

// Evaluation is the readiness of a plan at one instant, with everything that explains it.
// Evaluations of the same plan at the same instant are identical, whatever the order of
// items, waivers and risks in the plan.
type Evaluation struct {
	// Plan is the plan's name.
	Plan string `json:"plan"`
	// AsOf is the evaluation instant.
	AsOf time.Time `json:"as_of"`
	// Ships, TargetDate and Zone are copied from the plan.
	Ships         []RoadmapItemID `json:"ships"`
	TargetDate    Date            `json:"target_date,omitzero"`
	Zone          string          `json:"zone,omitempty"`
	Tier          Tier            `json:"tier"`                     // the effective tier
	DecisionMaker string          `json:"decision_maker,omitempty"` // copied from the plan
	Verdict       Verdict         `json:"verdict"`                  // go, go_with_risks or no_go
	// Readiness is the score formula used (Policy.Readiness).
	Readiness ReadinessMethod `json:"readiness"`
	// Score is the overall readiness of required items as a fraction in [0, 1]; risk
	// never enters it. Under ReadinessScorecard it is the OpenSSF aggregate divided by 10.
	Score Score `json:"score"`
	// Scorecard is the OpenSSF aggregate (0..10) of the required items under
	// ReadinessScorecard; nil under the weighted readiness.
	Scorecard *ScorecardResult `json:"scorecard,omitempty"`
	// Functions are per-function scores, known functions in the order of the constants,
	// then others byte-wise.
	Functions []FunctionScore `json:"functions"`
	// Reasons are every blocker and risk, ordered by severity, kind rank, then subject
	// byte-wise. No-go still lists the risks.
	Reasons []Reason `json:"reasons"`
	// Overdue lists required unsatisfied items past their deadline, by deadline then ID.
	Overdue []OverdueItem `json:"overdue"`
	// Items are the required items by ID.
	Items []ItemResult `json:"items"`
	// NotRequired lists, by ID, the items above the plan's tier, which were ignored.
	NotRequired []ItemID `json:"not_required"`
	// Risks are the register's risks by ID.
	Risks []RiskResult `json:"risks"`
}

// Evaluate decides whether the plan can launch at asOf (domain study §6.2):
//
//  1. Required items are those whose MinTier is at or below the plan's tier. When there
//     are none (an empty checklist, or every item above the tier) the evaluation has an
//     empty_checklist Blocker, so the verdict is NoGo: nothing was checked.
//  2. Each required item is classified by the first matching rule: Done (counted,
//     satisfied); NotApplicable with a reason (excluded); NotApplicable without one
//     (counted, na_without_reason); an active waiver (excluded, waived, Risk); Failed
//     (counted, failed); Inconclusive (excluded, inconclusive); a waiver without an
//     approver (counted, waiver_invalid); an expired waiver (counted, waiver_expired);
//     otherwise (counted, incomplete). Unsatisfied gates raise Blockers, unsatisfied
//     advisory items Risks.
//  3. The score is the weight of Done items over the weight of counted items, overall and
//     per function; undefined when nothing is counted.
//  4. Risks are graded on their residual assessment when given, else inherent: an open
//     risk (or one accepted without approver) at GateBand or above is a Blocker, at
//     WatchBand or above a Risk; an approved accepted risk at WatchBand or above is a Risk.
//  5. A defined score below Policy.MinScore (Num < MinScore × Den, exact) is a Blocker.
//  6. Any Blocker gives NoGo, else any Risk GoWithRisks, else Go.
//
// Overdue items are reported separately and never change the verdict on their own.
// Evaluate validates the plan first and returns its *productops.ValidationError; a zero
// asOf, or one outside years 1..9999, is invalid too. It does not modify p.
func Evaluate(p Plan, asOf time.Time) (Evaluation, error) {
	z, err := p.validate()
	if err == nil && !instantOK(asOf) {
		e := validation.New("launch: evaluation")
		if asOf.IsZero() {
			e.Add("as_of", "required", "", "is required")
		} else {
			e.Add("as_of", "range", "1..9999", "must be within years 1..9999, in its zone and in UTC")
		}
		err = e.Err()
	}
	if err != nil {
		return Evaluation{}, err
	}
	var planLoc *time.Location
	if p.Zone != "" {
		planLoc, _ = z.load(p.Zone)
	}
	_, idx := p.ladder()
	tier := p.tier()
	limit := idx[tier]

	waivers := make(map[ItemID][]*Waiver, len(p.Waivers))
	for i := range p.Waivers {
		w := &p.Waivers[i]
		waivers[w.Item] = append(waivers[w.Item], w)
	}

	ev := Evaluation{
		Plan:          p.Name,
		AsOf:          asOf,
		Ships:         append([]RoadmapItemID{}, p.Ships...),
		TargetDate:    p.TargetDate,
		Zone:          p.Zone,
		Tier:          tier,
		DecisionMaker: p.DecisionMaker,
		Functions:     []FunctionScore{},
		Reasons:       []Reason{},
		Overdue:       []OverdueItem{},
		Items:         make([]ItemResult, 0, len(p.Items)),
		NotRequired:   []ItemID{},
		Risks:         make([]RiskResult, 0, len(p.Risks)),
	}

	type acc struct {
		num, den decimal.Decimal
		items    int
		blockers int
	}
	byFunc := map[Function]*acc{}
	scorecard := p.Policy.Readiness == ReadinessScorecard
	ev.Readiness = p.Policy.Readiness
	var checks []ScorecardCheck
	var num, den decimal.Decimal

	order := make([]int, len(p.Items))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(string(p.Items[a].ID), string(p.Items[b].ID)) })

	for _, i := range order {
		it := &p.Items[i]
		if it.MinTier != "" && idx[it.MinTier] > limit {
			ev.NotRequired = append(ev.NotRequired, it.ID)
			continue
		}
		ws := waivers[it.ID]
		if len(ws) > 1 {
			ws = slices.Clone(ws)
			slices.SortFunc(ws, compareWaivers)
		}
		res := classify(it, ws, asOf)
		if it.Due != nil {
			res.Due = it.Due.instant(planLoc, z)
			res.Overdue = !res.Satisfied && !asOf.Before(res.Due)
		}
		a := byFunc[it.Function]
		if a == nil {
			a = &acc{}
			byFunc[it.Function] = a
		}
		a.items++
		if scorecard {
			res.Weight = it.Risk.Weight()
			cs := ScorecardInconclusive
			switch {
			case res.Status == Done:
				cs = ScorecardMaxScore
			case res.Counted && it.Score != nil:
				cs = *it.Score
			case res.Counted:
				cs = 0
			}
			res.CheckScore = &cs
			checks = append(checks, ScorecardCheck{Name: string(it.ID), Risk: riskOrMedium(it.Risk), Score: cs})
			if cs > 0 {
				credit := res.Weight.Mul(decimal.New(int64(cs), -1))
				a.num = a.num.Add(credit)
				num = num.Add(credit)
			}
			if res.Counted {
				a.den = a.den.Add(res.Weight)
				den = den.Add(res.Weight)
			}
		} else if res.Counted {
			a.den = a.den.Add(res.Weight)
			den = den.Add(res.Weight)
			if res.Status == Done {
				a.num = a.num.Add(res.Weight)
				num = num.Add(res.Weight)
			}
		}
		if res.Reason != 0 {
			r := itemReason(it, &res)
			if r.Severity == SeverityBlocker {
				a.blockers++
			}
			ev.Reasons = append(ev.Reasons, r)
		}
		if res.Overdue {
			ev.Overdue = append(ev.Overdue, OverdueItem{ID: it.ID, Function: it.Function, Owner: it.Owner, Kind: it.Kind, Status: it.Status, Due: res.Due})
		}
		ev.Items = append(ev.Items, res)
	}

	ev.Score = newScore(num, den)
	if scorecard {
		sc, _ := ScorecardAggregate(checks) // valid by construction
		ev.Scorecard = &sc
	}
	if len(ev.Items) == 0 {
		msg := "the checklist is empty: nothing shows the launch is ready"
		if len(ev.NotRequired) > 0 {
			msg = "no item is required at tier " + string(tier) + " (" + strconv.Itoa(len(ev.NotRequired)) + " above it): nothing shows the launch is ready"
		}
		ev.Reasons = append(ev.Reasons, Reason{Severity: SeverityBlocker, Kind: ReasonEmptyChecklist, Message: msg})
	}
	for f, a := range byFunc {
		ev.Functions = append(ev.Functions, FunctionScore{Function: f, Score: newScore(a.num, a.den), Items: a.items, Blockers: a.blockers})
	}
	slices.SortFunc(ev.Functions, func(a, b FunctionScore) int {
		return cmp.Or(cmp.Compare(functionRank(a.Function), functionRank(b.Function)), strings.Compare(string(a.Function), string(b.Function)))
	})

	pol := p.Policy
	for i := range p.Risks {
		rr, reason := gradeRisk(&p.Risks[i], pol)
		ev.Risks = append(ev.Risks, rr)
		if reason != nil {
			ev.Reasons = append(ev.Reasons, *reason)
		}
	}
	slices.SortFunc(ev.Risks, func(a, b RiskResult) int { return strings.Compare(string(a.ID), string(b.ID)) })

	if pol.MinScore != nil && ev.Score.Defined && num.Cmp(pol.MinScore.Mul(den)) < 0 {
		ev.Reasons = append(ev.Reasons, Reason{
			Severity: SeverityBlocker, Kind: ReasonScoreBelowMin,
			Message: "readiness " + ev.Score.Percent() + " is below the floor " + pol.MinScore.Mul(decimal.NewFromInt(100)).String() + "%",
		})
	}

	slices.SortFunc(ev.Reasons, compareReasons)
	slices.SortFunc(ev.Overdue, func(a, b OverdueItem) int {
		return cmp.Or(a.Due.Compare(b.Due), strings.Compare(string(a.ID), string(b.ID)))
	})
	ev.Verdict = Go
	for _, r := range ev.Reasons {
		if r.Severity == SeverityBlocker {
			ev.Verdict = NoGo
			break
		}
		ev.Verdict = GoWithRisks
	}
	return ev, nil
}

// compareReasons orders reasons by severity, kind rank, then subject byte-wise.
func compareReasons(a, b Reason) int {
	return cmp.Or(cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.Kind.rank(), b.Kind.rank()), strings.Compare(a.Subject, b.Subject))
}

// compareWaivers gives the waivers of one item a fixed order, so the waiver reported does
// not depend on the order of the plan's waiver list.
func compareWaivers(a, b *Waiver) int {
	return cmp.Or(a.GrantedAt.Compare(b.GrantedAt), a.ExpiresAt.Compare(b.ExpiresAt),
		strings.Compare(a.Approver, b.Approver), strings.Compare(a.Reason, b.Reason))
}

// classify applies the first matching row of the classification table.
func classify(it *Item, ws []*Waiver, asOf time.Time) ItemResult {
	res := ItemResult{ID: it.ID, Function: it.Function, Kind: it.Kind, Status: it.Status, Weight: it.weight()}
	state, w := stateOf(ws, asOf)
	res.WaiverState = state
	if w != nil {
		wc := *w // a copy, so the result never aliases the caller's plan
		res.Waiver = &wc
	}
	switch {
	case it.Status == Done:
		res.Counted, res.Satisfied = true, true
	case it.Status == NotApplicable && strings.TrimSpace(it.NAReason) != "":
		res.Satisfied = true
	case it.Status == NotApplicable:
		res.Counted, res.Reason = true, ReasonNAWithoutReason
	case state == WaiverActive:
		res.Satisfied, res.Reason = true, ReasonWaived
	case it.Status == Failed:
		res.Counted, res.Reason = true, ReasonFailed
	case it.Status == Inconclusive:
		res.Reason = ReasonInconclusive
	case state == WaiverInvalid:
		res.Counted, res.Reason = true, ReasonWaiverInvalid
	case state == WaiverExpired:
		res.Counted, res.Reason = true, ReasonWaiverExpired
	default:
		res.Counted, res.Reason = true, ReasonIncomplete
	}
	return res
}

// itemReason builds the reason of an unsatisfied or waived item.
func itemReason(it *Item, res *ItemResult) Reason {
	r := Reason{Severity: SeverityRisk, Kind: res.Reason, Subject: string(it.ID), Function: it.Function}
	if it.Kind == Gate && res.Reason != ReasonWaived {
		r.Severity = SeverityBlocker
	}
	var b strings.Builder
	b.WriteString(it.Kind.String())
	b.WriteString(" ")
	switch res.Reason {
	case ReasonFailed:
		b.WriteString("failed")
	case ReasonInconclusive:
		b.WriteString("is inconclusive (excluded from the score)")
	case ReasonWaiverExpired:
		b.WriteString("is " + it.Status.String() + " and its waiver expired at " + res.Waiver.ExpiresAt.UTC().Format(time.RFC3339))
	case ReasonWaiverInvalid:
		b.WriteString("is " + it.Status.String() + " and its waiver is invalid: it has no approver, so it never applies")
	case ReasonIncomplete:
		b.WriteString("is " + it.Status.String())
		if res.WaiverState == WaiverNotYetActive {
			b.WriteString("; its waiver starts at " + res.Waiver.GrantedAt.UTC().Format(time.RFC3339))
		}
	case ReasonNAWithoutReason:
		b.WriteString("is not_applicable without a reason")
	case ReasonWaived:
		b.WriteString("is " + it.Status.String() + ", waived by " + res.Waiver.Approver + " until " + res.Waiver.ExpiresAt.UTC().Format(time.RFC3339) + ": " + res.Waiver.Reason)
	}
	if it.Owner != "" {
		b.WriteString(" (owner " + it.Owner + ")")
	}
	r.Message = b.String()
	return r
}

// gradeRisk grades one risk and returns the reason it raises, if any.
func gradeRisk(r *Risk, pol Policy) (RiskResult, *Reason) {
	rr := RiskResult{ID: r.ID, Title: r.Title, Owner: r.Owner, Status: r.Status, Response: r.Response, Approver: r.Approver}
	rr.Inherent = r.Inherent.score(pol.ImpactMethod, pol.Bands)
	rr.Band = rr.Inherent.Band
	score := rr.Inherent
	if r.Residual != nil {
		res := r.Residual.score(pol.ImpactMethod, pol.Bands)
		rr.Residual = &res
		rr.Band = res.Band
		score = res
	}
	var sev Severity
	accepted := r.Status == RiskAccepted && strings.TrimSpace(r.Approver) != ""
	switch {
	case r.Status == RiskMitigated || r.Status == RiskClosed:
	case accepted && rr.Band >= pol.watchBand():
		rr.Reason, sev = ReasonRiskAccepted, SeverityRisk
	case accepted:
	case rr.Band >= pol.gateBand():
		rr.Reason, sev = ReasonRiskExtremeOpen, SeverityBlocker
	case rr.Band >= pol.watchBand():
		rr.Reason, sev = ReasonRiskHighOpen, SeverityRisk
	}
	if rr.Reason == 0 {
		return rr, nil
	}
	msg := "risk scored " + score.Value.String() + " (" + rr.Band.String() + ") is "
	switch {
	case accepted:
		msg += "accepted by " + r.Approver
	case r.Status == RiskAccepted:
		msg += "accepted without an approver, so it counts as open"
	default:
		msg += "open, response " + r.Response.String()
	}
	if r.Owner != "" {
		msg += " (owner " + r.Owner + ")"
	}
	return rr, &Reason{Severity: sev, Kind: rr.Reason, Subject: string(r.ID), Message: msg}
}
