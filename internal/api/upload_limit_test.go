package api_test

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"path/filepath"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/ratelimit"
	"github.com/lapor-id/lapor/internal/upload/uploadtest"
)

// TestUploadsPerClient: a client may have so many multipart uploads under
// way at once; more are refused at once with 429, others are not
// affected, and a place is free again when an upload ends.
func TestUploadsPerClient(t *testing.T) {
	env := apptest.New(t, filepath.Join(t.TempDir(), "lapor.db"), apptest.Options{})
	env.Seed(t)
	cfg := ratelimit.Config{Uploads: 2, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}
	srv, _ := limitedServer(t, env, cfg)
	addr := srv.Listener.Addr().String()
	stall := func(client string) net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		fmt.Fprintf(c, "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: %s\r\n"+
			"Content-Type: multipart/form-data; boundary=zz\r\nContent-Length: 1000\r\n\r\n--zz\r\n", client)
		return c
	}
	post := func(client string) int {
		ct, body := uploadtest.Encode(reportPart(t))
		return send(t, srv, "POST", "/api/v1/reports", body, map[string]string{"Content-Type": ct, "X-Forwarded-For": client}).Status
	}
	first := stall("203.0.113.1")
	stall("203.0.113.1")
	time.Sleep(100 * time.Millisecond) // both are being read
	if st := post("203.0.113.1"); st != http.StatusTooManyRequests {
		t.Fatalf("a third upload at once: %d, want 429", st)
	}
	if st := post("203.0.113.2"); st != http.StatusCreated {
		t.Fatalf("another client's upload: %d, want 201", st)
	}
	first.Close()
	deadline := time.Now().Add(3 * time.Second)
	for post("203.0.113.1") != http.StatusCreated {
		if time.Now().After(deadline) {
			t.Fatal("the place of an upload that ended is not free again")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
