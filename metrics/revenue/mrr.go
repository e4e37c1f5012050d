package revenue

import (
	"cmp"
	"math/bits"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/validation"
)

// Ledger is an immutable, validated history of each customer's total MRR in one
// currency, built from subscription events or snapshots. Amounts are held as exact scaled
// integers; results come back as decimals. A ledger is safe for concurrent use.
type Ledger struct {
	currency  Currency
	scale     int32 // amounts are integers in units of 10^-scale
	customers []CustomerID
	// Change points of customer i are points[offsets[i]:offsets[i+1]], sorted by time:
	// the customer's total MRR from at on.
	offsets []int
	points  []mrrPoint
}

type mrrPoint struct {
	at    int64 // Unix nanoseconds
	total int64 // scaled amount
}

// maxLedgerErrors bounds how many bad records a validation error lists.
const maxLedgerErrors = 100

// mrrRecord is an event or snapshot row reduced to indices and scaled amounts.
type mrrRecord struct {
	cust   int32
	seq    int32 // position in the input (snapshot gap rows come after the input)
	at     int64
	amount int64
}

// NewLedger builds a ledger from subscription events in any order. A customer's MRR is
// the sum of its subscriptions' latest MRR; events of one subscription at the same instant
// apply in slice order (the last wins). Bad records are reported together in a
// *productops.ValidationError (up to 100); mixed currencies give a *CurrencyMismatchError.
func NewLedger(events []SubscriptionEvent) (*Ledger, error) {
	b, err := newLedgerBuilder(len(events), "events", func(i int) revenueRecord {
		e := &events[i]
		return revenueRecord{e.Customer, e.At, e.MRR, e.Currency}
	})
	if err != nil {
		return nil, err
	}
	custIdx := make(map[CustomerID]int32, len(events)/4+1)
	recs := make([]mrrRecord, len(events))
	for i := range events {
		e := &events[i]
		c, ok := custIdx[e.Customer]
		if !ok {
			c = int32(len(b.l.customers))
			custIdx[e.Customer] = c
			b.l.customers = append(b.l.customers, e.Customer)
		}
		recs[i] = mrrRecord{cust: c, at: e.At.UnixNano(), amount: b.amounts[i], seq: int32(i)}
	}
	b.finish(recs, func(r mrrRecord) SubscriptionID { return events[r.seq].Subscription })
	return b.l, nil
}

// NewLedgerFromSnapshots builds a ledger from periodic snapshot rows (see Snapshot):
// rows sharing an At form one complete snapshot, and a customer absent from a snapshot has
// MRR 0 from its At on. Errors as NewLedger.
func NewLedgerFromSnapshots(rows []Snapshot) (*Ledger, error) {
	b, err := newLedgerBuilder(len(rows), "snapshots", func(i int) revenueRecord {
		r := &rows[i]
		return revenueRecord{r.Customer, r.At, r.MRR, r.Currency}
	})
	if err != nil {
		return nil, err
	}
	custIdx := make(map[CustomerID]int32)
	recs := make([]mrrRecord, 0, len(rows))
	for i, r := range rows {
		c, ok := custIdx[r.Customer]
		if !ok {
			c = int32(len(b.l.customers))
			custIdx[r.Customer] = c
			b.l.customers = append(b.l.customers, r.Customer)
		}
		recs = append(recs, mrrRecord{cust: c, at: r.At.UnixNano(), amount: b.amounts[i], seq: int32(i)})
	}
	// Every snapshot time sets every customer seen so far (or later) that it omits to 0, once
	// the customer has appeared: add explicit zero rows for the gaps.
	times := make([]int64, 0)
	for _, r := range recs {
		times = append(times, r.at)
	}
	slices.Sort(times)
	times = slices.Compact(times)
	present := make(map[[2]int64]bool, len(recs))
	first := make([]int64, len(b.l.customers))
	for i := range first {
		first[i] = 1<<63 - 1
	}
	for _, r := range recs {
		present[[2]int64{int64(r.cust), r.at}] = true
		first[r.cust] = min(first[r.cust], r.at)
	}
	n := len(recs)
	for c := range b.l.customers {
		for _, t := range times {
			if t > first[c] && !present[[2]int64{int64(c), t}] {
				recs = append(recs, mrrRecord{cust: int32(c), at: t, seq: int32(n)})
				n++
			}
		}
	}
	b.finish(recs, func(mrrRecord) SubscriptionID { return "" })
	return b.l, nil
}

// ledgerBuilder holds the validated, scaled amounts while a ledger is assembled.
type ledgerBuilder struct {
	l       *Ledger
	amounts []int64
}

// revenueRecord is the common view of an event or a snapshot row.
type revenueRecord struct {
	customer CustomerID
	at       time.Time
	mrr      decimal.Decimal
	currency Currency
}

// newLedgerBuilder validates n records (read through rec, named name[i] in errors),
// checks the currency, picks the integer scale and converts every amount exactly.
func newLedgerBuilder(n int, name string, rec func(i int) revenueRecord) (*ledgerBuilder, error) {
	v := validation.New("revenue: MRR ledger")
	if n == 0 {
		v.Addf("", "required", "needs at least one record")
		return nil, v.Err()
	}
	if n > 1<<31-1 {
		v.Addf("", "max", "has more than 2^31-1 records")
		return nil, v.Err()
	}
	l := &Ledger{}
	var scale int32
	var mismatch *CurrencyMismatchError
	first := rec(0)
	l.currency = first.currency
	firstOK := first.currency.Validate() == nil
	mrrs := make([]decimal.Decimal, n)
	for i := range n {
		r := rec(i)
		ok := r.customer != "" && !r.at.IsZero() && r.mrr.Sign() >= 0 && r.mrr.Exponent() >= -maxMRRDigits && r.currency == l.currency && firstOK
		if !ok {
			scratch := validation.New("")
			validateRevenueRecord(scratch, validation.Index(name, i), r.customer, r.at, r.mrr, r.currency)
			if err := scratch.Err(); err != nil {
				if v.Len() >= maxLedgerErrors {
					v.Addf("", "max", "further invalid records are not listed")
					break
				}
				v.Merge("", err)
			} else if r.currency != l.currency && mismatch == nil {
				mismatch = &CurrencyMismatchError{Index: i, Want: l.currency, Got: r.currency}
			}
		}
		mrrs[i] = r.mrr
		if e := -r.mrr.Exponent(); e > scale {
			scale = min(e, maxMRRDigits)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if mismatch != nil {
		return nil, mismatch
	}
	l.scale = scale
	b := &ledgerBuilder{l: l, amounts: make([]int64, n)}
	// Every total and every movement sum is bounded by twice the sum of all amounts; keep
	// that sum below 2^61 so integer arithmetic is exact.
	var sum uint64
	for i, m := range mrrs {
		x, ok := scaledInt(m, scale)
		if ok {
			sum += uint64(x)
		}
		if !ok || sum >= 1<<61 {
			v.Addf("", "range", "amounts are too large to sum exactly (over 2^61 units of 10^-%d)", scale)
			return nil, v.Err()
		}
		b.amounts[i] = x
	}
	return b, nil
}

// scaledInt returns d·10^scale as an int64 below 2^61, or false when it is not an integer
// or does not fit.
func scaledInt(d decimal.Decimal, scale int32) (int64, bool) {
	if d.NumDigits() > 18 {
		bi := d.Shift(scale)
		if !bi.IsInteger() {
			return 0, false
		}
		b := bi.BigInt()
		if !b.IsInt64() || b.Int64() >= 1<<61 {
			return 0, false
		}
		return b.Int64(), true
	}
	c := d.CoefficientInt64()
	e := d.Exponent() + scale
	for ; e < 0; e++ {
		if c%10 != 0 {
			return 0, false
		}
		c /= 10
	}
	for ; e > 0; e-- {
		hi, lo := bits.Mul64(uint64(c), 10)
		if hi != 0 || lo >= 1<<61 {
			return 0, false
		}
		c = int64(lo)
	}
	return c, c < 1<<61
}

// finish sorts the records and turns them into per-customer change points; subOf names
// a record's subscription.
func (b *ledgerBuilder) finish(recs []mrrRecord, subOf func(mrrRecord) SubscriptionID) {
	// Counting sort by customer (stable, so input order is kept), then each customer's
	// few records by time and input position.
	counts := make([]int, len(b.l.customers)+1)
	for _, r := range recs {
		counts[r.cust+1]++
	}
	for c := 1; c < len(counts); c++ {
		counts[c] += counts[c-1]
	}
	sorted := make([]mrrRecord, len(recs))
	next := slices.Clone(counts[:len(counts)-1])
	for _, r := range recs {
		sorted[next[r.cust]] = r
		next[r.cust]++
	}
	recs = sorted
	for c := range b.l.customers {
		slices.SortFunc(recs[counts[c]:counts[c+1]], func(x, y mrrRecord) int {
			if x.at != y.at {
				return cmp.Compare(x.at, y.at)
			}
			return cmp.Compare(x.seq, y.seq)
		})
	}
	l := b.l
	l.offsets = make([]int, len(l.customers)+1)
	l.points = make([]mrrPoint, 0, len(recs))
	var subs subAmounts
	i := 0
	for c := range l.customers {
		l.offsets[c] = len(l.points)
		subs.reset()
		var total int64
		for i < len(recs) && recs[i].cust == int32(c) {
			at := recs[i].at
			for i < len(recs) && recs[i].cust == int32(c) && recs[i].at == at {
				r := recs[i]
				total += r.amount - subs.swap(subOf(r), r.amount)
				i++
			}
			if n := len(l.points); n > l.offsets[c] && l.points[n-1].total == total {
				continue // no change in the customer's total
			}
			if len(l.points) == l.offsets[c] && total == 0 {
				continue // a customer's history starts with its first revenue
			}
			l.points = append(l.points, mrrPoint{at: at, total: total})
		}
	}
	l.offsets[len(l.customers)] = len(l.points)
}

// subAmounts holds one customer's current MRR per subscription: a short list searched
// linearly, promoted to a map when a customer has many subscriptions.
type subAmounts struct {
	ids  []SubscriptionID
	amts []int64
	m    map[SubscriptionID]int64
}

func (s *subAmounts) reset() {
	s.ids, s.amts, s.m = s.ids[:0], s.amts[:0], nil
}

// swap sets id's amount to x and returns the previous amount (0 if new).
func (s *subAmounts) swap(id SubscriptionID, x int64) int64 {
	if s.m != nil {
		old := s.m[id]
		s.m[id] = x
		return old
	}
	for i, v := range s.ids {
		if v == id {
			old := s.amts[i]
			s.amts[i] = x
			return old
		}
	}
	if len(s.ids) < 32 {
		s.ids = append(s.ids, id)
		s.amts = append(s.amts, x)
		return 0
	}
	s.m = make(map[SubscriptionID]int64, 64)
	for i, v := range s.ids {
		s.m[v] = s.amts[i]
	}
	s.m[id] = x
	return 0
}

// Currency returns the ledger's currency.
func (l *Ledger) Currency() Currency { return l.currency }

// Customers returns how many distinct customers the ledger holds.
func (l *Ledger) Customers() int { return len(l.customers) }

// amount converts a scaled integer to a decimal.
func (l *Ledger) amount(x int64) decimal.Decimal { return decimal.New(x, -l.scale) }

// totalAt returns customer c's MRR at instant t (changes at t included).
func (l *Ledger) totalAt(c int, t int64) int64 {
	pts := l.points[l.offsets[c]:l.offsets[c+1]]
	i, _ := slices.BinarySearchFunc(pts, t, func(p mrrPoint, t int64) int {
		if p.at <= t {
			return -1
		}
		return 1
	})
	if i == 0 {
		return 0
	}
	return pts[i-1].total
}

// MRRAt returns the total MRR of all customers at t (changes at exactly t included).
func (l *Ledger) MRRAt(t time.Time) decimal.Decimal {
	ns := t.UnixNano()
	var s int64
	for c := range l.customers {
		s += l.totalAt(c, ns)
	}
	return l.amount(s)
}

// CustomerMRRAt returns one customer's MRR at t; 0 for an unknown customer.
func (l *Ledger) CustomerMRRAt(id CustomerID, t time.Time) decimal.Decimal {
	for c, x := range l.customers {
		if x == id {
			return l.amount(l.totalAt(c, t.UnixNano()))
		}
	}
	return l.amount(0)
}
