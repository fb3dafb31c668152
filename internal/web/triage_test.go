package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// The admin's page of a report awaiting verification shows the three
// likeliest units and categories, best first, each one click from being
// chosen; an officer's page shows none.
func TestSuggestionsOnTheReportPage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		ctx := context.Background()
		citizen := e.browser(t)
		admin := e.browser(t)
		admin.login(adminEmail)
		if err := e.svc.SetUnitKeywords(ctx, service.Operator, "dinkes", "puskesmas, obat, dokter"); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			id, _ := citizen.fileReport(url.Values{"category": {""}})
			mustStatus(t, admin.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr-jalan"}}), http.StatusSeeOther)
			mustStatus(t, admin.act(id, url.Values{"action": {"set_category"}, "category": {"infrastruktur-jalan"}}), http.StatusSeeOther)
		}
		if err := e.svc.RefreshTriage(ctx, service.Operator); err != nil {
			t.Fatal(err)
		}
		id, _ := citizen.fileReport(url.Values{"title": {"Jln rusak berlubang dekat pasar"}, "body": {"lubangnya dalam bgt, motor jatuh"},
			"category": {"lainnya"}})
		page := admin.get("/staf/laporan/" + id)
		mustStatus(t, page, http.StatusOK)
		box := page.Doc.Find("#suggestions")
		if box.Length() != 1 {
			t.Fatalf("no suggestions: %s", text(page))
		}
		var units, cats []string
		box.Find("form").Each(func(_ int, f *goquery.Selection) {
			action := f.Find("input[name=action]").AttrOr("value", "")
			switch action {
			case "verify":
				units = append(units, f.Find("input[name=unit]").AttrOr("value", ""))
			case "set_category":
				cats = append(cats, f.Find("input[name=category]").AttrOr("value", ""))
			default:
				t.Errorf("a suggestion form of action %q", action)
			}
		})
		if len(units) != 3 || units[0] != "dpupr-jalan" || len(cats) == 0 || cats[0] != "infrastruktur-jalan" {
			t.Fatalf("units %v, categories %v: %s", units, cats, box.Text())
		}
		if !strings.Contains(box.Text(), "Bidang Jalan dan Jembatan") || !strings.Contains(box.Text(), "keyakinan") {
			t.Errorf("suggestions text: %s", box.Text())
		}

		// One click on the first: verified and routed there.
		mustStatus(t, admin.post("/staf/laporan/"+id+"/aksi", url.Values{"action": {"verify"}, "unit": {units[0]}}), http.StatusSeeOther)
		mustStatus(t, admin.post("/staf/laporan/"+id+"/aksi", url.Values{"action": {"set_category"}, "category": {cats[0]}}), http.StatusSeeOther)
		rv, err := e.svc.Report(ctx, id, service.Operator)
		if err != nil {
			t.Fatal(err)
		}
		if rv.Report.Status != domain.StatusDispositioned || rv.Unit.Code != "dpupr-jalan" || rv.Category.Code != "infrastruktur-jalan" {
			t.Fatalf("after the clicks: %s %+v %+v", rv.Report.Status, rv.Unit, rv.Category)
		}
		// Routed: the page offers a reroute to the others, never to the unit it is at.
		page = admin.get("/staf/laporan/" + id)
		page.Doc.Find("#suggestions input[name=unit]").Each(func(_ int, s *goquery.Selection) {
			if s.AttrOr("value", "") == "dpupr-jalan" {
				t.Errorf("a reroute to the unit it is at is offered")
			}
		})
		if page.Doc.Find("#suggestions input[name=action][value=reroute]").Length() == 0 {
			t.Errorf("no reroute suggestions: %s", page.Doc.Find("#suggestions").Text())
		}

		officer := e.browser(t)
		officer.login(officerEmail)
		if p := officer.get("/staf/laporan/" + id); p.Doc.Find("#suggestions").Length() != 0 {
			t.Errorf("an officer sees suggestions")
		}
	})
}

// An admin sets a unit's keywords on the units page; they are shown in the
// tree and in the unit's edit form; too long a list changes nothing.
func TestUnitKeywordsOnTheUnitsPage(t *testing.T) {
	e := newEnv(t, envOptions{})
	admin := e.browser(t)
	admin.login(adminEmail)
	r := admin.post("/staf/admin/instansi/dinkes", url.Values{"name": {"Dinas Kesehatan"}, "parent": {""},
		"keywords": {"puskesmas, obat ,, dokter"}})
	mustStatus(t, r, http.StatusSeeOther)
	page := admin.get("/staf/admin/instansi")
	mustStatus(t, page, http.StatusOK)
	if got := page.Doc.Find("#unit-dinkes-keywords").AttrOr("value", ""); got != "puskesmas, obat, dokter" {
		t.Fatalf("keywords field %q", got)
	}
	if !strings.Contains(page.Doc.Find("#unit-dinkes .keywords").First().Text(), "puskesmas, obat, dokter") {
		t.Errorf("keywords not shown in the tree")
	}
	r = admin.post("/staf/admin/instansi/dinkes", url.Values{"name": {"Dinas Kesehatan Baru"}, "parent": {""},
		"keywords": {strings.Repeat("obat", 600)}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	if r.Doc.Find("#unit-dinkes-keywords-err").Length() != 1 {
		t.Errorf("no error on the keywords field: %s", text(r))
	}
	kw, err := e.svc.UnitKeywords(context.Background(), service.Operator)
	if err != nil || kw["dinkes"] != "puskesmas, obat, dokter" {
		t.Fatalf("keywords %v %v", kw, err)
	}
	units, _ := e.svc.Units(context.Background(), service.Operator)
	for _, u := range units {
		if u.Code == "dinkes" && u.Name != "Dinas Kesehatan" {
			t.Errorf("the refused edit renamed the unit: %q", u.Name)
		}
	}
}

// Without JavaScript, a report like an open public one stops at a
// confirmation step after the first submit: the likely duplicates with
// "Dukung laporan ini", and the form, filled in, to send anyway. The
// admin's page of the new report lists the original; one click marks the
// duplicate, and both timelines link to each other.
func TestDuplicatesOnTheFormAndTheAdminPage(t *testing.T) {
	eachDB(t, envOptions{web: Options{DuplicateStep: true}}, func(t *testing.T, e *env) {
		ctx := context.Background()
		citizen := e.browser(t)
		admin := e.browser(t)
		admin.login(adminEmail)
		near := url.Values{"location.lat": {"0.1333"}, "location.lon": {"117.5"}}
		orig, _ := citizen.fileReport(near)
		mustStatus(t, admin.act(orig, url.Values{"action": {"verify"}, "unit": {"dpupr-jalan"}}), http.StatusSeeOther)
		if err := e.svc.RefreshTriage(ctx, service.Operator); err != nil {
			t.Fatal(err)
		}

		// A different problem files at once.
		other, _ := citizen.fileReport(url.Values{"title": {"Pelayanan puskesmas sangat lambat"},
			"body": {"Antre obat di puskesmas sampai tiga jam, petugasnya sedikit."}, "category": {"kesehatan-puskesmas"}})

		// The same pothole, 40 m away: the confirmation step.
		form := url.Values{"kind": {"complaint"}, "title": {"Jln Ahmad Yani berlubang besar"},
			"body": {"Lubangnya besar di depan SDN 003, pengendara motor sering jatuh."}, "category": {"infrastruktur-jalan"},
			"location.lat": {"0.13365"}, "location.lon": {"117.5"}, "reporter.email": {"warga@example.id"}}
		r := citizen.postMultipart("/lapor", form, sentFile{"attachments", "lubang.jpg", jpegBytes})
		mustStatus(t, r, http.StatusOK)
		box := r.Doc.Find("#duplicates")
		if box.Length() != 1 || box.Find("a[href='/laporan/"+orig+"']").Length() == 0 {
			t.Fatalf("no confirmation step: %s", text(r))
		}
		if box.Find("form[action='/laporan/"+orig+"/dukung'] button").Length() != 1 || box.Find("a[href='/laporan/"+other+"']").Length() != 0 {
			t.Fatalf("duplicates box: %s", box.Text())
		}
		f := r.Doc.Find("#report-form")
		if f.Find("input[name=dup_seen]").AttrOr("value", "") != "1" || f.Find("#title").AttrOr("value", "") != "Jln Ahmad Yani berlubang besar" {
			t.Fatalf("the form is not kept: %s", text(r))
		}
		held := f.Find("input[name=held]").AttrOr("value", "")
		if held == "" || f.Find("input[name=held_keep]").Length() != 1 {
			t.Fatalf("the photo is not held: %s", text(r))
		}
		if strings.TrimSpace(f.Find("#report-submit").Text()) != "Tetap kirim laporan saya" {
			t.Errorf("submit button %q", f.Find("#report-submit").Text())
		}

		// "Dukung laporan ini" backs the original.
		mustStatus(t, citizen.post("/laporan/"+orig+"/dukung", url.Values{}), http.StatusSeeOther)
		// "Tetap kirim" files it, with the held photo.
		form.Set("dup_seen", "1")
		form.Set("held", held)
		form.Set("held_keep", "0")
		r = citizen.postMultipart("/lapor", form)
		mustStatus(t, r, http.StatusSeeOther)
		r = citizen.follow(r)
		dup := strings.TrimSpace(r.Doc.Find("#tracking-id").Text())
		rv, err := e.svc.Report(ctx, dup, service.Operator)
		if err != nil || len(rv.Attachments) != 1 {
			t.Fatalf("filed: %v %+v", err, rv)
		}

		// The admin's page lists the original and marks the duplicate in one click.
		page := admin.get("/staf/laporan/" + dup)
		mustStatus(t, page, http.StatusOK)
		mark := page.Doc.Find("#duplicates form")
		if mark.Length() != 1 || mark.Find("input[name=original]").AttrOr("value", "") != orig {
			t.Fatalf("admin's duplicates: %s", page.Doc.Find("#duplicates").Text())
		}
		if page.Doc.Find("#act-mark_duplicate input[name=original]").Length() != 1 {
			t.Errorf("no mark_duplicate form")
		}
		mustStatus(t, admin.post("/staf/laporan/"+dup+"/aksi", url.Values{"action": {"mark_duplicate"}, "original": {orig}}), http.StatusSeeOther)
		page = admin.get("/staf/laporan/" + dup)
		if page.Doc.Find(".timeline a[href='/staf/laporan/"+orig+"']").Length() != 1 {
			t.Fatalf("no link to the original on the duplicate's timeline: %s", text(page))
		}
		page = admin.get("/staf/laporan/" + orig)
		if page.Doc.Find(".timeline a[href='/staf/laporan/"+dup+"']").Length() != 1 {
			t.Fatalf("no link to the duplicate on the original's timeline: %s", text(page))
		}
		if p := citizen.get("/laporan/" + orig); strings.Contains(p.Body, dup) {
			t.Fatalf("the public page of the original names the duplicate")
		}
		// 1 (the citizen's Dukung) + the duplicate's reporter.
		if rv, _ := e.svc.Report(ctx, orig, service.Operator); rv.Supports != 2 {
			t.Errorf("supports %d", rv.Supports)
		}
		// Bad input on the action: a 4xx, nothing changes.
		r = admin.post("/staf/laporan/"+other+"/aksi", url.Values{"action": {"mark_duplicate"}, "original": {other}})
		if r.StatusCode != http.StatusUnprocessableEntity || r.Doc.Find("#mark_duplicate-original-err").Length() != 1 {
			t.Fatalf("self as original: %d %s", r.StatusCode, text(r))
		}
	})
}

// An admin sets a category's duplicate radius on its page; bad input is a
// 422 and changes nothing.
func TestDuplicateRadiusOnTheCategoryPage(t *testing.T) {
	e := newEnv(t, envOptions{})
	admin := e.browser(t)
	admin.login(adminEmail)
	path := "/staf/admin/kategori/infrastruktur-jalan"
	mustStatus(t, admin.post(path, url.Values{"do": {"radius"}, "radius": {"350"}}), http.StatusSeeOther)
	page := admin.get(path)
	mustStatus(t, page, http.StatusOK)
	if got := page.Doc.Find("#radius").AttrOr("value", ""); got != "350" {
		t.Fatalf("radius field %q", got)
	}
	for _, bad := range []string{"-5", "abc", "99999"} {
		r := admin.post(path, url.Values{"do": {"radius"}, "radius": {bad}})
		if r.StatusCode != http.StatusUnprocessableEntity || r.Doc.Find("#radius-err").Length() != 1 {
			t.Fatalf("radius %q: %d %s", bad, r.StatusCode, text(r))
		}
	}
	radii, err := e.svc.DuplicateRadii(context.Background(), service.Operator)
	if err != nil || radii["infrastruktur-jalan"] != 350 {
		t.Fatalf("radii %v %v", radii, err)
	}
	mustStatus(t, admin.post(path, url.Values{"do": {"radius"}, "radius": {""}}), http.StatusSeeOther)
	if radii, _ := e.svc.DuplicateRadii(context.Background(), service.Operator); len(radii) != 0 {
		t.Fatalf("radius not back to the default: %v", radii)
	}
}
