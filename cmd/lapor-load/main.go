// Command lapor-load measures report submission through a real Lapor
// server on loopback: it starts the database and `lapor serve`, drives
// POST /api/v1/reports from concurrent clients for a fixed time, and
// prints submissions per second, latency percentiles and the server's
// peak memory.
//
//	go build -o /tmp/lapor ./cmd/lapor && go run ./cmd/lapor-load -bin /tmp/lapor -backend sqlite
//	go run ./cmd/lapor-load -bin /tmp/lapor -backend postgres
//	go run ./cmd/lapor-load -baseline   # a bare net/http handler, one durable insert per request
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/lapor-id/lapor/internal/loadtest"
	"github.com/lapor-id/lapor/internal/pgtest"
)

func main() {
	bin := flag.String("bin", "", "path to the lapor binary (required unless -baseline)")
	backend := flag.String("backend", "sqlite", "sqlite or postgres")
	clients := flag.Int("c", 32, "concurrent clients")
	duration := flag.Duration("d", 15*time.Second, "measured duration (bounded to 2 minutes)")
	warmup := flag.Duration("warmup", 2*time.Second, "warm-up before measuring")
	baseline := flag.Bool("baseline", false, "measure a bare net/http handler with one durable SQLite insert per request")
	target := flag.String("url", "", "load a server that is already running (e.g. http://127.0.0.1:8080) instead of starting one")
	flag.Parse()
	if *target != "" {
		if err := loadOnly(*target, *clients, *duration); err != nil {
			fmt.Fprintln(os.Stderr, "lapor-load:", err)
			os.Exit(1)
		}
		return
	}
	if *duration > 2*time.Minute {
		*duration = 2 * time.Minute
	}
	if err := run(*bin, *backend, *clients, *duration, *warmup, *baseline); err != nil {
		fmt.Fprintln(os.Stderr, "lapor-load:", err)
		os.Exit(1)
	}
}

func run(bin, backend string, clients int, duration, warmup time.Duration, baseline bool) error {
	dir, err := os.MkdirTemp("", "lapor-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var pid int
	var base string
	if baseline {
		port, err := loadtest.FreePort()
		if err != nil {
			return err
		}
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		stop, err := startBaseline(addr, filepath.Join(dir, "bare.db"))
		if err != nil {
			return err
		}
		defer stop()
		pid, base, backend = os.Getpid(), "http://"+addr, "bare-sqlite"
		if err := loadtest.WaitHealthy(base); err != nil {
			return err
		}
	} else {
		if bin == "" {
			return errors.New("-bin is required: go build -o /tmp/lapor ./cmd/lapor")
		}
		db := filepath.Join(dir, "lapor.db")
		if backend == "postgres" {
			db, err = pgtest.Start()
			if err != nil {
				return err
			}
			defer pgtest.Shutdown()
		}
		srv, err := loadtest.Start(bin, db, filepath.Join(dir, "lapor.key"))
		if err != nil {
			return err
		}
		defer srv.Stop()
		pid, base = srv.Pid(), srv.URL
	}
	fmt.Printf("backend=%s clients=%d duration=%s\n", backend, clients, duration)
	load(base, clients, warmup, nil)
	stopRSS := loadtest.PeakRSS(pid)
	res := &results{}
	load(base, clients, duration, res)
	peak := stopRSS()
	res.report(duration, peak)
	return nil
}

func loadOnly(base string, clients int, duration time.Duration) error {
	if err := loadtest.WaitHealthy(base); err != nil {
		return err
	}
	res := &results{}
	load(base, clients, duration, res)
	res.report(duration, 0)
	return nil
}

type results struct {
	mu        sync.Mutex
	latencies []time.Duration
	errors    int
}

func (r *results) report(d time.Duration, peakKB int64) {
	ls := loadtest.Sort(r.latencies)
	n := len(ls)
	if n == 0 {
		fmt.Println("no successful submissions")
		return
	}
	pct := func(p float64) time.Duration { return loadtest.Percentile(ls, p*100) }
	fmt.Printf("submissions=%d errors=%d rate=%.0f/s p50=%s p90=%s p99=%s max=%s server_peak_rss=%.1fMB\n",
		n, r.errors, float64(n)/d.Seconds(), pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond),
		pct(0.99).Round(10*time.Microsecond), ls[n-1].Round(10*time.Microsecond), float64(peakKB)/1024)
}

func load(base string, clients int, d time.Duration, res *results) {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var lat []time.Duration
			errs := 0
			for i := 0; time.Now().Before(deadline); i++ {
				body := fmt.Sprintf(`{"kind":"complaint","title":"Lampu jalan mati nomor %d-%d","body":"Lampu penerangan jalan umum di Jl. Ahmad Yani mati sejak seminggu, gelap dan rawan.","incident_date":"2026-11-20","location":{"address":"Jl. Ahmad Yani, Bontang","lat":0.13,"lon":117.49},"anonymous":%t,"reporter":{"name":"Warga %d","email":"warga%d@example.id"}}`, c, i, i%2 == 0, i, i)
				t0 := time.Now()
				resp, err := client.Post(base+"/api/v1/reports", "application/json", strings.NewReader(body))
				if err != nil {
					errs++
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					errs++
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			if res != nil {
				res.mu.Lock()
				res.latencies = append(res.latencies, lat...)
				res.errors += errs
				res.mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	tr.CloseIdleConnections()
}
