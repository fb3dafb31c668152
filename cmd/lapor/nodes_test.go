package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// TestThreeNodesOnePostgres runs three lapor serve processes on one
// PostgreSQL, each with its scheduler and delivery worker, spreads
// submissions and staff actions over them while their schedulers escalate
// a backlog of overdue reports and their workers deliver webhooks, and
// kills one with SIGKILL mid-run. Afterwards: every acknowledged
// submission and action is there, whole; each overdue report was
// escalated exactly once in each stage; every webhook delivery arrived, and one that
// arrived twice was one the killed node had claimed (the same idempotency
// key both times, for the receiver to drop).
func TestThreeNodesOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the three-node test starts three servers")
	}
	db := pgtest.NewDatabase(t)
	dir := t.TempDir()
	key := filepath.Join(dir, "lapor.key")
	t.Setenv("LAPOR_KEY_FILE", key)
	if out, err := lapor(t, "", "unit", "add", "--db", db, "--code", "dpupr", "--name", "Dinas PU"); err != nil {
		t.Fatalf("unit add: %v %s", err, out)
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

	// The webhook receiver counts each delivery key.
	var hooks sync.Mutex
	received := map[string]int{}
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		hooks.Lock()
		received[r.Header.Get("X-Lapor-Delivery")]++
		hooks.Unlock()
	}))
	defer receiver.Close()

	// A webhook for every event, and (below, once the nodes run) a
	// backlog of 60 reports routed three weeks ago, their follow-up
	// deadline long past.
	ctx := context.Background()
	var c common
	if _, err := c.load(config.Serve, []string{"--db", db}); err != nil {
		t.Fatal(err)
	}
	svc, st, err := c.open(ctx, quietLogger(), nil)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := st.UserByEmail(ctx, "admin@kota.go.id")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddWebhook(ctx, service.Staff(&admin), receiver.URL+"/hook", domain.HookEvents(), "rahasia-webhook-uji-tiga-node"); err != nil {
		t.Fatal(err)
	}
	// Three nodes; their schedulers and delivery workers pass every second,
	// and a claim on a delivery holds two seconds.
	nodes := make([]*exec.Cmd, 3)
	bases := make([]string, 3)
	for i := range nodes {
		nodes[i], bases[i] = startNode(t, db, key, "LAPOR_INTERVAL=1s", "LAPOR_DELIVERY_INTERVAL=1s", "LAPOR_DELIVERY_LEASE=2s")
	}
	// Only now, with the three schedulers running, does the backlog fall
	// due: they race for it.
	past := svc.WithClock(func() time.Time { return time.Now().AddDate(0, 0, -21) })
	var backlog []string
	for i := range 60 {
		rc, err := past.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint,
			Title: fmt.Sprintf("Saluran tersumbat nomor %d", i), Body: "Saluran air di depan rumah tersumbat sampah, air meluap ke jalan."}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := past.Act(ctx, rc.TrackingID, service.Staff(&admin), domain.ActionInput{Action: domain.ActionVerify, Unit: "dpupr"}, nil); err != nil {
			t.Fatal(err)
		}
		backlog = append(backlog, rc.TrackingID)
	}
	st.Close()

	cl := &http.Client{Timeout: 10 * time.Second}
	tokens := make([][2]string, 3)
	for i, b := range bases {
		tokens[i] = [2]string{crashLogin(t, cl, b, "admin@kota.go.id"), crashLogin(t, cl, b, "pu@kota.go.id")}
	}
	var acked crashLedger
	var dead sync.Map // node index -> true once killed
	stop := untilStopped(6, func(g, i int) {
		n := (g + i) % 3 // each step on the next node
		if _, down := dead.Load(n); down {
			return
		}
		next := func() int {
			n = (n + 1) % 3
			if _, down := dead.Load(n); down {
				n = (n + 1) % 3
			}
			return n
		}
		title := fmt.Sprintf("Trotoar rusak klien %d ke-%d", g, i)
		id, ok := acked.file(cl, bases[n], title, "Trotoar di depan pasar rusak dan berlubang, pejalan kaki turun ke jalan.", nil)
		if !ok {
			return
		}
		if m := next(); acked.verify(cl, bases[m], tokens[m][0], id) {
			m = next()
			acked.followUp(cl, bases[m], tokens[m][1], id, "Tim turun ke lokasi "+id+".")
		}
	})
	time.Sleep(2500 * time.Millisecond)
	dead.Store(1, true)
	nodes[1].Process.Signal(syscall.SIGKILL)
	nodes[1].Wait()
	time.Sleep(2500 * time.Millisecond)
	stop()

	// The two left finish the work: every delivery ends, the killed node's
	// claims after their lease.
	st, err = store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		pending, _, err := st.OutboxCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d deliveries still pending a minute after the load", pending)
		}
	}
	for _, n := range []int{0, 2} {
		nodes[n].Process.Signal(syscall.SIGTERM)
		nodes[n].Wait()
	}

	checkLedger(t, db, &acked, 100)
	// Each overdue report escalated exactly once, by one of the nodes.
	for _, id := range backlog {
		r, err := st.ReportByTrackingID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := st.Events(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Once per stage: a scheduler may catch the report still awaiting
		// verification (the backlog is made while they run), and again
		// once it is routed.
		perStage := map[domain.Status]int{}
		for _, e := range evs {
			if e.Type == domain.EventEscalated {
				perStage[e.FromStatus]++
			}
		}
		if perStage[domain.StatusDispositioned] != 1 {
			t.Errorf("overdue report %s escalated %d times while with its unit, want once", id, perStage[domain.StatusDispositioned])
		}
		for st, n := range perStage {
			if n > 1 {
				t.Errorf("overdue report %s escalated %d times in stage %s", id, n, st)
			}
		}
	}
	// Every webhook delivery ended delivered and arrived; one that arrived
	// twice was claimed twice (its first claim died with the node).
	rows, err := st.DB().QueryContext(ctx, `SELECT idem_key, status, attempts FROM outbox WHERE webhook_id IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	hooks.Lock()
	defer hooks.Unlock()
	repeats, deliveries := 0, 0
	for rows.Next() {
		var key, status string
		var attempts int
		if err := rows.Scan(&key, &status, &attempts); err != nil {
			t.Fatal(err)
		}
		deliveries++
		switch got := received[key]; {
		case status != domain.DeliveryDelivered:
			t.Errorf("delivery %s ended %s", key, status)
		case got == 0:
			t.Errorf("delivery %s is marked delivered but never arrived", key)
		case got > 1:
			repeats++
			if attempts < 2 {
				t.Errorf("delivery %s arrived %d times from a single claim", key, got)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(received) != deliveries {
		t.Errorf("%d keys arrived, the outbox holds %d webhook deliveries", len(received), deliveries)
	}
	if len(received) < len(backlog) {
		t.Errorf("only %d webhook deliveries arrived", len(received))
	}
	t.Logf("3 nodes, one killed: %d acknowledged reports, %d escalations, %d webhook deliveries (%d repeated after the kill)",
		len(acked.reports), len(backlog), deliveries, repeats)
}

// startNode starts lapor serve in its own process on db (this test
// binary, serveChild) and returns it and its address; env adds settings.
// The process dies with the test.
func startNode(t *testing.T, db, key string, env ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), "LAPOR_TEST_SERVE=1", "LAPOR_DB="+db, "LAPOR_KEY_FILE="+key, "LAPOR_ADDR=127.0.0.1:0",
		"LAPOR_RATE_LIMITS=off"), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	stuck := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer stuck.Stop()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if _, addr, ok := strings.Cut(sc.Text(), "running at "); ok {
			base, _, _ := strings.Cut(addr, " ")
			go io.Copy(io.Discard, out)
			return cmd, base
		}
	}
	cmd.Wait()
	t.Fatalf("a node did not start: %s", stderr.String())
	return nil, ""
}
