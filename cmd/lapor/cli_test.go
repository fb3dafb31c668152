package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

func TestMain(m *testing.M) {
	if os.Getenv("LAPOR_TEST_SERVE") != "" {
		serveChild() // crash_test.go: this process is the server
	}
	code := m.Run()
	pgtest.Shutdown()
	os.Exit(code)
}

func lapor(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String() + errOut.String(), err
}

// TestCommandsWhileServing runs the admin commands against a database a
// server is using, and checks the server sees their changes at once.
func TestCommandsWhileServing(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "lapor.db")
			if backend == "postgres" {
				db = pgtest.NewDatabase(t)
			}
			key := filepath.Join(dir, "lapor.key")
			t.Setenv("LAPOR_KEY_FILE", key)

			if out, err := lapor(t, "", "migrate", "--db", db); err != nil {
				t.Fatalf("migrate: %v %s", err, out)
			}
			// A server on the same database.
			ctx := context.Background()
			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			sealer, _, err := seal.LoadOrCreate(key, none)
			if err != nil {
				t.Fatal(err)
			}
			svc := service.New(st, sealer, service.Config{})
			if err := svc.Start(ctx); err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(server.Handler(svc, server.Options{}))
			defer srv.Close()

			if out, err := lapor(t, "", "unit", "add", "--db", db, "--code", "dpupr", "--name", "Dinas PUPR"); err != nil {
				t.Fatalf("unit add: %v %s", err, out)
			}
			if out, err := lapor(t, "", "unit", "add", "--db", db, "--code", "dpupr-jalan", "--name", "Bidang Jalan", "--parent", "dpupr"); err != nil {
				t.Fatalf("sub-unit add: %v %s", err, out)
			}
			if out, err := lapor(t, "rahasia-panjang-sekali\n", "user", "add", "--db", db, "--email", "PU@Bontang.go.id",
				"--role", "officer", "--unit", "dpupr", "--password-stdin"); err != nil {
				t.Fatalf("user add: %v %s", err, out)
			}
			// The running server sees the new unit and can log the new user in.
			units, err := svc.Units(ctx, service.Operator)
			if err != nil || len(units) != 2 {
				t.Fatalf("server sees %d units: %v", len(units), err)
			}
			if _, _, err := svc.Login(ctx, "pu@bontang.go.id", "rahasia-panjang-sekali"); err != nil {
				t.Fatalf("new user cannot log in: %v", err)
			}

			// Mistakes are explained in plain words and change nothing.
			for _, c := range []struct {
				stdin string
				args  []string
				want  string
			}{
				{"", []string{"unit", "add", "--db", db, "--code", "dpupr", "--name", "Lagi"}, "already used"},
				{"", []string{"unit", "add", "--db", db, "--code", "Bad Code!", "--name", "x"}, "code"},
				{"", []string{"unit", "add", "--db", db, "--code", "x", "--name", "x", "--parent", "nowhere"}, "Unknown unit"},
				{"pw-yang-cukup-panjang\n", []string{"user", "add", "--db", db, "--email", "a@b.id", "--role", "king", "--password-stdin"}, "Unknown role"},
				{"pw-yang-cukup-panjang\n", []string{"user", "add", "--db", db, "--email", "a@b.id", "--role", "officer", "--password-stdin"}, "must belong to a unit"},
				{"short\n", []string{"user", "add", "--db", db, "--email", "a@b.id", "--role", "admin", "--password-stdin"}, "at least 10"},
				{"", []string{"user", "add", "--db", db, "--email", "a@b.id", "--role", "admin"}, "--password-stdin"},
				{"pw-yang-cukup-panjang\n", []string{"user", "add", "--db", db, "--email", "not-an-email", "--role", "admin", "--password-stdin"}, "e-mail"},
				{"", []string{"frobnicate"}, "unknown command"},
				{"", []string{"unit", "add", "--db", db, "--bogus"}, "flag provided but not defined"},
			} {
				out, err := lapor(t, c.stdin, c.args...)
				if err == nil {
					t.Errorf("%v: succeeded, want an error", c.args)
					continue
				}
				if msg := describe(err) + out; !strings.Contains(msg, c.want) {
					t.Errorf("%v: message %q does not say %q", c.args, msg, c.want)
				}
			}
			units, _ = svc.Units(ctx, service.Operator)
			users, _ := svc.StaffAccounts(ctx, service.Operator)
			if len(units) != 2 || len(users) != 1 {
				t.Fatalf("failed commands changed data: %d units, %d users", len(units), len(users))
			}
		})
	}
}

func TestEnvironmentVariablesSetFlags(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LAPOR_DB", filepath.Join(dir, "env.db"))
	t.Setenv("LAPOR_KEY_FILE", filepath.Join(dir, "env.key"))
	if out, err := lapor(t, "", "unit", "add", "--code", "dinkes", "--name", "Dinas Kesehatan"); err != nil {
		t.Fatalf("unit add via env: %v %s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "env.db")); err != nil {
		t.Fatal("LAPOR_DB was not used")
	}
	fi, err := os.Stat(filepath.Join(dir, "env.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	t.Setenv("LAPOR_TZ", "Mars/Olympus")
	if _, err := lapor(t, "", "unit", "add", "--code", "x", "--name", "x"); err == nil || !strings.Contains(err.Error(), "time zone") {
		t.Fatalf("bad time zone accepted: %v", err)
	}
}

// none says no sealed value exists yet, for a key file made by a test.
func none() (bool, error) { return false, nil }
