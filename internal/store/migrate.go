package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/lapor-id/lapor/internal/domain"
)

//go:embed migrations
var migrations embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func (s *Store) migrationList() ([]migration, error) {
	dir := "migrations/" + string(s.dialect)
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		v, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", e.Name())
		}
		body, err := fs.ReadFile(migrations, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// Migrate applies, in order and each in its own transaction, every
// embedded migration not yet recorded. Migrations only go forward.
func (s *Store) Migrate(ctx context.Context) (err error) {
	defer domain.Wrap(&err, "store.Migrate")
	list, err := s.migrationList()
	if err != nil {
		return err
	}
	if s.dialect == Postgres {
		// A node whose schema is in place changes nothing, so it may run
		// as a role that owns no table and may create none (the migrations
		// then run as the owner: lapor migrate).
		var exists bool
		if err := s.write.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
			return err
		}
		if exists {
			if n, err := s.PendingMigrations(ctx); err == nil && n == 0 {
				return s.backfillSearchText(ctx)
			}
		}
	}
	create := `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`
	err = s.transact(ctx, func(tx *Tx) error {
		if s.dialect == Postgres {
			// Nodes starting together would race on CREATE TABLE IF NOT EXISTS.
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7426001)`); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, create)
		return err
	})
	if err != nil {
		return ownerNeeded(fmt.Errorf("create schema_migrations: %w", err))
	}
	for _, m := range list {
		err := s.transact(ctx, func(tx *Tx) error {
			if s.dialect == Postgres {
				// Several app nodes may start at once: one migrates, the
				// others wait and then find the step applied.
				if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(7426001)`); err != nil {
					return err
				}
			}
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			defer announceSlow(ctx, tx, m)()
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return ownerNeeded(fmt.Errorf("migration %s: %w", m.name, err))
			}
			_, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, m.version, time.Now().UnixMicro())
			return err
		})
		if err != nil {
			return err
		}
	}
	if err := s.backfillSearchText(ctx); err != nil {
		return fmt.Errorf("fill the search text: %w", err)
	}
	return nil
}

// ownerNeeded says what to do when a migration was refused for lack of
// privilege: the app's role is not the schema's owner.
func ownerNeeded(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return fmt.Errorf("%w: this role may not change the schema; run `lapor migrate --db <the owner's URL>` first, then start the nodes with the app's role", err)
	}
	return err
}

// PendingMigrations counts the embedded migrations the database has not
// recorded: 0 once this binary's schema is in place (a newer node may
// have added more, which does no harm).
func (s *Store) PendingMigrations(ctx context.Context) (_ int, err error) {
	defer domain.Wrap(&err, "store.PendingMigrations")
	list, err := s.migrationList()
	if err != nil {
		return 0, err
	}
	rows, err := s.reads(ctx).QueryContext(ctx, `SELECT version FROM schema_migrations`)
	applied, err := collect(rows, err, func(row interface{ Scan(...any) error }) (int, error) {
		var v int
		return v, row.Scan(&v)
	})
	if err != nil {
		return 0, err
	}
	have := map[int]bool{}
	for _, v := range applied {
		have[v] = true
	}
	n := 0
	for _, m := range list {
		if !have[m.version] {
			n++
		}
	}
	return n, nil
}
