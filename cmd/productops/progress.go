package main

import (
	"io"

	"github.com/schollz/progressbar/v3"
)

// progressMinBytes is the smallest input that gets a progress bar.
const progressMinBytes = 8 << 20

// withProgress wraps r (size bytes, or -1 when unknown) in a progress bar on stderr when
// stderr is a terminal and the input is large; otherwise it returns r as is. The bar is
// finished by the returned func.
func (e *env) withProgress(r io.Reader, size int64, what string) (io.Reader, func()) {
	if !e.stderrTTY || (size >= 0 && size < progressMinBytes) {
		return r, func() {}
	}
	bar := progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	)
	pr := progressbar.NewReader(r, bar)
	return &pr, func() { _ = bar.Finish() }
}
