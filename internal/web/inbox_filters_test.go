package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/export"
	"github.com/lapor-id/lapor/internal/i18n"
)

// TestInboxFiltersAndExport: the inbox narrows by category (a group takes
// in its sub-categories), channel and the days a report was filed, keeps
// the filters and the page size in the form, refuses a wrong filter with a
// clear message, and downloads the filtered list as CSV and XLSX with the
// same reports, headers in the reader's language and no reporter's
// identity; an officer's download holds only their unit's reports.
func TestInboxFiltersAndExport(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		adm := e.browser(t)
		adm.login(adminEmail)
		road, _ := cit.fileReport(url.Values{"title": {"Jalan berlubang di Jl. Ahmad Yani"}, "reporter.name": {"Hendra Wijaya"}})
		e.clock.Advance(3 * 24 * time.Hour)
		adm.login(adminEmail)
		drain, _ := cit.fileReport(url.Values{"title": {"Drainase tersumbat di Gang Mawar"}, "category": {"infrastruktur-drainase"},
			"anonymous": {"1"}, "reporter.name": {"Siti Rahayu"}, "reporter.phone": {"081234567890"}})
		clinic, _ := cit.fileReport(url.Values{"title": {"Antrean panjang di Puskesmas"}, "category": {"kesehatan-puskesmas"}})
		for id, unit := range map[string]string{road: "dpupr", drain: "dpupr", clinic: "dinkes"} {
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {unit}}), http.StatusSeeOther)
		}
		today := e.clock.Now().In(e.svc.Location()).Format("2006-01-02")
		earlier := e.clock.Now().In(e.svc.Location()).AddDate(0, 0, -3).Format("2006-01-02")

		list := func(b *browser, query string) []string {
			t.Helper()
			r := b.get("/staf/kotak-masuk?tab=all&" + query)
			mustStatus(t, r, http.StatusOK)
			return listedIDs(r)
		}
		for _, c := range []struct {
			query string
			want  []string
		}{
			{"category=infrastruktur", []string{road, drain}},
			{"category=infrastruktur-drainase", []string{drain}},
			{"category=kesehatan", []string{clinic}},
			{"channel=web", []string{road, drain, clinic}},
			{"channel=sms", nil},
			{"from=" + today, []string{drain, clinic}},
			{"to=" + earlier, []string{road}},
			{"from=" + earlier + "&to=" + earlier, []string{road}},
			{"category=infrastruktur&from=" + today, []string{drain}},
		} {
			if got := list(adm, c.query); !slices.Equal(got, sortedIDs(c.want...)) {
				t.Errorf("%s: listed %v, want %v", c.query, got, sortedIDs(c.want...))
			}
		}

		// The filters and the page size stay in the form.
		r := adm.get("/staf/kotak-masuk?tab=all&category=infrastruktur-drainase&channel=web&from=" + earlier + "&per=50")
		mustStatus(t, r, http.StatusOK)
		if _, ok := r.Doc.Find(`#f-category option[value="infrastruktur-drainase"]`).Attr("selected"); !ok {
			t.Error("the chosen category is not kept")
		}
		if _, ok := r.Doc.Find(`#f-per option[value="50"]`).Attr("selected"); !ok {
			t.Error("the chosen page size is not kept")
		}
		if v := r.Doc.Find("#f-from").AttrOr("value", ""); v != earlier {
			t.Errorf("the start date reads %q", v)
		}
		// The download links carry the same filters.
		href := r.Doc.Find(`a[href^="/staf/kotak-masuk/unduh?"][href*="format=csv"]`).AttrOr("href", "")
		if !strings.Contains(href, "category=infrastruktur-drainase") || !strings.Contains(href, "from="+earlier) {
			t.Errorf("the CSV link does not keep the filters: %q", href)
		}

		// Wrong filters: a clear message, no list.
		for query, msg := range map[string]string{
			"category=tidak-ada":               "field.category.unknown",
			"channel=merpati":                  "field.channel.unknown",
			"from=kemarin":                     "field.date.invalid",
			"from=" + today + "&to=" + earlier: "field.date_range.reversed",
		} {
			r := adm.get("/staf/kotak-masuk?tab=all&" + query)
			if r.StatusCode >= 500 || !strings.Contains(r.Body, i18n.T(i18n.ID, msg)) || len(listedIDs(r)) != 0 {
				t.Errorf("%s: status %d, want the message %q and no list: %s", query, r.StatusCode, i18n.T(i18n.ID, msg), text(r))
			}
		}

		// CSV: the filtered reports, Indonesian headers, no identity.
		r = adm.get("/staf/kotak-masuk/unduh?format=csv&tab=all&category=infrastruktur")
		mustStatus(t, r, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); ct != export.TypeCSV {
			t.Fatalf("content type %q", ct)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\ufeff"))).ReadAll()
		if err != nil || len(rows) != 3 {
			t.Fatalf("CSV: %v, %d rows: %s", err, len(rows), r.Body)
		}
		if rows[0][0] != i18n.T(i18n.ID, "export.tracking_id") || !slices.Contains(rows[0], i18n.T(i18n.ID, "export.kecamatan")) {
			t.Errorf("CSV header %v", rows[0])
		}
		got := sortedIDs(rows[1][0], rows[2][0])
		if !slices.Equal(got, sortedIDs(road, drain)) {
			t.Errorf("CSV lists %v, want %v", got, sortedIDs(road, drain))
		}
		for _, secret := range []string{"Siti Rahayu", "081234567890", "Hendra Wijaya"} {
			if strings.Contains(r.Body, secret) {
				t.Errorf("the export carries %q", secret)
			}
		}
		// In English, English headers; XLSX is a spreadsheet.
		en := adm.get("/staf/kotak-masuk/unduh?format=csv&tab=all&lang=en")
		mustStatus(t, en, http.StatusOK)
		if !strings.Contains(en.Body, i18n.T(i18n.EN, "export.submitted_at")) {
			t.Errorf("English CSV header: %.200s", en.Body)
		}
		x := adm.get("/staf/kotak-masuk/unduh?format=xlsx&tab=all")
		mustStatus(t, x, http.StatusOK)
		if x.Header.Get("Content-Type") != export.TypeXLSX || !strings.HasPrefix(x.Body, "PK") {
			t.Errorf("XLSX: %q, %.4q", x.Header.Get("Content-Type"), x.Body)
		}
		if r := adm.get("/staf/kotak-masuk/unduh?format=pdf"); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("unknown format: %d", r.StatusCode)
		}

		// The officer of dpupr downloads only dpupr's reports.
		off := e.browser(t)
		off.login(officerEmail)
		r = off.get("/staf/kotak-masuk/unduh?format=csv&tab=all")
		mustStatus(t, r, http.StatusOK)
		if strings.Contains(r.Body, clinic) || !strings.Contains(r.Body, road) || !strings.Contains(r.Body, drain) {
			t.Errorf("officer's export: %s", r.Body)
		}
	})
}

// TestPagerJumpKeepsTheFilters: the form that goes to a page by number
// carries the list's filters and drops its page and cursor.
func TestPagerJumpKeepsTheFilters(t *testing.T) {
	u, _ := url.Parse("/staf/kotak-masuk?tab=all&q=jalan&page=3&after=xyz&per=50&ok=saved")
	pg := newPager(u, 3, 50, 1000)
	var names []string
	for _, k := range pg.Keep {
		names = append(names, k.Name)
	}
	if !slices.Equal(names, []string{"per", "q", "tab"}) || pg.Pages != 20 {
		t.Fatalf("kept %v, %d pages", names, pg.Pages)
	}
}
