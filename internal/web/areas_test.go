package web

// Tests of the admins' list of kecamatan and kelurahan (issue 10, item
// 18): the report form's select, the admin page and the inbox filter.

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// testAreas are the areas addAreas adds, by name.
type testAreas map[string]domain.Area

func (a testAreas) id(name string) string { return strconv.FormatInt(a[name].ID, 10) }

// addAreas adds two kecamatan of Bontang with some kelurahan, a hidden
// kelurahan and a hidden kecamatan with a visible kelurahan.
func addAreas(t *testing.T, e *env) testAreas {
	t.Helper()
	ctx := context.Background()
	out := testAreas{}
	add := func(name, parent string) {
		a, err := e.svc.AddArea(ctx, service.Operator, name, out[parent].ID)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = a
	}
	add("Bontang Utara", "")
	add("Bontang Barat", "")
	add("Kecamatan Lama", "")
	add("Api-Api", "Bontang Utara")
	add("Guntung", "Bontang Utara")
	add("Kanaan", "Bontang Barat")
	add("Kelurahan Lama", "Kecamatan Lama")
	for _, hide := range []string{"Guntung", "Kecamatan Lama"} {
		if err := e.svc.EditArea(ctx, service.Operator, out[hide].ID, hide, true); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// The form offers the visible kelurahan in a select grouped by kecamatan
// (no JavaScript needed); the report keeps the chosen kelurahan and its
// kecamatan; an unknown, hidden or kecamatan choice is a 422 that says so
// beside the select and stores nothing.
func TestReportFormOffersAreas(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		areas := addAreas(t, e)
		for _, lang := range i18n.Langs {
			b := e.browser(t)
			r := b.get("/lapor?lang=" + string(lang))
			sel := r.Doc.Find(`select#location-area[name="location.area"]`)
			if sel.Length() != 1 || r.Doc.Find(`label[for="location-area"]`).Length() != 1 {
				t.Fatalf("%s: no kelurahan select: %s", lang, text(r))
			}
			if r.Doc.Find(`input[name="location.kelurahan"], input[name="location.kecamatan"]`).Length() != 0 {
				t.Errorf("%s: the text boxes are shown beside the list", lang)
			}
			var groups []string
			sel.Find("optgroup").Each(func(_ int, g *goquery.Selection) {
				groups = append(groups, g.AttrOr("label", "")+": "+strings.Join(g.Find("option").Map(func(_ int, o *goquery.Selection) string { return o.Text() }), ","))
			})
			if want := "Kecamatan Bontang Barat: Kanaan|Kecamatan Bontang Utara: Api-Api"; strings.Join(groups, "|") != want {
				t.Errorf("%s: groups %q, want %q", lang, groups, want)
			}

			for _, bad := range []string{areas.id("Guntung"), areas.id("Kelurahan Lama"), areas.id("Bontang Utara"), "999999", "abc", "-1"} {
				r := b.postMultipart("/lapor", url.Values{"kind": {"complaint"}, "title": {"Jalan berlubang"},
					"body": {"Lubang besar di depan sekolah sudah dua minggu."}, "location.area": {bad}})
				if r.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("%s: area %q: status %d", lang, bad, r.StatusCode)
				}
				if got := r.Doc.Find("#location-area-err").Text(); !strings.Contains(got, i18n.T(lang, "field.area.unknown")) {
					t.Errorf("%s: area %q: beside the select %q", lang, bad, got)
				}
			}
		}
		if n, err := e.st.CountReports(context.Background(), store.Filter{}); err != nil || n != 0 {
			t.Fatalf("refused submissions stored %d reports (%v)", n, err)
		}
		id, _ := e.browser(t).fileReport(url.Values{"location.area": {areas.id("Kanaan")}, "location.kelurahan": {""}, "location.kecamatan": {""}})
		rep, err := e.st.ReportByTrackingID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Location.AreaID == nil || *rep.Location.AreaID != areas["Kanaan"].ID || rep.Location.Kelurahan != "Kanaan" || rep.Location.Kecamatan != "Bontang Barat" {
			t.Errorf("stored location %+v", rep.Location)
		}
	})
}

// An admin adds, renames and hides areas on the settings page; what is
// wrong is a 4xx beside its field and changes nothing; other roles are
// kept out.
func TestAdminKeepsAreas(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		areas := addAreas(t, e)
		ctx := context.Background()
		for _, lang := range i18n.Langs {
			adm := e.browser(t)
			adm.get("/lacak?lang=" + string(lang))
			adm.login(adminEmail)
			r := adm.get("/staf/admin/wilayah")
			mustStatus(t, r, http.StatusOK)
			if r.Doc.Find(`form[action="/staf/admin/wilayah/`+areas.id("Api-Api")+`"]`).Length() != 1 ||
				!strings.Contains(r.Doc.Find("#area-"+areas.id("Guntung")).Text(), i18n.T(lang, "web.areas.hidden")) {
				t.Fatalf("%s: the page lacks an edit form or the hidden mark: %s", lang, text(r))
			}
			if r.Doc.Find(`nav.tabs a[href="/staf/admin/wilayah"][aria-current="page"]`).Length() != 1 {
				t.Errorf("%s: no current settings tab", lang)
			}
		}
		adm := e.browser(t)
		adm.login(adminEmail)
		count := func() int {
			all, err := e.svc.Areas(ctx, service.Operator)
			if err != nil {
				t.Fatal(err)
			}
			return len(all)
		}
		before := count()
		for _, bad := range []struct {
			v     url.Values
			field string
		}{
			{url.Values{"name": {"  "}}, "name"},
			{url.Values{"name": {"bontang utara"}}, "name"},
			{url.Values{"name": {"api-api"}, "kecamatan": {areas.id("Bontang Utara")}}, "name"},
			{url.Values{"name": {"Sub"}, "kecamatan": {areas.id("Api-Api")}}, "kecamatan"},
			{url.Values{"name": {"Sub"}, "kecamatan": {"999999"}}, "kecamatan"},
			{url.Values{"name": {"Sub"}, "kecamatan": {"abc"}}, "kecamatan"},
		} {
			r := adm.post("/staf/admin/wilayah", bad.v)
			if r.StatusCode != http.StatusUnprocessableEntity || r.Doc.Find("#"+bad.field+"-err").Length() != 1 {
				t.Errorf("add %v: status %d, no error beside %s: %s", bad.v, r.StatusCode, bad.field, text(r))
			}
		}
		if count() != before {
			t.Fatal("a refused addition changed the list")
		}
		r := adm.post("/staf/admin/wilayah", url.Values{"name": {"Bontang Selatan"}})
		mustStatus(t, r, http.StatusSeeOther)
		r = adm.follow(r)
		sel := r.Doc.Find(`select#kecamatan option`).FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Text(), "Bontang Selatan")
		})
		if sel.Length() != 1 {
			t.Fatalf("the new kecamatan is not offered for kelurahan: %s", text(r))
		}
		mustStatus(t, adm.post("/staf/admin/wilayah", url.Values{"name": {"Satimpo"}, "kecamatan": {sel.AttrOr("value", "")}}), http.StatusSeeOther)

		mustStatus(t, adm.post("/staf/admin/wilayah/"+areas.id("Api-Api"), url.Values{"name": {"Api Api"}}), http.StatusSeeOther)
		mustStatus(t, adm.post("/staf/admin/wilayah/"+areas.id("Kanaan"), url.Values{"name": {"Kanaan"}, "hidden": {"1"}}), http.StatusSeeOther)
		r = adm.post("/staf/admin/wilayah/"+areas.id("Api-Api"), url.Values{"name": {""}})
		if r.StatusCode != http.StatusUnprocessableEntity || r.Doc.Find("#area-"+areas.id("Api-Api")+"-name-err").Length() != 1 {
			t.Errorf("empty rename: %d: %s", r.StatusCode, text(r))
		}
		for _, id := range []string{"999999", "abc", "0"} {
			if r := adm.post("/staf/admin/wilayah/"+id, url.Values{"name": {"X"}}); r.StatusCode != http.StatusNotFound {
				t.Errorf("edit of area %s: %d", id, r.StatusCode)
			}
		}

		form := e.browser(t).get("/lapor").Doc.Find(`select[name="location.area"]`)
		var offered []string
		form.Find("option[value!='']").Each(func(_ int, o *goquery.Selection) { offered = append(offered, o.Text()) })
		if strings.Join(offered, ",") != "Satimpo,Api Api" {
			t.Errorf("the form offers %v after the edits", offered)
		}

		for _, who := range []string{officerEmail, supervisorEmail} {
			b := e.browser(t)
			b.login(who)
			if r := b.get("/staf/admin/wilayah"); r.StatusCode != http.StatusForbidden {
				t.Errorf("%s reads the page: %d", who, r.StatusCode)
			}
			if r := b.post("/staf/admin/wilayah", url.Values{"name": {"Kecamatan Baru"}}); r.StatusCode != http.StatusForbidden {
				t.Errorf("%s adds an area: %d", who, r.StatusCode)
			}
		}
		if count() != before+2 {
			t.Errorf("areas = %d, want %d", count(), before+2)
		}
	})
}

// The inbox filters by kecamatan (hidden ones too, for old reports); the
// tabs keep the filter; an unknown kecamatan is a 422 beside the select.
func TestInboxFiltersByKecamatan(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		areas := addAreas(t, e)
		cit := e.browser(t)
		utara, _ := cit.fileReport(url.Values{"location.area": {areas.id("Api-Api")}})
		barat, _ := cit.fileReport(url.Values{"location.area": {areas.id("Kanaan")}})
		none, _ := cit.fileReport(url.Values{"location.kelurahan": {""}, "location.kecamatan": {""}})
		adm := e.browser(t)
		adm.login(adminEmail)
		for kec, want := range map[string][]string{
			areas.id("Bontang Utara"): {utara}, areas.id("Bontang Barat"): {barat}, areas.id("Kecamatan Lama"): {}, "": sorted(utara, barat, none),
		} {
			r := adm.get("/staf/kotak-masuk?tab=all&kecamatan=" + kec)
			mustStatus(t, r, http.StatusOK)
			if got := listedIDs(r); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("kecamatan %q: listed %v, want %v", kec, got, want)
			}
			if kec == "" {
				continue
			}
			if r.Doc.Find(`#f-kecamatan option[value="`+kec+`"][selected]`).Length() != 1 {
				t.Errorf("kecamatan %q is not shown as chosen", kec)
			}
			if r.Doc.Find("nav.tabs a").Length() < 4 {
				t.Errorf("no tabs on the inbox")
			}
			r.Doc.Find("nav.tabs a").Each(func(_ int, a *goquery.Selection) {
				if h := a.AttrOr("href", ""); strings.HasPrefix(h, "/staf/kotak-masuk?") && !strings.Contains(h, "kecamatan="+kec) {
					t.Errorf("tab link %q drops the kecamatan", h)
				}
			})
		}
		r := adm.get("/staf/kotak-masuk?tab=all")
		if !strings.Contains(r.Doc.Find("#f-kecamatan").Text(), "Kecamatan Lama ("+i18n.T(i18n.ID, "web.areas.hidden")+")") {
			t.Errorf("the hidden kecamatan is not offered as a filter: %s", r.Doc.Find("#f-kecamatan").Text())
		}
		for _, bad := range []string{"abc", "999999", areas.id("Api-Api"), "-3"} {
			r := adm.get("/staf/kotak-masuk?tab=all&kecamatan=" + bad)
			if r.StatusCode != http.StatusUnprocessableEntity || r.Doc.Find("#f-kecamatan-err").Length() != 1 || len(listedIDs(r)) != 0 {
				t.Errorf("kecamatan %q: status %d, listed %v", bad, r.StatusCode, listedIDs(r))
			}
		}
	})
}

func sorted(ids ...string) []string {
	out := append([]string(nil), ids...)
	slices.Sort(out)
	return out
}

// The leaders' evaluation narrows to one kecamatan (issue 10, item 18):
// only the reports about its kelurahan count, the downloads keep the
// filter, and an unknown kecamatan is a 422 beside the select.
func TestEvaluationByKecamatan(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		areas := addAreas(t, e)
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, kel := range []string{"Kanaan", "Api-Api", "Api-Api"} {
			id, _ := e.browser(t).fileReport(url.Values{"location.area": {areas.id(kel)}, "location.kelurahan": {""}, "location.kecamatan": {""}})
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
		}
		received := func(r resp) string {
			return strings.TrimSpace(r.Doc.Find(".evaltiles li b").First().Text())
		}
		if got := received(adm.get("/staf/evaluasi")); got != "3" {
			t.Errorf("all: %q received", got)
		}
		r := adm.get("/staf/evaluasi?kecamatan=" + areas.id("Bontang Utara"))
		mustStatus(t, r, http.StatusOK)
		if got := received(r); got != "2" {
			t.Errorf("Bontang Utara: %q received", got)
		}
		if _, ok := r.Doc.Find(`#kecamatan option[value="` + areas.id("Bontang Utara") + `"]`).Attr("selected"); !ok {
			t.Errorf("the filter does not keep its choice")
		}
		if href := r.Doc.Find(`a[href^="/staf/evaluasi/unduh"]`).First().AttrOr("href", ""); !strings.Contains(href, "kecamatan="+areas.id("Bontang Utara")) {
			t.Errorf("the download drops the filter: %q", href)
		}
		dl := adm.get("/staf/evaluasi/unduh?what=evaluation&format=csv&kecamatan=" + areas.id("Bontang Barat"))
		mustStatus(t, dl, http.StatusOK)
		for _, bad := range []string{areas.id("Kanaan"), "999999", "abc"} {
			r := adm.get("/staf/evaluasi?lang=en&kecamatan=" + bad)
			if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Doc.Find("#kecamatan-err").Text(), i18n.T(i18n.EN, "field.area.unknown")) {
				t.Errorf("kecamatan %q: %d %s", bad, r.StatusCode, text(r))
			}
		}
	})
}
