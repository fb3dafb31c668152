package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// bulkIDsOn are the tracking IDs a page's bulk checkboxes offer.
func bulkIDsOn(r resp) []string {
	var ids []string
	r.Doc.Find(`input.pick[type=checkbox][form=bulk][name=id]`).Each(func(_ int, s *goquery.Selection) {
		ids = append(ids, s.AttrOr("value", ""))
	})
	slices.Sort(ids)
	return ids
}

// The queue and the inbox give admins a checkbox per report and a bulk
// form; routing and archiving through it change each report on its own,
// and the page says which were changed and which were not, and why.
func TestBulkForm(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		a, _ := cit.fileReport(nil)
		b, _ := cit.fileReport(nil)
		c, _ := cit.fileReport(nil)
		all := []string{a, b, c}
		slices.Sort(all)
		adm := e.browser(t)
		adm.login(adminEmail)

		for _, path := range []string{"/staf/antrean", "/staf/kotak-masuk"} {
			r := adm.get(path)
			mustStatus(t, r, http.StatusOK)
			if got := bulkIDsOn(r); !slices.Equal(got, all) {
				t.Errorf("%s offers %v to tick, want %v", path, got, all)
			}
			if r.Doc.Find(`form#bulk[method=post][action="/staf/massal"] button[name=action]`).Length() != 2 {
				t.Errorf("%s has no bulk form with its two actions", path)
			}
		}
		off := e.browser(t)
		off.login(officerEmail)
		if r := off.get("/staf/kotak-masuk?tab=all"); r.Doc.Find("form#bulk, input.pick").Length() != 0 {
			t.Errorf("an officer is offered the bulk form")
		}
		// An officer posting the form anyway is refused and changes nothing.
		r := off.post("/staf/massal", url.Values{"action": {"archive"}, "reason": {"spam"}, "id": {a}, "back": {"inbox"}})
		mustStatus(t, r, http.StatusForbidden)
		// So is a post from another site (the same cross-origin check as every form).
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/staf/massal", strings.NewReader(url.Values{"action": {"archive"}, "reason": {"spam"}, "id": {a}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		mustStatus(t, adm.do(req), http.StatusForbidden)
		if ids := listedIDs(adm.get("/staf/antrean")); !slices.Equal(ids, all) {
			t.Fatalf("refused posts changed the queue: %v", ids)
		}

		// Route two to Dinas PU.
		r = adm.post("/staf/massal", url.Values{"action": {"route"}, "unit": {"dpupr"}, "id": {a, b}, "back": {"queue"},
			"note": {"Mohon dicek bersama."}, "reason": {"spam"}})
		mustStatus(t, r, http.StatusOK)
		if got := r.Doc.Find("#bulk-result").Text(); !strings.Contains(got, "2 laporan diteruskan") {
			t.Errorf("result says %q", got)
		}
		if n := r.Doc.Find("#bulk-done li").Length(); n != 2 || r.Doc.Find("#bulk-failed").Length() != 0 {
			t.Errorf("%d done, failures shown: %s", n, text(r))
		}
		if r.Doc.Find(`a[href="/staf/antrean"]`).Length() == 0 {
			t.Errorf("no way back to the queue")
		}
		if ids := listedIDs(adm.get("/staf/antrean")); !slices.Equal(ids, []string{c}) {
			t.Errorf("queue after routing: %v, want [%s]", ids, c)
		}
		if body := off.get("/staf/laporan/" + a).Doc.Find("main").Text(); !strings.Contains(body, "Mohon dicek bersama.") {
			t.Errorf("the officer does not see the routed report with its note")
		}

		// Archive a routed one and a new one as spam: only the new one may be.
		r = adm.post("/staf/massal", url.Values{"action": {"archive"}, "reason": {"spam"}, "id": {a, c}, "back": {"inbox"}})
		mustStatus(t, r, http.StatusOK)
		if got := r.Doc.Find("#bulk-result").Text(); !strings.Contains(got, "1 laporan diarsipkan") || !strings.Contains(got, "1 laporan tidak diproses") {
			t.Errorf("result says %q", got)
		}
		failed := r.Doc.Find("#bulk-failed li")
		if failed.Length() != 1 || !strings.Contains(failed.Text(), a) || strings.TrimSpace(failed.Find(".reason").Text()) == "" {
			t.Errorf("failures shown: %q", failed.Text())
		}
		if r.Doc.Find(`a[href="/staf/kotak-masuk"]`).Length() == 0 {
			t.Errorf("no way back to the inbox")
		}
		if got := adm.get("/staf/laporan/" + a).Doc.Find(".badge.st-dispositioned").Length(); got == 0 {
			t.Errorf("the skipped report is no longer dispositioned")
		}

		// Bad requests: a clear error and nothing changed.
		many := url.Values{"action": {"route"}, "unit": {"dpupr"}}
		const alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
		for i := 0; i <= 100; i++ {
			many.Add("id", "AAAA-AA"+alphabet[i/30:i/30+1]+alphabet[i%30:i%30+1])
		}
		for name, c := range map[string]struct {
			v    url.Values
			want string
		}{
			"too many":   {many, "Paling banyak 100 laporan"},
			"none":       {url.Values{"action": {"route"}, "unit": {"dpupr"}}, "Centang dulu"},
			"no unit":    {url.Values{"action": {"route"}, "id": {b}}, "Instansi"},
			"bad action": {url.Values{"action": {"hold"}, "id": {b}}, "Pilih tindakan massal"},
		} {
			r := adm.post("/staf/massal", c.v)
			mustStatus(t, r, http.StatusUnprocessableEntity) // the pages' status for a form to correct
			if got := r.Doc.Find("#problems").Text(); !strings.Contains(got, c.want) {
				t.Errorf("%s: problems say %q, want %q", name, got, c.want)
			}
		}
		if got := adm.get("/staf/laporan/" + b).Doc.Find(".badge.st-dispositioned").Length(); got == 0 {
			t.Errorf("a refused bulk request changed %s", b)
		}
	})
}
