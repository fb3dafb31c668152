package api_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

func TestBulkActions(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		submit := func(n int) string {
			t.Helper()
			res := env.Do(t, "POST", "/api/v1/reports", map[string]any{"kind": "complaint", "title": fmt.Sprintf("Jalan rusak nomor %d", n),
				"body": "Sudah dua minggu belum ada tindakan dari petugas."}, "")
			if res.Status != 201 {
				t.Fatalf("submit: %d %s", res.Status, res.Body)
			}
			return res.JSON(t)["tracking_id"].(string)
		}
		status := func(id string) (string, int) {
			t.Helper()
			m := env.Do(t, "GET", "/api/v1/reports/"+id, nil, city.Admin).JSON(t)
			tl, _ := m["timeline"].([]any)
			return fmt.Sprint(m["status"]), len(tl)
		}
		a, b, c := submit(1), submit(2), submit(3)
		if res := env.Do(t, "POST", "/api/v1/reports/"+c+"/actions", map[string]any{"action": "archive", "reason": "duplicate"}, city.Admin); res.Status != 200 {
			t.Fatalf("archive: %d %s", res.Status, res.Body)
		}
		_, before := status(c)

		// Officers and supervisors may not; nothing changes.
		body := map[string]any{"tracking_ids": []string{a, b, c}, "action": "route", "unit": "dpupr", "note": "Mohon segera."}
		for name, auth := range map[string]string{"officer": city.OfficerPU, "supervisor": city.Supervisor} {
			if res := env.Do(t, "POST", "/api/v1/reports/bulk", body, auth); res.Status != 403 {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		if st, _ := status(a); st != "submitted" {
			t.Fatalf("a refused request changed %s: %s", a, st)
		}

		res := env.Do(t, "POST", "/api/v1/reports/bulk", body, city.Admin)
		if res.Status != 200 {
			t.Fatalf("bulk route: %d %s", res.Status, res.Body)
		}
		m := res.JSON(t)
		var done []string
		for _, x := range m["done"].([]any) {
			done = append(done, x.(string))
		}
		if !slices.Equal(done, []string{a, b}) {
			t.Errorf("done = %v, want [%s %s]", done, a, b)
		}
		failed := m["failed"].([]any)
		if len(failed) != 1 {
			t.Fatalf("failed = %v", failed)
		}
		f := failed[0].(map[string]any)
		e := f["error"].(map[string]any)
		if f["tracking_id"] != c || e["code"] != "conflict" || e["message"] == "" {
			t.Errorf("failure = %v", f)
		}
		for _, id := range []string{a, b} {
			if st, n := status(id); st != "dispositioned" || n != 3 {
				t.Errorf("%s: %s with %d events, want dispositioned with submitted, verified and the note", id, st, n)
			}
		}
		if _, n := status(c); n != before {
			t.Errorf("the skipped %s went from %d to %d events", c, before, n)
		}

		// Bad requests: 400, nothing changed.
		const alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ" // of tracking IDs
		many := make([]string, 101)
		for i := range many {
			many[i] = "AAAA-AA" + alphabet[i/30:i/30+1] + alphabet[i%30:i%30+1] // distinct, well formed
		}
		res = env.Do(t, "POST", "/api/v1/reports/bulk", map[string]any{"tracking_ids": many, "action": "archive", "reason": "spam"}, city.Admin)
		if e, _ := res.JSON(t)["error"].(map[string]any); res.Status != 400 || e["message"] != "Paling banyak 100 laporan sekaligus. Pilih lebih sedikit lalu kirim lagi." {
			t.Errorf("101 reports: %d %s", res.Status, res.Body)
		}
		for name, body := range map[string]map[string]any{
			"too many":     {"tracking_ids": many, "action": "archive", "reason": "spam"},
			"none":         {"tracking_ids": []string{}, "action": "archive", "reason": "spam"},
			"hold":         {"tracking_ids": []string{a}, "action": "hold"},
			"no reason":    {"tracking_ids": []string{a}, "action": "archive"},
			"unknown unit": {"tracking_ids": []string{a}, "action": "route", "unit": "dinas-x"},
			"not a list":   {"tracking_ids": a, "action": "archive", "reason": "spam"},
		} {
			if res := env.Do(t, "POST", "/api/v1/reports/bulk", body, city.Admin); res.Status != 400 {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		if st, n := status(a); st != "dispositioned" || n != 3 {
			t.Errorf("a bad request changed %s: %s, %d events", a, st, n)
		}
	})
}
