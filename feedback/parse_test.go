package feedback

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops/internal/fieldtest"
)

func TestParseDataset(t *testing.T) {
	b, err := os.ReadFile("testdata/dataset.json")
	if err != nil {
		t.Fatal(err)
	}
	strict, err := ParseDataset(b)
	if err != nil {
		t.Fatal(err)
	}
	var lenient Dataset
	if err := json.Unmarshal(b, &lenient); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(lenient, strict); diff != "" {
		t.Errorf("strict and lenient differ (-lenient +strict)\n%s", diff)
	}
	for name, tc := range map[string]struct {
		in   string
		want []string
	}{
		// json.Unmarshal drops the misspelt field silently; ParseDataset names it.
		"unknown field":    {`{"accounts":[{"id":"a","segmnet":"enterprise"}]}`, []string{" json"}},
		"trailing data":    {`{"accounts":[]} {}`, []string{" json"}},
		"wrong type":       {`{"accounts":[{"id":7}]}`, []string{"accounts.id type"}},
		"malformed":        {`{"accounts":[`, []string{" json"}},
		"invalid contents": {`{"people":[{"id":"p","account":"nope"}]}`, []string{"people[0].account exists"}},
		"bad enum":         {`{"people":[{"id":"p","role":"boss"}]}`, []string{" oneof"}},
	} {
		_, err := ParseDataset([]byte(tc.in))
		if diff := cmp.Diff(tc.want, fieldtest.Rules(t, err)); diff != "" {
			t.Errorf("%s (-want +got)\n%s\n%v", name, diff, err)
		}
	}
	var lost Dataset
	if err := json.Unmarshal([]byte(`{"accounts":[{"id":"a","segmnet":"enterprise"}]}`), &lost); err != nil || lost.Accounts[0].Segment != "" {
		t.Errorf("json.Unmarshal: %v %+v", err, lost)
	}
}

func TestParseOptionsAndSupport(t *testing.T) {
	if o, err := ParseDemandOptions([]byte(`{"revenue":"max","measure":"arr","segment_weights":{"smb":"0.5"}}`)); err != nil || o.Revenue != RevenueMax || o.Measure != MeasureARR {
		t.Errorf("ParseDemandOptions = %+v, %v", o, err)
	}
	if diff := cmp.Diff([]string{" json"}, fieldtest.Rules(t, mustErr(ParseDemandOptions([]byte(`{"revenu":"max"}`))))); diff != "" {
		t.Errorf("demand options (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff([]string{`segment_weights["smb"] dgte`}, fieldtest.Rules(t, mustErr(ParseDemandOptions([]byte(`{"segment_weights":{"smb":"-1"}}`))))); diff != "" {
		t.Errorf("demand options (-want +got)\n%s", diff)
	}
	if o, err := ParseDedupeOptions([]byte(`{"shingling":"char_trigrams","max_pairs":10}`)); err != nil || o.Shingling != CharTrigrams || o.MaxPairs != 10 {
		t.Errorf("ParseDedupeOptions = %+v, %v", o, err)
	}
	if diff := cmp.Diff([]string{"bands gte"}, fieldtest.Rules(t, mustErr(ParseDedupeOptions([]byte(`{"bands":-1}`))))); diff != "" {
		t.Errorf("dedupe options (-want +got)\n%s", diff)
	}
	if _, err := ParseDedupeOptions([]byte(`{"band":1}`)); err == nil {
		t.Error("unknown dedupe option accepted")
	}
	h, err := ParseBusinessHours([]byte(`{"zone":"Europe/Berlin","weekly":[[],["09:00-17:00"],[],[],[],[],[]]}`))
	if err != nil || h.Weekly[1][0] != (ClockRange{Clock(9, 0, 0), Clock(17, 0, 0)}) {
		t.Errorf("ParseBusinessHours = %+v, %v", h, err)
	}
	for _, in := range []string{`{"zone":"Europe/Berlin","weekly":[[],["09:00-17:00"],[],[],[],[],[]],"holiday":[]}`, `{"zone":"Nowhere/City","weekly":[["09:00-17:00"]]}`} {
		if _, err := ParseBusinessHours([]byte(in)); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
	ts, err := ParseTickets([]byte(`[{"id":"T1","created_at":"2026-06-01T09:00:00Z","priority":"high","status":"open",
		"events":[{"at":"2026-06-01T10:00:00Z","kind":"public_comment","actor":"agent"}]}]`))
	if err != nil || len(ts) != 1 || ts[0].Priority != TicketPriorityHigh || len(ts[0].Events) != 1 {
		t.Errorf("ParseTickets = %+v, %v", ts, err)
	}
	if diff := cmp.Diff([]string{"[1].id required", "[1].created_at required"}, fieldtest.Rules(t, mustErr(ParseTickets([]byte(`[{"id":"a","created_at":"2026-06-01T09:00:00Z"},{}]`))))); diff != "" {
		t.Errorf("tickets (-want +got)\n%s", diff)
	}
	if _, err := ParseTickets([]byte(`[{"id":"a","created_at":"2026-06-01T09:00:00Z","prio":"high"}]`)); err == nil {
		t.Error("unknown ticket field accepted")
	}
	ps, err := ParseSLAPolicies([]byte(`[{"name":"std","filter":{"tags":["vip"]},"targets":[{"metric":"first_reply_time","priority":"high","target":"1h30m","business_hours":true}]}]`))
	want := []SLAPolicy{{Name: "std", Filter: SLAFilter{Tags: []string{"vip"}}, Targets: []SLATarget{{Metric: SLAFirstReply, Priority: TicketPriorityHigh, Target: 90 * time.Minute, BusinessHours: true}}}}
	if diff := cmp.Diff(want, ps); err != nil || diff != "" {
		t.Errorf("ParseSLAPolicies (-want +got) %v\n%s", err, diff)
	}
	// An unknown field inside a target is caught too: SLATarget's own UnmarshalJSON
	// would not see DisallowUnknownFields.
	if _, err := ParseSLAPolicies([]byte(`[{"name":"std","targets":[{"metric":"first_reply_time","priority":"high","target":"1h","busines_hours":true}]}]`)); err == nil {
		t.Error("unknown target field accepted")
	}
	if diff := cmp.Diff([]string{"[0].targets[0].target duration"}, fieldtest.Rules(t, mustErr(ParseSLAPolicies([]byte(`[{"name":"std","targets":[{"metric":"first_reply_time","priority":"high","target":"soon"}]}]`))))); diff != "" {
		t.Errorf("policies (-want +got)\n%s", diff)
	}
}
