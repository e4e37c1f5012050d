package launch

import "github.com/productops/productops/internal/enum"

// Verdict is the go/no-go decision of an evaluation. The zero value is not a verdict.
type Verdict uint8

// Verdicts, from best to worst.
const (
	// Go: every required item is satisfied and nothing needs accepting.
	Go Verdict = iota + 1
	// GoWithRisks: no blocker, but at least one Risk reason (a waiver, an open advisory
	// item, an accepted or open high risk) that the decision maker accepts by launching.
	GoWithRisks
	// NoGo: at least one Blocker reason, whatever the score.
	NoGo
)

var verdictEnum = enum.Set[Verdict]{Subject: "launch: verdict", Kind: "verdict", Names: []string{"", "go", "go_with_risks", "no_go"}}

// String returns "go", "go_with_risks" or "no_go".
func (v Verdict) String() string { return verdictEnum.String(v) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (v Verdict) MarshalText() ([]byte, error) { return verdictEnum.Marshal(v) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (v *Verdict) UnmarshalText(b []byte) error { return verdictEnum.Unmarshal(v, b) }

// Severity says what a reason does to the verdict.
type Severity uint8

// Severities, most severe first (the first sort key of reasons).
const (
	// SeverityBlocker makes the verdict NoGo.
	SeverityBlocker Severity = iota + 1
	// SeverityRisk makes the verdict at best GoWithRisks.
	SeverityRisk
)

var severityEnum = enum.Set[Severity]{Subject: "launch: severity", Kind: "severity", Names: []string{"", "blocker", "risk"}}

// String returns "blocker" or "risk".
func (s Severity) String() string { return severityEnum.String(s) }

// MarshalText returns the text form; it fails for the zero or an unknown value.
func (s Severity) MarshalText() ([]byte, error) { return severityEnum.Marshal(s) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (s *Severity) UnmarshalText(b []byte) error { return severityEnum.Unmarshal(s, b) }

// ReasonKind classifies a reason; the zero value means "no reason". Reasons are ordered
// by severity, then by kind in this rank (domain study §6.2 step 7, with the two kinds
// added since in their place): failed, inconclusive, waiver_expired, waiver_invalid,
// incomplete, na_without_reason, waived, risk_extreme_open, risk_high_open,
// risk_accepted, score_below_min, empty_checklist. The numeric values of the older kinds
// are unchanged, so a value's number is not its rank.
type ReasonKind uint8

// Reason kinds, in rank order.
const (
	// ReasonFailed: a required item has status Failed.
	ReasonFailed ReasonKind = iota + 1
	// ReasonInconclusive: a required item could not be evaluated.
	ReasonInconclusive
	// ReasonWaiverExpired: an unfinished required item's waiver has expired.
	ReasonWaiverExpired
	// ReasonIncomplete: a required item is not started, in progress or blocked.
	ReasonIncomplete
	// ReasonNAWithoutReason: a required item is NotApplicable with no NAReason.
	ReasonNAWithoutReason
	// ReasonWaived: a required item is excused by an active waiver.
	ReasonWaived
	// ReasonRiskExtremeOpen: an open risk (or one accepted without an approver) at or
	// above the policy's GateBand (Extreme by default).
	ReasonRiskExtremeOpen
	// ReasonRiskHighOpen: an open risk (or one accepted without an approver) at or above
	// WatchBand (High by default) and below GateBand.
	ReasonRiskHighOpen
	// ReasonRiskAccepted: a risk accepted by an approver at or above WatchBand.
	ReasonRiskAccepted
	// ReasonScoreBelowMin: the readiness score is below the policy's MinScore.
	ReasonScoreBelowMin
	// ReasonWaiverInvalid: an unfinished required item has a waiver without an approver,
	// which never applies (see Waiver). Gate ⇒ Blocker, Advisory ⇒ Risk; counted.
	ReasonWaiverInvalid
	// ReasonEmptyChecklist: no item is required at the plan's tier (the checklist is
	// empty, or every item is above the tier). Nothing was checked, so nothing shows the
	// launch is ready: a Blocker, and the score is undefined.
	ReasonEmptyChecklist
)

// reasonRank is the position of each kind in the reason order.
var reasonRank = [...]uint8{
	ReasonFailed: 1, ReasonInconclusive: 2, ReasonWaiverExpired: 3, ReasonWaiverInvalid: 4,
	ReasonIncomplete: 5, ReasonNAWithoutReason: 6, ReasonWaived: 7, ReasonRiskExtremeOpen: 8,
	ReasonRiskHighOpen: 9, ReasonRiskAccepted: 10, ReasonScoreBelowMin: 11, ReasonEmptyChecklist: 12,
}

// rank returns k's position in the reason order; unknown kinds sort last.
func (k ReasonKind) rank() int {
	if int(k) < len(reasonRank) {
		return int(reasonRank[k])
	}
	return len(reasonRank) + int(k)
}

var reasonEnum = enum.Set[ReasonKind]{Subject: "launch: reason kind", Kind: "reason kind", Names: []string{"none", "failed", "inconclusive", "waiver_expired", "incomplete", "na_without_reason", "waived", "risk_extreme_open", "risk_high_open", "risk_accepted", "score_below_min", "waiver_invalid", "empty_checklist"}}

// String returns the snake_case name, such as "waiver_expired", or "none".
func (k ReasonKind) String() string { return reasonEnum.String(k) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (k ReasonKind) MarshalText() ([]byte, error) { return reasonEnum.Marshal(k) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (k *ReasonKind) UnmarshalText(b []byte) error { return reasonEnum.Unmarshal(k, b) }
