package main

import "io"

// feedbackSection is replaced by the owner of this section.
func feedbackSection(w io.Writer) error { return nil }
