package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// Issue 10, item 22: the deadline settings per kind and category, the
// holiday calendar and the map tiles have admin pages; supervisors read.

func TestAdminDeadlinesPage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		admin := e.browser(t)
		admin.login(adminEmail)
		r := admin.get("/staf/admin/tenggat?lang=id")
		mustStatus(t, r, http.StatusOK)
		if r.Doc.Find(`.tabs a[href="/staf/admin/tenggat"][aria-current]`).Length() != 1 {
			t.Error("the deadlines tab is not in the settings navigation")
		}
		if v := r.Doc.Find("#verify_days").AttrOr("value", ""); v != "3" {
			t.Errorf("verification days %q, want 3", v)
		}
		if v := r.Doc.Find("#kinds-information_request-follow_up_days").AttrOr("value", ""); v != "10" {
			t.Errorf("information requests' follow-up %q, want the PPID's 10", v)
		}
		if r.Doc.Find(`select[name=new_category] option[value="infrastruktur-jalan"]`).Length() != 1 {
			t.Error("no category to add an override for")
		}
		form := url.Values{"verify_days": {"4"}, "follow_up_days": {"5"}, "auto_complete_days": {"10"}, "hold_days": {"30"},
			"completion_days": {"60"}, "kinds.information_request.follow_up_days": {"10"}, "kinds.complaint.follow_up_days": {"7"},
			"new_category": {"infrastruktur-jalan"}, "new.follow_up_days": {"14"}, "supervising_office": {"Inspektorat Daerah Kota Bontang"},
			"grades.good": {"85,5"}, "grades.fair": {"50"}}
		r = admin.post("/staf/admin/tenggat", form)
		mustStatus(t, r, http.StatusSeeOther)
		r = admin.follow(r)
		if !strings.Contains(r.Doc.Find(".flash").Text(), "Batas waktu disimpan") {
			t.Errorf("no notice after saving: %s", text(r))
		}
		set, err := e.svc.SettingsOf(t.Context(), service.Operator)
		if err != nil {
			t.Fatal(err)
		}
		if got := set.For(domain.KindComplaint, "infrastruktur-jalan"); got.Verify != 4 || got.FollowUp != 14 {
			t.Errorf("stored %+v", got)
		}
		if got := set.For(domain.KindComplaint, ""); got.FollowUp != 7 || set.Grades.Good != 85.5 || set.SupervisingOffice != "Inspektorat Daerah Kota Bontang" {
			t.Errorf("stored %+v, grades %+v, office %q", got, set.Grades, set.SupervisingOffice)
		}
		if v := r.Doc.Find("#categories-infrastruktur-jalan-follow_up_days").AttrOr("value", ""); v != "14" {
			t.Errorf("the category row shows %q, want 14", v)
		}
		if v := r.Doc.Find("#grades-good").AttrOr("value", ""); v != "85,5" {
			t.Errorf("the threshold is shown as %q, want 85,5", v)
		}

		// Mistakes: shown next to the box, named in words at the top, what
		// was typed kept, nothing stored.
		form.Del("new_category")
		form.Set("category", "infrastruktur-jalan")
		form.Set("categories.infrastruktur-jalan.follow_up_days", "0")
		form.Set("kinds.complaint.follow_up_days", "tujuh")
		r = admin.post("/staf/admin/tenggat", form)
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if v := r.Doc.Find("#kinds-complaint-follow_up_days").AttrOr("value", ""); v != "tujuh" {
			t.Errorf("the typed value is not kept: %q", v)
		}
		summary := r.Doc.Find("#problems").Text()
		if !strings.Contains(summary, "Pengaduan: Tindak lanjut") || strings.Contains(summary, "kinds.") {
			t.Errorf("the summary does not name the box in words: %q", summary)
		}
		r = admin.post("/staf/admin/tenggat", url.Values{"verify_days": {"4"}, "follow_up_days": {"5"}, "auto_complete_days": {"10"},
			"hold_days": {"30"}, "completion_days": {"60"}, "category": {"infrastruktur-jalan"},
			"categories.infrastruktur-jalan.follow_up_days": {"0"}, "supervising_office": {"Inspektorat"}, "grades.good": {"80"}, "grades.fair": {"50"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if s := r.Doc.Find("#problems").Text(); !strings.Contains(s, "Jalan Rusak: Tindak lanjut") {
			t.Errorf("the summary does not name the category: %q", s)
		}
		if r.Doc.Find("#categories-infrastruktur-jalan-follow_up_days[aria-invalid=true]").Length() != 1 {
			t.Error("the faulty box is not marked")
		}
		if set, _ := e.svc.SettingsOf(t.Context(), service.Operator); set.For(domain.KindComplaint, "").FollowUp != 7 {
			t.Error("a refused form changed the settings")
		}

		// Supervisors read; officers do not even read.
		sup := e.browser(t)
		sup.login(supervisorEmail)
		r = sup.get("/staf/admin/tenggat?lang=id")
		mustStatus(t, r, http.StatusOK)
		if r.Doc.Find("#deadlines-form input, #deadlines-form button").Length() != 0 {
			t.Error("a supervisor gets the form's boxes")
		}
		if r.Doc.Find(`.top nav a[href="/staf/admin/tenggat"]`).Length() != 1 {
			t.Error("a supervisor has no settings link")
		}
		if r.Doc.Find(`.tabs a[href="/staf/admin/instansi"]`).Length() != 0 {
			t.Error("a supervisor is offered the admin-only tabs")
		}
		mustStatus(t, sup.post("/staf/admin/tenggat", form), http.StatusForbidden)
		off := e.browser(t)
		off.login(officerEmail)
		mustStatus(t, off.get("/staf/admin/tenggat"), http.StatusForbidden)
	})
}

func TestAdminCalendarPage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		admin := e.browser(t)
		admin.login(adminEmail)
		r := admin.get("/staf/admin/kalender?tahun=2026&lang=id")
		mustStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Doc.Find("#holidays").Text(), "Tahun Baru") {
			t.Errorf("the official 2026 list is not shown: %s", text(r))
		}
		r = admin.post("/staf/admin/kalender", url.Values{"tahun": {"2026"}, "date": {"2026-09-12"}, "kind": {"libur_daerah"}, "name": {"Hari Jadi Kota Bontang"}})
		mustStatus(t, r, http.StatusSeeOther)
		r = admin.follow(r)
		if !strings.Contains(r.Doc.Find("#holidays").Text(), "Hari Jadi Kota Bontang") || !strings.Contains(r.Doc.Find(".flash").Text(), "ditambahkan") {
			t.Errorf("the added holiday is not listed: %s", text(r))
		}
		r = admin.post("/staf/admin/kalender", url.Values{"tahun": {"2026"}, "date": {"12-09-2026"}, "kind": {"libur_daerah"}, "name": {"Hari Jadi"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#add-date").AttrOr("value", "") != "12-09-2026" || r.Doc.Find("#add-name").AttrOr("value", "") != "Hari Jadi" {
			t.Error("the add form lost what was typed")
		}
		if r.Doc.Find(`#problems a[href="#add-date"]`).Length() != 1 {
			t.Errorf("the summary does not link to the date box: %s", text(r))
		}
		r = admin.post("/staf/admin/kalender/2026-09-12/hapus", url.Values{})
		mustStatus(t, r, http.StatusSeeOther)
		if r = admin.follow(r); strings.Contains(r.Doc.Find("#holidays").Text(), "Hari Jadi Kota Bontang") {
			t.Error("the removed holiday is still listed")
		}

		csv := "date,kind,name\n2027-01-01,libur_nasional,Tahun Baru 2027\n2027-09-12,libur_daerah,Hari Jadi Kota\n"
		r = admin.postMultipart("/staf/admin/kalender/impor", url.Values{"tahun": {"2026"}, "format": {"auto"}}, sentFile{"file", "libur.csv", []byte(csv)})
		mustStatus(t, r, http.StatusSeeOther)
		r = admin.follow(r)
		if !strings.Contains(r.Doc.Find("#holidays").Text(), "Hari Jadi Kota") || !strings.Contains(r.Doc.Find(".flash").Text(), "2 hari libur diimpor") {
			t.Errorf("the import did not land in 2027: %s", text(r))
		}
		ical := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20271225\r\nSUMMARY:Natal\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		r = admin.postMultipart("/staf/admin/kalender/impor", url.Values{"format": {"ical"}}, sentFile{"file", "libur.ics", []byte(ical)})
		mustStatus(t, r, http.StatusSeeOther)
		if r = admin.follow(r); !strings.Contains(r.Doc.Find("#holidays").Text(), "Natal") {
			t.Errorf("the iCalendar import is not listed: %s", text(r))
		}
		r = admin.postMultipart("/staf/admin/kalender/impor", url.Values{"tahun": {"2027"}}, sentFile{"file", "libur.csv", []byte("date,kind,name\n2027-13-01,libur_nasional,Salah\n")})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if s := r.Doc.Find("#problems").Text(); !strings.Contains(s, "Baris 2") || r.Doc.Find(`#problems a[href="#import-file"]`).Length() == 0 {
			t.Errorf("the import's problem is not named by its line: %q", s)
		}

		sup := e.browser(t)
		sup.login(supervisorEmail)
		r = sup.get("/staf/admin/kalender?tahun=2027")
		mustStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Doc.Find("#holidays").Text(), "Natal") || r.Doc.Find("main form").Length() != 0 {
			t.Error("a supervisor should read the calendar without its forms")
		}
		mustStatus(t, sup.post("/staf/admin/kalender/2027-12-25/hapus", url.Values{}), http.StatusForbidden)
		mustStatus(t, admin.get("/staf/admin/kalender?tahun=1900"), http.StatusUnprocessableEntity)
	})
}

// Issue 10, item 7: the map's tile server is an admin setting; the serve
// setting is the default.
func TestAdminMapSetting(t *testing.T) {
	e := newEnv(t, envOptions{web: Options{TileURL: "https://default.example.org/{z}/{x}/{y}.png", TileAttribution: "© Bawaan"}})
	cit := e.browser(t)
	if got := cit.get("/lapor").Doc.Find("#map").AttrOr("data-tiles", ""); got != "https://default.example.org/{z}/{x}/{y}.png" {
		t.Errorf("the form's map uses %q, want the serve setting", got)
	}
	admin := e.browser(t)
	admin.login(adminEmail)
	r := admin.get("/staf/admin/peta?lang=id")
	mustStatus(t, r, http.StatusOK)
	if r.Doc.Find("#tile_url").AttrOr("value", "") != "https://default.example.org/{z}/{x}/{y}.png" {
		t.Error("the page does not show the tiles in use")
	}
	r = admin.post("/staf/admin/peta", url.Values{"tile_url": {"tile.kota.go.id/{z}/{x}.png"}, "tile_attribution": {"© Pemkot"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	if r.Doc.Find("#tile_url").AttrOr("value", "") != "tile.kota.go.id/{z}/{x}.png" || !strings.Contains(r.Doc.Find("#problems").Text(), "Alamat ubin peta") {
		t.Errorf("refused tile URL: %s", text(r))
	}
	r = admin.post("/staf/admin/peta", url.Values{"tile_url": {"http://tile.kota.go.id/{z}/{x}/{y}.png"}, "tile_attribution": {"© Pemkot Bontang"}})
	mustStatus(t, r, http.StatusSeeOther)
	r = cit.get("/lapor")
	m := r.Doc.Find("#map")
	if m.AttrOr("data-tiles", "") != "http://tile.kota.go.id/{z}/{x}/{y}.png" || m.AttrOr("data-attr", "") != "© Pemkot Bontang" {
		t.Errorf("the form's map: %q %q", m.AttrOr("data-tiles", ""), m.AttrOr("data-attr", ""))
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data: https: http://tile.kota.go.id") {
		t.Errorf("the tiles' origin is not allowed: %s", csp)
	}
	mustStatus(t, admin.post("/staf/admin/peta", url.Values{"tile_url": {""}}), http.StatusSeeOther)
	if cit.get("/lapor").Doc.Find("#map").Length() != 0 {
		t.Error("an empty tile URL should turn the map off")
	}
	mustStatus(t, admin.post("/staf/admin/peta", url.Values{"reset": {"1"}}), http.StatusSeeOther)
	if got := cit.get("/lapor").Doc.Find("#map").AttrOr("data-tiles", ""); !strings.HasPrefix(got, "https://default.example.org/") {
		t.Errorf("after a reset the map uses %q", got)
	}
	sup := e.browser(t)
	sup.login(supervisorEmail)
	mustStatus(t, sup.get("/staf/admin/peta"), http.StatusForbidden)
}

// An admin names the main PPID's unit on the units page; an unknown unit
// is a 422 beside the select; officers cannot.
func TestAdminSetsMainPPID(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		adm := e.browser(t)
		adm.login(adminEmail)
		r := adm.follow(adm.post("/staf/admin/ppid-utama?lang=en", url.Values{"unit": {"dinkes"}}))
		if _, ok := r.Doc.Find(`#main-ppid-unit option[value="dinkes"]`).Attr("selected"); !ok ||
			!strings.Contains(text(r), i18n.T(i18n.EN, "web.flash.main_ppid_saved")) {
			t.Errorf("after saving: %s", text(r))
		}
		if got, err := e.svc.MainPPIDUnit(context.Background(), service.Operator); err != nil || got != "dinkes" {
			t.Errorf("main PPID %q %v", got, err)
		}
		r = adm.post("/staf/admin/ppid-utama?lang=en", url.Values{"unit": {"tidak-ada"}})
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Doc.Find("#main-ppid-unit-err").Text(), i18n.T(i18n.EN, "field.unit.unknown")) {
			t.Errorf("an unknown unit: %d %s", r.StatusCode, text(r))
		}
		off := e.browser(t)
		off.login(officerEmail)
		if r := off.post("/staf/admin/ppid-utama", url.Values{"unit": {""}}); r.StatusCode < 400 {
			t.Errorf("an officer changed the main PPID: %d", r.StatusCode)
		}
		if got, _ := e.svc.MainPPIDUnit(context.Background(), service.Operator); got != "dinkes" {
			t.Errorf("the main PPID changed to %q", got)
		}
	})
}
