package feedback

import (
	"cmp"
	"errors"
	"fmt"
	"github.com/productops/productops"
	"github.com/productops/productops/internal/enum"
	"slices"
	"strings"
	"time"

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

// DemandOptions configures [Demand]. The zero value is Productboard's Customer Importance
// Score with revenue summed over accounts' current MRR, no segment weights and no window.
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
	// (at least 0). A segment not in the map, and a person without an account (segment ""
	// unless "" is in the map), weighs 1. Nil means every weight is 1.
	SegmentWeights map[string]decimal.Decimal `json:"segment_weights,omitempty"`
	// From and To bound the window of signals counted, [From, To); a zero bound is open.
	// Signals outside are excluded before the latest-wins rule, and counted in
	// [DemandExclusions].
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}

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

// Contributor is one person behind a request's demand: their latest signal, the importance it
// carried and what it is worth.
type Contributor struct {
	// Person is who asked.
	Person PersonID `json:"person"`
	// Account is the account the signal speaks for (the item's account, else the person's);
	// empty for none.
	Account AccountID `json:"account,omitempty"`
	// Segment is that account's segment in the state read; empty for none.
	Segment string `json:"segment,omitempty"`
	// Kind, Item (for a link) and Request tell which signal counted: Request is the request of
	// the merged class it was given on.
	Kind    SignalKind `json:"kind"`
	Item    ItemID     `json:"item,omitempty"`
	Request RequestID  `json:"request"`
	// At is when the counted signal was given.
	At time.Time `json:"at"`
	// Importance is the counted level on the scale, Label its name.
	Importance int    `json:"importance"`
	Label      string `json:"label"`
	// Weight is the segment weight applied; Score = Importance × Weight.
	Weight decimal.Decimal `json:"weight"`
	Score  decimal.Decimal `json:"score"`
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
	// aggregate, and said so here).
	Revenue    decimal.Decimal `json:"revenue"`
	Currency   string          `json:"currency,omitempty"`
	HasRevenue bool            `json:"has_revenue"`
	// People is how many contributors speak for the account; Points and Score sum theirs.
	People int             `json:"people"`
	Points int             `json:"points"`
	Score  decimal.Decimal `json:"score"`
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

// DemandExclusions counts the signals that did not count, so nothing is dropped silently.
type DemandExclusions struct {
	// Superseded is signals replaced by a later signal of the same person on the class.
	Superseded int `json:"superseded"`
	// OutsideWindow is signals before From or at/after To.
	OutsideWindow int `json:"outside_window"`
	// AfterAsOf is signals after the asOf instant.
	AfterAsOf int `json:"after_as_of"`
}

// RequestDemand is the demand for one request (with every request merged into it).
type RequestDemand struct {
	// Request identifies the canonical request; Title and Status are its own.
	Request RequestID     `json:"request"`
	Title   string        `json:"title"`
	Status  RequestStatus `json:"status"`
	// MergedFrom lists the requests whose merge chains end here, sorted.
	MergedFrom []RequestID `json:"merged_from,omitempty"`
	// People is the number of distinct people counted (UserVoice "Voters").
	People int `json:"people"`
	// Accounts is the number of distinct accounts behind them (UserVoice "Accounts").
	Accounts int `json:"accounts"`
	// Points is the unweighted sum of counted importances (Productboard's Customer
	// Importance Score with the default scale).
	Points int `json:"points"`
	// Score is the sum of each person's importance × segment weight; equals Points when no
	// weights are set.
	Score decimal.Decimal `json:"score"`
	// Revenue is the account revenue behind the request.
	Revenue RevenueTotal `json:"revenue"`
	// Contributors lists the people counted, by Score descending then person ID.
	Contributors []Contributor `json:"contributors"`
	// ByAccount lists the accounts counted, by Score descending then account ID.
	ByAccount []AccountDemand `json:"by_account"`
	// Excluded counts the signals that did not count.
	Excluded DemandExclusions `json:"excluded"`
}

// DemandReport is the demand for every canonical request of a dataset.
type DemandReport struct {
	// AsOf is the instant the report is computed at; signals after it are excluded.
	AsOf time.Time `json:"as_of"`
	// Options are the options used, with the scale resolved.
	Options DemandOptions `json:"options"`
	// Requests lists every request that is not merged, by Score descending, then People
	// descending, then ID; requests without demand are listed with zeros.
	Requests []RequestDemand `json:"requests"`
}

// Request returns the demand of the canonical request id, and false when id is not a
// canonical request of the report.
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
// behind one request have revenue in different currencies: convert revenue to one currency
// first.
var ErrMixedCurrency = errors.New("feedback: revenue in more than one currency")

// CurrencyError names the request and the accounts whose currencies differ.
type CurrencyError struct {
	// Request is the canonical request whose accounts disagree.
	Request RequestID
	// Accounts maps each currency to the first account (by ID) seen with it.
	Accounts map[string]AccountID
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

// signal is one link or vote, resolved.
type signal struct {
	person     PersonID
	account    AccountID
	kind       SignalKind
	item       ItemID
	request    RequestID
	at         time.Time
	importance int
}

// later reports whether a should replace b as a person's counted signal: later time wins;
// at the same instant the higher importance, then links before votes, then the smaller item
// and request IDs, so the result does not depend on input order.
func (a signal) later(b signal) bool {
	if c := a.at.Compare(b.at); c != 0 {
		return c > 0
	}
	if a.importance != b.importance {
		return a.importance > b.importance
	}
	if a.kind != b.kind {
		return a.kind < b.kind
	}
	if a.item != b.item {
		return a.item < b.item
	}
	return a.request < b.request
}

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
	segs := make([]string, 0, len(opts.SegmentWeights))
	for s := range opts.SegmentWeights {
		segs = append(segs, s)
	}
	slices.Sort(segs)
	for _, s := range segs {
		switch w := opts.SegmentWeights[s]; {
		case !validation.DecimalBounded(w):
			e.Add("segment_weights["+quoteID(s)+"]", "dbound", "", "must have at most 40 digits and an exponent within ±40")
		case w.Sign() < 0:
			e.Addf("segment_weights["+quoteID(s)+"]", "dgte", "weight %s is negative", w)
		}
	}
	if !opts.From.IsZero() && !opts.To.IsZero() && !opts.From.Before(opts.To) {
		e.Add("to", "gtfield", "from", "must be after from")
	}
	return e.Err()
}

// Demand scores every canonical request of ds at the instant asOf.
//
// For each request, together with the requests merged into it, every link (through its
// item's author) and every vote is a signal of one person. Signals after asOf or outside the
// window are excluded; of the rest, each person's latest signal counts and carries its
// importance (Productboard: one count per person, the most recent importance wins). A person
// is worth importance × the weight of their account's segment. Each account is counted once,
// and its revenue enters the aggregate once (Canny, UserVoice), whichever state variant
// is read.
//
// Demand validates ds first; it returns the *productops.ValidationError of
// [Dataset.Validate] or of the options, a validation error naming every link or vote whose
// importance is off the scale, or a *[CurrencyError] when the accounts behind one request
// report revenue in two currencies. It is a pure function of its arguments.
func Demand(ds *Dataset, asOf time.Time, opts DemandOptions) (*DemandReport, error) {
	if ds == nil {
		return nil, nilError("feedback: demand", "dataset")
	}
	if err := ds.Validate(); err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	scale := opts.Scale.resolved()
	opts.Scale = scale
	e := validation.New("feedback: demand")

	ix := newIndex(ds)
	canon := make(map[RequestID]RequestID, len(ds.Requests))
	for _, r := range ds.Requests {
		c, _ := ds.canonical(ix, r.ID) // Validate ruled out cycles and unknown targets.
		canon[r.ID] = c
	}
	importance := func(p *int, kind string, i int) int {
		if p == nil {
			return scale.Default
		}
		if !scale.Contains(*p) {
			e.Addf(fmt.Sprintf("%s[%d].importance", kind, i), "scale", "%d is off the %s scale %d..%d", *p, scale.Name, scale.Min, scale.Max)
		}
		return *p
	}
	signals := make([]signal, 0, len(ds.Links)+len(ds.Votes))
	for i, l := range ds.Links {
		it := ds.Items[ix.items[l.Item]]
		s := signal{person: it.Author, account: it.Account, kind: SignalLink, item: it.ID, request: l.Request, at: l.CreatedAt}
		if s.account == "" {
			s.account = ds.People[ix.people[it.Author]].Account
		}
		if s.at.IsZero() {
			s.at = it.CreatedAt
		}
		s.importance = importance(l.Importance, "links", i)
		signals = append(signals, s)
	}
	for i, v := range ds.Votes {
		s := signal{person: v.Person, account: ds.People[ix.people[v.Person]].Account, kind: SignalVote, request: v.Request, at: v.CreatedAt}
		s.importance = importance(v.Importance, "votes", i)
		signals = append(signals, s)
	}
	if e.Len() > 0 {
		return nil, e.Err()
	}

	type key struct {
		class  RequestID
		person PersonID
	}
	type best struct {
		s signal
		n int
	}
	excluded := make(map[RequestID]*DemandExclusions)
	exc := func(c RequestID) *DemandExclusions {
		x := excluded[c]
		if x == nil {
			x = &DemandExclusions{}
			excluded[c] = x
		}
		return x
	}
	latest := make(map[key]*best)
	for _, s := range signals {
		c := canon[s.request]
		switch {
		case s.at.After(asOf):
			exc(c).AfterAsOf++
			continue
		case !opts.From.IsZero() && s.at.Before(opts.From), !opts.To.IsZero() && !s.at.Before(opts.To):
			exc(c).OutsideWindow++
			continue
		}
		k := key{c, s.person}
		if b := latest[k]; b == nil {
			latest[k] = &best{s: s, n: 1}
		} else {
			b.n++
			if s.later(b.s) {
				b.s = s
			}
		}
	}
	byClass := make(map[RequestID][]*best)
	for k, b := range latest {
		byClass[k.class] = append(byClass[k.class], b)
	}

	one := decimal.NewFromInt(1)
	weight := func(seg string) decimal.Decimal {
		if w, ok := opts.SegmentWeights[seg]; ok {
			return w
		}
		return one
	}
	stateOf := func(id AccountID, at time.Time) AccountState {
		a := ds.Accounts[ix.accounts[id]]
		if opts.AccountsAsOf == AccountsAsOfFeedback {
			return a.StateAt(at)
		}
		return a.AccountState
	}

	mergedFrom := make(map[RequestID][]RequestID)
	for _, r := range ds.Requests {
		if c := canon[r.ID]; c != r.ID {
			mergedFrom[c] = append(mergedFrom[c], r.ID)
		}
	}
	report := &DemandReport{AsOf: asOf, Options: opts}
	for _, r := range ds.Requests {
		if r.MergedInto != "" {
			continue
		}
		d := RequestDemand{Request: r.ID, Title: r.Title, Status: r.Status, Score: decimal.Zero, MergedFrom: mergedFrom[r.ID]}
		slices.Sort(d.MergedFrom)
		if x := excluded[r.ID]; x != nil {
			d.Excluded = *x
		}
		accIdx := make(map[AccountID]int)
		accAt := make(map[AccountID]time.Time)
		bs := byClass[r.ID]
		// Account state as of feedback: the latest counted signal among the account's people.
		for _, b := range bs {
			if b.s.account != "" && b.s.at.After(accAt[b.s.account]) {
				accAt[b.s.account] = b.s.at
			}
		}
		for _, b := range bs {
			s := b.s
			d.Excluded.Superseded += b.n - 1
			c := Contributor{Person: s.person, Account: s.account, Kind: s.kind, Item: s.item, Request: s.request,
				At: s.at, Importance: s.importance, Label: scale.Label(s.importance), Signals: b.n}
			if s.account != "" {
				c.Segment = stateOf(s.account, s.at).Segment
			}
			c.Weight = weight(c.Segment)
			c.Score = decimal.NewFromInt(int64(s.importance)).Mul(c.Weight)
			d.People++
			d.Points += s.importance
			d.Score = d.Score.Add(c.Score)
			d.Contributors = append(d.Contributors, c)
			if s.account == "" {
				continue
			}
			j, ok := accIdx[s.account]
			if !ok {
				st := stateOf(s.account, accAt[s.account])
				ad := AccountDemand{Account: s.account, Segment: st.Segment, Plan: st.Plan, Lifecycle: st.Lifecycle,
					Revenue: st.MRR, Currency: st.Currency, HasRevenue: st.hasRevenue() || st.Currency != "", Score: decimal.Zero}
				if opts.Measure == MeasureARR {
					ad.Revenue = st.ARR
				}
				j = len(d.ByAccount)
				accIdx[s.account] = j
				d.ByAccount = append(d.ByAccount, ad)
			}
			d.ByAccount[j].People++
			d.ByAccount[j].Points += s.importance
			d.ByAccount[j].Score = d.ByAccount[j].Score.Add(c.Score)
		}
		d.Accounts = len(d.ByAccount)
		slices.SortFunc(d.Contributors, func(a, b Contributor) int {
			return cmp.Or(b.Score.Cmp(a.Score), cmp.Compare(a.Person, b.Person))
		})
		slices.SortFunc(d.ByAccount, func(a, b AccountDemand) int {
			return cmp.Or(b.Score.Cmp(a.Score), cmp.Compare(a.Account, b.Account))
		})
		rev, err := aggregateRevenue(r.ID, d.ByAccount, opts.Revenue)
		if err != nil {
			return nil, err
		}
		rev.Measure = opts.Measure
		d.Revenue = rev
		report.Requests = append(report.Requests, d)
	}
	slices.SortFunc(report.Requests, func(a, b RequestDemand) int {
		return cmp.Or(b.Score.Cmp(a.Score), cmp.Compare(b.People, a.People), cmp.Compare(a.Request, b.Request))
	})
	return report, nil
}

// aggregateRevenue combines the revenue of the accounts (each once) that have revenue.
func aggregateRevenue(req RequestID, accounts []AccountDemand, agg RevenueAggregation) (RevenueTotal, error) {
	t := RevenueTotal{Aggregation: agg, Value: decimal.Zero}
	var firstByCurrency map[string]AccountID
	for _, a := range accounts {
		if !a.HasRevenue {
			continue
		}
		if t.Currency == "" {
			t.Currency = a.Currency
		}
		if a.Currency != t.Currency {
			if firstByCurrency == nil {
				firstByCurrency = make(map[string]AccountID)
			}
			for _, b := range accounts {
				if f, ok := firstByCurrency[b.Currency]; b.HasRevenue && (!ok || b.Account < f) {
					firstByCurrency[b.Currency] = b.Account
				}
			}
			return RevenueTotal{}, &CurrencyError{Request: req, Accounts: firstByCurrency}
		}
		switch {
		case t.Accounts == 0:
			t.Value = a.Revenue
		case agg == RevenueMin && a.Revenue.Cmp(t.Value) < 0, agg == RevenueMax && a.Revenue.Cmp(t.Value) > 0:
			t.Value = a.Revenue
		case agg == RevenueSum || agg == RevenueAverage:
			t.Value = t.Value.Add(a.Revenue)
		}
		t.Accounts++
	}
	t.Defined = t.Accounts > 0 || agg == RevenueSum
	if agg == RevenueAverage && t.Defined {
		t.Value = t.Value.DivRound(decimal.NewFromInt(int64(t.Accounts)), AverageScale)
	}
	return t, nil
}
