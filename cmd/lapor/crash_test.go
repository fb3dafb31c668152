package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/store"
)

// crashRounds is how many times each database is killed.
const crashRounds = 10

// TestCrashesLoseNothingAcknowledged runs lapor serve in its own process,
// drives submissions and staff actions at full speed, kills it with
// SIGKILL at a random moment, starts it again, ten times on each
// database; then every submission and action that was answered 2xx is
// there with exactly its content, every timeline replays to its report's
// state, and lapor audit verify is clean.
func TestCrashesLoseNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the crash test kills and restarts a server twenty times")
	}
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "lapor.db")
			if backend == "postgres" {
				db = pgtest.NewDatabase(t)
			}
			key := filepath.Join(dir, "lapor.key")
			t.Setenv("LAPOR_KEY_FILE", key)
			for _, args := range [][]string{
				{"unit", "add", "--db", db, "--code", "dpupr", "--name", "Dinas PU"},
			} {
				if out, err := lapor(t, "", args...); err != nil {
					t.Fatalf("%v: %v %s", args, err, out)
				}
			}
			for _, u := range [][]string{{"admin@kota.go.id", "admin", ""}, {"pu@kota.go.id", "officer", "dpupr"}} {
				args := []string{"user", "add", "--db", db, "--email", u[0], "--role", u[1], "--password-stdin"}
				if u[2] != "" {
					args = append(args, "--unit", u[2])
				}
				if out, err := lapor(t, crashPassword+"\n", args...); err != nil {
					t.Fatalf("user add: %v %s", err, out)
				}
			}
			var acked crashLedger
			for round := range crashRounds {
				crashRound(t, db, key, round, &acked)
			}
			checkLedger(t, db, &acked, 20*crashRounds)
			if out, err := lapor(t, "", "audit", "verify", "--db", db); err != nil || !strings.Contains(out, "OK:") {
				t.Fatalf("audit verify after %d crashes: %v\n%s", crashRounds, err, out)
			}
		})
	}
}

const crashPassword = "kata-sandi-uji-tabrakan"

// crashLedger is what the server acknowledged: each report's content and
// the events an answered action added to it.
type crashLedger struct {
	mu      sync.Mutex
	reports map[string]crashReport
}

type crashReport struct {
	title, body string
	verified    bool   // the admin's verify was answered 200
	followUp    string // the officer's answered follow-up message
}

func (l *crashLedger) update(id string, f func(*crashReport)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.reports == nil {
		l.reports = map[string]crashReport{}
	}
	r := l.reports[id]
	f(&r)
	l.reports[id] = r
}

// file submits a report to base and notes it when answered 201.
func (l *crashLedger) file(c *http.Client, base, title, body string, extra map[string]any) (string, bool) {
	req := map[string]any{"kind": "complaint", "title": title, "body": body}
	for k, v := range extra {
		req[k] = v
	}
	var res struct {
		TrackingID string `json:"tracking_id"`
	}
	if !crashPost(c, base+"/api/v1/reports", "", req, 201, &res) {
		return "", false
	}
	l.update(res.TrackingID, func(r *crashReport) { r.title, r.body = title, body })
	return res.TrackingID, true
}

// verify routes report id to dpupr as the admin and notes it when answered.
func (l *crashLedger) verify(c *http.Client, base, admin, id string) bool {
	if !crashPost(c, base+"/api/v1/reports/"+id+"/actions", admin, map[string]any{"action": "verify", "unit": "dpupr"}, 200, nil) {
		return false
	}
	l.update(id, func(r *crashReport) { r.verified = true })
	return true
}

// followUp answers report id as the officer and notes it when answered.
func (l *crashLedger) followUp(c *http.Client, base, officer, id, msg string) bool {
	if !crashPost(c, base+"/api/v1/reports/"+id+"/actions", officer, map[string]any{"action": "follow_up", "message": msg}, 200, nil) {
		return false
	}
	l.update(id, func(r *crashReport) { r.followUp = msg })
	return true
}

// crashRound starts the server, loads it until a random moment, and
// kills it.
func crashRound(t *testing.T, db, key string, round int, acked *crashLedger) {
	t.Helper()
	cmd, base := startNode(t, db, key, "LAPOR_SCHEDULER=false")
	c := &http.Client{Timeout: 10 * time.Second}
	admin, officer := crashLogin(t, c, base, "admin@kota.go.id"), crashLogin(t, c, base, "pu@kota.go.id")

	stop := untilStopped(8, func(g, i int) {
		title := fmt.Sprintf("Lampu jalan mati ronde %d klien %d ke-%d", round, g, i)
		body := fmt.Sprintf("Lampu penerangan di gang %d RT %d padam sejak minggu lalu, gelap dan rawan.", i, g)
		id, ok := acked.file(c, base, title, body, map[string]any{"anonymous": i%2 == 0,
			"reporter": map[string]any{"name": "Warga Uji", "phone": "081234567890"}})
		if !ok || i%3 == 0 { // some stay in the queue
			return
		}
		if acked.verify(c, base, admin, id) {
			acked.followUp(c, base, officer, id, fmt.Sprintf("Petugas memperbaiki lampu %s.", id))
		}
	})
	time.Sleep(time.Duration(300+rand.IntN(900)) * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	stop()
}

// untilStopped runs step(g, i) for i = 0, 1, ... in each of clients
// goroutines g until the function it returns is called, which waits for
// them.
func untilStopped(clients int, step func(g, i int)) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for g := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				step(g, i)
			}
		}()
	}
	return func() { close(done); wg.Wait() }
}

func crashLogin(t *testing.T, c *http.Client, base, email string) string {
	t.Helper()
	var res struct {
		Token string `json:"token"`
	}
	if !crashPost(c, base+"/api/v1/sessions", "", map[string]any{"email": email, "password": crashPassword}, 201, &res) || res.Token == "" {
		t.Fatalf("login %s failed", email)
	}
	return "Bearer " + res.Token
}

// crashPost posts body as JSON and reports whether the answer had status
// want (decoded into out); a request cut by the kill is false.
func crashPost(c *http.Client, url, auth string, body map[string]any, want int, out any) bool {
	b, _ := json.Marshal(body)
	req, err := http.NewRequest("POST", url, bytes.NewReader(b))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := c.Do(req)
	if err != nil {
		return false
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != want {
		return false
	}
	if out != nil {
		return json.Unmarshal(data, out) == nil
	}
	return true
}

// checkLedger checks every acknowledged report and action against the
// database, and that every report there replays to its own state; a load
// that got fewer than least reports acknowledged proves too little.
func checkLedger(t *testing.T, db string, acked *crashLedger, least int) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	verified, followed := 0, 0
	for id, want := range acked.reports {
		r, err := st.ReportByTrackingID(ctx, id)
		if err != nil {
			t.Fatalf("acknowledged report %s lost: %v", id, err)
		}
		if r.Title != want.title || r.Body != want.body {
			t.Errorf("report %s holds %q / %q, acknowledged %q / %q", id, r.Title, r.Body, want.title, want.body)
		}
		evs, err := st.Events(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		has := func(typ domain.EventType, msg string) bool {
			for _, e := range evs {
				if e.Type == typ && (msg == "" || e.Message == msg) {
					return true
				}
			}
			return false
		}
		if want.verified {
			verified++
			if !has(domain.EventVerified, "") {
				t.Errorf("report %s: the acknowledged verification is missing", id)
			}
		}
		if want.followUp != "" {
			followed++
			if !has(domain.EventFollowedUp, want.followUp) {
				t.Errorf("report %s: the acknowledged follow-up is missing", id)
			}
		}
	}
	// Nothing half-written: every report, acknowledged or cut off, is the
	// replay of its timeline.
	var all []*domain.Report
	for f := (store.Filter{Limit: 200}); ; {
		page, _, err := st.ListReports(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page...)
		if len(page) < f.Limit {
			break
		}
		f.After = f.Cursor(page[len(page)-1])
	}
	if len(all) < len(acked.reports) {
		t.Errorf("%d reports in the database, %d acknowledged", len(all), len(acked.reports))
	}
	for _, r := range all {
		evs, err := st.Events(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		status, unit, conf := domain.Replay(evs)
		if len(evs) == 0 || status != r.Status || (unit == nil) != (r.UnitID == nil) || conf != r.Confidential || r.Version != int64(len(evs)) {
			t.Errorf("report %s is not the replay of its %d events: %s v%d", r.TrackingID, len(evs), r.Status, r.Version)
		}
	}
	t.Logf("%d acknowledged reports (%d verified, %d followed up), %d in the database",
		len(acked.reports), verified, followed, len(all))
	if len(acked.reports) < least || followed == 0 {
		t.Errorf("the load did too little to prove anything: %d reports, %d follow-ups", len(acked.reports), followed)
	}
}

// serveChild is the server process of the crash test: lapor serve with
// its settings from the environment, until it is killed.
func serveChild() {
	err := run(context.Background(), []string{"serve"}, strings.NewReader(""), os.Stdout, os.Stderr)
	fmt.Fprintln(os.Stderr, "serve:", err)
	os.Exit(2)
}
