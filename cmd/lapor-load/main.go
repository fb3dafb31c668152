// Command lapor-load measures a real Lapor server on loopback. In one run,
// on one database server, it measures the machine's ceiling (a bare
// net/http handler making one durable insert of the same row per
// request), then Lapor's report submissions (POST /api/v1/reports from
// concurrent clients) and their ratio to that ceiling, then a flood of
// views of one public report; it prints a line per part and, last, the
// figures as one JSON object.
//
//	go build -o /tmp/lapor ./cmd/lapor && go run ./cmd/lapor-load -bin /tmp/lapor -backend sqlite
//	go run ./cmd/lapor-load -bin /tmp/lapor -backend postgres
//	go run ./cmd/lapor-load -baseline -backend postgres   # only the bare handler
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
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
	duration := flag.Duration("d", 15*time.Second, "measured duration of each part (bounded to 2 minutes)")
	warmup := flag.Duration("warmup", 2*time.Second, "warm-up before measuring")
	baseline := flag.Bool("baseline", false, "measure only the bare net/http handler with one durable insert per request")
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
	if *backend != "sqlite" && *backend != "postgres" {
		fmt.Fprintln(os.Stderr, "lapor-load: -backend is sqlite or postgres")
		os.Exit(2)
	}
	if err := run(*bin, *backend, *clients, *duration, *warmup, *baseline); err != nil {
		fmt.Fprintln(os.Stderr, "lapor-load:", err)
		os.Exit(1)
	}
}

// summary is what one run prints as JSON on its last line.
type summary struct {
	Backend  string  `json:"backend"`
	Clients  int     `json:"clients"`
	Seconds  float64 `json:"seconds_per_part"`
	Baseline *figure `json:"baseline"`         // the bare handler: the machine's ceiling for durable inserts
	Submit   *figure `json:"submit,omitempty"` // POST /api/v1/reports through Lapor
	Ratio    float64 `json:"ratio,omitempty"`  // Submit.Rate / Baseline.Rate
	Views    *figure `json:"views,omitempty"`  // GET /laporan/{id} of one public report, a flood
}

type figure struct {
	Rate   float64 `json:"per_second"`
	P50    float64 `json:"p50_ms"`
	P99    float64 `json:"p99_ms"`
	Errors int     `json:"errors"`
	RSSMB  float64 `json:"server_peak_rss_mb,omitempty"`
}

// run measures, on one database server and in this order: the bare
// handler's durable inserts (the ceiling), Lapor's submissions, their
// ratio, and a flood of views of one public report.
func run(bin, backend string, clients int, duration, warmup time.Duration, baselineOnly bool) error {
	dir, err := os.MkdirTemp("", "lapor-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	pgBase := ""
	if backend == "postgres" {
		if pgBase, err = pgtest.Start(); err != nil {
			return err
		}
		defer pgtest.Shutdown()
	}
	sum := summary{Backend: backend, Clients: clients, Seconds: duration.Seconds()}
	fmt.Printf("backend=%s clients=%d duration=%s per part\n", backend, clients, duration)

	// The ceiling: a bare handler, one durable insert per request.
	port, err := loadtest.FreePort()
	if err != nil {
		return err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	stop, err := startBaseline(addr, backend, filepath.Join(dir, "bare.db"), pgBase, clients)
	if err != nil {
		return err
	}
	if err := loadtest.WaitHealthy("http://" + addr); err != nil {
		stop()
		return err
	}
	sum.Baseline = measure("bare handler", "http://"+addr, os.Getpid(), clients, warmup, duration, submit)
	stop()
	if baselineOnly {
		return printSummary(sum)
	}
	if bin == "" {
		return errors.New("-bin is required: go build -o /tmp/lapor ./cmd/lapor")
	}

	db := filepath.Join(dir, "lapor.db")
	if backend == "postgres" {
		if db, err = pgtest.Start(); err != nil { // a fresh lapor_bench database
			return err
		}
	}
	key := filepath.Join(dir, "lapor.key")
	admin, err := addAdmin(bin, db, key)
	if err != nil {
		return err
	}
	srv, err := loadtest.Start(bin, db, key)
	if err != nil {
		return err
	}
	defer srv.Stop()
	sum.Submit = measure("lapor submissions", srv.URL, srv.Pid(), clients, warmup, duration, submit)
	if sum.Baseline.Rate > 0 {
		sum.Ratio = math.Round(sum.Submit.Rate/sum.Baseline.Rate*100) / 100
	}

	// A viral report: one public report viewed by everyone at once.
	id, err := publicReport(srv.URL, admin)
	if err != nil {
		return err
	}
	sum.Views = measure("views of /laporan/"+id, srv.URL, srv.Pid(), clients, warmup, duration, view(id))
	return printSummary(sum)
}

func printSummary(s summary) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	fmt.Println(string(b))
	return nil
}

// measure warms up, then runs one part of the load and prints its line.
func measure(name, base string, pid, clients int, warmup, d time.Duration, req request) *figure {
	load(base, clients, warmup, nil, req)
	stopRSS := loadtest.PeakRSS(pid)
	res := &results{}
	load(base, clients, d, res, req)
	peak := stopRSS()
	f := res.figure(d, peak)
	fmt.Printf("%-28s %8.0f/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  server peak %.0f MB\n", name, f.Rate, f.P50, f.P99, f.Errors, f.RSSMB)
	return f
}

func loadOnly(base string, clients int, duration time.Duration) error {
	if err := loadtest.WaitHealthy(base); err != nil {
		return err
	}
	res := &results{}
	load(base, clients, duration, res, submit)
	res.report(duration, 0)
	return nil
}

// addAdmin adds an admin account to db with the lapor binary and returns
// its e-mail; the password is adminPassword.
func addAdmin(bin, db, key string) (string, error) {
	const email = "load-admin@bontang.go.id"
	for _, args := range [][]string{
		{"unit", "add", "--db", db, "--key-file", key, "--code", "dpupr", "--name", "Dinas Pekerjaan Umum"},
		{"user", "add", "--db", db, "--key-file", key, "--email", email, "--role", "admin", "--password-stdin"},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Stdin = strings.NewReader(adminPassword + "\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("lapor %s: %v: %s", strings.Join(args[:2], " "), err, out)
		}
	}
	return email, nil
}

const adminPassword = "kata-sandi-beban-panjang"

// publicReport files a report and has the admin verify it, so that the
// public may view it; it returns its tracking ID.
func publicReport(base, admin string) (string, error) {
	c := &http.Client{Timeout: 30 * time.Second}
	post := func(path, auth, body string, want int) (map[string]any, error) {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		res, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != want {
			return nil, fmt.Errorf("POST %s: %d %v", path, res.StatusCode, err)
		}
		return out, nil
	}
	login, err := post("/api/v1/sessions", "", fmt.Sprintf(`{"email":%q,"password":%q}`, admin, adminPassword), 201)
	if err != nil {
		return "", err
	}
	token, _ := login["token"].(string)
	filed, err := post("/api/v1/reports", "", `{"kind":"complaint","title":"Jembatan retak di Jl. Pattimura","body":"Jembatan kecil di Jl. Pattimura retak besar dan bergoyang saat dilewati truk, warga khawatir runtuh.","location":{"address":"Jl. Pattimura, Bontang"}}`, 201)
	if err != nil {
		return "", err
	}
	id, _ := filed["tracking_id"].(string)
	if _, err := post("/api/v1/reports/"+id+"/actions", token, `{"action":"verify","unit":"dpupr"}`, 200); err != nil {
		return "", err
	}
	return id, nil
}

// request sends one request of a load and reports whether it succeeded.
type request func(c *http.Client, base string, client, i int) bool

func submit(c *http.Client, base string, client, i int) bool {
	body := fmt.Sprintf(`{"kind":"complaint","title":"Lampu jalan mati nomor %d-%d","body":"Lampu penerangan jalan umum di Jl. Ahmad Yani mati sejak seminggu, gelap dan rawan.","incident_date":"2026-11-20","location":{"address":"Jl. Ahmad Yani, Bontang","lat":0.13,"lon":117.49},"anonymous":%t,"reporter":{"name":"Warga %d","email":"warga%d@example.id"}}`, client, i, i%2 == 0, i, i)
	resp, err := c.Post(base+"/api/v1/reports", "application/json", strings.NewReader(body))
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusCreated
}

func view(id string) request {
	return func(c *http.Client, base string, _, _ int) bool {
		resp, err := c.Get(base + "/laporan/" + id)
		if err != nil {
			return false
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}
}

type results struct {
	mu        sync.Mutex
	latencies []time.Duration
	errors    int
}

func (r *results) figure(d time.Duration, peakKB int64) *figure {
	ls := loadtest.Sort(r.latencies)
	f := &figure{Errors: r.errors, RSSMB: math.Round(float64(peakKB)/1024*10) / 10}
	if len(ls) == 0 {
		return f
	}
	ms := func(p float64) float64 { return math.Round(float64(loadtest.Percentile(ls, p))/1e4) / 100 }
	f.Rate, f.P50, f.P99 = math.Round(float64(len(ls))/d.Seconds()), ms(50), ms(99)
	return f
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

func load(base string, clients int, d time.Duration, res *results, req request) {
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
				t0 := time.Now()
				if !req(client, base, c, i) {
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
