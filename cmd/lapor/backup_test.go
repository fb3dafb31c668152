package main

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// TestBackupRoundTrip: lapor backup copies the database while reports are
// being filed; lapor restore brings the copy back as a new file, which
// holds every report acknowledged before the backup, whole, with its
// sealed identity opening and its timeline checking out under the same
// keys. Neither command overwrites a file; PostgreSQL is sent to pg_dump.
func TestBackupRoundTrip(t *testing.T) {
	in := newInstance(t, "sqlite")
	dir := t.TempDir()
	first := in.submit(t, "Budi Santoso")
	var acked atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // filing goes on during the backup
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := in.svc.Submit(context.Background(), service.Public, domain.Submission{Kind: domain.KindComplaint,
				Title: "Sampah menumpuk di pasar", Body: "Sampah menumpuk di depan pasar sejak seminggu."}, nil); err != nil {
				t.Error(err)
				return
			}
			acked.Add(1)
		}
	}()
	copyPath := filepath.Join(dir, "cadangan.db")
	before := 1 + acked.Load()
	out, err := lapor(t, "", "backup", "--db", in.db, "--to", copyPath)
	close(stop)
	wg.Wait()
	if err != nil || !strings.Contains(out, "backed up") || !strings.Contains(out, in.key) {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, err := lapor(t, "", "backup", "--db", in.db, "--to", copyPath); err == nil || !strings.Contains(out+err.Error(), "exists") {
		t.Fatalf("a backup over an existing file: %v %s", err, out)
	}

	restored := filepath.Join(dir, "pulih.db")
	out, err = lapor(t, "", "restore", "--from", copyPath, "--db", restored)
	if err != nil || !strings.Contains(out, "restored") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if out, err := lapor(t, "", "restore", "--from", copyPath, "--db", restored); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("a restore over an existing database: %v %s", err, out)
	}
	if out, err := lapor(t, "", "audit", "verify", "--db", restored, "--key-file", in.key); err != nil || !strings.Contains(out, "OK") {
		t.Fatalf("audit verify of the restored copy: %v\n%s", err, out)
	}
	st, err := store.Open(context.Background(), restored)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Check(context.Background())
	if err != nil || int64(n) < before || int64(n) > 1+acked.Load() {
		t.Fatalf("restored %d reports (%v); %d acknowledged before the backup, %d in all", n, err, before, 1+acked.Load())
	}
	svc := service.New(st, in.sealer, service.Config{})
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if name := in.reporterName(t, svc, first); name != "Budi Santoso" {
		t.Fatalf("the restored reporter is %q", name)
	}

	if out, err := lapor(t, "", "restore", "--from", filepath.Join(dir, "tidak-ada.db"), "--db", filepath.Join(dir, "baru.db")); err == nil {
		t.Fatalf("restore from a missing file: %s", out)
	}
	if _, err := lapor(t, "", "backup", "--db", "postgres://localhost/lapor", "--to", filepath.Join(dir, "pg.db")); err == nil ||
		!strings.Contains(err.Error(), "pg_dump") {
		t.Fatalf("backup of PostgreSQL: %v", err)
	}
}
