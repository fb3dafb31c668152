package worker_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/worker"
)

const openReports = 100_000

// openCity holds 100,000 open reports on SQLite, built once per process:
// routed over the last seven days (follow-ups falling due every hour), a
// tenth on hold, a tenth followed up and waiting for the reporter.
var openCity = struct {
	once sync.Once
	env  *apptest.Env
}{}

type keepAlive struct{ testing.TB }

func (keepAlive) Cleanup(func()) {}

// benchStart is Monday 7 December 2026, 08:00 WITA.
var benchStart = time.Date(2026, 12, 7, 8, 0, 0, 0, wita)

func loadOpenCity(b *testing.B) *apptest.Env {
	openCity.once.Do(func() {
		env := apptest.New(&keepAlive{TB: b}, filepath.Join(b.TempDir(), "open.db"), apptest.Options{})
		ctx := context.Background()
		var units []int64
		for i := 1; i <= 8; i++ {
			u, err := env.Svc.AddUnit(ctx, service.Operator, fmt.Sprintf("opd-%d", i), fmt.Sprintf("Dinas %d", i), "")
			if err != nil {
				b.Fatal(err)
			}
			units = append(units, u.ID)
		}
		rng := rand.New(rand.NewPCG(7, 7))
		began := time.Now()
		batch := make([]store.History, 0, 5000)
		for i := 0; i < openReports; i++ {
			t0 := benchStart.Add(-time.Duration(rng.Int64N(int64(7 * 24 * time.Hour)))).Truncate(time.Second)
			r := &domain.Report{TrackingID: fmt.Sprintf("B%03d-%04d", i/10000, i%10000), ReceiptHash: fmt.Sprintf("b-%d", i),
				Kind: domain.KindComplaint, Title: "Laporan beban", Body: "Isi laporan beban kerja penjadwal.", Channel: domain.ChannelWeb}
			evs := []domain.Event{{Type: domain.EventSubmitted, ActorRole: domain.RoleReporter, ToStatus: domain.StatusSubmitted, CreatedAt: t0}}
			u := units[i%len(units)]
			switch i % 10 {
			case 0:
				evs = append(evs, domain.Event{Type: domain.EventHeld, ActorRole: domain.RoleAdmin, FromStatus: domain.StatusSubmitted,
					ToStatus: domain.StatusOnHold, CreatedAt: t0.Add(time.Minute)})
			case 1:
				evs = append(evs, domain.Event{Type: domain.EventVerified, ActorRole: domain.RoleAdmin, UnitID: &u,
					FromStatus: domain.StatusSubmitted, ToStatus: domain.StatusDispositioned, CreatedAt: t0.Add(time.Minute)},
					domain.Event{Type: domain.EventFollowedUp, ActorRole: domain.RoleOfficer, FromStatus: domain.StatusDispositioned,
						ToStatus: domain.StatusFollowedUp, CreatedAt: t0.Add(time.Hour)})
			default:
				evs = append(evs, domain.Event{Type: domain.EventVerified, ActorRole: domain.RoleAdmin, UnitID: &u,
					FromStatus: domain.StatusSubmitted, ToStatus: domain.StatusDispositioned, CreatedAt: t0.Add(time.Minute)})
			}
			batch = append(batch, store.History{Report: r, Events: evs})
			if len(batch) == cap(batch) {
				if err := env.Store.ImportReports(ctx, batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		// Clear what is owed at the start, then fold the log into the file.
		env.Clock.Set(benchStart)
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		res, err := worker.New(env.Svc, env.Store, worker.Options{Logger: quiet}).Pass(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := env.Store.DB().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			b.Fatal(err)
		}
		b.Logf("%d open reports loaded in %s; the first pass wrote %d notices in %s", openReports,
			time.Since(began).Round(time.Second), res.Written(), res.Took.Round(time.Millisecond))
		openCity.env = env
	})
	if openCity.env == nil {
		b.Fatal("city not loaded")
	}
	return openCity.env
}

// BenchmarkWorkerPass is the scheduler's pass over 100,000 open reports
// with nothing owed: one indexed query.
func BenchmarkWorkerPass(b *testing.B) {
	env := loadOpenCity(b)
	env.Clock.Set(benchStart)
	w := worker.New(env.Svc, env.Store, worker.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ctx := context.Background()
	for b.Loop() {
		res, err := w.Pass(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if res.Written() != 0 {
			b.Fatalf("idle pass wrote %d", res.Written())
		}
	}
}

// BenchmarkWorkerPassMidnight is the nightly burst. Every deadline ends at
// 23:59:59, so the pass just after midnight writes the reminders and
// escalations of a whole day (with 100,000 open reports, thousands), in
// short transactions of Options.Batch reports, while reports keep being
// submitted (their latency is reported).
func BenchmarkWorkerPassMidnight(b *testing.B) {
	env := loadOpenCity(b)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	w := worker.New(env.Svc, env.Store, worker.Options{Logger: quiet})
	ctx := context.Background()
	stop := make(chan struct{})
	var lat []time.Duration
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			t := time.Now()
			_, err := env.Svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint, Title: "Laporan saat penjadwal bekerja",
				Body: "Laporan masuk ketika penjadwal sedang menulis pengingat."}, nil)
			if err != nil {
				b.Error(err)
				return
			}
			mu.Lock()
			lat = append(lat, time.Since(t))
			mu.Unlock()
			time.Sleep(5 * time.Millisecond)
		}
	}()
	written, took := 0, time.Duration(0)
	night := time.Date(2026, 12, 8, 0, 1, 0, 0, wita)
	for b.Loop() {
		env.Clock.Set(night)
		res, err := w.Pass(ctx)
		if err != nil {
			b.Fatal(err)
		}
		written += res.Written()
		took += res.Took
		night = night.AddDate(0, 0, 1)
	}
	close(stop)
	<-done
	b.ReportMetric(float64(written)/float64(b.N), "notices/pass")
	b.ReportMetric(float64(written)/took.Seconds(), "notices/s")
	mu.Lock()
	defer mu.Unlock()
	if len(lat) > 0 {
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-submit-ms")
		b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-submit-ms")
	}
}

// BenchmarkRecomputeSchedules is what an admin waits for after changing
// the calendar or the deadlines: every open report's schedule derived
// again from its events (here all 100,000 change: the follow-up days
// alternate between 5 and 6).
func BenchmarkRecomputeSchedules(b *testing.B) {
	env := loadOpenCity(b)
	ctx := context.Background()
	admin := service.Viewer{User: &domain.User{Role: domain.RoleAdmin}}
	days := 5
	moved := 0
	for b.Loop() {
		days = 11 - days
		res, err := env.Svc.UpdateDeadlineSettings(ctx, admin, []byte(fmt.Sprintf(`{"follow_up_days": %d}`, days)))
		if err != nil {
			b.Fatal(err)
		}
		moved += res.Rescheduled
	}
	b.ReportMetric(float64(moved)/float64(b.N), "rescheduled/op")
}
