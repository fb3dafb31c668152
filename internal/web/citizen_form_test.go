package web

// Tests of issue 10's walk through the citizen's pages: the report form,
// the receipt and the tracking look-up.

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

// A receipt copied with the printed groups, typed with spaces or in
// capitals opens the report.
func TestTrackReceiptSpellings(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		id, printed := e.browser(t).fileReport(nil)
		bare := strings.ReplaceAll(printed, "-", "")
		spaced := strings.ReplaceAll(printed, "-", " ")
		for _, typed := range []string{printed, spaced, strings.ToUpper(spaced), " " + bare[:13] + "  " + bare[13:] + " ", strings.ToUpper(printed)} {
			b := e.browser(t)
			r := b.post("/lacak", url.Values{"tracking_id": {strings.ToLower(id)}, "receipt": {typed}})
			if r.StatusCode != http.StatusSeeOther {
				t.Fatalf("receipt typed as %q: status %d: %s", typed, r.StatusCode, text(r))
			}
			r = b.follow(r)
			if r.Doc.Find("form.forget").Length() == 0 {
				t.Fatalf("receipt typed as %q: the page is not the reporter's: %s", typed, text(r))
			}
		}
	})
}

// The walk's wording: the citizen reads plain words for the status, the
// receipt button, the escalation and the kind of report.
func TestCitizenWording(t *testing.T) {
	want := map[i18n.Lang]struct{ forget, status, kind, escalated string }{
		i18n.ID: {"Hapus kode bukti dari perangkat ini", "Diteruskan ke instansi", "Usulan atau harapan", "Dieskalasikan ke atasan instansi"},
		i18n.EN: {"Remove the receipt from this device", "Sent to unit", "An idea or wish", "Escalated to the unit's superiors"},
	}
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			w := want[lang]
			e := newEnv(t, envOptions{})
			cit := e.browser(t)
			if r := cit.get("/lapor?lang=" + string(lang)); !strings.Contains(text(r), w.kind) {
				t.Errorf("the form does not say %q: %s", w.kind, text(r))
			}
			id, _ := cit.fileReport(nil)
			if r := cit.get("/lacak/" + id); r.Doc.Find("form.forget button").Text() != w.forget {
				t.Errorf("the forget button says %q, want %q", r.Doc.Find("form.forget button").Text(), w.forget)
			}
			adm := e.browser(t)
			adm.login(adminEmail)
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
			if r := cit.get("/lacak/" + id); !strings.Contains(r.Doc.Find(".badge.st-dispositioned").Text(), w.status) {
				t.Errorf("the status of a routed report reads %q, want %q", r.Doc.Find(".badge.st-dispositioned").Text(), w.status)
			}
			if s := i18n.T(lang, "web.event.escalated"); s != w.escalated {
				t.Errorf("escalation reads %q, want %q", s, w.escalated)
			}
		})
	}
}

// followedUp files a report, has it routed and followed up, and returns
// its tracking ID and receipt: the reporter may now rate it.
func followedUp(t *testing.T, e *env) (string, string) {
	t.Helper()
	id, receipt := e.browser(t).fileReport(nil)
	adm := e.browser(t)
	adm.login(adminEmail)
	mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
	off := e.browser(t)
	off.login(officerEmail)
	mustStatus(t, off.act(id, url.Values{"action": {"follow_up"}, "message": {"Lubang sudah ditambal hari ini."}}), http.StatusSeeOther)
	return id, receipt
}

// Accepting without a star asks for the stars, in the citizen's words.
func TestRatingWithoutStar(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		id, receipt := followedUp(t, e)
		for lang, want := range map[i18n.Lang]string{i18n.ID: "Pilih 1 sampai 5 bintang.", i18n.EN: "Choose 1 to 5 stars."} {
			cit := e.browser(t)
			cit.get("/lacak?lang=" + string(lang))
			mustStatus(t, cit.post("/lacak", url.Values{"tracking_id": {id}, "receipt": {receipt}}), http.StatusSeeOther)
			r := cit.postMultipart("/lacak/"+id+"/aksi", url.Values{"action": {"complete"}, "message": {"Terima kasih."}})
			if got := strings.TrimSpace(r.Doc.Find("#complete-rating-err").Text()); !strings.Contains(got, want) {
				t.Errorf("%s: without a star the form says %q, want %q: %s", lang, got, want, text(r))
			}
		}
	})
}

// The admin corrects a category the reporter chose wrongly, in any open
// state, from the report page; the timeline says from what to what, in
// the reader's language, and keeps codes and names as the event's params.
func TestAdminCorrectsCategory(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			e := newEnv(t, envOptions{})
			cit := e.browser(t)
			cit.get("/lacak?lang=" + string(lang))
			id, _ := cit.fileReport(nil) // Jalan Rusak
			adm := e.browser(t)
			adm.get("/lacak?lang=" + string(lang))
			adm.login(adminEmail)
			page := adm.get("/staf/laporan/" + id)
			form := page.Doc.Find("#act-set_category form")
			if form.Length() != 1 || form.Find(`select[name=category] option[value="infrastruktur-jalan"][selected]`).Length() != 1 {
				t.Fatalf("no category form with the current category chosen: %s", text(page))
			}
			if form.Find(`input[data-filter="set_category-category"]`).Length() != 1 {
				t.Error("the category form has no search box")
			}
			mustStatus(t, adm.act(id, url.Values{"action": {"set_category"}, "category": {"infrastruktur-jalan"}}), http.StatusUnprocessableEntity)
			r := adm.act(id, url.Values{"action": {"set_category"}, "category": {"infrastruktur-drainase"}, "message": {"Genangan, bukan jalan."}})
			mustStatus(t, r, http.StatusSeeOther)
			r = adm.follow(r)
			want := i18n.T(lang, "web.event.category_changed", "Jalan Rusak", "Drainase")
			if !strings.Contains(r.Doc.Find(".timeline").Text(), want) || !strings.Contains(text(r), i18n.T(lang, "web.flash.set_category")) {
				t.Errorf("the timeline does not say %q: %s", want, text(r))
			}
			evs := e.events(t, id)
			ev := evs[len(evs)-1]
			if ev.Type != domain.EventCategorySet || ev.Params[domain.ParamOldCategory] != "infrastruktur-jalan" ||
				ev.Params[domain.ParamNewCategory] != "infrastruktur-drainase" || ev.Params[domain.ParamNewCategoryName] != "Drainase" {
				t.Errorf("stored as %+v", ev)
			}
			// The citizen sees the new category and the sentence.
			if r := cit.get("/lacak/" + id); !strings.Contains(r.Doc.Find(".meta").Text(), "Drainase") || !strings.Contains(r.Doc.Find(".timeline").Text(), want) {
				t.Errorf("the citizen does not see the correction: %s", text(r))
			}
			// After routing too; never by the officer; not once archived.
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
			off := e.browser(t)
			off.login(officerEmail)
			if r := off.get("/staf/laporan/" + id); r.Doc.Find("#act-set_category").Length() != 0 {
				t.Error("the officer is offered the category form")
			}
			if r := off.act(id, url.Values{"action": {"set_category"}, "category": {"kesehatan-puskesmas"}}); r.StatusCode == http.StatusSeeOther {
				t.Error("the officer changed the category")
			}
			mustStatus(t, adm.act(id, url.Values{"action": {"set_category"}, "category": {"kesehatan-puskesmas"}}), http.StatusSeeOther)
			id2, _ := cit.fileReport(nil)
			mustStatus(t, adm.act(id2, url.Values{"action": {"archive"}, "reason": {"spam"}}), http.StatusSeeOther)
			if r := adm.get("/staf/laporan/" + id2); r.Doc.Find("#act-set_category").Length() != 0 {
				t.Error("an archived report offers the category form")
			}
		})
	}
}

// The report form states the length limits beside the title and the
// body, and a text too short says the limit.
func TestLengthLimitsStated(t *testing.T) {
	want := map[i18n.Lang][3]string{
		i18n.ID: {"Paling sedikit 5 dan paling banyak 200 karakter.", "Paling sedikit 10 dan paling banyak 10.000 karakter.", "Terlalu pendek: tulis paling sedikit 10 karakter."},
		i18n.EN: {"At least 5 and at most 200 characters.", "At least 10 and at most 10,000 characters.", "Too short: write at least 10 characters."},
	}
	e := newEnv(t, envOptions{})
	for _, lang := range i18n.Langs {
		w := want[lang]
		b := e.browser(t)
		r := b.get("/lapor?lang=" + string(lang))
		if got := strings.TrimSpace(r.Doc.Find("#title-limit").Text()); got != w[0] {
			t.Errorf("%s: beside the title %q, want %q", lang, got, w[0])
		}
		if got := strings.TrimSpace(r.Doc.Find("#body-limit").Text()); got != w[1] {
			t.Errorf("%s: beside the body %q, want %q", lang, got, w[1])
		}
		if d := r.Doc.Find("#body").AttrOr("aria-describedby", ""); !strings.Contains(d, "body-limit") {
			t.Errorf("%s: the body is not described by its limits: %q", lang, d)
		}
		r = b.postMultipart("/lapor", url.Values{"kind": {"complaint"}, "title": {"Lampu padam"}, "body": {"Lampu mat"}})
		if got := r.Doc.Find("#body-err").Text(); !strings.Contains(got, w[2]) {
			t.Errorf("%s: a 9-character body says %q, want %q", lang, got, w[2])
		}
	}
}

// The receipt's QR code opens the report's address: before the admin
// verifies it, another phone is told plainly that it was received and by
// when it is to be verified, in its language, and nothing of its content.
func TestReceivedBeforeVerification(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		id, _ := e.browser(t).fileReport(nil)
		for _, lang := range i18n.Langs {
			b := e.browser(t)
			b.get("/lacak?lang=" + string(lang))
			r := b.get("/lacak/" + id)
			mustStatus(t, r, http.StatusOK)
			f := i18n.Formatter(lang, e.svc.Location())
			want := i18n.T(lang, "web.received.text", f.DateTime(apptest.Start), f.Day(2026, time.November, 23))
			if got := strings.TrimSpace(r.Doc.Find("#received").Text()); got != want {
				t.Errorf("%s: the page says %q, want %q", lang, got, want)
			}
			if strings.Contains(r.Body, "Lubang besar") || strings.Contains(r.Body, i18n.T(lang, "web.error.title")) {
				t.Errorf("%s: the page shows the content or an error: %s", lang, text(r))
			}
		}
		// Once verified the public view takes over; an unknown ID is not found.
		adm := e.browser(t)
		adm.login(adminEmail)
		mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
		if r := e.browser(t).get("/lacak/" + id); r.Doc.Find("#received").Length() != 0 || !strings.Contains(r.Body, "Lubang besar") {
			t.Errorf("a verified report: %s", text(r))
		}
		mustStatus(t, e.browser(t).get("/lacak/K7MQ-2XRD"), http.StatusNotFound)
	})
}
