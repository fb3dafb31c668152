package api_test

import (
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

func TestStaffChooseNoticesThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		res := env.Do(t, "GET", "/api/v1/me/notifications", nil, city.OfficerPU)
		if res.Status != 200 || res.JSON(t)["lang"] != "id" || res.JSON(t)["modes"].(map[string]any)["routed"] != "now" {
			t.Fatalf("defaults: %d %s", res.Status, res.Body)
		}
		res = env.Do(t, "PUT", "/api/v1/me/notifications", map[string]any{"lang": "en",
			"modes": map[string]any{"routed": "digest", "breach": "off"}}, city.OfficerPU)
		m := res.JSON(t)
		modes, _ := m["modes"].(map[string]any)
		if res.Status != 200 || m["lang"] != "en" || modes["routed"] != "digest" || modes["breach"] != "off" || modes["replied"] != "now" {
			t.Fatalf("after PUT: %d %s", res.Status, res.Body)
		}
		for _, bad := range []map[string]any{
			{"lang": "fr", "modes": map[string]any{}},
			{"lang": "id", "modes": map[string]any{"routed": "loud"}},
			{"lang": "id", "modes": map[string]any{"gossip": "now"}},
		} {
			if res := env.Do(t, "PUT", "/api/v1/me/notifications", bad, city.OfficerPU); res.Status != 400 {
				t.Fatalf("%v: %d %s", bad, res.Status, res.Body)
			}
		}
		if m := env.Do(t, "GET", "/api/v1/me/notifications", nil, city.OfficerPU).JSON(t); m["lang"] != "en" ||
			m["modes"].(map[string]any)["routed"] != "digest" {
			t.Fatalf("a refused PUT changed something: %v", m)
		}
		if res := env.Do(t, "GET", "/api/v1/me/notifications", nil, ""); res.Status != 401 {
			t.Fatalf("anonymous: %d", res.Status)
		}
	})
}
