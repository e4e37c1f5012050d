package feedback

import "fmt"

// ImportanceScale defines the importance levels a [Link] or [Vote] may carry and the points
// each is worth in [Demand]: an importance v on the scale is worth v points.
//
// The zero value is [ProductboardScale]: 0 not important, 1 nice-to-have, 2 important,
// 3 critical, and a link without an importance counts as 1 (Productboard's Customer
// Importance Score).
type ImportanceScale struct {
	// Name labels the scale in results ("productboard"); empty reads as "productboard" for the
	// zero scale and "custom" otherwise.
	Name string `json:"name,omitempty"`
	// Min and Max bound the scale, inclusive; Min >= 0 and Min <= Max. Both zero means the
	// Productboard scale.
	Min int `json:"min"`
	Max int `json:"max"`
	// Default is the value of a link or vote that carries no importance; within Min..Max.
	Default int `json:"default"`
	// Labels optionally names each level from Min to Max (len = Max-Min+1).
	Labels []string `json:"labels,omitempty"`
}

// ProductboardScale is Productboard's 0-3 scale: not important +0, nice-to-have +1,
// important +2, critical +3; feedback without an importance adds +1.
var ProductboardScale = ImportanceScale{
	Name: "productboard", Min: 0, Max: 3, Default: 1,
	Labels: []string{"not important", "nice-to-have", "important", "critical"},
}

// VoteCountScale counts every signal as 1 (Fider and Canny's vote count: no importance).
var VoteCountScale = ImportanceScale{Name: "votes", Min: 1, Max: 1, Default: 1}

// UserVoiceScale is UserVoice's legacy 1-3 votes per idea; a plain vote is 1.
var UserVoiceScale = ImportanceScale{Name: "uservoice", Min: 1, Max: 3, Default: 1}

// resolved returns the scale with the zero value replaced by [ProductboardScale].
func (s ImportanceScale) resolved() ImportanceScale {
	if s.Min == 0 && s.Max == 0 && s.Default == 0 && s.Name == "" && s.Labels == nil {
		return ProductboardScale
	}
	if s.Name == "" {
		s.Name = "custom"
	}
	return s
}

// check reports what is wrong with the scale itself, or "".
func (s ImportanceScale) check() string {
	switch {
	case s.Min < 0:
		return fmt.Sprintf("min %d is negative", s.Min)
	case s.Min > s.Max:
		return fmt.Sprintf("min %d is greater than max %d", s.Min, s.Max)
	case s.Default < s.Min || s.Default > s.Max:
		return fmt.Sprintf("default %d is outside %d..%d", s.Default, s.Min, s.Max)
	case s.Labels != nil && len(s.Labels) != s.Max-s.Min+1:
		return fmt.Sprintf("%d labels for %d levels", len(s.Labels), s.Max-s.Min+1)
	}
	return ""
}

// Contains reports whether v is a level of the scale (the zero scale is Productboard's).
func (s ImportanceScale) Contains(v int) bool {
	s = s.resolved()
	return v >= s.Min && v <= s.Max
}

// Label returns the name of level v, or its number when the scale has no labels or v is off
// the scale.
func (s ImportanceScale) Label(v int) string {
	s = s.resolved()
	if s.Labels != nil && v >= s.Min && v <= s.Max {
		return s.Labels[v-s.Min]
	}
	return fmt.Sprint(v)
}
