package feedback

import "github.com/productops/productops/internal/enum"

// SignalChannel says where a link's or vote's importance was given, which decides whether
// it may replace an importance the person already gave (Productboard's Customer
// Importance Score). The zero value is [ChannelInsight].
type SignalChannel uint8

// Signal channels. Text forms: "insight", "portal", "import".
const (
	// ChannelInsight: set in the app by the team (Productboard's insights). The most
	// recent importance wins ("the most recent importance value set in the app will be
	// used").
	ChannelInsight SignalChannel = iota
	// ChannelPortal: given by the customer on a portal or through Slack. It sets an
	// importance only when the person has none yet for the request ("When a user sets an
	// importance value via Portal or Slack, it is applied if no previous importance for a
	// given user exists").
	ChannelPortal
	// ChannelImport: brought in by an import (a spreadsheet, an API backfill).
	// Productboard documents rules only for values set in the app and from the portal and
	// Slack; an import also comes from outside the app, so by default it follows the
	// portal rule and never overrides an importance a person already has.
	ChannelImport
)

var channelSet = enum.Set[SignalChannel]{Subject: "feedback: signal channel", Kind: "signal channel",
	Names: []string{"insight", "portal", "import"}, Aliases: map[string]SignalChannel{"app": ChannelInsight, "slack": ChannelPortal}}

// String returns the channel's text form ("portal").
func (c SignalChannel) String() string { return channelSet.String(c) }

// MarshalText encodes the channel as its text form; an undefined value is an error.
func (c SignalChannel) MarshalText() ([]byte, error) { return channelSet.Marshal(c) }

// UnmarshalText decodes a text form ("slack" and "app" are accepted for portal and insight).
func (c *SignalChannel) UnmarshalText(b []byte) error { return channelSet.Unmarshal(c, b) }

// ImportanceRule says when a signal's importance replaces the one a person already has on
// a request. The zero value is [ImportanceChannelDefault].
type ImportanceRule uint8

// Importance rules. Text forms: "channel_default", "latest", "first".
const (
	// ImportanceChannelDefault: Productboard's rule for the channel: latest for insights,
	// first for the portal and imports.
	ImportanceChannelDefault ImportanceRule = iota
	// ImportanceLatest: the most recent signal's importance counts.
	ImportanceLatest
	// ImportanceFirst: the signal's importance counts only when no earlier signal of the
	// person gave one (create, never update); otherwise the signal still counts the
	// person but its importance is ignored (counted in DemandExclusions.ImportanceIgnored).
	ImportanceFirst
)

var importanceRuleSet = enum.Set[ImportanceRule]{Subject: "feedback: importance rule", Kind: "importance rule",
	Names: []string{"channel_default", "latest", "first"}}

// String returns the rule's text form ("first").
func (r ImportanceRule) String() string { return importanceRuleSet.String(r) }

// MarshalText encodes the rule as its text form; an undefined value is an error.
func (r ImportanceRule) MarshalText() ([]byte, error) { return importanceRuleSet.Marshal(r) }

// UnmarshalText decodes a text form.
func (r *ImportanceRule) UnmarshalText(b []byte) error { return importanceRuleSet.Unmarshal(r, b) }

// ChannelRules sets the importance rule of each channel. The zero value is Productboard's:
// insights latest, portal and imports first.
type ChannelRules struct {
	Insight ImportanceRule `json:"insight,omitempty"`
	Portal  ImportanceRule `json:"portal,omitempty"`
	Import  ImportanceRule `json:"import,omitempty"`
}

// of returns the resolved rule of channel c (never ImportanceChannelDefault).
func (r ChannelRules) of(c SignalChannel) ImportanceRule {
	rule := r.Insight
	def := ImportanceLatest
	switch c {
	case ChannelPortal:
		rule, def = r.Portal, ImportanceFirst
	case ChannelImport:
		rule, def = r.Import, ImportanceFirst
	}
	if rule == ImportanceChannelDefault {
		return def
	}
	return rule
}

// MergeMode names how a request merged into another counts in [Demand]. The zero value is
// [MergeAsLink].
type MergeMode uint8

// Merge modes. Text forms: "link", "fider".
const (
	// MergeAsLink: a merge is a link; demand is computed over the merged class (the
	// request and everything merged into it, chains flattened), each person once, and the
	// merged requests are not listed on their own. Unmerging restores everything.
	MergeAsLink MergeMode = iota
	// MergeFider: Fider's "mark as duplicate": at the merge instant every person with a
	// vote on the duplicate gets a vote on the original (stamped with the merge instant,
	// none when they already had one), unless the original could not be voted on then
	// (completed, declined, closed, or itself a duplicate). The duplicate keeps its own
	// votes and is listed with them; links (feedback) are not copied; chains are not
	// flattened (each merge copies into its direct target, in merge order).
	MergeFider
)

var mergeModeSet = enum.Set[MergeMode]{Subject: "feedback: merge mode", Kind: "merge mode", Names: []string{"link", "fider"}}

// String returns the mode's text form ("fider").
func (m MergeMode) String() string { return mergeModeSet.String(m) }

// MarshalText encodes the mode as its text form; an undefined value is an error.
func (m MergeMode) MarshalText() ([]byte, error) { return mergeModeSet.Marshal(m) }

// UnmarshalText decodes a text form.
func (m *MergeMode) UnmarshalText(b []byte) error { return mergeModeSet.Unmarshal(m, b) }
