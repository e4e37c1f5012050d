package feedback

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/productops/productops/internal/proptest"
)

func TestSLACompliance(t *testing.T) {
	var c SLACompliance
	c.Add(
		SLAResult{Metric: SLAFirstReply, State: SLAAchieved},
		SLAResult{Metric: SLAFirstReply, State: SLABreached},
		SLAResult{Metric: SLAFirstReply, State: SLAAchieved},
		SLAResult{Metric: SLAAgentWork, State: SLAPaused},
		SLAResult{Metric: SLAAgentWork, State: SLAActive},
		SLAResult{Metric: 0, State: SLAAchieved},
		SLAResult{Metric: SLANextReply, State: 9},
	)
	if got := c.Metric(SLAFirstReply); got != (SLATally{Achieved: 2, Breached: 1}) {
		t.Errorf("first reply = %+v", got)
	}
	// 2 of 3 decided first replies met; agent work has nothing decided yet.
	if got := c.Metric(SLAFirstReply).Compliance(); got != (SupportRate{2, 3, true, 2.0 / 3}) {
		t.Errorf("compliance = %+v", got)
	}
	if got := c.Metric(SLAAgentWork).Compliance(); got.Defined {
		t.Errorf("undecided compliance = %+v", got)
	}
	if got := c.Total(); got != (SLATally{Achieved: 2, Breached: 1, Active: 1, Paused: 1}) || got.Results() != 5 {
		t.Errorf("total = %+v", got)
	}
	if c.Metric(0) != (SLATally{}) || c.Metric(99) != (SLATally{}) {
		t.Error("undefined metric has a tally")
	}
	b, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"agent_work_time":{"achieved":0,"breached":0,"active":1,"paused":1},"first_reply_time":{"achieved":2,"breached":1,"active":0,"paused":0}}`
	if string(b) != want {
		t.Errorf("json = %s", b)
	}
	var back SLACompliance
	if err := json.Unmarshal(b, &back); err != nil || back != c {
		t.Errorf("round trip = %+v, %v", back, err)
	}
	for _, bad := range []string{`{"soon":{}}`, `{"first_reply_time":{"achieved":-1}}`, `[]`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	var metrics []SLAMetric
	for m := range c.All() {
		metrics = append(metrics, m)
		break
	}
	if diff := cmp.Diff([]SLAMetric{SLAFirstReply}, metrics); diff != "" {
		t.Errorf("All with early stop (-want +got):\n%s", diff)
	}
}

// Tallying a queue split in two and merging equals tallying it whole.
func TestSLAComplianceMergeProperty(t *testing.T) {
	e := standardEvaluator(t)
	ts := genTickets(300)
	asOf := time.Date(2026, 8, 15, 0, 0, 0, 0, time.UTC)
	var whole SLACompliance
	var rs []SLAResult
	for i := range ts {
		var err error
		if rs, err = e.EvaluateInto(rs[:0], &ts[i], asOf); err != nil {
			t.Fatal(err)
		}
		whole.Add(rs...)
	}
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("merge of parts equals the whole", prop.ForAll(func(cut int) bool {
		var a, b SLACompliance
		for i := range ts {
			rs, _ = e.EvaluateInto(rs[:0], &ts[i], asOf)
			if i < cut {
				a.Add(rs...)
			} else {
				b.Add(rs...)
			}
		}
		a.Merge(&b)
		return a == whole
	}, gen.IntRange(0, len(ts))))
	props.TestingRun(t)
	if whole.Total().Results() == 0 {
		t.Fatal("no results to tally")
	}
}

func FuzzSLAComplianceJSON(f *testing.F) {
	for _, s := range []string{`{"agent_work_time":{"achieved":0,"breached":0,"active":1,"paused":1}}`, `{}`, `{"x":1}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var c SLACompliance
		if json.Unmarshal([]byte(s), &c) != nil {
			return
		}
		b, err := json.Marshal(&c)
		if err != nil {
			t.Fatal(err)
		}
		var back SLACompliance
		if err := json.Unmarshal(b, &back); err != nil || back != c {
			t.Fatalf("%q: round trip %s -> %+v, %v", s, b, back, err)
		}
	})
}
