package config

import (
	"errors"
	"flag"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/ratelimit"
)

var update = flag.Bool("update", false, "rewrite the settings table in README.md")

const (
	readme      = "../../README.md"
	startMarker = "<!-- settings:start -->"
	endMarker   = "<!-- settings:end -->"
)

// TestREADME keeps the table of settings in README.md the one Markdown()
// makes from Lapor.
func TestREADME(t *testing.T) {
	raw, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	i, j := strings.Index(text, startMarker), strings.Index(text, endMarker)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %s and %s", startMarker, endMarker)
	}
	want := startMarker + "\n" + Lapor.Markdown() + endMarker
	got := text[i : j+len(endMarker)]
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(readme, []byte(text[:i]+want+text[j+len(endMarker):]), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("README.md: settings table rewritten")
		return
	}
	t.Errorf("the settings table in README.md is not the one internal/config makes; regenerate it with\n\n"+
		"\tgo test ./internal/config -run TestREADME -update\n\nwant:\n%s", want)
}

// TestTable checks the table itself: names, variables, defaults, help.
func TestTable(t *testing.T) {
	known := map[string]bool{}
	for _, c := range everyCommand {
		known[c] = true
	}
	for _, c := range Lapor.Commands() {
		if !known[c] {
			t.Errorf("unknown command %q in the table", c)
		}
		seen := map[string]bool{}
		for _, s := range Lapor.For(c) {
			if seen[s.Name] {
				t.Errorf("%s: setting %s twice", c, s.Name)
			}
			seen[s.Name] = true
		}
	}
	for _, s := range Lapor {
		if want := "LAPOR_" + strings.ToUpper(strings.ReplaceAll(s.Name, "-", "_")); s.Env != want {
			t.Errorf("%s: variable %s, want %s", s.Name, s.Env, want)
		}
		if s.Help == "" || strings.Contains(s.Help, "\n") || len(s.Commands) == 0 || s.Kind.Parse == nil {
			t.Errorf("%s: needs one line of help, a command and a kind", s.Name)
		}
		if _, err := s.Kind.Parse(s.Default); err != nil {
			t.Errorf("%s: default %q does not parse: %v", s.Name, s.Default, err)
		}
	}
	// The defaults of the rate limits are ratelimit's own.
	v, err := Lapor.Load(Serve, nil, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	d := ratelimit.Defaults()
	for name, want := range map[string]ratelimit.Rate{"rate-submit": d.Submit, "rate-receipt": d.Receipt, "rate-receipt-view": d.ReceiptView,
		"rate-login": d.Login, "rate-login-email": d.LoginEmail, "rate-search": d.Search} {
		if got := Get[ratelimit.Rate](v, name); got != want {
			t.Errorf("%s: default %v, ratelimit.Defaults has %v", name, got, want)
		}
	}
	if got := Get[int](v, "rate-uploads"); got != d.Uploads {
		t.Errorf("rate-uploads: default %d, ratelimit.Defaults has %d", got, d.Uploads)
	}
}

func noEnv(string) string { return "" }

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestFlagsEnvironmentDefaults(t *testing.T) {
	env := map[string]string{"LAPOR_DB": "env.db", "LAPOR_TZ": "Asia/Jakarta", "LAPOR_INTERVAL": "", "LAPOR_RATE_SEARCH": "5/s"}
	v, err := Lapor.Load(Serve, []string{"--db", "flag.db", "--demo", "--rate-limits=off"}, envOf(env))
	if err != nil {
		t.Fatal(err)
	}
	if v.String("db") != "flag.db" || v.Source("db") != FromFlag {
		t.Errorf("flag does not beat the environment: %q from %s", v.String("db"), v.Source("db"))
	}
	if loc := Get[*time.Location](v, "tz"); loc.String() != "Asia/Jakarta" || v.Source("tz") != FromEnv {
		t.Errorf("environment does not fill the flag: %v from %s", loc, v.Source("tz"))
	}
	if d := Get[time.Duration](v, "interval"); d != time.Minute || v.Source("interval") != FromDefault {
		t.Errorf("empty variable is not unset: %v from %s", d, v.Source("interval"))
	}
	if Get[ratelimit.Rate](v, "rate-search") != (ratelimit.Rate{N: 5, Per: time.Second}) {
		t.Errorf("rate-search: %v", Get[ratelimit.Rate](v, "rate-search"))
	}
	if !v.Bool("demo") || v.Bool("rate-limits") || !v.Bool("scheduler") {
		t.Errorf("bools: demo %v, rate-limits %v, scheduler %v", v.Bool("demo"), v.Bool("rate-limits"), v.Bool("scheduler"))
	}
	if c := Get[MapCenter](v, "map-center"); c != (MapCenter{0.1333, 117.5, 13}) {
		t.Errorf("map-center default: %v", c)
	}
	// A command reads only its own settings.
	v, err = Lapor.Load(Migrate, nil, envOf(map[string]string{"LAPOR_RATE_SUBMIT": "bogus", "LAPOR_ADDR": "bogus"}))
	if err != nil {
		t.Fatalf("migrate read serve's settings: %v", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("reading a setting the command lacks does not panic")
			}
		}()
		v.String("addr")
	}()
}

// badValues holds a bad value for each kind of setting, by the kind's name.
var badValues = map[string]string{
	"bool": "maybe", "duration": "soon", "n": "-1", "zone": "Mars/Olympus", "host:port": "nope",
	"url": "ftp://example.org", "lat,lon[,zoom]": "0.1,117.5,99", "rate": "lots", "addresses": "proxy.internal",
	"path|url": "", "text|json": "xml",
}

func TestBadValues(t *testing.T) {
	for _, cmd := range Lapor.Commands() {
		for _, s := range Lapor.For(cmd) {
			bad, ok := badValues[s.Kind.Name]
			if !ok {
				if s.Kind.Name != "text" {
					t.Errorf("no bad value to try for kind %s", s.Kind.Name)
				}
				continue
			}
			args := []string{s.Flag() + "=" + bad}
			_, err := Lapor.Load(cmd, args, noEnv)
			checkBad(t, cmd, s, FromFlag, err)
			if bad == "" {
				continue // an empty variable is unset
			}
			_, err = Lapor.Load(cmd, nil, envOf(map[string]string{s.Env: bad}))
			checkBad(t, cmd, s, FromEnv, err)
		}
	}
	// Every bad value is reported at once.
	_, err := Lapor.Load(Serve, []string{"--addr", "x"}, envOf(map[string]string{"LAPOR_RATE_LOGIN": "x", "LAPOR_TZ": "x"}))
	for _, want := range []string{"--addr", "LAPOR_RATE_LOGIN", "LAPOR_TZ"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
}

func checkBad(t *testing.T, cmd string, s Setting, src Source, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s %s from the %s: accepted a bad value (%v)", cmd, s.Name, src, err)
		return
	}
	if e.Setting.Name != s.Name || e.Source != src || !strings.Contains(err.Error(), s.Env) || !strings.Contains(err.Error(), s.Flag()) {
		t.Errorf("%s %s from the %s: error %q does not name the setting", cmd, s.Name, src, err)
	}
}

func TestRetiredVariable(t *testing.T) {
	_, err := Lapor.Load(Serve, nil, envOf(map[string]string{"LAPOR_TRUST_PROXY": "1"}))
	if err == nil || !strings.Contains(err.Error(), "LAPOR_TRUST_PROXY is no longer read") || !strings.Contains(err.Error(), "LAPOR_TRUSTED_PROXY") {
		t.Fatalf("LAPOR_TRUST_PROXY: %v", err)
	}
	v, err := Lapor.Load(Serve, []string{"--trusted-proxy", "127.0.0.1, 10.0.0.0/8"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if got := Get[[]netip.Prefix](v, "trusted-proxy"); len(got) != 2 || got[0].String() != "127.0.0.1/32" {
		t.Fatalf("trusted-proxy: %v", got)
	}
}

func TestCommandLine(t *testing.T) {
	if _, err := Lapor.Load(Serve, []string{"--help"}, noEnv); !errors.Is(err, ErrHelp) {
		t.Errorf("--help: %v", err)
	}
	if _, err := Lapor.Load(Serve, []string{"--once"}, noEnv); err == nil || !strings.Contains(err.Error(), "not defined") {
		t.Errorf("worker's flag on serve: %v", err)
	}
	if _, err := Lapor.Load(Migrate, []string{"extra"}, noEnv); err == nil || !strings.Contains(err.Error(), "unexpected argument") {
		t.Errorf("extra argument: %v", err)
	}
	var b strings.Builder
	Lapor.PrintUsage(&b, Serve)
	for _, s := range Lapor.For(Serve) {
		if !strings.Contains(b.String(), s.Flag()) || !strings.Contains(b.String(), s.Env) || !strings.Contains(b.String(), s.Help) {
			t.Errorf("serve's help lacks %s", s.Name)
		}
	}
	if strings.Contains(b.String(), "--once") {
		t.Error("serve's help shows worker's --once")
	}
}
