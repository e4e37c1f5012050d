package feedback_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/productops/productops"
	"github.com/productops/productops/feedback"
	"github.com/shopspring/decimal"
)

func at(day int) time.Time { return time.Date(2026, 3, day, 9, 0, 0, 0, time.UTC) }

func importance(v int) *int { return &v }

// sample is a small dataset: Acme (enterprise, MRR 1000 USD) with Ann and Bob, Globex (smb,
// MRR 250 USD) with Cho; two requests and a duplicate of the first.
func sample() *feedback.Dataset {
	return &feedback.Dataset{
		Accounts: []feedback.Account{
			{ID: "acme", AccountState: feedback.AccountState{Segment: "enterprise", MRR: decimal.NewFromInt(1000), Currency: "USD"}},
			{ID: "globex", AccountState: feedback.AccountState{Segment: "smb", MRR: decimal.NewFromInt(250), Currency: "USD"},
				Snapshots: []feedback.AccountSnapshot{{At: at(1), AccountState: feedback.AccountState{Segment: "smb", MRR: decimal.NewFromInt(100), Currency: "USD"}}}},
		},
		People: []feedback.Person{{ID: "ann", Account: "acme"}, {ID: "bob", Account: "acme"}, {ID: "cho", Account: "globex"}},
		Items: []feedback.Item{
			{ID: "t1", Source: feedback.SourceSupportTicket, SourceRecord: "4711", Text: "We need SAML SSO", Author: "ann", CreatedAt: at(2)},
			{ID: "t2", Source: feedback.SourceSalesCall, SourceRecord: "c-9", Text: "SSO blocks our renewal", Author: "bob", CreatedAt: at(3)},
			{ID: "t3", Source: feedback.SourceSurvey, SourceRecord: "s-1", Text: "Dark mode please", Author: "cho", CreatedAt: at(4)},
		},
		Links: []feedback.Link{
			{Item: "t1", Request: "sso", Importance: importance(2)},
			{Item: "t2", Request: "sso", Importance: importance(3)},
			{Item: "t3", Request: "dark"},
		},
		Votes: []feedback.Vote{
			{Request: "saml", Person: "cho", CreatedAt: at(5), Importance: importance(3)},
			{Request: "saml", Person: "ann", CreatedAt: at(6)},
		},
		Requests: []feedback.Request{
			{ID: "sso", Title: "Single sign-on", Status: feedback.RequestNew},
			{ID: "saml", Title: "SAML login"},
			{ID: "dark", Title: "Dark mode"},
		},
	}
}

func ExampleDemand() {
	ds := sample()
	if err := ds.Merge("saml", "sso", at(7)); err != nil {
		panic(err)
	}
	r, err := feedback.Demand(ds, at(10), feedback.DemandOptions{})
	if err != nil {
		panic(err)
	}
	for _, d := range r.Requests {
		fmt.Printf("%s: %d people, %d accounts, %d points, MRR %s %s\n",
			d.Request, d.People, d.Accounts, d.Points, d.Revenue.Value, d.Revenue.Currency)
		for _, c := range d.Contributors {
			fmt.Printf("  %s via %s on %s: %s\n", c.Person, c.Kind, c.Request, c.Label)
		}
	}
	// Output:
	// sso: 3 people, 2 accounts, 7 points, MRR 1250 USD
	//   bob via link on sso: critical
	//   cho via vote on saml: critical
	//   ann via vote on saml: nice-to-have
	// dark: 1 people, 1 accounts, 1 points, MRR 250 USD
	//   cho via link on dark: nice-to-have
}

// Segment weights, revenue as of the feedback's time and a named aggregation.
func ExampleDemand_options() {
	r, err := feedback.Demand(sample(), at(10), feedback.DemandOptions{
		SegmentWeights: map[string]decimal.Decimal{"enterprise": decimal.NewFromInt(2)},
		AccountsAsOf:   feedback.AccountsAsOfFeedback,
		Revenue:        feedback.RevenueMax,
		From:           at(3),
	})
	if err != nil {
		panic(err)
	}
	for _, d := range r.Requests {
		fmt.Printf("%s: score %s, max MRR %s (defined %t), %d outside the window\n",
			d.Request, d.Score, d.Revenue.Value, d.Revenue.Defined, d.Excluded.OutsideWindow)
	}
	// Output:
	// sso: score 6, max MRR 1000 (defined true), 1 outside the window
	// saml: score 5, max MRR 1000 (defined true), 0 outside the window
	// dark: score 1, max MRR 100 (defined true), 0 outside the window
}

func ExampleDemandReport_WriteText() {
	r, err := feedback.Demand(sample(), at(10), feedback.DemandOptions{})
	if err != nil {
		panic(err)
	}
	if err := r.WriteText(os.Stdout, 2); err != nil {
		panic(err)
	}
	// Output:
	// demand as of 2026-03-10 09:00 UTC (scale productboard, revenue sum of MRR, accounts as of now)
	// 1. Single sign-on [new] score 5: 2 people, 1 account, 5 points, sum 1000.00 USD
	//    - acme (enterprise): 2 people, score 5, MRR 1000.00 USD
	// 2. SAML login [new] score 4: 2 people, 2 accounts, 4 points, sum 1250.00 USD
	//    - globex (smb): 1 person, score 3, MRR 250.00 USD
	//    - acme (enterprise): 1 person, score 1, MRR 1000.00 USD
}

func ExampleDemandReport_Request() {
	r, _ := feedback.Demand(sample(), at(10), feedback.DemandOptions{Revenue: feedback.RevenueAverage})
	d, ok := r.Request("saml")
	fmt.Println(ok, d.Revenue.Aggregation, d.Revenue.Value)
	// Output: true average 625
}

// Bad input is named record by record.
func ExampleDataset_Validate() {
	ds := sample()
	ds.Links[0].Request = "nope"
	ds.Accounts[1].Snapshots[0].Currency = "EUR"
	err := ds.Validate()
	fmt.Println(errors.Is(err, productops.ErrInvalid))
	fmt.Println(err)
	// Output:
	// true
	// feedback: dataset: invalid: accounts[1].snapshots[0].currency: revenue in EUR but the account's revenue is in USD: one account has one currency; links[0].request: unknown request "nope"
}

// Importance off the scale is an error that names the link.
func ExampleDemand_error() {
	ds := sample()
	ds.Links[0].Importance = importance(5)
	_, err := feedback.Demand(ds, at(10), feedback.DemandOptions{})
	fmt.Println(err)
	// Output: feedback: demand: invalid: links[0].importance: 5 is off the productboard scale 0..3
}

func ExampleDataset_Merge() {
	ds := sample()
	_ = ds.Merge("saml", "sso", at(7))
	err := ds.Merge("sso", "saml", at(8))
	fmt.Println(err)
	c, _ := ds.Canonical("saml")
	fmt.Println(c, ds.MergedInto("sso"))
	// Output:
	// feedback: dataset: invalid: into: merge cycle: "saml" resolves to "sso"
	// sso [saml]
}

func ExampleDataset_Unmerge() {
	ds := sample()
	_ = ds.Merge("saml", "sso", at(7))
	_ = ds.Unmerge("saml")
	c, _ := ds.Canonical("saml")
	fmt.Println(c, ds.Unmerge("saml"))
	// Output: saml feedback: dataset: invalid: dup: request not merged: "saml"
}

func ExampleDataset_Canonical() {
	ds := &feedback.Dataset{Requests: []feedback.Request{{ID: "a", MergedInto: "b"}, {ID: "b", MergedInto: "c"}, {ID: "c"}}}
	c, err := ds.Canonical("a")
	fmt.Println(c, err)
	// Output: c <nil>
}

func ExampleDataset_MergedInto() {
	ds := &feedback.Dataset{Requests: []feedback.Request{{ID: "a", MergedInto: "b"}, {ID: "b", MergedInto: "c"}, {ID: "c"}}}
	fmt.Println(ds.MergedInto("c"), ds.MergedInto("b"))
	// Output: [a b] [a]
}

func ExampleAccount_StateAt() {
	a := sample().Accounts[1]
	fmt.Println(a.StateAt(at(2)).MRR, a.StateAt(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)).MRR)
	// Output: 100 250
}

func ExampleAccount_Validate() {
	a := feedback.Account{ID: "x", AccountState: feedback.AccountState{MRR: decimal.NewFromInt(-5)}}
	fmt.Println(a.Validate())
	// Output: feedback: account "x": invalid: mrr: must be at least 0; currency: required when mrr or arr is set
}

func ExamplePerson_Validate() {
	fmt.Println(feedback.Person{ID: "p", Email: "nope"}.Validate())
	// Output: feedback: person "p": invalid: email: must be an email address
}

func ExampleItem_Validate() {
	it := feedback.Item{ID: "i", Source: "survey", SourceRecord: "1", Author: "p", CreatedAt: at(1),
		Rating: &feedback.Rating{Value: 6, Min: 1, Max: 5}}
	fmt.Println(it.Validate())
	// Output: feedback: item "i": invalid: rating.value: 6 is outside the scale 1..5
}

func ExampleLink_Validate() {
	fmt.Println(feedback.Link{Item: "i", Request: "r", Importance: importance(-1)}.Validate())
	// Output: feedback: link "i" -> "r": invalid: importance: -1 is negative
}

func ExampleVote_Validate() {
	fmt.Println(feedback.Vote{Request: "r", Person: "p"}.Validate())
	// Output: feedback: vote of "p" on "r": invalid: created_at: is required
}

func ExampleTheme_Validate() {
	fmt.Println(feedback.Theme{ID: "t", Parent: "t"}.Validate())
	// Output: feedback: theme "t": invalid: parent: a theme cannot be its own parent
}

func ExampleRequest_Validate() {
	r := feedback.Request{ID: "r", Status: feedback.RequestPlanned}
	fmt.Println(r.Validate())
	// Output: feedback: request "r": invalid: status: is planned but the history ends at new
}

func ExampleRequest_SetStatus() {
	r := feedback.Request{ID: "sso"}
	fmt.Println(r.SetStatus(feedback.RequestPlanned, at(1), "pm", "Q2"))
	fmt.Println(r.SetStatus(feedback.RequestCompleted, at(20), "pm", ""))
	fmt.Println(r.SetStatus(feedback.RequestInProgress, at(21), "pm", ""))
	fmt.Println(r.Status, len(r.History))
	// Output:
	// <nil>
	// <nil>
	// feedback: request "sso": invalid: status: completed to in_progress is not allowed
	// completed 2
}

func ExampleRequest_StatusAt() {
	r := feedback.Request{ID: "sso"}
	_ = r.SetStatus(feedback.RequestPlanned, at(5), "", "")
	fmt.Println(r.StatusAt(at(4)), r.StatusAt(at(5)))
	// Output: new planned
}

func ExampleRequestStatus_CanTransition() {
	fmt.Println(feedback.RequestDeclined.CanTransition(feedback.RequestUnderReview),
		feedback.RequestDeclined.CanTransition(feedback.RequestInProgress),
		feedback.RequestPlanned.Open())
	// Output: true false true
}

func ExampleRequestStatus_MarshalText() {
	b, _ := json.Marshal(map[string]feedback.RequestStatus{"status": feedback.RequestInProgress})
	var back map[string]feedback.RequestStatus
	err := json.Unmarshal([]byte(`{"status":"shipped"}`), &back)
	fmt.Println(string(b))
	fmt.Println(err)
	// Output:
	// {"status":"in_progress"}
	// feedback: request status: invalid: unknown request status "shipped"; want one of new, under_review, planned, in_progress, completed, declined, closed
}

func ExampleImportanceScale() {
	s := feedback.ImportanceScale{Name: "stars", Min: 1, Max: 5, Default: 3}
	var pb feedback.ImportanceScale // the zero scale is Productboard's
	fmt.Println(s.Contains(0), s.Label(4), pb.Label(3), pb.Contains(3))
	// Output: false 4 critical true
}

func ExampleThemeRollup() {
	ds := sample()
	ds.Themes = []feedback.Theme{{ID: "security", Name: "Security"}, {ID: "auth", Name: "Authentication", Parent: "security"}}
	ds.Items[0].Themes = []feedback.ThemeID{"auth"}
	ds.Items[1].Themes = []feedback.ThemeID{"auth", "security"}
	ds.Requests[0].Themes = []feedback.ThemeID{"auth"}
	rows, err := feedback.ThemeRollup(ds)
	if err != nil {
		panic(err)
	}
	for _, t := range rows {
		fmt.Printf("%*s%s: direct %d items, total %d items, %d people, %d accounts, %d requests\n",
			2*t.Depth, "", t.Name, t.Direct.Items, t.Total.Items, t.Total.People, t.Total.Accounts, t.Total.Requests)
	}
	// Output:
	// Security: direct 1 items, total 2 items, 2 people, 1 accounts, 1 requests
	//   Authentication: direct 2 items, total 2 items, 2 people, 1 accounts, 1 requests
}

func ExampleNormalize() {
	fmt.Println(feedback.Normalize("Café menu — RÉSUMÉ export!", feedback.NormalizeOptions{}))
	fmt.Println(feedback.Normalize("Café menu — RÉSUMÉ export!", feedback.NormalizeOptions{KeepDiacritics: true}))
	// Output:
	// cafe menu resume export
	// café menu résumé export
}

func ExampleContentHash() {
	a := feedback.ContentHash("Export to CSV!", feedback.NormalizeOptions{})
	b := feedback.ContentHash("export to csv", feedback.NormalizeOptions{})
	fmt.Println(a == b, a[:12])
	// Output: true 29c42d796264
}

func ExampleShingles() {
	fmt.Println(feedback.Shingles("Export to CSV, export!", feedback.DedupeOptions{}))
	fmt.Println(feedback.Shingles("CSVs", feedback.DedupeOptions{Shingling: feedback.CharTrigrams}))
	// Output:
	// [csv export to]
	// [csv svs]
}

func ExampleJaccard() {
	j, ok := feedback.Jaccard("Café menu — résumé export", "CAFE menu, resume export", feedback.DedupeOptions{})
	fmt.Println(j, ok)
	j, _ = feedback.Jaccard("export to csv", "export to excel", feedback.DedupeOptions{Shingling: feedback.CharTrigrams})
	fmt.Printf("%.3f\n", j)
	// Output:
	// 1 true
	// 0.500
}

func ExampleFindDuplicates() {
	items := []feedback.Item{
		{ID: "a", Text: "Export to CSV please"},
		{ID: "b", Text: "export to csv, please!"},
		{ID: "c", Text: "please export to CSV file"},
		{ID: "d", Text: "Export reports to CSV"},
		{ID: "e", Text: "Dark mode"},
	}
	r, err := feedback.FindDuplicates(items, feedback.DedupeOptions{Seed: 1})
	if err != nil {
		panic(err)
	}
	for _, p := range r.Pairs {
		fmt.Printf("%s %s %.2f %s\n", p.A, p.B, p.Similarity, p.Kind)
	}
	// Output:
	// a b 1.00 exact
	// a c 0.80 duplicate
	// a d 0.60 similar
	// b c 0.80 duplicate
	// b d 0.60 similar
	// c d 0.50 similar
}

func ExampleDedupeIndex_Suggest() {
	x, err := feedback.NewDedupeIndex(feedback.DedupeOptions{})
	if err != nil {
		panic(err)
	}
	for id, text := range map[feedback.ItemID]string{
		"r1": "Export reports to CSV", "r2": "Dark mode", "r3": "SAML single sign-on", "r4": "export to CSV",
	} {
		if err := x.Add(id, text); err != nil {
			panic(err)
		}
	}
	for _, s := range x.Suggest("export my reports to csv", 3) {
		fmt.Printf("%s %.2f %s\n", s.Item, s.Similarity, s.Kind)
	}
	// Output:
	// r1 0.80 duplicate
	// r4 0.60 similar
}

func ExampleDedupeIndex_Add() {
	x, _ := feedback.NewDedupeIndex(feedback.DedupeOptions{})
	fmt.Println(x.Add("a", "Dark mode"), x.Len())
	fmt.Println(x.Add("a", "Light mode"))
	// Output:
	// <nil> 1
	// feedback: dedupe index: invalid: id: "a" is already in the index
}

func ExampleDedupeIndex_Pairs() {
	x, _ := feedback.NewDedupeIndex(feedback.DedupeOptions{Shingling: feedback.CharTrigrams})
	_ = x.Add("a", "Dark mode")
	_ = x.Add("b", "dark-mode")
	_ = x.Add("c", "Dark modes")
	_ = x.Add("d", "...")
	r, err := x.Pairs()
	if err != nil {
		panic(err)
	}
	for _, p := range r.Pairs {
		fmt.Printf("%s %s %.3f %s\n", p.A, p.B, p.Similarity, p.Kind)
	}
	fmt.Println(r.Empty, r.Items, r.Distinct)
	// Output:
	// a b 1.000 exact
	// a c 0.875 duplicate
	// b c 0.875 duplicate
	// [d] 4 2
}

func ExampleDedupeIndex_Len() {
	x, _ := feedback.NewDedupeIndex(feedback.DedupeOptions{})
	_ = x.Add("a", "one")
	_ = x.Add("b", "")
	fmt.Println(x.Len())
	// Output: 2
}

func ExampleNewDedupeIndex() {
	_, err := feedback.NewDedupeIndex(feedback.DedupeOptions{SimilarThreshold: 0.9, DuplicateThreshold: 0.7})
	fmt.Println(err)
	// Output: feedback: dedupe options: invalid: similar_threshold: 0.9 is above the duplicate threshold 0.7
}

func ExampleDedupeOptions_Validate() {
	fmt.Println(feedback.DedupeOptions{Bands: 100, Rows: 100}.Validate())
	// Output: feedback: dedupe options: invalid: bands: 100 bands × 100 rows exceeds 4096 signature values
}

func ExampleDedupeOptions_CandidateProbability() {
	o := feedback.DedupeOptions{} // 64 bands × 4 rows
	for _, s := range []float64{0.1, 0.3, 0.5, 0.8} {
		fmt.Printf("s=%.1f P=%.4f\n", s, o.CandidateProbability(s))
	}
	// Output:
	// s=0.1 P=0.0064
	// s=0.3 P=0.4058
	// s=0.5 P=0.9839
	// s=0.8 P=1.0000
}

func ExampleDedupeOptions_LSHThreshold() {
	fmt.Printf("%.3f %.3f\n", feedback.DedupeOptions{}.LSHThreshold(), feedback.DedupeOptions{Bands: 20, Rows: 5}.LSHThreshold())
	// Output: 0.354 0.549
}

// Revenue in two currencies behind one request cannot be summed: convert first.
func ExampleCurrencyError() {
	ds := sample()
	ds.Accounts[1] = feedback.Account{ID: "globex", AccountState: feedback.AccountState{MRR: decimal.NewFromInt(200), Currency: "EUR"}}
	_, err := feedback.Demand(ds, at(10), feedback.DemandOptions{})
	var ce *feedback.CurrencyError
	fmt.Println(errors.As(err, &ce), errors.Is(err, feedback.ErrMixedCurrency), ce.Request)
	fmt.Println(err)
	// Output:
	// true true saml
	// feedback: revenue in more than one currency for request "saml": EUR (account "globex"), USD (account "acme")
}

func ExampleRequestStatus_Open() {
	for _, s := range []feedback.RequestStatus{feedback.RequestNew, feedback.RequestInProgress, feedback.RequestCompleted} {
		fmt.Println(s, s.Open())
	}
	// Output:
	// new true
	// in_progress true
	// completed false
}

func ExampleRequestStatus_UnmarshalText() {
	var s feedback.RequestStatus
	err := s.UnmarshalText([]byte("Under Review")) // case, "-", "_" and spaces are ignored
	fmt.Println(s, err, s.String())
	// Output: under_review <nil> under_review
}

func ExampleImportanceScale_Contains() {
	fmt.Println(feedback.ProductboardScale.Contains(3), feedback.ProductboardScale.Contains(4), feedback.VoteCountScale.Contains(0))
	// Output: true false false
}

func ExampleImportanceScale_Label() {
	for v := range 4 {
		fmt.Printf("%d %s\n", v, feedback.ProductboardScale.Label(v))
	}
	// Output:
	// 0 not important
	// 1 nice-to-have
	// 2 important
	// 3 critical
}

// Every enum of the package encodes as text in JSON, and rejects unknown text.
func ExampleAccountLifecycle_UnmarshalText() {
	var v struct {
		Lifecycle feedback.AccountLifecycle   `json:"lifecycle"`
		Role      feedback.PersonRole         `json:"role"`
		State     feedback.ItemState          `json:"state"`
		Revenue   feedback.RevenueAggregation `json:"revenue"`
		Measure   feedback.RevenueMeasure     `json:"measure"`
		AsOf      feedback.AccountsAsOf       `json:"as_of"`
		Signal    feedback.SignalKind         `json:"signal"`
		Shingling feedback.Shingling          `json:"shingling"`
		Match     feedback.MatchKind          `json:"match"`
	}
	in := `{"lifecycle":"churned","role":"prospect","state":"archived","revenue":"average","measure":"arr",` +
		`"as_of":"feedback","signal":"vote","shingling":"char_trigrams","match":"similar"}`
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		panic(err)
	}
	out, _ := json.Marshal(v)
	fmt.Println(string(out) == in)
	fmt.Println(v.Lifecycle, v.Role, v.State, v.Revenue, v.Measure, v.AsOf, v.Signal, v.Shingling, v.Match)
	fmt.Println(json.Unmarshal([]byte(`{"lifecycle":"zombie"}`), &v))
	// Output:
	// true
	// churned prospect archived average arr feedback vote char_trigrams similar
	// feedback: account lifecycle: invalid: unknown account lifecycle "zombie"; want one of unknown, prospect, trial, active, churned
}

func ExampleAccountLifecycle_String() {
	fmt.Println(feedback.LifecycleActive, feedback.AccountLifecycle(9))
	// Output: active account lifecycle(9)
}

func ExampleMatchKind_MarshalText() {
	b, err := feedback.MatchDuplicate.MarshalText()
	fmt.Println(string(b), err)
	_, err = feedback.MatchKind(7).MarshalText()
	fmt.Println(err)
	// Output:
	// duplicate <nil>
	// feedback: match kind: invalid: invalid match kind(7); want one of exact, duplicate, similar
}
