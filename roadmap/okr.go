package roadmap

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/productops/productops/internal/enum"
	"github.com/productops/productops/internal/validation"
)

// Expectation says what score an objective is expected to reach (Google's OKR playbook).
// The zero value is Committed.
type Expectation int

// The expectations.
const (
	// Committed objectives are expected to reach 1.0; anything less needs a postmortem.
	Committed Expectation = iota
	// Aspirational objectives are expected to average 0.7.
	Aspirational
)

var expectationSet = enum.Set[Expectation]{Subject: "roadmap: expectation", Kind: "expectation", Names: []string{"committed", "aspirational"}}

// String returns "committed" or "aspirational".
func (x Expectation) String() string { return expectationSet.String(x) }

// MarshalText encodes x as its String form; an invalid value is an error.
func (x Expectation) MarshalText() ([]byte, error) { return expectationSet.Marshal(x) }

// UnmarshalText decodes "committed" or "aspirational" (case-insensitive).
func (x *Expectation) UnmarshalText(b []byte) error { return expectationSet.Unmarshal(x, b) }

// Met grades a final score: Committed is met iff score >= 1; Aspirational iff score >= 0.7.
// Any decimal is graded quickly, however many digits or whatever exponent it has.
func (x Expectation) Met(score decimal.Decimal) bool {
	if x == Aspirational {
		return cmpSmall(score, decimal.New(7, -1)) >= 0
	}
	return cmpSmall(score, decimal.NewFromInt(1)) >= 0
}

// Direction says which way a key result improves. The zero value, AutoDirection, derives
// it from sign(Target - Start).
type Direction int

// The directions.
const (
	AutoDirection Direction = iota
	HigherIsBetter
	LowerIsBetter
)

var directionSet = enum.Set[Direction]{
	Subject: "roadmap: direction", Kind: "direction", Names: []string{"", "higher", "lower"},
	Aliases: map[string]Direction{"higher_is_better": HigherIsBetter, "lower_is_better": LowerIsBetter, "increase": HigherIsBetter, "decrease": LowerIsBetter},
}

// String returns "higher", "lower", or "" for AutoDirection.
func (d Direction) String() string { return unsetOr(d, directionSet.String) }

// MarshalText encodes d as its String form ("" for AutoDirection).
func (d Direction) MarshalText() ([]byte, error) { return marshalUnset(d, &directionSet) }

// UnmarshalText decodes "higher", "lower" (case-insensitive; also "higher_is_better",
// "lower_is_better", "increase", "decrease"), or "" as AutoDirection.
func (d *Direction) UnmarshalText(b []byte) error { return unmarshalUnset(d, b, &directionSet) }

// Band is the colour of a score (Google's OKR playbook), with half-open bands so every
// score has exactly one: red [0, 0.4), yellow [0.4, 0.7), green [0.7, 1].
type Band int

// The bands.
const (
	Red Band = iota
	Yellow
	Green
)

var bandSet = enum.Set[Band]{Subject: "roadmap: band", Kind: "band", Names: []string{"red", "yellow", "green"}}

// String returns "red", "yellow" or "green".
func (b Band) String() string { return bandSet.String(b) }

// MarshalText encodes b as its String form; an invalid value is an error.
func (b Band) MarshalText() ([]byte, error) { return bandSet.Marshal(b) }

// UnmarshalText decodes "red", "yellow" or "green" (case-insensitive).
func (b *Band) UnmarshalText(t []byte) error { return bandSet.Unmarshal(b, t) }

// BandOf returns the band of a score: red below 0.4, yellow below 0.7, green otherwise.
// Any decimal is banded quickly, however many digits or whatever exponent it has.
func BandOf(score decimal.Decimal) Band {
	switch {
	case cmpSmall(score, decimal.New(4, -1)) < 0:
		return Red
	case cmpSmall(score, decimal.New(7, -1)) < 0:
		return Yellow
	}
	return Green
}

// KRKind says how a key result is graded. The zero value is NumericKR.
type KRKind int

// The key result kinds.
const (
	// NumericKR scores the progress from Start to Target, clamped to 0-1 (Google's
	// "launch six features, three launched" scores 0.5).
	NumericKR KRKind = iota
	// BinaryKR scores 1 once Current reaches Target and 0 before (Google: binary key
	// results score 0 or 1). With Start and Target both zero it reads as 0 to 1, so
	// Current 1 means done.
	BinaryKR
)

var krKindSet = enum.Set[KRKind]{Subject: "roadmap: key result kind", Kind: "key result kind", Names: []string{"numeric", "binary"},
	Aliases: map[string]KRKind{"boolean": BinaryKR, "yes_no": BinaryKR, "milestone": BinaryKR, "metric": NumericKR}}

// String returns "numeric" or "binary".
func (k KRKind) String() string { return krKindSet.String(k) }

// MarshalText encodes k as its String form; an invalid kind is an error.
func (k KRKind) MarshalText() ([]byte, error) { return krKindSet.Marshal(k) }

// UnmarshalText decodes "numeric" or "binary" (case-insensitive; also "boolean",
// "yes_no", "milestone" for binary and "metric" for numeric).
func (k *KRKind) UnmarshalText(b []byte) error { return krKindSet.Unmarshal(k, b) }

// KeyResult is a measurable result with a start, a target and a current value.
type KeyResult struct {
	// ID is unique across the plan's objectives.
	ID    KeyResultID `json:"id"`
	Title string      `json:"title,omitempty"` // for people.
	// Kind is NumericKR (the zero value) or BinaryKR.
	Kind KRKind `json:"kind,omitzero"`
	// Start, Target and Current are the baseline, the goal and the latest value, in the
	// KR's own unit. Start must differ from Target, except for a BinaryKR whose Start and
	// Target are both zero (read as 0 to 1).
	Start   decimal.Decimal `json:"start"`
	Target  decimal.Decimal `json:"target"`  // the goal value; must differ from Start.
	Current decimal.Decimal `json:"current"` // the latest measured value.
	// Direction must agree with sign(Target - Start) when set.
	Direction Direction `json:"direction,omitzero"`
	// Weight is the KR's weight in its objective, > 0; zero means 1.
	Weight decimal.Decimal `json:"weight,omitzero"`
}

func (k KeyResult) check(e *validation.Errors, p string) {
	id := validation.Truncate(string(k.ID))
	if k.ID == "" {
		e.Add(p+".id", "required", "", "is required")
	}
	ok := bounded(e, p+".start", k.Start)
	ok = bounded(e, p+".target", k.Target) && ok
	ok = bounded(e, p+".current", k.Current) && ok
	if k.Kind != NumericKR && k.Kind != BinaryKR {
		e.Addf(p+".kind", "oneof", "must be numeric or binary")
	}
	switch {
	case !ok:
	case k.Kind == BinaryKR && k.Start.IsZero() && k.Target.IsZero():
	case k.Start.Equal(k.Target):
		e.Addf(p+".target", "nefield", "key result %q: target must differ from start (%s)", id, validation.Truncate(k.Start.String()))
	default:
		up := k.Target.Cmp(k.Start) > 0
		if (k.Direction == HigherIsBetter && !up) || (k.Direction == LowerIsBetter && up) {
			e.Addf(p+".direction", "direction", "key result %q: direction %s disagrees with start %s and target %s", id, k.Direction, validation.Truncate(k.Start.String()), validation.Truncate(k.Target.String()))
		}
	}
	if k.Direction < AutoDirection || k.Direction > LowerIsBetter {
		e.Addf(p+".direction", "oneof", "must be higher or lower")
	}
	if bounded(e, p+".weight", k.Weight) && k.Weight.Sign() < 0 {
		e.Addf(p+".weight", "dgt", "key result %q: weight must be greater than 0 (0 means 1)", id)
	}
}

func weightOf(w decimal.Decimal) decimal.Decimal {
	if w.IsZero() {
		return decimal.NewFromInt(1)
	}
	return w
}

// KRScore is a key result's progress and score.
type KRScore struct {
	ID   KeyResultID `json:"id"`   // the key result.
	Kind KRKind      `json:"kind"` // how it was graded.
	// Progress is Numerator / Denominator = (Current - Start) / (Target - Start) at
	// RatioScale digits; it may be negative or exceed 1. It works for lower-is-better KRs
	// unchanged.
	Progress decimal.Decimal `json:"progress"`
	// Numerator is Current - Start and Denominator is Target - Start, exact (for a binary
	// KR without Start and Target, Current - 0 and 1).
	Numerator   decimal.Decimal `json:"numerator"`
	Denominator decimal.Decimal `json:"denominator"` // see Numerator.
	// Achieved is true once Current has reached Target: exact Numerator / Denominator >= 1.
	Achieved bool `json:"achieved"`
	// Score is Progress clamped to 0-1 for a numeric KR; 1 if Achieved, else 0, for a
	// binary one.
	Score decimal.Decimal `json:"score"`
	// Weight is the effective weight (1 when unset).
	Weight decimal.Decimal `json:"weight"`
	Band   Band            `json:"band"` // Score's colour band.
}

// ScoreKeyResult computes a key result's progress and score. Errors: start equal to target
// and a direction that disagrees with them.
func ScoreKeyResult(kr KeyResult) (KRScore, error) {
	e := validation.New("roadmap: key result")
	kr.check(e, "keyResult")
	if err := e.Err(); err != nil {
		return KRScore{}, err
	}
	return scoreKR(kr), nil
}

func scoreKR(kr KeyResult) KRScore {
	one := decimal.NewFromInt(1)
	start, target := kr.Start, kr.Target
	if kr.Kind == BinaryKR && start.IsZero() && target.IsZero() {
		target = one
	}
	num, den := kr.Current.Sub(start), target.Sub(start)
	p := num.DivRound(den, RatioScale)
	// num / den >= 1, exactly: compare num with den on the side of den's sign.
	achieved := num.Cmp(den)*den.Sign() >= 0
	s := p
	switch {
	case kr.Kind == BinaryKR && achieved:
		s = one
	case kr.Kind == BinaryKR:
		s = decimal.Zero
	case s.Sign() < 0:
		s = decimal.Zero
	case s.Cmp(one) > 0:
		s = one
	}
	return KRScore{ID: kr.ID, Kind: kr.Kind, Progress: p, Numerator: num, Denominator: den, Achieved: achieved, Score: s, Weight: weightOf(kr.Weight), Band: BandOf(s)}
}

// Objective is a qualitative goal with key results, possibly under a parent objective.
type Objective struct {
	ID    ObjectiveID `json:"id"`              // unique among objectives; required.
	Title string      `json:"title,omitempty"` // for people.
	// Parent is the objective this one supports; empty for a top-level objective.
	Parent      ObjectiveID `json:"parent,omitempty"`
	Expectation Expectation `json:"expectation,omitzero"` // Committed (default) or Aspirational.
	// Weight is this objective's alignment weight in its parent's roll-up, > 0; zero
	// means 1.
	Weight     decimal.Decimal `json:"weight,omitzero"`
	KeyResults []KeyResult     `json:"key_results,omitempty"` // the objective's key results; IDs unique across all objectives.
}

// RollUp says how scores combine into an objective's score. The zero value is Weighted.
type RollUp int

// The roll-ups.
const (
	// Weighted: Σ weight × score / Σ weight (Google's "rough average" with weights;
	// equal weights give the plain mean). Weights need not sum to 1.
	Weighted RollUp = iota
	// Unweighted: the plain mean, ignoring weights (Ally.io, Profit.co "equally
	// weighted").
	Unweighted
)

var rollUpSet = enum.Set[RollUp]{Subject: "roadmap: roll-up", Kind: "roll-up", Names: []string{"weighted", "unweighted"}}

// String returns "weighted" or "unweighted".
func (r RollUp) String() string { return rollUpSet.String(r) }

// MarshalText encodes r as its String form; an invalid value is an error.
func (r RollUp) MarshalText() ([]byte, error) { return rollUpSet.Marshal(r) }

// UnmarshalText decodes "weighted" or "unweighted" (case-insensitive).
func (r *RollUp) UnmarshalText(b []byte) error { return rollUpSet.Unmarshal(r, b) }

// TermSource says where a term of an objective's roll-up comes from.
type TermSource int

// The term sources.
const (
	// FromKeyResult: the term is one of the objective's key results.
	FromKeyResult TermSource = iota
	// FromChild: the term is a child objective's score.
	FromChild
)

var termSourceSet = enum.Set[TermSource]{Subject: "roadmap: term source", Kind: "term source", Names: []string{"key_result", "child"}}

// String returns "key_result" or "child".
func (t TermSource) String() string { return termSourceSet.String(t) }

// MarshalText encodes t as its String form; an invalid source is an error.
func (t TermSource) MarshalText() ([]byte, error) { return termSourceSet.Marshal(t) }

// UnmarshalText decodes "key_result" or "child" (case-insensitive).
func (t *TermSource) UnmarshalText(b []byte) error { return termSourceSet.Unmarshal(t, b) }

// ScoreTerm is one term of an objective's roll-up: Weight × Score in the numerator,
// Weight in the denominator.
type ScoreTerm struct {
	Source TermSource `json:"source"` // a key result or a child objective.
	ID     string     `json:"id"`     // the key result's or the child objective's ID.
	// Weight is the weight used: the KR's or child's effective weight under Weighted, 1
	// under Unweighted.
	Weight decimal.Decimal `json:"weight"`
	Score  decimal.Decimal `json:"score"` // the KR's score or the child's score, 0-1.
}

// ObjectiveScore is an objective's rolled-up score.
type ObjectiveScore struct {
	ID          ObjectiveID `json:"id"`          // the objective.
	Expectation Expectation `json:"expectation"` // the objective's expectation.
	// Score is Numerator / Denominator, 0-1 at RatioScale digits; 0 when not Defined.
	Score decimal.Decimal `json:"score"`
	// Numerator is Σ weight × score and Denominator Σ weight over Terms, exact.
	Numerator   decimal.Decimal `json:"numerator"`
	Denominator decimal.Decimal `json:"denominator"` // see Numerator.
	// Terms lists what was combined, key results first (in the objective's order), then
	// children (by ID).
	Terms []ScoreTerm `json:"terms"`
	// Defined is false for an objective with no key results and no scored children.
	Defined bool `json:"defined"`
	Band    Band `json:"band"` // Score's colour band.
	// Met applies Expectation.Met to Score (meaningful at the period's end).
	Met bool `json:"met"`
	// Formula shows the roll-up: "weighted: (1×0.5 + 2×1) / 3 = 0.833333".
	Formula string `json:"formula"`
	// KeyResults are the KR scores, when the objective has KRs.
	KeyResults []KRScore `json:"key_results,omitempty"`
	// Children lists the child objectives combined: those with a defined score, when the
	// objective has no KRs of its own or ScoreOptions.BlendChildren is set.
	Children []ObjectiveID `json:"children,omitempty"`
}

// ScoreOptions configures ScoreObjectivesWith: the roll-up of key results and that of
// child objectives are chosen independently. The zero value weights both, and an
// objective with key results ignores its children.
type ScoreOptions struct {
	// KeyResults combines an objective's key results: Weighted by KeyResult.Weight, or
	// Unweighted (the plain mean).
	KeyResults RollUp `json:"key_results,omitzero"`
	// Children combines child objectives: Weighted by Objective.Weight (UpRaise's
	// alignment weights), or Unweighted.
	Children RollUp `json:"children,omitzero"`
	// BlendChildren, when true, scores an objective that has both key results and scored
	// children as one weighted mean over both (each term weighted by its own roll-up);
	// false (the default) ignores the children of an objective with key results
	// (Leapsome's rule, avoiding double counting).
	BlendChildren bool `json:"blend_children,omitempty"`
}

// ValidateObjectives checks objectives as a set: unique objective and KR IDs, known
// parents without cycles, and every KR (start differs from target, direction agrees,
// positive weights).
func ValidateObjectives(objs []Objective) error {
	_, err := checkObjectives(objs)
	return err
}

func checkObjectives(objs []Objective) (map[ObjectiveID]int, error) {
	e := validation.New("roadmap: objectives")
	at := make(map[ObjectiveID]int, len(objs))
	krs := map[KeyResultID]bool{}
	for i, o := range objs {
		p := fmt.Sprintf("objectives[%d]", i)
		if o.ID == "" {
			e.Add(p+".id", "required", "", "is required")
		} else if _, dup := at[o.ID]; dup {
			e.Addf(p+".id", "unique", "duplicate objective %q", validation.Truncate(string(o.ID)))
		} else {
			at[o.ID] = i
		}
		if o.Expectation != Committed && o.Expectation != Aspirational {
			e.Addf(p+".expectation", "oneof", "must be committed or aspirational")
		}
		if bounded(e, p+".weight", o.Weight) && o.Weight.Sign() < 0 {
			e.Addf(p+".weight", "dgt", "objective %q: weight must be greater than 0 (0 means 1)", validation.Truncate(string(o.ID)))
		}
		for j, k := range o.KeyResults {
			kp := fmt.Sprintf("%s.key_results[%d]", p, j)
			k.check(e, kp)
			if k.ID != "" && krs[k.ID] {
				e.Addf(kp+".id", "unique", "duplicate key result %q", validation.Truncate(string(k.ID)))
			}
			krs[k.ID] = true
		}
	}
	// Parents: known, and no objective its own ancestor. Each chain is walked once: state
	// 1 marks objectives on the current walk, 2 those already settled, so finding the
	// cycles is linear however long the chains are.
	state := make([]uint8, len(objs))
	inCycle := make([]bool, len(objs))
	var walk []int
	for i := range objs {
		walk = walk[:0]
		j := i
		for state[j] == 0 {
			state[j] = 1
			walk = append(walk, j)
			p, ok := at[objs[j].Parent]
			if objs[j].Parent == "" || !ok {
				break
			}
			j = p
		}
		// The walk ends at a root, an unknown parent, a settled objective, or back on
		// itself: then j is on the walk and, unless the walk merely stopped at j, every
		// objective from j on is in the cycle (a self-parent is a cycle of one).
		k := slices.Index(walk, j)
		if state[j] == 1 && k >= 0 && (k < len(walk)-1 || objs[j].Parent == objs[j].ID) {
			for _, c := range walk[k:] {
				inCycle[c] = true
			}
		}
		for _, w := range walk {
			state[w] = 2
		}
	}
	for i, o := range objs {
		if o.Parent == "" {
			continue
		}
		if _, ok := at[o.Parent]; !ok {
			e.Addf(fmt.Sprintf("objectives[%d].parent", i), "exists", "objective %q has unknown parent %q", validation.Truncate(string(o.ID)), validation.Truncate(string(o.Parent)))
		} else if inCycle[i] {
			e.Addf(fmt.Sprintf("objectives[%d].parent", i), "cycle", "objective %q is its own ancestor", validation.Truncate(string(o.ID)))
		}
	}
	return at, e.Err()
}

// ScoreObjectives scores every objective, returned in input order, with roll for both key
// results and children: ScoreObjectivesWith(objs, ScoreOptions{KeyResults: roll,
// Children: roll}). An objective with key results combines their scores (weights from
// KeyResult.Weight); one without combines its children's defined scores (weights from
// Objective.Weight, UpRaise's alignment weights); an objective with KRs ignores its
// children (Leapsome's rule, avoiding double counting). Errors: those of
// ValidateObjectives and an invalid roll-up.
func ScoreObjectives(objs []Objective, roll RollUp) ([]ObjectiveScore, error) {
	return ScoreObjectivesWith(objs, ScoreOptions{KeyResults: roll, Children: roll})
}

// ScoreObjectivesWith scores every objective, returned in input order, with separate
// roll-ups for key results and for children (see ScoreOptions):
//
//	score = Σ weight × score / Σ weight   over the objective's terms
//
// The work is linear in objectives and key results, however deep the hierarchy. Errors:
// those of ValidateObjectives and invalid options.
func ScoreObjectivesWith(objs []Objective, opts ScoreOptions) ([]ObjectiveScore, error) {
	if _, err := checkObjectives(objs); err != nil {
		return nil, err
	}
	e := validation.New("roadmap: objectives")
	if opts.KeyResults != Weighted && opts.KeyResults != Unweighted {
		e.Addf("options.key_results", "oneof", "must be weighted or unweighted")
	}
	if opts.Children != Weighted && opts.Children != Unweighted {
		e.Addf("options.children", "oneof", "must be weighted or unweighted")
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	at := make(map[ObjectiveID]int, len(objs))
	for i, o := range objs {
		at[o.ID] = i
	}
	kids := make([][]int, len(objs))
	for i, o := range objs {
		if o.Parent != "" {
			p := at[o.Parent]
			kids[p] = append(kids[p], i)
		}
	}
	for _, k := range kids {
		slices.SortFunc(k, func(a, b int) int { return strings.Compare(string(objs[a].ID), string(objs[b].ID)) })
	}
	// Children before parents: a post-order walk with an explicit stack (the hierarchy
	// may be as deep as the list is long).
	out := make([]ObjectiveScore, len(objs))
	state := make([]uint8, len(objs))
	var stack []int
	for root := range objs {
		if state[root] != 0 {
			continue
		}
		stack = append(stack[:0], root)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			if state[i] == 0 {
				state[i] = 1
				for _, c := range kids[i] {
					if state[c] == 0 {
						stack = append(stack, c)
					}
				}
				continue
			}
			stack = stack[:len(stack)-1]
			if state[i] == 1 {
				state[i] = 2
				out[i] = scoreObjective(objs[i], kids[i], objs, out, opts)
			}
		}
	}
	return out, nil
}

// scoreObjective rolls up one objective whose children are scored already.
func scoreObjective(o Objective, kids []int, objs []Objective, out []ObjectiveScore, opts ScoreOptions) ObjectiveScore {
	r := ObjectiveScore{ID: o.ID, Expectation: o.Expectation, Terms: []ScoreTerm{}}
	one := decimal.NewFromInt(1)
	for _, k := range o.KeyResults {
		ks := scoreKR(k)
		r.KeyResults = append(r.KeyResults, ks)
		w := ks.Weight
		if opts.KeyResults == Unweighted {
			w = one
		}
		r.Terms = append(r.Terms, ScoreTerm{Source: FromKeyResult, ID: string(k.ID), Weight: w, Score: ks.Score})
	}
	if len(o.KeyResults) == 0 || opts.BlendChildren {
		for _, c := range kids {
			if !out[c].Defined {
				continue
			}
			r.Children = append(r.Children, objs[c].ID)
			w := weightOf(objs[c].Weight)
			if opts.Children == Unweighted {
				w = one
			}
			r.Terms = append(r.Terms, ScoreTerm{Source: FromChild, ID: string(objs[c].ID), Weight: w, Score: out[c].Score})
		}
	}
	r.Defined = len(r.Terms) > 0
	r.Numerator, r.Denominator = decimal.Zero, decimal.Zero
	if r.Defined {
		terms := make([]string, len(r.Terms))
		for k, t := range r.Terms {
			r.Numerator = r.Numerator.Add(t.Weight.Mul(t.Score))
			r.Denominator = r.Denominator.Add(t.Weight)
			terms[k] = t.Weight.String() + "×" + t.Score.String()
		}
		r.Score = r.Numerator.DivRound(r.Denominator, RatioScale)
		label := opts.KeyResults.String()
		switch {
		case len(o.KeyResults) == 0:
			label = opts.Children.String()
		case len(r.Children) > 0 && opts.Children != opts.KeyResults:
			label = "key results " + opts.KeyResults.String() + ", children " + opts.Children.String()
		}
		r.Formula = fmt.Sprintf("%s: (%s) / %s = %s", label, strings.Join(terms, " + "), r.Denominator, r.Score)
	} else {
		r.Formula = "undefined: no key results and no scored children"
	}
	r.Band = BandOf(r.Score)
	r.Met = r.Defined && o.Expectation.Met(r.Score)
	return r
}
