package web

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/lapor-id/lapor/internal/i18n"
)

// The leaders' page shows the figures, the trend, the ranking and the
// sanction list, in both languages, and offers the downloads.
func TestLeadersPage(t *testing.T) {
	e := newEnv(t, envOptions{})
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
	// A bad period is explained on the page.
	r = sup.get("/staf/evaluasi?from=2026-12-01&to=2026-11-01")
	if r.StatusCode != http.StatusOK || r.Doc.Find(".summary").Length() != 1 || r.Doc.Find("table").Length() != 0 {
		t.Fatalf("bad period: %d %s", r.StatusCode, text(r))
	}
	// Only staff.
	anon := e.browser(t)
	if r := anon.get("/staf/evaluasi"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("anonymous: %d", r.StatusCode)
	}
}
