package service_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/service"
)

// The public face's reads at national scale: LAPOR_BENCH_PUBLIC=1000000
// fills a SQLite database with that many reports (by SQL, in a minute or
// two: 20 units, 25 categories, six kecamatan of forty kelurahan, three in
// five with a map point, one in fifty confidential, one in seven waiting
// for verification, each routed one with its routing event and most with
// a follow-up, spread over the two years before now), kept at
// LAPOR_BENCH_PUBLIC_DB between runs when that is set, and times each
// public read without its cache (the clock moves an hour between runs, so
// every run counts again) and with it.
//
//	LAPOR_BENCH_PUBLIC=1000000 LAPOR_BENCH_PUBLIC_DB=/tmp/public-1m.db \
//	  go test -run XXX -bench PublicFace -benchtime 3x ./internal/service/

var publicCity struct {
	once sync.Once
	env  *apptest.Env
	n    int
}

func loadPublicCity(b *testing.B) *apptest.Env {
	n, _ := strconv.Atoi(os.Getenv("LAPOR_BENCH_PUBLIC"))
	if n <= 0 {
		b.Skip("set LAPOR_BENCH_PUBLIC=1000000 to fill a database with that many reports")
	}
	publicCity.once.Do(func() {
		dsn := os.Getenv("LAPOR_BENCH_PUBLIC_DB")
		if dsn == "" {
			dsn = filepath.Join(b.TempDir(), "public.db")
		}
		env := apptest.New(&keepOpen{TB: b}, dsn, apptest.Options{})
		ctx := context.Background()
		var have int
		if err := env.Store.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM reports`).Scan(&have); err != nil {
			b.Fatal(err)
		}
		if have < n {
			began := time.Now()
			fillPublicCity(b, env, n)
			b.Logf("filled %d reports in %s", n, time.Since(began).Round(time.Second))
		}
		publicCity.env, publicCity.n = env, n
	})
	if publicCity.env == nil {
		b.Fatal("not loaded")
	}
	return publicCity.env
}

// keepOpen ignores Cleanup so the instance outlives one benchmark.
type keepOpen struct{ testing.TB }

func (keepOpen) Cleanup(func()) {}

func fillPublicCity(b *testing.B, env *apptest.Env, n int) {
	ctx := context.Background()
	st := env.Store
	now := env.Clock.Now()
	var units, cats []int64
	for i := range 20 {
		u, err := st.CreateUnit(ctx, fmt.Sprintf("bench-u%d", i), fmt.Sprintf("Dinas Uji %d", i), "", now)
		if err != nil {
			b.Fatal(err)
		}
		units = append(units, u.ID)
	}
	for i := range 5 {
		p, err := st.CreateCategory(ctx, fmt.Sprintf("bench-c%d", i), fmt.Sprintf("Kategori %d", i), nil, now)
		if err != nil {
			b.Fatal(err)
		}
		cats = append(cats, p.ID)
		for j := range 4 {
			c, err := st.CreateCategory(ctx, fmt.Sprintf("bench-c%d-%d", i, j), fmt.Sprintf("Subkategori %d.%d", i, j), &p.ID, now)
			if err != nil {
				b.Fatal(err)
			}
			cats = append(cats, c.ID)
		}
	}
	pick := func(col string, ids []int64) string {
		var sb strings.Builder
		sb.WriteString("CASE " + col + " % " + strconv.Itoa(len(ids)))
		for i, id := range ids {
			fmt.Fprintf(&sb, " WHEN %d THEN %d", i, id)
		}
		sb.WriteString(" END")
		return sb.String()
	}
	span := int64(2 * 365 * 24 * time.Hour / time.Microsecond)
	start := now.UnixMicro() - span
	step := span / int64(n)
	// Statuses: 1 in 7 waiting (submitted), the rest public states.
	status := `CASE i % 7 WHEN 0 THEN 'submitted' WHEN 1 THEN 'dispositioned' WHEN 2 THEN 'followed_up'
		WHEN 3 THEN 'reporter_replied' ELSE 'completed' END`
	db := st.DB()
	// Search is not measured here: the reports get a search text (so the
	// start-up does not index them) but no full-text entry.
	for _, q := range []string{"DROP TRIGGER IF EXISTS reports_fts_insert"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	for from := 1; from <= n; from += 100000 {
		to := min(from+100000-1, n)
		q := fmt.Sprintf(`WITH RECURSIVE c(i) AS (SELECT %d UNION ALL SELECT i+1 FROM c WHERE i < %d)
			INSERT INTO reports (id, tracking_id, receipt_hash, kind, status, title, body, category_id, unit_id,
				kelurahan, kecamatan, lat, lon, anonymous, confidential, show_name, channel, created_at, updated_at, verified_at, search_text)
			SELECT i, 'BENCH-' || i, 'x', CASE i %% 10 WHEN 0 THEN 'aspiration' WHEN 1 THEN 'information_request' ELSE 'complaint' END,
				%s, 'Jalan berlubang di kelurahan ' || (i %% 40), 'Isi laporan uji nomor ' || i, %s,
				CASE WHEN i %% 7 = 0 THEN NULL ELSE %s END,
				'Kelurahan ' || (i %% 40), 'Kecamatan ' || ((i %% 40) / 7),
				CASE WHEN i %% 5 < 3 THEN 0.05 + (i %% 997) / 5000.0 END, CASE WHEN i %% 5 < 3 THEN 117.40 + (i %% 991) / 5000.0 END,
				i %% 4 = 0, i %% 50 = 0, i %% 4 = 1, 'web', %d + i * %d, %d + i * %d + 172800000000,
				CASE WHEN i %% 7 = 0 THEN NULL ELSE %d + i * %d + 3600000000 END, ''
			FROM c`, from, to, status, pick("i", cats), pick("(i / 3)", units), start, step, start, step, start, step)
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
		ev := fmt.Sprintf(`INSERT INTO events (report_id, seq, type, actor_role, unit_id, to_status, created_at)
			SELECT id, 2, 'verified', 'admin', unit_id, 'dispositioned', created_at + 3600000000 FROM reports
			WHERE id BETWEEN %d AND %d AND unit_id IS NOT NULL`, from, to)
		if _, err := db.ExecContext(ctx, ev); err != nil {
			b.Fatal(err)
		}
		fu := fmt.Sprintf(`INSERT INTO events (report_id, seq, type, actor_role, actor_unit_id, to_status, created_at)
			SELECT id, 3, 'followed_up', 'officer', unit_id, 'followed_up', created_at + (id %% 12) * 86400000000 FROM reports
			WHERE id BETWEEN %d AND %d AND unit_id IS NOT NULL AND status <> 'dispositioned'`, from, to)
		if _, err := db.ExecContext(ctx, fu); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []string{"ANALYZE", "PRAGMA wal_checkpoint(TRUNCATE)"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

// uncached moves the clock past every cache before each run.
func uncached(b *testing.B, env *apptest.Env, fn func() error) {
	for b.Loop() {
		env.Clock.Advance(time.Hour)
		if err := fn(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPublicFaceStatistics(b *testing.B) {
	env := loadPublicCity(b)
	ctx := context.Background()
	uncached(b, env, func() error {
		st, err := env.Svc.PublicStatistics(ctx, service.Public)
		if err == nil && st.Total < publicCity.n/2 {
			err = fmt.Errorf("total %d", st.Total)
		}
		return err
	})
}

func BenchmarkPublicFaceStatisticsCached(b *testing.B) {
	env := loadPublicCity(b)
	ctx := context.Background()
	if _, err := env.Svc.PublicStatistics(ctx, service.Public); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := env.Svc.PublicStatistics(ctx, service.Public); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPublicFaceMapPoints(b *testing.B) {
	env := loadPublicCity(b)
	ctx := context.Background()
	uncached(b, env, func() error {
		_, err := env.Svc.PublicMapPoints(ctx, service.Public)
		return err
	})
}

func BenchmarkPublicFacePlaces(b *testing.B) {
	env := loadPublicCity(b)
	ctx := context.Background()
	uncached(b, env, func() error {
		_, err := env.Svc.PublicPlaces(ctx, service.Public)
		return err
	})
}

func BenchmarkPublicFaceFeed(b *testing.B) {
	env := loadPublicCity(b)
	ctx := context.Background()
	for _, q := range []service.PublicQuery{{}, {Unit: "bench-u3"}, {Category: "bench-c2"}} {
		b.Run(q.Unit+q.Category, func(b *testing.B) {
			for b.Loop() {
				f, err := env.Svc.PublicFeed(ctx, service.Public, q)
				if err != nil || len(f.Entries) != service.FeedLength {
					b.Fatalf("%v %v", f, err)
				}
			}
		})
	}
}

func BenchmarkPublicFaceSitemapFile(b *testing.B) {
	env := loadPublicCity(b)
	ctx := context.Background()
	file := publicCity.n / service.SitemapPageSize / 2 // one in the middle, full
	for b.Loop() {
		n := 0
		err := env.Svc.Sitemap(ctx, service.Public, file, func(service.SitemapEntry) error { n++; return nil })
		if err != nil || n == 0 {
			b.Fatalf("%d %v", n, err)
		}
	}
}

// BenchmarkPublicFaceList is a page of /laporan (GET /api/v1/public/reports)
// with its capped count, in each order and with each filter alone.
func BenchmarkPublicFaceList(b *testing.B) {
	env := loadPublicCity(b)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		q    service.PublicQuery
	}{
		{"newest", service.PublicQuery{}},
		{"supported", service.PublicQuery{Sort: service.SortSupported}},
		{"oldest_open", service.PublicQuery{Sort: service.SortOldestOpen}},
		{"kind", service.PublicQuery{Kind: "aspiration"}},
		{"status", service.PublicQuery{Status: "completed"}},
		{"unit", service.PublicQuery{Unit: "bench-u3"}},
		{"category", service.PublicQuery{Category: "bench-c2"}},
		{"page_100", service.PublicQuery{Page: 100}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				p, err := env.Svc.PublicReports(ctx, service.Public, c.q)
				if err != nil || len(p.Items) == 0 {
					b.Fatalf("%+v %v", p, err)
				}
			}
		})
	}
}
