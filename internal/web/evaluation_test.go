package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// The leaders' page shows the figures, the trend, the ranking and the
// sanction list, in both languages, and offers the downloads.
func TestLeadersPage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		late, _ := cit.fileReport(nil)
		onTime, _ := cit.fileReport(nil)
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, id := range []string{late, onTime} {
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
		}
		off := e.browser(t)
		off.login(officerEmail)
		mustStatus(t, off.act(onTime, url.Values{"action": {"follow_up"}, "message": {"Sudah ditambal."}}), http.StatusSeeOther)
		e.clock.Advance(14 * 24 * time.Hour) // the other follow-up was due on 25 November
		sup := e.browser(t)
		sup.login(supervisorEmail)
		for _, lang := range i18n.Langs {
			r := sup.get("/staf/evaluasi?from=2026-11-01&to=2026-11-30&lang=" + string(lang))
			mustStatus(t, r, http.StatusOK)
			if dump := os.Getenv("LAPOR_DUMP_PAGE"); dump != "" {
				_ = os.WriteFile(dump+"."+string(lang)+".html", []byte(r.Body), 0o644)
			}
			if r.Doc.Find("main svg[role=img]").Length() != 1 || r.Doc.Find("table.evaltable").Length() < 2 {
				t.Fatalf("%s: no chart or tables: %s", lang, text(r))
			}
			row := r.Doc.Find("table.evaltable tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
				return strings.Contains(s.Find("th").Text(), "Dinas Pekerjaan Umum")
			})
			cells := row.Find("td")
			if cells.Length() < 11 || strings.TrimSpace(cells.Eq(0).Text()) != "2" || strings.TrimSpace(cells.Eq(2).Text()) != "1" ||
				strings.TrimSpace(cells.Eq(3).Text()) != "50%" || strings.TrimSpace(cells.Eq(10).Text()) != "Sedang" {
				t.Fatalf("%s: dpupr row: %q", lang, row.Text())
			}
			if r.Doc.Find(`a[href="/staf/laporan/`+late+`"]`).Length() != 1 || r.Doc.Find(`a[href="/staf/laporan/`+onTime+`"]`).Length() != 0 {
				t.Fatalf("%s: sanction list: %s", lang, text(r))
			}
			r.Doc.Find("main input, main select").Each(func(_ int, s *goquery.Selection) {
				if id := s.AttrOr("id", ""); id == "" || r.Doc.Find(`label[for="`+id+`"]`).Length() == 0 {
					t.Errorf("control without a label: %v", s.AttrOr("name", ""))
				}
			})
			for _, sel := range []string{`a[href*="what=evaluation"][href*="format=xlsx"]`, `a[href*="what=sanctions"][href*="format=csv"]`} {
				href, ok := r.Doc.Find(sel).Attr("href")
				if !ok {
					t.Fatalf("%s: no download link %s", lang, sel)
				}
				d := sup.get(href)
				mustStatus(t, d, http.StatusOK)
				if !strings.Contains(d.Header.Get("Content-Disposition"), "attachment") {
					t.Fatalf("download %s: %v", href, d.Header)
				}
			}
		}
		// Officers see their unit's figures, not the sanction list.
		off.login(officerEmail)
		r := off.get("/staf/evaluasi?from=2026-11-01&to=2026-11-30")
		mustStatus(t, r, http.StatusOK)
		if r.Doc.Find("#sanctions").Length() != 0 || r.Doc.Find("table.evaltable tbody tr").Length() == 0 {
			t.Fatalf("officer's page: %s", text(r))
		}
		mustStatus(t, off.get("/staf/evaluasi/unduh?what=sanctions&format=csv"), http.StatusForbidden)
		// A bad period is explained on the page, with a 422.
		r = sup.get("/staf/evaluasi?from=2026-12-01&to=2026-11-01")
		if r.StatusCode != http.StatusUnprocessableEntity || r.Doc.Find(".summary").Length() != 1 || r.Doc.Find("table").Length() != 0 {
			t.Fatalf("bad period: %d %s", r.StatusCode, text(r))
		}
		// Only staff.
		anon := e.browser(t)
		if r := anon.get("/staf/evaluasi"); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("anonymous: %d", r.StatusCode)
		}
	})
}

// Issue 10, item 11: the leaders' page speaks the reader's language: the
// error summary names the fields, numbers use the locale's separators,
// Indonesian says Instansi, and the CSV download has its headers in words
// (the API keeps the codes).
func TestLeadersPageInTheReadersLanguage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		if _, err := e.svc.UpdateDeadlineSettings(t.Context(), service.Operator, []byte(`{"grades":{"good":72.5,"fair":50}}`)); err != nil {
			t.Fatal(err)
		}
		cit := e.browser(t)
		adm := e.browser(t)
		adm.login(adminEmail)
		off := e.browser(t)
		off.login(officerEmail)
		for i := range 3 {
			id, _ := cit.fileReport(nil)
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
			if i < 2 {
				mustStatus(t, off.act(id, url.Values{"action": {"follow_up"}, "message": {"Sudah ditambal."}}), http.StatusSeeOther)
			}
		}
		e.clock.Advance(14 * 24 * time.Hour)
		sup := e.browser(t)
		sup.login(supervisorEmail)
		for lang, want := range map[i18n.Lang]struct{ rate, grades, unit, code, cell string }{
			i18n.ID: {"66,67%", "Baik ≥ 72,5%", "Instansi", "Kode instansi", "66,67"},
			i18n.EN: {"66.67%", "≥ 72.5%", "Unit", "Unit code", "66.67"},
		} {
			r := sup.get("/staf/evaluasi?from=2026-11-01&to=2026-11-30&lang=" + string(lang))
			mustStatus(t, r, http.StatusOK)
			main := r.Doc.Find("main").Text()
			if !strings.Contains(main, want.rate) || !strings.Contains(main, want.grades) {
				t.Errorf("%s: want %q and %q on the page: %s", lang, want.rate, want.grades, text(r))
			}
			if got := strings.TrimSpace(r.Doc.Find("#figures + .tablewrap thead th").First().Text()); got != want.unit {
				t.Errorf("%s: the unit column is headed %q, want %q", lang, got, want.unit)
			}
			if lang == i18n.ID && regexp.MustCompile(`\b[Uu]nit\b`).MatchString(main) {
				t.Errorf("id: the page says unit where the app says instansi: %s", regexp.MustCompile(`.{0,40}\b[Uu]nit\b.{0,40}`).FindString(main))
			}
			href, _ := r.Doc.Find(`a[href*="what=evaluation"][href*="format=csv"]`).Attr("href")
			d := sup.get(href)
			mustStatus(t, d, http.StatusOK)
			recs, err := csv.NewReader(strings.NewReader(d.Body)).ReadAll()
			if err != nil || len(recs) < 2 {
				t.Fatalf("%s: csv %v %q", lang, err, d.Body)
			}
			if recs[0][0] != want.code || slices.Contains(recs[0], "on_time_rate") {
				t.Errorf("%s: csv header %q, want words in the reader's language", lang, recs[0])
			}
			if i := slices.IndexFunc(recs, func(rec []string) bool { return rec[0] == "dpupr" }); i < 0 || !slices.Contains(recs[i], want.cell) {
				t.Errorf("%s: csv has no dpupr row with %q: %q", lang, want.cell, recs)
			}
		}
		// A bad period: the summary names the fields in words and links to them.
		r := sup.get("/staf/evaluasi?from=2026-12-01&to=2026-11-01&lang=id")
		s := r.Doc.Find("#problems").Text()
		if strings.Contains(s, "to:") || !strings.Contains(s, "Sampai tanggal") {
			t.Errorf("the summary shows parameter names: %q", s)
		}
		r.Doc.Find("#problems a").Each(func(_ int, a *goquery.Selection) {
			if id := strings.TrimPrefix(a.AttrOr("href", ""), "#"); r.Doc.Find(`[id="`+id+`"]`).Length() != 1 {
				t.Errorf("the summary links to #%s, which the page lacks", id)
			}
		})
	})
}
