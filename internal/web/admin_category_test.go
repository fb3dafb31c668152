package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/i18n"
)

// TestAdminTidiesCategories: on the category's own page an admin renames,
// hides, merges and moves it, in both languages; refused input is a 422
// beside its field; the report form then offers neither hidden nor merged
// categories, and lists the often chosen ones first; officers are kept out.
func TestAdminTidiesCategories(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		cit.fileReport(nil) // under infrastruktur-jalan: the often chosen one
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, lang := range i18n.Langs {
			r := adm.get("/staf/admin/kategori/infrastruktur-drainase?lang=" + string(lang))
			mustStatus(t, r, http.StatusOK)
			for _, want := range []string{i18n.T(lang, "web.categories.rename"), i18n.T(lang, "web.categories.hide"),
				i18n.T(lang, "web.categories.merge"), i18n.T(lang, "web.categories.in_group", "Infrastruktur")} {
				if !strings.Contains(r.Doc.Find("main").Text(), want) {
					t.Errorf("%s: the page lacks %q", lang, want)
				}
			}
		}
		edit := func(code string, v url.Values) resp {
			t.Helper()
			return adm.post("/staf/admin/kategori/"+code+"?lang=en", v)
		}
		// Refused: a blank name, a merge into itself, into nothing, a group merged.
		for _, c := range []struct {
			code  string
			v     url.Values
			field string
			key   string
		}{
			{"infrastruktur-drainase", url.Values{"do": {"rename"}, "name": {" "}}, "name", "field.required"},
			{"infrastruktur-drainase", url.Values{"do": {"merge"}, "merge_into": {"infrastruktur-drainase"}}, "merge_into", "field.category.merge_self"},
			{"infrastruktur-drainase", url.Values{"do": {"merge"}}, "merge_into", "field.required"},
			{"infrastruktur", url.Values{"do": {"merge"}, "merge_into": {"lainnya"}}, "merge_into", "field.category.merge_group"},
		} {
			r := edit(c.code, c.v)
			if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Doc.Find("#"+c.field+"-err").Text(), i18n.T(i18n.EN, c.key)) {
				t.Errorf("%s %v: %d %s", c.code, c.v, r.StatusCode, text(r))
			}
		}
		if r := edit("tidak-ada", url.Values{"do": {"hide"}}); r.StatusCode != http.StatusNotFound {
			t.Errorf("unknown category: %d", r.StatusCode)
		}

		r := adm.follow(edit("infrastruktur-drainase", url.Values{"do": {"rename"}, "name": {"Saluran Air"}}))
		if !strings.Contains(text(r), i18n.T(i18n.EN, "web.flash.category_rename")) || !strings.Contains(r.Doc.Find("h2#cat-h").Text(), "Saluran Air") {
			t.Errorf("after renaming: %s", text(r))
		}
		adm.follow(edit("kesehatan-puskesmas", url.Values{"do": {"merge"}, "merge_into": {"infrastruktur-drainase"}}))
		r = adm.follow(edit("lainnya", url.Values{"do": {"hide"}}))
		if r.Doc.Find("#cat-state").Text() != i18n.T(i18n.EN, "web.categories.hidden") {
			t.Errorf("after hiding: %s", text(r))
		}
		adm.follow(edit("kesehatan", url.Values{"do": {"up"}}))

		list := adm.get("/staf/admin/kategori?lang=en")
		if got := list.Doc.Find("main").Text(); !strings.Contains(got, i18n.T(i18n.EN, "web.categories.merged_into", "Saluran Air")) ||
			!strings.Contains(got, i18n.T(i18n.EN, "web.categories.list_hint", 4)) {
			t.Errorf("the list: %s", got)
		}
		if first := list.Doc.Find("ul.tree > li").First().Text(); !strings.Contains(first, "Kesehatan") {
			t.Errorf("moved up, Kesehatan is not first: %q", first)
		}

		form := cit.get("/lapor")
		sel := form.Doc.Find("select#category")
		if sel.Find(`option[value="lainnya"], option[value="kesehatan-puskesmas"]`).Length() != 0 {
			t.Errorf("the form offers a hidden or merged category")
		}
		common := sel.Find("optgroup").First()
		if common.AttrOr("label", "") != i18n.T(i18n.ID, "web.form.category_common") || common.Find(`option[value="infrastruktur-jalan"]`).Length() != 1 {
			t.Errorf("often chosen first: %q %s", common.AttrOr("label", ""), common.Text())
		}
		v := url.Values{"kind": {"complaint"}, "title": {"Sampah menumpuk di pasar"}, "category": {"lainnya"},
			"body": {"Sampah menumpuk di depan pasar sejak seminggu dan berbau."}}
		if r := cit.postMultipart("/lapor", v); r.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Doc.Find("#category-err").Text(), i18n.T(i18n.ID, "field.category.hidden")) {
			t.Errorf("filed under a hidden category: %d %s", r.StatusCode, text(r))
		}

		off := e.browser(t)
		off.login(officerEmail)
		if r := off.get("/staf/admin/kategori/lainnya"); r.StatusCode == http.StatusOK {
			t.Errorf("an officer opened a category's page")
		}
		if r := off.post("/staf/admin/kategori/lainnya", url.Values{"do": {"show"}}); r.StatusCode < 400 {
			t.Errorf("an officer showed a category: %d", r.StatusCode)
		}
	})
}
