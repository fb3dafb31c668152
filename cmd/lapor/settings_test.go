package main

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/server"
)

// start runs lapor with a deadline, so a command that wrongly starts a
// server still ends.
func start(t *testing.T, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out bytes.Buffer
	err := run(ctx, args, strings.NewReader(""), &out, &out)
	if ctx.Err() != nil {
		t.Fatalf("%q ran until the deadline: it did not stop at start-up", args)
	}
	return out.String(), err
}

// TestBadSettingStopsStartUp gives each command a bad value of each kind,
// from the environment and from the command line: the command stops before
// it opens the database, naming the setting and its variable.
func TestBadSettingStopsStartUp(t *testing.T) {
	bad := map[string]string{ // by the kind's name
		"bool": "maybe", "duration": "0s", "n": "many", "zone": "Mars/Olympus", "host:port": "8080",
		"url": "lapor.example.go.id", "lat,lon[,zoom]": "117.5,0.13", "rate": "20 per minute",
		"addresses": "proxy.internal", "path|url": "",
	}
	kinds := map[string]bool{}
	for _, cmd := range config.Lapor.Commands() {
		for _, s := range config.Lapor.For(cmd) {
			value, ok := bad[s.Kind.Name]
			if !ok {
				continue
			}
			kinds[s.Kind.Name] = true
			dir := t.TempDir()
			db := filepath.Join(dir, "lapor.db")
			t.Setenv("LAPOR_KEY_FILE", filepath.Join(dir, "lapor.key"))
			// Flags that keep a wrongly started command harmless, unless
			// they are the setting tried (a flag beats the variable).
			args := strings.Fields(cmd)
			if s.Name != "db" {
				args = append(args, "--db", db)
			}
			if cmd == config.Serve && s.Name != "addr" {
				args = append(args, "--addr", "127.0.0.1:0")
			}
			try := func(args []string, src string) {
				t.Helper()
				out, err := start(t, args...)
				if err == nil {
					t.Errorf("%s: %s %q from the %s accepted:\n%s", cmd, s.Name, value, src, out)
					return
				}
				if msg := err.Error(); !strings.Contains(msg, s.Env) || !strings.Contains(msg, s.Flag()) || !strings.Contains(msg, "invalid") {
					t.Errorf("%s: %s from the %s: message %q does not name the setting", cmd, s.Name, src, msg)
				}
				if _, err := os.Stat(db); err == nil {
					t.Errorf("%s: %s from the %s: the database was opened before the settings were checked", cmd, s.Name, src)
				}
			}
			if value != "" { // an empty variable is unset
				t.Setenv(s.Env, value)
				try(args, "environment")
				os.Unsetenv(s.Env)
			}
			try(append(args, s.Flag()+"="+value), "command line")
		}
	}
	for k := range bad {
		if !kinds[k] {
			t.Errorf("no setting of kind %s tried", k)
		}
	}
}

func TestFlagsBeatEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LAPOR_DB", filepath.Join(dir, "missing-folder", "env.db"))
	t.Setenv("LAPOR_TZ", "Mars/Olympus")
	t.Setenv("LAPOR_KEY_FILE", filepath.Join(dir, "env.key"))
	db := filepath.Join(dir, "flag.db")
	if out, err := start(t, "unit", "add", "--db", db, "--tz", "Asia/Jakarta", "--code", "dinkes", "--name", "Dinas Kesehatan"); err != nil {
		t.Fatalf("flags did not win over the environment: %v %s", err, out)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatal("--db was not used")
	}
	if _, err := os.Stat(filepath.Join(dir, "env.key")); err != nil {
		t.Fatal("LAPOR_KEY_FILE did not fill --key-file")
	}
	// LAPOR_CODE and LAPOR_NAME fill the command's other flags too.
	t.Setenv("LAPOR_CODE", "dpupr")
	t.Setenv("LAPOR_NAME", "Dinas PUPR")
	if out, err := start(t, "unit", "add", "--db", db, "--tz", "Asia/Jakarta"); err != nil || !strings.Contains(out, "unit dpupr (Dinas PUPR) added") {
		t.Fatalf("unit add from the environment: %v %s", err, out)
	}
}

func TestTrustProxyRetired(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LAPOR_TRUST_PROXY", "1")
	_, err := start(t, "serve", "--db", filepath.Join(dir, "lapor.db"), "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "LAPOR_TRUST_PROXY is no longer read") || !strings.Contains(err.Error(), "LAPOR_TRUSTED_PROXY") {
		t.Fatalf("LAPOR_TRUST_PROXY=1: %v", err)
	}
	// The other commands never read it.
	if out, err := start(t, "migrate", "--db", filepath.Join(dir, "lapor.db")); err != nil {
		t.Fatalf("migrate with LAPOR_TRUST_PROXY set: %v %s", err, out)
	}
}

// TestTrustedProxy checks the one proxy setting reaches the pages and the
// server: https forwarded by a trusted proxy marks cookies Secure and adds
// HSTS; the same header from anyone else does neither.
func TestTrustedProxy(t *testing.T) {
	in := newInstance(t, "sqlite")
	v, err := config.Lapor.Load(config.Serve, []string{"--trusted-proxy", "10.0.0.0/8"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	lim := rateLimits(v)
	h := server.Handler(in.svc, serverOptions(in.svc, quietLogger(), v, lim.set))
	for _, c := range []struct {
		remote string
		secure bool
	}{{"10.1.2.3:4000", true}, {"198.51.100.7:4000", false}} {
		r := httptest.NewRequest("GET", "/?lang=en", nil)
		r.RemoteAddr = c.remote
		r.Header.Set("X-Forwarded-Proto", "https")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		cookies := w.Result().Cookies()
		if len(cookies) == 0 {
			t.Fatalf("%s: no cookie set (%d)", c.remote, w.Code)
		}
		if cookies[0].Secure != c.secure || (w.Header().Get("Strict-Transport-Security") != "") != c.secure {
			t.Errorf("%s: Secure %v, HSTS %q; want %v", c.remote, cookies[0].Secure, w.Header().Get("Strict-Transport-Security"), c.secure)
		}
	}
}

func TestHelpFromTheTable(t *testing.T) {
	out, err := start(t, "serve", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range config.Lapor.For(config.Serve) {
		if !strings.Contains(out, s.Flag()) || !strings.Contains(out, s.Env) {
			t.Errorf("lapor serve --help lacks %s", s.Name)
		}
	}
	if strings.Contains(out, "--once") || strings.Contains(out, "--email") {
		t.Error("lapor serve --help shows other commands' settings")
	}
	out, err = start(t, "unit", "add", "-h")
	if err != nil || !strings.Contains(out, "--code") || !strings.Contains(out, "LAPOR_PARENT") || strings.Contains(out, "--addr") {
		t.Errorf("lapor unit add -h: %v\n%s", err, out)
	}
	out, err = start(t, "help")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range config.Lapor {
		if !strings.Contains(out, s.Env) {
			t.Errorf("lapor help lacks %s", s.Env)
		}
	}
	if o, err := start(t, "help", "key", "rotate"); err != nil || !strings.Contains(o, "--finish") {
		t.Errorf("lapor help key rotate: %v\n%s", err, o)
	}
	if _, err := start(t, "help", "frobnicate"); err == nil {
		t.Error("help on an unknown command succeeded")
	}
	if _, err := start(t, "serve", "--bogus"); err == nil || errors.Is(err, config.ErrHelp) || !strings.Contains(err.Error(), "bogus") {
		t.Errorf("unknown flag: %v", err)
	}
}
