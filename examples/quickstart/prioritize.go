package main

import "io"

// prioritizeSection is replaced by the owner of this section.
func prioritizeSection(w io.Writer) error { return nil }
