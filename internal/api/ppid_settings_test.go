package api_test

import (
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

// The city's main PPID is named through the API by an admin: an unknown
// unit is refused and changes nothing, another role is forbidden, and
// staff read the setting back.
func TestMainPPIDSetting(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		get := func(who string) string {
			t.Helper()
			res := env.Do(t, "GET", "/api/v1/settings/ppid", nil, who)
			if res.Status != 200 {
				t.Fatalf("GET: %d %s", res.Status, res.Body)
			}
			return res.JSON(t)["main_unit"].(string)
		}
		if got := get(city.Admin); got != "" {
			t.Errorf("unset at first, got %q", got)
		}
		if res := env.Do(t, "PUT", "/api/v1/settings/ppid", map[string]any{"main_unit": "dinkes"}, city.OfficerPU); res.Status != 403 {
			t.Errorf("an officer names the main PPID: %d %s", res.Status, res.Body)
		}
		if res := env.Do(t, "PUT", "/api/v1/settings/ppid", map[string]any{"main_unit": "dinkes"}, ""); res.Status != 401 {
			t.Errorf("no credentials: %d %s", res.Status, res.Body)
		}
		res := env.Do(t, "PUT", "/api/v1/settings/ppid", map[string]any{"main_unit": "dinas-tidak-ada"}, city.Admin)
		if e, _ := res.JSON(t)["error"].(map[string]any); res.Status != 400 || e["fields"].(map[string]any)["main_unit"] == nil {
			t.Errorf("an unknown unit: %d %s", res.Status, res.Body)
		}
		if res := env.Do(t, "PUT", "/api/v1/settings/ppid", map[string]any{"main_unit": 7}, city.Admin); res.Status != 400 {
			t.Errorf("a number for a code: %d %s", res.Status, res.Body)
		}
		if got := get(city.Admin); got != "" {
			t.Errorf("a refused change changed it to %q", got)
		}
		res = env.Do(t, "PUT", "/api/v1/settings/ppid", map[string]any{"main_unit": "DPUPR"}, city.Admin)
		if res.Status != 200 || res.JSON(t)["main_unit"] != "dpupr" {
			t.Errorf("set: %d %s", res.Status, res.Body)
		}
		if got := get(city.OfficerDinkes); got != "dpupr" {
			t.Errorf("an officer reads %q", got)
		}
		if res := env.Do(t, "PUT", "/api/v1/settings/ppid", map[string]any{"main_unit": ""}, city.Admin); res.Status != 200 || get(city.Admin) != "" {
			t.Errorf("unset: %d %s", res.Status, res.Body)
		}
	})
}
