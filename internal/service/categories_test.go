package service_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// TestCategoryAdmin: an admin renames, hides, merges and reorders; hidden
// and merged categories are refused for new reports and recategorisation
// but stay on old reports, a merged one's reports count under its target
// in the inbox, and the form's most used categories follow the reports.
func TestCategoryAdmin(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		svc := env.Svc
		admin, officer := bulkCity(t, env)
		_, err := svc.ImportCategories(ctx, service.Operator, []domain.CategoryNode{
			{Code: "air", Name: "Air Bersih", Children: []domain.CategoryNode{{Code: "air.pdam", Name: "PDAM"}, {Code: "air.pdamm", Name: "PDAMM"}}},
			{Code: "covid", Name: "Corona Virus", Children: []domain.CategoryNode{{Code: "covid.apd", Name: "APD"}}},
			{Code: "jalan", Name: "Jalan Raya"},
		})
		if err != nil {
			t.Fatal(err)
		}
		file := func(cat string) (string, error) {
			rc, err := svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint, Category: cat,
				Title: "Air PDAM tidak mengalir", Body: "Sudah tiga hari air PDAM tidak mengalir di rumah kami."}, nil)
			return rc.TrackingID, err
		}
		old, err := file("air.pdamm")
		if err != nil {
			t.Fatal(err)
		}
		yes, no := true, false
		str := func(s string) *string { return &s }
		update := func(code string, ch domain.CategoryChange) error {
			_, err := svc.UpdateCategory(ctx, admin, code, ch)
			return err
		}

		// Refused, each with its rule, and nothing changes.
		for _, c := range []struct {
			who   service.Viewer
			code  string
			ch    domain.CategoryChange
			field string
			key   string
		}{
			{admin, "air.pdam", domain.CategoryChange{Name: str("   ")}, "name", "field.required"},
			{admin, "air.pdam", domain.CategoryChange{Name: str(string(make([]rune, 201)))}, "name", "field.category.name_long"},
			{admin, "air.pdamm", domain.CategoryChange{MergeInto: str("air.pdamm")}, "merge_into", "field.category.merge_self"},
			{admin, "air", domain.CategoryChange{MergeInto: str("jalan")}, "merge_into", "field.category.merge_group"},
			{admin, "air.pdamm", domain.CategoryChange{MergeInto: str("tidak-ada")}, "merge_into", "field.category.unknown"},
		} {
			_, err := svc.UpdateCategory(ctx, c.who, c.code, c.ch)
			if got := domain.AsError(err).Fields[c.field]; got != c.key {
				t.Errorf("%s %+v: %v, want %s=%s", c.code, c.ch, err, c.field, c.key)
			}
		}
		if _, err := svc.UpdateCategory(ctx, officer, "air.pdam", domain.CategoryChange{Hidden: &yes}); domain.ErrorCode(err) != domain.CodeForbidden {
			t.Errorf("an officer hid a category: %v", err)
		}
		if _, err := svc.UpdateCategory(ctx, admin, "tidak-ada", domain.CategoryChange{Hidden: &yes}); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("unknown code: %v", err)
		}

		// The typo merged into PDAM, the COVID-19 group hidden, PDAM renamed.
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(update("air.pdamm", domain.CategoryChange{MergeInto: str("air.pdam")}))
		must(update("covid", domain.CategoryChange{Hidden: &yes}))
		must(update("air.pdam", domain.CategoryChange{Name: str("  PDAM  Tirta Taman ")}))
		if err := update("air.pdamm", domain.CategoryChange{Hidden: &no}); domain.AsError(err).Fields["hidden"] != "field.category.merged_shown" {
			t.Errorf("showed a merged category: %v", err)
		}
		if err := update("jalan", domain.CategoryChange{MergeInto: str("covid.apd")}); domain.AsError(err).Fields["merge_into"] != "field.category.merge_hidden" {
			t.Errorf("merged into a hidden group's category: %v", err)
		}
		cats, err := svc.Categories(ctx, service.Public)
		must(err)
		byCode := map[string]domain.Category{}
		for _, c := range cats {
			byCode[c.Code] = c
		}
		if byCode["air.pdam"].Name != "PDAM Tirta Taman" {
			t.Errorf("renamed: %q", byCode["air.pdam"].Name)
		}
		var offered []string
		for _, c := range domain.OfferedCategories(cats) {
			offered = append(offered, c.Code)
		}
		slices.Sort(offered)
		if want := []string{"air", "air.pdam", "jalan"}; !slices.Equal(offered, want) {
			t.Errorf("offered %v, want %v", offered, want)
		}

		// New reports and recategorisations refuse what is not offered.
		for cat, key := range map[string]string{"air.pdamm": "field.category.hidden", "covid.apd": "field.category.hidden", "covid": "field.category.hidden", "x": "field.category.unknown"} {
			if _, err := file(cat); domain.AsError(err).Fields["category"] != key {
				t.Errorf("filed under %s: %v, want %s", cat, err, key)
			}
		}
		if _, err := svc.Act(ctx, old, admin, domain.ActionInput{Action: domain.ActionSetCategory, Category: "covid.apd"}, nil); domain.AsError(err).Fields["category"] != "field.category.hidden" {
			t.Errorf("set_category to a hidden one: %v", err)
		}
		// The old report keeps its category, and counts under PDAM.
		rv, err := svc.Report(ctx, old, service.Operator)
		must(err)
		if rv.Report.CategoryID == nil || *rv.Report.CategoryID != byCode["air.pdamm"].ID {
			t.Errorf("the old report lost its category: %v", rv.Report.CategoryID)
		}
		fresh, err := file("air.pdam")
		must(err)
		page, err := svc.Inbox(ctx, admin, service.InboxQuery{Category: "air.pdam"})
		must(err)
		var ids []string
		for _, it := range page.Items {
			ids = append(ids, it.Report.TrackingID)
		}
		slices.Sort(ids)
		want := []string{old, fresh}
		slices.Sort(want)
		if !slices.Equal(ids, want) {
			t.Errorf("inbox under PDAM: %v, want %v", ids, want)
		}

		// Moved up one place at a time: the list follows the admins' order.
		tops := func() []string {
			cats, err := svc.Categories(ctx, service.Public)
			must(err)
			var out []string
			for _, c := range cats {
				if c.ParentID == nil {
					out = append(out, c.Code)
				}
			}
			return out
		}
		if got := tops(); !slices.Equal(got, []string{"air", "covid", "jalan"}) {
			t.Errorf("tops by name: %v", got)
		}
		must(update("jalan", domain.CategoryChange{Move: -1}))
		if got := tops(); !slices.Equal(got, []string{"air", "jalan", "covid"}) {
			t.Errorf("tops after one move up: %v", got)
		}
		must(update("jalan", domain.CategoryChange{Move: -1}))
		must(update("jalan", domain.CategoryChange{Move: -1})) // already first: stays
		if got := tops(); !slices.Equal(got, []string{"jalan", "air", "covid"}) {
			t.Errorf("tops after moving up to the top: %v", got)
		}

		// Most used: the typo's report counts for PDAM, which is listed once.
		all, err := svc.Categories(ctx, service.Public)
		must(err)
		common, err := svc.CommonCategories(ctx, service.Public, all)
		must(err)
		if len(common) != 1 || common[0].Code != "air.pdam" {
			t.Errorf("common categories: %+v", common)
		}
	})
}
