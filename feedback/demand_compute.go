package feedback

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/productops/productops/internal/validation"
	"github.com/shopspring/decimal"
)

// signal is one link or vote, resolved.
type signal struct {
	person     PersonID // empty for anonymous feedback
	account    AccountID
	kind       SignalKind
	channel    SignalChannel
	item       ItemID
	request    RequestID
	copiedFrom RequestID // the duplicate a Fider merge copied this vote from
	at         time.Time
	importance int
	explicit   bool // the importance was given, not the scale's default
}

// later reports whether a should replace b as a person's counted signal: later time wins;
// at the same instant the higher importance, then a given importance before a default one,
// then links before votes, then insight before portal before import, then the smaller item
// and request IDs, so the result does not depend on input order.
func (a signal) later(b signal) bool {
	if c := a.at.Compare(b.at); c != 0 {
		return c > 0
	}
	if a.importance != b.importance {
		return a.importance > b.importance
	}
	if a.explicit != b.explicit {
		return a.explicit
	}
	if a.kind != b.kind {
		return a.kind < b.kind
	}
	if a.channel != b.channel {
		return a.channel < b.channel
	}
	if a.item != b.item {
		return a.item < b.item
	}
	if a.request != b.request {
		return a.request < b.request
	}
	return a.copiedFrom < b.copiedFrom
}

// order sorts signals oldest first, so that folding them in order ends at the one later
// would pick.
func (a signal) order(b signal) int {
	switch {
	case a.later(b):
		return 1
	case b.later(a):
		return -1
	}
	return 0
}

// personGroup is one person's signals on one request (or merged class).
type personGroup struct {
	best    signal
	n       int      // signals in the window
	slow    bool     // a signal follows a "first" rule: fold them in time order
	list    []signal // the signals, gathered only when slow
	ignored int      // importances refused by a "first" rule
}

// unitDemand gathers what one listed request collects before the report is built.
type unitDemand struct {
	groups    []*personGroup
	anonymous map[ItemID]int // anonymous item -> importance
	volume    int
	excluded  DemandExclusions
}

// Demand scores every request of ds at the instant asOf.
//
// With merges as links (the default), each request is scored together with the requests
// merged into it; with Fider's merges each request is scored on its own, after the votes
// Fider copies into originals ([MergeFider]). Every link (through its item's author) and
// every vote is a signal of one person; a link from an anonymous item (no author) counts
// in the request's volume only. Signals after asOf or outside the window are excluded; of
// the rest, each person counts once, with the importance of their latest signal, unless a
// channel rule keeps an earlier one (Productboard: the most recent importance set in the
// app wins; the portal and Slack only create one). A person is worth importance × the
// weight of their account's segment × the weight of their own segment. Each account is
// counted once: its revenue enters the aggregate once (Canny, UserVoice), whichever state
// variant is read, and its importance is the highest of its people's, which weighs its
// revenue (RevenueImportance) and its segment (AccountScore). Open opportunities linked
// to a request are its pipeline, each once.
//
// Demand validates ds first; it returns the *productops.ValidationError of
// [Dataset.Validate] or of the options, a validation error naming every link or vote whose
// importance is off the scale, or a *[CurrencyError] when the accounts or opportunities
// behind one request are in two currencies. It is a pure function of its arguments.
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
	ix := newIndex(ds)

	// The unit each request's signals count on.
	unit := make(map[RequestID]RequestID, len(ds.Requests))
	for _, r := range ds.Requests {
		u := r.ID
		if opts.Merges == MergeAsLink {
			u, _ = ds.canonical(ix, r.ID) // Validate ruled out cycles and unknown targets.
		}
		unit[r.ID] = u
	}

	signals, err := collectSignals(ds, ix, scale)
	if err != nil {
		return nil, err
	}
	if opts.Merges == MergeFider {
		signals = append(signals, fiderCopies(ds, ix, signals, asOf)...)
	}

	units := make(map[RequestID]*unitDemand)
	unitOf := func(id RequestID) *unitDemand {
		u := units[id]
		if u == nil {
			u = &unitDemand{}
			units[id] = u
		}
		return u
	}
	type key struct {
		unit   RequestID
		person PersonID
	}
	groups := make(map[key]*personGroup)
	inWindow := func(s *signal, u *unitDemand) bool {
		switch {
		case s.at.After(asOf):
			u.excluded.AfterAsOf++
			return false
		case !opts.From.IsZero() && s.at.Before(opts.From), !opts.To.IsZero() && !s.at.Before(opts.To):
			u.excluded.OutsideWindow++
			return false
		}
		return true
	}
	anySlow := false
	for i := range signals {
		s := &signals[i]
		uid := unit[s.request]
		u := unitOf(uid)
		if !inWindow(s, u) {
			continue
		}
		u.volume++
		if s.person == "" {
			if u.anonymous == nil {
				u.anonymous = make(map[ItemID]int)
			}
			if v, seen := u.anonymous[s.item]; !seen || s.importance > v {
				u.anonymous[s.item] = s.importance
			}
			continue
		}
		first := opts.Channels.of(s.channel) == ImportanceFirst
		k := key{uid, s.person}
		g := groups[k]
		if g == nil {
			g = &personGroup{best: *s, n: 1, slow: first}
			groups[k] = g
			u.groups = append(u.groups, g)
		} else {
			g.n++
			g.slow = g.slow || first
			if s.later(g.best) {
				g.best = *s
			}
		}
		anySlow = anySlow || g.slow
	}
	if anySlow {
		// Fold the signals of groups under a "first" rule in time order.
		for i := range signals {
			s := &signals[i]
			if s.person == "" || s.at.After(asOf) || !opts.From.IsZero() && s.at.Before(opts.From) || !opts.To.IsZero() && !s.at.Before(opts.To) {
				continue
			}
			if g := groups[key{unit[s.request], s.person}]; g.slow {
				g.list = append(g.list, *s)
			}
		}
		for _, g := range groups {
			if g.slow {
				g.fold(opts.Channels)
			}
		}
	}

	b := demandBuilder{ds: ds, ix: ix, opts: opts, asOf: asOf, one: decimal.NewFromInt(1)}
	pipelines, err := b.pipelines(unit)
	if err != nil {
		return nil, err
	}
	mergedFrom := make(map[RequestID][]RequestID)
	for _, r := range ds.Requests {
		switch {
		case r.MergedInto == "":
		case opts.Merges == MergeAsLink:
			mergedFrom[unit[r.ID]] = append(mergedFrom[unit[r.ID]], r.ID)
		default:
			mergedFrom[r.MergedInto] = append(mergedFrom[r.MergedInto], r.ID)
		}
	}
	report := &DemandReport{AsOf: asOf, Options: opts}
	for _, r := range ds.Requests {
		if r.MergedInto != "" && opts.Merges == MergeAsLink {
			continue
		}
		u := units[r.ID]
		if u == nil {
			u = &unitDemand{}
		}
		d, err := b.request(r, u, pipelines[r.ID])
		if err != nil {
			return nil, err
		}
		d.MergedFrom = mergedFrom[r.ID]
		slices.Sort(d.MergedFrom)
		if opts.Merges == MergeFider {
			d.DuplicateOf = r.MergedInto
		}
		report.Requests = append(report.Requests, d)
	}
	slices.SortFunc(report.Requests, func(a, b RequestDemand) int {
		return cmp.Or(b.Score.Cmp(a.Score), cmp.Compare(b.People, a.People), cmp.Compare(a.Request, b.Request))
	})
	return report, nil
}

// fold picks the counted signal of a group in time order: a signal under the "first" rule
// is refused once the person has given an explicit importance.
func (g *personGroup) fold(rules ChannelRules) {
	slices.SortFunc(g.list, signal.order)
	explicit := false
	for i, s := range g.list {
		if i > 0 && rules.of(s.channel) == ImportanceFirst && explicit {
			g.ignored++
			continue
		}
		g.best = s
		explicit = explicit || s.explicit
	}
	g.list = nil
}

// collectSignals resolves every link and vote, or returns a validation error naming each
// importance off the scale.
func collectSignals(ds *Dataset, ix index, scale ImportanceScale) ([]signal, error) {
	e := validation.New("feedback: demand")
	importance := func(p *int, kind string, i int) (int, bool) {
		if p == nil {
			return scale.Default, false
		}
		if !scale.Contains(*p) {
			e.Addf(fmt.Sprintf("%s[%d].importance", kind, i), "scale", "%d is off the %s scale %d..%d", *p, scale.Name, scale.Min, scale.Max)
		}
		return *p, true
	}
	signals := make([]signal, 0, len(ds.Links)+len(ds.Votes))
	for i, l := range ds.Links {
		it := ds.Items[ix.items[l.Item]]
		s := signal{person: it.Author, kind: SignalLink, channel: l.Channel, item: it.ID, request: l.Request, at: l.CreatedAt}
		if it.Author != "" {
			s.account = it.Account
			if s.account == "" {
				s.account = ds.People[ix.people[it.Author]].Account
			}
		}
		if s.at.IsZero() {
			s.at = it.CreatedAt
		}
		s.importance, s.explicit = importance(l.Importance, "links", i)
		signals = append(signals, s)
	}
	for i, v := range ds.Votes {
		s := signal{person: v.Person, account: ds.People[ix.people[v.Person]].Account, kind: SignalVote, channel: v.Channel, request: v.Request, at: v.CreatedAt}
		s.importance, s.explicit = importance(v.Importance, "votes", i)
		signals = append(signals, s)
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	return signals, nil
}

// fiderCopies returns the votes Fider's "mark as duplicate" adds to originals, replaying
// the merges in merge order (by MergedAt, then ID; a zero MergedAt merges at asOf, and a
// merge after asOf has not happened yet). At each merge, every person with a vote on the
// duplicate then (their latest, copies included) gets a vote on the original stamped with
// the merge instant, unless they already have one there, and only if the original can be
// voted on: its status then is open and it is not itself merged by then.
func fiderCopies(ds *Dataset, ix index, signals []signal, asOf time.Time) []signal {
	when := func(r Request) time.Time {
		if r.MergedAt.IsZero() {
			return asOf
		}
		return r.MergedAt
	}
	var merges []Request
	for _, r := range ds.Requests {
		if r.MergedInto != "" && !when(r).After(asOf) {
			merges = append(merges, r)
		}
	}
	if len(merges) == 0 {
		return nil
	}
	slices.SortFunc(merges, func(a, b Request) int { return cmp.Or(when(a).Compare(when(b)), cmp.Compare(a.ID, b.ID)) })
	votes := make(map[RequestID][]signal)
	for _, s := range signals {
		if s.kind == SignalVote {
			votes[s.request] = append(votes[s.request], s)
		}
	}
	var copies []signal
	for _, m := range merges {
		t := when(m)
		target := ds.Requests[ix.requests[m.MergedInto]]
		if !target.StatusAt(t).Open() || target.MergedInto != "" && !when(target).After(t) {
			continue // Fider: the original cannot be voted on; nothing moves
		}
		has := make(map[PersonID]bool)
		for _, v := range votes[target.ID] {
			if !v.at.After(t) {
				has[v.person] = true
			}
		}
		latest := make(map[PersonID]signal)
		for _, v := range votes[m.ID] {
			if v.at.After(t) {
				continue
			}
			if b, ok := latest[v.person]; !ok || v.later(b) {
				latest[v.person] = v
			}
		}
		for _, p := range slices.Sorted(maps.Keys(latest)) {
			if has[p] {
				continue
			}
			c := latest[p]
			c.request, c.copiedFrom, c.at = target.ID, m.ID, t
			copies = append(copies, c)
			votes[target.ID] = append(votes[target.ID], c)
		}
	}
	return copies
}

// demandBuilder turns gathered signals into report rows.
type demandBuilder struct {
	ds   *Dataset
	ix   index
	opts DemandOptions
	asOf time.Time
	one  decimal.Decimal
}

func (b *demandBuilder) weight(m map[string]decimal.Decimal, seg string) decimal.Decimal {
	if w, ok := m[seg]; ok {
		return w
	}
	return b.one
}

func (b *demandBuilder) stateOf(id AccountID, at time.Time) AccountState {
	a := b.ds.Accounts[b.ix.accounts[id]]
	if b.opts.AccountsAsOf == AccountsAsOfFeedback {
		return a.StateAt(at)
	}
	return a.AccountState
}

// request builds the demand of request r from what its unit gathered.
func (b *demandBuilder) request(r Request, u *unitDemand, pipe PipelineTotal) (RequestDemand, error) {
	opts := b.opts
	d := RequestDemand{Request: r.ID, Title: r.Title, Status: r.Status, Score: decimal.Zero, AccountScore: decimal.Zero,
		Excluded: u.excluded, Volume: u.volume, Anonymous: len(u.anonymous), Pipeline: pipe}
	accIdx := make(map[AccountID]int)
	accAt := make(map[AccountID]time.Time)
	// Account state as of feedback: the latest counted signal among the account's people.
	for _, g := range u.groups {
		if s := g.best; s.account != "" && s.at.After(accAt[s.account]) {
			accAt[s.account] = s.at
		}
	}
	for _, g := range u.groups {
		s := g.best
		d.Excluded.Superseded += g.n - 1
		d.Excluded.ImportanceIgnored += g.ignored
		person := b.ds.People[b.ix.people[s.person]]
		c := Contributor{Person: s.person, PersonSegment: person.Segment, Account: s.account, Kind: s.kind, Item: s.item,
			Request: s.request, Channel: s.channel, CopiedFrom: s.copiedFrom, At: s.at, Importance: s.importance,
			Label: opts.Scale.Label(s.importance), Signals: g.n}
		if s.account != "" {
			c.Segment = b.stateOf(s.account, s.at).Segment
		}
		c.AccountWeight = b.weight(opts.SegmentWeights, c.Segment)
		c.PersonWeight = b.weight(opts.PersonSegmentWeights, c.PersonSegment)
		c.Weight = c.AccountWeight
		if len(opts.PersonSegmentWeights) > 0 {
			c.Weight = c.AccountWeight.Mul(c.PersonWeight)
		}
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
			st := b.stateOf(s.account, accAt[s.account])
			ad := AccountDemand{Account: s.account, Segment: st.Segment, Plan: st.Plan, Lifecycle: st.Lifecycle,
				Revenue: st.MRR, Currency: st.Currency, HasRevenue: st.hasRevenue() || st.Currency != "", Score: decimal.Zero,
				Importance: s.importance, Weight: b.weight(opts.SegmentWeights, st.Segment)}
			if opts.Measure == MeasureARR {
				ad.Revenue = st.ARR
			}
			j = len(d.ByAccount)
			accIdx[s.account] = j
			d.ByAccount = append(d.ByAccount, ad)
		}
		a := &d.ByAccount[j]
		a.People++
		a.Points += s.importance
		a.Score = a.Score.Add(c.Score)
		a.Importance = max(a.Importance, s.importance)
	}
	if opts.CountAnonymous {
		for _, v := range u.anonymous {
			d.AnonymousPoints += v
		}
		d.Points += d.AnonymousPoints
		d.Score = d.Score.Add(decimal.NewFromInt(int64(d.AnonymousPoints)))
	}
	for i := range d.ByAccount {
		a := &d.ByAccount[i]
		imp := decimal.NewFromInt(int64(a.Importance))
		a.AccountScore = imp.Mul(a.Weight)
		a.RevenueImportance = decimal.Zero
		if a.HasRevenue {
			a.RevenueImportance = a.Revenue.Mul(imp)
		}
		d.AccountScore = d.AccountScore.Add(a.AccountScore)
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
		return RequestDemand{}, err
	}
	rev.Measure = opts.Measure
	d.Revenue = rev
	d.RevenueImportance = MoneyTotal{Value: decimal.Zero, Currency: rev.Currency}
	for _, a := range d.ByAccount {
		if a.HasRevenue {
			d.RevenueImportance.Value = d.RevenueImportance.Value.Add(a.RevenueImportance)
			d.RevenueImportance.Accounts++
		}
	}
	return d, nil
}

// pipelines sums the opportunities open at asOf per listed request (each opportunity once
// per request it reaches), or returns a *CurrencyError.
func (b *demandBuilder) pipelines(unit map[RequestID]RequestID) (map[RequestID]PipelineTotal, error) {
	type acc struct {
		value decimal.Decimal
		n     int
	}
	byUnit := make(map[RequestID]map[AccountID]*acc)
	currency := make(map[RequestID]map[string]AccountID)
	for _, o := range b.ds.Opportunities {
		if !o.OpenAt(b.asOf) {
			continue
		}
		seen := make(map[RequestID]bool, len(o.Requests))
		for _, r := range o.Requests {
			u := unit[r]
			if seen[u] {
				continue
			}
			seen[u] = true
			if byUnit[u] == nil {
				byUnit[u] = make(map[AccountID]*acc)
				currency[u] = make(map[string]AccountID)
			}
			a := byUnit[u][o.Account]
			if a == nil {
				a = &acc{value: decimal.Zero}
				byUnit[u][o.Account] = a
			}
			a.value = a.value.Add(o.Value)
			a.n++
			if o.Currency != "" {
				if f, ok := currency[u][o.Currency]; !ok || o.Account < f {
					currency[u][o.Currency] = o.Account
				}
			}
		}
	}
	out := make(map[RequestID]PipelineTotal, len(byUnit))
	for u, accounts := range byUnit {
		if len(currency[u]) > 1 {
			return nil, &CurrencyError{Request: u, Accounts: currency[u]}
		}
		p := PipelineTotal{Value: decimal.Zero}
		for c := range currency[u] {
			p.Currency = c
		}
		for id, a := range accounts {
			p.Value = p.Value.Add(a.value)
			p.Opportunities += a.n
			p.ByAccount = append(p.ByAccount, AccountPipeline{Account: id, Value: a.value, Opportunities: a.n})
		}
		p.Accounts = len(p.ByAccount)
		slices.SortFunc(p.ByAccount, func(x, y AccountPipeline) int {
			return cmp.Or(y.Value.Cmp(x.Value), cmp.Compare(x.Account, y.Account))
		})
		out[u] = p
	}
	return out, nil
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
