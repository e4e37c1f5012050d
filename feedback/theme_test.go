package feedback

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/productops/productops"
)

// Hand-worked roll-up (domain study §3.4: theme demand aggregates members with the same
// de-duplication rules as requests).
//
//	billing ── invoices ── pdf
//	        └─ payments
//	ux
//
// i1 (p1 at A) in invoices and pdf; i2 (p2 at A) in payments; i3 (p3 at B) in pdf;
// i4 (p1) in ux. R1 in invoices, R2 (merged into R1) in payments, R3 in ux.
func TestThemeRollup(t *testing.T) {
	ds := &Dataset{
		Accounts: []Account{{ID: "A"}, {ID: "B"}},
		People:   []Person{{ID: "p1", Account: "A"}, {ID: "p2", Account: "A"}, {ID: "p3", Account: "B"}},
		Items: []Item{
			{ID: "i1", Source: "s", SourceRecord: "1", Author: "p1", CreatedAt: day(1), Themes: []ThemeID{"invoices", "pdf"}},
			{ID: "i2", Source: "s", SourceRecord: "2", Author: "p2", CreatedAt: day(1), Themes: []ThemeID{"payments"}},
			{ID: "i3", Source: "s", SourceRecord: "3", Author: "p3", CreatedAt: day(1), Themes: []ThemeID{"pdf"}},
			{ID: "i4", Source: "s", SourceRecord: "4", Author: "p1", CreatedAt: day(1), Themes: []ThemeID{"ux"}},
		},
		Requests: []Request{
			{ID: "R1", Themes: []ThemeID{"invoices"}},
			{ID: "R2", Themes: []ThemeID{"payments"}, MergedInto: "R1"},
			{ID: "R3", Themes: []ThemeID{"ux"}},
		},
		Themes: []Theme{
			{ID: "ux", Name: "UX"}, {ID: "pdf", Name: "PDF", Parent: "invoices"},
			{ID: "payments", Name: "Payments", Parent: "billing"}, {ID: "billing", Name: "Billing"},
			{ID: "invoices", Name: "Invoices", Parent: "billing"},
		},
	}
	got, err := ThemeRollup(ds)
	if err != nil {
		t.Fatal(err)
	}
	want := []ThemeSummary{
		// billing: items i1, i2, i3 (i1 once though in two themes); people p1 p2 p3; accounts
		// A B; requests R1 (R2 resolves to R1).
		{Theme: "billing", Name: "Billing", Total: ThemeCounts{Items: 3, People: 3, Accounts: 2, Requests: 1}},
		{Theme: "invoices", Name: "Invoices", Parent: "billing", Depth: 1,
			Direct: ThemeCounts{Items: 1, People: 1, Accounts: 1, Requests: 1}, Total: ThemeCounts{Items: 2, People: 2, Accounts: 2, Requests: 1}},
		{Theme: "pdf", Name: "PDF", Parent: "invoices", Depth: 2,
			Direct: ThemeCounts{Items: 2, People: 2, Accounts: 2}, Total: ThemeCounts{Items: 2, People: 2, Accounts: 2}},
		{Theme: "payments", Name: "Payments", Parent: "billing", Depth: 1,
			Direct: ThemeCounts{Items: 1, People: 1, Accounts: 1, Requests: 1}, Total: ThemeCounts{Items: 1, People: 1, Accounts: 1, Requests: 1}},
		{Theme: "ux", Name: "UX", Direct: ThemeCounts{Items: 1, People: 1, Accounts: 1, Requests: 1}, Total: ThemeCounts{Items: 1, People: 1, Accounts: 1, Requests: 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	ds.Themes[4].Parent = "pdf" // invoices -> pdf -> invoices
	if _, err := ThemeRollup(ds); !errors.Is(err, productops.ErrInvalid) {
		t.Errorf("cycle: got %v", err)
	}
}
