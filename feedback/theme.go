package feedback

import (
	"github.com/productops/productops/internal/validation"
)

// ThemeID identifies a [Theme]: an opaque, non-empty string chosen by the caller.
type ThemeID string

// Theme is a node of a theme hierarchy (Enterpret's L1/L2/L3 taxonomy, Productboard's
// hierarchy). Items and requests belong to themes many-to-many.
type Theme struct {
	// ID identifies the theme; required and unique in a [Dataset].
	ID ThemeID `json:"id" validate:"required"`
	// Name is a display name.
	Name string `json:"name"`
	// Parent is the enclosing theme; empty for a root. In a [Dataset] it must be known and
	// the hierarchy acyclic.
	Parent ThemeID `json:"parent,omitempty"`
}

// Validate reports every bad field of the theme on its own.
func (t Theme) Validate() error {
	e := validation.New("feedback: theme " + quoteID(string(t.ID)))
	t.validateInto(e, "")
	return e.Err()
}

func (t Theme) validateInto(e *validation.Errors, prefix string) {
	e.Struct(prefix, t)
	if t.Parent == t.ID && t.ID != "" {
		e.Add(joinPath(prefix, "parent"), "nefield", "id", "a theme cannot be its own parent")
	}
}

// themeInCycle reports whether following parents from d.Themes[i] returns to it.
func themeInCycle(d *Dataset, ix index, i int) bool {
	start := d.Themes[i].ID
	cur := d.Themes[i].Parent
	for range len(d.Themes) + 1 {
		if cur == "" {
			return false
		}
		if cur == start {
			return true
		}
		j, ok := ix.themes[cur]
		if !ok {
			return false
		}
		cur = d.Themes[j].Parent
	}
	return false
}
