package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// TestAPIKeyCommands makes, lists and revokes a key from the command line
// and checks a server on the same database takes and then refuses it.
func TestAPIKeyCommands(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "lapor.db")
			if backend == "postgres" {
				db = pgtest.NewDatabase(t)
			}
			keyFile := filepath.Join(dir, "lapor.key")
			t.Setenv("LAPOR_KEY_FILE", keyFile)
			if out, err := lapor(t, "", "migrate", "--db", db); err != nil {
				t.Fatalf("migrate: %v %s", err, out)
			}
			out, err := lapor(t, "", "apikey", "add", "--db", db, "--name", "Gateway SMS", "--channel", "sms")
			if err != nil {
				t.Fatalf("apikey add: %v %s", err, out)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			key := lines[len(lines)-1]
			if !strings.HasPrefix(key, "lpk_") || strings.ContainsAny(key, " \t") || len(key) < 40 {
				t.Fatalf("the last line is not the key alone: %q", out)
			}
			if out, err := lapor(t, "", "apikey", "add", "--db", db, "--name", "X", "--channel", "fax"); err == nil {
				t.Fatalf("unknown channel accepted: %s", out)
			}
			if out, err := lapor(t, "", "apikey", "add", "--db", db); err == nil {
				t.Fatalf("a key without a name: %s", out)
			}

			ctx := context.Background()
			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			sealer, _, err := seal.LoadOrCreate(keyFile, none)
			if err != nil {
				t.Fatal(err)
			}
			svc := service.New(st, sealer, service.Config{})
			if err := svc.Start(ctx); err != nil {
				t.Fatal(err)
			}
			k, err := svc.AuthenticateAPIKey(ctx, key, "sms")
			if err != nil || k.Name != "Gateway SMS" {
				t.Fatalf("the new key: %+v %v", k, err)
			}
			if _, err := svc.AuthenticateAPIKey(ctx, key, "social"); domain.ErrorCode(err) != domain.CodeUnauthorized {
				t.Fatalf("the key on another channel: %v", err)
			}

			out, err = lapor(t, "", "apikey", "list", "--db", db)
			if err != nil || !strings.Contains(out, "Gateway SMS") || !strings.Contains(out, "active") || strings.Contains(out, key) {
				t.Fatalf("apikey list: %v %s", err, out)
			}
			if out, err := lapor(t, "", "apikey", "revoke", "--db", db, "--id", "999"); err == nil {
				t.Fatalf("revoking an unknown key: %s", out)
			}
			if out, err := lapor(t, "", "apikey", "revoke", "--db", db, "--id", "1"); err != nil {
				t.Fatalf("apikey revoke: %v %s", err, out)
			}
			if _, err := svc.AuthenticateAPIKey(ctx, key, "sms"); domain.ErrorCode(err) != domain.CodeUnauthorized {
				t.Fatalf("a revoked key still works: %v", err)
			}
			if out, _ := lapor(t, "", "apikey", "list", "--db", db); !strings.Contains(out, "revoked") {
				t.Fatalf("list after revoke: %s", out)
			}
		})
	}
}
