package events

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sequentialCSV reads like ReadCSV but always on the sequential path.
func sequentialCSV(t *testing.T, in string, opts ReadOptions) (*Log, error) {
	t.Helper()
	s := &csvScanner{r: strings.NewReader(in), buf: make([]byte, 1<<20)}
	hdr, err := s.record()
	if err != nil {
		t.Fatal(err)
	}
	if len(hdr) != 3 {
		t.Fatalf("header %q", hdr)
	}
	b, bad := NewLogBuilder(), newBadRows(opts)
	if err := readCSVRows(s, b, []int{0, 1, 2}, 3, opts, bad); err != nil {
		return nil, err
	}
	return b.Build(), bad.result()
}

// TestReadCSVParallel: inputs larger than a block go through the parallel reader (when
// GOMAXPROCS > 1); the log, the bad rows and their line numbers must match the
// sequential reader's, including the fall back to it at the first double quote.
func TestReadCSVParallel(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("user_id,event,ts\n")
	n := 0
	for i := 0; sb.Len() < 300<<10; i++ {
		switch {
		case i%1000 == 7:
			sb.WriteString("bad,row\n")
		case i%1500 == 11:
			sb.WriteString("x,y,notatime\r\n")
		case i%700 == 5:
			sb.WriteString("\n")
		default:
			sb.WriteString(strconv.Itoa(i % 503))
			if i%3 == 0 {
				sb.WriteString("s")
			}
			sb.WriteString(",e")
			sb.WriteString(strconv.Itoa(i % 7))
			sb.WriteString(",")
			sb.WriteString(strconv.Itoa(1_700_000_000 + i%100000))
			sb.WriteString("\n")
			n++
		}
	}
	plain := sb.String()
	quoted := plain + "\"q\",\"e1\",\"1700000000\"\nlast,e1,1700000001"
	for name, in := range map[string]string{"plain": plain, "quote at the end": quoted} {
		t.Run(name, func(t *testing.T) {
			opts := ReadOptions{OnBadRow: CollectBadRows, MaxBadRows: 1000}
			want, wantErr := sequentialCSV(t, in, opts)
			got, gotErr := readCSV(strings.NewReader(in), opts, 1<<10, 8<<10)
			if diff := cmp.Diff(wantErr, gotErr); diff != "" {
				t.Errorf("bad rows (-want +got):\n%s", diff)
			}
			if want.Len() != got.Len() || want.NumUsers() != got.NumUsers() {
				t.Fatalf("len %d/%d users %d/%d", want.Len(), got.Len(), want.NumUsers(), got.NumUsers())
			}
			if !slices.EqualFunc(slices.Collect(want.All()), slices.Collect(got.All()), func(a, b Event) bool {
				return a.User == b.User && a.Name == b.Name && a.Time.Equal(b.Time)
			}) {
				t.Error("events differ")
			}
		})
	}
	if n < 5000 {
		t.Fatalf("only %d rows", n)
	}
	// stopping at the first bad row reports the same row
	_, err := readCSV(strings.NewReader(plain), ReadOptions{}, 1<<10, 8<<10)
	var re *RowError
	if !errors.As(err, &re) || re.Line != 9 {
		t.Errorf("stop: %v", err)
	}
	// a line longer than a block
	long := "user_id,event,ts\n" + strings.Repeat("a", 20<<10) + ",e,1\n" + strings.Repeat("b,e,2\n", 3000)
	l, err := readCSV(bytes.NewReader([]byte(long)), ReadOptions{}, 1<<10, 8<<10)
	if err != nil || l.Len() != 3001 {
		t.Errorf("long line: %v", err)
	}
}
