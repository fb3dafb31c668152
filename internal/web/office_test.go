package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/lapor-id/lapor/internal/i18n"
)

// The add-staff form preselects Officer, says once that the unit is
// required for officers, and offers "no unit" rather than the citizen
// form's "not sure (the admin decides)" to the admin who decides.
func TestAddStaffFormDefaults(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, c := range []struct{ lang, label, empty string }{
			{"id", "Instansi (wajib untuk petugas)", "Tanpa instansi (admin dan pengawas)"},
			{"en", "Unit (required for officers)", "No unit (admins and supervisors)"},
		} {
			r := adm.get("/staf/admin/pengguna?lang=" + c.lang)
			mustStatus(t, r, 200)
			if got := r.Doc.Find(`#role option[selected]`).AttrOr("value", ""); got != "officer" {
				t.Errorf("%s: preselected role %q, want officer", c.lang, got)
			}
			if n := r.Doc.Find(`#role option[selected]`).Length(); n != 1 {
				t.Errorf("%s: %d roles selected", c.lang, n)
			}
			if got := strings.Join(strings.Fields(r.Doc.Find(`label[for="unit"]`).Text()), " "); got != c.label {
				t.Errorf("%s: unit label %q, want %q", c.lang, got, c.label)
			}
			if got := r.Doc.Find(`#unit option[value=""]`).Text(); got != c.empty {
				t.Errorf("%s: empty unit option %q, want %q", c.lang, got, c.empty)
			}
		}
	})
}

// The verify form separates the note for the unit (internal, staff only)
// from the message to the reporter (public), says which is which, and the
// note never reaches the reporter's or the public view.
func TestVerifyNoteStaysWithStaff(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		const note, public = "Cek dulu anggaran pemeliharaan jalan.", "Laporan Anda kami teruskan ke Dinas PU."
		cit := e.browser(t)
		id, _ := cit.fileReport(nil)
		adm := e.browser(t)
		adm.login(adminEmail)
		r := adm.get("/staf/laporan/" + id)
		for _, want := range []string{"Catatan untuk instansi (internal)", "Pesan untuk pelapor (publik)"} {
			if !strings.Contains(r.Doc.Find("#act-verify").Text(), want) {
				t.Errorf("verify form does not say %q: %s", want, r.Doc.Find("#act-verify").Text())
			}
		}
		if r.Doc.Find("#act-verify textarea[name=note]").Length() != 1 || r.Doc.Find("#act-verify textarea[name=message]").Length() != 1 {
			t.Fatalf("verify form lacks the note or the public message")
		}
		mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}, "note": {note}, "message": {public}}), http.StatusSeeOther)
		off := e.browser(t)
		off.login(officerEmail)
		for who, b := range map[string]*browser{"admin": adm, "officer": off} {
			body := b.get("/staf/laporan/" + id).Doc.Find("main").Text()
			if !strings.Contains(body, note) || !strings.Contains(body, public) {
				t.Errorf("%s does not see both the note and the public message", who)
			}
		}
		for who, b := range map[string]*browser{"reporter": cit, "public": e.browser(t)} {
			r := b.get("/lacak/" + id)
			mustStatus(t, r, http.StatusOK)
			if strings.Contains(r.Body, note) {
				t.Errorf("%s sees the internal note", who)
			}
			if !strings.Contains(r.Body, public) {
				t.Errorf("%s does not see the public message: %s", who, text(r))
			}
		}
	})
}

// The inbox's default order is the one its label names, last updated
// first; every staff list marks in words the reports due today and those
// past their deadline, in both languages.
func TestListsOrderAndMarkDeadlines(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		adm := e.browser(t)
		off := e.browser(t)
		login := func() { adm.login(adminEmail); off.login(officerEmail) } // sessions idle out as the clock moves
		login()
		step := func() { e.clock.Advance(time.Hour) }
		x, _ := cit.fileReport(url.Values{"title": {"Laporan pertama yang dirutekan"}})
		mustStatus(t, adm.act(x, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
		step()
		y, _ := cit.fileReport(url.Values{"title": {"Laporan yang menunggu verifikasi"}})
		step()
		z, _ := cit.fileReport(url.Values{"title": {"Laporan kedua yang dirutekan"}})
		mustStatus(t, adm.act(z, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
		step()
		login()
		mustStatus(t, off.act(x, url.Values{"action": {"note"}, "message": {"Jadwalkan survei."}}), http.StatusSeeOther)

		order := func(r resp) []string {
			var ids []string
			r.Doc.Find("ul.list > li > a").Each(func(_ int, s *goquery.Selection) {
				ids = append(ids, strings.TrimPrefix(s.AttrOr("href", ""), "/staf/laporan/"))
			})
			return ids
		}
		if got, want := order(off.get("/staf/kotak-masuk")), []string{x, z}; !slices.Equal(got, want) {
			t.Errorf("officer's inbox order %v, want last updated first %v", got, want)
		}
		if got, want := order(adm.get("/staf/kotak-masuk?tab=all")), []string{x, z, y}; !slices.Equal(got, want) {
			t.Errorf("admin's inbox order %v, want last updated first %v", got, want)
		}

		due := func(id string) time.Time {
			r, err := e.st.ReportByTrackingID(context.Background(), id)
			if err != nil || r.Schedule.DueAt == nil {
				t.Fatalf("%s: no deadline (%v)", id, err)
			}
			return *r.Schedule.DueAt
		}
		mark := func(b *browser, page, id, lang string) string {
			r := b.get(page + "lang=" + lang)
			mustStatus(t, r, http.StatusOK)
			li := r.Doc.Find(`ul.list > li:has(a[href="/staf/laporan/` + id + `"])`)
			return strings.Join(strings.Fields(li.Find("b.warn").Text()), " ")
		}
		marks := map[string][2]string{"due": {"tenggat hari ini", "due today"}, "late": {"lewat tenggat", "overdue"}, "": {"", ""}}
		check := func(b *browser, page, id, want string) {
			t.Helper()
			for i, lang := range []string{"id", "en"} {
				if got := mark(b, page, id, lang); got != marks[want][i] {
					t.Errorf("%s %s (%s): mark %q, want %q", page, id, lang, got, marks[want][i])
				}
			}
		}
		// The day the verification of y is due.
		e.clock.Set(due(y).Add(-time.Minute))
		login()
		check(adm, "/staf/antrean?", y, "due")
		check(off, "/staf/kotak-masuk?", x, "")
		// The day the follow-up of x is due: y is past its deadline.
		e.clock.Set(due(x).Add(-time.Minute))
		login()
		check(adm, "/staf/antrean?", y, "late")
		check(off, "/staf/kotak-masuk?", x, "due")
		check(adm, "/staf/kotak-masuk?tab=all&", x, "due")
		e.clock.Set(due(x).Add(time.Minute))
		login()
		check(off, "/staf/kotak-masuk?", x, "late")
	})
}

// Each language writes dates, times and sizes its own way on the pages:
// an English page does not keep the Indonesian time, and a size never
// breaks between its number and its unit.
func TestPagesFormatDatesAndSizesPerLanguage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		id, _ := cit.fileReport(nil, sentFile{"attachments", "foto.jpg", jpegBytes})
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, c := range []struct{ lang, filed string }{
			{"id", "18 November 2026 09.00 WITA"},
			{"en", "18 November 2026, 9:00 am WITA"},
		} {
			for _, b := range []*browser{adm, cit} {
				page := "/staf/laporan/" + id
				if b == cit {
					page = "/lacak/" + id
				}
				r := b.get(page + "?lang=" + c.lang)
				mustStatus(t, r, http.StatusOK)
				if !strings.Contains(r.Doc.Find("dl.meta").Text(), c.filed) {
					t.Errorf("%s %s: filing time is not %q: %s", page, c.lang, c.filed, r.Doc.Find("dl.meta").Text())
				}
				size := r.Doc.Find(`a[href*="/lampiran/"] span`).First().Text()
				if !strings.Contains(size, "\u00a0B)") && !strings.Contains(size, "\u00a0KB)") {
					t.Errorf("%s %s: size without a non-breaking space before its unit: %q", page, c.lang, size)
				}
			}
		}
	})
}

// TestPagePastTheEnd: a page number past the last page says there is
// nothing on this page and links to the first, instead of a total above
// an empty list; an empty list says there is nothing at all.
func TestPagePastTheEnd(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		e.browser(t).fileReport(nil)
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, lang := range i18n.Langs {
			r := adm.get("/staf/kotak-masuk?tab=all&page=9&lang=" + string(lang))
			mustStatus(t, r, http.StatusOK)
			empty := r.Doc.Find("#page-empty")
			if !strings.Contains(empty.Text(), i18n.T(lang, "web.inbox.page_empty")) {
				t.Errorf("%s: page 9 of 1: %s", lang, text(r))
			}
			if href := empty.Find("a").AttrOr("href", ""); strings.Contains(href, "page=") || !strings.Contains(href, "tab=all") {
				t.Errorf("%s: the link to the first page is %q", lang, href)
			}
		}
		if r := adm.get("/staf/kotak-masuk?tab=all&q=tidak-ada-kata-ini&lang=id"); r.Doc.Find("#page-empty").Length() != 0 ||
			!strings.Contains(r.Doc.Find("main").Text(), i18n.T(i18n.ID, "web.inbox.empty")) {
			t.Errorf("an empty search: %s", text(r))
		}
	})
}
