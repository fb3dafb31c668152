package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/service"
)

// The admins' kecamatan and kelurahan: listed by GET /api/v1/areas, chosen
// by area_id when filing (an unknown, hidden or kecamatan id is a 422),
// and filtered on in the inbox by kecamatan.
func TestAreas(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		ctx := context.Background()
		add := func(name string, kec int64) int64 {
			a, err := env.Svc.AddArea(ctx, service.Operator, name, kec)
			if err != nil {
				t.Fatal(err)
			}
			return a.ID
		}
		utara, barat := add("Bontang Utara", 0), add("Bontang Barat", 0)
		apiApi, guntung, kanaan := add("Api-Api", utara), add("Guntung", utara), add("Kanaan", barat)
		if err := env.Svc.EditArea(ctx, service.Operator, guntung, "Guntung", true); err != nil {
			t.Fatal(err)
		}

		res := env.Do(t, "GET", "/api/v1/areas", nil, "")
		if res.Status != 200 {
			t.Fatalf("areas: %d %s", res.Status, res.Body)
		}
		want := fmt.Sprintf(`{"kecamatan":[{"id":%d,"name":"Bontang Barat","hidden":false,"kelurahan":[{"id":%d,"name":"Kanaan","hidden":false}]},`+
			`{"id":%d,"name":"Bontang Utara","hidden":false,"kelurahan":[{"id":%d,"name":"Api-Api","hidden":false},{"id":%d,"name":"Guntung","hidden":true}]}]}`,
			barat, kanaan, utara, apiApi, guntung)
		if got := compact(t, res.Body); got != want {
			t.Errorf("areas:\n got %s\nwant %s", got, want)
		}

		for _, bad := range []int64{guntung, utara, 999999} {
			body := complaint(map[string]any{"location": map[string]any{"address": "Jl. Ahmad Yani", "area_id": bad}})
			if res := env.Do(t, "POST", "/api/v1/reports", body, ""); res.Status != 400 {
				t.Errorf("area %d: %d %s", bad, res.Status, res.Body)
			}
		}
		inUtara := submit(t, env, complaint(map[string]any{"location": map[string]any{"address": "Jl. Ahmad Yani", "area_id": apiApi, "kelurahan": "salah"}}))
		submit(t, env, complaint(map[string]any{"location": map[string]any{"address": "Jl. Kanaan", "area_id": kanaan}}))
		m := get(t, env, inUtara, city.Admin, 200)
		loc, _ := m["location"].(map[string]any)
		if loc["kelurahan"] != "Api-Api" || loc["kecamatan"] != "Bontang Utara" || loc["area_id"] != float64(apiApi) {
			t.Errorf("stored location %v", loc)
		}
		res = env.Do(t, "GET", fmt.Sprintf("/api/v1/reports?kecamatan=%d", utara), nil, city.Admin)
		list, _ := res.JSON(t)["reports"].([]any)
		if res.Status != 200 || len(list) != 1 || list[0].(map[string]any)["tracking_id"] != inUtara.id {
			t.Errorf("inbox by kecamatan: %d %s", res.Status, res.Body)
		}
		for _, bad := range []string{"abc", "0", "999999", fmt.Sprint(apiApi)} {
			if res := env.Do(t, "GET", "/api/v1/reports?kecamatan="+bad, nil, city.Admin); res.Status != 400 {
				t.Errorf("kecamatan %s: %d %s", bad, res.Status, res.Body)
			}
		}
	})
}

func compact(t *testing.T, body []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, body); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return b.String()
}
