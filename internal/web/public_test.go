package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/lapor-id/lapor/internal/apptest"
)

// publicListed is the tracking IDs /laporan shows, in its order.
func publicListed(r resp) []string {
	ids := []string{}
	r.Doc.Find("#public-list > li > a[href^='/laporan/']").Each(func(_ int, s *goquery.Selection) {
		ids = append(ids, strings.TrimPrefix(s.AttrOr("href", ""), "/laporan/"))
	})
	return ids
}

// The public list and report page: verified, non-confidential reports
// only; an anonymous reporter never named, a named one only when they
// chose so; phone numbers in the text masked; Dukung counts once per
// browser, and the most supported sort follows it. No JavaScript: plain
// links and forms.
func TestPublicPages(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		anon, _ := cit.fileReport(url.Values{"title": {"Lampu jalan padam di Jl. Pahlawan"}, "anonymous": {"1"},
			"reporter.name": {"Rahmat Hidayat"}, "reporter.email": {"rahmat@example.id"}, "reporter.phone": {"0812 5555 1234"},
			"body": {"Sudah seminggu padam. Hubungi saya di (0812) 5555-1234 atau 0812/5555/1234."}})
		shown, _ := cit.fileReport(url.Values{"title": {"Sampah menumpuk di pasar"}, "reporter.name": {"Dewi Lestari"}, "show_name": {"1"}})
		hidden, _ := cit.fileReport(url.Values{"title": {"Drainase tersumbat"}, "reporter.name": {"Sari Wulandari"}})
		secret, _ := cit.fileReport(url.Values{"title": {"Pungutan liar di kantor kelurahan"}, "confidential": {"1"}})
		fresh, _ := cit.fileReport(url.Values{"title": {"Belum diperiksa admin"}})
		adm := e.browser(t)
		adm.login(adminEmail)
		for _, id := range []string{anon, shown, hidden, secret} {
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
		}

		for _, lang := range []string{"id", "en"} {
			pub := e.browser(t)
			list := pub.get("/laporan?lang=" + lang)
			mustStatus(t, list, http.StatusOK)
			got := publicListed(list)
			slices.Sort(got)
			want := []string{anon, shown, hidden}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: /laporan lists %v, want %v", lang, got, want)
			}
			for _, s := range []string{"Rahmat", "rahmat@example.id", "5555", "Pungutan", "Belum diperiksa", "Sari Wulandari"} {
				if strings.Contains(list.Body, s) {
					t.Errorf("%s: /laporan shows %q", lang, s)
				}
			}
			if list.Doc.Find("form[action='/laporan'][method='get'] select[name='sort']").Length() != 1 {
				t.Errorf("%s: no filter form with a sort", lang)
			}
		}

		pub := e.browser(t)
		page := pub.get("/laporan/" + anon)
		mustStatus(t, page, http.StatusOK)
		for _, s := range []string{"Rahmat", "rahmat@example.id", "5555"} {
			if strings.Contains(page.Body, s) {
				t.Errorf("the public page of an anonymous report shows %q", s)
			}
		}
		if !strings.Contains(page.Body, "(****) ****-****") || !strings.Contains(page.Body, "****/****/****") {
			t.Errorf("phone numbers in the body not masked: %s", text(page))
		}
		if p := pub.get("/laporan/" + shown); !strings.Contains(p.Body, "Dewi Lestari") {
			t.Errorf("a reporter who chose to be shown is not: %s", text(p))
		}
		if p := pub.get("/laporan/" + hidden); strings.Contains(p.Body, "Sari Wulandari") {
			t.Errorf("a reporter who did not choose to be shown is named")
		}
		for _, id := range []string{secret, fresh, "ZZZZ-ZZZZ"} {
			mustStatus(t, pub.get("/laporan/"+id), http.StatusNotFound)
			mustStatus(t, pub.post("/laporan/"+id+"/dukung", nil), http.StatusNotFound)
		}

		count := func(b *browser, id string) string {
			return strings.TrimSpace(b.get("/laporan/" + id).Doc.Find("#support-count").Text())
		}
		if c := count(pub, shown); !strings.HasPrefix(c, "0 ") {
			t.Fatalf("support count before: %q", c)
		}
		for range 2 {
			r := pub.post("/laporan/"+shown+"/dukung", url.Values{})
			mustStatus(t, r, http.StatusSeeOther)
			pub.follow(r)
		}
		if c := count(pub, shown); !strings.HasPrefix(c, "1 ") {
			t.Fatalf("supported twice by one browser: %q, want 1", c)
		}
		other := e.browser(t)
		mustStatus(t, other.post("/laporan/"+shown+"/dukung", url.Values{}), http.StatusSeeOther)
		if c := count(other, shown); !strings.HasPrefix(c, "2 ") {
			t.Fatalf("a second browser: %q, want 2", c)
		}
		// A citizen account counts once, whichever browser it signs in on.
		mustStatus(t, e.browser(t).post("/akun/daftar", url.Values{"email": {"dukung@example.id"}, "password": {"sandi-warga-yang-panjang"}}),
			http.StatusSeeOther)
		apptest.VerifyCitizens(t, e.svc)
		for range 2 {
			b := e.browser(t)
			mustStatus(t, b.post("/akun/masuk", url.Values{"email": {"dukung@example.id"}, "password": {"sandi-warga-yang-panjang"}}),
				http.StatusSeeOther)
			mustStatus(t, b.post("/laporan/"+shown+"/dukung", url.Values{}), http.StatusSeeOther)
		}
		if c := count(other, shown); !strings.HasPrefix(c, "3 ") {
			t.Fatalf("one account on two browsers: %q, want 3", c)
		}
		if got := publicListed(pub.get("/laporan?sort=supported")); len(got) == 0 || got[0] != shown {
			t.Fatalf("most supported first: %v", got)
		}
		if got := publicListed(pub.get("/laporan?q=sampah")); !slices.Equal(got, []string{shown}) {
			t.Fatalf("search: %v", got)
		}
		// Bad input: a clear 400 page, not an error of the server.
		for _, q := range []string{"q=" + strings.Repeat("x", 10000), "sort=random", "status=submitted", "from=kemarin", "page=abc"} {
			if r := pub.get("/laporan?" + q); r.StatusCode != http.StatusBadRequest {
				t.Errorf("/laporan?%.30s: %d, want 400", q, r.StatusCode)
			}
		}
	})
}
