package feedback

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
)

// kpiTickets are worked by hand in TestSupportKPIVectors; times are hours after Mon
// 2026-06-01 09:00Z.
func kpiTickets(t testing.TB) []Ticket {
	base := utc(t, "2026-06-01T09:00:00Z")
	h := func(x float64) time.Time { return base.Add(time.Duration(x * float64(time.Hour))) }
	reply := func(x float64, who string) TicketEvent {
		return TicketEvent{At: h(x), Kind: TicketPublicComment, Actor: ActorAgent, Author: who}
	}
	asks := func(x float64) TicketEvent { return ev(h(x), TicketPublicComment, ActorEndUser) }
	return []Ticket{
		{ID: "A", CreatedAt: h(0), Events: []TicketEvent{reply(1, "alice"), statusEv(h(2), TicketSolved)}},
		{ID: "B", CreatedAt: h(0), Events: []TicketEvent{statusEv(h(0.5), TicketSolved)}},
		{ID: "C", CreatedAt: h(0), Events: []TicketEvent{reply(2, "alice"), statusEv(h(2), TicketPending), asks(3), statusEv(h(3), TicketOpen), reply(4, "bob"), statusEv(h(5), TicketSolved)}},
		{ID: "D", CreatedAt: h(0), Events: []TicketEvent{reply(1, "alice"), statusEv(h(2), TicketSolved), asks(3), statusEv(h(3), TicketOpen), statusEv(h(4), TicketSolved)}},
		{ID: "E", CreatedAt: h(0), Events: []TicketEvent{statusEv(h(1), TicketSolved), asks(2), statusEv(h(2), TicketOpen)}},
		{ID: "F", CreatedAt: h(2), Status: TicketOpen},
		{ID: "G", CreatedAt: h(11), Events: []TicketEvent{reply(12, "alice")}},
	}
}

// Support KPI definitions of feedback.md §2.6 applied by hand to kpiTickets at +10h:
// counted A-F (G is created later); solved A B C D; backlog E F.
func TestSupportKPIVectors(t *testing.T) {
	ts := kpiTickets(t)
	asOf := utc(t, "2026-06-01T19:00:00Z")
	rep, err := SupportKPIs(ts, asOf, SupportKPIOptions{})
	if err != nil {
		t.Fatal(err)
	}
	q := func(p float64, d time.Duration) DurationQuantile { return DurationQuantile{P: p, Value: d} }
	want := SupportReport{
		AsOf: asOf, Tickets: 6, Solved: 4, Unsolved: 2,
		// FRT: A 1h, C 2h, D 1h -> [1h 1h 2h]: mean 80m, p50 rank 2 = 1h, p90 rank 3 = 2h.
		FirstReply: DurationStats{Count: 3, Defined: true, Mean: 80 * time.Minute, Percentiles: []DurationQuantile{q(50, time.Hour), q(90, 2*time.Hour)}},
		// First solve: A 2h, B 30m, C 5h, D 2h, E 1h -> mean 10.5h/5 = 2h6m; p50 rank 3
		// = 2h; p90 rank 5 = 5h.
		FirstResolution: DurationStats{Count: 5, Defined: true, Mean: 126 * time.Minute, Percentiles: []DurationQuantile{q(50, 2*time.Hour), q(90, 5*time.Hour)}},
		// Last solve of solved tickets: A 2h, B 30m, C 5h, D 4h -> mean 2h52m30s; p50
		// rank 2 = 2h; p90 rank 4 = 5h.
		FullResolution: DurationStats{Count: 4, Defined: true, Mean: 172*time.Minute + 30*time.Second, Percentiles: []DurationQuantile{q(50, 2*time.Hour), q(90, 5*time.Hour)}},
		// Explore: A (1 reply), B (0 replies), D (1 reply) of 4 solved.
		OneTouch: SupportRate{3, 4, true, 0.75},
		// Reopened D and E of the 5 tickets solved at least once.
		Reopen: SupportRate{2, 5, true, 0.4},
		// Volume: the 6 tickets created by the as-of instant; no denominators given.
		Created:          6,
		PerActiveAccount: VolumeRate{Tickets: 6, Per: 1},
		PerThousandUsers: VolumeRate{Tickets: 6, Per: 1000},
		// E is 10h old, F 8h.
		BacklogAge: DurationStats{Count: 2, Defined: true, Mean: 9 * time.Hour, Percentiles: []DurationQuantile{q(50, 8*time.Hour), q(90, 10*time.Hour)}},
	}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}

	// Each one-touch definition on the same tickets.
	defs := []struct {
		def  OneTouchDefinition
		want []TicketID
	}{
		{OneTouchZendeskExplore, []TicketID{"A", "B", "D"}},
		{OneTouchZendeskMessaging, []TicketID{"A"}}, // B has no reply, C waited, D reopened
		{OneTouchDbtZendesk, []TicketID{"A", "D"}},  // exactly one agent reply
		{FCRFreshservice, []TicketID{"A", "B"}},     // no requester comment after the description
		{FCRFreshdesk, []TicketID{"A"}},             // D got a comment after the reply
		// C had two agents, D two solves; B was closed by one agent without a public
		// reply, and closing is participating in Intercom's sense.
		{FCRIntercom, []TicketID{"A", "B"}},
		{OneTouchZendeskOneReply, []TicketID{"A", "D"}}, // B has no reply, C two
		{OneTouchDefinition(99), nil},
	}
	for _, d := range defs {
		var got []TicketID
		for i := range ts {
			if OneTouch(&ts[i], d.def) {
				got = append(got, ts[i].ID)
			}
		}
		if diff := cmp.Diff(d.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", d.def, diff)
		}
	}
	// Linear (type 7) percentiles: backlog [8h 10h] at p50 is 9h; first resolution
	// [30m 1h 2h 2h 5h] at p90 is h = 3.6 -> 2h + 0.6 × 3h = 3h48m.
	rep, err = SupportKPIs(ts, asOf, SupportKPIOptions{PercentileMethod: PercentileLinear})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.BacklogAge.Percentiles[0].Value; got != 9*time.Hour {
		t.Errorf("linear backlog p50 = %v", got)
	}
	if got := rep.FirstResolution.Percentiles[1].Value; got != 3*time.Hour+48*time.Minute {
		t.Errorf("linear first resolution p90 = %v", got)
	}
	// dbt_zendesk counts public agent comments, the description of an agent-created
	// ticket included; Zendesk Explore counts replies only.
	ag := Ticket{ID: "H", CreatedAt: asOf.Add(-time.Hour), CreatedByAgent: true, Events: []TicketEvent{
		{At: asOf.Add(-30 * time.Minute), Kind: TicketPublicComment, Actor: ActorAgent}, statusEv(asOf, TicketSolved)}}
	if OneTouch(&ag, OneTouchDbtZendesk) || !OneTouch(&ag, OneTouchZendeskExplore) {
		t.Error("agent-created: dbt must count the description, Explore must not")
	}
	ag.Events = ag.Events[1:]
	if !OneTouch(&ag, OneTouchDbtZendesk) {
		t.Error("agent-created, solved with the description only: dbt one-touch")
	}
	rep, err = SupportKPIs(ts, asOf, SupportKPIOptions{OneTouch: FCRFreshservice, Reopen: ReopenDbtZendesk, Percentiles: []float64{100}})
	if err != nil {
		t.Fatal(err)
	}
	// dbt_zendesk: only D has solves - 1 > 0; E (solved once, reopened now) counts none.
	if rep.Reopen != (SupportRate{1, 5, true, 0.2}) || rep.OneTouch != (SupportRate{2, 4, true, 0.5}) || rep.BacklogAge.Percentiles[0].Value != 10*time.Hour {
		t.Errorf("variants: reopen %+v one-touch %+v backlog %+v", rep.Reopen, rep.OneTouch, rep.BacklogAge)
	}

	// Per-ticket functions see the whole timeline.
	if n := Reopens(&ts[3]); n != 1 {
		t.Errorf("Reopens(D) = %d", n)
	}
	if d, ok := FirstResolutionTime(&ts[3], nil); !ok || d != 2*time.Hour {
		t.Errorf("FirstResolutionTime(D) = %v %v", d, ok)
	}
	if d, ok := FullResolutionTime(&ts[3], nil); !ok || d != 4*time.Hour {
		t.Errorf("FullResolutionTime(D) = %v %v", d, ok)
	}
	if _, ok := FullResolutionTime(&ts[4], nil); ok {
		t.Error("reopened E has a full resolution time")
	}
	if _, ok := FirstResolutionTime(&ts[5], nil); ok {
		t.Error("unsolved F has a first resolution time")
	}
	if d, ok := FirstReplyTime(&ts[6], nil); !ok || d != time.Hour {
		t.Errorf("FirstReplyTime(G) = %v %v", d, ok)
	}
}

func TestFirstReplyTimeVariants(t *testing.T) {
	cal := MustCalendar(BusinessHours{Zone: "UTC", Weekly: weekdays(ClockRange{Clock(9, 0, 0), Clock(17, 0, 0)})})
	fri := utc(t, "2026-06-05T16:00:00Z")
	mon := utc(t, "2026-06-08T10:00:00Z")
	tk := Ticket{ID: "X", CreatedAt: fri, Events: []TicketEvent{
		ev(fri.Add(time.Minute), TicketPublicComment, ActorBot),
		statusEv(fri.Add(2*time.Minute), TicketSolved),
		ev(mon.Add(-time.Hour), TicketPublicComment, ActorEndUser),
		statusEv(mon.Add(-time.Hour), TicketOpen),
		ev(mon, TicketPublicComment, ActorAgent),
	}}
	// The bot reply and the solve do not end native FRT; the agent's reply after the
	// reopen does: Fri 16-17 + Mon 09-10 = 2h business, 66h calendar.
	if d, ok := FirstReplyTime(&tk, cal); !ok || d != 2*time.Hour {
		t.Errorf("business FRT = %v %v", d, ok)
	}
	if d, ok := FirstReplyTime(&tk, nil); !ok || d != 66*time.Hour {
		t.Errorf("calendar FRT = %v %v", d, ok)
	}
	// Agent-created: the description is the first public agent comment, so FRT ends at
	// the next one (Zendesk's "second public agent comment").
	ag := Ticket{ID: "Y", CreatedAt: fri, CreatedByAgent: true, Events: []TicketEvent{ev(mon, TicketPublicComment, ActorAgent)}}
	if d, ok := FirstReplyTime(&ag, nil); !ok || d != 66*time.Hour {
		t.Errorf("agent-created FRT = %v %v", d, ok)
	}
	if _, ok := FirstReplyTime(&Ticket{ID: "Z", CreatedAt: fri}, nil); ok {
		t.Error("FRT without a reply")
	}
}

func TestSupportKPIErrorsAndEmpty(t *testing.T) {
	asOf := utc(t, "2026-06-01T19:00:00Z")
	rep, err := SupportKPIs(nil, asOf, SupportKPIOptions{})
	if err != nil || rep.FirstReply.Defined || rep.OneTouch.Defined || len(rep.BacklogAge.Percentiles) != 2 {
		t.Errorf("empty: %+v %v", rep, err)
	}
	_, err = SupportKPIs([]Ticket{{ID: "ok", CreatedAt: asOf}, {ID: "bad"}}, asOf, SupportKPIOptions{OneTouch: 40, Reopen: 9, Percentiles: []float64{0, math.NaN(), 50}, PercentileMethod: 5})
	var ve *productops.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a validation error, got %v", err)
	}
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field+" "+f.Rule)
	}
	want := []string{"tickets[1].created_at required", "options.one_touch oneof", "options.percentile_method oneof", "options.reopen oneof", "options.percentiles[0] range", "options.percentiles[1] range"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestCSATCESDeflection(t *testing.T) {
	// Binary: good, good, bad answered, one unanswered: 2/3 satisfied, response 3/4.
	res, err := CSAT([]CSATSurvey{{"1", CSATBinary, true, 1}, {"2", CSATBinary, true, 1}, {"3", CSATBinary, true, 0}, {"4", CSATBinary, false, 0}})
	if err != nil {
		t.Fatal(err)
	}
	want := CSATResult{Scale: CSATBinary, Satisfied: SupportRate{2, 3, true, 2.0 / 3}, MeanScore: 2.0 / 3, MeanDefined: true, ResponseRate: SupportRate{3, 4, true, 0.75}}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("binary (-want +got):\n%s", diff)
	}
	// Five-point: 5 4 3 2 and one unanswered: top-2-box 2/4, mean 3.5, response 4/5.
	res, err = CSAT([]CSATSurvey{{"1", CSATFivePoint, true, 5}, {"2", CSATFivePoint, true, 4}, {"3", CSATFivePoint, true, 3}, {"4", CSATFivePoint, true, 2}, {"5", CSATFivePoint, false, 0}})
	if err != nil {
		t.Fatal(err)
	}
	want = CSATResult{Scale: CSATFivePoint, Satisfied: SupportRate{2, 4, true, 0.5}, MeanScore: 3.5, MeanDefined: true, ResponseRate: SupportRate{4, 5, true, 0.8}}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("five-point (-want +got):\n%s", diff)
	}
	res, err = CSAT([]CSATSurvey{{"1", CSATSevenPoint, true, 6}, {"2", CSATSevenPoint, true, 5}})
	if err != nil || res.Satisfied != (SupportRate{1, 2, true, 0.5}) {
		t.Errorf("seven-point: %+v %v", res, err)
	}
	res, err = CSAT(nil)
	if err != nil || res.Satisfied.Defined || res.MeanDefined || res.ResponseRate.Defined {
		t.Errorf("empty: %+v %v", res, err)
	}
	_, err = CSAT([]CSATSurvey{{"1", CSATFivePoint, true, 6}, {"2", CSATBinary, true, 1}})
	if !errors.As(err, new(*productops.ValidationError)) || !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad CSAT: %v", err)
	}
	if _, err := CSAT([]CSATSurvey{{"1", 7, true, 1}}); err == nil {
		t.Error("undefined scale accepted")
	}

	// CES 7 6 5 4 2 1: low effort 3/6, neutral 1/6, high 2/6, mean 25/6.
	ces, err := CES([]int{7, 6, 5, 4, 2, 1})
	if err != nil {
		t.Fatal(err)
	}
	wantCES := CESResult{Responses: 6, Mean: 25.0 / 6, MeanDefined: true, LowEffort: SupportRate{3, 6, true, 0.5}, Neutral: SupportRate{1, 6, true, 1.0 / 6}, HighEffort: SupportRate{2, 6, true, 2.0 / 6}}
	if diff := cmp.Diff(wantCES, ces); diff != "" {
		t.Errorf("CES (-want +got):\n%s", diff)
	}
	if _, err := CES([]int{0, 8}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("bad CES: %v", err)
	}

	// 4000 help-centre users per 100 ticket users = 40:1; 300 of 1000 resolutions deflected.
	d, err := Deflection(DeflectionCounts{HelpCenterUsers: 4000, TicketUsers: 100, SelfServiceResolutions: 300, Tickets: 700})
	if err != nil || d.SelfServiceScore != (SupportRate{4000, 100, true, 40}) || d.DeflectionRate != (SupportRate{300, 1000, true, 0.3}) {
		t.Errorf("deflection: %+v %v", d, err)
	}
	if d, _ := Deflection(DeflectionCounts{}); d.SelfServiceScore.Defined || d.DeflectionRate.Defined {
		t.Error("0/0 defined")
	}
	if _, err := Deflection(DeflectionCounts{Tickets: -1}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("negative: %v", err)
	}
}
