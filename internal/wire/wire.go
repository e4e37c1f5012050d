// Package wire is the binary form of the module's mergeable aggregates: the encoded partial
// results that travel between the workers of a distributed runner (Apache Beam) before a
// Merge.
//
// An encoding starts with a header: two ASCII bytes naming the type ("SB" for an SLA
// breakdown) and one version byte. Integers are varints (encoding/binary), strings and
// lists carry their length first. A Reader never trusts a length: every count is checked
// against the bytes left before anything is allocated, so hostile input costs at most its
// own size in memory and time, and gives an error, never a panic.
package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// HeaderLen is the length of the header: two type bytes and a version byte.
const HeaderLen = 3

// Writer appends an encoding to a byte slice. The zero value is not usable; call NewWriter.
type Writer struct{ buf []byte }

// NewWriter starts an encoding with the header of type tag (two ASCII bytes) and version.
func NewWriter(tag string, version byte, sizeHint int) *Writer {
	w := &Writer{buf: make([]byte, 0, HeaderLen+max(sizeHint, 0))}
	w.buf = append(w.buf, tag[0], tag[1], version)
	return w
}

// Byte appends one byte.
func (w *Writer) Byte(b byte) { w.buf = append(w.buf, b) }

// Uvarint appends v as an unsigned varint.
func (w *Writer) Uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

// Varint appends v as a zig-zag varint.
func (w *Writer) Varint(v int64) { w.buf = binary.AppendVarint(w.buf, v) }

// Int appends a non-negative count; a negative one is written as 0 (counts never are).
func (w *Writer) Int(v int64) { w.Uvarint(uint64(max(v, 0))) }

// String appends the length of s, then its bytes.
func (w *Writer) String(s string) {
	w.Uvarint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// Float appends f as its IEEE 754 bits, little endian.
func (w *Writer) Float(f float64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(f))
}

// Bytes returns the encoding.
func (w *Writer) Bytes() []byte { return w.buf }

// ErrFormat is wrapped by every error of a Reader.
var ErrFormat = errors.New("malformed encoding")

// Reader decodes an encoding. After the first failure every method returns a zero value and
// Err reports that failure, so a decoder reads everything and checks once.
type Reader struct {
	data []byte
	off  int
	err  error
}

// NewReader checks the header of data against tag and version and returns a Reader
// positioned after it. A header naming another type or version is an error from Err.
func NewReader(data []byte, tag string, version byte) *Reader {
	r := &Reader{data: data, off: HeaderLen}
	switch {
	case len(data) < HeaderLen:
		r.fail("%d bytes is too short for a header", len(data))
	case data[0] != tag[0] || data[1] != tag[1]:
		r.fail("type %q, want %q", printable(data[:2]), tag)
	case data[2] != version:
		r.fail("version %d, want %d", data[2], version)
	}
	return r
}

// printable returns b with bytes outside printable ASCII replaced by '?'.
func printable(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			c = '?'
		}
		out[i] = c
	}
	return string(out)
}

func (r *Reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s (at byte %d)", ErrFormat, fmt.Sprintf(format, args...), min(r.off, len(r.data)))
	}
}

// Fail records a failure found by the caller (an out-of-range value), unless one is
// recorded already.
func (r *Reader) Fail(format string, args ...any) { r.fail(format, args...) }

// Err returns the first failure, or nil.
func (r *Reader) Err() error { return r.err }

// Remaining returns the number of bytes not read yet.
func (r *Reader) Remaining() int {
	if r.err != nil {
		return 0
	}
	return len(r.data) - r.off
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if r.Remaining() < 1 {
		r.fail("unexpected end")
		return 0
	}
	b := r.data[r.off]
	r.off++
	return b
}

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data[r.off:])
	if n <= 0 {
		r.fail("bad varint")
		return 0
	}
	r.off += n
	return v
}

// Varint reads a zig-zag varint.
func (r *Reader) Varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.data[r.off:])
	if n <= 0 {
		r.fail("bad varint")
		return 0
	}
	r.off += n
	return v
}

// Int reads a count in [0, limit].
func (r *Reader) Int(limit int64) int64 {
	v := r.Uvarint()
	if v > uint64(max(limit, 0)) {
		r.fail("count %d exceeds %d", v, limit)
		return 0
	}
	return int64(v)
}

// Len reads the length of a list whose elements take at least minSize bytes each (at least
// 1), and checks that the bytes left can hold it, so a caller may allocate that many.
func (r *Reader) Len(minSize int) int {
	v := r.Uvarint()
	if v > uint64(r.Remaining()/max(minSize, 1)) {
		r.fail("length %d exceeds the bytes left", v)
		return 0
	}
	return int(v)
}

// String reads a string of at most maxLen bytes.
func (r *Reader) String(maxLen int) string {
	n := r.Len(1)
	if n > maxLen {
		r.fail("string of %d bytes exceeds %d", n, maxLen)
		return ""
	}
	if r.err != nil {
		return ""
	}
	s := string(r.data[r.off : r.off+n])
	r.off += n
	return s
}

// Float reads a float64 written by Writer.Float.
func (r *Reader) Float() float64 {
	if r.Remaining() < 8 {
		r.fail("unexpected end")
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(r.data[r.off:]))
	r.off += 8
	return f
}

// Close reports the first failure, or trailing bytes after a complete decode.
func (r *Reader) Close() error {
	if r.err == nil && r.off != len(r.data) {
		r.fail("%d trailing bytes", len(r.data)-r.off)
	}
	return r.err
}
