package testdata

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/productops/productops/feedback"
)

// Item is the part of a feedback item that dedupe reads.
type Item struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Items returns n short feedback texts over a Zipf vocabulary with many near-duplicates:
// about a third rephrase an earlier item (words dropped, added, swapped, case and
// punctuation changed), a few repeat one exactly, and a few have nothing to compare.
func Items(n int, seed uint64) []Item {
	r := rand.New(rand.NewPCG(seed, 42))
	syll := strings.Fields("ex port csv dash board sso log in team bill ing rep ort fil ter sea rch note tag mo bile sync cal end ar em ail api key web hook chart user role")
	vocab := make([]string, 3000)
	for i := range vocab {
		var w strings.Builder
		for k := 2 + r.IntN(2); k > 0; k-- {
			w.WriteString(syll[r.IntN(len(syll))])
		}
		vocab[i] = fmt.Sprintf("%s%d", w.String(), i%7)
	}
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	out := make([]Item, n)
	for i := range out {
		id := fmt.Sprintf("I%06d", (i*7919)%n) // IDs not in input order
		var words []string
		switch k := r.IntN(20); {
		case i > 0 && k < 2:
			out[i] = Item{ID: id, Text: out[r.IntN(i)].Text}
			continue
		case k == 2:
			out[i] = Item{ID: id, Text: "?!"}
			continue
		case i > 0 && k < 9:
			words = strings.Fields(out[r.IntN(i)].Text)
			for j := range words {
				if r.IntN(6) == 0 {
					words[j] = vocab[zipf.Uint64()]
				}
			}
			if len(words) > 2 && r.IntN(2) == 0 {
				words = words[1:]
			}
			if r.IntN(2) == 0 {
				words = append(words, "please")
			}
		default:
			for range 3 + r.IntN(8) {
				words = append(words, vocab[zipf.Uint64()])
			}
		}
		text := strings.Join(words, " ")
		if r.IntN(3) == 0 {
			text = strings.ToUpper(text[:1]) + text[1:] + "!"
		}
		out[i] = Item{ID: id, Text: text}
	}
	return out
}

// FeedbackItems returns items as feedback items (ID and text only).
func FeedbackItems(items []Item) []feedback.Item {
	out := make([]feedback.Item, len(items))
	for i, it := range items {
		out[i] = feedback.Item{ID: feedback.ItemID(it.ID), Text: it.Text}
	}
	return out
}
