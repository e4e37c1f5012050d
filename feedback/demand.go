package feedback

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
	"github.com/shopspring/decimal"
)

// RevenueAggregation names how the revenue of the accounts behind a request is combined.
// Every variant counts each account once, however many people or items it has (Canny's
// formula fields, UserVoice's Revenue column). The zero value is [RevenueSum].
type RevenueAggregation uint8

// Revenue aggregations (Canny offers all four over MRR).
const (
	RevenueSum     RevenueAggregation = iota // total over accounts (Canny "total", Savio "cumulative MRR")
	RevenueAverage                           // total ÷ accounts, rounded half away from zero to [AverageScale] places
	RevenueMin                               // smallest account
	RevenueMax                               // largest account
)

// AverageScale is the number of decimal places of [RevenueAverage] (rounded half away from
// zero).
const AverageScale = 4

var revenueAggSet = enum.Set[RevenueAggregation]{Subject: "feedback: revenue aggregation", Kind: "revenue aggregation", Names: []string{"sum", "average", "min", "max"}}

// String returns the aggregation's text form ("sum").
func (a RevenueAggregation) String() string { return revenueAggSet.String(a) }

// MarshalText encodes the aggregation as its text form; an undefined value is an error.
func (a RevenueAggregation) MarshalText() ([]byte, error) { return revenueAggSet.Marshal(a) }

// UnmarshalText decodes a text form written by MarshalText ("max").
func (a *RevenueAggregation) UnmarshalText(b []byte) error { return revenueAggSet.Unmarshal(a, b) }

// RevenueMeasure names which revenue figure of an account is aggregated. The zero value is
// [MeasureMRR].
type RevenueMeasure uint8

// Revenue measures.
const (
	MeasureMRR RevenueMeasure = iota // monthly recurring revenue (Canny, Savio)
	MeasureARR                       // annual recurring revenue (Productboard segments, Pendo)
)

var measureSet = enum.Set[RevenueMeasure]{Subject: "feedback: revenue measure", Kind: "revenue measure", Names: []string{"mrr", "arr"}}

// String returns the measure's text form ("mrr").
func (m RevenueMeasure) String() string { return measureSet.String(m) }

// MarshalText encodes the measure as its text form; an undefined value is an error.
func (m RevenueMeasure) MarshalText() ([]byte, error) { return measureSet.Marshal(m) }

// UnmarshalText decodes a text form written by MarshalText ("arr").
func (m *RevenueMeasure) UnmarshalText(b []byte) error { return measureSet.Unmarshal(m, b) }

// AccountsAsOf names which state of an account (segment, plan, revenue) demand reads. The
// zero value is [AccountsAsOfNow].
type AccountsAsOf uint8

// Account-state variants.
const (
	// AccountsAsOfNow reads each account's own (current) fields, as Canny and UserVoice show
	// today's revenue next to old votes.
	AccountsAsOfNow AccountsAsOf = iota
	// AccountsAsOfFeedback reads each account's state at the time of the feedback (Savio's
	// "the type of person at that moment"): for a person, at their counted signal; for an
	// account, at the latest counted signal among its people. See [Account.StateAt].
	AccountsAsOfFeedback
)

var asOfSet = enum.Set[AccountsAsOf]{Subject: "feedback: accounts-as-of variant", Kind: "accounts-as-of variant", Names: []string{"now", "feedback"}}

// String returns the variant's text form ("now").
func (a AccountsAsOf) String() string { return asOfSet.String(a) }

// MarshalText encodes the variant as its text form; an undefined value is an error.
func (a AccountsAsOf) MarshalText() ([]byte, error) { return asOfSet.Marshal(a) }

// UnmarshalText decodes a text form written by MarshalText ("feedback").
func (a *AccountsAsOf) UnmarshalText(b []byte) error { return asOfSet.Unmarshal(a, b) }

// SignalKind says whether a person's counted signal was a link or a vote.
type SignalKind uint8

// Signal kinds.
const (
	SignalLink SignalKind = iota // a feedback item linked to the request
	SignalVote                   // a vote on the request
)

var signalSet = enum.Set[SignalKind]{Subject: "feedback: signal kind", Kind: "signal kind", Names: []string{"link", "vote"}}

// String returns the kind's text form ("link").
func (k SignalKind) String() string { return signalSet.String(k) }

// MarshalText encodes the kind as its text form; an undefined value is an error.
func (k SignalKind) MarshalText() ([]byte, error) { return signalSet.Marshal(k) }

// UnmarshalText decodes a text form written by MarshalText ("vote").
func (k *SignalKind) UnmarshalText(b []byte) error { return signalSet.Unmarshal(k, b) }

// DemandOptions configures [Demand]. The zero value is Productboard's Customer Importance
// Score with revenue summed over accounts' current MRR, no segment weights, no window,
// Productboard's channel rules, merges as links, and anonymous feedback counted in volume
// only.
type DemandOptions struct {
	// Scale is the importance scale of links and votes; zero is [ProductboardScale].
	Scale ImportanceScale `json:"scale"`
	// Revenue is how account revenue is combined; zero is [RevenueSum].
	Revenue RevenueAggregation `json:"revenue"`
	// Measure is the revenue figure read; zero is [MeasureMRR].
	Measure RevenueMeasure `json:"measure"`
	// AccountsAsOf is which account state is read; zero is [AccountsAsOfNow].
	AccountsAsOf AccountsAsOf `json:"accounts_as_of"`
	// SegmentWeights multiplies a person's points by the weight of their account's segment
	// (Productboard's company segments; at least 0, bounded). A segment not in the map, and
	// a person without an account (segment "" unless "" is in the map), weighs 1. Nil means
	// every weight is 1. It also weighs each account once in RequestDemand.AccountScore.
	SegmentWeights map[string]decimal.Decimal `json:"segment_weights,omitempty"`
	// PersonSegmentWeights multiplies a person's points by the weight of the person's own
	// segment (Person.Segment, Productboard's user segments), on top of the account's
	// segment weight. Same rules as SegmentWeights.
	PersonSegmentWeights map[string]decimal.Decimal `json:"person_segment_weights,omitempty"`
	// Channels sets, per [SignalChannel], whether a signal's importance may replace one
	// the person already gave; zero is Productboard's rules.
	Channels ChannelRules `json:"channels"`
	// Merges says how merged requests count; zero is [MergeAsLink].
	Merges MergeMode `json:"merges"`
	// CountAnonymous adds each anonymous item (no author) linked to a request to its
	// Points and Score, once per item, with its link's importance or the scale's default
	// (Productboard's customer score: "each anonymous note × 1"). Anonymous feedback
	// always counts in Volume and Anonymous, never in People or Accounts.
	CountAnonymous bool `json:"count_anonymous,omitempty"`
	// From and To bound the window of signals counted, [From, To); a zero bound is open.
	// Signals outside are excluded before the latest-wins rule, and counted in
	// [DemandExclusions].
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}

// Contributor is one person behind a request's demand: the signal whose importance counts,
// what it is worth, and why.
type Contributor struct {
	// Person is who asked; PersonSegment is their own segment.
	Person        PersonID `json:"person"`
	PersonSegment string   `json:"person_segment,omitempty"`
	// Account is the account the signal speaks for (the item's account, else the person's);
	// empty for none.
	Account AccountID `json:"account,omitempty"`
	// Segment is that account's segment in the state read; empty for none.
	Segment string `json:"segment,omitempty"`
	// Kind, Item (for a link), Request and Channel tell which signal's importance counts:
	// Request is the request of the merged class it was given on (for a vote Fider copied,
	// the request it was copied to, and CopiedFrom the duplicate it came from).
	Kind       SignalKind    `json:"kind"`
	Item       ItemID        `json:"item,omitempty"`
	Request    RequestID     `json:"request"`
	Channel    SignalChannel `json:"channel"`
	CopiedFrom RequestID     `json:"copied_from,omitempty"`
	// At is when the counted signal was given.
	At time.Time `json:"at"`
	// Importance is the counted level on the scale, Label its name.
	Importance int    `json:"importance"`
	Label      string `json:"label"`
	// AccountWeight and PersonWeight are the segment weights applied; Weight is their
	// product; Score = Importance × Weight.
	AccountWeight decimal.Decimal `json:"account_weight"`
	PersonWeight  decimal.Decimal `json:"person_weight"`
	Weight        decimal.Decimal `json:"weight"`
	Score         decimal.Decimal `json:"score"`
	// Signals is how many signals the person gave in the window (1 + superseded ones).
	Signals int `json:"signals"`
}

// AccountDemand is one account behind a request's demand, counted once.
type AccountDemand struct {
	// Account identifies the account.
	Account AccountID `json:"account"`
	// Segment, Plan and Lifecycle are from the state read.
	Segment   string           `json:"segment,omitempty"`
	Plan      string           `json:"plan,omitempty"`
	Lifecycle AccountLifecycle `json:"lifecycle"`
	// Revenue is the account's MRR or ARR in Currency; HasRevenue is false when the state
	// read records no revenue and no currency (such an account is left out of the revenue
	// aggregates, and said so here).
	Revenue    decimal.Decimal `json:"revenue"`
	Currency   string          `json:"currency,omitempty"`
	HasRevenue bool            `json:"has_revenue"`
	// People is how many contributors speak for the account; Points and Score sum theirs.
	People int             `json:"people"`
	Points int             `json:"points"`
	Score  decimal.Decimal `json:"score"`
	// Importance is the highest importance among the account's contributors: the account's
	// own importance, each account once. Weight is its segment weight; AccountScore =
	// Importance × Weight.
	Importance   int             `json:"importance"`
	Weight       decimal.Decimal `json:"weight"`
	AccountScore decimal.Decimal `json:"account_score"`
	// RevenueImportance is Revenue × Importance (zero without revenue).
	RevenueImportance decimal.Decimal `json:"revenue_importance"`
}

// RevenueTotal is the revenue behind a request, each account counted once.
type RevenueTotal struct {
	// Aggregation and Measure say what Value is.
	Aggregation RevenueAggregation `json:"aggregation"`
	Measure     RevenueMeasure     `json:"measure"`
	// Value is the aggregate in Currency; meaningful only when Defined.
	Value    decimal.Decimal `json:"value"`
	Currency string          `json:"currency,omitempty"`
	// Accounts is how many accounts with revenue entered the aggregate.
	Accounts int `json:"accounts"`
	// Defined is false when no account with revenue is behind the request and the
	// aggregation is an average, minimum or maximum (of nothing); Value is then zero and
	// means nothing. A sum of nothing is defined: 0.
	Defined bool `json:"defined"`
}

// MoneyTotal is a sum of amounts in one currency over accounts, each once.
type MoneyTotal struct {
	// Value is the sum in Currency (0 for no accounts).
	Value    decimal.Decimal `json:"value"`
	Currency string          `json:"currency,omitempty"`
	// Accounts is how many accounts entered the sum.
	Accounts int `json:"accounts"`
}

// AccountPipeline is one account's open pipeline on a request.
type AccountPipeline struct {
	Account AccountID `json:"account"`
	// Value sums the account's open opportunities on the request, in the pipeline's
	// currency; Opportunities counts them.
	Value         decimal.Decimal `json:"value"`
	Opportunities int             `json:"opportunities"`
}

// PipelineTotal is the open opportunity value behind a request: every opportunity open at
// the as-of instant and linked to the request (or, with merges as links, to a request
// merged into it), each opportunity once.
type PipelineTotal struct {
	// Value sums the opportunities' values in Currency (0 for none).
	Value    decimal.Decimal `json:"value"`
	Currency string          `json:"currency,omitempty"`
	// Opportunities and Accounts count what entered the sum.
	Opportunities int `json:"opportunities"`
	Accounts      int `json:"accounts"`
	// ByAccount lists the accounts, by Value descending then account ID.
	ByAccount []AccountPipeline `json:"by_account,omitempty"`
}

// DemandExclusions counts the signals that did not count, so nothing is dropped silently.
type DemandExclusions struct {
	// Superseded is signals replaced by another signal of the same person on the request.
	Superseded int `json:"superseded"`
	// ImportanceIgnored is the superseded signals whose importance a channel rule refused
	// because the person already had one (a portal vote after an insight).
	ImportanceIgnored int `json:"importance_ignored"`
	// OutsideWindow is signals before From or at/after To.
	OutsideWindow int `json:"outside_window"`
	// AfterAsOf is signals after the asOf instant.
	AfterAsOf int `json:"after_as_of"`
}

// RequestDemand is the demand for one request (with every request merged into it, when
// merges are links).
type RequestDemand struct {
	// Request identifies the request; Title and Status are its own.
	Request RequestID     `json:"request"`
	Title   string        `json:"title"`
	Status  RequestStatus `json:"status"`
	// MergedFrom lists the requests merged into this one, sorted: every request whose
	// merge chain ends here with merges as links, the direct duplicates with Fider's.
	MergedFrom []RequestID `json:"merged_from,omitempty"`
	// DuplicateOf is the request this one was merged into (listed only with Fider's
	// merges, where a duplicate keeps its own votes).
	DuplicateOf RequestID `json:"duplicate_of,omitempty"`
	// Volume counts the signals in the window: every link (anonymous ones included) and
	// every vote, superseded or not.
	Volume int `json:"volume"`
	// Anonymous counts the distinct anonymous items (no author) linked in the window: in
	// Volume, never in People or Accounts.
	Anonymous int `json:"anonymous"`
	// AnonymousPoints is what those items add to Points and Score when the options count
	// them; 0 otherwise.
	AnonymousPoints int `json:"anonymous_points"`
	// People is the number of distinct people counted (UserVoice "Voters").
	People int `json:"people"`
	// Accounts is the number of distinct accounts behind them (UserVoice "Accounts").
	Accounts int `json:"accounts"`
	// Points is the unweighted sum of counted importances (Productboard's Customer
	// Importance Score with the default scale).
	Points int `json:"points"`
	// Score is the sum of each person's importance × weights; equals Points when no
	// weights are set.
	Score decimal.Decimal `json:"score"`
	// AccountScore weighs accounts instead of people: the sum over accounts of the
	// highest importance among the account's people × the account's segment weight
	// (people without an account are not in it).
	AccountScore decimal.Decimal `json:"account_score"`
	// Revenue is the account revenue behind the request.
	Revenue RevenueTotal `json:"revenue"`
	// RevenueImportance is demand weighted by revenue: the sum over accounts with revenue
	// of revenue × the account's importance, in the revenue's currency.
	RevenueImportance MoneyTotal `json:"revenue_importance"`
	// Pipeline is the open opportunity value behind the request.
	Pipeline PipelineTotal `json:"pipeline"`
	// Contributors lists the people counted, by Score descending then person ID.
	Contributors []Contributor `json:"contributors"`
	// ByAccount lists the accounts counted, by Score descending then account ID.
	ByAccount []AccountDemand `json:"by_account"`
	// Excluded counts the signals that did not count.
	Excluded DemandExclusions `json:"excluded"`
}

// DemandReport is the demand for every request of a dataset.
type DemandReport struct {
	// AsOf is the instant the report is computed at; signals after it are excluded.
	AsOf time.Time `json:"as_of"`
	// Options are the options used, with the scale resolved.
	Options DemandOptions `json:"options"`
	// Requests lists every request that is not merged (every request with Fider's merges),
	// by Score descending, then People descending, then ID; requests without demand are
	// listed with zeros.
	Requests []RequestDemand `json:"requests"`
}

// Request returns the demand of request id, and false when id is not listed in the report.
func (r *DemandReport) Request(id RequestID) (RequestDemand, bool) {
	if r == nil {
		return RequestDemand{}, false
	}
	for _, d := range r.Requests {
		if d.Request == id {
			return d, true
		}
	}
	return RequestDemand{}, false
}

// ErrMixedCurrency is returned (wrapped in a *CurrencyError) by [Demand] when the accounts
// or opportunities behind one request are in different currencies: convert them to one
// currency first.
var ErrMixedCurrency = errors.New("feedback: revenue in more than one currency")

// CurrencyError names the request and the accounts whose currencies differ.
type CurrencyError struct {
	// Request is the request whose accounts disagree.
	Request RequestID `json:"request"`
	// Accounts maps each currency to the first account (by ID) seen with it.
	Accounts map[string]AccountID `json:"accounts"`
}

// Error lists the request and the accounts per currency.
func (e *CurrencyError) Error() string {
	cs := make([]string, 0, len(e.Accounts))
	for c, a := range e.Accounts {
		cs = append(cs, fmt.Sprintf("%s (account %s)", c, quoteID(string(a))))
	}
	slices.Sort(cs)
	return fmt.Sprintf("%v for request %s: %s", ErrMixedCurrency, quoteID(string(e.Request)), strings.Join(cs, ", "))
}

// Unwrap returns [ErrMixedCurrency].
func (e *CurrencyError) Unwrap() error { return ErrMixedCurrency }

// Is reports whether target is productops.ErrInvalid: revenue in two currencies is bad
// input (convert it to one currency first).
func (e *CurrencyError) Is(target error) bool { return target == productops.ErrInvalid }

// Validate reports every bad option: a bad importance scale, undefined enums, a segment
// weight that is unbounded or negative, and a window whose To is not after its From.
func (opts DemandOptions) Validate() error {
	e := validation.New("feedback: demand options")
	if msg := opts.Scale.resolved().check(); msg != "" {
		e.Add("scale", "scale", "", msg)
	}
	if !revenueAggSet.Valid(opts.Revenue) {
		e.Addf("revenue", "oneof", "undefined aggregation %d", opts.Revenue)
	}
	if !measureSet.Valid(opts.Measure) {
		e.Addf("measure", "oneof", "undefined measure %d", opts.Measure)
	}
	if !asOfSet.Valid(opts.AccountsAsOf) {
		e.Addf("accounts_as_of", "oneof", "undefined variant %d", opts.AccountsAsOf)
	}
	for _, w := range []struct {
		name string
		m    map[string]decimal.Decimal
	}{{"segment_weights", opts.SegmentWeights}, {"person_segment_weights", opts.PersonSegmentWeights}} {
		for _, s := range slices.Sorted(maps.Keys(w.m)) {
			switch v := w.m[s]; {
			case !validation.DecimalBounded(v):
				e.Add(w.name+"["+quoteID(s)+"]", "dbound", "", "must have at most 40 digits and an exponent within ±40")
			case v.Sign() < 0:
				e.Addf(w.name+"["+quoteID(s)+"]", "dgte", "weight %s is negative", v)
			}
		}
	}
	for _, c := range []struct {
		name string
		r    ImportanceRule
	}{{"channels.insight", opts.Channels.Insight}, {"channels.portal", opts.Channels.Portal}, {"channels.import", opts.Channels.Import}} {
		if !importanceRuleSet.Valid(c.r) {
			e.Addf(c.name, "oneof", "undefined rule %d", c.r)
		}
	}
	if !mergeModeSet.Valid(opts.Merges) {
		e.Addf("merges", "oneof", "undefined merge mode %d", opts.Merges)
	}
	if !opts.From.IsZero() && !opts.To.IsZero() && !opts.From.Before(opts.To) {
		e.Add("to", "gtfield", "from", "must be after from")
	}
	return e.Err()
}
