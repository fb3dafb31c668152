package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

// The outbox in the API: admins only, and no delivery carries the
// reporter's contact.
func TestOutboxAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env, map[string]any{"kind": "complaint", "title": "Jalan berlubang di Jl. Pupuk Raya",
			"body": "Lubang besar di tengah jalan, sudah dua motor jatuh minggu ini.", "anonymous": true,
			"reporter": map[string]any{"name": "Rina Wati", "email": "rina@warga.test", "phone": "+62811000111"}})
		res := env.Do(t, "GET", "/api/v1/outbox", nil, city.Admin)
		if res.Status != 200 {
			t.Fatalf("admin: %d %s", res.Status, res.Body)
		}
		ds := res.JSON(t)["deliveries"].([]any)
		if len(ds) != 1 || ds[0].(map[string]any)["tracking_id"] != f.id || ds[0].(map[string]any)["event"] != "submitted" {
			t.Fatalf("pending: %s", res.Body)
		}
		for _, secret := range []string{"rina@warga.test", "Rina Wati", "+62811000111"} {
			if strings.Contains(string(res.Body), secret) {
				t.Fatalf("%q in the outbox listing: %s", secret, res.Body)
			}
		}
		id := fmt.Sprint(ds[0].(map[string]any)["id"])
		for _, c := range []struct {
			method, path, auth string
			want               int
		}{
			{"GET", "/api/v1/outbox", "", 401},
			{"GET", "/api/v1/outbox", city.OfficerPU, 403},
			{"GET", "/api/v1/outbox", city.Supervisor, 403},
			{"GET", "/api/v1/outbox?status=lost", city.Admin, 400},
			{"GET", "/api/v1/outbox?status=dead", city.Admin, 200},
			{"POST", "/api/v1/outbox/" + id + "/retry", "", 401},
			{"POST", "/api/v1/outbox/" + id + "/retry", city.OfficerPU, 403},
			{"POST", "/api/v1/outbox/" + id + "/retry", city.Admin, 404}, // pending, not dead
			{"POST", "/api/v1/outbox/x/retry", city.Admin, 404},
		} {
			if res := env.Do(t, c.method, c.path, nil, c.auth); res.Status != c.want {
				t.Errorf("%s %s: %d, want %d: %s", c.method, c.path, res.Status, c.want, res.Body)
			}
		}
	})
}
