// Package loadtest is the shared harness of Lapor's benchmarks on
// loopback (cmd/lapor-load, cmd/lapor-bench): starting a real server,
// waiting for it, watching its memory, and percentiles.
package loadtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Server is a `lapor serve` process started for a benchmark.
type Server struct {
	URL string
	cmd *exec.Cmd
}

// Start runs `bin serve` on db with the key file key, rate limits off, and
// waits until it answers its health check.
func Start(bin, db, key string) (*Server, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", db, "--key-file", key)
	cmd.Env = append(os.Environ(), "LAPOR_RATE_LIMITS=off")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + addr, cmd: cmd}
	if err := WaitHealthy(s.URL); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// Pid is the server's process id.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Stop interrupts the server and waits for it to end.
func (s *Server) Stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	_ = s.cmd.Wait()
}

// WaitHealthy waits up to a minute for base/healthz to answer 200.
func WaitHealthy(base string) error {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("server did not become healthy in a minute")
}

// FreePort returns a TCP port free on loopback.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// RSSKB reads a process's resident memory from /proc, in KiB.
func RSSKB(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("VmRSS:")); ok {
			n, _ := strconv.ParseInt(strings.Fields(string(v))[0], 10, 64)
			return n
		}
	}
	return 0
}

// PeakRSS samples pid's resident memory every 50 ms until stop is
// called, which returns the peak in KiB.
func PeakRSS(pid int) (stop func() int64) {
	var peak atomic.Int64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			if rss := RSSKB(pid); rss > peak.Load() {
				peak.Store(rss)
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() int64 { close(done); <-finished; return peak.Load() }
}

// Percentile returns the p-th percentile (0 < p <= 100) of sorted
// latencies, 0 when there are none.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// Sort sorts latencies in place and returns them.
func Sort(ls []time.Duration) []time.Duration {
	sort.Slice(ls, func(i, j int) bool { return ls[i] < ls[j] })
	return ls
}
