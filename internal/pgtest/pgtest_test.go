package pgtest

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

func TestMain(m *testing.M) {
	code := m.Run()
	Shutdown()
	os.Exit(code)
}

func open(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("ping %s: %v", url, err)
	}
	return db
}

func TestDatabasesAreIsolated(t *testing.T) {
	t.Parallel()
	urlA := NewDatabase(t)
	urlB := NewDatabase(t)
	if urlA == urlB {
		t.Fatalf("two calls returned the same database %s", urlA)
	}
	if !strings.HasPrefix(urlA, "postgres://") {
		t.Fatalf("URL %q is not a postgres:// URL", urlA)
	}
	a, b := open(t, urlA), open(t, urlB)
	ctx := context.Background()

	if _, err := a.ExecContext(ctx, `CREATE TABLE complaints (id bigserial PRIMARY KEY, title text NOT NULL)`); err != nil {
		t.Fatalf("create table: %v", err)
	}
	if _, err := a.ExecContext(ctx, `INSERT INTO complaints (title) VALUES ($1)`, "Jalan berlubang"); err != nil {
		t.Fatalf("insert: %v", err)
	}
	var title string
	if err := a.QueryRowContext(ctx, `SELECT title FROM complaints`).Scan(&title); err != nil || title != "Jalan berlubang" {
		t.Fatalf("select from A: %q, %v", title, err)
	}

	var reg sql.NullString
	if err := b.QueryRowContext(ctx, `SELECT to_regclass('public.complaints')::text`).Scan(&reg); err != nil {
		t.Fatalf("look up table in B: %v", err)
	}
	if reg.Valid {
		t.Fatalf("table complaints exists in the second database (%s)", reg.String)
	}
	var n int
	if err := b.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`).Scan(&n); err != nil {
		t.Fatalf("count tables in B: %v", err)
	}
	if n != 0 {
		t.Fatalf("second database is not empty: %d tables", n)
	}
}

func TestServerSettings(t *testing.T) {
	t.Parallel()
	db := open(t, NewDatabase(t))
	ctx := context.Background()
	var version, encoding, maxConns string
	if err := db.QueryRowContext(ctx, `SHOW server_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SHOW server_encoding`).Scan(&encoding); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SHOW max_connections`).Scan(&maxConns); err != nil {
		t.Fatal(err)
	}
	t.Logf("server_version=%s server_encoding=%s max_connections=%s", version, encoding, maxConns)
	if encoding != "UTF8" {
		t.Errorf("server_encoding = %s, want UTF8", encoding)
	}
	if maxConns != "200" {
		t.Errorf("max_connections = %s, want 200", maxConns)
	}
}

// TestParallelDatabases checks that many tests can ask for databases at once.
func TestParallelDatabases(t *testing.T) {
	t.Parallel()
	for i := 0; i < 6; i++ {
		t.Run("db", func(t *testing.T) {
			t.Parallel()
			db := open(t, NewDatabase(t))
			if _, err := db.Exec(`CREATE TABLE t (x int)`); err != nil {
				t.Fatalf("create table in a fresh database: %v", err)
			}
		})
	}
}

func TestDropOnCleanup(t *testing.T) {
	t.Parallel()
	var url string
	t.Run("inner", func(t *testing.T) {
		url = NewDatabase(t)
		db := open(t, url)
		// An open session must not stop the drop.
		if _, err := db.Exec(`SELECT 1`); err != nil {
			t.Fatal(err)
		}
	})
	if url == "" {
		t.Skip("no database was created (see the subtest)")
	}
	name := url[strings.LastIndex(url, "/")+1:]
	name = name[:strings.Index(name, "?")]
	srv, err := get()
	if err != nil {
		t.Fatal(err)
	}
	var exists bool
	if err := srv.admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Fatalf("database %s still exists after its test ended", name)
	}
}

func TestRequired(t *testing.T) {
	cases := []struct {
		ci, req string
		want    bool
	}{
		{"", "", false},
		{"true", "", true},
		{"1", "", true},
		{"false", "", false},
		{"FALSE", "", false},
		{"no", "", false},
		{"yes", "", true},
		{"0", "", false},
		{"", "1", true},
		{"false", "1", true},
	}
	for _, c := range cases {
		t.Setenv("CI", c.ci)
		t.Setenv("LAPOR_REQUIRE_PG", c.req)
		if got := Required(); got != c.want {
			t.Errorf("CI=%q LAPOR_REQUIRE_PG=%q: Required() = %v, want %v", c.ci, c.req, got, c.want)
		}
	}
}
