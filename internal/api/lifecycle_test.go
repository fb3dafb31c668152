package api_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Shutdown()
	os.Exit(code)
}

func complaint(extra map[string]any) map[string]any {
	r := map[string]any{
		"kind": "complaint", "title": "Jalan berlubang di Jl. MT Haryono",
		"body":          "Lubang besar di depan SD 003 sudah dua minggu, membahayakan pengendara motor.",
		"incident_date": "2026-11-10",
		"location":      map[string]any{"address": "Jl. MT Haryono, Bontang Baru", "lat": 0.133, "lon": 117.49},
		"reporter":      map[string]any{"name": "Budi Santoso", "email": "budi@example.id", "phone": "081234567890"},
	}
	for k, v := range extra {
		r[k] = v
	}
	return r
}

type filed struct{ id, receipt string }

func (f filed) auth() string { return "Receipt " + f.receipt }

func submit(t *testing.T, env *apptest.Env, body map[string]any) filed {
	t.Helper()
	res := env.Do(t, "POST", "/api/v1/reports", body, "")
	if res.Status != 201 {
		t.Fatalf("submit: %d %s", res.Status, res.Body)
	}
	m := res.JSON(t)
	if m["status"] != "submitted" || len(m["receipt"].(string)) < 20 {
		t.Fatalf("submit answer: %v", m)
	}
	return filed{m["tracking_id"].(string), m["receipt"].(string)}
}

// act posts an action and checks the status code; it returns the body.
func act(t *testing.T, env *apptest.Env, f filed, auth string, want int, body map[string]any) map[string]any {
	t.Helper()
	res := env.Do(t, "POST", "/api/v1/reports/"+f.id+"/actions", body, auth)
	if res.Status != want {
		t.Fatalf("%v by %q: status %d, want %d: %s", body["action"], auth, res.Status, want, res.Body)
	}
	return res.JSON(t)
}

func get(t *testing.T, env *apptest.Env, f filed, auth string, want int) map[string]any {
	t.Helper()
	res := env.Do(t, "GET", "/api/v1/reports/"+f.id, nil, auth)
	if res.Status != want {
		t.Fatalf("get %s as %q: %d, want %d: %s", f.id, auth, res.Status, want, res.Body)
	}
	return res.JSON(t)
}

// timeline returns "type:to_status" of each event, oldest first.
func timeline(m map[string]any) []string {
	var out []string
	for _, e := range m["timeline"].([]any) {
		ev := e.(map[string]any)
		to, _ := ev["to_status"].(string)
		out = append(out, fmt.Sprintf("%s:%s", ev["type"], to))
	}
	return out
}

func wantTimeline(t *testing.T, m map[string]any, want ...string) {
	t.Helper()
	got := timeline(m)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("timeline\n got  %v\n want %v", got, want)
	}
}

func TestWholeLife(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env, complaint(nil))

		// Not verified yet: the public cannot see it; the reporter can.
		get(t, env, f, "", 404)
		m := get(t, env, f, f.auth(), 200)
		if m["status"] != "submitted" || m["reporter"].(map[string]any)["name"] != "Budi Santoso" {
			t.Fatalf("reporter view: %v", m)
		}

		step := func() { env.Clock.Advance(10 * time.Minute) }
		step()
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		step()
		act(t, env, f, city.OfficerPU, 200, map[string]any{"action": "follow_up", "message": "Tim akan menambal jalan minggu ini."})
		step()
		act(t, env, f, f.auth(), 200, map[string]any{"action": "reply", "message": "Sudah seminggu belum ada perbaikan."})
		step()
		act(t, env, f, city.OfficerPU, 200, map[string]any{"action": "note", "message": "Cek jadwal tim lapangan."})
		step()
		act(t, env, f, city.OfficerPU, 200, map[string]any{"action": "follow_up", "message": "Jalan sudah ditambal hari ini."})
		step()
		m = act(t, env, f, f.auth(), 200, map[string]any{"action": "complete", "rating": 5, "message": "Terima kasih!"})
		if m["status"] != "completed" || m["rating"].(float64) != 5 {
			t.Fatalf("after complete: %v", m)
		}

		// Staff see the internal note; the reporter and the public do not.
		staff := get(t, env, f, city.Admin, 200)
		wantTimeline(t, staff, "submitted:submitted", "verified:dispositioned", "followed_up:followed_up",
			"replied:reporter_replied", "noted:reporter_replied", "followed_up:followed_up", "completed:completed")
		public := get(t, env, f, "", 200)
		wantTimeline(t, public, "submitted:submitted", "verified:dispositioned", "followed_up:followed_up",
			"replied:reporter_replied", "followed_up:followed_up", "completed:completed")
		if public["reporter"] != nil {
			t.Fatalf("public view shows the reporter: %v", public["reporter"])
		}

		// Reopen once, within the window.
		step()
		m = act(t, env, f, f.auth(), 200, map[string]any{"action": "reopen", "message": "Tambalannya sudah rusak lagi."})
		if m["status"] != "reporter_replied" {
			t.Fatalf("after reopen: %v", m["status"])
		}
		act(t, env, f, city.OfficerPU, 200, map[string]any{"action": "follow_up", "message": "Diperbaiki ulang dengan aspal baru."})
		act(t, env, f, f.auth(), 200, map[string]any{"action": "complete", "rating": 4})
		act(t, env, f, f.auth(), 409, map[string]any{"action": "reopen", "message": "Lagi?"})
	})
}

func TestHoldArchiveForwardReturn(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)

		// Hold, then the reporter completes the information.
		held := submit(t, env, complaint(nil))
		act(t, env, held, city.Admin, 200, map[string]any{"action": "hold", "message": "Mohon sebutkan nomor rumah terdekat."})
		act(t, env, held, city.Admin, 409, map[string]any{"action": "verify", "unit": "dpupr"})
		m := act(t, env, held, held.auth(), 200, map[string]any{"action": "complete_info", "message": "Depan rumah no. 12."})
		if m["status"] != "submitted" {
			t.Fatalf("after complete_info: %v", m["status"])
		}
		wantTimeline(t, m, "submitted:submitted", "held:on_hold", "info_completed:submitted")

		// Archive needs a known reason.
		spam := submit(t, env, complaint(nil))
		act(t, env, spam, city.Admin, 400, map[string]any{"action": "archive"})
		act(t, env, spam, city.Admin, 400, map[string]any{"action": "archive", "reason": "boring"})
		m = act(t, env, spam, city.Admin, 200, map[string]any{"action": "archive", "reason": "duplicate", "message": "Sama dengan laporan lain."})
		if m["status"] != "archived" {
			t.Fatal(m["status"])
		}
		act(t, env, spam, city.Admin, 409, map[string]any{"action": "verify", "unit": "dpupr"})

		// Forward to another unit: the first officer loses sight of it.
		fw := submit(t, env, complaint(nil))
		act(t, env, fw, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		act(t, env, fw, city.OfficerPU, 200, map[string]any{"action": "forward", "unit": "dinkes", "message": "Terkait puskesmas."})
		get(t, env, fw, city.OfficerPU, 404)
		m = get(t, env, fw, city.OfficerDinkes, 200)
		if m["unit"].(map[string]any)["code"] != "dinkes" || m["status"] != "dispositioned" {
			t.Fatalf("after forward: %v %v", m["unit"], m["status"])
		}
		// Return as not our authority: back to the admin's queue.
		m = act(t, env, fw, city.OfficerDinkes, 200, map[string]any{"action": "return", "message": "Bukan wewenang kami."})
		if m["status"] != "submitted" {
			t.Fatalf("after return: %v", m["status"])
		}
		get(t, env, fw, city.OfficerDinkes, 404)
		m = get(t, env, fw, city.Admin, 200)
		wantTimeline(t, m, "submitted:submitted", "verified:dispositioned", "forwarded:dispositioned", "returned:submitted")
		act(t, env, fw, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr-jalan"})
	})
}

func TestPermissions(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env, complaint(nil))
		// Officers cannot see unrouted reports; supervisors read but never act.
		get(t, env, f, city.OfficerPU, 404)
		get(t, env, f, city.Supervisor, 200)
		act(t, env, f, city.Supervisor, 403, map[string]any{"action": "verify", "unit": "dpupr"})
		act(t, env, f, f.auth(), 403, map[string]any{"action": "verify", "unit": "dpupr"})
		act(t, env, f, "", 404, map[string]any{"action": "verify", "unit": "dpupr"})
		act(t, env, f, city.Admin, 400, map[string]any{"action": "verify"})
		act(t, env, f, city.Admin, 400, map[string]any{"action": "verify", "unit": "nowhere"})
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr-jalan"})

		// The parent unit's officer sees its sub-unit's reports; others get 404.
		get(t, env, f, city.OfficerPU, 200)
		get(t, env, f, city.OfficerSubPU, 200)
		get(t, env, f, city.OfficerDinkes, 404)
		act(t, env, f, city.OfficerDinkes, 404, map[string]any{"action": "follow_up", "message": "x"})
		act(t, env, f, city.Admin, 403, map[string]any{"action": "follow_up", "message": "x"})
		act(t, env, f, city.OfficerSubPU, 403, map[string]any{"action": "verify", "unit": "dinkes"})
		act(t, env, f, f.auth(), 409, map[string]any{"action": "complete", "rating": 5})
		act(t, env, f, "Receipt wrong-receipt-000000000000000", 401, map[string]any{"action": "reply", "message": "x"})
		act(t, env, f, "Bearer not-a-token", 401, map[string]any{"action": "reply", "message": "x"})

		// Inboxes are scoped.
		inbox := func(auth string) int {
			res := env.Do(t, "GET", "/api/v1/reports", nil, auth)
			if res.Status != 200 {
				t.Fatalf("inbox: %d %s", res.Status, res.Body)
			}
			return int(res.JSON(t)["total"].(float64))
		}
		submit(t, env, complaint(nil))
		if n := inbox(city.Admin); n != 2 {
			t.Fatalf("admin inbox total %d, want 2", n)
		}
		if n := inbox(city.OfficerSubPU); n != 1 {
			t.Fatalf("sub-unit officer inbox total %d, want 1", n)
		}
		if n := inbox(city.OfficerDinkes); n != 0 {
			t.Fatalf("dinkes officer inbox total %d, want 0", n)
		}
		if res := env.Do(t, "GET", "/api/v1/reports", nil, ""); res.Status != 401 {
			t.Fatalf("anonymous inbox: %d", res.Status)
		}
		if res := env.Do(t, "GET", "/api/v1/reports?status=bogus", nil, city.Admin); res.Status != 400 {
			t.Fatalf("bad status filter: %d", res.Status)
		}

		// Confidential: hidden from the public, never reversible.
		act(t, env, f, city.Admin, 200, map[string]any{"action": "set_confidential"})
		get(t, env, f, "", 404)
		get(t, env, f, f.auth(), 200)
		act(t, env, f, city.Admin, 409, map[string]any{"action": "set_confidential"})
	})
}
