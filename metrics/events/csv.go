package events

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
)

// ReadCSV reads an event log from CSV text (RFC 4180: comma-separated, optional double
// quotes, "" inside quotes, CRLF or LF line ends, blank lines skipped). The first record is
// the header; opts maps its column names to the user, event name and time (see
// ReadOptions). Extra columns are ignored unless named in PropColumns.
//
// The input is streamed through a fixed buffer; only the columns are kept. A bad row (a
// wrong number of fields, an empty user or event, an unreadable time) is reported with its
// line number: by default reading stops there and ReadCSV returns the *RowError; with
// CollectBadRows the log of the good rows is returned along with a *BadRowsError. A missing
// header column is always an error. Read errors of r are returned as they are.
func ReadCSV(r io.Reader, opts ReadOptions) (*Log, error) {
	return readCSV(r, opts, 256<<10, csvBlockSize)
}

// readCSV is ReadCSV with the scanner's buffer size and the parallel block size.
func readCSV(r io.Reader, opts ReadOptions, bufSize, blockSize int) (*Log, error) {
	s := &csvScanner{r: r, buf: make([]byte, bufSize)}
	bad := newBadRows(opts)
	hdr, err := s.record()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &RowError{Line: 1, Message: "no header"}
		}
		return nil, err
	}
	uc, nc, tc := opts.columns()
	want := append([]string{uc, nc, tc}, opts.PropColumns...)
	idx := make([]int, len(want))
	var missing []string
	for i, name := range want {
		idx[i] = slices.IndexFunc(hdr, func(h []byte) bool { return string(h) == name })
		if idx[i] < 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, &RowError{Line: s.recLine, Message: fmt.Sprintf("header lacks column(s) %q", missing)}
	}
	nf := len(hdr)
	b := NewLogBuilder()
	if len(opts.PropColumns) == 0 && runtime.GOMAXPROCS(0) > 1 && !s.eof && s.err == nil {
		lay := &csvLayout{nf: nf, ui: idx[0], ni: idx[1], ti: idx[2], uc: uc, nc: nc, tc: tc, format: opts.TimeFormat}
		rest, line, err := readCSVParallel(b, s.buf[s.pos:s.end], r, s.line+1, lay, bad, blockSize)
		if err != nil {
			return nil, err
		}
		if rest == nil {
			return b.Build(), bad.result()
		}
		s = &csvScanner{r: rest, buf: make([]byte, bufSize), line: line - 1}
	}
	if err := readCSVRows(s, b, idx, nf, opts, bad); err != nil {
		return nil, err
	}
	return b.Build(), bad.result()
}

// readCSVRows reads the records after the header sequentially into b.
func readCSVRows(s *csvScanner, b *LogBuilder, idx []int, nf int, opts ReadOptions, bad *badRows) error {
	uc, nc, tc := opts.columns()
	for {
		rec, err := s.record()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			if re, ok := err.(*RowError); ok {
				if err := bad.report(re.Line, re.Column, re.Message); err != nil {
					return err
				}
				continue
			}
			return err
		}
		if len(rec) != nf {
			if err := bad.report(s.recLine, "", fmt.Sprintf("has %d fields, the header has %d", len(rec), nf)); err != nil {
				return err
			}
			continue
		}
		user, name, tsb := rec[idx[0]], rec[idx[1]], rec[idx[2]]
		col, msg := "", ""
		var ts int64
		switch {
		case len(user) == 0:
			col, msg = uc, "is empty"
		case len(name) == 0:
			col, msg = nc, "is empty"
		default:
			ts, msg = parseTime(tsb, opts.TimeFormat)
			col = tc
		}
		if msg != "" {
			if err := bad.report(s.recLine, col, msg); err != nil {
				return err
			}
			continue
		}
		b.add(b.users.internBytes(user), b.internNameBytes(name), ts)
		for j, pc := range opts.PropColumns {
			if v := rec[idx[3+j]]; len(v) > 0 {
				b.setProp(pc, string(v))
			}
		}
	}
	return nil
}

// csvScanner splits CSV input into records without copying unquoted fields.
type csvScanner struct {
	r       io.Reader
	buf     []byte
	pos     int // start of unread data in buf
	end     int // end of data in buf
	eof     bool
	err     error
	line    int // physical lines consumed so far
	recLine int // line on which the last record started
	fields  [][]byte
	scratch []byte // unquoted copies of quoted fields
}

// fill moves unread data to the front and reads more. It returns false at EOF or error.
func (s *csvScanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		copy(s.buf, s.buf[s.pos:s.end])
		s.end -= s.pos
		s.pos = 0
	}
	if s.end == len(s.buf) {
		s.buf = slices.Grow(s.buf[:s.end], len(s.buf))[:2*len(s.buf)]
	}
	n, err := io.ReadAtLeast(s.r, s.buf[s.end:], 1)
	s.end += n
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			s.eof = true
		} else {
			s.err = err
		}
	}
	return n > 0
}

// record returns the fields of the next non-blank record, valid until the next call.
func (s *csvScanner) record() ([][]byte, error) {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '\n')
		if i < 0 && !s.eof && s.err == nil {
			s.fill()
			continue
		}
		if s.pos == s.end {
			if s.err != nil {
				return nil, s.err
			}
			return nil, io.EOF
		}
		var line []byte
		if i < 0 {
			line = s.buf[s.pos:s.end]
		} else {
			line = s.buf[s.pos : s.pos+i]
		}
		s.line++
		s.recLine = s.line
		if bytes.IndexByte(line, '"') >= 0 {
			return s.quoted()
		}
		if i < 0 {
			s.pos = s.end
		} else {
			s.pos += i + 1
		}
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		if len(line) == 0 {
			continue
		}
		s.fields = s.fields[:0]
		for {
			j := bytes.IndexByte(line, ',')
			if j < 0 {
				s.fields = append(s.fields, line)
				break
			}
			s.fields = append(s.fields, line[:j])
			line = line[j+1:]
		}
		return s.fields, nil
	}
}

// quoted parses a record containing quotes starting at s.pos, reading more input when a
// quoted field spans lines. s.line already counts the record's first line.
func (s *csvScanner) quoted() ([][]byte, error) {
	for {
		fields, n, lines, complete, err := parseQuotedRecord(s.buf[s.pos:s.end], s.eof || s.err != nil, &s.scratch)
		if err != "" {
			s.skipRecord(n, lines)
			return [][]byte{[]byte(nil)}, &RowError{Line: s.recLine, Message: err}
		}
		if complete {
			s.pos += n
			s.line += lines
			s.fields = append(s.fields[:0], fields...)
			return s.fields, nil
		}
		if !s.fill() {
			if s.err != nil {
				return nil, s.err
			}
			// parseQuotedRecord treats end of input as the record's end when atEOF.
		}
	}
}

func (s *csvScanner) skipRecord(n, lines int) {
	s.pos += n
	s.line += lines
}

// parseQuotedRecord parses one record from b. It returns the fields, the bytes consumed
// (including the line end), the number of extra line breaks inside quoted fields, whether
// the record is complete, and a message for malformed quoting.
func parseQuotedRecord(b []byte, atEOF bool, scratch *[]byte) (fields [][]byte, n, lines int, complete bool, msg string) {
	*scratch = (*scratch)[:0]
	var spans []csvSpan
	i := 0
	for {
		// start of a field
		if i < len(b) && b[i] == '"' {
			i++
			lo := len(*scratch)
			for {
				j := bytes.IndexByte(b[i:], '"')
				if j < 0 {
					if atEOF {
						return nil, len(b), bytes.Count(b, []byte{'\n'}), false, "unterminated quoted field"
					}
					return nil, 0, 0, false, ""
				}
				lines += bytes.Count(b[i:i+j], []byte{'\n'})
				*scratch = append(*scratch, b[i:i+j]...)
				i += j + 1
				if i < len(b) && b[i] == '"' {
					*scratch = append(*scratch, '"')
					i++
					continue
				}
				if i == len(b) && !atEOF {
					return nil, 0, 0, false, ""
				}
				break
			}
			spans = append(spans, csvSpan{lo, len(*scratch)})
			if i < len(b) && b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			switch {
			case i == len(b):
				return toFields(*scratch, spans), i, lines, true, ""
			case b[i] == ',':
				i++
				continue
			case b[i] == '\n':
				return toFields(*scratch, spans), i + 1, lines, true, ""
			default:
				end := bytes.IndexByte(b[i:], '\n')
				if end < 0 {
					end = len(b) - i - 1
				}
				return nil, i + end + 1, lines, false, "extraneous text after a quoted field"
			}
		}
		// unquoted field
		lo := len(*scratch)
		j := i
		for j < len(b) && b[j] != ',' && b[j] != '\n' {
			if b[j] == '"' {
				end := bytes.IndexByte(b[j:], '\n')
				if end < 0 {
					if !atEOF {
						return nil, 0, 0, false, ""
					}
					end = len(b) - j - 1
				}
				return nil, j + end + 1, lines, false, "bare quote in an unquoted field"
			}
			j++
		}
		if j == len(b) && !atEOF {
			return nil, 0, 0, false, ""
		}
		f := b[i:j]
		if j < len(b) && b[j] == '\n' && len(f) > 0 && f[len(f)-1] == '\r' {
			f = f[:len(f)-1]
		}
		*scratch = append(*scratch, f...)
		spans = append(spans, csvSpan{lo, len(*scratch)})
		if j == len(b) {
			return toFields(*scratch, spans), j, lines, true, ""
		}
		if b[j] == '\n' {
			return toFields(*scratch, spans), j + 1, lines, true, ""
		}
		i = j + 1
	}
}

type csvSpan struct{ lo, hi int }

func toFields(scratch []byte, spans []csvSpan) [][]byte {
	out := make([][]byte, len(spans))
	for k, s := range spans {
		out[k] = scratch[s.lo:s.hi:s.hi]
	}
	return out
}
