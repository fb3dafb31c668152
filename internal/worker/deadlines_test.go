package worker_test

import (
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

// The clock starts on Wednesday 2026-11-18 09:00 WITA (apptest.Start).

func TestDueDatesFollowTheStages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env)
		// Verification: 3 working days, the day of submission not counted.
		wantDue(t, get(t, env, f, f.auth()), "verification", "2026-11-23", false)

		// On hold the verification clock pauses; the hold expires in 30 days.
		city = moveTo(t, env, "2026-11-19 10:00")
		m := act(t, env, f, city.Admin, map[string]any{"action": "hold", "message": "Mohon sebutkan nomor tiang lampu."})
		wantDue(t, m, "hold_expiry", "2026-12-19", false)
		city = moveTo(t, env, "2026-11-24 15:00")
		m = act(t, env, f, f.auth(), map[string]any{"action": "complete_info", "message": "Tiang nomor 17."})
		// Ran on Thu 19; paused from Fri 20 to Tue 24; Wed 25 and Thu 26 complete it.
		wantDue(t, m, "verification", "2026-11-26", false)

		city = moveTo(t, env, "2026-11-25 10:00")
		m = act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		// Follow-up: Thu 26, Fri 27, Mon 30, Tue 1, Wed 2.
		wantDue(t, m, "follow_up", "2026-12-02", false)

		// Past the deadline the report is overdue, for everyone who sees it.
		city = moveTo(t, env, "2026-12-03 08:00")
		wantDue(t, get(t, env, f, city.OfficerPU), "follow_up", "2026-12-02", true)
		wantDue(t, get(t, env, f, ""), "follow_up", "2026-12-02", true)

		// The follow-up stops that clock; the reporter's silence starts auto-completion.
		m = act(t, env, f, city.OfficerPU, map[string]any{"action": "follow_up", "message": "Lampu sudah diganti."})
		wantDue(t, m, "auto_complete", "2026-12-17", false)
		m = act(t, env, f, f.auth(), map[string]any{"action": "complete", "rating": 5})
		if m["due_at"] != nil || m["overdue"] != false {
			t.Fatalf("completed report keeps a deadline: %v %v", m["due_at"], m["overdue"])
		}
	})
}

func TestInboxSortsAndFiltersByDeadline(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		a := submit(t, env) // verification due Mon 23
		city = moveTo(t, env, "2026-11-20 10:00")
		b := submit(t, env) // verification due Wed 25
		city = moveTo(t, env, "2026-11-19 10:00")
		c := submit(t, env)                                                              // due Tue 24
		act(t, env, c, city.Admin, map[string]any{"action": "verify", "unit": "dinkes"}) // follow-up due Thu 26

		city = moveTo(t, env, "2026-11-24 10:00")
		res := env.Do(t, "GET", "/api/v1/reports?sort=due", nil, city.Admin)
		var order []string
		for _, r := range res.JSON(t)["reports"].([]any) {
			order = append(order, r.(map[string]any)["tracking_id"].(string))
		}
		if len(order) != 3 || order[0] != a.id || order[1] != b.id || order[2] != c.id {
			t.Fatalf("sort=due: %v, want %v", order, []string{a.id, b.id, c.id})
		}
		res = env.Do(t, "GET", "/api/v1/reports?overdue=true", nil, city.Admin)
		list := res.JSON(t)["reports"].([]any)
		if len(list) != 1 || list[0].(map[string]any)["tracking_id"] != a.id || list[0].(map[string]any)["overdue"] != true {
			t.Fatalf("overdue=true: %s", res.Body)
		}
	})
}

func TestHolidayAddedAfterRoutingMovesTheDeadline(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env)
		act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		wantDue(t, get(t, env, f, city.Admin), "follow_up", "2026-11-25", false)

		// The mayor declares Tuesday 24 November a regional holiday.
		res := env.Do(t, "POST", "/api/v1/calendar/holidays",
			map[string]any{"date": "2026-11-24", "kind": "libur_daerah", "name": "Hari Jadi Kota Bontang"}, city.Admin)
		if res.Status != 201 || res.JSON(t)["rescheduled"].(float64) < 1 {
			t.Fatalf("add holiday: %d %s", res.Status, res.Body)
		}
		wantDue(t, get(t, env, f, city.Admin), "follow_up", "2026-11-26", false)
		cal := env.Do(t, "GET", "/api/v1/calendar/2026", nil, "").JSON(t)
		found := false
		for _, h := range cal["holidays"].([]any) {
			if h.(map[string]any)["date"] == "2026-11-24" && h.(map[string]any)["name"] == "Hari Jadi Kota Bontang" {
				found = true
			}
		}
		if !found {
			t.Fatalf("calendar does not list the new holiday: %v", cal["holidays"])
		}

		// Removing it moves the deadline back.
		res = env.Do(t, "DELETE", "/api/v1/calendar/holidays/2026-11-24", nil, city.Admin)
		if res.Status != 200 {
			t.Fatalf("remove holiday: %d %s", res.Status, res.Body)
		}
		wantDue(t, get(t, env, f, city.Admin), "follow_up", "2026-11-25", false)

		// Longer deadlines in the settings move it too.
		res = env.Do(t, "PUT", "/api/v1/settings/deadlines", map[string]any{"follow_up_days": 7}, city.Admin)
		if res.Status != 200 {
			t.Fatalf("settings: %d %s", res.Status, res.Body)
		}
		wantDue(t, get(t, env, f, city.Admin), "follow_up", "2026-11-27", false)
	})
}

func TestCalendarYear(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		m := env.Do(t, "GET", "/api/v1/calendar/2026", nil, "").JSON(t)
		hs := m["holidays"].([]any)
		// 25 days off in the official list, 4 of them on a weekend.
		if len(hs) != 21 || len(m["weekend_holidays"].([]any)) != 4 {
			t.Fatalf("2026: %d weekday and %d weekend holidays", len(hs), len(m["weekend_holidays"].([]any)))
		}
		first := hs[0].(map[string]any)
		if first["date"] != "2026-01-01" || first["name"] != "Tahun Baru 2026 Masehi" || first["kind"] != "libur_nasional" {
			t.Fatalf("first holiday: %v", first)
		}
		if m["time_zone"] != "Asia/Makassar" || m["working_days"].(float64) != 261-21 {
			t.Fatalf("calendar: %v %v", m["time_zone"], m["working_days"])
		}
		if m := env.Do(t, "GET", "/api/v1/calendar/2027", nil, "").JSON(t); len(m["holidays"].([]any)) != 0 {
			t.Fatalf("2027 has holidays before anyone entered them: %v", m)
		}
		if res := env.Do(t, "GET", "/api/v1/calendar/20x6", nil, ""); res.Status != 400 {
			t.Fatalf("bad year: %d", res.Status)
		}
	})
}
