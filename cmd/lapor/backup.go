package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/store"
)

// cmdBackup copies the embedded database while the server runs, checks
// the copy and reminds that the keys are backed up apart from it.
func cmdBackup(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	v, err := c.load(config.Backup, args)
	if err != nil {
		return err
	}
	to := v.String("to")
	if to == "" {
		return errors.New("backup: --to FILE is required")
	}
	if store.IsPostgresURL(c.db) {
		return fmt.Errorf("backup: %w", store.ErrBackupPostgres)
	}
	st, err := store.Open(ctx, c.db)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer st.Close()
	if err := st.Backup(ctx, to); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	n, err := checkedCopy(ctx, to)
	if err != nil {
		os.Remove(to)
		return fmt.Errorf("backup: the copy does not check out, removed: %w", err)
	}
	fmt.Fprintf(stdout, "backed up %d reports from %s to %s\n", n, c.db, to)
	fmt.Fprintf(stdout, "keep the key files %s and %s.chain as well, stored apart from this copy: without them no identity opens and no timeline checks\n",
		c.keyPath(), c.keyPath())
	return nil
}

// cmdRestore brings a backup back as a new database file: the backup is
// copied, checked and only then moved to --db, so a failed restore leaves
// nothing behind.
func cmdRestore(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	v, err := c.load(config.Restore, args)
	if err != nil {
		return err
	}
	from := v.String("from")
	if from == "" {
		return errors.New("restore: --from FILE is required")
	}
	if store.IsPostgresURL(c.db) {
		return fmt.Errorf("restore: %w", store.ErrBackupPostgres)
	}
	if _, err := os.Stat(c.db); err == nil {
		return fmt.Errorf("restore: %s exists; restore into a new file, then move it in place with the server stopped", c.db)
	}
	tmp := c.db + ".restoring"
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	n, err := checkedCopy(ctx, tmp)
	if err != nil {
		removeDB(tmp)
		return fmt.Errorf("restore: %s does not check out: %w", from, err)
	}
	if err := os.Rename(tmp, c.db); err != nil {
		removeDB(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(stdout, "restored %d reports from %s into %s\n", n, from, c.db)
	fmt.Fprintf(stdout, "put the key files back beside it (%s and %s.chain), then run lapor audit verify --db %s\n", c.keyPath(), c.keyPath(), c.db)
	return nil
}

// checkedCopy opens a database copy (bringing its schema up to date) and
// reads it whole; it returns how many reports it holds.
func checkedCopy(ctx context.Context, path string) (int, error) {
	st, err := store.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return st.Check(ctx)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// removeDB removes a SQLite file with its write-ahead log.
func removeDB(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
}
