package feedback_test

import (
	"fmt"

	"github.com/productops/productops/feedback"
)

// Each worker sketches its own items; texts that share a key meet on one worker, which
// compares them.
func ExampleNewDedupeSketcher() {
	s, err := feedback.NewDedupeSketcher(feedback.DedupeOptions{})
	if err != nil {
		panic(err)
	}
	a, b := s.Sketch("Export reports to CSV"), s.Sketch("please export reports to CSV")
	shared := 0
	for i := range a.Keys {
		if a.Keys[i] == b.Keys[i] {
			shared++
		}
	}
	j, kind, ok := s.Compare(a, b)
	fmt.Println(shared > 0, j, kind, ok)
	// Output: true 0.8 duplicate true
}

func ExampleDedupeSketcher_Sketch() {
	s, _ := feedback.NewDedupeSketcher(feedback.DedupeOptions{Bands: 4})
	sk := s.Sketch("Dark mode, PLEASE!")
	fmt.Printf("%q %q %d keys\n", sk.Text, sk.Shingles, len(sk.Keys))
	// Output: "dark mode please" ["dark" "mode" "please"] 4 keys
}

func ExampleDedupeSketcher_Compare() {
	s, _ := feedback.NewDedupeSketcher(feedback.DedupeOptions{})
	fmt.Println(s.Compare(s.Sketch("export to csv"), s.Sketch("export to csv please")))
	fmt.Println(s.Compare(s.Sketch("export to csv"), s.Sketch("dark mode")))
	// Output:
	// 0.75 similar true
	// 0 exact false
}

func ExampleDedupeSketcher_Options() {
	s, _ := feedback.NewDedupeSketcher(feedback.DedupeOptions{Bands: 16})
	fmt.Println(s.Options().Bands)
	// Output: 16
}

// Items with equal normalized text are exact duplicates: sketch their text once.
func ExampleDedupeSketcher_SketchNormalized() {
	opts := feedback.DedupeOptions{}
	s, _ := feedback.NewDedupeSketcher(opts)
	t := feedback.Normalize("Dark mode!!", opts.Normalize)
	fmt.Println(s.SketchNormalized(t).Shingles)
	// Output: [dark mode]
}
