// Command lapor-bench measures the staff's reads at the scale a province
// reaches: it fills a database with generated reports (a million by
// default, through the store's bulk import, kept between runs), starts
// `lapor serve` on it, and has concurrent readers take every kind of
// inbox, search and report request through the real HTTP server. It
// prints p50 and p99 per kind as JSON, with the server's peak memory.
//
//	go build -o /tmp/lapor ./cmd/lapor
//	go run ./cmd/lapor-bench -bin /tmp/lapor -db /tmp/bench.db -n 1000000
//	go run ./cmd/lapor-bench -bin /tmp/lapor -backend postgres -n 1000000
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/lapor-id/lapor/internal/loadtest"
	"github.com/lapor-id/lapor/internal/pgtest"
)

func main() {
	bin := flag.String("bin", "", "path to the lapor binary (required)")
	backend := flag.String("backend", "sqlite", "sqlite or postgres")
	db := flag.String("db", "", "SQLite file to fill and keep between runs (default: a temporary one)")
	n := flag.Int("n", 1_000_000, "reports in the database")
	clients := flag.Int("c", 8, "concurrent readers")
	duration := flag.Duration("d", 30*time.Second, "measured duration")
	flag.Parse()
	if err := run(*bin, *backend, *db, *n, *clients, *duration); err != nil {
		fmt.Fprintln(os.Stderr, "lapor-bench:", err)
		os.Exit(1)
	}
}

func run(bin, backend, db string, n, clients int, d time.Duration) error {
	if bin == "" {
		return errors.New("-bin is required: go build -o /tmp/lapor ./cmd/lapor")
	}
	dir, err := os.MkdirTemp("", "lapor-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	switch {
	case backend == "postgres":
		if db, err = pgtest.Start(); err != nil {
			return err
		}
		defer pgtest.Shutdown()
	case db == "":
		db = filepath.Join(dir, "bench.db")
	}
	key := db + ".key"
	if backend == "postgres" {
		key = filepath.Join(dir, "bench.key")
	}
	fillStart := time.Now()
	ids, err := fill(context.Background(), db, key, n, os.Stderr)
	if err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	fillTook := time.Since(fillStart)
	startAt := time.Now()
	srv, err := loadtest.Start(bin, db, key)
	if err != nil {
		return err
	}
	defer srv.Stop()
	startTook := time.Since(startAt)
	tokens := map[string]string{}
	for as, email := range map[string]string{"admin": adminEmail, "officer": officerEmail} {
		if tokens[as], err = login(srv.URL, email); err != nil {
			return err
		}
	}
	reqs := requests(ids)
	measure(srv.URL, tokens, reqs, clients, 3*time.Second) // warm-up
	stopRSS := loadtest.PeakRSS(srv.Pid())
	res := measure(srv.URL, tokens, reqs, clients, d)
	peak := stopRSS()
	out := map[string]any{"backend": backend, "reports": n, "clients": clients, "duration_s": d.Seconds(),
		"fill_s": fillTook.Round(time.Second).Seconds(), "server_start_s": startTook.Round(10 * time.Millisecond).Seconds(),
		"server_peak_rss_mb": float64(peak) / 1024, "requests": res}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
