package validation

import "testing"

func TestPathIndex(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Path("", "n"), "n"},
		{Path("arms[1]", "n"), "arms[1].n"},
		{Path("control", "numerator.n"), "control.numerator.n"},
		{Index("scores", 3), "scores[3]"},
		{Path(Index("series", 0), "at"), "series[0].at"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
