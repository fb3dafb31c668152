package web

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/i18n"
)

// TestOpenData (issue 12): every public report as CSV and GeoJSON with its
// dates, location and supports; a confidential, an unverified and an
// anonymous reporter's identity, the report's text and an internal note
// never appear; the dictionary page explains every field in both
// languages.
func TestOpenData(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		anon, _ := cit.fileReport(url.Values{"anonymous": {"1"}, "reporter.name": {"Rahmat Hidayat"}, "reporter.phone": {"081255551234"},
			"location.address": {"Jl. Pahlawan, hubungi 0812 5555 1234"}, "location.lat": {"0.1337"}, "location.lon": {"117.4994"}})
		named, _ := cit.fileReport(url.Values{"reporter.name": {"Dewi Lestari"}, "show_name": {"1"}})
		secret, _ := cit.fileReport(url.Values{"confidential": {"1"}, "title": {"Pungutan liar di kelurahan"}})
		fresh, _ := cit.fileReport(url.Values{"title": {"Belum diperiksa admin"}})
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, id := range []string{anon, named, secret} {
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}, "note": {"Catatan internal rahasia petugas"}}), http.StatusSeeOther)
		}
		off := e.browser(t)
		off.login(officerEmail)
		mustStatus(t, off.act(anon, url.Values{"action": {"follow_up"}, "message": {"Sudah kami perbaiki."}}), http.StatusSeeOther)

		r := cit.get("/open-data/reports.csv")
		mustStatus(t, r, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("content type %q", ct)
		}
		rows, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], openDataFields) || len(rows) != 3 {
			t.Fatalf("header %v and %d rows:\n%s", rows[0], len(rows)-1, r.Body)
		}
		col := func(row []string, name string) string { return row[slices.Index(openDataFields, name)] }
		got := map[string][]string{}
		for _, row := range rows[1:] {
			got[col(row, "tracking_id")] = row
		}
		a, ok := got[anon]
		if !ok || got[named] == nil {
			t.Fatalf("the public reports are not both there: %v", got)
		}
		if col(a, "status") != "followed_up" || col(a, "unit_code") != "dpupr" || col(a, "category_code") != "infrastruktur-jalan" ||
			col(a, "routed_at") == "" || col(a, "first_follow_up_at") == "" || col(a, "completed_at") != "" ||
			col(a, "lat") != "0.1337" || col(a, "kecamatan") != "Bontang Utara" || !strings.HasSuffix(col(a, "url"), "/laporan/"+anon) {
			t.Errorf("the anonymous report's row: %v", a)
		}
		if col(got[named], "first_follow_up_at") != "" {
			t.Errorf("a follow-up date on a report never followed up")
		}
		for _, leak := range []string{"Rahmat", "Dewi", "0812", "5555", secret, fresh, "Catatan internal", "Lubang besar", "Pungutan"} {
			if strings.Contains(r.Body, leak) {
				t.Errorf("the CSV carries %q", leak)
			}
		}

		g := cit.get("/open-data/reports.geojson")
		mustStatus(t, g, http.StatusOK)
		var fc struct {
			Type     string
			Features []struct {
				ID       string
				Geometry *struct {
					Type        string
					Coordinates []float64
				}
				Properties map[string]any
			}
		}
		if err := json.Unmarshal([]byte(g.Body), &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
			t.Fatalf("GeoJSON: %v %s", err, g.Body)
		}
		for _, f := range fc.Features {
			switch f.ID {
			case anon:
				if f.Geometry == nil || f.Geometry.Type != "Point" || f.Geometry.Coordinates[0] != 117.4994 || f.Properties["status"] != "followed_up" {
					t.Errorf("the anonymous report's feature: %+v", f)
				}
			case named:
				if f.Geometry != nil {
					t.Errorf("a report without coordinates has a geometry: %+v", f.Geometry)
				}
			default:
				t.Errorf("an unexpected feature %s", f.ID)
			}
		}
		for _, leak := range []string{"Rahmat", "Dewi", "0812", secret, fresh, "Catatan internal"} {
			if strings.Contains(g.Body, leak) {
				t.Errorf("the GeoJSON carries %q", leak)
			}
		}

		for _, lang := range i18n.Langs {
			r := cit.get("/open-data?lang=" + string(lang))
			mustStatus(t, r, http.StatusOK)
			for _, f := range openDataFields {
				if !strings.Contains(r.Doc.Find("main").Text(), i18n.T(lang, "web.opendata.field."+f)) {
					t.Errorf("%s: the dictionary does not explain %s", lang, f)
				}
			}
			if !strings.Contains(r.Doc.Find("main").Text(), OpenDataLicence) {
				t.Errorf("%s: no licence", lang)
			}
		}
	})
}
