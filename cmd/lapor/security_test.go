package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// instance is a database with a service on it, as a running server has.
type instance struct {
	db, key string
	st      *store.Store
	svc     *service.Service
	sealer  *seal.Sealer
	admin   *domain.User
}

func newInstance(t *testing.T, backend string) *instance {
	t.Helper()
	dir := t.TempDir()
	in := &instance{db: filepath.Join(dir, "lapor.db"), key: filepath.Join(dir, "lapor.key")}
	if backend == "postgres" {
		in.db = pgtest.NewDatabase(t)
	}
	t.Setenv("LAPOR_KEY_FILE", in.key)
	ctx := context.Background()
	var err error
	if in.st, err = store.Open(ctx, in.db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.st.Close() })
	if in.sealer, _, err = seal.LoadOrCreate(in.key, none); err != nil {
		t.Fatal(err)
	}
	in.svc = service.New(in.st, in.sealer, service.Config{})
	if err := in.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := in.svc.AddUnit(ctx, service.Operator, "dpupr", "Dinas PUPR", ""); err != nil {
		t.Fatal(err)
	}
	u, err := in.svc.AddUser(ctx, service.Operator, service.NewUser{Email: "admin@bontang.go.id", Role: domain.RoleAdmin, Password: "kata-sandi-admin-uji"})
	if err != nil {
		t.Fatal(err)
	}
	in.admin = &u
	return in
}

func (in *instance) submit(t *testing.T, name string) string {
	t.Helper()
	rc, err := in.svc.Submit(context.Background(), service.Public, domain.Submission{Kind: domain.KindComplaint,
		Title: "Lampu jalan padam", Body: "Lampu jalan di depan pasar padam sejak minggu lalu.",
		Reporter: domain.Identity{Name: name, Phone: "081299887766"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rc.TrackingID
}

func (in *instance) reporterName(t *testing.T, svc *service.Service, id string) string {
	t.Helper()
	rv, err := svc.Report(context.Background(), id, service.Viewer{User: in.admin})
	if err != nil {
		t.Fatal(err)
	}
	if rv.Reporter == nil {
		return ""
	}
	return rv.Reporter.Name
}

func TestAuditVerify(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			in := newInstance(t, backend)
			ctx := context.Background()
			var ids []string
			for i := range 3 {
				ids = append(ids, in.submit(t, fmt.Sprintf("Pelapor %d", i)))
				for _, a := range []domain.ActionInput{{Action: domain.ActionVerify, Unit: "dpupr"}, {Action: domain.ActionSetConfidential}} {
					if _, err := in.svc.Act(ctx, ids[i], service.Viewer{User: in.admin}, a, nil); err != nil {
						t.Fatal(err)
					}
				}
			}
			out, err := lapor(t, "", "audit", "verify", "--db", in.db)
			if err != nil || !strings.Contains(out, "OK: 3 reports, 9 events") {
				t.Fatalf("audit of a whole database: %v\n%s", err, out)
			}

			// Someone with database access removes the append-only
			// triggers and edits the second event of the first report.
			db := in.st.DB()
			drop := []string{`DROP TRIGGER events_no_update`, `DROP TRIGGER events_no_delete`}
			if backend == "postgres" {
				drop = []string{`DROP TRIGGER events_no_update ON events`}
			}
			for _, q := range drop {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if backend == "postgres" {
					for i := 1; strings.Contains(q, "?"); i++ {
						q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
					}
				}
				if _, err := db.Exec(q, args...); err != nil {
					t.Fatal(err)
				}
			}
			exec(`UPDATE events SET message = 'Diverifikasi tepat waktu' WHERE seq = 2 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, ids[0])
			// ... deletes the second event of the second report,
			exec(`DELETE FROM events WHERE seq = 2 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, ids[1])
			// ... and rewinds the third report's state without an event.
			exec(`UPDATE reports SET status = 'submitted' WHERE tracking_id = ?`, ids[2])

			out, err = lapor(t, "", "audit", "verify", "--db", in.db)
			if err == nil {
				t.Fatalf("audit passed a tampered database:\n%s", out)
			}
			for _, want := range []string{
				"BROKEN report " + ids[0] + ", event 2 (verified): its content does not match its hash",
				"BROKEN report " + ids[1] + ", event 3 (confidential_set): expected event 2 here",
				"BROKEN report " + ids[2] + ", event 3 (confidential_set): the report's state \"submitted\"",
				"3 broken",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("audit output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestKeyRotateWhileServing(t *testing.T) {
	defer func(d time.Duration) { seal.ReloadInterval = d }(seal.ReloadInterval)
	seal.ReloadInterval = 50 * time.Millisecond
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			in := newInstance(t, backend)
			ctx := context.Background()
			oldID := in.sealer.PrimaryID()
			var ids []string
			for i := range 7 {
				ids = append(ids, in.submit(t, fmt.Sprintf("Warga Nomor %d", i)))
			}
			// The other sealed columns: an account's e-mail and link, the
			// instance's lookup secret and a TOTP secret.
			if err := in.svc.RegisterCitizen(ctx, "warga@example.id", "kata-sandi-warga-panjang", i18n.ID); err != nil {
				t.Fatal(err)
			}
			apptest.VerifyCitizens(t, in.svc)
			_, acct, err := in.svc.LoginCitizen(ctx, "warga@example.id", "kata-sandi-warga-panjang")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := in.svc.Submit(ctx, service.Viewer{Citizen: acct}, domain.Submission{Kind: domain.KindAspiration, Title: "Taman kota",
				Body: "Mohon tambah bangku di taman kota."}, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := in.svc.BeginTOTP(ctx, service.Staff(in.admin)); err != nil {
				t.Fatal(err)
			}

			// The server keeps reading identities during the rotation.
			var stop atomic.Bool
			var failures atomic.Int64
			var reads atomic.Int64
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; !stop.Load(); i++ {
					rv, err := in.svc.Report(ctx, ids[i%len(ids)], service.Viewer{User: in.admin})
					if err != nil || rv.Reporter == nil || !strings.HasPrefix(rv.Reporter.Name, "Warga Nomor") {
						failures.Add(1)
					}
					reads.Add(1)
				}
			}()
			out, err := lapor(t, "", "key", "rotate", "--db", in.db)
			if err != nil {
				t.Fatalf("key rotate: %v\n%s", err, out)
			}
			for _, want := range []string{"re-sealed 7 values in reports.sealed_identity", "re-sealed 1 values in account_reports.sealed_ref",
				"re-sealed 1 values in users.totp_secret", "re-sealed 1 values in citizens.sealed_email",
				"re-sealed 1 values in instance_secrets.sealed_value"} {
				if !strings.Contains(out, want) {
					t.Errorf("rotate output lacks %q:\n%s", want, out)
				}
			}
			keys, err := seal.LoadFile(in.key)
			if err != nil || len(keys) != 2 || keys[1].ID != oldID {
				t.Fatalf("key file after rotate: %v %v", keys, err)
			}
			newID := keys[0].ID
			usage, err := service.SealedKeyUsage(ctx, in.st)
			if err != nil || usage[newID] != 11 || usage[oldID] != 0 {
				t.Fatalf("key usage after rotate: %v %v", usage, err)
			}
			// The server picks up the new primary key from the file.
			time.Sleep(2 * seal.ReloadInterval)
			late := in.submit(t, "Warga Terlambat")
			stop.Store(true)
			wg.Wait()
			if failures.Load() > 0 || reads.Load() == 0 {
				t.Fatalf("%d of %d reads failed during the rotation", failures.Load(), reads.Load())
			}
			// The report filed after the reload is sealed under the new key,
			// without anyone telling the server: the rotation has nothing
			// left to re-seal from before it.
			if got := in.sealedKeyOf(t, late); got != newID {
				t.Fatalf("report %s filed after the rotation is sealed under key %q, want the new primary %s (old %s)", late, got, newID, oldID)
			}
			if usage, err := service.SealedKeyUsage(ctx, in.st); err != nil || usage[newID] != 12 || usage[oldID] != 0 {
				t.Fatalf("key usage after a report filed under the new key: %v %v", usage, err)
			}
			if got := in.reporterName(t, in.svc, late); got != "Warga Terlambat" {
				t.Fatalf("report filed after the rotation: identity %q", got)
			}
			if in.sealer.PrimaryID() != newID {
				t.Fatalf("the running server did not reload the key file: primary %s", in.sealer.PrimaryID())
			}

			// A value sealed under the old key by a server that has not
			// reloaded yet: --finish re-seals it before dropping the key.
			oldOnly, err := seal.New(keys[1])
			if err != nil {
				t.Fatal(err)
			}
			straggler := in.submitWith(t, oldOnly, "Warga Lambat Sekali")

			// Too soon after the rotation: servers may not have re-read the file.
			if err := os.Chtimes(in.key, time.Now(), time.Now()); err != nil {
				t.Fatal(err)
			}
			if _, err := lapor(t, "", "key", "rotate", "--db", in.db, "--finish"); err == nil || !strings.Contains(err.Error(), "run --finish again after") {
				t.Fatalf("--finish right after the rotation was not refused: %v", err)
			}
			past := time.Now().Add(-2 * time.Minute)
			if err := os.Chtimes(in.key, past, past); err != nil {
				t.Fatal(err)
			}
			out, err = lapor(t, "", "key", "rotate", "--db", in.db, "--finish")
			if err != nil || !strings.Contains(out, "removed old keys "+oldID) || !strings.Contains(out, "re-sealed 1 values in reports.sealed_identity") {
				t.Fatalf("key rotate --finish: %v\n%s", err, out)
			}
			keys, _ = seal.LoadFile(in.key)
			if len(keys) != 1 || keys[0].ID != newID {
				t.Fatalf("key file after finish: %v", keys)
			}
			// A fresh server with only the new key file opens everything.
			fresh, err := seal.OpenFile(in.key)
			if err != nil {
				t.Fatal(err)
			}
			svc2 := service.New(in.st, fresh, service.Config{})
			if err := svc2.Start(ctx); err != nil {
				t.Fatal(err)
			}
			for _, id := range append(ids, late, straggler) {
				if got := in.reporterName(t, svc2, id); !strings.HasPrefix(got, "Warga") {
					t.Fatalf("%s: identity %q after rotation", id, got)
				}
			}
			mine, err := svc2.MyReports(ctx, service.Viewer{Citizen: acct})
			if err != nil || len(mine) != 1 {
				t.Fatalf("account's reports after rotation: %v %v", mine, err)
			}
			if sf, err := svc2.SecondFactorOf(ctx, service.Staff(in.admin)); err != nil || sf.Enabled {
				t.Fatalf("second factor: %v %v", sf, err)
			}
			if _, err := svc2.BeginTOTP(ctx, service.Staff(in.admin)); err != nil { // opens nothing, but seals under the new key
				t.Fatal(err)
			}
			// Rotating a missing key file is refused in plain words.
			if _, err := lapor(t, "", "key", "rotate", "--db", in.db, "--key-file", filepath.Join(t.TempDir(), "none.key")); err == nil ||
				!strings.Contains(err.Error(), "none.key") {
				t.Fatalf("rotate without key file: %v", err)
			}
		})
	}
}

// sealedKeyOf returns the id of the key a report's identity is sealed with.
func (in *instance) sealedKeyOf(t *testing.T, trackingID string) string {
	t.Helper()
	q := `SELECT sealed_identity FROM reports WHERE tracking_id = ?`
	if store.IsPostgresURL(in.db) {
		q = strings.Replace(q, "?", "$1", 1)
	}
	var sealed []byte
	if err := in.st.DB().QueryRow(q, trackingID).Scan(&sealed); err != nil {
		t.Fatalf("read the sealed identity of %s: %v", trackingID, err)
	}
	if len(sealed) == 0 {
		t.Fatalf("report %s has no sealed identity", trackingID)
	}
	return seal.KeyID(sealed)
}

// submitWith files a report whose identity is sealed by sealer, as another
// app node would.
func (in *instance) submitWith(t *testing.T, sealer *seal.Sealer, name string) string {
	t.Helper()
	svc := service.New(in.st, sealer, service.Config{})
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	rc, err := svc.Submit(context.Background(), service.Public, domain.Submission{Kind: domain.KindComplaint,
		Title: "Got mampet", Body: "Got di gang kami mampet dan berbau.", Reporter: domain.Identity{Name: name}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rc.TrackingID
}

// TestMissingKeyStopsStartUp: once identities are sealed, a missing key
// file stops every command that opens the instance, naming where the key
// should be, and no new key is made; a key file others may read is
// refused; a new SQLite database is private to its owner.
func TestMissingKeyStopsStartUp(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			in := newInstance(t, backend)
			in.submit(t, "Rahasia Sekali")
			missing := filepath.Join(t.TempDir(), "hilang.key")
			_, err := lapor(t, "", "unit", "add", "--db", in.db, "--key-file", missing, "--code", "dinkes", "--name", "Dinas Kesehatan")
			if err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "restore") {
				t.Fatalf("a missing key: %v", err)
			}
			if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("a new key file was made")
			}
			if err := os.Chmod(in.key, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = lapor(t, "", "unit", "add", "--db", in.db, "--key-file", in.key, "--code", "dinkes", "--name", "Dinas Kesehatan")
			if err == nil || !strings.Contains(err.Error(), "chmod 600") {
				t.Fatalf("a key file others may read: %v", err)
			}
			if backend == "sqlite" {
				if fi, err := os.Stat(in.db); err != nil || fi.Mode().Perm() != 0o600 {
					t.Errorf("database file mode %v (%v), want 0600", fi.Mode().Perm(), err)
				}
			}
		})
	}
}
