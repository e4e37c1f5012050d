package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// format is the --format flag: table, json, csv or markdown.
type format string

const (
	formatTable    format = "table"
	formatJSON     format = "json"
	formatCSV      format = "csv"
	formatMarkdown format = "markdown"
)

var formats = []string{string(formatTable), string(formatJSON), string(formatCSV), string(formatMarkdown)}

func (f *format) String() string { return string(*f) }
func (f *format) Type() string   { return "format" }
func (f *format) Set(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "md" {
		s = string(formatMarkdown)
	}
	if !slices.Contains(formats, s) {
		return fmt.Errorf("must be one of %s", strings.Join(formats, ", "))
	}
	*f = format(s)
	return nil
}

// outputFlags are the flags every tabular subcommand shares.
type outputFlags struct {
	format format
	view   string
}

func (o *outputFlags) register(cmd *cobra.Command, views []string) {
	o.format = formatTable
	cmd.Flags().VarP(&o.format, "format", "f", "output format: "+strings.Join(formats, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	if len(views) > 0 {
		cmd.Flags().StringVar(&o.view, "view", "", "only this table ("+strings.Join(views, ", ")+"); csv writes the first table unless a view is named")
		_ = cmd.RegisterFlagCompletionFunc("view", cobra.FixedCompletions(views, cobra.ShellCompDirectiveNoFileComp))
	}
}

// section is one titled table of a result, with notes and an optional text block.
type section struct {
	name  string   // the --view name
	title string   // a heading for people
	head  []string // column names (snake_case, the CSV header)
	rows  [][]string
	notes []string // lines after the table
	text  string   // a preformatted block (a timeline) after the notes
}

// result is what a subcommand prints: JSON as a whole, the rest as sections.
type result struct {
	title    string // first line of table and markdown output
	summary  []string
	json     any
	sections []section
}

// write renders res to w in the chosen format.
func (o *outputFlags) write(w io.Writer, res result) error {
	secs := res.sections
	if o.view != "" {
		var names []string
		secs = nil
		for _, s := range res.sections {
			names = append(names, s.name)
			if s.name == o.view {
				secs = append(secs, s)
			}
		}
		if len(secs) == 0 {
			return usagef("--view %q: must be one of %s", o.view, strings.Join(names, ", "))
		}
	}
	bw := bufio.NewWriter(w)
	var err error
	switch o.format {
	case formatJSON:
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(res.json)
	case formatCSV:
		if len(secs) == 0 {
			return nil
		}
		cw := csv.NewWriter(bw)
		s := secs[0]
		if err = cw.Write(s.head); err == nil {
			err = cw.WriteAll(s.rows)
		}
	case formatMarkdown:
		writeMarkdown(bw, res, secs, o.view == "")
	default:
		writeTable(bw, res, secs, o.view == "")
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

func writeTable(w io.Writer, res result, secs []section, whole bool) {
	if whole {
		if res.title != "" {
			fmt.Fprintln(w, res.title)
		}
		for _, l := range res.summary {
			fmt.Fprintln(w, l)
		}
	}
	for i, s := range secs {
		if whole || i > 0 {
			if whole && (i > 0 || res.title != "" || len(res.summary) > 0) {
				fmt.Fprintln(w)
			}
			if s.title != "" {
				fmt.Fprintln(w, s.title)
			}
		}
		if len(s.head) > 0 {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, strings.Join(s.head, "\t"))
			for _, r := range s.rows {
				fmt.Fprintln(tw, strings.Join(r, "\t"))
			}
			tw.Flush()
			if len(s.rows) == 0 {
				fmt.Fprintln(w, "(none)")
			}
		}
		for _, n := range s.notes {
			fmt.Fprintln(w, n)
		}
		if s.text != "" {
			fmt.Fprint(w, s.text)
		}
	}
}

func writeMarkdown(w io.Writer, res result, secs []section, whole bool) {
	if whole {
		if res.title != "" {
			fmt.Fprintf(w, "# %s\n\n", mdEscape(res.title))
		}
		for _, l := range res.summary {
			fmt.Fprintf(w, "%s  \n", mdEscape(l))
		}
		if len(res.summary) > 0 {
			fmt.Fprintln(w)
		}
	}
	for _, s := range secs {
		if s.title != "" {
			fmt.Fprintf(w, "## %s\n\n", mdEscape(s.title))
		}
		if len(s.head) > 0 {
			fmt.Fprintf(w, "| %s |\n", strings.Join(mapStrings(s.head, mdEscape), " | "))
			seps := make([]string, len(s.head))
			for i := range seps {
				seps[i] = "---"
			}
			fmt.Fprintf(w, "| %s |\n", strings.Join(seps, " | "))
			for _, r := range s.rows {
				fmt.Fprintf(w, "| %s |\n", strings.Join(mapStrings(r, mdEscape), " | "))
			}
			if len(s.rows) == 0 {
				fmt.Fprintln(w, "\n_(none)_")
			}
			fmt.Fprintln(w)
		}
		for _, n := range s.notes {
			fmt.Fprintf(w, "%s  \n", mdEscape(n))
		}
		if len(s.notes) > 0 {
			fmt.Fprintln(w)
		}
		if s.text != "" {
			fmt.Fprintf(w, "```\n%s```\n\n", s.text)
		}
	}
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "*", `\*`, "_", `\_`).Replace(s)
}

func mapStrings(s []string, f func(string) string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}
