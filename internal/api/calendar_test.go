package api_test

import (
	"bytes"
	"net/http"
	"reflect"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

func calendarOf(t *testing.T, env *apptest.Env, year string) map[string]any {
	t.Helper()
	res := env.Do(t, "GET", "/api/v1/calendar/"+year, nil, "")
	if res.Status != 200 {
		t.Fatalf("calendar %s: %d %s", year, res.Status, res.Body)
	}
	return res.JSON(t)
}

func importFile(t *testing.T, env *apptest.Env, auth, query, contentType, body string) apptest.Response {
	t.Helper()
	req, err := http.NewRequest("POST", env.Server.URL+"/api/v1/calendar/import"+query, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", auth)
	return env.Send(t, req)
}

// An admin who enters an impossible calendar gets a clear error and
// nothing changes: not the holidays, not the settings, not a due date.
func TestImpossibleCalendarChangesNothing(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env, complaint(nil))
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		before2026, before2027 := calendarOf(t, env, "2026"), calendarOf(t, env, "2027")
		settings := env.Do(t, "GET", "/api/v1/settings/deadlines", nil, city.Admin).JSON(t)
		due := get(t, env, f, city.Admin, 200)["due_at"]

		bad := func(what string, res apptest.Response, field string) {
			t.Helper()
			if res.Status != 400 {
				t.Fatalf("%s: status %d, want 400: %s", what, res.Status, res.Body)
			}
			e := res.JSON(t)["error"].(map[string]any)
			fields, _ := e["fields"].(map[string]any)
			if e["code"] != "invalid" || fields[field] == nil || fields[field] == "" {
				t.Fatalf("%s: want a message on %q: %s", what, field, res.Body)
			}
		}
		for _, c := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"date": "2026-02-30", "name": "Tidak ada"}, "date"},
			{map[string]any{"date": "besok", "name": "Libur"}, "date"},
			{map[string]any{"date": "30/11/2026", "name": "Libur"}, "date"},
			{map[string]any{"date": "1899-12-01", "name": "Libur"}, "date"},
			{map[string]any{"date": "2026-11-30", "name": ""}, "name"},
			{map[string]any{"date": "2026-11-30", "name": "Libur", "kind": "pesta"}, "kind"},
			{map[string]any{"date": "2026-01-01", "name": "Tahun Baru lagi"}, "date"},
		} {
			bad("holiday "+c.body["date"].(string), env.Do(t, "POST", "/api/v1/calendar/holidays", c.body, city.Admin), c.field)
		}
		bad("remove a non-date", env.Do(t, "DELETE", "/api/v1/calendar/holidays/kemarin", nil, city.Admin), "date")

		// A file with one impossible line is refused whole, line by line.
		csv := "date,kind,name\n2027-01-01,libur_nasional,Tahun Baru 2027\n2027-02-29,libur_nasional,Tidak ada\n2027-13-01,cuti_bersama,Tidak ada\n"
		res := importFile(t, env, city.Admin, "", "text/csv", csv)
		bad("csv", res, "line 3")
		if fields := res.JSON(t)["error"].(map[string]any)["fields"].(map[string]any); fields["line 4"] == nil {
			t.Fatalf("every bad line is named: %v", fields)
		}
		bad("empty csv", importFile(t, env, city.Admin, "", "text/csv", ""), "line 1")
		bad("no header", importFile(t, env, city.Admin, "", "text/csv", "2027-01-01,libur_nasional,Tahun Baru\n"), "line 1")
		bad("ical", importFile(t, env, city.Admin, "?format=ical", "text/calendar",
			"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270230\r\nSUMMARY:X\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "line 3")
		bad("year 2500", importFile(t, env, city.Admin, "", "text/csv", "date,kind,name\n2500-01-01,other,Jauh\n"), "2500-01-01")

		// Deadlines of zero, negative or absurd length.
		for _, c := range []struct {
			body  string
			field string
		}{
			{`{"follow_up_days": 0}`, "follow_up_days"},
			{`{"verify_days": -3}`, "verify_days"},
			{`{"auto_complete_days": 100000}`, "auto_complete_days"},
			{`{"hold_days": 366}`, "hold_days"},
			{`{"completion_days": "enam puluh"}`, "completion_days"},
			{`{"follow_up_days": 2.5}`, "follow_up_days"},
			{`{"kinds": {"complaint": {"follow_up_days": 0}}}`, "kinds.complaint.follow_up_days"},
			{`{"kinds": {"gossip": {"follow_up_days": 3}}}`, "kinds.gossip"},
			{`{"categories": {"tidak-ada": {"follow_up_days": 3}}}`, "categories.tidak-ada"},
			{`{"grades": {"good": 40, "fair": 60}}`, "grades.fair"},
			{`{"grades": {"good": 140}}`, "grades.good"},
			{`{"follow_up_days": 7, "verify_days": 0}`, "verify_days"},
		} {
			bad("settings "+c.body, env.Do(t, "PUT", "/api/v1/settings/deadlines", []byte(c.body), city.Admin), c.field)
		}
		if res := env.Do(t, "PUT", "/api/v1/settings/deadlines", []byte(`{"follow_up_days": `), city.Admin); res.Status != 400 {
			t.Fatalf("malformed JSON: %d", res.Status)
		}

		// Only admins edit; anyone reads the calendar.
		if res := env.Do(t, "POST", "/api/v1/calendar/holidays", map[string]any{"date": "2026-11-30", "name": "Libur"}, city.OfficerPU); res.Status != 403 {
			t.Fatalf("officer adds a holiday: %d", res.Status)
		}
		if res := env.Do(t, "PUT", "/api/v1/settings/deadlines", map[string]any{"follow_up_days": 9}, ""); res.Status != 401 {
			t.Fatalf("anonymous changes settings: %d", res.Status)
		}
		if res := importFile(t, env, city.Supervisor, "", "text/csv", "date,kind,name\n2027-01-01,libur_nasional,Tahun Baru\n"); res.Status != 403 {
			t.Fatalf("supervisor imports: %d", res.Status)
		}

		// Nothing changed.
		if got := calendarOf(t, env, "2026"); !reflect.DeepEqual(got, before2026) {
			t.Fatalf("2026 changed:\n%v\n%v", got, before2026)
		}
		if got := calendarOf(t, env, "2027"); !reflect.DeepEqual(got, before2027) {
			t.Fatalf("2027 changed: %v", got)
		}
		if got := env.Do(t, "GET", "/api/v1/settings/deadlines", nil, city.Admin).JSON(t); !reflect.DeepEqual(got, settings) {
			t.Fatalf("settings changed:\n%v\n%v", got, settings)
		}
		if got := get(t, env, f, city.Admin, 200)["due_at"]; got != due {
			t.Fatalf("due date moved: %v -> %v", due, got)
		}
	})
}

func TestImportHolidays(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		csv := "date,kind,name\n2027-01-01,libur_nasional,Tahun Baru 2027 Masehi\n2027-02-06,libur_nasional,Tahun Baru Imlek\n"
		res := importFile(t, env, city.Admin, "", "text/csv", csv)
		if res.Status != 200 || len(res.JSON(t)["holidays"].([]any)) != 2 {
			t.Fatalf("csv import: %d %s", res.Status, res.Body)
		}
		ical := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Bontang//ID\r\nBEGIN:VEVENT\r\nUID:1@bontang\r\n" +
			"DTSTART;VALUE=DATE:20270310\r\nDTEND;VALUE=DATE:20270312\r\nSUMMARY:Libur Daerah\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		res = importFile(t, env, city.Admin, "", "text/calendar", ical)
		if res.Status != 200 {
			t.Fatalf("ical import: %d %s", res.Status, res.Body)
		}
		m := calendarOf(t, env, "2027")
		if n := len(m["holidays"].([]any)) + len(m["weekend_holidays"].([]any)); n != 4 {
			t.Fatalf("2027 after imports: %d days: %v", n, m)
		}
		// An official list replaces its year when asked to.
		res = importFile(t, env, city.Admin, "?replace=true", "text/csv", "date,kind,name\n2027-01-01,libur_nasional,Tahun Baru 2027\n")
		if res.Status != 200 {
			t.Fatalf("replace: %d %s", res.Status, res.Body)
		}
		m = calendarOf(t, env, "2027")
		if n := len(m["holidays"].([]any)) + len(m["weekend_holidays"].([]any)); n != 1 {
			t.Fatalf("2027 after replace: %v", m)
		}
		if n := len(calendarOf(t, env, "2026")["holidays"].([]any)); n != 21 {
			t.Fatalf("2026 touched by a 2027 import: %d", n)
		}
	})
}
