// Command quickstart is the README's main job: it runs each productops package on embedded
// sample data and prints what a product-operations team would look at first.
//
//	go run ./examples/quickstart
//
// Each section lives in its own file and prints to the same writer, in this order.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

// sections lists the quickstart's parts in the order they print.
var sections = []struct {
	name string
	run  func(io.Writer) error
}{
	{"prioritize", prioritizeSection},
	{"metrics: events", eventsSection},
	{"metrics: business", businessSection},
	{"feedback: demand", feedbackSection},
	{"feedback: support", supportSection},
	{"launch", launchSection},
	{"roadmap", roadmapSection},
}

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for i, s := range sections {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := s.run(w); err != nil {
			w.Flush()
			fmt.Fprintf(os.Stderr, "quickstart: %s: %v\n", s.name, err)
			os.Exit(1)
		}
	}
}
