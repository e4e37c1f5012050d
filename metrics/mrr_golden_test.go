package metrics

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// updateBusinessGolden rewrites testdata/business_* golden files:
// go test ./metrics/ -run Golden -update-business.
var updateBusinessGolden = flag.Bool("update-business", false, "rewrite metrics/testdata/business_* golden files")

// The bridge of the hand-worked history renders as the committed text table and JSON.
func TestBridgeGolden(t *testing.T) {
	l, err := NewMRRLedger(bridgeEvents())
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Bridge(MRRBridgeOptions{From: utc(2026, 1, 1, 0), Periods: 3})
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []struct {
		file string
		got  string
	}{
		{"business_bridge.txt", b.String()},
		{"business_bridge.json", string(js) + "\n"},
	} {
		path := filepath.Join("testdata", g.file)
		if *updateBusinessGolden {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(g.got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update-business to create it)", err)
		}
		if diff := cmp.Diff(string(want), g.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", g.file, diff)
		}
	}
}
