package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

func TestWebhookRegistrationRefusesBadInput(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		good := func() map[string]any {
			return map[string]any{"url": "https://hook.bontang.test/lapor", "events": []string{"report.routed"},
				"secret": "rahasia-yang-cukup-panjang"}
		}
		bad := []struct {
			name, field string
			value       any
		}{
			{"ftp", "url", "ftp://hook.bontang.test/x"},
			{"script", "url", "javascript:alert(1)"},
			{"relative", "url", "/api/hook"},
			{"no host", "url", "https:///x"},
			{"credentials", "url", "https://user:pw@hook.bontang.test/"},
			{"bad port", "url", "https://hook.bontang.test:99999/"},
			{"newline", "url", "https://hook.bontang.test/\nx"},
			{"long", "url", "https://hook.bontang.test/" + strings.Repeat("a", 2100)},
			{"no url", "url", ""},
			{"no events", "events", []string{}},
			{"unknown event", "events", []string{"report.deleted"}},
			{"events not a list", "events", "report.routed"},
			{"short secret", "secret", "pendek"},
			{"no secret", "secret", ""},
			{"padded secret", "secret", " rahasia-yang-cukup-panjang "},
		}
		for _, c := range bad {
			body := good()
			body[c.field] = c.value
			res := env.Do(t, "POST", "/api/v1/webhooks", body, city.Admin)
			if res.Status != 400 {
				t.Fatalf("%s: %d %s", c.name, res.Status, res.Body)
			}
		}
		if res := env.Do(t, "POST", "/api/v1/webhooks", good(), city.OfficerPU); res.Status != 403 {
			t.Fatalf("an officer registered a webhook: %d", res.Status)
		}
		if res := env.Do(t, "POST", "/api/v1/webhooks", good(), ""); res.Status != 401 {
			t.Fatalf("the public registered a webhook: %d", res.Status)
		}
		if res := env.Do(t, "GET", "/api/v1/webhooks", nil, city.OfficerPU); res.Status != 403 {
			t.Fatalf("an officer listed webhooks: %d", res.Status)
		}
		big := good()
		big["secret"] = strings.Repeat("s", 20<<10)
		if res := env.Do(t, "POST", "/api/v1/webhooks", big, city.Admin); res.Status != 413 {
			t.Fatalf("a 20 KB registration: %d", res.Status)
		}
		if res := env.Do(t, "GET", "/api/v1/webhooks", nil, city.Admin); res.Status != 200 || !strings.Contains(string(res.Body), `"webhooks":[]`) {
			t.Fatalf("bad input registered something: %s", res.Body)
		}
		// A good one: the answer and the list never hold the secret; delete, then not found.
		res := env.Do(t, "POST", "/api/v1/webhooks", good(), city.Admin)
		if res.Status != 201 || strings.Contains(string(res.Body), "rahasia") {
			t.Fatalf("register: %d %s", res.Status, res.Body)
		}
		id := int64(res.JSON(t)["id"].(float64))
		for _, path := range []string{"/api/v1/webhooks/x", "/api/v1/webhooks/0", "/api/v1/webhooks/999"} {
			if r := env.Do(t, "DELETE", path, nil, city.Admin); r.Status != 404 {
				t.Fatalf("DELETE %s: %d", path, r.Status)
			}
		}
		path := fmt.Sprintf("/api/v1/webhooks/%d", id)
		if r := env.Do(t, "DELETE", path, nil, city.OfficerPU); r.Status != 403 {
			t.Fatalf("an officer deleted a webhook: %d", r.Status)
		}
		if r := env.Do(t, "DELETE", path, nil, city.Admin); r.Status != 204 {
			t.Fatalf("delete: %d %s", r.Status, r.Body)
		}
		if r := env.Do(t, "DELETE", path, nil, city.Admin); r.Status != 404 {
			t.Fatalf("delete twice: %d", r.Status)
		}
	})
}
