package feedback

import (
	"encoding"
	"encoding/json"
	"strings"
	"testing"
)

// textEnum is every enum of the demand and dedupe half, for round trips.
type textEnum interface {
	encoding.TextMarshaler
	String() string
}

func enums() map[string][]textEnum {
	return map[string][]textEnum{
		"lifecycle": {LifecycleUnknown, LifecycleProspect, LifecycleTrial, LifecycleActive, LifecycleChurned},
		"role":      {RoleCustomer, RoleProspect, RoleInternal},
		"state":     {ItemUnprocessed, ItemProcessed, ItemArchived},
		"status":    {RequestNew, RequestUnderReview, RequestPlanned, RequestInProgress, RequestCompleted, RequestDeclined, RequestClosed},
		"revenue":   {RevenueSum, RevenueAverage, RevenueMin, RevenueMax},
		"measure":   {MeasureMRR, MeasureARR},
		"asof":      {AccountsAsOfNow, AccountsAsOfFeedback},
		"signal":    {SignalLink, SignalVote},
		"shingling": {WordUnigrams, CharTrigrams},
		"match":     {MatchExact, MatchDuplicate, MatchSimilar},
	}
}

// decoderFor returns a fresh pointer of the enum's type.
func decoderFor(kind string) encoding.TextUnmarshaler {
	switch kind {
	case "lifecycle":
		return new(AccountLifecycle)
	case "role":
		return new(PersonRole)
	case "state":
		return new(ItemState)
	case "status":
		return new(RequestStatus)
	case "revenue":
		return new(RevenueAggregation)
	case "measure":
		return new(RevenueMeasure)
	case "asof":
		return new(AccountsAsOf)
	case "signal":
		return new(SignalKind)
	case "shingling":
		return new(Shingling)
	default:
		return new(MatchKind)
	}
}

func TestEnumText(t *testing.T) {
	for kind, vals := range enums() {
		for _, v := range vals {
			b, err := v.MarshalText()
			if err != nil || string(b) != v.String() {
				t.Errorf("%s %v: MarshalText = %q, %v", kind, v, b, err)
			}
			d := decoderFor(kind)
			if err := d.UnmarshalText(b); err != nil || d.(textEnum).String() != v.String() {
				t.Errorf("%s: UnmarshalText(%q) = %v, %v", kind, b, d, err)
			}
		}
		if err := decoderFor(kind).UnmarshalText([]byte("nope")); err == nil || !strings.HasPrefix(err.Error(), "feedback: unknown") {
			t.Errorf("%s: bad text: %v", kind, err)
		}
	}
	if s := RequestStatus(99).String(); s != "RequestStatus(99)" {
		t.Errorf("undefined String = %q", s)
	}
	for _, v := range []textEnum{AccountLifecycle(9), PersonRole(9), ItemState(9), RequestStatus(99), RevenueAggregation(9),
		RevenueMeasure(9), AccountsAsOf(9), SignalKind(9), Shingling(9), MatchKind(9)} {
		if _, err := v.MarshalText(); err == nil {
			t.Errorf("%v: MarshalText of an undefined value succeeded", v)
		}
	}
	b, err := json.Marshal(struct{ S RequestStatus }{RequestInProgress})
	if err != nil || string(b) != `{"S":"in_progress"}` {
		t.Errorf("json: %s, %v", b, err)
	}
}

func FuzzEnumUnmarshalText(f *testing.F) {
	for _, vals := range enums() {
		for _, v := range vals {
			f.Add(v.String())
		}
	}
	f.Add("")
	f.Add("\xff")
	f.Fuzz(func(t *testing.T, s string) {
		for kind := range enums() {
			d := decoderFor(kind)
			if err := d.UnmarshalText([]byte(s)); err != nil {
				continue
			}
			// A decoded value is defined and encodes back to the same text.
			b, err := d.(textEnum).MarshalText()
			if err != nil || string(b) != s {
				t.Fatalf("%s: %q decoded but re-encodes as %q, %v", kind, s, b, err)
			}
		}
	})
}
