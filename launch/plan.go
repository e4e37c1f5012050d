package launch

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/productops/productops"
	"github.com/productops/productops/internal/validation"
)

// Tier names the size of a launch. Tiers are the caller's: a plan lists its ladder in
// Plan.Tiers, smallest first, and requirements are cumulative up the ladder. Names rather
// than numbers, because "Tier 1" is the biggest launch in some frameworks and the smallest
// in others.
type Tier string

// The default tier ladder, smallest first (used when Plan.Tiers is empty). A Minor
// launch gets the "almost trivial checklist" of Google's low-risk launches; Major is a new
// product or market with the full programme.
const (
	TierMinor    Tier = "minor"
	TierStandard Tier = "standard"
	TierMajor    Tier = "major"
)

// DefaultTiers returns the default ladder: minor, standard, major.
func DefaultTiers() []Tier { return []Tier{TierMinor, TierStandard, TierMajor} }

// RoadmapItemID names a roadmap item (from the roadmap package or any other tracker) that
// a launch ships. It is a plain string so the packages stay independent.
type RoadmapItemID string

// Policy holds the plan's decision rules. The zero value is the documented default: no
// score floor, NHS bands, Highest impact method, open risks of band High raise a Risk
// reason and of band Extreme a Blocker.
type Policy struct {
	// MinScore is a readiness floor in [0, 1]; nil means none. When set and the score is
	// defined, a score below it (compared exactly as Num < MinScore × Den) is a Blocker.
	MinScore *decimal.Decimal `json:"min_score,omitempty" validate:"omitnil,dbound,dgte=0,dlte=1"`
	// Bands grade risk scores; the zero value means NHSBands.
	Bands Bands `json:"bands,omitzero"`
	// ImpactMethod combines several impact dimensions; the zero value is Highest.
	ImpactMethod ImpactMethod `json:"impact_method,omitempty"`
	// WatchBand is the lowest band at which an open or accepted risk becomes a reason
	// (a Risk); zero means High.
	WatchBand RiskBand `json:"watch_band,omitempty"`
	// GateBand is the lowest band at which an open risk (or one accepted without an
	// approver) becomes a Blocker; zero means Extreme. It must not be below WatchBand.
	GateBand RiskBand `json:"gate_band,omitempty"`
	// Readiness names the score formula; the zero value is ReadinessWeighted, the
	// alternative ReadinessScorecard (OpenSSF). The verdict rules are the same for both.
	Readiness ReadinessMethod `json:"readiness,omitempty"`
}

func (p Policy) watchBand() RiskBand {
	if p.WatchBand == 0 {
		return High
	}
	return p.WatchBand
}

func (p Policy) gateBand() RiskBand {
	if p.GateBand == 0 {
		return Extreme
	}
	return p.GateBand
}

// Plan is a launch: what ships, when, at which tier, with its checklist, waivers and
// risk register.
type Plan struct {
	// Name of the launch; required.
	Name string `json:"name" validate:"required,max=200"`
	// Ships lists the roadmap item IDs this launch delivers.
	Ships []RoadmapItemID `json:"ships,omitempty" validate:"dive,required,max=128"`
	// TargetDate is the planned launch day (in Zone); zero means not yet dated.
	TargetDate Date `json:"target_date,omitzero"`
	// Zone is the plan's IANA time zone ("America/New_York", at most 64 bytes): the zone
	// of TargetDate and
	// of every due date that names none. Empty is allowed when every due date is an
	// instant or names its own zone.
	Zone string `json:"zone,omitempty"`
	// Tier is this launch's tier, at most 64 bytes; it must be on the ladder. Empty means
	// the largest tier of the ladder, so every item is required (the conservative default).
	Tier Tier `json:"tier,omitempty"`
	// Tiers is the ladder, smallest first, without duplicates, at most 64 tiers of at most
	// 64 bytes; empty means DefaultTiers.
	Tiers []Tier `json:"tiers,omitempty"`
	// Functions lists the plan's functions beyond DefaultFunctions (such as "design"),
	// at most MaxExtraFunctions names of at most 64 bytes, without duplicates. An item's
	// function must be a default one or listed here, so a misspelt function is an error.
	Functions []Function `json:"functions,omitempty"`
	// DecisionMaker owns the go/no-go call (the checklist's named decision maker);
	// optional, shown in reports.
	DecisionMaker string `json:"decision_maker,omitempty" validate:"max=200"`
	// Items is the checklist; IDs must be unique.
	Items []Item `json:"items" validate:"dive"`
	// Waivers excuse items for a time; each must name an item of the plan.
	Waivers []Waiver `json:"waivers,omitempty" validate:"dive"`
	// Risks is the register; IDs must be unique.
	Risks []Risk `json:"risks,omitempty" validate:"dive"`
	// Policy holds the decision rules; the zero value is the default.
	Policy Policy `json:"policy,omitzero"`
}

// ladder returns the plan's tier ladder and the index of each tier.
func (p *Plan) ladder() ([]Tier, map[Tier]int) {
	ts := p.Tiers
	if len(ts) == 0 {
		ts = DefaultTiers()
	}
	idx := make(map[Tier]int, len(ts))
	for i, t := range ts {
		if _, dup := idx[t]; !dup {
			idx[t] = i
		}
	}
	return ts, idx
}

// tier returns the effective tier of the plan.
func (p *Plan) tier() Tier {
	if p.Tier != "" {
		return p.Tier
	}
	ts, _ := p.ladder()
	return ts[len(ts)-1]
}

// MaxExtraFunctions is the most functions Plan.Functions may list.
const MaxExtraFunctions = 64

// Validate reports every problem of the plan at once as a *productops.ValidationError
// (errors.Is(err, productops.ErrInvalid) holds): missing or over-long fields, duplicate
// item or risk IDs, an unknown tier, an unknown function (neither a default nor listed in
// Functions), a weight <= 0, an unknown enum value, a waiver for an unknown item or with
// ExpiresAt <= GrantedAt, a due date without a zone when the plan has none, an unknown
// zone, an instant outside years 1..9999, a likelihood or impact outside 1..5, MinScore
// outside [0, 1], a decimal beyond 40 digits or an exponent beyond ±40, bands out of
// order, or GateBand below WatchBand. A nil plan is invalid.
func (p *Plan) Validate() error {
	_, err := p.validate()
	return err
}

// validate is Validate returning the zones it loaded.
func (p *Plan) validate() (zones, error) {
	e := validation.New("launch: plan")
	z := zones{}
	if p == nil {
		e.Add("", "required", "", "is required")
		return z, e.Err()
	}
	e.Struct("", p)
	if len(p.Zone) > 64 {
		e.Add("zone", "max", "64", "must be at most 64 bytes")
	} else if p.Zone != "" {
		if _, err := z.load(p.Zone); err != nil {
			e.Add("zone", "timezone", "", "unknown IANA time zone "+strconv.Quote(validation.Truncate(p.Zone)))
		}
	}
	if !p.TargetDate.IsZero() && !p.TargetDate.valid() {
		e.Add("target_date", "date", "", "must be a real calendar date")
	}
	if len(p.Tier) > 64 {
		e.Add("tier", "max", "64", "must be at most 64 bytes")
	}
	if len(p.Tiers) > 64 {
		e.Add("tiers", "max", "64", "must have at most 64 elements")
	}
	seenTier := map[Tier]bool{}
	for i, t := range p.Tiers {
		if len(t) > 64 {
			e.Add("tiers["+strconv.Itoa(i)+"]", "max", "64", "must be at most 64 bytes")
		}
		if t == "" {
			e.Add("tiers["+strconv.Itoa(i)+"]", "required", "", "is required")
		} else if seenTier[t] {
			e.Add("tiers["+strconv.Itoa(i)+"]", "unique", "", "duplicate tier "+strconv.Quote(validation.Truncate(string(t))))
		}
		seenTier[t] = true
	}
	if len(p.Functions) > MaxExtraFunctions {
		e.Add("functions", "max", strconv.Itoa(MaxExtraFunctions), "must have at most "+strconv.Itoa(MaxExtraFunctions)+" elements")
	}
	funcs := make(map[Function]bool, len(p.Functions))
	for i, f := range p.Functions {
		switch {
		case f == "":
			e.Add("functions["+strconv.Itoa(i)+"]", "required", "", "is required")
		case len(f) > 64:
			e.Add("functions["+strconv.Itoa(i)+"]", "max", "64", "must be at most 64 bytes")
		case funcs[f]:
			e.Add("functions["+strconv.Itoa(i)+"]", "unique", "", "duplicate function "+strconv.Quote(validation.Truncate(string(f))))
		}
		funcs[f] = true
	}
	_, idx := p.ladder()
	if _, ok := idx[p.tier()]; !ok {
		e.Add("tier", "oneof", "", "unknown tier "+strconv.Quote(validation.Truncate(string(p.Tier)))+"; not on the plan's ladder")
	}
	ids := make(map[ItemID]bool, len(p.Items))
	for i := range p.Items {
		it := &p.Items[i]
		prefix := "items[" + strconv.Itoa(i) + "]"
		if it.ID != "" {
			if ids[it.ID] {
				e.Add(prefix+".id", "unique", "", "duplicate item id "+strconv.Quote(validation.Truncate(string(it.ID))))
			}
			ids[it.ID] = true
		}
		if it.Function != "" && functionRank(it.Function) == otherFunction && !funcs[it.Function] {
			e.Add(prefix+".function", "oneof", "", "unknown function "+strconv.Quote(validation.Truncate(string(it.Function)))+
				"; want one of "+functionList(p.Functions)+", or list it in functions")
		}
		it.checkReadiness(e, prefix, p.Policy.Readiness)
		if !statusEnum.Valid(it.Status) {
			e.Add(prefix+".status", "oneof", "", "unknown value "+it.Status.String())
		}
		if !kindEnum.Valid(it.Kind) {
			e.Add(prefix+".kind", "oneof", "", "unknown value "+it.Kind.String())
		}
		if it.Weight != nil {
			switch {
			case !validation.DecimalBounded(*it.Weight):
				e.Add(prefix+".weight", "dbound", "", "must have at most 40 digits and an exponent within ±40")
			case it.Weight.Sign() <= 0:
				e.Add(prefix+".weight", "dgt", "0", "must be greater than 0")
			}
		}
		if len(it.MinTier) > 64 {
			e.Add(prefix+".min_tier", "max", "64", "must be at most 64 bytes")
		} else if it.MinTier != "" {
			if _, ok := idx[it.MinTier]; !ok {
				e.Add(prefix+".min_tier", "oneof", "", "unknown tier "+strconv.Quote(validation.Truncate(string(it.MinTier))))
			}
		}
		if it.Due != nil {
			it.Due.check(e, prefix+".due", p.Zone, z)
		}
	}
	for i := range p.Waivers {
		w := &p.Waivers[i]
		prefix := "waivers[" + strconv.Itoa(i) + "]"
		if w.Item != "" && !ids[w.Item] {
			e.Add(prefix+".item", "exists", "", "unknown item "+strconv.Quote(validation.Truncate(string(w.Item))))
		}
		checkInstant(e, prefix+".granted_at", w.GrantedAt)
		checkInstant(e, prefix+".expires_at", w.ExpiresAt)
		if w.ExpiresAt.IsZero() {
			e.Add(prefix+".expires_at", "required", "", "is required")
		} else if !w.ExpiresAt.After(w.GrantedAt) {
			e.Add(prefix+".expires_at", "gtfield", "granted_at", "must be after granted_at")
		}
	}
	risks := make(map[RiskID]bool, len(p.Risks))
	for i := range p.Risks {
		r := &p.Risks[i]
		prefix := "risks[" + strconv.Itoa(i) + "]"
		if r.ID != "" {
			if risks[r.ID] {
				e.Add(prefix+".id", "unique", "", "duplicate risk id "+strconv.Quote(validation.Truncate(string(r.ID))))
			}
			risks[r.ID] = true
		}
		r.Inherent.check(e, prefix+".inherent")
		if r.Residual != nil {
			r.Residual.check(e, prefix+".residual")
		}
		if !responseEnum.Valid(r.Response) {
			e.Add(prefix+".response", "oneof", "", "unknown value "+r.Response.String())
		}
		if !riskStatusEnum.Valid(r.Status) {
			e.Add(prefix+".status", "oneof", "", "unknown value "+r.Status.String())
		}
	}
	pol := &p.Policy
	pol.Bands.check(e, "policy.bands")
	if !methodEnum.Valid(pol.ImpactMethod) {
		e.Add("policy.impact_method", "oneof", "", "unknown value "+pol.ImpactMethod.String())
	}
	if pol.WatchBand != 0 && !bandEnum.Valid(pol.WatchBand) {
		e.Add("policy.watch_band", "oneof", "", "unknown value "+pol.WatchBand.String())
	}
	if pol.GateBand != 0 && !bandEnum.Valid(pol.GateBand) {
		e.Add("policy.gate_band", "oneof", "", "unknown value "+pol.GateBand.String())
	}
	if !readinessEnum.Valid(pol.Readiness) {
		e.Add("policy.readiness", "oneof", "", "unknown value "+pol.Readiness.String())
	}
	if pol.gateBand() < pol.watchBand() {
		e.Add("policy.gate_band", "gtefield", "watch_band", "must not be below watch_band")
	}
	return z, e.Err()
}

// ParsePlan decodes a plan from JSON and validates it. Unknown fields, trailing data,
// malformed JSON and unknown enum spellings are *productops.ValidationError like any other
// invalid input, so errors.Is(err, productops.ErrInvalid) holds for every failure.
func ParsePlan(data []byte) (Plan, error) {
	var p Plan
	if err := decodeStrict("launch: plan", data, &p); err != nil {
		return Plan{}, err
	}
	if err := p.Validate(); err != nil {
		return Plan{}, err
	}
	return p, nil
}

// decodeStrict decodes one JSON value into v, rejecting unknown fields and trailing data;
// every failure is a *productops.ValidationError with subject.
func decodeStrict(subject string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(subject, err)
	}
	if _, err := dec.Token(); err == nil {
		return decodeError(subject, errors.New("trailing data after the value"))
	}
	return nil
}

// decodeError turns a JSON decoding failure into a *productops.ValidationError.
func decodeError(subject string, err error) error {
	var ve *productops.ValidationError
	if errors.As(err, &ve) {
		return &productops.ValidationError{Subject: subject, Fields: ve.Fields}
	}
	e := validation.New(subject)
	msg := err.Error()
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		e.Add(te.Field, "type", "", "cannot use a JSON "+te.Value+" here")
		return e.Err()
	}
	e.Add("", "json", "", "malformed JSON: "+validation.Truncate(msg))
	return e.Err()
}
