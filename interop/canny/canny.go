// Package canny reads Canny's API responses, the posts list (POST /api/v1/posts/list) and
// the votes list (POST /api/v1/votes/list), one page or several pages one after another,
// and turns them into a feedback.Dataset: each post is a request and, from its author, a
// feedback item linked to it; each vote is a vote; authors and voters are people, and
// their companies accounts (with monthlySpend as MRR).
//
// # Identity and dedupe
//
// A post and a vote are identified by their Canny id; an id seen again (overlapping pages)
// is the same record, kept once. A person is identified by the user's userID, your
// application's ID, when Canny has it, else by Canny's user id, as Canny matches users;
// an account by the company id. A user in several companies belongs to the first one
// listed. Votes of one person on one post count once in feedback's demand (the latest
// wins); a vote cast by an admin on a user's behalf ("by") keeps the user as the voter.
//
// Readers are bounded (column.Limits); bad input is a *productops.ValidationError naming
// each bad value by JSON path; errors.Is(err, productops.ErrInvalid) holds.
package canny

import (
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/feedback"
	"github.com/productops/productops/internal/validation"
	"github.com/productops/productops/interop/column"
	"github.com/productops/productops/interop/internal/tabular"
)

// User is a Canny user as embedded in posts and votes.
type User struct {
	// ID is Canny's user id.
	ID string `json:"id"`
	// UserID is the user's ID in your application (from SSO or the API); empty if unknown.
	UserID    string    `json:"user_id,omitempty"`
	Name      string    `json:"name,omitempty"`
	Email     string    `json:"email,omitempty"`
	IsAdmin   bool      `json:"is_admin,omitempty"`
	Companies []Company `json:"companies,omitempty"`
}

// Key returns the user's identity: UserID when set, else ID.
func (u User) Key() feedback.PersonID {
	if u.UserID != "" {
		return feedback.PersonID(u.UserID)
	}
	return feedback.PersonID(u.ID)
}

// Company is a company a user belongs to.
type Company struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// MonthlySpend is the company's monthly spend; nil when not recorded.
	MonthlySpend *decimal.Decimal `json:"monthly_spend,omitempty"`
}

// Post is a Canny post.
type Post struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Details string `json:"details,omitempty"`
	// Status is the post's status: open, under review, planned, in progress, complete,
	// closed, or a custom status.
	Status string `json:"status"`
	// StatusChangedAt is when the status last changed; zero if not given.
	StatusChangedAt time.Time `json:"status_changed_at,omitzero"`
	Created         time.Time `json:"created"`
	// Author wrote the post; nil when the author's account was deleted.
	Author *User `json:"author,omitempty"`
	// By is the admin who created the post on the author's behalf; nil otherwise.
	By    *User  `json:"by,omitempty"`
	Board string `json:"board,omitempty"`
	// Score is Canny's vote count.
	Score int      `json:"score"`
	Tags  []string `json:"tags,omitempty"`
}

// Vote is a Canny vote.
type Vote struct {
	ID     string `json:"id"`
	PostID string `json:"post_id"`
	Voter  User   `json:"voter"`
	// By is the admin who voted on the voter's behalf; nil when the voter voted.
	By      *User     `json:"by,omitempty"`
	Created time.Time `json:"created"`
}

// Options configures a read.
type Options struct {
	Limits column.Limits `json:"limits,omitzero"`
}

func (o Options) check(subject string, r io.Reader) error {
	e := validation.New(subject)
	e.Merge("limits", o.Limits.Validate())
	if r == nil {
		e.Add("reader", "required", "", "is nil")
	}
	return e.Err()
}

type apiUser struct {
	ID        string  `json:"id"`
	UserID    *string `json:"userID"`
	Name      string  `json:"name"`
	Email     *string `json:"email"`
	IsAdmin   bool    `json:"isAdmin"`
	Companies []struct {
		ID           string          `json:"id"`
		Name         string          `json:"name"`
		MonthlySpend json.RawMessage `json:"monthlySpend"`
	} `json:"companies"`
}

func (a *apiUser) user(errs *tabular.Errors, p string) *User {
	if a == nil {
		return nil
	}
	u := &User{ID: a.ID, Name: a.Name, IsAdmin: a.IsAdmin}
	if a.UserID != nil {
		u.UserID = *a.UserID
	}
	if a.Email != nil {
		u.Email = *a.Email
	}
	if u.ID == "" && u.UserID == "" {
		errs.Add(p+".id", "required", "the user has no id")
	}
	for i, c := range a.Companies {
		co := Company{ID: c.ID, Name: c.Name}
		if c.ID == "" {
			errs.Add(p+".companies["+strconv.Itoa(i)+"].id", "required", "is empty")
		}
		if v, ok := tabular.Text(c.MonthlySpend); !ok || v != "" {
			d, err := column.ParseNumber(v)
			if err != nil || d.Sign() < 0 {
				errs.Add(p+".companies["+strconv.Itoa(i)+"].monthlySpend", "number", "want a number of at least 0")
			} else {
				co.MonthlySpend = &d
			}
		}
		u.Companies = append(u.Companies, co)
	}
	return u
}

type apiPost struct {
	ID              string   `json:"id"`
	Title           string   `json:"title"`
	Details         string   `json:"details"`
	Status          string   `json:"status"`
	StatusChangedAt string   `json:"statusChangedAt"`
	Created         string   `json:"created"`
	Author          *apiUser `json:"author"`
	By              *apiUser `json:"by"`
	Board           *struct {
		Name string `json:"name"`
	} `json:"board"`
	Score int `json:"score"`
	Tags  []struct {
		Name string `json:"name"`
	} `json:"tags"`
}

type apiVote struct {
	ID   string `json:"id"`
	Post *struct {
		ID string `json:"id"`
	} `json:"post"`
	Voter   *apiUser `json:"voter"`
	By      *apiUser `json:"by"`
	Created string   `json:"created"`
}

func parseTime(errs *tabular.Errors, p, s string, required bool) time.Time {
	if s == "" {
		if required {
			errs.Add(p, "required", "is required")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		errs.Add(p, "time", tabular.Quote(s)+" is not an ISO 8601 time such as 2026-06-01T10:00:00.000Z")
	}
	return t
}

func why(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		return "field " + te.Field + " is a JSON " + te.Value + ", want " + te.Type.String()
	}
	return "malformed"
}

// ReadPosts reads posts list pages; see ReadPostsContext.
func ReadPosts(r io.Reader, opts Options) ([]Post, error) {
	return ReadPostsContext(context.Background(), r, opts)
}

// ReadPostsContext reads responses of POST /api/v1/posts/list: objects with a "posts"
// array (and hasMore, skipped). From each post it reads id, title, details, status,
// statusChangedAt, created (ISO 8601), author, by, board.name, score and tags[].name;
// from users id, userID, name, email, isAdmin and companies (id, name, monthlySpend).
// ctx is checked every 1024 posts.
func ReadPostsContext(ctx context.Context, r io.Reader, opts Options) ([]Post, error) {
	if err := opts.check("canny: posts", r); err != nil {
		return nil, err
	}
	errs := tabular.NewErrors("canny: posts")
	var out []Post
	seen := map[string]bool{}
	err := tabular.Pages(ctx, r, opts.Limits.Or(), errs, map[string]tabular.Handler{
		"posts": {Each: func(raw json.RawMessage, i int) error {
			p := "posts[" + strconv.Itoa(i) + "]"
			var a apiPost
			if err := json.Unmarshal(raw, &a); err != nil {
				errs.Add(p, "json", "want a post object: "+why(err))
				return nil
			}
			if a.ID == "" {
				errs.Add(p+".id", "required", "the post id is empty")
				return nil
			}
			if seen[a.ID] {
				return nil
			}
			seen[a.ID] = true
			post := Post{ID: a.ID, Title: a.Title, Details: a.Details, Status: a.Status, Score: a.Score,
				Author: a.Author.user(errs, p+".author"), By: a.By.user(errs, p+".by")}
			post.Created = parseTime(errs, p+".created", a.Created, true)
			post.StatusChangedAt = parseTime(errs, p+".statusChangedAt", a.StatusChangedAt, false)
			if a.Board != nil {
				post.Board = a.Board.Name
			}
			for _, t := range a.Tags {
				post.Tags = append(post.Tags, t.Name)
			}
			out = append(out, post)
			return nil
		}},
	})
	if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadVotes reads votes list pages; see ReadVotesContext.
func ReadVotes(r io.Reader, opts Options) ([]Vote, error) {
	return ReadVotesContext(context.Background(), r, opts)
}

// ReadVotesContext reads responses of POST /api/v1/votes/list: objects with a "votes"
// array (and hasMore, skipped). From each vote it reads id, post.id, voter, by and created.
// ctx is checked every 1024 votes.
func ReadVotesContext(ctx context.Context, r io.Reader, opts Options) ([]Vote, error) {
	if err := opts.check("canny: votes", r); err != nil {
		return nil, err
	}
	errs := tabular.NewErrors("canny: votes")
	var out []Vote
	seen := map[string]bool{}
	err := tabular.Pages(ctx, r, opts.Limits.Or(), errs, map[string]tabular.Handler{
		"votes": {Each: func(raw json.RawMessage, i int) error {
			p := "votes[" + strconv.Itoa(i) + "]"
			var a apiVote
			if err := json.Unmarshal(raw, &a); err != nil {
				errs.Add(p, "json", "want a vote object: "+why(err))
				return nil
			}
			if a.ID == "" || a.Post == nil || a.Post.ID == "" || a.Voter == nil {
				errs.Add(p, "required", "want an id, a post with an id and a voter")
				return nil
			}
			if seen[a.ID] {
				return nil
			}
			seen[a.ID] = true
			v := Vote{ID: a.ID, PostID: a.Post.ID, Voter: *a.Voter.user(errs, p+".voter"), By: a.By.user(errs, p+".by")}
			v.Created = parseTime(errs, p+".created", a.Created, true)
			out = append(out, v)
			return nil
		}},
	})
	if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// DefaultStatuses maps Canny's built-in statuses to feedback request statuses.
var DefaultStatuses = map[string]feedback.RequestStatus{
	"open": feedback.RequestNew, "under review": feedback.RequestUnderReview, "planned": feedback.RequestPlanned,
	"in progress": feedback.RequestInProgress, "complete": feedback.RequestCompleted, "closed": feedback.RequestClosed,
}

// DatasetOptions configures Dataset.
type DatasetOptions struct {
	// Statuses maps post statuses (case-insensitively) to request statuses; nil means
	// DefaultStatuses. A status not in the map is an error.
	Statuses map[string]feedback.RequestStatus `json:"statuses,omitempty"`
	// Currency is the ISO 4217 code of companies' monthlySpend; required when any company
	// has one.
	Currency string `json:"currency,omitempty"`
	// AnonymousAuthor is the person a post without an author is attributed to; empty
	// means such a post is an error.
	AnonymousAuthor feedback.PersonID `json:"anonymous_author,omitempty"`
}

// Dataset builds a feedback dataset from posts and votes. Each post is a Request (ID the
// post id, Title, Status through DatasetOptions.Statuses, with one history entry from new
// at statusChangedAt, or created, when the status is not new) and an Item from its author
// (ID "post:<id>", Source "canny", SourceRecord the post id, Text title and details,
// Tags) linked to the request. Each vote is a Vote (CastBy the admin when cast on the
// voter's behalf). People are the authors and voters, admins with the internal role;
// accounts their companies. Votes on posts not among posts are an error.
func Dataset(posts []Post, votes []Vote, opts DatasetOptions) (feedback.Dataset, error) {
	statuses := opts.Statuses
	if statuses == nil {
		statuses = DefaultStatuses
	}
	folded := map[string]feedback.RequestStatus{}
	for k, v := range statuses {
		folded[tabular.Key(k)] = v
	}
	e := validation.New("canny: dataset")
	var ds feedback.Dataset
	people := map[feedback.PersonID]bool{}
	accounts := map[feedback.AccountID]bool{}
	addUser := func(u *User, p string) feedback.PersonID {
		id := u.Key()
		if people[id] {
			return id
		}
		people[id] = true
		person := feedback.Person{ID: id, Name: u.Name, Email: u.Email}
		if u.IsAdmin {
			person.Role = feedback.RoleInternal
		}
		for i, c := range u.Companies {
			aid := feedback.AccountID(c.ID)
			if i == 0 {
				person.Account = aid
			}
			if accounts[aid] {
				continue
			}
			accounts[aid] = true
			acc := feedback.Account{ID: aid, Name: c.Name}
			if c.MonthlySpend != nil {
				if opts.Currency == "" {
					e.Add(p+".companies["+strconv.Itoa(i)+"].monthly_spend", "required", "", "set DatasetOptions.Currency to read monthly spend")
				}
				acc.MRR, acc.Currency = *c.MonthlySpend, opts.Currency
			}
			ds.Accounts = append(ds.Accounts, acc)
		}
		ds.People = append(ds.People, person)
		return id
	}
	known := map[string]bool{}
	for i, post := range posts {
		p := "posts[" + strconv.Itoa(i) + "]"
		known[post.ID] = true
		st, ok := folded[tabular.Key(post.Status)]
		if !ok {
			e.Add(p+".status", "oneof", "", "status "+tabular.Quote(post.Status)+" has no request status: add it to DatasetOptions.Statuses")
		}
		req := feedback.Request{ID: feedback.RequestID(post.ID), Title: post.Title}
		if st != feedback.RequestNew {
			at := post.StatusChangedAt
			if at.IsZero() {
				at = post.Created
			}
			if err := req.SetStatus(st, at, "", ""); err != nil {
				e.Add(p+".status", "transition", "", err.Error())
			}
		}
		ds.Requests = append(ds.Requests, req)
		var author feedback.PersonID
		switch {
		case post.Author != nil:
			author = addUser(post.Author, p+".author")
		case opts.AnonymousAuthor != "":
			author = opts.AnonymousAuthor
			if !people[author] {
				people[author] = true
				ds.People = append(ds.People, feedback.Person{ID: author})
			}
		default:
			e.Add(p+".author", "required", "", "the post has no author; set DatasetOptions.AnonymousAuthor")
			continue
		}
		item := feedback.Item{ID: feedback.ItemID("post:" + post.ID), Source: "canny", SourceRecord: post.ID,
			Text: strings.TrimSpace(post.Title + "\n\n" + post.Details), Author: author, CreatedAt: post.Created, Tags: post.Tags, State: feedback.ItemProcessed}
		ds.Items = append(ds.Items, item)
		ds.Links = append(ds.Links, feedback.Link{Item: item.ID, Request: req.ID})
	}
	for i, v := range votes {
		p := "votes[" + strconv.Itoa(i) + "]"
		if !known[v.PostID] {
			e.Add(p+".post", "exists", "", "post "+tabular.Quote(v.PostID)+" is not among the posts")
			continue
		}
		vote := feedback.Vote{Request: feedback.RequestID(v.PostID), Person: addUser(&v.Voter, p+".voter"), CreatedAt: v.Created}
		if v.By != nil {
			vote.CastBy = addUser(v.By, p+".by")
		}
		ds.Votes = append(ds.Votes, vote)
	}
	if err := e.Err(); err != nil {
		return feedback.Dataset{}, err
	}
	return ds, nil
}
