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
