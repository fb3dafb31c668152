package worker_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/worker"
)

func TestReminderThenEscalation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env)
		act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"}) // follow-up due Wed 25

		if res := pass(t, env, "2026-11-24 23:59"); res.Written() != 0 {
			t.Fatalf("early pass wrote %+v", res)
		}
		// One working day before the deadline: a reminder, once.
		if res := pass(t, env, "2026-11-25 00:01"); res.Reminded != 1 || res.Written() != 1 {
			t.Fatalf("reminder pass: %+v", res)
		}
		if res := pass(t, env, "2026-11-25 16:00"); res.Written() != 0 {
			t.Fatalf("second reminder: %+v", res)
		}
		city = moveTo(t, env, "2026-11-25 16:00")
		if e := lastEvent(t, env, f, city.Admin); e["type"] != "reminded" || e["actor"].(map[string]any)["role"] != "system" ||
			!contains(e["message"].(string), "Dinas Pekerjaan Umum", "25 November 2026 23.59 WITA") {
			t.Fatalf("reminder event: %v", e)
		}
		// The sentence is written when read, in the reader's language, from
		// the values the event holds.
		req, _ := http.NewRequest("GET", env.Server.URL+"/api/v1/reports/"+f.id, nil)
		req.Header.Set("Authorization", city.Admin)
		req.Header.Set("Accept-Language", "en")
		tl := env.Send(t, req).JSON(t)["timeline"].([]any)
		if e := tl[len(tl)-1].(map[string]any); e["message"] != "Reminder for Dinas Pekerjaan Umum dan Penataan Ruang: the follow-up is due by 25 November 2026, 11:59 pm WITA." ||
			fmt.Sprint(e["params"]) != "map[due_at:2026-11-25T15:59:59Z unit:Dinas Pekerjaan Umum dan Penataan Ruang]" {
			t.Fatalf("reminder in English: %v", e)
		}
		// Past the deadline: escalated to the unit's head and the supervising office, once.
		if res := pass(t, env, "2026-11-26 00:00"); res.Escalated != 1 || res.Written() != 1 {
			t.Fatalf("escalation pass: %+v", res)
		}
		for _, when := range []string{"2026-11-26 08:00", "2026-11-27 08:00", "2026-12-10 08:00"} {
			if res := pass(t, env, when); res.Written() != 0 {
				t.Fatalf("pass at %s wrote again: %+v", when, res)
			}
		}
		city = moveTo(t, env, "2026-12-10 09:00")
		e := lastEvent(t, env, f, city.Admin)
		if e["type"] != "escalated" || e["reason"] != "follow_up" ||
			!contains(e["message"].(string), "Kepala Dinas Pekerjaan Umum dan Penataan Ruang", "Inspektorat Daerah") {
			t.Fatalf("escalation event: %v", e)
		}
		if got := events(t, env, f, city.Admin); got["reminded"] != 1 || got["escalated"] != 1 {
			t.Fatalf("timeline: %v", got)
		}
		// Chain of hashes stays whole with system events in it.
		rows, err := env.Store.Events(context.Background(), mustReport(t, env, f).ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(rows); i++ {
			if rows[i].PrevHash != rows[i-1].Hash {
				t.Fatalf("hash chain broken at %d", i)
			}
		}
	})
}

func mustReport(t *testing.T, env *apptest.Env, f filed) *domain.Report {
	t.Helper()
	r, err := env.Store.ReportByTrackingID(context.Background(), f.id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestVerificationBreachIsEscalated(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		f := submit(t, env) // verification due Mon 23
		if res := pass(t, env, "2026-11-23 23:00"); res.Written() != 0 {
			t.Fatalf("before the deadline: %+v", res)
		}
		if res := pass(t, env, "2026-11-24 00:00"); res.Escalated != 1 || res.Reminded != 0 {
			t.Fatalf("verification breach: %+v", res)
		}
		city := moveTo(t, env, "2026-11-24 09:00")
		if e := lastEvent(t, env, f, city.Admin); e["reason"] != "verification" {
			t.Fatalf("event: %v", e)
		}
	})
}

func TestAutoCompletionAfterTenSilentWorkingDays(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env)
		act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dinkes"})
		act(t, env, f, city.OfficerDinkes, map[string]any{"action": "follow_up", "message": "Sudah ditangani."})
		// Followed up on Wed 18: 10 working days end on Wed 2 December.
		if res := pass(t, env, "2026-12-02 23:59"); res.Written() != 0 {
			t.Fatalf("too early: %+v", res)
		}
		if res := pass(t, env, "2026-12-03 00:00"); res.AutoCompleted != 1 || res.Written() != 1 {
			t.Fatalf("auto-complete: %+v", res)
		}
		m := get(t, env, f, f.auth())
		if m["status"] != "completed" || m["due_at"] != nil {
			t.Fatalf("after auto-completion: %v %v", m["status"], m["due_at"])
		}
		if res := pass(t, env, "2026-12-20 00:00"); res.Written() != 0 {
			t.Fatalf("again: %+v", res)
		}
		// The reporter may still reopen it within the window.
		moveTo(t, env, "2026-12-04 09:00")
		m = act(t, env, f, f.auth(), map[string]any{"action": "reopen", "message": "Belum beres."})
		wantDue(t, m, "follow_up", "2026-12-11", false)
	})
}

func TestHoldExpiresAfterThirtyDays(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env)
		act(t, env, f, city.Admin, map[string]any{"action": "hold", "message": "Lokasi kurang jelas."}) // Wed 18
		if res := pass(t, env, "2026-12-18 23:59"); res.Written() != 0 {
			t.Fatalf("too early: %+v", res)
		}
		if res := pass(t, env, "2026-12-19 00:00"); res.Archived != 1 || res.Written() != 1 {
			t.Fatalf("hold expiry: %+v", res)
		}
		m := get(t, env, f, f.auth())
		if m["status"] != "archived" {
			t.Fatalf("status %v", m["status"])
		}
		e := lastEvent(t, env, f, f.auth())
		if e["type"] != "archived" || e["reason"] != "hold_expired" {
			t.Fatalf("event %v", e)
		}
	})
}

func TestOmbudsmanFlagAfterSixtyDays(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env) // Wed 18 Nov 09:00: day 60 ends on Sun 17 Jan 2027
		act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		m := get(t, env, f, city.Admin)
		if m["ombudsman_due_at"] == nil {
			t.Fatalf("no completion limit: %v", m)
		}
		pass(t, env, "2026-12-01 00:00") // the escalation
		if res := pass(t, env, "2027-01-17 23:59"); res.Flagged != 0 {
			t.Fatalf("flagged early: %+v", res)
		}
		if res := pass(t, env, "2027-01-18 00:00"); res.Flagged != 1 || res.Written() != 1 {
			t.Fatalf("ombudsman pass: %+v", res)
		}
		for _, when := range []string{"2027-01-18 00:01", "2027-03-01 00:00"} {
			if res := pass(t, env, when); res.Written() != 0 {
				t.Fatalf("again at %s: %+v", when, res)
			}
		}
		city = moveTo(t, env, "2027-03-01 09:00")
		if got := events(t, env, f, city.Admin); got["ombudsman_flagged"] != 1 || got["escalated"] != 1 {
			t.Fatalf("timeline: %v", got)
		}
	})
}

// A worker that was down for weeks catches up: each report gets what it
// is owed, no late reminder, each notice once.
func TestCatchUpAfterDowntime(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env)
		act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		res := pass(t, env, "2027-02-01 00:00")
		if res.Escalated != 1 || res.Flagged != 1 || res.Reminded != 0 || res.Written() != 2 {
			t.Fatalf("catch-up: %+v", res)
		}
		// The schedule the batch kept in memory is the one its events give.
		if n, err := env.Store.RecomputeSchedules(context.Background()); err != nil || n != 0 {
			t.Fatalf("schedules moved when derived again: %d %v", n, err)
		}
	})
}

// Many workers, in one process and in another process (a second Store on
// the same database), pass at the same moments: every notice is written
// exactly once.
func TestConcurrentWorkersWriteEachNoticeOnce(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		var reports []filed
		for i := 0; i < 12; i++ {
			f := submit(t, env)
			switch i % 4 {
			case 0: // follow-up: reminder, escalation, Ombudsman
				act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
			case 1: // auto-completion
				act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dinkes"})
				act(t, env, f, city.OfficerDinkes, map[string]any{"action": "follow_up", "message": "Selesai."})
			case 2: // hold expiry
				act(t, env, f, city.Admin, map[string]any{"action": "hold", "message": "Lengkapi."})
			case 3: // verification escalation
			}
			reports = append(reports, f)
		}
		ctx := context.Background()
		st2, err := store.Open(ctx, env.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		svc2 := service.New(st2, env.Sealer, service.Config{Now: env.Clock.Now, Logger: quiet})
		if err := svc2.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		workers := []*worker.Worker{worker.New(svc2, st2, worker.Options{Logger: quiet}), worker.New(svc2, st2, worker.Options{Logger: quiet})}
		for i := 0; i < 4; i++ {
			workers = append(workers, worker.New(env.Svc, env.Store, worker.Options{Logger: quiet, Batch: 3}))
		}
		for _, when := range []string{"2026-11-24 00:01", "2026-11-25 12:00", "2026-11-26 12:00", "2026-12-03 12:00",
			"2026-12-19 12:00", "2027-01-18 12:00", "2027-01-19 12:00"} {
			env.Clock.Set(at(when))
			var wg sync.WaitGroup
			errs := make(chan error, len(workers))
			for _, w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := w.Pass(ctx); err != nil {
						errs <- err
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatalf("pass at %s: %v", when, err)
			}
		}
		if n, err := env.Store.RecomputeSchedules(ctx); err != nil || n != 0 {
			t.Fatalf("schedules moved when derived again: %d %v", n, err)
		}
		city = moveTo(t, env, "2027-01-20 09:00")
		for i, f := range reports {
			got := events(t, env, f, city.Admin)
			var want map[string]int
			switch i % 4 {
			case 0:
				want = map[string]int{"reminded": 1, "escalated": 1, "ombudsman_flagged": 1}
			case 1:
				want = map[string]int{"auto_completed": 1}
			case 2:
				want = map[string]int{"archived": 1}
			case 3:
				want = map[string]int{"escalated": 1, "ombudsman_flagged": 1}
			}
			for _, typ := range []string{"reminded", "escalated", "ombudsman_flagged", "auto_completed", "archived"} {
				if got[typ] != want[typ] {
					t.Errorf("report %d (%s): %d %s events, want %d (timeline %v)", i, f.id, got[typ], typ, want[typ], got)
				}
			}
		}
		if t.Failed() {
			fmt.Println(env.Logs.String())
		}
	})
}

// A report that cannot be written (its row no longer matches its
// timeline) is logged and left alone; the pass serves the others, in
// batches smaller than the work.
func TestBrokenReportDoesNotStopThePass(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		var reports []filed
		for i := 0; i < 7; i++ {
			reports = append(reports, submit(t, env)) // verification due Mon 23
		}
		broken := mustReport(t, env, reports[3])
		q := "UPDATE reports SET version = 9 WHERE id = ?"
		if env.Store.Dialect() == store.Postgres {
			q = "UPDATE reports SET version = 9 WHERE id = $1"
		}
		if _, err := env.Store.DB().ExecContext(context.Background(), q, broken.ID); err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(at("2026-11-24 00:01"))
		var logs bytes.Buffer
		w := worker.New(env.Svc, env.Store, worker.Options{Batch: 2, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		res, err := w.Pass(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if res.Escalated != 6 || res.Written() != 6 || !strings.Contains(logs.String(), broken.TrackingID) {
			t.Fatalf("pass: %+v, log %s", res, logs.String())
		}
		if res, err := w.Pass(context.Background()); err != nil || res.Written() != 0 {
			t.Fatalf("second pass: %+v %v", res, err)
		}
	})
}
