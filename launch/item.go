package launch

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// ItemID identifies a checklist item within a plan. IDs are compared byte-wise, so
// "sec-2" sorts before "sec-10" only if written "sec-02".
type ItemID string

// Function is the team or discipline that owns a checklist item. The set is closed by
// default: an item's function must be one of the constants below (DefaultFunctions), so a
// typo such as "enginering" is an error rather than a new function. A plan that needs
// others (design, localisation) lists them on purpose in Plan.Functions.
type Function string

// Functions that recur across launch checklists (domain study §1.4). Reports list them in
// this order, then the plan's extra functions byte-wise.
const (
	// Engineering: code complete, flags, migrations, performance.
	Engineering Function = "engineering"
	// QA: test plan, regression, acceptance, accessibility, load.
	QA Function = "qa"
	// Security: security review, penetration test.
	Security Function = "security"
	// Legal: legal and compliance (terms, privacy, regulatory).
	Legal Function = "legal"
	// Docs: help centre and reference documentation.
	Docs Function = "docs"
	// Support: training, macros, escalation path.
	Support Function = "support"
	// Sales: sales enablement (deck, battlecard, demo).
	Sales Function = "sales"
	// Marketing: messaging, blog, landing page, email.
	Marketing Function = "marketing"
	// Pricing: pricing and billing (SKU, entitlements).
	Pricing Function = "pricing"
	// Operations: monitoring, on-call, rollback plan.
	Operations Function = "operations"
	// Analytics: instrumentation and dashboards.
	Analytics Function = "analytics"
)

// DefaultFunctions returns the built-in functions in report order: engineering, qa,
// security, legal, docs, support, sales, marketing, pricing, operations, analytics.
func DefaultFunctions() []Function {
	return []Function{Engineering, QA, Security, Legal, Docs, Support, Sales, Marketing, Pricing, Operations, Analytics}
}

// functionRank orders the known functions in reports; unknown functions come after them.
func functionRank(f Function) int {
	switch f {
	case Engineering:
		return 0
	case QA:
		return 1
	case Security:
		return 2
	case Legal:
		return 3
	case Docs:
		return 4
	case Support:
		return 5
	case Sales:
		return 6
	case Marketing:
		return 7
	case Pricing:
		return 8
	case Operations:
		return 9
	case Analytics:
		return 10
	}
	return otherFunction
}

// otherFunction is the rank of every function that is not a default one.
const otherFunction = 11

// functionList joins the default functions and the distinct non-empty extra ones for an
// error message, at most 24 of them.
func functionList(extra []Function) string {
	var b strings.Builder
	seen := map[Function]bool{}
	n := 0
	for _, f := range append(DefaultFunctions(), extra...) {
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		if n > 0 {
			b.WriteString(", ")
		}
		if n == 24 {
			b.WriteString("…")
			break
		}
		b.WriteString(validation.Truncate(string(f)))
		n++
	}
	return b.String()
}

// Status is where a checklist item stands. The zero value is NotStarted.
type Status uint8

// Item statuses. Text forms are the snake_case names ("not_started"); "pending" is also
// accepted for NotStarted on input.
const (
	// NotStarted: no work done yet (the study's Pending).
	NotStarted Status = iota
	// InProgress: work under way.
	InProgress
	// Blocked: work cannot proceed; counts as incomplete.
	Blocked
	// Done: complete; the only status that adds weight to the score's numerator.
	Done
	// Failed: checked and found wanting (a failed review or test).
	Failed
	// Inconclusive: could not be evaluated (evidence source down, metric without data);
	// excluded from numerator and denominator, as OpenSSF Scorecard excludes -1 checks.
	Inconclusive
	// NotApplicable: does not apply to this launch; needs NAReason, else it counts against
	// the plan (GitLab's "N/A or reasons" rule).
	NotApplicable
)

// Pending is the domain study's name for NotStarted.
const Pending = NotStarted

var statusEnum = enum.Set[Status]{Subject: "launch: status", Kind: "status", Names: []string{"not_started", "in_progress", "blocked", "done", "failed", "inconclusive", "not_applicable"}, Aliases: map[string]Status{"pending": NotStarted}}

// String returns the text form, such as "in_progress".
func (s Status) String() string { return statusEnum.String(s) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (s Status) MarshalText() ([]byte, error) { return statusEnum.Marshal(s) }

// UnmarshalText parses a text form; an unknown one is a *productops.ValidationError.
func (s *Status) UnmarshalText(b []byte) error { return statusEnum.Unmarshal(s, b) }

// Kind says whether an open item stops the launch. The zero value is Gate.
type Kind uint8

// Item kinds.
const (
	// Gate: an unsatisfied required gate is a Blocker, so the verdict is No-go whatever the
	// score (Kayenta's critical override, the PRR "launch blocking list").
	Gate Kind = iota
	// Advisory: an unsatisfied advisory item is a Risk; it can lower the verdict to Go with
	// risks but never to No-go by itself.
	Advisory
)

var kindEnum = enum.Set[Kind]{Subject: "launch: kind", Kind: "kind", Names: []string{"gate", "advisory"}}

// String returns "gate" or "advisory".
func (k Kind) String() string { return kindEnum.String(k) }

// MarshalText returns the text form; it fails for a value outside the constants.
func (k Kind) MarshalText() ([]byte, error) { return kindEnum.Marshal(k) }

// UnmarshalText parses "gate" or "advisory"; anything else is a *productops.ValidationError.
func (k *Kind) UnmarshalText(b []byte) error { return kindEnum.Unmarshal(k, b) }

// Item is one checklist entry.
type Item struct {
	// ID is unique within the plan; required, at most 128 bytes.
	ID ItemID `json:"id" validate:"required,max=128"`
	// Function owns the item; required, one of DefaultFunctions or of the plan's
	// Functions.
	Function Function `json:"function" validate:"required,max=64"`
	// Title says what must be true, such as "rollback plan rehearsed".
	Title string `json:"title,omitempty" validate:"max=500"`
	// Owner is the person or team answerable for the item; free text.
	Owner string `json:"owner,omitempty" validate:"max=200"`
	// Due is when the item must be satisfied; nil means no due date (never overdue).
	Due *Deadline `json:"due,omitempty"`
	// Status is where the item stands; the zero value is NotStarted.
	Status Status `json:"status"`
	// NAReason explains a NotApplicable status; without it (blank counts as empty) the item
	// counts against the plan.
	NAReason string `json:"na_reason,omitempty" validate:"max=1000"`
	// Kind is Gate (the zero value) or Advisory.
	Kind Kind `json:"kind"`
	// Weight is the item's share of the readiness score, greater than 0 (at most 40
	// digits, exponent within ±40); nil means 1.
	Weight *decimal.Decimal `json:"weight,omitempty"`
	// MinTier is the smallest tier that requires the item; it is required at that tier and
	// every larger one (requirements are cumulative). Empty means the plan's smallest tier,
	// so the item is required at every tier. At most 64 bytes.
	MinTier Tier `json:"min_tier,omitempty"`
	// Evidence is a link or note backing the status; free text, never evaluated.
	Evidence string `json:"evidence,omitempty" validate:"max=2000"`
	// Risk is the item's risk level under ReadinessScorecard, which sets its weight;
	// zero means medium. It must be empty under the weighted readiness.
	Risk ScorecardRisk `json:"risk,omitempty"`
	// Score is partial credit 0..10 for an unfinished item under ReadinessScorecard (an
	// OpenSSF check score); nil means 0. Not allowed for a Done or NotApplicable item, nor
	// under the weighted readiness.
	Score *int `json:"score,omitempty"`
}

// checkReadiness records fields that do not fit the plan's readiness method.
func (it *Item) checkReadiness(e *validation.Errors, prefix string, m ReadinessMethod) {
	if it.Risk != 0 && !scorecardRiskEnum.Valid(it.Risk) {
		e.Add(prefix+".risk", "oneof", "", "unknown value "+it.Risk.String())
	}
	if m != ReadinessScorecard {
		if it.Risk != 0 {
			e.Add(prefix+".risk", "excluded_unless", "readiness scorecard", "is used only by the scorecard readiness")
		}
		if it.Score != nil {
			e.Add(prefix+".score", "excluded_unless", "readiness scorecard", "is used only by the scorecard readiness")
		}
		return
	}
	if it.Weight != nil {
		e.Add(prefix+".weight", "excluded_if", "readiness scorecard", "must be empty under the scorecard readiness (risk sets the weight)")
	}
	if it.Score != nil {
		switch {
		case *it.Score < 0 || *it.Score > ScorecardMaxScore:
			e.Add(prefix+".score", "range", "0..10", "must be 0..10, got "+strconv.Itoa(*it.Score))
		case it.Status == Done || it.Status == NotApplicable:
			e.Add(prefix+".score", "excluded_if", "status", "must be empty for a "+it.Status.String()+" item")
		}
	}
}

// weight returns the effective weight (1 when unset).
func (it *Item) weight() decimal.Decimal {
	if it.Weight == nil {
		return decimal.NewFromInt(1)
	}
	return *it.Weight
}
