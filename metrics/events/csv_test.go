package events

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestReadCSV(t *testing.T) {
	in := "ts,who,what,plan,extra\r\n" +
		"1704067200,u1,signup,pro,x\r\n" +
		"\r\n" +
		"\"1704067260\",\"u,2\",\"say \"\"hi\"\"\",,y\n" +
		"1704067320,u1,\"multi\nline\",free,z" // no final newline
	l, err := ReadCSV(strings.NewReader(in), ReadOptions{UserColumn: "who", NameColumn: "what", PropColumns: []string{"plan"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Event{
		{User: "u1", Name: "signup", Time: at(t, "2024-01-01T00:00:00Z"), Props: map[string]string{"plan": "pro"}},
		{User: "u1", Name: "multi\nline", Time: at(t, "2024-01-01T00:02:00Z"), Props: map[string]string{"plan": "free"}},
		{User: "u,2", Name: `say "hi"`, Time: at(t, "2024-01-01T00:01:00Z")},
	}
	if diff := cmp.Diff(want, slices.Collect(l.All())); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadCSVTimeFormats(t *testing.T) {
	for _, tc := range []struct {
		format TimeFormat
		field  string
		want   string
	}{
		{TimeAuto, "1704067200", "2024-01-01T00:00:00Z"},
		{TimeAuto, "2024-01-01T01:00:00+01:00", "2024-01-01T00:00:00Z"},
		{TimeUnixSeconds, "-86400", "1969-12-31T00:00:00Z"},
		{TimeUnixMillis, "1704067200500", "2024-01-01T00:00:00.5Z"},
		{TimeRFC3339, "2024-01-01T00:00:00.25Z", "2024-01-01T00:00:00.25Z"},
	} {
		l, err := ReadCSV(strings.NewReader("user_id,event,ts\nu,e,"+tc.field+"\n"), ReadOptions{TimeFormat: tc.format})
		if err != nil {
			t.Errorf("%v %q: %v", tc.format, tc.field, err)
			continue
		}
		first, _, _ := l.Span()
		if want, _ := time.Parse(time.RFC3339Nano, tc.want); !first.Equal(want) {
			t.Errorf("%v %q: got %v want %v", tc.format, tc.field, first, want)
		}
	}
}

func TestReadCSVBadRows(t *testing.T) {
	in := "user_id,event,ts\n" +
		"u1,a,1\n" +
		"u2,a\n" + // line 3: field count
		",a,2\n" + // line 4: empty user
		"u3,,2\n" + // line 5: empty event
		"u4,a,soon\n" + // line 6: time
		"u5,a,\"3\"x\n" + // line 7: bad quoting
		"u6,a,99999999999999999\n" + // line 8: out of range
		"u7,a,4\n"
	_, err := ReadCSV(strings.NewReader(in), ReadOptions{TimeFormat: TimeUnixSeconds})
	var re *RowError
	if !errors.As(err, &re) || re.Line != 3 || !errors.Is(err, ErrBadRow) {
		t.Fatalf("stop: got %v", err)
	}
	l, err := ReadCSV(strings.NewReader(in), ReadOptions{TimeFormat: TimeUnixSeconds, OnBadRow: CollectBadRows, MaxBadRows: 5})
	var be *BadRowsError
	if !errors.As(err, &be) || !errors.Is(err, ErrBadRow) {
		t.Fatalf("collect: got %v", err)
	}
	var lines []int
	for _, r := range be.Rows {
		lines = append(lines, r.Line)
	}
	if diff := cmp.Diff([]int{3, 4, 5, 6, 7}, lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if be.Count != 6 || l.Len() != 2 {
		t.Errorf("count %d len %d", be.Count, l.Len())
	}
	if be.Error() == "" || be.Rows[1].Error() == "" {
		t.Error("empty messages")
	}
}

func TestReadCSVHeader(t *testing.T) {
	for _, in := range []string{"", "a,b,c\n1,2,3\n"} {
		_, err := ReadCSV(strings.NewReader(in), ReadOptions{})
		var re *RowError
		if !errors.As(err, &re) || re.Line != 1 {
			t.Errorf("%q: got %v", in, err)
		}
	}
	_, err := ReadCSV(iotest.ErrReader(errors.New("boom")), ReadOptions{})
	if err == nil || err.Error() != "boom" {
		t.Errorf("reader error: %v", err)
	}
}

func TestReadCSVSmallReads(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("user_id,event,ts\n")
	for i := range 3000 {
		sb.WriteString("user")
		sb.WriteString(strings.Repeat("x", i%50))
		sb.WriteString(",\"ev\nt\",1704067200\n")
	}
	l, err := ReadCSV(iotest.OneByteReader(strings.NewReader(sb.String())), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != 3000 || l.NumUsers() != 50 {
		t.Errorf("len %d users %d", l.Len(), l.NumUsers())
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add("user_id,event,ts\nu,e,1\n")
	f.Add("user_id,event,ts\r\n\"u\"\"\",\"e\n\",2024-01-01T00:00:00Z\r\n")
	f.Add("user_id,event,ts\nu,e\n\"x")
	f.Fuzz(func(t *testing.T, in string) {
		for _, mode := range []BadRowPolicy{StopAtFirst, CollectBadRows} {
			l, err := ReadCSV(strings.NewReader(in), ReadOptions{OnBadRow: mode})
			if err != nil && !errors.Is(err, ErrBadRow) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			if l == nil {
				continue
			}
			n := 0
			for e := range l.All() {
				if e.User == "" || e.Name == "" {
					t.Fatalf("empty field in %+v", e)
				}
				n++
			}
			if n != l.Len() {
				t.Fatalf("All yielded %d of %d", n, l.Len())
			}
		}
	})
}
