package launch

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // deadlines in named zones must not depend on the machine's zoneinfo

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/fieldtest"
)

func dec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// summary is the part of an evaluation most vectors pin down.
type summary struct {
	Verdict  Verdict
	Num, Den string
	Value    string // "" when undefined
	Reasons  []string
	Overdue  []ItemID
}

func summarize(ev Evaluation) summary {
	s := summary{Verdict: ev.Verdict, Num: ev.Score.Num.String(), Den: ev.Score.Den.String()}
	if ev.Score.Defined {
		s.Value = ev.Score.Value.StringFixed(ScoreScale)
	}
	for _, r := range ev.Reasons {
		s.Reasons = append(s.Reasons, r.Severity.String()+" "+r.Kind.String()+" "+r.Subject)
	}
	for _, o := range ev.Overdue {
		s.Overdue = append(s.Overdue, o.ID)
	}
	return s
}

// TestEvaluateVectors works the domain study's §6 rules by hand.
func TestEvaluateVectors(t *testing.T) {
	asOf := utc("2026-11-30T12:00:00Z")
	tests := []struct {
		name string
		plan Plan
		asOf time.Time
		want summary
	}{
		{
			// §6.2 steps 2-3: weights with an inconclusive item. Counted: a (done, 3) and
			// b (in progress, 1); c is inconclusive and d not applicable with a reason, so
			// both leave numerator and denominator; e is above the tier. 3/4 = 0.75.
			// The inconclusive gate is still a blocker.
			name: "weights with an inconclusive item",
			plan: Plan{Name: "w", Tier: TierStandard, Items: []Item{
				{ID: "a", Function: Engineering, Status: Done, Weight: dec("3")},
				{ID: "b", Function: QA, Status: InProgress, Kind: Advisory},
				{ID: "c", Function: Security, Status: Inconclusive, Weight: dec("2")},
				{ID: "d", Function: Docs, Status: NotApplicable, NAReason: "api only", Weight: dec("5"), Kind: Advisory},
				{ID: "e", Function: Marketing, Status: NotStarted, MinTier: TierMajor, Weight: dec("7")},
			}},
			want: summary{Verdict: NoGo, Num: "3", Den: "4", Value: "0.750000",
				Reasons: []string{"blocker inconclusive c", "risk incomplete b"}},
		},
		{
			// §6.2 step 6: a failing gate is No-go whatever the score (99/100 = 0.99).
			name: "failing gate with a high score",
			plan: Plan{Name: "g", Items: []Item{
				{ID: "done", Function: Engineering, Status: Done, Weight: dec("99")},
				{ID: "pen-test", Function: Security, Status: Failed},
			}},
			want: summary{Verdict: NoGo, Num: "99", Den: "100", Value: "0.990000",
				Reasons: []string{"blocker failed pen-test"}},
		},
		{
			// Every required item done: Go with a score of exactly 1.
			name: "all done",
			plan: Plan{Name: "ok", Items: []Item{
				{ID: "a", Function: Engineering, Status: Done},
				{ID: "b", Function: Analytics, Status: Done, Kind: Advisory, Weight: dec("0.5")},
			}},
			want: summary{Verdict: Go, Num: "1.5", Den: "1.5", Value: "1.000000"},
		},
		{
			// Nothing counted: the score is undefined, never 0 or 1; N/A without a reason
			// counts (c row) and is a blocker for a gate.
			name: "undefined score and n/a without reason",
			plan: Plan{Name: "u", Items: []Item{
				{ID: "a", Function: Legal, Status: NotApplicable, NAReason: "no personal data"},
				{ID: "b", Function: Legal, Status: Inconclusive, Kind: Advisory},
			}},
			want: summary{Verdict: GoWithRisks, Num: "0", Den: "0",
				Reasons: []string{"risk inconclusive b"}},
		},
		{
			name: "n/a without reason counts against the plan",
			plan: Plan{Name: "na", Items: []Item{
				{ID: "a", Function: Legal, Status: NotApplicable},
				{ID: "b", Function: Legal, Status: Done},
			}},
			want: summary{Verdict: NoGo, Num: "1", Den: "2", Value: "0.500000",
				Reasons: []string{"blocker na_without_reason a"}},
		},
		{
			// §6.2 step 5 and vector L10's trap: 0.6999996 rounds to 0.700000 at scale 6
			// but is below a 0.7 floor when compared exactly (0.6999996 < 0.7 × 1).
			name: "exact score floor",
			plan: Plan{Name: "f", Policy: Policy{MinScore: dec("0.7")}, Items: []Item{
				{ID: "a", Function: Engineering, Status: Done, Weight: dec("0.6999996")},
				{ID: "b", Function: Docs, Status: NotStarted, Kind: Advisory, Weight: dec("0.3000004")},
			}},
			want: summary{Verdict: NoGo, Num: "0.6999996", Den: "1", Value: "0.700000",
				Reasons: []string{"blocker score_below_min ", "risk incomplete b"}},
		},
		{
			// At the floor exactly: 7/10 = 0.7 is not below 0.7.
			name: "score at the floor passes",
			plan: Plan{Name: "f", Policy: Policy{MinScore: dec("0.7")}, Items: []Item{
				{ID: "a", Function: Engineering, Status: Done, Weight: dec("7")},
				{ID: "b", Function: Docs, Status: NotStarted, Kind: Advisory, Weight: dec("3")},
			}},
			want: summary{Verdict: GoWithRisks, Num: "7", Den: "10", Value: "0.700000",
				Reasons: []string{"risk incomplete b"}},
		},
		{
			// §6.2 step 7: severity, then kind rank, then subject byte-wise ("B" < "a").
			name: "reason order",
			plan: Plan{Name: "o", Items: []Item{
				{ID: "z", Function: QA, Status: Failed},
				{ID: "a", Function: QA, Status: NotStarted},
				{ID: "B", Function: QA, Status: Blocked},
				{ID: "m", Function: QA, Status: Inconclusive},
				{ID: "adv", Function: QA, Status: Failed, Kind: Advisory},
				{ID: "w", Function: QA, Status: InProgress},
			}, Waivers: []Waiver{{Item: "w", Approver: "cto", Reason: "known", ExpiresAt: utc("2026-12-10T00:00:00Z")}},
				Risks: []Risk{
					{ID: "r1", Inherent: Assessment{Likelihood: 3, Impact: 5}},
					{ID: "r0", Inherent: Assessment{Likelihood: 2, Impact: 4}},
					{ID: "r2", Inherent: Assessment{Likelihood: 5, Impact: 5}, Status: RiskAccepted, Approver: "ceo"},
				}},
			want: summary{Verdict: NoGo, Num: "0", Den: "4", Value: "0.000000",
				Reasons: []string{
					"blocker failed z", "blocker inconclusive m", "blocker incomplete B", "blocker incomplete a",
					"blocker risk_extreme_open r1",
					"risk failed adv", "risk waived w", "risk risk_high_open r0", "risk risk_accepted r2",
				}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			at := tc.asOf
			if at.IsZero() {
				at = asOf
			}
			ev, err := Evaluate(tc.plan, at)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, summarize(ev)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestWaiverWindow pins the half-open waiver interval GrantedAt <= asOf < ExpiresAt
// (§6.1): active at the grant instant, expired at the expiry instant.
func TestWaiverWindow(t *testing.T) {
	plan := Plan{Name: "w", Items: []Item{
		{ID: "done", Function: Engineering, Status: Done},
		{ID: "x", Function: Security, Status: InProgress},
	}, Waivers: []Waiver{{Item: "x", Approver: "ciso", Reason: "pen test booked",
		GrantedAt: utc("2026-11-20T00:00:00Z"), ExpiresAt: utc("2026-12-01T00:00:00Z")}}}
	tests := []struct {
		asOf string
		want summary
	}{
		// Before the grant: no waiver applies yet; the gate is incomplete.
		{"2026-11-19T23:59:59Z", summary{Verdict: NoGo, Num: "1", Den: "2", Value: "0.500000", Reasons: []string{"blocker incomplete x"}}},
		// At the grant instant and just before expiry: waived, excluded from the score.
		{"2026-11-20T00:00:00Z", summary{Verdict: GoWithRisks, Num: "1", Den: "1", Value: "1.000000", Reasons: []string{"risk waived x"}}},
		{"2026-11-30T23:59:59Z", summary{Verdict: GoWithRisks, Num: "1", Den: "1", Value: "1.000000", Reasons: []string{"risk waived x"}}},
		// At the expiry instant the waiver no longer counts.
		{"2026-12-01T00:00:00Z", summary{Verdict: NoGo, Num: "1", Den: "2", Value: "0.500000", Reasons: []string{"blocker waiver_expired x"}}},
	}
	for _, tc := range tests {
		t.Run(tc.asOf, func(t *testing.T) {
			ev, err := Evaluate(plan, utc(tc.asOf))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, summarize(ev)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestWaiverEdgeCases covers waivers the study's table orders explicitly.
func TestWaiverEdgeCases(t *testing.T) {
	asOf := utc("2026-11-30T12:00:00Z")
	later := utc("2026-12-31T00:00:00Z")
	earlier := utc("2026-11-01T00:00:00Z")
	tests := []struct {
		name    string
		item    Item
		waivers []Waiver
		want    summary
	}{
		{"failed with an active waiver is waived", Item{ID: "x", Function: QA, Status: Failed},
			[]Waiver{{Item: "x", Approver: "a", Reason: "r", ExpiresAt: later}},
			summary{Verdict: GoWithRisks, Num: "0", Den: "0", Reasons: []string{"risk waived x"}}},
		{"failed with an expired waiver stays failed", Item{ID: "x", Function: QA, Status: Failed},
			[]Waiver{{Item: "x", Approver: "a", Reason: "r", ExpiresAt: earlier}},
			summary{Verdict: NoGo, Num: "0", Den: "1", Value: "0.000000", Reasons: []string{"blocker failed x"}}},
		{"inconclusive with an expired waiver stays inconclusive", Item{ID: "x", Function: QA, Status: Inconclusive},
			[]Waiver{{Item: "x", Approver: "a", Reason: "r", ExpiresAt: earlier}},
			summary{Verdict: NoGo, Num: "0", Den: "0", Reasons: []string{"blocker inconclusive x"}}},
		{"n/a without reason cannot be waived", Item{ID: "x", Function: QA, Status: NotApplicable},
			[]Waiver{{Item: "x", Approver: "a", Reason: "r", ExpiresAt: later}},
			summary{Verdict: NoGo, Num: "0", Den: "1", Value: "0.000000", Reasons: []string{"blocker na_without_reason x"}}},
		{"waiver without approver is invalid, not incomplete", Item{ID: "x", Function: QA, Status: InProgress},
			[]Waiver{{Item: "x", Reason: "r", ExpiresAt: later}},
			summary{Verdict: NoGo, Num: "0", Den: "1", Value: "0.000000", Reasons: []string{"blocker waiver_invalid x"}}},
		// Issue 12: a waiver with no approver was reported as "expired" once its window had
		// passed; it is invalid whatever its window.
		{"past waiver without approver is invalid, not expired", Item{ID: "x", Function: QA, Status: InProgress},
			[]Waiver{{Item: "x", Reason: "r", ExpiresAt: earlier}},
			summary{Verdict: NoGo, Num: "0", Den: "1", Value: "0.000000", Reasons: []string{"blocker waiver_invalid x"}}},
		{"blank approver is no approver", Item{ID: "x", Function: QA, Status: NotStarted, Kind: Advisory},
			[]Waiver{{Item: "x", Approver: "  ", Reason: "r", ExpiresAt: later}},
			summary{Verdict: GoWithRisks, Num: "0", Den: "1", Value: "0.000000", Reasons: []string{"risk waiver_invalid x"}}},
		{"an invalid waiver outranks an expired approved one", Item{ID: "x", Function: QA, Status: NotStarted},
			[]Waiver{{Item: "x", Approver: "a", Reason: "r", ExpiresAt: earlier}, {Item: "x", Reason: "r", ExpiresAt: later}},
			summary{Verdict: NoGo, Num: "0", Den: "1", Value: "0.000000", Reasons: []string{"blocker waiver_invalid x"}}},
		{"a waiver not yet granted leaves the item incomplete", Item{ID: "x", Function: QA, Status: NotStarted},
			[]Waiver{{Item: "x", Approver: "a", Reason: "r", GrantedAt: utc("2026-12-01T00:00:00Z"), ExpiresAt: later}},
			summary{Verdict: NoGo, Num: "0", Den: "1", Value: "0.000000", Reasons: []string{"blocker incomplete x"}}},
		{"done with an invalid waiver is done", Item{ID: "x", Function: QA, Status: Done},
			[]Waiver{{Item: "x", Reason: "r", ExpiresAt: later}},
			summary{Verdict: Go, Num: "1", Den: "1", Value: "1.000000"}},
		{"one active waiver among expired ones wins", Item{ID: "x", Function: QA, Status: Blocked},
			[]Waiver{{Item: "x", Approver: "a", Reason: "r", ExpiresAt: earlier}, {Item: "x", Approver: "b", Reason: "r2", ExpiresAt: later}},
			summary{Verdict: GoWithRisks, Num: "0", Den: "0", Reasons: []string{"risk waived x"}}},
		{"advisory with an expired waiver is a risk", Item{ID: "x", Function: QA, Status: NotStarted, Kind: Advisory},
			[]Waiver{{Item: "x", Approver: "a", Reason: "r", ExpiresAt: earlier}},
			summary{Verdict: GoWithRisks, Num: "0", Den: "1", Value: "0.000000", Reasons: []string{"risk waiver_expired x"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := Evaluate(Plan{Name: "p", Items: []Item{tc.item}, Waivers: tc.waivers}, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, summarize(ev)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestTiers pins cumulative requirements (§6.1): an item is required iff its MinTier is
// at or below the plan's tier; an empty MinTier is required at every tier, and an empty
// plan tier means the top of the ladder.
func TestTiers(t *testing.T) {
	items := []Item{
		{ID: "all", Function: Engineering, Status: Done},
		{ID: "std", Function: Docs, Status: NotStarted, MinTier: TierStandard},
		{ID: "maj", Function: Marketing, Status: NotStarted, MinTier: TierMajor, Kind: Advisory},
	}
	custom := []Item{
		{ID: "exp", Function: Engineering, Status: Done, MinTier: "experiment"},
		{ID: "beta", Function: Support, Status: Done, MinTier: "beta"},
		{ID: "ga", Function: Operations, Status: Failed, MinTier: "ga"},
	}
	tests := []struct {
		name     string
		plan     Plan
		required []ItemID
		notReq   []ItemID
		verdict  Verdict
	}{
		{"minor", Plan{Name: "t", Tier: TierMinor, Items: items}, []ItemID{"all"}, []ItemID{"maj", "std"}, Go},
		{"standard", Plan{Name: "t", Tier: TierStandard, Items: items}, []ItemID{"all", "std"}, []ItemID{"maj"}, NoGo},
		{"major", Plan{Name: "t", Tier: TierMajor, Items: items}, []ItemID{"all", "maj", "std"}, []ItemID{}, NoGo},
		{"empty tier is the top", Plan{Name: "t", Items: items}, []ItemID{"all", "maj", "std"}, []ItemID{}, NoGo},
		{"caller ladder beta", Plan{Name: "t", Tiers: []Tier{"experiment", "beta", "ga"}, Tier: "beta", Items: custom}, []ItemID{"beta", "exp"}, []ItemID{"ga"}, Go},
		{"caller ladder ga", Plan{Name: "t", Tiers: []Tier{"experiment", "beta", "ga"}, Tier: "ga", Items: custom}, []ItemID{"beta", "exp", "ga"}, []ItemID{}, NoGo},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := Evaluate(tc.plan, utc("2026-11-30T00:00:00Z"))
			if err != nil {
				t.Fatal(err)
			}
			var got []ItemID
			for _, it := range ev.Items {
				got = append(got, it.ID)
			}
			if diff := cmp.Diff(tc.required, got); diff != "" {
				t.Errorf("required (-want +got)\n%s", diff)
			}
			if diff := cmp.Diff(tc.notReq, ev.NotRequired); diff != "" {
				t.Errorf("not required (-want +got)\n%s", diff)
			}
			if ev.Verdict != tc.verdict {
				t.Errorf("verdict = %v, want %v", ev.Verdict, tc.verdict)
			}
		})
	}
}

// TestOverdue pins "due on a date" = before midnight starting the next day in the due
// zone, half-open (§6.1), across zones and a DST change.
func TestOverdue(t *testing.T) {
	plan := Plan{Name: "tz", Zone: "America/New_York", Items: []Item{
		// 2026-11-30 in Tokyo ends at 2026-12-01T00:00+09:00 = 2026-11-30T15:00Z.
		{ID: "tokyo", Function: Docs, Due: &Deadline{Date: Date{2026, 11, 30}, Zone: "Asia/Tokyo"}},
		// The plan's zone: 2026-11-30 ends at 2026-12-01T00:00-05:00 = 2026-12-01T05:00Z.
		{ID: "plan-zone", Function: Docs, Due: &Deadline{Date: Date{2026, 11, 30}}},
		// US DST starts 2026-03-08; that day has 23 hours and ends at 04:00Z, not 05:00Z.
		{ID: "dst", Function: Docs, Due: &Deadline{Date: Date{2026, 3, 8}}},
		// An instant deadline.
		{ID: "instant", Function: Docs, Due: &Deadline{At: utc("2026-11-30T15:00:00Z")}},
		// Satisfied items are never overdue.
		{ID: "done", Function: Docs, Status: Done, Due: &Deadline{At: utc("2026-01-01T00:00:00Z")}},
		// Not required items are never overdue either.
		{ID: "big", Function: Docs, MinTier: TierMajor, Due: &Deadline{At: utc("2026-01-01T00:00:00Z")}},
	}, Tier: TierStandard}
	tests := []struct {
		asOf string
		want []ItemID
	}{
		{"2026-03-09T03:59:59Z", []ItemID{}},
		{"2026-03-09T04:00:00Z", []ItemID{"dst"}},
		{"2026-11-30T14:59:59Z", []ItemID{"dst"}},
		// Same deadline instant: ordered by ID.
		{"2026-11-30T15:00:00Z", []ItemID{"dst", "instant", "tokyo"}},
		{"2026-12-01T04:59:59Z", []ItemID{"dst", "instant", "tokyo"}},
		{"2026-12-01T05:00:00Z", []ItemID{"dst", "instant", "tokyo", "plan-zone"}},
	}
	for _, tc := range tests {
		t.Run(tc.asOf, func(t *testing.T) {
			ev, err := Evaluate(plan, utc(tc.asOf))
			if err != nil {
				t.Fatal(err)
			}
			got := []ItemID{}
			for _, o := range ev.Overdue {
				got = append(got, o.ID)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	ev, err := Evaluate(plan, utc("2026-12-01T05:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ev.Overdue[0].Due, utc("2026-03-09T04:00:00Z"); !got.Equal(want) {
		t.Errorf("dst deadline = %v, want %v", got, want)
	}
}

// TestRisks pins NHS bands and the risk rules of §6.2 step 4.
func TestRisks(t *testing.T) {
	imp := func(levels ...int) []Impact {
		var out []Impact
		for i, l := range levels {
			out = append(out, Impact{Dimension: string(rune('a' + i)), Level: l})
		}
		return out
	}
	type got struct {
		Value  string
		Band   RiskBand
		Reason ReasonKind
	}
	tests := []struct {
		name   string
		risk   Risk
		policy Policy
		want   got
	}{
		{"1x3 low", Risk{Inherent: Assessment{Likelihood: 1, Impact: 3}}, Policy{}, got{"3", Low, 0}},
		{"2x2 moderate", Risk{Inherent: Assessment{Likelihood: 2, Impact: 2}}, Policy{}, got{"4", Moderate, 0}},
		{"2x3 moderate", Risk{Inherent: Assessment{Likelihood: 2, Impact: 3}}, Policy{}, got{"6", Moderate, 0}},
		{"2x4 high open", Risk{Inherent: Assessment{Likelihood: 2, Impact: 4}}, Policy{}, got{"8", High, ReasonRiskHighOpen}},
		{"3x4 high open", Risk{Inherent: Assessment{Likelihood: 3, Impact: 4}}, Policy{}, got{"12", High, ReasonRiskHighOpen}},
		{"3x5 extreme open", Risk{Inherent: Assessment{Likelihood: 3, Impact: 5}}, Policy{}, got{"15", Extreme, ReasonRiskExtremeOpen}},
		{"5x5 accepted with approver", Risk{Inherent: Assessment{Likelihood: 5, Impact: 5}, Status: RiskAccepted, Approver: "vp"}, Policy{}, got{"25", Extreme, ReasonRiskAccepted}},
		{"accepted without approver is open", Risk{Inherent: Assessment{Likelihood: 5, Impact: 5}, Status: RiskAccepted}, Policy{}, got{"25", Extreme, ReasonRiskExtremeOpen}},
		{"accepted moderate raises nothing", Risk{Inherent: Assessment{Likelihood: 2, Impact: 3}, Status: RiskAccepted, Approver: "vp"}, Policy{}, got{"6", Moderate, 0}},
		{"mitigated extreme raises nothing", Risk{Inherent: Assessment{Likelihood: 5, Impact: 5}, Status: RiskMitigated}, Policy{}, got{"25", Extreme, 0}},
		{"closed extreme raises nothing", Risk{Inherent: Assessment{Likelihood: 5, Impact: 5}, Status: RiskClosed}, Policy{}, got{"25", Extreme, 0}},
		{"residual decides", Risk{Inherent: Assessment{Likelihood: 5, Impact: 5}, Residual: &Assessment{Likelihood: 2, Impact: 3}}, Policy{}, got{"6", Moderate, 0}},
		// Highest: 3 × max(2, 5) = 15.
		{"highest of impacts", Risk{Inherent: Assessment{Likelihood: 3, Impacts: imp(2, 5)}}, Policy{}, got{"15", Extreme, ReasonRiskExtremeOpen}},
		// Mean: 3 × (4+5)/2 = 13.5 > 12, Extreme.
		{"mean 13.5", Risk{Inherent: Assessment{Likelihood: 3, Impacts: imp(4, 5)}}, Policy{ImpactMethod: MeanImpact}, got{"13.5", Extreme, ReasonRiskExtremeOpen}},
		// Mean: 2 × (3+4)/2 = 7, in the NHS gap; the upper cut-off 6 makes it High.
		{"mean 7 is high", Risk{Inherent: Assessment{Likelihood: 2, Impacts: imp(3, 4)}}, Policy{ImpactMethod: MeanImpact}, got{"7", High, ReasonRiskHighOpen}},
		// Mean: 2 × (4+4+5)/3 = 26/3 = 8.67 (rounded), High decided exactly.
		{"mean 26/3", Risk{Inherent: Assessment{Likelihood: 2, Impacts: imp(4, 4, 5)}}, Policy{ImpactMethod: MeanImpact}, got{"8.67", High, ReasonRiskHighOpen}},
		// Mean: 4 × (3+3+3+4... ) → 4 × 12.25/4? 4 × (3+3+3+4)/4 = 13: Extreme.
		{"mean 13", Risk{Inherent: Assessment{Likelihood: 4, Impacts: imp(3, 3, 3, 4)}}, Policy{ImpactMethod: MeanImpact}, got{"13", Extreme, ReasonRiskExtremeOpen}},
		// Custom bands (Low <= 8, Moderate <= 15, High <= 25: no Extreme).
		{"custom three bands", Risk{Inherent: Assessment{Likelihood: 5, Impact: 5}}, Policy{Bands: Bands{LowMax: decimal.NewFromInt(8), ModerateMax: decimal.NewFromInt(15), HighMax: decimal.NewFromInt(25)}}, got{"25", High, ReasonRiskHighOpen}},
		// Gate at High: open High risks block.
		{"gate band high", Risk{Inherent: Assessment{Likelihood: 2, Impact: 4}}, Policy{GateBand: High}, got{"8", High, ReasonRiskExtremeOpen}},
		// Watch at Moderate: open Moderate risks are reasons.
		{"watch band moderate", Risk{Inherent: Assessment{Likelihood: 2, Impact: 2}}, Policy{WatchBand: Moderate}, got{"4", Moderate, ReasonRiskHighOpen}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.risk.ID = "r"
			ev, err := Evaluate(Plan{Name: "r", Risks: []Risk{tc.risk}, Policy: tc.policy, Items: []Item{{ID: "a", Function: QA, Status: Done}}}, utc("2026-11-30T00:00:00Z"))
			if err != nil {
				t.Fatal(err)
			}
			rr := ev.Risks[0]
			score := rr.Inherent
			if rr.Residual != nil {
				score = *rr.Residual
			}
			if diff := cmp.Diff(tc.want, got{score.Value.String(), rr.Band, rr.Reason}); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			// Risk never leaks into the score.
			if !ev.Score.Num.Equal(decimal.NewFromInt(1)) || !ev.Score.Den.Equal(decimal.NewFromInt(1)) {
				t.Errorf("score = %v/%v, want 1/1", ev.Score.Num, ev.Score.Den)
			}
			wantVerdict := Go
			switch tc.want.Reason {
			case ReasonRiskExtremeOpen:
				wantVerdict = NoGo
			case ReasonRiskHighOpen, ReasonRiskAccepted:
				wantVerdict = GoWithRisks
			}
			if ev.Verdict != wantVerdict {
				t.Errorf("verdict = %v, want %v", ev.Verdict, wantVerdict)
			}
		})
	}
}

// TestFunctionScores checks the per-function breakdown and its order.
func TestFunctionScores(t *testing.T) {
	p := Plan{Name: "f", Functions: []Function{"design"}, Items: []Item{
		{ID: "d1", Function: "design", Status: Done},
		{ID: "e1", Function: Engineering, Status: Done, Weight: dec("2")},
		{ID: "e2", Function: Engineering, Status: Failed},
		{ID: "q1", Function: QA, Status: Inconclusive, Kind: Advisory},
	}}
	ev, err := Evaluate(p, utc("2026-11-30T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	type fs struct {
		F               Function
		Value           string
		Items, Blockers int
	}
	var got []fs
	for _, f := range ev.Functions {
		v := "n/a"
		if f.Score.Defined {
			v = f.Score.Value.String()
		}
		got = append(got, fs{f.Function, v, f.Items, f.Blockers})
	}
	want := []fs{{Engineering, "0.666667", 2, 1}, {QA, "n/a", 1, 0}, {"design", "1", 1, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestEvaluateInvalid checks that every bad field is reported at once.
func TestEvaluateInvalid(t *testing.T) {
	p := Plan{
		Tier: "huge",
		Items: []Item{
			{ID: "a", Function: Engineering, Weight: dec("0")},
			{ID: "a", Function: "", Status: Status(42), Due: &Deadline{Date: Date{2026, 2, 30}}},
			{ID: "b", Function: QA, Kind: Kind(9), MinTier: "mega", Due: &Deadline{Date: Date{2026, 12, 1}}},
			{ID: "c", Function: QA, Due: &Deadline{}},
			{ID: "d", Function: QA, Due: &Deadline{At: utc("2026-11-30T00:00:00Z"), Zone: "UTC"}},
			{ID: "e", Function: QA, Due: &Deadline{Date: Date{2026, 12, 1}, Zone: "Mars/Olympus"}},
		},
		Waivers: []Waiver{
			{Item: "ghost", Approver: "x", Reason: "r", ExpiresAt: utc("2026-12-01T00:00:00Z")},
			{Item: "a", Approver: "x", Reason: "r", GrantedAt: utc("2026-12-01T00:00:00Z"), ExpiresAt: utc("2026-12-01T00:00:00Z")},
			{Item: "a", Approver: "x"},
		},
		Risks: []Risk{
			{ID: "r", Inherent: Assessment{Likelihood: 6, Impact: 3}},
			{ID: "r", Inherent: Assessment{Likelihood: 2}, Residual: &Assessment{Likelihood: 1, Impact: 6, Impacts: []Impact{{Dimension: "cost", Level: 2}}}},
			{ID: "s", Inherent: Assessment{Likelihood: 2, Impacts: []Impact{{Dimension: "cost", Level: 0}, {Dimension: "cost", Level: 3}}}, Status: RiskStatus(7), Response: Response(9)},
		},
		Policy: Policy{MinScore: dec("1.5"), Bands: Bands{LowMax: decimal.NewFromInt(5), ModerateMax: decimal.NewFromInt(4), HighMax: decimal.NewFromInt(30)},
			ImpactMethod: ImpactMethod(5), WatchBand: Extreme, GateBand: High},
	}
	_, err := Evaluate(p, utc("2026-11-30T00:00:00Z"))
	got := fieldtest.Rules(t, err)
	want := []string{
		"name required",
		"items[1].function required",
		"waivers[2].reason required",
		"policy.min_score dlte",
		"tier oneof",
		"items[0].weight dgt",
		"items[1].id unique",
		"items[1].status oneof",
		"items[1].due.date date",
		"items[1].due.zone required",
		"items[2].kind oneof",
		"items[2].min_tier oneof",
		"items[2].due.zone required",
		"items[3].due required",
		"items[4].due.zone excluded_with",
		"items[5].due.zone timezone",
		"waivers[0].item exists",
		"waivers[1].expires_at gtfield",
		"waivers[2].expires_at required",
		"risks[0].inherent.likelihood range",
		"risks[1].id unique",
		"risks[1].inherent.impact required",
		"risks[1].residual.impacts excluded_with",
		"risks[2].inherent.impacts[0].level range",
		"risks[2].inherent.impacts[1].dimension unique",
		"risks[2].response oneof",
		"risks[2].status oneof",
		"policy.bands.moderate_max gtfield",
		"policy.bands.high_max dlte",
		"policy.impact_method oneof",
		"policy.gate_band gtefield",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got)\n%s\nerror: %v", diff, err)
	}
	if _, err := Evaluate(Plan{Name: "x"}, time.Time{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("zero asOf: err = %v, want ErrInvalid", err)
	}
}

// TestLocalZoneRefused: "Local" depends on the machine, so results would too.
func TestLocalZoneRefused(t *testing.T) {
	p := Plan{Name: "l", Zone: "Local", Items: []Item{{ID: "a", Function: QA, Due: &Deadline{Date: Date{2026, 12, 1}, Zone: "Local"}}}}
	err := p.Validate()
	if diff := cmp.Diff([]string{"zone timezone", "items[0].due.zone timezone"}, fieldtest.Rules(t, err)); diff != "" {
		t.Errorf("fields (-want +got)\n%s", diff)
	}
}

// TestResultDoesNotAlias: changing the plan after Evaluate leaves the result alone.
func TestResultDoesNotAlias(t *testing.T) {
	p := Plan{Name: "a", Items: []Item{{ID: "x", Function: QA}}, Waivers: []Waiver{{Item: "x", Approver: "vp", Reason: "r", ExpiresAt: utc("2027-01-01T00:00:00Z")}}}
	ev, err := Evaluate(p, utc("2026-12-01T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	p.Waivers[0].Approver = "changed"
	if got := ev.Items[0].Waiver.Approver; got != "vp" {
		t.Errorf("waiver approver = %q, want vp", got)
	}
}
