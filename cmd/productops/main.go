// Command productops runs the productops library's everyday jobs from the shell and writes
// one self-contained HTML report:
//
//	productops rank backlog.json --capacity platform=8,app=6
//	productops launch plan.json --as-of 2026-12-02      # exit status 3 on no-go
//	productops roadmap roadmap.json --as-of 2026-07-20
//	productops feedback feedback.json --tickets support-queue.json
//	productops report --demo -o report.html
//
// Every subcommand reads a file or standard input ("-") and writes --format table, json,
// csv or markdown. Exit status: 0 ok, 1 error, 2 usage, 3 launch no-go.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
