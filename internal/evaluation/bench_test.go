package evaluation_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// A city with 100,000 reports filed over 2026, each with a random lawful
// timeline (about six events), on SQLite; built once per process.
type city100k struct {
	once sync.Once
	env  *apptest.Env
}

var bigCity, bigCityPG city100k

const cityReports = 100_000

func loadBigCity(b *testing.B) *apptest.Env { return bigCity.load(b, false) }

// loadBigCityPG is the same city on PostgreSQL, when LAPOR_BENCH_PG=1.
func loadBigCityPG(b *testing.B) *apptest.Env {
	if os.Getenv("LAPOR_BENCH_PG") != "1" {
		b.Skip("set LAPOR_BENCH_PG=1 to load 100,000 reports into PostgreSQL")
	}
	return bigCityPG.load(b, true)
}

func (bc *city100k) load(b *testing.B, pg bool) *apptest.Env {
	bc.once.Do(func() {
		// The instance outlives this benchmark function: b.Cleanup would
		// close it before the next run of the benchmark.
		tb := &keepAlive{TB: b}
		dsn := filepath.Join(b.TempDir(), "city.db")
		if pg {
			dsn = pgtest.NewDatabase(tb)
		}
		env := apptest.New(tb, dsn, apptest.Options{})
		units, cats := city(b, env)
		g := &generator{rng: rand.New(rand.NewPCG(2026, 100)), units: units, cats: cats,
			until: time.Date(2027, 1, 15, 12, 0, 0, 0, wita)}
		began := time.Now()
		ctx := context.Background()
		batch := make([]store.History, 0, 5000)
		events := 0
		for i := 0; i < cityReports; i++ {
			start := time.Date(2026, 1, 1, 7, 0, 0, 0, wita).Add(time.Duration(g.rng.Int64N(int64(365 * 24 * time.Hour))))
			h := g.report(start)
			events += len(h.Events)
			batch = append(batch, h)
			if len(batch) == cap(batch) {
				if err := env.Store.ImportReports(ctx, batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		if err := env.Store.ImportReports(ctx, batch); err != nil {
			b.Fatal(err)
		}
		// A steady state: the write-ahead log folded into the database,
		// the planner's statistics up to date.
		checkpoint := "PRAGMA wal_checkpoint(TRUNCATE)"
		if pg {
			checkpoint = "VACUUM ANALYZE"
		}
		if _, err := env.Store.DB().ExecContext(ctx, checkpoint); err != nil {
			b.Fatal(err)
		}
		env.Clock.Set(g.until)
		b.Logf("city (%s): %d reports, %d events, loaded in %s", env.Backend, cityReports, events, time.Since(began).Round(time.Second))
		bc.env = env
	})
	if bc.env == nil {
		b.Fatal("city not loaded")
	}
	return bc.env
}

// keepAlive ignores Cleanup so the shared instance survives.
type keepAlive struct{ testing.TB }

func (keepAlive) Cleanup(func()) {}

// BenchmarkEvaluationYear evaluates every unit over 2026 for a city with
// 100,000 reports: one query streaming the events, aggregated in Go.
func BenchmarkEvaluationYear(b *testing.B) {
	env := loadBigCity(b)
	ctx := context.Background()
	q := service.EvaluationQuery{From: "2026-01-01", To: "2026-12-31"}
	b.ResetTimer()
	for b.Loop() {
		ev, err := env.Svc.Evaluate(ctx, admin, q)
		if err != nil {
			b.Fatal(err)
		}
		if ev.Total.Received < cityReports/2 {
			b.Fatalf("received %d", ev.Total.Received)
		}
	}
}

// BenchmarkEvaluationYearPostgres is BenchmarkEvaluationYear on PostgreSQL.
func BenchmarkEvaluationYearPostgres(b *testing.B) {
	env := loadBigCityPG(b)
	ctx := context.Background()
	q := service.EvaluationQuery{From: "2026-01-01", To: "2026-12-31"}
	b.ResetTimer()
	for b.Loop() {
		if _, err := env.Svc.Evaluate(ctx, admin, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluationYearWithTrend adds the twelve months (the leaders'
// page and the XLSX export).
func BenchmarkEvaluationYearWithTrend(b *testing.B) {
	env := loadBigCity(b)
	ctx := context.Background()
	q := service.EvaluationQuery{From: "2026-01-01", To: "2026-12-31", Trend: true}
	b.ResetTimer()
	for b.Loop() {
		if _, err := env.Svc.Evaluate(ctx, admin, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSanctionsYear builds the year's sanction list.
func BenchmarkSanctionsYear(b *testing.B) {
	env := loadBigCity(b)
	ctx := context.Background()
	q := service.EvaluationQuery{From: "2026-01-01", To: "2026-12-31"}
	b.ResetTimer()
	for b.Loop() {
		if _, err := env.Svc.Sanctions(ctx, admin, q); err != nil {
			b.Fatal(err)
		}
	}
}
