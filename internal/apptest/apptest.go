// Package apptest builds a complete Lapor instance for tests, on the
// embedded SQLite database and on a throwaway PostgreSQL server, so every
// behaviour is checked on both.
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// Clock is a settable clock for tests.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the current test time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// Env is one running instance.
type Env struct {
	Backend string
	DSN     string
	Store   *store.Store
	Sealer  *seal.Sealer
	Svc     *service.Service
	Clock   *Clock
	Server  *httptest.Server
	Logs    *Logs // everything the server logged
}

// Start is a Wednesday morning in Bontang (WITA, UTC+8).
var Start = time.Date(2026, 11, 18, 9, 0, 0, 0, time.FixedZone("WITA", 8*3600))

// Options adjust the instance.
type Options struct {
	Pages func(svc *service.Service, log *slog.Logger) server.Pages
	// Service adjusts the service's settings before it starts; nil: none.
	Service func(cfg *service.Config)
}

// Each runs fn once per database, as subtests "sqlite" and "postgres".
func Each(t *testing.T, fn func(t *testing.T, env *Env)) {
	EachWith(t, Options{}, fn)
}

// EachWith is Each with options.
func EachWith(t *testing.T, opt Options, fn func(t *testing.T, env *Env)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, New(t, filepath.Join(t.TempDir(), "lapor.db"), opt))
	})
	t.Run("postgres", func(t *testing.T) {
		fn(t, New(t, pgtest.NewDatabase(t), opt))
	})
}

// New starts an instance on dsn.
func New(t testing.TB, dsn string, opt Options) *Env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	sealer, err := seal.New(seal.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	logs := &Logs{}
	log := logs.Logger(slog.LevelDebug)
	clock := NewClock(Start)
	cfg := service.Config{Now: clock.Now, Logger: log}
	if opt.Service != nil {
		opt.Service(&cfg)
	}
	svc := service.New(st, sealer, cfg)
	if err := svc.Start(ctx); err != nil {
		t.Fatalf("start the service: %v", err)
	}
	sopt := server.Options{Logger: log}
	if opt.Pages != nil {
		sopt.Pages = opt.Pages(svc, log)
	}
	srv := httptest.NewServer(server.Handler(svc, sopt))
	env := &Env{Backend: string(st.Dialect()), DSN: dsn, Store: st, Sealer: sealer, Svc: svc, Clock: clock, Server: srv, Logs: logs}
	t.Cleanup(func() {
		srv.Close()
		st.Close()
	})
	return env
}

// Logs keeps what a test instance logs. Servers write to it from their
// own goroutines while the test reads it, so both sides take its lock.
type Logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (l *Logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String returns everything logged so far.
func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Bytes returns a copy of everything logged so far.
func (l *Logs) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.buf.Bytes())
}

// Logger returns a text logger that writes to l from level up.
func (l *Logs) Logger(level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: level}))
}

// Response is a decoded API answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic map.
func (r Response) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not JSON (%d): %s", r.Status, r.Body)
	}
	return m
}

// Do sends a request to the instance. body may be nil, []byte, or any
// value to encode as JSON; auth is a full Authorization header value.
func (e *Env) Do(t testing.TB, method, path string, body any, auth string) Response {
	t.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case []byte:
		rd, ct = bytes.NewReader(b), "application/json"
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd, ct = bytes.NewReader(data), "application/json"
	}
	req, err := http.NewRequest(method, e.Server.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return e.Send(t, req)
}

// Send sends a prepared request.
func (e *Env) Send(t testing.TB, req *http.Request) Response {
	t.Helper()
	t0 := time.Now()
	resp, err := e.Server.Client().Do(req)
	if os.Getenv("LAPOR_TRACE") != "" {
		fmt.Fprintln(os.Stderr, req.Method, req.URL.Path, time.Since(t0))
	}
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}
