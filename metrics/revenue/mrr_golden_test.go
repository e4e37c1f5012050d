package revenue

import (
	"encoding/json"
	"testing"

	"github.com/productops/productops/internal/golden"
)

// The bridge of the hand-worked history renders as the committed text table and JSON.
func TestBridgeGolden(t *testing.T) {
	l, err := NewLedger(bridgeEvents())
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Bridge(BridgeOptions{From: utc(2026, 1, 1, 0), Periods: 3})
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
		golden.Check(t, g.file, []byte(g.got))
	}
}
