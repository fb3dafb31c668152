package api_test

import (
	"context"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// set_category: the admin moves a report to another category in any open
// state; the event keeps both codes; an officer may not.
func TestSetCategory(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		_, err := env.Svc.ImportCategories(context.Background(), service.Operator, []domain.CategoryNode{
			{Code: "infrastruktur", Name: "Infrastruktur", Children: []domain.CategoryNode{{Code: "infrastruktur-jalan", Name: "Jalan Rusak"}}},
			{Code: "kesehatan", Name: "Kesehatan"}})
		if err != nil {
			t.Fatal(err)
		}
		f := submit(t, env, complaint(map[string]any{"category": "kesehatan"}))
		act(t, env, f, city.Admin, 400, map[string]any{"action": "set_category"})
		act(t, env, f, city.Admin, 400, map[string]any{"action": "set_category", "category": "tidak-ada"})
		m := act(t, env, f, city.Admin, 200, map[string]any{"action": "set_category", "category": "infrastruktur-jalan"})
		if c, _ := m["category"].(map[string]any); c == nil || c["code"] != "infrastruktur-jalan" {
			t.Fatalf("category after set_category: %v", m["category"])
		}
		tl := m["timeline"].([]any)
		last := tl[len(tl)-1].(map[string]any)
		p, _ := last["params"].(map[string]any)
		if last["type"] != "category_set" || p["old_category"] != "kesehatan" || p["new_category"] != "infrastruktur-jalan" {
			t.Fatalf("event %v", last)
		}
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		act(t, env, f, city.OfficerPU, 403, map[string]any{"action": "set_category", "category": "kesehatan"})
		act(t, env, f, city.Admin, 200, map[string]any{"action": "set_category", "category": "kesehatan"})
	})
}

// PATCH /api/v1/categories/{code}: admins rename, hide, merge and move a
// category; the list marks hidden and merged ones; bad input is a 4xx
// naming the field and changes nothing; officers and the public may not.
func TestPatchCategory(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		_, err := env.Svc.ImportCategories(context.Background(), service.Operator, []domain.CategoryNode{
			{Code: "air", Name: "Air", Children: []domain.CategoryNode{{Code: "air-pdam", Name: "PDAM"}, {Code: "air-pdamm", Name: "PDAMM"}}},
			{Code: "covid", Name: "Corona Virus"}})
		if err != nil {
			t.Fatal(err)
		}
		patch := func(code, auth string, want int, body map[string]any) map[string]any {
			t.Helper()
			res := env.Do(t, "PATCH", "/api/v1/categories/"+code, body, auth)
			if res.Status != want {
				t.Fatalf("%s %v by %q: %d, want %d: %s", code, body, auth, res.Status, want, res.Body)
			}
			return res.JSON(t)
		}
		patch("covid", "", 401, map[string]any{"hidden": true})
		patch("covid", city.OfficerPU, 403, map[string]any{"hidden": true})
		patch("tidak-ada", city.Admin, 404, map[string]any{"hidden": true})
		for _, bad := range []map[string]any{{"name": ""}, {"move": "sideways"}, {"merge_into": "tidak-ada"}, {"merge_into": "air-pdamm"}} {
			m := patch("air-pdamm", city.Admin, 400, bad)
			e, _ := m["error"].(map[string]any)
			if f, _ := e["fields"].(map[string]any); len(f) != 1 {
				t.Errorf("%v: %v", bad, m)
			}
		}
		patch("air", city.Admin, 400, map[string]any{"merge_into": "covid"}) // a group
		if m := patch("covid", city.Admin, 200, map[string]any{"hidden": true}); m["hidden"] != true {
			t.Errorf("hidden: %v", m)
		}
		if m := patch("air-pdamm", city.Admin, 200, map[string]any{"merge_into": "air-pdam", "name": "PDAM (ganda)"}); m["merged_into"] != "air-pdam" || m["hidden"] != true || m["name"] != "PDAM (ganda)" {
			t.Errorf("merged: %v", m)
		}
		patch("air-pdam", city.Admin, 200, map[string]any{"move": "down"})
		res := env.Do(t, "GET", "/api/v1/categories", nil, "")
		var order []string
		for _, c := range res.JSON(t)["categories"].([]any) {
			m := c.(map[string]any)
			if m["parent"] == "air" {
				order = append(order, m["code"].(string))
			}
			if m["code"] == "air-pdam" && m["hidden"] != nil {
				t.Errorf("PDAM marked hidden: %v", m)
			}
		}
		if len(order) != 2 || order[0] != "air-pdamm" {
			t.Errorf("after moving PDAM down: %v", order)
		}
	})
}
