package testdata

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Event is one row of the kit's event log.
type Event struct {
	User string `json:"user_id"`
	Name string `json:"event"`
	TS   int64  `json:"ts"` // Unix seconds
}

// Events returns about n events of users/20... users: each signs up (most) or starts with a
// login, walks part of the funnel signup, view_item, add_to_cart, purchase (some steps
// after the 7-day window), and comes back on some later days; ties in time occur. Sorted
// by time, user, event, like the kit's generator.
func Events(users int, seed uint64) []Event {
	r := rand.New(rand.NewPCG(seed, 7))
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).Unix()
	names := []string{"login", "search", "view_item", "add_to_cart", "purchase", "logout"}
	var out []Event
	for u := range users {
		id := strconv.Itoa(1000 + u*7)
		t := start + int64(r.IntN(80*86400))
		if r.IntN(7) == 0 {
			out = append(out, Event{id, "login", t})
		} else {
			out = append(out, Event{id, "signup", t})
			for _, step := range []string{"view_item", "add_to_cart", "purchase"} {
				if r.IntN(3) == 0 {
					break
				}
				t += int64(r.IntN(3 * 86400))
				out = append(out, Event{id, step, t})
			}
		}
		for range r.IntN(30) {
			t += int64(r.IntN(6 * 86400))
			if r.IntN(5) == 0 {
				out = append(out, Event{id, names[r.IntN(len(names))], t}) // a tie
			}
			out = append(out, Event{id, names[r.IntN(len(names))], t})
		}
	}
	slices.SortFunc(out, func(a, b Event) int {
		return cmp.Or(cmp.Compare(a.TS, b.TS), cmp.Compare(a.User, b.User), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// CSV returns the events as the kit's CSV, split into parts files of consecutive rows,
// each with the header.
func CSV(events []Event, parts int) []string {
	return split(events, parts, "user_id,event,ts\n", func(e Event) string { return fmt.Sprintf("%s,%s,%d\n", e.User, e.Name, e.TS) })
}

// JSONLines returns the events as JSON lines, split into parts files.
func JSONLines(events []Event, parts int) []string {
	return split(events, parts, "", func(e Event) string {
		return fmt.Sprintf(`{"user_id":%q,"event":%q,"ts":%d}`+"\n", e.User, e.Name, e.TS)
	})
}

func split(events []Event, parts int, header string, row func(Event) string) []string {
	out := make([]string, parts)
	for p := range parts {
		var b strings.Builder
		b.WriteString(header)
		for _, e := range events[p*len(events)/parts : (p+1)*len(events)/parts] {
			b.WriteString(row(e))
		}
		out[p] = b.String()
	}
	return out
}
