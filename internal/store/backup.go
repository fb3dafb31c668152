package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"

	"github.com/lapor-id/lapor/internal/domain"
)

// ErrBackupPostgres says that PostgreSQL is backed up with its own tools.
var ErrBackupPostgres = errors.New("PostgreSQL databases are backed up with pg_dump and restored with pg_restore (see the README)")

// Backup writes a consistent copy of the embedded database to path while
// the database stays in use (SQLite's VACUUM INTO: one snapshot, taken by
// a reader, so writers are not held up). path must not exist yet.
func (s *Store) Backup(ctx context.Context, path string) (err error) {
	defer domain.Wrap(&err, "store.Backup")
	if s.dialect != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists: a backup never overwrites a file", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	// The readers are query-only, which VACUUM INTO is refused on: a
	// connection of its own reads the snapshot.
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: s.path}).EscapedPath()+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path) // a half-written copy is no backup
		return err
	}
	return syncFile(path)
}

// Check reads the whole database and reports whether SQLite finds it
// whole, and how many reports it holds: for a backup, before it is
// trusted.
func (s *Store) Check(ctx context.Context) (reports int, err error) {
	defer domain.Wrap(&err, "store.Check")
	if s.dialect == SQLite {
		var res string
		if err := s.reads(ctx).QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
			return 0, err
		}
		if res != "ok" {
			return 0, fmt.Errorf("integrity check: %s", res)
		}
	}
	err = s.reads(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM reports`).Scan(&reports)
	return reports, err
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
