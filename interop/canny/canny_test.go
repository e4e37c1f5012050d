package canny

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/feedback"
	"github.com/productops/productops/internal/fieldtest"
	"github.com/productops/productops/internal/proptest"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
)

var cmpDec = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func open(t testing.TB, name string) []byte {
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func at(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }

func dec(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

func TestReadPostsAndVotes(t *testing.T) {
	posts, err := ReadPosts(bytes.NewReader(open(t, "posts.json")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sally := &User{ID: "553c3ef8b8cdcd1501ba4400", UserID: "user-1234", Name: "Sally Doe", Email: "sally@acme.example",
		Companies: []Company{{ID: "553c3ef8b8cdcd1501ba7000", Name: "Acme", MonthlySpend: dec("1250")}}}
	want := []Post{
		{ID: "553c3ef8b8cdcd1501ba1238", Title: "CSV export for invoices", Details: "Let us export invoices as CSV.", Status: "planned",
			StatusChangedAt: at("2026-05-20T09:00:00Z"), Created: at("2026-05-02T08:10:00Z"), Author: sally, Board: "Feature Requests", Score: 2, Tags: []string{"billing"}},
		{ID: "553c3ef8b8cdcd1501ba1239", Title: "Dark mode", Status: "open", StatusChangedAt: at("2026-05-05T12:00:00Z"), Created: at("2026-05-05T12:00:00Z"),
			Author: &User{ID: "553c3ef8b8cdcd1501ba4401", Name: "Ben Roe"},
			By:     &User{ID: "553c3ef8b8cdcd1501ba4500", UserID: "staff-9", Name: "Pat Admin", Email: "pm@your-company.example", IsAdmin: true},
			Board:  "Feature Requests", Score: 1},
	}
	if d := cmp.Diff(want, posts, cmpDec); d != "" {
		t.Errorf("posts (-want +got)\n%s", d)
	}
	votes, err := ReadVotes(bytes.NewReader(open(t, "votes.json")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(votes) != 3 {
		t.Fatalf("%d votes, want 3 (one repeats across pages)", len(votes))
	}
	ds, err := Dataset(posts, votes, DatasetOptions{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.Validate(); err != nil {
		t.Fatalf("feedback rejects the dataset: %v", err)
	}
	wantVotes := []feedback.Vote{
		{Request: "553c3ef8b8cdcd1501ba1238", Person: "user-1234", CreatedAt: at("2026-05-03T09:00:00Z")},
		{Request: "553c3ef8b8cdcd1501ba1238", Person: "553c3ef8b8cdcd1501ba4402", CastBy: "staff-9", CreatedAt: at("2026-05-04T15:30:00Z")},
		{Request: "553c3ef8b8cdcd1501ba1239", Person: "553c3ef8b8cdcd1501ba4401", CreatedAt: at("2026-05-06T10:00:00Z")},
	}
	if d := cmp.Diff(wantVotes, ds.Votes); d != "" {
		t.Errorf("votes (-want +got)\n%s", d)
	}
	if ds.Requests[0].Status != feedback.RequestPlanned || len(ds.Requests[0].History) != 1 || ds.Requests[1].Status != feedback.RequestNew {
		t.Errorf("requests %+v", ds.Requests)
	}
	if len(ds.Accounts) != 2 || !ds.Accounts[1].MRR.Equal(decimal.RequireFromString("300.5")) || ds.Accounts[1].Currency != "USD" {
		t.Errorf("accounts %+v", ds.Accounts)
	}
	if len(ds.People) != 4 || ds.People[3].Role != feedback.RoleInternal {
		t.Errorf("people %+v", ds.People)
	}
	if ds.Items[0].ID != "post:553c3ef8b8cdcd1501ba1238" || ds.Items[0].Author != "user-1234" || ds.Links[1].Request != "553c3ef8b8cdcd1501ba1239" {
		t.Errorf("items %+v links %+v", ds.Items, ds.Links)
	}
}

func TestDatasetErrors(t *testing.T) {
	posts := []Post{{ID: "p", Status: "shipping soon", Created: at("2026-01-01T00:00:00Z")}, {ID: "q", Status: "open", Created: at("2026-01-01T00:00:00Z")}}
	votes := []Vote{{ID: "v", PostID: "zz", Voter: User{ID: "u"}}, {ID: "w", PostID: "p", Created: at("2026-01-02T00:00:00Z"), Voter: User{ID: "u", Companies: []Company{{ID: "c", MonthlySpend: dec("5")}}}}}
	_, err := Dataset(posts, votes, DatasetOptions{})
	want := []string{"posts[0].status", "posts[0].author", "posts[1].author", "votes[0].post", "votes[1].voter.companies[0].monthly_spend"}
	if d := cmp.Diff(want, fieldtest.Paths(t, err)); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	ds, err := Dataset(posts, votes[1:], DatasetOptions{Statuses: map[string]feedback.RequestStatus{"Shipping Soon": feedback.RequestInProgress, "open": feedback.RequestNew}, AnonymousAuthor: "anon", Currency: "EUR"})
	if err != nil || ds.Requests[0].Status != feedback.RequestInProgress || ds.Items[0].Author != "anon" {
		t.Fatalf("%+v %v", ds, err)
	}
	if err := ds.Validate(); err != nil {
		t.Error(err)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		posts bool
		in    string
		paths []string
	}{
		{true, `{"posts":[1]}`, []string{"posts[0]"}},
		{true, `{"posts":[{"title":"x"}]}`, []string{"posts[0].id"}},
		{true, `{"posts":[{"id":"p"}]}`, []string{"posts[0].created"}},
		{true, `{"posts":[{"id":"p","created":"2026-01-01T00:00:00Z","statusChangedAt":"yesterday"}]}`, []string{"posts[0].statusChangedAt"}},
		{true, `{"posts":[{"id":"p","created":"2026-01-01T00:00:00Z","author":{"name":"x","companies":[{"monthlySpend":"lots"}]}}]}`,
			[]string{"posts[0].author.id", "posts[0].author.companies[0].id", "posts[0].author.companies[0].monthlySpend"}},
		{false, `{"votes":[{"id":"v"}]}`, []string{"votes[0]"}},
		{false, `{"votes":["v"]}`, []string{"votes[0]"}},
		{false, `{"votes":[{"id":"v","post":{"id":"p"},"voter":{"id":"u"},"created":"Jan 1"}]}`, []string{"votes[0].created"}},
	} {
		var err error
		if tc.posts {
			_, err = ReadPosts(strings.NewReader(tc.in), Options{})
		} else {
			_, err = ReadVotes(strings.NewReader(tc.in), Options{})
		}
		if !errors.Is(err, productops.ErrInvalid) {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if d := cmp.Diff(tc.paths, fieldtest.Paths(t, err)); d != "" {
			t.Errorf("%s (-want +got)\n%s", tc.in, d)
		}
	}
	if _, err := ReadPosts(nil, Options{Limits: column.Limits{MaxRecords: -1}}); len(fieldtest.Paths(t, err)) != 2 {
		t.Errorf("%v", err)
	}
	if _, err := ReadVotes(nil, Options{}); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("%v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadPostsContext(ctx, bytes.NewReader(open(t, "posts.json")), Options{}); !errors.Is(err, context.Canceled) {
		t.Error(err)
	}
	if _, err := ReadVotesContext(ctx, bytes.NewReader(open(t, "votes.json")), Options{}); !errors.Is(err, context.Canceled) {
		t.Error(err)
	}
}

func TestPropertyChunks(t *testing.T) {
	pb, vb := open(t, "posts.json"), open(t, "votes.json")
	wp, _ := ReadPosts(bytes.NewReader(pb), Options{})
	wv, _ := ReadVotes(bytes.NewReader(vb), Options{})
	props := gopter.NewProperties(proptest.Parameters(t))
	props.Property("posts and votes read the same in any chunks", prop.ForAll(func(sizes []int) bool {
		p, err1 := ReadPosts(tabular.Chunks(pb, sizes), Options{})
		v, err2 := ReadVotes(tabular.Chunks(vb, sizes), Options{})
		return err1 == nil && err2 == nil && cmp.Diff(wp, p, cmpDec) == "" && cmp.Diff(wv, v, cmpDec) == ""
	}, gen.SliceOf(gen.IntRange(1, 97))))
	props.TestingRun(t)
}

func FuzzRead(f *testing.F) {
	f.Add(open(f, "posts.json"), open(f, "votes.json"), []byte(`{"currency":"USD","anonymous_author":"a"}`))
	f.Fuzz(func(t *testing.T, posts, votes, opts []byte) {
		var o DatasetOptions
		_ = json.Unmarshal(opts, &o)
		tabular.Guard(t, 2*time.Second, 256<<20, func() {
			p, err1 := ReadPosts(bytes.NewReader(posts), Options{})
			v, err2 := ReadVotes(bytes.NewReader(votes), Options{})
			if err1 == nil && err2 == nil {
				if ds, err := Dataset(p, v, o); err == nil {
					_ = ds.Validate()
				}
			}
		})
	})
}
