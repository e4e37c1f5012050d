// Command productops-beam runs the library's pipelines on Apache Beam: the kit's event
// KPIs, SLA compliance per policy, metric and priority, and near-duplicate feedback.
//
// Locally, on the embedded Prism runner (no service to install):
//
//	productops-beam -pipeline events -input 'data/events_*.csv' -o report.txt
//	productops-beam -pipeline sla -input 'tickets/*.jsonl' -policies policies.json -as-of 2026-08-15T00:00:00Z -o sla.json
//	productops-beam -pipeline dedupe -input 'items/*.jsonl' -o pairs.json
//
// On a cluster, add Beam's runner flags (see beam/README.md): --runner=dataflow,
// --runner=flink or --runner=spark with their endpoints; inputs and outputs may then be
// on any Beam file system (gs://...).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/productops/productops/beam/dedupe"
	"github.com/productops/productops/beam/eventkpis"
	"github.com/productops/productops/beam/sla"
	"github.com/productops/productops/feedback"
)

var (
	pipeline = flag.String("pipeline", "events", "events, sla or dedupe")
	input    = flag.String("input", "", "input files (a glob, on any Beam file system)")
	output   = flag.String("o", "", "output file (required)")
	format   = flag.String("format", "csv", "events: input format, csv or jsonl")
	timeFmt  = flag.String("time-format", "unix_s", "events: time column format (auto, unix_s, unix_ms, rfc3339)")
	location = flag.String("location", "", "events: IANA time zone of calendar buckets ('' = UTC)")
	flushEv  = flag.Int("flush-events", 0, "events: events a worker gathers before adding them to its aggregates (0 = 1,000,000)")
	policies = flag.String("policies", "", "sla: JSON file of the SLA options (policies, business_hours, schedules)")
	asOf     = flag.String("as-of", "", "sla: evaluation instant, RFC 3339")
	dedupeOp = flag.String("dedupe-options", "", "dedupe: JSON file of feedback.DedupeOptions ('' = defaults)")
)

func init() {
	register.DoFn2x1[context.Context, []byte, error](&writeSLA{})
	register.DoFn2x1[context.Context, string, error](&writeText{})
}

func main() {
	flag.Parse()
	beam.Init()
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "productops-beam:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	if *input == "" || *output == "" {
		return errors.New("-input and -o are required")
	}
	p, s := beam.NewPipelineWithRoot()
	switch *pipeline {
	case "events":
		o := eventkpis.Kit()
		o.Format, o.Location, o.FlushEvents = eventkpis.Format(*format), *location, *flushEv
		if err := o.Read.TimeFormat.UnmarshalText([]byte(*timeFmt)); err != nil {
			return err
		}
		out, err := eventkpis.Report(s, *input, o)
		if err != nil {
			return err
		}
		eventkpis.Write(s, *output, out)
	case "sla":
		var o sla.Options
		if *policies == "" {
			return errors.New("sla: -policies is required")
		}
		if err := readJSON(*policies, &o); err != nil {
			return err
		}
		if *asOf != "" {
			t, err := time.Parse(time.RFC3339Nano, *asOf)
			if err != nil {
				return fmt.Errorf("-as-of: %w", err)
			}
			o.AsOf = t
		}
		out, err := sla.Compliance(s, textio.Read(s, *input), o)
		if err != nil {
			return err
		}
		beam.ParDo0(s, &writeSLA{Path: *output}, out)
	case "dedupe":
		var o feedback.DedupeOptions
		if *dedupeOp != "" {
			if err := readJSON(*dedupeOp, &o); err != nil {
				return err
			}
		}
		out, err := dedupe.Duplicates(s, textio.Read(s, *input), o)
		if err != nil {
			return err
		}
		beam.ParDo0(s, &writeText{Path: *output}, out)
	default:
		return fmt.Errorf("-pipeline %q: want events, sla or dedupe", *pipeline)
	}
	return beamx.Run(ctx, p)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	d := json.NewDecoder(bytesReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// writeSLA writes the merged breakdown as JSON rows.
type writeSLA struct{ Path string }

func (fn *writeSLA) ProcessElement(ctx context.Context, data []byte) error {
	b, err := sla.Decode(data)
	if err != nil {
		return err
	}
	j, err := json.MarshalIndent(b.Rows(), "", "  ")
	if err != nil {
		return err
	}
	return writeFile(ctx, fn.Path, append(j, '\n'))
}

// writeText writes a text element and a newline.
type writeText struct{ Path string }

func (fn *writeText) ProcessElement(ctx context.Context, text string) error {
	return writeFile(ctx, fn.Path, []byte(text+"\n"))
}
