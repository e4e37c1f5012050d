package wire

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	w := NewWriter("XY", 7, 0)
	w.Byte(9)
	w.Uvarint(math.MaxUint64)
	w.Varint(math.MinInt64)
	w.Int(42)
	w.Int(-5)
	w.String("héllo")
	w.Float(-2.5)
	r := NewReader(w.Bytes(), "XY", 7)
	if got := r.Byte(); got != 9 {
		t.Errorf("Byte = %d", got)
	}
	if got := r.Uvarint(); got != math.MaxUint64 {
		t.Errorf("Uvarint = %d", got)
	}
	if got := r.Varint(); got != math.MinInt64 {
		t.Errorf("Varint = %d", got)
	}
	if got := r.Int(100); got != 42 {
		t.Errorf("Int = %d", got)
	}
	if got := r.Int(100); got != 0 {
		t.Errorf("Int of a negative count = %d, want 0", got)
	}
	if got := r.String(10); got != "héllo" {
		t.Errorf("String = %q", got)
	}
	if got := r.Float(); got != -2.5 {
		t.Errorf("Float = %v", got)
	}
	if r.Remaining() != 0 {
		t.Errorf("Remaining = %d", r.Remaining())
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestErrors(t *testing.T) {
	valid := func() []byte {
		w := NewWriter("XY", 1, 0)
		w.Uvarint(3)
		w.String("abc")
		return w.Bytes()
	}
	for _, tc := range []struct {
		name string
		data []byte
		read func(r *Reader)
		want string
	}{
		{"short header", []byte("X"), func(*Reader) {}, "too short"},
		{"other type", []byte("ZZ\x01"), func(*Reader) {}, `type "ZZ"`},
		{"unprintable type", []byte("\x00\xff\x01"), func(*Reader) {}, `type "??"`},
		{"other version", []byte("XY\x02"), func(*Reader) {}, "version 2, want 1"},
		{"trailing", append(valid(), 0), func(r *Reader) { r.Uvarint(); r.String(5) }, "1 trailing bytes"},
		{"end in byte", []byte("XY\x01"), func(r *Reader) { r.Byte() }, "unexpected end"},
		{"end in float", []byte("XY\x01\x00"), func(r *Reader) { r.Float() }, "unexpected end"},
		{"bad uvarint", []byte("XY\x01\xff"), func(r *Reader) { r.Uvarint() }, "bad varint"},
		{"bad varint", []byte("XY\x01\xff"), func(r *Reader) { r.Varint() }, "bad varint"},
		{"count over limit", []byte("XY\x01\x05"), func(r *Reader) { r.Int(4) }, "count 5 exceeds 4"},
		{"length over bytes", []byte("XY\x01\x05ab"), func(r *Reader) { r.Len(1) }, "exceeds the bytes left"},
		{"length over bytes per element", []byte("XY\x01\x02ab"), func(r *Reader) { r.Len(2) }, "exceeds the bytes left"},
		{"huge length", []byte("XY\x01\xff\xff\xff\xff\xff\xff\xff\xff\x7f"), func(r *Reader) { r.Len(1) }, "exceeds the bytes left"},
		{"string too long", []byte("XY\x01\x03abc"), func(r *Reader) { r.String(2) }, "exceeds 2"},
		{"caller failure", valid(), func(r *Reader) { r.Fail("metric %d", 9) }, "metric 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := NewReader(tc.data, "XY", 1)
			tc.read(r)
			// After a failure every read is a zero value and the first error stays.
			if r.Err() != nil {
				if r.Byte() != 0 || r.Uvarint() != 0 || r.Varint() != 0 || r.String(9) != "" || r.Float() != 0 || r.Len(1) != 0 {
					t.Error("reads after a failure are not zero")
				}
			}
			err := r.Close()
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrFormat containing %q", err, tc.want)
			}
		})
	}
}

// FuzzReader reads fuzzed bytes as a list of strings and numbers: never a panic, and a
// successful decode re-encodes to the same bytes.
func FuzzReader(f *testing.F) {
	w := NewWriter("XY", 1, 0)
	w.Uvarint(2)
	w.String("a")
	w.Varint(-3)
	w.String("bc")
	w.Varint(1 << 40)
	f.Add(w.Bytes())
	f.Add([]byte("XY\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(data, "XY", 1)
		n := r.Len(2)
		type kv struct {
			s string
			v int64
		}
		var items []kv
		for range n {
			items = append(items, kv{r.String(1 << 20), r.Varint()})
		}
		if r.Close() != nil {
			return
		}
		w := NewWriter("XY", 1, len(data))
		w.Uvarint(uint64(len(items)))
		for _, it := range items {
			w.String(it.s)
			w.Varint(it.v)
		}
		// Varints have one shortest form; a longer one decodes but re-encodes shorter.
		if len(w.Bytes()) > len(data) {
			t.Fatalf("re-encoding grew: %d > %d bytes", len(w.Bytes()), len(data))
		}
	})
}
