package feedback

import (
	"encoding"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/enum"
)

// textEnum is what every enum of the package implements.
type textEnum interface {
	encoding.TextMarshaler
	String() string
}

// enumCase is one enum type: its defined values and a decoder of a fresh value.
type enumCase struct {
	values []textEnum
	decode func([]byte) (textEnum, error)
	bad    textEnum // an undefined value
}

func decodeAs[E interface {
	textEnum
	comparable
}, P interface {
	*E
	encoding.TextUnmarshaler
}]() func([]byte) (textEnum, error) {
	return func(b []byte) (textEnum, error) {
		var v E
		err := P(&v).UnmarshalText(b)
		return v, err
	}
}

func valuesOf[E textEnum](vs ...E) []textEnum {
	out := make([]textEnum, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// enums lists every enum of the package.
func enums() map[string]enumCase {
	return map[string]enumCase{
		"lifecycle":   {valuesOf(LifecycleUnknown, LifecycleProspect, LifecycleTrial, LifecycleActive, LifecycleChurned), decodeAs[AccountLifecycle](), AccountLifecycle(9)},
		"role":        {valuesOf(RoleCustomer, RoleProspect, RoleInternal), decodeAs[PersonRole](), PersonRole(9)},
		"item state":  {valuesOf(ItemUnprocessed, ItemProcessed, ItemArchived), decodeAs[ItemState](), ItemState(9)},
		"request":     {valuesOf(RequestNew, RequestUnderReview, RequestPlanned, RequestInProgress, RequestCompleted, RequestDeclined, RequestClosed), decodeAs[RequestStatus](), RequestStatus(99)},
		"revenue":     {valuesOf(RevenueSum, RevenueAverage, RevenueMin, RevenueMax), decodeAs[RevenueAggregation](), RevenueAggregation(9)},
		"measure":     {valuesOf(MeasureMRR, MeasureARR), decodeAs[RevenueMeasure](), RevenueMeasure(9)},
		"asof":        {valuesOf(AccountsAsOfNow, AccountsAsOfFeedback), decodeAs[AccountsAsOf](), AccountsAsOf(9)},
		"signal":      {valuesOf(SignalLink, SignalVote), decodeAs[SignalKind](), SignalKind(9)},
		"shingling":   {valuesOf(WordUnigrams, CharTrigrams, WordBigrams, WordTrigrams), decodeAs[Shingling](), Shingling(99)},
		"measure sim": {valuesOf(SimilarityJaccard, SimilarityCosineTF, SimilarityCosineTFIDF), decodeAs[SimilarityMeasure](), SimilarityMeasure(9)},
		"channel":     {valuesOf(ChannelInsight, ChannelPortal, ChannelImport), decodeAs[SignalChannel](), SignalChannel(9)},
		"rule":        {valuesOf(ImportanceChannelDefault, ImportanceLatest, ImportanceFirst), decodeAs[ImportanceRule](), ImportanceRule(9)},
		"merge":       {valuesOf(MergeAsLink, MergeFider), decodeAs[MergeMode](), MergeMode(9)},
		"match":       {valuesOf(MatchExact, MatchDuplicate, MatchSimilar), decodeAs[MatchKind](), MatchKind(9)},
		"ticket":      {valuesOf(TicketNew, TicketOpen, TicketPending, TicketOnHold, TicketSolved, TicketClosed), decodeAs[TicketStatus](), TicketStatus(9)},
		"priority":    {valuesOf(TicketPriorityNone, TicketPriorityLow, TicketPriorityNormal, TicketPriorityHigh, TicketPriorityUrgent), decodeAs[TicketPriority](), TicketPriority(9)},
		"event":       {valuesOf(TicketStatusChanged, TicketPublicComment, TicketInternalNote, TicketPriorityChanged), decodeAs[TicketEventKind](), TicketEventKind(99)},
		"actor":       {valuesOf(ActorEndUser, ActorAgent, ActorBot), decodeAs[TicketActor](), TicketActor(9)},
		"metric":      {valuesOf(SLAFirstReply, SLANextReply, SLAPeriodicUpdate, SLAPausableUpdate, SLARequesterWait, SLAAgentWork, SLATotalResolution), decodeAs[SLAMetric](), SLAMetric(0)},
		"sla state":   {valuesOf(SLAActive, SLAPaused, SLAAchieved, SLABreached), decodeAs[SLAState](), SLAState(9)},
		"fulfilment":  {valuesOf(FulfilledNot, FulfilledReply, FulfilledSolve), decodeAs[SLAFulfilment](), SLAFulfilment(9)},
		"one-touch":   {valuesOf(OneTouchZendeskExplore, OneTouchZendeskMessaging, OneTouchDbtZendesk, FCRFreshservice, FCRFreshdesk, FCRIntercom, OneTouchZendeskOneReply), decodeAs[OneTouchDefinition](), OneTouchDefinition(99)},
		"reopen":      {valuesOf(ReopenTransitions, ReopenDbtZendesk), decodeAs[ReopenDefinition](), ReopenDefinition(9)},
		"percentile":  {valuesOf(PercentileNearestRank, PercentileLinear), decodeAs[PercentileMethod](), PercentileMethod(9)},
		"csat scale":  {valuesOf(CSATBinary, CSATFivePoint, CSATSevenPoint), decodeAs[CSATScale](), CSATScale(9)},
	}
}

func TestEnumText(t *testing.T) {
	for kind, c := range enums() {
		for _, v := range c.values {
			b, err := v.MarshalText()
			if err != nil || string(b) != v.String() {
				t.Errorf("%s %v: MarshalText = %q, %v", kind, v, b, err)
			}
			// Canonical text, and the same text in upper case with spaces for "_".
			for _, in := range []string{string(b), strings.ToUpper(strings.ReplaceAll(string(b), "_", " "))} {
				got, err := c.decode([]byte(in))
				if err != nil || got != v {
					t.Errorf("%s: UnmarshalText(%q) = %v, %v; want %v", kind, in, got, err, v)
				}
			}
		}
		if _, err := c.decode([]byte("nope")); !errors.Is(err, productops.ErrInvalid) || !strings.HasPrefix(err.Error(), "feedback: ") {
			t.Errorf("%s: bad text: %v", kind, err)
		}
		if _, err := c.bad.MarshalText(); !errors.Is(err, productops.ErrInvalid) {
			t.Errorf("%s: MarshalText of undefined %v: %v", kind, c.bad, err)
		}
		if s := c.bad.String(); !strings.HasSuffix(s, ")") || !strings.Contains(s, "(") {
			t.Errorf("%s: undefined String = %q", kind, s)
		}
	}
	if s := RequestStatus(99).String(); s != "request status(99)" {
		t.Errorf("undefined String = %q", s)
	}
	b, err := json.Marshal(struct{ S RequestStatus }{RequestInProgress})
	if err != nil || string(b) != `{"S":"in_progress"}` {
		t.Errorf("json: %s, %v", b, err)
	}
}

// Spellings accepted before the move to internal/enum keep working.
func TestEnumAliases(t *testing.T) {
	for _, in := range []string{"hold", "on-hold", "on_hold", "On Hold"} {
		var s TicketStatus
		if err := s.UnmarshalText([]byte(in)); err != nil || s != TicketOnHold {
			t.Errorf("%q: %v %v", in, s, err)
		}
	}
	var f SLAFulfilment = FulfilledSolve
	if err := f.UnmarshalText(nil); err != nil || f != FulfilledNot {
		t.Errorf("empty fulfilment: %v %v", f, err)
	}
	var m SLAMetric
	if err := m.UnmarshalText(nil); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("empty metric: %v", err)
	}
}

func FuzzEnumUnmarshalText(f *testing.F) {
	for _, c := range enums() {
		for _, v := range c.values {
			f.Add(v.String())
		}
	}
	for _, s := range []string{"", "\xff", "on-hold", "In Progress", "slack", "app"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for kind, c := range enums() {
			v, err := c.decode([]byte(s))
			if err != nil {
				if !errors.Is(err, productops.ErrInvalid) {
					t.Fatalf("%s: %q: error %v is not ErrInvalid", kind, s, err)
				}
				continue
			}
			// A decoded value is defined, encodes to a canonical text that decodes back
			// to it, and that text matches the input after folding (or the input was an
			// alias).
			b, err := v.MarshalText()
			if err != nil {
				t.Fatalf("%s: %q decoded to undefined %v: %v", kind, s, v, err)
			}
			back, err := c.decode(b)
			if err != nil || back != v {
				t.Fatalf("%s: %q -> %q -> %v, %v", kind, s, b, back, err)
			}
			if enum.Fold(string(b)) != enum.Fold(s) && s != "" && !slices.Contains([]string{"onhold", "slack", "app"}, enum.Fold(s)) {
				t.Fatalf("%s: %q decoded as %q", kind, s, b)
			}
		}
	})
}
