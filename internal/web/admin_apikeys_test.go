package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
)

// Issue 11, channels in: the admin makes and revokes gateway keys on a page;
// the key is shown once and never listed.
func TestAdminAPIKeysPage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		admin := e.browser(t)
		admin.login(adminEmail)
		r := admin.get("/staf/admin/kunci-api?lang=id")
		mustStatus(t, r, http.StatusOK)
		if r.Doc.Find(`.tabs a[href="/staf/admin/kunci-api"][aria-current]`).Length() != 1 {
			t.Error("the API keys tab is not in the settings navigation")
		}
		r = admin.post("/staf/admin/kunci-api", url.Values{"name": {""}, "channel": {"sms"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		r = admin.post("/staf/admin/kunci-api", url.Values{"name": {"Gateway SMS"}, "channel": {"sms"}})
		mustStatus(t, r, http.StatusOK)
		key := strings.TrimSpace(r.Doc.Find("#new-key").Text())
		if _, err := e.svc.AuthenticateAPIKey(t.Context(), key, "sms"); err != nil {
			t.Fatalf("the key shown (%q) does not work: %v", key, err)
		}
		r = admin.get("/staf/admin/kunci-api")
		if r.Doc.Find("#new-key").Length() != 0 || strings.Contains(string(r.Body), key) {
			t.Error("the key is shown again")
		}
		if !strings.Contains(r.Doc.Find("#api-keys").Text(), "Gateway SMS") {
			t.Errorf("the key is not listed: %s", text(r))
		}
		action, ok := r.Doc.Find(`#api-keys form`).Attr("action")
		if !ok {
			t.Fatal("no revoke button")
		}
		r = admin.post(action, url.Values{})
		mustStatus(t, r, http.StatusSeeOther)
		r = admin.follow(r)
		if !strings.Contains(r.Doc.Find("#api-keys").Text(), "Dicabut") {
			t.Errorf("not shown revoked: %s", text(r))
		}
		if _, err := e.svc.AuthenticateAPIKey(t.Context(), key, "sms"); domain.ErrorCode(err) != domain.CodeUnauthorized {
			t.Fatalf("a revoked key works: %v", err)
		}
	})
}
