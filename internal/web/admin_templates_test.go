package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/i18n"
)

// TestReplyTemplates (issue 10, item 21): admins keep reply templates per
// unit and category; the officer of the report's unit finds those meant
// for it on the follow-up form, starts the message from one (without
// JavaScript), edits it and sends it; refused input is a 422 beside its
// field; officers cannot manage templates.
func TestReplyTemplates(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, lang := range i18n.Langs {
			r := adm.get("/staf/admin/templat?lang=" + string(lang))
			mustStatus(t, r, http.StatusOK)
			if !strings.Contains(r.Doc.Find("main").Text(), i18n.T(lang, "web.templates.empty")) {
				t.Errorf("%s: %s", lang, text(r))
			}
		}
		for _, c := range []struct {
			v     url.Values
			field string
			key   string
		}{
			{url.Values{"title": {""}, "body": {"Isi"}}, "new-title", "field.required"},
			{url.Values{"title": {"Judul"}, "body": {" "}}, "new-body", "field.required"},
			{url.Values{"title": {"Judul"}, "body": {"Isi"}, "unit": {"tidak-ada"}}, "new-unit", "field.unit.unknown"},
			{url.Values{"title": {strings.Repeat("j", 121)}, "body": {"Isi"}}, "new-title", "field.template.title_long"},
		} {
			r := adm.post("/staf/admin/templat?lang=en", c.v)
			if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Doc.Find("#"+c.field+"-err").Text(), i18n.T(i18n.EN, c.key)) {
				t.Errorf("%v: %d %s", c.v, r.StatusCode, text(r))
			}
		}
		save := func(v url.Values) {
			t.Helper()
			mustStatus(t, adm.post("/staf/admin/templat", v), http.StatusSeeOther)
		}
		save(url.Values{"title": {"Jalan: dijadwalkan"}, "unit": {"dpupr"}, "category": {"infrastruktur-jalan"},
			"body": {"Laporan {kode} sudah kami terima di {instansi}. Perbaikan dijadwalkan minggu ini."}})
		save(url.Values{"title": {"Puskesmas: ditinjau"}, "unit": {"dinkes"}, "body": {"Kami tinjau."}})
		save(url.Values{"title": {"Terima kasih"}, "body": {"Terima kasih atas laporan {kode}."}})
		list := adm.get("/staf/admin/templat")
		if n := list.Doc.Find("ul.list > li").Length(); n != 3 {
			t.Fatalf("%d templates listed: %s", n, text(list))
		}

		id, _ := e.browser(t).fileReport(nil) // Jalan Rusak
		mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
		off := e.browser(t)
		off.login(officerEmail)
		r := off.get("/staf/laporan/" + id)
		var titles []string
		for _, o := range r.Doc.Find("#follow_up-template option").Nodes {
			titles = append(titles, strings.TrimSpace(o.FirstChild.Data))
		}
		if strings.Join(titles, "|") != "Jalan: dijadwalkan|Terima kasih" {
			t.Fatalf("templates for a road report of DPUPR: %q", titles)
		}
		tplID := r.Doc.Find("#follow_up-template option").First().AttrOr("value", "")
		r = off.get("/staf/laporan/" + id + "?templat=" + tplID)
		msg := r.Doc.Find("#follow_up-message").Text()
		if !strings.Contains(msg, "Laporan "+id+" sudah kami terima di Dinas Pekerjaan Umum") {
			t.Fatalf("the message does not start from the template: %q", msg)
		}
		if _, open := r.Doc.Find("#act-follow_up").Attr("open"); !open {
			t.Errorf("the follow-up form is not open")
		}
		edited := strings.Replace(msg, "minggu ini", "hari Kamis", 1)
		mustStatus(t, off.act(id, url.Values{"action": {"follow_up"}, "message": {edited}}), http.StatusSeeOther)
		if r := off.get("/staf/laporan/" + id); !strings.Contains(r.Doc.Find("main").Text(), "Perbaikan dijadwalkan hari Kamis.") {
			t.Errorf("the edited reply is not on the timeline")
		}

		if r := off.get("/staf/admin/templat"); r.StatusCode == http.StatusOK {
			t.Errorf("an officer opened the templates page")
		}
		if r := off.post("/staf/admin/templat", url.Values{"title": {"x"}, "body": {"y"}}); r.StatusCode < 400 {
			t.Errorf("an officer added a template: %d", r.StatusCode)
		}
		// Deleted by the admin: gone from the officer's form.
		delID := list.Doc.Find("ul.list > li").First().AttrOr("id", "")
		mustStatus(t, adm.post("/staf/admin/templat/"+strings.TrimPrefix(delID, "tpl-"), url.Values{"do": {"delete"}}), http.StatusSeeOther)
		if n := adm.get("/staf/admin/templat").Doc.Find("ul.list > li").Length(); n != 2 {
			t.Errorf("%d after delete", n)
		}
	})
}
