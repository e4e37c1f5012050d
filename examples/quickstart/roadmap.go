package main

import "io"

// roadmapSection is replaced by the owner of this section.
func roadmapSection(w io.Writer) error { return nil }
