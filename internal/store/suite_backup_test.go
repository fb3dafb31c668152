package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/lapor-id/lapor/internal/store"
)

// suiteBackup: on SQLite a backup taken while reports are being written is
// whole and holds every report acknowledged before it began; it never
// overwrites a file. PostgreSQL points to its own tools.
func suiteBackup(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "copy.db")
	if st.Dialect() != store.SQLite {
		if err := st.Backup(ctx, path); !errors.Is(err, store.ErrBackupPostgres) {
			t.Fatalf("backup on PostgreSQL: %v", err)
		}
		if n, err := st.Check(ctx); err != nil || n != 0 {
			t.Fatalf("check: %d %v", n, err)
		}
		return
	}
	for i := range 50 {
		r, ev := newReport(i)
		must(t, st.CreateReport(ctx, r, ev, nil))
	}
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // writers go on during the backup
		defer wg.Done()
		for i := 1000; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			r, ev := newReport(i)
			if err := st.CreateReport(ctx, r, ev, nil); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	before := 50 + written.Load()
	err := st.Backup(ctx, path)
	close(stop)
	wg.Wait()
	must(t, err)
	copy, err := store.Open(ctx, path)
	must(t, err)
	defer copy.Close()
	n, err := copy.Check(ctx)
	if err != nil || int64(n) < before || int64(n) > 50+written.Load() {
		t.Fatalf("the copy holds %d reports (%v); %d were acknowledged before it, %d in all", n, err, before, 50+written.Load())
	}
	if err := st.Backup(ctx, path); err == nil {
		t.Fatal("a backup overwrote a file")
	}
}
