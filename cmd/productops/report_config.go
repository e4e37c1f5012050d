package main

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/shopspring/decimal"
)

//go:embed demo/*.json demo/*.csv
var demoFS embed.FS

// reportConfig names the inputs of a report; every path is relative to the config file
// and every part is optional.
type reportConfig struct {
	// Title heads the report.
	Title string `json:"title,omitempty"`
	// AsOf is "today": the instant every section is evaluated at and the timeline's today
	// line (a date or RFC 3339). Required unless --as-of is given.
	AsOf string `json:"as_of,omitempty"`
	// Backlog is a backlog file (rank's input); Framework and Capacity as for rank.
	Backlog   string                     `json:"backlog,omitempty"`
	Framework string                     `json:"framework,omitempty"`
	Capacity  map[string]decimal.Decimal `json:"capacity,omitempty"`
	// Roadmap is roadmap's input.
	Roadmap string `json:"roadmap,omitempty"`
	// Launch is a launch plan.
	Launch string `json:"launch,omitempty"`
	// Feedback is a feedback dataset; Tickets a support queue.
	Feedback string `json:"feedback,omitempty"`
	Tickets  string `json:"tickets,omitempty"`
	// Events is an event log (CSV, JSON lines or Parquet) for active users, retention and
	// the funnel; EventOptions chooses their definitions.
	Events       string       `json:"events,omitempty"`
	EventOptions eventsConfig `json:"event_options,omitzero"`
	// Subscriptions is a CSV of customer,subscription,at,mrr,currency rows; the MRR
	// bridge covers MRRPeriods months (default 3) from MRRFrom.
	Subscriptions string `json:"subscriptions,omitempty"`
	MRRFrom       string `json:"mrr_from,omitempty"`
	MRRPeriods    int    `json:"mrr_periods,omitempty"`
	// Experiment is an A/B test of a conversion metric.
	Experiment *experimentConfig `json:"experiment,omitempty"`
}

// path is a config-relative path on disk.
func (ri reportInputs) path(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(ri.dir, name)
}

// reportInputs reads the files a report config names.
type reportInputs struct {
	fsys fs.FS
	dir  string // the config's directory, for messages
}

func (ri reportInputs) read(name string) (source, error) {
	var data []byte
	var err error
	display := name
	if ri.fsys != nil {
		display = path.Join(ri.dir, name)
		data, err = fs.ReadFile(ri.fsys, path.Clean(filepath.ToSlash(name)))
	} else {
		if !filepath.IsAbs(name) {
			display = filepath.Join(ri.dir, name)
		}
		data, err = os.ReadFile(display)
	}
	if err != nil {
		return source{}, &inputError{pos: display, msg: "cannot read: " + trimFSError(err)}
	}
	if len(data) > maxInputBytes {
		return source{}, &inputError{pos: display, msg: "larger than the input limit"}
	}
	return source{name: display, data: data}, nil
}

func trimFSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// loadReportConfig reads the config (or the embedded demo's) and returns where its inputs
// are.
func (e *env) loadReportConfig(file string, demo bool) (reportConfig, reportInputs, error) {
	var cfg reportConfig
	if demo {
		sub, _ := fs.Sub(demoFS, "demo")
		ri := reportInputs{fsys: sub, dir: "demo"}
		src, err := ri.read("report.json")
		if err != nil {
			return cfg, ri, err
		}
		return cfg, ri, decodeJSON(src, &cfg)
	}
	src, err := e.readSource(file)
	if err != nil {
		return cfg, reportInputs{}, err
	}
	dir := "."
	if file != "-" {
		dir = filepath.Dir(file)
	}
	ri := reportInputs{dir: dir}
	if err := decodeJSON(src, &cfg); err != nil {
		return cfg, ri, err
	}
	return cfg, ri, nil
}

// reportAsOf resolves the report's today: the flag, else the config's as_of.
func reportAsOf(flag string, cfg reportConfig, cfgName string) (time.Time, error) {
	if flag != "" {
		return parseAsOf(flag, time.UTC)
	}
	if cfg.AsOf == "" {
		return time.Time{}, &inputError{pos: cfgName, field: "as_of", msg: "is required (or pass --as-of): the report's today"}
	}
	t, err := parseAsOf(cfg.AsOf, time.UTC)
	if err != nil {
		return t, &inputError{pos: cfgName, field: "as_of", msg: "want a date (2026-08-19) or an RFC 3339 time"}
	}
	return t, nil
}
