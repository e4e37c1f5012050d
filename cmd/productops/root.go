package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit statuses of the command.
const (
	exitOK    = 0 // success
	exitError = 1 // bad input or a failed computation
	exitUsage = 2 // bad flags or arguments
	exitNoGo  = 3 // launch: the verdict is no_go
)

// usageError is a mistake in how the command was called: exit status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// exitStatusError carries a non-error exit status (launch no-go) after the output is written.
type exitStatusError struct {
	code int
	msg  string
}

func (e *exitStatusError) Error() string { return e.msg }

// env is what a command reads and writes; tests give their own.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// stderrTTY says stderr is a terminal (a progress bar is shown only then).
	stderrTTY bool
}

// run executes the command line args and returns the exit status. A panic (a bug) is
// reported in one line with exit status 1, never as a stack trace.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "productops: internal error: %v (please report it)\n", r)
			code = exitError
		}
	}()
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, stderrTTY: isTerminal(stderr)}
	root := newRoot(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return exitStatus(err, stderr)
}

// exitStatus prints err (one line per problem, no stack trace) and maps it to a status.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var st *exitStatusError
	if errors.As(err, &st) {
		if st.msg != "" {
			fmt.Fprintf(stderr, "productops: %s\n", st.msg)
		}
		return st.code
	}
	var ue *usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		fmt.Fprintf(stderr, "productops: %v\nRun 'productops --help' for usage.\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "productops: %s\n", indentLines(err.Error()))
	return exitError
}

// isCobraUsage recognizes the argument errors cobra builds itself.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "requires at most", "invalid argument", "flag needs an argument", "required flag"} {
		if strings.HasPrefix(msg, p) || strings.Contains(msg, " "+p) {
			return true
		}
	}
	return false
}

func indentLines(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "productops",
		Short: "Product operations from the shell: rank, launch, roadmap, feedback, kpis, report",
		Long: `productops runs the productops library on the files product teams already have.

Every subcommand reads a file, or standard input when the file is "-" or missing, and
writes --format table (default), json, csv or markdown. Errors name the file, line and
field. Exit status: 0 ok, 1 error, 2 usage, 3 launch no-go.`,
		Example: `  productops rank backlog.json --capacity platform=8,app=6
  productops rank backlog.json --explain PRJ-101
  productops launch plan.json --as-of 2026-12-02 || echo "not ready"
  productops roadmap roadmap.json --format markdown
  productops feedback feedback.json --tickets support-queue.json --format csv --view sla
  productops report --demo -o report.html`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(newRankCmd(e), newKPIsCmd(e), newLaunchCmd(e), newRoadmapCmd(e), newFeedbackCmd(e), newReportCmd(e))
	for _, c := range root.Commands() {
		c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	}
	return root
}

// noArgs rejects positional arguments (cobra's NoArgs, as a usage error).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return nil
}

// maxOneFile accepts zero or one input file argument.
func maxOneFile(cmd *cobra.Command, args []string) error {
	if len(args) > 1 {
		return usagef("%s takes at most one input file, got %d", cmd.CommandPath(), len(args))
	}
	return nil
}

// fileArg is the input file named by args, or "-" (standard input).
func fileArg(args []string) string {
	if len(args) == 0 {
		return "-"
	}
	return args[0]
}
