package worker_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/worker"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Shutdown()
	os.Exit(code)
}

var wita = time.FixedZone("WITA", 8*3600)

// at parses a WITA time "2006-01-02 15:04".
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, wita)
	if err != nil {
		panic(err)
	}
	return t
}

// endOf is 23:59:59 WITA of a day.
func endOf(day string) time.Time { return at(day + " 23:59").Add(59 * time.Second) }

type filed struct{ id, receipt string }

func (f filed) auth() string { return "Receipt " + f.receipt }

func submit(t *testing.T, env *apptest.Env) filed {
	t.Helper()
	res := env.Do(t, "POST", "/api/v1/reports", map[string]any{
		"kind": "complaint", "title": "Lampu jalan mati di Jl. Ahmad Yani",
		"body": "Sudah seminggu lampu jalan di depan pasar mati, rawan kecelakaan malam hari.",
	}, "")
	if res.Status != 201 {
		t.Fatalf("submit: %d %s", res.Status, res.Body)
	}
	m := res.JSON(t)
	return filed{m["tracking_id"].(string), m["receipt"].(string)}
}

func act(t *testing.T, env *apptest.Env, f filed, auth string, body map[string]any) map[string]any {
	t.Helper()
	res := env.Do(t, "POST", "/api/v1/reports/"+f.id+"/actions", body, auth)
	if res.Status != 200 {
		t.Fatalf("%v: %d %s", body["action"], res.Status, res.Body)
	}
	return res.JSON(t)
}

func get(t *testing.T, env *apptest.Env, f filed, auth string) map[string]any {
	t.Helper()
	res := env.Do(t, "GET", "/api/v1/reports/"+f.id, nil, auth)
	if res.Status != 200 {
		t.Fatalf("get %s: %d %s", f.id, res.Status, res.Body)
	}
	return res.JSON(t)
}

// due returns a report's due_at (in WITA), due_kind and overdue.
func due(t *testing.T, m map[string]any) (time.Time, string, bool) {
	t.Helper()
	s, _ := m["due_at"].(string)
	kind, _ := m["due_kind"].(string)
	if s == "" {
		return time.Time{}, kind, m["overdue"] == true
	}
	d, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("due_at %q: %v", s, err)
	}
	return d.In(wita), kind, m["overdue"] == true
}

func wantDue(t *testing.T, m map[string]any, kind, day string, overdue bool) {
	t.Helper()
	d, k, o := due(t, m)
	if k != kind || !d.Equal(endOf(day)) || o != overdue {
		t.Fatalf("due %s %s overdue=%v, want %s end of %s overdue=%v", k, d, o, kind, day, overdue)
	}
}

// events counts a report's timeline entries by type, as staff see it.
func events(t *testing.T, env *apptest.Env, f filed, auth string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, e := range get(t, env, f, auth)["timeline"].([]any) {
		out[e.(map[string]any)["type"].(string)]++
	}
	return out
}

func lastEvent(t *testing.T, env *apptest.Env, f filed, auth string) map[string]any {
	t.Helper()
	tl := get(t, env, f, auth)["timeline"].([]any)
	return tl[len(tl)-1].(map[string]any)
}

func pass(t *testing.T, env *apptest.Env, when string) worker.Result {
	t.Helper()
	env.Clock.Set(at(when))
	res, err := worker.New(env.Svc, env.Store, worker.Options{Logger: nil}).Pass(context.Background())
	if err != nil {
		t.Fatalf("pass at %s: %v", when, err)
	}
	return res
}

func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// moveTo sets the clock and logs every staff member of env.Seed in again
// (sessions expire when the clock jumps days ahead).
func moveTo(t *testing.T, env *apptest.Env, when string) apptest.City {
	t.Helper()
	env.Clock.Set(at(when))
	login := func(email string) string {
		token, _, err := env.Svc.Login(context.Background(), email, apptest.Password)
		if err != nil {
			t.Fatalf("login %s: %v", email, err)
		}
		return "Bearer " + token
	}
	// Supervisor and OfficerSubPU are left out: no test here needs them.
	return apptest.City{Admin: login("admin@bontang.go.id"), OfficerPU: login("pu@bontang.go.id"),
		OfficerDinkes: login("dinkes@bontang.go.id")}
}
