package api_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/service"
)

// An admin's GET /api/v1/reports/{id} carries the suggestions, best
// first; the reporter, the officers and the public get none.
func TestReportSuggestions(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		ctx := context.Background()
		if err := env.Svc.SetUnitKeywords(ctx, service.Operator, "dinkes", "puskesmas, rumah sakit, obat"); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			f := submit(t, env, complaint(nil))
			act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr-jalan"})
		}
		if err := env.Svc.RefreshTriage(ctx, service.Operator); err != nil {
			t.Fatal(err)
		}
		f := submit(t, env, complaint(map[string]any{"title": "Jln berlubang dekat SD", "body": "lubangnya besar, bahaya buat motor"}))
		m := get(t, env, f, city.Admin, 200)
		s, ok := m["suggestions"].(map[string]any)
		if !ok {
			t.Fatalf("no suggestions: %v", m)
		}
		units := s["units"].([]any)
		if len(units) != 3 {
			t.Fatalf("units %v", units)
		}
		top := units[0].(map[string]any)
		if top["code"] != "dpupr-jalan" || top["name"] != "Bidang Jalan dan Jembatan" {
			t.Fatalf("first unit %v", top)
		}
		prev := 2.0
		for _, u := range units {
			c := u.(map[string]any)["confidence"].(float64)
			if c > prev || c < 0 || c > 1 {
				t.Fatalf("confidences not best first in [0,1]: %v", units)
			}
			prev = c
		}
		if _, ok := s["categories"].([]any); !ok {
			t.Fatalf("categories %v", s)
		}
		for _, auth := range []string{f.auth(), city.Supervisor} {
			if m := get(t, env, f, auth, 200); m["suggestions"] != nil {
				t.Fatalf("%q sees suggestions: %v", auth, m["suggestions"])
			}
		}
	})
}

// POST /api/v1/reports/{id}/actions with mark_duplicate: the admin archives
// a report as a duplicate of an open public one; bad input is a 4xx.
func TestMarkDuplicateAction(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		orig := submit(t, env, complaint(nil))
		act(t, env, orig, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		dup := submit(t, env, complaint(nil))
		act(t, env, dup, city.Admin, 400, map[string]any{"action": "mark_duplicate"})
		act(t, env, dup, city.Admin, 400, map[string]any{"action": "mark_duplicate", "original": dup.id})
		act(t, env, dup, city.OfficerPU, 404, map[string]any{"action": "mark_duplicate", "original": orig.id})
		m := act(t, env, dup, city.Admin, 200, map[string]any{"action": "mark_duplicate", "original": orig.id,
			"message": "Sudah dilaporkan sebelumnya."})
		if m["status"] != "archived" {
			t.Fatalf("after mark_duplicate: %v", m["status"])
		}
		tl := m["timeline"].([]any)
		last := tl[len(tl)-1].(map[string]any)
		if last["reason"] != "duplicate" || last["params"].(map[string]any)["duplicate_of"] != orig.id {
			t.Fatalf("last step %v", last)
		}
		o := get(t, env, orig, city.Admin, 200)
		if o["supports"].(float64) != 1 {
			t.Fatalf("original's supports %v", o["supports"])
		}
		for _, e := range get(t, env, orig, "", 200)["timeline"].([]any) {
			if p, ok := e.(map[string]any)["params"].(map[string]any); ok && p["duplicate"] != nil {
				t.Fatalf("the public sees the duplicate: %v", e)
			}
		}
	})
}

// GET /api/v1/public/duplicates: anyone may ask which open public reports
// look like the one being written; bad input is a 400.
func TestPublicDuplicates(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		orig := submit(t, env, complaint(nil))
		act(t, env, orig, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		secret := submit(t, env, complaint(map[string]any{"confidential": true}))
		act(t, env, secret, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		if err := env.Svc.RefreshTriage(context.Background(), service.Operator); err != nil {
			t.Fatal(err)
		}
		res := env.Do(t, "GET", "/api/v1/public/duplicates?title="+url.QueryEscape("Jalan MT Haryono berlubang")+
			"&body="+url.QueryEscape("lubang besar depan SD")+"&lat=0.1334&lon=117.49", nil, "")
		if res.Status != 200 {
			t.Fatalf("%d %s", res.Status, res.Body)
		}
		ds := res.JSON(t)["duplicates"].([]any)
		if len(ds) != 1 || ds[0].(map[string]any)["tracking_id"] != orig.id || ds[0].(map[string]any)["distance_m"] == nil {
			t.Fatalf("duplicates %v", ds)
		}
		for _, bad := range []string{"", "?title=", "?title=x&lat=100&lon=1", "?title=x&lat=1", "?title=x&category=%20%21"} {
			if res := env.Do(t, "GET", "/api/v1/public/duplicates"+bad, nil, ""); res.Status != 400 {
				t.Errorf("%q: %d %s", bad, res.Status, res.Body)
			}
		}
	})
}
