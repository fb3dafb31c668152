package api_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lapor-id/lapor/internal/apptest"
)

var witaZone = time.FixedZone("WITA", 8*3600)

func evalRow(t *testing.T, m map[string]any, unit string) map[string]any {
	t.Helper()
	for _, r := range m["rows"].([]any) {
		if r.(map[string]any)["unit"] == unit {
			return r.(map[string]any)
		}
	}
	t.Fatalf("no row for %s in %v", unit, m["rows"])
	return nil
}

func wantFigures(t *testing.T, row map[string]any, want map[string]any) {
	t.Helper()
	for k, v := range want {
		got := row[k]
		if f, ok := got.(float64); ok {
			if vf, ok := v.(int); ok && f == float64(vf) {
				continue
			}
			if vf, ok := v.(float64); ok && f == vf {
				continue
			}
		}
		if got != v {
			t.Errorf("%s %s = %v, want %v", row["unit"], k, got, v)
		}
	}
}

func TestEvaluationAndSanctions(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		clock := func(s string) {
			tm, _ := time.ParseInLocation("2006-01-02 15:04", s, witaZone)
			env.Clock.Set(tm)
		}
		// Wednesday 18 November: three complaints are routed; follow-ups are due on Wednesday 25.
		clock("2026-11-18 09:10")
		r1, r2, r3 := submit(t, env, complaint(nil)), submit(t, env, complaint(nil)), submit(t, env, complaint(nil))
		act(t, env, r1, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		act(t, env, r2, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		act(t, env, r3, city.Admin, 200, map[string]any{"action": "verify", "unit": "dinkes"})
		clock("2026-11-18 10:00")
		act(t, env, r1, city.OfficerPU, 200, map[string]any{"action": "follow_up", "message": "Sudah ditambal."})
		act(t, env, r1, r1.auth(), 200, map[string]any{"action": "complete", "rating": 4})
		// Dinkes answers late, on Monday 30; DPUPR never answers r2.
		clock("2026-11-30 10:00")
		login := func(email string) string {
			token, _, err := env.Svc.Login(t.Context(), email, apptest.Password)
			if err != nil {
				t.Fatal(err)
			}
			return "Bearer " + token
		}
		act(t, env, r3, login("dinkes@bontang.go.id"), 200, map[string]any{"action": "follow_up", "message": "Maaf terlambat."})

		clock("2026-12-01 10:00")
		admin, officer, supervisor := login("admin@bontang.go.id"), login("pu@bontang.go.id"), login("inspektorat@bontang.go.id")
		res := env.Do(t, "GET", "/api/v1/evaluation?from=2026-11-01&to=2026-11-30", nil, supervisor)
		if res.Status != 200 {
			t.Fatalf("evaluation: %d %s", res.Status, res.Body)
		}
		m := res.JSON(t)
		if len(m["rows"].([]any)) != 3 {
			t.Fatalf("want one row per unit: %v", m["rows"])
		}
		wantFigures(t, evalRow(t, m, "dpupr"), map[string]any{
			"received": 2, "followed_up": 1, "followed_up_on_time": 1, "missed": 1, "on_time_rate": 50,
			"median_days_to_follow_up": 0, "completed": 1, "reopened": 0, "average_rating": 4,
			"overdue_backlog": 1, "oldest_overdue_days": 4, "grade": "fair",
		})
		wantFigures(t, evalRow(t, m, "dinkes"), map[string]any{
			"received": 1, "followed_up": 1, "followed_up_on_time": 0, "followed_up_late": 1, "on_time_rate": 0,
			"median_days_to_follow_up": 8, "overdue_backlog": 0, "grade": "poor",
		})
		wantFigures(t, evalRow(t, m, "dpupr-jalan"), map[string]any{"received": 0, "grade": nil, "on_time_rate": nil})

		// An officer sees their own unit, not the others.
		res = env.Do(t, "GET", "/api/v1/evaluation?from=2026-11-01&to=2026-11-30", nil, officer)
		if res.Status != 200 || len(res.JSON(t)["rows"].([]any)) != 2 {
			t.Fatalf("officer: %d %s", res.Status, res.Body)
		}
		if res := env.Do(t, "GET", "/api/v1/evaluation?unit=dinkes", nil, officer); res.Status != 403 {
			t.Fatalf("officer reads another unit: %d", res.Status)
		}
		if res := env.Do(t, "GET", "/api/v1/evaluation", nil, ""); res.Status != 401 {
			t.Fatalf("public: %d", res.Status)
		}
		for _, q := range []string{"from=2026-13-01", "to=kemarin", "from=2026-12-01&to=2026-11-01", "from=2010-01-01&to=2026-01-01", "format=pdf"} {
			if res := env.Do(t, "GET", "/api/v1/evaluation?"+q, nil, admin); res.Status != 400 {
				t.Fatalf("%s: %d %s", q, res.Status, res.Body)
			}
		}

		// The trend per month.
		m = env.Do(t, "GET", "/api/v1/evaluation?from=2026-10-01&to=2026-11-30&trend=month", nil, admin).JSON(t)
		trend := m["trend"].([]any)
		if len(trend) != 2 || trend[1].(map[string]any)["month"] != "2026-11" || trend[1].(map[string]any)["received"].(float64) != 3 {
			t.Fatalf("trend: %v", trend)
		}

		// CSV: a header of column codes, one line per unit and a total.
		res = env.Do(t, "GET", "/api/v1/evaluation.csv?from=2026-11-01&to=2026-11-30", nil, admin)
		if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %s", res.Status, res.Header)
		}
		recs, err := csv.NewReader(bytes.NewReader(res.Body)).ReadAll()
		if err != nil || len(recs) != 5 || recs[0][0] != "unit" || recs[0][2] != "received" {
			t.Fatalf("csv: %v %q", err, res.Body)
		}
		// XLSX, as the offices use: the figures and the trend.
		res = env.Do(t, "GET", "/api/v1/evaluation.xlsx?from=2026-11-01&to=2026-11-30", nil, admin)
		if res.Status != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("xlsx: %d %v", res.Status, res.Header)
		}
		x, err := excelize.OpenReader(bytes.NewReader(res.Body))
		if err != nil {
			t.Fatalf("xlsx: %v", err)
		}
		sheets := x.GetSheetList()
		rows, err := x.GetRows(sheets[0])
		// The figures, the monthly trend, and the information requests apart.
		if err != nil || len(sheets) != 3 || sheets[2] != "Permintaan informasi" || len(rows) != 5 || rows[0][2] != "Diterima" {
			t.Fatalf("xlsx: %v %v %v", err, sheets, rows)
		}
		var dpupr []string
		for _, r := range rows {
			if r[0] == "dpupr" {
				dpupr = r
			}
		}
		if dpupr == nil || dpupr[2] != "2" || dpupr[len(dpupr)-1] != "Sedang" {
			t.Fatalf("xlsx dpupr row: %v", dpupr)
		}
		x.Close()

		// The sanction list: each unit that left reports overdue, with evidence.
		res = env.Do(t, "GET", "/api/v1/sanctions?from=2026-11-01&to=2026-11-30", nil, supervisor)
		if res.Status != 200 {
			t.Fatalf("sanctions: %d %s", res.Status, res.Body)
		}
		units := res.JSON(t)["units"].([]any)
		if len(units) != 2 {
			t.Fatalf("sanctions: %s", res.Body)
		}
		got := map[string]map[string]any{}
		for _, u := range units {
			um := u.(map[string]any)
			reps := um["reports"].([]any)
			if len(reps) != 1 {
				t.Fatalf("sanctions of %v: %v", um["unit"], reps)
			}
			got[um["unit"].(string)] = reps[0].(map[string]any)
		}
		if r := got["dpupr"]; r["tracking_id"] != r2.id || r["overdue_days"].(float64) != 4 || r["resolved_at"] != nil ||
			r["timeline_url"] != "/api/v1/reports/"+r2.id {
			t.Fatalf("dpupr sanction: %v", r)
		}
		if r := got["dinkes"]; r["tracking_id"] != r3.id || r["overdue_days"].(float64) != 3 || r["resolved_at"] == nil {
			t.Fatalf("dinkes sanction: %v", r)
		}
		if res := env.Do(t, "GET", "/api/v1/sanctions", nil, officer); res.Status != 403 {
			t.Fatalf("officer reads the sanction list: %d", res.Status)
		}
		res = env.Do(t, "GET", "/api/v1/sanctions?from=2026-11-01&to=2026-11-30&format=csv", nil, admin)
		if recs, err := csv.NewReader(bytes.NewReader(res.Body)).ReadAll(); err != nil || len(recs) != 3 {
			t.Fatalf("sanctions csv: %v %s", err, res.Body)
		}
	})
}
