package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// Issue 11, signed webhooks: the admin registers and deletes webhooks on a
// page; the secret is typed once and never shown, not even on a refusal.
func TestAdminWebhooksPage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		admin := e.browser(t)
		admin.login(adminEmail)
		r := admin.get("/staf/admin/webhook?lang=id")
		mustStatus(t, r, http.StatusOK)
		if r.Doc.Find(`.tabs a[href="/staf/admin/webhook"][aria-current]`).Length() != 1 {
			t.Error("the webhooks tab is not in the settings navigation")
		}
		const secret = "rahasia-integrasi-bontang"
		r = admin.post("/staf/admin/webhook", url.Values{"url": {"ftp://x.test/"}, "events": {"report.routed"}, "secret": {secret}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if strings.Contains(string(r.Body), secret) || r.Doc.Find(`input[name="events"][value="report.routed"][checked]`).Length() != 1 {
			t.Errorf("a refused form shows the secret or forgets the events: %s", text(r))
		}
		if hooks, _ := e.svc.Webhooks(t.Context(), service.Operator); len(hooks) != 0 {
			t.Fatalf("a refused form registered %v", hooks)
		}
		r = admin.post("/staf/admin/webhook", url.Values{"url": {"https://hook.bontang.test/lapor"},
			"events": {"report.routed", "report.completed"}, "secret": {secret}})
		mustStatus(t, r, http.StatusSeeOther)
		r = admin.follow(r)
		if strings.Contains(string(r.Body), secret) || !strings.Contains(r.Doc.Find("#webhooks").Text(), "https://hook.bontang.test/lapor") ||
			!strings.Contains(r.Doc.Find("#webhooks").Text(), "report.completed") {
			t.Errorf("after adding: %s", text(r))
		}
		// A report owes a webhook that asked for submissions a delivery, listed with the event it carries.
		if _, err := e.svc.AddWebhook(t.Context(), service.Operator, "https://other.bontang.test/", []string{domain.HookSubmitted}, secret); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Submit(t.Context(), service.Public, domain.Submission{Kind: domain.KindComplaint,
			Title: "Lampu jalan mati di Jl. Ahmad Yani", Body: "Sudah seminggu lampu jalan di depan pasar mati."}, nil); err != nil {
			t.Fatal(err)
		}
		o := admin.get("/staf/admin/pengiriman")
		mustStatus(t, o, http.StatusOK)
		if row := o.Doc.Find("#outbox-pending tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Text(), "report.submitted")
		}); row.Length() != 1 || !strings.Contains(row.Text(), "Webhook") {
			t.Errorf("the outbox does not list the webhook delivery: %s", text(o))
		}
		r = admin.get("/staf/admin/webhook")
		action, ok := r.Doc.Find(`#webhooks form`).Attr("action")
		if !ok {
			t.Fatal("no delete button")
		}
		r = admin.post(action, url.Values{})
		mustStatus(t, r, http.StatusSeeOther)
		r = admin.follow(r)
		if strings.Contains(r.Doc.Find("#webhooks").Text(), "hook.bontang.test/lapor") {
			t.Errorf("still listed after delete: %s", text(r))
		}
		officer := e.browser(t)
		officer.login(officerEmail)
		if r := officer.get("/staf/admin/webhook"); r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusNotFound {
			t.Errorf("an officer sees the webhooks page: %d", r.StatusCode)
		}
	})
}
