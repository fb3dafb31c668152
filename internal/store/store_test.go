package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/store"
)

func TestMain(m *testing.M) {
	if os.Getenv("LAPOR_CRASH_CHILD") != "" {
		crashChild()
		return
	}
	code := m.Run()
	pgtest.Shutdown()
	os.Exit(code)
}

// each runs the suite's test on SQLite and on PostgreSQL.
func each(t *testing.T, fn func(t *testing.T, dsn string, st *store.Store)) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "s.db")
			if backend == "postgres" {
				dsn = pgtest.NewDatabase(t)
			}
			st, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			st.SetScheduleFunc(store.NoDeadlines)
			fn(t, dsn, st)
		})
	}
}

var t0 = time.Date(2026, 11, 18, 1, 0, 0, 0, time.UTC)

func newReport(i int) (*domain.Report, *domain.Event) {
	_, hash := domain.NewReceipt()
	r := &domain.Report{TrackingID: domain.NewTrackingID(), ReceiptHash: hash, Kind: domain.KindComplaint,
		Status: domain.StatusSubmitted, Title: fmt.Sprintf("Laporan %d", i), Body: "Isi laporan yang cukup panjang.",
		Channel: domain.ChannelAPI, CreatedAt: t0, UpdatedAt: t0}
	ev := &domain.Event{Type: domain.EventSubmitted, ActorRole: domain.RoleReporter, ToStatus: domain.StatusSubmitted, CreatedAt: t0}
	return r, ev
}

func TestMigrationsAreIdempotent(t *testing.T) {
	each(t, func(t *testing.T, dsn string, st *store.Store) {
		for i := 0; i < 2; i++ {
			again, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatalf("second open: %v", err)
			}
			again.Close()
		}
	})
}

func TestUnitTree(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		root, err := st.CreateUnit(ctx, "dinkes", "Dinas Kesehatan", "", t0)
		if err != nil {
			t.Fatal(err)
		}
		child, err := st.CreateUnit(ctx, "rsud", "RSUD Taman Husada", "dinkes", t0)
		if err != nil || child.ParentID == nil || *child.ParentID != root.ID {
			t.Fatalf("child: %+v %v", child, err)
		}
		if _, err := st.CreateUnit(ctx, "rsud", "again", "", t0); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("duplicate code: %v", err)
		}
		if _, err := st.CreateUnit(ctx, "x", "x", "nope", t0); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("unknown parent: %v", err)
		}
		if err := st.UpdateUnit(ctx, "dinkes", "Dinas Kesehatan", "rsud"); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("cycle accepted: %v", err)
		}
		units, _ := st.ListUnits(ctx)
		if got := domain.Descendants(units, root.ID); len(got) != 2 {
			t.Fatalf("descendants: %v", got)
		}
	})
}

func TestEventsAreAppendOnly(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		r, ev := newReport(1)
		if err := st.CreateReport(ctx, r, ev, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB().Exec(`UPDATE events SET message = 'forged'`); err == nil {
			t.Fatal("an event was updated")
		}
		if _, err := st.DB().Exec(`DELETE FROM events`); err == nil {
			t.Fatal("an event was deleted")
		}
	})
}

func TestConcurrentSubmissionsAllLand(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		const n = 200
		var wg sync.WaitGroup
		ids := make([]string, n)
		errs := make([]error, n)
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				r, ev := newReport(i)
				errs[i] = st.CreateReport(ctx, r, ev, []store.NewAttachment{{Name: "a.pdf", ContentType: "application/pdf", SHA256: "x", Data: []byte("%PDF-1.4")}})
				ids[i] = r.TrackingID
			}(i)
		}
		wg.Wait()
		seen := map[string]bool{}
		for i := range ids {
			if errs[i] != nil {
				t.Fatalf("submission %d: %v", i, errs[i])
			}
			seen[ids[i]] = true
			r, err := st.ReportByTrackingID(ctx, ids[i])
			if err != nil || r.Title != fmt.Sprintf("Laporan %d", i) {
				t.Fatalf("report %d not found as acknowledged: %v", i, err)
			}
		}
		if len(seen) != n {
			t.Fatalf("%d distinct tracking IDs for %d reports", len(seen), n)
		}
		var events, files int
		must(t, st.DB().QueryRow(`SELECT COUNT(*) FROM events`).Scan(&events))
		must(t, st.DB().QueryRow(`SELECT COUNT(*) FROM attachments`).Scan(&files))
		if events != n || files != n {
			t.Fatalf("events %d, attachments %d, want %d", events, files, n)
		}
	})
}

func TestTrackingIDCollisionIsRetried(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		a, ev := newReport(1)
		if err := st.CreateReport(ctx, a, ev, nil); err != nil {
			t.Fatal(err)
		}
		b, ev2 := newReport(2)
		b.TrackingID = a.TrackingID
		if err := st.CreateReport(ctx, b, ev2, nil); err != nil {
			t.Fatalf("collision not retried: %v", err)
		}
		if b.TrackingID == a.TrackingID {
			t.Fatal("tracking ID not replaced")
		}
		// The event of the report stored under a new ID chains correctly.
		// (VerifyChain accepts an empty timeline: the read must succeed
		// and find the submission.)
		evs, err := st.Events(ctx, b.ID)
		if err != nil {
			t.Fatalf("events after retry: %v", err)
		}
		if len(evs) != 1 || evs[0].Type != domain.EventSubmitted || evs[0].ReportID != b.ID {
			t.Fatalf("timeline after retry: %+v", evs)
		}
		if domain.VerifyChain(b.TrackingID, evs) != -1 {
			t.Fatal("chain broken after retry")
		}
	})
}

func TestConcurrentActionsKeepTheChain(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		r, ev := newReport(1)
		if err := st.CreateReport(ctx, r, ev, nil); err != nil {
			t.Fatal(err)
		}
		const n = 20
		var wg sync.WaitGroup
		var mu sync.Mutex
		failed := 0
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, _, err := st.Act(ctx, r.TrackingID, func(cur *domain.Report) (*store.Change, error) {
					return &store.Change{Status: cur.Status, Title: cur.Title, Event: domain.Event{
						Type: domain.EventNoted, ActorRole: domain.RoleAdmin, FromStatus: cur.Status, ToStatus: cur.Status,
						Message: fmt.Sprintf("catatan %d", i), Internal: true, CreatedAt: t0.Add(time.Duration(i) * time.Second)}}, nil
				})
				if err != nil {
					mu.Lock()
					failed++
					mu.Unlock()
					t.Errorf("act %d: %v", i, err)
				}
			}(i)
		}
		wg.Wait()
		evs, err := st.Events(ctx, r.ID)
		if err != nil || len(evs) != n+1 {
			t.Fatalf("%d events, want %d (%v)", len(evs), n+1, err)
		}
		if i := domain.VerifyChain(r.TrackingID, evs); i != -1 {
			t.Fatalf("chain broken at event %d", i)
		}
		cur, _ := st.ReportByTrackingID(ctx, r.TrackingID)
		if cur.Version != int64(n+1) {
			t.Fatalf("version %d, want %d", cur.Version, n+1)
		}
		status, unit, conf := domain.Replay(evs)
		if status != cur.Status || (unit == nil) != (cur.UnitID == nil) || conf != cur.Confidential {
			t.Fatal("state differs from its replay")
		}
	})
}

// TestAcknowledgedReportsSurviveACrash kills a process that is submitting
// reports and checks every report it acknowledged is in the database.
func TestAcknowledgedReportsSurviveACrash(t *testing.T) {
	each(t, func(t *testing.T, dsn string, st *store.Store) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "LAPOR_CRASH_CHILD=1", "LAPOR_CRASH_DSN="+dsn)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var acked []string
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			acked = append(acked, strings.TrimSpace(sc.Text()))
			if len(acked) == 300 {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		cmd.Wait()
		if len(acked) < 300 {
			t.Fatalf("child acknowledged only %d reports", len(acked))
		}
		ctx := context.Background()
		for _, id := range acked {
			if _, err := st.ReportByTrackingID(ctx, id); err != nil {
				t.Fatalf("acknowledged report %s lost after crash: %v", id, err)
			}
		}
	})
}

// crashChild submits reports from 8 goroutines forever, printing each
// tracking ID once CreateReport has returned (the acknowledgement).
func crashChild() {
	st, err := store.Open(context.Background(), os.Getenv("LAPOR_CRASH_DSN"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	st.SetScheduleFunc(store.NoDeadlines)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				r, ev := newReport(i)
				if err := st.CreateReport(context.Background(), r, ev, nil); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(2)
				}
				mu.Lock()
				fmt.Println(r.TrackingID)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// Several app nodes starting at once on a new database all end up with
// the schema, none fails.
func TestConcurrentStartsMigrateOnce(t *testing.T) {
	each(t, func(t *testing.T, dsn string, _ *store.Store) {
		if !store.IsPostgresURL(dsn) {
			dsn = filepath.Join(t.TempDir(), "fresh.db")
		} else {
			dsn = pgtest.NewDatabase(t)
		}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				st, err := store.Open(context.Background(), dsn)
				if err == nil {
					st.Close()
				}
				errs[i] = err
			}(i)
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("node %d: %v", i, err)
			}
		}
	})
}
