package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestStatisticsPage: /statistik counts public reports only, draws each
// chart as inline SVG with a table of the same numbers, and shows each
// unit's share followed up on time, without JavaScript.
func TestStatisticsPage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		adm := e.browser(t)
		adm.login(adminEmail)
		var ids []string
		for _, v := range []url.Values{
			{"title": {"Jalan berlubang di Jl. Ahmad Yani"}},
			{"title": {"Lampu jalan padam di Jl. Pahlawan"}, "anonymous": {"1"}, "reporter.name": {"Rahmat Hidayat"}},
			{"title": {"Pungutan liar di kantor kelurahan"}, "confidential": {"1"}},
		} {
			id, _ := cit.fileReport(v)
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
			ids = append(ids, id)
		}
		cit.fileReport(url.Values{"title": {"Belum diperiksa admin"}})
		off := e.browser(t)
		off.login(officerEmail)
		mustStatus(t, off.act(ids[0], url.Values{"action": {"follow_up"}, "message": {"Lubang sudah ditambal oleh tim kami."}}),
			http.StatusSeeOther)

		for _, lang := range []string{"id", "en"} {
			r := e.browser(t).get("/statistik?lang=" + lang)
			mustStatus(t, r, http.StatusOK)
			for _, s := range []string{"Rahmat", "Pungutan", "Belum diperiksa", ids[2]} {
				if strings.Contains(r.Body, s) {
					t.Errorf("%s: /statistik shows %q", lang, s)
				}
			}
			if n := r.Doc.Find("section.stat svg[role=img]").Length(); n < 5 {
				t.Errorf("%s: %d charts, want 5", lang, n)
			}
			// The unit's bar and its table both say 2: the confidential
			// and the unverified reports are not counted.
			unit := r.Doc.Find("#chart-unit-table tbody tr")
			if unit.Length() != 1 || strings.TrimSpace(unit.Find("td").Text()) != "2" {
				t.Errorf("%s: reports by unit: %q", lang, strings.TrimSpace(unit.Text()))
			}
			if got := r.Doc.Find("#chart-unit-h").Parent().Find("svg text").Last().Text(); got != "2" {
				t.Errorf("%s: the unit's bar says %q", lang, got)
			}
			row := r.Doc.Find("#stat-units tbody tr")
			if row.Length() != 1 || !strings.Contains(row.Text(), "100") {
				t.Errorf("%s: unit figures: %q", lang, strings.TrimSpace(row.Text()))
			}
		}
		if r := e.browser(t).get("/"); r.Doc.Find(`a[href="/statistik"]`).Length() == 0 {
			t.Error("the home page does not link to /statistik")
		}
	})
}
