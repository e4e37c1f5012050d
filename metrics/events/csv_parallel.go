package events

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// The parallel CSV path: one goroutine cuts the input into blocks of whole lines, workers
// parse blocks into per-row fields, and the caller's goroutine interns users and names and
// appends rows in input order, so the log, the line numbers and the bad-row report are the
// same as the sequential reader's. Input with a double quote anywhere falls back to the
// sequential scanner from the first block that has one (quoted fields may span lines).

const csvBlockSize = 4 << 20

// csvBlock is a run of whole lines and, once parsed, its rows.
type csvBlock struct {
	seq   int
	data  []byte
	line  int // line number of the block's first line
	unum  []uint64
	uoff  []int32
	ulen  []int32
	name  []int32 // index into names
	names []string
	ts    []int64
	bad   []RowError
}

// csvLayout is what a worker needs to know about the columns.
type csvLayout struct {
	nf         int
	ui, ni, ti int
	uc, nc, tc string
	format     TimeFormat
}

func (b *csvBlock) parse(lay *csvLayout) {
	b.unum, b.uoff, b.ulen, b.name, b.ts, b.bad = b.unum[:0], b.uoff[:0], b.ulen[:0], b.name[:0], b.ts[:0], b.bad[:0]
	b.names = b.names[:0]
	local := map[string]int32{}
	var f [64][]byte
	data := b.data
	line := b.line - 1
	for p := 0; p < len(data); {
		end := bytes.IndexByte(data[p:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += p
		}
		row := data[p:end]
		p = end + 1
		line++
		if n := len(row); n > 0 && row[n-1] == '\r' {
			row = row[:n-1]
		}
		if len(row) == 0 {
			continue
		}
		nf := 0
		for {
			j := bytes.IndexByte(row, ',')
			if nf < len(f) {
				if j < 0 {
					f[nf] = row
				} else {
					f[nf] = row[:j]
				}
			}
			nf++
			if j < 0 {
				break
			}
			row = row[j+1:]
		}
		if nf != lay.nf {
			b.bad = append(b.bad, RowError{Line: line, Message: fmt.Sprintf("has %d fields, the header has %d", nf, lay.nf)})
			continue
		}
		user, name := f[lay.ui], f[lay.ni]
		if len(user) == 0 {
			b.bad = append(b.bad, RowError{Line: line, Column: lay.uc, Message: "is empty"})
			continue
		}
		if len(name) == 0 {
			b.bad = append(b.bad, RowError{Line: line, Column: lay.nc, Message: "is empty"})
			continue
		}
		ts, msg := parseTime(f[lay.ti], lay.format)
		if msg != "" {
			b.bad = append(b.bad, RowError{Line: line, Column: lay.tc, Message: msg})
			continue
		}
		id, ok := local[string(name)]
		if !ok {
			id = int32(len(b.names))
			b.names = append(b.names, string(name))
			local[string(name)] = id
		}
		var key uint64
		if v, ok := canonicalNumber(user); ok {
			key = v + 1
		}
		b.unum = append(b.unum, key)
		b.uoff = append(b.uoff, int32(cap(data)-cap(user)))
		b.ulen = append(b.ulen, int32(len(user)))
		b.name = append(b.name, id)
		b.ts = append(b.ts, ts)
	}
}

// readCSVParallel reads the rest of the input (pending bytes already buffered, then r)
// into b. It returns a non-nil fallback reader and its first line number when it met a
// double quote: the caller continues sequentially from there.
func readCSVParallel(b *LogBuilder, pending []byte, r io.Reader, firstLine int, lay *csvLayout, bad *badRows, blockSize int) (rest io.Reader, restLine int, err error) {
	workers := max(1, runtime.GOMAXPROCS(0))
	jobs := make(chan *csvBlock, workers)
	results := make(chan *csvBlock, workers)
	free := make(chan *csvBlock, 2*workers+2) // parsed blocks come back for reuse
	done := make(chan struct{})
	var readErr error
	var fallback io.Reader
	fallbackLine := 0

	// reader
	go func() {
		defer close(jobs)
		carry := append([]byte(nil), pending...)
		line := firstLine
		for seq := 0; ; seq++ {
			var blk *csvBlock
			select {
			case blk = <-free:
			default:
				blk = &csvBlock{data: make([]byte, 0, blockSize)}
			}
			buf := blk.data
			if cap(buf) < 2*len(carry) {
				buf = make([]byte, 0, 2*len(carry))
			}
			buf = append(buf[:0], carry...)
			eof := false
			for len(buf) < cap(buf) {
				n, err := r.Read(buf[len(buf):cap(buf)])
				buf = buf[:len(buf)+n]
				if err != nil {
					if !errors.Is(err, io.EOF) {
						readErr = err
					}
					eof = true
					break
				}
			}
			cut := len(buf)
			if !eof {
				if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
					cut = i + 1
				} else {
					// a line longer than a block: read on into a bigger buffer
					carry = append([]byte(nil), buf...)
					seq--
					continue
				}
			}
			if readErr != nil {
				return
			}
			if bytes.IndexByte(buf, '"') >= 0 {
				fallback = io.MultiReader(bytes.NewReader(append([]byte(nil), buf...)), r)
				if eof {
					fallback = bytes.NewReader(append([]byte(nil), buf...))
				}
				fallbackLine = line
				return
			}
			carry = append(carry[:0:0], buf[cut:]...)
			blk.seq, blk.data, blk.line = seq, buf[:cut], line
			line += bytes.Count(blk.data, []byte{'\n'})
			select {
			case jobs <- blk:
			case <-done:
				return
			}
			if eof && len(carry) == 0 {
				return
			}
			if eof {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for blk := range jobs {
				blk.parse(lay)
				results <- blk
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	pendingBlocks := map[int]*csvBlock{}
	next := 0
	var stopErr error
	gnames := []int32{}
	for blk := range results {
		pendingBlocks[blk.seq] = blk
		for {
			cur, ok := pendingBlocks[next]
			if !ok {
				break
			}
			delete(pendingBlocks, next)
			next++
			if stopErr == nil {
				stopErr = mergeCSVBlock(b, cur, bad, &gnames)
				if stopErr != nil {
					close(done)
				}
			}
			if cap(cur.data) == blockSize {
				cur.data = cur.data[:0]
				select {
				case free <- cur:
				default:
				}
			}
		}
	}
	if stopErr != nil {
		return nil, 0, stopErr
	}
	if readErr != nil {
		return nil, 0, readErr
	}
	return fallback, fallbackLine, nil
}

// mergeCSVBlock interns and appends a parsed block's rows, reporting its bad rows in line
// order. It returns a non-nil error when reading must stop.
func mergeCSVBlock(b *LogBuilder, blk *csvBlock, bad *badRows, gnames *[]int32) error {
	*gnames = (*gnames)[:0]
	for _, n := range blk.names {
		*gnames = append(*gnames, b.internName(n))
	}
	if len(blk.bad) > 0 {
		// keep input order between rows and bad rows only matters for stopping: rows after
		// the first bad row are never used when stopping, since the log is discarded.
		for _, re := range blk.bad {
			if err := bad.report(re.Line, re.Column, re.Message); err != nil {
				return err
			}
		}
	}
	g := *gnames
	for i, key := range blk.unum {
		ub := blk.data[blk.uoff[i] : blk.uoff[i]+blk.ulen[i]]
		var u int32
		if key != 0 {
			u = b.users.internNumber(key-1, ub)
		} else {
			u = b.users.internBytes(ub)
		}
		b.add(u, g[blk.name[i]], blk.ts[i])
	}
	return nil
}
