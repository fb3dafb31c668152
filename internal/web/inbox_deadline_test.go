package web

import (
	"context"

	"github.com/lapor-id/lapor/internal/service"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The officer's inbox shows each open report's deadline, sorts by it and
// can list only the reports past it.
func TestInboxSortsAndFiltersByDeadline(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		citizen := e.browser(t)
		admin := e.browser(t)
		admin.login(adminEmail)
		officer := e.browser(t)
		officer.login(officerEmail)

		route := func(title string) string {
			id, _ := citizen.fileReport(url.Values{"title": {title}})
			mustStatus(t, admin.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
			return id
		}
		late := route("Laporan lama yang terlambat ditindaklanjuti")
		e.clock.Advance(10 * 24 * time.Hour) // well past 5 working days
		admin.login(adminEmail)              // sessions idled out while the clock moved
		officer.login(officerEmail)
		fresh := route("Laporan baru yang masih dalam tenggat")

		r := officer.get("/staf/kotak-masuk?tab=new&sort=due")
		mustStatus(t, r, http.StatusOK)
		items := r.Doc.Find("ul.list > li")
		if items.Length() != 2 {
			t.Fatalf("%d items: %s", items.Length(), text(r))
		}
		if !strings.Contains(items.First().Text(), late) || !strings.Contains(items.Last().Text(), fresh) {
			t.Fatalf("not sorted by deadline: %s", text(r))
		}
		if items.First().Find("time").Length() < 2 || !items.First().HasClass("overdue") || items.Last().HasClass("overdue") {
			t.Fatalf("deadline or overdue flag missing: %s", text(r))
		}
		if v, ok := r.Doc.Find(`#f-sort option[value="due"]`).Attr("selected"); !ok && v == "" {
			t.Fatal("the chosen sort is not kept in the form")
		}

		r = officer.get("/staf/kotak-masuk?tab=new&overdue=1")
		mustStatus(t, r, http.StatusOK)
		items = r.Doc.Find("ul.list > li")
		if items.Length() != 1 || !strings.Contains(items.Text(), late) {
			t.Fatalf("overdue filter: %s", text(r))
		}
		if _, ok := r.Doc.Find("#f-overdue").Attr("checked"); !ok {
			t.Fatal("the overdue filter is not kept in the form")
		}
	})
}

// The dates a citizen is promised follow the admins' deadline settings
// and the stored deadline, not constants in the pages.
func TestTrackingPageShowsTheStoredDeadline(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		citizen := e.browser(t)
		id, receipt := citizen.fileReport(nil)
		page := func() string {
			r := citizen.post("/lacak", url.Values{"tracking_id": {id}, "receipt": {receipt}})
			if r.StatusCode == http.StatusSeeOther {
				r = citizen.follow(r)
			}
			mustStatus(t, r, http.StatusOK)
			return text(r)
		}
		// Submitted Wednesday 18 November 2026: 3 working days → Monday 23 November.
		if got := page(); !strings.Contains(got, "23 November 2026") {
			t.Fatalf("default verification deadline not shown: %s", got)
		}
		admin, _ := e.st.UserByEmail(context.Background(), adminEmail)
		if _, err := e.svc.UpdateDeadlineSettings(context.Background(), service.Viewer{User: &admin}, []byte(`{"verify_days":1}`)); err != nil {
			t.Fatal(err)
		}
		if got := page(); !strings.Contains(got, "19 November 2026") {
			t.Fatalf("changed setting not reflected: %s", got)
		}
	})
}
