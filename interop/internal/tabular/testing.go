package tabular

import (
	"io"
	"runtime"
	"testing"
	"time"
)

// Chunks returns a reader that returns b in pieces: the i-th Read returns at most
// sizes[i%len(sizes)] bytes (at least 1). Property tests use it to check that any split of
// a file into chunks reads the same.
func Chunks(b []byte, sizes []int) io.Reader { return &chunkReader{b: b, sizes: sizes} }

type chunkReader struct {
	b     []byte
	sizes []int
	i     int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := 1
	if len(c.sizes) > 0 {
		n = max(1, c.sizes[c.i%len(c.sizes)])
	}
	c.i++
	n = min(n, len(p), len(c.b))
	copy(p, c.b[:n])
	c.b = c.b[n:]
	return n, nil
}

// Guard runs f under the fuzz guards of the house rules: it fails t with "hang" when f
// runs longer than timeout, and when f allocates more than maxAlloc bytes in total.
func Guard(t testing.TB, timeout time.Duration, maxAlloc uint64, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(timeout):
		t.Fatal("hang: the reader ran longer than", timeout)
	}
	runtime.ReadMemStats(&after)
	if d := after.TotalAlloc - before.TotalAlloc; d > maxAlloc {
		t.Fatalf("the reader allocated %d bytes, more than %d", d, maxAlloc)
	}
}
