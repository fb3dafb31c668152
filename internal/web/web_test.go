package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/catalog"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

var jpegBytes = func() []byte {
	// A tiny valid JPEG (1x1), enough for the media checks.
	return []byte{0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08, 0x07, 0x07, 0x07, 0x09, 0x09,
		0x08, 0x0A, 0x0C, 0x14, 0x0D, 0x0C, 0x0B, 0x0B, 0x0C, 0x19, 0x12, 0x13, 0x0F, 0x14, 0x1D, 0x1A, 0x1F, 0x1E, 0x1D, 0x1A, 0x1C,
		0x1C, 0x20, 0x24, 0x2E, 0x27, 0x20, 0x22, 0x2C, 0x23, 0x1C, 0x1C, 0x28, 0x37, 0x29, 0x2C, 0x30, 0x31, 0x34, 0x34, 0x34, 0x1F,
		0x27, 0x39, 0x3D, 0x38, 0x32, 0x3C, 0x2E, 0x33, 0x34, 0x32, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01,
		0x11, 0x00, 0xFF, 0xC4, 0x00, 0x1F, 0x00, 0x00, 0x01, 0x05, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0xFF, 0xC4, 0x00, 0xB5, 0x10, 0x00, 0x02,
		0x01, 0x03, 0x03, 0x02, 0x04, 0x03, 0x05, 0x05, 0x04, 0x04, 0x00, 0x00, 0x01, 0x7D, 0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05,
		0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xA1, 0x08, 0x23, 0x42, 0xB1, 0xC1,
		0x15, 0x52, 0xD1, 0xF0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0A, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x25, 0x26, 0x27, 0x28, 0x29,
		0x2A, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x53, 0x54, 0x55, 0x56, 0x57,
		0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x83, 0x84,
		0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
		0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA,
		0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF1, 0xF2,
		0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0xFB, 0xD3, 0xFF, 0xD9}
}()

var rawKey = regexp.MustCompile(`\bweb\.[a-z_]+\.[a-z0-9_.]+`)

// checkPage fails on a page that is not in the expected language, shows a
// catalogue key instead of words, or lost its layout.
func checkPage(t *testing.T, r resp, lang i18n.Lang) {
	t.Helper()
	if r.Doc == nil || r.Doc.Find("html").AttrOr("lang", "") != string(lang) {
		t.Fatalf("%s: html lang is not %s", r.Request.URL.Path, lang)
	}
	if m := rawKey.FindString(r.Doc.Find("body").Text()); m != "" {
		t.Fatalf("%s: shows the raw key %q", r.Request.URL.Path, m)
	}
	if r.Doc.Find("main#main").Length() != 1 || r.Doc.Find("header nav").Length() != 1 {
		t.Fatalf("%s: layout missing", r.Request.URL.Path)
	}
}

// walkLifecycle takes a report through every state using the pages, and
// checks each page it sees. It returns the pages visited.
func walkLifecycle(t *testing.T, e *env, lang i18n.Lang) []resp {
	var seen []resp
	see := func(r resp, status int) resp {
		t.Helper()
		mustStatus(t, r, status)
		checkPage(t, r, lang)
		seen = append(seen, r)
		return r
	}
	q := "?lang=" + string(lang)
	newBrowser := func() *browser {
		b := e.browser(t)
		b.header.Set("Accept-Language", string(lang))
		return b
	}
	cit := newBrowser() // keep
	for _, p := range []string{"/", "/lapor", "/lacak", "/masuk", "/akun/masuk", "/akun/daftar", "/lacak?id=K7MQ-2XRD", "/informasi"} {
		see(cit.get(p+strings.Replace(q, "?", map[bool]string{true: "&", false: "?"}[strings.Contains(p, "?")], 1)), http.StatusOK)
	}
	see(cit.get("/tidak-ada"), http.StatusNotFound)
	id, receipt := cit.fileReport(url.Values{"reporter.name": {"Siti Aminah"}, "reporter.email": {"siti@example.id"}},
		sentFile{"attachments", "foto.jpg", jpegBytes})
	see(cit.get("/lacak/"+id+"/bukti"), http.StatusOK)
	see(cit.get("/lacak/"+id), http.StatusOK)
	see(newBrowser().get("/lacak/"+id), http.StatusOK) // the QR code on another phone, before verification

	adm := newBrowser()
	adm.login(adminEmail)
	see(adm.get("/staf/antrean"), http.StatusOK)
	r := see(adm.get("/staf/laporan/"+id), http.StatusOK)
	for _, a := range []string{"verify", "hold", "archive", "set_confidential", "edit_title", "set_category", "note"} {
		if r.Doc.Find("#act-"+a).Length() != 1 {
			t.Fatalf("admin report page has no %s form", a)
		}
	}
	// Hold: the reporter is asked for more and completes it.
	mustStatus(t, adm.act(id, url.Values{"action": {"hold"}, "message": {"Mohon sebutkan nomor rumah terdekat."}}), http.StatusSeeOther)
	r = see(cit.get("/lacak/"+id), http.StatusOK)
	if r.Doc.Find("#complete_info-message").Length() != 1 {
		t.Fatalf("held report: no form to complete it: %s", text(r))
	}
	r = cit.postMultipart("/lacak/"+id+"/aksi", url.Values{"action": {"complete_info"}, "message": {"Depan rumah nomor 12."}})
	mustStatus(t, r, http.StatusSeeOther)
	see(cit.follow(r), http.StatusOK)
	// Verify and route; the officer follows up with a photo.
	r = adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}, "message": {"Mohon ditangani."}})
	mustStatus(t, r, http.StatusSeeOther)
	see(adm.follow(r), http.StatusOK)
	off := newBrowser()
	off.login(officerEmail)
	// The routed report waits in the officer's new tab, and the search finds
	// it there and under all, not in the other tabs.
	for tab, found := range map[string]bool{"new": true, "replied": false, "awaiting": false, "all": true} {
		r := see(off.get("/staf/kotak-masuk?tab="+tab+"&kind=complaint&q=jalan"), http.StatusOK)
		if got := listedIDs(r); slices.Contains(got, id) != found {
			t.Errorf("officer tab %s searching jalan lists %v; want %s listed: %v", tab, got, id, found)
		}
	}
	r = see(off.get("/staf/laporan/"+id), http.StatusOK)
	for _, a := range []string{"follow_up", "forward", "return", "note"} {
		if r.Doc.Find("#act-"+a).Length() != 1 {
			t.Fatalf("officer report page has no %s form", a)
		}
	}
	r = off.act(id, url.Values{"action": {"follow_up"}, "message": {"Sudah ditambal."}}, sentFile{"attachments", "hasil.jpg", jpegBytes})
	mustStatus(t, r, http.StatusSeeOther)
	see(off.follow(r), http.StatusOK)
	// The reporter replies, the unit answers again, the reporter accepts.
	r = see(cit.get("/lacak/"+id), http.StatusOK)
	if r.Doc.Find(`input[name=rating]`).Length() != 5 || r.Doc.Find("#reply-message").Length() != 1 {
		t.Fatalf("followed-up report: no rating or reply form")
	}
	mustStatus(t, cit.postMultipart("/lacak/"+id+"/aksi", url.Values{"action": {"reply"}, "message": {"Masih ada lubang kecil."}}), http.StatusSeeOther)
	mustStatus(t, off.act(id, url.Values{"action": {"follow_up"}, "message": {"Sudah diperbaiki semua."}}), http.StatusSeeOther)
	r = cit.postMultipart("/lacak/"+id+"/aksi", url.Values{"action": {"complete"}, "rating": {"4"}, "message": {"Terima kasih."}})
	mustStatus(t, r, http.StatusSeeOther)
	r = see(cit.follow(r), http.StatusOK)
	if !strings.Contains(r.Body, i18n.T(lang, "web.event.completed_rated", 4)) || r.Doc.Find("#reopen-message").Length() != 1 {
		t.Fatalf("completed report: rating or reopen form missing: %s", text(r))
	}
	// Public view (another browser, no receipt).
	see(newBrowser().get("/lacak/"+id), http.StatusOK)
	// The public list and the report's public page.
	see(newBrowser().get("/laporan?sort=supported"), http.StatusOK)
	see(newBrowser().get("/laporan/"+id), http.StatusOK)
	see(newBrowser().get("/open-data"), http.StatusOK)
	see(newBrowser().get("/statistik"), http.StatusOK)
	see(newBrowser().get("/peta"), http.StatusOK)
	// The receipt typed into the tracking form.
	other := newBrowser()
	r = other.post("/lacak", url.Values{"tracking_id": {strings.ToLower(strings.ReplaceAll(id, "-", ""))}, "receipt": {receipt}})
	mustStatus(t, r, http.StatusSeeOther)
	see(other.follow(r), http.StatusOK)
	// An archived report.
	id2, _ := cit.fileReport(url.Values{"title": {"Iklan obat kuat murah"}})
	mustStatus(t, adm.act(id2, url.Values{"action": {"archive"}, "reason": {"spam"}}), http.StatusSeeOther)
	see(adm.get("/staf/laporan/"+id2), http.StatusOK)
	see(cit.get("/lacak/"+id2), http.StatusOK)
	// Bulk: the queue with its checkboxes, one routed and one already
	// archived in one request, and the page that says so.
	id3, _ := cit.fileReport(url.Values{"title": {"Drainase meluap di Jl. Pupuk"}})
	see(adm.get("/staf/antrean"), http.StatusOK)
	see(adm.post("/staf/massal", url.Values{"action": {"route"}, "unit": {"dpupr"}, "id": {id3, id2}, "back": {"queue"}}), http.StatusOK)
	// Supervisor, settings and accounts.
	sup := newBrowser()
	sup.login(supervisorEmail)
	see(sup.get("/staf/antrean"), http.StatusOK)
	see(sup.get("/staf/kotak-masuk"), http.StatusOK)
	see(sup.get("/staf/laporan/"+id), http.StatusOK)
	for _, p := range []string{"/staf/admin/instansi", "/staf/admin/kategori", "/staf/admin/pengguna", "/staf/admin/keamanan", "/staf/akun",
		"/staf/kotak-masuk?tab=all&status=completed&unit=dpupr", "/staf/admin/tenggat", "/staf/admin/kalender", "/staf/admin/peta", "/staf/admin/kunci-api", "/staf/admin/wilayah", "/staf/admin/pengiriman", "/staf/admin/kategori/lainnya", "/staf/admin/templat", "/staf/admin/webhook", "/staf/loket"} {
		see(adm.get(p), http.StatusOK)
	}
	for _, p := range []string{"/staf/admin/tenggat", "/staf/admin/kalender"} {
		see(sup.get(p), http.StatusOK)
	}
	acct := newBrowser()
	r = acct.post("/akun/daftar", url.Values{"email": {"warga" + string(lang) + "@example.id"}, "password": {"sandi-warga-yang-panjang"}})
	mustStatus(t, r, http.StatusSeeOther)
	see(acct.follow(r), http.StatusOK)
	// The verification link's page, then the address is verified as by its mail.
	see(acct.get("/akun/verifikasi?t="+strings.Repeat("0", 64)), http.StatusOK)
	see(acct.post("/akun/verifikasi", url.Values{"t": {"palsu"}}), http.StatusUnprocessableEntity)
	apptest.VerifyCitizens(t, e.svc)
	// The staff password reset's pages and the unsubscribe page.
	see(newBrowser().get("/masuk/lupa"), http.StatusOK)
	see(newBrowser().post("/masuk/lupa", url.Values{"email": {"tidak-ada@example.id"}}), http.StatusOK)
	see(newBrowser().get("/masuk/sandi-baru?t="+strings.Repeat("0", 64)), http.StatusOK)
	see(newBrowser().get("/berhenti/"+id+"?t="+strings.Repeat("0", 32)), http.StatusOK)
	r = acct.post("/akun/masuk", url.Values{"email": {"warga" + string(lang) + "@example.id"}, "password": {"sandi-warga-yang-panjang"}})
	mustStatus(t, r, http.StatusSeeOther)
	acct.fileReport(nil)
	see(acct.get("/akun"), http.StatusOK)
	see(acct.get("/lapor"), http.StatusOK)
	see(cit.get("/lacak/ZZZZ-ZZZZ"), http.StatusNotFound)
	return seen
}

func TestPagesInBothLanguages(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		for _, lang := range i18n.Langs {
			t.Run(string(lang), func(t *testing.T) { walkLifecycle(t, e, lang) })
		}
		// Every template was rendered at least once.
		for _, name := range e.web.templateNames() {
			if !e.rendered[name] {
				t.Errorf("template %s was never rendered by the test", name)
			}
		}
	})
}

// TestEveryFieldHasALabel checks every form control on every page of a
// report's life.
func TestEveryFieldHasALabel(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		for _, r := range walkLifecycle(t, e, i18n.ID) {
			r.Doc.Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
				typ := s.AttrOr("type", "")
				if typ == "hidden" || typ == "submit" || typ == "button" {
					return
				}
				id := s.AttrOr("id", "")
				if s.AttrOr("aria-label", "") != "" || s.AttrOr("aria-labelledby", "") != "" || s.ParentsFiltered("label").Length() > 0 {
					return
				}
				if id == "" || r.Doc.Find(`label[for="`+id+`"]`).Length() == 0 {
					html, _ := goquery.OuterHtml(s)
					t.Errorf("%s: control without a label: %s", r.Request.URL.Path, html)
				}
				if id != "" && r.Doc.Find(`[id="`+id+`"]`).Length() > 1 {
					t.Errorf("%s: id %q used twice", r.Request.URL.Path, id)
				}
			})
		}
	})
}

func TestValidationKeepsWhatWasTyped(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		b := e.browser(t)
		r := b.postMultipart("/lapor", url.Values{"kind": {"complaint"}, "title": {"Lu"}, "body": {"Sampah menumpuk di pasar."},
			"category": {"infrastruktur-drainase"}, "location.kecamatan": {"Bontang Selatan"}, "location.lat": {"abc"},
			"anonymous": {"1"}, "reporter.email": {"bukan-email"}, "incident_date": {"2099-01-01"}},
			sentFile{"attachments", "foto.jpg", jpegBytes})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		d := r.Doc
		// At the top: the summary, with a link to each field.
		if d.Find("#problems[role=alert]").Length() != 1 {
			t.Fatal("no summary of problems at the top")
		}
		for _, id := range []string{"title", "location-lat", "reporter-email", "incident_date"} {
			if d.Find(`#problems a[href="#`+id+`"]`).Length() != 1 {
				t.Errorf("summary does not link to #%s", id)
			}
			// Next to the field, and tied to it for screen readers.
			if d.Find("#"+id+"-err").Length() != 1 {
				t.Errorf("no error next to #%s", id)
			}
			if d.Find("#"+id).AttrOr("aria-invalid", "") != "true" || !strings.Contains(d.Find("#"+id).AttrOr("aria-describedby", ""), id+"-err") {
				t.Errorf("#%s is not marked invalid and described by its error", id)
			}
		}
		if got := d.Find("#title-err").Text(); !strings.Contains(got, i18n.T(i18n.ID, domain.TooShortKey(domain.MinTitle))) {
			t.Errorf("title error = %q", got)
		}
		// What was typed is still there.
		for sel, want := range map[string]string{"#title": "Lu", "#location-kecamatan": "Bontang Selatan", "#location-lat": "abc",
			"#reporter-email": "bukan-email", "#incident_date": "2099-01-01"} {
			if v := d.Find(sel).AttrOr("value", ""); v != want {
				t.Errorf("%s = %q, want %q", sel, v, want)
			}
		}
		if v := d.Find("#body").Text(); v != "Sampah menumpuk di pasar." {
			t.Errorf("body = %q", v)
		}
		if _, ok := d.Find("#anonymous").Attr("checked"); !ok {
			t.Error("the anonymous choice was lost")
		}
		if _, ok := d.Find(`#category option[value="infrastruktur-drainase"]`).Attr("selected"); !ok {
			t.Error("the category was lost")
		}
		if _, ok := d.Find(`#kind-complaint`).Attr("checked"); !ok {
			t.Error("the kind was lost")
		}
		if !strings.Contains(d.Find("#privacy").Text(), i18n.T(i18n.ID, "web.privacy.10")) {
			t.Error("the privacy sentence does not follow the choice")
		}
		if strings.Contains(r.Body, i18n.T(i18n.ID, "web.form.reattach")) || d.Find(`#held input[name="held_keep"]`).Length() != 1 {
			t.Error("the chosen photo is not held for the next try (TestFailedFormKeepsItsFiles)")
		}
		// In English too.
		b.header.Set("Accept-Language", "en-GB,en;q=0.9")
		r = b.postMultipart("/lapor", url.Values{"title": {"Lampu jalan mati"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		checkPage(t, r, i18n.EN)
		if !strings.Contains(r.Doc.Find("#problems").Text(), "Required.") || r.Doc.Find("#title").AttrOr("value", "") != "Lampu jalan mati" {
			t.Errorf("English validation: %s", text(r))
		}
	})
}

func TestCrossOriginPostsAreRefused(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		form := url.Values{"kind": {"complaint"}, "title": {"Jalan rusak parah"}, "body": {"Jalan rusak parah di depan pasar."}}
		for name, h := range map[string]http.Header{
			"origin":         {"Origin": {"https://evil.example"}},
			"sec-fetch-site": {"Sec-Fetch-Site": {"cross-site"}},
		} {
			for _, path := range []string{"/lapor", "/masuk", "/lacak", "/akun/daftar", "/keluar", "/staf/admin/instansi"} {
				b := e.browser(t)
				b.header = h
				r := b.post(path, form)
				if r.StatusCode != http.StatusForbidden {
					t.Errorf("%s: cross-origin POST %s: status %d, want 403", name, path, r.StatusCode)
					continue
				}
				checkPage(t, r, i18n.ID)
				if !strings.Contains(text(r), i18n.T(i18n.ID, "web.error.cross_origin")) {
					t.Errorf("%s %s: no explanation: %s", name, path, text(r))
				}
			}
		}
		// The same form from the same origin goes through.
		b := e.browser(t)
		b.header = http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}
		if r := b.post("/lapor", form); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("same-origin POST: %d %s", r.StatusCode, text(r))
		}
		n, err := e.svc.Inbox(context.Background(), staffViewer(t, e, adminEmail), serviceQuery())
		if err != nil || n.Total != 1 {
			t.Fatalf("reports filed: %v %v, want exactly the same-origin one", n, err)
		}
	})
}

func TestAnonymousReporterHiddenFromStaff(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		anon, _ := cit.fileReport(url.Values{"anonymous": {"1"}, "reporter.name": {"Rahmat Hidayat"},
			"reporter.email": {"rahmat@example.id"}, "reporter.phone": {"0812 5555 1234"}})
		open, _ := cit.fileReport(url.Values{"reporter.name": {"Dewi Lestari"}, "reporter.email": {"dewi@example.id"}})
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, id := range []string{anon, open} {
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
		}
		off := e.browser(t)
		off.login(officerEmail)
		sup := e.browser(t)
		sup.login(supervisorEmail)
		for who, b := range map[string]*browser{"admin": adm, "officer": off, "supervisor": sup} {
			for _, p := range []string{"/staf/laporan/" + anon, "/staf/kotak-masuk?tab=all", "/staf/kotak-masuk?q=jalan", "/staf/antrean"} {
				r := b.get(p)
				if r.StatusCode == http.StatusForbidden {
					continue
				}
				for _, secret := range []string{"Rahmat", "rahmat@example.id", "5555"} {
					if strings.Contains(r.Body, secret) {
						t.Errorf("%s sees %q of an anonymous reporter on %s", who, secret, p)
					}
				}
				// The lists and the search do show both reports, so the
				// check above looked at pages that hold the anonymous one.
				if strings.HasPrefix(p, "/staf/kotak-masuk") {
					if got, want := listedIDs(r), sortedIDs(anon, open); !slices.Equal(got, want) {
						t.Errorf("%s: %s lists %v, want %v", who, p, got, want)
					}
				}
			}
			// Searching for the anonymous reporter finds nothing.
			for _, q := range []string{"Rahmat", "Hidayat", "rahmat@example.id"} {
				if got := listedIDs(b.get("/staf/kotak-masuk?tab=all&q=" + url.QueryEscape(q))); len(got) != 0 {
					t.Errorf("%s searching %q finds %v: the identity is searchable", who, q, got)
				}
			}
			r := b.get("/staf/laporan/" + anon)
			if !strings.Contains(r.Doc.Find("#reporter-hidden").Text(), i18n.T(i18n.ID, "web.report.anonymous")) {
				t.Errorf("%s: the anonymous report does not say why there is no identity", who)
			}
			// A report that is not anonymous shows its reporter to staff.
			if r := b.get("/staf/laporan/" + open); !strings.Contains(r.Body, "dewi@example.id") {
				t.Errorf("%s does not see the identity of a reporter who is not anonymous", who)
			}
		}
		// The public view shows no identity either.
		if r := e.browser(t).get("/lacak/" + anon); strings.Contains(r.Body, "Rahmat") {
			t.Error("the public sees an anonymous reporter")
		}
	})
}

func sortedIDs(ids ...string) []string {
	out := append([]string{}, ids...)
	slices.Sort(out)
	return out
}

// TestInboxSearch: the staff inbox search finds a report by a word of its
// title or body in any letter case, or by its tracking ID as people type
// it, and finds nothing else, not even a reporter's name; an officer
// finds only the reports of their unit. On both databases, with ASCII
// and accented words.
func TestInboxSearch(t *testing.T) {
	eachDB(t, envOptions{}, inboxSearch)
}

func inboxSearch(t *testing.T, e *env) {
	cit := e.browser(t)
	road, _ := cit.fileReport(url.Values{"title": {"Jalan berlubang di Jl. Ahmad Yani"},
		"body": {"Lubang besar di depan SDN 003 membahayakan pengendara motor."}, "reporter.name": {"Hendra Wijaya"}})
	drain, _ := cit.fileReport(url.Values{"title": {"Drainase tersumbat di Gang Mawar"}, "category": {"infrastruktur-drainase"},
		"body": {"Air menggenang sampai 50% badan jalan setiap hujan deras."}})
	clinic, _ := cit.fileReport(url.Values{"title": {"Antrean panjang di Puskesmas Bontang Utara"}, "category": {"kesehatan-puskesmas"},
		"body": {"Pasien menunggu sejak pagi di ruang TUNGGU ÉLITE, nomor antrean ditulis tangan: A_17."}})
	adm := e.browser(t)
	adm.login(adminEmail)
	for id, unit := range map[string]string{road: "dpupr", drain: "dpupr", clinic: "dinkes"} {
		mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {unit}}), http.StatusSeeOther)
	}
	off := e.browser(t)
	off.login(officerEmail)

	search := func(b *browser, q string) []string {
		t.Helper()
		r := b.get("/staf/kotak-masuk?tab=all&q=" + url.QueryEscape(q))
		mustStatus(t, r, http.StatusOK)
		if v := r.Doc.Find("#q").AttrOr("value", ""); v != q {
			t.Errorf("search %q: the box shows %q", q, v)
		}
		ids := listedIDs(r)
		if len(ids) == 0 && !strings.Contains(r.Body, i18n.T(i18n.ID, "web.inbox.empty")) {
			t.Errorf("search %q: no reports and no word saying so: %s", q, text(r))
		}
		return ids
	}
	lower := strings.ToLower(strings.ReplaceAll(road, "-", ""))
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"berlubang", []string{road}},           // a word of a title
		{"BERLUBANG", []string{road}},           // in another case
		{"Puskesmas bontang", []string{clinic}}, // two words, as they stand
		{"pengendara motor", []string{road}},    // only in a body
		{"jalan", []string{road, drain}},        // title of one, body of the other
		{"  gang mawar  ", []string{drain}},     // spaces around
		{road, []string{road}},                  // the tracking ID
		{lower, []string{road}},                 // typed in lower case, without the dash
		{"50%", []string{drain}},                // % is a character, not a wildcard
		{"%", []string{drain}},                  //
		{"A_17", []string{clinic}},              // so is _
		{"_", []string{clinic}},                 //
		{"élite", []string{clinic}},             // non-ASCII, in another case
		{"elite", []string{clinic}},             // and without its accent
		{"Hendra", nil},                         // a reporter's name is sealed, not searchable
		{"sampah", nil},                         // in no report
		{"berlubang puskesmas", nil},            // words in two different reports
		{"ZZZZ-ZZZZ", nil},                      // an ID that does not exist
	} {
		if got, want := search(adm, c.q), sortedIDs(c.want...); !slices.Equal(got, want) {
			t.Errorf("admin searching %q finds %v, want %v", c.q, got, want)
		}
	}
	// The officer of dpupr finds only the reports of their unit.
	for q, want := range map[string][]string{"jalan": {road, drain}, "puskesmas": nil, clinic: nil} {
		if got := search(off, q); !slices.Equal(got, sortedIDs(want...)) {
			t.Errorf("officer searching %q finds %v, want %v", q, got, sortedIDs(want...))
		}
	}
}

func TestReceiptNeverInAnAddress(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		b := e.browser(t)
		base := url.Values{"kind": {"complaint"}, "title": {"Drainase tersumbat"}, "body": {"Air meluap ke jalan setiap hujan."}}
		r := b.postMultipart("/lapor", base)
		mustStatus(t, r, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		var receipt, path string
		for _, c := range r.Cookies() {
			if c.Name == receiptCookie {
				receipt, path = c.Value, c.Path
				if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
					t.Errorf("receipt cookie is not HttpOnly and SameSite=Lax: %+v", c)
				}
			}
		}
		id := strings.TrimSuffix(strings.TrimPrefix(loc, "/lacak/"), "/bukti")
		if receipt == "" || path != "/lacak/"+id || strings.Contains(loc, receipt) {
			t.Fatalf("redirect %q, cookie path %q, receipt %q", loc, path, receipt)
		}
		page := b.get(loc)
		page.Doc.Find("a[href], form[action]").Each(func(_ int, s *goquery.Selection) {
			u := s.AttrOr("href", s.AttrOr("action", ""))
			if strings.Contains(strings.ReplaceAll(u, "-", ""), strings.ReplaceAll(receipt, "-", "")) {
				t.Errorf("a link carries the receipt: %s", u)
			}
		})
		// The QR code holds the tracking page's address, not the receipt.
		if page.Doc.Find(".qr svg").Length() != 1 || !strings.Contains(page.Body, "/lacak/"+id+"</span>") {
			t.Error("no QR code or address on the receipt page")
		}
		// Forgetting deletes the cookie.
		r = b.post("/lacak/"+id+"/lupakan", nil)
		mustStatus(t, r, http.StatusSeeOther)
		if r := b.get("/lacak/" + id + "/bukti"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("the receipt page still opens after forgetting: %d", r.StatusCode)
		}
		// A wrong receipt is refused without saying more.
		r = b.post("/lacak", url.Values{"tracking_id": {id}, "receipt": {"aaaaa-bbbbb-ccccc-ddddd-eeeee-f"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#receipt").AttrOr("value", "x") != "" || !strings.Contains(r.Doc.Find("#receipt-err").Text(), i18n.T(i18n.ID, "web.track.bad_receipt")) {
			t.Errorf("wrong receipt: %s", text(r))
		}
		// Acting without the receipt is refused.
		if r := e.browser(t).postMultipart("/lacak/"+id+"/aksi", url.Values{"action": {"reply"}, "message": {"x"}}); r.StatusCode != http.StatusUnauthorized {
			t.Errorf("action without receipt: %d", r.StatusCode)
		}
	})
}

func placeholders(e *env, q string) string {
	if e.st.Dialect() == store.Postgres {
		return strings.ReplaceAll(q, "?", "$1")
	}
	return q
}

// TestCitizenAccount runs on both databases: the accounts are this
// package's own tables.
func TestCitizenAccount(t *testing.T) {
	eachDB(t, envOptions{}, citizenAccount)
}

func citizenAccount(t *testing.T, e *env) {
	b := e.browser(t)
	r := b.post("/akun/daftar", url.Values{"email": {"warga@example.id"}, "password": {"pendek"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	if r.Doc.Find("#email").AttrOr("value", "") != "warga@example.id" || r.Doc.Find("#password").AttrOr("value", "") != "" {
		t.Error("the e-mail must be kept and the password never echoed")
	}
	r = b.post("/akun/daftar", url.Values{"email": {"Warga@Example.id"}, "password": {"sandi-warga-yang-panjang"}})
	mustStatus(t, r, http.StatusSeeOther)
	if r := b.follow(r); !strings.Contains(text(r), i18n.T(i18n.ID, "web.account.registered")) {
		t.Errorf("registration does not say to sign in: %s", text(r))
	}
	// Registering the address again answers the same, and changes nothing:
	// the first password still signs in, the second does not.
	again := e.browser(t).post("/akun/daftar", url.Values{"email": {"warga@example.id"}, "password": {"sandi-lain-yang-juga-panjang"}})
	if again.StatusCode != r.StatusCode || again.Header.Get("Location") != r.Header.Get("Location") {
		t.Errorf("registering a taken address answers %d %s, a free one %d %s", again.StatusCode, again.Header.Get("Location"), r.StatusCode, r.Header.Get("Location"))
	}
	mustStatus(t, e.browser(t).post("/akun/masuk", url.Values{"email": {"warga@example.id"}, "password": {"sandi-lain-yang-juga-panjang"}}), http.StatusUnauthorized)
	// Before its address is verified the account does not sign in.
	mustStatus(t, b.post("/akun/masuk", url.Values{"email": {"warga@example.id"}, "password": {"sandi-warga-yang-panjang"}}), http.StatusUnauthorized)
	apptest.VerifyCitizens(t, e.svc)
	r = b.post("/akun/masuk", url.Values{"email": {"warga@example.id"}, "password": {"sandi-warga-yang-panjang"}})
	mustStatus(t, r, http.StatusSeeOther)
	for _, c := range r.Cookies() {
		if c.Name == citizenCookie && !c.HttpOnly {
			t.Error("citizen session cookie is not HttpOnly")
		}
	}
	if r := b.get("/akun"); !strings.Contains(text(r), "warga@example.id") || !strings.Contains(text(r), i18n.T(i18n.ID, "web.account.none")) {
		t.Fatalf("account page: %s", text(r))
	}
	form := b.get("/lapor")
	if !strings.Contains(text(form), i18n.T(i18n.ID, "web.new.linked", "warga@example.id")) {
		t.Error("the form does not say the report goes to the account")
	}
	id, _ := b.fileReport(url.Values{"anonymous": {"1"}, "title": {"Pungutan liar di kantor kelurahan"}})
	r = b.get("/akun")
	link := r.Doc.Find(".list a").AttrOr("href", "")
	if !strings.Contains(text(r), id) || link == "" {
		t.Fatalf("my reports does not list %s: %s", id, text(r))
	}
	// Privacy: the report row does not name the account, and the link
	// table holds no tracking ID in clear.
	var acct any
	if err := e.st.DB().QueryRow(placeholders(e, `SELECT account_id FROM reports WHERE tracking_id = ?`), id).Scan(&acct); err != nil || acct != nil {
		t.Errorf("reports.account_id = %v (%v), want NULL", acct, err)
	}
	var sealed []byte
	if err := e.st.DB().QueryRow(`SELECT sealed_ref FROM account_reports`).Scan(&sealed); err != nil || bytes.Contains(sealed, []byte(id)) {
		t.Errorf("account_reports holds the tracking ID in clear (%v)", err)
	}
	// Logged in on another phone, the account opens the report as its
	// reporter (without the receipt) and can answer it.
	other := e.browser(t)
	mustStatus(t, other.post("/akun/masuk", url.Values{"email": {"warga@example.id"}, "password": {"sandi-warga-yang-panjang"}}), http.StatusSeeOther)
	r = other.get(link)
	mustStatus(t, r, http.StatusSeeOther)
	r = other.follow(r)
	if r.Doc.Find(".forget").Length() != 1 {
		t.Fatalf("the account does not open the report as its reporter: %s", text(r))
	}
	// Staff see nothing of the account.
	adm := e.browser(t)
	adm.login(adminEmail)
	if r := adm.get("/staf/laporan/" + id); strings.Contains(r.Body, "warga@example.id") {
		t.Error("staff see the account of an anonymous reporter")
	}
	// Wrong password; logout.
	r = e.browser(t).post("/akun/masuk", url.Values{"email": {"warga@example.id"}, "password": {"salah-sekali-sandinya"}})
	mustStatus(t, r, http.StatusUnauthorized)
	if !strings.Contains(text(r), i18n.T(i18n.ID, "error.login_failed")) {
		t.Errorf("wrong password: %s", text(r))
	}
	mustStatus(t, b.post("/akun/keluar", nil), http.StatusSeeOther)
	if r := b.get("/akun"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("still logged in after logout: %d", r.StatusCode)
	}
	// Someone else's reference is not found.
	if r := e.browser(t).get(link); r.StatusCode != http.StatusSeeOther {
		t.Errorf("account link without login: %d", r.StatusCode)
	}
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

// TestPageWeight checks the budgets without a browser: the report form
// with all 958 categories of lapor.go.id, as sent (gzip), and the assets.
func TestPageWeight(t *testing.T) {
	e := newEnv(t, envOptions{categories: defaultCategories()})
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/lapor", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	sent, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatal("the form is not compressed")
	}
	zr, _ := gzip.NewReader(bytes.NewReader(sent))
	html, _ := io.ReadAll(zr)
	if n := strings.Count(string(html), "<option"); n < 958 {
		t.Fatalf("the form lists %d categories, want all", n)
	}
	css := e.web.assets.byName["app.css"]
	js := e.web.assets.byName["app.js"]
	t.Logf("form HTML %d bytes (%d sent), CSS %d (%d sent), JS %d (%d sent)", len(html), len(sent), len(css.data), len(css.gz), len(js.data), len(js.gz))
	if len(sent) > 40<<10 {
		t.Errorf("form HTML sends %d bytes, budget 40 KB", len(sent))
	}
	if len(css.data) > 15<<10 {
		t.Errorf("CSS is %d bytes, budget 15 KB", len(css.data))
	}
	if len(js.data) > 10<<10 {
		t.Errorf("JS is %d bytes, budget 10 KB", len(js.data))
	}
	if total := len(sent) + len(css.gz) + len(js.gz); total > 100<<10 {
		t.Errorf("first load %d bytes, budget 100 KB", total)
	}
}

func TestBadInputNeverShowsAStackTrace(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		b := e.browser(t)
		id, _ := b.fileReport(nil)
		adm := e.browser(t)
		adm.login(adminEmail)
		big := strings.Repeat("x", 70<<10)
		type tc struct {
			method, path, ctype, body string
			who                       *browser
		}
		cases := []tc{
			{"POST", "/lapor", "multipart/form-data; boundary=zzz", "--zzz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nabc", b},
			{"POST", "/lapor", "multipart/form-data", "garbage", b},
			{"POST", "/lapor", "text/plain", "hello", b},
			{"POST", "/lapor", "application/x-www-form-urlencoded", "title=" + big, b},
			{"POST", "/lapor", "application/x-www-form-urlencoded", "title=%ff%fe&body=%00%01&kind=complaint", b},
			{"POST", "/lapor", "application/x-www-form-urlencoded", "kind=../../etc&title=%%%", b},
			{"GET", "/lacak/%00%01", "", "", b},
			{"GET", "/lacak/" + id + "/lampiran/abc", "", "", b},
			{"GET", "/lacak/" + id + "/lampiran/99999", "", "", b},
			{"GET", "/lacak/" + strings.Repeat("A", 500), "", "", b},
			{"POST", "/lacak", "application/x-www-form-urlencoded", "tracking_id=" + big, b},
			{"POST", "/lacak/" + id + "/aksi", "application/x-www-form-urlencoded", "action=verify", b},
			{"POST", "/lacak/" + id + "/aksi", "application/x-www-form-urlencoded", "action=%ff", b},
			{"GET", "/staf/laporan/..%2f..%2fetc", "", "", adm},
			{"GET", "/staf/kotak-masuk?tab=all&status=bogus&kind=x&page=-5&q=" + big[:300], "", "", adm},
			{"POST", "/staf/laporan/" + id + "/aksi", "application/x-www-form-urlencoded", "action=verify&unit=tidak-ada", adm},
			{"POST", "/staf/laporan/" + id + "/aksi", "application/x-www-form-urlencoded", "action=archive&reason=", adm},
			{"POST", "/staf/laporan/" + id + "/aksi", "application/x-www-form-urlencoded", "action=hack", adm},
			{"POST", "/staf/admin/kategori", "multipart/form-data; boundary=q", "--q\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nfile\r\n--q\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.json\"\r\n\r\n{not json\r\n--q--\r\n", adm},
			{"POST", "/staf/admin/pengguna", "application/x-www-form-urlencoded", "email=x&role=god&password=1", adm},
			{"POST", "/staf/admin/instansi", "application/x-www-form-urlencoded", "code=BAD CODE&name=", adm},
			{"GET", "/staf/kotak-masuk?tab=all&kecamatan=%ff" + big[:300], "", "", adm},
			{"POST", "/staf/admin/wilayah", "application/x-www-form-urlencoded", "name=" + big + "&kecamatan=99999999999999999999", adm},
			{"POST", "/staf/admin/wilayah/abc", "application/x-www-form-urlencoded", "name=x", adm},
			{"GET", "/static/../../go.mod", "", "", b},
			{"DELETE", "/lapor", "", "", b},
		}
		for _, c := range cases {
			req, _ := http.NewRequest(c.method, e.srv.URL+c.path, strings.NewReader(c.body))
			if c.ctype != "" {
				req.Header.Set("Content-Type", c.ctype)
			}
			r := c.who.do(req)
			if r.StatusCode >= 500 || r.StatusCode == 0 {
				t.Errorf("%s %s: status %d: %s", c.method, c.path, r.StatusCode, text(r))
			}
			for _, bad := range []string{"goroutine ", "panic", ".go:", "runtime error"} {
				if strings.Contains(r.Body, bad) {
					t.Errorf("%s %s: shows %q", c.method, c.path, bad)
				}
			}
			if r.StatusCode >= 400 && r.StatusCode != http.StatusMethodNotAllowed && !strings.Contains(r.Body, "<main") {
				t.Errorf("%s %s: status %d without a page: %.200s", c.method, c.path, r.StatusCode, r.Body)
			}
		}
		if strings.Contains(e.logs.String(), "level=ERROR") {
			t.Errorf("bad input logged errors:\n%s", e.logs.String())
		}
	})
}

func TestStaffAccess(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		id, _ := cit.fileReport(nil)
		// Not logged in: to the login page, and back after it.
		r := cit.get("/staf/laporan/" + id)
		mustStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/masuk?next=%2Fstaf%2Flaporan%2F"+id {
			t.Fatalf("redirect to %q", loc)
		}
		r = cit.post("/masuk", url.Values{"email": {adminEmail}, "password": {testPassword}, "next": {"/staf/laporan/" + id}})
		if r.Header.Get("Location") != "/staf/laporan/"+id {
			t.Errorf("after login: %q", r.Header.Get("Location"))
		}
		for _, c := range r.Cookies() {
			if c.Name == staffCookie && (!c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/") {
				t.Errorf("session cookie %+v", c)
			}
		}
		// An outside "next" is ignored.
		r = e.browser(t).post("/masuk", url.Values{"email": {adminEmail}, "password": {testPassword}, "next": {"//evil.example/staf"}})
		if r.Header.Get("Location") != "/staf" {
			t.Errorf("open redirect: %q", r.Header.Get("Location"))
		}
		// Wrong password: the e-mail stays, the password does not.
		r = e.browser(t).post("/masuk", url.Values{"email": {adminEmail}, "password": {"salah"}})
		mustStatus(t, r, http.StatusUnauthorized)
		if r.Doc.Find("#email").AttrOr("value", "") != adminEmail || r.Doc.Find("#password").AttrOr("value", "") != "" {
			t.Error("login form must keep the e-mail and drop the password")
		}
		off := e.browser(t)
		off.login(dinkesEmail)
		for _, p := range []string{"/staf/admin/instansi", "/staf/admin/kategori", "/staf/admin/pengguna", "/staf/admin/wilayah", "/staf/antrean"} {
			if r := off.get(p); r.StatusCode != http.StatusForbidden {
				t.Errorf("officer GET %s: %d", p, r.StatusCode)
			}
		}
		// An officer does not see a report of another unit (or one not routed).
		if r := off.get("/staf/laporan/" + id); r.StatusCode != http.StatusNotFound {
			t.Errorf("officer sees an unrouted report: %d", r.StatusCode)
		}
		// The supervisor reads but cannot act.
		sup := e.browser(t)
		sup.login(supervisorEmail)
		r = sup.get("/staf/laporan/" + id)
		mustStatus(t, r, http.StatusOK)
		if r.Doc.Find("main form").Length() != 0 || !strings.Contains(text(r), i18n.T(i18n.ID, "web.report.read_only")) {
			t.Error("the supervisor's view has forms")
		}
		if r := sup.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}); r.StatusCode != http.StatusForbidden {
			t.Errorf("supervisor action: %d", r.StatusCode)
		}
		// Logout ends the session on the server.
		adm := e.browser(t)
		adm.login(adminEmail)
		mustStatus(t, adm.post("/keluar", nil), http.StatusSeeOther)
		if r := adm.get("/staf/antrean"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("still in after logout: %d", r.StatusCode)
		}
	})
}

func TestLanguageChoice(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		b := e.browser(t)
		checkPage(t, b.get("/"), i18n.ID)
		b.header.Set("Accept-Language", "en-US,en;q=0.8")
		r := b.get("/")
		checkPage(t, r, i18n.EN)
		if r.Doc.Find("a.lang").AttrOr("href", "") != "/?lang=id" {
			t.Errorf("switch link %q", r.Doc.Find("a.lang").AttrOr("href", ""))
		}
		r = b.get("/lapor?lang=id")
		checkPage(t, r, i18n.ID)
		// The choice is remembered over Accept-Language.
		checkPage(t, b.get("/lacak"), i18n.ID)
		if !strings.Contains(b.get("/lacak?lang=en").Body, "Track a report") {
			t.Error("no English after ?lang=en")
		}
		checkPage(t, b.get("/masuk"), i18n.EN)
	})
}

func TestStaticAssets(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		r := e.browser(t).get("/")
		href := r.Doc.Find(`link[rel=stylesheet]`).AttrOr("href", "")
		if !regexp.MustCompile(`^/static/app\.[0-9a-f]{10}\.css$`).MatchString(href) {
			t.Fatalf("stylesheet at %q, want a content-hashed name", href)
		}
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+href, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
			t.Errorf("Cache-Control %q", cc)
		}
		if res.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
			t.Errorf("headers %v", res.Header)
		}
		if r := e.browser(t).get("/static/app.css"); r.StatusCode != http.StatusNotFound {
			t.Errorf("unhashed asset: %d", r.StatusCode)
		}
		// Pages are never cached and carry the security headers.
		r = e.browser(t).get("/lapor")
		if r.Header.Get("Cache-Control") != "no-store" || r.Header.Get("Content-Security-Policy") == "" || r.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("page headers %v", r.Header)
		}
	})
}

func TestAdminSettings(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		adm := e.browser(t)
		adm.login(adminEmail)
		r := adm.post("/staf/admin/instansi", url.Values{"code": {"dpupr-air"}, "name": {"Bidang Sumber Daya Air"}, "parent": {"dpupr"}})
		mustStatus(t, r, http.StatusSeeOther)
		r = adm.follow(r)
		if !strings.Contains(text(r), i18n.T(i18n.ID, "web.flash.unit_added")) ||
			r.Doc.Find(`.tree li:contains("Dinas Pekerjaan Umum") li:contains("Bidang Sumber Daya Air")`).Length() == 0 {
			t.Errorf("unit tree: %s", text(r))
		}
		r = adm.post("/staf/admin/instansi", url.Values{"code": {"dpupr"}, "name": {"Lagi"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#code-err").Length() != 1 || r.Doc.Find("#name").AttrOr("value", "") != "Lagi" {
			t.Errorf("duplicate code: %s", text(r))
		}
		// Categories: the built-in list, then a file.
		r = adm.post("/staf/admin/kategori", url.Values{"source": {"default"}})
		mustStatus(t, r, http.StatusSeeOther)
		r = adm.follow(r)
		if !strings.Contains(text(r), i18n.T(i18n.ID, "web.flash.imported", catalog.Count(defaultCategories()))) {
			t.Errorf("import: %s", text(r))
		}
		r = adm.postMultipart("/staf/admin/kategori", url.Values{"source": {"file"}},
			sentFile{"file", "kategori.json", []byte(`{"KEBERSIHAN": ["SAMPAH", "SALURAN AIR"]}`)})
		mustStatus(t, r, http.StatusSeeOther)
		if r := adm.follow(r); !strings.Contains(r.Body, "Kebersihan") {
			t.Errorf("file import: %s", text(r))
		}
		r = adm.postMultipart("/staf/admin/kategori", url.Values{"source": {"file"}}, sentFile{"file", "x.json", []byte(`[1,2]`)})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#file-err").Length() != 1 {
			t.Errorf("bad file: %s", text(r))
		}
		// Staff accounts.
		r = adm.post("/staf/admin/pengguna", url.Values{"email": {"baru@bontang.go.id"}, "name": {"Petugas Baru"}, "role": {"officer"},
			"password": {"kata-sandi-petugas-baru"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#unit-err").Length() != 1 || r.Doc.Find("#email").AttrOr("value", "") != "baru@bontang.go.id" ||
			r.Doc.Find("#password").AttrOr("value", "") != "" {
			t.Errorf("officer without unit: %s", text(r))
		}
		r = adm.post("/staf/admin/pengguna", url.Values{"email": {"baru@bontang.go.id"}, "name": {"Petugas Baru"}, "role": {"officer"},
			"unit": {"dinkes"}, "password": {"kata-sandi-petugas-baru"}})
		mustStatus(t, r, http.StatusSeeOther)
		if r := adm.follow(r); !strings.Contains(text(r), "baru@bontang.go.id") {
			t.Errorf("new user not listed: %s", text(r))
		}
		if r := e.browser(t).post("/masuk", url.Values{"email": {"baru@bontang.go.id"}, "password": {"kata-sandi-petugas-baru"}}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("the new officer cannot log in: %d", r.StatusCode)
		}
	})
}

func staffViewer(t *testing.T, e *env, email string) service.Viewer {
	u, err := e.st.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return service.Viewer{User: &u}
}

func serviceQuery() service.InboxQuery { return service.InboxQuery{} }

// allStaffActions is a view offering every staff action, for the key check.
func allStaffActions() *service.ReportView {
	return &service.ReportView{Actions: []domain.Action{domain.ActionVerify, domain.ActionHold, domain.ActionArchive,
		domain.ActionReroute, domain.ActionSetConfidential, domain.ActionEditTitle, domain.ActionSetCategory, domain.ActionFollowUp,
		domain.ActionForward, domain.ActionReturn, domain.ActionNote}}
}

func TestTitleEditKeepsTheOriginal(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		id, _ := cit.fileReport(url.Values{"title": {"jalan rusak!!! 081234567890 tolong"}})
		adm := e.browser(t)
		adm.login(adminEmail)
		r := adm.act(id, url.Values{"action": {"edit_title"}, "title": {"Jalan rusak di Jl. Ahmad Yani"}})
		mustStatus(t, r, http.StatusSeeOther)
		r = adm.follow(r)
		if r.Doc.Find("h1").Text() != "Jalan rusak di Jl. Ahmad Yani" || !strings.Contains(r.Doc.Find(".timeline").Text(), "jalan rusak!!! 081234567890 tolong") {
			t.Errorf("staff timeline must keep the original title: %s", text(r))
		}
		if !strings.Contains(r.Doc.Find(".timeline").Text(), i18n.T(i18n.ID, "web.event.title_edited_to", "Jalan rusak di Jl. Ahmad Yani")) {
			t.Errorf("staff timeline must name the new title: %s", text(r))
		}
		// Stored as values, not as a message and a reason.
		evs := e.events(t, id)
		edit := evs[len(evs)-1]
		if edit.Type != domain.EventTitleEdited || edit.Message != "" || edit.Reason != "" ||
			edit.Params[domain.ParamOldTitle] != "jalan rusak!!! 081234567890 tolong" || edit.Params[domain.ParamNewTitle] != "Jalan rusak di Jl. Ahmad Yani" {
			t.Errorf("title edit stored as %+v", edit)
		}
		mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
		if r := e.browser(t).get("/lacak/" + id); strings.Contains(r.Body, "081234567890") {
			t.Error("the public sees the original title")
		}
	})
}

func TestQueueShowsHowLongReportsWaited(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		old, _ := cit.fileReport(url.Values{"title": {"Laporan lama sekali"}})
		// Wednesday 18 November; due Monday 23 (3 working days); now Tuesday 24.
		e.clock.Advance(6 * 24 * time.Hour)
		fresh, _ := cit.fileReport(url.Values{"title": {"Laporan baru saja"}})
		e.clock.Advance(2 * time.Hour)
		adm := e.browser(t)
		adm.login(adminEmail)
		r := adm.get("/staf/antrean")
		items := r.Doc.Find(".list > li")
		if items.Length() != 2 || !strings.Contains(items.Eq(0).Text(), old) || !strings.Contains(items.Eq(1).Text(), fresh) {
			t.Fatalf("queue is not oldest first: %s", text(r))
		}
		if w := items.Eq(0).Find(".wait").Text(); w != i18n.T(i18n.ID, "web.queue.waiting", i18n.T(i18n.ID, "web.waited.days", 6)) {
			t.Errorf("old report waited %q", w)
		}
		if w := items.Eq(1).Find(".wait").Text(); w != i18n.T(i18n.ID, "web.queue.waiting", i18n.T(i18n.ID, "web.waited.hours", 2)) {
			t.Errorf("new report waited %q", w)
		}
		if !items.Eq(0).HasClass("overdue") || items.Eq(1).HasClass("overdue") {
			t.Error("only the old report is overdue (3 working days)")
		}
	})
}

// TestCatalogueKeys: every key a template or this package names exists in
// both catalogues, including the keys built from domain values.
func TestCatalogueKeys(t *testing.T) {
	literal := regexp.MustCompile(`\bt "([a-z0-9_.]+)"`)
	goKey := regexp.MustCompile(`"(web\.[a-z0-9_]+(?:\.[a-z0-9_]+)+)"`)
	var keys []string
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := fs.ReadFile(templateFS, p)
		for _, m := range literal.FindAllStringSubmatch(string(data), -1) {
			keys = append(keys, m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, _ := os.ReadFile(f)
		for _, m := range goKey.FindAllStringSubmatch(string(data), -1) {
			keys = append(keys, m[1])
		}
	}
	if len(keys) < 150 {
		t.Fatalf("found only %d keys; the scan is broken", len(keys))
	}
	// Keys made from values.
	add := func(prefix string, vals ...string) {
		for _, v := range vals {
			keys = append(keys, prefix+v)
		}
	}
	for _, s := range domain.Statuses {
		add("web.status.", string(s))
	}
	for _, k := range domain.Kinds {
		add("web.kind.", string(k))
		add("web.kind_desc.", string(k))
	}
	for _, r := range append(domain.StaffRoles, domain.RoleReporter, domain.RoleSystem) {
		add("web.role.", string(r))
	}
	for _, r := range domain.ArchiveReasons {
		add("web.reason.", string(r))
	}
	// The domain's lists, which its own test keeps in step with its
	// constants: a new channel, action or event type needs its words here.
	for _, c := range domain.Channels() {
		add("web.channel.", string(c))
	}
	for _, a := range domain.Actions() {
		add("web.action.", string(a))
		add("web.flash.", string(a))
	}
	for _, f := range formsFor(allStaffActions()) {
		add("web.report.help.", f.Action)
		add("web.report.msg.", f.Action)
		add("web.report.submit.", f.Action)
	}
	for _, a := range reporterTextActions {
		add("web.track."+a, "_title", "_text", "_submit")
	}
	for _, ev := range domain.EventTypes() {
		add("web.event.", string(ev))
	}
	for _, tab := range inboxTabs {
		add("web.inbox.tab.", tab.name)
	}
	for i := 1; i <= 5; i++ {
		add("web.step.", string(rune('0'+i)), string(rune('0'+i))+".desc")
	}
	for i := 1; i <= 12; i++ {
		keys = append(keys, monthKeys[i])
	}
	for _, label := range fieldLabels {
		keys = append(keys, label)
	}
	for _, k := range keys {
		for _, l := range i18n.Langs {
			if !i18n.Has(l, k) {
				t.Errorf("key %q is missing from the %s catalogue", k, l)
			}
		}
	}
	// Both languages take the same arguments in the same order.
	verbs := regexp.MustCompile(`%[sdv]`)
	for _, k := range i18n.Keys(i18n.ID) {
		if !strings.HasPrefix(k, "web.") {
			continue
		}
		a := strings.Join(verbs.FindAllString(i18n.T(i18n.ID, k), -1), "")
		b := strings.Join(verbs.FindAllString(i18n.T(i18n.EN, k), -1), "")
		if a != b {
			t.Errorf("%s: arguments %q in Indonesian but %q in English", k, a, b)
		}
	}
}
