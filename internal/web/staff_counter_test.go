package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

func counterValues(channel string) url.Values {
	return url.Values{"channel": {channel}, "kind": {"complaint"}, "title": {"Saluran air tersumbat di RT 05"},
		"body":          {"Warga datang ke loket: saluran air di RT 05 tersumbat sejak dua minggu, air meluap saat hujan."},
		"reporter.name": {"Darto Wiyono"}, "reporter.phone": {"+6281355500011"}, "reporter.email": {"darto@warga.test"},
		"reporter.lang": {"id"}}
}

// Issue 11, paper and phone: an admin types in a citizen's complaint and
// prints the receipt for them; it is filed like any other, on its channel.
func TestCounterIntake(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		admin := e.browser(t)
		admin.login(adminEmail)
		r := admin.get("/staf/loket?lang=id")
		mustStatus(t, r, http.StatusOK)
		if r.Doc.Find(`nav a[href="/staf/loket"][aria-current]`).Length() != 1 || r.Doc.Find(`#channel-paper[checked]`).Length() != 1 {
			t.Errorf("the counter page: %s", text(r))
		}
		// Bad input: the form again with the problems, nothing filed.
		before, _ := e.svc.Deliveries(t.Context(), service.Operator, domain.DeliveryPending)
		bad := counterValues("web")
		bad.Set("title", "")
		r = admin.post("/staf/loket", bad)
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find(`#channel .err`).Length() != 1 || r.Doc.Find(`#title-err`).Length() != 1 {
			t.Errorf("the problems are not shown: %s", text(r))
		}
		r = admin.post("/staf/loket", counterValues("phone"))
		mustStatus(t, r, http.StatusOK)
		id := strings.TrimSpace(r.Doc.Find("#tracking-id").Text())
		receipt := strings.ReplaceAll(strings.TrimSpace(r.Doc.Find("#receipt").Text()), " ", "")
		if id == "" || receipt == "" || r.Doc.Find("[data-print]").Length() != 1 || r.Doc.Find(".qr svg").Length() != 1 {
			t.Fatalf("the printable receipt: %s", text(r))
		}
		for _, c := range r.Cookies() {
			if strings.Contains(c.Value, receipt) {
				t.Fatal("the citizen's receipt was left in the admin's browser")
			}
		}
		// Filed on the phone channel, with the citizen's contact; the receipt works for the citizen.
		rv, err := e.svc.Report(t.Context(), id, service.ReporterViewer(receipt))
		if err != nil || rv.Access != service.AccessReporter || rv.Report.Channel != domain.ChannelPhone ||
			rv.Report.Status != domain.StatusSubmitted || rv.Reporter == nil || rv.Reporter.Phone != "+6281355500011" {
			t.Fatalf("the filed report: %+v %v", rv, err)
		}
		after, _ := e.svc.Deliveries(t.Context(), service.Operator, domain.DeliveryPending)
		if len(after) != len(before)+1 {
			t.Errorf("the citizen is owed %d e-mails, want 1", len(after)-len(before))
		}
		// Anonymous: once saved, staff never see who it was.
		anon := counterValues("paper")
		anon.Set("anonymous", "1")
		r = admin.post("/staf/loket", anon)
		mustStatus(t, r, http.StatusOK)
		aid := strings.TrimSpace(r.Doc.Find("#tracking-id").Text())
		r = admin.get("/staf/laporan/" + aid)
		mustStatus(t, r, http.StatusOK)
		for _, secret := range []string{"Darto", "81355500011", "darto@warga.test"} {
			if strings.Contains(string(r.Body), secret) {
				t.Fatalf("%q on the staff page of an anonymous counter report", secret)
			}
		}
		// Officers have no counter.
		officer := e.browser(t)
		officer.login(officerEmail)
		if r := officer.get("/staf/loket"); r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusNotFound {
			t.Errorf("an officer opened the counter: %d", r.StatusCode)
		}
		if r := officer.post("/staf/loket", counterValues("paper")); r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusNotFound {
			t.Errorf("an officer filed at the counter: %d", r.StatusCode)
		}
	})
}
