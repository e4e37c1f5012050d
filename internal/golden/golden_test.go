package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder captures failures instead of failing the test that checks them.
type recorder struct {
	testing.TB
	errors, fatals int
}

func (r *recorder) Errorf(string, ...any) { r.errors++ }
func (r *recorder) Fatalf(string, ...any) { r.fatals++; panic(r) }
func (r *recorder) Fatal(...any)          { r.fatals++; panic(r) }
func (r *recorder) Helper()               {}

func run(r *recorder, f func()) {
	defer func() {
		if v := recover(); v != nil && v != r {
			panic(v)
		}
	}()
	f()
}

func TestCheckAndUpdate(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	got := JSON(t, map[string]int{"b": 2, "a": 1})
	if string(got) != "{\n  \"a\": 1,\n  \"b\": 2\n}\n" {
		t.Fatalf("JSON = %q", got)
	}

	r := &recorder{TB: t}
	run(r, func() { Check(r, "x.json", got) })
	if r.fatals != 1 {
		t.Fatalf("a missing golden file did not fail: %+v", r)
	}

	*update = true
	Check(t, "sub/x.json", got)
	*update = false
	if b, err := os.ReadFile(filepath.Join("testdata", "sub", "x.json")); err != nil || string(b) != string(got) {
		t.Fatalf("-update wrote %q, %v", b, err)
	}

	Check(t, "sub/x.json", got)
	r = &recorder{TB: t}
	run(r, func() { Check(r, "sub/x.json", []byte("other")) })
	if r.errors != 1 {
		t.Fatalf("a different output did not fail: %+v", r)
	}

	r = &recorder{TB: t}
	run(r, func() { JSON(r, func() {}) })
	if r.fatals != 1 {
		t.Fatal("an unmarshalable value did not fail")
	}
}
