package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// TestOpen311KeyFromTheCommandLine: a key made with `lapor apikey add
// --channel open311` (the last line of its output) files an Open311
// request, and once revoked from the command line it is refused with the
// spec's 403.
func TestOpen311KeyFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lapor.db")
	keyFile := filepath.Join(dir, "lapor.key")
	t.Setenv("LAPOR_KEY_FILE", keyFile)
	if out, err := lapor(t, "", "migrate", "--db", db); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	out, err := lapor(t, "", "apikey", "add", "--db", db, "--name", "Aplikasi warga", "--channel", "open311")
	if err != nil {
		t.Fatalf("apikey add: %v %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	key := lines[len(lines)-1]

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
	if _, err := svc.ImportCategories(ctx, service.Operator, []domain.CategoryNode{{Code: "jalan-rusak", Name: "Jalan Rusak"}}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(svc, server.Options{}))
	defer srv.Close()
	post := func() int {
		form := url.Values{"api_key": {key}, "service_code": {"jalan-rusak"}, "address_string": {"Jl. Ahmad Yani"},
			"description": {"Jalan berlubang besar di depan SD 3."}}
		res, err := http.PostForm(srv.URL+"/open311/v2/requests.json", form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := post(); got != http.StatusCreated {
		t.Fatalf("POST with the new key: %d", got)
	}
	if out, err := lapor(t, "", "apikey", "revoke", "--db", db, "--id", "1"); err != nil {
		t.Fatalf("apikey revoke: %v %s", err, out)
	}
	if got := post(); got != http.StatusForbidden {
		t.Fatalf("POST with the revoked key: %d", got)
	}
}
