package main

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/metrics/experiment"
	"github.com/productops/productops/metrics/revenue"
	"github.com/productops/productops/metrics/survey"
	"github.com/productops/productops/metrics/target"
)

//go:embed data/business_subscriptions.csv
var subscriptionsCSV []byte

// businessSection prints survey scores, an MRR bridge, an experiment readout and KPI
// statuses computed from embedded sample data.
func businessSection(w io.Writer) error {
	fmt.Fprintln(w, "== Business metrics: surveys, revenue, experiments, targets ==")
	if err := surveyPart(w); err != nil {
		return err
	}
	bridge, err := revenuePart(w)
	if err != nil {
		return err
	}
	if err := experimentPart(w); err != nil {
		return err
	}
	return kpiPart(w, bridge)
}

// npsScores builds answers: promoters, passives, detractors and skipped answers.
func npsScores(p, a, d, skipped int) []int {
	var s []int
	for i := range p {
		s = append(s, 9+i%2)
	}
	for i := range a {
		s = append(s, 7+i%2)
	}
	for i := range d {
		s = append(s, i%7)
	}
	for range skipped {
		s = append(s, survey.NoAnswer)
	}
	return s
}

func surveyPart(w io.Writer) error {
	q4, err := survey.NPS(survey.Responses{Scores: npsScores(41, 38, 21, 6), Invited: 400}, survey.NPSOptions{})
	if err != nil {
		return err
	}
	q1, err := survey.NPS(survey.Responses{Scores: npsScores(58, 30, 18, 9), Invited: 420}, survey.NPSOptions{})
	if err != nil {
		return err
	}
	d, err := survey.CompareNPS(q4, q1, 0)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nSurveys")
	fmt.Fprintf(w, "  Q4 %s; response rate %.1f%%\n", q4, 100*q4.ResponseRate.Value)
	fmt.Fprintf(w, "  Q1 %s; response rate %.1f%%\n", q1, 100*q1.ResponseRate.Value)
	fmt.Fprintf(w, "  change %+.1f points (95%% CI %+.1f to %+.1f, p = %.3f)\n", d.Difference, d.Low, d.High, d.PValue)
	csat, err := survey.CSAT(survey.Responses{Scores: []int{5, 4, 4, 5, 3, 2, 5, 4, 4, 1, 5, 4, survey.NoAnswer}}, survey.CSATOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  CSAT (top-2-box, 1-5) %.1f%% of %d answers, mean %.2f\n", csat.Score, csat.Responses, csat.Mean.Mean)
	return nil
}

func readSubscriptions() ([]revenue.SubscriptionEvent, error) {
	rows, err := csv.NewReader(bytes.NewReader(subscriptionsCSV)).ReadAll()
	if err != nil {
		return nil, err
	}
	var evs []revenue.SubscriptionEvent
	for _, r := range rows[1:] {
		at, err := time.Parse(time.RFC3339, r[2])
		if err != nil {
			return nil, err
		}
		mrr, err := decimal.NewFromString(r[3])
		if err != nil {
			return nil, err
		}
		evs = append(evs, revenue.SubscriptionEvent{Customer: revenue.CustomerID(r[0]), Subscription: revenue.SubscriptionID(r[1]), At: at, MRR: mrr, Currency: revenue.Currency(r[4])})
	}
	return evs, nil
}

func revenuePart(w io.Writer) (revenue.Bridge, error) {
	evs, err := readSubscriptions()
	if err != nil {
		return revenue.Bridge{}, err
	}
	l, err := revenue.NewLedger(evs)
	if err != nil {
		return revenue.Bridge{}, err
	}
	b, err := l.Bridge(revenue.BridgeOptions{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Periods: 3})
	if err != nil {
		return revenue.Bridge{}, err
	}
	fmt.Fprintf(w, "\nMRR bridge (%d customers, ChartMogul movement rules)\n", l.Customers())
	fmt.Fprint(w, b)
	last := b.Periods[len(b.Periods)-1]
	fmt.Fprintf(w, "%s: customer churn %s, gross MRR churn %s, net MRR churn %s, ARPA %s, ARR %s\n",
		last.Start.Format("Jan 2006"), last.CustomerChurn, last.GrossMRRChurn.Percent(), last.NetMRRChurn.Percent(), last.ARPA, last.ARR().StringFixed(2))
	return b, nil
}

func experimentPart(w io.Writer) error {
	fmt.Fprintln(w, "\nExperiment: new checkout (control vs treatment)")
	srm, err := experiment.SampleRatioMismatch([]int64{5021, 4979}, []float64{0.5, 0.5}, experiment.SRMOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  sample ratio: 5021 / 4979, chi2 %.3f, p = %.3f, mismatch %v\n", srm.ChiSquare, srm.PValue, srm.Mismatch)
	control := experiment.ProportionSample{Conversions: 512, Users: 5021}
	treatment := experiment.ProportionSample{Conversions: 579, Users: 4979}
	a, err := control.Estimate()
	if err != nil {
		return err
	}
	b, err := treatment.Estimate()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  conversion  control %s\n              treatment %s\n", control.Rate(), treatment.Rate())
	for _, preset := range []struct {
		name string
		opt  experiment.Options
	}{{"GrowthBook", experiment.GrowthBook}, {"Statsig", experiment.Statsig}} {
		c, err := experiment.Compare(a, b, preset.opt)
		if err != nil {
			return err
		}
		r := c.Relative
		fmt.Fprintf(w, "  %-10s (%s): lift %+.1f%% (95%% CI %+.1f%% to %+.1f%%), p(relative) = %.4f, p(absolute) = %.4f\n",
			preset.name, c.Test, 100*r.Estimate, 100*r.Low, 100*r.High, r.PValue, c.Absolute.PValue)
	}
	z, err := experiment.TwoProportionZTest(control, treatment, experiment.ZPooled, 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  pooled two-proportion z-test: z = %.3f, p = %.4f\n", z.Z, z.PValue)
	n, err := experiment.SampleSizeProportions(experiment.SampleSizeInput{Baseline: a.Mean, MinimumEffect: 0.10})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  to detect a +10%% lift at 80%% power: %d users per arm\n", n.Control)
	return nil
}

func kpiPart(w io.Writer, b revenue.Bridge) error {
	d := decimal.RequireFromString
	asOf := b.Periods[len(b.Periods)-1].End
	series := func(pick func(revenue.Period) decimal.Decimal) []target.KPIPoint {
		var s []target.KPIPoint
		for _, p := range b.Periods {
			s = append(s, target.KPIPoint{At: p.End, Value: pick(p)})
		}
		return s
	}
	kpis := []struct {
		kpi    target.KPI
		series []target.KPIPoint
	}{
		{target.KPI{Name: "MRR", Unit: "USD", Target: d("2000"), Thresholds: target.KPIThresholds{OnTrack: d("1800"), AtRisk: d("1500")},
			Pace: &target.KPIPace{Baseline: d("900"), Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Deadline: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}},
			series(func(p revenue.Period) decimal.Decimal { return p.EndMRR })},
		{target.KPI{Name: "gross MRR churn", Unit: "%", Direction: target.LowerIsBetter, Target: d("3"), Thresholds: target.KPIThresholds{OnTrack: d("8"), AtRisk: d("15")}},
			series(func(p revenue.Period) decimal.Decimal { return p.GrossMRRChurn.Value.Shift(2).Round(2) })},
		{target.KPI{Name: "NRR", Unit: "%", Target: d("105"), Thresholds: target.KPIThresholds{OnTrack: d("100"), AtRisk: d("95")}},
			series(func(p revenue.Period) decimal.Decimal { return p.NRR.Value.Shift(2).Round(2) })},
	}
	fmt.Fprintf(w, "\nKPI status as of %s\n", asOf.Format(time.DateOnly))
	for _, k := range kpis {
		e, err := k.kpi.StatusOf(k.series, asOf)
		if err != nil {
			return err
		}
		tr, err := k.kpi.Trend(k.series, asOf)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-9s %s (trend: %s)\n", e.Status, e.Reason, tr.Latest)
	}
	return nil
}
